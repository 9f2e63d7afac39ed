package muathi.searchnode;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.opensearch.common.util.concurrent.ThreadContext;
import org.opensearch.common.xcontent.XContentType;
import org.opensearch.core.xcontent.MediaType;
import org.opensearch.core.xcontent.spi.MediaTypeProvider;
import org.opensearch.plugins.ActionPlugin;
import org.opensearch.plugins.Plugin;
import org.opensearch.rest.RestHandler;

/**
 * Lets the official Elasticsearch 8 Python client (elasticsearch-py 8.x, used by Mùa thi) talk to this OpenSearch
 * node. That client
 * <ul>
 *   <li>sends {@code Content-Type}/{@code Accept: application/vnd.elasticsearch+json; compatible-with=8} (and
 *       {@code +x-ndjson} for _bulk), which OpenSearch answers with 406 "Content-Type header [...] is not supported":
 *       {@link MediaTypes} maps them to plain JSON (registered in META-INF/services);</li>
 *   <li>raises UnsupportedProductError on any 2xx response without {@code X-Elastic-Product: Elasticsearch}:
 *       {@link HeaderPlugin} adds that header to every REST response.</li>
 * </ul>
 * Nothing else changes: request and response bodies are OpenSearch's (version 2.19.x in GET /).
 */
public final class ElasticsearchClientCompat {

    private ElasticsearchClientCompat() {}

    /** Read by OpenSearch's MediaTypeRegistry through java.util.ServiceLoader. */
    public static final class MediaTypes implements MediaTypeProvider {
        @Override
        public List<MediaType> getMediaTypes() {
            return List.of();
        }

        @Override
        public Map<String, MediaType> getAdditionalMediaTypes() {
            return Map.of(
                "application/vnd.elasticsearch+json", XContentType.JSON,
                "application/vnd.elasticsearch+x-ndjson", XContentType.JSON
            );
        }
    }

    /** Adds X-Elastic-Product to every REST response (the response headers of the request's thread context). */
    public static final class HeaderPlugin extends Plugin implements ActionPlugin {
        @Override
        public UnaryOperator<RestHandler> getRestHandlerWrapper(ThreadContext threadContext) {
            return handler -> new RestHandler.Wrapper(handler) {
                @Override
                public void handleRequest(
                    org.opensearch.rest.RestRequest request,
                    org.opensearch.rest.RestChannel channel,
                    org.opensearch.client.node.NodeClient client
                ) throws Exception {
                    threadContext.addResponseHeader("X-Elastic-Product", "Elasticsearch");
                    super.handleRequest(request, channel, client);
                }
            };
        }
    }
}
