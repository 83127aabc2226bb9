"""MSE input checks and the real six-list table.

The expected total 8,234 comes from the table's documentation
(data/raw/ned_list_overlaps_2010_2015.md), not from the code.
"""

from __future__ import annotations

import pandas as pd
import pytest

from onzichtbaar import ROOT, mse

RAW_TABLE = ROOT / "data" / "raw" / "ned_list_overlaps_2010_2015.csv"
DOCUMENTED_TOTAL = 8_234


@pytest.fixture
def small() -> pd.DataFrame:
    return pd.DataFrame({"A": [1, 0, 1, 0], "B": [0, 1, 1, 0], "C": [0, 0, 1, 1], "frequency": [30, 50, 5, 20]})


@pytest.fixture(scope="module")
def dutch() -> pd.DataFrame:
    return pd.read_csv(RAW_TABLE)


def test_observed_total_matches_the_documentation(dutch):
    assert mse.observed_total(dutch) == DOCUMENTED_TOTAL
    fit = mse.fit_model(dutch)
    assert fit.observed == DOCUMENTED_TOTAL
    assert fit.total == pytest.approx(DOCUMENTED_TOTAL + fit.unseen)


def test_the_dutch_table_has_six_lists(dutch):
    assert mse.list_columns(mse.validate(dutch)) == ["I", "K", "O", "P", "R", "Z"]


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda t: t.drop(columns="frequency"), "count column 'frequency' is missing"),
        (lambda t: t.assign(frequency=[30, -1, 5, 20]), r"row 2, column 'frequency': negative count"),
        (lambda t: t.assign(frequency=[30, 50, 2.5, 20]), r"row 3, column 'frequency': not a whole number"),
        (lambda t: t.assign(frequency=["30", "veel", "5", "20"]), r"row 2, column 'frequency': missing or non-numeric"),
        (lambda t: t.assign(frequency=[30, None, 5, 20]), r"row 2, column 'frequency': missing"),
        (lambda t: t.assign(B=[0, 2, 1, 0]), r"row 2, column 'B': list membership must be 0 or 1"),
        (lambda t: t.assign(B=[0, 0, 0, 0]), r"row 2: the all-zero pattern"),
        (lambda t: t.assign(C=[0, 0, 0, 1], B=[1, 1, 1, 0]), r"row 3: pattern \(1, 1, 0\) appears twice"),
        (lambda t: t.assign(frequency=[30, 0, 5, 20], B=[0, 1, 0, 0]), r"column 'B': nobody appears on list 'B'"),
        (lambda t: t[["A", "frequency"]], "at least two lists"),
        (lambda t: t.iloc[0:0], "no rows"),
    ],
)
def test_degenerate_input_is_refused_with_row_and_column(small, change, message):
    with pytest.raises(mse.OverlapTableError, match=message):
        mse.fit_model(change(small))


def test_expected_lists_must_be_present(small):
    with pytest.raises(mse.OverlapTableError, match=r"list column\(s\) \['D'\] missing"):
        mse.validate(small, lists=["A", "B", "C", "D"])
    with pytest.raises(mse.OverlapTableError, match=r"unexpected column\(s\) \['C'\]"):
        mse.validate(small, lists=["A", "B"])


def test_valid_small_table_passes(small):
    assert mse.observed_total(small) == 105


def test_unknown_or_self_interaction_is_refused(small):
    with pytest.raises(ValueError, match="unknown list"):
        mse.fit_model(small, [("A", "Q")])
    with pytest.raises(ValueError, match="two different lists"):
        mse.fit_model(small, [("A", "A")])


def test_lists_without_common_people_get_a_minus_infinity_interaction(dutch):
    # Independent of the code under test: nobody is on both I and K.
    assert dutch.loc[(dutch.I == 1) & (dutch.K == 1), "frequency"].sum() == 0
    fit = mse.fit_model(dutch, [("I", "K")])
    assert fit.infinite == (("I", "K"),)
    assert "I×K" not in dict(fit.coefficients)  # fixed at minus infinity, not estimated
    assert fit.lower < fit.total < fit.upper


def test_stepwise_follows_its_rule(dutch):
    selected, steps = mse.stepwise(dutch)
    assert all(s.added for s in steps[:-1]) and not steps[-1].added
    assert steps[-1].p_value >= mse.P_STOP or steps[-1].aic_after >= steps[-1].aic_before
    assert [s.candidate for s in steps if s.added] == sorted(
        selected.interactions, key=[s.candidate for s in steps].index
    )


def test_interval_brackets_the_estimate_on_real_data(dutch):
    fit = mse.fit_model(dutch, [("O", "Z")])
    assert DOCUMENTED_TOTAL < fit.lower < fit.total < fit.upper


def test_interaction_order_does_not_matter(dutch):
    one = mse.fit_model(dutch, [("Z", "O"), ("P", "K")])
    two = mse.fit_model(dutch, [("K", "P"), ("O", "Z")])
    assert one.total == pytest.approx(two.total)


@pytest.mark.parametrize("args", [(10, 20, 0), (10, 20, 11), (-1, 5, 1)])
def test_lincoln_petersen_refuses_impossible_counts(args):
    with pytest.raises(ValueError):
        mse.lincoln_petersen(*args)


def test_data_package_table_gives_the_same_total():
    from onzichtbaar.data import load

    table = load("list_overlaps")
    assert mse.observed_total(table[["I", "K", "O", "P", "R", "Z", "frequency"]]) == DOCUMENTED_TOTAL
