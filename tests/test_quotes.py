"""Quotes: spans through real typography, kinds, and speakers for every layout."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newstrace.analyze.quote_marks import ALL_MARKS, find_quote_spans

from .attribution_helpers import attribute, span_of, speaker_text


def only(analysis, kind=None):
    quotes = [q for q in analysis.quotes if kind is None or q.kind == kind]
    assert len(quotes) == 1, analysis.quotes
    return quotes[0]


ANY = object()


def check(analysis, quote, text, kind, speaker=None, speaker_mention=None, cue=None, nth=0):
    """speaker None: no speaker at all (a term); ANY: any speaker (checked by mention)."""
    assert quote.text == text
    assert quote.span == span_of(analysis.text, text, nth)
    assert quote.kind == kind
    if speaker is None and kind == "term":
        assert quote.speaker is None
    elif speaker is not None:
        assert quote.speaker is not None and quote.speaker.name == speaker
    if speaker_mention is not None:
        assert speaker_text(analysis, quote) == speaker_mention
    if cue is not None:
        assert quote.cue is not None and quote.cue.text == cue
        assert analysis.text[quote.cue.span[0]:quote.cue.span[1]] == cue


# --- speaker layouts -----------------------------------------------------------------------


def test_speaker_after_the_quote():
    a = attribute("“We will win this fight in the courts,” Senator Jane Harper told reporters on Tuesday.")
    check(a, only(a), "We will win this fight in the courts,", "direct", "Jane Harper", "Jane Harper", "told")


def test_speaker_after_the_quote_inverted():
    a = attribute("“The economy is stronger than ever,” said Senator Jane Harper.")
    check(a, only(a), "The economy is stronger than ever,", "direct", "Jane Harper", "Jane Harper", "said")


def test_speaker_before_with_a_colon():
    a = attribute("Stephen Miller said: “The cartel runs the whole country.”")
    check(a, only(a), "The cartel runs the whole country.", "direct", "Stephen Miller", "Stephen Miller", "said")


def test_dash_credit():
    a = attribute("“We will not back down from this fight.” — Commissioner Maria Lopez")
    check(a, only(a), "We will not back down from this fight.", "direct", "Maria Lopez", "Maria Lopez", "—")


def test_according_to():
    a = attribute("According to The New York Times, Rubio is shaping a “more aggressive strategy” "
                  "against the government.")
    check(a, only(a), "more aggressive strategy", "partial", "The New York Times", "The New York Times",
          "According to")


def test_quote_in_the_sentence_after_the_speaker_is_named():
    a = attribute("Mayor Tom Reed was blunt about the budget. “We are out of money and out of time.”")
    check(a, only(a), "We are out of money and out of time.", "direct", "Tom Reed", "Tom Reed")


def test_floating_quote_continues_the_previous_speaker():
    text = ("“We will rebuild the port,” Governor Maria Lopez said on Monday.\n"
            "“It will take two years, maybe three, and it will cost a fortune.”")
    a = attribute(text)
    first, second = a.quotes
    check(a, first, "We will rebuild the port,", "direct", "Maria Lopez", "Maria Lopez", "said")
    check(a, second, "It will take two years, maybe three, and it will cost a fortune.", "direct",
          "Maria Lopez", cue="said")


def test_pronoun_speaker_resolves_to_the_named_person():
    a = attribute("Governor Maria Lopez visited the harbour on Monday. “We will rebuild it,” she said.")
    check(a, only(a), "We will rebuild it,", "direct", "Maria Lopez", "she", "said")


def test_unnamed_source_keeps_its_words():
    a = attribute("“The strikes will continue until the traffic stops,” a senior official said.")
    q = only(a)
    check(a, q, "The strikes will continue until the traffic stops,", "direct", "a senior official",
          "a senior official", "said")
    assert q.speaker.entity is None


# --- kinds ---------------------------------------------------------------------------------


def test_partial_inside_a_content_clause():
    a = attribute("The White House said it was prepared to use “every element of American power” "
                  "to stop the trafficking.")
    check(a, only(a), "every element of American power", "partial", "White House", cue="said")


def test_partial_after_that():
    a = attribute("On Friday, Miller told reporters that “a drug cartel is running the country” and left.")
    check(a, only(a), "a drug cartel is running the country", "partial", "Miller", "Miller", "told")


def test_partial_label():
    a = attribute("Marco Rubio has labelled president Maduro a “fugitive of American justice.”")
    check(a, only(a), "fugitive of American justice.", "partial", "Marco Rubio", "Marco Rubio", "labelled")


def test_coordinated_label_quotes_share_the_cue():
    a = attribute("Critics have described the plan as “reckless,” “dangerous” and “unworkable.”")
    assert [(q.text, q.kind, speaker_text(a, q)) for q in a.quotes] == [
        ("reckless,", "partial", "Critics"), ("dangerous", "partial", "Critics"),
        ("unworkable.", "partial", "Critics")]


def test_term_quoted_modifier_and_called_complement():
    a = attribute("Foreign Minister Yván Gil called the “narcoterrorism” allegations “perverse lies” "
                  "on Monday.")
    term, partial = a.quotes
    check(a, term, "narcoterrorism", "term")
    check(a, partial, "perverse lies", "partial", "Yván Gil", "Yván Gil", "called")


@pytest.mark.parametrize("sentence, term", [
    ("The first administration imposed a “maximum pressure” campaign of sanctions.", "maximum pressure"),
    ("The US recognised Guaidó after he proclaimed himself “interim president” of the country.",
     "interim president"),
    ("Officials have not provided evidence tying the ministers to alleged “narcoterrorism.”",
     "narcoterrorism."),
    ("The opposition backed an “interim government” and waited.", "interim government"),
])
def test_terms_have_no_speaker(sentence, term):
    a = attribute(sentence)
    check(a, only(a), term, "term")
    assert only(a).cue is None


# --- typography ----------------------------------------------------------------------------


def test_straight_marks():
    a = attribute('"We will win this election," Trump said.')
    check(a, only(a), "We will win this election,", "direct", "Trump", "Trump", "said")


def test_mixed_marks():
    a = attribute('"We will win this election," Trump said on Monday. “We always win,” he added.')
    first, second = a.quotes
    check(a, first, "We will win this election,", "direct", "Trump", cue="said")
    check(a, second, "We always win,", "direct", "Trump", "he", "added")


def test_glued_marks():
    text = ("“We hit a number of boats,” Trump told reporters Tuesday.“We are going to look very "
            "seriously at cartels coming by land.” The White House said it would use“every element "
            "of American power” to stop them.")
    a = attribute(text)
    first, second, third = a.quotes
    check(a, first, "We hit a number of boats,", "direct", "Trump", cue="told")
    check(a, second, "We are going to look very seriously at cartels coming by land.", "direct", "Trump")
    check(a, third, "every element of American power", "partial", "White House", cue="said")


def test_odd_number_of_marks_recovers():
    text = ("“This quote is never closed, the mayor said on Monday.\n"
            "The council later backed a “proper quote” here.")
    a = attribute(text)
    first, second = a.quotes
    assert first.text == "This quote is never closed, the mayor said on Monday."
    assert first.span == span_of(text, first.text)
    check(a, second, "proper quote", "term")


def test_stray_closing_mark_is_skipped():
    a = attribute("A stray ” mark, and then the minister called it “a complete disgrace” on air.")
    check(a, only(a), "a complete disgrace", "partial", None, None, "called")


def test_multi_paragraph_quote():
    text = ("“The first paragraph of the statement is long and stays open.\n"
            "“The second paragraph goes on.\n"
            "“The third one closes it,” the minister said.")
    a = attribute(text)
    # each paragraph is a quote of its own (the annotation guide's count), all by the minister
    assert [q.text for q in a.quotes] == ["The first paragraph of the statement is long and stays open.",
                                          "The second paragraph goes on.", "The third one closes it,"]
    for q in a.quotes:
        assert q.kind == "direct"
        assert speaker_text(a, q) == "the minister"
        assert q.cue.text == "said"


def test_long_quotation_continues_its_speaker():
    text = ("Pompeo said the release “gives us hope for the talks, which we stand ready to support.\n"
            "“We see these developments as hopeful signs that the war may soon end.”\n"
            "“The work ahead is hard.”")
    a = attribute(text)
    assert [q.kind for q in a.quotes] == ["partial", "direct", "direct"]
    assert all(q.speaker is not None and q.speaker.name == "Pompeo" for q in a.quotes)


def test_transcript_label_names_the_speaker():
    text = ("Fox News Sunday aired the exchange.\n"
            "\"WALLACE: Let’s start with the debate story. Will she be there?\n"
            "\"PENCE: Well, look, she will not be attending the debate tomorrow night.\n")
    a = attribute(text)
    assert [q.speaker.name for q in a.quotes] == ["WALLACE", "PENCE"]


def test_nested_quote_in_the_same_marks():
    text = "“I’d rather live in what he calls “hell” than in his world.” ― Adriana Rodarte"
    a = attribute(text)
    check(a, only(a), "I’d rather live in what he calls “hell” than in his world.", "direct",
          "Adriana Rodarte", "Adriana Rodarte", "―")


def test_quote_ending_in_a_nested_quote_then_speaker():
    text = ("“I called a friend and I said: ‘Look, could you help me make them into songs?’” "
            "Mary Steenburgen said.")
    a = attribute(text)
    check(a, only(a), "I called a friend and I said: ‘Look, could you help me make them into songs?’",
          "direct", "Mary Steenburgen", "Mary Steenburgen", "said")


def test_speaker_is_never_inside_the_quote():
    text = "“The script said something along the lines of, ‘Everyone is uplifted. The end,’” Tom Harper said."
    a = attribute(text)
    q = only(a)
    assert q.kind == "direct" and speaker_text(a, q) == "Tom Harper"


def test_speaker_between_quote_and_cue_with_apposition():
    text = ("“There's a severe disconnect between this White House and our military,” Michael Flynn, "
            "a top Trump surrogate, said Thursday morning on Fox News’s “Fox and Friends.”")
    a = attribute(text)
    q = a.quotes[0]
    check(a, q, "There's a severe disconnect between this White House and our military,", "direct",
          "Michael Flynn", "Michael Flynn", "said")


def test_quote_split_around_its_cue():
    text = "“If he thinks that makes him smart,” the ad’s narrator says, “what does he think of you?”"
    a = attribute(text)
    first, second = a.quotes
    assert speaker_text(a, first) == "the ad’s narrator" and first.cue.text == "says"
    assert second.speaker is not None and second.speaker.name == first.speaker.name


def test_a_name_given_by_a_participle_is_a_term():
    a = attribute("At the last minute, a sample came in called “Glasgow” and it clicked.")
    check(a, only(a), "Glasgow", "term")


def test_doubled_apostrophes_as_double_marks():
    text = "''This isn't tax reform,'' said Senator Jane Harper. ''It's anti-reform.''"
    a = attribute(text)
    first, second = a.quotes
    check(a, first, "This isn't tax reform,", "direct", "Jane Harper", "Jane Harper", "said")
    check(a, second, "It's anti-reform.", "direct", "Jane Harper")


def test_paragraph_reopened_in_another_style_is_a_new_quote():
    text = '"Melanie thought it was outrageous.\n“It never crossed my mind,” she said later.'
    spans = find_quote_spans(text)
    assert [text[s.start:s.end] for s in spans] == ["Melanie thought it was outrageous.",
                                                    "It never crossed my mind,"]
    assert spans[0].close_mark is None and spans[1].paragraphs == 1


def test_nested_quote_stays_inside():
    text = '"He asked me, ‘Why now?’ and I had no answer at all," she said.'
    a = attribute(text)
    check(a, only(a), "He asked me, ‘Why now?’ and I had no answer at all,", "direct", None, "she", "said")


def test_single_quotes_and_apostrophes():
    spans = find_quote_spans("Clinton’s health is ‘in their heads,’ the pollster says of the Democrats’ voters.")
    assert [("Clinton’s health is ‘in their heads,’ the pollster says of the Democrats’ voters."[s.start:s.end])
            for s in spans] == ["in their heads,"]
    assert find_quote_spans("The Democrats' plan and Clinton’s rock 'n' roll years.") == []


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=list(ALL_MARKS) + list("ab .,\n:—"), max_size=80))
def test_scanner_never_fails_and_spans_are_sane(text):
    spans = find_quote_spans(text)
    last_end = -1
    for s in spans:
        assert 0 <= s.start < s.end <= len(text)
        assert s.open_mark < s.start and text[s.open_mark] in ALL_MARKS
        assert s.close_mark is None or (s.close_mark >= s.end and text[s.close_mark] in ALL_MARKS)
        assert not text[s.start].isspace() and not text[s.end - 1].isspace()
        assert s.start >= last_end
        last_end = s.end


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from([
    "“We will win,”", "Trump said.", '"', "“", "”", "He told reporters that", "“a disgrace”",
    "— Mayor Reed", "\n", "According to officials,", "the plan failed.", "‘", "’",
]), min_size=1, max_size=12))
def test_component_never_fails(parts):
    a = attribute(" ".join(parts))
    for q in a.quotes:
        assert q.kind in ("direct", "partial", "term")
        assert q.kind != "term" or q.speaker is None


def test_reopened_quotation_with_a_speaker_is_never_a_term():  # found by test_component_never_fails
    a = attribute('“We will win,” Trump said. " \n “a disgrace”')
    assert all(q.kind != "term" or q.speaker is None for q in a.quotes), a.quotes


def test_example_article(example_analysis):
    quotes = {q.text: q for q in example_analysis.quotes}
    trump = quotes["We are going to look very seriously at cartels coming by land."]
    assert (trump.kind, trump.speaker.name, trump.cue.text) == ("direct", "Donald Trump", "told")
    assert quotes["every element of American power"].speaker.name == "White House"
    assert quotes["maximum pressure"].kind == "term"
    assert quotes["perverse lies"].speaker.name == "Yván Gil"


@pytest.mark.parametrize("verb", ["rejected", "dismissed", "derided"])
def test_label_as_complement_is_a_partial_quote_of_the_subject(verb):
    text = (f"Governor Alan Brooks met the unions on Friday. He {verb} the audit as "
            f"\u201cpolitically motivated.\u201d")
    a = attribute(text)
    check(a, only(a), "politically motivated.", "partial", "Alan Brooks", "He", verb)


def test_dismissed_as_with_straight_marks():
    a = attribute('The ministry dismissed the leaked memo as "fake news" on Tuesday.')
    check(a, only(a), "fake news", "partial", None, "The ministry", "dismissed")
    assert only(a).speaker.name == "The ministry"


@pytest.mark.parametrize("text, parts", [
    ("“Forty years of law,\" he said, \"has taught me a lot.”", ["Forty years of law,", "has taught me a lot."]),
    ("“When the facts are out,\" he said, \"you will see.”\n\nNext.", ["When the facts are out,", "you will see."]),
    ("\"He said “no” to it,\" she said.", ["He said “no” to it,"]),
])
def test_mixed_curly_and_straight_marks_pair_up(text, parts):
    """A curly opener closed by a straight mark (and the reverse) when nothing else closes it:
    an interrupted quote typed with mixed marks is two quotes."""
    from newstrace.analyze.quote_marks import find_quote_spans

    assert [text[q.start:q.end] for q in find_quote_spans(text)] == parts


@pytest.mark.parametrize("sentence, quote, speaker", [
    ("Chief executive Maria Lopez introduced Tom Baker to the audience as “someone who changed "
     "the industry” on Tuesday.", "someone who changed the industry", "Maria Lopez"),
    ("Senator Ann Reyes has given “plenty of on-the-record statements” this year.",
     "plenty of on-the-record statements", "Ann Reyes"),
])
def test_partial_quote_without_cue_belongs_to_its_clause_subject(sentence, quote, speaker):
    a = attribute(sentence)
    q = only(a)
    assert q.text == quote and q.kind == "partial"
    assert q.speaker is not None and q.speaker.name == speaker


def test_partial_quote_with_a_common_noun_subject_has_no_speaker():
    a = attribute("The merger of the two chains will create a “stronger and more viable” company.")
    q = only(a)
    assert q.speaker is None


def test_second_part_of_a_quote_never_takes_words_of_the_first_as_speaker():
    a = attribute("“My answer, that was shameful,” the mayor's former chief of staff said in an "
                  "interview. “He has refused to apologize. He really should.”")
    first, second = a.quotes
    assert speaker_text(a, first) == speaker_text(a, second)
    assert "answer" not in speaker_text(a, second)
