"""The figure manifest: which figures a chapter's run saved, for the page's download box.

``onzichtbaar.plotting.save_figure`` lists each figure in ``figures/manifest/<chapter>.json``
when the build names the chapter (``OZ_CHAPTER``); ``_ext/downloads.py`` reads it instead of
parsing the chapter's code. ``tests/test_downloads.py`` checks the built boxes against the
figure calls in each chapter's source.
"""

from __future__ import annotations

import json
import os

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from onzichtbaar import plotting


@pytest.fixture
def figure():
    fig, ax = plt.subplots()
    ax.plot([1, 2], [3, 4])
    yield fig
    plt.close(fig)


PLOTTED = pd.DataFrame({"x": [1, 2], "y": [3, 4]})


def test_without_a_chapter_no_manifest_is_written(tmp_path, figure, monkeypatch):
    monkeypatch.delenv(plotting.CHAPTER_ENV, raising=False)
    plotting.save_figure(figure, "los", PLOTTED, tmp_path)
    assert (tmp_path / "los.svg").is_file()
    assert not (tmp_path / plotting.MANIFEST_DIR).exists()
    assert plotting.read_manifest("hoofdstuk", tmp_path) is None


def test_a_run_lists_its_figures_in_order_once(tmp_path, figure, monkeypatch):
    monkeypatch.setenv(plotting.CHAPTER_ENV, "hoofdstuk")
    for name in ("b-figuur", "a-figuur", "b-figuur"):
        plotting.save_figure(figure, name, PLOTTED, tmp_path)
    assert plotting.read_manifest("hoofdstuk", tmp_path) == ["b-figuur", "a-figuur"]


def test_a_new_run_of_the_chapter_starts_afresh(tmp_path, figure, monkeypatch):
    monkeypatch.setenv(plotting.CHAPTER_ENV, "hoofdstuk")
    path = plotting.manifest_path("hoofdstuk", tmp_path)
    path.parent.mkdir(parents=True)
    # Left by an earlier kernel: a figure the chapter no longer makes.
    path.write_text(json.dumps({"chapter": "hoofdstuk", "process": os.getpid() + 1, "figures": ["weg"]}))
    plotting.save_figure(figure, "nieuw", PLOTTED, tmp_path)
    assert plotting.read_manifest("hoofdstuk", tmp_path) == ["nieuw"]


def test_the_house_style_starts_an_empty_manifest(tmp_path, monkeypatch):
    monkeypatch.setenv(plotting.CHAPTER_ENV, "zonder-figuren")
    monkeypatch.setattr(plotting, "FIGURES_DIR", tmp_path)
    plotting.use_style()
    assert plotting.read_manifest("zonder-figuren", tmp_path) == []
