"""Claims: claimants, sources, hedges and evidence labels, with cues attached to the right claim
across sentence boundaries, negation and hedge scope."""

from __future__ import annotations

from pathlib import Path

import pytest

from newstrace import AnalyzeOptions, analyze_text
from newstrace.analyze.evidence import find_cues

from .conftest import assert_offsets

GOLD = Path(__file__).resolve().parent / "data" / "gold"


def claim_with(analysis, words: str):
    found = [c for c in analysis.claims if words in c.text]
    assert found, (words, [c.text for c in analysis.claims])
    return found[0]


def test_example_offsets_and_ids(example_analysis):
    assert_offsets(example_analysis)
    assert [c.id for c in example_analysis.claims] == [f"c{i}" for i in range(1, len(example_analysis.claims) + 1)]
    for claim in example_analysis.claims:
        assert claim.evidence
        assert len(claim.evidence_cues) == len([e for e in claim.evidence if e != "unqualified"])
        for cue in claim.evidence_cues:
            assert cue.label in claim.evidence


@pytest.mark.parametrize("gist, claimant, evidence", [
    ("departed from Venezuela carrying US-bound drugs", "officials", ["unsupported"]),
    ("a drug cartel is running Venezuela", "Stephen Miller", ["unsupported"]),
    ("are coming from Maduro", "Stephen Miller", ["unsupported"]),
    ("we have absolutely no drugs coming into our country via water", "Donald Trump", ["unqualified"]),
    ("leading drug trafficking organisations", "US", ["unsupported", "contested"]),  # the name the article writes
    ("allegations that remain unproven", "US Justice Department", ["unsupported"]),
    ("coordinated through the Homeland Security Council", "The Guardian", ["reported"]),
    ("Venezuela is not a drug-producing country", "United Nations Office on Drugs and Crime", ["supported"]),
    ("violating international law", "legal experts", ["unqualified"]),
    ("perverse lies", "Yván Gil", ["unqualified"]),
    ("has not yet authorised this escalation", "reports", ["reported"]),
])
def test_example_claims(example_analysis, gist, claimant, evidence):
    claim = claim_with(example_analysis, gist)
    assert claim.claimant is not None and claim.claimant.name == claimant
    assert claim.evidence == evidence


def test_cue_in_next_sentence_attaches_to_previous_claim_not_to_its_own_clause(example_analysis):
    officials = claim_with(example_analysis, "departed from Venezuela")
    assert officials.evidence_cues[0].text == "has not presented any evidence"
    experts = claim_with(example_analysis, "violating international law")
    assert experts.evidence == ["unqualified"]


def test_pronoun_cue_attaches_to_the_speakers_claims(example_analysis):
    for gist in ("a drug cartel is running Venezuela", "are coming from Maduro"):
        cue = claim_with(example_analysis, gist).evidence_cues[0]
        assert cue.text == "did not cite any verifiable evidence"


def test_contrary_finding_contests_the_closest_claim_only(example_analysis):
    contested = [c for c in example_analysis.claims if "contested" in c.evidence]
    assert [c.text for c in contested] == [claim_with(example_analysis, "leading drug trafficking").text]
    cue = [c for c in contested[0].evidence_cues if c.label == "contested"][0]
    assert cue.text == "found"


def test_sources_and_hedges(example_analysis):
    guardian = claim_with(example_analysis, "coordinated through the Homeland Security Council")
    assert [s.name for s in guardian.sources] == ["The Guardian"]
    pressing = claim_with(example_analysis, "pressuring for military strikes")
    assert [h.text for h in pressing.hedges] == ["reportedly"]
    assert pressing.claimant.name == "reports" and pressing.evidence == ["reported"]


def test_negation_there_is_evidence_vs_no_evidence():
    assert [c.label for c in find_cues("There is evidence that the vote was rigged.")] == ["supported"]
    assert [c.label for c in find_cues("There is no evidence that the vote was rigged.")] == ["unsupported"]
    assert [c.label for c in find_cues("Investigators have not found that the vote was rigged.")] == ["unsupported"]
    assert find_cues("The ministry did not deny the report.") == []


def test_evidence_negation_through_the_pipeline():
    backed = analyze_text("Officials said the dam failed because of poor maintenance. "
                          "Inspection records show the maintenance budget of the dam was cut by half in 2015.", stages="claims")
    unbacked = analyze_text("Officials said the dam failed because of poor maintenance. "
                            "There is no evidence to support the claim.", stages="claims")
    assert claim_with(backed, "poor maintenance").evidence == ["supported"]
    assert claim_with(unbacked, "poor maintenance").evidence == ["unsupported"]


def test_hedge_does_not_leak_into_the_next_clause():
    analysis = analyze_text("Rebels reportedly seized the airport on Monday, and the army said it had "
                            "retaken the town of Kidal.", stages="claims")
    assert_offsets(analysis)
    rebels = claim_with(analysis, "seized the airport")
    assert [h.text for h in rebels.hedges] == ["reportedly"]
    assert "army" not in rebels.text
    army = claim_with(analysis, "retaken the town")
    assert army.hedges == [] and army.evidence == ["unqualified"]


def test_later_denial_contests_an_earlier_report():
    analysis = analyze_text((GOLD / "election-count-dispute.txt").read_text(encoding="utf-8"),
                            stages="claims")
    courier = claim_with(analysis, "ballots in the capital were misplaced")
    assert courier.evidence == ["reported", "contested"]
    contested = [c for c in courier.evidence_cues if c.label == "contested"]
    assert [c.text for c in contested] == ["denied"]
    assert {s.name for s in courier.sources} >= {"two commission staff"}
    denial = claim_with(analysis, "any ballots had been misplaced")
    # What a denial relays is contested by the denier (as the news-dev annotations mark it).
    assert denial.claimant.name == "Helen Park" and denial.evidence == ["contested"]


def test_intentions_are_not_claims():
    analysis = analyze_text("The ministry promised to publish its review by June. The president said "
                            "his government was prepared to use force.", stages="claims")
    assert analysis.claims == []


def test_gold_files_meet_targets():
    from newstrace.evaluate import evaluate

    overall = evaluate(GOLD)["overall"]
    assert overall["claims"]["f1"] >= 0.75
    assert overall["claims_e2e"]["f1"] >= 0.65
    assert overall["evidence"]["f1"] >= 0.75


def test_report_groups_claims_by_claimant_with_badges(example_analysis):
    from rich.console import Console

    from newstrace.report import _claims

    console = Console(record=True, width=200)
    _claims(example_analysis, console)
    out = console.export_text()
    assert "Claims and their evidence" in out
    assert out.count("Stephen Miller") == 1  # one group, two claims
    assert "■ unsupported (did not cite any verifiable evidence)" in out
    assert "■ contested (found)" in out


def test_agentless_passive_relays_a_claim_only_for_accusation_verbs():
    accused = analyze_text("The mayor has been accused of taking bribes from developers.", stages="claims")
    claim = claim_with(accused, "taking bribes")
    assert claim.claimant is None
    charged = analyze_text("The general has been charged with smuggling cocaine.", stages="claims")
    assert [c for c in charged.claims if "smuggling" in c.text] == []


def test_hedged_mentions_are_claims_only_when_asked():
    from newstrace import AnalyzeOptions

    text = "US forces struck alleged drug boats in the Caribbean on Tuesday."
    assert [c.text for c in analyze_text(text, stages="claims").claims] == []
    options = AnalyzeOptions(stages="claims", config={"claims": {"hedged_mentions": True}})
    claims = analyze_text(text, options=options).claims
    assert [(c.text, [h.text for h in c.hedges], c.claimant) for c in claims] == [
        ("alleged drug boats", ["alleged"], None)]


def test_pronoun_cue_in_a_coordinated_clause_attaches_to_its_own_sentence():
    analysis = analyze_text("Doctors at the hospital allegedly ran out of fluids last week.\n"
                            "Governor Paul Mensah claimed the outbreak was under control, but he offered "
                            "no evidence.", stages="claims")
    governor = claim_with(analysis, "the outbreak was under control")
    assert governor.evidence == ["unsupported"] and governor.evidence_cues[0].text == "no evidence"
    doctors = claim_with(analysis, "ran out of fluids")
    assert doctors.evidence == ["unqualified"] and [h.text for h in doctors.hedges] == ["allegedly"]


def test_denial_by_the_claimant_does_not_contest_its_own_claim():
    analysis = analyze_text("Local media reported that at least 120 people have died of cholera since June.\n"
                            "The Health Ministry rejected the figure, saying only 34 deaths had been "
                            "confirmed.", stages="claims")
    media = claim_with(analysis, "120 people have died")
    assert media.evidence == ["reported", "contested"]
    assert [c.text for c in media.evidence_cues] == ["reported", "rejected"]
    ministry = claim_with(analysis, "only 34 deaths had been confirmed")
    assert "contested" not in ministry.evidence


def _claimant_of(analysis, words):
    found = [c for c in analysis.claims if words in c.text]
    assert found, [c.text for c in analysis.claims]
    return found[0].claimant.name if found[0].claimant else None


def test_claimant_is_never_a_bare_pronoun():
    text = ("The singer Mara Quill said the label had blocked 14 of her songs from the broadcast.\n\n"
            "The label disputes her account.\n\n"
            "Quill added that two of the songs had been recorded in 2009. "
            "She also accused the label of withholding $3 million in royalties.")
    analysis = analyze_text(text, stages="claims")
    for claim in analysis.claims:
        assert claim.claimant is None or claim.claimant.name.lower() not in ("she", "he", "it", "they", "that")
    assert _claimant_of(analysis, "withholding") == "Mara Quill"


def test_they_stands_for_an_unnamed_plural_source():
    text = ("The authors said 12 percent of adults reported daily use. "
            "But heavy use is linked to lower incomes and 30 percent more crashes, they wrote.")
    analysis = analyze_text(text, stages="claims")
    assert _claimant_of(analysis, "lower incomes") == "The authors"


@pytest.mark.parametrize("source", [
    "people familiar with the negotiations",
    "A person familiar with the matter",
    "Experts on prison safety",
    "Businesses and residents",
    "officials in Beijing",
])
def test_unnamed_source_keeps_the_words_that_say_who(source):
    analysis = analyze_text(f"{source} said 4,000 workers had received notice last week "
                            "after the firm lost $2 billion.", stages="claims")
    assert _claimant_of(analysis, "$2 billion") == source


def test_a_denied_content_is_contested():
    analysis = analyze_text("The organisers deny that the contract had been signed in March.", stages="claims")
    claims = [c for c in analysis.claims if "contract had been signed" in c.text]
    assert claims and "contested" in claims[0].evidence


def test_the_accused_denying_wrongdoing_contests_the_accusation():
    text = ("The singer Mara Quill accused Orbit Records of withholding $3 million in royalties.\n\n"
            "Orbit Records has denied doing anything wrong.")
    analysis = analyze_text(text, stages="claims")
    claims = [c for c in analysis.claims if "withholding" in c.text]
    assert claims and "contested" in claims[0].evidence, [(c.text, c.evidence) for c in analysis.claims]


def test_speaker_inside_an_according_to_is_the_claimant():
    text = ("There were 14 new cases in the province, the regional health commission said, "
            "according to Reuters.")
    analysis = analyze_text(text, stages="claims")
    claims = [c for c in analysis.claims if "14 new cases" in c.text]
    assert claims and claims[0].claimant.name.endswith("health commission"), claims
    assert "reported" in claims[0].evidence


def test_a_source_saying_there_is_no_evidence_is_not_an_unsupported_claim():
    analysis = analyze_text("There is no evidence linking the third case to the first two, the "
                            "regional health commission said on Monday.", stages="claims")
    claims = [c for c in analysis.claims if "third case" in c.text]
    assert claims and "unsupported" not in claims[0].evidence
    # The article's own words about evidence still label the claim.
    analysis = analyze_text("The mayor said the contractor stole $2 million, but he offered no "
                            "evidence.", stages="claims")
    claims = [c for c in analysis.claims if "$2 million" in c.text]
    assert claims and "unsupported" in claims[0].evidence


def test_an_accusation_with_no_named_accuser_is_reported():
    analysis = analyze_text("The ministry has been accused of hiding 300 deaths from the outbreak.",
                            stages="claims")
    claims = [c for c in analysis.claims if "300 deaths" in c.text]
    assert claims and "reported" in claims[0].evidence, [(c.text, c.evidence) for c in analysis.claims]
    analysis = analyze_text("Rights groups accused the ministry of hiding 300 deaths from the outbreak.",
                            stages="claims")
    claims = [c for c in analysis.claims if "300 deaths" in c.text]
    assert claims and "reported" not in claims[0].evidence


@pytest.mark.parametrize("text, gist", [
    ("The council has not presented any evidence that the repairs are funded.", "the repairs are funded"),
    ("The agency found no proof that the wells were contaminated.", "the wells were contaminated"),
])
def test_a_negated_finding_leaves_its_content_unsupported(text, gist):
    claim = claim_with(analyze_text(text, stages="claims"), gist)
    assert claim.evidence == ["unsupported"]


def test_a_finding_without_negation_still_backs_its_content():
    claim = claim_with(analyze_text("The audit found that the money was spent on salaries.",
                                    stages="claims"), "spent on salaries")
    assert claim.evidence == ["supported"]


def test_a_finding_of_no_evidence_is_unsupported_but_records_of_a_negative_fact_back_it():
    assert [c.label for c in find_cues("Investigators found no evidence that the vote was rigged.")] \
        == ["unsupported", "unsupported"]
    assert [c.label for c in find_cues("Records show no inspections took place that night.")] == ["supported"]


@pytest.mark.parametrize("text, gist, claimant", [
    ("The singer won support last week after accusing the label of blocking her songs.",
     "blocking her songs", "The singer"),
    ("Senator Ann Lee spoke for an hour, accusing the mayor of hiding the audit.", "hiding the audit", "Ann Lee"),
    ("The union held a rally and accused the company of cutting wages.", "cutting wages", "The union"),
    ("Local farmers who accused the utility of overkill met on Monday.", "overkill", "Local farmers"),
])
def test_an_accusation_without_its_own_subject_is_made_by_the_subject_it_hangs_on(text, gist, claimant):
    claim = claim_with(analyze_text(text, stages="claims"), gist)
    assert claim.claimant is not None and claim.claimant.name.endswith(claimant.split()[-1])


def test_who_writes_inside_what_an_outlet_relays_stands_behind_the_claim():
    text = ("According to the Daily Ledger, Dr. Maria Olsen wrote on her blog that the patients had "
            "been moved to the ward on May 3.")
    claim = claim_with(analyze_text(text, stages="claims"), "moved to the ward")
    assert claim.claimant is not None and claim.claimant.name == "Maria Olsen"
    assert claim.evidence == ["reported"]


def test_a_denial_contests_what_was_said_before_it_not_what_comes_later():
    text = ("The mayor said the new bridge was built with recycled Chinese steel. "
            "Traffic was heavy on Monday. Schools reopened after the holiday. Rain is expected. "
            "The builder denied that recycled Chinese steel was used. "
            "Later that week, the inspector said the old tunnel holds recycled Chinese steel too.")
    a = analyze_text(text, stages="claims")
    assert "contested" in claim_with(a, "built with recycled Chinese steel").evidence
    assert "contested" not in claim_with(a, "old tunnel holds").evidence


def test_a_denial_does_not_contest_another_denial():
    text = ("The ministry accused the charity of hiding food from the refugees. "
            "An analyst told reporters the ministry's accusations about the food are false. "
            "The charity rejected the ministry's accusations about hiding food as false.")
    a = analyze_text(text, stages="claims")
    assert "contested" not in claim_with(a, "accusations about the food are false").evidence


def test_a_denial_far_after_a_claim_does_not_contest_it():
    filler = " ".join(f"Paragraph {i} is about the weather in the valley and the roads." for i in range(40))
    text = ("The mayor said the harbour dredging cost forty million dollars.\n" + filler +
            "\nThe port authority denied that the harbour dredging cost forty million dollars.")
    from newstrace.pipeline import AnalyzeOptions

    a = analyze_text(text, options=AnalyzeOptions(stages="claims", config={"claims": {"contest_window": 100}}))
    assert "contested" not in claim_with(a, "forty million dollars").evidence


def test_an_indirect_question_after_an_adverb_is_no_claim():
    a = analyze_text("Nobody knows exactly how many jobs the merger will cost the town.", stages="claims")
    assert not [c for c in a.claims if "jobs the merger" in c.text]


def test_representatives_of_someones_family_are_not_that_person():
    text = ("Jane Doe, a banker, died in her cell in May. Although representatives of Doe's family "
            "suggested the banker may have been poisoned, the warden told lawmakers no evidence supports it.")
    from newstrace.pipeline import AnalyzeOptions

    options = AnalyzeOptions(stages="claims", config={"claims": {"speech_min_checkworthy": 0}})
    claim = claim_with(analyze_text(text, options=options), "poisoned")
    assert claim.claimant is not None and claim.claimant.name != "Jane Doe"
    assert "family" in claim.claimant.name


def test_an_evidence_cue_refers_back_only_within_its_paragraph():
    same = ("The mayor said the bridge was closed for repairs. A city report confirmed it.")
    other = ("The mayor said the bridge was closed for repairs.\n\n"
             "A city report confirmed it.")
    assert "supported" in claim_with(analyze_text(same, stages="claims"), "closed for repairs").evidence
    assert claim_with(analyze_text(other, stages="claims"), "closed for repairs").evidence == ["unqualified"]


def test_reported_remarks_no_checker_would_take_up_are_no_claims():
    text = ("The coach said it depends on the weather. "
            "The coach said the team had lost 12 of its last 15 away games since March.")
    a = analyze_text(text, stages="claims")
    assert [c.text for c in a.claims] == ["the team had lost 12 of its last 15 away games since March"]


def test_speech_floor_zero_keeps_every_reported_content():
    from newstrace.pipeline import AnalyzeOptions

    text = "The coach said it depends on the weather."
    a = analyze_text(text, options=AnalyzeOptions(stages="claims",
                                                  config={"claims": {"speech_min_checkworthy": 0}}))
    assert [c.text for c in a.claims] == ["it depends on the weather"]


def test_a_claimed_responsibility_stops_before_an_appended_clause():
    text = ("The rebel group claimed responsibility for bombing the fuel depot, which officials said "
            "burned for two days.")
    claim = claim_with(analyze_text(text, stages="claims"), "bombing the fuel depot")
    assert claim.text == "responsibility for bombing the fuel depot"
    assert claim.claimant is not None and claim.claimant.name.endswith("rebel group")


def test_a_cue_about_someones_claim_labels_that_claimants_earlier_claims_across_a_paragraph():
    text = ('"Our fighters destroyed three tanks near the river," rebel spokesman Ali Haddad said.\n\n'
            "It was not possible to independently verify the group's claim.")
    claim = claim_with(analyze_text(text, stages="claims"), "destroyed three tanks")
    assert claim.evidence == ["unsupported"]


@pytest.mark.parametrize("text, gist, claimant", [
    # a name that only modifies the source: the source is the noun it modifies
    ("The prisoners were freed in Muscat on Sunday, according to a Houthi representative.",
     "freed in Muscat", "a Houthi representative"),
    # ... and a report "from" an organisation stands for that organisation
    ("Dealers sold 12,400 new cars in May, according to the AutoCount Monthly report from "
     "Carlytics, a data provider.", "12,400 new cars", "Carlytics"),
    # an organisation right before a title and a name is the person's affiliation
    ("FCC Chair Jessica Rosenworcel said that 400,000 homes lost their phone lines in the storm.",
     "400,000 homes", "Jessica Rosenworcel"),
])
def test_a_source_named_by_a_modifier_is_the_noun_it_modifies(text, gist, claimant):
    options = AnalyzeOptions(stages="claims", config={"claims": {"speech_min_checkworthy": 0}})
    analysis = analyze_text(text, options=options)
    claims = [c for c in analysis.claims if gist in c.text]
    assert claims and claims[0].claimant is not None, [(c.text, c.claimant) for c in analysis.claims]
    assert claims[0].claimant.name == claimant


def test_a_speech_verb_in_a_relative_clause_is_no_inner_speaker():
    text = ("The detainees were released in Doha, where the movement maintains an office, "
            "according to a Taliban spokesman.")
    analysis = analyze_text(text, options=AnalyzeOptions(stages="claims",
                                                         config={"claims": {"speech_min_checkworthy": 0}}))
    claims = [c for c in analysis.claims if "released in Doha" in c.text]
    assert claims and claims[0].claimant.name == "a Taliban spokesman", [(c.text, c.claimant) for c in analysis.claims]


def test_that_said_is_no_speaker():
    options = AnalyzeOptions(stages="claims", config={"claims": {"speech_min_checkworthy": 0}})
    text = ("Sales fell 8% last year. That said, the two chains might have made a good fit, as "
            "their stores rarely overlapped.")
    analysis = analyze_text(text, options=options)
    assert not [c for c in analysis.claims if "good fit" in c.text], [c.text for c in analysis.claims]
    # a source inside what follows still stands behind it
    text = ("Seizures rose in 2019. That said, the DEA says that the port of Laredo \"remains the main "
            "entry point for fentanyl\" and that \"seizures doubled in two years.\"")
    analysis = analyze_text(text, options=options)
    claims = [c for c in analysis.claims if "entry point" in c.text]
    assert claims and claims[0].claimant is not None and claims[0].claimant.name == "DEA", \
        [(c.text, c.claimant) for c in analysis.claims]


@pytest.mark.parametrize("text", [
    "Asked whether the guards were asleep, she said they were.",
    "He said he told them.",
])
def test_reported_speech_that_names_nothing_is_no_claim(text):
    options = AnalyzeOptions(stages="claims", config={"claims": {"speech_min_checkworthy": 0}})
    analysis = analyze_text(text, options=options)
    assert not analysis.claims, [c.text for c in analysis.claims]
    # a denial keeps its claim even when it names nothing
    analysis = analyze_text("The mayor accused the council of fraud. The council denied it did.", options=options)
    assert analysis.claims


def test_a_name_set_off_after_the_subjects_relative_clause_names_the_subject():
    options = AnalyzeOptions(stages="claims", config={"claims": {"speech_min_checkworthy": 0}})
    text = ("The firm that runs the Grammys, Harbor Events Group, denies that any deal has been signed "
            "with the band.")
    analysis = analyze_text(text, options=options)
    claims = [c for c in analysis.claims if "any deal" in c.text]
    assert claims and claims[0].claimant is not None, [(c.text, c.claimant) for c in analysis.claims]
    assert claims[0].claimant.name == "Harbor Events Group"


def test_a_quote_piece_without_a_finite_verb_is_no_claim():
    text = ('"Thirty years of covering city hall," Dana Reyes said, "has taught me that the budget '
            'was cut by $40 million."')
    analysis = analyze_text(text, stages="claims")
    assert not [c for c in analysis.claims if c.text.startswith("Thirty years")], \
        [c.text for c in analysis.claims]


def test_the_writers_we_is_no_claimant():
    options = AnalyzeOptions(stages="claims", config={"claims": {"speech_min_checkworthy": 0}})
    text = ("The senator said 40 tons of drugs crossed the border last year. We note that the "
            "customs agency counts seizures by weight, not by street value.")
    analysis = analyze_text(text, options=options)
    assert [c for c in analysis.claims if "40 tons" in c.text]
    assert not [c for c in analysis.claims if "by weight" in c.text], [(c.text, c.claimant) for c in analysis.claims]
    # inside a quotation, "we" is the one quoted
    text = ('"We found that 40 tons of drugs crossed the border," the agency said.')
    analysis = analyze_text(text, options=options)
    assert all(c.claimant is None or c.claimant.name.lower() != "we" for c in analysis.claims)


def test_a_report_from_an_organisation_is_that_organisations_and_reported():
    options = AnalyzeOptions(stages="claims", config={"claims": {"speech_min_checkworthy": 0}})
    text = ("Dealers sold 12,400 new cars in May, according to the AutoCount Monthly report from "
            "Carlytics, a data provider.")
    claims = [c for c in analyze_text(text, options=options).claims if "12,400" in c.text]
    assert claims and claims[0].claimant.name == "Carlytics" and "reported" in claims[0].evidence, claims


def _labels(text: str) -> dict[str, list[str]]:
    return {c.text: c.evidence for c in analyze_text(text, stages="claims").claims}


@pytest.mark.parametrize("text, gist, label", [
    ("The senator claimed the program cost $2 billion. An audit found that the program cost "
     "$500 million.", "cost $2 billion", "contested"),
    ("The senator claimed the program cost $2 billion. A review of budget documents by the "
     "newspaper found it cost $2 billion.", "cost $2 billion", "supported"),
    ("The governor said 12 people died in the fire. Hospital records show that 4 people died.",
     "12 people died", "contested"),
])
def test_a_finding_with_other_figures_contests(text, gist, label):
    """Cited facts that give other figures of the same thing contradict the claim; the same
    figures back it."""
    got = [labels for t, labels in _labels(text).items() if gist in t]
    assert got and label in got[0] and ("supported" in got[0]) == (label == "supported"), _labels(text)


@pytest.mark.parametrize("text, label", [
    ("Officials said 12 people died, a figure that could not be independently verified.", "unsupported"),
    ("The governor said unemployment fell to 3 percent, a claim contradicted by state labor data.",
     "contested"),
    ("The mayor said crime fell by 20 percent, citing police data.", "supported"),
])
def test_what_the_writer_appends_to_a_claim_labels_it(text, label):
    """A phrase the writer appends after a comma, headed by a noun naming the claim ('a figure
    that could not be verified'), or a source cited with it ('citing police data'), says what
    backs the claim, though it sits inside the reported content's span."""
    got = list(_labels(text).values())
    assert got and label in got[0], _labels(text)
