"""Explainers about the data: every answer is computed at build time from the tables.

``monitor_breakdown`` is the monitor chapter's «uitsplitsing per jaar»: for one year, the
reported victims by form, by reporter or as minors, each beside the year's total.
"""

from __future__ import annotations

import pandas as pd

from onzichtbaar import data
from onzichtbaar.chapter import bar_table, first_upper
from onzichtbaar.widgets import Choice, ExplainerSpec, register

BREAKDOWN_NOTES = {
    "form": "De indeling is die van het TIP-rapport van dat jaar.",
    "reporter": "Eén slachtoffer kan door meer instanties gemeld zijn.",
    "minors": "De tweede rij is het totaal min de minderjarigen.",
}


def breakdown_html(
    kind: str, year: int, total: float, forms: pd.DataFrame, reporters: pd.DataFrame, minors: pd.Series
) -> str:
    """The bar table of one breakdown (``form``, ``reporter`` or ``minors``) of one year."""
    if kind == "form":
        labels = data.labels("victims_by_form", "form")
        rows = [(labels[f], v) for f, v in forms.query("year == @year").set_index("form")["count"].items()]
        return bar_table(f"Vorm van uitbuiting, {year}", rows, total, BREAKDOWN_NOTES[kind])
    if kind == "reporter":
        labels = data.labels("victims_by_reporter", "reporter")
        rows = [
            (first_upper(labels[r]), v)
            for r, v in reporters.query("year == @year").set_index("reporter")["count"].items()
        ]
        return bar_table(f"Melder, {year}", rows, total, BREAKDOWN_NOTES[kind])
    rows = [("Minderjarig", minors[year]), ("Meerderjarig of leeftijd onbekend", total - minors[year])]
    return bar_table(f"Minderjarigen, {year}", rows, total, BREAKDOWN_NOTES[kind])


def monitor_breakdown_spec(
    nrm: pd.Series, forms: pd.DataFrame, reporters: pd.DataFrame, minors: pd.Series, years=(2016, 2017, 2018, 2019)
) -> ExplainerSpec:
    """The explainer: choose a breakdown and a year; ``nrm`` gives each year's total."""
    return ExplainerSpec(
        name="monitor-uitsplitsing",
        title="Uitsplitsing van de meldingen per jaar",
        choices=(
            Choice(
                "uitsplitsing", "Uitsplitsing", (("vorm", "form"), ("melder", "reporter"), ("minderjarigen", "minors"))
            ),
            Choice("jaar", "Jaar", tuple((str(y), y) for y in years)),
        ),
        verdict=lambda kind, year: breakdown_html(kind, year, nrm[year], forms, reporters, minors),
    )


def book_monitor_breakdown_spec() -> ExplainerSpec:
    """The breakdown of the monitor chapter, from the data package (the NRM series)."""
    nrm = data.current_per_year().query("series == 'NRM'").set_index("year")["count"]
    forms = data.load("victims_by_form").query("series == 'NRM'")
    reporters = data.load("victims_by_reporter").query("series == 'NRM' and status == 'current'")
    minors = data.current_per_year("minors").query("series == 'NRM'").set_index("year")["count"]
    return monitor_breakdown_spec(nrm, forms, reporters, minors)


def monitor_breakdown():
    """The widget of the monitor chapter's «uitsplitsing per jaar»."""
    return book_monitor_breakdown_spec().widget()


register("monitor-uitsplitsing", "chapters/het-grootste-deel-zien-we-niet.html", book_monitor_breakdown_spec)
