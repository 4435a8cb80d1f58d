"""Full-text search over article text, quotes and claims.

SQLite: the FTS5 tables `articles_fts`, `quotes_fts`, `claims_fts` (porter stemming, bm25
ranking). PostgreSQL: `websearch_to_tsquery('english', …)` against GIN-indexed
`to_tsvector('english', …)` expressions (ts_rank ranking). The query syntax is the web-search
one on both: words (all required), "quoted phrases", `or`, and `-word` to exclude.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import and_, exists, func, literal_column, or_, select, text
from sqlalchemy.sql import ColumnElement

from ..errors import QueryError, StoreError
from . import schema as t
from .records import ArticlePage, ArticleRecord, SearchHit

if TYPE_CHECKING:
    from .store import Store

KINDS = ("article", "quote", "claim")

# Must stay identical to the expressions indexed in migrations/versions/0002_full_text.py.
PG_DOCUMENT = {
    "articles": "to_tsvector('english'::regconfig, coalesce(articles.headline, '') || ' ' || "
                "articles.text)",
    "quotes": "to_tsvector('english'::regconfig, quotes.text)",
    "claims": "to_tsvector('english'::regconfig, claims.text)",
}

_TOKEN = re.compile(r'(-?)"([^"]*)"|(\S+)')
SNIPPET = 160


@dataclass(frozen=True)
class SearchFilters:
    """What to search and how to narrow it. Dates compare as ISO prefixes ("2025", "2025-09",
    "2025-09-10"); `until` includes the whole period it names. speaker, outlet: case-insensitive
    substrings. evidence: a claim evidence label. event_type: a PLOVER type, e.g. ASSAULT.
    For article and quote hits, evidence and event_type keep articles that have such a claim
    or event."""

    kind: str | None = None
    speaker: str | None = None
    outlet: str | None = None
    since: str | None = None
    until: str | None = None
    evidence: str | None = None
    event_type: str | None = None

    def kinds(self) -> tuple[str, ...]:
        if self.kind is None:
            return KINDS
        if self.kind not in KINDS:
            raise ValueError(f"unknown kind {self.kind!r}; choose from {', '.join(KINDS)}")
        return (self.kind,)


def parse_query(query: str) -> tuple[list[list[str]], list[str]]:
    """Web-search syntax → (alternatives of required terms/phrases, excluded terms).
    Each alternative is a list of terms (a phrase is one term with spaces)."""
    groups: list[list[str]] = [[]]
    excluded: list[str] = []
    for neg, phrase, word in _TOKEN.findall(query):
        if word and word.lower() == "or":
            groups.append([])
            continue
        if word.startswith("-") and len(word) > 1:
            neg, word = "-", word[1:]
        term = " ".join(_words(phrase if phrase else word))
        if not term:
            continue
        (excluded if neg else groups[-1]).append(term)
    return [g for g in groups if g], excluded


def _words(s: str) -> list[str]:
    return re.findall(r"\w+", s, flags=re.UNICODE)


def fts5_query(query: str) -> str:
    """A safe FTS5 MATCH expression for a web-search style query ("" if nothing to match)."""
    groups, excluded = parse_query(query)
    if not groups:
        return ""

    def quote(term: str) -> str:
        return '"' + term.replace('"', '""') + '"'

    expr = " OR ".join("(" + " AND ".join(quote(x) for x in g) + ")" for g in groups)
    if excluded:
        expr = f"({expr}) NOT ({' OR '.join(quote(x) for x in excluded)})"
    return expr


def websearch_query(query: str) -> str:
    """The query normalised for PostgreSQL's websearch_to_tsquery, with the same words,
    phrases, alternatives and exclusions as `fts5_query` (punctuation dropped)."""
    groups, excluded = parse_query(query)
    alt = " or ".join(" ".join(f'"{x}"' if " " in x else x for x in g) for g in groups)
    return " ".join([alt, *(f'-"{x}"' for x in excluded)]).strip()


MAX_QUERY_TERMS = 256
MAX_QUERY_CHARS = 10_000


def _shown(query: str) -> str:
    return repr(query if len(query) <= 80 else query[:77] + "…")


def search(store: Store, query: str, filters: SearchFilters, *, limit: int = 50
           ) -> list[SearchHit]:
    """See `Store.search`."""
    try:
        kinds = filters.kinds()
    except ValueError as exc:
        raise QueryError(str(exc), input=_shown(query)) from None
    groups, excluded = parse_query(query)
    if not groups:
        raise QueryError("the query has no words to search for", input=_shown(query))
    terms = sum(len(g) for g in groups) + len(excluded)
    if terms > MAX_QUERY_TERMS or len(query) > MAX_QUERY_CHARS:
        raise QueryError(f"the query is too long ({terms:,} terms, {len(query):,} characters; "
                         f"at most {MAX_QUERY_TERMS} terms and {MAX_QUERY_CHARS:,} characters)",
                         input=_shown(query))
    hits: list[SearchHit] = []
    try:
        with store.engine.connect() as conn:
            for kind in kinds:
                stmt = _statement(store.dialect, kind, query, filters, limit)
                for row in conn.execute(stmt):
                    hits.append(_hit(kind, row, query))
    except StoreError:
        raise
    except Exception as exc:
        from .db import reason

        raise StoreError(f"the search failed: {reason(exc)}", input=_shown(query)) from None
    hits.sort(key=lambda h: (-h.score, h.published or "", h.article_id, h.span))
    return hits[:limit]


def list_articles(store: Store, filters: SearchFilters, *, offset: int = 0, limit: int = 50
                  ) -> ArticlePage:
    """See `Store.list_articles`."""
    if filters.kind not in (None, "article"):
        raise QueryError(f"a listing holds articles; kind {filters.kind!r} is for search",
                         input=store.url)
    if offset < 0 or limit < 0:
        raise QueryError(f"offset and limit must not be negative (got {offset}, {limit})",
                         input=store.url)
    a = t.articles
    conds = _filters("article", a, filters)
    cols = [a.c.pk, a.c.id, a.c.uri, a.c.url, a.c.outlet, a.c.origin_outlet, a.c.source_outlet,
            a.c.republished_by, a.c.published, a.c.headline, a.c.text]
    with store.engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(a).where(*conds)).scalar_one()
        rows = conn.execute(select(*cols).where(*conds)
                            .order_by(a.c.published.is_(None), a.c.published.desc(),
                                      a.c.pk.desc())
                            .offset(offset).limit(limit)).all()
    from .store import _article_record

    return ArticlePage(total=total, offset=offset, limit=limit,
                       articles=tuple(_article_record(r) for r in rows))


def _statement(dialect: str, kind: str, query: str, f: SearchFilters, limit: int):
    a = t.articles
    table = {"article": t.articles, "quote": t.quotes, "claim": t.claims}[kind]
    if kind == "article":
        cols = [a.c.id.label("article_id"), a.c.text.label("text"), literal_column("0")
                .label("span_start"), func.length(a.c.text).label("span_end"),
                literal_column("NULL").label("speaker"), literal_column("''").label("evidence")]
    elif kind == "quote":
        cols = [table.c.article_id, table.c.text, table.c.span_start, table.c.span_end,
                table.c.speaker_name.label("speaker"), literal_column("''").label("evidence")]
    else:
        cols = [table.c.article_id, table.c.text, table.c.span_start, table.c.span_end,
                table.c.claimant_name.label("speaker"), table.c.evidence]
    cols += [a.c.outlet, a.c.published, a.c.headline, a.c.uri, a.c.text.label("body")]
    key = table.c.pk if kind == "article" else table.c.id
    if dialect == "sqlite":
        fts = text(f"{table.name}_fts")
        rank = literal_column(f"{table.name}_fts.rank")
        stmt = (select(*cols, (-rank).label("score"))
                .select_from(table)
                .join(fts, literal_column(f"{table.name}_fts.rowid") == key)
                .where(literal_column(f"{table.name}_fts").op("MATCH")(fts5_query(query))))
        order = rank
    elif dialect == "postgresql":
        doc = literal_column(PG_DOCUMENT[table.name])
        tsq = func.websearch_to_tsquery(literal_column("'english'::regconfig"),
                                       websearch_query(query))
        score = func.ts_rank(doc, tsq)
        stmt = select(*cols, score.label("score")).select_from(table).where(doc.op("@@")(tsq))
        order = score.desc()
    else:
        raise StoreError(f"search is not supported on {dialect}")
    if kind != "article":
        stmt = stmt.join(a, a.c.id == table.c.article_id)
    for cond in _filters(kind, table, f):
        stmt = stmt.where(cond)
    return stmt.order_by(order).limit(limit)


def _filters(kind: str, table, f: SearchFilters) -> list[ColumnElement]:
    a = t.articles
    conds: list[ColumnElement] = []
    if f.outlet:
        pat = f"%{f.outlet.lower()}%"
        conds.append(or_(func.lower(a.c.outlet).like(pat), func.lower(a.c.source_outlet).like(pat),
                         func.lower(a.c.origin_outlet).like(pat)))
    if f.since:
        conds.append(a.c.published >= f.since)
    if f.until:
        conds.append(func.substr(a.c.published, 1, len(f.until)) <= f.until)
    if f.speaker:
        pat = f"%{f.speaker.lower()}%"
        if kind == "quote":
            conds.append(func.lower(table.c.speaker_name).like(pat))
        elif kind == "claim":
            conds.append(func.lower(table.c.claimant_name).like(pat))
        else:
            q, c = t.quotes.alias(), t.claims.alias()
            conds.append(or_(
                exists().where(and_(q.c.article_id == a.c.id, func.lower(q.c.speaker_name).like(pat))),
                exists().where(and_(c.c.article_id == a.c.id,
                                    func.lower(c.c.claimant_name).like(pat)))))
    if f.evidence:
        ev = t.claim_evidence.alias()
        if kind == "claim":
            conds.append(exists().where(and_(ev.c.claim == table.c.id, ev.c.label == f.evidence)))
        else:
            conds.append(exists().where(and_(ev.c.article_id == a.c.id,
                                             ev.c.label == f.evidence)))
    if f.event_type:
        e = t.events.alias()
        conds.append(exists().where(and_(e.c.article_id == a.c.id,
                                         e.c.type == f.event_type.upper())))
    return conds


def _hit(kind: str, row, query: str) -> SearchHit:
    start, end, text_ = row.span_start, row.span_end, row.text
    if kind == "article":
        start, end = _snippet(row.body, query)
        text_ = row.body[start:end]
    return SearchHit(kind=kind, article_id=row.article_id, text=text_, span=(start, end),
                     speaker=row.speaker, outlet=row.outlet, published=row.published,
                     headline=row.headline, uri=row.uri,
                     evidence=tuple(x for x in (row.evidence or "").split(",") if x),
                     score=float(row.score or 0.0))


def _snippet(body: str, query: str) -> tuple[int, int]:
    """A window of the body around the first query term, cut at word boundaries; the span
    points into the article text like every other span."""
    groups, _ = parse_query(query)
    lower = body.lower()
    hits = [lower.find(w.lower()) for g in groups for term in g for w in term.split()[:1]]
    hits = [h for h in hits if h >= 0]
    if not hits:
        hits = [_stem_find(lower, groups)]
    pos = min(hits)
    start = max(0, pos - SNIPPET // 2)
    end = min(len(body), start + SNIPPET)
    while start > 0 and not body[start - 1].isspace():
        start += 1
        if start >= pos:
            break
    while end < len(body) and not body[end].isspace() and end - pos > 0:
        end -= 1
    start = max(0, min(start, pos))
    end = max(end, min(len(body), pos + 1))
    return start, end


def _stem_find(lower: str, groups: list[list[str]]) -> int:
    for g in groups:
        for term in g:
            stem = term.split()[0].lower()[:max(3, len(term) - 3)]
            pos = lower.find(stem)
            if pos >= 0:
                return pos
    return 0
