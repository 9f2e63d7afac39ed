"""The total and the facets of a query: counted in one statement, or estimated from a sample."""



from search import filters
from search.database import tables
from search.database.counts import Counts, facet_counts, significant
from search.database.matching import Match


def totals(match: Match, window: int = tables.MIN_CANDIDATES) -> Counts:
    """The total and the facets: counted in one statement up to tables.TALLY_LIMIT matches, else estimated from the
    matches in enough sample slots to read about tables.SAMPLE_SIZE of them."""
    # No probe when so few entries hold the rarest word that the tally cannot pass its limit.
    at_most = match.at_most()
    probe = match.probe() if match.PROBE_FIRST and (at_most is None or at_most > tables.TALLY_LIMIT) else None
    # Half the limit in one slot's proportion: more than tables.TALLY_LIMIT matches in all is then beyond chance (and
    # fewer than tables.EXACT_LIMIT far beyond it).
    at_least = tables.EXACT_LIMIT
    if probe is None or len(probe.matches) * filters.SAMPLE_SLOTS < tables.TALLY_LIMIT // 2:
        counts = match.tally(tables.TALLY_LIMIT, window)
        if counts is not None:
            return counts
        at_least = tables.TALLY_LIMIT
    probe = probe or match.probe()
    sample, slots = probe.matches, 1
    if len(sample) < tables.SAMPLE_SIZE // 2:  # too few matches for one slot to estimate well: read more slots
        estimate = max(len(sample) * filters.SAMPLE_SLOTS, tables.EXACT_LIMIT + 1)
        slots = match.sample_slots(-(-filters.SAMPLE_SLOTS * tables.SAMPLE_SIZE // estimate))
        sample = match.matches(8 * tables.SAMPLE_SIZE, filters.sample_tokens(slots),
                               sampled=probe.checks_fewer_rows(slots))
    scale = filters.SAMPLE_SLOTS / slots
    total = max(significant(len(sample) * scale), at_least)
    return Counts(total, False, facet_counts([r[1] for r in sample], scale), strong_share=probe.strong_share)
