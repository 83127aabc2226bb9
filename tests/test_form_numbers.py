"""The numbers of the three form chapters (onzichtbaar.form_numbers).

The tables are built as the chapters' visible cells build them; the expected values are
the counts the sources quote in data/victims_by_form.csv (TIP reports) and the other data
files, with the arithmetic written out by hand.
"""

from __future__ import annotations

import pandas as pd
import pytest

from onzichtbaar import data, form_numbers


@pytest.fixture(scope="module")
def by_form() -> pd.DataFrame:
    return data.load("victims_by_form").query("series == 'NRM'")


def test_sexual_exploitation(by_form):
    per_year = by_form[by_form["part_of"].isna()].pivot(index="year", columns="form", values="count")
    overview = pd.DataFrame(
        {"seksuele uitbuiting": per_year["sexual_exploitation"], "som van de vormen": per_year.sum(axis=1)}
    )
    overview["aandeel"] = (overview["seksuele uitbuiting"] / overview["som van de vormen"]).round(2)
    texts = form_numbers.sexual(overview)
    # 523, 534, 458, 849, 408 in 2016-2020: lowest 408 in 2020, highest 849 in 2019.
    assert {
        k: texts[k]
        for k in ("seks_jaar_eerst", "seks_jaar_laatst", "seks_min", "seks_min_jaar", "seks_max", "seks_max_jaar")
    } == {
        "seks_jaar_eerst": "2016",
        "seks_jaar_laatst": "2020",
        "seks_min": "408",
        "seks_min_jaar": "2020",
        "seks_max": "849",
        "seks_max_jaar": "2019",
    }
    # Shares without 2020: 523/952 = 0.55 (2016) … 458/668 = 0.69 (2018).
    assert (texts["seks_aandeel_min"], texts["seks_aandeel_max"]) == ("55", "69")
    assert (texts["seks_jaar_overlap"], texts["seks_disjunct_eerst"], texts["seks_disjunct_laatst"]) == (
        "2020",
        "2016",
        "2019",
    )
    # NRM_2015_2019_hetccv: 89 % in less visible sectors in 2017-2019; RD_201910: about 3,000 Dutch
    # victims a year (2014-2015); WODC: about 2,000 from 2016; NJI: 341 of 659 minors (52 %).
    assert (texts["seks_minder_zichtbaar"], texts["seks_minder_zichtbaar_van"], texts["seks_minder_zichtbaar_tot"]) == (
        "89",
        "2017",
        "2019",
    )
    assert (texts["seks_schatting_nl"], texts["seks_schatting_nl_van"], texts["seks_schatting_nl_tot"]) == (
        "3.000",
        "2014",
        "2015",
    )
    assert (texts["seks_schatting_later"], texts["seks_schatting_later_van"]) == ("2.000", "2016")
    assert (texts["seks_minder_bekend"], texts["seks_minder_seks"], texts["seks_minder_aandeel"]) == (
        "659",
        "341",
        "52",
    )
    assert (texts["seks_minder_van"], texts["seks_minder_tot"]) == ("2016", "2020")


def test_labour_exploitation(by_form):
    labels = data.labels("victims_by_form", "form")
    labour = by_form[by_form["form"].str.startswith("labour")].set_index("year")
    criminal = by_form.query("form == 'criminal_exploitation'").set_index("year")["count"]
    overview = pd.DataFrame(
        {
            "indeling van de bron": labour["form"].map(labels),
            "aantal": labour["count"],
            "waarvan criminele uitbuiting": criminal,
        }
    )
    texts = form_numbers.labour(overview)
    # 244, 249, 142, 424, 603 in 2016-2020, in three categories of the source.
    assert (texts["arbeid_min"], texts["arbeid_min_jaar"], texts["arbeid_max"], texts["arbeid_max_jaar"]) == (
        "142",
        "2018",
        "603",
        "2020",
    )
    assert texts["arbeid_indelingen"] == "3"
    # Criminal apart in 2019 and 2020: 424 - 196 = 228 and 603 - 154 = 449.
    assert (texts["arbeid_apart_eerst"], texts["arbeid_apart_laatst"]) == ("2019", "2020")
    assert (texts["arbeid_zonder_crim_eerst"], texts["arbeid_zonder_crim_laatst"]) == ("228", "449")
    # Labour inspectorate: 38, 38, 75, 46 (TIP 2016-2019); the NLA at CoMensha: 33 (2023), 71 (2024).
    assert (
        texts["arbeid_szw_min"],
        texts["arbeid_szw_max"],
        texts["arbeid_szw_eerst"],
        texts["arbeid_szw_laatst"],
    ) == ("38", "75", "2016", "2019")
    assert (texts["arbeid_nla_eerst_aantal"], texts["arbeid_nla_laatst_aantal"]) == ("33", "71")
    assert (texts["arbeid_fairwork"], texts["arbeid_fairwork_jaar"]) == ("257", "2024")  # COMENSHA_beeld2024_v3
    assert (texts["arbeid_comensha_aandeel"], texts["arbeid_comensha_jaar"]) == ("41", "2020")  # COMENSHA_beeld2020


def test_criminal_exploitation(by_form):
    criminal = by_form.query("form == 'criminal_exploitation'").set_index("year")
    parent = by_form.set_index(["year", "form"])["count"]
    criminal["deel van"] = [parent[(year, whole)] for year, whole in criminal["part_of"].items()]
    criminal["aandeel"] = (criminal["count"] / criminal["deel van"]).round(2)
    estimate = form_numbers.criminal_estimate()
    texts = form_numbers.criminal(criminal, estimate)
    # 196 of 424 (46 %) in 2019, 154 of 603 (26 %) in 2020.
    assert (texts["crim_eerst"], texts["crim_laatst"], texts["crim_aandeel_eerst"], texts["crim_aandeel_laatst"]) == (
        "196",
        "154",
        "46",
        "26",
    )
    # NOS_202111: «zo'n duizend» a year in 2018-2019; 1000 / 196 registered in 2019 = 5.1.
    assert (texts["crim_schatting"], texts["crim_schatting_van"], texts["crim_schatting_tot"]) == (
        "1.000",
        "2018",
        "2019",
    )
    assert (texts["crim_keer"], texts["crim_keer_jaar"]) == ("5", "2019")
    assert (texts["crim_groep_eerst"], texts["crim_groep_laatst"]) == ("668", "289")  # NIEUWSNL
