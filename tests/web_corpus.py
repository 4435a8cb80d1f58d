"""A small corpus for the web tests: the example article, a syndicated copy of it, a second
outlet's article on the same story (one claim carried with a hedge), and a hostile article
whose text holds markup and script. Built once per session into a temp SQLite store."""

from __future__ import annotations

import json
from pathlib import Path

import newstrace
from newstrace.corpus import cluster_stories, dedupe

from .conftest import ROOT

EXAMPLE = ROOT / "examples" / "venezuela-syndicated.txt"

HOSTILE = (
    'The council said <script>window.__pwned = "script";</script> the budget was cut.\n'
    'A reader wrote <img src="x" onerror="window.__pwned = \'onerror\'"> in the comments, '
    'and <a href="javascript:window.__pwned=\'link\'">this link</a> was shared.\n'
    '"We will not allow <b onmouseover=alert(1)>hostile</b> markup," the mayor told reporters.'
)

SECOND_OUTLET = (
    "Stephen Miller, a White House adviser, told reporters on September 5 that \u201ca drug "
    "cartel is reportedly running Venezuela.\u201d\n\n"
    "US forces attacked small vessels in the Caribbean this month, killing 17 people, and "
    "legal experts have criticised the strikes.\n\n"
    "Secretary of State Marco Rubio said the naval buildup in the Caribbean would continue. "
    "\u201cWe are not going to stop,\u201d Rubio said on Thursday."
)


def records(example_body: str) -> list[dict]:
    return [
        {"id": "copy-1", "outlet": "MENAFN", "date": "2025-09-12",
         "title": "Top Trump Officials Ramp Up Pressure For Military Strikes In Venezuela",
         "url": "https://example.org/menafn/venezuela", "text": example_body},
        {"id": "second-1", "outlet": "Example Daily", "date": "2025-09-13",
         "title": "Washington weighs strikes inside Venezuela",
         "url": "https://example.org/daily/venezuela", "text": SECOND_OUTLET},
        {"id": "hostile-1", "outlet": "Hostile Times", "date": "2025-09-14",
         "title": "<script>window.__pwned='title'</script> Council cuts budget",
         "url": "javascript:window.__pwned='url'", "text": HOSTILE},
    ]


def build(folder: Path) -> dict:
    """Ingest the corpus into folder/web.db; run dedupe and clusters. Returns the ids."""
    db = folder / "web.db"
    store = newstrace.open_corpus(db)
    try:
        store.ingest([EXAMPLE])
        example = next(store.articles())
        data = folder / "records.jsonl"
        data.write_text("\n".join(json.dumps(r) for r in records(example.text)) + "\n",
                        encoding="utf-8")
        store.ingest([data])
        dedupe(store)
        cluster_stories(store)
        by_uri = {r.uri: r for r in store.articles()}
        ids = {"example": example.id, "db": str(db)}
        for r in by_uri.values():
            if r.outlet == "MENAFN" and r.id != example.id:
                ids["copy"] = r.id
            elif r.outlet == "Example Daily":
                ids["second"] = r.id
            elif r.outlet == "Hostile Times":
                ids["hostile"] = r.id
        ids["claim"] = next(c.ref for c in store.claims(article_ids=[example.id])
                            if "drug cartel is running" in c.text)
        ids["story"] = store.story_of(example.id).id if store.story_of(example.id) else None
    finally:
        store.close()
    return ids
