"""Page boxes: elements of a web page that its markup names as furniture (a newsletter form,
an author bio, a disclosure, a comment thread, a reference list), set aside before the main
text is extracted. The names are data: resources/page_boxes.tsv and page_box_flags.txt.

trafilatura prunes such classes itself, but all or nothing: when its list also matches the
element that holds the article (a "widget" wrapper), it prunes none of them. Here each box is
judged alone, and an element holding much of the page's prose is never a box.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

from .. import resources

BOXES_FILE = "page_boxes.tsv"
FLAGS_FILE = "page_box_flags.txt"
# a box holds at most this share of the page's paragraph (`<p>`) text: the article's own
# container ("article comments-open") is no box
MAX_PROSE_SHARE = 0.5
# the attribute that marks a box on the page's tree; trafilatura prunes PRUNE_XPATH from its
# copy of the tree
MARK = "data-newstrace-box"
PRUNE_XPATH = f"//*[@{MARK}]"

_CASE_CHANGE = re.compile(r"(?<=[a-z])(?=[A-Z])")
_NOT_WORD = re.compile(r"[^A-Za-z0-9]+")


@dataclass(frozen=True)
class BoxRule:
    name: str
    words: tuple[str, ...]
    reason: str
    example: str


@lru_cache(maxsize=1)
def rules() -> tuple[BoxRule, ...]:
    out = []
    for row in resources.table(BOXES_FILE):
        words = tuple(row["words"].lower().split())
        if not words:
            raise ValueError(f"{BOXES_FILE}: row {row['name']!r} has no words")
        out.append(BoxRule(row["name"], words, row["reason"], row["example"]))
    return tuple(out)


@lru_cache(maxsize=1)
def _flags() -> frozenset[str]:
    return frozenset(w.lower() for w in resources.lines(FLAGS_FILE))


@lru_cache(maxsize=1)
def _first_words() -> tuple[str, ...]:
    return tuple(sorted({r.words[0] for r in rules()}))


@lru_cache(maxsize=1)
def _attributes():
    from lxml.etree import XPath

    return XPath(".//@class | .//@id")


def _candidates(body) -> list:
    """The elements whose class or id contains some row's first word, in document order: a
    superset of the boxes, found by searching all the page's class and id values at once."""
    values = _attributes()(body)
    if not values:
        return []
    joined = "\n".join(values)
    low = joined.lower()
    if len(low) != len(joined):  # a letter whose lower case is longer: one value at a time
        return list(dict.fromkeys(v.getparent() for v in values
                                  if any(w in v.lower() for w in _first_words())))
    starts = [0, *accumulate(len(v) + 1 for v in values)]
    hits: set[int] = set()
    for word in _first_words():
        at = low.find(word)
        while at != -1:
            k = bisect_right(starts, at) - 1
            hits.add(k)
            at = low.find(word, starts[k + 1])
    return list(dict.fromkeys(values[k].getparent() for k in sorted(hits)))


def name_words(name: str) -> tuple[str, ...]:
    """The words of one class or id name: "newsletterForm__main" → newsletter form main."""
    return tuple(w.lower() for w in _NOT_WORD.split(_CASE_CHANGE.sub(" ", name)) if w)


@lru_cache(maxsize=8192)
def box_rule(value: str) -> BoxRule | None:
    """The first row whose words follow one another inside one name of a class or id value;
    a name that carries a flag word states a setting ("comments-open"), not a box."""
    for name in value.split():
        words = name_words(name)
        if not words or _flags().intersection(words):
            continue
        for rule in rules():
            n = len(rule.words)
            if any(words[i:i + n] == rule.words for i in range(len(words) - n + 1)):
                return rule
    return None


def mark_boxes(tree) -> list[tuple[object, BoxRule]]:
    """Mark (attribute MARK) the outermost boxes of a parsed page, leaving out any element
    that holds more than MAX_PROSE_SHARE of the page's `<p>` text (the boxes inside it are
    still boxes); returns the marked elements with their rules."""
    body = tree.find(".//body")
    if body is None:
        body = tree
    found = {}
    for el in _candidates(body):
        value = " ".join(v for v in (el.get("class"), el.get("id")) if v)
        if (rule := box_rule(value)) is not None:
            found[el] = rule
    if not found:
        return []
    total = sum(len(p.text_content()) for p in body.iter("p"))
    boxes = {el: rule for el, rule in found.items()
             if sum(len(p.text_content()) for p in el.iter("p")) <= MAX_PROSE_SHARE * total}
    outer = [el for el in boxes if not any(a in boxes for a in el.iterancestors())]
    for el in outer:
        el.set(MARK, boxes[el].name)
    return [(el, boxes[el]) for el in outer]
