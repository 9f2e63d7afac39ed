"""Article bodies (the shared StreamField) as HTML for portals and as plain text for search and feeds.

One table says how each block type reads, in both forms, so the channels cannot drift apart. Internal links
(``<a linktype="page" id="…">``) become public portal addresses, or plain text when their target is not public.
"""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from html import unescape

from django.utils.html import escape, strip_tags

_A_TAG = re.compile(r"<a\b([^>]*)>")
_ATTR = re.compile(r'([\w-]+)="([^"]*)"')
_BLOCK_END = re.compile(r"</(p|h[1-6]|li|blockquote)>|<br\s*/?>")


@dataclass
class LinkTargets:
    """Where links and files of a body point to, resolved before rendering (a constant number of queries)."""

    page_urls: dict[int, str] = field(default_factory=dict)
    document_urls: dict[int, str] = field(default_factory=dict)
    absolute: Callable[[str], str] = str
    image_html: Callable[[object, str], str] = lambda image, caption: ""


@dataclass(frozen=True)
class BlockReading:
    text: Callable[[object], str]
    html: Callable[[object, LinkTargets], str]


def _quote_html(value, targets: LinkTargets) -> str:
    source = f"<cite>{escape(value['source'])}</cite>" if value["source"] else ""
    return f"<blockquote><p>{escape(value['text'])}</p>{source}</blockquote>"


READINGS: dict[str, BlockReading] = {
    "heading": BlockReading(text=str, html=lambda value, targets: f"<h2>{escape(value)}</h2>"),
    "paragraph": BlockReading(
        text=lambda value: plain_text(value.source),
        html=lambda value, targets: rewrite_links(value.source, targets.page_urls, targets.document_urls)),
    "quote": BlockReading(
        text=lambda value: " — ".join(p for p in (value.get("text"), value.get("source")) if p), html=_quote_html),
    "image": BlockReading(
        text=lambda value: value.get("caption") or "",
        html=lambda value, targets: targets.image_html(value["image"], value["caption"])),
    "document": BlockReading(
        text=lambda value: value.title if value is not None else "",
        html=lambda value, targets: "" if value is None else
        f'<p><a href="{escape(targets.absolute(value.url))}">{escape(value.title)}</a></p>'),
}


def body_text(body: Iterable) -> str:
    """Paragraphs, headings, quotes, captions and attachment titles, separated by blank lines."""
    parts = [READINGS[block.block_type].text(block.value) for block in body or () if block.block_type in READINGS]
    return "\n\n".join(p for p in parts if p)


def body_html(body: Iterable, targets: LinkTargets) -> str:
    return "".join(READINGS[block.block_type].html(block.value, targets)
                   for block in body or () if block.block_type in READINGS)


def linked_ids(body: Iterable, linktype: str) -> set[int]:
    """Ids of the pages (``linktype="page"``) or documents a body's rich text links to."""
    ids: set[int] = set()
    for block in body or ():
        if block.block_type == "paragraph":
            for attrs in _A_TAG.findall(block.value.source):
                values = dict(_ATTR.findall(attrs))
                if values.get("linktype") == linktype and values.get("id", "").isdigit():
                    ids.add(int(values["id"]))
    return ids


def rewrite_links(html: str, page_urls: dict[int, str], document_urls: dict[int, str]) -> str:
    def replace(match: re.Match) -> str:
        values = dict(_ATTR.findall(match.group(1)))
        linktype, target = values.get("linktype"), values.get("id", "")
        if linktype is None:
            return match.group(0)
        urls = page_urls if linktype == "page" else document_urls if linktype == "document" else {}
        href = urls.get(int(target)) if target.isdigit() else None
        return f'<a href="{escape(href)}">' if href else "<a>"

    return _A_TAG.sub(replace, html)


def plain_text(html: str) -> str:
    text = _BLOCK_END.sub("\n\n", html)
    lines = [" ".join(unescape(strip_tags(chunk)).split()) for chunk in text.split("\n\n")]
    return "\n\n".join(line for line in lines if line)
