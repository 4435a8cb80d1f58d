"""Every entry of resources/speech_cues.tsv, in a template sentence of its frame, yields a
reported speech with that cue, the minister as speaker and the template's content."""

from __future__ import annotations

import pytest

from newstrace import resources
from newstrace.analyze.cues import LEXICON, lexicon

from .attribution_helpers import attribute, speaker_text

CONTENT = "the new plan would fail"
TEMPLATES = {
    "that": ("The minister {cue} that the new plan would fail.", CONTENT),
    "obj_that": ("The minister {cue} reporters that the new plan would fail.", CONTENT),
    "obj": ("The minister {cue} the possibility of early elections.", "the possibility of early elections"),
    "to": ("The minister {cue} to raise taxes next year.", "raise taxes next year"),
    "label": ("The minister {cue} the plan a disaster.", "a disaster"),
    "label_as": ("The minister {cue} the plan as a disaster.", "as a disaster"),
    "of": ("The minister {cue} the rebels of stealing the harvest.", "stealing the harvest"),
}
NOUN_TEMPLATE = ("The minister's {cue} that the new plan would fail surprised nobody.", CONTENT)
PHRASE_TEMPLATE = ("{cue} the minister, the new plan would fail.", CONTENT)

ROWS = resources.table(LEXICON)


def sentence(row: dict[str, str]) -> tuple[str, str, str]:
    """(sentence, cue as written, content) for a lexicon row."""
    if row["kind"] == "verb":
        template, content = TEMPLATES[row["frame"].split("|")[0]]
        cue = row["past"]
    elif row["kind"] == "noun":
        template, content = NOUN_TEMPLATE
        cue = row["lemma"]
    else:
        template, content = PHRASE_TEMPLATE
        cue = row["lemma"][:1].upper() + row["lemma"][1:]
    return template.format(cue=cue), cue, content


def test_lexicon_is_well_formed():
    assert len(ROWS) >= 200
    keys = [(r["lemma"], r["kind"]) for r in ROWS]
    assert len(keys) == len(set(keys)), "duplicate entries"
    for r in ROWS:
        assert r["kind"] in ("verb", "noun", "phrase"), r
        assert r["type"] in ("speech", "cognition", "finding", "report", "label"), r
        frames = r["frame"].split("|")
        assert all(f in (*TEMPLATES, "that", "adverbial") for f in frames), r
        assert r["kind"] != "verb" or r["past"], r
    lex = lexicon()
    assert len(lex.entries) == len(ROWS)


@pytest.mark.parametrize("row", ROWS, ids=[f"{r['kind']}:{r['lemma']}" for r in ROWS])
def test_cue_yields_reported_speech(row):
    text, cue, content = sentence(row)
    analysis = attribute(text)
    found = [r for r in analysis.reported_speech if r.cue is not None and r.cue.text.lower() == cue.lower()]
    assert found, (text, analysis.reported_speech)
    item = found[0]
    assert content in item.text, (text, item)
    assert speaker_text(analysis, item) in ("The minister", "The minister's", "the minister"), (text, item)


@pytest.mark.parametrize("row", [r for r in ROWS if "of" in r["frame"].split("|")[1:]],
                         ids=lambda r: r["lemma"])
def test_every_of_frame(row):
    """A cue whose content may be its "of" phrase ("accused X of …", "complained of …")."""
    text = f"The minister {row['past']} of years of delays at the port."
    if row["lemma"] == "accuse":
        text = f"The minister {row['past']} the rebels of years of delays at the port."
    a = attribute(text)
    assert [r.text for r in a.reported_speech] == ["years of delays at the port"], a.reported_speech
    assert speaker_text(a, a.reported_speech[0]) == "The minister"
