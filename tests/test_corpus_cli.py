"""`newstrace dedupe`, `clusters` and `trace` through typer's CliRunner on a real store
(SQLite and PostgreSQL), checked against the store and the Python API."""

from __future__ import annotations

import hashlib
import json

import pytest
from typer.testing import CliRunner

from newstrace.cli import app
from newstrace.corpus import dedupe, trace_claim
from newstrace.model import Analysis, Document, Meta, Source
from newstrace.store import Store

from .store_factory import make_analysis
from .test_cluster import OTHER, STRIKES, WEWORK
from .test_dedupe import ORIG, body, edit, paras

runner = CliRunner()


def _article(n: str, text: str, carrier: str, published: str, *, origin: str | None = None,
             chain: list[str] | None = None) -> tuple[Analysis, Document]:
    uri = f"https://{carrier.lower().replace(' ', '')}.example/{n}"
    analysis = Analysis(
        id=hashlib.sha1(f"{uri}\n\n{text}".encode()).hexdigest(),
        source=Source(uri=uri, format="text", url=uri),
        meta=Meta(headline=f"Story {n}", published=published, origin_outlet=origin,
                  republished_by=chain or []),
        text=text, stages=["clean"])
    return analysis, Document(source=analysis.source, content=text, outlet=carrier)


@pytest.fixture
def corpus_db(db_url):
    items = [
        _article("orig", body(ORIG), "Harbor Daily", "2025-03-02", origin="Harbor Daily"),
        # cleaning removed the "appeared first on Harbor Daily" notice into the chain
        _article("copy1", body(ORIG[:4]), "Metro Wire", "2025-03-01",
                 chain=["Harbor Daily", "Metro Wire"]),
        _article("copy2", body([edit(p, 2, i) for i, p in enumerate(ORIG)]), "Coastal Times",
                 "2025-03-04"),
        _article("other", body(paras(2)), "Plains Herald", "2025-03-02"),
        _article("other2", body(paras(3)), "Atlas Review", "2025-03-03"),
    ]
    with Store(db_url) as store:
        store.add_many(items)
    return db_url, [a for a, _ in items]


def test_dedupe_json_has_the_interface_shape_and_is_stored(corpus_db):
    url, analyses = corpus_db
    result = runner.invoke(app, ["dedupe", "--db", url, "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    ids = {a.meta.headline: a.id for a in analyses}
    assert data == {"groups": [{
        "origin": ids["Story orig"],
        "origin_reason": "credit",
        "members": [
            {"id": ids["Story orig"], "uri": "https://harbordaily.example/orig",
             "outlet": "Harbor Daily", "published": "2025-03-02"},
            {"id": ids["Story copy1"], "uri": "https://metrowire.example/copy1",
             "outlet": "Metro Wire", "published": "2025-03-01"},
            {"id": ids["Story copy2"], "uri": "https://coastaltimes.example/copy2",
             "outlet": "Coastal Times", "published": "2025-03-04"},
        ]}]}
    with Store(url) as store:
        (group,) = store.duplicates()
        assert group.origin == ids["Story orig"]
        assert group.members == tuple(m["id"] for m in data["groups"][0]["members"])
        assert group.similarity[ids["Story orig"]] == 1.0
        # the Python API gives the same groups
        assert dedupe(store, save=False).to_dict() == data


def test_dedupe_table_and_no_save(corpus_db):
    url, _ = corpus_db
    result = runner.invoke(app, ["dedupe", "--db", url, "--no-save", "--format", "table"])
    assert result.exit_code == 0, result.output
    assert "1 duplicate group in 5 articles" in result.output
    assert "Harbor Daily" in result.output and "origin" in result.output
    with Store(url) as store:  # a second group
        store.add_many([_article("x1", body(paras(9)), "Bay Sentinel", "2025-04-01"),
                        _article("x2", body(paras(9)[1:]), "Summit News", "2025-04-02")])
    limited = runner.invoke(app, ["dedupe", "--db", url, "--no-save", "--limit", "1", "-f", "table"])
    assert "2 duplicate groups in 7 articles" in limited.output
    assert "and 1 more groups" in limited.output
    with Store(url) as store:
        assert store.duplicates() == []


def test_clusters_json_keeps_copies_with_their_origin(db_url):
    rows = STRIKES + WEWORK + OTHER
    items = [_article(i, t, f"Outlet {i}", d) for i, d, _h, t in rows]
    copy = _article("copy", f"Share this\n\n{STRIKES[0][3]}", "Copier",
                    "2025-09-05", chain=["Outlet s1", "Copier"])
    with Store(db_url) as store:
        store.add_many([*items, copy])
    name = {a.id: a.meta.headline.removeprefix("Story ") for a, _ in [*items, copy]}
    assert runner.invoke(app, ["dedupe", "--db", db_url, "--format", "json"]).exit_code == 0
    result = runner.invoke(app, ["clusters", "--db", db_url, "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data) == {"clusters"}
    found = sorted(sorted(name[m["id"]] for m in c["members"]) for c in data["clusters"])
    assert found == [["copy", "s1", "s2", "s3"], ["w1", "w2"]]
    copies = [(name[m["id"]], name[m["copy_of"]]) for c in data["clusters"]
              for m in c["members"] if m["copy_of"]]
    assert copies == [("copy", "s1")]
    assert all(set(c) == {"id", "label", "members"} for c in data["clusters"])
    with Store(db_url) as store:
        assert sorted(len(c.members) for c in store.clusters()) == [2, 4]


@pytest.fixture
def claims_db(db_url):
    with Store(db_url) as store:
        store.add_many([
            make_analysis(1, outlet="Caribbean News Global", published="2025-09-12",
                          boats="drug boats"),
            make_analysis(2, outlet="Venezuelanalysis", published="2025-09-10"),
            make_analysis(3, outlet="MENAFN", published="2025-09-11", evidence="contested"),
        ])
    return db_url


def test_trace_json_in_time_order_with_outlet_date_hedges_evidence(claims_db):
    result = runner.invoke(app, ["trace", "US forces struck alleged drug boats near Caracas",
                                 "--db", claims_db, "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    steps = data["claims"]
    assert [(s["outlet"], s["published"]) for s in steps] == [
        ("Venezuelanalysis", "2025-09-10"), ("MENAFN", "2025-09-11"),
        ("Caribbean News Global", "2025-09-12")]
    assert [s["first"] for s in steps] == [True, False, False]
    assert data["first"]["outlet"] == "Venezuelanalysis"
    # the analysis records "reportedly"; the passage scan adds the label hedge "alleged"
    assert all("reportedly" in s["hedges"] for s in steps)
    assert [("alleged" in s["hedges"]) for s in steps] == [True, True, False]
    assert steps[2]["hedges_dropped"] == ["alleged"]
    assert steps[0]["evidence"] == ["unsupported", "reported"]
    assert steps[1]["evidence_added"] == ["contested"]
    assert steps[2]["text"] == "US forces struck drug boats near Caracas"
    with Store(claims_db) as store:
        assert trace_claim(store, "US forces struck alleged drug boats near Caracas").to_dict() \
            == data
    by_ref = runner.invoke(app, ["trace", steps[1]["ref"], "--db", claims_db, "-f", "json"])
    assert json.loads(by_ref.output)["seed"] == steps[1]["ref"]
    table = runner.invoke(app, ["trace", "drug boats near Caracas", "--db", claims_db])
    assert table.exit_code == 0 and "(first)" in table.output


def test_missing_database_and_unknown_claim(tmp_path, claims_db):
    missing = tmp_path / "nope.db"
    for command in (["dedupe"], ["clusters"], ["trace", "x"]):
        result = runner.invoke(app, [*command, "--db", str(missing)])
        assert result.exit_code == 1
        assert "no such database" in result.output
    assert not missing.exists()
    result = runner.invoke(app, ["trace", "f" * 40 + "/c1", "--db", claims_db])
    assert result.exit_code == 1 and "NT031" in result.output  # NotStored, a StoreError
