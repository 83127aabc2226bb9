"""The MSE explorer: every leaf of the widget tree shows the verdict of its own model."""

from __future__ import annotations

import html
import itertools
import re

import ipywidgets as w
import pandas as pd
import pytest

from onzichtbaar import ROOT, mse

VERDICT = re.compile(r'<span class="oz-verdict-text">(.*?)</span>')
PAIRS = [("O", "Z"), ("P", "Z"), ("I", "K")]


@pytest.fixture(scope="module")
def dutch() -> pd.DataFrame:
    return pd.read_csv(ROOT / "data" / "raw" / "ned_list_overlaps_2010_2015.csv")


def verdict_root(box: w.Widget) -> w.Widget:
    found = [c for c in box.children if "oz-verdict" in c._dom_classes]
    assert len(found) == 1
    return found[0]


def test_every_combination_shows_its_own_model(dutch):
    root = verdict_root(mse.explorer(dutch, PAIRS))
    for switches in itertools.product([0, 1], repeat=len(PAIRS)):
        node = root
        for index in switches:
            assert isinstance(node, w.Stack)
            node = node.children[index]
        terms = [p for p, on in zip(PAIRS, switches) if on]
        expected = mse.verdict_text(mse.fit_model(dutch, terms))
        assert VERDICT.findall(node.value) == [html.escape(expected)]


def test_non_estimable_combinations_say_so(dutch):
    text = mse.verdict_text(mse.fit_model(dutch, [("I", "K")]))
    assert text.startswith("Niet schatbaar")
    assert "nan" not in text


def test_estimable_verdict_shows_rounded_estimate_and_interval(dutch):
    fit = mse.fit_model(dutch, [("O", "Z")])
    text = mse.verdict_text(fit)
    # Independent rounding check: hundreds with Dutch thousands separator.
    expected = f"{round(fit.total, -2):,.0f}".replace(",", ".")
    assert expected in text and "95%-interval" in text
