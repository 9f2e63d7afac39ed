"""Search filters as tokens of the database's full-text index.

Kind, year, section, area and site are indexed as words of their own column ("zzknews", "zzy2025",
"zza30280", "zzpw" for province-wide, "zzr<root>"), so the full-text engine intersects them with the
query's words in its posting lists instead of the database looking up every match's row. A filter is an AND
of clauses, each clause an OR of tokens.
"""

import re
import zlib

from search.types import SearchQuery

PROVINCE_WIDE = "zzpw"
SAMPLE_SLOTS = 128  # every entry is in one slot ("zzq0" … "zzq127", by a hash of its key): estimates read a few
_NOT_TOKEN = re.compile(r"[^a-z0-9]")


def _token(prefix: str, value: object) -> str:
    return "zz" + prefix + _NOT_TOKEN.sub("", str(value).lower())


def sample_slot(key: str) -> int:
    return zlib.crc32(key.encode()) % SAMPLE_SLOTS


def sample_tokens(slots: int) -> tuple[str, ...]:
    """The tokens of the first ``slots`` slots: about ``slots / SAMPLE_SLOTS`` of any set of entries."""
    return tuple(_token("q", slot) for slot in range(slots))


def document_tokens(*, key: str, root: str, kind: str, year: int | None, section_key: str,
                    area_codes: list[str] | tuple[str, ...]) -> str:
    tokens = [_token("r", root), _token("k", kind), _token("q", sample_slot(key))]
    if year:
        tokens.append(_token("y", year))
    if section_key:
        tokens.append(_token("s", section_key))
    tokens += [_token("a", code) for code in dict.fromkeys(area_codes)] or [PROVINCE_WIDE]
    return " ".join(tokens)


def query_clauses(query: SearchQuery) -> list[tuple[str, ...]] | None:
    """The query's filters as clauses of tokens; None when they can match nothing (an empty area set)."""
    clauses: list[tuple[str, ...]] = [(_token("r", query.root),)]
    if query.kinds:
        clauses.append(tuple(_token("k", kind) for kind in query.kinds))
    if query.section_keys:
        clauses.append(tuple(_token("s", key) for key in query.section_keys))
    if query.year is not None:
        clauses.append((_token("y", query.year),))
    if query.area_codes is not None:
        areas = tuple(_token("a", code) for code in sorted(query.area_codes))
        if query.include_province_wide:
            areas += (PROVINCE_WIDE,)
        if not areas:
            return None
        clauses.append(areas)
    return clauses


def facet_values(tokens: str) -> tuple[str, str, list[str]]:
    """(kind, year, area codes) of an entry, read back from its tokens."""
    kind = year = ""
    areas = []
    for token in tokens.split():
        if token.startswith("zzk"):
            kind = token[3:]
        elif token.startswith("zzy"):
            year = token[3:]
        elif token.startswith("zza"):
            areas.append(token[3:])
    return kind, year, areas
