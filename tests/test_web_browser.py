"""The web page in a real browser: Playwright drives Debian's `chromium` (never a downloaded
browser) against `newstrace serve`'s app on 127.0.0.1 over the web test corpus. Every request
that leaves 127.0.0.1 is refused, so the pages are shown to work offline. Screenshots go to
tests/artifacts/ (not committed)."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

import newstrace
from newstrace.corpus import trace_claim

from .conftest import ROOT
from .web_corpus import HOSTILE, build

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
ARTIFACTS = ROOT / "tests" / "artifacts"
TOKEN = "browser-token"


def _need(what: str, ok: bool) -> None:
    if ok:
        return
    message = f"{what} is missing (make test installs it: scripts/system-deps.sh, .[test])"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


try:
    from playwright.sync_api import sync_playwright
except ImportError:  # pragma: no cover
    sync_playwright = None


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    _need("the playwright package", sync_playwright is not None)
    _need(CHROMIUM, Path(CHROMIUM).exists())
    import uvicorn

    from newstrace.api import create_app

    ids = build(tmp_path_factory.mktemp("browser"))
    app = create_app(ids["db"], token=TOKEN)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert srv.started, "the server did not start"
    yield {"url": f"http://127.0.0.1:{port}", **ids}
    srv.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser(server):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture()
def page(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.outside = []  # requests that tried to leave 127.0.0.1
    pg.csp_errors = []

    def route(r):
        if r.request.url.startswith(server["url"]):
            r.continue_()
        else:
            pg.outside.append(r.request.url)
            r.abort()

    pg.route("**/*", route)
    pg.on("console", lambda m: pg.csp_errors.append(m.text)
          if "Content Security Policy" in m.text else None)
    pg.on("pageerror", lambda e: pg.csp_errors.append(f"page error: {e}"))
    yield pg
    assert pg.outside == [], pg.outside
    context.close()


def shot(pg, name: str, full: bool = True) -> None:
    pg.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full)


def test_example_article_quotes_badges_and_tooltips(page, server):
    page.goto(f"{server['url']}/articles/{server['example']}")
    assert page.locator("h1").inner_text().startswith("Top Trump Officials")
    quotes = page.locator("#article-text .seg.q")
    assert quotes.count() > 5
    assert page.locator("#article-text .seg.q.spk-0").count() >= 1
    assert page.locator("#article-text .seg.q.spk-1").count() >= 1   # a second speaker colour
    colours = {page.locator(f"#article-text .seg.q.spk-{i}").first.evaluate(
        "e => getComputedStyle(e).backgroundColor") for i in (0, 1)}
    assert len(colours) == 2
    analysis = newstrace.open_corpus(server["db"]).analysis(server["example"])
    labels = {label for c in analysis.claims for label in c.evidence}
    assert len(labels) >= 3
    for label in labels:
        assert page.locator(f"#article-text .badge.ev-{label}").count() >= 1, label
    underline = page.locator("#article-text .seg.claim").first.evaluate(
        "e => getComputedStyle(e).textDecorationLine")
    assert "underline" in underline
    # keyboard: Tab reaches the first quote; its tooltip names speaker and cue
    first_quote = page.locator('#article-text .seg.q[tabindex="0"]').first
    first_quote.focus()
    tip = page.locator("#tip-q0")
    assert tip.is_visible()
    first = analysis.quotes[0]
    assert f"speaker: {first.speaker.name}" in tip.inner_text()
    assert f"cue: {first.cue.text}" in tip.inner_text()
    shot(page, "article-focus-quote", full=False)
    # hovering a claim shows its claimant
    claim = page.locator('#article-text .seg.claim[aria-describedby*="tip-c"]').nth(7)
    claim.hover()
    assert page.locator(".tip.show").first.is_visible()
    assert "claimant:" in page.locator(".tip.show").last.inner_text()
    shot(page, "article-hover-claim", full=False)
    # side panels
    assert page.locator("#entities-h").is_visible()
    assert "Miller" in page.locator(".entities").inner_text()
    quantities = [ev.quantities for ev in analysis.events if ev.quantities]
    k, v = next(iter(quantities[0].items()))
    assert f"{k}: {v}" in page.locator(".timeline").first.inner_text()
    assert "Venezuelanalysis" in page.locator(".prov").inner_text()
    # the check-worthiness toggle
    toggle = page.locator("#cw-toggle")
    toggle.click()
    assert toggle.get_attribute("aria-pressed") == "true"
    assert "show-cw" in page.locator("#article-text").get_attribute("class")
    page.mouse.move(0, 0)
    page.evaluate("() => window.scrollTo(0, 0)")
    shot(page, "article-checkworthy", full=False)
    shot(page, "article")
    assert page.csp_errors == []


def test_search_with_facets(page, server):
    page.goto(server["url"] + "/")
    page.get_by_label('Words, "phrases", or, -excluded').fill("drug cartel")
    page.get_by_label("Kind").select_option("claim")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**/?q=drug+cartel*")
    hits = page.locator(".hit")
    assert hits.count() >= 2
    assert "a drug cartel is running Venezuela" in hits.first.inner_text()
    assert page.locator(".stories li").count() >= 2
    assert "MENAFN" in page.locator("#copies-h + ul").inner_text()
    shot(page, "search")
    hits.first.locator("a").click()
    page.wait_for_url("**/articles/*")
    assert page.locator("#article-text").is_visible()


def test_story_and_trace(page, server):
    page.goto(f"{server['url']}/articles/{server['example']}")
    page.locator(".prov a[href^='/stories/']").click()
    page.wait_for_url("**/stories/*")
    items = page.locator(".story > li")
    assert items.count() >= 3
    text = page.locator(".story").inner_text()
    assert "MENAFN" in text and "Example Daily" in text and "copy of" in text
    shot(page, "story")
    page.goto(f"{server['url']}/articles/{server['example']}")
    page.locator(f"#claim-{server['claim'].split('/')[1]} .trace-link").click()
    page.wait_for_url("**/claims/**")
    steps = page.locator(".trace > li")
    trace = trace_claim(newstrace.open_corpus(server["db"]), server["claim"])
    assert steps.count() == len(trace.claims) >= 2
    assert page.locator(".trace > li.first").count() == 1
    for step in trace.claims:
        for hedge in step.hedges_added:
            assert f"hedge added: “{hedge}”" in page.locator(".trace").inner_text()
    shot(page, "trace")


def test_paste_box(page, server):
    page.goto(server["url"] + "/analyze")
    page.get_by_label("Paste the article's text or HTML").fill(
        '"We will rebuild the bridge by spring," Mayor Ana Ortiz told reporters on Monday. '
        "The council has not presented any evidence that the repairs are funded.")
    page.get_by_role("button", name="Analyse").click()
    page.wait_for_load_state()
    assert "not stored" in page.locator(".article-head").inner_text()
    assert page.locator("#article-text .seg.q").count() >= 1
    page.locator('#article-text .seg.q[tabindex="0"]').first.focus()
    assert "Ana Ortiz" in page.locator("#tip-q0").inner_text()
    shot(page, "paste-result")
    assert page.csp_errors == []


def test_hostile_article_runs_no_script(page, server):
    page.goto(f"{server['url']}/articles/{server['hostile']}")
    assert page.evaluate("() => window.__pwned") is None
    text = page.locator("#article-text").inner_text()
    assert "<script>" in text and "onerror=" in text and "javascript:" in text
    assert page.locator("#article-text script, #article-text img, #article-text a").count() == 0
    assert page.locator("script:not([src])").count() == 0
    for link in page.locator("a").all():
        assert not (link.get_attribute("href") or "").lower().startswith("javascript:")
    page.locator("#article-text .seg").first.hover()
    shot(page, "hostile")
    # the same text through the paste box
    page.goto(server["url"] + "/analyze")
    page.get_by_label("Paste the article's text or HTML").fill(HOSTILE)
    page.get_by_role("button", name="Analyse").click()
    page.wait_for_load_state()
    assert page.evaluate("() => window.__pwned") is None
    assert "<script>" in page.locator("#article-text").inner_text()


def test_phone_width(browser, server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True,
                                  has_touch=True)
    pg = context.new_page()
    for path, name in ((f"/articles/{server['example']}", "phone-article"), ("/", "phone-home")):
        pg.goto(server["url"] + path)
        overflow = pg.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, (path, overflow)
        shot(pg, name, full=False)
    context.close()


def test_keyboard_skip_link_and_focus_ring(page, server):
    page.goto(server["url"] + "/")
    page.keyboard.press("Tab")
    skip = page.locator(".skip")
    assert skip.evaluate("e => e === document.activeElement")
    assert skip.is_visible()
    outline = skip.evaluate("e => getComputedStyle(e).outlineStyle")
    assert outline != "none"


def test_docs_work_offline(page, server):
    page.goto(server["url"] + "/docs")
    page.wait_for_selector(".swagger-ui .info .title", timeout=20000)
    assert "newstrace" in page.locator(".swagger-ui .info .title").inner_text()
    assert page.locator(".opblock").count() >= 8
    shot(page, "docs", full=False)
    assert not [e for e in page.csp_errors if "script" in e.lower()], page.csp_errors


def test_write_needs_token_from_the_browser_side(page, server):
    page.goto(server["url"] + "/")
    status = page.evaluate(
        """async (u) => (await fetch(u + '/api/v1/articles', {method: 'POST',
             headers: {'Content-Type': 'application/json'}, body: '{"text": "x"}'})).status""",
        server["url"])
    assert status == 401


@pytest.fixture(scope="module", autouse=True)
def _clean_artifacts_dir():
    if ARTIFACTS.exists():
        for f in ARTIFACTS.glob("*.png"):
            f.unlink()
    yield
    shutil.rmtree(ARTIFACTS / "tmp", ignore_errors=True)
