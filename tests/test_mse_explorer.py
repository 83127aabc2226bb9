"""The MSE explorer: every leaf of the widget tree shows the verdict of its own model."""

from __future__ import annotations

import html
import itertools
import re

import ipywidgets as w
import pandas as pd
import pytest

from onzichtbaar import ROOT, explainers, mse

VERDICT = re.compile(r'<span class="oz-verdict-text">(.*?)</span>')
PAIRS = [("O", "Z"), ("P", "Z"), ("I", "K")]


@pytest.fixture(scope="module")
def dutch() -> pd.DataFrame:
    return pd.read_csv(ROOT / "data" / "raw" / "ned_list_overlaps_2010_2015.csv")


@pytest.fixture(scope="module")
def leaves(dutch) -> pd.DataFrame:
    rows = []
    for model in mse.subsets(PAIRS):
        fit = mse.fit_model(dutch, model)
        rows.append(
            {
                "mask": mse.model_mask(model, PAIRS),
                "total": fit.total,
                "lower": fit.lower,
                "upper": fit.upper,
                "unseen": fit.unseen,
                "aic": fit.aic,
            }
        )
    return pd.DataFrame(rows)


def verdict_root(box: w.Widget) -> w.Widget:
    found = [c for c in box.children if "oz-verdict" in c._dom_classes]
    assert len(found) == 1
    return found[0]


def test_every_combination_shows_its_own_model(dutch, leaves):
    root = verdict_root(explainers.mse_explorer(dutch, PAIRS, leaves, mse.LIST_NAMES))
    best = leaves["aic"].min()
    for switches in itertools.product([0, 1], repeat=len(PAIRS)):
        node = root
        for index in switches:
            assert isinstance(node, w.Stack)
            node = node.children[index]
        terms = [p for p, on in zip(PAIRS, switches) if on]
        fit = mse.fit_model(dutch, terms)
        expected = explainers.mse_verdict_text(
            {"total": fit.total, "lower": fit.lower, "upper": fit.upper, "unseen": fit.unseen, "aic": fit.aic}, best
        )
        assert VERDICT.findall(node.value) == [html.escape(expected)]


def test_empty_overlap_models_give_an_estimate_in_plain_words(dutch, leaves):
    """I×K has no shared person, yet the extended model gives a number, not «niet schatbaar»."""
    row = leaves.set_index("mask").loc[mse.model_mask([("I", "K")], PAIRS)]
    text = explainers.mse_verdict_text(row.to_dict(), leaves["aic"].min())
    assert "schatbaar" not in text and "nan" not in text
    assert "AIC" not in text and "×" not in text  # no jargon in the verdict (ux review #12)


def test_verdict_shows_rounded_estimate_and_interval(dutch, leaves):
    fit = mse.fit_model(dutch, [("O", "Z")])
    text = explainers.mse_verdict_text(
        {"total": fit.total, "lower": fit.lower, "upper": fit.upper, "unseen": fit.unseen, "aic": fit.aic},
        leaves["aic"].min(),
    )
    # Independent rounding check: hundreds with Dutch thousands separator.
    expected = f"{round(fit.total, -2):,.0f}".replace(",", ".")
    assert expected in text and "tussen" in text


def test_explorer_refuses_an_incomplete_set_of_leaves(dutch, leaves):
    with pytest.raises(ValueError, match="expected 8 precomputed models"):
        explainers.mse_explorer(dutch, PAIRS, leaves.iloc[:-1], mse.LIST_NAMES)
