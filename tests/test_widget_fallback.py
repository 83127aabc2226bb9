"""The explainers without the widget runtime (issue #14, items 4 and 5).

``_ext/widget_fallback.py`` turns an explainer's embedded widget state into plain HTML: its
starting state, and a table with every combination of the controls and its verdict. The
table must say what the legal model says (``onzichtbaar.explainers.expected_verdicts``),
read from the same state the browser gets, for every combination. The verdict kinds are
the card's colour and icon: checked against what each verdict sentence says.
"""

from __future__ import annotations

import html
import re

import pytest
import widget_fallback as fb  # _ext/ is on pytest's pythonpath (pyproject.toml)
from ipywidgets.embed import embed_data

from onzichtbaar import explainers as ex
from onzichtbaar.widgets import Choice, Verdict, explainer, verdict_kind

SPECS = {spec.name: spec for spec in ex.ALL_SPECS}
VERDICT_TEXT = re.compile(r'<span class="oz-s-verdict-text">(.*?)</span>', re.DOTALL)


def state_of(widget) -> fb.WidgetState:
    return fb.WidgetState(embed_data(views=[widget])["manager_state"]["state"])


def card_of(state: fb.WidgetState, widget) -> str:
    cards = state.cards(widget.model_id)
    assert len(cards) == 1
    return cards[0]


@pytest.mark.parametrize("name", list(SPECS))
def test_answer_table_holds_every_combination_and_the_models_verdict(name):
    spec = SPECS[name]
    widget = spec.widget()
    state = state_of(widget)
    rows = state.rows(card_of(state, widget))
    shown = [(labels, html.unescape(VERDICT_TEXT.search(markup).group(1))) for labels, markup in rows]
    expected = [
        (list(labels.values()), text)
        for labels, text in ex.expected_verdicts(spec)
        if text != "Kies een antwoord."  # the quiz's empty answer has no row
    ]
    assert shown == expected


def test_table_has_headers_caption_and_a_note_for_readers_without_javascript():
    widget = ex.MENSENHANDEL.widget()
    state = state_of(widget)
    table = state.answer_table(card_of(state, widget))
    assert '<th scope="col">Handeling</th>' in table and '<th scope="col">Uitkomst</th>' in table
    assert fb.TABLE_CAPTION in table and fb.NOJS_NOTE in table
    assert len(re.findall(r"<tr[ >]", table)) == 1 + len(ex.MENSENHANDEL.combinations())


def test_copies_never_use_the_live_widgets_marker_classes():
    widget = ex.strafmaximum_explainer()
    block = state_of(widget).fallback(widget.model_id)
    classes = " ".join(re.findall(r'class="([^"]*)"', block)).split()
    assert not [c for c in classes if c in ("oz-verdict", "oz-verdict-text", "oz-card") or c.startswith("oz-explainer")]
    # The history table below the controls is part of the printed table too.
    assert "Zo steeg het basismaximum" in block


def test_default_copy_shows_the_starting_verdict():
    widget = ex.MENSENHANDEL.widget()
    default = state_of(widget).render(widget.model_id, {})
    first = ex.expected_verdicts(ex.MENSENHANDEL)[0][1]
    assert html.unescape(VERDICT_TEXT.search(default).group(1)) == first


def test_plain_html_answers_are_tabulated_too():
    colour = Choice("kleur", "Kleur", (("rood", "r"), ("groen", "g")))
    size = Choice("maat", "Maat", (("klein", 1), ("groot", 2)))
    widget = explainer("Proef", [colour, size], lambda c, s: f"<p>{c}{s}</p>", name="proef")
    state = state_of(widget)
    rows = state.rows(card_of(state, widget))
    assert [(labels, re.sub("<[^>]+>", "", markup)) for labels, markup in rows] == [
        (["rood", "klein"], "r1"),
        (["rood", "groot"], "r2"),
        (["groen", "klein"], "g1"),
        (["groen", "groot"], "g2"),
    ]


@pytest.mark.parametrize(
    "text, kind",
    [
        ("Ja: dit is mensenhandel (art. 273f lid 1 sub 1°).", "ja"),
        ("Nee: geen mensenhandel volgens sub 1° of 2°. Ontbreekt: middel.", "nee"),
        ("Goed. Het juiste antwoord is: ja.", "goed"),
        ("Niet goed. Het juiste antwoord is: ja.", "fout"),
        ("Niet schatbaar: twee gekozen lijsten hebben niemand gemeen.", "let-op"),
        ("Strafmaximum: 15 jaar (art. 273f lid 3 Sr).", "info"),
        ("Kies een antwoord.", "leeg"),
        ("Geen van sub 1° tot en met 9° is van toepassing.", "nee"),
        ("Jaren later", "info"),  # «Ja» only as a whole word
    ],
)
def test_verdict_kind_follows_the_first_words(text, kind):
    assert verdict_kind(text) == kind


def test_quiz_right_and_wrong_look_different():
    right = Verdict("Goed. Het juiste antwoord is: ja.").headline_html()
    wrong = Verdict("Niet goed. Het juiste antwoord is: ja.").headline_html()
    assert "oz-kind-goed" in right and "oz-kind-fout" in wrong
    assert fb_icon(right) != fb_icon(wrong)


def fb_icon(markup: str) -> str:
    return re.search(r'<span class="oz-icon" aria-hidden="true">(.*?)</span>', markup).group(1)


def test_every_card_has_a_reset_and_instructions_before_the_controls():
    for spec in ex.ALL_SPECS:
        widget = spec.widget()
        state = state_of(widget)
        card = card_of(state, widget)
        order = [m for m in state.walk(card)]
        kinds = [state.kind(m) for m in order]
        assert "ButtonModel" in kinds, spec.name
        if spec.intro_html:
            intro = next(i for i, m in enumerate(order) if "oz-intro" in state.classes(m))
            assert intro < kinds.index("ToggleButtonsModel"), spec.name


ROW = re.compile(r'<tr data-oz-index="(\d+)">.*?</tr>', re.DOTALL)
TEMPLATE = re.compile(r'<template data-oz-(verdict|detail)="([\d ]+)">(.*?)</template>', re.DOTALL)


def shown_sentence(markup: str) -> str:
    marked = VERDICT_TEXT.search(markup)
    return " ".join(html.unescape(re.sub("<[^>]+>", "", marked.group(1) if marked else markup)).split())


@pytest.mark.parametrize("name", list(SPECS))
def test_working_copy_reaches_every_verdict_once(name):
    """Each combination's verdict is in the table's row ``data-oz-index`` or in one template
    of the copy, never in both; explanations are templates, each markup once (issue #14.4)."""
    spec = SPECS[name]
    widget = spec.widget()
    block = state_of(widget).fallback(widget.model_id)
    default, _, table = block.partition('<div class="oz-static-table">')
    verdicts: dict[int, str] = {int(m.group(1)): shown_sentence(m.group(0)) for m in ROW.finditer(table)}
    details: dict[int, str] = {}
    seen = []
    for role, indices, markup in TEMPLATE.findall(default):
        seen.append((role, markup))
        for k in map(int, indices.split()):
            target = verdicts if role == "verdict" else details
            assert k not in target, f"{name}: combination {k} has two {role}s"
            target[k] = shown_sentence(markup) if role == "verdict" else markup
    expected = [text for _, text in ex.expected_verdicts(spec)]
    assert [verdicts[k] for k in range(len(expected))] == expected
    assert len(seen) == len(set(seen))
    if "oz-verdict-detail" in default:
        assert sorted(details) == list(range(len(expected)))


def test_working_copy_has_labelled_button_groups_and_every_note():
    widget = ex.MENSENHANDEL.widget()
    default = state_of(widget).fallback(widget.model_id).partition('<div class="oz-static-table">')[0]
    assert 'aria-hidden="true"><button' not in default and 'oz-static-default" aria-hidden' not in default
    groups = re.findall(r'<div class="oz-s-options" role="group" aria-labelledby="([^"]+)" data-oz-start="0">', default)
    assert len(groups) == len(ex.MENSENHANDEL.choices)
    assert all(f'id="{label}"' in default for label in groups)
    assert default.count('<button type="button" class="oz-s-option" aria-pressed="true">') == len(groups)
    assert default.count('<button type="button" class="oz-s-option"') == sum(
        len(c.options) for c in ex.MENSENHANDEL.choices
    )
    notes = sum(len(c.options) for c in ex.MENSENHANDEL.choices if c.name in ex.MENSENHANDEL.notes)
    assert default.count("data-oz-option=") == notes and default.count(" hidden>") == notes - len(ex.MENSENHANDEL.notes)
    assert 'data-oz-explainer="mensenhandel"' in default
