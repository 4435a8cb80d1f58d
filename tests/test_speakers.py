"""Speaker resolution: each rule of `attribution.Resolver.RULES` on a composed example, and the
rule's name kept as the speaker's `why`."""

from __future__ import annotations

import json

import pytest

from newstrace.analyze.attribution import Resolver

from .attribution_helpers import attribute


def speaker_of(analysis, words):
    items = [*analysis.quotes, *analysis.reported_speech]
    item = next(i for i in items if words in i.text)
    return item.speaker


def test_rules_are_named_methods_with_examples():
    for name in Resolver.RULES:
        rule = getattr(Resolver, name)
        assert callable(rule) and rule.__doc__, name


@pytest.mark.parametrize("text, words, name, why", [
    # document_author: "the statement said" is the statement's author
    ("Two soldiers died in a crash, the US Army said in a statement on Wednesday.\n\n"
     "\"The cause of the crash is under investigation,\" the statement said.",
     "The cause of the crash", "US Army", "document_author"),
    # document_author through a pronoun author: "they put out a statement" … "it says"
    ("Big Harbour Records has denied doing anything wrong. \"We never blocked her,\" they said.\n\n"
     "Now they have put out another statement to the organisers.\n\n"
     "\"We have agreed to grant all licences,\" it says.",
     "We have agreed", "Big Harbour Records", "document_author"),
    # entity_index (coreference): a surname
    ("Jane Okafor spoke in Lagos on Monday. \"We will rebuild the port,\" Okafor said.",
     "We will rebuild", "Jane Okafor", "coref.named"),
    # person_pronoun / coref.pronoun: "he" after a named person
    ("Tom Reyes, a campaign spokesman, spoke on Monday. \"We are confident,\" he said.",
     "We are confident", "Tom Reyes", None),
    # unnamed_source: the article's words
    ("\"The deal is dead,\" people familiar with the talks said.",
     "The deal is dead", "people familiar with the talks", "unnamed_source"),
])
def test_rule(text, words, name, why):
    speaker = speaker_of(attribute(text), words)
    assert speaker is not None and speaker.name == name
    if why is not None:
        assert speaker.why == why
    assert speaker.why in (*Resolver.RULES, "coref.named", "coref.pronoun", "coref.surname",
                           "coref.description", "coref.government")


def test_organisation_pronoun_continues_the_last_organisation():
    """"they said" with the antecedent out of the coreference window (quotes between) is the last
    organisation that spoke."""
    text = ("Northern Harbour Group has denied any wrongdoing. \"We did nothing wrong,\" the group "
            "said on Friday.\n\n\"We never blocked anyone.\"\n\n\"We will keep talking.\"\n\n"
            "\"Any final agreement needs the artists,\" they said.")
    speaker = speaker_of(attribute(text), "Any final agreement")
    assert speaker.name == "Northern Harbour Group"


def test_why_is_serialised_only_when_explained():
    a = attribute("\"The deal is dead,\" people familiar with the talks said.")
    assert "why" not in json.dumps(a.to_dict())
    assert '"why": "unnamed_source"' in a.to_json(indent=1, explain=True).replace('":"', '": "')


def test_cli_explain_shows_why(tmp_path):
    from typer.testing import CliRunner

    from newstrace.cli import app

    path = tmp_path / "a.txt"
    path.write_text("Big Harbour Records denied it.\n\n\"We never blocked her,\" the company said.\n",
                    encoding="utf-8")
    plain = CliRunner().invoke(app, ["analyze", str(path), "-f", "json", "--stages", "speech"])
    explained = CliRunner().invoke(app, ["analyze", str(path), "-f", "json", "--stages", "speech",
                                         "--explain"])
    assert plain.exit_code == 0 and explained.exit_code == 0, explained.output
    assert '"why"' not in plain.stdout
    quote = json.loads(explained.stdout)["quotes"][0]
    assert quote["speaker"]["name"] == "Big Harbour Records" and quote["speaker"]["why"]


def test_a_demonym_government_is_its_country():
    """"according to the Jordanian government" -> Jordan, when the article names Jordan."""
    text = ("Syrian refugees fled to Jordan. According to the Jordanian government, as of 2016, "
            "the country had admitted more than a million refugees.")
    a = attribute(text)
    assert a.reported_speech[-1].speaker.name == "Jordan"
