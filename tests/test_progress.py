"""A student's progress (#16 item 6) and student links from the teacher edition (#16 item 1).

In Chromium: mark a chapter as read, answer a quiz question, reload, see the progress on the
«Ik ben student» page, export it. Expected texts come from the page itself as the student
saw it (the quiz's verdict) and from _toc.yml, not from the script.
"""

from __future__ import annotations

import re

import pytest

from conftest import BUILD_DOCENT, BUILD_HTML, ROOT, serve

CHAPTER = "chapters/wat-is-mensenhandel.html"
ROUTE = "chapters/ik-ben-student.html"
TIMEOUT = 20_000


def assert_private(page):
    assert page.oz_log.foreign_requests() == [], "a request left the local server"
    assert page.oz_log.console_errors == []


def test_read_answer_reload_export(browser_page, book_url, tmp_path):
    page = browser_page
    page.goto(book_url(CHAPTER))
    title = page.locator("main article h1").first.inner_text().replace("#", "").strip()

    read = page.get_by_role("button", name="Markeer als gelezen")
    read.click()
    page.locator(".oz-read[aria-pressed=true]").wait_for(timeout=TIMEOUT)

    quiz = page.locator(".oz-explainer-quiz-1").first
    quiz.wait_for(timeout=TIMEOUT)
    quiz_title = quiz.locator(".oz-title").first.inner_text().strip()
    answer = quiz.locator(".oz-control button").nth(1)  # the first real answer ("nog geen antwoord" is 0)
    answer.click()
    page.wait_for_function(
        "() => [...document.querySelectorAll('.oz-explainer-quiz-1 .oz-verdict')]"
        ".some(v => v.getClientRects().length && /(Goed|Niet goed)\\./.test(v.textContent))",
        timeout=TIMEOUT,
    )
    shown = quiz.locator(".oz-verdict").filter(has_text=re.compile(r"(Goed|Niet goed)\.")).first.inner_text()
    expected = "niet goed" if "Niet goed." in shown else "goed"

    page.reload()
    page.locator(".oz-read[aria-pressed=true]").wait_for(timeout=TIMEOUT)

    page.goto(book_url(ROUTE))
    row = page.locator(".oz-progress-table tr", has=page.get_by_role("link", name=title, exact=False))
    row.first.wait_for(timeout=TIMEOUT)
    cells = row.first.locator("td").all_inner_texts()
    assert "gelezen" in cells[1]
    assert cells[2] == ("1 van 1 goed" if expected == "goed" else "0 van 1 goed")

    with page.expect_download() as info:
        page.get_by_role("button", name="Exporteer mijn voortgang").click()
    target = tmp_path / info.value.suggested_filename
    info.value.save_as(target)
    markdown = target.read_text(encoding="utf-8")
    assert re.search(rf"^- \[x\] .*{re.escape(title)}", markdown, flags=re.MULTILINE), markdown
    assert f"- {quiz_title}: {expected}" in markdown, markdown
    assert "## Aantekeningen" in markdown
    assert_private(page)


def test_progress_export_holds_notes(browser_page, book_url):
    page = browser_page
    page.goto(book_url(CHAPTER))
    summary = page.locator("details.oz-note summary").first
    summary.click()
    page.locator("details.oz-note textarea").first.fill("Vraag: wat is het verschil met mensensmokkel?")
    with page.expect_download() as info:
        page.get_by_role("button", name="Exporteer mijn voortgang").first.click()
    markdown = open(info.value.path(), encoding="utf-8").read()
    assert "Vraag: wat is het verschil met mensensmokkel?" in markdown
    assert "Nog geen quizvragen of opgaven beantwoord." in markdown
    assert_private(page)


@pytest.fixture
def both_editions(browser):
    """Both editions side by side, as `make book` writes them and as DEVELOPERS.md says to publish."""
    for html_dir in (BUILD_HTML, BUILD_DOCENT):
        if not (html_dir / "index.html").exists():
            pytest.fail(f"{html_dir} is not built: run `make book`")
    server = serve(ROOT / "_build")
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    context = browser.new_context(locale="nl-NL")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=origin)
    yield context.new_page(), origin
    context.close()
    server.shutdown()


def copied(page, button) -> str:
    page.evaluate("() => navigator.clipboard.writeText('leeg')")
    button.click()
    page.wait_for_function("() => navigator.clipboard.readText().then(t => t !== 'leeg')", timeout=TIMEOUT)
    return page.evaluate("() => navigator.clipboard.readText()")


def test_teacher_copy_link_gives_the_student_page_and_it_resolves(both_editions):
    page, origin = both_editions
    page.goto(f"{origin}/{BUILD_DOCENT.name}/chapters/seksuele-uitbuiting.html")
    heading = page.locator("main article section > h2").first
    anchor = heading.locator("xpath=..").get_attribute("id")
    title = heading.evaluate("h => h.firstChild.textContent.trim()")
    student = copied(
        page,
        page.get_by_role("button", name=f"Kopieer link naar \u2018{title}\u2019 in de studenteneditie", exact=True),
    )
    assert student == f"{origin}/{BUILD_HTML.name}/chapters/seksuele-uitbuiting.html#{anchor}"
    teacher = copied(page, page.get_by_role("button", name=f"Kopieer docentlink naar \u2018{title}\u2019", exact=True))
    assert teacher == f"{origin}/{BUILD_DOCENT.name}/chapters/seksuele-uitbuiting.html#{anchor}"

    page.goto(student)
    assert page.locator(f"[id='{anchor}']").count() == 1, "the student link's section does not exist"
    assert page.locator(".oz-edition-banner").count() == 0, "the student link opened the teacher edition"
    assert page.locator(".solution").count() == 0


def test_a_case_exercise_check_is_recorded_and_exported(browser_page, book_url, tmp_path):
    """The «controleer» exercise of Andrei's case: answer it right, reload, see it counted."""
    page = browser_page
    chapter = "chapters/arbeidsuitbuiting.html"
    solution = (ROOT / "chapters" / "arbeidsuitbuiting.md").read_text(encoding="utf-8")
    # The right list is the solution's own analysis (the text before «Controleer»), not the code's.
    body = re.search(r"```\{solution\} arbeidsuitbuiting-opgave-casus\n(.*?)\n```", solution, re.S).group(1)
    subs = sorted({int(s) for s in re.findall(r"(\d)°", body.partition("Controleer")[0])})
    right = "sub " + ", ".join(f"{s}°" for s in subs[:-1]) + f" en {subs[-1]}°"

    page.goto(book_url(chapter))
    card = page.locator(".oz-explainer-check-arbeidsuitbuiting-opgave-casus")
    card.wait_for(timeout=TIMEOUT)
    card.get_by_role("button", name=right, exact=True).click()
    verdict = card.locator(".oz-verdict .oz-verdict-text")
    verdict.filter(has_text="Goed.").wait_for(timeout=TIMEOUT)
    title = card.locator(".oz-title").first.inner_text().strip()
    chapter_title = page.locator("main article h1").first.inner_text().replace("#", "").strip()
    page.reload()

    page.goto(book_url(ROUTE))
    row = page.locator(".oz-progress-table tr", has=page.get_by_role("link", name=chapter_title, exact=False))
    row.first.wait_for(timeout=TIMEOUT)
    assert row.first.locator("td").all_inner_texts()[2] == "1 van 1 goed"
    with page.expect_download() as info:
        page.get_by_role("button", name="Exporteer mijn voortgang").click()
    markdown = open(info.value.path(), encoding="utf-8").read()
    assert f"- {title}: goed" in markdown, markdown
    assert "## Quiz en opgaven" in markdown
    assert_private(page)
