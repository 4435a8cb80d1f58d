"""Cleaning: structure of plain text, chrome patterns (every row of the data file), the
normaliser, HTML extraction and structured records."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from newstrace.clean import chrome, clean, metadata
from newstrace.clean.normalize import normalize_text
from newstrace.clean.pipeline import clean_with_offsets
from newstrace.errors import NoArticleFound
from newstrace.ingest import read_documents
from newstrace.model import Document, Source

from .conftest import EXAMPLE

DATA = Path(__file__).resolve().parent / "data" / "ingest"

BODY = [
    ("Officials in the port city said on Monday that the new bridge would reopen next week "
     "after months of repairs."),
    "“We are confident the repairs are complete,” the mayor told reporters at the site.",
    "The council said the works cost $4 million and finished two weeks ahead of schedule.",
]


def text_doc(text: str, uri: str = "t.txt") -> Document:
    return Document(source=Source(uri=uri, format="text"), content=text)


def paragraphs(article) -> list[str]:
    return [p for p in article.text.split("\n") if p.strip()]


# ---- the example article ---------------------------------------------------------------

@pytest.fixture(scope="module")
def example():
    return clean(read_documents(EXAMPLE)[0])


def test_example_metadata(example):
    meta = example.meta
    assert meta.headline == ("Top Trump Officials Ramp Up Pressure For Military Strikes In "
                             "Venezuela To Oust Maduro")
    assert meta.dek.startswith("Administration hardliners Stephen Miller and Marco Rubio")
    assert meta.dek.endswith("citing unproven counternarcotics claims.")
    assert meta.authors == ["Andreína Chávez Alava"]
    assert meta.dateline == "Caracas"
    assert meta.origin_outlet == "Venezuelanalysis"
    assert meta.republished_by == ["Caribbean News Global", "MENAFN"]
    assert meta.published is None


def test_example_body(example):
    paras = paragraphs(example)
    assert len(paras) == 18
    assert paras[0].startswith("US president Donald Trump reaffirmed threats against Venezuela")
    assert paras[-1].endswith("offering to resume dialogue via Special Envoy Richard Grenell.")
    for chrome_text in ["appeared first on", "Legal Disclaimer", "provides the information",
                        "Most popular stories", "Market Research", "Mutuum Finance",
                        "Apple Pay", "TOKEN2049", "No comment", "CARACAS", "By Andreína"]:
        assert chrome_text not in example.text


def test_example_normalised(example):
    assert "reporters Tuesday. “We are going" in example.text
    assert "prepared to use “every element" in example.text
    assert "Venezuelan migrants, as well" in example.text
    assert "According to the New York Times, Rubio" in example.text
    assert " ," not in example.text and "“ " not in example.text


def test_example_removed_blocks_have_reasons(example):
    reasons = [(r.reason, r.text.split("\n")[0][:30]) for r in example.removed]
    assert reasons == [
        ("headline", "Top Trump Officials Ramp Up Pr"),
        ("separator", "-"),
        ("dek", "Administration hardliners Step"),
        ("byline", "By Andreína Chávez Alava"),
        ("dateline", "CARACAS, (venezuelanalysis) –"),
        ("republication notice", "The post Top Trump officials r"),
        ("disclaimer", "Legal Disclaimer:"),
        ("link list", "Most popular stories"),
        ("link list", "Market Research"),
        ("comments", "Comments"),
        ("comments", "No comment"),
    ]
    disclaimer = example.removed[6].text
    assert "MENAFN provides the information “as is”" in disclaimer
    assert "kindly contact the provider above." in disclaimer
    assert "BTCC Exchange Announces" in example.removed[8].text


def test_example_offsets_point_into_the_source(example):
    doc = read_documents(EXAMPLE)[0]
    article, mapped = clean_with_offsets(doc)
    for m in re.finditer(r"\w+", article.text):
        s, e = mapped.to_source(*m.span())
        assert doc.content[s:e] == m.group(0)


# ---- every row of the chrome pattern file --------------------------------------------

RULES = chrome.rules()


@pytest.mark.parametrize("rule", RULES, ids=[r.name for r in RULES])
def test_chrome_row_matches_its_example(rule):
    assert rule.regex.search(rule.example), rule.name


@pytest.mark.parametrize("rule", [r for r in RULES if r.scope in ("line", "block", "section")],
                         ids=lambda r: r.name)
def test_chrome_paragraph_row_is_removed_with_its_reason(rule):
    # a block heading takes its text, up to the next blank line
    under = "\nThe publisher provides this text without warranty.\n" if rule.scope == "block" else ""
    text = "\n".join(["Bridge Reopens After Repairs", BODY[0], BODY[1], rule.example + under,
                      BODY[2]])
    article = clean(text_doc(text))
    assert rule.example not in article.text
    assert paragraphs(article) == BODY
    hits = [r for r in article.removed
            if r.text.split("\n")[0] == normalize_text(rule.example).text]
    assert hits and hits[0].reason == rule.reason


@pytest.mark.parametrize("rule", [r for r in RULES if r.scope == "inline"], ids=lambda r: r.name)
def test_chrome_inline_row_removes_only_its_span(rule):
    example = normalize_text(rule.example).text
    m = rule.regex.search(example)
    kept = (example[:m.start()] + example[m.end():]).strip()
    text = "\n".join(["Bridge Reopens After Repairs", BODY[0], rule.example, BODY[2]])
    article = clean(text_doc(text))
    assert paragraphs(article) == [BODY[0], kept, BODY[2]]
    assert any(r.reason == rule.reason and r.text == m.group(0).strip() for r in article.removed)


def test_chrome_meta_row_names_the_republisher():
    rows = [r for r in RULES if r.scope == "meta"]
    assert rows
    for rule in rows:
        text = "\n".join(["Bridge Reopens After Repairs", *BODY, "", "Disclaimer:", rule.example])
        article = clean(text_doc(text))
        assert paragraphs(article) == BODY
        name = rule.regex.search(rule.example).group("outlet")
        assert article.meta.republished_by == [metadata.canonical_outlet(name)]


def test_chrome_rows_do_not_fire_on_ordinary_body_paragraphs():
    for para in BODY + [
        "Read more about the plan in the council's report, the mayor said.",
        "Comments from residents were mostly positive, officials said.",
        "The photo showed the bridge at dawn.",
        "Share prices of the contractor rose 3 percent on Monday.",
        "Copyright law was not at issue in the case, the judge said.",
    ]:
        assert chrome.match_paragraph(para) is None, para


def test_wire_credits_name_the_origin():
    text = "\n".join(["Bridge Reopens After Repairs", "WASHINGTON (AP) — " + BODY[0], BODY[1],
                      "Associated Press writer Jane Roe contributed to this report."])
    article = clean(text_doc(text))
    assert article.meta.dateline == "Washington"
    assert article.meta.origin_outlet == "Associated Press"
    assert paragraphs(article) == BODY[:2]
    tail = "\n".join(["Bridge Reopens After Repairs", BODY[0], BODY[1], "— Reuters"])
    assert clean(text_doc(tail)).meta.origin_outlet == "Reuters"


def test_originally_appeared_is_origin_then_appeared_first_is_republisher():
    text = "\n".join(["Bridge Reopens After Repairs", *BODY,
                      "This article originally appeared on Truthout.",
                      "The post Bridge reopens appeared first on Example Daily."])
    meta = clean(text_doc(text)).meta
    assert meta.origin_outlet == "Truthout"
    assert meta.republished_by == ["Example Daily"]


def test_originally_appeared_after_a_dateline_outlet_is_a_republisher():
    text = "\n".join(["Bridge Reopens After Repairs", "LONDON (Reuters) - " + BODY[0],
                      *BODY[1:], "This story was first published by The Conversation."])
    meta = clean(text_doc(text)).meta
    assert (meta.origin_outlet, meta.republished_by) == ("Reuters", ["The Conversation"])


def test_link_list_section_takes_its_items_but_stops_at_prose():
    text = "\n".join(["Bridge Reopens After Repairs", BODY[0], "Related", "- Ferry fares to rise",
                      "- New tunnel plans unveiled", BODY[1], BODY[2]])
    article = clean(text_doc(text))
    assert paragraphs(article) == BODY
    assert article.removed[-1].text == "Related\n- Ferry fares to rise\n- New tunnel plans unveiled"


# ---- structure of plain text --------------------------------------------------------

def test_headline_standfirst_byline_date_and_dateline():
    text = "\n".join(["Bridge Reopens After Months Of Repairs",
                      "The city says traffic will return to normal by the end of the month.",
                      "By Jane Doe and John Roe",
                      "Published: Sept 10, 2025",
                      "PORTSMOUTH, England — " + BODY[0], *BODY[1:]])
    article = clean(text_doc(text))
    meta = article.meta
    assert meta.headline == "Bridge Reopens After Months Of Repairs"
    assert meta.dek == "The city says traffic will return to normal by the end of the month."
    assert meta.authors == ["Jane Doe", "John Roe"]
    assert meta.published == "2025-09-10"
    assert meta.dateline == "Portsmouth"
    assert meta.origin_outlet is None
    assert paragraphs(article) == BODY


def test_no_headline_when_the_first_line_is_prose():
    article = clean(text_doc("\n".join(BODY)))
    assert article.meta.headline is None
    assert paragraphs(article) == BODY


def test_one_sentence_text_is_its_own_body():
    article = clean(text_doc("Officials said the bridge would reopen on Monday.\n"))
    assert article.text == "Officials said the bridge would reopen on Monday."
    assert article.meta.headline is None


def test_hard_wrapped_paragraphs_are_joined():
    text = ("Bridge Reopens\n\nOfficials in the port city said on Monday that the\n"
            "new bridge would reopen next week after months of\nrepairs.\n\n"
            "The council said the works cost $4 million and\nfinished early.\n")
    article = clean(text_doc(text))
    assert paragraphs(article) == [
        ("Officials in the port city said on Monday that the new bridge would reopen next week "
         "after months of repairs."),
        "The council said the works cost $4 million and finished early."]


@pytest.mark.parametrize("line, city, outlet", [
    ("CARACAS, (venezuelanalysis ) – Text", "Caracas", "Venezuelanalysis"),
    ("WASHINGTON (AP) — Text", "Washington", "Associated Press"),
    ("NEW YORK, Sept 10 (Reuters) - Text", "New York", "Reuters"),
    ("London (AFP) — Text", "London", "Agence France-Presse"),
    ("KYIV, Ukraine — Text", "Kyiv", None),
    ("CARACAS, 30 September 2025 (IPS) – Text", "Caracas", "Inter Press Service"),
    ("Havana, Oct 1 (Prensa Latina) Text", "Havana", "Prensa Latina"),
])
def test_datelines(line, city, outlet):
    found = metadata.parse_dateline(line)
    assert (found.city, found.outlet, line[found.end:]) == (city, outlet, "Text")


@pytest.mark.parametrize("line", ["US president Donald Trump – said", "BY JOHN DOE – x",
                                  "In Caracas (the capital) – people",
                                  "Maduro (Reuters) said the talks failed"])
def test_not_datelines(line):
    assert metadata.parse_dateline(line) is None


@pytest.mark.parametrize("line, names", [
    ("By Andreína Chávez Alava", ["Andreína Chávez Alava"]),
    ("By Jane Doe, John Roe and Ann Lee", ["Jane Doe", "John Roe", "Ann Lee"]),
    ("By Jane Doe | Reuters", ["Jane Doe"]),
    ("By Ludwig van Beethoven, staff writer", ["Ludwig van Beethoven"]),
    ("By the way, this is not a byline", None),
])
def test_bylines(line, names):
    assert metadata.parse_byline(line) == names


@pytest.mark.parametrize("name, canonical", [
    ("venezuelanalysis ", "Venezuelanalysis"), ("AP", "Associated Press"),
    ("the Guardian", "The Guardian"), ("Caribbean News Global .", "Caribbean News Global"),
    ("menafn.com", "MENAFN"), ("some local paper", "Some Local Paper"), ("Daily Blog", "Daily Blog"),
])
def test_canonical_outlets(name, canonical):
    assert metadata.canonical_outlet(name) == canonical


# ---- normaliser ---------------------------------------------------------------------

@pytest.mark.parametrize("raw, clean_text", [
    ("reporters Tuesday.“We are", "reporters Tuesday. “We are"),
    ("ready to use“every element", "ready to use “every element"),
    ("called it“perverse lies”and more", "called it “perverse lies” and more"),
    ("Venezuelan migrants , as well", "Venezuelan migrants, as well"),
    ("appeared on Global .", "appeared on Global."),
    ("CARACAS, (venezuelanalysis ) –", "CARACAS, (venezuelanalysis) –"),
    ("a ( bracketed ) word", "a (bracketed) word"),
    ("Cafe\u0301 cre\u0300me", "Café crème"),
    ("no\u00a0break\u202fhere", "no break here"),
    ("zero\u200bwidth soft\u00adhyphen", "zerowidth softhyphen"),
    ("too   many  spaces", "too many spaces"),
    ("keep .NET and 3 .5 alone", "keep .NET and 3 .5 alone"),
    ("keep it’s and don’t", "keep it’s and don’t"),
])
def test_normaliser(raw, clean_text):
    mapped = normalize_text(raw)
    assert mapped.text == clean_text
    assert mapped.to_source(0, len(mapped.text)) == (0, len(raw))


# ---- HTML and records ------------------------------------------------------------------

def test_html_article():
    article = clean(read_documents(DATA / "article.html")[0])
    assert article.meta.headline == "Café owners welcome the “new” bridge"
    assert paragraphs(article)[0].startswith("Café owners in the harbour district said")
    assert "“It’s been a hard year,” said Zoë Müller" in article.text
    assert "Home" not in article.text and "Contact us" not in article.text
    assert len(paragraphs(article)) == 3


def test_html_page_in_cp1252_cleans_like_utf8():
    a = clean(read_documents(DATA / "article-cp1252.html")[0])
    b = clean(read_documents(DATA / "article.html")[0])
    assert a.text == b.text and a.meta.headline == b.meta.headline


def test_html_page_without_article():
    doc = Document(source=Source(uri="nav.html", format="html"),
                   content="<html><head><title>Example</title></head><body><nav><a href='/'>"
                           "Home</a> | <a href='/w'>World</a></nav><div>Sign in</div></body></html>")
    with pytest.raises(NoArticleFound, match=r"nav\.html: no article text found"):
        clean(doc)


def test_jsonl_record_is_taken_at_its_word():
    docs = read_documents(DATA / "records.jsonl")
    first = clean(docs[0])
    assert first.text == "The bridge reopened on Monday."
    assert first.meta.headline == "Bridge reopens"
    assert first.meta.published == "2025-09-10"
    assert first.meta.origin_outlet == "Example Times"
    assert (first.source.record_id, first.source.url) == ("r1", "https://example.org/a")
    record = Document(source=Source(uri="r.jsonl:1", format="jsonl"), content_type="text",
                      content="Bridge Reopens\nBy Jane Doe\nRead more: something")
    kept = clean(record)
    assert kept.meta.headline is None and kept.meta.authors == []
    assert kept.text.startswith("Bridge Reopens\nBy Jane Doe")


def test_jsonl_html_record_is_extracted():
    article = clean(read_documents(DATA / "records.jsonl")[1])
    assert article.text.startswith("Café owners in the harbour district")
    assert "<p>" not in article.text


def test_feed_entry_is_cleaned_as_html():
    article = clean(read_documents(DATA / "feed.xml")[0])
    assert paragraphs(article) == [
        ("Officials said on Monday that the bridge in the port city would reopen next week "
         "after months of repairs."),
        "The mayor said the works had finished early and thanked the crews."]
    assert article.meta.headline == "Bridge reopens"
    assert article.meta.published == "2025-09-08"


def test_disclaimer_with_its_text_on_one_line_takes_only_that_line():
    text = "\n".join(["Bridge Reopens After Repairs", BODY[0],
                      ("Disclaimer: This content was produced by a sponsor and is not endorsed "
                       "by the newsroom in any way at all."), BODY[1], BODY[2]])
    article = clean(text_doc(text))
    assert paragraphs(article) == BODY
    assert [r.reason for r in article.removed if r.reason == "disclaimer"] == ["disclaimer"]


def test_menafn_copy_with_provider_prefix_before_the_dateline():
    text = "\n".join([
        "Bridge Reopens After Repairs", "By Jane Doe, Reuters",
        "(MENAFN- Example Daily) LONDON (Reuters) - " + BODY[0], BODY[1], BODY[2],
        "Legal Disclaimer:", "MENAFN provides the", "information “as is” without warranty."])
    article = clean(text_doc(text))
    assert paragraphs(article) == BODY
    meta = article.meta
    assert (meta.authors, meta.dateline, meta.origin_outlet) == (["Jane Doe"], "London", "Reuters")
    assert meta.republished_by == ["Example Daily", "MENAFN"]
    assert [r.reason for r in article.removed][:4] == [
        "headline", "byline", "republication notice", "dateline"]


@pytest.mark.parametrize("line, names", [
    ("By Jane Doe for The Guardian", ["Jane Doe"]),
    ("By Jane Doe in Caracas and John Roe", ["Jane Doe", "John Roe"]),
    ("By Staff", None),
])
def test_bylines_drop_outlets_places_and_desks(line, names):
    assert metadata.parse_byline(line) == names


def _example_variant_meta_and_text(content: str, fmt: str = "text"):
    article = clean(Document(source=Source(uri=f"variant.{fmt}", format=fmt), content=content))
    return article.meta, article.text


@pytest.mark.parametrize("transform", [
    lambda t: t.replace("\n", "\n\n"),          # double-spaced
    lambda t: t.replace("\n", "\r\n"),          # Windows line ends
    lambda t: t.replace("\n", "\n \n").replace(" ", "\u00a0", 3),  # odd blank lines, nbsp
], ids=["double-spaced", "crlf", "nbsp"])
def test_example_layout_variants_clean_the_same(example, transform):
    content = transform(EXAMPLE.read_text(encoding="utf-8"))
    meta, text = _example_variant_meta_and_text(content)
    assert text == example.text
    assert meta == example.meta


def test_example_as_an_html_page_gives_the_same_article(example):
    import html

    lines = EXAMPLE.read_text(encoding="utf-8").strip().split("\n")
    body = "".join(f"<p>{html.escape(line)}</p>" for line in lines[4:])
    page = (f"<html><head><title>{lines[0]}</title><meta name='description' "
            f"content='{html.escape(lines[2], quote=True)}'></head><body><nav><a href='/'>Home"
            f"</a></nav><article><h1>{lines[0]}</h1><p>{lines[3]}</p>{body}</article>"
            "</body></html>")
    meta, text = _example_variant_meta_and_text(page, "html")
    assert text == example.text
    assert meta.published is None  # no date in the markup; years in the text are no date
    assert meta.model_dump(exclude={"published"}) == example.meta.model_dump(exclude={"published"})


def test_wire_copy_from_an_aggregator():
    text = "\n".join([
        "Climate Finance Talks Stall At The UN", "By Thalif Deen",
        "UNITED NATIONS, Sep 30 2025 (IPS) - " + BODY[0], BODY[1], BODY[2],
        "Follow IPS News UN Bureau on Instagram",
        "Associated Press writer Regina Garcia Cano contributed to this report from Bogotá.",
        "© Inter Press Service (2025) — All Rights Reserved. Original source: Inter Press Service"])
    article = clean(text_doc(text))
    assert paragraphs(article) == BODY
    meta = article.meta
    assert (meta.headline, meta.authors) == ("Climate Finance Talks Stall At The UN", ["Thalif Deen"])
    assert (meta.dateline, meta.origin_outlet, meta.published) == (
        "United Nations", "Inter Press Service", "2025-09-30")
    assert [r.reason for r in article.removed][-3:] == ["social widget", "wire credit", "copyright"]


# ---- syndicated plain-text layouts (tests/data/clean/, expectations in expected.json) -----

CLEAN_DATA = Path(__file__).resolve().parent / "data" / "clean"
SYNDICATED = json.loads((CLEAN_DATA / "expected.json").read_text(encoding="utf-8"))
META_FIELDS = ("headline", "dek", "authors", "dateline", "origin_outlet", "republished_by",
               "published")


@pytest.fixture(scope="module")
def syndicated():
    return {name: clean(text_doc((CLEAN_DATA / name).read_text(encoding="utf-8"), uri=name))
            for name in SYNDICATED}


@pytest.mark.parametrize("name", sorted(SYNDICATED))
@pytest.mark.parametrize("field", META_FIELDS)
def test_syndicated_metadata(syndicated, name, field):
    assert getattr(syndicated[name].meta, field) == SYNDICATED[name][field]


@pytest.mark.parametrize("name", sorted(SYNDICATED))
def test_syndicated_body(syndicated, name):
    article, want = syndicated[name], SYNDICATED[name]
    paras = paragraphs(article)
    assert len(paras) == want["body_paragraphs"]
    assert paras[0].startswith(want["body_starts_with"])
    assert paras[-1].endswith(want["body_ends_with"])
    for chrome_text in want["not_in_body"]:
        assert chrome_text not in article.text
    # every body paragraph is verbatim source text
    source = (CLEAN_DATA / name).read_text(encoding="utf-8")
    for para in paras:
        assert para in source


def test_newsletter_block_with_chrome_lines_inside_ends_at_the_blank_line(syndicated):
    article = syndicated["guardian-style.txt"]
    blocks = [r for r in article.removed if r.reason == "newsletter sign-up"]
    assert [b.text.split("\n")[0] for b in blocks] == [
        "Sign up to Down to Earth", "Free weekly newsletter",
        "Privacy Notice: Newsletters may contain info about charities, online ads, and content "
        "funded by outside parties.", "after newsletter promotion"]
    assert "delivered to your inbox" in blocks[1].text
    assert "Analysts said prices" in article.text
    assert any(r.reason == "date line" and r.text.startswith("First published on")
               for r in article.removed)


@pytest.mark.parametrize("line, names", [
    ("Maria Lopez in Madrid", ["Maria Lopez"]),
    ("Jane Doe and John Roe in Kyiv", ["Jane Doe", "John Roe"]),
    ("Protests spread in Paris", None),
    ("Maria Lopez", None),
])
def test_bare_bylines(line, names):
    assert metadata.parse_bare_byline(line) == names


@pytest.mark.parametrize("line, names", [
    ("(Reporting by Alex Lawler; Editing by Susan Fenton)", ["Alex Lawler"]),
    ("Reporting by Ana Silva in Lisbon and Tom Wu in Beijing; Writing by Joe Bloggs",
     ["Ana Silva", "Tom Wu"]),
    ("(Editing by Susan Fenton)", None),
])
def test_reporters_from_wire_credit(line, names):
    assert metadata.reporters_from_credit(line) == names


def test_first_published_date_is_no_outlet():
    text = "\n".join(["Bridge Reopens After Repairs", BODY[0], BODY[1], BODY[2],
                      "First published on Wed 3 Jul 2024 10.15 BST"])
    article = clean(text_doc(text))
    assert article.meta.origin_outlet is None
    assert article.meta.published == "2024-07-03T10:15:00+01:00"  # the time and zone kept
    assert paragraphs(article) == BODY


@pytest.mark.parametrize("line, city, outlet", [
    ("ST. LOUIS (AP) — Water rose.", "St. Louis", "Associated Press"),
    ("WASHINGTON, D.C. (AP) — Water rose.", "Washington", "Associated Press"),
    ("NAIROBI, Kenya--(BUSINESS WIRE)-- SunGrid said.", "Nairobi", "Business Wire"),
    ("NEW YORK, March 4, 2024 /PRNewswire/ -- Acme Corp said.", "New York", "PR Newswire"),
])
def test_press_wire_datelines(line, city, outlet):
    found = metadata.parse_dateline(line)
    assert (found.city, found.outlet) == (city, outlet)
