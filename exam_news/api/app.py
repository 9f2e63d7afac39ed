"""The portal API, ``/api/v1/``: django-ninja, typed with pydantic schemas, OpenAPI 3.1 for free."""

from ninja import NinjaAPI

api = NinjaAPI(
    title="Mùa thi — API cho cổng thông tin huyện, xã",
    version="1",
    description="Lịch thi, điểm thi, tin tức, văn bản, thông báo khẩn và bản tin truyền thanh của "
                "chuyên mục kỳ thi, lọc theo địa bàn. Thời gian theo ISO 8601 (+07:00).",
    urls_namespace="api-v1",
    openapi_url="/openapi.json",
    docs_url="/docs",
)
