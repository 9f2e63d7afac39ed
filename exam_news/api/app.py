"""The portal API, ``/api/v1/``: django-ninja, typed with pydantic schemas, OpenAPI 3.1 for free."""



from ninja import NinjaAPI

from exam_news.api.errors import NotFound, ParameterError
from exam_news.api.rendering import CompactJSONRenderer

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


from exam_news.api.content import router as content_router  # noqa: E402
from exam_news.api.feeds import router as feeds_router  # noqa: E402
from exam_news.api.preview import router as preview_router  # noqa: E402
from exam_news.api.reference import router as reference_router  # noqa: E402

api.add_router("/", reference_router)
api.add_router("/", content_router)
api.add_router("/", feeds_router)
api.add_router("/", preview_router)
from exam_news.api.radio import router as radio_router  # noqa: E402

api.add_router("/radio/", radio_router)
from search.api import router as search_router  # noqa: E402

api.add_router("/", search_router)
