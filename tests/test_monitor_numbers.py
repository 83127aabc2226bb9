"""The numbers of the monitor chapter (onzichtbaar.monitor_numbers).

Expected values are the ones the sources quote (see the quote column of the data files:
«in totaal 5.060 slachtoffers», «849 were victims of sex trafficking», «Nigeria (512), the
Netherlands (244)», …) or arithmetic by hand on them, not output of the code.
"""

from __future__ import annotations

import pandas as pd
import pytest

from onzichtbaar import data, figures, monitor_numbers


@pytest.fixture(scope="module")
def counts() -> pd.DataFrame:
    return data.current_per_year().pivot(index="year", columns="series", values="count")


def test_per_year_adds_up_to_the_monitor_total_and_shows_the_revision(counts):
    texts = monitor_numbers.per_year(counts, data.load("victims_per_year"), data.load("victims_per_period"))
    assert texts["periode_2015_2019"] == "5.060"  # NRM_2015_2019_hetccv
    # 1150 + 952 + 956 + 668 + 1334 = 5060; with the superseded 958 for 2017: 5062.
    assert [texts[f"nrm_{y}"] for y in range(2015, 2020)] == ["1.150", "952", "956", "668", "1.334"]
    assert (texts["oud_2017"], texts["som_met_oud_2017"], texts["oud_2015"]) == ("958", "5.062", "1.321")
    assert texts["verhouding_2019_2018"] == "2,0"  # 1334 / 668 = 1.997
    assert texts["com_2014"] == "1.561" and texts["com_2019"] == "1.372"
    assert "com_2017" not in texts and "2017" in texts["com_gaten"]  # CoMensha gives no number for 2017
    assert texts["laatste_jaar"] == str(int(data.current_per_year().query("series == 'NRM'")["year"].max()))


def test_a_period_total_that_is_not_the_sum_of_its_years_is_an_error(counts):
    periods = pd.DataFrame({"period_start": [2015], "period_end": [2019], "count": [5061]})
    with pytest.raises(ValueError, match="2015-2019 is 5061, the years add up to 5060"):
        monitor_numbers.per_year(counts, data.load("victims_per_year"), periods)


def test_forms_reporters_and_minors_are_the_quoted_counts():
    forms = data.load("victims_by_form").query("series == 'NRM'")
    texts = monitor_numbers.forms(forms)
    assert (
        texts.items()
        >= {
            "vorm_2019_seksueel": "849",
            "vorm_2019_arbeid": "424",
            "vorm_2019_crimineel": "196",
            "vorm_2016_seksueel": "523",
        }.items()
    )  # TIP2021, TIP2018
    reporters = data.load("victims_by_reporter").query("series == 'NRM' and status == 'current'")
    texts = monitor_numbers.reporters(reporters, list(figures.MAIN_REPORTERS))
    # 2016: police 446 (revised from 462), care 240, inspectorate 38, KMar 12, other 352: 1088.
    assert (texts["melder_police_2016"], texts["politie_2016_oud"], texts["melders_som_2016"]) == (
        "446",
        "462",
        "1.088",
    )
    assert texts["melder_police_2019"] == "952"
    assert len([k for k in texts if k.startswith("melder_")]) == 4 * len(monitor_numbers.REPORTER_YEARS)
    minors, shares = monitor_numbers.minors_per_year()
    texts = monitor_numbers.minors(minors, shares)
    assert (texts["minder_2016"], texts["minder_2018"], texts["minder_2019"]) == ("227", "62", "108")
    assert (texts["minder_vorm_bekend"], texts["minder_seksueel"]) == ("659", "341")  # NJI_cijfers


def test_nationality_2019_and_the_rank_table():
    nationality = data.load("nationality").query("series == 'NRM'")
    country = data.labels("nationality", "nationality")
    texts = monitor_numbers.nationality(nationality, country)
    # TIP2021: «Nigeria (512), the Netherlands (244), Uganda (91) …»
    assert (texts["nat_2019_eerste"], texts["nat_2019_eerste_aantal"], texts["nat_2019_nl"]) == (
        country["Nigeria"],
        "512",
        "244",
    )
    table = monitor_numbers.rank_table(nationality, country)
    assert table.index[0] == "1e" and table.index.name == "plaats" and table.columns.name == "jaar"
    assert list(monitor_numbers.counts_in(nationality, 2019)["count"]) == [49, 83, 91, 244, 512]


def test_iceberg_ratios_by_hand():
    nrm = data.current_per_year().query("series == 'NRM'").set_index("year")["count"]
    texts = monitor_numbers.iceberg(nrm)
    # Published: 6,250 (5,000-7,500) for 2014-2015, about 5,000 (at least 4,000) for 2018-2019.
    assert (texts["mse1_punt"], texts["mse1_laag"], texts["mse1_hoog"]) == ("6.250", "5.000", "7.500")
    assert (texts["mse2_punt"], texts["mse2_laag"], texts["wodc_gemeld"]) == ("5.000", "4.000", "1.300")
    # Registered: (1255 + 1150) / 2 = 1202.5 and (668 + 1334) / 2 = 1001 per year.
    assert (texts["gem_2014_2015"], texts["gem_2018_2019"]) == ("1.200", "1.000")
    assert (texts["factor1"], texts["factor2"], texts["factor2_wodc"]) == ("5,2", "5,0", "3,8")
    assert texts["zichtbaar_deel"] == "19 %"
    assert (texts["factor1_bron"], texts["factor2_bron_laag"], texts["factor2_bron_hoog"]) == ("5", "3", "4")
    bars = monitor_numbers.iceberg_bars(nrm)
    assert bars["high"] == [7500, None] and bars["registered"] == [1202.5, 1001]
