from django.conf import settings
from django.conf.urls.static import static
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms import views as cms_views
from config.api import api, unknown_address

handler500 = "cms.views.server_error"

urlpatterns = [
    path("healthz", cms_views.healthz, name="healthz"),
    path("readyz", cms_views.readyz, name="readyz"),
    path("api/v1/", api.urls),
    re_path(r"^api/", unknown_address),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

if settings.DEBUG or not settings.AWS_STORAGE_BUCKET_NAME:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
