"""Quantities: number phrases and counts of dead, injured, troops, vessels and money."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newstrace.analyze.quantities import as_dict, find_quantities, parse_number


@pytest.mark.parametrize("text,value", [
    ("17", 17), ("4,500", 4500), ("1,000,000", 1000000), ("5.1 million", 5100000),
    ("50 million", 50000000), ("2.5bn", 2500000000), ("12M", 12000000), ("eight", 8),
    ("Eighty", 80), ("twenty-five", 25), ("five hundred", 500), ("one hundred and twenty", 120),
    ("a dozen", None), ("several", None), ("", None),
])
def test_parse_number(text, value):
    assert parse_number(text) == value


@given(st.integers(min_value=0, max_value=10**12))
def test_parse_number_round_trips_digits(n):
    assert parse_number(str(n)) == n
    assert parse_number(f"{n:,}") == n


CASES = [
    ("In September, US forces attacked at least three small vessels, killing 17 people.",
     [("at least three small vessels", "vessels", 3, "min"), ("17 people", "dead", 17, "")]),
    ("Since mid-August, at least eight warships and an estimated 4,500 US troops have been "
     "deployed.", [("at least eight warships", "warships", 8, "min"),
                   ("an estimated 4,500 US troops", "troops", 4500, "approx")]),
    ("Washington raised a bounty for Maduro's capture to US $50 million.",
     [("US $50 million", "usd", 50000000, "")]),
    ("The department offered a $50 million bounty.", [("$50 million", "usd", 50000000, "")]),
    ("A minefield explosion killed two Iraqi youths and wounded five others on Sunday.",
     [("two Iraqi youths", "dead", 2, ""), ("five others", "injured", 5, "")]),
    ("Sudanese rebels shelled Juba, killing about 20 people.", [("about 20 people", "dead", 20, "approx")]),
    ("The agency said 100 people were killed.", [("100 people", "dead", 100, "")]),
    ("The clashes left 17 dead.", [("17 dead", "dead", 17, "")]),
    ("The European Community gave the Ivory Coast 5.1 million dollars of aid.",
     [("5.1 million dollars", "usd", 5100000, "")]),
    ("Up to 1,000 ethnic Turks began a hunger strike.", [("Up to 1,000 ethnic Turks", "people", 1000, "max")]),
    ("Eighty UN peacekeepers were shipped out.", [("Eighty UN peacekeepers", "troops", 80, "")]),
    ("The deal is worth €3 billion.", [("€3 billion", "eur", 3000000000, "")]),
    ("One of the officials spoke for two hours in 2019.", []),
]


@pytest.mark.parametrize("sentence,expected", CASES, ids=[c[0][:40] for c in CASES])
def test_find_quantities(nlp, sentence, expected):
    doc = nlp(sentence)
    found = find_quantities(doc[:])
    assert [(q.text, q.key, q.value, q.qualifier) for q in found] == expected
    for q in found:
        assert sentence[q.span[0]:q.span[1]] == q.text


def test_offsets_are_into_the_document(nlp):
    text = "Nothing happened. Then 4,500 troops arrived."
    doc = nlp(text)
    sent = list(doc.sents)[1]
    (q,) = find_quantities(sent)
    assert text[q.span[0]:q.span[1]] == "4,500 troops"
    assert as_dict([q]) == {"troops": 4500}
