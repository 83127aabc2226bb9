"""The numbers the three form chapters glue: seksuele-, arbeids- en criminele uitbuiting.

One function per chapter. Each takes the table the chapter shows in a visible cell and
returns a dict of glue name -> Dutch text, exactly as the prose shows it; the chapter
glues it with :func:`onzichtbaar.chapter.glue_all`. Tables the chapter does not show
(``shares``, ``estimates``, ``other_figures``, ``victims_by_reporter``) are loaded here.
"""

from __future__ import annotations

import pandas as pd

from onzichtbaar import data
from onzichtbaar.chapter import one, span_texts
from onzichtbaar.dutch import number

Texts = dict[str, str]

#: Years in which the forms of ``victims_by_form`` overlap (the table's description), so a
#: share of their sum means nothing there; shares are given for the other years only.
OVERLAP_YEARS = {2020}


def _years(**years: float) -> Texts:
    return {name: str(int(year)) for name, year in years.items()}


def _numbers(**values: float) -> Texts:
    return {name: number(float(value)) for name, value in values.items()}


def sexual(overview: pd.DataFrame) -> Texts:
    """``seks_*``: the yearly counts and shares, the less visible sectors, the estimates, the minors.

    ``overview``: per year (index) the columns ``seksuele uitbuiting``, ``som van de vormen``
    and ``aandeel`` (the chapter's table).
    """
    disjoint = overview.drop(index=[y for y in OVERLAP_YEARS if y in overview.index])
    texts = (
        span_texts("seks", overview["seksuele uitbuiting"])
        | _years(
            seks_jaar_overlap=min(OVERLAP_YEARS),
            seks_disjunct_eerst=disjoint.index.min(),
            seks_disjunct_laatst=disjoint.index.max(),
        )
        | _numbers(seks_aandeel_min=100 * disjoint["aandeel"].min(), seks_aandeel_max=100 * disjoint["aandeel"].max())
    )
    sector = data.load("shares").query("topic == 'sector'").sort_values("period_start").iloc[-1]
    texts |= _numbers(seks_minder_zichtbaar=sector["percent"]) | _years(
        seks_minder_zichtbaar_van=sector["period_start"], seks_minder_zichtbaar_tot=sector["period_end"]
    )
    estimates = data.load("estimates")
    dutch = one(estimates, "estimates", scope="dutch_sexual_exploitation")
    later = estimates.query("scope == 'sexual_exploitation' and period_start >= 2016").iloc[0]
    texts |= _numbers(seks_schatting_nl=dutch["point"], seks_schatting_later=later["point"]) | _years(
        seks_schatting_nl_van=dutch["period_start"],
        seks_schatting_nl_tot=dutch["period_end"],
        seks_schatting_later_van=later["period_start"],
    )
    minors = data.load("other_figures").query("topic == 'registered_minors_by_form'").set_index("category")
    known, sexual_minors = minors.loc["minors_form_known", "value"], minors.loc["minors_sexual_exploitation", "value"]
    return (
        texts
        | _numbers(
            seks_minder_bekend=known, seks_minder_seks=sexual_minors, seks_minder_aandeel=100 * sexual_minors / known
        )
        | _years(
            seks_minder_van=minors.loc["minors_form_known", "period_start"],
            seks_minder_tot=minors.loc["minors_form_known", "period_end"],
        )
    )


def labour(overview: pd.DataFrame) -> Texts:
    """``arbeid_*``: the yearly counts, the criminal part, the labour inspectorate, FairWork, CoMensha's share.

    ``overview``: per year (index) the columns ``indeling van de bron``, ``aantal`` and
    ``waarvan criminele uitbuiting`` (the chapter's table).
    """
    split = overview.dropna(subset=["waarvan criminele uitbuiting"])
    without_criminal = split["aantal"] - split["waarvan criminele uitbuiting"]
    texts = (
        span_texts("arbeid", overview["aantal"])
        | _numbers(
            arbeid_indelingen=overview["indeling van de bron"].nunique(),
            arbeid_zonder_crim_eerst=without_criminal.iloc[0],
            arbeid_zonder_crim_laatst=without_criminal.iloc[-1],
        )
        | _years(arbeid_apart_eerst=split.index.min(), arbeid_apart_laatst=split.index.max())
    )
    reporters = data.load("victims_by_reporter").query("status == 'current'")
    inspectorate = reporters[reporters["reporter"].isin(["labour_inspectorate", "labour_inspectorate_NLA"])]
    old = inspectorate.query("series == 'NRM'").set_index("year")["count"]  # Inspectie SZW, in the NRM series
    new = inspectorate.query("series == 'CoMensha'").set_index("year")["count"]  # the NLA, in CoMensha's
    texts |= _years(
        arbeid_szw_eerst=old.index.min(),
        arbeid_szw_laatst=old.index.max(),
        arbeid_nla_eerst=new.index.min(),
        arbeid_nla_laatst=new.index.max(),
    ) | _numbers(
        arbeid_szw_min=old.min(),
        arbeid_szw_max=old.max(),
        arbeid_nla_eerst_aantal=new.iloc[0],
        arbeid_nla_laatst_aantal=new.iloc[-1],
    )
    fairwork = reporters.query("reporter == 'FairWork'").set_index("year")["count"]
    regulated = data.load("shares").query("category == 'regulated_labour_and_services'").iloc[0]
    return (
        texts
        | _years(arbeid_fairwork_jaar=fairwork.index.max(), arbeid_comensha_jaar=regulated["period_start"])
        | _numbers(arbeid_fairwork=fairwork.loc[fairwork.index.max()], arbeid_comensha_aandeel=regulated["percent"])
    )


def criminal_estimate() -> pd.Series:
    """The one published estimate of criminal exploitation (a row of ``estimates``)."""
    return one(data.load("estimates"), "estimates", scope="criminal_exploitation")


def criminal(criminal: pd.DataFrame, estimate: pd.Series) -> Texts:
    """``crim_*``: the registered criminal exploitation, its share, the estimate, the wider group.

    ``criminal``: per year (index) the columns ``count`` and ``aandeel`` (the chapter's
    table); ``estimate``: :func:`criminal_estimate`. The ratio ``crim_keer`` is a rough
    comparison: the rounded estimate against the registrations of its last year.
    """
    group = (
        data.load("other_figures")
        .query("category == 'criminal_plus_crossborder_sexual_exploitation'")
        .set_index("period_start")["value"]
    )
    end = int(estimate["period_end"])
    return _years(
        crim_jaar_eerst=criminal.index.min(),
        crim_jaar_laatst=criminal.index.max(),
        crim_schatting_van=estimate["period_start"],
        crim_schatting_tot=end,
        crim_keer_jaar=end,
        crim_groep_eerst_jaar=group.index.min(),
        crim_groep_laatst_jaar=group.index.max(),
    ) | _numbers(
        crim_eerst=criminal["count"].iloc[0],
        crim_laatst=criminal["count"].iloc[-1],
        crim_aandeel_eerst=100 * criminal["aandeel"].iloc[0],
        crim_aandeel_laatst=100 * criminal["aandeel"].iloc[-1],
        crim_schatting=estimate["point"],
        crim_keer=estimate["point"] / criminal["count"].get(end),
        crim_groep_eerst=group.iloc[0],
        crim_groep_laatst=group.iloc[-1],
    )
