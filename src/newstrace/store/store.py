"""The `Store`: write analyses, read articles and claims back, record corpus results.

Writes are transactional: `add_many` writes a batch of articles (with every child row) in one
transaction, so an interrupted ingest leaves whole articles or nothing.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, insert, select
from sqlalchemy.engine import Connection, Engine

from ..errors import ConfigError, NotStored, StoreError
from ..model import AgentRef, Analysis, Document, Failure
from . import schema as t
from .db import create_engine_for, migrate, normalize_url, reason as _reason, sqlite_file
from .db import write_transaction
from .records import (
    ArticlePage,
    ArticleRecord,
    ClaimRecord,
    Cluster,
    DuplicateGroup,
    FailureRecord,
    SearchHit,
)

CHUNK = 1000


def document_hash(document: Document) -> str:
    """Stable hash of a raw document (source URI, record id, content): a rerun skips documents
    already stored before cleaning or parsing them."""
    key = "\n".join([document.source.uri, document.source.record_id or "", document.content])
    return hashlib.sha1(key.encode("utf-8")).hexdigest()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _agent(prefix: str, agent: AgentRef | None) -> dict[str, Any]:
    if agent is None:
        return {f"{prefix}_entity": None, f"{prefix}_name": None,
                f"{prefix}_start": None, f"{prefix}_end": None}
    return {f"{prefix}_entity": agent.entity, f"{prefix}_name": agent.name,
            f"{prefix}_start": agent.span[0] if agent.span else None,
            f"{prefix}_end": agent.span[1] if agent.span else None}


def _cue(cue) -> dict[str, Any]:
    return {"cue_text": cue.text if cue else None, "cue_start": cue.span[0] if cue else None,
            "cue_end": cue.span[1] if cue else None}


class Store:
    """A newstrace corpus in SQLite (a file path or `sqlite:///…`, default `newstrace.db`)
    or PostgreSQL (`postgresql://…`). Opening migrates the schema to the newest revision.

    create: a SQLite file that does not exist is created (True, the default) or is a
    StoreError naming it (False: for commands that only read)."""

    def __init__(self, url: str | Path | None = None, *, engine: Engine | None = None,
                 create: bool = True) -> None:
        self.url = normalize_url(url)
        if engine is None and not create:
            missing = sqlite_file(self.url)
            if missing is not None and not missing.exists():
                raise StoreError("no such database; create it with "
                                 f"`newstrace ingest PATHS --db {missing}`", input=str(missing))
        self.engine = engine or create_engine_for(url)
        migrate(self.engine)

    @property
    def safe_url(self) -> str:
        """The URL without its password, for messages."""
        return self.engine.url.render_as_string(hide_password=True)

    def check_writable(self) -> None:
        """Raise StoreError now if the database cannot be written (a read-only file or
        folder, a user without INSERT rights), before any work is done."""
        try:
            with write_transaction(self.engine) as conn:
                conn.execute(insert(t.failures), [{"uri": "<write check>", "code": "NT000",
                                                   "message": "", "time": _now()}])
                conn.rollback()
        except Exception as exc:
            raise StoreError(f"cannot be written: {_reason(exc)}", input=self.safe_url) from None

    # -- housekeeping ------------------------------------------------------------------------

    @property
    def dialect(self) -> str:
        """"sqlite" or "postgresql"."""
        return self.engine.dialect.name

    def close(self) -> None:
        """Release the connections."""
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.engine.url.render_as_string(hide_password=True)!r})"

    def count(self, table: str = "articles") -> int:
        """Number of rows in a table (default: stored articles)."""
        try:
            tbl = t.metadata.tables[table]
        except KeyError:
            raise StoreError(f"no table {table!r}; choose from {', '.join(t.metadata.tables)}",
                             input=self.url) from None
        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(tbl)).scalar_one()

    # -- writing -----------------------------------------------------------------------------

    def known_documents(self, hashes: Iterable[str]) -> set[str]:
        """The subset of document hashes (see `document_hash`) already stored."""
        wanted = list(dict.fromkeys(hashes))
        found: set[str] = set()
        with self.engine.connect() as conn:
            for i in range(0, len(wanted), 500):
                chunk = wanted[i:i + 500]
                found.update(conn.execute(
                    select(t.documents.c.hash).where(t.documents.c.hash.in_(chunk))).scalars())
        return found

    def document_articles(self, hashes: Iterable[str]) -> dict[str, str]:
        """The stored article id of each of these document hashes (those that have one)."""
        wanted = list(dict.fromkeys(hashes))
        found: dict[str, str] = {}
        d = t.documents
        with self.engine.connect() as conn:
            for i in range(0, len(wanted), 500):
                rows = conn.execute(select(d.c.hash, d.c.article_id)
                                    .where(d.c.hash.in_(wanted[i:i + 500]))).all()
                found.update((r.hash, r.article_id) for r in rows if r.article_id)
        return found

    def has_article(self, article_id: str) -> bool:
        """Whether an article with this id is stored."""
        with self.engine.connect() as conn:
            return conn.execute(select(t.articles.c.pk).where(t.articles.c.id == article_id)
                                ).first() is not None

    def add(self, analysis: Analysis, document: Document | None = None) -> bool:
        """Store one analysis (and the document it came from) in one transaction.
        Returns False when the article was already stored (nothing is added then)."""
        return self.add_many([(analysis, document)]) == 1

    def add_many(self, items: Iterable[Analysis | tuple[Analysis, Document | None]]) -> int:
        """Store a batch of analyses in ONE transaction; articles already stored are skipped.
        Returns how many articles were added."""
        pairs = [(i, None) if isinstance(i, Analysis) else i for i in items]
        if not pairs:
            return 0
        added = 0
        try:
            with write_transaction(self.engine) as conn:
                ids = [a.id for a, _ in pairs]
                present = set(conn.execute(select(t.articles.c.id).where(t.articles.c.id.in_(ids))
                                           ).scalars())
                hashes = [document_hash(d) for _, d in pairs if d is not None]
                docs_present = set(conn.execute(
                    select(t.documents.c.hash).where(t.documents.c.hash.in_(hashes))).scalars()
                ) if hashes else set()
                now = _now()
                rows = _Rows()
                for analysis, document in pairs:
                    if analysis.id not in present:
                        rows.add_article(analysis, document, now)
                        present.add(analysis.id)
                        added += 1
                    if document is not None:
                        h = document_hash(document)
                        if h not in docs_present:
                            rows.documents.append(_document_row(h, document, analysis.id, now))
                            docs_present.add(h)
                rows.write(conn)
        except StoreError:
            raise
        except Exception as exc:
            raise StoreError(f"cannot write {len(pairs)} article(s): {_reason(exc)}",
                             input=self.safe_url) from None
        return added

    def add_failure(self, failure: Failure) -> None:
        """Record an input that could not be analysed (once per uri, code and message)."""
        with write_transaction(self.engine) as conn:
            seen = conn.execute(select(t.failures.c.pk).where(
                t.failures.c.uri == failure.uri, t.failures.c.code == failure.code,
                t.failures.c.message == failure.message)).first()
            if seen is None:
                conn.execute(insert(t.failures), [{"uri": failure.uri, "code": failure.code,
                                                   "message": failure.message, "time": _now()}])

    # -- reading -----------------------------------------------------------------------------

    def articles(self, *, ids: Iterable[str] | None = None) -> Iterator[ArticleRecord]:
        """Every stored article as a light record (no analysis), in storage order, streamed
        in chunks (memory stays flat on large corpora). `ids` restricts to those articles."""
        a = t.articles
        cols = [a.c.pk, a.c.id, a.c.uri, a.c.url, a.c.outlet, a.c.origin_outlet,
                a.c.source_outlet, a.c.republished_by, a.c.published, a.c.headline, a.c.text]
        if ids is not None:
            wanted = list(ids)
            for i in range(0, len(wanted), 500):
                with self.engine.connect() as conn:
                    rows = conn.execute(select(*cols).where(a.c.id.in_(wanted[i:i + 500]))
                                        .order_by(a.c.pk)).all()
                yield from (_article_record(r) for r in rows)
            return
        last = 0
        while True:
            with self.engine.connect() as conn:
                rows = conn.execute(select(*cols).where(a.c.pk > last).order_by(a.c.pk)
                                    .limit(CHUNK)).all()
            if not rows:
                return
            yield from (_article_record(r) for r in rows)
            last = rows[-1].pk

    def article_ids(self) -> list[str]:
        """The ids of every stored article, in storage order (what `articles()` streams)."""
        with self.engine.connect() as conn:
            return list(conn.execute(select(t.articles.c.id).order_by(t.articles.c.pk)).scalars())

    def article(self, article_id: str) -> ArticleRecord:
        """One article's light record; raises StoreError if it is not stored."""
        for record in self.articles(ids=[article_id]):
            return record
        raise NotStored(f"no article with id {article_id!r}", input=self.url)

    def analysis(self, article_id: str) -> Analysis:
        """The full Analysis of a stored article, exactly as it was stored."""
        with self.engine.connect() as conn:
            raw = conn.execute(select(t.articles.c.analysis).where(t.articles.c.id == article_id)
                               ).scalar_one_or_none()
        if raw is None:
            raise NotStored(f"no article with id {article_id!r}", input=self.url)
        return Analysis.model_validate_json(raw)

    def analyses(self) -> Iterator[Analysis]:
        """Every stored Analysis, streamed in storage order."""
        last = 0
        while True:
            with self.engine.connect() as conn:
                rows = conn.execute(select(t.articles.c.pk, t.articles.c.analysis)
                                    .where(t.articles.c.pk > last).order_by(t.articles.c.pk)
                                    .limit(max(1, CHUNK // 4))).all()
            if not rows:
                return
            yield from (Analysis.model_validate_json(r.analysis) for r in rows)
            last = rows[-1].pk

    def claims(self, *, article_ids: Iterable[str] | None = None) -> Iterator[ClaimRecord]:
        """Every stored claim with its hedges, evidence labels, sources and its article's
        outlet and date, ordered by article storage order then position in the article."""
        c, a = t.claims, t.articles
        base = (select(c.c.id, c.c.article_id, c.c.claim_id, c.c.text, c.c.span_start,
                       c.c.span_end, c.c.claimant_name, c.c.claimant_entity, c.c.evidence,
                       a.c.outlet, a.c.published, a.c.uri, a.c.url)
                .join(a, a.c.id == c.c.article_id))
        if article_ids is not None:
            base = base.where(c.c.article_id.in_(list(article_ids)))
        last = 0
        while True:
            with self.engine.connect() as conn:
                rows = conn.execute(base.where(c.c.id > last).order_by(c.c.id).limit(CHUNK)).all()
                if not rows:
                    return
                keys = [r.id for r in rows]
                hedges = _grouped(conn, t.claim_hedges, keys, t.claim_hedges.c.text)
                sources = _grouped(conn, t.claim_sources, keys, t.claim_sources.c.name)
                cues = _grouped(conn, t.claim_evidence, keys, t.claim_evidence.c.cue_text)
            for r in rows:
                yield ClaimRecord(
                    ref=f"{r.article_id}/{r.claim_id}", article_id=r.article_id,
                    claim_id=r.claim_id, text=r.text, span=(r.span_start, r.span_end),
                    claimant=r.claimant_name, claimant_entity=r.claimant_entity,
                    hedges=tuple(hedges.get(r.id, ())),
                    evidence=tuple(x for x in r.evidence.split(",") if x),
                    evidence_cues=tuple(x for x in cues.get(r.id, ()) if x),
                    sources=tuple(sources.get(r.id, ())), outlet=r.outlet,
                    published=r.published, uri=r.uri, url=r.url)
            last = rows[-1].id

    def failures(self) -> list[FailureRecord]:
        """Every recorded failure, oldest first."""
        f = t.failures
        with self.engine.connect() as conn:
            rows = conn.execute(select(f.c.uri, f.c.code, f.c.message, f.c.time)
                                .order_by(f.c.pk)).all()
        return [FailureRecord(r.uri, r.code, r.message, r.time) for r in rows]

    # -- corpus results ----------------------------------------------------------------------

    def replace_duplicates(self, groups: Iterable[DuplicateGroup | Mapping[str, Any]]) -> int:
        """Replace the `duplicates` table with these groups (one transaction). A group is a
        DuplicateGroup or a mapping {"origin": id, "members": [id or {"id": …}, …]}; members
        are in republication order and the origin is stored at position 0. Returns the number
        of groups written."""
        n = 0
        with write_transaction(self.engine) as conn:
            conn.execute(delete(t.duplicates))
            for gid, group in enumerate(groups, start=1):
                origin, members, sims = _group_parts(group)
                order = [origin] + [m for m in members if m != origin]
                conn.execute(insert(t.duplicates), [
                    {"group_id": gid, "article_id": m, "origin_id": origin, "position": i,
                     "is_origin": i == 0, "similarity": sims.get(m)}
                    for i, m in enumerate(order)])
                n += 1
        return n

    def duplicates(self) -> list[DuplicateGroup]:
        """The stored duplicate groups, origin first in each."""
        d = t.duplicates
        with self.engine.connect() as conn:
            rows = conn.execute(select(d.c.group_id, d.c.article_id, d.c.origin_id, d.c.similarity)
                                .order_by(d.c.group_id, d.c.position)).all()
        groups: dict[int, list] = {}
        for r in rows:
            groups.setdefault(r.group_id, []).append(r)
        return [_duplicate_group(rs) for rs in groups.values()]

    def replace_clusters(self, clusters: Iterable[Cluster | Sequence[str] | Mapping[str, Any]]
                         ) -> int:
        """Replace the `clusters` table (one transaction). A cluster is a Cluster, a sequence
        of article ids, or a mapping {"id"?, "members", "label"?}. Returns clusters written."""
        n = 0
        with write_transaction(self.engine) as conn:
            conn.execute(delete(t.clusters))
            for i, cluster in enumerate(clusters, start=1):
                if isinstance(cluster, Cluster):
                    cid, members, label, scores = cluster.id, cluster.members, cluster.label, \
                        cluster.scores
                elif isinstance(cluster, Mapping):
                    cid = cluster.get("id", i)
                    members = [_member_id(m) for m in cluster["members"]]
                    label, scores = cluster.get("label"), dict(cluster.get("scores") or {})
                else:
                    cid, members, label, scores = i, [_member_id(m) for m in cluster], None, {}
                if members:
                    conn.execute(insert(t.clusters), [
                        {"cluster_id": int(cid), "article_id": m, "label": label,
                         "score": scores.get(m)} for m in members])
                n += 1
        return n

    def cluster(self, cluster_id: int) -> Cluster:
        """One stored story cluster; raises StoreError if there is none with this id."""
        c = t.clusters
        with self.engine.connect() as conn:
            rows = conn.execute(select(c.c.cluster_id, c.c.article_id, c.c.label, c.c.score)
                                .where(c.c.cluster_id == cluster_id).order_by(c.c.pk)).all()
        if not rows:
            raise NotStored(f"no story cluster with id {cluster_id!r} (run `newstrace "
                             "clusters` to build them)", input=self.url)
        return _cluster(cluster_id, rows)

    def story_of(self, article_id: str) -> Cluster | None:
        """The stored story cluster an article belongs to, or None."""
        c = t.clusters
        with self.engine.connect() as conn:
            cid = conn.execute(select(c.c.cluster_id).where(c.c.article_id == article_id)
                               .limit(1)).scalar_one_or_none()
        return None if cid is None else self.cluster(cid)

    def duplicates_of(self, article_id: str) -> DuplicateGroup | None:
        """The stored duplicate group (origin first) an article belongs to, or None."""
        d = t.duplicates
        with self.engine.connect() as conn:
            gid = conn.execute(select(d.c.group_id).where(d.c.article_id == article_id)
                               .limit(1)).scalar_one_or_none()
            if gid is None:
                return None
            rows = conn.execute(select(d.c.article_id, d.c.origin_id, d.c.similarity)
                                .where(d.c.group_id == gid).order_by(d.c.position)).all()
        return _duplicate_group(rows)

    def clusters(self) -> list[Cluster]:
        """The stored story clusters."""
        c = t.clusters
        with self.engine.connect() as conn:
            rows = conn.execute(select(c.c.cluster_id, c.c.article_id, c.c.label, c.c.score)
                                .order_by(c.c.cluster_id, c.c.pk)).all()
        out: dict[int, list] = {}
        for r in rows:
            out.setdefault(r.cluster_id, []).append(r)
        return [_cluster(k, rs) for k, rs in out.items()]

    # -- ingest ------------------------------------------------------------------------------

    def ingest(self, paths: Iterable[str | Path], options: AnalyzeOptions | None = None, *,
               progress=None) -> IngestSummary:
        """Analyse and store every article in `paths` (files, folders, globs, feeds, WARCs);
        idempotent and resumable. `progress(summary)` is called as work is done. The CLI
        `newstrace ingest` is this method."""
        from .ingest import ingest

        return ingest(self, paths, options, progress=progress)

    def ingest_documents(self, documents: Iterable[Document | Failure],
                         options: AnalyzeOptions | None = None, *, progress=None
                         ) -> IngestSummary:
        """As `ingest`, for Documents already read (e.g. from `newstrace.ingest.read_bytes`
        or `document_from_record`); `summary.ids` holds the stored article ids."""
        from .ingest import ingest_documents

        return ingest_documents(self, documents, options, progress=progress)

    def list_articles(self, filters: SearchFilters | None = None, *, offset: int = 0,
                      limit: int = 50, **kwargs: Any) -> ArticlePage:
        """Stored articles, newest first (by publication date, then storage order), narrowed
        by the filters of `search` (speaker, outlet, since, until, evidence, event_type) and
        paged by `offset`/`limit`. Returns the page and the total that match."""
        from .search import SearchFilters, list_articles

        if filters is None:
            filters = SearchFilters(**kwargs)
        elif kwargs:
            raise TypeError("give either filters= or filter keywords, not both")
        return list_articles(self, filters, offset=offset, limit=limit)

    # -- search ------------------------------------------------------------------------------

    def search(self, query: str, filters: SearchFilters | None = None, *, limit: int = 50,
               **kwargs: Any) -> list[SearchHit]:
        """Full-text search over article text, quotes and claims (SQLite FTS5 or PostgreSQL
        full-text). Filters: a SearchFilters, or its fields as keywords (kind, speaker, outlet,
        since, until, evidence, event_type). Best matches first."""
        from .search import SearchFilters, search

        if filters is None:
            filters = SearchFilters(**kwargs)
        elif kwargs:
            raise ConfigError("give either filters= or filter keywords, not both",
                              input="search")
        return search(self, query, filters, limit=limit)



class _Rows:
    """The rows of a batch of articles, written with one executemany per table."""

    def __init__(self) -> None:
        self.articles: list[dict] = []
        self.documents: list[dict] = []
        self.children: dict[Any, list[dict]] = {tbl: [] for tbl in t.ARTICLE_TABLES}
        self.claims: list[tuple[dict, Any]] = []  # (claims row, the Claim)

    def add_article(self, a: Analysis, document: Document | None, now: str) -> None:
        m = a.meta
        # the outlet that carried this copy: the container says so, else cleaning found it
        source_outlet = (document.outlet if document is not None else None) or m.outlet
        self.articles.append({
            "id": a.id, "uri": a.source.uri, "record_id": a.source.record_id,
            "format": a.source.format, "url": a.source.url, "headline": m.headline,
            "dek": m.dek, "authors": json.dumps(m.authors, ensure_ascii=False),
            "published": m.published, "dateline": m.dateline, "origin_outlet": m.origin_outlet,
            "source_outlet": source_outlet, "outlet": m.origin_outlet or source_outlet,
            "republished_by": json.dumps(m.republished_by, ensure_ascii=False),
            "language": m.language, "stages": ",".join(a.stages), "text": a.text,
            "analysis": a.to_json(explain=True), "ingested_at": now,
        })
        aid, rows = a.id, self.children
        for e in a.entities:
            rows[t.entities].append({"article_id": aid, "entity_id": e.id, "name": e.name,
                                     "type": e.type, "aliases": json.dumps(e.aliases),
                                     "roles": json.dumps(e.roles)})
            rows[t.mentions].extend({"article_id": aid, "entity_id": e.id, "span_start": s,
                                     "span_end": end, "text": a.text[s:end]}
                                    for s, end in e.mentions)
        for i, q in enumerate(a.quotes):
            rows[t.quotes].append({"article_id": aid, "position": i, "kind": q.kind,
                                   "text": q.text, "span_start": q.span[0], "span_end": q.span[1],
                                   **_agent("speaker", q.speaker), **_cue(q.cue)})
        for i, r in enumerate(a.reported_speech):
            rows[t.reported_speech].append({"article_id": aid, "position": i, "text": r.text,
                                            "span_start": r.span[0], "span_end": r.span[1],
                                            **_agent("speaker", r.speaker), **_cue(r.cue)})
        for i, ev in enumerate(a.events):
            rows[t.events].append({
                "article_id": aid, "position": i, "type": ev.type, "mode": ev.mode,
                "status": ev.status, "text": ev.text, "span_start": ev.span[0],
                "span_end": ev.span[1], "trigger_text": ev.trigger.text,
                "trigger_start": ev.trigger.span[0], "trigger_end": ev.trigger.span[1],
                **_agent("actor", ev.actor), **_agent("target", ev.target), "when": ev.when,
                "quantities": json.dumps(ev.quantities)})
        for d in a.dates:
            rows[t.dates].append({"article_id": aid, "text": d.text, "span_start": d.span[0],
                                  "span_end": d.span[1], "value": d.value,
                                  "precision": d.precision})
        for i, c in enumerate(a.claims):
            self.claims.append(({
                "article_id": aid, "claim_id": c.id, "position": i, "text": c.text,
                "span_start": c.span[0], "span_end": c.span[1], **_agent("claimant", c.claimant),
                "evidence": ",".join(c.evidence)}, c))

    def write(self, conn: Connection) -> None:
        if self.articles:
            conn.execute(insert(t.articles), self.articles)
        if self.claims:
            stmt = insert(t.claims).returning(t.claims.c.id, sort_by_parameter_order=True)
            keys = conn.execute(stmt, [row for row, _ in self.claims]).scalars().all()
            for claim_pk, (row, c) in zip(keys, self.claims, strict=True):
                self._claim_children(claim_pk, row["article_id"], c)
        for tbl in t.ARTICLE_TABLES:
            if tbl is not t.claims and self.children[tbl]:
                conn.execute(insert(tbl), self.children[tbl])
        if self.documents:
            conn.execute(insert(t.documents), self.documents)

    def _claim_children(self, claim_pk: int, aid: str, c) -> None:
        rows = self.children
        rows[t.claim_sources].extend({"claim": claim_pk, "article_id": aid, "name": s.name,
                                      "span_start": s.span[0], "span_end": s.span[1]}
                                     for s in c.sources)
        rows[t.claim_hedges].extend({"claim": claim_pk, "article_id": aid, "text": h.text,
                                     "span_start": h.span[0], "span_end": h.span[1]}
                                    for h in c.hedges)
        cue_labels = {cue.label for cue in c.evidence_cues}
        rows[t.claim_evidence].extend({"claim": claim_pk, "article_id": aid, "label": cue.label,
                                       "cue_text": cue.text, "cue_start": cue.span[0],
                                       "cue_end": cue.span[1]} for cue in c.evidence_cues)
        rows[t.claim_evidence].extend({"claim": claim_pk, "article_id": aid, "label": label,
                                       "cue_text": None, "cue_start": None, "cue_end": None}
                                      for label in c.evidence if label not in cue_labels)


def article_rows(analysis: Analysis, document: Document | None = None,
                 now: str | None = None) -> dict[str, list[dict]]:
    """The rows one article gives each store table (without the autoincrement keys), by
    table name: articles, entities, mentions, quotes, reported_speech, claims, events, dates
    and, with the document, documents. A claim row also carries its `sources` and `hedges`
    as JSON lists ({name|text, span}), which the store keeps in child tables. The Dask
    runner writes these rows as Parquet (docs/scale.md)."""
    now = now or _now()
    rows = _Rows()
    rows.add_article(analysis, document, now)
    out: dict[str, list[dict]] = {"articles": rows.articles}
    for tbl in t.ARTICLE_TABLES:
        if tbl.name.startswith("claim"):
            continue
        out[tbl.name] = rows.children[tbl]
    out["claims"] = [{**row,
                      "sources": json.dumps([{"name": x.name, "span": list(x.span)}
                                             for x in c.sources], ensure_ascii=False),
                      "hedges": json.dumps([{"text": h.text, "span": list(h.span)}
                                            for h in c.hedges], ensure_ascii=False)}
                     for row, c in rows.claims]
    if document is not None:
        out["documents"] = [_document_row(document_hash(document), document, analysis.id, now)]
    return out


def _grouped(conn: Connection, table, keys: list[int], col) -> dict[int, list]:
    out: dict[int, list] = {}
    for r in conn.execute(select(table.c.claim, col).where(table.c.claim.in_(keys))
                          .order_by(table.c.pk)):
        out.setdefault(r[0], []).append(r[1])
    return out


def _article_record(r) -> ArticleRecord:
    return ArticleRecord(id=r.id, uri=r.uri, url=r.url, outlet=r.outlet,
                         origin_outlet=r.origin_outlet, source_outlet=r.source_outlet,
                         republished_by=tuple(json.loads(r.republished_by or "[]")),
                         published=r.published, headline=r.headline, text=r.text)


def _document_row(h: str, d: Document, article_id: str | None, now: str) -> dict:
    return {"hash": h, "uri": d.source.uri, "record_id": d.source.record_id,
            "format": d.source.format, "url": d.source.url, "title": d.title, "date": d.date,
            "outlet": d.outlet, "encoding": d.encoding, "article_id": article_id,
            "ingested_at": now}


def _duplicate_group(rows: Sequence[Any]) -> DuplicateGroup:
    """Stored duplicate rows of one group, in position order (origin first)."""
    return DuplicateGroup(origin=rows[0].origin_id, members=tuple(r.article_id for r in rows),
                          similarity={r.article_id: r.similarity for r in rows
                                      if r.similarity is not None})


def _cluster(cluster_id: int, rows: Sequence[Any]) -> Cluster:
    """Stored cluster rows of one story, in insertion order."""
    return Cluster(id=cluster_id, members=tuple(r.article_id for r in rows), label=rows[0].label,
                   scores={r.article_id: r.score for r in rows if r.score is not None})


def _member_id(m: Any) -> str:
    return m["id"] if isinstance(m, Mapping) else getattr(m, "id", m)


def _group_parts(group: Any) -> tuple[str, list[str], dict[str, float]]:
    if isinstance(group, DuplicateGroup):
        return group.origin, list(group.members), dict(group.similarity)
    members = [_member_id(m) for m in group["members"]]
    origin = group.get("origin") or members[0]
    return _member_id(origin), members, dict(group.get("similarity") or {})


from ..pipeline import AnalyzeOptions
from .ingest import IngestSummary
from .search import SearchFilters
