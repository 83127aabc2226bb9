"""The numbers the MSE chapter (``chapters/hoeveel-zien-we-niet.md``) glues, one function per section.

Every function returns a dict of glue name -> Dutch text, exactly as the prose shows it
(``5.060``, ``25 %``, estimates to the nearest hundred); the chapter glues it with
:func:`onzichtbaar.chapter.glue_all`. The analysis itself (fitting, selection, averaging,
the cached bootstrap) is :mod:`onzichtbaar.mse`; this module only picks and formats.

- :func:`published` and :func:`reported`: the published estimates (table ``estimates``) and
  the registered counts of 2010–2015 (table ``victims_per_year``);
- :func:`two_lists`, :func:`lincoln_petersen_example`, :func:`exercises`: the fictitious
  two-list examples;
- :func:`table_facts`: the Dutch six-list table (``list_overlaps``);
- :class:`Analysis`: the models on the Dutch table and the UK check, from the cache
  ``data/mse_cache`` (``scripts/build_mse_cache.py``), with one method per section.

>>> two_lists("lp", 200, 150, 30)["lp_total"]
'1.000'
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping

import numpy as np
import pandas as pd

from onzichtbaar import mse
from onzichtbaar.data import load
from onzichtbaar.dutch import number, percent

#: The two candidate sets of :func:`onzichtbaar.mse.conventions`.
WITH, WITHOUT = "with_empty_pairs", "without_empty_pairs"
#: The Dutch table adds up six years of registrations (2010–2015).
YEARS = 6
#: Home Office (2014) on the UK 2013 table: «between 10 thousand and 13 thousand, in total»
#: (``data/raw/uk_2013_six_lists.md``).
UK_PUBLISHED = (10_000, 13_000)
#: The fictitious two-list example of the chapter (on A, on B, on both) and of exercise 1.
LINCOLN_PETERSEN_EXAMPLE = (200, 150, 30)
EXERCISE_EXAMPLE = (120, 90, 27)
#: The sources of CoMensha's yearly counts 2010–2015 that the chapter cites.
COMENSHA_SOURCES = {"LASTRADA_2011", "COMENSHA_jaarcijfers2013", "ACTUEEL_20130412", "COMENSHA_jaarbeeld2016"}
#: The source line under the chapter's figures.
SOURCE_LINE = "Bron: overlaptabel van zes lijsten, 2010–2015 (SparseMSE, dataset Ned); eigen berekening."

Texts = dict[str, str]


def _rounded(values: Mapping[str, float]) -> Texts:
    """:func:`onzichtbaar.mse.rounded` (nearest hundred) for every value."""
    return {name: mse.rounded(value) for name, value in values.items()}


def _numbers(values: Mapping[str, float], decimals: int = 0) -> Texts:
    return {name: number(value, decimals) for name, value in values.items()}


# --- the data ------------------------------------------------------------------------------------


def dutch_overlaps() -> pd.DataFrame:
    """The Dutch six-list table (``list_overlaps``): one 0/1 column per list and ``frequency``."""
    package = load("list_overlaps")
    if set(package["source_id"]) != {"SPARSEMSE_Ned"}:
        raise ValueError("list_overlaps: expected only rows of source SPARSEMSE_Ned")
    return package[list(mse.LIST_NAMES) + [mse.COUNT_COLUMN]]


def published_estimate(estimates: pd.DataFrame, start: int, end: int, scope: str, source_id: str) -> pd.Series:
    """One published MSE figure (a row of ``estimates``), found by period, scope and source."""
    rows = estimates[
        (estimates.method == "mse")
        & (estimates.period_start == start)
        & (estimates.period_end == end)
        & (estimates.scope == scope)
        & (estimates.source_id == source_id)
    ]
    if len(rows) != 1:
        raise ValueError(f"estimates: expected 1 row for {start}-{end}/{scope}/{source_id}, found {len(rows)}")
    return rows.iloc[0]


@functools.lru_cache(maxsize=1)
def _estimates() -> pd.DataFrame:
    return load("estimates")


def published_series() -> dict[str, pd.Series]:
    """The published estimates the chapter compares with (rows of ``estimates``, by short name)."""
    estimates = _estimates()
    return {
        "2014_2015": published_estimate(estimates, 2014, 2015, "total_per_year", "DR_news_20170928"),
        "range_2014_2015": published_estimate(estimates, 2014, 2015, "total_per_year", "NRM_news_20211130"),
        "2018_2019": published_estimate(estimates, 2018, 2019, "total_per_year", "WODC_20211129"),
        "ratio_2014_2015": published_estimate(estimates, 2014, 2015, "estimate_to_registered", "DR_news_20170928"),
        "ratio_2018_2019": published_estimate(estimates, 2018, 2019, "estimate_to_registered", "HETCCV_mse2021"),
        "2010": published_estimate(estimates, 2010, 2010, "total", "NOS_202111"),
        "2012": published_estimate(estimates, 2012, 2012, "total", "NOS_202111"),
    }


def published() -> Texts:
    """``pub_*`` and ``ratio_*``: the published estimates per year and their ratio to the registered."""
    rows = published_series()
    ratio = rows["ratio_2018_2019"]
    return {
        **_numbers(
            {
                "pub_2014_2015": rows["2014_2015"]["point"],
                "pub_low": rows["range_2014_2015"]["low"],
                "pub_high": rows["range_2014_2015"]["high"],
                "pub_2018_2019": rows["2018_2019"]["point"],
                "ratio_2014_2015": rows["ratio_2014_2015"]["point"],
                "pub_2010": rows["2010"]["point"],
                "pub_2012": rows["2012"]["point"],
            }
        ),
        "ratio_2018_2019": f"{number(ratio['low'])} à {number(ratio['high'])}",
    }


def comensha_reported() -> pd.Series:
    """CoMensha's own count of reported (possible) victims per year, 2010–2015 (index: year)."""
    per_year = load("victims_per_year")
    comensha = per_year[
        (per_year.series == "CoMensha") & (per_year.status == "current") & per_year.year.between(2010, 2015)
    ]
    if comensha.groupby("year")["count"].nunique().max() != 1:
        raise ValueError("victims_per_year: CoMensha sources disagree within a year")
    counts = comensha.groupby("year")["count"].first()
    if list(counts.index) != list(range(2010, 2016)):
        raise ValueError("victims_per_year: a year of 2010-2015 is missing in CoMensha's series")
    if not set(comensha.source_id) <= COMENSHA_SOURCES:
        raise ValueError(
            f"victims_per_year: CoMensha 2010-2015 has sources the chapter does not cite: "
            f"{sorted(set(comensha.source_id) - COMENSHA_SOURCES)}"
        )
    return counts


def reported() -> Texts:
    """``reported_*`` (CoMensha's own count) and ``nrm_2014``, ``nrm_2015`` (the Rapporteur's series)."""
    counts = comensha_reported()
    per_year = load("victims_per_year")
    nrm = per_year[(per_year.series == "NRM") & (per_year.status == "current")].groupby("year")["count"].first()
    return _numbers(
        {
            "reported_2010_2015": counts.sum(),
            "reported_2014": counts[2014],
            "reported_2015": counts[2015],
            "nrm_2014": nrm[2014],
            "nrm_2015": nrm[2015],
        }
    )


# --- two lists by hand ---------------------------------------------------------------------------


def two_lists(prefix: str, on_a: int, on_b: int, on_both: int) -> Texts:
    """A two-list example: the counts, the Lincoln–Petersen total, the seen and the unseen.

    >>> two_lists("ex", 120, 90, 27)
    {'ex_a': '120', 'ex_b': '90', 'ex_both': '27', 'ex_total': '400', 'ex_seen': '183', 'ex_unseen': '217'}
    """
    total = mse.lincoln_petersen(on_a, on_b, on_both)
    seen = on_a + on_b - on_both
    return _numbers(
        {
            f"{prefix}_a": on_a,
            f"{prefix}_b": on_b,
            f"{prefix}_both": on_both,
            f"{prefix}_total": total,
            f"{prefix}_seen": seen,
            f"{prefix}_unseen": total - seen,
        }
    )


def lincoln_petersen_example(
    on_a: int = LINCOLN_PETERSEN_EXAMPLE[0],
    on_b: int = LINCOLN_PETERSEN_EXAMPLE[1],
    on_both: int = LINCOLN_PETERSEN_EXAMPLE[2],
) -> Texts:
    """``lp_*``: the chapter's example, also with twice and with half the overlap."""
    return {
        **two_lists("lp", on_a, on_b, on_both),
        "lp_share_b_on_a": percent(on_both / on_b),
        **_numbers(
            {
                "lp_both_high": 2 * on_both,
                "lp_total_high": mse.lincoln_petersen(on_a, on_b, 2 * on_both),
                "lp_both_low": on_both // 2,
                "lp_total_low": mse.lincoln_petersen(on_a, on_b, on_both // 2),
            }
        ),
    }


def exercises(overlaps: pd.DataFrame) -> Texts:
    """``ex_*`` (exercise 1) and ``oz_total``, ``oz_overlap`` (the explorer exercise: only O×Z)."""
    return {
        **two_lists("ex", *EXERCISE_EXAMPLE),
        "oz_total": mse.rounded(mse.fit_model(overlaps, [("O", "Z")]).total),
        "oz_overlap": number(mse.overlap(overlaps, "O", "Z")),
    }


# --- the six-list table --------------------------------------------------------------------------


def table_facts(overlaps: pd.DataFrame) -> Texts:
    """The size of the table: registrations, lists, patterns, pairs; the share on one list;
    the difference with CoMensha's count of the same six years (``diff_reported``)."""
    lists = mse.list_columns(overlaps)
    observed = mse.observed_total(overlaps)
    only_one = overlaps[overlaps[lists].sum(axis=1) == 1]["frequency"].sum()
    return {
        **_numbers(
            {
                "observed": observed,
                "n_lists": len(lists),
                "n_patterns_possible": 2 ** len(lists) - 1,
                "n_patterns_seen": len(overlaps),
                "n_pairs": len(mse.all_pairs(lists)),
            }
        ),
        "share_one_list": percent(only_one / observed),
        "diff_reported": number(comensha_reported().sum() - observed),
    }


def fit_texts(prefix: str, fit: mse.ModelFit, observed: int) -> Texts:
    """``<prefix>_total``, ``_lower``, ``_upper`` (rounded) and ``_share_seen`` of one model."""
    return {
        **_rounded({f"{prefix}_total": fit.total, f"{prefix}_lower": fit.lower, f"{prefix}_upper": fit.upper}),
        f"{prefix}_share_seen": percent(observed / fit.total),
    }


def expected_on_both(overlaps: pd.DataFrame, fit: mse.ModelFit, pair: mse.Pair) -> float:
    """How many people a model expects on both lists of ``pair`` (all patterns with both)."""
    lists, patterns, means = mse.expected_table(overlaps, fit.interactions)
    a, b = (lists.index(name) for name in pair)
    return float(means[(patterns[:, a] == 1) & (patterns[:, b] == 1)].sum())


def _interval(values: pd.Series, quantiles: list[float]) -> np.ndarray:
    """The ``quantiles`` of ``values`` (pandas' linear interpolation), as an array."""
    return values.quantile(quantiles).to_numpy()


class Analysis:
    """The models of the chapter on one overlap table and the cache: computed once, on demand.

    The heavy results (every model, bootstrap, coverage, leave-one-out, the five-list and
    UK models) come from :func:`onzichtbaar.mse.read_cache`, which refuses a stale cache.
    """

    def __init__(self, overlaps: pd.DataFrame, cache: dict[str, pd.DataFrame] | None = None):
        self.overlaps = overlaps
        self.cache = mse.read_cache() if cache is None else cache
        self.observed = mse.observed_total(overlaps)
        self.empty = mse.empty_pairs(overlaps)
        self.conventions = mse.conventions(overlaps)

    # the models ------------------------------------------------------------------------------

    @functools.cached_property
    def independent(self) -> mse.ModelFit:
        """The model of independent lists."""
        return mse.fit_model(self.overlaps)

    @functools.cached_property
    def _stepwise_with(self):
        return mse.stepwise(self.overlaps, self.conventions[WITH])

    @property
    def selected(self) -> mse.ModelFit:
        """The model the fixed rule selects, I×K and K×R allowed."""
        return self._stepwise_with[0]

    @property
    def selected_steps(self) -> list[mse.Step]:
        """The steps of that selection (for :func:`onzichtbaar.mse.steps_table`)."""
        return self._stepwise_with[1]

    @functools.cached_property
    def selected_without(self) -> mse.ModelFit:
        """The model the fixed rule selects without the empty pairs."""
        return mse.stepwise(self.overlaps, self.conventions[WITHOUT])[0]

    def selected_in(self, convention: str) -> mse.ModelFit:
        """The selected model of one convention (:data:`WITH` or :data:`WITHOUT`)."""
        return self.selected if convention == WITH else self.selected_without

    @property
    def models(self) -> pd.DataFrame:
        """Every two-way model of the Dutch table (cache ``ned_models``)."""
        return self.cache["ned_models"]

    @functools.cached_property
    def without_mask(self) -> pd.Series:
        """Which of :attr:`models` leave out every empty pair."""
        pairs = mse.all_pairs(mse.list_columns(self.overlaps))
        return self.models["mask"] & mse.model_mask(self.empty, pairs) == 0

    @functools.cached_property
    def averaged(self) -> dict[tuple[str, str], mse.Averaged]:
        """Model averages by (convention, criterion)."""
        return {
            (conv, crit): mse.average(self.models, crit, None if conv == WITH else self.without_mask)
            for conv in (WITH, WITHOUT)
            for crit in ("aic", "bic")
        }

    @functools.cached_property
    def boot(self) -> pd.DataFrame:
        """The bootstrap with model selection on the Dutch table (cache ``bootstrap``)."""
        return self.cache["bootstrap"].query("table == 'ned'")

    @functools.cached_property
    def boot_range(self) -> dict[str, np.ndarray]:
        """2.5 %, 50 % and 97.5 % of the bootstrap totals per convention."""
        return {conv: _interval(part["total"], [0.025, 0.5, 0.975]) for conv, part in self.boot.groupby("convention")}

    def headline(self, convention: str) -> tuple[float, float]:
        """The widest of the three ranges (AIC average, BIC average, bootstrap) of a convention."""
        aic, bic, boot = (
            self.averaged[(convention, "aic")],
            self.averaged[(convention, "bic")],
            self.boot_range[convention],
        )
        return min(aic.low, bic.low, boot[0]), max(aic.high, bic.high, boot[2])

    # the sections ----------------------------------------------------------------------------

    def independent_texts(self) -> Texts:
        """``ind_*``: the model of independent lists."""
        return {**fit_texts("ind", self.independent, self.observed), "ind_unseen": mse.rounded(self.independent.unseen)}

    def empty_pair_texts(self) -> Texts:
        """The pairs that share nobody: expected overlap without them, the estimate and AIC gain with one."""
        texts = {
            "empty_pairs": " en ".join(mse.pair_label(p) for p in self.empty),
            "n_empty_pairs": number(len(self.empty)),
        }
        for pair in self.empty:
            key = "".join(pair).lower()
            alone = mse.fit_model(self.overlaps, [pair], interval=False)
            texts |= {
                f"expect_{key}": number(expected_on_both(self.overlaps, self.independent, pair), 1),
                f"alone_{key}_total": mse.rounded(alone.total),
                f"alone_{key}_gain": number(self.independent.aic - alone.aic, 1),
            }
        return texts

    def selection_texts(self) -> Texts:
        """The fixed rule with and without the empty pairs (``sel_*``, ``selwo_*``)."""
        selected, without = self.selected, self.selected_without
        has_empty = "waaronder" if set(self.empty) <= set(selected.interactions) else "zonder"
        return {
            "n_selected": number(len(selected.interactions)),
            "n_selected_without": number(len(without.interactions)),
            "p_stop": number(mse.P_STOP, 2),
            "selected_has_empty": has_empty + " " + " en ".join(mse.pair_label(p) for p in self.empty),
            **fit_texts("sel", selected, self.observed),
            **fit_texts("selwo", without, self.observed),
            "sel_aic_gain": number(without.aic - selected.aic, 1),
        }

    def uncertainty_texts(self) -> Texts:
        """All models, model averaging, the bootstrap, the headline range and the coverage check."""
        models, boot = self.models, self.boot
        texts = {
            "n_models_all": number(len(models)),
            "n_models_without": number(int(self.without_mask.sum())),
            "n_resamples": number(boot.groupby("convention").size().iloc[0]),
            "bic_penalty": number(math.log(self.observed), 1),
            "bic_ratio": number(math.log(self.observed) / 2, 1),
        }
        for conv, tag in ((WITH, "m"), (WITHOUT, "z")):
            for crit in ("aic", "bic"):
                a = self.averaged[(conv, crit)]
                texts |= _rounded(
                    {
                        f"{crit}_{tag}_mean": a.mean,
                        f"{crit}_{tag}_low": a.low,
                        f"{crit}_{tag}_high": a.high,
                        f"{crit}_{tag}_best": a.best_total,
                    }
                )
            low, mid, high = self.boot_range[conv]
            part = boot[boot.convention == conv]
            texts |= {
                **_rounded({f"boot_{tag}_low": low, f"boot_{tag}_mid": mid, f"boot_{tag}_high": high}),
                f"boot_{tag}_same": percent((part["model"] == self.selected_in(conv).label).mean()),
                f"boot_{tag}_models": number(part["model"].nunique()),
            }
        (low, high), (low_wo, high_wo) = self.headline(WITH), self.headline(WITHOUT)
        texts |= _rounded(
            {
                "all_min": models["total"].min(),
                "all_max": models["total"].max(),
                "head_low": low,
                "head_high": high,
                "head_low_wo": low_wo,
                "head_high_wo": high_wo,
            }
        )
        coverage = self.cache["coverage"].set_index("convention")
        return texts | {
            "cover_m": percent(coverage.at[WITH, "hits"] / coverage.at[WITH, "replicates"]),
            "cover_z": percent(coverage.at[WITHOUT, "hits"] / coverage.at[WITHOUT, "replicates"]),
            "cover_reps": number(coverage.at[WITH, "replicates"]),
            "level": percent(mse.LEVEL),
        }

    def sensitivity_texts(self) -> Texts:
        """Leave one registration out (``loo_*``) and five lists instead of six (``five_*``)."""
        loo, texts = self.cache["leave_one_out"], {}
        for conv, tag in ((WITH, "m"), (WITHOUT, "z")):
            part, base = loo[loo.convention == conv], self.selected_in(conv)
            change = (part["total"] / base.total - 1).abs()
            texts |= {
                f"loo_{tag}_max": percent(change.max()),
                f"loo_{tag}_pattern": part.loc[change.idxmax(), "pattern"],
                f"loo_{tag}_changed": number(int((part["model"] != base.label).sum())),
            }
        texts["loo_patterns"] = number(loo[loo.convention == WITH].shape[0])
        merged = mse.smallest_lists(self.overlaps)
        five = mse.merge_lists(self.overlaps, *merged)
        texts["merged_lists"] = " en ".join(f"{mse.LIST_NAMES[name]} ({name})" for name in merged)
        five_models = self.cache["ned5_models"]
        five_pairs = mse.all_pairs(mse.list_columns(five))
        five_without = five_models["mask"] & mse.model_mask(mse.empty_pairs(five), five_pairs) == 0
        for conv, tag in ((WITH, "m"), (WITHOUT, "z")):
            texts[f"five_{tag}_sel"] = mse.rounded(mse.stepwise(five, mse.conventions(five)[conv])[0].total)
            for crit in ("aic", "bic"):
                texts[f"five_{tag}_{crit}"] = mse.rounded(
                    mse.average(five_models, crit, None if conv == WITH else five_without).mean
                )
        return texts

    def uk_texts(self, uk: pd.DataFrame | None = None) -> Texts:
        """The same method on the UK 2013 table (``uk_*``), beside the published range."""
        uk = mse.cache_tables()["uk"] if uk is None else uk
        uk_models = self.cache["uk_models"]
        uk_empty = mse.empty_pairs(uk)
        uk_without = uk_models["mask"] & mse.model_mask(uk_empty, mse.all_pairs(mse.list_columns(uk))) == 0
        uk_boot = self.cache["bootstrap"].query("table == 'uk'")
        texts = _numbers(
            {
                "uk_observed": mse.observed_total(uk),
                "uk_n_lists": len(mse.list_columns(uk)),
                "uk_n_empty": len(uk_empty),
                "uk_resamples": uk_boot.groupby("convention").size().iloc[0],
            }
        )
        for conv, tag in ((WITH, "m"), (WITHOUT, "z")):
            fit = mse.stepwise(uk, mse.conventions(uk)[conv])[0]
            texts |= _rounded(
                {f"uk_{tag}_sel": fit.total, f"uk_{tag}_sel_low": fit.lower, f"uk_{tag}_sel_high": fit.upper}
            )
            for crit in ("aic", "bic"):
                a = mse.average(uk_models, crit, None if conv == WITH else uk_without)
                texts |= _rounded(
                    {f"uk_{tag}_{crit}": a.mean, f"uk_{tag}_{crit}_low": a.low, f"uk_{tag}_{crit}_high": a.high}
                )
            low, high = _interval(uk_boot[uk_boot.convention == conv]["total"], [0.025, 0.975])
            texts |= _rounded({f"uk_{tag}_boot_low": low, f"uk_{tag}_boot_high": high})
        return texts | _numbers({"uk_pub_low": UK_PUBLISHED[0], "uk_pub_high": UK_PUBLISHED[1]})

    def per_year(self) -> dict[str, float]:
        """Our totals divided by the :data:`YEARS` the table covers (not rounded)."""
        (low, high), (low_wo, high_wo) = self.headline(WITH), self.headline(WITHOUT)
        totals = {
            "with_selected": self.selected.total,
            "without_selected": self.selected_without.total,
            "with_low": low,
            "with_high": high,
            "without_low": low_wo,
            "without_high": high_wo,
            "with_aic": self.averaged[(WITH, "aic")].mean,
            "with_bic": self.averaged[(WITH, "bic")].mean,
        }
        return {name: value / YEARS for name, value in totals.items()}

    def per_year_rows(self) -> list[tuple[str, float, float, float]]:
        """The bars of the per-year figure: (label, low, high, point), ours and the published."""
        ours, pub = self.per_year(), published_series()
        point_2018 = pub["2018_2019"]["point"]
        return [
            ("onze bandbreedte, met I×K en K×R", ours["with_low"], ours["with_high"], ours["with_selected"]),
            (
                "onze bandbreedte, zonder I×K en K×R",
                ours["without_low"],
                ours["without_high"],
                ours["without_selected"],
            ),
            (
                "gepubliceerd 2014–2015",
                pub["range_2014_2015"]["low"],
                pub["range_2014_2015"]["high"],
                pub["2014_2015"]["point"],
            ),
            ("gepubliceerd 2018–2019", point_2018, point_2018, point_2018),
        ]

    def per_year_texts(self) -> Texts:
        """``py_*`` (per year, rounded), ``years`` and the ratios to the registrations."""
        (low, high), observed = self.headline(WITH), self.observed
        return {
            **_rounded({f"py_{name}": value for name, value in self.per_year().items()}),
            "py_independent": mse.rounded(self.independent.total / YEARS),
            "years": number(YEARS),
            **_numbers(
                {
                    "ratio_with_selected": self.selected.total / observed,
                    "ratio_with_aicbest": self.averaged[(WITH, "aic")].best_total / observed,
                    "ratio_without_selected": self.selected_without.total / observed,
                    "ratio_head_low": low / observed,
                    "ratio_head_high": high / observed,
                },
                1,
            ),
        }
