"""Check cards for the case exercises whose solution says «controleer het met de knop».

Each case exercise of a form chapter asks which sub-clauses of art. 273f lid 1 apply. Its
solution tells the student which settings of the explainers *Is dit mensenhandel?* and
*Welk sublid?* confirm the answer. A check card turns that into a question the student
answers in the chapter: pick a list of sub-clauses, see «Goed» or «Niet goed». The page's
script (``_static/oz-tools.js``) records the result with the quiz results, privately in
the browser.

The right list is not typed here: it is what those explainers answer for the settings
below (:func:`right_subs`). ``tests/test_exercise_checks.py`` checks that the settings are
the ones the solution names and that the list equals the solution's own analysis.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import ipywidgets as w

from onzichtbaar import explainers as ex
from onzichtbaar import law273f as law
from onzichtbaar.widgets import Choice, ExplainerSpec, Verdict, expected_verdicts, register

#: Sub-clauses that need no means when the victim is a minor (2°, 5°, 8°) and those that
#: need a means (1°, 4°, 9°); 6° and 7° are profiting from exploitation or organ removal.
MINORS_ONLY = frozenset({2, 5, 8})
NEED_A_MEANS = frozenset({1, 4, 9})
PROFITING = frozenset({6, 7, 8})


@dataclass(frozen=True)
class CaseCheck:
    """One case exercise: the explainer settings its solution tells the student to try."""

    label: str  # the exercise's label in the chapter
    chapter: str  # the chapter file's stem
    case: str  # whose case, as the chapter names it
    mensenhandel: tuple[dict[str, str], ...]  # settings of «Is dit mensenhandel?» (control -> option)
    sublid_middel: str  # «Welk sublid?»: means used? ("ja"/"nee")
    sublid_minor: str  # «Welk sublid?»: victim under 18? ("ja"/"nee")
    situations: tuple[str, ...]  # «Welk sublid?»: the situations to choose one after another

    @property
    def name(self) -> str:
        return f"check-{self.label}"

    @property
    def page(self) -> str:
        return f"chapters/{self.chapter}.html"

    @property
    def minor(self) -> bool:
        return self.sublid_minor == "ja"


def _mh(handeling: str, middel: str, oogmerk: str, leeftijd: str) -> dict[str, str]:
    return {"mh-handeling": handeling, "mh-middel": middel, "mh-oogmerk": oogmerk, "mh-leeftijd": leeftijd}


CASE_CHECKS = (
    CaseCheck(
        "seksuele-uitbuiting-opgave-casus",
        "seksuele-uitbuiting",
        "Yara",
        (),
        "ja",
        "ja",
        ("werft voor uitbuiting", "brengt tot betaalde seks", "profiteert van betaalde seks", "laat opbrengst afgeven"),
    ),
    CaseCheck(
        "criminele-uitbuiting-opgave-casus",
        "criminele-uitbuiting",
        "Daan",
        (_mh("ja", "nee", "uitbuiting", "jonger dan 18"), _mh("ja", "ja", "uitbuiting", "jonger dan 18")),
        "ja",
        "ja",
        ("brengt tot werk of diensten", "profiteert van uitbuiting"),
    ),
    CaseCheck(
        "arbeidsuitbuiting-opgave-casus",
        "arbeidsuitbuiting",
        "Andrei",
        (_mh("ja", "ja", "uitbuiting", "18 of ouder"),),
        "ja",
        "nee",
        ("brengt tot werk of diensten", "profiteert van uitbuiting"),
    ),
    CaseCheck(
        "overige-vormen-opgave-samir",
        "overige-vormen",
        "Samir",
        (_mh("ja", "ja", "verwijdering van organen", "18 of ouder"),),
        "ja",
        "nee",
        ("brengt tot afstaan van een orgaan", "profiteert van orgaanverwijdering"),
    ),
)
BY_LABEL = {check.label: check for check in CASE_CHECKS}


def _shown(spec: ExplainerSpec, settings: dict[str, str]) -> str:
    rows = {tuple(labels[c.name] for c in spec.choices): text for labels, text in expected_verdicts(spec)}
    key = tuple(settings[c.name] for c in spec.choices)
    if key not in rows:
        raise ValueError(f"{spec.name}: no combination {settings}")
    return rows[key]


def _subs_in(text: str) -> set[int]:
    """The sub-clauses a verdict names: «… lid 1 sub 1° en 2°.» -> {1, 2}."""
    _, _, tail = text.partition("sub ")
    return {int(part.split("°")[0]) for part in tail.replace(" en ", ", ").split(", ") if part[:1].isdigit()}


def right_subs(check: CaseCheck) -> tuple[int, ...]:
    """What the two explainers answer, together, for the settings of ``check``."""
    subs: set[int] = set()
    for settings in check.mensenhandel:
        subs |= _subs_in(_shown(ex.MENSENHANDEL, settings))
    for situation in check.situations:
        settings = {"sub-situatie": situation, "sub-middel": check.sublid_middel, "sub-minderjarig": check.sublid_minor}
        subs |= _subs_in(_shown(ex.SUBLID, settings))
    return tuple(sorted(subs))


def answer_options(check: CaseCheck) -> list[tuple[int, ...]]:
    """The right list and three near misses, each a common slip.

    Forgetting who profits; for a minor, forgetting the clauses that need a means and then
    those only for minors; for an adult, relying on sub 1° alone and adding a clause that is
    only for minors.
    """
    right = frozenset(right_subs(check))
    if check.minor:
        misses = [right - PROFITING, right - NEED_A_MEANS, right - MINORS_ONLY]
    else:
        misses = [right - PROFITING, frozenset({1}), right | {2}]
    options = {tuple(sorted(right))} | {tuple(sorted(m)) for m in misses if m and m != right}
    return sorted(options, key=lambda subs: (len(subs), subs))


def check_verdict(check: CaseCheck, answer: tuple[int, ...] | None) -> Verdict:
    if answer is None:
        return Verdict("Kies een antwoord.")
    right = right_subs(check)
    good = answer == right
    text = f"{'Goed' if good else 'Niet goed'}. Volgens de wet passen: {law.sub_label(right)}."
    detail = (
        "<p>Dat geven de knoppen <em>Is dit mensenhandel?</em> en <em>Welk sublid?</em> (hoofdstuk «Wat is "
        "mensenhandel?») samen voor deze casus. Of een sub echt van toepassing is, beslist de rechter per zaak.</p>"
    )
    return Verdict(text, detail, "goed" if good else "fout")


def check_spec(check: CaseCheck) -> ExplainerSpec:
    options = ((ex.NO_ANSWER, None), *((law.sub_label(subs), subs) for subs in answer_options(check)))
    return ExplainerSpec(
        name=check.name,
        title=f"Controleer je antwoord: casus {check.case}",
        choices=(Choice(f"{check.name}-antwoord", "Welke onderdelen van lid 1 passen?", options),),
        verdict=lambda answer: check_verdict(check, answer),
        intro_html=(
            f"<p>Welke onderdelen (subs) van artikel 273f lid 1 passen bij de casus van "
            f"{html.escape(check.case)}? Kies de hele lijst. Je antwoord blijft alleen in deze browser.</p>"
        ),
        reset_label="Opnieuw",
    )


def card(label: str) -> w.Widget:
    """The check card of the exercise ``label``, to put right below the exercise."""
    if label not in BY_LABEL:
        raise KeyError(f"no check for exercise {label!r}; known: {sorted(BY_LABEL)}")
    return check_spec(BY_LABEL[label]).widget()


for _check in CASE_CHECKS:
    register(_check.name, _check.page, lambda check=_check: check_spec(check))
