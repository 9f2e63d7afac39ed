"""Documents are public only through published content.

A document (a directive's PDF, a file linked in an article) is served to the public only when a public page
(``exam_news.public.visibility``) refers to it (Wagtail's reference index records every FK, StreamField block
and rich-text link). Editors signed in to the admin can always open it. Everything else is a 404, so the files of
drafts — e.g. a results plan before its release moment — cannot be fetched by guessing URLs. Documents are
always streamed through this check (``WAGTAILDOCS_SERVE_METHOD = "serve_view"``), also from S3.
"""

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page, ReferenceIndex

from exam_news.public.visibility import any_public


def referencing_page_ids(document) -> list[int]:
    page_type = ContentType.objects.get_for_model(Page)
    ids = ReferenceIndex.get_references_to(document).filter(base_content_type=page_type).values_list(
        "object_id", flat=True)
    return [int(pk) for pk in ids if str(pk).isdigit()]


def is_public(document) -> bool:
    return any_public(referencing_page_ids(document))


def may_download(document, user) -> bool:
    if user.is_authenticated and user.has_perm("wagtailadmin.access_admin"):
        return True
    return is_public(document)
