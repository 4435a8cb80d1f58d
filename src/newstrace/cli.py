"""The `newstrace` command: a thin typer shell over the Python API."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from enum import Enum
from pathlib import Path
from typing import Optional

import click
import typer
from rich.console import Console
from typer.core import TyperCommand

from . import AnalyzeOptions, __version__, analyze_many
from .cli_output import FORMAT_HELP, TableFormat, emit, plural, resolve
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


class QueryCommand(TyperCommand):
    """A command whose one positional argument is a query that may start with a minus:
    `newstrace search '-boats drugs'` searches instead of failing on an unknown option. A word
    that starts with one '-' and is not one of the command's options is moved behind `--`."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if "--" not in args:
            takes_value = {o for p in self.params if isinstance(p, click.Option) and not p.is_flag
                           and not p.count for o in p.opts + p.secondary_opts}
            known = {o for p in self.params for o in p.opts + p.secondary_opts} | {"--help"}
            keep, moved = [], []
            for i, arg in enumerate(args):
                after_option = i > 0 and args[i - 1] in takes_value
                if (arg.startswith("-") and not arg.startswith("--") and arg != "-"
                        and not after_option
                        and arg.split("=", 1)[0] not in known
                        and not (len(arg) > 2 and arg[:2] in known and arg[1] != "-")):
                    moved.append(arg)
                else:
                    keep.append(arg)
            if moved:
                args = keep + ["--", *moved]
        return super().parse_args(ctx, args)


class _State:
    quiet = False


state = _State()


@app.callback()
def _main(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Show the version and exit."),
    quiet: bool = typer.Option(False, "--quiet", "-q",
                               help="Print only results and errors: no progress, no summaries."),
    verbose: int = typer.Option(0, "--verbose", "-v", count=True, show_default=False, metavar=" ",
                                help="Log what happens on stderr (-v info, -vv debug)."),
) -> None:
    """Exit codes: 0 done; 1 an input or the store failed (the rest of a batch is still
    done and reported); 2 a usage error; 130 interrupted."""
    state.quiet = quiet
    if verbose:
        import logging

        from rich.logging import RichHandler

        logging.basicConfig(level=logging.DEBUG if verbose > 1 else logging.INFO,
                            format="%(name)s: %(message)s",
                            handlers=[RichHandler(console=err, show_path=False)])


def note(message: str) -> None:
    """A summary line on stderr, unless --quiet."""
    if not state.quiet:
        err.print(message, markup=False, highlight=False, soft_wrap=True)


def fail(message: str, code: int = 1) -> "typer.Exit":
    err.print(f"[red]error:[/red] {_escaped(message)}", markup=True, soft_wrap=True)
    return typer.Exit(code)


def _escaped(message: str) -> str:
    from .terminal import escape

    return escape(message)


CONFIG_HELP = "A TOML config file: one [table] per component, [limits], [language] (see `config show`)."


def _analyze_options(stages: str, model: str | None, batch_size: int, processes: int,
                     config: Path | None = None) -> AnalyzeOptions:
    """The options `analyze` and `ingest` share; a bad --stages or config is a usage error."""
    from .config import load_options

    try:
        return load_options(config, AnalyzeOptions(stages=stages, model=model,
                                                   batch_size=batch_size, n_process=processes))
    except NewstraceError as exc:
        raise fail(str(exc), 2)


class _Output:
    """`-o FILE`, checked before any input is read, written to a hidden temporary file beside
    it and renamed over it at the end: an input named as the output is refused (never
    truncated), a missing folder or a folder as FILE is one line, and the run never reads its
    own output (it is hidden while written and excluded from input folders)."""

    def __init__(self, output: Path | None, paths: list[str]) -> None:
        self.path = output
        self.tmp: Path | None = None
        if output is None:
            return
        target = output.expanduser()
        if target.is_dir():
            raise fail(f"{output}: is a folder; give a file name for --output", 2)
        if not target.parent.is_dir():
            raise fail(f"{output}: folder {target.parent} does not exist", 2)
        resolved = target.resolve()
        for item in paths:
            if item != "-" and Path(item).is_file() and Path(item).resolve() == resolved:
                raise fail(f"{output}: is also an input; it would be overwritten "
                           "(write the output to another file)", 2)
        self.path = target

    def open(self):
        if self.path is None:
            return sys.stdout
        try:
            fd, name = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp",
                                        dir=self.path.parent)
        except OSError as exc:
            raise fail(f"{self.path}: cannot be written: {exc.strerror or exc}")
        self.tmp = Path(name)
        return os.fdopen(fd, "w", encoding="utf-8")

    def commit(self, out) -> None:
        if self.tmp is None:
            return
        out.close()
        try:
            if self.path.exists():
                os.chmod(self.tmp, self.path.stat().st_mode & 0o777)
            else:
                mask = os.umask(0)
                os.umask(mask)
                os.chmod(self.tmp, 0o666 & ~mask)
            os.replace(self.tmp, self.path)
        except OSError as exc:
            raise fail(f"{self.path}: cannot be written: {exc.strerror or exc}")
        finally:
            self.tmp = None

    def discard(self, out) -> None:
        if self.tmp is not None:
            out.close()
            self.tmp.unlink(missing_ok=True)
            self.tmp = None


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
    explain: bool = typer.Option(False, "--explain", help="JSON: give each speaker the rule that "
                                 "found it (`why`). Python: Analysis.to_json(explain=True)."),
    config: Optional[Path] = typer.Option(None, "--config", help=CONFIG_HELP),
) -> None:
    """Analyze articles. Python API: newstrace.analyze() / newstrace.analyze_many()."""
    options = _analyze_options(stages, model, batch_size, processes, config)
    target = _Output(output, paths)
    fmt = format or (OutputFormat.report if sys.stdout.isatty() and output is None
                     else OutputFormat.json)
    results: list[Analysis] = []
    failures: list[Failure] = []
    streamed = 0
    out = target.open()
    try:
        for item in analyze_many(paths, options, exclude=[target.path] if target.path else ()):
            if isinstance(item, Failure):
                failures.append(item)
                err.print(f"[red]failed:[/red] {_escaped(item.message)}", soft_wrap=True,
                          highlight=False)
                continue
            for warning in item.warnings:
                err.print(f"[yellow]warning:[/yellow] {_escaped(item.source.uri)}: "
                          f"{_escaped(warning)}", soft_wrap=True, highlight=False)
            if fmt is OutputFormat.jsonl:
                out.write(item.to_json(explain=explain) + "\n")
                out.flush()
                streamed += 1
            else:
                results.append(item)
        if fmt is OutputFormat.json:
            if len(results) == 1:
                out.write(results[0].to_json(indent=2, explain=explain) + "\n")
            elif results:
                out.write(json.dumps([r.to_dict(explain=explain) for r in results], ensure_ascii=False,
                                     indent=2) + "\n")
        elif fmt is OutputFormat.report:
            from .report import print_report

            # A terminal gives its own width; a pipe or file gets a wide page, not 80 columns.
            console = Console(file=out, width=None if out.isatty() else 120)
            for result in results:
                print_report(result, console)
    except NewstraceError as exc:
        target.discard(out)
        raise fail(str(exc))
    except BaseException:
        target.discard(out)
        raise
    target.commit(out)
    total = len(results) + streamed + len(failures)
    if failures:
        if total > 1 or len(paths) > 1:
            note(f"{total - len(failures)} of {total} articles analysed; {len(failures)} failed")
        raise typer.Exit(1)


@app.command("eval")
def eval_cmd(
    gold: Path = typer.Option(..., "--gold", metavar="PATH",
                              help="A gold file or a folder of *.gold.json."),
    format: Optional[TableFormat] = typer.Option(None, "--format", "-f", help=FORMAT_HELP),
    model: Optional[str] = typer.Option(None, "--model", help="spaCy model."),
    details: bool = typer.Option(False, "--details", help="List every miss and extra per task."),
) -> None:
    """Score the pipeline against gold files. Python API: newstrace.evaluate.evaluate()."""
    from .evaluate import evaluate, print_scores

    try:
        scores = evaluate(gold, options=AnalyzeOptions(model=model))
    except NewstraceError as exc:
        raise fail(str(exc))
    fmt = resolve(format)
    if fmt is TableFormat.table:
        print_scores(scores, Console(), details=details)
        return
    rows = []
    for task, s in scores["overall"].items():
        if "f1" in s:
            rows.append((task, s["precision"], s["recall"], s["f1"], s["tp"], s["fp"], s["fn"], ""))
        else:
            rows.append((task, "", "", s["accuracy"], "", "", "", f"{s['correct']}/{s['total']}"))
    emit(("task", "precision", "recall", "f1_or_accuracy", "tp", "fp", "fn", "correct/total"),
         rows, fmt, payload=scores)


# -- corpus store: ingest and search (Python API: newstrace.open_corpus / Store) ---------------

DB_HELP = "Database: a SQLite file (default newstrace.db) or postgresql://user@host/db."


@app.command("ingest")
def ingest_cmd(
    paths: list[str] = typer.Argument(..., help="Files, folders, globs, feeds, WARCs, or - for stdin."),
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP + " With --dask and --parquet: "
                                     "only when given."),
    dask: Optional[str] = typer.Option(
        None, "--dask", metavar="[ADDRESS]",
        help="Run on Dask: a scheduler address (tcp://host:8786), or no address (or "
             "'local') for a LocalCluster of --processes workers (default: one per CPU). "
             "See docs/scale.md."),
    parquet: Optional[Path] = typer.Option(None, "--parquet", help="With --dask: also write "
                                           "Parquet tables into this folder."),
    partition_size: int = typer.Option(64, "--partition-size", min=1,
                                       help="With --dask: input records per task."),
    stages: str = typer.Option("all", "--stages", help="As for analyze: e.g. 'clean' (no spaCy)."),
    model: Optional[str] = typer.Option(None, "--model", help="spaCy model (env NEWSTRACE_MODEL)."),
    batch_size: int = typer.Option(16, "--batch-size", min=1,
                                   help="Articles per nlp.pipe batch and per transaction."),
    processes: int = typer.Option(1, "--processes", "-p", min=1, help="spaCy worker processes."),
    format: str = typer.Option("text", "--format", "-f", metavar="text|json",
                               help="Summary as text or json."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar, no summary."),
    config: Optional[Path] = typer.Option(None, "--config", help=CONFIG_HELP),
) -> None:
    """Analyse articles into a corpus store; idempotent and resumable.
    Python API: newstrace.open_corpus(db).ingest(paths, AnalyzeOptions(...))."""
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from .store import Store

    options = _analyze_options(stages, model, batch_size, processes, config)
    if dask is not None:
        return _ingest_dask(paths, options, dask, db, parquet, partition_size, format, quiet)
    if parquet is not None:
        raise fail("--parquet needs --dask (Parquet is written by the Dask runner)", 2)
    db = db or "newstrace.db"
    progress = Progress(SpinnerColumn(), TextColumn("[bold]ingest"), BarColumn(),
                        TextColumn("{task.fields[added]} added · {task.fields[skipped]} skipped · "
                                   "{task.fields[failed]} failed · {task.fields[rate]:.1f} articles/s"),
                        TimeElapsedColumn(), console=err,
                        disable=quiet or state.quiet or not err.is_terminal)
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
        err.print(f"[red]failed:[/red] {_escaped(f.message)}", soft_wrap=True, highlight=False)
    if format == "json":
        typer.echo(json.dumps(summary.to_dict(), ensure_ascii=False, indent=2))
    elif not quiet:
        note(f"{plural(summary.added, 'article')} added, {summary.skipped} already stored, "
             f"{summary.failed} failed in {summary.seconds:.1f}s "
             f"({summary.rate:.1f} articles/s) → {_shown_db(db)}")
    if summary.failures:
        raise typer.Exit(1)


def _ingest_dask(paths: list[str], options: AnalyzeOptions, address: str, db: str | None,
                 parquet: Path | None, partition_size: int, format: str, quiet: bool) -> None:
    """`ingest --dask`: newstrace.scale.ingest() with the CLI's options."""
    import os

    try:
        from . import scale
    except ImportError as exc:
        raise fail(f"--dask needs the dask extra ({exc.name} is missing): "
                   "pip install 'newstrace[dask]'")
    address = "" if address == "local" else address
    if address and not scale.is_address(address):
        raise fail(f"--dask {address!r} is not a scheduler address (tcp://host:port, or "
                   "'local' for a LocalCluster)", 2)
    if db is None and parquet is None:
        db = "newstrace.db"
    workers = options.n_process if options.n_process > 1 else (os.cpu_count() or 1)
    settings = scale.ScaleOptions(address=address or None, workers=workers,
                                  partition_size=partition_size, db=db,
                                  parquet=str(parquet) if parquet else None,
                                  progress=not (quiet or state.quiet),
                                  echo=None if quiet else note)
    try:
        summary = scale.ingest(paths, options, settings)
    except NewstraceError as exc:
        raise fail(str(exc))
    except OSError as exc:
        raise fail(f"cannot reach the Dask scheduler {address or '(local)'}: {exc}")
    for f in summary.failures:
        err.print(f"[red]failed:[/red] {f.message}", soft_wrap=True, highlight=False)
    if format == "json":
        typer.echo(json.dumps(summary.to_dict(), ensure_ascii=False, indent=2))
    elif not quiet:
        where = " and ".join(x for x in (_shown_db(db) if db else None,
                                         str(parquet) if parquet else None) if x)
        note(f"{plural(summary.added, 'article')} added, {summary.skipped} already stored, "
             f"{summary.failed} failed in {summary.seconds:.1f}s "
             f"({summary.rate:.1f} articles/s, {plural(summary.partitions, 'Dask task')}) "
             f"→ {where}")
    if summary.failures:
        raise typer.Exit(1)


class SearchKind(str, Enum):
    article = "article"
    quote = "quote"
    claim = "claim"


@app.command("search", cls=QueryCommand)
def search_cmd(
    query: str = typer.Argument(..., metavar="QUERY",
                                help='Words (all required), "phrases", or, -excluded.'),
    db: str = typer.Option("newstrace.db", "--db", help=DB_HELP),
    kind: Optional[SearchKind] = typer.Option(None, "--kind", help="Only article, quote or claim hits."),
    speaker: Optional[str] = typer.Option(None, "--speaker", help="Speaker or claimant (substring)."),
    outlet: Optional[str] = typer.Option(None, "--outlet", help="Outlet (substring)."),
    since: Optional[str] = typer.Option(None, "--since", help="Published on or after (ISO date)."),
    until: Optional[str] = typer.Option(None, "--until", help="Published on or before (ISO date)."),
    evidence: Optional[str] = typer.Option(None, "--evidence", help="Claim evidence label."),
    event_type: Optional[str] = typer.Option(None, "--event-type", help="PLOVER event type."),
    limit: int = typer.Option(50, "--limit", "-n", min=1, help="At most this many hits."),
    format: Optional[TableFormat] = typer.Option(None, "--format", "-f", help=FORMAT_HELP),
) -> None:
    """Full-text search over article text, quotes and claims. A query may start with a
    minus (`newstrace search -- '-word other'` or just `'-word other'`).
    Python API: newstrace.open_corpus(db).search(query, kind=..., speaker=..., ...)."""
    from .model import EVIDENCE_LABELS
    from .store import SearchFilters

    if not query.strip():
        raise fail("empty query: give words, \"a phrase\", or -excluded words", 2)
    if evidence and evidence not in EVIDENCE_LABELS:
        raise fail(f"unknown evidence label {evidence!r}; choose from {', '.join(EVIDENCE_LABELS)}", 2)
    filters = SearchFilters(kind=kind.value if kind else None, speaker=speaker, outlet=outlet,
                            since=since, until=until, evidence=evidence, event_type=event_type)
    hits = _on_store(db, lambda store: store.search(query, filters, limit=limit))
    fmt = resolve(format)
    rows = [(h.kind, h.text, h.speaker, h.outlet, h.published, ", ".join(h.evidence or ()),
             h.article_id if fmt is not TableFormat.table else h.article_id[:12]) for h in hits]
    emit(("kind", "text", "speaker", "outlet", "published", "evidence", "article"), rows, fmt,
         title=f"{plural(len(hits), 'hit')} for {query!r}",
         payload={"query": query, "hits": [h.to_dict() for h in hits]})


# -- corpus: dedupe, clusters, trace (newstrace.corpus) -------------------------------------


def _shown_db(db: str) -> str:
    from .store.db import display_url

    return display_url(db) if "://" in db else db


def _open_store(db: str):
    """The store at `db`; a SQLite path that does not exist is an error (nothing to read)."""
    from .store import Store

    try:
        return Store(db, create=False)
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


def _on_dask(db: str, dask: str, action, *, progress: bool = False):
    """Run `action(scale, settings)` for a corpus command's `--dask [ADDRESS]` ("local": a
    LocalCluster); the store is opened first so a missing one is the usual one-line error."""
    from . import scale

    _open_store(db).close()
    settings = scale.ScaleOptions(address=None if dask == "local" else dask,
                                  progress=progress, echo=note)
    try:
        return action(scale, settings)
    except NewstraceError as exc:
        raise fail(str(exc))


def _shows_progress(format) -> bool:
    return resolve(format) is TableFormat.table and not state.quiet


@app.command("dedupe")
def dedupe_cmd(
    db: str = typer.Option("newstrace.db", "--db", help=DB_HELP),
    format: Optional[TableFormat] = typer.Option(None, "--format", "-f", help=FORMAT_HELP),
    save: bool = typer.Option(True, "--save/--no-save", help="Replace the duplicates table."),
    threshold: float = typer.Option(0.3, "--lsh-threshold", min=0.05, max=1.0,
                                    help="MinHash LSH Jaccard threshold for candidates."),
    shingle_size: int = typer.Option(4, "--shingle-size", min=1, help="Words per shingle."),
    limit: int = typer.Option(50, "--limit", min=0, help="Groups shown in the table (0: all)."),
    dask: Optional[str] = typer.Option(
        None, "--dask", metavar="[ADDRESS]",
        help="Run on Dask: a scheduler address, or none for a LocalCluster (docs/scale.md)."),
) -> None:
    """Find syndicated copies and near-duplicates, their origin and republication chain.

    Python API: newstrace.corpus.dedupe(); with --dask: newstrace.scale.dedupe()."""
    from .corpus import DedupeOptions, dedupe

    options = DedupeOptions(lsh_threshold=threshold, shingle_size=shingle_size)
    if dask is not None:
        result = _on_dask(db, dask, lambda scale, settings: scale.dedupe(
            db, options, settings, save=save), progress=_shows_progress(format))
    else:
        result = _on_store(db, lambda store: dedupe(store, options, save=save))
    fmt = resolve(format)
    shown = result.groups[:limit] if limit else result.groups
    rows, sections = [], []
    for k, g in enumerate(shown, start=1):
        for i, m in enumerate(g.members):
            if i == 0:
                why = f"origin ({'credited' if g.reason == 'credit' else g.reason})"
            else:
                why = f"credits {', '.join(m.credits)}" if m.credits else ""
            rows.append((k, m.id if fmt is not TableFormat.table else m.id[:12], m.outlet,
                         m.published, "" if i == 0 else f"{m.similarity:.2f}", why, m.uri))
            sections.append(i == len(g.members) - 1)
    emit(("group", "article", "carrier", "published", "similarity", "note", "source"), rows, fmt,
         title=f"{plural(len(result.groups), 'duplicate group')} in "
               f"{plural(result.stats['documents'], 'article')}",
         payload=result.to_dict(), sections=sections, wide=("source",))
    if len(shown) < len(result.groups):
        note(f"… and {len(result.groups) - len(shown)} more groups (--limit 0 shows all, "
             "--format json lists them)")


@app.command("clusters")
def clusters_cmd(
    db: str = typer.Option("newstrace.db", "--db", help=DB_HELP),
    format: Optional[TableFormat] = typer.Option(None, "--format", "-f", help=FORMAT_HELP),
    window_days: int = typer.Option(3, "--window-days", min=0,
                                    help="Largest gap in days between linked articles."),
    threshold: float = typer.Option(0.25, "--threshold", min=0.0, max=1.0,
                                    help="Similarity a link needs."),
    save: bool = typer.Option(True, "--save/--no-save", help="Replace the clusters table."),
    dask: Optional[str] = typer.Option(
        None, "--dask", metavar="[ADDRESS]",
        help="Run on Dask: a scheduler address, or none for a LocalCluster (docs/scale.md)."),
) -> None:
    """Group articles on the same story (not copies) within a time window.

    Python API: newstrace.corpus.cluster_stories(); with --dask: newstrace.scale.clusters()."""
    from .corpus import ClusterOptions, cluster_stories

    options = ClusterOptions(window_days=window_days, threshold=threshold)
    if dask is not None:
        clusters = _on_dask(db, dask, lambda scale, settings: scale.clusters(
            db, options, settings, save=save), progress=_shows_progress(format))
    else:
        clusters = _on_store(db, lambda store: cluster_stories(store, options, save=save))
    fmt = resolve(format)
    short = fmt is TableFormat.table
    rows, sections = [], []
    for c in clusters:
        for i, m in enumerate(c.members):
            rows.append((f"{c.id} {c.label}" if i == 0 or not short else "",
                         m.id[:12] if short else m.id, m.outlet, m.published, f"{m.score:.2f}",
                         f"copy of {m.copy_of[:12] if short else m.copy_of}" if m.copy_of else ""))
            sections.append(i == len(c.members) - 1)
    emit(("cluster", "article", "outlet", "published", "score", "note"), rows, fmt,
         title=plural(len(clusters), "story cluster"),
         payload={"clusters": [c.to_dict() for c in clusters]}, sections=sections)


@app.command("trace", cls=QueryCommand)
def trace_cmd(
    query: str = typer.Argument(..., help="A claim's text, or a stored claim ARTICLE_ID/CLAIM_ID."),
    db: str = typer.Option("newstrace.db", "--db", help=DB_HELP),
    format: Optional[TableFormat] = typer.Option(None, "--format", "-f", help=FORMAT_HELP),
    threshold: float = typer.Option(55.0, "--threshold", min=0.0, max=100.0,
                                    help="Score (0-100) a carrier needs."),
    claimant: Optional[str] = typer.Option(None, "--claimant",
                                           help="Prefer claims by this claimant."),
    dask: Optional[str] = typer.Option(
        None, "--dask", metavar="[ADDRESS]",
        help="Verify the candidates on Dask: a scheduler address, or none for a LocalCluster "
             "(docs/scale.md)."),
) -> None:
    """Follow a claim across articles in time order: its first carrier, and the hedges and
    evidence labels each later carrier added or dropped.

    Python API: newstrace.corpus.trace_claim(); with --dask: newstrace.scale.trace()."""
    from .corpus import TraceOptions, trace_claim

    options = TraceOptions(threshold=threshold)
    if dask is not None:
        trace = _on_dask(db, dask, lambda scale, settings: scale.trace(
            db, query, options, settings, claimant=claimant))
    else:
        trace = _on_store(db, lambda store: trace_claim(store, query, options,
                                                        claimant=claimant))
    rows = []
    for step in trace.claims:
        changes = [f"+{h}" for h in step.hedges_added] + [f"-{h}" for h in step.hedges_dropped]
        changes += [f"+[{e}]" for e in step.evidence_added]
        changes += [f"-[{e}]" for e in step.evidence_dropped]
        outlet = (step.outlet or "") + (" (first)" if step.first else "") + \
            (" (conflicting)" if step.conflicting else "")
        rows.append((step.published, outlet, step.text, step.claimant, ", ".join(step.hedges),
                     ", ".join(step.evidence), " ".join(changes)))
    emit(("published", "outlet", "claim", "claimant", "hedges", "evidence", "changes"), rows,
         resolve(format), title=f"{plural(len(trace.claims), 'carrier')} of: {trace.query}",
         payload=trace.to_dict())


@app.command("serve")
def serve_cmd(
    db: str = typer.Option("newstrace.db", "--db", help=DB_HELP),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to bind (default: this "
                             "machine only)."),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="Port to listen on."),
) -> None:
    """Serve the web page and the REST API (/api/v1, OpenAPI at /docs) over a corpus store.
    Writes need the token in NEWSTRACE_API_TOKEN; without it the server is read-only.

    Python API: newstrace.api.create_app(db)."""
    try:
        import uvicorn

        from .api import TOKEN_ENV, create_app
    except ImportError as exc:
        raise fail(f"the web service needs the serve extra: pip install 'newstrace[serve]' "
                   f"({exc.name} is missing)")
    try:
        web = create_app(db)
    except NewstraceError as exc:
        raise fail(str(exc))
    mode = ("read-only: set NEWSTRACE_API_TOKEN to accept writes" if web.state.api.read_only
            else f"writes need the token in {TOKEN_ENV}")
    err.print(f"newstrace serving {db} at http://{host}:{port}/ ({mode}); API docs at /docs",
              highlight=False, soft_wrap=True)
    uvicorn.run(web, host=host, port=port, log_level="warning")


@app.command("config")
def config_cmd(
    action: str = typer.Argument("show", help="show: print the effective config as TOML."),
    config: Optional[Path] = typer.Option(None, "--config", help=CONFIG_HELP),
    format: str = typer.Option("toml", "--format", "-f", metavar="toml|json",
                               help="toml or json."),
) -> None:
    """Show the effective config: every component's settings, the limits and the language
    policy, defaults with the --config file over them (the output is a valid config file).
    Python API: newstrace.config.effective_config(newstrace.config.load_options(FILE))."""
    from .config import effective_config, load_options, to_toml

    if action != "show":
        raise fail(f"unknown action {action!r}; the one action is: show", 2)
    try:
        effective = effective_config(load_options(config))
    except NewstraceError as exc:
        raise fail(str(exc), 2)
    if format == "json":
        typer.echo(json.dumps(effective, ensure_ascii=False, indent=2))
    else:
        typer.echo(to_toml(effective), nl=False)


@app.command("doctor")
def doctor_cmd(
    db: str = typer.Option("newstrace.db", "--db", help=DB_HELP),
    model: Optional[str] = typer.Option(None, "--model", help="spaCy model (env NEWSTRACE_MODEL)."),
    format: Optional[TableFormat] = typer.Option(None, "--format", "-f", help=FORMAT_HELP),
) -> None:
    """Check the install: the spaCy model loads, lxml's HTML cleaner imports, the store is
    reachable and migrated, versions; print what to fix. Exit 1 if a check fails.
    Python API: newstrace.doctor.run_checks(db=..., model=...)."""
    from .doctor import run_checks

    checks = run_checks(db=db, model=model)
    emit(("check", "status", "found", "fix"), [(c.name, c.status, c.found, c.fix) for c in checks],
         resolve(format), title="newstrace doctor", payload=[c.to_dict() for c in checks])
    if any(c.status == "fail" for c in checks):
        raise typer.Exit(1)


OPTIONAL_VALUES = {"--dask": "local"}  # options whose value may be left out


def optional_values(argv: list[str]) -> list[str]:
    """`--dask` with no address (last, or before another option or an input) means
    `--dask local`: typer options cannot leave their value out, so it is filled in here."""
    out: list[str] = []
    for i, arg in enumerate(argv):
        out.append(arg)
        if arg in OPTIONAL_VALUES:
            nxt = argv[i + 1] if i + 1 < len(argv) else None
            if nxt is None or nxt.startswith("-") or not _looks_like_address(nxt):
                out.append(OPTIONAL_VALUES[arg])
    return out


def _looks_like_address(value: str) -> bool:
    import re

    return value == "local" or bool(re.match(r"^(?:[a-z][a-z0-9+.-]*://\S+|[\w.-]+:\d+)$",
                                             value, re.IGNORECASE))




def main() -> None:
    """The console script: a bug never reaches the user as a traceback, but as one line with
    the NT099 code (set NEWSTRACE_DEBUG=1 to see the traceback)."""
    try:
        app(args=optional_values(sys.argv[1:]), prog_name="newstrace")
    except (SystemExit, KeyboardInterrupt):
        raise
    except Exception as exc:  # noqa: BLE001 -- the last line of defence
        if os.environ.get("NEWSTRACE_DEBUG"):
            raise
        err.print(f"[red]error:[/red] [NT099] internal error: {_escaped(repr(exc))}; please "
                  "report it with the input (NEWSTRACE_DEBUG=1 shows the traceback)",
                  soft_wrap=True, highlight=False)
        sys.exit(70)


if __name__ == "__main__":
    main()
