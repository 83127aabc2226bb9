"""Explainers about the data: every answer is computed at build time from the tables.

``monitor_breakdown`` is the monitor chapter's «uitsplitsing per jaar»: for one year, the
reported victims by form, by reporter or as minors, each beside the year's total.
"""

from __future__ import annotations

import pandas as pd

from onzichtbaar import data
from onzichtbaar.chapter import bar_table, first_upper
from onzichtbaar.widgets import Choice, explainer

BREAKDOWN_NOTES = {
    "form": "De indeling is die van het TIP-rapport van dat jaar.",
    "reporter": "Eén slachtoffer kan door meer instanties gemeld zijn.",
    "minors": "De tweede rij is het totaal min de minderjarigen.",
}


def breakdown_html(kind: str, year: int, total: float, forms: pd.DataFrame, reporters: pd.DataFrame,
                   minors: pd.Series) -> str:
    """The bar table of one breakdown (``form``, ``reporter`` or ``minors``) of one year."""
    if kind == "form":
        labels = data.labels("victims_by_form", "form")
        rows = [(labels[f], v) for f, v in forms.query("year == @year").set_index("form")["count"].items()]
        return bar_table(f"Vorm van uitbuiting, {year}", rows, total, BREAKDOWN_NOTES[kind])
    if kind == "reporter":
        labels = data.labels("victims_by_reporter", "reporter")
        rows = [(first_upper(labels[r]), v)
                for r, v in reporters.query("year == @year").set_index("reporter")["count"].items()]
        return bar_table(f"Melder, {year}", rows, total, BREAKDOWN_NOTES[kind])
    rows = [("Minderjarig", minors[year]), ("Meerderjarig of leeftijd onbekend", total - minors[year])]
    return bar_table(f"Minderjarigen, {year}", rows, total, BREAKDOWN_NOTES[kind])


def monitor_breakdown(nrm: pd.Series, forms: pd.DataFrame, reporters: pd.DataFrame, minors: pd.Series,
                      years=(2016, 2017, 2018, 2019)):
    """The explainer: choose a breakdown and a year; ``nrm`` gives each year's total."""
    return explainer(
        "Uitsplitsing van de meldingen per jaar",
        [Choice("uitsplitsing", "Uitsplitsing", (("vorm", "form"), ("melder", "reporter"), ("minderjarigen", "minors"))),
         Choice("jaar", "Jaar", tuple((str(y), y) for y in years))],
        lambda kind, year: breakdown_html(kind, year, nrm[year], forms, reporters, minors),
        name="monitor-uitsplitsing",
    )
