"""Does a sentence state the same checkable assertion as a query? The verifier of `trace`.

An `Assertion` is what makes a sentence checkable: its content words (casefolded, lightly
stemmed, figures and stop words out), its figures (`figures.py`: normalised numbers and units),
the names in it, its polarity (a negation or denial in front of its predicate) and the
direction of its predicate (raised / cut / kept). `verify(query, unit, …)` compares a query
with a passage (a sentence, or two side by side) and returns a `Verdict`:

- lexical: TF-IDF cosine and the IDF-weighted share of the query's words the passage has
  (coverage), so a passage the bag-of-words baseline takes is never lost on words alone;
- figures: each query figure agrees with a passage figure of the same kind (intervals meet),
  conflicts with one (same kind, no agreeing one), or is missing;
- names: found in the passage directly, through a stored alias, an acronym or a surname;
- vetoes: a flipped polarity (the passage denies what the query asserts), an opposite
  predicate direction ("kept at 4.25 %" against "raised to 4.25 %"), names of the query absent
  from the article, a conflicting figure without the rest of the assertion around it.

A passage that states the assertion with a different figure (or date) and the rest of it in
place is a `conflicting` carrier. The weights and thresholds live in `TraceOptions`.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from .. import resources
from .figures import Figure, compare, figures, words_of
from .shingles import normalize

_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_WORD = re.compile(r"[^\W\d_]+(?:['’][a-z]+)?", re.UNICODE)
_CAP_SEQ = re.compile(
    r"\b[A-Z][\w&’'.-]*(?:\s+(?:of|the|de|del|van|von|for|and)?\s*[A-Z][\w&’'.-]*)*")
_CLAUSE = re.compile(r"[,;:—–()]|\s(?:and|but|while|whereas|although|which|who)\s")


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    return frozenset(w for line in resources.lines("trace_stopwords.txt") for w in line.split())


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A light suffix stripper: plurals, -ed, -ing, possessives ("households" → "household",
    "raised" → "rais", "burning" → "burn")."""
    w = word.casefold().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 5 and w.endswith("ing"):
        return w[:-3]
    if len(w) > 4 and w.endswith("ed"):
        return w[:-2] if not w.endswith("eed") else w
    if len(w) > 3 and w.endswith("es") and w[-3] in "sxz":
        return w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
        return w[:-1]
    return w


def content_tokens(text: str) -> list[str]:
    """The stemmed content words of `text` (no stop words, no digits)."""
    stops = stop_words()
    if not text.isascii():  # accents off (as shingles.normalize, at C speed)
        text = _COMBINING.sub("", unicodedata.normalize("NFKD", text))
    text = text.lower()
    return [stem(w) for w in _WORD.findall(text) if len(w) > 1 and w not in stops]


@dataclass
class Assertion:
    """What makes a passage checkable (see the module docstring)."""

    text: str
    tokens: list[str]
    figures: list[Figure]
    names: list[str]
    negations: list[tuple[int, str]]  # (offset, cue) of negations / denials
    directions: set[str]

    @property
    def token_set(self) -> set[str]:
        return set(self.tokens)


@lru_cache(maxsize=1)
def date_names() -> frozenset[str]:
    """Month, weekday and season names (resources/date_words.tsv): a date, not a name."""
    return frozenset(r["word"].casefold() for r in resources.table("date_words.tsv")
                     if r["kind"] in ("month", "weekday", "season"))


_SENTENCE_END = re.compile(r"(?<=[^\W\d_]{4}[.!?])\s+")


def _names(text: str, common: Callable[[str], bool] | None = None) -> list[str]:
    """Capitalised sequences of `text` that name someone or something: not a sentence's
    ordinary first word (`common`), not a date ("Monday", "March"), never across a sentence
    end ("on Wednesday. Union leader …" gives no "Wednesday. Union")."""
    out = []
    pieces = []
    for m in _CAP_SEQ.finditer(text):
        at = m.start()
        for piece in _SENTENCE_END.split(m.group(0)):
            at = text.find(piece, at)
            pieces.append((at, piece))
            at += len(piece)
    for at, piece in pieces:
        name = piece.strip(" .-’'")
        words = name.split()
        while words and (words[0].casefold() in stop_words() or words[0].casefold() in
                         words_of("number") or words[0].casefold() in words_of("qualifier")):
            words = words[1:]
        if not words:
            continue
        if sum(w.isupper() and len(w) > 1 for w in words) >= 3:
            continue  # "CLICK FOR FULL RESULTS": shouting, not a name
        name = " ".join(words)
        if len(words) == 1 and name.casefold() in date_names():
            continue
        at_start = at <= 0 or text[:at].rstrip().endswith((".", "!", "?", "“", '"'))
        if at_start and len(words) == 1 and (common is None or common(words[0].casefold())):
            continue
        if len(name) > 1:
            out.append(name)
    return out


@lru_cache(maxsize=1)
def _attribution() -> re.Pattern[str]:
    """A sentence's attribution tail (", <up to ten words> said|told|announced … <to the
    end>") or its "according to …" clause, from the speech verbs of resources/speech_cues.tsv."""
    verbs = set()
    for r in resources.table("speech_cues.tsv"):
        if r["kind"] == "verb" and r["type"] == "speech" and " " not in r["lemma"]:
            verbs |= {r["past"], r["lemma"] + ("es" if r["lemma"].endswith(("s", "sh")) else "s")}
    alt = "|".join(sorted((re.escape(v) for v in verbs if v), key=len, reverse=True))
    return re.compile(
        rf",\s+(?:[^,.;:]+?\s)?(?:{alt})\b(?:[\s,]+[^\s;:]+){{0,12}}\s*$"
        rf"|,?\s*\baccording to\b[^,]*[,.]?\s*",
        re.IGNORECASE)


def reported_content(sentence: str) -> str:
    """The assertion of a reported sentence without who said it, to whom and when:
    "Altrion will cut 1,200 jobs, the company said on Tuesday." → "Altrion will cut 1,200
    jobs". The sentence itself when nothing is left beside the attribution."""
    m = _attribution().search(sentence)
    if not m:
        return sentence
    rest = (sentence[:m.start()] + " " + sentence[m.end():]).strip(" ,")
    return rest if len(rest.split()) >= 4 else sentence


def _polarity_cues(text: str) -> list[tuple[int, str]]:
    """(offset, cue) of the negations and denials of `text`; a contrast after a comma
    ("will cut 2,000 jobs, not the figure announced") negates no predicate."""
    cues = []
    lowered = text.casefold().replace("’", "'")
    contrasts = {m.start() for phrase in words_of("contrast")
                 for m in re.finditer(rf"(?<=,)\s*\b{re.escape(phrase)}\b", lowered)}
    contrasts |= {lowered.find("not", at) for at in contrasts}
    for kind in ("negation", "denial"):
        for word in words_of(kind):
            pat = r"n't\b" if word == "n't" else rf"\b{re.escape(word)}\b"
            for m in re.finditer(pat, lowered):
                if m.start() not in contrasts:
                    cues.append((m.start(), word))
    return sorted(cues)


def _directions(text: str) -> set[str]:
    table = words_of("direction")
    return {table[w.casefold()][0] for w in _WORD.findall(text) if w.casefold() in table}


def assertion(text: str, common: Callable[[str], bool] | None = None) -> Assertion:
    """The Assertion of a passage; `common(word)` says whether a capitalised word at a
    sentence start is an ordinary word (then it is no name)."""
    return Assertion(text=text, tokens=content_tokens(text), figures=figures(text),
                     names=_names(text, common), negations=_polarity_cues(text),
                     directions=_directions(text))


# -- comparing ----------------------------------------------------------------------------


@dataclass
class Verdict:
    """The comparison of a query with a passage. score: 0–100, how sure the passage carries
    the query's assertion. accepted: it does (possibly as a conflicting carrier)."""

    score: float
    cosine: float
    coverage: float
    agree: list[tuple[Figure, Figure]] = field(default_factory=list)  # (query, passage)
    conflict: list[tuple[Figure, Figure]] = field(default_factory=list)
    missing: list[Figure] = field(default_factory=list)
    names_found: list[str] = field(default_factory=list)
    names_missing: list[str] = field(default_factory=list)
    veto: str | None = None
    conflicting: bool = False
    accepted: bool = False
    why: list[str] = field(default_factory=list)


def idf_weights(units: Iterable[Iterable[str]]) -> tuple[dict[str, float], float]:
    """Smoothed IDF of each token over passages; also the IDF of an unseen token."""
    df: dict[str, int] = {}
    n = 0
    for toks in units:
        n += 1
        for t in set(toks):
            df[t] = df.get(t, 0) + 1
    unseen = math.log((n + 1) / 1) + 1
    return {t: math.log((n + 1) / (c + 1)) + 1 for t, c in df.items()}, unseen


def lexical(q: Assertion, u_tokens: list[str], idf: Mapping[str, float], unseen: float
            ) -> tuple[float, float]:
    """(TF-IDF cosine, IDF-weighted coverage of the query's words) of a passage."""
    if not q.tokens or not u_tokens:
        return 0.0, 0.0
    qv: dict[str, float] = {}
    for t in q.tokens:
        qv[t] = qv.get(t, 0.0) + idf.get(t, unseen)
    uv: dict[str, float] = {}
    for t in u_tokens:
        uv[t] = uv.get(t, 0.0) + idf.get(t, unseen)
    dot = sum(w * uv[t] for t, w in qv.items() if t in uv)
    norm = math.sqrt(sum(w * w for w in qv.values())) * math.sqrt(sum(w * w for w in uv.values()))
    weights = {t: idf.get(t, unseen) for t in set(q.tokens)}
    covered = sum(w for t, w in weights.items() if t in uv)
    return (dot / norm if norm else 0.0), covered / sum(weights.values())


def acronym(name: str, with_small: bool = True) -> str:
    words = [w for w in re.split(r"[\s-]+", name) if w]
    if not with_small:
        words = [w for w in words if w[:1].isupper()]
    return "".join(w[0] for w in words).casefold()


def name_found(name: str, text: str, tokens_cf: set[str], aliases: Iterable[str] = ()) -> bool:
    """Whether a name is in a passage: all its words, its last word (a surname, a place's
    head), an acronym of it, or one of its stored aliases."""
    words = [w.casefold() for w in _WORD.findall(name) if w.casefold() not in stop_words()]
    if not words:
        return False
    if all(w in tokens_cf for w in words) or words[-1] in tokens_cf:
        return True
    for form in (acronym(name), acronym(name, with_small=False)):
        if len(form) >= 2 and form in tokens_cf:
            return True
    for alias in aliases:
        aw = [w.casefold() for w in _WORD.findall(alias) if w.casefold() not in stop_words()]
        if aw and all(w in tokens_cf for w in aw):
            return True
    return False


def raw_tokens(text: str) -> set[str]:
    return {w.casefold().replace("’", "'").removesuffix("'s") for w in _WORD.findall(text)}


def polarity_flipped(q: Assertion, u: Assertion) -> str | None:
    """The cue when the passage negates or denies what the query asserts (or the reverse):
    a denial verb before the query's words, or a negation within three words before one."""
    def negated(a: Assertion, other: Assertion) -> str | None:
        words = other.token_set
        for pos, cue in a.negations:
            following = a.text[pos:].split()[1:]
            if words_of("denial").get(cue):
                # "denied reports that it would cut jobs" flips; "…, a charge the company
                # rejected" (the denial after the assertion) does not
                if any(t in words for t in content_tokens(" ".join(following[:12]))):
                    return cue
                continue
            after = content_tokens(" ".join(following[:4]))
            if any(t in words for t in after[:3]):
                return cue
        return None

    cu, cq = negated(u, q), negated(q, u)
    if bool(cu) != bool(cq):
        return cu or cq
    return None


def trivial(f: Figure) -> bool:
    """A small bare count ("phase one", "two cups"): too common to anchor an assertion."""
    return f.kind == "count" and f.value < 10


def compare_figures(q: Assertion, u: Assertion) -> tuple[list, list, list]:
    """(agreeing, conflicting, missing) figures of the query in the passage: pairs (query
    figure, passage figure) and the query figures the passage does not state."""
    agree, conflict, missing = [], [], []
    for qf in q.figures:
        if qf.derived or trivial(qf):
            continue
        verdicts = [(compare(qf, uf), uf) for uf in u.figures]
        ok = [uf for v, uf in verdicts if v == "agree"]
        bad = [uf for v, uf in verdicts if v == "conflict"]
        if ok:
            agree.append((qf, ok[0]))
        elif bad:
            conflict.append((qf, bad[0]))
        else:
            missing.append(qf)
    return agree, conflict, missing


def clause_hedges(u_text: str, hedges: Iterable[tuple[int, int, str]], q: Assertion,
                  figure_spans: Iterable[tuple[int, int]]) -> list[str]:
    """The hedges (start, end, text; offsets into u_text) that sit in a clause of the
    passage holding a word or figure of the query."""
    bounds = [0] + [m.start() for m in _CLAUSE.finditer(u_text)] + [len(u_text)]
    qwords = q.token_set
    spans = list(figure_spans)
    keep = []
    for start, end, text in hedges:
        for a, b in zip(bounds, bounds[1:]):
            if a <= start < b or (start < a and end > a):
                clause = u_text[a:b]
                if set(content_tokens(clause)) & qwords or any(a <= s < b for s, _ in spans):
                    keep.append(text.casefold())
                break
    return keep
