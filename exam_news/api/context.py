"""Which province site a request is for: the public read model's ``SiteContext`` of the requested host."""

from django.http import HttpRequest
from wagtail.models import Site

from exam_news.api.errors import NotFound
from exam_news.public.schedule import memoised
from exam_news.public.site import SiteContext
from exam_news.public.site import site_context as context_of_site


def site_context(request: HttpRequest) -> SiteContext:
    cached = getattr(request, "_mua_thi_site_context", None)
    if cached is not None:
        return cached
    site = memoised(f"host:{request.get_host()}", lambda: Site.find_for_request(request))
    if site is None:
        raise NotFound("Không có cổng tỉnh nào phục vụ tên miền này.")
    context = context_of_site(site)
    request._mua_thi_site_context = context
    return context
