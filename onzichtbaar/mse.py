"""Multiple systems estimation (MSE) of a hidden population from list overlaps.

Input is an overlap table: one 0/1 column per list and a count column giving how
many people have exactly that pattern of appearing on the lists. People on no list
are never seen; MSE estimates how many of them there are by fitting a log-linear
Poisson model to the observed patterns (statsmodels GLM) and extrapolating it to
the all-zero pattern.

Model: log E[count of pattern x] = b0 + sum_j a_j x_j + sum_(j,k) c_jk x_j x_k over
the chosen pairwise interactions. The unseen pattern x = 0 has expected count
exp(b0), so the estimated population is ``observed + exp(b0)``.

Conventions used by the book (stated in the chapter):
- Patterns absent from the table are observed zeros (the table leaves them out).
- A model is *not estimable* ("niet schatbaar") when its maximum likelihood
  estimate does not exist: some parameter runs off to minus infinity because the
  zeros in the table leave it unbounded, typically an interaction between two lists
  that share no person. We detect this exactly with a linear program (the check of
  Chan, Silverman & Vincent) instead of trusting a fit that "converged".
- 95% intervals are profile-likelihood intervals for the population size from the
  multinomial likelihood (Cormack 1992): every N whose likelihood, with the model
  refitted to the table completed with N - observed unseen people, is within the
  chi-square(1) 95% quantile of the best.
- Model selection (``stepwise``): start from independence; at each step try every
  estimable pairwise interaction not yet in the model, take the one with the
  lowest AIC, and add it only if it lowers the AIC and its likelihood-ratio test
  against the current model has p < 0.05. Stop otherwise.
"""

from __future__ import annotations

import functools
import itertools
import math
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import statsmodels.api as sm
from scipy import optimize, special, stats

#: Count column of the overlap table (as in the raw file).
COUNT_COLUMN = "frequency"

#: Significance level of the likelihood-ratio stop in ``stepwise``.
P_STOP = 0.05

#: Confidence level of the profile-likelihood intervals.
LEVEL = 0.95

Pair = tuple[str, str]


class OverlapTableError(ValueError):
    """The overlap table cannot be used for MSE; the message names row and column."""


# --------------------------------------------------------------------------- input


def list_columns(table: pd.DataFrame, count_column: str = COUNT_COLUMN) -> list[str]:
    """The list columns of ``table``: every column except the count column."""
    return [str(c) for c in table.columns if c != count_column]


def validate(table: pd.DataFrame, count_column: str = COUNT_COLUMN, lists: Sequence[str] | None = None,
             source: str = "overlap table") -> pd.DataFrame:
    """Check an overlap table and return a clean integer copy.

    Raises ``OverlapTableError`` naming the column and (1-based data) row for:
    a missing count column or list column, fewer than two lists, non-0/1 list
    values, missing/negative/non-integer counts, a repeated pattern, the all-zero
    pattern, and a list on which nobody appears.
    """
    if not isinstance(table, pd.DataFrame):
        raise OverlapTableError(f"{source}: expected a pandas DataFrame, got {type(table).__name__}")
    if count_column not in table.columns:
        raise OverlapTableError(f"{source}: count column {count_column!r} is missing; columns are {list(table.columns)}")
    found = list_columns(table, count_column)
    if lists is None:
        lists = found
    missing = [name for name in lists if name not in table.columns]
    if missing:
        raise OverlapTableError(f"{source}: list column(s) {missing} missing; columns are {list(table.columns)}")
    extra = [name for name in found if name not in lists]
    if extra:
        raise OverlapTableError(f"{source}: unexpected column(s) {extra}; expected lists {list(lists)} and {count_column!r}")
    if len(lists) < 2:
        raise OverlapTableError(f"{source}: MSE needs at least two lists, got {list(lists)}")
    if table.empty:
        raise OverlapTableError(f"{source}: the table has no rows")

    clean = pd.DataFrame(index=range(len(table)))
    for name in list(lists) + [count_column]:
        clean[name] = _integer_column(table[name], name, source)
    for name in lists:
        bad = clean.index[~clean[name].isin([0, 1])]
        if len(bad):
            row = bad[0]
            raise OverlapTableError(
                f"{source}: row {row + 1}, column {name!r}: list membership must be 0 or 1, got {clean.at[row, name]}")
    negative = clean.index[clean[count_column] < 0]
    if len(negative):
        row = negative[0]
        raise OverlapTableError(
            f"{source}: row {row + 1}, column {count_column!r}: negative count {clean.at[row, count_column]}")
    patterns = clean[list(lists)]
    all_zero = clean.index[patterns.sum(axis=1) == 0]
    if len(all_zero):
        raise OverlapTableError(
            f"{source}: row {all_zero[0] + 1}: the all-zero pattern (on no list) cannot be observed; "
            "it is what MSE estimates, so it must not be in the table")
    duplicated = clean.index[patterns.duplicated(keep="first")]
    if len(duplicated):
        raise OverlapTableError(
            f"{source}: row {duplicated[0] + 1}: pattern {tuple(patterns.loc[duplicated[0]])} appears twice")
    for name in lists:
        if clean.loc[clean[name] == 1, count_column].sum() == 0:
            raise OverlapTableError(f"{source}: column {name!r}: nobody appears on list {name!r}")
    return clean[list(lists) + [count_column]]


def _integer_column(column: pd.Series, name: str, source: str) -> pd.Series:
    """``column`` as int64, or an error naming the first offending row."""
    values = pd.to_numeric(column, errors="coerce").reset_index(drop=True)
    raw = column.reset_index(drop=True)
    for row in range(len(values)):
        value = values[row]
        if pd.isna(value):
            raise OverlapTableError(f"{source}: row {row + 1}, column {name!r}: missing or non-numeric value {raw[row]!r}")
        if float(value) != math.floor(float(value)):
            raise OverlapTableError(f"{source}: row {row + 1}, column {name!r}: not a whole number: {raw[row]!r}")
    return values.astype("int64")


def observed_total(table: pd.DataFrame, count_column: str = COUNT_COLUMN) -> int:
    """The number of records in the table (people seen on at least one list)."""
    return int(validate(table, count_column)[count_column].sum())


def overlap(table: pd.DataFrame, a: str, b: str, count_column: str = COUNT_COLUMN) -> int:
    """How many people are on both list ``a`` and list ``b`` (and possibly others)."""
    clean = validate(table, count_column)
    return int(clean.loc[(clean[a] == 1) & (clean[b] == 1), count_column].sum())


def all_pairs(lists: Sequence[str]) -> list[Pair]:
    """Every pairwise interaction of the lists, in a fixed order."""
    return list(itertools.combinations(lists, 2))


def pair_label(pair: Pair) -> str:
    """``('I', 'K')`` -> ``'I×K'``."""
    return "×".join(pair)


def model_label(interactions: Iterable[Pair]) -> str:
    """A short name for a model: ``onafhankelijk`` or ``'O×P + P×Z'``."""
    interactions = list(interactions)
    return " + ".join(pair_label(p) for p in interactions) if interactions else "onafhankelijk"


# ---------------------------------------------------------------------- the table


@dataclass(frozen=True)
class _Cells:
    """All 2^k - 1 observable patterns with their counts; hashable for caching."""

    lists: tuple[str, ...]
    patterns: tuple[tuple[int, ...], ...]
    counts: tuple[int, ...]

    @property
    def total(self) -> int:
        return sum(self.counts)


def _cells(table: pd.DataFrame, count_column: str = COUNT_COLUMN) -> _Cells:
    """The complete table: patterns the input leaves out get count 0."""
    clean = validate(table, count_column)
    lists = tuple(list_columns(clean, count_column))
    given = {tuple(int(v) for v in row[:-1]): int(row[-1]) for row in clean.itertuples(index=False)}
    patterns = tuple(p for p in itertools.product((0, 1), repeat=len(lists)) if any(p))
    return _Cells(lists, patterns, tuple(given.get(p, 0) for p in patterns))


def _design(cells: _Cells, interactions: Sequence[Pair]) -> np.ndarray:
    """Design matrix: intercept, one column per list, one per interaction."""
    x = np.asarray(cells.patterns, dtype=float)
    index = {name: i for i, name in enumerate(cells.lists)}
    columns = [np.ones(len(x))] + [x[:, j] for j in range(x.shape[1])]
    columns += [x[:, index[a]] * x[:, index[b]] for a, b in interactions]
    return np.column_stack(columns)


def _mle_exists(design: np.ndarray, counts: np.ndarray) -> bool:
    """Whether the Poisson maximum likelihood estimate is finite.

    It is not if some direction d in parameter space keeps the fit of every
    positive cell unchanged (X_pos d = 0) while lowering the fit of some zero
    cells (X_zero d <= 0, not all 0): moving along d always increases the
    likelihood, so the estimate runs off to infinity. A linear program looks for
    such a direction.
    """
    zero = counts == 0
    if not zero.any():
        return True
    x_pos, x_zero = design[~zero], design[zero]
    result = optimize.linprog(
        c=x_zero.sum(axis=0),  # minimise sum(X_zero d) = maximise how far the zero cells are pushed down
        A_ub=np.vstack([x_zero, -x_zero]),
        b_ub=np.concatenate([np.zeros(len(x_zero)), np.ones(len(x_zero))]),  # -1 <= X_zero d <= 0
        A_eq=x_pos if len(x_pos) else None,
        b_eq=np.zeros(len(x_pos)) if len(x_pos) else None,
        bounds=[(None, None)] * design.shape[1],
        method="highs",
    )
    if result.status != 0:
        raise RuntimeError(f"existence check failed: {result.message}")
    return result.fun > -1e-7


# -------------------------------------------------------------------------- fitting


@dataclass(frozen=True)
class ModelFit:
    """One fitted log-linear model. Numbers are ``nan`` when not estimable."""

    interactions: tuple[Pair, ...]
    estimable: bool
    reason: str
    observed: int
    unseen: float
    total: float
    lower: float
    upper: float
    aic: float
    deviance: float
    df_resid: int
    coefficients: tuple[tuple[str, float], ...] = ()

    @property
    def label(self) -> str:
        return model_label(self.interactions)

    def as_row(self) -> dict:
        return {
            "model": self.label,
            "interactions": len(self.interactions),
            "estimable": self.estimable,
            "observed": self.observed,
            "unseen": self.unseen,
            "total": self.total,
            "lower": self.lower,
            "upper": self.upper,
            "aic": self.aic,
            "deviance": self.deviance,
            "df_resid": self.df_resid,
            "reason": self.reason,
        }


def _glm(counts: np.ndarray, design: np.ndarray, offset: np.ndarray | None = None, start=None):
    """A Poisson GLM fit with log link (statsmodels IRLS)."""
    model = sm.GLM(counts, design, family=sm.families.Poisson(), offset=offset)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # convergence and overflow warnings are checked by the caller
        return model.fit(start_params=start, maxiter=100, tol=1e-10)


def _not_estimable(cells: _Cells, interactions: tuple[Pair, ...], reason: str) -> ModelFit:
    nan = float("nan")
    return ModelFit(interactions, False, reason, cells.total, nan, nan, nan, nan, nan, nan, 0)


@functools.lru_cache(maxsize=4096)
def _fit_cells(cells: _Cells, interactions: tuple[Pair, ...], interval: bool) -> ModelFit:
    counts = np.asarray(cells.counts, dtype=float)
    design = _design(cells, interactions)
    if np.linalg.matrix_rank(design) < design.shape[1]:
        return _not_estimable(cells, interactions, "parameters not identifiable (design matrix not of full rank)")
    if not _mle_exists(design, counts):
        empty = [pair_label(p) for p in interactions if not _pair_overlap(cells, p)]
        why = (f"lists {', '.join(empty)} share no person, so their interaction runs to minus infinity"
               if empty else "the zero cells make a parameter run to minus infinity")
        return _not_estimable(cells, interactions, f"no finite maximum likelihood estimate: {why}")
    fit = _glm(counts, design)
    b0 = float(fit.params[0])
    if not np.all(np.isfinite(fit.params)) or not fit.converged:
        return _not_estimable(cells, interactions, "the fit did not converge")
    lower, upper = _profile_interval(counts, design, fit) if interval else (float("nan"), float("nan"))
    names = ["constant", *cells.lists, *(pair_label(p) for p in interactions)]
    unseen = math.exp(b0)
    return ModelFit(
        interactions=interactions,
        estimable=True,
        reason="",
        observed=cells.total,
        unseen=unseen,
        total=cells.total + unseen,
        lower=cells.total + lower,
        upper=cells.total + upper,
        aic=float(fit.aic),
        deviance=float(fit.deviance),
        df_resid=int(fit.df_resid),
        coefficients=tuple(zip(names, (float(v) for v in fit.params))),
    )


def _pair_overlap(cells: _Cells, pair: Pair) -> int:
    a, b = (cells.lists.index(name) for name in pair)
    return sum(c for p, c in zip(cells.patterns, cells.counts) if p[a] and p[b])


def _profile_interval(counts: np.ndarray, design: np.ndarray, fit, level: float = LEVEL) -> tuple[float, float]:
    """Profile-likelihood interval for the number of unseen people (Cormack 1992).

    For a candidate population size N the unseen cell gets count N - n and the
    model is refitted to all 2^k cells; with the intercept free, the fitted
    cell probabilities mu / N give the multinomial log-likelihood
    log N! - log (N - n)! + sum y log(mu / N). The interval holds every N whose
    log-likelihood is within half the chi-square(1) quantile of the maximum. Unlike
    an interval for exp(b0) alone, it also counts the chance variation in how many
    people happen to be missed. Returns (lower, upper) as unseen counts; the upper
    end is infinite when the likelihood never drops far enough.
    """
    seen = float(counts.sum())
    drop = float(stats.chi2.ppf(level, df=1)) / 2
    full = np.vstack([np.eye(1, design.shape[1]), design])  # the unseen pattern: intercept only
    start = np.asarray(fit.params)

    def loglik(unseen: float) -> float:
        y = np.concatenate([[unseen], counts])
        mu = np.asarray(_glm(y, full, start=start).mu)
        total = seen + unseen
        positive = y > 0
        return float(special.gammaln(total + 1) - special.gammaln(unseen + 1)
                     + np.sum(y[positive] * np.log(mu[positive] / total)))

    guess = math.exp(float(fit.params[0]))
    spread = max(float(fit.bse[0]), 0.01) * guess  # rough standard error of the unseen count
    best = optimize.minimize_scalar(lambda u: -loglik(u), bounds=(0.0, guess + 20 * spread + 10), method="bounded",
                                    options={"xatol": 1e-3 * max(spread, 1.0)})
    best_unseen, peak = float(best.x), -float(best.fun)

    def excess(unseen: float) -> float:
        return peak - loglik(unseen) - drop

    lower = 0.0 if excess(0.0) < 0 else optimize.brentq(excess, 0.0, best_unseen, xtol=1e-3)
    inner, outer = best_unseen, best_unseen + 3 * spread + 1
    while excess(outer) < 0:
        inner, outer = outer, outer + 2 * (outer - best_unseen)
        if outer > 1e12:
            return lower, math.inf
    return lower, optimize.brentq(excess, inner, outer, xtol=1e-3)


def fit_model(table: pd.DataFrame, interactions: Iterable[Pair] = (), interval: bool = True,
              count_column: str = COUNT_COLUMN) -> ModelFit:
    """Fit the log-linear model with the given pairwise interactions.

    Results are cached in-process per (table, model), so refitting is free.
    """
    cells = _cells(table, count_column)
    chosen = _normalise(cells.lists, interactions)
    return _fit_cells(cells, chosen, interval)


def _normalise(lists: Sequence[str], interactions: Iterable[Pair]) -> tuple[Pair, ...]:
    """Interactions in canonical order, each pair in list order; errors for unknown lists."""
    order = {name: i for i, name in enumerate(lists)}
    pairs = set()
    for pair in interactions:
        if len(pair) != 2 or pair[0] == pair[1]:
            raise ValueError(f"an interaction joins two different lists, got {pair!r}")
        unknown = [name for name in pair if name not in order]
        if unknown:
            raise ValueError(f"interaction {pair!r}: unknown list(s) {unknown}; lists are {list(lists)}")
        pairs.add(tuple(sorted(pair, key=order.get)))
    return tuple(sorted(pairs, key=lambda p: (order[p[0]], order[p[1]])))


def fit_models(table: pd.DataFrame, models: Iterable[Iterable[Pair]], interval: bool = True,
               count_column: str = COUNT_COLUMN) -> pd.DataFrame:
    """Fit several models; one row per model (see ``ModelFit.as_row``)."""
    return pd.DataFrame([fit_model(table, m, interval, count_column).as_row() for m in models])


# ------------------------------------------------------------------------ selection


@dataclass(frozen=True)
class Step:
    """One step of the stepwise search: the best candidate and the verdict."""

    step: int
    candidate: Pair | None
    aic_before: float
    aic_after: float
    lr_statistic: float
    p_value: float
    added: bool


def stepwise(table: pd.DataFrame, candidates: Iterable[Pair] | None = None, p_stop: float = P_STOP,
             count_column: str = COUNT_COLUMN) -> tuple[ModelFit, list[Step]]:
    """Forward selection of pairwise interactions (rule in the module docstring).

    Candidates whose model is not estimable are skipped at each step. Ties in
    AIC are broken by the fixed order of ``all_pairs``. Returns the selected
    model (with interval) and the steps taken.
    """
    cells = _cells(table, count_column)
    pool = _normalise(cells.lists, candidates if candidates is not None else all_pairs(cells.lists))
    current: tuple[Pair, ...] = ()
    current_fit = _fit_cells(cells, current, False)
    steps: list[Step] = []
    while True:
        tried = [(pair, _fit_cells(cells, _normalise(cells.lists, current + (pair,)), False))
                 for pair in pool if pair not in current]
        tried = [(pair, fit) for pair, fit in tried if fit.estimable]
        if not tried:
            break
        pair, best = min(tried, key=lambda item: item[1].aic)
        statistic = current_fit.deviance - best.deviance
        p_value = float(stats.chi2.sf(statistic, df=1))
        added = best.aic < current_fit.aic and p_value < p_stop
        steps.append(Step(len(steps) + 1, pair, current_fit.aic, best.aic, statistic, p_value, added))
        if not added:
            break
        current, current_fit = best.interactions, best
    return _fit_cells(cells, current, True), steps


def steps_table(steps: Sequence[Step]) -> pd.DataFrame:
    """The stepwise search as a table (one row per step)."""
    return pd.DataFrame([
        {
            "stap": s.step,
            "kandidaat": pair_label(s.candidate) if s.candidate else "",
            "AIC voor": s.aic_before,
            "AIC na": s.aic_after,
            "LR-toets": s.lr_statistic,
            "p": s.p_value,
            "toegevoegd": "ja" if s.added else "nee",
        }
        for s in steps
    ])


def subsets(pairs: Sequence[Pair]) -> list[tuple[Pair, ...]]:
    """Every subset of ``pairs`` (2^len models), smallest first."""
    return [combo for size in range(len(pairs) + 1) for combo in itertools.combinations(pairs, size)]


# --------------------------------------------------------------- two lists by hand


def lincoln_petersen(on_first: int, on_second: int, on_both: int) -> float:
    """The two-list estimate N = n1 * n2 / m (Lincoln–Petersen)."""
    if min(on_first, on_second, on_both) < 0:
        raise ValueError("counts cannot be negative")
    if on_both == 0:
        raise ValueError("with no one on both lists the two-list estimate is infinite")
    if on_both > min(on_first, on_second):
        raise ValueError("more people on both lists than on one of them")
    return on_first * on_second / on_both


# ------------------------------------------------------------------ simulation


def simulate_lists(population: int, probabilities: Sequence[float], rng: np.random.Generator,
                   names: Sequence[str] | None = None) -> pd.DataFrame:
    """An overlap table for ``population`` people caught independently by each list.

    Person i is on list j with probability ``probabilities[j]``, independently.
    """
    names = list(names) if names is not None else [f"L{j + 1}" for j in range(len(probabilities))]
    caught = rng.random((population, len(probabilities))) < np.asarray(probabilities)
    seen = caught[caught.any(axis=1)].astype(int)
    table = pd.DataFrame(seen, columns=names).value_counts().rename(COUNT_COLUMN).reset_index()
    return table


# ------------------------------------------------------------- the book's analysis


@dataclass(frozen=True)
class Analysis:
    """Everything the chapter shows: selection, and all models considered."""

    selected: ModelFit
    steps: tuple[Step, ...]
    strongest: tuple[Pair, ...]
    models: pd.DataFrame


def analyse(table: pd.DataFrame, size: int = 6, p_stop: float = P_STOP,
            count_column: str = COUNT_COLUMN) -> Analysis:
    """Stepwise selection plus the sensitivity set of models.

    The models considered are: independence; every single pairwise interaction;
    every model on the stepwise path; every subset of the first ``size``
    interactions that the stepwise rule adds (the "strongest"; 2^size models).
    ``models`` has one row per distinct model with flags saying why it is there.
    """
    cells = _cells(table, count_column)
    selected, steps = stepwise(table, p_stop=p_stop, count_column=count_column)
    path = [s.candidate for s in steps if s.added]
    strongest = tuple(path[:size])
    entries: dict[tuple[Pair, ...], dict] = {}

    def consider(interactions, flag, value=True):
        key = _normalise(cells.lists, interactions)
        entries.setdefault(key, {"single": False, "path_step": pd.NA, "subset": False, "selected": False})
        entries[key][flag] = value

    consider((), "single", False)
    for pair in all_pairs(cells.lists):
        consider((pair,), "single")
    for step in range(len(path) + 1):
        consider(path[:step], "path_step", step)
    for combo in subsets(strongest):
        consider(combo, "subset")
    consider(selected.interactions, "selected")
    rows = []
    for key, flags in entries.items():
        rows.append({**_fit_cells(cells, key, True).as_row(), **flags, "terms": key})
    models = pd.DataFrame(rows).sort_values(["interactions", "model"], kind="stable").reset_index(drop=True)
    return Analysis(selected, tuple(steps), strongest, models)


def clear_cache() -> None:
    """Forget every fitted model (for benchmarks)."""
    _fit_cells.cache_clear()


# ------------------------------------------------------------------ the explorer

#: Dutch names of the six lists of the Dutch table (from the dataset's documentation).
LIST_NAMES = {
    "I": "Inspectie SZW",
    "K": "Koninklijke Marechaussee",
    "O": "opvang",
    "P": "Nationale Politie",
    "R": "regionale zorgcoördinatoren",
    "Z": "overige melders",
}


def rounded(value: float) -> str:
    """An estimate to the nearest hundred, Dutch style: the models are not more precise."""
    from onzichtbaar.dutch import number

    return number(round(value, -2))


def verdict_text(fit: ModelFit) -> str:
    """The plain-text verdict the explorer shows for one model."""
    from onzichtbaar.dutch import number

    if not fit.estimable:
        return "Niet schatbaar: twee gekozen lijsten hebben niemand gemeen, dus het model kan hun samenhang niet meten."
    return (f"Geschat aantal slachtoffers 2010–2015: {rounded(fit.total)} "
            f"(95%-interval {rounded(fit.lower)} tot {rounded(fit.upper)}); "
            f"daarvan niet gezien: ongeveer {rounded(fit.unseen)}. AIC: {number(fit.aic, 1)}.")


def control_name(pair: Pair) -> str:
    """CSS-safe name of the explorer's toggle for ``pair``."""
    return "mse-" + "".join(pair)


def explorer(table: pd.DataFrame, pairs: Sequence[Pair], names: dict[str, str] | None = None,
             count_column: str = COUNT_COLUMN):
    """A kernel-free explorer: one yes/no toggle per interaction, every model precomputed."""
    import html

    from onzichtbaar.dutch import number
    from onzichtbaar.widgets import explainer, yes_no

    names = names or LIST_NAMES
    cells = _cells(table, count_column)
    pairs = list(pairs)

    def note(pair):
        a, b = pair
        together = number(_pair_overlap(cells, pair))
        return lambda on: (
            f"Aan: het model mag meten dat {names[a]} en {names[b]} vaker of minder vaak samen iemand zien "
            f"dan bij toeval. Op beide lijsten: {together}." if on
            else f"Uit: het model neemt aan dat {names[a]} en {names[b]} los van elkaar melden.")

    def verdict(*switched_on):
        fit = fit_model(table, [p for p, on in zip(pairs, switched_on) if on], count_column=count_column)
        return (f'<p class="oz-mse-model">Model: {html.escape(fit.label)}</p>'
                f'<p><span class="oz-verdict-text">{html.escape(verdict_text(fit))}</span></p>')

    choices = [yes_no(control_name(p), f"{pair_label(p)} ({names[p[0]]} en {names[p[1]]})") for p in pairs]
    return explainer("Kies de interacties en zie de schatting", choices, verdict,
                     notes={control_name(p): note(p) for p in pairs}, name="mse")
