"""The REST API and the pages through FastAPI's TestClient, checked against the library
(sqlite-utils style): every endpoint, every error case, the security headers, and a bounded
schemathesis run over the OpenAPI schema with no server error."""

from __future__ import annotations

import json
import re
import shutil

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

import newstrace  # noqa: E402
from newstrace.api import CSP, create_app  # noqa: E402
from newstrace.api.render import article_view  # noqa: E402
from newstrace.corpus import trace_claim  # noqa: E402

from .web_corpus import HOSTILE, build  # noqa: E402

TOKEN = "t0ken-for-tests"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return build(tmp_path_factory.mktemp("webcorpus"))


@pytest.fixture(scope="module")
def client(corpus):
    app = create_app(corpus["db"], token=None)  # read-only
    with TestClient(app) as c:
        yield c


@pytest.fixture()
def writer(corpus, tmp_path):
    db = tmp_path / "copy.db"
    shutil.copy(corpus["db"], db)
    app = create_app(db, token=TOKEN)
    with TestClient(app) as c:
        c.db = db
        yield c


@pytest.fixture(scope="module")
def store(corpus):
    s = newstrace.open_corpus(corpus["db"])
    yield s
    s.close()


def error(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.text
    body = response.json()["error"]
    assert body["code"] == code and body["status"] == status
    assert code in body["message"] and "Traceback" not in response.text
    return body


# -- health and read-only ------------------------------------------------------------------

def test_health(client, store):
    r = client.get("/health")
    assert r.status_code == 200
    assert r.json() == {"status": "ok", "version": newstrace.__version__, "store": "sqlite",
                        "articles": store.count(), "read_only": True}


def test_token_from_the_environment(corpus, monkeypatch):
    monkeypatch.setenv("NEWSTRACE_API_TOKEN", "from-env")
    with TestClient(create_app(corpus["db"])) as c:
        assert c.get("/health").json()["read_only"] is False
    monkeypatch.delenv("NEWSTRACE_API_TOKEN")
    with TestClient(create_app(corpus["db"])) as c:
        assert c.get("/health").json()["read_only"] is True


# -- analyze -----------------------------------------------------------------------------

TEXT = ('"We will rebuild the bridge by spring," Mayor Ana Ortiz told reporters on Monday. '
        "The council has not presented any evidence that the repairs are funded.")


def test_analyze_text_is_the_library_json(client):
    r = client.post("/api/v1/analyze", content=TEXT.encode(),
                    headers={"Content-Type": "text/plain"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body == newstrace.analyze_text(TEXT, uri="<request>").to_dict()
    assert body["schema"] == "newstrace/1" and body["quotes"]
    for q in body["quotes"]:
        assert body["text"][q["span"][0]:q["span"][1]] == q["text"]


def test_analyze_html_and_json_record(client):
    html = f"<html><body><article><h1>Bridge</h1><p>{TEXT}</p></article></body></html>"
    r = client.post("/api/v1/analyze", content=html, headers={"Content-Type": "text/html"})
    assert r.status_code == 200 and r.json()["source"]["format"] == "html"
    r = client.post("/api/v1/analyze?stages=clean",
                    json={"text": TEXT, "title": "Bridge", "outlet": "Town Crier"})
    assert r.status_code == 200
    body = r.json()
    assert body["source"]["format"] == "jsonl" and body["stages"] == ["clean"]
    assert body["meta"]["headline"] == "Bridge" and body["quotes"] == []


def test_analyze_errors(client):
    error(client.post("/api/v1/analyze", content=b"  ", headers={"Content-Type": "text/plain"}),
          422, "NT002")
    png = b"\x89PNG\r\n\x1a\n" + b"\0" * 64
    error(client.post("/api/v1/analyze", content=png, headers={"Content-Type": "text/plain"}),
          415, "NT003")
    error(client.post("/api/v1/analyze", content=b"{nope",
                      headers={"Content-Type": "application/json"}), 400, "NT007")
    error(client.post("/api/v1/analyze", json=[1, 2]), 400, "NT051")
    error(client.post("/api/v1/analyze", json={"title": "no text"}), 400, "NT007")
    error(client.post("/api/v1/analyze", content=b"x", headers={"Content-Type": "image/png"}),
          415, "NT051")
    error(client.post("/api/v1/analyze?stages=bogus", content=TEXT,
                      headers={"Content-Type": "text/plain"}), 400, "NT051")
    lines = "\n".join(json.dumps({"text": f"Article {i} says hello."}) for i in range(2))
    error(client.post("/api/v1/analyze", content=lines,
                      headers={"Content-Type": "application/x-ndjson"}), 400, "NT051")
    error(client.get("/api/v1/analyze"), 405, "NT054")


def test_a_25_mb_body_gets_413(client):
    big = b"a" * (25 * 1024 * 1024 + 1)
    error(client.post("/api/v1/analyze", content=big, headers={"Content-Type": "text/plain"}),
          413, "NT055")
    error(client.post("/api/v1/articles", content=big, headers={"Content-Type": "text/plain",
                                                                 **AUTH}), 413, "NT055")


def test_a_streamed_body_over_the_limit_gets_413(corpus):
    app = create_app(corpus["db"], token=None, max_body=1000)
    with TestClient(app) as c:
        def chunks():
            for _ in range(5):
                yield b"b" * 400
        error(c.post("/api/v1/analyze", content=chunks(), headers={"Content-Type": "text/plain"}),
              413, "NT055")


# -- writes and the token ------------------------------------------------------------------

def test_writes_refused_without_token_or_read_only(client, writer):
    error(client.post("/api/v1/articles", json={"text": TEXT}, headers=AUTH), 403, "NT053")
    r = writer.post("/api/v1/articles", json={"text": TEXT})
    error(r, 401, "NT052")
    assert r.headers["www-authenticate"] == "Bearer"
    error(writer.post("/api/v1/articles", json={"text": TEXT},
                      headers={"Authorization": "Bearer wrong"}), 401, "NT052")
    error(writer.post("/api/v1/articles", json={"text": TEXT},
                      headers={"Authorization": f"Basic {TOKEN}"}), 401, "NT052")


def test_ingest_returns_ids_and_is_idempotent(writer):
    records = [{"text": TEXT, "outlet": "Town Crier", "date": "2025-10-01", "id": "a"},
               {"text": "The river rose two metres overnight, officials said.", "id": "b"}]
    r = writer.post("/api/v1/articles", json=records, headers=AUTH)
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["added"] == 2 and len(body["ids"]) == 2
    with newstrace.open_corpus(writer.db) as s:
        assert all(s.has_article(i) for i in body["ids"])
        assert s.analysis(body["ids"][0]).meta.origin_outlet in (None, "Town Crier")
    again = writer.post("/api/v1/articles", json=records, headers=AUTH)
    assert again.status_code == 200 and again.json()["added"] == 0
    assert sorted(again.json()["ids"]) == sorted(body["ids"])
    r = writer.post("/api/v1/articles?stages=clean", content="Plain text article body here.",
                    headers={"Content-Type": "text/plain", **AUTH})
    assert r.status_code == 201 and len(r.json()["ids"]) == 1
    assert writer.get(f"/api/v1/articles/{r.json()['ids'][0]}").status_code == 200


def test_ingest_failures(writer):
    r = writer.post("/api/v1/articles", json=[{"text": ""}, {"nope": 1}], headers=AUTH)
    body = error(r, 422, "NT002")
    assert r.json()["failed"] == 2 and r.json()["ids"] == []
    assert body["message"].startswith("[NT002] <request>:1")
    r = writer.post("/api/v1/articles", json=[{"text": TEXT}, {"nope": 1}], headers=AUTH)
    assert r.status_code == 201 and r.json()["failed"] == 1 and len(r.json()["ids"]) == 1
    error(writer.post("/api/v1/articles", json=[], headers=AUTH), 422, "NT002")


# -- reading the corpus --------------------------------------------------------------------

def test_list_articles_paged_and_filtered(client, store, corpus):
    r = client.get("/api/v1/articles?limit=2")
    body = r.json()
    assert r.status_code == 200 and body["total"] == store.count() == 4
    assert len(body["articles"]) == 2 and "text" not in body["articles"][0]
    rest = client.get("/api/v1/articles?limit=2&offset=2").json()["articles"]
    ids = [a["id"] for a in body["articles"] + rest]
    assert sorted(ids) == sorted(r.id for r in store.articles())
    assert ids[0] == corpus["hostile"]  # newest first
    menafn = client.get("/api/v1/articles?outlet=menafn").json()
    assert [a["id"] for a in menafn["articles"]] == [corpus["copy"]]
    page = store.list_articles(outlet="menafn")
    assert page.total == 1 and page.articles[0].id == corpus["copy"]
    dated = client.get("/api/v1/articles?since=2025-09-13").json()
    assert {a["id"] for a in dated["articles"]} == {corpus["second"], corpus["hostile"]}
    unsupported = client.get("/api/v1/articles?evidence=unsupported").json()
    assert corpus["example"] in {a["id"] for a in unsupported["articles"]}
    assert corpus["hostile"] not in {a["id"] for a in unsupported["articles"]}
    error(client.get("/api/v1/articles?evidence=bogus"), 422, "NT051")
    error(client.get("/api/v1/articles?limit=0"), 422, "NT051")
    error(client.get("/api/v1/articles?offset=-1"), 422, "NT051")


def test_article_by_id(client, store, corpus):
    r = client.get(f"/api/v1/articles/{corpus['example']}")
    assert r.status_code == 200
    assert r.json() == store.analysis(corpus["example"]).to_dict()
    body = error(client.get("/api/v1/articles/0000"), 404, "NT031")
    assert body["message"] == "[NT031] no article with id '0000'"  # no database path


def test_search(client, store):
    r = client.get("/api/v1/search", params={"q": "drug cartel", "kind": "claim"})
    assert r.status_code == 200
    hits = r.json()["hits"]
    assert hits and all(h["kind"] == "claim" for h in hits)
    assert hits == [h.to_dict() for h in store.search("drug cartel", kind="claim")]
    r = client.get("/api/v1/search", params={"q": "cartel", "speaker": "miller", "kind": "quote"})
    assert r.json()["hits"] and all("Miller" in h["speaker"] for h in r.json()["hits"])
    error(client.get("/api/v1/search", params={"q": "!!"}), 400, "NT032")
    error(client.get("/api/v1/search"), 422, "NT051")
    error(client.get("/api/v1/search", params={"q": "x", "kind": "event"}), 422, "NT051")


def test_story(client, corpus):
    r = client.get(f"/api/v1/stories/{corpus['story']}")
    assert r.status_code == 200
    members = r.json()["members"]
    assert {m["id"] for m in members} >= {corpus["example"], corpus["copy"], corpus["second"]}
    assert any(m["copy_of"] for m in members)
    error(client.get("/api/v1/stories/999"), 404, "NT031")
    error(client.get("/api/v1/stories/abc"), 422, "NT051")


def test_trace(client, store, corpus):
    ref = corpus["claim"]
    article, claim_id = ref.split("/")
    r = client.get(f"/api/v1/claims/{ref}/trace")
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["seed"] == ref and len(body["claims"]) >= 2
    assert body == trace_claim(store, ref).to_dict()
    assert {c["article_id"] for c in body["claims"]} >= {corpus["example"], corpus["copy"]}
    assert body["claims"][0]["first"] is True
    same = client.get(f"/api/v1/claims/{article}:{claim_id}/trace").json()
    assert same == body
    error(client.get(f"/api/v1/claims/{corpus['example']}/c999/trace"), 404, "NT031")
    error(client.get("/api/v1/claims/not-a-claim/trace"), 404, "NT031")
    error(client.get(f"/api/v1/claims/{ref}/trace?threshold=101"), 422, "NT051")


def test_unknown_route_and_method(client):
    error(client.get("/api/v1/nothing"), 404, "NT054")
    error(client.delete("/api/v1/articles"), 405, "NT054")
    r = client.get("/nothing")
    assert r.status_code == 404 and "NT054" in r.text and r.headers["content-type"].startswith(
        "text/html")


def test_internal_error_is_json_without_traceback(corpus):
    app = create_app(corpus["db"], token=None)

    def boom(*a, **k):
        raise RuntimeError("secret internals")

    app.state.api.store.count = boom
    with TestClient(app, raise_server_exceptions=False) as c:
        r = c.get("/health")
    body = error(r, 500, "NT099")
    assert "secret internals" not in body["message"]


# -- pages and security --------------------------------------------------------------------

def test_security_headers_and_csp(client):
    r = client.get("/")
    csp = r.headers["content-security-policy"]
    assert csp == CSP and "script-src 'self';" in csp and "unsafe-inline" not in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    assert "unsafe-inline" not in client.get("/docs").headers["content-security-policy"].split(
        "script-src")[1].split(";")[0]


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)
HANDLER_ATTR = re.compile(r"<[a-z][^>]*\s on[a-z]+\s*=", re.I | re.X)


@pytest.mark.parametrize("path", ["/", "/?q=drug+cartel", "/analyze", "/docs", "ARTICLE",
                                  "HOSTILE", "STORY", "CLAIM"])
def test_pages_render_without_inline_script(client, corpus, path):
    path = {"ARTICLE": f"/articles/{corpus['example']}",
            "HOSTILE": f"/articles/{corpus['hostile']}",
            "STORY": f"/stories/{corpus['story']}",
            "CLAIM": f"/claims/{corpus['claim']}"}.get(path, path)
    r = client.get(path)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert not INLINE_SCRIPT.search(r.text), path
    assert not HANDLER_ATTR.search(r.text), path
    assert "javascript:" not in re.sub(r"&[a-z]+;|&#\d+;", "", " ".join(
        re.findall(r'href="([^"]*)"', r.text))), path


def test_hostile_article_is_escaped(client, corpus):
    html = client.get(f"/articles/{corpus['hostile']}").text
    assert "&lt;script&gt;window.__pwned" in html
    assert "<script>window.__pwned" not in html
    assert "<img" not in html and 'href="javascript:' not in html
    assert "onerror=&#34;" in html or "onerror=&quot;" in html or "onerror=\"" not in html


def test_highlight_pieces_rebuild_the_text(store, corpus):
    analysis = store.analysis(corpus["example"])
    view = article_view(analysis)
    assert "".join(s.text for s in view.segments) == analysis.text
    quoted = {s.quote for s in view.segments if s.quote is not None}
    assert quoted == set(range(len(analysis.quotes)))
    ends = [s for s in view.segments if s.claim_end]
    assert len({s.claim for s in ends}) == len(analysis.claims)


def test_article_page_marks_quotes_claims_and_panels(client, store, corpus):
    html = client.get(f"/articles/{corpus['example']}").text
    analysis = store.analysis(corpus["example"])
    assert html.count('class="tip" id="tip-q') == len(analysis.quotes)
    assert html.count('id="tip-c') == len(analysis.claims)
    assert len(re.findall(r'aria-describedby="(tip-[qc]\d+)"', html)) == len(
        set(re.findall(r'aria-describedby="(tip-[qc]\d+)"', html)))
    for label in ("unsupported", "reported", "supported"):
        assert f'class="badge ev-{label}"' in html
    assert "Miller" in html and "Venezuelanalysis" in html
    assert "Removed chrome" in html and "disclaimer" in html
    assert f'href="/stories/{corpus["story"]}"' in html
    assert f'href="/articles/{corpus["copy"]}"' in html
    assert f'href="/claims/{corpus["claim"]}"' in html


def test_story_claim_and_error_pages(client, corpus):
    story = client.get(f"/stories/{corpus['story']}").text
    assert "MENAFN" in story and "copy of" in story and "Example Daily" in story
    trace = client.get(f"/claims/{corpus['claim']}").text
    assert "a drug cartel is running Venezuela" in trace and "first" in trace
    r = client.get("/articles/0000")
    assert r.status_code == 404 and "NT031" in r.text and "Traceback" not in r.text


def test_home_search_and_facets(client, corpus):
    html = client.get("/", params={"q": "cartel", "kind": "quote", "speaker": "Miller"}).text
    assert 'for="speaker"' in html and "hits for" in html and "Miller" in html
    assert 'role="alert"' in client.get("/", params={"q": "!!"}).text


def test_paste_box(client):
    r = client.post("/analyze", data={"text": HOSTILE})
    assert r.status_code == 200 and "not stored" in r.text
    assert "&lt;script&gt;" in r.text and "<script>window" not in r.text
    assert client.post("/analyze", data={"text": " "}).status_code == 400


# -- schemathesis ----------------------------------------------------------------------------

@pytest.mark.slow
def test_schemathesis_finds_no_server_error(corpus, tmp_path):
    schemathesis = pytest.importorskip("schemathesis")
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis.errors import Unsatisfiable

    db = tmp_path / "fuzz.db"
    shutil.copy(corpus["db"], db)
    app = create_app(db, token=TOKEN)
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 8
    seen: dict[int, int] = {}
    from schemathesis.generation import GenerationMode

    for operation, mode in [(op, m) for op in operations
                            for m in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)]:
        writes = operation.method.upper() == "POST"

        @settings(max_examples=(6 if writes else 15) if mode is GenerationMode.POSITIVE
                  else (4 if writes else 10), deadline=None, database=None,
                  phases=[Phase.explicit, Phase.generate],
                  suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy(generation_mode=mode))
        def check(case):
            response = case.call(headers=AUTH if writes else None)
            seen[response.status_code] = seen.get(response.status_code, 0) + 1
            assert response.status_code < 500, (operation.label, case.path_parameters,
                                                 case.query, response.text[:500])
            if response.status_code >= 400:
                assert response.json()["error"]["code"].startswith("NT")

        try:
            check()
        except Unsatisfiable:  # an operation with nothing to get wrong (e.g. /health)
            assert mode is GenerationMode.NEGATIVE, operation.label
    print("schemathesis responses by status:", dict(sorted(seen.items())))
    assert sum(seen.values()) >= 60 and 200 in seen, seen


# -- newstrace serve -------------------------------------------------------------------------

def test_serve_command_defaults(tmp_path, monkeypatch):
    import uvicorn
    from typer.testing import CliRunner

    from newstrace.cli import app as cli

    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append((app, kw)))
    monkeypatch.delenv("NEWSTRACE_API_TOKEN", raising=False)
    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "s.db")])
    assert result.exit_code == 0, result.output
    (app, kw), = calls
    assert kw["host"] == "127.0.0.1" and kw["port"] == 8000
    assert app.state.api.read_only and "read-only" in result.output
    monkeypatch.setenv("NEWSTRACE_API_TOKEN", "x")
    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "s.db"), "--port", "9"])
    assert calls[-1][1]["port"] == 9 and not calls[-1][0].state.api.read_only
    assert "read-only" not in result.output
