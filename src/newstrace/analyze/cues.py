"""The speech-cue lexicon (`resources/speech_cues.tsv`) and matching its entries on spaCy tokens.

A cue is a verb ("said", "pointed out"), a noun ("allegations", "claims") or a phrase
("according to") that introduces what someone said, thought, found or reported.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .. import resources

LEXICON = "speech_cues.tsv"
VERB_POS = {"VERB", "AUX"}
NOUN_POS = {"NOUN", "PROPN"}


@dataclass(frozen=True)
class CueEntry:
    lemma: str
    kind: str  # verb | noun | phrase
    type: str  # speech | cognition | finding | report | label
    frames: tuple[str, ...]
    past: str = ""

    @property
    def verb(self) -> str:
        return self.lemma.split()[0]

    @property
    def particle(self) -> str | None:
        parts = self.lemma.split()
        return parts[1] if self.kind == "verb" and len(parts) > 1 else None


def _inflections(lemma: str, past: str) -> set[str]:
    """Surface forms of a verb, used when the tagger mislabels a rare verb."""
    forms = {lemma, past}
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        forms.add(lemma[:-1] + "ies")
    elif lemma.endswith(("s", "sh", "ch", "x", "z", "o")):
        forms.add(lemma + "es")
    else:
        forms.add(lemma + "s")
    stem = lemma[:-1] if lemma.endswith("e") and not lemma.endswith("ee") else lemma
    forms.add(stem + "ing")
    if past.endswith("ed") and len(past) > 3 and past[-3] == past[-4]:  # "admitted" -> "admitting"
        forms.add(past[:-2] + "ing")
    return forms


@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, tuple[CueEntry, ...]]  # verb lemma -> entries (with or without a particle)
    verb_forms: dict[str, str]  # lower-case surface form -> verb lemma
    nouns: dict[str, CueEntry]
    phrases: tuple[CueEntry, ...]
    entries: tuple[CueEntry, ...]

    def verb_entry(self, token) -> CueEntry | None:
        """The verb cue `token` is, if any (with its particle when it has one: "pointed out")."""
        lemma = token.lemma_.lower()
        entries = self.verbs.get(lemma)
        if entries is None:
            # a lemma the lemmatiser got wrong ("hoped" -> "hop", "blogged" -> "blogge"), or a
            # rare verb the tagger took for a noun or adjective ("opined", "quipped")
            entries = self.verbs.get(self.verb_forms.get(token.lower_, ""))
            if entries is None:
                return None
            if token.pos_ not in VERB_POS and not any(
                    c.dep_ in ("nsubj", "ccomp", "dobj") for c in token.children):
                return None
        elif token.pos_ not in VERB_POS and token.tag_ not in ("VBD", "VBZ", "VBP", "VBG", "VBN", "VB"):
            return None
        particles = {c.lower_ for c in token.children if c.dep_ in ("prt", "prep", "acomp", "ccomp")}
        plain = None
        for entry in entries:
            if entry.particle is None:
                plain = entry
            elif entry.particle in particles:
                return entry
        return plain

    def noun_entry(self, token) -> CueEntry | None:
        if token.pos_ not in NOUN_POS:
            return None
        return self.nouns.get(token.lemma_.lower()) or self.nouns.get(token.lower_)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    verbs: dict[str, list[CueEntry]] = {}
    forms: dict[str, str] = {}
    nouns: dict[str, CueEntry] = {}
    phrases: list[CueEntry] = []
    entries: list[CueEntry] = []
    for row in resources.table(LEXICON):
        entry = CueEntry(
            lemma=row["lemma"].lower(),
            kind=row["kind"],
            type=row["type"],
            frames=tuple(f for f in row["frame"].split("|") if f),
            past=row.get("past", "").lower(),
        )
        entries.append(entry)
        if entry.kind == "verb":
            verbs.setdefault(entry.verb, []).append(entry)
            past = entry.past.split()[0] if entry.past else entry.verb
            for form in _inflections(entry.verb, past):
                forms.setdefault(form, entry.verb)
        elif entry.kind == "noun":
            nouns[entry.lemma] = entry
        else:
            phrases.append(entry)
    return Lexicon(
        verbs={k: tuple(v) for k, v in verbs.items()},
        verb_forms=forms,
        nouns=nouns,
        phrases=tuple(phrases),
        entries=tuple(entries),
    )
