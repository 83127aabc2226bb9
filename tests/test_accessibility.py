"""WCAG 2.1 AA on every page of the built book, in light and in dark mode.

axe-core (pinned in package.json, installed by ``npm ci``) runs inside headless
Chromium with the tags wcag2a, wcag2aa, wcag21a and wcag21aa; any violation fails
and is reported with its rule id, impact, element and axe's summary. No rule is
excluded: failures are fixed at their source (``_templates/``, ``_static/a11y.css``).

axe cannot see everything WCAG asks of the explainer controls, so the widget tests
below check it directly: an accessible name per button group and per button, the
chosen option exposed as ``aria-pressed``, operation with the keyboard alone and a
visible focus indicator.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import EDITIONS, ROOT, built_pages

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
MODES = ["light", "dark"]
PAGES = built_pages() + ["genindex.html", "search.html"]
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"

pytestmark = pytest.mark.parametrize("edition", list(EDITIONS), indirect=True)


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.exists():
        pytest.fail(f"{AXE.relative_to(ROOT)} is missing: run `npm ci` (make test does it)")
    return AXE.read_text(encoding="utf-8")


def open_in_mode(browser, url: str, mode: str):
    """A fresh context whose theme mode is set before the page's own scripts run."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    # pydata-sphinx-theme reads both keys in its first inline script and sets html[data-theme].
    context.add_init_script(f"localStorage.setItem('mode', '{mode}'); localStorage.setItem('theme', '{mode}');")
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    assert page.evaluate("document.documentElement.dataset.theme") == mode, (
        f"{url}: the page did not switch to {mode} mode"
    )
    wait_for_widgets(page)
    return context, page


def wait_for_widgets(page) -> None:
    """Wait until every embedded widget view is drawn and its controls are enhanced."""
    if not page.locator(f'script[type="{WIDGET_STATE}"]').count():
        return
    page.wait_for_function(
        """() => [...document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]')]
                 .every(s => s.parentElement.querySelector('.jupyter-widgets'))""",
        timeout=20_000,
    )
    page.wait_for_function(
        "() => [...document.querySelectorAll('.widget-toggle-buttons')].every(c => c.hasAttribute('data-oz-a11y'))",
        timeout=5_000,
    )


def axe_violations(page, axe_source: str) -> list[dict]:
    page.add_script_tag(content=axe_source)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_TAGS,
    )
    return result["violations"]


def describe(violations: list[dict], limit: int = 5) -> str:
    lines = []
    for violation in violations:
        lines.append(
            f"{violation['id']} ({violation['impact']}): {violation['help']} — {len(violation['nodes'])} element(s)"
        )
        for node in violation["nodes"][:limit]:
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"    {node['target']}: {summary}")
    return "\n".join(lines)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("page_path", PAGES)
def test_page_has_no_wcag_21_aa_violations(browser, book_url, built_book, axe_source, page_path, mode):
    if not (built_book / page_path).exists():
        pytest.fail(f"{page_path} was not built")
    context, page = open_in_mode(browser, book_url(page_path), mode)
    try:
        violations = axe_violations(page, axe_source)
    finally:
        context.close()
    assert violations == [], f"{page_path} in {mode} mode:\n{describe(violations)}"


# --- widget controls --------------------------------------------------------------------


def first_explainer_page(html_dir: Path) -> str | None:
    for page_path in built_pages():
        path = html_dir / page_path
        if path.exists() and "oz-explainer" in path.read_text(encoding="utf-8"):
            return page_path
    return None


@pytest.fixture
def explainer_page(browser, book_url, built_book):
    page_path = first_explainer_page(built_book)
    if page_path is None:
        pytest.skip("no page with an explainer is built yet")
    context, page = open_in_mode(browser, book_url(page_path), "light")
    yield page
    context.close()


def group_names(page) -> list[dict]:
    """Each button group's accessible name and its buttons' names and pressed states."""
    return page.evaluate(
        """() => [...document.querySelectorAll('.oz-explainer .widget-toggle-buttons')].map(control => {
            const group = control.querySelector(':scope > [role=group]');
            const label = group && document.getElementById(group.getAttribute('aria-labelledby') || '');
            return {
              name: label ? label.textContent.trim() : '',
              buttons: [...control.querySelectorAll('button')].map(b => ({
                name: b.textContent.trim(),
                pressed: b.getAttribute('aria-pressed'),
                active: b.classList.contains('mod-active'),
              })),
            };
        })"""
    )


def test_every_control_has_a_name_and_exposes_the_chosen_option(explainer_page):
    groups = group_names(explainer_page)
    assert groups, "the explainer page has no button groups"
    for group in groups:
        assert group["name"], f"a button group has no accessible name: {group}"
        assert all(button["name"] for button in group["buttons"]), f"a button has no name in {group['name']!r}"
        assert [b["pressed"] for b in group["buttons"]] == [str(b["active"]).lower() for b in group["buttons"]]
        assert sum(b["pressed"] == "true" for b in group["buttons"]) == 1, (
            f"{group['name']!r}: not exactly one option chosen"
        )


def verdict_text(page) -> str:
    return page.locator(".oz-explainer").first.locator(".oz-verdict").first.inner_text()


def test_controls_work_with_the_keyboard_and_show_focus(explainer_page):
    page = explainer_page
    explainer = page.locator(".oz-explainer").first
    first_button = explainer.locator(".widget-toggle-button").first
    first_button.scroll_into_view_if_needed()
    before = verdict_text(page)
    # Reach the first option by keyboard: focus what comes just before it, then Tab.
    first_button.evaluate("b => { b.focus(); b.blur(); }")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.closest('.widget-toggle-button') !== null")
    assert focused, "Tab does not move focus onto the explainer's option buttons"
    ring = page.evaluate(
        """() => { const s = getComputedStyle(document.activeElement);
                   return {style: s.outlineStyle, width: parseFloat(s.outlineWidth)}; }"""
    )
    assert ring["style"] != "none" and ring["width"] >= 2, f"no visible focus indicator on the focused option: {ring}"
    name = page.evaluate("document.activeElement.textContent.trim()")
    page.keyboard.press("Enter")
    # The pressed state follows the widget's class on the next animation frame: wait for it.
    page.wait_for_function("() => document.activeElement.getAttribute('aria-pressed') === 'true'", timeout=5_000)
    pressed = page.evaluate("document.activeElement.getAttribute('aria-pressed')")
    assert pressed == "true", f"Enter on option {name!r} did not choose it"
    page.wait_for_function(
        "before => document.querySelector('.oz-explainer .oz-verdict').innerText !== before", arg=before, timeout=5_000
    )
    assert verdict_text(page) != before
