"""Property tests: the cleaner's offset map. Take a clean article, damage it the way
syndication does (chrome paragraphs, inline photo credits, stray and odd spaces, glued quotes,
zero-width characters), clean it, and check that the body comes back exactly and that every
offset the map reports points at the same text in the damaged original."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newstrace.clean.normalize import MappedText, normalize, normalize_text
from newstrace.clean.pipeline import clean_with_offsets
from newstrace.model import Document, Source

VOCAB = ["officials", "said", "the", "bridge", "would", "reopen", "next", "week", "after",
         "repairs", "café", "naïve", "council", "mayor", "river", "port", "city", "budget",
         "million", "workers", "residents", "traffic", "Monday", "Maduro", "Zoë", "région"]
HEADLINE = "Bridge Reopens In The Port City"
CHROME_BETWEEN = ["Read more: Ferry fares to rise next year", "Share this article",
                  "Advertisement", "Sign up for our daily newsletter to get the news first.",
                  "Photo: Jane Doe/Reuters", "(Reporting by Jane Doe; Editing by John Roe)",
                  "Follow us on Twitter for the latest updates."]
CHROME_END = ["The post Bridge reopens appeared first on Example Daily.",
              "Legal Disclaimer:\nExample Wire provides the information “as is” without warranty.",
              "Most popular stories\n- Ferry fares to rise\n- Tunnel plans unveiled",
              "Comments\nNo comment"]
ZERO_WIDTH = "\u200b\u00ad\u2060"


def _sentence(words: list[str], quoted: bool, comma: bool) -> str:
    words = list(words)
    if comma and len(words) > 3:
        words[1] += ","
    text = " ".join(words)
    text = text[0].upper() + text[1:] + "."
    return f"“{text}”" if quoted else text


sentences = st.builds(_sentence, st.lists(st.sampled_from(VOCAB), min_size=3, max_size=9),
                      st.booleans(), st.booleans())
paragraph = st.lists(sentences, min_size=1, max_size=4).map(" ".join)
bodies = st.lists(paragraph, min_size=1, max_size=5)


def _damage(text: str, op: str, pick: int) -> str:
    """One kind of damage at one place; each kind is undone by the cleaner."""
    patterns = {
        "stray_comma": r",(?= )",          # "migrants , as"
        "stray_period": r"\.(?=$| )",      # "Global ."
        "glue_quote": r"(?<=[.,]) (?=“)",  # "Tuesday.“We"
        "nbsp": r"(?<=\w) (?=\w)",
        "double_space": r"(?<=\w) (?=\w)",
        "zero_width": r"(?<=\w)(?=\w)",
        "photo_credit": r"(?<=\w)\.(?=$| )",
    }
    spots = list(re.finditer(patterns[op], text))
    if not spots:
        return text
    m = spots[pick % len(spots)]
    s, e = m.span()
    new = {
        "stray_comma": " ,", "stray_period": " .", "glue_quote": "", "nbsp": "\u00a0",
        "double_space": "   ", "zero_width": ZERO_WIDTH[pick % len(ZERO_WIDTH)],
        "photo_credit": " (AP Photo/Jane Doe).",
    }[op]
    return text[:s] + new + text[e:]


damage = st.lists(st.tuples(st.sampled_from(["stray_comma", "stray_period", "glue_quote", "nbsp",
                                             "double_space", "zero_width", "photo_credit"]),
                            st.integers(0, 1000)), max_size=6)


def _visible(text: str) -> str:
    return "".join(ch for ch in text if ch not in ZERO_WIDTH)


@settings(max_examples=120, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(body=bodies, damages=st.lists(damage, min_size=5, max_size=5),
       between=st.lists(st.tuples(st.integers(0, 4), st.sampled_from(CHROME_BETWEEN)), max_size=3),
       end=st.lists(st.sampled_from(CHROME_END), max_size=3, unique=True))
def test_offsets_survive_chrome_and_spacing_damage(body, damages, between, end):
    damaged = []
    for k, para in enumerate(body):
        for op, pick in damages[k % len(damages)]:
            para = _damage(para, op, pick)
        damaged.append(para)
    lines = [HEADLINE]
    for k, para in enumerate(damaged):
        lines.extend(chrome for at, chrome in between if at == k and k > 0)
        lines.append(para)
    lines.extend(end)
    original = "\n".join(lines) + "\n"

    doc = Document(source=Source(uri="prop.txt", format="text"), content=original)
    article, mapped = clean_with_offsets(doc)

    assert article.text == "\n".join(body)
    assert article.meta.headline == HEADLINE
    for m in re.finditer(r"\w+", article.text):
        s, e = mapped.to_source(*m.span())
        assert _visible(original[s:e]) == m.group(0)
    offset = 0
    for para in body:  # whole paragraphs map to their damaged originals
        s, e = mapped.to_source(offset, offset + len(para))
        assert normalize_text(original[s:e]).text.replace(" (AP Photo/Jane Doe)", "") == para
        offset += len(para) + 1


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.text(alphabet=st.sampled_from(list("ab “”‘’.,;:!?()[]\u00a0\u200b\u0301\ne\t")),
               max_size=80))
def test_normaliser_map_is_monotone_and_in_bounds(text):
    mapped = normalize(MappedText.of(text))
    assert len(mapped.starts) == len(mapped.ends) == len(mapped.text)
    last = 0
    for s, e in zip(mapped.starts, mapped.ends):
        assert 0 <= s <= e <= len(text)
        assert s >= last
        last = s
    for m in re.finditer(r"[ab]+", mapped.text):
        s, e = mapped.to_source(*m.span())
        source = unicodedata.normalize("NFC", _visible(text[s:e]))
        assert re.sub(r"[\u0301]", "", source).replace("é", "e") == m.group(0).replace("é", "e")
