"""The MSE estimator on simulated lists whose true population is known.

Tolerances are derived from the design, not from the code: with six independent
lists and these capture probabilities about 28% of the population is missed,
and the standard error of the estimate is well under 1% of N, so 3% is a
comfortable bound for one fixed seed.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from onzichtbaar import mse

POPULATION = 10_000
PROBABILITIES = (0.10, 0.15, 0.20, 0.25, 0.30, 0.12)
LISTS = ("A", "B", "C", "D", "E", "F")
TOLERANCE = 0.03


def simulate(seed: int, population: int = POPULATION) -> pd.DataFrame:
    return mse.simulate_lists(population, PROBABILITIES, np.random.default_rng(seed), LISTS)


def test_simulated_table_is_valid_and_counts_everyone_seen():
    table = simulate(1)
    missed_share = np.prod([1 - p for p in PROBABILITIES])  # about 0.28
    seen = mse.observed_total(table)
    assert abs(seen - POPULATION * (1 - missed_share)) < 4 * np.sqrt(POPULATION * missed_share * (1 - missed_share))


def test_independence_model_recovers_the_population():
    fit = mse.fit_model(simulate(2024))
    assert abs(fit.total - POPULATION) / POPULATION < TOLERANCE
    assert fit.lower < POPULATION < fit.upper
    assert fit.lower < fit.total < fit.upper


def test_profile_intervals_cover_the_true_population():
    """Over 100 simulations the 95% interval should hold N about 95 times.

    Binomial(100, 0.95) has standard deviation about 2.2, so fewer than 88 hits
    (more than 3 sd short) means the intervals are too narrow; widths above 10% of
    N would mean they are uselessly wide (the expected width is about 4%).
    """
    hits, widths = 0, []
    for seed in range(100):
        fit = mse.fit_model(simulate(10_000 + seed))
        hits += fit.lower <= POPULATION <= fit.upper
        widths.append((fit.upper - fit.lower) / POPULATION)
    assert hits >= 88, f"coverage {hits}/100"
    assert np.mean(widths) < 0.10


def dependent_lists(seed: int) -> pd.DataFrame:
    """Lists A and B positively dependent (being on A makes B five times likelier)."""
    rng = np.random.default_rng(seed)
    on_a = rng.random(POPULATION) < 0.2
    on_b = rng.random(POPULATION) < np.where(on_a, 0.5, 0.1)
    others = rng.random((POPULATION, 4)) < np.array(PROBABILITIES[2:])
    caught = np.column_stack([on_a, on_b, others]).astype(int)
    seen = caught[caught.any(axis=1)]
    return pd.DataFrame(seen, columns=LISTS).value_counts().rename("frequency").reset_index()


def test_ignoring_dependence_underestimates_and_the_interaction_repairs_it():
    table = dependent_lists(7)
    independent = mse.fit_model(table)
    with_interaction = mse.fit_model(table, [("A", "B")])
    # Positive dependence makes the lists look more complete than they are.
    assert independent.upper < POPULATION
    assert abs(with_interaction.total - POPULATION) / POPULATION < TOLERANCE


def test_stepwise_finds_the_dependent_pair_first():
    selected, steps = mse.stepwise(dependent_lists(8))
    assert steps[0].candidate == ("A", "B") and steps[0].added
    assert ("A", "B") in selected.interactions
    assert abs(selected.total - POPULATION) / POPULATION < TOLERANCE


def test_stepwise_on_independent_lists_adds_little():
    selected, steps = mse.stepwise(simulate(99))
    # Each of 15 true-null pairs passes p < 0.05 with chance about 5%; allow two.
    assert len(selected.interactions) <= 2
    assert not steps[-1].added


def test_two_lists_give_the_lincoln_petersen_estimate():
    """On two lists the independence model is exactly N = n1 * n2 / m."""
    table = pd.DataFrame({"A": [1, 0, 1], "B": [0, 1, 1], "frequency": [60, 140, 40]})
    fit = mse.fit_model(table)
    assert fit.total == pytest.approx(100 * 180 / 40, rel=1e-6)
    assert mse.lincoln_petersen(100, 180, 40) == pytest.approx(450)
