"""Multiple systems estimation (MSE) of a hidden population from list overlaps.

Input is an overlap table: one 0/1 column per list and a count column giving how
many people have exactly that pattern of appearing on the lists. People on no list
are never seen; MSE estimates how many of them there are by fitting a log-linear
Poisson model to the observed patterns (our own Newton-Raphson: the tables are small
and some analyses need tens of thousands of fits) and extrapolating it to
the all-zero pattern.

Model: log E[count of pattern x] = b0 + sum_j a_j x_j + sum_(j,k) c_jk x_j x_k over
the chosen pairwise interactions. The unseen pattern x = 0 has expected count
exp(b0), so the estimated population is ``observed + exp(b0)``.

Conventions used by the book (stated in the chapter):
- Patterns absent from the table are observed zeros (the table leaves them out).
- Empty overlaps (extended MLE; Fienberg & Rinaldo 2012; Chan, Silverman & Vincent
  2021): when a model has an interaction between two lists that share nobody, the
  interaction is set to minus infinity, the cells on both lists are fitted as 0 and
  the rest is fitted without them. The estimate then exists if and only if some
  table with every remaining cell strictly positive has the same sufficient
  statistics (list totals and pair overlaps of the model) as the observed one;
  a linear program checks this, and ``NoEstimateError`` names the condition when it
  fails. The minus-infinity parameter still counts as a parameter in AIC and BIC.
- 95% intervals are profile-likelihood intervals for the population size from the
  multinomial likelihood (Cormack 1992): every N whose likelihood, with the model
  refitted to the table completed with N - observed unseen people, is within the
  chi-square(1) 95% quantile of the best. They are conditional on the model.
- Model selection (``stepwise``): start from independence; at each step try every
  candidate pairwise interaction not yet in the model, take the one with the
  lowest AIC, and add it only if it lowers the AIC and its likelihood-ratio test
  against the current model has p < 0.05. Stop otherwise.
- Model uncertainty: ``all_models`` fits every two-way model, ``average`` weights
  them by AIC or BIC (weights exp(-score/2)); ``bootstrap`` reruns the selection on
  every resample; ``leave_one_out`` removes one record at a time.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import optimize, special, stats

from onzichtbaar import ROOT

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


def validate(
    table: pd.DataFrame,
    count_column: str = COUNT_COLUMN,
    lists: Sequence[str] | None = None,
    source: str = "overlap table",
) -> pd.DataFrame:
    """Check an overlap table and return a clean integer copy.

    Raises ``OverlapTableError`` naming the column and (1-based data) row for:
    a missing count column or list column, fewer than two lists, non-0/1 list
    values, missing/negative/non-integer counts, a repeated pattern, the all-zero
    pattern, and a list on which nobody appears.
    """
    if not isinstance(table, pd.DataFrame):
        raise OverlapTableError(f"{source}: expected a pandas DataFrame, got {type(table).__name__}")
    if count_column not in table.columns:
        raise OverlapTableError(
            f"{source}: count column {count_column!r} is missing; columns are {list(table.columns)}"
        )
    found = list_columns(table, count_column)
    if lists is None:
        lists = found
    missing = [name for name in lists if name not in table.columns]
    if missing:
        raise OverlapTableError(f"{source}: list column(s) {missing} missing; columns are {list(table.columns)}")
    extra = [name for name in found if name not in lists]
    if extra:
        raise OverlapTableError(
            f"{source}: unexpected column(s) {extra}; expected lists {list(lists)} and {count_column!r}"
        )
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
                f"{source}: row {row + 1}, column {name!r}: list membership must be 0 or 1, got {clean.at[row, name]}"
            )
    negative = clean.index[clean[count_column] < 0]
    if len(negative):
        row = negative[0]
        raise OverlapTableError(
            f"{source}: row {row + 1}, column {count_column!r}: negative count {clean.at[row, count_column]}"
        )
    patterns = clean[list(lists)]
    all_zero = clean.index[patterns.sum(axis=1) == 0]
    if len(all_zero):
        raise OverlapTableError(
            f"{source}: row {all_zero[0] + 1}: the all-zero pattern (on no list) cannot be observed; "
            "it is what MSE estimates, so it must not be in the table"
        )
    duplicated = clean.index[patterns.duplicated(keep="first")]
    if len(duplicated):
        raise OverlapTableError(
            f"{source}: row {duplicated[0] + 1}: pattern {tuple(patterns.loc[duplicated[0]])} appears twice"
        )
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
            raise OverlapTableError(
                f"{source}: row {row + 1}, column {name!r}: missing or non-numeric value {raw[row]!r}"
            )
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


def _design(patterns: np.ndarray, lists: Sequence[str], interactions: Sequence[Pair]) -> np.ndarray:
    """Design matrix: intercept, one column per list, one per interaction."""
    x = np.asarray(patterns, dtype=float).reshape(-1, len(lists))
    index = {name: i for i, name in enumerate(lists)}
    columns = [np.ones(len(x))] + [x[:, j] for j in range(x.shape[1])]
    columns += [x[:, index[a]] * x[:, index[b]] for a, b in interactions]
    return np.column_stack(columns)


def _pair_overlap(cells: _Cells, pair: Pair) -> int:
    return _overlaps(cells)[pair]


@functools.lru_cache(maxsize=1024)
def _overlaps(cells: _Cells) -> dict[Pair, int]:
    """How many people each pair of lists shares."""
    patterns, counts = np.asarray(cells.patterns), np.asarray(cells.counts)
    index = {name: i for i, name in enumerate(cells.lists)}
    return {
        (a, b): int(counts[(patterns[:, index[a]] * patterns[:, index[b]]) > 0].sum())
        for a, b in all_pairs(cells.lists)
    }


def _positive_table_exists(design: np.ndarray, counts: np.ndarray) -> bool:
    """The existence condition of the (extended) maximum likelihood estimate.

    A Poisson log-linear model has a finite MLE exactly when some table with every
    cell strictly positive has the same sufficient statistics X'y as the observed
    one (Haberman 1974; Fienberg & Rinaldo 2012). The linear program maximises the
    smallest cell s of a table mu with X'mu = X'y; the MLE exists when s > 0. This is
    the form of the check in SparseMSE (Chan, Silverman & Vincent 2021).
    """
    if np.all(counts > 0):
        return True
    cells, params = design.shape
    # Variables: mu (one per cell) and s; maximise s <=> minimise -s.
    objective = np.zeros(cells + 1)
    objective[-1] = -1.0
    equal = np.hstack([design.T, np.zeros((params, 1))])
    smallest = np.hstack([-np.eye(cells), np.ones((cells, 1))])  # s - mu_i <= 0
    result = optimize.linprog(
        objective,
        A_ub=smallest,
        b_ub=np.zeros(cells),
        A_eq=equal,
        b_eq=design.T @ counts,
        bounds=[(0, None)] * cells + [(0, 1)],
        method="highs",
    )
    if result.status != 0:
        raise RuntimeError(f"existence check failed: {result.message}")
    return -result.fun > 1e-7


@dataclass(frozen=True)
class _Poisson:
    """A converged Poisson log-linear fit (our own Newton-Raphson: small tables, many fits)."""

    params: np.ndarray
    mu: np.ndarray
    loglik: float
    se_intercept: float


def _poisson_fit(counts: np.ndarray, design: np.ndarray, start: np.ndarray | None = None) -> _Poisson:
    """Maximise the Poisson log-likelihood by Newton-Raphson with step halving.

    Only called when the MLE is known to exist, so the iteration converges.
    """
    y = np.asarray(counts, dtype=float)
    beta = np.linalg.lstsq(design, np.log(y + 0.5), rcond=None)[0] if start is None else np.array(start, float)

    def loglik(b):
        eta = design @ b
        return float(np.sum(y * eta - np.exp(eta)))

    current = loglik(beta)
    for _ in range(200):
        mu = np.exp(design @ beta)
        hessian = design.T @ (mu[:, None] * design)
        step = np.linalg.solve(hessian, design.T @ (y - mu))
        for _ in range(40):  # halve the step until the likelihood does not fall
            trial = loglik(beta + step)
            if trial >= current - 1e-12:
                break
            step = step / 2
        beta, previous, current = beta + step, current, trial
        if np.max(np.abs(step)) < 1e-9 or abs(current - previous) < 1e-11:
            break
    else:
        raise RuntimeError("Newton-Raphson did not converge")
    mu = np.exp(design @ beta)
    covariance = np.linalg.inv(design.T @ (mu[:, None] * design))
    full = current - float(np.sum(special.gammaln(y + 1)))
    return _Poisson(beta, mu, full, float(math.sqrt(covariance[0, 0])))


class NoEstimateError(ValueError):
    """The model has no (extended) maximum likelihood estimate for this table."""


@dataclass(frozen=True)
class ModelFit:
    """One fitted log-linear model (extended MLE).

    ``infinite`` names the interactions whose two lists share nobody: their
    parameter is minus infinity, so the cells on both lists are fitted as 0 and
    the rest of the model is fitted without them.
    """

    interactions: tuple[Pair, ...]
    infinite: tuple[Pair, ...]
    observed: int
    unseen: float
    total: float
    lower: float
    upper: float
    aic: float
    bic: float
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
            "observed": self.observed,
            "unseen": self.unseen,
            "total": self.total,
            "lower": self.lower,
            "upper": self.upper,
            "aic": self.aic,
            "bic": self.bic,
            "deviance": self.deviance,
            "df_resid": self.df_resid,
            "minus_infinity": model_label(self.infinite) if self.infinite else "",
        }


@dataclass(frozen=True)
class _Prepared:
    """The cells a model is fitted on, its design, and the existence verdict."""

    finite: tuple[Pair, ...]
    infinite: tuple[Pair, ...]
    counts: np.ndarray
    design: np.ndarray
    problem: str  # empty when the extended MLE exists and is identifiable


def _prepare(cells: _Cells, interactions: tuple[Pair, ...], check: bool = True) -> _Prepared:
    """Set empty-overlap interactions to minus infinity and check the rest.

    Identifiability: the design on the remaining cells must have full column rank.
    Existence: a strictly positive table with the same margins must exist
    (``_positive_table_exists``). ``check=False`` skips the linear program when the
    caller already knows the answer (see ``all_models``).
    """
    infinite = tuple(p for p in interactions if _pair_overlap(cells, p) == 0)
    finite = tuple(p for p in interactions if p not in infinite)
    index = [cells.lists.index(a) for a, _ in infinite], [cells.lists.index(b) for _, b in infinite]
    patterns = np.asarray(cells.patterns)
    keep = ~np.any(patterns[:, index[0]] * patterns[:, index[1]], axis=1) if infinite else np.ones(len(patterns), bool)
    counts = np.asarray(cells.counts, dtype=float)[keep]
    design = _design(patterns[keep], cells.lists, finite)
    problem = ""
    if np.linalg.matrix_rank(design) < design.shape[1]:
        problem = "the parameters are not identifiable: the design matrix is not of full rank"
    elif check and not _largest_model_exists(cells, infinite) and not _positive_table_exists(design, counts):
        problem = (
            "no maximum likelihood estimate exists, not even the extended one: no table with every cell "
            "positive has the same list totals and pair overlaps as the observed table (the zero cells "
            "pin a parameter at minus infinity that is not an empty-overlap interaction)"
        )
    return _Prepared(finite, infinite, counts, design, problem)


@functools.lru_cache(maxsize=1024)
def _largest_model_exists(cells: _Cells, infinite: tuple[Pair, ...]) -> bool:
    """Whether the largest model with exactly these minus-infinity pairs has an estimate.

    If it has, so has every smaller model with the same minus-infinity pairs: the
    smaller model's margins are sums of the larger one's, so a positive table that
    matches the larger model's margins also matches the smaller one's. This spares
    one linear program per model.
    """
    pairs = all_pairs(cells.lists)
    largest = tuple(p for p in pairs if p in infinite or _pair_overlap(cells, p) > 0)
    prepared = _prepare(cells, largest, check=False)
    return not prepared.problem and _positive_table_exists(prepared.design, prepared.counts)


@functools.lru_cache(maxsize=8192)
def _fit_cells(
    cells: _Cells, interactions: tuple[Pair, ...], interval: bool, check: bool = True, level: float = LEVEL
) -> ModelFit:
    prepared = _prepare(cells, interactions, check)
    if prepared.problem:
        raise NoEstimateError(f"model {model_label(interactions)}: {prepared.problem}")
    fit = _poisson_fit(prepared.counts, prepared.design)
    unseen = math.exp(float(fit.params[0]))
    lower = upper = float("nan")
    if interval:
        lower, upper = _profile_interval(prepared.counts, prepared.design, fit, level)
    # A minus-infinity interaction is still a parameter of the model (fitted on the
    # boundary); counting it keeps AIC and BIC comparable across models, as SparseMSE does.
    params = prepared.design.shape[1] + len(prepared.infinite)
    positive = prepared.counts > 0
    y = prepared.counts
    deviance = 2 * float(np.sum(y[positive] * np.log(y[positive] / fit.mu[positive])) - np.sum(y - fit.mu))
    names = ["constant", *cells.lists, *(pair_label(p) for p in prepared.finite)]
    return ModelFit(
        interactions=interactions,
        infinite=prepared.infinite,
        observed=cells.total,
        unseen=unseen,
        total=cells.total + unseen,
        lower=cells.total + lower,
        upper=cells.total + upper,
        aic=-2 * fit.loglik + 2 * params,
        bic=-2 * fit.loglik + math.log(cells.total) * params,
        deviance=deviance,
        df_resid=len(y) - prepared.design.shape[1],
        coefficients=tuple(zip(names, (float(v) for v in fit.params))),
    )


def _profile_interval(
    counts: np.ndarray, design: np.ndarray, fit: _Poisson, level: float = LEVEL
) -> tuple[float, float]:
    """Profile-likelihood interval for the number of unseen people (Cormack 1992).

    For a candidate population size N the unseen cell gets count N - n and the
    model is refitted to all cells; with the intercept free, the fitted cell
    probabilities mu / N give the multinomial log-likelihood
    log N! - log (N - n)! + sum y log(mu / N). The interval holds every N whose
    log-likelihood is within half the chi-square(1) quantile of the maximum. Unlike
    an interval for exp(b0) alone, it also counts the chance variation in how many
    people happen to be missed. It is conditional on the model: it says nothing
    about the choice of the model. Returns (lower, upper) as unseen counts; the
    upper end is infinite when the likelihood never drops far enough.
    """
    seen = float(counts.sum())
    drop = float(stats.chi2.ppf(level, df=1)) / 2
    full = np.vstack([np.eye(1, design.shape[1]), design])  # the unseen pattern: intercept only
    start = fit.params

    def loglik(unseen: float) -> float:
        y = np.concatenate([[unseen], counts])
        mu = _poisson_fit(y, full, start=start).mu
        total = seen + unseen
        positive = y > 0
        return float(
            special.gammaln(total + 1)
            - special.gammaln(unseen + 1)
            + np.sum(y[positive] * np.log(mu[positive] / total))
        )

    guess = math.exp(float(fit.params[0]))
    spread = max(fit.se_intercept, 0.01) * guess  # rough standard error of the unseen count
    best = optimize.minimize_scalar(
        lambda u: -loglik(u),
        bounds=(0.0, guess + 20 * spread + 10),
        method="bounded",
        options={"xatol": 1e-3 * max(spread, 1.0)},
    )
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


def fit_model(
    table: pd.DataFrame,
    interactions: Iterable[Pair] = (),
    interval: bool = True,
    count_column: str = COUNT_COLUMN,
    level: float = LEVEL,
) -> ModelFit:
    """Fit the log-linear model with the given pairwise interactions (extended MLE).

    Raises ``NoEstimateError`` naming the failed condition when the model has no
    estimate. Results are cached in-process per (table, model).
    """
    cells = _cells(table, count_column)
    return _fit_cells(cells, _normalise(cells.lists, interactions), interval, True, level)


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


def fit_models(
    table: pd.DataFrame, models: Iterable[Iterable[Pair]], interval: bool = True, count_column: str = COUNT_COLUMN
) -> pd.DataFrame:
    """Fit several models; one row per model (see ``ModelFit.as_row``)."""
    return pd.DataFrame([fit_model(table, m, interval, count_column).as_row() for m in models])


def empty_pairs(table: pd.DataFrame, count_column: str = COUNT_COLUMN) -> list[Pair]:
    """The pairs of lists that share nobody (their interaction is minus infinity)."""
    cells = _cells(table, count_column)
    return [p for p in all_pairs(cells.lists) if _pair_overlap(cells, p) == 0]


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


def _stepwise_cells(cells: _Cells, pool: tuple[Pair, ...], p_stop: float) -> tuple[tuple[Pair, ...], list[Step]]:
    current: tuple[Pair, ...] = ()
    current_fit = _fit_cells(cells, current, False)
    steps: list[Step] = []
    while True:
        tried = []
        for pair in pool:
            if pair in current:
                continue
            try:
                tried.append((pair, _fit_cells(cells, _normalise(cells.lists, current + (pair,)), False)))
            except NoEstimateError:
                continue  # a resampled table can make a model impossible; the rule skips it
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
    return current, steps


def stepwise(
    table: pd.DataFrame,
    candidates: Iterable[Pair] | None = None,
    p_stop: float = P_STOP,
    count_column: str = COUNT_COLUMN,
) -> tuple[ModelFit, list[Step]]:
    """Forward selection of pairwise interactions (rule in the module docstring).

    An interaction between lists that share nobody is a candidate like any other
    (extended MLE). Ties in AIC are broken by the fixed order of ``all_pairs``.
    Returns the selected model (with interval) and the steps taken.
    """
    cells = _cells(table, count_column)
    pool = _normalise(cells.lists, candidates if candidates is not None else all_pairs(cells.lists))
    chosen, steps = _stepwise_cells(cells, pool, p_stop)
    return _fit_cells(cells, chosen, True), steps


def steps_table(steps: Sequence[Step]) -> pd.DataFrame:
    """The stepwise search as a table (one row per step)."""
    return pd.DataFrame(
        [
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
        ]
    )


def subsets(pairs: Sequence[Pair]) -> list[tuple[Pair, ...]]:
    """Every subset of ``pairs`` (2^len models), smallest first."""
    return [combo for size in range(len(pairs) + 1) for combo in itertools.combinations(pairs, size)]


# ------------------------------------------------------------- all models, averaging


def model_mask(interactions: Iterable[Pair], pairs: Sequence[Pair]) -> int:
    """A model as a bit mask over ``pairs`` (bit i = pair i is in the model)."""
    chosen = set(interactions)
    return sum(1 << i for i, p in enumerate(pairs) if p in chosen)


def all_models(table: pd.DataFrame, count_column: str = COUNT_COLUMN) -> pd.DataFrame:
    """Point estimate, AIC and BIC of every model with pairwise interactions (2^pairs).

    Existence is checked with the shortcut of ``_largest_model_exists``.
    """
    cells = _cells(table, count_column)
    pairs = all_pairs(cells.lists)
    rows = []
    for mask in range(1 << len(pairs)):
        model = tuple(p for i, p in enumerate(pairs) if mask >> i & 1)
        try:
            fit = _fit_cells.__wrapped__(cells, model, False)
        except NoEstimateError:
            rows.append({"mask": mask, "interactions": len(model), "total": np.nan, "aic": np.nan, "bic": np.nan})
            continue
        rows.append({"mask": mask, "interactions": len(model), "total": fit.total, "aic": fit.aic, "bic": fit.bic})
    return pd.DataFrame(rows)


def model_weights(scores: pd.Series) -> pd.Series:
    """Akaike-type weights exp(-score/2), normalised (for AIC or BIC)."""
    relative = scores - scores.min()
    weights = np.exp(-relative / 2)
    return weights / weights.sum()


def weighted_quantile(values: Sequence[float], weights: Sequence[float], q: float) -> float:
    """The q-quantile of ``values`` when each carries its weight (step function, no interpolation)."""
    order = np.argsort(values)
    cumulative = np.cumsum(np.asarray(weights, float)[order])
    return float(np.asarray(values, float)[order][np.searchsorted(cumulative, q * cumulative[-1])])


@dataclass(frozen=True)
class Averaged:
    """A model-averaged estimate: weighted mean, weighted 2.5-97.5% range, best model."""

    criterion: str
    mean: float
    low: float
    high: float
    best_mask: int
    best_total: float
    models: int


def average(models: pd.DataFrame, criterion: str = "aic", allowed: pd.Series | None = None) -> Averaged:
    """Average the estimates of ``models`` (rows of ``all_models``) by AIC or BIC weight."""
    chosen = models.dropna(subset=["total"])
    if allowed is not None:
        chosen = chosen[allowed.reindex(chosen.index)]
    weights = model_weights(chosen[criterion])
    best = chosen.loc[chosen[criterion].idxmin()]
    return Averaged(
        criterion,
        float(np.sum(weights * chosen["total"])),
        weighted_quantile(chosen["total"], weights, 0.025),
        weighted_quantile(chosen["total"], weights, 0.975),
        int(best["mask"]),
        float(best["total"]),
        len(chosen),
    )


# ------------------------------------------------------------------ resampling


def with_counts(table: pd.DataFrame, counts: Sequence[int], count_column: str = COUNT_COLUMN) -> pd.DataFrame:
    """``table`` with new counts for its rows; patterns that drop to 0 are removed."""
    changed = validate(table, count_column).assign(**{count_column: np.asarray(counts, dtype="int64")})
    return changed[changed[count_column] > 0].reset_index(drop=True)


def bootstrap(
    table: pd.DataFrame,
    resamples: int,
    seed: int,
    candidates: Iterable[Pair] | None = None,
    p_stop: float = P_STOP,
    count_column: str = COUNT_COLUMN,
) -> pd.DataFrame:
    """Nonparametric bootstrap that repeats the whole selection on every resample.

    Each resample draws as many records as the table has, with replacement
    (multinomial over the patterns, as SparseMSE does), runs ``stepwise`` afresh
    and keeps the selected model's point estimate. One row per resample.
    """
    clean = validate(table, count_column)
    counts = clean[count_column].to_numpy()
    rng = np.random.default_rng(seed)
    lists = list_columns(clean, count_column)
    pool = _normalise(lists, candidates if candidates is not None else all_pairs(lists))
    rows = []
    for resample in range(resamples):
        drawn = with_counts(clean, rng.multinomial(counts.sum(), counts / counts.sum()), count_column)
        cells = _cells(drawn, count_column)
        chosen, _ = _stepwise_cells(cells, pool, p_stop)
        rows.append(
            {
                "resample": resample,
                "total": _fit_cells(cells, chosen, False).total,
                "model": model_label(chosen),
                "interactions": len(chosen),
            }
        )
    _fit_cells.cache_clear()  # resampled tables are never fitted again
    return pd.DataFrame(rows)


def leave_one_out(
    table: pd.DataFrame,
    candidates: Iterable[Pair] | None = None,
    p_stop: float = P_STOP,
    count_column: str = COUNT_COLUMN,
) -> pd.DataFrame:
    """Remove one record from each pattern in turn and rerun the selection.

    Records with the same pattern are interchangeable, so one removal per pattern
    covers every record. One row per pattern: the selected model and its estimate.
    """
    clean = validate(table, count_column)
    lists = list_columns(clean, count_column)
    pool = tuple(candidates) if candidates is not None else None
    rows = []
    for row in range(len(clean)):
        counts = clean[count_column].to_numpy().copy()
        counts[row] -= 1
        selected, _ = stepwise(with_counts(clean, counts, count_column), pool, p_stop, count_column)
        pattern = "".join(name for name in lists if clean.at[row, name]) or "-"
        rows.append(
            {
                "pattern": pattern,
                "records": int(clean.at[row, count_column]),
                "model": selected.label,
                "total": selected.total,
            }
        )
    return pd.DataFrame(rows)


def merge_lists(table: pd.DataFrame, first: str, second: str, count_column: str = COUNT_COLUMN) -> pd.DataFrame:
    """The table with lists ``first`` and ``second`` merged into one list ``first+second``.

    A person is on the merged list when on either. Patterns that become equal are
    added up.
    """
    clean = validate(table, count_column)
    merged = f"{first}+{second}"
    lists = list_columns(clean, count_column)
    out = clean.assign(**{merged: clean[first] | clean[second]})
    kept = [merged if name == first else name for name in lists if name != second]
    return out.groupby(kept, as_index=False)[count_column].sum()[kept + [count_column]]


def smallest_lists(table: pd.DataFrame, how_many: int = 2, count_column: str = COUNT_COLUMN) -> list[str]:
    """The ``how_many`` lists with the fewest records, smallest first."""
    clean = validate(table, count_column)
    sizes = {name: int(clean.loc[clean[name] == 1, count_column].sum()) for name in list_columns(clean, count_column)}
    return sorted(sizes, key=sizes.get)[:how_many]


def conventions(table: pd.DataFrame, count_column: str = COUNT_COLUMN) -> dict[str, tuple[Pair, ...]]:
    """The two candidate sets the book compares: every pair, and every pair except the empty ones."""
    lists = list_columns(validate(table, count_column), count_column)
    empty = empty_pairs(table, count_column)
    return {
        "with_empty_pairs": tuple(all_pairs(lists)),
        "without_empty_pairs": tuple(p for p in all_pairs(lists) if p not in empty),
    }


def clear_cache() -> None:
    """Forget every fitted model (for benchmarks)."""
    _fit_cells.cache_clear()


# ------------------------------------------------------------ cached heavy results

#: Where ``scripts/build_mse_cache.py`` stores its results.
CACHE_DIR = ROOT / "data" / "mse_cache"
#: Every file whose change must trigger a new cache.
CACHE_INPUTS = (
    "onzichtbaar/mse.py",
    "scripts/build_mse_cache.py",
    "data/list_overlaps.csv",
    "data/raw/uk_2013_six_lists.csv",
)


def cache_digest() -> str:
    """SHA-256 over the cache's inputs (file names and contents)."""
    digest = hashlib.sha256()
    for name in CACHE_INPUTS:
        digest.update(name.encode() + b"\0" + (ROOT / name).read_bytes() + b"\0")
    return digest.hexdigest()


def cache_tables() -> dict[str, pd.DataFrame]:
    """The tables the cache covers: Dutch six lists, Dutch five lists, UK 2013."""
    from onzichtbaar.data import load

    ned = load("list_overlaps")[list(LIST_NAMES) + [COUNT_COLUMN]].astype("int64")
    uk = pd.read_csv(ROOT / "data" / "raw" / "uk_2013_six_lists.csv").rename(columns={"count": COUNT_COLUMN})
    return {"ned": ned, "ned5": merge_lists(ned, *smallest_lists(ned)), "uk": validate(uk)}


def read_cache() -> dict[str, pd.DataFrame]:
    """The cached results; an error when they were made from other inputs."""
    stamp = CACHE_DIR / "inputs.sha256"
    if not stamp.exists() or stamp.read_text().strip() != cache_digest():
        raise RuntimeError(f"{CACHE_DIR} is missing or stale: run `make mse-cache`")
    return {path.name.split(".")[0]: pd.read_csv(path) for path in sorted(CACHE_DIR.glob("*.csv*"))}


def explorer_pairs(table: pd.DataFrame, size: int = 6, count_column: str = COUNT_COLUMN) -> list[Pair]:
    """The explorer's toggles: the first ``size`` pairs the stepwise rule adds, then any empty pair."""
    _, steps = stepwise(table, count_column=count_column)
    pairs = [s.candidate for s in steps if s.added][:size]
    return pairs + [p for p in empty_pairs(table, count_column) if p not in pairs]


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


def simulate_lists(
    population: int, probabilities: Sequence[float], rng: np.random.Generator, names: Sequence[str] | None = None
) -> pd.DataFrame:
    """An overlap table for ``population`` people caught independently by each list.

    Person i is on list j with probability ``probabilities[j]``, independently.
    """
    names = list(names) if names is not None else [f"L{j + 1}" for j in range(len(probabilities))]
    caught = rng.random((population, len(probabilities))) < np.asarray(probabilities)
    seen = caught[caught.any(axis=1)].astype(int)
    table = pd.DataFrame(seen, columns=names).value_counts().rename(COUNT_COLUMN).reset_index()
    return table


def expected_table(
    table: pd.DataFrame, interactions: Iterable[Pair] = (), count_column: str = COUNT_COLUMN
) -> tuple[list[str], np.ndarray, np.ndarray]:
    """A fitted model as a full truth: lists, all 2^k patterns (unseen first) and expected counts."""
    cells = _cells(table, count_column)
    fit = _fit_cells(cells, _normalise(cells.lists, interactions), False)
    patterns = np.array([(0,) * len(cells.lists), *cells.patterns])
    prepared = _prepare(cells, fit.interactions, check=False)
    design = _design(patterns, cells.lists, prepared.finite)
    means = np.exp(design @ np.array([value for _, value in fit.coefficients]))
    if prepared.infinite:  # cells on two lists that share nobody stay empty
        index = [[cells.lists.index(n) for n in pair] for pair in prepared.infinite]
        means[np.any([patterns[:, a] * patterns[:, b] for a, b in index], axis=0)] = 0.0
    return list(cells.lists), patterns, means


def simulate_table(
    lists: Sequence[str], patterns: np.ndarray, means: np.ndarray, population: int, rng: np.random.Generator
) -> pd.DataFrame:
    """Draw an overlap table for ``population`` people whose patterns follow ``means``."""
    drawn = rng.multinomial(population, means / means.sum())
    seen = (drawn > 0) & (patterns.sum(axis=1) > 0)
    return pd.DataFrame(patterns[seen], columns=list(lists)).assign(**{COUNT_COLUMN: drawn[seen]})


@dataclass(frozen=True)
class Coverage:
    """How often intervals held the true population in a simulation."""

    hits: int
    replicates: int
    median_estimate: float

    @property
    def rate(self) -> float:
        return self.hits / self.replicates

    def consistent_with(self, level: float, alpha: float = 0.01) -> bool:
        """Whether the hits are plausible for intervals that really have coverage ``level``.

        One-sided binomial test: too few hits (probability below ``alpha``) means
        the intervals are narrower than their label says.
        """
        return float(stats.binom.cdf(self.hits, self.replicates, level)) >= alpha


def pipeline_coverage(
    lists: Sequence[str],
    patterns: np.ndarray,
    means: np.ndarray,
    population: int,
    replicates: int,
    seed: int,
    select: bool = True,
    truth: Iterable[Pair] = (),
    level: float = LEVEL,
    p_stop: float = P_STOP,
    candidates: Iterable[Pair] | None = None,
) -> Coverage:
    """Coverage of the profile interval, with the model chosen by ``stepwise`` on every table.

    With ``select=False`` the true model ``truth`` is fitted instead (no selection step).
    """
    rng = np.random.default_rng(seed)
    pool = _normalise(lists, candidates if candidates is not None else all_pairs(lists))
    hits, estimates = 0, []
    for _ in range(replicates):
        cells = _cells(simulate_table(lists, patterns, means, population, rng))
        model = _stepwise_cells(cells, pool, p_stop)[0] if select else _normalise(cells.lists, truth)
        fit = _fit_cells(cells, model, True, True, level)
        hits += fit.lower <= population <= fit.upper
        estimates.append(fit.total)
    _fit_cells.cache_clear()
    return Coverage(int(hits), replicates, float(np.median(estimates)))


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
