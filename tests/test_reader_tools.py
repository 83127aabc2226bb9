"""Reader tools in Chromium (_static/oz-tools.js): private notes and "kopieer link".

Expected anchors are read from the built HTML (Sphinx's own headerlinks and figure
ids, the explainer's class in the embedded widget state), not from the script.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import built_pages

NOTE_PREFIX = "oz-notes:"
TIMEOUT = 20_000


def page_soups(built_book: Path):
    for page in built_pages():
        if not (built_book / page).exists():
            continue  # test_book_structure reports missing pages
        yield page, BeautifulSoup((built_book / page).read_text(encoding="utf-8"), "html.parser")


def first_page_with(built_book: Path, selector: str) -> tuple[str, BeautifulSoup]:
    for page, soup in page_soups(built_book):
        if soup.select_one(selector):
            return page, soup
    pytest.fail(f"no chapter page has {selector!r}")


def first_page_with_explainer(built_book: Path) -> tuple[str, str]:
    """A page with an explainer and the explainer's name class, from the widget state."""
    for page, soup in page_soups(built_book):
        match = re.search(r'"(oz-explainer-[A-Za-z0-9_-]+)"', str(soup))
        if match:
            return page, match.group(1)
    pytest.fail("no chapter page has an explainer")


def text_of(element) -> str:
    """Visible text of a heading, without Sphinx's "#" permalink."""
    parts = [t for t in element.find_all(string=True) if not t.find_parent("a", class_="headerlink")]
    return re.sub(r"\s+", " ", "".join(parts)).strip()


def sections(soup: BeautifulSoup, level: str = "h2") -> list[tuple[str, str]]:
    """(anchor, title) of each section heading, from Sphinx's permalink in the heading."""
    found = []
    for heading in soup.select(f"main article section > {level}"):
        link = heading.select_one("a.headerlink")
        found.append((link["href"].lstrip("#"), text_of(heading)))
    return found


def assert_private(page):
    assert page.oz_log.foreign_requests() == [], "a request left the local server"
    assert page.oz_log.console_errors == []


def open_note(page, title: str):
    """Open the note of section ``title`` with the keyboard and return its text field."""
    field = page.get_by_label(f"Jouw aantekening bij \u2018{title}\u2019")
    summary = page.locator("details.oz-note", has=field).locator("summary")
    summary.focus()
    page.keyboard.press("Enter")
    field.wait_for(state="visible")
    return field


def test_note_survives_reload_and_is_exported_as_markdown(browser_page, book_url, built_book, tmp_path):
    page = browser_page
    pages = [(p, s) for p, s in page_soups(built_book) if sections(s)][:2]
    assert len(pages) == 2, "need two chapter pages with sections"
    written = []
    for number, (path, soup) in enumerate(pages, start=1):
        anchor, title = sections(soup)[0]
        text = f"Mijn aantekening {number}: navragen bij de docent."
        page.goto(book_url(path))
        field = open_note(page, title)
        field.focus()
        page.keyboard.type(text)
        written.append((path, soup.select_one("main article h1"), anchor, title, text))

        page.reload()
        field = page.get_by_label(f"Jouw aantekening bij \u2018{title}\u2019")
        field.wait_for(state="visible", timeout=TIMEOUT)  # a section with a note opens by itself
        assert field.input_value() == text
        stored = page.evaluate("key => localStorage.getItem(key)", f"{NOTE_PREFIX}{path}#{anchor}")
        assert stored and text in stored, "the note is stored under page path + section id"

    export = page.get_by_role("button", name="Exporteer aantekeningen")
    export.focus()
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    download = info.value
    assert download.suggested_filename.endswith(".md")
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    markdown = target.read_text(encoding="utf-8")

    positions = []
    for path, h1, anchor, title, text in written:
        page_heading = f"## {text_of(h1)}"
        for expected in (page_heading, f"### {title}", text, f"{path}#{anchor}"):
            assert expected in markdown, f"{expected!r} missing from the export:\n{markdown}"
        positions.append((markdown.index(page_heading), markdown.index(f"### {title}"), markdown.index(text)))
    for page_at, section_at, text_at in positions:
        assert page_at < section_at < text_at, "notes are grouped: page, then section, then note"
    assert_private(page)


def test_clearing_a_note_removes_it(browser_page, book_url, built_book):
    page = browser_page
    path, soup = first_page_with(built_book, "main article section > h2")
    anchor, title = sections(soup)[0]
    page.goto(book_url(path))
    field = open_note(page, title)
    field.fill("Tijdelijk")
    page.get_by_role("button", name="Wis aantekening").first.click()
    assert page.evaluate("key => localStorage.getItem(key)", f"{NOTE_PREFIX}{path}#{anchor}") is None
    page.reload()
    assert page.get_by_label(f"Jouw aantekening bij \u2018{title}\u2019").is_hidden()
    assert_private(page)


def clipboard_after_click(page, button) -> str:
    page.evaluate("() => navigator.clipboard.writeText('leeg')")
    button.click()
    page.wait_for_function("() => navigator.clipboard.readText().then(t => t !== 'leeg')", timeout=TIMEOUT)
    return page.evaluate("() => navigator.clipboard.readText()")


@pytest.fixture
def clipboard_page(browser_page, book_server):
    browser_page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=book_server)
    return browser_page


def test_copy_link_of_sections_and_figures(clipboard_page, book_url, built_book):
    page = clipboard_page
    path, soup = first_page_with(built_book, "main article figure[id]")
    url = book_url(path)
    page.goto(url)
    for level in ("h2", "h3"):
        for anchor, title in sections(soup, level)[:2]:
            button = page.get_by_role("button", name=f"Kopieer link naar \u2018{title}\u2019", exact=True)
            assert clipboard_after_click(page, button) == f"{url}#{anchor}"
    figure_id = soup.select_one("main article figure[id]")["id"]
    button = page.locator(f"figure#{figure_id}").get_by_role("button", name=re.compile("^Kopieer link naar figuur"))
    assert clipboard_after_click(page, button) == f"{url}#{figure_id}"
    assert_private(page)


def test_copy_link_of_an_explainer_and_the_link_works(clipboard_page, book_url, built_book):
    page = clipboard_page
    path, name = first_page_with_explainer(built_book)
    url = book_url(path)
    page.goto(url)
    page.locator(f".{name}").first.wait_for(timeout=TIMEOUT)
    button = (
        page.locator(f"#{name}")
        .locator("xpath=preceding-sibling::*[1]")
        .get_by_role("button", name=re.compile("^Kopieer link naar uitleg"))
    )
    copied = clipboard_after_click(page, button)
    assert copied == f"{url}#{name}"

    page.goto("about:blank")
    page.goto(copied)
    page.locator(f"#{name}").wait_for(timeout=TIMEOUT)
    page.wait_for_function(
        "id => { const r = document.getElementById(id).getBoundingClientRect();"
        " return r.top < innerHeight && r.bottom > 0; }",
        arg=name,
        timeout=TIMEOUT,
    )
    assert_private(page)


def test_no_tools_on_search_and_index_pages(browser_page, book_url):
    for path in ("search.html", "genindex.html"):
        browser_page.goto(book_url(path))
        browser_page.wait_for_load_state("load")
        assert browser_page.locator(".oz-tools").count() == 0, path
    assert_private(browser_page)


def luminance(css_colour: str) -> float:
    red, green, blue = (int(v) / 255 for v in re.findall(r"\d+(?:\.\d+)?", css_colour)[:3])
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in (red, green, blue)]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(foreground: str, background: str) -> float:
    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_controls_have_contrast_and_visible_focus(browser_page, book_url, built_book, mode):
    page = browser_page
    page.emulate_media(color_scheme=mode)
    path, _ = first_page_with(built_book, "main article section > h2")
    page.goto(book_url(path))
    page.wait_for_function("mode => document.documentElement.dataset.theme === mode", arg=mode, timeout=TIMEOUT)
    for selector in (".oz-copy-link", ".oz-export", "details.oz-note summary"):
        control = page.locator(selector).first
        control.focus()
        style = control.evaluate(
            "e => { const s = getComputedStyle(e); return {fg: s.color, bg: s.backgroundColor,"
            " outline: s.outlineStyle, width: parseFloat(s.outlineWidth)}; }"
        )
        assert contrast(style["fg"], style["bg"]) >= 4.5, f"{selector} in {mode} mode: {style}"
        assert style["outline"] != "none" and style["width"] >= 2, f"{selector} has no visible focus in {mode} mode"
    assert_private(page)


# --- #14 item 8: tools that answer visibly; #16 item 1: student links from the teacher edition ---


def status_text(page) -> str:
    """The tools' feedback, which must be visible on screen, not only announced."""
    status = page.locator("#oz-tools-status")
    status.wait_for(state="visible", timeout=TIMEOUT)
    page.wait_for_function(
        "() => document.getElementById('oz-tools-status').textContent.trim() !== ''", timeout=TIMEOUT
    )
    box = status.bounding_box()
    viewport = page.viewport_size
    assert box and box["width"] > 50 and 0 <= box["y"] < viewport["height"], "the message is not on screen"
    return status.inner_text()


def test_empty_notes_export_says_so_visibly(browser_page, book_url, built_book):
    page = browser_page
    path, _ = first_page_with(built_book, "main article section > h2")
    page.goto(book_url(path))
    page.get_by_role("button", name="Exporteer aantekeningen").click()
    assert "nog geen aantekeningen" in status_text(page)
    assert_private(page)


def test_failed_copy_shows_the_link_on_screen(browser_page, book_url, built_book):
    page = browser_page
    page.add_init_script("navigator.clipboard.writeText = () => Promise.reject(new Error('geweigerd'));")
    path, soup = first_page_with(built_book, "main article section > h2")
    anchor, title = sections(soup)[0]
    page.goto(book_url(path))
    page.get_by_role("button", name=f"Kopieer link naar \u2018{title}\u2019", exact=True).click()
    message = status_text(page)
    assert "lukte niet" in message and f"{book_url(path)}#{anchor}" in message
    assert_private(page)


def test_copy_link_over_file_explains_it_works_only_here(browser, built_book):
    context = browser.new_context(locale="nl-NL")
    try:
        page = context.new_page()
        path, soup = first_page_with(built_book, "main article section > h2")
        _, title = sections(soup)[0]
        page.goto((built_book / path).as_uri())
        page.get_by_role("button", name=f"Kopieer link naar \u2018{title}\u2019", exact=True).click()
        assert "werkt alleen hier" in status_text(page)
    finally:
        context.close()


def test_notes_bar_is_at_the_end_not_between_title_and_goals(browser_page, book_url, built_book):
    page = browser_page
    path, _ = first_page_with(built_book, "main article .oz-overview")
    page.goto(book_url(path))
    bar = page.locator(".oz-notes-bar")
    bar.wait_for(state="attached", timeout=TIMEOUT)
    after = page.evaluate("""() => {
        const bar = document.querySelector('.oz-notes-bar');
        const follows = el => Boolean(el.compareDocumentPosition(bar) & Node.DOCUMENT_POSITION_FOLLOWING);
        const headings = [...document.querySelectorAll('main article section > h2')];
        return {goals: follows(document.querySelector('main article .oz-overview')),
                lastHeading: follows(headings[headings.length - 1])};
    }""")
    assert after == {"goals": True, "lastHeading": True}, after
    assert_private(page)


def test_notes_export_follows_the_books_order(browser_page, book_url, built_book, tmp_path):
    """Two notes written in reverse reading order come out in the order of _toc.yml."""
    page = browser_page
    with_sections = [(p, s) for p, s in page_soups(built_book) if sections(s)]
    # The toc order is the source of truth; pick two pages whose names sort the other way round.
    first, second = next((a, b) for i, a in enumerate(with_sections) for b in with_sections[i + 1 :] if a[0] > b[0])
    for path, soup in (second, first):  # write the later chapter first
        page.goto(book_url(path))
        open_note(page, sections(soup)[0][1]).fill(f"Notitie bij {path}")
    with page.expect_download() as info:
        page.get_by_role("button", name="Exporteer aantekeningen").click()
    target = tmp_path / "notes.md"
    info.value.save_as(target)
    markdown = target.read_text(encoding="utf-8")
    assert markdown.index(f"Notitie bij {first[0]}") < markdown.index(f"Notitie bij {second[0]}"), markdown
    assert_private(page)
