"""The art. 273f explainers: structure, and verdicts checked against the law text.

Expected values come from reading art. 273f (DOSSIER.md §1.3–§1.5), not from the code;
the widget tree is walked in Python to prove that each leaf shows the verdict that
``expected_verdicts`` promises for its combination of controls.
"""

from __future__ import annotations

import html
import re
import shutil

import ipywidgets as w
import pytest

from onzichtbaar import explainers as ex

VERDICT_SPAN = re.compile(r'<span class="oz-verdict-text">(.*?)</span>')


def find_by_class(widget: w.Widget, css_class: str) -> list[w.Widget]:
    found = [widget] if css_class in getattr(widget, "_dom_classes", ()) else []
    for child in getattr(widget, "children", ()):
        found.extend(find_by_class(child, css_class))
    return found


def leaf_for(box: w.Widget, spec, indices: list[int]) -> w.HTML:
    """The answer shown when the controls stand at ``indices``: follow each stack's driver."""
    index_of = {id(find_by_class(box, f"oz-control-{c.name}")[0]): i for c, i in zip(spec.choices, indices)}
    node = find_by_class(box, "oz-verdict")[0]
    while isinstance(node, w.Stack):
        assert node.selected_index == 0, "every stack starts on the first option"
        node = node.children[index_of[id(node.driver)]]
    assert isinstance(node, w.HTML)
    return node


@pytest.mark.parametrize("spec", ex.ALL_SPECS, ids=lambda s: s.name)
def test_combinations_stay_small(spec):
    assert 1 < len(ex.expected_verdicts(spec)) <= 64


def test_control_names_are_unique_on_the_page():
    names = [choice.name for spec in ex.ALL_SPECS for choice in spec.choices]
    assert len(names) == len(set(names))
    assert len({spec.name for spec in ex.ALL_SPECS}) == len(ex.ALL_SPECS)


@pytest.mark.parametrize("spec", ex.ALL_SPECS, ids=lambda s: s.name)
def test_every_leaf_shows_the_expected_verdict(spec):
    box = spec.widget()
    verdict_root = find_by_class(box, "oz-verdict")
    assert len(verdict_root) == 1
    for labels, text in ex.expected_verdicts(spec):
        indices = [[label for label, _ in choice.options].index(labels[choice.name]) for choice in spec.choices]
        markup = leaf_for(box, spec, indices).value
        assert VERDICT_SPAN.findall(markup) == [html.escape(text)]


@pytest.mark.parametrize("spec", ex.ALL_SPECS, ids=lambda s: s.name)
def test_controls_have_descriptions_and_css_hooks(spec):
    box = spec.widget()
    for choice in spec.choices:
        controls = find_by_class(box, f"oz-control-{choice.name}")
        assert len(controls) == 1
        assert controls[0].description.strip(), f"{choice.name} needs an accessible name"
    assert f"oz-explainer-{spec.name}" in box._dom_classes


# --- «Is dit mensenhandel?» against the law -------------------------------------------------


def mensenhandel_text(handeling, middel, oogmerk, leeftijd):
    labels = {"mh-handeling": handeling, "mh-middel": middel, "mh-oogmerk": oogmerk, "mh-leeftijd": leeftijd}
    return dict((tuple(k.values()), t) for k, t in ex.expected_verdicts(ex.MENSENHANDEL))[tuple(labels.values())]


def law_says_mensenhandel(handeling, middel, oogmerk, minor):
    # Sub 1°: act + means + purpose. Sub 2°: act + purpose + minor.
    return handeling and oogmerk and (middel or minor)


@pytest.mark.parametrize("handeling", [False, True])
@pytest.mark.parametrize("middel", [False, True])
@pytest.mark.parametrize("oogmerk", ["geen van beide", "uitbuiting", "verwijdering van organen"])
@pytest.mark.parametrize("leeftijd", ["18 of ouder", "jonger dan 18"])
def test_mensenhandel_verdict_follows_sub1_and_sub2(handeling, middel, oogmerk, leeftijd):
    text = mensenhandel_text("ja" if handeling else "nee", "ja" if middel else "nee", oogmerk, leeftijd)
    minor = leeftijd == "jonger dan 18"
    expected = law_says_mensenhandel(handeling, middel, oogmerk != "geen van beide", minor)
    assert text.startswith("Ja") is bool(expected)
    if expected:
        assert ("sub 1°" in text) is middel
        assert ("2°" in text) is minor


def test_mensenhandel_names_the_missing_means_for_adults_only():
    assert "Ontbreekt: middel." in mensenhandel_text("ja", "nee", "uitbuiting", "18 of ouder")
    assert "Ontbreekt: handeling." in mensenhandel_text("nee", "nee", "uitbuiting", "jonger dan 18")


# --- «Welk sublid?» against the law --------------------------------------------------------

SUBLID = {tuple(k.values()): t for k, t in ex.expected_verdicts(ex.SUBLID)}


@pytest.mark.parametrize(
    "situation, middel, minor, subs",
    [
        ("werft voor uitbuiting", "ja", "nee", "sub 1°"),
        ("werft voor uitbuiting", "nee", "ja", "sub 2°"),
        ("werft voor betaalde seks in het buitenland", "nee", "nee", "sub 3°"),
        ("brengt tot werk of diensten", "ja", "nee", "sub 4°"),
        ("brengt tot betaalde seks", "nee", "ja", "sub 5°"),
        ("profiteert van uitbuiting", "nee", "nee", "sub 6°"),
        ("profiteert van orgaanverwijdering", "ja", "nee", "sub 7°"),
        ("profiteert van betaalde seks", "nee", "ja", "sub 8°"),
        ("laat opbrengst afgeven", "ja", "nee", "sub 9°"),
    ],
)
def test_each_sub_clause_is_reachable(situation, middel, minor, subs):
    assert SUBLID[(situation, middel, minor)] == f"Van toepassing: art. 273f lid 1 {subs}."


@pytest.mark.parametrize(
    "situation, middel, minor",
    [
        ("werft voor uitbuiting", "nee", "nee"),  # adult, no means: neither 1° nor 2°
        ("brengt tot werk of diensten", "nee", "ja"),  # sub 5° covers sex and organs, not labour
        ("profiteert van betaalde seks", "nee", "nee"),  # adult, no exploitation: not 6° nor 8°
        ("laat opbrengst afgeven", "nee", "nee"),  # adult: sub 9° needs a means, sub 8° a minor
    ],
)
def test_situations_the_law_does_not_cover(situation, middel, minor):
    assert SUBLID[(situation, middel, minor)].startswith("Geen van sub 1°")


# «Strafmaximum»: every leaf, with the fine of leden 1, 3, 4 and 5, is checked in
# tests/test_law273f_worked_cases.py against the worked cases.


def test_strafmaximum_has_every_combination():
    assert len(ex.expected_verdicts(ex.STRAFMAXIMUM)) == 2 * 2 * 2 * 2 * 3


# --- quiz -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "number, right",
    [
        (1, "ja"),  # werven + misleiding + oogmerk van uitbuiting: sub 1°
        (2, "nee, bij iemand jonger dan 18 is geen middel nodig"),  # sub 2°/5°
        (3, "18 jaar"),  # zwaar lichamelijk letsel: lid 4
        (4, "sub 7°"),  # profit from organ removal, knowing a means was used
        (5, "nee, geen mensenhandel"),  # no means, no purpose: smuggling at most
    ],
)
def test_quiz_answers_follow_the_law(number, right):
    spec = ex.QUIZ_SPECS[number - 1]
    verdicts = dict((tuple(k.values())[0], t) for k, t in ex.expected_verdicts(spec))
    assert verdicts[ex.NO_ANSWER] == "Kies een antwoord."
    assert verdicts[right] == f"Goed. Het juiste antwoord is: {right}."
    wrong = [label for label in verdicts if label not in (right, ex.NO_ANSWER)]
    assert wrong and all(verdicts[label].startswith("Niet goed.") for label in wrong)


def test_quiz_cases_are_labelled_fictitious():
    for spec in ex.QUIZ_SPECS:
        assert "Fictie" in spec.title and "Fictief" in spec.intro_html


# --- penalty history --------------------------------------------------------------------


def test_penalty_history_matches_the_dossier():
    changes = ex.penalty_history()
    assert [(c.date.isoformat(), c.years_before, c.years_after) for c in changes] == [
        ("2009-07-01", 6, 8),
        ("2013-04-01", 8, 12),
    ]
    assert all(c.source_ids for c in changes)
    # The last change must equal the model's current basic maximum.
    from onzichtbaar.law273f import BASE_YEARS

    assert changes[-1].years_after == BASE_YEARS


def test_penalty_history_html_lists_every_period_with_sources():
    markup = ex.penalty_history_html(ex.penalty_history())
    # The article (then 273a) took effect on 1 January 2005; the chart must not reach back before it.
    for text in (
        "1 januari 2005 – 1 juli 2009",
        "vanaf 1 juli 2009",
        "vanaf 1 april 2013",
        "6 jaar",
        "12 jaar",
        "Blik op Nieuws, 2013",
        "Staatsblad, 2004",
    ):
        assert text in markup
    assert "vóór" not in markup and "blik_2013" not in markup


HEADER = "change_date,max_years_before,max_years_after,source_ids,note\n"


@pytest.mark.parametrize(
    "content, message",
    [
        (HEADER + "2009-13-01,6,8,x,n\n", "row 2, column 'change_date'"),
        (HEADER + "2009-02-30,6,8,x,n\n", "row 2, column 'change_date': '2009-02-30' is no date"),
        (HEADER + "2009-07-01,zes,8,x,n\n", "row 2, column 'max_years_before'"),
        (HEADER + "2009-07-01,6,8,,n\n", "row 2, column 'source_ids'"),
        (HEADER + "2009-07-01,6,8,x,n\n2013-04-01,9,12,y,n\n", "row 3, column 'max_years_before'"),
        (HEADER + "2013-04-01,6,8,x,n\n2009-07-01,8,12,y,n\n", "row 3, column 'change_date': dates must increase"),
        ("date,before,after,sources,note\n", "row 1, column 'change_date': missing column"),
        (HEADER + "2009-07-01,6,8\n", "row 2"),
        (HEADER, "no rows"),
    ],
)
def test_penalty_history_errors_name_file_row_and_column(tmp_path, content, message):
    shutil.copy(ex.LAW_DATA_DIR / "datapackage.json", tmp_path)
    (tmp_path / "penalty_history.csv").write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match=re.escape(message)) as error:
        ex.penalty_history(tmp_path)
    assert "penalty_history.csv" in str(error.value)


def test_strafmaximum_widget_shows_the_history():
    box = ex.strafmaximum_explainer()
    history = find_by_class(box, "oz-history-box")
    assert len(history) == 1 and "2013" in history[0].value
