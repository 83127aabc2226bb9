"""scripts/build_data.py: reproducible, complete, and faithful to the raw research files."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

from onzichtbaar import DATA_DIR, ROOT
from onzichtbaar.data import load, package

#: A year after every year in the raw data, so a test row is always a new year (also after
#: a real new monitor year is added).
NEW_YEAR = max(int(y) for y in load("victims_per_year")["year"]) + 1
RAW_FILES = ["figures.csv", "sources.csv", "ned_list_overlaps_2010_2015.csv", "ned_list_overlaps_2010_2015.md"]


def run_build(out: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_data.py"), "--out", str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr


def test_build_reproduces_the_committed_tables_byte_for_byte(tmp_path):
    run_build(tmp_path)
    for resource in package()["resources"]:
        built = (tmp_path / resource["path"]).read_bytes()
        committed = (DATA_DIR / resource["path"]).read_bytes()
        assert built == committed, f"{resource['path']} differs from a fresh build: rerun scripts/build_data.py"


def test_every_raw_row_lands_in_exactly_one_table():
    with (DATA_DIR / "raw" / "figures.csv").open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        next(reader)
        raw_lines = []
        for _ in reader:
            raw_lines.append(reader.line_num)
    used = []
    for resource in package()["resources"]:
        if resource["name"] in ("sources", "list_overlaps"):
            continue  # these come from the other raw files
        for cell in load(resource["name"])["raw_rows"].dropna():
            used.extend(int(part) for part in cell.split(";"))
    assert sorted(used) == raw_lines


def build_data_with_extra_raw_row(tmp_path, monkeypatch, row: str):
    """The build script, pointed at a copy of data/raw with ``row`` added to figures.csv."""
    import build_data

    raw = tmp_path / "raw"
    raw.mkdir()
    text = (DATA_DIR / "raw" / "figures.csv").read_text(encoding="utf-8")
    raw.joinpath("figures.csv").write_text(text + row + "\n", encoding="utf-8")
    for name in RAW_FILES[1:]:
        raw.joinpath(name).write_bytes((DATA_DIR / "raw" / name).read_bytes())
    monkeypatch.setattr(build_data, "RAW", raw)
    return build_data


def test_build_stops_on_a_raw_row_it_cannot_read(tmp_path, monkeypatch):
    """A value that is not a number must stop the build, not become a gap or a zero."""
    build_data = build_data_with_extra_raw_row(
        tmp_path, monkeypatch, f"{NEW_YEAR},registered_total,all_victims,about a thousand,persons,TIP2022,q,series=NRM"
    )
    with pytest.raises(build_data.BuildError, match="cannot read the value 'about a thousand'"):
        build_data.build(tmp_path / "out")


def test_a_new_year_is_one_raw_row(tmp_path, monkeypatch):
    build_data = build_data_with_extra_raw_row(
        tmp_path, monkeypatch, f"{NEW_YEAR},registered_total,all_victims,900,persons,TIP2022,q,series=NRM (test row)"
    )
    build_data.build(tmp_path / "out")
    yearly = load("victims_per_year", data_dir=tmp_path / "out")
    row = yearly.query("series == 'NRM' and year == @NEW_YEAR")
    assert row["count"].tolist() == [900]
    # the new year also gets a gap row in the CoMensha series and in the minors table
    assert yearly.query("series == 'CoMensha' and year == @NEW_YEAR")["status"].tolist() == ["gap"]
    assert load("minors", data_dir=tmp_path / "out").query("year == @NEW_YEAR")["count"].isna().all()


def test_a_new_source_is_a_curation_edit(tmp_path, monkeypatch):
    """An unknown source stops the build; naming it in data/curation.yml (data, not code) lets it through."""
    row = f"{NEW_YEAR},registered_total,all_victims,900,persons,NOS_201810,q,"
    build_data = build_data_with_extra_raw_row(tmp_path, monkeypatch, row)
    with pytest.raises(build_data.BuildError, match="NOS_201810.*data/curation.yml"):
        build_data.build(tmp_path / "out")
    curation = tmp_path / "curation.yml"
    text = (DATA_DIR / "curation.yml").read_text(encoding="utf-8")
    curation.write_text(text.replace("  NRM: [", "  NRM: [NOS_201810, "), encoding="utf-8")
    monkeypatch.setattr(build_data, "SERIES_SOURCES", build_data.load_curation(curation)["series_sources"])
    build_data.build(tmp_path / "out")
    yearly = load("victims_per_year", data_dir=tmp_path / "out")
    assert yearly.query("series == 'NRM' and year == @NEW_YEAR")["count"].tolist() == [900]
