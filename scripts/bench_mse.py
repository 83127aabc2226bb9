"""Benchmark of the MSE computations (not a test).

Times what the chapter does on every build (read the cache, run both selections
with their profile intervals) against what the cache saves (fitting all 32,768
two-way models, one bootstrap resample with reselection). Run under ``nice``.

Run: .venv/bin/python scripts/bench_mse.py [--repeats 3]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from onzichtbaar import mse

ROOT = Path(__file__).resolve().parent.parent


def timed(work, repeats: int) -> list[float]:
    times = []
    for _ in range(repeats):
        mse.clear_cache()
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return times


def report(name: str, times: list[float]) -> None:
    print(
        f"{name}: median {statistics.median(times):.2f} s (min {min(times):.2f}, max {max(times):.2f}, n={len(times)})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--all-models", action="store_true", help="also time all 32,768 fits (minutes)")
    args = parser.parse_args()
    table = mse.cache_tables()["ned"]

    def chapter_work():
        mse.read_cache()
        for candidates in mse.conventions(table).values():
            mse.stepwise(table, candidates)

    report("chapter: read cache + both selections with intervals", timed(chapter_work, args.repeats))
    report("one bootstrap resample (selection repeated)", timed(lambda: mse.bootstrap(table, 1, 0), args.repeats))
    if args.all_models:
        report("all 32,768 two-way models (cached in data/mse_cache)", timed(lambda: mse.all_models(table), 1))


if __name__ == "__main__":
    main()
