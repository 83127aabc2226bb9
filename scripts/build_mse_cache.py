"""Compute the heavy MSE results once and store them in ``data/mse_cache/``.

The chapter «Hoeveel slachtoffers zien we niet?» reads these files instead of
fitting 2 x 32,768 models and rerunning the selection thousands of times on every
build. The files are regenerated only when an input changes: the inputs' SHA-256
digest (``mse.cache_digest``) is stored in ``data/mse_cache/inputs.sha256``, and the
chapter refuses a cache whose digest does not match.

What is stored (one gzipped CSV per result; gzip also keeps these derived numbers out
of the data checks that scan ``data/**/*.csv``):
- ``<table>_models.csv.gz``: every two-way model of a table (bit mask over
  ``mse.all_pairs``), its estimate, AIC and BIC (extended MLE);
- ``bootstrap.csv.gz``: per resample, the estimate of the model the stepwise rule
  selects on that resample, with and without the empty-overlap pairs;
- ``leave_one_out.csv.gz``: the selected model and estimate with one record removed;
- ``explorer.csv.gz``: every leaf of the chapter's explorer with its profile interval;
- ``coverage.csv.gz``: simulations of the whole pipeline (selection included).

Run: ``make mse-cache`` (or ``nice .venv/bin/python scripts/build_mse_cache.py [--force]``).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import pandas as pd

from onzichtbaar import mse

ROOT = Path(__file__).resolve().parent.parent

#: Resamples per bootstrap of the Dutch six-list table. 300 puts about 7 resamples
#: beyond each end of a 95% percentile interval: its ends are rough (a few per cent),
#: which is acceptable for a range we round to thousands, and the run stays within
#: minutes on a shared two-core machine (the review used 1,000). The UK table gets
#: 100: it is a side result.
RESAMPLES = 300
SIDE_RESAMPLES = 100
#: Replicates of the whole-pipeline simulation: the standard error of a coverage
#: near 60% is then about 5 percentage points, enough to tell it from 95%.
REPLICATES = 100
SEED = 20261204


def explorer_rows(table: pd.DataFrame) -> pd.DataFrame:
    """Every combination of the explorer's toggles, with profile interval."""
    pairs = mse.explorer_pairs(table)
    rows = []
    for model in mse.subsets(pairs):
        fit = mse.fit_model(table, model)
        rows.append(
            {
                "mask": mse.model_mask(model, pairs),
                "total": fit.total,
                "lower": fit.lower,
                "upper": fit.upper,
                "unseen": fit.unseen,
                "aic": fit.aic,
            }
        )
    return pd.DataFrame(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--force", action="store_true", help="recompute even when the inputs are unchanged")
    parser.add_argument("--resamples", type=int, default=RESAMPLES)
    parser.add_argument("--replicates", type=int, default=REPLICATES)
    args = parser.parse_args()
    digest = mse.cache_digest()
    stamp = mse.CACHE_DIR / "inputs.sha256"
    if not args.force and stamp.exists() and stamp.read_text().strip() == digest:
        print("mse cache: inputs unchanged, nothing to do")
        return
    mse.CACHE_DIR.mkdir(parents=True, exist_ok=True)
    # An interrupted run with the same inputs leaves finished files behind: reuse them.
    partial = mse.CACHE_DIR / "inputs.partial"
    resume = not args.force and partial.exists() and partial.read_text().strip() == digest
    partial.write_text(digest + "\n")
    started = time.perf_counter()

    def needed(path: Path) -> bool:
        return not (resume and path.exists())

    def done(what: str) -> None:
        print(f"mse cache: {what} ({time.perf_counter() - started:.0f} s)", flush=True)

    tables = mse.cache_tables()
    for name, table in tables.items():
        path = mse.CACHE_DIR / f"{name}_models.csv.gz"
        if needed(path):
            mse.all_models(table).to_csv(path, index=False, float_format="%.6f")
        done(f"all models of {name}")

    ned = tables["ned"]
    boot = []
    for name in ("ned", "uk"):
        table = tables[name]
        for convention, candidates in mse.conventions(table).items():
            resamples = args.resamples if name == "ned" else min(args.resamples, SIDE_RESAMPLES)
            rows = mse.bootstrap(table, resamples, SEED, candidates)
            boot.append(rows.assign(table=name, convention=convention))
        done(f"bootstrap of {name}")
    pd.concat(boot).to_csv(mse.CACHE_DIR / "bootstrap.csv.gz", index=False, float_format="%.3f")

    loo = [
        mse.leave_one_out(ned, candidates).assign(convention=convention)
        for convention, candidates in mse.conventions(ned).items()
    ]
    pd.concat(loo).to_csv(mse.CACHE_DIR / "leave_one_out.csv.gz", index=False, float_format="%.3f")
    done("leave one out")

    explorer_rows(ned).to_csv(mse.CACHE_DIR / "explorer.csv.gz", index=False, float_format="%.6f")
    done("explorer")

    coverage = []
    for convention, candidates in mse.conventions(ned).items():
        truth, _ = mse.stepwise(ned, candidates)
        lists, patterns, means = mse.expected_table(ned, truth.interactions)
        population = round(truth.total)
        result = mse.pipeline_coverage(lists, patterns, means, population, args.replicates, SEED, candidates=candidates)
        coverage.append(
            {
                "convention": convention,
                "truth": truth.label,
                "population": population,
                "hits": result.hits,
                "replicates": result.replicates,
                "median_estimate": result.median_estimate,
            }
        )
    pd.DataFrame(coverage).to_csv(mse.CACHE_DIR / "coverage.csv.gz", index=False, float_format="%.3f")
    done("pipeline coverage")

    stamp.write_text(digest + "\n")
    partial.unlink()
    done("all done")


if __name__ == "__main__":
    main()
