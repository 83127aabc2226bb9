"""The MSE explorer in the built book, clicked in headless Chromium.

The page is static: no kernel, only a static file server. The test walks all
combinations of the explorer's toggles in Gray-code order (one click per step) and
checks after every click that the verdict shown is the one of the model with
exactly the interactions that are switched on.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from onzichtbaar import explainers, mse
from onzichtbaar.data import load

PAGE = "chapters/hoeveel-zien-we-niet.html"
RENDER_TIMEOUT_MS = 20_000
SWITCH_TIMEOUT_MS = 5_000
ACTIVE = re.compile(r"\bmod-active\b")


def gray_code(bits: int) -> list[int]:
    """Indices of the bit to flip at each step so that every combination is visited once."""
    return [(step ^ (step >> 1) ^ (step - 1) ^ ((step - 1) >> 1)).bit_length() - 1 for step in range(1, 2 ** bits)]


def test_gray_code_visits_every_combination():
    state, seen = 0, {0}
    for bit in gray_code(4):
        state ^= 1 << bit
        seen.add(state)
    assert seen == set(range(16))


def test_explorer_shows_the_model_of_every_combination(browser_page, book_url, built_book):
    if not (built_book / PAGE).exists():
        pytest.fail(f"{PAGE} is not in the built book: is chapters/hoeveel-zien-we-niet in _toc.yml?")
    page = browser_page
    page.goto(book_url(PAGE), wait_until="networkidle")
    box = page.locator(".oz-explainer-mse")
    expect(box).to_have_count(1)
    box.locator(".oz-verdict-text").first.wait_for(state="visible", timeout=RENDER_TIMEOUT_MS)

    table = load("list_overlaps")[list(mse.LIST_NAMES) + ["frequency"]]
    pairs = mse.explorer_pairs(table)
    leaves = mse.read_cache()["explorer"].set_index("mask")
    best = leaves["aic"].min()
    controls = page.eval_on_selector_all(
        ".oz-explainer-mse [class*='oz-control-mse-']",
        "els => els.flatMap(e => [...e.classList].filter(c => c.startsWith('oz-control-mse-')))",
    )
    assert controls == [f"oz-control-{explainers.mse_control_name(p)}" for p in pairs]

    def expected(terms):
        return explainers.mse_verdict_text(leaves.loc[mse.model_mask(terms, pairs)].to_dict(), best)

    def shown():
        verdict = box.locator(".oz-verdict .oz-verdict-text")
        expect(verdict).to_have_count(1, timeout=SWITCH_TIMEOUT_MS)
        return verdict

    switched = [False] * len(pairs)
    expect(shown()).to_have_text(expected([]))
    for bit in gray_code(len(pairs)):
        switched[bit] = not switched[bit]
        button = box.locator(f".oz-control-{explainers.mse_control_name(pairs[bit])}").get_by_role(
            "button", name="ja" if switched[bit] else "nee", exact=True)
        button.click()
        expect(button).to_have_class(ACTIVE, timeout=SWITCH_TIMEOUT_MS)
        terms = [p for p, on in zip(pairs, switched) if on]
        expect(shown(), f"interactions {terms}").to_have_text(expected(terms), timeout=SWITCH_TIMEOUT_MS)
    assert page.oz_log.console_errors == []
