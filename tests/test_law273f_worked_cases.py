"""The art. 273f model, every explainer leaf and the quiz key against worked cases.

The expected outcomes live in ``tests/cases/law273f_worked_cases.yaml``. They were written
from the law text (``tests/cases/art273f_sr.txt``) before the model was run, so these tests
cannot copy the model: every decisive quote must occur word for word in the law, and the
model, the four explainers and the quiz must give what the cases say.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
import yaml

from onzichtbaar import explainers as ex
from onzichtbaar import law273f as law
from onzichtbaar.law273f import Act, Availability, Case, ExploitationForm, Means, Profit, Purpose

CASES_DIR = Path(__file__).parent / "cases"
LAW_TEXT = (CASES_DIR / "art273f_sr.txt").read_text(encoding="utf-8")
WORKED = yaml.safe_load((CASES_DIR / "law273f_worked_cases.yaml").read_text(encoding="utf-8"))
CASES = WORKED["cases"]
FINE = "geldboete van de vijfde categorie"

ENUM_FIELDS = {
    "act": Act,
    "purpose": Purpose,
    "exploitation_form": ExploitationForm,
    "made_available": Availability,
    "knowingly_leads_to": Availability,
}
ENUM_SET_FIELDS = {"means": Means, "profits": Profit}


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def build_case(facts: dict) -> Case:
    """A law273f.Case from the YAML vocabulary (enum member names)."""
    kwargs = {}
    for name, value in facts.items():
        if name in ENUM_FIELDS:
            kwargs[name] = ENUM_FIELDS[name][value]
        elif name in ENUM_SET_FIELDS:
            kwargs[name] = {ENUM_SET_FIELDS[name][v] for v in value}
        else:
            kwargs[name] = value
    return Case(**kwargs)


def ids(cases):
    return [c["id"] for c in cases]


# --- the file itself ------------------------------------------------------------------------


@pytest.mark.parametrize("worked", CASES, ids=ids(CASES))
def test_every_quote_is_the_law_word_for_word(worked):
    assert worked["quotes"], f"{worked['id']}: quote the decisive words of the law"
    for quote in worked["quotes"]:
        assert squash(quote) in squash(LAW_TEXT), f"{worked['id']}: not in art. 273f: {quote!r}"


def test_case_ids_are_unique_and_there_are_about_forty():
    assert len(ids(CASES)) == len(set(ids(CASES)))
    assert len(CASES) >= 40


def test_the_file_covers_every_sub_clause_limb_and_penalty_level():
    subs = {s for c in CASES for s in c["subs"]}
    assert subs == set(range(1, 10))
    quotes_of = {s: " ".join(q for c in CASES if s in c["subs"] for q in c["quotes"]) for s in (4, 5)}
    # Both limbs of sub 4° and sub 5°: the act itself, and «enige handeling … weet of … vermoeden».
    assert "dwingt of beweegt zich beschikbaar" in quotes_of[4] and "enige handeling onderneemt" in quotes_of[4]
    assert "ertoe brengt zich beschikbaar" in quotes_of[5] and "enige handeling onderneemt" in quotes_of[5]
    assert {c["lid"] for c in CASES} == {None, 1, 3, 4, 5}
    facts = [c["case"] for c in CASES if c["subs"]]
    assert any(f.get("in_vereniging") for f in facts)
    assert any(f.get("violence") for f in facts)
    assert any("MISBRUIK_KWETSBARE_POSITIE" in f.get("means", ()) for f in facts)
    assert any(f.get("serious_bodily_harm") for f in facts)
    assert any(f.get("danger_to_life") for f in facts)
    assert any(f.get("death") for f in facts)
    minors = [f for f in facts if f["victim_age"] < 18]
    assert any(f.get("means") for f in minors) and any(not f.get("means") for f in minors)
    assert any(f.get("purpose") == "ORGAANVERWIJDERING" or f.get("made_available") == "ORGANEN" for f in facts)
    # The three rulings of the dossier: HR 2016 (sub 3°), HR 2015 (sub 4°), HR 2009 (uitbuiting).
    assert {"cenr_esser2021", "phr2015_2038", "hr2009_bi7099"} <= {c.get("caveat") for c in CASES}


# --- the model ------------------------------------------------------------------------------


@pytest.mark.parametrize("worked", CASES, ids=ids(CASES))
def test_model_gives_the_worked_outcome(worked):
    result = law.assess(build_case(worked["case"]))
    assert list(result.fulfilled) == worked["subs"], worked["facts"]
    if worked["penalty"] is None:
        assert result.penalty is None
    else:
        assert result.penalty.lid == worked["lid"]
        assert result.penalty.text() == worked["penalty"]
        assert FINE in result.penalty.text()


@pytest.mark.parametrize(
    "worked", [c for c in CASES if c.get("caveat")], ids=ids([c for c in CASES if c.get("caveat")])
)
def test_model_flags_the_ruling_or_reading(worked):
    result = law.assess(build_case(worked["case"]))
    caveats = " ".join(c for r in result.results if r.fulfilled for c in r.caveats)
    assert worked["caveat"] in caveats, f"{worked['id']}: expected a caveat citing {worked['caveat']}"


# --- every explainer leaf -------------------------------------------------------------------


def verdicts(spec) -> dict[tuple[str, ...], ex.Verdict]:
    return {
        tuple(label for label, _ in combination): spec.verdict(*(value for _, value in combination))
        for combination in spec.combinations()
    }


SUBLID = verdicts(ex.SUBLID)


def sublid_text(subs: list[int]) -> str:
    if not subs:
        return "Geen van sub 1° tot en met 9° is van toepassing."
    return f"Van toepassing: art. 273f lid 1 {law.sub_label(subs)}."


def test_the_file_lists_every_sublid_leaf():
    listed = {tuple(row[:3]) for row in WORKED["sublid_leaves"]}
    assert listed == set(SUBLID)


@pytest.mark.parametrize("row", WORKED["sublid_leaves"], ids=lambda r: "|".join(r[:3]))
def test_every_sublid_leaf(row):
    situation, middel, minor, subs = row[:4]
    also = row[4]["also"] if len(row) > 4 else []
    verdict = SUBLID[(situation, middel, minor)]
    assert verdict.text == sublid_text(subs)
    notes = html.unescape(verdict.detail_html)
    for sub in also:
        assert f"sub {sub}°" in notes, f"the verdict should point to sub {sub}° in a note"


@pytest.mark.parametrize("worked", [c for c in CASES if c.get("leaf")], ids=ids([c for c in CASES if c.get("leaf")]))
def test_leaf_of_a_worked_case(worked):
    leaf = worked["leaf"]
    assert leaf["explainer"] == "sublid"
    assert SUBLID[tuple(leaf["labels"])].text == sublid_text(worked["subs"])


MENSENHANDEL = verdicts(ex.MENSENHANDEL)


@pytest.mark.parametrize("labels", list(MENSENHANDEL), ids="|".join)
def test_every_mensenhandel_leaf(labels):
    handeling, middel, oogmerk, leeftijd = labels
    act, means, minor = handeling == "ja", middel == "ja", leeftijd == "jonger dan 18"
    purpose = oogmerk != "geen van beide"
    text = MENSENHANDEL[labels].text
    subs = [s for s, holds in ((1, act and means and purpose), (2, act and purpose and minor)) if holds]
    if subs:
        assert text == f"Ja: dit is mensenhandel (art. 273f lid 1 {law.sub_label(subs)})."
        return
    # Sub 1° and 2° fail; sub 4° (means), 5° (minor) or 6° (exploitation) may still apply.
    assert not text.startswith("Nee"), text
    assert text.startswith("Niet volgens sub 1° of 2°")
    still = [s for s, holds in ((4, means), (5, minor), (6, oogmerk == "uitbuiting")) if holds]
    if still:
        assert "«Welk sublid?»" in text
        assert all(f"{sub}°" in text for sub in still), text


STRAF = verdicts(ex.STRAFMAXIMUM)
LEVELS = {
    1: "ten hoogste 12 jaar gevangenisstraf of een geldboete van de vijfde categorie",
    3: "ten hoogste 15 jaar gevangenisstraf of een geldboete van de vijfde categorie",
    4: "ten hoogste 18 jaar gevangenisstraf of een geldboete van de vijfde categorie",
    5: "levenslang of ten hoogste 30 jaar gevangenisstraf, of een geldboete van de vijfde categorie",
}


def test_penalty_levels_match_the_worked_cases():
    for worked in CASES:
        if worked["lid"] is not None:
            assert worked["penalty"] == LEVELS[worked["lid"]], worked["id"]


@pytest.mark.parametrize("labels", list(STRAF), ids="|".join)
def test_every_strafmaximum_leaf_carries_the_fine(labels):
    vereniging, minor, kwetsbaar, geweld, gevolg = labels
    if gevolg == "de dood":
        lid = 5
    elif gevolg == "zwaar letsel of levensgevaar":
        lid = 4
    elif "ja" in (vereniging, minor, kwetsbaar, geweld):
        lid = 3
    else:
        lid = 1
    assert STRAF[labels].text == f"Strafmaximum: {LEVELS[lid]} (art. 273f lid {lid} Sr)."


# --- the quiz -------------------------------------------------------------------------------

QUIZ_CASES = [c for c in CASES if c.get("quiz")]


def test_every_quiz_question_has_a_worked_case():
    assert sorted(c["quiz"]["number"] for c in QUIZ_CASES) == [q.number for q in ex.QUIZ]


@pytest.mark.parametrize("worked", QUIZ_CASES, ids=ids(QUIZ_CASES))
def test_quiz_key_follows_the_worked_case(worked):
    question = ex.QUIZ[worked["quiz"]["number"] - 1]
    assert question.case == build_case(worked["case"])
    assert question.correct == worked["quiz"]["answer"]
    explanation = question.explanation(law.assess(question.case))
    if worked["subs"]:
        assert law.sub_label(worked["subs"]) in explanation
    if question.number == 3:
        assert worked["penalty"] in explanation


def test_no_widget_shows_a_raw_source_key():
    """«bron: laws_md_sr» means nothing to a student: widgets name the law instead."""
    raw = re.compile(r"bron: [a-z0-9_]+_[a-z0-9_]+|\(bron: [a-z0-9_;\s]+\)")
    for spec in ex.ALL_SPECS:
        for verdict in verdicts(spec).values():
            assert not raw.search(verdict.html()), verdict.html()
