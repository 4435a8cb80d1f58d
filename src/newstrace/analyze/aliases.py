"""Merging mentions into entities, and each entity's canonical (fullest) name.

Mentions join one entity when they are the same name (casefolded, "U.S." = "US"), a country's
other name ("US" = "United States"), an acronym and its definition, a surname and the full
name it ends ("Miller" -> "Stephen Miller"), an organisation with and without its country
("US Congress" = "Congress"), or a capital never named as a place when its country is named too
("Washington has ..." -> "United States"; "in Caracas", "Caracas-tied" keep Caracas).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc

from . import entity_lexicon as lex
from .mentions import Mention, conj_group

_PLACE_PREPS = {"in", "at", "to", "from", "near", "into", "across", "outside", "around", "inside",
                "through", "toward", "towards", "via", "within", "throughout"}


@dataclass
class Cluster:
    mentions: list[Mention]
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    kind: str | None = None  # organisation kind ("outlet", "agency" ...) when known


class _Union:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, a: int) -> int:
        while self.parent[a] != a:
            self.parent[a] = self.parent[self.parent[a]]
            a = self.parent[a]
        return a

    def join(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def groups(self) -> dict[int, list[int]]:
        out: dict[int, list[int]] = {}
        for i in range(len(self.parent)):
            out.setdefault(self.find(i), []).append(i)
        return out


def _key(text: str) -> str:
    return lex.fold(text)


def _coarse(label: str) -> str:
    return {"GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE"}.get(label, label)


def is_place_use(doc: Doc, m: Mention) -> bool:
    """A capital named as a place, not as its government: "in Washington", "Caracas-tied",
    "Washington, D.C.", "Washington state", a dateline."""
    if m.origin == "dateline":
        return True
    head = doc[m.tok_end - 1]
    after = doc[m.tok_end].text if m.tok_end < len(doc) else ""
    if after in ("-", "–") or head.dep_ in ("compound", "npadvmod", "amod", "nmod"):
        return True
    if head.dep_ == "pobj" and head.head.lower_ in _PLACE_PREPS:
        return True
    if head.dep_ == "poss" and head.head.dep_ == "pobj" and head.head.head.lower_ in _PLACE_PREPS:
        return True  # "in Washington's political climate"
    countries = lex.country_aliases()
    if any(t.i != head.i and t.ent_type_ == "GPE" and lex.fold(t.text) not in countries
           for t in conj_group(head)):
        return True  # "Colorado, Washington, Alaska and Oregon": a list of states
    following = doc[m.tok_end:m.tok_end + 3].text.lower()
    return following.startswith((", d.c", ", dc", " state")) or after.lower() in ("state", "d.c.")


def cluster_mentions(doc: Doc, mentions: list[Mention], links: list[tuple[Mention, Mention]]) -> list[Cluster]:
    n = len(mentions)
    uf = _Union(n)
    keys = [_key(m.text) for m in mentions]
    index = {id(m): i for i, m in enumerate(mentions)}
    countries = lex.country_aliases()

    first_by_key: dict[tuple[str, str], int] = {}
    for i, m in enumerate(mentions):
        k = (keys[i], "NORP" if m.label == "NORP" else "NAME")
        if k in first_by_key:
            uf.join(first_by_key[k], i)
        else:
            first_by_key[k] = i

    # A country's other names ("US", "United States", "U.S.").
    by_country: dict[str, int] = {}
    for i, m in enumerate(mentions):
        entry = countries.get(keys[i])
        if entry is None or entry.kind != "abbr" or m.label in ("PERSON", "NORP"):
            continue
        if entry.canonical in by_country:
            uf.join(by_country[entry.canonical], i)
        else:
            by_country[entry.canonical] = i

    for a, b in links:
        if id(a) in index and id(b) in index:
            uf.join(index[id(a)], index[id(b)])

    _join_company_suffixes(mentions, keys, uf)
    _join_implicit_acronyms(mentions, keys, uf)
    _join_surnames(mentions, keys, uf)
    _join_short_forms(doc, mentions, keys, uf, countries)
    _join_reordered(mentions, keys, uf)
    _join_first_names(mentions, keys, uf)
    _join_country_prefixed(mentions, keys, uf, countries)
    _join_metonyms(doc, mentions, keys, uf, countries, by_country)

    clusters = []
    for members in uf.groups().values():
        group = sorted((mentions[i] for i in members), key=lambda m: m.start)
        clusters.append(_check_place_type(doc, _make_cluster(group)))
    clusters.sort(key=lambda c: c.mentions[0].start)
    return clusters


def _join_company_suffixes(mentions: list[Mention], keys: list[str], uf: _Union) -> None:
    """"Microsoft Corp." joins "Microsoft"."""
    base: dict[str, int] = {}
    for i, m in enumerate(mentions):
        if m.label != "ORG":
            continue
        words = m.text.split()
        while len(words) >= 2 and lex.org_kind(words[-1]) == "company":
            words = words[:-1]
        key = lex.fold(" ".join(words))
        if key in base:
            uf.join(base[key], i)
        else:
            base[key] = i


def _join_implicit_acronyms(mentions: list[Mention], keys: list[str], uf: _Union) -> None:
    """An acronym used without a definition joins the one name whose initials it spells."""
    names: dict[str, set[int]] = {}
    places = {keys[i] for i, m in enumerate(mentions) if m.label in ("GPE", "NORP")}
    for i, m in enumerate(mentions):
        words = m.text.split()
        if m.label in ("ORG", "GPE", "FAC", "EVENT") and len(words) >= 2:
            for variant in _initials_variants(words, places):
                names.setdefault(variant, set()).add(uf.find(i))
    for i, m in enumerate(mentions):
        if m.label in ("PERSON", "NORP") or not lex.is_acronym(m.text):
            continue
        letters = "".join(c for c in m.text if c.isupper())
        roots = {uf.find(r) for r in names.get(letters, set())}
        if len(roots) == 1:
            uf.join(roots.pop(), i)


def _initials_variants(words: list[str], places: set[str]) -> set[str]:
    """Initials an acronym of the name may spell: all its words; without a company word at the
    end ("Pacific Gas & Electric Co." -> PGE for "PG&E"); without a place or demonym first
    ("California Public Utilities Commission" -> PUC); without a last "and …" the name grew
    after its acronym was coined ("Centers for Disease Control and Prevention" -> CDC)."""
    out = {lex.initials(words)}
    core = list(words)
    while len(core) >= 3 and lex.org_kind(core[-1]) == "company":
        core = core[:-1]
    cores = [core]
    last_and = max((k for k, w in enumerate(core) if w == "and"), default=-1)
    if last_and >= 3 and last_and == len(core) - 2:
        cores.append(core[:last_and])
    for c in cores:
        out.add(lex.initials(c))
        if len(c) >= 3 and lex.fold(c[0]) in places:
            out.add(lex.initials(c[1:]))
    return {v for v in out if len(v) >= 2}


def _join_surnames(mentions: list[Mention], keys: list[str], uf: _Union) -> None:
    """"Miller" joins "Stephen Miller": the nearest full name before it that it ends."""
    full = [(i, lex.without_suffix(keys[i].split())) for i, m in enumerate(mentions)
            if m.label == "PERSON" and len(m.text.split()) >= 2]
    # ("miller",) -> full names ending so, grouped by their key: the mentions of one key were
    # joined at the start (same key), so a group has one root and is looked at once, not once
    # per mention of the name (an article that names Donald Trump 500 times).
    by_ending: dict[tuple[str, ...], dict[str, _Group]] = {}
    for j, fw in full:
        for k in range(1, len(fw)):
            by_ending.setdefault(tuple(fw[-k:]), {}).setdefault(keys[j], _Group()).add(j, mentions[j].start)
    for i, m in enumerate(mentions):
        if m.label != "PERSON":
            continue
        words = keys[i].split()
        groups = by_ending.get(tuple(words))
        if not groups:
            continue
        root = uf.find(i)
        live = [g for g in groups.values() if uf.find(g.members[0]) != root]
        if len(live) < len(groups):
            # the surname already went to one of these full names (its mentions share one
            # root): joining another would merge two people ("Joe Biden", "Hunter Biden")
            continue
        roots = {uf.find(g.members[0]) for g in live}
        if len(roots) == 1:
            uf.join(roots.pop(), i)
            continue
        # The nearest full name before it (the latest start; on a tie the first), else the first.
        before = [b for b in (g.last_before(m.start) for g in live) if b is not None]
        pick = -max(before)[1] if before else min(g.members[0] for g in live)
        uf.join(pick, i)


class _Group:
    """The mentions (indices, ascending) of one full name, with their starts."""

    def __init__(self) -> None:
        self.members: list[int] = []
        self.starts: list[int] = []
        self.ordered = True  # starts ascending with the indices

    def add(self, j: int, start: int) -> None:
        if self.starts and start < self.starts[-1]:
            self.ordered = False
        self.members.append(j)
        self.starts.append(start)

    def last_before(self, pos: int) -> tuple[int, int] | None:
        """(start, -index) of the member starting last before `pos` (the lowest index among
        equal starts), or None."""
        if not self.ordered:
            found = [(s, -j) for j, s in zip(self.members, self.starts) if s < pos]
            return max(found) if found else None
        k = bisect.bisect_left(self.starts, pos)
        if k == 0:
            return None
        first = bisect.bisect_left(self.starts, self.starts[k - 1])
        return self.starts[k - 1], -self.members[first]


_SHORTENED = ("ORG", "FAC", "EVENT")
_DOMAIN = re.compile(r"[A-Z][\w-]+\.(?:com|org|net)")  # "Edmunds.com"
_LINKING = {"of", "for", "on", "in", "at", "and", "&", "to", "the"}  # "University of Colorado"


def _name_words(m: Mention) -> list[str]:
    """A name's folded words without a company word at the end ("Walt Disney Co." -> walt
    disney) or a web domain ("Edmunds.com" -> edmunds)."""
    words = m.text.split()
    while len(words) >= 2 and lex.org_kind(words[-1]) == "company":
        words = words[:-1]
    if len(words) == 1 and _DOMAIN.fullmatch(words[0]):
        words = [words[0].rsplit(".", 1)[0]]
    return lex.fold(" ".join(words)).split()


def _join_short_forms(doc: Doc, mentions: list[Mention], keys: list[str], uf: _Union,
                      countries) -> None:
    """A shorter name joins the organisation, facility or event whose name it shortens, and
    takes its type: the end of the name ("Lakers" for "Los Angeles Lakers", "Intelligence
    Committee" for "House Intelligence Committee", "Disney" for "Walt Disney Co.", "the
    Statehouse" for "the Indiana Statehouse"), or the start of a company's name that ends in a
    company word ("Alden" for "Alden Capital", "New Media" for "New Media Investment Group",
    "Edmunds" for "Edmunds.com"). Never a country or a place used as one ("in Boston" stays
    apart from "Boston Consulting Group"), a bare organisation word ("Committee"), a person's
    full name or surname, or a name two different entities could shorten."""
    by_key: dict[str, list[int]] = {}
    for i, k in enumerate(keys):
        by_key.setdefault(k, []).append(i)
    # Each distinct long name once, indexed by the word tuples it can be shortened to.
    shortened: dict[tuple[str, ...], set[str]] = {}
    for key, members in by_key.items():
        long = mentions[members[0]]
        if long.label not in _SHORTENED or (len(long.text.split()) < 2 and not _DOMAIN.fullmatch(long.text)):
            continue
        words, full = _name_words(long), key.split()
        for cut in range(1, len(words)):
            if words[cut - 1] not in _LINKING:
                shortened.setdefault(tuple(words[cut:]), set()).add(key)
        if lex.org_kind(long.text) == "company":
            for k in range(1, len(full)):
                shortened.setdefault(("^",) + tuple(full[:k]), set()).add(key)
        if _DOMAIN.fullmatch(long.text):
            shortened.setdefault(tuple(words), set()).add(key)
    if not shortened:
        return
    surnames = {keys[j].split()[-1] for j, m in enumerate(mentions)
                if m.label == "PERSON" and len(m.text.split()) >= 2}
    placed = {keys[i] for i, m in enumerate(mentions) if m.origin == "dateline" or (
        doc[m.tok_end - 1].dep_ == "pobj" and doc[m.tok_end - 1].head.lower_ in _PLACE_PREPS)}
    for key, members in by_key.items():
        i = members[0]
        m = mentions[i]
        words = key.split()
        if len(words) == 1:
            words = _name_words(m)  # "Edmunds.com" -> edmunds
        if not words or m.label == "NORP" or (m.label == "PERSON" and len(m.text.split()) >= 2):
            continue
        if key in countries or key in surnames or lex.is_acronym(m.text):
            continue
        kind = lex.org_kind(m.text) if len(words) == 1 else None
        if kind is not None and (kind != "outlet" or not any(mentions[x].the for x in members)):
            continue  # "Committee": an organisation word, not a name; "the Times" is one
        found = set(shortened.get(tuple(words), ()))
        if key not in placed:
            found |= shortened.get(("^",) + tuple(words), set())
        found.discard(key)
        roots = {uf.find(by_key[k][0]) for k in found} - {uf.find(i)}
        if not roots:
            continue
        if len(roots) > 1:  # the name shortened nearest before its first use
            before = [(mentions[j].start, j) for k in found for j in by_key[k] if mentions[j].start < m.start]
            if not before:
                continue
            target = max(before)[1]
        else:
            target = next(by_key[k][0] for k in found if uf.find(by_key[k][0]) in roots)
        uf.join(target, i)
        for x in members:
            if mentions[x].label != "NORP":
                mentions[x].label = mentions[target].label


def _join_reordered(mentions: list[Mention], keys: list[str], uf: _Union) -> None:
    """"Justice Department" joins "Department of Justice", "Defense Ministry" joins "Ministry of
    Defense": a ministry-like word before or after its subject is one name."""
    by_key = {k: i for i, k in enumerate(keys) if mentions[i].label == "ORG"}
    for i, m in enumerate(mentions):
        words = m.text.split()
        if m.label != "ORG" or len(words) < 2 or lex.org_kind(words[-1]) != "ministry":
            continue
        other = by_key.get(lex.fold(f"{words[-1]} of {' '.join(words[:-1])}"))
        if other is not None:
            uf.join(other, i)


def _join_first_names(mentions: list[Mention], keys: list[str], uf: _Union) -> None:
    """"Taylor" joins "Taylor Swift" when she is the only person of the article with that first
    name and no one is called just "Taylor" by surname ("Ann" stays apart when both "Ann Lowe"
    and "Ann Reyes" are named)."""
    full = [(i, keys[i].split()) for i, m in enumerate(mentions)
            if m.label == "PERSON" and len(m.text.split()) >= 2]
    surnames = {fw[-1] for _, fw in full}
    by_first: dict[str, dict[str, int]] = {}  # first name -> key -> one of its mentions (one root)
    for j, fw in full:
        by_first.setdefault(fw[0], {}).setdefault(keys[j], j)
    for i, m in enumerate(mentions):
        words = keys[i].split()
        if m.label != "PERSON" or len(words) != 1 or words[0] in surnames:
            continue
        roots = {uf.find(j) for j in by_first.get(words[0], {}).values()}
        if len(roots) == 1:
            uf.join(roots.pop(), i)


def _join_country_prefixed(mentions: list[Mention], keys: list[str], uf: _Union, countries) -> None:
    """"US Congress" joins "Congress"; "US Justice Department" joins "Justice Department"."""
    orgs = {keys[i]: i for i, m in enumerate(mentions) if m.label == "ORG"}
    for i, m in enumerate(mentions):
        if m.label != "ORG":
            continue
        words = keys[i].split()
        if len(words) < 2:
            continue
        for cut in (1, 2):
            head, rest = " ".join(words[:cut]), " ".join(words[cut:])
            if head in countries and rest in orgs and len(rest.split()) >= 1:
                uf.join(orgs[rest], i)
                break


def _join_metonyms(doc: Doc, mentions: list[Mention], keys: list[str], uf: _Union,
                   countries, by_country: dict[str, int]) -> None:
    roots: dict[int, list[int]] = {}
    for i in range(len(mentions)):
        roots.setdefault(uf.find(i), []).append(i)
    for members in roots.values():
        entry = countries.get(keys[members[0]])
        if entry is None or entry.kind != "metonym" or entry.canonical not in by_country:
            continue
        if any(mentions[i].label in ("PERSON", "NORP") or mentions[i].origin == "dateline" for i in members):
            continue
        if not any(is_place_use(doc, mentions[i]) for i in members):
            uf.join(by_country[entry.canonical], members[0])


def _make_cluster(group: list[Mention]) -> Cluster:
    countries = lex.country_aliases()
    votes = Counter(m.label for m in group)
    if any(m.origin == "dateline" for m in group):
        label = "GPE"  # a dateline is the strongest evidence there is
    elif any(m.label == "PERSON" and (len(m.text.split()) >= 2 or m.origin == "person_repair")
             and _person_tag_holds(group, m.text) for m in group):
        label = "PERSON"  # a full name, or a surname of one, outvotes one-word tags
    else:
        label = max(votes, key=lambda k: (votes[k], -_first(group, k)))
    canonical = None
    texts = list(dict.fromkeys(m.text for m in group))
    for m in group:
        entry = countries.get(_key(m.text))
        if entry is not None and entry.kind == "abbr" and m.label not in ("PERSON", "NORP"):
            label = entry.type
            # the country's full name only when the article writes it: an article that only
            # says "U.S." names the entity "U.S."
            if any(_key(t) == _key(entry.canonical) for t in texts):
                canonical = entry.canonical
            else:  # the fullest of the country's own names the article writes, never a metonym
                own = [t for t in texts if (e := countries.get(_key(t))) is not None and e.kind == "abbr"]
                canonical = max(own, key=lambda t: (len(t), -texts.index(t)))
            break
    if canonical is None:
        own = list(dict.fromkeys(m.text for m in group if m.origin != "government")) or texts
        plain = [t for t in own if not lex.is_acronym(t)] or own
        plain = [t for t in plain if t[:1].isupper() or t[:1].isdigit()] or plain  # not "federal Bureau of Prisons"
        canonical = max(plain, key=lambda t: (not t.isupper(), len(t), -texts.index(t)))
    kind = lex.org_kind(canonical) if label == "ORG" else None
    aliases = [t for t in texts if t != canonical]
    if kind == "outlet" and not canonical.startswith("The ") \
            and any(m.the or m.text.startswith("The ") for m in group):
        aliases.insert(0, canonical)  # "The Guardian", alias "Guardian"
        canonical = "The " + canonical
    aliases += [m.nickname for m in group if m.nickname]
    aliases += [m.described for m in group if m.described]
    aliases = list(dict.fromkeys(a for a in aliases if a != canonical))
    return Cluster(mentions=group, name=canonical, type=label, aliases=aliases, kind=kind)


def _check_place_type(doc: Doc, cluster: Cluster) -> Cluster:
    """An organisation-tagged name of a known city, US state or country (`lex.known_places`)
    that the article plainly uses as a place is a place: "offices in Spokane", "the Burbank
    entertainment giant" (a name before an organisation's description says where it is). Not
    "Toyota shares", "works at Toyota": a company may share a city's name. Named kinds of
    organisation (outlets, teams, companies with a suffix) and acronyms keep their type.

    (The converse, a place-tagged name no gazetteer knows becoming an organisation, was tried
    and dropped: provinces, regions and state abbreviations are not in the gazetteer.)"""
    if cluster.type != "ORG" or cluster.kind:
        return cluster
    if any(lex.is_acronym(m.text) or lex.org_kind(m.text) for m in cluster.mentions):
        return cluster
    if all(_key(m.text) in lex.known_places() for m in cluster.mentions) \
            and any(_plainly_a_place(doc, m) for m in cluster.mentions):
        cluster.type = "GPE"
    return cluster


_ONLY_PLACE_PREPS = {"in", "near", "outside", "across", "around", "inside", "throughout", "within"}


def _plainly_a_place(doc: Doc, m: Mention) -> bool:
    head = doc[m.tok_end - 1]
    if head.dep_ == "pobj" and head.head.lower_ in _ONLY_PLACE_PREPS:
        return True
    noun = head  # "a Spokane and Seattle advertising and design agency": the noun modified
    while noun.dep_ in ("compound", "nmod", "amod") and noun.head.i > noun.i:
        noun = noun.head
    if noun is head:
        return False
    descriptions = lex.org_descriptions()
    nouns = [noun] + [t for t in noun.subtree if t.dep_ == "conj" and t.i > noun.i]
    return any(t.pos_ == "NOUN" and t.lower_ in descriptions for t in nouns)


def _person_tag_holds(group: list[Mention], text: str) -> bool:
    """The parser tags this very name PERSON at least as often as otherwise (not "White House",
    tagged PERSON once before "press secretary" and ORG seven times)."""
    same = [m.label == "PERSON" for m in group if m.text == text]
    return 2 * sum(same) >= len(same)


def _first(group: list[Mention], label: str) -> int:
    return next(k for k, m in enumerate(group) if m.label == label)
