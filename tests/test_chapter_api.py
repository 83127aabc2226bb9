"""The chapter API (onzichtbaar.chapter) and the data explainers built on it."""

from __future__ import annotations

import re

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from onzichtbaar import chapter, data, data_explainers  # noqa: E402
from onzichtbaar.dutch import number  # noqa: E402


def test_one_finds_exactly_one_row_or_says_what_it_looked_for():
    table = pd.DataFrame({"year": [2017, 2017, 2018], "count": [958, 958, 1200]})
    assert chapter.one(table, year=2018)["count"] == 1200
    with pytest.raises(LookupError, match=r"victims_per_year: expected 1 row with year=2017, found 2"):
        chapter.one(table, "victims_per_year", year=2017)


def test_fact_names_the_file_of_an_unknown_key():
    with pytest.raises(KeyError, match="municipal_policy.csv has no row with key 'nonsense'"):
        chapter.fact("nonsense")


def test_glue_helpers_return_nothing_to_print(monkeypatch):
    glued = {}
    monkeypatch.setattr("myst_nb.glue", lambda name, value, display=True: glued.setdefault(name, value))
    results = [
        chapter.glue_number("n", 5060.0),
        chapter.glue_percent("p", 0.8),
        chapter.glue_year("j", 2019.0),
        chapter.glue_text("t", "Polen"),
        chapter.glue_numbers(a=1200),
        chapter.glue_years(b=2020),
    ]
    assert results == [None] * 6
    assert glued == {"n": "5.060", "p": "80 %", "j": "2019", "t": "Polen", "a": "1.200", "b": "2020"}


def test_quantity_keeps_the_sources_precision():
    assert chapter.quantity(60, "percent", "meer dan") == "meer dan 60 %"
    assert chapter.quantity(1.5, "million_euro_per_year") == "€ 1,5 miljoen per jaar"
    assert chapter.quantity(4, "years") == "4 jaar"
    assert chapter.quantity(5060) == "5.060"


def test_publish_figure_writes_three_files_and_closes_the_figure(tmp_path, monkeypatch):
    glued = {}
    monkeypatch.setattr("myst_nb.glue", lambda name, value, display=True: glued.setdefault(name, value))
    fig, ax = plt.subplots()
    ax.bar([2019], [1000])
    shown = chapter.publish_figure(
        fig, "proef", pd.DataFrame({"jaar": [2019], "aantal": [1000]}), glue_as="proef_figuur", folder=tmp_path
    )
    assert shown is None  # a cell ending with it prints nothing into the page
    assert sorted(p.name for p in tmp_path.iterdir()) == ["proef.csv", "proef.png", "proef.svg"]
    assert (tmp_path / "proef.csv").read_text(encoding="utf-8") == "jaar,aantal\n2019,1000\n"
    assert glued == {"proef_figuur": fig}
    assert not plt.fignum_exists(fig.number)


def test_bar_table_scales_to_the_total_and_shows_a_gap():
    html = chapter.bar_table("Melder, 2019", [("Politie", 300), ("KMar", float("nan"))], 1200, "Noot.")
    assert re.findall(r"height:0.9em;width:(\d+)%", html) == ["25", "0"]
    assert "geen cijfer" in html and "Totaal gemelde (mogelijke) slachtoffers dat jaar (NRM): 1.200." in html


def test_monitor_breakdown_lists_every_form_of_the_year_beside_the_nrm_total():
    forms = data.load("victims_by_form").query("series == 'NRM'")
    nrm = data.current_per_year().query("series == 'NRM'").set_index("year")["count"]
    html = data_explainers.breakdown_html("form", 2019, nrm[2019], forms, None, None)
    labels = data.labels("victims_by_form", "form")
    for _, row in forms.query("year == 2019").iterrows():
        assert f"<td>{labels[row['form']]}</td>" in html
        assert f">{number(row['count'])}</td></tr>" in html
    assert f"(NRM): {number(nrm[2019])}." in html
