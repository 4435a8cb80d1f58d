"""Story clusters: same story in different words, within a time window; copies follow."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newstrace.corpus import ClusterOptions, find_clusters
from newstrace.corpus.cluster import StoryDoc, _blocks

STRIKES = [
    ("s1", "2025-09-02", "US strike hits boat off Venezuela",
     "The United States military struck a boat in the Caribbean near Venezuela, killing eleven "
     "people. President Trump said the vessel carried narcotics for the Tren de Aragua gang. "
     "Venezuelan officials in Caracas condemned the strike as an extrajudicial killing."),
    ("s2", "2025-09-03", "Caracas condemns deadly Caribbean boat strike",
     "Venezuela's government denounced the American strike on a boat in the Caribbean, which "
     "Washington said belonged to Tren de Aragua. Eleven people died. Trump defended the "
     "military action and promised more strikes against narcotics traffickers."),
    ("s3", "2025-09-04", "Questions mount over legality of Caribbean strike",
     "Legal experts questioned whether the military strike on a Venezuelan boat in the "
     "Caribbean was lawful. The Trump administration has not shown evidence that the eleven "
     "people killed were Tren de Aragua narcotics traffickers."),
]
WEWORK = [
    ("w1", "2025-09-02", "New York attorney general investigating WeWork",
     "The New York attorney general is investigating WeWork and its founder Adam Neumann over "
     "self-dealing, people familiar with the matter said. The office workspace company shelved "
     "its initial public offering after investors balked."),
    ("w2", "2025-09-03", "WeWork probe widens",
     "WeWork confirmed an inquiry from the New York attorney general's office into Adam Neumann, "
     "its former chief executive, and his leasing deals with the workspace company before the "
     "failed public offering."),
]
OTHER = [
    ("o1", "2025-09-03", "Heatwave grips southern Europe",
     "Temperatures above forty degrees scorched Spain, Italy and Greece, where wildfires forced "
     "evacuations of villages and tourists. Meteorologists expect the heatwave to last a week."),
    ("o2", "2025-09-02", "Central bank holds rates",
     "The central bank left interest rates unchanged, citing stubborn inflation in services and "
     "a cooling labour market, and signalled that cuts could come later in the year."),
]


def docs(rows, **kw) -> list[StoryDoc]:
    return [StoryDoc(id=i, uri=f"https://news.example/{i}", outlet=f"Outlet {i}", published=d,
                     headline=h, text=t, **kw) for i, d, h, t in rows]


def member_sets(clusters) -> list[set[str]]:
    return sorted(({m.id for m in c.members} for c in clusters), key=lambda s: sorted(s))


def test_same_story_in_different_words_clusters():
    clusters = find_clusters(docs(STRIKES + WEWORK + OTHER))
    assert member_sets(clusters) == [{"s1", "s2", "s3"}, {"w1", "w2"}]
    strikes = next(c for c in clusters if "s1" in {m.id for m in c.members})
    assert strikes.label == "US strike hits boat off Venezuela"  # the earliest headline
    assert [m.published for m in strikes.members] == sorted(m.published for m in strikes.members)
    assert all(0 < m.score <= 1 for m in strikes.members)


def test_time_window_separates_a_later_article():
    late = [("s4", "2025-10-20", "Another boat strike near Venezuela",
             "The United States military struck another boat in the Caribbean near Venezuela, "
             "killing people Trump said were Tren de Aragua narcotics traffickers.")]
    clusters = find_clusters(docs(STRIKES + late), ClusterOptions(window_days=3))
    assert member_sets(clusters) == [{"s1", "s2", "s3"}]
    wide = find_clusters(docs(STRIKES + late), ClusterOptions(window_days=None))
    assert member_sets(wide) == [{"s1", "s2", "s3", "s4"}]


def test_copies_follow_their_origin_and_are_not_compared():
    rows = STRIKES + OTHER + [("c1", "2025-09-05", "US strike hits boat off Venezuela",
                               STRIKES[0][3])]
    clusters = find_clusters(docs(rows), copies={"c1": "s1"})
    (cluster,) = clusters
    copy = next(m for m in cluster.members if m.id == "c1")
    assert copy.copy_of == "s1"
    assert {m.id for m in cluster.members} == {"s1", "s2", "s3", "c1"}


def test_entity_keys_link_articles_with_little_shared_vocabulary():
    a = StoryDoc("k1", published="2025-01-01", text="Officials met in Geneva to discuss grain "
                 "exports through the Black Sea.", keys=frozenset({"ent:geneva", "ent:un",
                                                                  "ent:ukraine", "ent:russia"}))
    b = StoryDoc("k2", published="2025-01-02", text="Negotiators resumed shipping talks on "
                 "Wednesday, diplomats said.", keys=frozenset({"ent:geneva", "ent:un",
                                                              "ent:ukraine", "ent:russia"}))
    c = StoryDoc("k3", published="2025-01-02", text="A football club signed a striker.",
                 keys=frozenset({"ent:arsenal"}))
    assert find_clusters([a, b, c], ClusterOptions(entity_weight=0.5, threshold=0.3))[0] \
        .members[0].id == "k1"
    assert find_clusters([a, b, c], ClusterOptions(entity_weight=0.0)) == []


def test_nothing_to_cluster():
    assert find_clusters([]) == []
    assert find_clusters(docs(OTHER)) == []


@settings(max_examples=50, deadline=None)
@given(st.lists(st.one_of(st.none(), st.integers(0, 30)), min_size=1, max_size=25),
       st.one_of(st.none(), st.integers(0, 5)), st.integers(1, 4))
def test_blocks_cover_every_pair_in_the_window(days, window, step):
    covered = set()
    for rows, cols in _blocks(days, window, step=step):
        covered.update((int(i), int(j)) for i in rows for j in cols)
    for i in range(len(days)):
        for j in range(len(days)):
            if i != j and (window is None or days[i] is None or days[j] is None
                           or abs(days[i] - days[j]) <= window):
                assert (i, j) in covered or (j, i) in covered


FIRES = [
    ("f1", "2026-08-03", "Cedar Ridge fire grows",
     "The Cedar Ridge fire has burned 12,400 acres and is 35 percent contained, the state "
     "forestry department said on Sunday. About 2,300 residents were ordered to evacuate from "
     "Pine Hollow. More than 900 firefighters are on the lines."),
    ("f2", "2026-08-04", "Crews gain on Cedar Ridge blaze",
     "Firefighters have contained 35% of the Cedar Ridge fire, which has scorched roughly "
     "12,000 acres, forestry officials said. Some 2,300 people have been told to leave their "
     "homes near Pine Hollow."),
    # the same topic, another story: another fire, other places and figures, same days
    ("f3", "2026-08-04", "New fire breaks out in Mesa County",
     "A new wildfire in Mesa County has burned 1,800 acres and is 10 percent contained, the "
     "county fire department said on Monday. About 400 residents were told to evacuate. The "
     "Mesa fire started near a campground, far from the Cedar Ridge fire."),
]
RATES = [
    ("r1", "2026-05-14", "Bank of Norland lifts rates",
     "The Bank of Norland raised its benchmark interest rate by 25 basis points to 4.25 "
     "percent on Thursday. Governor Marta Sundqvist said inflation remained too high."),
    ("r2", "2026-05-14", "Norland central bank hikes to 4.25%",
     "Norland's central bank lifted its policy rate to 4.25%, a quarter-point increase, "
     "Governor Sundqvist announced. She said further increases were likely."),
    ("r3", "2026-05-15", "Ostland central bank cuts rates",
     "Ostland's central bank cut its key interest rate by 25 basis points to 3.5 percent on "
     "Friday, citing weak growth. The decision came a day after Norland raised its rate."),
]


def test_same_topic_other_story_stays_apart():
    clusters = find_clusters(docs(FIRES + RATES))
    assert member_sets(clusters) == [{"f1", "f2"}, {"r1", "r2"}]
    # words alone (no story evidence) put the other fire and the other bank in
    loose = find_clusters(docs(FIRES + RATES), ClusterOptions(verify=False, threshold=0.1))
    assert {"f1", "f2", "f3"} in member_sets(loose) or {"r1", "r2", "r3"} in member_sets(loose)


def test_story_evidence_names_figures_and_shared_assertions():
    from newstrace.corpus.cluster import _Ledes

    stories = docs(FIRES + RATES)
    ledes = _Ledes(stories, ClusterOptions())
    assert ledes.pair(0, 1, 0) == pytest.approx(0.1)  # a lede figure agrees
    assert ledes.pair(0, 2, 0) is None  # other figures, other names
    assert ledes.pair(3, 5, 0) is None  # raised / cut
    shared = ledes.shared_assertions({(0, 1): 0.3, (0, 2): 0.3})
    assert shared.get((0, 1), (0,))[0] >= 1 and shared.get((0, 2), (0,))[0] == 0


def test_cluster_stories_reads_tables_not_analyses(db_url, monkeypatch):
    from newstrace.corpus import cluster_stories
    from newstrace.model import Analysis, Entity, Meta, Source
    from newstrace.store import Store

    def analysis(i, day, headline, text):
        ents = [Entity(id="e1", name="Cedar Ridge", type="LOC", aliases=["Cedar Ridge fire"],
                       mentions=[])] if "Cedar Ridge" in text else []
        return Analysis(id=(i * 40)[:40], source=Source(uri=f"{i}.txt", format="text"),
                        meta=Meta(headline=headline, published=day, origin_outlet=f"O{i}"),
                        text=text, stages=["clean"], entities=ents)

    with Store(db_url) as store:
        store.add_many([analysis(*row) for row in FIRES])
        monkeypatch.setattr(Store, "analyses", lambda self: (_ for _ in ()).throw(
            AssertionError("analyses loaded")))
        clusters = cluster_stories(store, save=True)
        assert [sorted(m.id[:2] for m in c.members) for c in clusters] == [["f1", "f2"]]
        assert len(store.clusters()) == 1


# a figure disputed by another claimant ("22 stores, not the figure it announced, the union
# said") is the same story (it was cut off before); a same-topic story elsewhere, with its own
# figures and names, is not
LAYOFFS = [
    ("l1", "2026-03-10", "Brevik Foods to close 14 stores",
     "Brevik Foods will close 14 stores and cut 900 jobs by June, the grocery chain said on "
     "Tuesday. Chief executive Ola Brandt said rising rents had made the shops unprofitable. "
     "The chain has 210 stores across the north."),
    ("l2", "2026-03-10", "Grocer Brevik shuts stores",
     "Grocer Brevik Foods plans to shut 14 stores and eliminate about 900 positions, it said. "
     "Brandt blamed high rents and weaker spending. Most of the stores are in city centres."),
    ("l3", "2026-03-11", "Union disputes closure count",
     "Brevik will close 22 stores by June, not the figure it announced, the Retail "
     "Staff Union said on Wednesday. Union officials said staff had been told of further "
     "closures. Brandt's office did not respond."),
    ("l4", "2026-03-11", "Halden Market to open 30 stores",
     "Halden Market will open 30 stores and hire 1,500 staff this year, the discount grocer "
     "said on Wednesday. Chief executive Petra Lund said low prices were drawing shoppers "
     "away from larger chains."),
]


def test_a_disputed_figure_stays_in_its_story():
    clusters = find_clusters(docs(LAYOFFS))
    assert member_sets(clusters) == [{"l1", "l2", "l3"}]


def test_names_are_not_dates_and_end_with_their_sentence():
    from newstrace.corpus.verify import _names, reported_content

    assert _names("Prices rose, the Retail Staff Union said on Wednesday. Union leader "
                  "Ada Moss said in March that more would follow.") == \
        ["Retail Staff Union", "Ada Moss"]
    assert reported_content("The chain will close 22 stores, the Retail Staff Union said on "
                            "Wednesday, calling the count misleading.") == \
        "The chain will close 22 stores"
    assert reported_content("According to the union, the chain will close 22 stores.") == \
        "the chain will close 22 stores."
    short = "Prices rose, officials said."  # nothing left beside the attribution
    assert reported_content(short) == short


def test_copies_published_days_apart_stay_one_story_without_a_copies_map():
    body = ("The Harlow city council approved a budget of 48 million for the new tram depot "
            "on Tuesday after a six-hour debate. Councillor Ines Mbeki said the depot would "
            "open in 2028 and employ 160 people. Opponents said the cost had doubled since "
            "the first plan and asked for an audit of the contracts.")
    quote = ("Councillor Ines Mbeki said the depot would open in 2028 and employ 160 people.")
    rows = [("t1", "2026-05-04", "Harlow backs tram depot", body),
            ("t2", "2026-05-10", "Harlow backs tram depot",  # republished six days later
             "Advertisement\n\n" + body + "\n\nThis story first appeared in the Harlow Post."),
            ("t3", "2026-09-20", "Harlow tram fares to rise",  # months later, one quote borrowed
             "Tram fares in Harlow will rise by 5 percent in January, the operator said. "
             + quote + " Season tickets will keep their price.")]
    assert member_sets(find_clusters(docs(rows))) == [{"t1", "t2"}]
    # with an explicit (empty) copies map the window holds: no copies, no link
    assert find_clusters(docs(rows), copies={}) == []
