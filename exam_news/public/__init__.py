"""The public read model: what the public may see now, and where, with no HTTP in it.

Every channel asks this package — the portal API, feeds, search documents, radio proposals, document downloads,
previews — so that a page is public on one channel exactly when it is public on all of them.
"""
