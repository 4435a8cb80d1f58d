"""Composed article text shared by the page-cleaning tests (no eval text)."""

from __future__ import annotations

# A six-paragraph local news story: long enough to be an article body on its own.
HARBOUR_STORY = [
    "The city council voted on Tuesday to rebuild the harbour wall before the winter storms, "
    "ending a dispute that had delayed the work for two years and divided the waterfront.",
    "Engineers told the council that the old wall had cracked in three places during the "
    "spring floods and that another season of high tides could bring it down entirely.",
    "Residents of the lower town, whose homes flooded twice last year, filled the public "
    "gallery and applauded when the vote was read out by the clerk late in the evening.",
    "The rebuilding will cost about $12 million, most of it from a state resilience fund, and "
    "the contractor expects to finish the first section before the end of November.",
    "Opponents on the council had argued for a cheaper repair, but the engineers said a "
    "patched wall would need replacing within a decade and would cost more in the end.",
    "The mayor said the decision showed that the council could act quickly when the safety of "
    "residents was at stake, and thanked the engineers for their careful report.",
]
