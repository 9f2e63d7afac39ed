"""What a page's own address on this backend answers: the service is headless (no HTML templates), so a visitor
who follows a page's URL here (an old link, a redirect kept by a slug repair) is sent on to where the page is
read — the province portal when it publishes elsewhere, otherwise the page's JSON in the API."""

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from wagtail.models import Page

from exam_news.models.base import ExamContentPage
from exam_news.public.site import portal_base_url, public_url_of


def answer_for_page(page: Page, request: HttpRequest) -> HttpResponse:
    site = page.get_site()
    if site is not None and portal_base_url(site) != site.root_url.rstrip("/"):  # a portal of its own
        return HttpResponseRedirect(public_url_of(page.url_path, site.root_page.url_path, portal_base_url(site)))
    if isinstance(page.specific_deferred, ExamContentPage):
        return HttpResponseRedirect(f"/api/v1/items/{page.pk}")
    return HttpResponseRedirect("/api/v1/sections")
