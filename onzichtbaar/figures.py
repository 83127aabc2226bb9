"""The book's data figures, one function each: tables in, ``(figure, plotted numbers)`` out.

A chapter calls the function and passes both to :func:`onzichtbaar.chapter.publish_figure`;
an analyst can call it on other years or another table. ``plotted`` holds exactly the
numbers drawn (with their sources), so a teacher can reuse them.
"""

from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.patches import Patch

from onzichtbaar.dutch import number, percent
from onzichtbaar.plotting import OKABE_ITO, PALETTE, dutch_thousands

REGISTERED = "gemelde (mogelijke) slachtoffers"


# --- the monitor chapter (het-grootste-deel-zien-we-niet) -------------------------------------


def monitor_per_year(counts: pd.DataFrame, yearly: pd.DataFrame, years: list[int]):
    """Both register series per year, the monitor period shaded, revised values as diamonds.

    ``counts``: current counts, one column per series (index: year); ``yearly``: the table
    ``victims_per_year`` (also superseded rows).
    """
    superseded = yearly.query("series == 'NRM' and status == 'superseded'").drop_duplicates(["year", "count"])
    fig, ax = plt.subplots(figsize=(8, 4.4))
    ax.axvspan(2014.5, 2019.5, color=OKABE_ITO["geel"], alpha=0.35, lw=0, label="periode van de monitor 2015-2019")
    for series, colour, label in (
        ("NRM", PALETTE[0], "Nationaal Rapporteur (NRM)"),
        ("CoMensha", PALETTE[1], "CoMensha, eigen telling"),
    ):
        line = counts[series].reindex(years).astype("float")  # a gap becomes NaN and breaks the line
        ax.plot(years, line.values, marker="o", color=colour, label=label)
    ax.scatter(
        superseded["year"],
        superseded["count"].astype(float),
        marker="D",
        facecolors="none",
        edgecolors=OKABE_ITO["zwart"],
        zorder=3,
        label="NRM: eerder gepubliceerd, later herzien",
    )
    ax.set_xticks(years, [str(y) for y in years], rotation=45)
    ax.set_xlim(years[0] - 0.5, years[-1] + 0.5)
    ax.set_ylim(0, None)
    dutch_thousands(ax.yaxis)
    ax.set_ylabel(REGISTERED)
    ax.legend(frameon=False, fontsize=9, loc="upper right")
    # Every plotted point with every source that reports it (a gap row has no source).
    plotted = yearly[yearly["year"] >= years[0]][["year", "series", "count", "status", "source_id"]].rename(
        columns={"year": "jaar", "series": "reeks", "count": "aantal"}
    )
    return fig, plotted


#: The monitor's forms of exploitation, grouped into the four panels of the figure.
FORM_GROUPS = {
    "sexual_exploitation": "Seksuele uitbuiting",
    "labour_and_criminal_exploitation": "Arbeids- en criminele uitbuiting",
    "labour_exploitation": "Arbeids- en criminele uitbuiting",
    "labour_exploitation_incl_criminal": "Arbeids- en criminele uitbuiting",
    "sexual_and_labour_combined": "Seksueel én arbeid",
    "uncategorized": "Vorm niet vastgesteld",
}


def monitor_forms(forms: pd.DataFrame):
    """Four panels of yearly counts by form (``victims_by_form``, one series); criminal hatched."""
    form_years = sorted(forms["year"].unique())
    grouped = forms[forms["form"].isin(FORM_GROUPS)].assign(groep=lambda d: d["form"].map(FORM_GROUPS))
    criminal = forms.query("form == 'criminal_exploitation'").set_index("year")["count"]
    fig, axes = plt.subplots(1, 4, sharey=True, figsize=(10, 3.8))
    for ax, (group, colour) in zip(axes, zip(dict.fromkeys(FORM_GROUPS.values()), PALETTE)):
        values = grouped.query("groep == @group").set_index("year")["count"].reindex(form_years)
        for year, value in values.items():
            if pd.isna(value):
                ax.text(year, 15, "geen\ncijfer", ha="center", va="bottom", fontsize=8, color="0.35")
            else:
                ax.bar(year, value, color=colour, width=0.7)
        if group.startswith("Arbeids"):
            ax.bar(
                criminal.index,
                criminal.values.astype(float),
                width=0.7,
                facecolor="none",
                edgecolor=OKABE_ITO["zwart"],
                hatch="///",
                label="waarvan crimineel",
            )
            ax.legend(frameon=False, fontsize=8, loc="upper left")
        ax.set_title(group, fontsize=10)
        ax.set_xticks(form_years, [str(y) for y in form_years], rotation=45)
    axes[0].set_ylabel(REGISTERED)
    dutch_thousands(axes[0].yaxis)
    plotted = forms[["year", "form", "part_of", "count", "source_id"]].assign(
        groep=lambda d: d["form"].map(FORM_GROUPS).fillna("waarvan criminele uitbuiting")
    )
    return fig, plotted.rename(columns={"year": "jaar", "form": "vorm", "count": "aantal"})


MAIN_REPORTERS = {
    "police": "Politie",
    "regional_care_organisations": "Regionale zorgorganisaties",
    "labour_inspectorate": "Arbeidsinspectie",
    "KMar": "Marechaussee",
}


def monitor_reporters(reporters: pd.DataFrame, years: list[int]):
    """One panel per main reporter (``victims_by_reporter``, current rows of one series)."""
    by_reporter = reporters.set_index(["reporter", "year"])["count"]
    fig, axes = plt.subplots(1, 4, sharey=True, figsize=(10, 3.8))
    for ax, (reporter, title), colour in zip(axes, MAIN_REPORTERS.items(), PALETTE):
        values = [by_reporter.get((reporter, y)) for y in years]
        ax.bar(years, [float(v) for v in values], color=colour, width=0.7)
        for year, value in zip(years, values):
            ax.text(year, float(value) + 15, number(value), ha="center", va="bottom", fontsize=8)
        ax.set_title(title, fontsize=10)
        ax.set_xticks(years, [str(y) for y in years], rotation=45)
    axes[0].set_ylabel(REGISTERED)
    dutch_thousands(axes[0].yaxis)
    plotted = reporters[reporters["reporter"].isin(list(MAIN_REPORTERS)) & reporters["year"].isin(years)]
    return fig, plotted[["year", "reporter", "count", "source_id"]].rename(
        columns={"year": "jaar", "reporter": "melder", "count": "aantal"}
    )


def monitor_minors(minors: pd.Series, share_by_year: pd.Series, years: list[int]):
    """Minors per year; a year with only a published share shows the share instead of a bar."""
    fig, ax = plt.subplots(figsize=(7.5, 3.8))
    for year in years:
        value = minors.get(year)
        if pd.isna(value):
            label = (
                f"alleen aandeel\nbekend: {percent(share_by_year[year] / 100)}"
                if year in share_by_year
                else "geen cijfer"
            )
            ax.text(year, 8, label, ha="center", va="bottom", fontsize=8, color="0.3")
        else:
            ax.bar(year, float(value), color=PALETTE[2], width=0.7)
            ax.text(year, float(value) + 4, number(value), ha="center", va="bottom", fontsize=9)
    ax.set_xticks(years, [str(y) for y in years])
    ax.set_xlim(years[0] - 0.6, years[-1] + 0.6)
    ax.set_ylabel("minderjarige (mogelijke) slachtoffers")
    plotted = pd.DataFrame(
        {
            "jaar": years,
            "aantal": [minors.get(y) for y in years],
            "aandeel_procent_volgens_bron": [share_by_year.get(y) for y in years],
        }
    )
    return fig, plotted


def monitor_nationality(counts: pd.DataFrame, country: dict[str, str]):
    """Horizontal bars per nationality (rows of ``nationality`` for one year, sorted by count)."""
    fig, ax = plt.subplots(figsize=(7.5, 3.4))
    ax.barh([country[c] for c in counts["nationality"]], counts["count"].astype(float), color=PALETTE[0])
    for y, value in enumerate(counts["count"]):
        ax.text(float(value) + 5, y, number(value), va="center", fontsize=9)
    ax.set_xlabel(f"{REGISTERED} in {int(counts['year'].iloc[0])}")
    dutch_thousands(ax.xaxis)
    return fig, counts[["year", "nationality", "count", "source_id"]].rename(
        columns={"year": "jaar", "nationality": "nationaliteit", "count": "aantal"}
    )


def monitor_iceberg(
    periods: list[str],
    registered: list[float],
    estimated: list[float],
    low: list[float],
    high: list[float | None],
    sources: list[str],
):
    """Registered against estimated victims per year for two periods, with the published bounds.

    ``high[i]`` is None when only the lower bound was published unambiguously.
    """
    fig, ax = plt.subplots(figsize=(7.5, 4.2))
    x = range(len(periods))
    ax.bar([i - 0.2 for i in x], registered, width=0.4, color=PALETTE[0], label="gemeld (NRM, gemiddeld per jaar)")
    ax.bar([i + 0.2 for i in x], estimated, width=0.4, color=PALETTE[1], label="geschat (MSE, per jaar)")
    for i, (point, lower, upper) in enumerate(zip(estimated, low, high)):
        if upper is not None:
            ax.errorbar(
                [i + 0.2],
                [point],
                yerr=[[point - lower], [upper - point]],
                fmt="none",
                ecolor=OKABE_ITO["zwart"],
                capsize=6,
                label="gepubliceerde bandbreedte",
            )
        else:
            ax.plot(
                [i + 0.2],
                [lower],
                marker="_",
                markersize=18,
                markeredgewidth=2,
                linestyle="none",
                color=OKABE_ITO["zwart"],
                label="alleen ondergrens eenduidig gepubliceerd",
            )
    ax.set_xticks(list(x), periods)
    ax.set_ylabel("slachtoffers per jaar")
    dutch_thousands(ax.yaxis)
    ax.legend(frameon=False, fontsize=9, loc="upper right")
    plotted = pd.DataFrame(
        {
            "periode": periods * 2,
            "soort": ["gemeld (NRM, gemiddelde van de jaartotalen)"] * len(periods) + ["geschat (MSE)"] * len(periods),
            "aantal_per_jaar": registered + estimated,
            "ondergrens": [None] * len(periods) + low,
            "bovengrens": [None] * len(periods) + high,
            "bron": ["victims_per_year"] * len(periods) + sources,
        }
    )
    return fig, plotted


# --- the form chapters ----------------------------------------------------------------------------


def sexual_per_year(overview: pd.DataFrame):
    """Sexual exploitation beside all forms together, per year (the chapter's overview table)."""
    plotted = overview.reset_index()[["year", "seksuele uitbuiting", "som van de vormen"]]
    plotted.columns = ["jaar", "seksuele uitbuiting", "alle vormen samen"]
    fig, ax = plt.subplots(figsize=(7.0, 3.6))
    width = 0.38
    ax.bar(
        plotted["jaar"] - width / 2, plotted["alle vormen samen"], width, color=PALETTE[5], label="alle vormen samen"
    )
    ax.bar(
        plotted["jaar"] + width / 2,
        plotted["seksuele uitbuiting"],
        width,
        color=PALETTE[0],
        label="seksuele uitbuiting",
    )
    ax.set_xticks(plotted["jaar"])
    ax.set_ylabel(REGISTERED)
    dutch_thousands(ax.yaxis)
    ax.legend(frameon=False, loc="upper left")
    return fig, plotted


def labour_per_year(overview: pd.DataFrame):
    """Labour exploitation per year, coloured by the source's category, criminal part hatched."""
    plotted = overview.reset_index().rename(columns={"year": "jaar"})
    plotted["waarvan criminele uitbuiting"] = plotted["waarvan criminele uitbuiting"].astype("Float64")
    colours = {label: PALETTE[i] for i, label in enumerate(plotted["indeling van de bron"].unique())}
    fig, ax = plt.subplots(figsize=(7.0, 3.8))
    for label, rows in plotted.groupby("indeling van de bron", sort=False):
        ax.bar(rows["jaar"], rows["aantal"], color=colours[label], label=label)
    has_split = plotted.dropna(subset=["waarvan criminele uitbuiting"])
    ax.bar(
        has_split["jaar"],
        has_split["waarvan criminele uitbuiting"],
        fill=False,
        hatch="///",
        edgecolor=PALETTE[6],
        label="waarvan criminele uitbuiting",
    )
    ax.set_xticks(plotted["jaar"])
    ax.set_ylabel(REGISTERED)
    dutch_thousands(ax.yaxis)
    ax.legend(frameon=False, loc="upper left", bbox_to_anchor=(0, -0.12), fontsize=9)
    return fig, plotted


def reported_and_estimated(counts: pd.Series, estimate: pd.Series):
    """Registered counts per year (index: year) and one rounded yearly estimate, as bars."""
    plotted = pd.DataFrame(
        {
            "wat": [f"gemeld in {year}" for year in counts.index]
            + [f"geschat per jaar ({int(estimate['period_start'])}–{int(estimate['period_end'])}, afgerond)"],
            "aantal": list(counts.astype(float)) + [float(estimate["point"])],
            "soort": ["meldingen"] * len(counts) + ["schatting"],
        }
    )
    fig, ax = plt.subplots(figsize=(7.0, 2.6))
    colours = [PALETTE[0] if kind == "meldingen" else PALETTE[1] for kind in plotted["soort"]]
    ax.barh(plotted["wat"], plotted["aantal"], color=colours)
    ax.invert_yaxis()  # first row on top
    ax.set_xlabel("personen")
    dutch_thousands(ax.xaxis)
    ax.grid(axis="y", visible=False)
    return fig, plotted


# --- the municipal network (rol-van-gemeenten) --------------------------------------------------

GROUP_COLOURS = {
    "gemeente": OKABE_ITO["blauw"],
    "regie": OKABE_ITO["oranje"],
    "zorg": OKABE_ITO["blauwgroen"],
    "veiligheid": OKABE_ITO["vermiljoen"],
    "landelijk": OKABE_ITO["roodpaars"],
}
#: A fixed place per group, so the diagram is the same at every build: the first node's
#: (x, y) and the step to the next node.
GROUP_SLOTS = {
    "gemeente": ((0.0, 0.0), (0.0, 0.0)),
    "landelijk": ((-0.9, 2.2), (1.8, 0.0)),
    "veiligheid": ((-2.6, 1.6), (0.0, -0.8)),
    "zorg": ((2.6, 1.0), (0.0, -1.0)),
    "regie": ((-1.9, -2.2), (1.9, 0.0)),
}


def network_layout(nodes: pd.DataFrame) -> pd.DataFrame:
    """x and y for every node: groups in fixed places, members in the order of the table."""
    unknown = set(nodes["group"]) - set(GROUP_SLOTS)
    if unknown:
        raise ValueError(
            f"data/policy/network_nodes.csv, column 'group': no place in the diagram for {sorted(unknown)}"
        )
    placed = []
    for group, members in nodes.sort_values("order").groupby("group", sort=False):
        (x0, y0), (dx, dy) = GROUP_SLOTS[group]
        for rank, (_, node) in enumerate(members.iterrows()):
            placed.append({**node.to_dict(), "x": x0 + rank * dx, "y": y0 + rank * dy})
    return pd.DataFrame(placed).set_index("node_id", drop=False)


def network(nodes: pd.DataFrame, edges: pd.DataFrame, group_labels: dict[str, str]):
    """Lines for the ties, boxed labels coloured by group, and a legend of the groups.

    ``nodes`` come from :func:`network_layout`. The plotted table has one row per box and
    one per line, with its source.
    """
    fig, ax = plt.subplots(figsize=(9, 6.2))
    for _, edge in edges.iterrows():
        start, end = nodes.loc[edge["from_node"]], nodes.loc[edge["to_node"]]
        ax.plot([start["x"], end["x"]], [start["y"], end["y"]], color="#8c8c8c", linewidth=1.2, zorder=1)
    for _, node in nodes.iterrows():
        colour = GROUP_COLOURS[node["group"]]
        ax.text(
            node["x"],
            node["y"],
            textwrap.fill(node["label"], 16, break_long_words=False),
            ha="center",
            va="center",
            fontsize=10,
            zorder=3,
            bbox={"boxstyle": "round,pad=0.4", "facecolor": "white", "edgecolor": colour, "linewidth": 2.5},
        )
    legend = [
        Patch(facecolor="white", edgecolor=GROUP_COLOURS[g], linewidth=2.5, label=group_labels[g])
        for g in GROUP_COLOURS
    ]
    ax.legend(handles=legend, loc="lower center", bbox_to_anchor=(0.5, -0.13), ncol=3, frameon=False)
    ax.set_xlim(-3.4, 3.4)
    ax.set_ylim(-2.6, 2.6)
    ax.axis("off")
    boxes = nodes.assign(element="partij", x_end=None, y_end=None)[
        ["element", "node_id", "label", "group", "x", "y", "x_end", "y_end", "source_id"]
    ]
    lines = edges.assign(
        element="verbinding",
        node_id=edges["from_node"] + "-" + edges["to_node"],
        label=edges["relation"],
        group=None,
        x=edges["from_node"].map(nodes["x"]),
        y=edges["from_node"].map(nodes["y"]),
        x_end=edges["to_node"].map(nodes["x"]),
        y_end=edges["to_node"].map(nodes["y"]),
    )[boxes.columns]
    return fig, pd.concat([boxes, lines], ignore_index=True)
