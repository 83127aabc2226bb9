"""Benchmark: fit every model the MSE chapter considers (not a test).

Each repeat clears the in-process cache and runs ``mse.analyse`` on the six-list
table: stepwise selection plus all models of the sensitivity analysis, each with
its profile-likelihood interval. Also times the explorer's extra models (those
with the non-estimable I×K interaction) and the p < 0.02 variant of the rule.

Run: .venv/bin/python scripts/bench_mse.py [--repeats 5]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import pandas as pd

from onzichtbaar import mse

ROOT = Path(__file__).resolve().parent.parent

TABLE = ROOT / "data" / "raw" / "ned_list_overlaps_2010_2015.csv"


def fit_everything(table: pd.DataFrame) -> int:
    """All fits of the chapter; returns how many distinct models were fitted."""
    analysis = mse.analyse(table)
    mse.stepwise(table, p_stop=0.02)
    explorer_models = mse.subsets(analysis.strongest + (("I", "K"),))
    for model in explorer_models:
        mse.fit_model(table, model)
    return mse._fit_cells.cache_info().currsize


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    table = pd.read_csv(TABLE)
    times = []
    for _ in range(args.repeats):
        mse.clear_cache()
        start = time.perf_counter()
        fitted = fit_everything(table)
        times.append(time.perf_counter() - start)
    print(f"fits per run (distinct model x interval flag): {fitted}")
    print(f"repeats: {args.repeats}")
    print(f"seconds: median {statistics.median(times):.2f}, min {min(times):.2f}, max {max(times):.2f}")


if __name__ == "__main__":
    main()
