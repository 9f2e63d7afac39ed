"""Rich text in a backup is sanitised on restore, as the importers sanitise what they bring in.

A backup file can be edited by hand or come from elsewhere, so ``restore_content`` does not trust its HTML.
Every rich text value — ``RichTextField`` columns, ``RichTextBlock`` values at any depth of a StreamField, in the
pages' own rows and in their revisions — is checked against what Wagtail's editor writes (its database format:
the editor's elements, ``data-block-key``, internal links by id, embeds by id or URL, http(s)/mailto/tel links).
A value within that policy is kept byte for byte (a round trip changes nothing); any other value is rebuilt by
the importers' sanitiser (``settings.RICH_TEXT_SANITISER``, which turns HTML into body blocks: scripts, styles,
frames, event handlers and ``javascript:`` links are gone, text is kept).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from html import escape
from html.parser import HTMLParser

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.module_loading import import_string
from wagtail import blocks
from wagtail.fields import RichTextField, StreamField

BLOCK_ATTRIBUTES = {"data-block-key"}
ALLOWED: dict[str, set[str]] = {
    **{tag: BLOCK_ATTRIBUTES for tag in ("p", "h1", "h2", "h3", "h4", "h5", "h6", "ol", "ul", "li", "blockquote")},
    **{tag: set() for tag in ("b", "i", "strong", "em", "code", "sup", "sub", "s", "br", "hr")},
    "a": {"href", "linktype", "id"},
    "embed": {"embedtype", "id", "format", "alt", "url"},
}
SAFE_SCHEMES = ("http://", "https://", "mailto:", "tel:", "#", "/")

Clean = Callable[[str], str]


class _PolicyCheck(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.clean = True

    def handle_starttag(self, tag, attrs):
        allowed = ALLOWED.get(tag)
        if allowed is None:
            self.clean = False
            return
        for name, value in attrs:
            unsafe_address = name in ("href", "url") and not (value or "").strip().lower().startswith(SAFE_SCHEMES)
            if name not in allowed or unsafe_address:
                self.clean = False

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        if tag not in ALLOWED:
            self.clean = False

    def handle_comment(self, data):
        self.clean = False

    def handle_decl(self, decl):
        self.clean = False

    def handle_pi(self, data):
        self.clean = False

    def unknown_decl(self, data):
        self.clean = False


def within_policy(html: str) -> bool:
    """Whether ``html`` holds only what Wagtail's editor itself writes."""
    check = _PolicyCheck()
    check.feed(html)
    check.close()
    return check.clean


def importer_sanitiser() -> Clean:
    """The importers' sanitiser (named by ``settings.RICH_TEXT_SANITISER``: HTML → body blocks) as HTML → HTML."""
    to_blocks = import_string(settings.RICH_TEXT_SANITISER)

    def clean(html: str) -> str:
        parts = []
        for kind, value in to_blocks(html):
            parts.append(f"<h2>{escape(value, quote=False)}</h2>" if kind == "heading"
                         else getattr(value, "source", str(value)))
        return "".join(parts)

    return clean


def sanitised(html: str, clean: Clean) -> str:
    return html if not isinstance(html, str) or within_policy(html) else clean(html)


def _stream_value(block: blocks.Block, value, clean: Clean):
    if isinstance(block, blocks.RichTextBlock):
        return sanitised(value, clean)
    if isinstance(block, blocks.StreamBlock) and isinstance(value, list):
        for child in value:
            if isinstance(child, dict) and child.get("type") in block.child_blocks:
                child["value"] = _stream_value(block.child_blocks[child["type"]], child.get("value"), clean)
        return value
    if isinstance(block, blocks.ListBlock) and isinstance(value, list):
        for index, child in enumerate(value):
            if isinstance(child, dict) and child.get("type") == "item" and "value" in child:
                child["value"] = _stream_value(block.child_block, child["value"], clean)
            else:
                value[index] = _stream_value(block.child_block, child, clean)
        return value
    if isinstance(block, blocks.StructBlock) and isinstance(value, dict):
        for name, child_block in block.child_blocks.items():
            if name in value:
                value[name] = _stream_value(child_block, value[name], clean)
        return value
    return value


def _stream(field: StreamField, raw, clean: Clean):
    """A serialised StreamField (JSON text or list), with its rich text sanitised; unchanged text is kept as is."""
    data = json.loads(raw) if isinstance(raw, str) else raw
    if not isinstance(data, list):
        return raw
    before = json.dumps(data, sort_keys=True)
    data = _stream_value(field.stream_block, data, clean)
    if json.dumps(data, sort_keys=True) == before:
        return raw
    return json.dumps(data, cls=DjangoJSONEncoder) if isinstance(raw, str) else data


def sanitise_fields(model, fields: dict, clean: Clean) -> None:
    """Rich text of one serialised row of ``model`` (a fixture's ``fields`` or a revision's content), in place;
    child rows a revision carries (inline panels) too."""
    for model_field in model._meta.get_fields():
        name = getattr(model_field, "attname", None) or model_field.name
        key = model_field.name if model_field.name in fields else name
        if key not in fields or fields[key] is None:
            continue
        if isinstance(model_field, RichTextField):
            fields[key] = sanitised(fields[key], clean)
        elif isinstance(model_field, StreamField):
            fields[key] = _stream(model_field, fields[key], clean)
        elif model_field.one_to_many and model_field.auto_created and isinstance(fields[key], list):
            for child in fields[key]:
                if isinstance(child, dict):
                    sanitise_fields(model_field.related_model, child, clean)


def _revised_model(content_type):
    """The model a revision is of, from its content type (a natural key in a backup, or an id)."""
    try:
        if isinstance(content_type, list | tuple):
            return ContentType.objects.get_by_natural_key(*content_type).model_class()
        return ContentType.objects.get_for_id(content_type).model_class()
    except (TypeError, ValueError, ContentType.DoesNotExist):
        return None


def sanitise_objects(objects: list[dict], clean: Clean | None = None) -> list[dict]:
    """Every rich text value of a backup's rows, sanitised in place (see the module's note)."""
    clean = clean or importer_sanitiser()
    for obj in objects:
        try:
            model = apps.get_model(obj["model"])
        except (LookupError, ValueError):
            continue
        sanitise_fields(model, obj["fields"], clean)
        if obj["model"] == "wagtailcore.revision" and isinstance(obj["fields"].get("content"), dict):
            revised = _revised_model(obj["fields"].get("content_type"))
            if revised is not None:
                sanitise_fields(revised, obj["fields"]["content"], clean)
    return objects
