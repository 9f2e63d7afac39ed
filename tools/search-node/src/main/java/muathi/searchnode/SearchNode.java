package muathi.searchnode;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.common.settings.Settings;
import org.opensearch.common.unit.TimeValue;
import org.opensearch.env.Environment;
import org.opensearch.index.mapper.MapperExtrasPlugin;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.plugins.Plugin;
import org.opensearch.transport.Netty4Plugin;

/**
 * A single-node OpenSearch for development and tests, with its modules loaded from the classpath (no distribution,
 * no plugin directories). Listens on 127.0.0.1 only; its data lives in a temporary folder removed on shutdown.
 *
 * <p>Environment: SEARCH_NODE_PORT (HTTP, default 9200), SEARCH_NODE_TRANSPORT_PORT (default the first free port
 * of 9300-9399),
 * SEARCH_NODE_DATA (home folder; default a new temporary folder, deleted on exit; a given folder is kept).
 */
public final class SearchNode {

    /** The modules a distribution would load from modules/, as classpath plugins. */
    static final List<Class<? extends Plugin>> PLUGINS = List.of(
        Netty4Plugin.class,          // http.type / transport.type netty4
        CommonAnalysisPlugin.class,  // asciifolding, shingle, edge_ngram, ... analysis components
        MapperExtrasPlugin.class     // search_as_you_type, scaled_float, rank_feature, ... field types
    );

    /** Loaded when on the classpath (see pom.xml): icu_folding, icu_tokenizer, icu_normalizer, ... */
    static final String ICU_PLUGIN = "org.opensearch.plugin.analysis.icu.AnalysisICUPlugin";

    static List<Class<? extends Plugin>> plugins() {
        List<Class<? extends Plugin>> plugins = new ArrayList<>(PLUGINS);
        try {
            plugins.add(Class.forName(ICU_PLUGIN).asSubclass(Plugin.class));
        } catch (ClassNotFoundException e) {
            // built without analysis-icu-client
        }
        return plugins;
    }

    /** Node's constructor with classpath plugins is protected (the test framework's MockNode uses it too). */
    static final class ClasspathNode extends Node {
        ClasspathNode(Environment environment, Collection<Class<? extends Plugin>> plugins) {
            super(environment, plugins, true);
        }
    }

    private SearchNode() {}

    public static void main(String[] args) throws Exception {
        Logger log = LogManager.getLogger(SearchNode.class);
        int httpPort = intEnv("SEARCH_NODE_PORT", 9200);
        // Node-to-node port, unused by clients: the first free one of a range unless given.
        String transportPort = System.getenv("SEARCH_NODE_TRANSPORT_PORT");
        if (transportPort == null || transportPort.isBlank()) {
            transportPort = "9300-9399";
        }
        String given = System.getenv("SEARCH_NODE_DATA");
        boolean temporary = given == null || given.isBlank();
        Path home = temporary ? Files.createTempDirectory("mua-thi-search-node-") : Paths.get(given).toAbsolutePath();
        Files.createDirectories(home.resolve("config"));
        Files.createDirectories(home.resolve("plugins"));
        Files.createDirectories(home.resolve("modules"));

        Settings settings = Settings.builder()
            .put("cluster.name", "mua-thi-test")
            .put("node.name", "mua-thi-search-node")
            .put("path.home", home.toString())
            .put("path.data", home.resolve("data").toString())
            .put("path.logs", home.resolve("logs").toString())
            .put("network.host", "127.0.0.1")
            .put("http.port", httpPort)
            .put("transport.port", transportPort)
            .put("http.type", "netty4")
            .put("transport.type", "netty4")
            // One node, no discovery: also makes bootstrap checks warnings only (they run in Node#start).
            .put("discovery.type", "single-node")
            // A nearly full disk in a container must not make indices read-only or unassigned.
            .put("cluster.routing.allocation.disk.threshold_enabled", false)
            .build();

        Environment environment = InternalSettingsPreparer.prepareEnvironment(
            settings, Collections.emptyMap(), null, () -> "mua-thi-search-node");
        Node node = new ClasspathNode(environment, plugins());

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                log.info("stopping search node");
                node.close();
                if (!node.awaitClose(30, TimeUnit.SECONDS)) {
                    log.warn("search node did not close within 30 s");
                }
            } catch (Exception e) {
                log.error("closing the search node failed", e);
            } finally {
                if (temporary) {
                    deleteTree(home, log);
                }
                log.info("search node stopped");
                stopped.countDown();
                LogManager.shutdown();
            }
        }, "search-node-shutdown"));

        try {
            node.start();
        } catch (Throwable e) {
            log.error("search node failed to start", e);
            System.exit(1); // runs the shutdown hook: closes what started and removes the temporary folder
        }
        // Indices created without number_of_replicas get 0, so a single node is green, not yellow. Only the cluster
        // metadata value is read at index creation in 2.19 (a node setting is ignored), hence a persistent setting.
        try {
            node.client().admin().cluster().prepareUpdateSettings()
                .setPersistentSettings(Settings.builder().put("cluster.default_number_of_replicas", 0))
                .get(TimeValue.timeValueSeconds(30));
        } catch (Exception e) {
            log.warn("could not set cluster.default_number_of_replicas=0: {}", e.toString());
        }
        log.info("search node ready: http://127.0.0.1:{} (home {}{})", httpPort, home, temporary ? ", temporary" : "");
        stopped.await(); // the node's threads are non-daemon; this keeps main alive until the hook finishes
    }

    private static int intEnv(String name, int fallback) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a port number, not [" + value + "]");
        }
    }

    private static void deleteTree(Path root, Logger log) {
        if (!Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            log.warn("could not delete {}: {}", root, e.toString());
        }
    }
}
