"""The art. 273f explainers in the built book, clicked in headless Chromium.

For every explainer and every combination of its controls, the verdict the static
page shows (no kernel, no server besides static files) must equal the legal model's
verdict for that combination (``onzichtbaar.explainers.expected_verdicts``). Each
explainer starts from a fresh page load; for every combination every control is
clicked explicitly, so the shown state never depends on the previous combination.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from onzichtbaar import explainers as ex

PAGE = ex.PAGE
SPECS = {spec.name: spec for spec in ex.ALL_SPECS}
# Widgets render asynchronously after load; generous, since CI shares two cores.
RENDER_TIMEOUT_MS = 20_000
SWITCH_TIMEOUT_MS = 5_000
ACTIVE = re.compile(r"\bmod-active\b")  # the class ipywidgets gives the selected ToggleButton


def open_page(page, book_url, built_book):
    if not (built_book / PAGE).exists():
        pytest.fail(f"{PAGE} is not in the built book: is chapters/wat-is-mensenhandel in _toc.yml?")
    page.goto(book_url(PAGE), wait_until="networkidle")
    page.locator(".oz-verdict-text").first.wait_for(state="visible", timeout=RENDER_TIMEOUT_MS)


def explainer_box(page, name: str):
    box = page.locator(f".oz-explainer-{name}")
    expect(box).to_have_count(1)
    return box


def option_button(box, control: str, label: str):
    return box.locator(f".oz-control-{control}").get_by_role("button", name=label, exact=True)


def choose(box, labels: dict[str, str]) -> None:
    for control, label in labels.items():
        button = option_button(box, control, label)
        button.click()
        expect(button).to_have_class(ACTIVE, timeout=SWITCH_TIMEOUT_MS)


def shown_verdict(box):
    verdict = box.locator(".oz-verdict .oz-verdict-text")
    expect(verdict).to_have_count(1, timeout=SWITCH_TIMEOUT_MS)
    return verdict


@pytest.mark.parametrize("name", list(SPECS))
def test_every_combination_shows_the_models_verdict(browser_page, book_url, built_book, name):
    open_page(browser_page, book_url, built_book)
    box = explainer_box(browser_page, name)
    rows = ex.expected_verdicts(SPECS[name])
    # The first combination is what a fresh page shows before any click.
    expect(shown_verdict(box)).to_have_text(rows[0][1], timeout=SWITCH_TIMEOUT_MS)
    for labels, text in rows:
        choose(box, labels)
        expect(shown_verdict(box), f"{name} {labels}").to_have_text(text, timeout=SWITCH_TIMEOUT_MS)
    assert browser_page.oz_log.console_errors == []


def test_every_explainer_on_the_page_is_tested(browser_page, book_url, built_book):
    open_page(browser_page, book_url, built_book)
    classes = browser_page.eval_on_selector_all(
        "[class*='oz-explainer-']",
        "els => els.flatMap(e => [...e.classList].filter(c => c.startsWith('oz-explainer-')))",
    )
    assert sorted(c.removeprefix("oz-explainer-") for c in classes) == sorted(SPECS)


FOCUS_STYLE = """el => {
  const s = getComputedStyle(el);
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
  return {outline, shadow: s.boxShadow !== 'none', focusVisible: el.matches(':focus-visible')};
}"""


def tab_until(page, target, limit: int = 60) -> None:
    """Press Tab until ``target`` has the focus (fails after ``limit`` presses)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if target.evaluate("el => el === document.activeElement"):
            return
    pytest.fail(f"{target} was not reached with {limit} Tab presses")


def test_controls_work_with_the_keyboard_and_show_focus(browser_page, book_url, built_book):
    page = browser_page
    open_page(page, book_url, built_book)
    box = explainer_box(page, "mensenhandel")
    # Start keyboard navigation at the explainer's title (not focusable itself).
    box.locator(".oz-title").click()
    first = option_button(box, "mh-handeling", "nee")
    tab_until(page, first)
    style = first.evaluate(FOCUS_STYLE)
    assert style["focusVisible"] and (style["outline"] or style["shadow"]), f"no visible focus: {style}"

    rows = {tuple(labels.values()): text for labels, text in ex.expected_verdicts(ex.MENSENHANDEL)}
    yes = option_button(box, "mh-handeling", "ja")
    tab_until(page, yes, limit=3)
    page.keyboard.press("Space")
    expect(shown_verdict(box)).to_have_text(rows[("ja", "nee", "geen van beide", "18 of ouder")])

    purpose = option_button(box, "mh-oogmerk", "uitbuiting")
    tab_until(page, purpose, limit=10)
    page.keyboard.press("Enter")
    expect(shown_verdict(box)).to_have_text(rows[("ja", "nee", "uitbuiting", "18 of ouder")])
