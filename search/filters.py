"""Search filters as tokens of the database's full-text index.

Kind, year, section, area and site are indexed as words of their own column ("zzknews", "zzy2025",
"zza30280", "zzpw" for province-wide, "zzr<root>"), so the full-text engine intersects them with the
query's words in its posting lists instead of the database looking up every match's row. A filter is an AND
of clauses, each clause an OR of tokens.
"""

import re
import zlib
from collections import Counter
from collections.abc import Iterable

from search.types import SearchQuery

PROVINCE_WIDE = "zzpw"
SAMPLE_SLOTS = 128  # every entry is in one slot ("zzq0" … "zzq127", by a hash of its key): estimates read a few
# The first 2, 4 … 64 slots have one token each ("zzqu2" is in slots 0 and 1), so a sample of any of those sizes
# is one posting list: an OR of dozens of slot tokens costs more to read than the words themselves.
SAMPLE_WIDTHS = tuple(2 ** n for n in range(1, SAMPLE_SLOTS.bit_length() - 1))
_NOT_TOKEN = re.compile(r"[^a-z0-9]")


def _token(prefix: str, value: object) -> str:
    return "zz" + prefix + _NOT_TOKEN.sub("", str(value).lower())


def sample_slot(key: str) -> int:
    return zlib.crc32(key.encode()) % SAMPLE_SLOTS


def sample_width(slots: int) -> int:
    """The sample with a token of its own nearest ``slots`` in proportion (between ``slots / √2`` and
    ``slots · √2``): rounding up instead would read up to twice the rows an estimate needs."""
    if slots <= 1:
        return 1
    width = 1 << (slots.bit_length() - 1)  # the largest power of two up to ``slots``
    return min(SAMPLE_SLOTS, width * 2 if slots * slots > 2 * width * width else width)


def sample_tokens(slots: int) -> tuple[str, ...]:
    """The clause matching the entries in the first ``slots`` slots: about ``slots / SAMPLE_SLOTS`` of any set of
    entries. One token for one slot or a sample width, none for every slot, else one token per slot."""
    if slots >= SAMPLE_SLOTS:
        return ()
    if slots in SAMPLE_WIDTHS:
        return (_token("qu", slots),)
    return tuple(_token("q", slot) for slot in range(slots))


def document_tokens(*, key: str, root: str, kind: str, year: int | None, section_key: str,
                    area_codes: list[str] | tuple[str, ...]) -> str:
    slot = sample_slot(key)
    tokens = [_token("r", root), _token("k", kind), _token("q", slot)]
    tokens += [_token("qu", width) for width in SAMPLE_WIDTHS if slot < width]
    if year:
        tokens.append(_token("y", year))
    if section_key:
        tokens.append(_token("s", section_key))
    tokens += [_token("a", code) for code in dict.fromkeys(area_codes)] or [PROVINCE_WIDE]
    return " ".join(tokens)


def root_clause(root: str) -> tuple[str, ...]:
    """The clause of one site; ``query_clauses`` starts with it unless the site is matched otherwise."""
    return (_token("r", root),)


def query_clauses(query: SearchQuery, site: bool = True) -> list[tuple[str, ...]] | None:
    """The query's filters as clauses of tokens (the site's too, with ``site``); None when they can match
    nothing (an empty area set)."""
    clauses: list[tuple[str, ...]] = [root_clause(query.root)] if site else []
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


def facet_counts(rows: Iterable[str]) -> tuple[Counter, Counter, Counter]:
    """How many of the entries whose tokens are ``rows`` have each kind, year and area code.

    An entry has one kind token, at most one year token and each area token once, so counting the tokens of
    all the rows at once (in C) counts the entries."""
    kinds: Counter = Counter()
    years: Counter = Counter()
    areas: Counter = Counter()
    for token, n in Counter(" ".join(rows).split()).items():
        if token.startswith("zzk"):
            kinds[token[3:]] = n
        elif token.startswith("zzy"):
            years[token[3:]] = n
        elif token.startswith("zza"):
            areas[token[3:]] = n
    return kinds, years, areas
