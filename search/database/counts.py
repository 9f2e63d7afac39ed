"""What counting found: exact totals, estimates from sample slots, and facets."""

from collections import Counter
from dataclasses import dataclass

from search import filters
from search.database import tables
from search.types import FacetValue


def significant(n: float) -> int:
    """An estimate rounded to two significant digits (98,187 → 98,000)."""
    if n < 100:
        return round(n)
    scale = 10 ** (len(str(int(n))) - 2)
    return int(round(n / scale) * scale)


@dataclass
class Counts:
    total: int
    exact: bool
    facets: dict[str, list[FacetValue]]
    matches: list[tuple] | None = None  # every match, when they were few enough to count exactly
    strong_share: float | None = None  # about which share of the matches is strong, when estimated


@dataclass
class Probe:
    """The first sample slot (1/128 of the entries): its matches, and what the database could tell besides."""

    matches: list[tuple]  # (id, filter tokens)
    passing: int | None = None  # how many of its entries pass the filters, with or without the words
    strong: int | None = None  # how many of its matches have the words in title, codes or places

    @property
    def strong_share(self) -> float | None:
        """About which share of the matches is strong, when the database said."""
        return self.strong / len(self.matches) if self.strong is not None and self.matches else None

    def estimate(self) -> "Counts":
        """About how many matches there are (no facets), and which share is strong: all a plan needs."""
        return Counts(len(self.matches) * filters.SAMPLE_SLOTS, False, {}, strong_share=self.strong_share)

    def checks_fewer_rows(self, slots: int) -> bool:
        """Whether a sample of ``slots`` slots is best read through the filters' and slots' posting lists alone,
        checking the words row by row (few rows pass them), rather than intersecting with the words' lists."""


def facet_counts(tokens: list[str], scale: float) -> dict[str, list[FacetValue]]:
    kinds, years, areas = filters.facet_counts(tokens)

    def values(counter: Counter) -> list[tuple[str, int]]:
        return [(v, n if scale == 1 else significant(n * scale)) for v, n in counter.items()]

    return {
        "kind": [FacetValue(k, n) for k, n in sorted(values(kinds), key=lambda kv: (-kv[1], kv[0]))],
        "year": [FacetValue(y, n) for y, n in sorted(values(years), reverse=True)],
        "area": [FacetValue(c, n) for c, n in sorted(values(areas), key=lambda kv: (-kv[1], kv[0]))
                 ][:tables.AREA_FACET_SIZE],
    }
