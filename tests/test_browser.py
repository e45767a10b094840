"""The reading edition in a real browser: headless Chromium driven by Playwright.

One build of the bundled edition per module, served from build/'s copy in a temporary
folder by an http.server thread on 127.0.0.1 (as `tei-edition serve` does). Every test
runs with routing that aborts any request leaving 127.0.0.1, and fails on console
errors. Screenshots of each page type go to build/screenshots/ (not committed) for a
person to look at.

Skipped, with the reason, when Playwright's package or Chromium is missing (.ci/run
installs both).
"""

from __future__ import annotations

import os
import re
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from tei_edition.preview import make_server

playwright_api = pytest.importorskip(
    "playwright.sync_api", reason="Playwright's Python package is not installed "
    "(pip install -e '.[test]')")

CHROMIUM = os.environ.get("TEI_EDITION_CHROMIUM") or shutil.which("chromium") or shutil.which(
    "chromium-browser")
if not CHROMIUM:
    pytest.skip("no Chromium (apt-get install chromium, as .ci/run does)",
                allow_module_level=True)

ROOT = Path(__file__).resolve().parents[1]
SCREENSHOTS = ROOT / "build" / "screenshots"
NAME = "1920-11-29-soviet-press"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PAGES = ["index.html", f"{NAME}.html", "register.html", "map.html", "timeline.html",
         "search.html"]


@pytest.fixture(scope="module")
def site(built) -> Iterator[str]:
    """The built edition served on 127.0.0.1; yields the base URL of html/."""
    server = make_server(built, "127.0.0.1", 0, verbose=False)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/html/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    # Playwright gives each launch a fresh, empty profile of its own
    with playwright_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield chromium
        chromium.close()


def _guard(tab) -> tuple[list[str], list[str]]:
    """Abort and record requests off 127.0.0.1 (and file://); record console errors."""
    left: list[str] = []
    errors: list[str] = []

    def route(r) -> None:
        url = r.request.url
        if urlsplit(url).hostname == "127.0.0.1" or url.startswith(("data:", "blob:", "file:")):
            r.continue_()
        else:
            left.append(url)
            r.abort()

    tab.route("**/*", route)
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    return left, errors


@pytest.fixture
def page(browser) -> Iterator[object]:
    """A fresh tab in a fresh context, guarded (see _guard)."""
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    tab = context.new_page()
    left, errors = _guard(tab)
    yield tab
    context.close()
    assert left == [], f"requests that left 127.0.0.1: {left}"
    assert errors == [], f"console errors: {errors}"


def shoot(tab, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


# ---------------------------------------------------------------------------------- links


def test_every_internal_link_resolves(site, page) -> None:
    """Every href and src on every page: the file is served, and its #fragment exists."""
    seen: dict[str, set[str]] = {}
    missing = []
    todo = [urljoin(site, p) for p in PAGES]
    checked: set[str] = set()
    while todo:
        url = todo.pop()
        if url in checked:
            continue
        checked.add(url)
        if not urlsplit(url).path.endswith(".html"):
            # data downloads, TEI, assets: fetched, not opened (a .csv would download)
            assert page.request.get(url).ok, url
            continue
        response = page.goto(url)
        assert response is not None and response.ok, url
        seen[url] = set(page.eval_on_selector_all("[id]", "els => els.map(e => e.id)"))
        links = page.eval_on_selector_all(
            "a[href], link[href], script[src], img[src]",
            "els => els.map(e => e.href && e.href.baseVal !== undefined ? "
            "new URL(e.href.baseVal, document.baseURI).href : (e.href || e.src))")
        for link in links:
            target, _, fragment = link.partition("#")
            if urlsplit(target).hostname != "127.0.0.1":
                continue  # authority records, licences: ordinary links out
            todo.append(target)
            if fragment:
                missing.append((url, target, fragment))
    broken = [(u, t, f) for u, t, f in missing if f not in seen[t]]
    assert broken == []
    assert len(checked) > len(PAGES)


def test_view_tei_opens_the_xml(site, page) -> None:
    page.goto(site + f"{NAME}.html")
    href = page.get_attribute("a.tei-link", "href")
    response = page.request.get(urljoin(site + f"{NAME}.html", href))
    assert response.ok and b"<TEI" in response.body()


# ----------------------------------------------------------------------------- the pages


def test_screenshots_of_every_page_type(site, page) -> None:
    for name in PAGES:
        page.goto(site + name)
        shoot(page, name.removesuffix(".html").replace(NAME, "document"))
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(site + f"{NAME}.html")
    shoot(page, "document-375px")
    page.emulate_media(color_scheme="dark")
    page.set_viewport_size({"width": 1100, "height": 900})
    page.goto(site + f"{NAME}.html")
    page.screenshot(path=str(SCREENSHOTS / "document-dark.png"))
    page.emulate_media(color_scheme="light", media="print")
    shoot(page, "document-print")
    assert (SCREENSHOTS / "document.png").stat().st_size > 10_000


def test_index_lists_documents_and_links_the_edition(site, page) -> None:
    page.goto(site + "index.html")
    assert page.title() == "Leon Trotsky, Military Writings 1920: a TEI edition"
    doc = page.locator("ol.documents li").first
    assert "Communication to Representatives of the Soviet Press" in doc.inner_text()
    assert "November 29, 1920" in doc.inner_text()
    assert "Leon Trotsky" in doc.inner_text()
    assert doc.locator(".doc-desc").inner_text().startswith("To the question")
    for href in ("register.html", "map.html", "timeline.html", "search.html"):
        assert page.locator(f"main a[href='{href}']").count() == 1, href


def test_reading_page_header_navigation_and_citation(site, page) -> None:
    page.goto(site + f"{NAME}.html")
    header = page.locator("header.doc-header").inner_text()
    for fact in ("Leon Trotsky", "November 29, 1920", "David Walters", "CC BY-SA 4.0",
                 "View the TEI XML"):
        assert fact in header, fact
    assert page.locator("html").get_attribute("lang") == "en"
    # paragraphs are numbered, with a link to their anchor and a copy button
    third = page.locator(f"#d{NAME}-p3")
    assert third.locator(".p-anchor").inner_text() == "¶ 3"
    assert third.locator("button.p-copy").count() == 1
    # the citation names the page's address; following a paragraph link puts it in
    page.click(f"#d{NAME}-p3 .p-anchor")
    citation = page.locator(".citation").inner_text()
    assert citation.startswith("Leon Trotsky, “Communication to Representatives")
    assert f"/html/{NAME}.html#d{NAME}-p3" in citation
    assert "accessed [date]" in citation


def test_note_opens_by_click_and_keyboard_and_closes(site, page) -> None:
    page.goto(site + f"{NAME}.html")
    marker = page.locator("button.noteref").first
    assert marker.get_attribute("aria-expanded") == "false"
    marker.click()
    assert marker.get_attribute("aria-expanded") == "true"
    popover = page.locator(".note-popover")
    assert "Bulak-Balakhovich was an officer" in popover.inner_text()
    page.keyboard.press("Escape")
    assert popover.count() == 0 and marker.get_attribute("aria-expanded") == "false"
    # keyboard: focus moves to the marker with Tab, Enter opens, a click outside closes
    marker.focus()
    page.keyboard.press("Enter")
    assert popover.count() == 1
    page.mouse.click(5, 5)
    assert popover.count() == 0


def test_note_popover_stays_inside_a_narrow_viewport(site, page) -> None:
    page.set_viewport_size({"width": 375, "height": 700})
    page.goto(site + f"{NAME}.html")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for i in range(page.locator("button.noteref").count()):
        marker = page.locator("button.noteref").nth(i)
        marker.evaluate("e => e.scrollIntoView({block: 'end'})")  # no room below it
        marker.click()
        box = page.locator(".note-popover").bounding_box()
        assert box is not None
        assert box["x"] >= 0 and box["x"] + box["width"] <= 375, box
        assert box["y"] >= 0 and box["y"] + box["height"] <= 700, box  # flipped above
        if i == 0:
            page.screenshot(path=str(SCREENSHOTS / "note-popover-375px.png"))
        page.keyboard.press("Escape")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, "the page scrolls sideways at 375 px"


def test_endnotes_work_without_javascript(site, browser) -> None:
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    left, errors = _guard(tab)
    tab.goto(site + f"{NAME}.html")
    tab.locator("a.noteref").first.click()
    assert tab.url.endswith(f"#d{NAME}-n1")
    tab.locator(f"#d{NAME}-n1 a.noteback").click()
    assert tab.url.endswith(f"#noteref-d{NAME}-n1")
    context.close()
    assert left == [] and errors == []


def test_names_toggle_is_remembered(site, page) -> None:
    page.goto(site + f"{NAME}.html")
    wrangel = page.locator("a.persName", has_text="Wrangel").first
    assert wrangel.get_attribute("href") == "register.html#wrangel"
    assert wrangel.get_attribute("title") == "Pyotr Wrangel"
    toggle = page.locator("button.names-toggle")
    highlighted = wrangel.evaluate("e => getComputedStyle(e).color")
    assert toggle.get_attribute("aria-pressed") == "true"
    toggle.click()
    assert toggle.get_attribute("aria-pressed") == "false"
    assert wrangel.evaluate("e => getComputedStyle(e).color") != highlighted
    page.reload()
    assert page.locator("button.names-toggle").get_attribute("aria-pressed") == "false"
    page.locator("button.names-toggle").click()  # leave it as found
    # dates show their ISO value on hover, corrections their original
    assert page.locator("time[datetime='1922-10-25']").get_attribute("title") == "1922-10-25"
    assert page.locator(".choice.corr[title]").first.get_attribute("title").startswith(
        "original: ")


# --------------------------------------------------------------------- registers, charts


def test_register_entries_sorted_with_mentions_back_to_anchors(site, page) -> None:
    page.goto(site + "register.html")
    names = page.locator("#persons h3").all_inner_texts()
    surnames = [n.split()[-1] for n in names]
    assert names.index("David Lloyd George") < names.index("Leon Trotsky")
    assert surnames.index("Budyonny") < surnames.index("Wrangel")
    mention = page.locator("#wrangel a.mention").first
    assert mention.inner_text() == "¶ 1"
    mention.click()
    assert page.url.endswith(f"{NAME}.html#d{NAME}-p1")
    assert page.locator(f"#d{NAME}-p1").is_visible()


def test_map_and_timeline_marks_link_to_existing_anchors(site, page) -> None:
    for chart, selector in (("map.html", "svg a.place-mark"),
                            ("timeline.html", "svg a.mention-mark, svg a.document-mark")):
        page.goto(site + chart)
        hrefs = page.eval_on_selector_all(selector, "els => els.map(e => e.href.baseVal)")
        assert hrefs, chart
        for href in hrefs:
            target, _, fragment = urljoin(site + chart, href).partition("#")
            page.goto(target)
            if fragment:
                assert page.locator(f"[id='{fragment}']").count() == 1, href
    page.goto(site + "map.html")
    page.locator("svg a.place-mark", has_text="Paris").click()
    assert page.url.endswith("register.html#paris")


# ---------------------------------------------------------------------------------- search


def test_search_finds_a_phrase_and_lands_on_its_paragraph(site, page) -> None:
    page.goto(site + "search.html")
    page.fill("input[name=q]", '"mighty iron and steel works"')
    page.keyboard.press("Enter")
    hit = page.locator("a.search-hit").first
    hit.wait_for(timeout=10_000)
    assert "Communication to Representatives" in hit.inner_text()
    assert re.search(rf"{NAME}\.html#d{NAME}-p3$", hit.get_attribute("href"))
    hit.click()
    page.wait_for_url(re.compile(r"#d.*-p3$"))
    paragraph = page.locator(f"#d{NAME}-p3")
    assert "mighty iron and steel works" in paragraph.inner_text()
    assert paragraph.is_visible()


def test_search_on_file_says_how_to_serve(built, page) -> None:
    page.goto((built / "html" / "search.html").as_uri())
    assert page.get_attribute("form.search", "data-engine") == "pagefind"
    assert "tei-edition serve" in page.locator(".search-status").inner_text()
    assert page.locator("input[name=q]").is_disabled()
