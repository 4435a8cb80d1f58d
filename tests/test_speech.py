"""Reported speech: content clauses of speech, cognition, finding and report cues."""

from __future__ import annotations

import pytest

from .attribution_helpers import attribute, span_of, speaker_text


def only(analysis):
    assert len(analysis.reported_speech) == 1, analysis.reported_speech
    return analysis.reported_speech[0]


def check(analysis, item, content, speaker_mention, cue, speaker_name=None):
    assert item.text == content
    assert item.span == span_of(analysis.text, content)
    assert speaker_text(analysis, item) == speaker_mention
    if speaker_name is not None:
        assert item.speaker.name == speaker_name
    assert item.cue.text == cue
    assert analysis.text[item.cue.span[0]:item.cue.span[1]] == cue


def test_content_clause_without_that():
    a = attribute("US officials say the vessels had departed from Venezuela carrying drugs.")
    check(a, only(a), "the vessels had departed from Venezuela carrying drugs", "US officials", "say")
    assert only(a).speaker.entity is None


def test_speaker_inside_a_relative_clause():
    a = attribute("US forces attacked three small vessels that officials say departed from Venezuela "
                  "carrying drugs, killing 17 people.")
    check(a, only(a), "departed from Venezuela carrying drugs", "officials", "say")


def test_that_clause_and_organisation_speaker():
    a = attribute("The United Nations Office on Drugs and Crime has found that Venezuela is not a "
                  "drug-producing country.")
    check(a, only(a), "Venezuela is not a drug-producing country",
          "The United Nations Office on Drugs and Crime", "found")


def test_object_content():
    a = attribute("In early September, Donald Trump had also indicated the possibility of strikes "
                  "within the country's borders.")
    check(a, only(a), "the possibility of strikes within the country's borders", "Donald Trump",
          "indicated", "Donald Trump")


def test_content_starts_after_its_complementiser():
    a = attribute("The senator wrote on X that the deal was “a historic betrayal of our workers.”")
    check(a, only(a), "the deal was “a historic betrayal of our workers.”", "The senator", "wrote")


def test_addressee_is_not_content():
    a = attribute("Stephen Miller told reporters that the cartel was running the country.")
    check(a, only(a), "the cartel was running the country", "Stephen Miller", "told")


def test_unnamed_plural_source_tagged_as_verb():
    a = attribute("The plan may go ahead, though reports state that the White House has not yet "
                  "authorised this escalation.")
    check(a, only(a), "the White House has not yet authorised this escalation", "reports", "state")


def test_cue_misread_as_a_noun():
    a = attribute("Trump charges that countries that stand to benefit from the deal donated millions.")
    check(a, only(a), "countries that stand to benefit from the deal donated millions", "Trump", "charges")


def test_according_to():
    a = attribute("According to an exclusive report by The Guardian, strikes have been coordinated "
                  "through the council.")
    item = only(a)
    check(a, item, "strikes have been coordinated through the council", speaker_text(a, item),
          "According to")
    assert speaker_text(a, item) in ("Guardian", "The Guardian")


def test_noun_cue_with_possessor():
    a = attribute("Donald Trump's claim that the election was rigged was rejected by every court.")
    check(a, only(a), "the election was rigged", "Donald Trump", "claim")


def test_label_cue():
    a = attribute("Foreign Minister Yván Gil called the allegations “perverse lies” on Monday.")
    item = only(a)
    assert "perverse lies" in item.text and item.text.startswith("the allegations")
    assert speaker_text(a, item) == "Yván Gil" and item.cue.text == "called"


def test_pronoun_speaker_is_resolved():
    a = attribute("Stephen Miller spoke in Washington on Friday. He said that the cartel was "
                  "running the country.")
    check(a, only(a), "the cartel was running the country", "He", "said", "Stephen Miller")


def test_content_before_the_cue():
    a = attribute("The economy is strong and growing, the finance minister said on Monday.")
    check(a, only(a), "The economy is strong and growing", "the finance minister", "said")


def test_parenthetical_cue():
    a = attribute("Acts of protest, Barack Obama said, are acts of patriotism.")
    check(a, only(a), "Acts of protest, Barack Obama said, are acts of patriotism", "Barack Obama", "said")


def test_name_and_colon_line():
    a = attribute("Pat Caddell: Democrat Voters Worried About Clinton’s Health\nThe pollster spoke on Thursday.")
    check(a, only(a), "Democrat Voters Worried About Clinton’s Health", "Pat Caddell", ":")


def test_partial_quote_inside_content_is_both():
    a = attribute("The White House said his administration was prepared to use “every element of "
                  "American power” to stop trafficking.")
    item = only(a)
    assert item.text.startswith("his administration was prepared to use “every element")
    assert [q.kind for q in a.quotes] == ["partial"]


@pytest.mark.parametrize("text", [
    "“We will win this election,” Trump said.",  # a direct quote is not reported speech again
    "“I think we will win this election,” Trump said.",  # a cue inside the quote
    "He did not say that the plan would fail.",  # negated
    "Miller is said to be competing for influence.",  # passive, no speaker
    "He rejected the lies intended to justify the change.",  # participle modifier
    "Officials called him on Monday.",  # a label verb with no complement
])
def test_not_reported_speech(text):
    assert attribute(text).reported_speech == []


def test_example_article(example_analysis):
    by_cue = {r.cue.text: r for r in example_analysis.reported_speech}
    assert "not a drug-producing country" in by_cue["found"].text
    assert by_cue["found"].speaker.name == "United Nations Office on Drugs and Crime"
    assert "departed from Venezuela carrying US-bound drugs" in by_cue["say"].text
    assert by_cue["say"].speaker.name == "officials"
    assert "has not yet authorised this escalation" in by_cue["state"].text


def test_phrase_cues_can_be_switched_off(nlp):
    from newstrace.model import Article, Source
    from newstrace.pipeline import AnalyzeOptions, Runner

    text = "According to The Guardian, strikes have been coordinated through the council."
    runner = Runner(AnalyzeOptions(stages="speech", config={"speech": {"phrase_cues": False}}))
    analysis = runner.analyze_doc(Article(source=Source(uri="<test>"), text=text), nlp(text))
    assert analysis.reported_speech == []
    assert attribute(text).reported_speech  # on by default


@pytest.mark.parametrize("text,speaker,cue", [
    ("The finance minister told reporters on Monday that the budget talks had failed.",
     "The finance minister", "told"),
    ("The finance minister said on Sunday that the budget talks had failed.",
     "The finance minister", "said"),
    ("The finance minister told the BBC that the budget talks had failed.",
     "The finance minister", "told"),
    ("The finance minister told the Associated Press in an interview that the budget talks had failed.",
     "The finance minister", "told"),
])
def test_addressee_and_time_are_not_content(text, speaker, cue):
    a = attribute(text)
    check(a, only(a), "the budget talks had failed", speaker, cue)


@pytest.mark.parametrize("text,speaker,cue", [
    ("The electoral commission reported, citing two staff members, that the count was flawed.",
     "The electoral commission", "reported"),
    ("The auditor said, citing internal documents, that the count was flawed.", "The auditor", "said"),
])
def test_citing_phrase_does_not_take_the_cue(text, speaker, cue):
    a = attribute(text)
    check(a, only(a), "the count was flawed", speaker, cue)


def test_content_keeps_a_closing_straight_mark():
    a = attribute('The coach said the season was "a disaster."')
    check(a, only(a), 'the season was "a disaster."', "The coach", "said")


class _StubIndex:
    """An entity index whose resolver (wrongly) gives "he" an organisation."""

    def __init__(self, text):
        from newstrace.model import Entity

        self.entities = [
            Entity(id="e1", name="Tom Ellis", type="PERSON", mentions=[span_of(text, "Tom Ellis")]),
            Entity(id="e2", name="Universal", type="ORG", mentions=[span_of(text, "Universal")]),
        ]
        self._by_id = {e.id: e for e in self.entities}

    def get(self, entity_id):
        return self._by_id.get(entity_id)

    def resolve(self, start, end):
        from newstrace.model import AgentRef

        return AgentRef(entity="e2", name="Universal", span=(start, end))


@pytest.mark.parametrize("pronoun", ["He", "she"])
def test_person_pronoun_never_resolves_to_an_organisation(pronoun):
    from newstrace.analyze.attribution import Resolver

    text = f"Tom Ellis starred in the film. Universal released it. {pronoun} said it was hard."
    resolve = Resolver(text, _StubIndex(text))
    span = span_of(text, pronoun)
    ref = resolve(span)
    assert (ref.entity, ref.name, ref.span) == ("e1", "Tom Ellis", span)
    # an organisation named as such keeps its entity
    org = resolve(span_of(text, "Universal"))
    assert (org.entity, org.name) == ("e2", "Universal")


def test_person_pronoun_falls_back_to_the_last_person_speaker():
    from newstrace.analyze.attribution import Resolver
    from newstrace.model import AgentRef

    text = "Tom Ellis starred in the film. Universal released it. He said it was hard."
    resolve = Resolver(text, _StubIndex(text))
    resolve.last_named = AgentRef(entity="e3", name="Ann Cole", span=(0, 3))
    resolve.index._by_id["e3"] = type(resolve.index.entities[0])(id="e3", name="Ann Cole", type="PERSON")
    ref = resolve(span_of(text, "He"))
    assert (ref.entity, ref.name, ref.span) == ("e3", "Ann Cole", span_of(text, "He"))


def test_clause_read_as_an_adverbial():
    a = attribute("The senator said after the vote she would not accept the committee's findings.")
    check(a, only(a), "she would not accept the committee's findings", "The senator", "said")


def test_semicolon_keeps_the_clause_before_out():
    a = attribute("It is a remote prospect; the campaign says the candidate will be back on the trail "
                  "by Friday.")
    check(a, only(a), "the candidate will be back on the trail by Friday", "the campaign", "says")


def test_called_for_a_gerund():
    a = attribute("The governor has called for raising the minimum wage to 15 dollars.")
    check(a, only(a), "raising the minimum wage to 15 dollars", "The governor", "called for")


def test_content_stops_at_a_semicolon():
    a = attribute("Party officials said the timing of the ruling was a coincidence; they learned of it "
                  "on Friday.")
    check(a, only(a), "the timing of the ruling was a coincidence", "Party officials", "said")


def test_semicolon_inside_a_quote_does_not_cut():
    a = attribute('The coach said the season "was a mess; a real mess" and walked out.')
    item = only(a)
    assert item.text == 'the season "was a mess; a real mess" and walked out'
    assert item.span == span_of(a.text, item.text)


def test_colon_without_quote_marks_runs_to_the_paragraph_end():
    text = ("The mayor was angry.\nThe governor added: It is typical of the council. They decide "
            "nothing, but the talking never stops.\nNext paragraph here.")
    a = attribute(text)
    check(a, only(a), "It is typical of the council. They decide nothing, but the talking never stops",
          "The governor", "added")


@pytest.mark.parametrize("text,content,speaker,cue", [
    ("Local business groups have urged the council to keep the market open.",
     "the council to keep the market open", "Local business groups", "urged"),
    ("The mayor asked residents to stay indoors during the storm.",
     "residents to stay indoors during the storm", "The mayor", "asked"),
])
def test_addressee_and_requested_act(text, content, speaker, cue):
    a = attribute(text)
    check(a, only(a), content, speaker, cue)


@pytest.mark.parametrize("text, source", [
    ("People familiar with their thinking said the talks had stalled.", "People familiar with their thinking"),
    ("The authorities in Beijing said two patients were in hospital.", "The authorities in Beijing"),
    ("Businesses and residents complained that the outages were too broad.", "Businesses and residents"),
    ("A group representing rural counties said the plan was unfair.", "A group representing rural counties"),
    ("US officials said on Tuesday that the vessel had sunk.", "US officials"),
])
def test_unnamed_source_keeps_its_modifiers(text, source):
    """An unnamed source is named by the article's words with their modifiers (not a relative
    clause, nor a content clause)."""
    a = attribute(text)
    assert only(a).speaker.name == source and only(a).speaker.entity is None


def test_a_report_inside_a_report_is_one():
    """What the source reports includes the plans and words it reports of others."""
    a = attribute("The Post reported that the campaign planned to bus in supporters to stage a protest.")
    item = only(a)
    assert item.text == "the campaign planned to bus in supporters to stage a protest"
    assert item.speaker.name == "The Post"


@pytest.mark.parametrize("text, speaker", [
    ("The company that runs the awards, Dick Clark Productions, denies that a deal was signed.",
     "Dick Clark Productions"),
    ("Pacific Gas & Electric Co. cut power to 600,000 homes. The utility said it would restore "
     "power by Friday.", "Pacific Gas & Electric Co."),
])
def test_organisation_descriptions_resolve(text, speaker):
    """A description with an apposition names its organisation; "the utility" is the company."""
    a = attribute(text)
    assert a.reported_speech[-1].speaker.name == speaker


def test_unnamed_source_stops_before_its_own_content():
    """"conspiracy theories suggesting he had been murdered": the participle's clause is content."""
    from newstrace.analyze.attribution import mention_span
    from newstrace.nlp import load

    text = "Conspiracy theories suggesting he had been murdered spread online."
    doc = load()(text)
    head = next(t for t in doc if t.text == "theories")
    assert text[slice(*mention_span(head))] == "Conspiracy theories"


def test_denied_with_a_gerund():
    a = attribute("Big Harbour Records has twice denied doing anything wrong.")
    assert only(a).text == "doing anything wrong"


@pytest.mark.parametrize("text,content,speaker", [
    ("The mill was a giant, Ms. Varga said, until it closed in 2003.",
     "The mill was a giant, Ms. Varga said, until it closed in 2003", "Varga"),
    ("The bridge will reopen next spring, the mayor said.", "The bridge will reopen next spring",
     "the mayor"),
])
def test_host_clause_around_or_before_the_cue(text, content, speaker):
    a = attribute(text)
    check(a, only(a), content, speaker, "said")


def test_inverted_speaker_after_the_content():
    a = attribute("Its first radio ad could air this week, said Tom Reyes, an adviser to the group.")
    check(a, only(a), "Its first radio ad could air this week", "Tom Reyes", "said")


def test_second_act_of_the_speaker_ends_the_content():
    a = attribute("The council said it was firmly opposed to the plan and warned the mayor to "
                  "drop it.")
    first, second = a.reported_speech
    check(a, first, "it was firmly opposed to the plan", "The council", "said")
    check(a, second, "the mayor to drop it", "The council", "warned")


def test_that_clause_after_a_time_phrase():
    a = attribute("The Herald reported at the time that the editor, Anna Berg, told staff that "
                  "the column was 'not in line with our policy.'")
    item = next(r for r in a.reported_speech if r.cue.text == "reported")
    assert item.text.startswith("the editor, Anna Berg, told staff")
    assert speaker_text(a, item) in ("The Herald", "Herald")


@pytest.mark.parametrize("text,content,cue", [
    ("Two judges have cited the coming vote as a reason to speed up the review.",
     "the coming vote as a reason to speed up the review", "cited"),
    ("The audit revealed a wide gap in the way the two agencies count voters.",
     "a wide gap in the way the two agencies count voters", "revealed"),
    ("The mayor mentioned the new budget in a statement on Monday.", "the new budget", "mentioned"),
])
def test_object_keeps_the_modifier_hung_on_the_cue(text, content, cue):
    a = attribute(text)
    assert [r.text for r in a.reported_speech] == [content]
    assert a.reported_speech[0].cue.text == cue


def test_label_with_target_and_reason():
    a = attribute("The governor blasted the state board for being “utterly careless.”")
    item = only(a)
    assert item.text == "the state board for being “utterly careless.”"
    assert item.cue.text == "blasted"


def test_according_to_after_its_content_keeps_the_source_apposition():
    a = attribute("Many renters would pay more under the plan, according to an analysis by Mia "
                  "Lund, a former budget aide now teaching at Lakeside College.")
    item = only(a)
    assert item.text == "Many renters would pay more under the plan"
    assert item.cue.text.lower() == "according to"


def test_according_to_content_before_it_spans_a_semicolon():
    a = attribute("The goal is not revenue; it is meant to curb speculators, according to a "
                  "speech the senator gave.")
    assert only(a).text == "The goal is not revenue; it is meant to curb speculators"


@pytest.mark.parametrize("text, content, cue, speaker", [
    ("Some senators question the wisdom of backing the mayor, who has never faced a close race.",
     "the wisdom of backing the mayor", "question", "Some senators"),
    ("The coach cited criticism of the referee, who took heat for two late calls.",
     "criticism of the referee", "cited", "The coach"),
])
def test_object_content_stops_before_an_aside_relative_clause(text, content, cue, speaker):
    a = attribute(text)
    check(a, only(a), content, speaker, cue)


def test_clause_content_keeps_its_relative_clause():
    a = attribute("The mayor said the stadium, which opened in May, would close next year.")
    check(a, only(a), "the stadium, which opened in May, would close next year", "The mayor", "said")


def test_a_that_clause_after_a_comma_is_not_an_aside():
    a = attribute("The Daily Courier reported, citing two commission staff, that roughly 3,000 "
                  "ballots in the capital were misplaced during the count.")
    assert any(r.text.endswith("ballots in the capital were misplaced during the count")
               for r in a.reported_speech), a.reported_speech
