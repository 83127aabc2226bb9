"""Every registered explainer of the built book, clicked in headless Chromium.

For every explainer in the registry (``onzichtbaar.widgets.registered_explainers``: the
art. 273f explainers and quiz, the exercises' check cards, the MSE explorer and the data
breakdown) and every combination of its controls, the verdict the static page shows (no
kernel, no server besides static files) must equal what its spec computes for that
combination (``onzichtbaar.widgets.expected_verdicts``). A new explainer is covered the
moment it is registered; ``tests/test_explainer_registry.py`` fails on a card in the book
that is not registered.

The combinations are walked in reflected Gray-code order: each step clicks one control,
so every combination is reached from a neighbour and a verdict that lags behind a click
is caught, in one page load per explainer.
"""

from __future__ import annotations

import itertools
import re

import pytest
from playwright.sync_api import expect

from onzichtbaar import explainers as ex
from onzichtbaar import widgets

REGISTERED = {r.name: r for r in widgets.registered_explainers()}
PAGE = ex.PAGE
# Widgets render asynchronously after load; generous, since CI shares two cores.
RENDER_TIMEOUT_MS = 20_000
SWITCH_TIMEOUT_MS = 5_000
ACTIVE = re.compile(r"\bmod-active\b")  # the class ipywidgets gives the selected ToggleButton

# The verdict as a reader sees it: the marked sentence if there is one, else the whole answer.
SHOWN_VERDICT = r"""box => {
  const verdict = box.querySelector('.oz-verdict');
  if (!verdict) return null;
  const marked = verdict.querySelector('.oz-verdict-text') || verdict;
  return marked.textContent.replace(/\s+/g, ' ').trim();
}"""


def gray_walk(radices: list[int]) -> list[tuple[int, ...]]:
    """Every combination of option indices, consecutive ones differing in one control."""
    if not radices:
        return [()]
    rest = gray_walk(radices[1:])
    return [(i, *tail) for i in range(radices[0]) for tail in (rest if i % 2 == 0 else rest[::-1])]


def test_gray_walk_visits_every_combination_one_change_at_a_time():
    walk = gray_walk([3, 2, 4])
    assert sorted(walk) == [(a, b, c) for a in range(3) for b in range(2) for c in range(4)]
    assert all(sum(x != y for x, y in zip(one, two)) == 1 for one, two in zip(walk, walk[1:]))


def open_page(page, book_url, built_book, path: str = PAGE):
    if not (built_book / path).exists():
        pytest.fail(f"{path} is not in the built book: is it in _toc.yml?")
    page.goto(book_url(path), wait_until="networkidle")
    page.locator(".oz-verdict").first.wait_for(state="visible", timeout=RENDER_TIMEOUT_MS)


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


def expect_verdict(box, text: str, where: str) -> None:
    try:
        box.page.wait_for_function(
            f"([box, text]) => ({SHOWN_VERDICT})(box) === text",
            arg=[box.element_handle(), text],
            timeout=SWITCH_TIMEOUT_MS,
        )
    except Exception:
        pytest.fail(f"{where}: expected {text!r}, the page shows {box.evaluate(SHOWN_VERDICT)!r}")


@pytest.mark.parametrize("name", list(REGISTERED))
def test_every_combination_shows_the_specs_verdict(browser_page, book_url, built_book, name):
    registered = REGISTERED[name]
    spec = registered.make_spec()
    open_page(browser_page, book_url, built_book, registered.page)
    box = explainer_box(browser_page, name)
    # expected_verdicts follows the order of itertools.product over the options.
    rows = widgets.expected_verdicts(spec)
    by_index = dict(zip(itertools.product(*(range(len(c.options)) for c in spec.choices)), rows))
    walk = gray_walk([len(c.options) for c in spec.choices])
    # The first combination is what a fresh page shows before any click.
    expect_verdict(box, by_index[walk[0]][1], f"{name} before any click")
    for previous, current in zip(walk, walk[1:]):
        changed = next(i for i, (a, b) in enumerate(zip(previous, current)) if a != b)
        labels, text = by_index[current]
        control = spec.choices[changed].name
        choose(box, {control: labels[control]})
        expect_verdict(box, text, f"{name} {labels}")
    assert browser_page.oz_log.console_errors == []


def test_every_explainer_on_the_page_is_tested(browser_page, book_url, built_book):
    open_page(browser_page, book_url, built_book)
    classes = browser_page.eval_on_selector_all(
        "[class*='oz-explainer-']",
        "els => els.flatMap(e => [...e.classList].filter(c => c.startsWith('oz-explainer-')))",
    )
    on_page = {name for name, r in REGISTERED.items() if r.page == PAGE}
    assert sorted(c.removeprefix("oz-explainer-") for c in classes) == sorted(on_page)


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
