"""The `newstrace` command: a thin typer shell over the Python API."""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console

from . import AnalyzeOptions, __version__, analyze_many
from .errors import NewstraceError
from .model import Analysis, Failure

app = typer.Typer(
    name="newstrace",
    help="Read news the way a careful editor does: who said what, which claims stand on what, "
    "what happened, and how the story travels.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True, highlight=False)


class OutputFormat(str, Enum):
    report = "report"
    json = "json"
    jsonl = "jsonl"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"newstrace {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Show the version and exit."),
) -> None:
    pass


def fail(message: str, code: int = 1) -> "typer.Exit":
    err.print(f"[red]error:[/red] {message}", markup=True, soft_wrap=True)
    return typer.Exit(code)


def _analyze_options(stages: str, model: str | None, batch_size: int, processes: int
                     ) -> AnalyzeOptions:
    """The options `analyze` and `ingest` share; a bad --stages is a usage error."""
    try:
        options = AnalyzeOptions(stages=stages, model=model, batch_size=batch_size,
                                 n_process=processes)
        options.stage_list()
    except ValueError as exc:
        raise fail(str(exc), 2)
    return options


@app.command("analyze")
def analyze_cmd(
    paths: list[str] = typer.Argument(..., help="Files, folders, globs, or - for stdin."),
    format: Optional[OutputFormat] = typer.Option(
        None, "--format", "-f",
        help="report (default in a terminal), json (one article), jsonl (one line per article)."),
    stages: str = typer.Option("all", "--stages", help="Stop early: e.g. 'clean' (no spaCy), "
                               "'entities', 'quotes,claims'. Default: all."),
    model: Optional[str] = typer.Option(None, "--model", help="spaCy model (env NEWSTRACE_MODEL)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write to this file."),
    batch_size: int = typer.Option(16, "--batch-size", min=1, help="Articles per nlp.pipe batch."),
    processes: int = typer.Option(1, "--processes", "-p", min=1, help="spaCy worker processes."),
) -> None:
    """Analyze articles. Python API: newstrace.analyze() / newstrace.analyze_many()."""
    options = _analyze_options(stages, model, batch_size, processes)
    fmt = format or (OutputFormat.report if sys.stdout.isatty() and output is None
                     else OutputFormat.json)
    results: list[Analysis] = []
    failures: list[Failure] = []
    streamed = 0
    out = open(output, "w", encoding="utf-8") if output else sys.stdout
    try:
        for item in analyze_many(paths, options):
            if isinstance(item, Failure):
                failures.append(item)
                err.print(f"[red]failed:[/red] {item.message}", soft_wrap=True, highlight=False)
                continue
            if fmt is OutputFormat.jsonl:
                out.write(item.to_json() + "\n")
                out.flush()
                streamed += 1
            else:
                results.append(item)
    except NewstraceError as exc:
        raise fail(str(exc))
    if fmt is OutputFormat.json:
        if len(results) == 1:
            out.write(results[0].to_json(indent=2) + "\n")
        elif results:
            out.write(json.dumps([r.to_dict() for r in results], ensure_ascii=False, indent=2) + "\n")
    elif fmt is OutputFormat.report:
        from .report import print_report

        console = Console(file=out) if output else Console()
        for result in results:
            print_report(result, console)
    if output:
        out.close()
    total = len(results) + streamed + len(failures)
    if failures:
        if total > 1 or len(paths) > 1:
            err.print(f"{total - len(failures)} of {total} articles analysed; "
                      f"{len(failures)} failed", highlight=False)
        raise typer.Exit(1)


@app.command("eval")
def eval_cmd(
    gold: Path = typer.Option(..., "--gold", help="A gold file or a folder of *.gold.json."),
    format: str = typer.Option("table", "--format", "-f", help="table or json."),
    model: Optional[str] = typer.Option(None, "--model", help="spaCy model."),
    details: bool = typer.Option(False, "--details", help="List every miss and extra per task."),
) -> None:
    """Score the pipeline against gold files. Python API: newstrace.evaluate.evaluate()."""
    from .evaluate import evaluate, print_scores

    try:
        scores = evaluate(gold, options=AnalyzeOptions(model=model))
    except NewstraceError as exc:
        raise fail(str(exc))
    if format == "json":
        typer.echo(json.dumps(scores, indent=2, ensure_ascii=False))
    else:
        print_scores(scores, Console(), details=details)


# -- corpus store: ingest and search (Python API: newstrace.open_corpus / Store) ---------------

DB_HELP = "Database: a SQLite file (default newstrace.db) or postgresql://user@host/db."


@app.command("ingest")
def ingest_cmd(
    paths: list[str] = typer.Argument(..., help="Files, folders, globs, feeds, WARCs, or - for stdin."),
    db: str = typer.Option("newstrace.db", "--db", help=DB_HELP),
    stages: str = typer.Option("all", "--stages", help="As for analyze: e.g. 'clean' (no spaCy)."),
    model: Optional[str] = typer.Option(None, "--model", help="spaCy model (env NEWSTRACE_MODEL)."),
    batch_size: int = typer.Option(16, "--batch-size", min=1,
                                   help="Articles per nlp.pipe batch and per transaction."),
    processes: int = typer.Option(1, "--processes", "-p", min=1, help="spaCy worker processes."),
    format: str = typer.Option("text", "--format", "-f", help="Summary as text or json."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
) -> None:
    """Analyse articles into a corpus store; idempotent and resumable.
    Python API: newstrace.open_corpus(db).ingest(paths, AnalyzeOptions(...))."""
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from .store import Store

    options = _analyze_options(stages, model, batch_size, processes)
    progress = Progress(SpinnerColumn(), TextColumn("[bold]ingest"), BarColumn(),
                        TextColumn("{task.fields[added]} added · {task.fields[skipped]} skipped · "
                                   "{task.fields[failed]} failed · {task.fields[rate]:.1f} articles/s"),
                        TimeElapsedColumn(), console=err, disable=quiet or not err.is_terminal)
    task = progress.add_task("ingest", total=None, added=0, skipped=0, failed=0, rate=0.0)

    def update(s) -> None:
        progress.update(task, added=s.added, skipped=s.skipped, failed=s.failed, rate=s.rate)

    try:
        with Store(db) as store, progress:
            summary = store.ingest(paths, options, progress=update)
    except NewstraceError as exc:
        raise fail(str(exc))
    except KeyboardInterrupt:
        raise fail("interrupted: whole batches already written are kept; rerun the same "
                   "command to resume", 130)
    for f in summary.failures:
        err.print(f"[red]failed:[/red] {f.message}", soft_wrap=True, highlight=False)
    if format == "json":
        typer.echo(json.dumps(summary.to_dict(), ensure_ascii=False, indent=2))
    else:
        err.print(f"{summary.added} articles added, {summary.skipped} already stored, "
                  f"{summary.failed} failed in {summary.seconds:.1f}s "
                  f"({summary.rate:.1f} articles/s) → {db}", highlight=False, soft_wrap=True)
    if summary.failures:
        raise typer.Exit(1)


class SearchKind(str, Enum):
    article = "article"
    quote = "quote"
    claim = "claim"


@app.command("search")
def search_cmd(
    query: str = typer.Argument(..., help='Words, "phrases", or, -excluded.'),
    db: str = typer.Option("newstrace.db", "--db", help=DB_HELP),
    kind: Optional[SearchKind] = typer.Option(None, "--kind", help="Only article, quote or claim hits."),
    speaker: Optional[str] = typer.Option(None, "--speaker", help="Speaker or claimant (substring)."),
    outlet: Optional[str] = typer.Option(None, "--outlet", help="Outlet (substring)."),
    since: Optional[str] = typer.Option(None, "--since", help="Published on or after (ISO date)."),
    until: Optional[str] = typer.Option(None, "--until", help="Published on or before (ISO date)."),
    evidence: Optional[str] = typer.Option(None, "--evidence", help="Claim evidence label."),
    event_type: Optional[str] = typer.Option(None, "--event-type", help="PLOVER event type."),
    limit: int = typer.Option(50, "--limit", "-n", min=1, help="At most this many hits."),
    format: str = typer.Option("table", "--format", "-f", help="table or json."),
) -> None:
    """Full-text search over article text, quotes and claims.
    Python API: newstrace.open_corpus(db).search(query, kind=..., speaker=..., ...)."""
    from rich.table import Table

    from .model import EVIDENCE_LABELS
    from .store import SearchFilters

    if evidence and evidence not in EVIDENCE_LABELS:
        raise fail(f"unknown evidence label {evidence!r}; choose from {', '.join(EVIDENCE_LABELS)}", 2)
    if db and "://" not in db and not Path(db).exists():
        raise fail(f"[NT030] {db}: no such database; create it with `newstrace ingest PATHS --db {db}`")
    filters = SearchFilters(kind=kind.value if kind else None, speaker=speaker, outlet=outlet,
                            since=since, until=until, evidence=evidence, event_type=event_type)
    hits = _on_store(db, lambda store: store.search(query, filters, limit=limit))
    if format == "json":
        typer.echo(json.dumps({"query": query, "hits": [h.to_dict() for h in hits]},
                              ensure_ascii=False, indent=2))
        return
    table = Table(title=f"{len(hits)} hit(s) for {query!r}", show_lines=False)
    for col in ("kind", "text", "speaker", "outlet", "published", "article"):
        table.add_column(col, overflow="fold")
    for h in hits:
        snippet = h.text if len(h.text) <= 200 else h.text[:197] + "…"
        table.add_row(h.kind, snippet, h.speaker or "", h.outlet or "", h.published or "",
                      h.article_id[:12] + (f" [{','.join(h.evidence)}]" if h.evidence else ""))
    Console().print(table)


# -- corpus: dedupe, clusters, trace (newstrace.corpus) -------------------------------------


def _open_store(db: str):
    """The store at `db`; a SQLite path that does not exist is an error here (nothing to read)."""
    from .store import Store

    if "://" not in db and not Path(db).exists():
        raise fail(f"[NT030] {db}: no such database; create it with "
                   f"`newstrace ingest PATHS --db {db}`")
    try:
        return Store(db)
    except NewstraceError as exc:
        raise fail(str(exc))


def _on_store(db: str, action):
    """Run `action(store)` on the store at `db`, closing it; library errors become one line."""
    store = _open_store(db)
    try:
        return action(store)
    except NewstraceError as exc:
        raise fail(str(exc))
    finally:
        store.close()


@app.command("dedupe")
def dedupe_cmd(
    db: str = typer.Option("newstrace.db", "--db", help="SQLite file or postgresql://… URL."),
    format: str = typer.Option("table", "--format", "-f", help="table or json."),
    save: bool = typer.Option(True, "--save/--no-save", help="Replace the duplicates table."),
    threshold: float = typer.Option(0.3, "--lsh-threshold", min=0.05, max=1.0,
                                    help="MinHash LSH Jaccard threshold for candidates."),
    shingle_size: int = typer.Option(4, "--shingle-size", min=1, help="Words per shingle."),
    limit: int = typer.Option(50, "--limit", min=0, help="Groups shown in the table (0: all)."),
) -> None:
    """Find syndicated copies and near-duplicates, their origin and republication chain.

    Python API: newstrace.corpus.dedupe()."""
    from .corpus import DedupeOptions, dedupe

    options = DedupeOptions(lsh_threshold=threshold, shingle_size=shingle_size)
    result = _on_store(db, lambda store: dedupe(store, options, save=save))
    if format == "json":
        typer.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
        return
    from rich.table import Table

    table = Table(title=f"{len(result.groups)} duplicate groups in "
                        f"{result.stats['documents']} articles")
    for col in ("group", "article", "outlet", "published", "similarity", "note"):
        table.add_column(col)
    shown = result.groups[:limit] if limit else result.groups
    for k, g in enumerate(shown, start=1):
        for i, m in enumerate(g.members):
            if i == 0:
                note = f"origin ({'credited' if g.reason == 'credit' else 'earliest'})"
            else:
                note = f"credits {', '.join(m.credits)}" if m.credits else ""
            table.add_row(str(k) if i == 0 else "", m.id[:12], m.outlet or "", m.published or "",
                          "" if i == 0 else f"{m.similarity:.2f}", note,
                          end_section=i == len(g.members) - 1)
    Console().print(table)
    if len(shown) < len(result.groups):
        typer.echo(f"… and {len(result.groups) - len(shown)} more groups (--limit 0 shows all, "
                   "--format json lists them)")


@app.command("clusters")
def clusters_cmd(
    db: str = typer.Option("newstrace.db", "--db", help="SQLite file or postgresql://… URL."),
    format: str = typer.Option("table", "--format", "-f", help="table or json."),
    window_days: int = typer.Option(3, "--window-days", min=0,
                                    help="Largest gap in days between linked articles."),
    threshold: float = typer.Option(0.2, "--threshold", min=0.0, max=1.0,
                                    help="Similarity a link needs."),
    save: bool = typer.Option(True, "--save/--no-save", help="Replace the clusters table."),
) -> None:
    """Group articles on the same story (not copies) within a time window.

    Python API: newstrace.corpus.cluster_stories()."""
    from .corpus import ClusterOptions, cluster_stories

    options = ClusterOptions(window_days=window_days, threshold=threshold)
    clusters = _on_store(db, lambda store: cluster_stories(store, options, save=save))
    if format == "json":
        typer.echo(json.dumps({"clusters": [c.to_dict() for c in clusters]},
                              ensure_ascii=False, indent=2))
        return
    from rich.table import Table

    table = Table(title=f"{len(clusters)} story clusters")
    for col in ("cluster", "article", "outlet", "published", "score", "note"):
        table.add_column(col)
    for c in clusters:
        for i, m in enumerate(c.members):
            table.add_row(f"{c.id} {c.label}" if i == 0 else "", m.id[:12], m.outlet or "",
                          m.published or "", f"{m.score:.2f}",
                          f"copy of {m.copy_of[:12]}" if m.copy_of else "",
                          end_section=i == len(c.members) - 1)
    Console().print(table)


@app.command("trace")
def trace_cmd(
    query: str = typer.Argument(..., help="A claim's text, or a stored claim ARTICLE_ID/CLAIM_ID."),
    db: str = typer.Option("newstrace.db", "--db", help="SQLite file or postgresql://… URL."),
    format: str = typer.Option("table", "--format", "-f", help="table or json."),
    threshold: float = typer.Option(80.0, "--threshold", min=0.0, max=100.0,
                                    help="Match score (0-100) a claim needs."),
    claimant: Optional[str] = typer.Option(None, "--claimant",
                                           help="Prefer claims by this claimant."),
) -> None:
    """Follow a claim across articles in time order: its first carrier, and the hedges and
    evidence labels each later carrier added or dropped.

    Python API: newstrace.corpus.trace_claim()."""
    from .corpus import TraceOptions, trace_claim

    options = TraceOptions(threshold=threshold)
    trace = _on_store(db, lambda store: trace_claim(store, query, options, claimant=claimant))
    if format == "json":
        typer.echo(json.dumps(trace.to_dict(), ensure_ascii=False, indent=2))
        return
    from rich.table import Table

    table = Table(title=f"{len(trace.claims)} carriers of: {trace.query}")
    for col in ("published", "outlet", "claim", "claimant", "hedges", "evidence", "changes"):
        table.add_column(col)
    for step in trace.claims:
        changes = [f"+{h}" for h in step.hedges_added] + [f"-{h}" for h in step.hedges_dropped]
        changes += [f"+[{e}]" for e in step.evidence_added]
        changes += [f"-[{e}]" for e in step.evidence_dropped]
        outlet = (step.outlet or "") + (" (first)" if step.first else "")
        table.add_row(step.published or "", outlet, step.text, step.claimant or "",
                      ", ".join(step.hedges), ", ".join(step.evidence), " ".join(changes))
    Console().print(table)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
