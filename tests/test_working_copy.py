"""The explainers work before the widget runtime has arrived (issue #14, item 4).

Every explainer page starts with a working copy of each explainer (``_ext/widget_fallback.py``,
``_static/oz-page.js``): real buttons that change the verdict without the 1.9 MB widget
runtime. With the runtime blocked, a click in the copy must show the verdict the spec gives
for that combination (``onzichtbaar.widgets.expected_verdicts``), with the chosen option's
note; «Begin opnieuw»/«Opnieuw» brings back the start. With the runtime late, a choice
made in the copy must survive the swap to the live widget.
"""

from __future__ import annotations

import itertools
import re

import pytest
from playwright.sync_api import expect

from onzichtbaar import widgets

from conftest import EDITIONS, LAPTOP
from test_accessibility import AXE, axe_violations, describe

PAGES = (
    "chapters/wat-is-mensenhandel.html",
    "chapters/hoeveel-zien-we-niet.html",
    "chapters/het-grootste-deel-zien-we-niet.html",
    "chapters/arbeidsuitbuiting.html",
)
REGISTERED = widgets.registered_explainers()
DRAWN_MS = 30_000
ACTIVE = re.compile(r"\bmod-active\b")
TEXT = "el => el.textContent.replace(/\\s+/g, ' ').trim()"


def on_page(page_path: str) -> list[widgets.RegisteredExplainer]:
    return [r for r in REGISTERED if r.page == page_path]


def verdict_table(spec) -> dict[tuple[int, ...], str]:
    """Shown verdict text by the tuple of option indices (``expected_verdicts`` order)."""
    indices = itertools.product(*(range(len(c.options)) for c in spec.choices))
    return {combo: text for combo, (_, text) in zip(indices, widgets.expected_verdicts(spec))}


def note_text(spec, choice_index: int, option: int) -> str | None:
    choice = spec.choices[choice_index]
    if choice.name not in spec.notes:
        return None
    return widgets.shown_text(spec.notes[choice.name](choice.options[option][1]))


def copy_card(page, name: str):
    card = page.locator(f'.oz-static-default .oz-s-card[data-oz-explainer="{name}"]')
    expect(card).to_have_count(1)
    return card


def copy_option(card, control: int, option: int):
    return card.locator(".oz-s-options").nth(control).locator("button.oz-s-option").nth(option)


def copy_verdict(card, box: str = ".oz-s-verdict", text: str = ".oz-s-verdict-text") -> str:
    """The verdict as the reader sees it: the marked sentence if there is one, else all of it."""
    verdict = card.locator(box).first
    marked = verdict.locator(text)
    return (marked if marked.count() else verdict).evaluate(TEXT)


def open_without_runtime(browser, book_url, page_path):
    context = browser.new_context(locale="nl-NL", **LAPTOP)
    page = context.new_page()
    page.route("**/embed.js", lambda route: route.abort())
    page.goto(book_url(page_path))
    page.wait_for_load_state("load")
    return context, page


@pytest.mark.parametrize("edition", EDITIONS, indirect=True)
@pytest.mark.parametrize("page_path", PAGES)
def test_the_copy_works_without_the_widget_runtime(browser, book_url, built_book, page_path, edition):
    explainers = on_page(page_path)
    assert explainers, f"no registered explainer on {page_path}"
    context, page = open_without_runtime(browser, book_url, page_path)
    try:
        assert page.locator(".jupyter-widgets").count() == 0  # the runtime really is blocked
        assert page.locator("[aria-hidden='true'] button, [aria-hidden='true'] [tabindex]").count() == 0
        for registered in explainers:
            spec = registered.make_spec()
            verdicts = verdict_table(spec)
            card = copy_card(page, registered.name)
            groups = card.locator(".oz-s-options")
            assert groups.count() == len(spec.choices), registered.name
            start = tuple(
                next(
                    i
                    for i in range(groups.nth(p).locator("button").count())
                    if groups.nth(p).locator("button").nth(i).get_attribute("aria-pressed") == "true"
                )
                for p in range(len(spec.choices))
            )
            assert copy_verdict(card) == verdicts[start], f"{registered.name} before any click"
            chosen = list(start)
            for p, choice in enumerate(spec.choices):  # every control to another option, one by one
                chosen[p] = (start[p] + 1) % len(choice.options)
                button = copy_option(card, p, chosen[p])
                button.click()
                expect(button).to_have_attribute("aria-pressed", "true")
                assert groups.nth(p).locator("[aria-pressed='true']").count() == 1
                label = f"{registered.name} {[spec.choices[q].options[i][0] for q, i in enumerate(chosen)]}"
                assert copy_verdict(card) == verdicts[tuple(chosen)], label
                note = note_text(spec, p, chosen[p])
                if note is not None:
                    shown = card.locator(f'.oz-s-follow[data-oz-control="{p}"] > div:not([hidden])')
                    expect(shown).to_have_count(1)
                    assert shown.evaluate(TEXT) == note, label
            card.locator(".oz-s-reset button").click()
            assert copy_verdict(card) == verdicts[start], f"{registered.name} after the reset"
            assert [
                groups.nth(p).locator("button").nth(i).get_attribute("aria-pressed") for p, i in enumerate(start)
            ] == ["true"] * len(start)
    finally:
        context.close()


@pytest.mark.parametrize("edition", EDITIONS, indirect=True)
@pytest.mark.parametrize("page_path", PAGES)
def test_a_choice_in_the_copy_survives_the_swap_to_the_live_widget(browser, book_url, built_book, page_path, edition):
    registered = on_page(page_path)[0]
    spec = registered.make_spec()
    verdicts = verdict_table(spec)
    context = browser.new_context(locale="nl-NL", **LAPTOP)
    page = context.new_page()
    held = []
    page.route("**/embed.js", lambda route: held.append(route))  # the runtime arrives when the test says so
    try:
        page.goto(book_url(page_path), wait_until="commit")
        card = copy_card(page, registered.name)
        chosen = [0] * len(spec.choices)
        for p, choice in enumerate(spec.choices):
            chosen[p] = len(choice.options) - 1
            copy_option(card, p, chosen[p]).click()
        expected = verdicts[tuple(chosen)]
        assert copy_verdict(card) == expected
        assert page.locator(".jupyter-widgets").count() == 0
        for _ in range(100):  # the request for the runtime is held by the route above
            if held:
                break
            page.wait_for_timeout(50)
        assert held, "the page never asked for embed.js"
        expect(card).to_be_visible()
        for route in held:
            route.continue_()
        page.unroute("**/embed.js")
        page.wait_for_function(
            "[...document.querySelectorAll('.oz-static')].every(s => s.classList.contains('oz-drawn'))",
            timeout=DRAWN_MS,
        )
        live = page.locator(f".oz-explainer-{registered.name}")
        expect(live).to_be_visible()
        expect(card).to_be_hidden()
        for p, choice in enumerate(spec.choices):
            button = live.locator(f".oz-control-{choice.name}").get_by_role(
                "button", name=choice.options[chosen[p]][0], exact=True
            )
            expect(button).to_have_class(ACTIVE)
        assert copy_verdict(live, ".oz-verdict", ".oz-verdict-text") == expected
    finally:
        context.close()


@pytest.mark.parametrize("edition", EDITIONS, indirect=True)
def test_the_copies_pass_axe_before_the_runtime_arrives(browser, book_url, built_book, edition):
    """What a reader has for the first seconds must meet WCAG 2.1 AA too, not only the live cards."""
    axe_source = AXE.read_text(encoding="utf-8")
    pages = sorted({r.page for r in REGISTERED})
    failures = {}
    for page_path in pages:
        context, page = open_without_runtime(browser, book_url, page_path)
        try:
            assert page.locator(".oz-static-default .oz-s-card").count() > 0, page_path
            violations = axe_violations(page, axe_source)
        finally:
            context.close()
        if violations:
            failures[page_path] = describe(violations)
    assert not failures, "\n".join(f"{path}:\n{text}" for path, text in failures.items())
