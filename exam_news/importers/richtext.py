"""Legacy article bodies (plain text or HTML from an old portal) as body StreamField blocks.

HTML is reduced to what the editor offers: headings (heading blocks), paragraphs and lists (rich text
paragraph blocks) with bold, italic and http(s)/mailto/tel links. Sanitising is nh3's (an allow-list sanitiser
over an HTML5 parser): scripts, styles, frames and media are dropped with their content, every other tag not
listed below is dropped and its text kept, attributes other than a link's href are dropped, and so are links
that are relative (they point into the old portal) or use another scheme. The clean markup is then only
arranged into blocks.
"""

import re
from html import escape, unescape
from html.parser import HTMLParser

import nh3
from wagtail.rich_text import RichText

Blocks = list[tuple[str, str | RichText]]

_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(\s[^<>]*)?/?>")
_BLANK_LINE = re.compile(r"\n\s*\n")
_SPACES = re.compile(r"\s+")

_DROPPED = {"script", "style", "iframe", "frame", "frameset", "object", "noscript", "template", "svg", "math",
            "head", "title", "select", "textarea", "canvas", "video", "audio", "button"}
_BLOCKS = {"p", "div", "section", "article", "header", "footer", "aside", "main", "nav", "blockquote", "pre",
           "table", "thead", "tbody", "tfoot", "tr", "figure", "figcaption", "address", "center", "dl", "dt",
           "dd", "hr", "br", "form", "fieldset", "caption"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_LISTS = {"ul", "ol"}
_INLINE = {"b": "b", "strong": "b", "i": "i", "em": "i", "a": "a"}
_CELLS = {"td", "th"}
_KEPT = _BLOCKS | _HEADINGS | _LISTS | {"li"} | set(_INLINE) | _CELLS  # the structure the blocks are made from
_LINK_SCHEMES = {"http", "https", "mailto", "tel"}


def clean_html(html: str) -> str:
    """The legacy HTML with only the kept tags, links' href (absolute, allowed schemes) and their text."""
    return nh3.clean(html, tags=_KEPT, clean_content_tags=_DROPPED, attributes={"a": {"href"}},
                     attribute_filter=_only_link_targets, url_schemes=_LINK_SCHEMES, url_relative="deny",
                     link_rel=None, strip_comments=True)


def _only_link_targets(tag: str, attribute: str, value: str) -> str | None:
    # nh3 also allows the generic lang and title everywhere; the editor keeps neither.
    return value if (tag, attribute) == ("a", "href") else None


def looks_like_html(text: str) -> bool:
    return bool(_TAG.search(text))


def body_blocks(text: str) -> Blocks:
    """StreamField data for a legacy body: HTML is sanitised, plain text becomes one paragraph per
    blank-line-separated block (single line breaks kept)."""
    if not text or not text.strip():
        return []
    if looks_like_html(text):
        parser = _BlockBuilder()
        parser.feed(clean_html(text))
        parser.close()
        return parser.blocks
    blocks: Blocks = []
    for chunk in _BLANK_LINE.split(text.strip()):
        lines = [" ".join(line.split()) for line in chunk.splitlines() if line.strip()]
        blocks.append(("paragraph", RichText("<p>" + "<br/>".join(escape(line, quote=False) for line in lines)
                                             + "</p>")))
    return blocks


def comparable(blocks) -> list[tuple[str, str]]:
    """Block types and contents, to tell whether a body changed (block ids aside)."""
    return [(kind, value.source if isinstance(value, RichText) else str(value)) for kind, value in
            ((b.block_type, b.value) if hasattr(b, "block_type") else b for b in blocks)]


class _BlockBuilder(HTMLParser):
    """Arranges sanitised markup (clean_html) into heading and paragraph blocks."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: Blocks = []
        self.parts: list[str] = []
        self.open_inline: list[str] = []
        self.heading = False
        self.list_tag: str | None = None
        self.list_items: list[str] = []

    # --- structure ---

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HEADINGS:
            self._flush()
            self.heading = True
        elif tag in _LISTS:
            self._flush()
            if self.list_tag is None:  # nested lists are flattened into the outer one
                self.list_tag, self.list_items = tag, []
        elif tag == "li" or tag in _BLOCKS:
            self._flush()
        elif tag in _INLINE and not self.heading:
            self._open_inline(_INLINE[tag], dict(attrs))
        elif tag in _CELLS:
            self._text(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HEADINGS:
            self._flush()
            self.heading = False
        elif tag in _LISTS:
            self._flush()
            if self.list_tag == tag:
                self._end_list()
        elif tag == "li" or tag in _BLOCKS:
            self._flush()
        elif tag in _INLINE and _INLINE[tag] in self.open_inline:
            name = _INLINE[tag]
            while self.open_inline:
                closing = self.open_inline.pop()
                self.parts.append(f"</{closing}>")
                if closing == name:
                    break

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("br", "hr"):
            self._flush()

    def handle_data(self, data: str) -> None:
        self._text(data)

    def close(self) -> None:
        super().close()
        self._flush()
        if self.list_tag:
            self._end_list()

    # --- helpers ---

    def _text(self, data: str) -> None:
        text = _SPACES.sub(" ", data)
        if not "".join(self.parts).strip() or self.parts[-1].endswith(" "):
            text = text.lstrip()
        if text:
            self.parts.append(escape(text, quote=False))

    def _open_inline(self, name: str, attrs: dict[str, str | None]) -> None:
        if name in self.open_inline:
            return
        if name == "a":
            href = (attrs.get("href") or "").strip()
            if not href:
                return  # clean_html removed a relative or unsafe target; keep only the text
            self.parts.append(f'<a href="{escape(href)}">')
        else:
            self.parts.append(f"<{name}>")
        self.open_inline.append(name)

    def _flush(self) -> None:
        while self.open_inline:
            self.parts.append(f"</{self.open_inline.pop()}>")
        html = "".join(self.parts).strip()
        self.parts = []
        has_text = bool(_SPACES.sub("", _TAG.sub("", html)))
        if not has_text:
            return
        if self.heading:
            self.blocks.append(("heading", unescape(_SPACES.sub(" ", _TAG.sub("", html)).strip())))
        elif self.list_tag:
            self.list_items.append(html)
        else:
            self.blocks.append(("paragraph", RichText(f"<p>{html}</p>")))

    def _end_list(self) -> None:
        items = "".join(f"<li>{item}</li>" for item in self.list_items)
        if items:
            self.blocks.append(("paragraph", RichText(f"<{self.list_tag}>{items}</{self.list_tag}>")))
        self.list_tag, self.list_items = None, []
