"""The portal API, ``/api/v1/``, assembled here from each app's routers (django-ninja; OpenAPI 3.1 from the
pydantic schemas)."""

from ninja import NinjaAPI

from exam_news.api import content, feeds, preview, radio, reference
from exam_news.api.errors import NotFound, ParameterError
from exam_news.api.rendering import CompactJSONRenderer
from search import api as search_api

api = NinjaAPI(
    title="Mùa thi — API cho cổng thông tin huyện, xã",
    version="1",
    description="Lịch thi, điểm thi, tin tức, văn bản, thông báo khẩn và bản tin truyền thanh của "
                "chuyên mục kỳ thi, lọc theo địa bàn. Thời gian theo ISO 8601 (+07:00).",
    urls_namespace="api-v1",
    openapi_url="/openapi.json",
    docs_url="/docs",
    renderer=CompactJSONRenderer(),
)


@api.exception_handler(ParameterError)
@api.exception_handler(NotFound)
def api_error(request, exc):
    return api.create_response(request, {"detail": exc.detail}, status=exc.status_code)


for router in (reference.router, content.router, feeds.router, preview.router):
    api.add_router("/", router)
api.add_router("/radio/", radio.router)
api.add_router("/", search_api.router)
