"""Score analyses against hand-made gold files (schema `newstrace-gold/1`).

The matching rules are those of `shared/eval/README.md`: texts are compared after casefolding,
stripping accents, unifying quote marks and collapsing whitespace; names match a gold entity's
name or aliases, or, for an unnamed source, its head word. Matching is one-to-one (greedy,
best score first).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import GoldFileError, InputNotFound
from .model import EVIDENCE_LABELS, Analysis
from .pipeline import AnalyzeOptions

GOLD_SCHEMA = "newstrace-gold/1"
METADATA_FIELDS = (
    "headline", "dek", "authors", "dateline", "origin_outlet", "republished_by",
    "body_starts_with", "body_ends_with", "body_paragraphs", "not_in_body",
)
COARSE_TYPES = {"PERSON": "PERSON", "PER": "PERSON", "ORG": "ORG", "GPE": "PLACE",
                "LOC": "PLACE", "FAC": "PLACE", "EVENT": "EVENT"}
QUOTE_MATCH_F1 = 0.6
_QUOTES = str.maketrans({c: '"' for c in "“”„‟«»″"} | {c: "'" for c in "‘’‚‛′`"})
_ELISION = re.compile(r"\[\s*(?:\.\.\.|…)\s*\]|\s(?:\.\.\.|…)\s")
_TOKEN = re.compile(r"\w+", re.UNICODE)


def norm(text: str | None) -> str:
    """Casefold, strip accents, unify quote marks, collapse whitespace."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKD", text.translate(_QUOTES))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", text.casefold()).strip()


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(norm(text))


def token_f1(a: str, b: str) -> float:
    ta, tb = tokens(a), tokens(b)
    if not ta or not tb:
        return 0.0
    common: dict[str, int] = {}
    for t in ta:
        common[t] = common.get(t, 0) + 1
    overlap = 0
    for t in tb:
        if common.get(t, 0) > 0:
            overlap += 1
            common[t] -= 1
    if overlap == 0:
        return 0.0
    p, r = overlap / len(tb), overlap / len(ta)
    return 2 * p * r / (p + r)


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: "Score") -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def as_dict(self) -> dict[str, float | int | None]:
        """P/R/F1; None where undefined (nothing in gold or predicted)."""
        if self.tp + self.fp + self.fn == 0:
            return {"precision": None, "recall": None, "f1": None, "tp": 0, "fp": 0, "fn": 0}
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass
class Ratio:
    hit: int = 0
    total: int = 0

    def add(self, other: "Ratio") -> None:
        self.hit += other.hit
        self.total += other.total

    def as_dict(self) -> dict[str, float | int | None]:
        return {"accuracy": round(self.hit / self.total, 4) if self.total else None,
                "correct": self.hit, "total": self.total}


@dataclass
class FileResult:
    gold_id: str
    scores: dict[str, Score] = field(default_factory=dict)
    ratios: dict[str, Ratio] = field(default_factory=dict)
    metadata: dict[str, bool] = field(default_factory=dict)
    misses: dict[str, list[str]] = field(default_factory=dict)


class NameMatcher:
    """Whether a predicted name matches a gold name, using the gold entities' aliases."""

    def __init__(self, gold_entities: Sequence[dict[str, Any]]) -> None:
        self.forms: dict[str, set[str]] = {}
        for ent in gold_entities:
            forms = {norm(ent["name"])} | {norm(a) for a in ent.get("aliases") or []}
            for form in list(forms):
                self.forms.setdefault(form, set()).update(forms)

    def matches(self, predicted: str | None, gold: str | None) -> bool:
        if gold is None:
            return predicted is None
        if predicted is None:
            return False
        p, g = norm(predicted), norm(gold)
        if p == g:
            return True
        if g in self.forms:
            return p in self.forms[g]
        # An unnamed source: the head words agree ("officials" ~ "US officials").
        p_toks, g_toks = tokens(p), tokens(g)
        return bool(p_toks and g_toks) and p_toks[-1] == g_toks[-1]


def _greedy(gold: Sequence[Any], pred: Sequence[Any],
            score: Callable[[Any, Any], float]) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, pred index), best score first; score 0 means no match."""
    candidates = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            s = score(g, p)
            if s > 0:
                candidates.append((s, gi, pi))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, gi, pi in candidates:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        pairs.append((gi, pi))
    return pairs


def _prf(n_gold: int, n_pred: int, tp: int) -> Score:
    return Score(tp=tp, fp=n_pred - tp, fn=n_gold - tp)


def _name(ref: Any) -> str | None:
    return ref.name if ref is not None else None


# --- tasks -----------------------------------------------------------------------------------


def score_metadata(gold: dict[str, Any], analysis: Analysis) -> dict[str, bool]:
    meta, text = analysis.meta, analysis.text
    checks: dict[str, bool] = {}

    def one_of(expected: Any, got: str | None) -> bool:
        options = expected if isinstance(expected, list) else [expected]
        return any(norm(o) == norm(got) for o in options) if got or any(options) else True

    for name in METADATA_FIELDS:
        if name not in gold:
            continue
        expected = gold[name]
        if name in ("headline", "dek", "dateline", "origin_outlet"):
            checks[name] = one_of(expected, getattr(meta, name))
        elif name in ("authors", "republished_by"):
            checks[name] = {norm(x) for x in expected} == {norm(x) for x in getattr(meta, name)}
        elif name == "body_starts_with":
            checks[name] = norm(text).startswith(norm(expected))
        elif name == "body_ends_with":
            checks[name] = norm(text).endswith(norm(expected))
        elif name == "body_paragraphs":
            checks[name] = len([p for p in text.split("\n") if p.strip()]) == expected
        elif name == "not_in_body":
            checks[name] = not any(norm(s) in norm(text) for s in expected)
    return checks


def score_entities(gold: list[dict[str, Any]], analysis: Analysis,
                   matcher: NameMatcher) -> tuple[Score, Ratio, list[str]]:
    pred = [e for e in analysis.entities if e.type in COARSE_TYPES]

    def match(g: dict[str, Any], p: Any) -> float:
        if COARSE_TYPES.get(g["type"]) != COARSE_TYPES.get(p.type):
            return 0.0
        if norm(p.name) == norm(g["name"]):
            return 2.0
        return 1.0 if matcher.matches(p.name, g["name"]) else 0.0

    pairs = _greedy(gold, pred, match)
    aliases = Ratio()
    matched = dict(pairs)
    for gi, g in enumerate(gold):
        for alias in g.get("aliases") or []:
            aliases.total += 1
            if gi in matched:
                p = pred[matched[gi]]
                if norm(alias) in {norm(p.name)} | {norm(a) for a in p.aliases}:
                    aliases.hit += 1
    misses = [f"missed {g['name']} ({g['type']})" for gi, g in enumerate(gold) if gi not in matched]
    used = {pi for _, pi in pairs}
    misses += [f"extra {p.name} ({p.type})" for pi, p in enumerate(pred) if pi not in used]
    return _prf(len(gold), len(pred), len(pairs)), aliases, misses


def _gold_quote_text(text: str) -> str:
    return " ".join(part.strip() for part in _ELISION.split(text) if part.strip())


def score_quotes(gold: list[dict[str, Any]], analysis: Analysis, matcher: NameMatcher
                 ) -> tuple[Score, Score, Ratio, list[str]]:
    pred = analysis.quotes

    def match(g: dict[str, Any], p: Any) -> float:
        if g["kind"] != p.kind:
            return 0.0
        f1 = token_f1(_gold_quote_text(g["text"]), p.text)
        return f1 if f1 >= QUOTE_MATCH_F1 else 0.0

    pairs = _greedy(gold, pred, match)
    e2e = sum(1 for gi, pi in pairs if matcher.matches(_name(pred[pi].speaker), gold[gi].get("speaker")))
    speakers = Ratio(hit=e2e, total=len(pairs))
    matched = dict(pairs)
    misses = [f"missed {g['kind']} “{g['text'][:60]}” ({g.get('speaker')})"
              for gi, g in enumerate(gold) if gi not in matched]
    misses += [f"wrong speaker “{gold[gi]['text'][:40]}”: {_name(pred[pi].speaker)} "
               f"≠ {gold[gi].get('speaker')}" for gi, pi in pairs
               if not matcher.matches(_name(pred[pi].speaker), gold[gi].get("speaker"))]
    used = {pi for _, pi in pairs}
    misses += [f"extra {p.kind} “{p.text[:60]}”" for pi, p in enumerate(pred) if pi not in used]
    return (_prf(len(gold), len(pred), len(pairs)), _prf(len(gold), len(pred), e2e), speakers,
            misses)


def _gist_task(gold: list[dict[str, Any]], pred: Sequence[Any], who: Callable[[Any], str | None],
               gold_who: str, matcher: NameMatcher, label: str
               ) -> tuple[Score, Score, list[tuple[int, int]], list[str]]:
    def match(g: dict[str, Any], p: Any) -> float:
        gist = norm(g["gist"])
        if gist and gist in norm(p.text):
            # Prefer the tightest containing prediction, and one whose speaker agrees.
            agree = 1.0 if matcher.matches(who(p), g.get(gold_who)) else 0.0
            return 1.0 + agree + len(gist) / max(len(norm(p.text)), 1)
        return 0.0

    pairs = _greedy(gold, pred, match)
    e2e = sum(1 for gi, pi in pairs if matcher.matches(who(pred[pi]), gold[gi].get(gold_who)))
    matched = dict(pairs)
    misses = [f"missed {label} “{g['gist']}” ({g.get(gold_who)})" for gi, g in enumerate(gold)
              if gi not in matched]
    misses += [f"wrong {gold_who} “{gold[gi]['gist'][:40]}”: {who(pred[pi])} ≠ {gold[gi].get(gold_who)}"
               for gi, pi in pairs if not matcher.matches(who(pred[pi]), gold[gi].get(gold_who))]
    used = {pi for _, pi in pairs}
    misses += [f"extra {label} “{p.text[:70]}”" for pi, p in enumerate(pred) if pi not in used]
    return _prf(len(gold), len(pred), len(pairs)), _prf(len(gold), len(pred), e2e), pairs, misses


def score_evidence(gold: list[dict[str, Any]], pred: Sequence[Any],
                   pairs: list[tuple[int, int]]) -> tuple[Score, list[str]]:
    score = Score()
    misses = []
    for gi, pi in pairs:
        g_labels = set(gold[gi].get("evidence") or [])
        p_labels = set(pred[pi].evidence)
        for label in EVIDENCE_LABELS:
            if label in g_labels and label in p_labels:
                score.tp += 1
            elif label in p_labels:
                score.fp += 1
            elif label in g_labels:
                score.fn += 1
        if g_labels != p_labels:
            misses.append(f"evidence “{gold[gi]['gist'][:40]}”: {sorted(p_labels)} ≠ {sorted(g_labels)}")
    return score, misses


def score_events(gold: list[dict[str, Any]], analysis: Analysis, matcher: NameMatcher
                 ) -> tuple[Score, Score, list[str]]:
    pred = analysis.events

    def match(g: dict[str, Any], p: Any) -> float:
        if g["type"] != p.type or norm(g["gist"]) not in norm(p.text):
            return 0.0
        return 1.0 + (1.0 if matcher.matches(_name(p.actor), g.get("actor")) else 0.0)

    pairs = _greedy(gold, pred, match)
    e2e = sum(1 for gi, pi in pairs if matcher.matches(_name(pred[pi].actor), gold[gi].get("actor")))
    matched = dict(pairs)
    misses = [f"missed {g['type']} “{g['gist']}” ({g.get('actor')})" for gi, g in enumerate(gold)
              if gi not in matched]
    misses += [f"wrong actor {gold[gi]['type']} “{gold[gi]['gist']}”: {_name(pred[pi].actor)} "
               f"≠ {gold[gi].get('actor')}" for gi, pi in pairs
               if not matcher.matches(_name(pred[pi].actor), gold[gi].get("actor"))]
    used = {pi for _, pi in pairs}
    misses += [f"extra {p.type} [{p.trigger.text}] “{p.text[:60]}”" for pi, p in enumerate(pred)
               if pi not in used]
    return _prf(len(gold), len(pred), len(pairs)), _prf(len(gold), len(pred), e2e), misses


# --- files -----------------------------------------------------------------------------------


def load_gold(path: Path) -> dict[str, Any]:
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise GoldFileError(f"cannot read gold file: {exc}", input=str(path)) from exc
    if not isinstance(gold, dict) or gold.get("schema") != GOLD_SCHEMA or "input" not in gold:
        raise GoldFileError(f"not a {GOLD_SCHEMA} file (needs 'schema' and 'input')",
                            input=str(path))
    return gold


def gold_files(path: str | Path) -> list[Path]:
    path = Path(path)
    if path.is_file():
        return [path]
    if path.is_dir():
        files = sorted(path.rglob("*.gold.json"))
        if files:
            return files
        raise InputNotFound("no *.gold.json files in this folder", input=str(path))
    raise InputNotFound("no such gold file or folder", input=str(path))


def score_file(gold: dict[str, Any], analysis: Analysis) -> FileResult:
    result = FileResult(gold_id=gold.get("id", analysis.source.uri))
    matcher = NameMatcher(gold.get("entities") or [])
    if "article" in gold:
        result.metadata = score_metadata(gold["article"], analysis)
        result.ratios["metadata"] = Ratio(sum(result.metadata.values()), len(result.metadata))
        result.misses["metadata"] = [f"{k} wrong" for k, ok in result.metadata.items() if not ok]
    if "entities" in gold:
        score, aliases, misses = score_entities(gold["entities"], analysis, matcher)
        result.scores["entities"] = score
        result.ratios["entity_aliases"] = aliases
        result.misses["entities"] = misses
    if "quotes" in gold:
        score, e2e, speakers, misses = score_quotes(gold["quotes"], analysis, matcher)
        result.scores["quotes"], result.scores["quotes_e2e"] = score, e2e
        result.ratios["quote_speakers"] = speakers
        result.misses["quotes"] = misses
    if "reported_speech" in gold:
        score, e2e, _, misses = _gist_task(gold["reported_speech"], analysis.reported_speech,
                                           lambda r: _name(r.speaker), "speaker", matcher,
                                           "speech")
        result.scores["reported_speech"], result.scores["reported_speech_e2e"] = score, e2e
        result.misses["reported_speech"] = misses
    if "claims" in gold:
        score, e2e, pairs, misses = _gist_task(gold["claims"], analysis.claims,
                                               lambda c: _name(c.claimant), "claimant", matcher,
                                               "claim")
        result.scores["claims"], result.scores["claims_e2e"] = score, e2e
        evidence, ev_misses = score_evidence(gold["claims"], analysis.claims, pairs)
        result.scores["evidence"] = evidence
        result.misses["claims"] = misses + ev_misses
    if "events" in gold:
        score, e2e, misses = score_events(gold["events"], analysis, matcher)
        result.scores["events"], result.scores["events_e2e"] = score, e2e
        result.misses["events"] = misses
    return result


def evaluate(gold: str | Path, options: AnalyzeOptions | None = None) -> dict[str, Any]:
    """Run the pipeline on every gold file's input and score it. Returns
    {"files": [...], "overall": {task: {precision, recall, f1, …} or {accuracy, …}}}."""
    from . import analyze

    files = []
    totals: dict[str, Score] = {}
    ratio_totals: dict[str, Ratio] = {}
    for path in gold_files(gold):
        data = load_gold(path)
        input_path = (path.parent / data["input"]).resolve()
        analysis = analyze(input_path, options=options)
        result = score_file(data, analysis)
        for name, score in result.scores.items():
            totals.setdefault(name, Score()).add(score)
        for name, ratio in result.ratios.items():
            ratio_totals.setdefault(name, Ratio()).add(ratio)
        files.append({
            "id": result.gold_id,
            "gold": str(path),
            "input": str(input_path),
            "scores": {k: v.as_dict() for k, v in result.scores.items()},
            "ratios": {k: v.as_dict() for k, v in result.ratios.items()},
            "metadata": result.metadata,
            "misses": result.misses,
        })
    overall: dict[str, Any] = {k: v.as_dict() for k, v in totals.items()}
    overall.update({k: v.as_dict() for k, v in ratio_totals.items()})
    return {"files": files, "overall": overall}


def print_scores(scores: dict[str, Any], console: Any, details: bool = False) -> None:
    from rich.table import Table

    table = Table(title=f"newstrace eval — {len(scores['files'])} gold file(s)")
    table.add_column("task")
    table.add_column("P", justify="right")
    table.add_column("R", justify="right")
    table.add_column("F1", justify="right")
    table.add_column("tp/fp/fn or correct/total", justify="right")
    def fmt(value: float | None) -> str:
        return "–" if value is None else f"{value:.3f}"

    for name, s in scores["overall"].items():
        if "f1" in s:
            table.add_row(name, fmt(s["precision"]), fmt(s["recall"]), fmt(s["f1"]),
                          f"{s['tp']}/{s['fp']}/{s['fn']}")
        else:
            table.add_row(name, "", "", f"acc {fmt(s['accuracy'])}", f"{s['correct']}/{s['total']}")
    console.print(table)
    if details:
        for f in scores["files"]:
            console.print(f"[bold]{f['id']}[/bold]")
            for task, misses in f["misses"].items():
                for miss in misses:
                    console.print(f"  {task}: {miss}", highlight=False, markup=False)
