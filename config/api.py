"""The portal API, ``/api/v1/``, assembled here from each app's routers (django-ninja; OpenAPI 3.1 from the
pydantic schemas)."""

from django.http import HttpRequest, JsonResponse
from ninja import NinjaAPI
from ninja.errors import ValidationError

from exam_news.api import content, feeds, preview, radio, reference
from exam_news.api.contract import with_common_responses
from exam_news.api.errors import NotFound, ParameterError
from exam_news.api.params import refuse_unknown_parameters
from exam_news.api.rendering import CompactJSONRenderer
from exam_news.api.validation_messages import in_vietnamese
from search import api as search_api


class PortalAPI(NinjaAPI):
    """Its OpenAPI document also lists the answers every operation can give (``exam_news.api.contract``)."""

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        return with_common_responses(super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params))


api = PortalAPI(
    title="Mùa thi — API cho cổng thông tin huyện, xã",
    version="1",
    description="Lịch thi, điểm thi, tin tức, văn bản, thông báo khẩn và bản tin truyền thanh của "
                "chuyên mục kỳ thi, lọc theo địa bàn. Thời gian theo ISO 8601 (+07:00).",
    urls_namespace="api-v1",
    openapi_url="/openapi.json",
    docs_url="/docs",
    renderer=CompactJSONRenderer(),
)
api.add_decorator(refuse_unknown_parameters, mode="view")


@api.exception_handler(ParameterError)
@api.exception_handler(NotFound)
def api_error(request, exc):
    return api.create_response(request, {"detail": exc.detail}, status=exc.status_code)


@api.exception_handler(ValidationError)
def malformed_parameters(request, exc):
    return api.create_response(request, {"detail": in_vietnamese(exc.errors)}, status=422)


for router in (reference.router, content.router, feeds.router, preview.router):
    api.add_router("/", router)
api.add_router("/radio/", radio.router)
api.add_router("/", search_api.router)


def unknown_address(request: HttpRequest) -> JsonResponse:
    """Any address under /api/ that no operation answers (a path parameter of the wrong form included): a
    JSON 404 like the operations' own, not Django's HTML page."""
    return JsonResponse({"detail": f"Không có địa chỉ API {request.path}."}, status=404,
                        json_dumps_params={"ensure_ascii": False})
