import hashlib
import math
from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest

from exam_news.api.errors import NotFound
from exam_news.api.params import PageParams
from exam_news.public.schedule import memoised


def _page_link(request: HttpRequest, page: int) -> str:
    query = request.GET.copy()
    query["page"] = str(page)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def paginate(request: HttpRequest, queryset: QuerySet, params: PageParams,
             serialize: Callable[[list[Any]], list[dict]]) -> dict:
    digest = hashlib.sha256(f"{request.get_host()}|{request.path}|{sorted(request.GET.items())}".encode()).hexdigest()
    count = memoised(f"count:{digest[:32]}", queryset.count)
    pages = max(1, math.ceil(count / params.page_size))
    if params.page > pages:
        raise NotFound(f"page: chỉ có {pages} trang kết quả.")
    start = (params.page - 1) * params.page_size
    rows = list(queryset[start:start + params.page_size]) if count else []
    return {
        "count": count, "page": params.page, "page_size": params.page_size, "pages": pages,
        "next": _page_link(request, params.page + 1) if params.page < pages else None,
        "previous": _page_link(request, params.page - 1) if params.page > 1 else None,
        "results": serialize(rows),
    }
