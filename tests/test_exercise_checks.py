"""Each exercise's «controleer met de knop» gives what its solution says.

The solutions in the chapters tell students which buttons to press and what the button
will answer. This test reads those instructions from the chapter text, sets the same
combination on the explainer, and compares the explainer's verdict with the answer the
solution promises. The sub-clauses the checks give together must be exactly the list the
solution's own analysis names, so a student who checks is never told something else.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from onzichtbaar import exercise_checks
from onzichtbaar import explainers as ex
from onzichtbaar import law273f as law

CHAPTERS = Path(__file__).resolve().parents[1] / "chapters"
SUB = re.compile(r"(\d)°")


def solution_text(chapter: str, label: str) -> str:
    text = (CHAPTERS / chapter).read_text(encoding="utf-8")
    match = re.search(r"```\{solution\} " + re.escape(label) + r"\n(.*?)\n```", text, re.S)
    assert match, f"{chapter}: no solution block {label}"
    return re.sub(r"\s+", " ", match.group(1))


def verdict_text(spec, labels: dict[str, str]) -> str:
    rows = {tuple(k.values()): t for k, t in ex.expected_verdicts(spec)}
    return rows[tuple(labels[c.name] for c in spec.choices)]


def subs_in(text: str) -> set[int]:
    return {int(s) for s in SUB.findall(text)}


MH_CHECK = re.compile(
    r'knop \*Is dit mensenhandel\?\*: handeling "(\w+)", middel "(\w+)", oogmerk "([^"]+)", '
    r'leeftijd "([^"]+)"\. De knop geeft (sub [^.]+)\.'
)
MH_MEANS_TOO = re.compile(r'Zet je middel op "ja", dan geeft hij (sub [^.]+)\.')
SUBLID_CHECK = re.compile(
    r'knop \*Welk sublid\?\*\. Zet "Middel uit sub 1° gebruikt\?" op "(\w+)" en '
    r'"Slachtoffer jonger dan 18\?" op "(\w+)"\. Kies dan na elkaar[^:]*:(.*)'
)
SUBLID_ITEM = re.compile(r'- "([^"]+)": (sub [^;.]+)[;.]')

#: (chapter, solution label) of every exercise whose solution says «Controleer … met de knop».
EXERCISES_WITH_A_CHECK = [
    ("seksuele-uitbuiting.md", "seksuele-uitbuiting-opgave-casus"),  # Yara
    ("criminele-uitbuiting.md", "criminele-uitbuiting-opgave-casus"),  # Daan
    ("arbeidsuitbuiting.md", "arbeidsuitbuiting-opgave-casus"),  # Andrei
    ("overige-vormen.md", "overige-vormen-opgave-samir"),  # Samir
]


def test_every_solution_that_says_controleer_is_listed():
    found = []
    for path in sorted(CHAPTERS.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        for label, body in re.findall(r"```\{solution\} (\S+)\n(.*?)\n```", text, re.S):
            if "Controleer" in body and "knop" in body:
                found.append((path.name, label))
    assert sorted(found) == sorted(EXERCISES_WITH_A_CHECK)


@pytest.mark.parametrize("chapter, label", EXERCISES_WITH_A_CHECK, ids=[label for _, label in EXERCISES_WITH_A_CHECK])
def test_the_buttons_give_what_the_solution_says(chapter, label):
    text = solution_text(chapter, label)
    analysis, _, checks = text.partition("Controleer")
    checks = "Controleer" + checks
    given: set[int] = set()

    mh = MH_CHECK.search(checks)
    if mh:
        handeling, middel, oogmerk, leeftijd, promised = mh.groups()
        labels = {"mh-handeling": handeling, "mh-middel": middel, "mh-oogmerk": oogmerk, "mh-leeftijd": leeftijd}
        assert verdict_text(ex.MENSENHANDEL, labels) == f"Ja: dit is mensenhandel (art. 273f lid 1 {promised}).", labels
        given |= subs_in(promised)
        means_too = MH_MEANS_TOO.search(checks)
        if means_too:
            labels["mh-middel"] = "ja"
            assert (
                verdict_text(ex.MENSENHANDEL, labels)
                == f"Ja: dit is mensenhandel (art. 273f lid 1 {means_too.group(1)})."
            )
            given |= subs_in(means_too.group(1))

    sublid = SUBLID_CHECK.search(checks)
    if sublid:
        middel, minor, items = sublid.groups()
        parsed = SUBLID_ITEM.findall(items)
        assert parsed, f"{label}: no situations listed after «Kies dan na elkaar»"
        for situation, promised in parsed:
            labels = {"sub-situatie": situation, "sub-middel": middel, "sub-minderjarig": minor}
            assert verdict_text(ex.SUBLID, labels) == f"Van toepassing: art. 273f lid 1 {promised}.", labels
            given |= subs_in(promised)

    assert mh or sublid, f"{label}: the check names no button combination this test can read"
    assert given == subs_in(analysis), (
        f"{label}: the buttons give sub {sorted(given)}, the solution names sub {sorted(subs_in(analysis))}"
    )


def test_strafmaximum_exercise():
    """Wat is mensenhandel, opgave 3: a group exploits a 17-year-old; then serious injury."""
    text = solution_text("wat-is-mensenhandel.md", "wat-is-mensenhandel-opgave-3")
    base = {"straf-vereniging": "ja", "straf-minderjarig": "ja", "straf-kwetsbaar": "nee", "straf-geweld": "nee"}
    for gevolg in ("geen", "zwaar letsel of levensgevaar"):
        shown = verdict_text(ex.STRAFMAXIMUM, {**base, "straf-gevolg": gevolg})
        years, lid = re.search(r"ten hoogste (\d+) jaar .* \(art\. 273f lid (\d) Sr\)", shown).groups()
        assert f"{years} jaar" in text and f"lid {lid}" in text, shown
    assert "geldboete van de vijfde categorie" in text


def test_daan_teacher_note_changes_the_age_the_right_way():
    case = (CHAPTERS / "criminele-uitbuiting.md").read_text(encoding="utf-8")
    age = int(re.search(r"Daan is (\d+) jaar", case).group(1))
    assert age < law.AGE_OF_MAJORITY
    note = re.sub(r"\s+", " ", (CHAPTERS / "_docent" / "criminele-uitbuiting.md").read_text(encoding="utf-8"))
    match = re.search(
        r'Zet de leeftijd daarna op "([^"]+)" \(handeling "(\w+)", middel "(\w+)", oogmerk "([^"]+)"\).*?De knop meldt dan «([^»]+)»',
        note,
    )
    assert match, "the teacher note must name the full combination and what the button says"
    leeftijd, handeling, middel, oogmerk, promised = match.groups()
    assert leeftijd == "18 of ouder", "Daan is already a minor: the exercise must change the age to adult"
    shown = verdict_text(
        ex.MENSENHANDEL,
        {"mh-handeling": handeling, "mh-middel": middel, "mh-oogmerk": oogmerk, "mh-leeftijd": leeftijd},
    )
    assert promised in shown


# --- the check cards below the case exercises (issue #16 item 6) --------------------------


def settings_in_solution(text: str) -> tuple[list[dict[str, str]], tuple[str, str, tuple[str, ...]] | None]:
    """The button settings a solution names: «Is dit mensenhandel?» ones and «Welk sublid?»."""
    checks_text = "Controleer" + text.partition("Controleer")[2]
    mh = []
    found = MH_CHECK.search(checks_text)
    if found:
        handeling, middel, oogmerk, leeftijd, _ = found.groups()
        mh.append({"mh-handeling": handeling, "mh-middel": middel, "mh-oogmerk": oogmerk, "mh-leeftijd": leeftijd})
        if MH_MEANS_TOO.search(checks_text):
            mh.append({**mh[0], "mh-middel": "ja"})
    sublid = SUBLID_CHECK.search(checks_text)
    if not sublid:
        return mh, None
    middel, minor, items = sublid.groups()
    return mh, (middel, minor, tuple(situation for situation, _ in SUBLID_ITEM.findall(items)))


def test_every_exercise_with_a_check_has_a_check_card():
    assert sorted((f"{c.chapter}.md", c.label) for c in exercise_checks.CASE_CHECKS) == sorted(EXERCISES_WITH_A_CHECK)


@pytest.mark.parametrize("check", exercise_checks.CASE_CHECKS, ids=lambda c: c.label)
def test_the_card_uses_the_settings_the_solution_names(check):
    mh, sublid = settings_in_solution(solution_text(f"{check.chapter}.md", check.label))
    assert list(check.mensenhandel) == mh
    assert (check.sublid_middel, check.sublid_minor, check.situations) == sublid


@pytest.mark.parametrize("check", exercise_checks.CASE_CHECKS, ids=lambda c: c.label)
def test_the_cards_right_answer_is_the_solutions_list(check):
    analysis = solution_text(f"{check.chapter}.md", check.label).partition("Controleer")[0]
    right = tuple(sorted(subs_in(analysis)))
    assert exercise_checks.right_subs(check) == right
    spec = exercise_checks.check_spec(check)
    verdicts = dict((tuple(k.values())[0], t) for k, t in ex.expected_verdicts(spec))
    right_label = law.sub_label(right)
    assert verdicts[right_label].startswith("Goed.")
    wrong = [label for label, text in verdicts.items() if label not in (right_label, ex.NO_ANSWER)]
    assert len(wrong) >= 3, "a check needs near misses to choose from"
    assert all(verdicts[label].startswith("Niet goed.") for label in wrong)
    assert verdicts[ex.NO_ANSWER] == "Kies een antwoord."


def test_each_check_card_sits_below_its_exercise_before_the_solution():
    for check in exercise_checks.CASE_CHECKS:
        text = (CHAPTERS / f"{check.chapter}.md").read_text(encoding="utf-8")
        exercise = text.index(f":label: {check.label}\n")
        card = text.index(f'exercise_checks.card("{check.label}")')
        solution = text.index(f"```{{solution}} {check.label}")
        assert exercise < card < solution, check.label
