"""The chapter API: what a chapter's code cells need besides the data and the analysis.

Glue functions and ``publish_figure`` return nothing: a hidden cell that ends with one of
them must not print its value into the page.

A chapter opens with ``from onzichtbaar import chapter, data`` and ``chapter.setup()``, then:

- glues every number of the prose in Dutch: :func:`glue_number`, :func:`glue_percent`,
  :func:`glue_year`, :func:`glue_text` (one value) and :func:`glue_numbers`,
  :func:`glue_years` (several, by keyword), :func:`glue_span` (first/last year, minimum,
  maximum of a yearly series);
- writes a value with its unit and precision: :func:`quantity` (``ongeveer 5 %``);
- looks values up strictly: :func:`one` (exactly one row, or an error that names the
  table and the filter) and :func:`facts` (the policy facts by key);
- publishes a figure with :func:`publish_figure` (SVG, PNG and the CSV of the plotted
  numbers in ``figures/``, glued for ``{glue:figure}``; the page's download box lists it);
- shows a small HTML bar table with :func:`bar_table` (the monitor explainer uses it).

``chapters/_template.md`` shows the API at work.
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable, Sequence
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd

from onzichtbaar import DATA_DIR, data, plotting
from onzichtbaar.dutch import number, percent

#: The second data package: municipal policy facts and the network of partners.
POLICY_DIR = DATA_DIR / "policy"


def setup() -> None:
    """Once per chapter: the house style for figures."""
    plotting.use_style()


# --- glue: every number of the prose comes from the data ------------------------------------


def _glue(name: str, text: str) -> None:
    from myst_nb import glue  # the notebook's glue; imported late so the module loads without myst-nb

    glue(name, text, display=False)


def glue_text(name: str, text: str) -> None:
    """Glue ``text`` as it is (a name, a list, a phrase)."""
    _glue(name, str(text))


def glue_number(name: str, value: float, decimals: int = 0) -> None:
    """Glue a number in Dutch notation (``5060`` -> ``5.060``); a missing value is an error."""
    _glue(name, number(float(value), decimals))


def glue_percent(name: str, fraction: float, decimals: int = 0) -> None:
    """Glue a fraction as a Dutch percentage (``0.254`` -> ``25 %``)."""
    _glue(name, percent(float(fraction), decimals))


def glue_year(name: str, year: float) -> None:
    """Glue a year, without a thousands separator (``2019``, not ``2.019``)."""
    _glue(name, str(int(year)))


def glue_numbers(decimals: int = 0, **values: float) -> None:
    """:func:`glue_number` for every keyword: ``glue_numbers(nrm_2019=1234, com_2019=567)``."""
    for name, value in values.items():
        glue_number(name, value, decimals)


def glue_years(**years: float) -> None:
    """:func:`glue_year` for every keyword."""
    for name, year in years.items():
        glue_year(name, year)


def glue_span(prefix: str, series: pd.Series) -> None:
    """Glue the years and extremes of a yearly series (index: year).

    Names: ``<prefix>_jaar_eerst``, ``<prefix>_jaar_laatst``, ``<prefix>_min``,
    ``<prefix>_min_jaar``, ``<prefix>_max`` and ``<prefix>_max_jaar``.
    """
    glue_years(
        **{
            f"{prefix}_jaar_eerst": series.index.min(),
            f"{prefix}_jaar_laatst": series.index.max(),
            f"{prefix}_min_jaar": series.idxmin(),
            f"{prefix}_max_jaar": series.idxmax(),
        }
    )
    glue_numbers(**{f"{prefix}_min": series.min(), f"{prefix}_max": series.max()})


def quantity(value: float, unit: str = "", qualifier: str = "") -> str:
    """A value in Dutch with its unit and the source's precision.

    >>> quantity(5, "percent", "ongeveer"), quantity(0.5, "million_euro_per_year"), quantity(355)
    ('ongeveer 5 %', '€ 0,5 miljoen per jaar', '355')
    """
    decimals = 0 if float(value).is_integer() else 1
    if unit == "percent":
        text = percent(value / 100)
    elif unit == "million_euro_per_year":
        text = f"€ {number(value, decimals)} miljoen per jaar"
    elif unit == "years":
        text = f"{number(value, decimals)} jaar"
    else:
        text = number(value, decimals)
    return " ".join(part for part in (qualifier, text) if part)


def dutch_list(items: Iterable) -> str:
    """``a, b en c``.

    >>> dutch_list([2014, 2016, 2018])
    '2014, 2016 en 2018'
    >>> dutch_list(["politie"])
    'politie'
    """
    items = [str(item) for item in items]
    if not items:
        raise ValueError("dutch_list(): no items")
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " en " + items[-1]


def first_upper(text: str) -> str:
    """``text`` with a capital first letter (``politie`` -> ``Politie``)."""
    return text[:1].upper() + text[1:]


# --- strict lookups ---------------------------------------------------------------------------


def one(frame: pd.DataFrame, where: str = "the table", **equal) -> pd.Series:
    """The single row of ``frame`` whose columns equal ``equal``; anything else is an error.

    >>> table = pd.DataFrame({"year": [2018, 2019], "count": [958, 1234]})
    >>> int(one(table, year=2019)["count"])
    1234
    >>> one(table, "victims_per_year", year=2020)
    Traceback (most recent call last):
    ...
    LookupError: victims_per_year: expected 1 row with year=2020, found 0
    """
    mask = pd.Series(True, index=frame.index)
    for column, value in equal.items():
        mask &= frame[column] == value
    rows = frame[mask]
    if len(rows) != 1:
        wanted = ", ".join(f"{column}={value!r}" for column, value in equal.items())
        raise LookupError(f"{where}: expected 1 row with {wanted}, found {len(rows)}")
    return rows.iloc[0]


def facts(table: str = "municipal_policy", data_dir: Path = POLICY_DIR) -> pd.DataFrame:
    """A facts table of the policy package, indexed by its ``key`` column."""
    return data.load(table, data_dir).set_index("key")


def fact(key: str, table: str = "municipal_policy", data_dir: Path = POLICY_DIR) -> float:
    """One value of a facts table, by key; an unknown key is an error that names the file."""
    rows = facts(table, data_dir)
    if key not in rows.index:
        raise KeyError(f"data/policy/{table}.csv has no row with key {key!r}")
    return rows.loc[key, "value"]


# --- figures ----------------------------------------------------------------------------------


def publish_figure(
    fig, name: str, plotted: pd.DataFrame, glue_as: str | None = None, folder: Path | None = None
) -> None:
    """Export ``fig`` (SVG, PNG and ``plotted`` as CSV), glue it and close it.

    ``name`` is the file name in ``figures/`` and in the page's download box (pass it as
    a literal string: ``_ext/downloads.py`` reads it from the call); ``glue_as`` is the
    name of ``{glue:figure}`` in the prose (default: ``name``). Returns nothing, so a cell
    that ends with it shows no output.
    """
    plotting.save_figure(fig, name, plotted, folder)
    from myst_nb import glue

    glue(glue_as or name, fig, display=False)
    plt.close(fig)


# --- a bar table --------------------------------------------------------------------------------


def bar_table(
    title: str, rows: Sequence[tuple[str, float | None]], total: float, note: str, colour: str = plotting.PALETTE[0]
) -> str:
    """A small HTML bar chart: one row per (label, value), bars scaled to ``total``.

    A missing value shows «geen cijfer» and no bar.

    >>> print(bar_table("Melder", [("Politie", 50), ("KMar", None)], 200, "Noot.").splitlines()[2])
    <tr><td>Politie</td><td style="width:60%"><div style="background:#0072B2;height:0.9em;width:25%"></div></td><td style="text-align:right">50</td></tr>
    """
    lines = [f"<p><strong>{html.escape(title)}</strong></p>", '<table class="oz-bars">']
    for label, value in rows:
        missing = value is None or (isinstance(value, float) and math.isnan(value)) or pd.isna(value)
        width = 0 if missing else round(100 * float(value) / total)
        shown = "geen cijfer" if missing else number(value)
        lines.append(
            f'<tr><td>{label}</td><td style="width:60%"><div style="background:{colour};'
            f'height:0.9em;width:{width}%"></div></td><td style="text-align:right">{shown}</td></tr>'
        )
    lines.append("</table>")
    lines.append(f"<p>Totaal gemelde (mogelijke) slachtoffers dat jaar (NRM): {number(total)}. {note}</p>")
    return "\n".join(lines)
