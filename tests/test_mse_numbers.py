"""The numbers of the MSE chapter (onzichtbaar.mse_numbers).

Expected values come from the data files read with the csv module, from the published
sources they quote (data/estimates.csv, data/raw/*.md) or from arithmetic by hand; the
model numbers are checked against properties the method guarantees, not against the
code's own output.
"""

from __future__ import annotations

import csv
import math
import re

import pytest

from onzichtbaar import ROOT, mse, mse_numbers

DATA = ROOT / "data"


def rows(name: str) -> list[dict[str, str]]:
    with open(DATA / f"{name}.csv", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def dutch(value: float) -> str:
    """Dutch thousands separator, written out independently of onzichtbaar.dutch."""
    return f"{value:,.0f}".replace(",", ".")


@pytest.fixture(scope="module")
def overlaps():
    return mse_numbers.dutch_overlaps()


@pytest.fixture(scope="module")
def analysis(overlaps):
    return mse_numbers.Analysis(overlaps)


def test_lincoln_petersen_example_by_hand():
    texts = mse_numbers.lincoln_petersen_example()
    # 200 × 150 / 30 = 1000 in total; 200 + 150 − 30 = 320 seen; 30 of the 150 on B are on A: 20 %.
    assert texts == {
        "lp_a": "200",
        "lp_b": "150",
        "lp_both": "30",
        "lp_total": "1.000",
        "lp_seen": "320",
        "lp_unseen": "680",
        "lp_share_b_on_a": "20 %",
        "lp_both_high": "60",
        "lp_total_high": "500",
        "lp_both_low": "15",
        "lp_total_low": "2.000",
    }


def test_exercise_by_hand_and_the_o_z_overlap_from_the_file(overlaps):
    texts = mse_numbers.exercises(overlaps)
    # 120 × 90 / 27 = 400; 120 + 90 − 27 = 183 seen; 400 − 183 = 217 unseen.
    assert {k: v for k, v in texts.items() if k.startswith("ex_")} == {
        "ex_a": "120",
        "ex_b": "90",
        "ex_both": "27",
        "ex_total": "400",
        "ex_seen": "183",
        "ex_unseen": "217",
    }
    on_o_and_z = sum(int(r["frequency"]) for r in rows("list_overlaps") if r["O"] == "1" and r["Z"] == "1")
    assert texts["oz_overlap"] == dutch(on_o_and_z)


def test_published_estimates_are_the_quoted_ones():
    # «around 6,250» (DR_news_20170928), «tussen de 5.000 en 7.500» (NRM_news_20211130),
    # «rond de 5.000» (WODC_20211129), «about five times» and «3 à 4 keer» (HETCCV_mse2021),
    # «zo'n 5000» in 2010 and «meer dan 8000» in 2012 (NOS_202111).
    assert mse_numbers.published() == {
        "pub_2014_2015": "6.250",
        "pub_low": "5.000",
        "pub_high": "7.500",
        "pub_2018_2019": "5.000",
        "ratio_2014_2015": "5",
        "pub_2010": "5.000",
        "pub_2012": "8.000",
        "ratio_2018_2019": "3 à 4",
    }


def test_reported_counts_come_from_the_yearly_table():
    current = [r for r in rows("victims_per_year") if r["status"] == "current"]
    comensha = {
        int(r["year"]): int(r["count"]) for r in current if r["series"] == "CoMensha" and 2010 <= int(r["year"]) <= 2015
    }
    nrm = {int(r["year"]): int(r["count"]) for r in current if r["series"] == "NRM"}
    assert sorted(comensha) == list(range(2010, 2016))
    assert mse_numbers.reported() == {
        "reported_2010_2015": dutch(sum(comensha.values())),
        "reported_2014": dutch(comensha[2014]),
        "reported_2015": dutch(comensha[2015]),
        "nrm_2014": dutch(nrm[2014]),
        "nrm_2015": dutch(nrm[2015]),
    }


def test_table_facts_match_the_documented_table(overlaps):
    table = rows("list_overlaps")
    comensha = sum(
        int(r["count"])
        for r in rows("victims_per_year")
        if r["series"] == "CoMensha"
        and r["status"] == "current"
        and 2010 <= int(r["year"]) <= 2015
        and r["source_id"] != "ACTUEEL_20130412"
    )  # 2012 has two sources with the same count
    one_list = sum(int(r["frequency"]) for r in table if sum(int(r[c]) for c in "IKOPRZ") == 1)
    texts = mse_numbers.table_facts(overlaps)
    assert texts["observed"] == "8.234"  # data/raw/ned_list_overlaps_2010_2015.md
    assert (texts["n_lists"], texts["n_patterns_possible"], texts["n_pairs"]) == ("6", "63", "15")
    assert texts["n_patterns_seen"] == str(len(table))
    assert texts["share_one_list"] == f"{round(100 * one_list / 8234)} %"
    assert texts["diff_reported"] == dutch(comensha - 8234)


def test_a_stale_or_foreign_source_is_an_error(monkeypatch):
    monkeypatch.setattr(mse_numbers, "COMENSHA_SOURCES", {"LASTRADA_2011"})
    with pytest.raises(ValueError, match="sources the chapter does not cite"):
        mse_numbers.comensha_reported()


def test_expected_overlap_of_independent_lists_is_the_product_of_the_list_sizes(overlaps, analysis):
    # Under independence the fitted list totals equal the observed ones, so the expected
    # number on both I and K is n_I × n_K / N.
    table = rows("list_overlaps")
    size = {name: sum(int(r["frequency"]) for r in table if r[name] == "1") for name in "IKR"}
    total = analysis.independent.total
    texts = analysis.empty_pair_texts()
    assert texts["empty_pairs"] == "I×K en K×R"  # the two zeros of the overlap table
    assert texts["expect_ik"] == f"{size['I'] * size['K'] / total:.1f}".replace(".", ",")
    assert texts["expect_kr"] == f"{size['K'] * size['R'] / total:.1f}".replace(".", ",")


def hundreds(text: str) -> int:
    assert re.fullmatch(r"\d{1,3}(\.\d{3})*", text), text
    value = int(text.replace(".", ""))
    assert value % 100 == 0, f"{text} is not rounded to hundreds"
    return value


def test_the_headline_range_holds_every_range_it_is_the_widest_of(analysis):
    texts = analysis.uncertainty_texts()
    for tag, suffix in (("m", ""), ("z", "_wo")):
        low, high = hundreds(texts[f"head_low{suffix}"]), hundreds(texts[f"head_high{suffix}"])
        for part in ("aic", "bic", "boot"):
            name = f"{part}_{tag}" if part != "boot" else f"boot_{tag}"
            assert low <= hundreds(texts[f"{name}_low"]) <= hundreds(texts[f"{name}_high"]) <= high
        assert low in {hundreds(texts[f"{p}_low"]) for p in (f"aic_{tag}", f"bic_{tag}", f"boot_{tag}")}
    assert texts["n_models_all"] == dutch(2**15)  # every subset of the 15 pairs
    assert texts["n_models_without"] == dutch(2**13)  # … without the two empty ones
    assert texts["bic_penalty"] == f"{math.log(8234):.1f}".replace(".", ",")
    assert texts["level"] == "95 %"


def test_per_year_is_the_six_year_total_divided_by_six(analysis):
    selection, per_year = analysis.selection_texts(), analysis.per_year_texts()
    assert per_year["years"] == "6"
    assert abs(hundreds(per_year["py_with_selected"]) - hundreds(selection["sel_total"]) / 6) <= 100
    assert abs(hundreds(per_year["py_without_selected"]) - hundreds(selection["selwo_total"]) / 6) <= 100
    rows_ = analysis.per_year_rows()
    assert [r[0] for r in rows_][2:] == ["gepubliceerd 2014–2015", "gepubliceerd 2018–2019"]
    assert rows_[2][1:] == (5000, 7500, 6250) and rows_[3][1:] == (5000, 5000, 5000)


def test_the_selected_model_uses_the_empty_pairs_and_fits_better(analysis):
    texts = analysis.selection_texts()
    assert texts["selected_has_empty"] == "waaronder I×K en K×R"
    assert texts["p_stop"] == "0,05"
    assert float(texts["sel_aic_gain"].replace(",", ".")) > 0
    assert hundreds(texts["sel_lower"]) <= hundreds(texts["sel_total"]) <= hundreds(texts["sel_upper"])


def test_uk_check_uses_the_documented_table_and_the_published_range(analysis):
    texts = analysis.uk_texts()
    # data/raw/uk_2013_six_lists.md: 2,744 known cases, six lists; «between 10 thousand and 13 thousand».
    assert (texts["uk_observed"], texts["uk_n_lists"]) == ("2.744", "6")
    assert (texts["uk_pub_low"], texts["uk_pub_high"]) == ("10.000", "13.000")
    assert 10_000 <= hundreds(texts["uk_m_sel"]) <= 13_000


def test_the_chapter_glues_every_name_its_prose_uses_from_this_module(overlaps, analysis):
    made = (
        mse_numbers.published()
        | mse_numbers.reported()
        | mse_numbers.lincoln_petersen_example()
        | mse_numbers.table_facts(overlaps)
        | analysis.independent_texts()
        | analysis.empty_pair_texts()
        | analysis.selection_texts()
        | analysis.uncertainty_texts()
        | analysis.sensitivity_texts()
        | analysis.uk_texts()
        | analysis.per_year_texts()
        | mse_numbers.exercises(overlaps)
    )
    assert all(isinstance(text, str) for text in made.values())
    prose = (ROOT / "chapters" / "hoeveel-zien-we-niet.md").read_text(encoding="utf-8")
    used = set(re.findall(r"\{glue:text\}`([^`]+)`", prose))
    assert used - set(made) == {"n_explorer", "n_explorer_models"}  # glued in the chapter itself


def test_the_module_reads_the_cache_only_when_it_is_fresh(overlaps, monkeypatch):
    monkeypatch.setattr(mse, "cache_digest", lambda: "not the stamp")
    with pytest.raises(RuntimeError, match="stale"):
        mse_numbers.Analysis(overlaps)
