"""The numbers the monitor chapter (``chapters/het-grootste-deel-zien-we-niet.md``) glues.

One function per section. Each returns a dict of glue name -> Dutch text, exactly as the
prose shows it; the chapter glues it with :func:`onzichtbaar.chapter.glue_all`. The inputs
are the tables of the data package (``victims_per_year``, ``victims_per_period``,
``victims_by_form``, ``victims_by_reporter``, ``shares``, ``other_figures``,
``nationality``, ``estimates``); a function that needs a table the chapter does not show
loads it itself.

>>> import pandas as pd
>>> year_span(pd.Series([None, 1234, 958], index=[2010, 2011, 2012]))
[2011, 2012]
"""

from __future__ import annotations

import pandas as pd

from onzichtbaar import data
from onzichtbaar.chapter import dutch_list, one
from onzichtbaar.dutch import number, percent

Texts = dict[str, str]

#: The years of the reporter figure and its glued numbers.
REPORTER_YEARS = [2016, 2017, 2018, 2019]
#: The years of the minors figure.
MINOR_YEARS = list(range(2015, 2021))
#: The two MSE periods of the iceberg figure and the sources of their bars.
ICEBERG_PERIODS = ["2014-2015", "2018-2019"]
ICEBERG_SOURCES = ["DR_news_20170928; NRM_news_20211130", "WODC_20211129; NRM_news_20211130"]


def _numbers(decimals: int = 0, **values: float) -> Texts:
    """As :func:`onzichtbaar.chapter.glue_numbers` would glue them."""
    return {name: number(float(value), decimals) for name, value in values.items()}


def year_span(series: pd.Series) -> list[int]:
    """Every year from the first to the last year with a value (index: year)."""
    known = series.dropna().index
    return list(range(int(known.min()), int(known.max()) + 1))


# --- meldingen per jaar ---------------------------------------------------------------------------


def superseded_nrm(yearly: pd.DataFrame) -> pd.DataFrame:
    """The Rapporteur's earlier published counts (``victims_per_year``, status ``superseded``), once each."""
    return yearly.query("series == 'NRM' and status == 'superseded'").drop_duplicates(["year", "count"])


def per_year(counts: pd.DataFrame, yearly: pd.DataFrame, periods: pd.DataFrame) -> Texts:
    """The yearly counts of both series, the monitor totals, the peak and the revised values.

    ``counts``: current counts, one column per series (index: year); ``yearly``: the table
    ``victims_per_year``; ``periods``: the table ``victims_per_period``. A period total
    that is not the sum of its years is an error.
    """
    nrm, comensha = counts["NRM"], counts["CoMensha"]
    years = year_span(nrm)
    first, last = years[0], years[-1]
    texts = {"eerste_jaar": str(first), "laatste_jaar": str(last)}
    for year in years:
        texts[f"nrm_{year}"] = number(float(nrm[year]))
        if pd.notna(comensha.get(year)):
            texts[f"com_{year}"] = number(float(comensha[year]))
    gaps = comensha.loc[first:]
    texts["com_gaten"] = dutch_list(int(y) for y in gaps.index[gaps.isna()])
    for (start, end), published in periods.set_index(["period_start", "period_end"])["count"].items():
        if int(nrm.loc[start:end].sum()) != published:
            raise ValueError(
                f"victims_per_period: {start}-{end} is {published}, the years add up to {int(nrm.loc[start:end].sum())}"
            )
        texts[f"periode_{start}_{end}"] = number(float(published))
    old = superseded_nrm(yearly)
    old_2017 = one(old, "victims_per_year (superseded)", year=2017)["count"]
    return {
        **texts,
        "verhouding_2019_2018": number(float(nrm[2019] / nrm[2018]), 1),
        "piekjaar": str(int(nrm.idxmax())),
        "piek": number(float(nrm.max())),
        **_numbers(
            oud_2017=old_2017,
            som_met_oud_2017=nrm.loc[2015:2019].sum() - nrm[2017] + old_2017,
            oud_2015=one(old, "victims_per_year (superseded)", year=2015)["count"],
        ),
    }


# --- vormen, melders, minderjarigen, nationaliteit ------------------------------------------------


def forms(forms: pd.DataFrame) -> Texts:
    """``vorm_<year>_<form>``: the counts by form the prose names (rows of ``victims_by_form``, one series)."""
    count = forms.set_index(["year", "form"])["count"]
    return _numbers(
        vorm_2019_seksueel=count[(2019, "sexual_exploitation")],
        vorm_2019_arbeid=count[(2019, "labour_exploitation_incl_criminal")],
        vorm_2019_crimineel=count[(2019, "criminal_exploitation")],
        vorm_2016_seksueel=count[(2016, "sexual_exploitation")],
        vorm_2020_seksueel=count[(2020, "sexual_exploitation")],
        vorm_2020_arbeid=count[(2020, "labour_exploitation_incl_criminal")],
    )


def reporters(reporters: pd.DataFrame, main: list[str], years: list[int] = REPORTER_YEARS) -> Texts:
    """``melder_<reporter>_<year>`` for the ``main`` reporters, the sum of 2016 and the superseded police count.

    ``reporters``: the current rows of one series of ``victims_by_reporter``.
    """
    count = reporters.set_index(["reporter", "year"])["count"]
    texts = {f"melder_{reporter}_{year}": number(float(count[(reporter, year)])) for reporter in main for year in years}
    police_2016_old = one(
        data.load("victims_by_reporter"), "victims_by_reporter", year=2016, reporter="police", status="superseded"
    )["count"]
    return texts | _numbers(
        melders_som_2016=reporters.query("year == 2016")["count"].sum(), politie_2016_oud=police_2016_old
    )


def minors_per_year() -> tuple[pd.Series, pd.Series]:
    """Registered minors per year (NRM series) and the monitor's share of minors in percent, by year."""
    minors = data.current_per_year("minors").query("series == 'NRM'").set_index("year")["count"]
    shares = data.load("shares").query("topic == 'minors' and category == 'minors' and period_start == period_end")
    return minors, shares.drop_duplicates("period_start").set_index("period_start")["percent"]


def minors(minors: pd.Series, share_by_year: pd.Series) -> Texts:
    """``minder_<year>``, ``minder_aandeel_<year>`` and the minors by form 2016–2020 (``other_figures``)."""
    by_form = data.load("other_figures").query("topic == 'registered_minors_by_form'").set_index("category")["value"]
    return (
        _numbers(**{f"minder_{year}": minors[year] for year in (2016, 2017, 2018, 2019, 2020)})
        | {f"minder_aandeel_{year}": percent(share_by_year[year] / 100) for year in (2015, 2016, 2019)}
        | _numbers(
            minder_vorm_bekend=by_form["minors_form_known"], minder_seksueel=by_form["minors_sexual_exploitation"]
        )
    )


def counts_in(nationality: pd.DataFrame, year: int) -> pd.DataFrame:
    """The rows of ``nationality`` with a count in ``year``, smallest first (as the figure draws them)."""
    return nationality.query("year == @year").dropna(subset=["count"]).sort_values("count")


def nationality(nationality: pd.DataFrame, country: dict[str, str]) -> Texts:
    """The largest nationality of 2019 with its count, the Dutch count, and who ranked first when."""
    top = counts_in(nationality, 2019).sort_values("count", ascending=False)
    first_place = nationality.dropna(subset=["rank"]).query("rank == 1").set_index("year")["nationality"]
    return {
        "nat_2019_eerste": country[top.iloc[0]["nationality"]],
        **_numbers(
            nat_2019_eerste_aantal=top.iloc[0]["count"],
            nat_2019_nl=top.set_index("nationality").loc["Netherlands", "count"],
        ),
        "nl_eerst_jaren": dutch_list(int(y) for y in first_place[first_place == "Netherlands"].index),
        "eerst_2020": country[first_place[2020]],
    }


def rank_table(nationality: pd.DataFrame, country: dict[str, str]) -> pd.DataFrame:
    """The place of each nationality per year, as the sources list them (rows ``1e``, ``2e``, …)."""
    table = (
        nationality.dropna(subset=["rank"])
        .assign(land=lambda d: d["nationality"].map(country))
        .pivot(index="rank", columns="year", values="land")
    )
    table.index = [f"{int(r)}e" for r in table.index]
    table.index.name = "plaats"
    table.columns.name = "jaar"
    return table


# --- het topje van de ijsberg ---------------------------------------------------------------------


def iceberg_inputs(nrm: pd.Series) -> dict[str, float]:
    """The published MSE estimates per year and the registered averages of the same years."""
    estimates = data.load("estimates")
    per_year = estimates.query("method == 'mse' and scope == 'total_per_year'")

    def published(start: int, column: str) -> float:
        """The first published value of ``column`` for the estimate of the years start and start + 1."""
        return per_year.query("period_start == @start and period_end == @start + 1")[column].dropna().iloc[0]

    ratios = estimates.query("scope == 'estimate_to_registered'").set_index("period_start")
    return {
        "point_2014": published(2014, "point"),
        "low_2014": published(2014, "low"),
        "high_2014": published(2014, "high"),
        "point_2018": published(2018, "point"),
        "low_2018": published(2018, "low"),
        "registered_2014": nrm.loc[2014:2015].mean(),
        "registered_2018": nrm.loc[2018:2019].mean(),
        "ratio_2014": ratios.loc[2014, "point"],
        "ratio_2018_low": ratios.loc[2018, "low"],
        "ratio_2018_high": ratios.loc[2018, "high"],
        "wodc_registered": one(
            data.load("other_figures"), "other_figures", topic="registered_total_rounded", source_id="WODC_20211129"
        )["value"],
    }


def iceberg(nrm: pd.Series) -> Texts:
    """``mse1_*``, ``mse2_*``, the registered averages and the ratios estimate : registered."""
    v = iceberg_inputs(nrm)
    return (
        _numbers(
            mse1_punt=v["point_2014"],
            mse1_laag=v["low_2014"],
            mse1_hoog=v["high_2014"],
            mse2_punt=v["point_2018"],
            mse2_laag=v["low_2018"],
            gem_2014_2015=round(v["registered_2014"], -1),
            gem_2018_2019=round(v["registered_2018"], -1),
            factor1_bron=v["ratio_2014"],
            factor2_bron_laag=v["ratio_2018_low"],
            factor2_bron_hoog=v["ratio_2018_high"],
            wodc_gemeld=v["wodc_registered"],
        )
        | _numbers(
            1,
            factor1=v["point_2014"] / v["registered_2014"],
            factor2=v["point_2018"] / v["registered_2018"],
            factor2_wodc=v["point_2018"] / v["wodc_registered"],
        )
        | {"zichtbaar_deel": percent(v["registered_2014"] / v["point_2014"])}
    )


def iceberg_bars(nrm: pd.Series) -> dict:
    """The arguments of :func:`onzichtbaar.figures.monitor_iceberg` (the upper bound of 2018–2019 is unclear)."""
    v = iceberg_inputs(nrm)
    return {
        "periods": ICEBERG_PERIODS,
        "registered": [v["registered_2014"], v["registered_2018"]],
        "estimated": [v["point_2014"], v["point_2018"]],
        "low": [v["low_2014"], v["low_2018"]],
        "high": [v["high_2014"], None],
        "sources": ICEBERG_SOURCES,
    }
