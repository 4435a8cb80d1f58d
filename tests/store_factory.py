"""Synthetic analyses with every kind of span, for the store and search tests."""

from __future__ import annotations

import hashlib

from newstrace.model import (
    AgentRef,
    Analysis,
    CheckWorthy,
    Claim,
    Cue,
    Entity,
    Event,
    EvidenceCue,
    Hedge,
    Meta,
    Quote,
    ReportedSpeech,
    Source,
    SourceCitation,
    TimeExpression,
    Trigger,
)


def _span(text: str, part: str, start: int = 0) -> tuple[int, int]:
    s = text.index(part, start)
    return s, s + len(part)


def make_analysis(n: int = 0, *, outlet: str = "Venezuelanalysis", published: str = "2025-09-10",
                  speaker: str = "Stephen Miller", boats: str = "alleged drug boats",
                  evidence: str = "unsupported", event_type: str = "ASSAULT") -> Analysis:
    """An article with entities, a direct quote, reported speech, a hedged claim with a source
    and evidence cue, an event and a date. `n` makes the text (hence the id) distinct."""
    text = (f"Report {n}. “We will act,” {speaker} told reporters on Tuesday. "
            f"{speaker} said the navy would patrol. "
            f"Officials reportedly claimed that US forces struck {boats} near Caracas, "
            f"according to The Guardian, but have not presented any evidence. "
            f"Naïve café owners — “shocked” — watched. Über-long ünïcödé 🚤 line {n}.")
    sp = _span(text, speaker)
    sp2 = _span(text, speaker, sp[1])
    quote = Quote(kind="direct", text="We will act,", span=_span(text, "We will act,"),
                  speaker=AgentRef(entity="e1", name=speaker, span=sp),
                  cue=Cue(text="told", span=_span(text, "told")))
    term = Quote(kind="term", text="shocked", span=_span(text, "shocked"))
    rs_text = "the navy would patrol"
    rs = ReportedSpeech(text=rs_text, span=_span(text, rs_text),
                        speaker=AgentRef(entity="e1", name=speaker, span=sp2),
                        cue=Cue(text="said", span=_span(text, "said")))
    claim_text = f"US forces struck {boats} near Caracas"
    claim = Claim(
        id="c1", text=claim_text, span=_span(text, claim_text),
        claimant=AgentRef(entity=None, name="Officials", span=_span(text, "Officials")),
        sources=[SourceCitation(name="The Guardian", span=_span(text, "The Guardian"))],
        hedges=[Hedge(text="reportedly", span=_span(text, "reportedly"))],
        evidence=[evidence, "reported"],
        evidence_cues=[EvidenceCue(text="have not presented any evidence",
                                   span=_span(text, "have not presented any evidence"),
                                   label=evidence)])
    sentence = f"Officials reportedly claimed that US forces struck {boats} near Caracas, " \
               f"according to The Guardian, but have not presented any evidence."
    event = Event(type=event_type, mode="", status="reported", text=sentence,
                  span=_span(text, sentence), trigger=Trigger(text="struck",
                                                              span=_span(text, "struck")),
                  actor=AgentRef(entity="e2", name="US forces", span=_span(text, "US forces")),
                  target=AgentRef(name=boats, span=_span(text, boats)), when="2025-09",
                  quantities={"dead": 17})
    entities = [
        Entity(id="e1", name=speaker, type="PERSON", aliases=[speaker.split()[-1]],
               roles=["White House Deputy Chief of Staff"], mentions=[sp, sp2]),
        Entity(id="e2", name="US forces", type="ORG", mentions=[_span(text, "US forces")]),
        Entity(id="e3", name="Caracas", type="GPE", mentions=[_span(text, "Caracas")]),
    ]
    dates = [TimeExpression(text="Tuesday", span=_span(text, "Tuesday"), value="2025-09-09",
                            precision="day")]
    source = Source(uri=f"corpus/article-{n}.html", format="html",
                    url=f"https://example.org/{n}")
    return Analysis(
        id=hashlib.sha1(f"{source.uri}\n\n{text}".encode()).hexdigest(), source=source,
        meta=Meta(headline=f"Strikes near Caracas {n}", authors=["Jane Doe"],
                  published=published, origin_outlet=outlet,
                  republished_by=["MENAFN"], dateline="Caracas"),
        text=text, stages=["clean", "parse", "entities", "quotes", "claims", "events"],
        entities=entities, quotes=[quote, term], reported_speech=[rs], claims=[claim],
        events=[event], dates=dates, checkworthy=[CheckWorthy(span=(0, 10), score=0.25)])
