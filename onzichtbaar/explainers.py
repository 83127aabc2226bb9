"""Kernel-free explainers of art. 273f Sr, generated from ``onzichtbaar.law273f``.

Every explainer is an :class:`ExplainerSpec`: its controls plus a function that turns one
combination of control values into a :class:`Verdict` computed by the legal model. The
same spec yields the widget (:meth:`ExplainerSpec.widget`) and, for the browser test, the
expected verdict text for every combination (:func:`expected_verdicts`), so the page and
the test cannot drift apart.

Each verdict's HTML holds ``<span class="oz-verdict-text">…</span>`` with the plain
verdict sentence: that is the stable marker the browser test reads. Its line also carries
``oz-verdict-<kind>`` (``ja``, ``nee`` or ``let-op``) so the page can style the answer.

Expected outcomes are tested against worked cases written from the law text
(``tests/cases/law273f_worked_cases.yaml``).
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import ipywidgets as w

from onzichtbaar import DATA_DIR, citations, data
from onzichtbaar import law273f as law
from onzichtbaar.law273f import Act, Availability, Case, ExploitationForm, Means, Profit, Purpose
from onzichtbaar.widgets import Choice, ExplainerSpec, Verdict, html_box, register, yes_no
from onzichtbaar.widgets import expected_verdicts as expected_verdicts  # re-exported for the tests and readers

#: The law's history as data: ``data/law/`` (a data package with its schema).
LAW_DATA_DIR = DATA_DIR / "law"

#: Ages used for «18 of ouder» / «jonger dan 18» in the explainers.
ADULT_AGE = 30
MINOR_AGE = 16


# --- rendering helpers ----------------------------------------------------------------------

SOURCE_TAG = re.compile(r"\s*\[([a-z0-9_]+(?:;\s*[a-z0-9_]+)*)\]")


def source_label(source_ids: Sequence[str]) -> str:
    """``['blik_2013', 'govnl_2012']`` -> the book's citation labels, e.g. ``'Blik op Nieuws, 2013; ...'``.

    The labels are the ones the bibliography shows (``onzichtbaar.citations``), so a widget and
    the running text name a source the same way; an unknown id is an error.
    """
    return "; ".join(citations.label(s) for s in source_ids)


def _with_sources(text: str) -> str:
    """Escape ``text`` and show trailing ``[source_id]`` tags as a small, readable source note."""
    parts = []
    position = 0
    for match in SOURCE_TAG.finditer(text):
        parts.append(html.escape(text[position : match.start()]))
        ids = [s.strip() for s in match.group(1).split(";")]
        parts.append(f' <span class="oz-source">({html.escape(source_label(ids))})</span>')
        position = match.end()
    parts.append(html.escape(text[position:]))
    return "".join(parts)


def law_quote(key: str, where: str) -> str:
    """A short quote of the law, marked and attributed."""
    return (
        f'<blockquote class="oz-law">«{html.escape(law.WORDING[key])}» '
        f'<span class="oz-source">(Wetboek van Strafrecht, art. 273f {html.escape(where)})</span></blockquote>'
    )


def bullet_list(items: Sequence[str], css_class: str = "oz-list") -> str:
    if not items:
        return ""
    return f'<ul class="{css_class}">' + "".join(f"<li>{_with_sources(i)}</li>" for i in items) + "</ul>"


# --- 1. Is dit mensenhandel? ------------------------------------------------------------------

ELEMENT_OF_REASON = {law.NO_ACT: "handeling", law.NO_MEANS: "middel", law.NO_PURPOSE: "oogmerk"}
QUOTE_OF_ELEMENT = {"handeling": ("handeling", "lid 1 sub 1°"), "oogmerk": ("oogmerk", "lid 1 sub 1°")}

MEANS_LIST_HTML = "<p>De middelen van sub 1°:</p>" + bullet_list([m.value for m in Means])


def mensenhandel_case(handeling: bool, middel: bool, oogmerk: Purpose | None, age: int) -> Case:
    """The facts behind one setting of the «Is dit mensenhandel?» controls."""
    return Case(
        victim_age=age,
        act=Act.WERVEN if handeling else None,
        means={Means.DWANG_GEWELD} if middel else frozenset(),
        purpose=oogmerk,
    )


def other_subs_to_check(middel: bool, oogmerk: Purpose | None, minor: bool) -> list[int]:
    """Sub-clauses that need no act of sub 1°/2° and may still apply to these answers.

    Sub 4° (the exploitation itself) needs a means; sub 5° (paid sex or organs) a minor;
    sub 6° (profiting) an exploitation.
    """
    candidates = ((4, middel), (5, minor), (6, oogmerk is Purpose.UITBUITING))
    return [sub for sub, possible in candidates if possible]


def mensenhandel_verdict(handeling: bool, middel: bool, oogmerk: Purpose | None, age: int) -> Verdict:
    result = law.assess(mensenhandel_case(handeling, middel, oogmerk, age))
    subs = [s for s in result.fulfilled if s in (1, 2)]
    if subs:
        text = f"Ja: dit is mensenhandel (art. 273f lid 1 {law.sub_label(subs)})."
        if subs == [2]:
            detail = "<p>Het slachtoffer is jonger dan 18. Dan is geen middel nodig:</p>" + law_quote(
                "minderjarig", "lid 1 sub 2°"
            )
        else:
            detail = "<p>Handeling, middel en oogmerk zijn alle drie aanwezig:</p>" + law_quote(
                "oogmerk", "lid 1 sub 1°"
            )
            if 2 in subs:
                detail += "<p>Omdat het slachtoffer jonger is dan 18, geldt ook sub 2°.</p>"
        return Verdict(text, detail, kind="ja")
    # Which rule decides depends on age: a minor only needs act and purpose (sub 2°).
    minor = result.case.victim_is_minor
    decisive = result.result(2) if minor else result.result(1)
    missing = [ELEMENT_OF_REASON[reason] for reason in decisive.missing if reason in ELEMENT_OF_REASON]
    text = f"Niet volgens sub 1° of 2°. Ontbreekt: {', '.join(missing)}."
    still = other_subs_to_check(middel, oogmerk, minor)
    if still:
        text += f" Kijk ook naar {law.sub_label(still)} bij «Welk sublid?»."
    detail = bullet_list(list(decisive.missing))
    first = missing[0]
    if first == "middel":
        detail += "<p>Bij iemand van 18 of ouder vraagt sub 1° een van deze middelen.</p>" + MEANS_LIST_HTML
    else:
        key, where = QUOTE_OF_ELEMENT[first]
        detail += law_quote(key, where)
    notes = []
    if 4 in still:
        notes.append(
            "Sub 4° vraagt geen handeling uit sub 1°: wie iemand met een middel dwingt of beweegt "
            "tot werk, diensten of het afstaan van organen, pleegt ook mensenhandel (de uitbuiting zelf)."
        )
    if 5 in still:
        notes.append(
            "Sub 5° vraagt bij iemand jonger dan 18 geen handeling en geen middel: iemand ertoe brengen "
            "tegen betaling seksuele handelingen met of voor een derde te verrichten of organen af te staan, is genoeg."
        )
    if 6 in still:
        notes.append("Sub 6°: wie opzettelijk voordeel trekt uit de uitbuiting van een ander, pleegt ook mensenhandel.")
    if minor and oogmerk is Purpose.UITBUITING and not handeling:
        notes.append(
            "Gaat het om een minderjarige die wordt uitgebuit, bijvoorbeeld als drugskoerier? Dan is er "
            "vaak toch een handeling, zoals werven of huisvesten. Met het oogmerk van uitbuiting is dat sub 2°."
        )
    detail += bullet_list(notes)
    return Verdict(text, detail, kind="let-op" if still else "nee")


def _note_handeling(value: bool) -> str:
    if value:
        return "<p>Werven, vervoeren, overbrengen, huisvesten of opnemen – ook het overdragen van de controle over iemand.</p>"
    return "<p>Niemand is geworven, vervoerd, overgebracht, gehuisvest of opgenomen.</p>"


def _note_middel(value: bool) -> str:
    if value:
        return MEANS_LIST_HTML
    return "<p>Geen dwang, dreiging, misleiding, misbruik van overwicht of van een kwetsbare positie, en geen betaling aan wie zeggenschap heeft.</p>"


def _note_oogmerk(value: Purpose | None) -> str:
    if value is Purpose.UITBUITING:
        return (
            "<p>Uitbuiting omvat ten minste: "
            + ", ".join(html.escape(f.value) for f in ExploitationForm if f.named_in_lid2)
            + " (lid 2).</p>"
        )
    if value is Purpose.ORGAANVERWIJDERING:
        return "<p>Orgaanverwijdering is een apart oogmerk naast uitbuiting; lid 2 noemt het niet als vorm van uitbuiting.</p>"
    return "<p>De dader wil de ander niet uitbuiten en niet diens organen laten verwijderen.</p>"


MENSENHANDEL = ExplainerSpec(
    name="mensenhandel",
    title="Is dit mensenhandel?",
    choices=(
        yes_no("mh-handeling", "Handeling: werd iemand geworven, vervoerd, gehuisvest of opgenomen?"),
        yes_no("mh-middel", "Middel: werd een middel als dwang of misleiding gebruikt?"),
        Choice(
            "mh-oogmerk",
            "Oogmerk: waar was het de dader om te doen?",
            (
                ("geen van beide", None),
                ("uitbuiting", Purpose.UITBUITING),
                ("verwijdering van organen", Purpose.ORGAANVERWIJDERING),
            ),
        ),
        Choice(
            "mh-leeftijd", "Leeftijd van het slachtoffer", (("18 of ouder", ADULT_AGE), ("jonger dan 18", MINOR_AGE))
        ),
    ),
    verdict=mensenhandel_verdict,
    notes={"mh-handeling": _note_handeling, "mh-middel": _note_middel, "mh-oogmerk": _note_oogmerk},
    intro_html="<p>Kies per element wat er in een (fictieve) situatie gebeurde. Het antwoord volgt uit art. 273f lid 1 "
    "sub 1° en 2°. De andere onderdelen, zoals de uitbuiting zelf (sub 4°), staan bij «Welk sublid?».</p>",
)


# --- 2. Welk sublid? -------------------------------------------------------------------------


@dataclass(frozen=True)
class Situation:
    label: str
    description: str
    facts: dict
    relevant_subs: tuple[int, ...]
    #: Extra facts when a means of sub 1° was used (e.g. forced paid sex is exploitation).
    facts_with_means: dict = field(default_factory=dict)
    #: Sub-clauses that may apply on an accepted interpretation, as ``{(middel, minor): (sub, note)}``.
    also: dict = field(default_factory=dict)


ALSO_SUB4_ORGANS = (
    4,
    "Ook sub 4° kan gelden: werven met een middel is «enige handeling» waarvan de "
    "verdachte weet of moet vermoeden dat de ander daardoor organen beschikbaar stelt.",
)
ALSO_SUB2_MINOR_PROSTITUTION = (
    2,
    "Ook sub 2° kan gelden als de rechter de betaalde seks van een minderjarige als "
    "uitbuiting ziet; bij minderjarigen kan dat oordeel anders uitvallen dan bij "
    "volwassenen [phr2015_2038].",
)
ALSO_SUB2_MINOR_WORK = (
    2,
    "Sub 5° gaat alleen over seks en organen. Maar wordt een minderjarige geworven, "
    "vervoerd of gehuisvest om hem uit te buiten, bijvoorbeeld als drugskoerier? Dan geldt "
    "sub 2°, zonder middel.",
)
ALSO_SUB6_HANDOVER = (
    6,
    "Ook sub 6° kan gelden: wie iemand met een middel dwingt de opbrengst van betaalde seks "
    "af te geven, trekt in de regel voordeel uit uitbuiting in de prostitutie.",
)
INTERPRETATION_FORCED_PAID_SEX = (
    "Betaalde seks die met een middel is afgedwongen, geldt in de regel als «uitbuiting van een ander in de "
    "prostitutie» (lid 2). Dat is een uitleg van de wet, geen letterlijke tekst."
)

SITUATIONS = (
    Situation(
        "werft voor uitbuiting",
        "werft, vervoert of huisvest iemand om die uit te buiten",
        {"act": Act.WERVEN, "purpose": Purpose.UITBUITING},
        (1, 2),
    ),
    Situation(
        "werft voor orgaanverwijdering",
        "werft, vervoert of huisvest iemand om diens organen te laten verwijderen",
        {"act": Act.WERVEN, "purpose": Purpose.ORGAANVERWIJDERING},
        (1, 2),
        also={(True, False): ALSO_SUB4_ORGANS, (True, True): ALSO_SUB4_ORGANS},
    ),
    Situation(
        "werft voor betaalde seks in het buitenland",
        "werft iemand, neemt iemand mee of ontvoert iemand om in een ander land tegen betaling seksuele handelingen met of voor een derde te verrichten",
        {"recruited_for_paid_sex_abroad": True},
        (3, 5),
        # Paid sex obtained with a means counts as «uitbuiting van een ander in de prostitutie».
        {"act": Act.WERVEN, "purpose": Purpose.UITBUITING, "exploitation_form": ExploitationForm.PROSTITUTIE},
        also={(False, True): ALSO_SUB2_MINOR_PROSTITUTION},
    ),
    Situation(
        "brengt tot werk of diensten",
        "brengt iemand ertoe te werken of diensten te verlenen",
        {"made_available": Availability.ARBEID_OF_DIENSTEN},
        (4, 5),
        also={(False, True): ALSO_SUB2_MINOR_WORK},
    ),
    Situation(
        "brengt tot betaalde seks",
        "brengt iemand ertoe tegen betaling seksuele handelingen met of voor een derde te verrichten",
        {"made_available": Availability.SEKSUELE_HANDELINGEN, "for_payment": True},
        (4, 5),
    ),
    Situation(
        "brengt tot afstaan van een orgaan",
        "brengt iemand ertoe tegen betaling een orgaan af te staan",
        {"made_available": Availability.ORGANEN, "for_payment": True},
        (4, 5),
    ),
    Situation(
        "profiteert van uitbuiting",
        "trekt opzettelijk voordeel uit de uitbuiting van een ander",
        {"profits": {Profit.UIT_UITBUITING}},
        (6,),
    ),
    Situation(
        "profiteert van betaalde seks",
        "trekt voordeel uit betaalde seksuele handelingen van een ander met of voor een derde",
        {"profits": {Profit.UIT_SEKSUELE_HANDELINGEN}, "for_payment": True},
        (6, 8),
        # Paid sex forced with a means is «uitbuiting van een ander in de prostitutie» (lid 2).
        {"profits": {Profit.UIT_SEKSUELE_HANDELINGEN, Profit.UIT_UITBUITING}},
    ),
    Situation(
        "profiteert van orgaanverwijdering",
        "trekt voordeel uit de verwijdering van organen van een ander tegen betaling",
        {"profits": {Profit.UIT_ORGAANVERWIJDERING}, "for_payment": True},
        (7, 8),
    ),
    Situation(
        "laat opbrengst afgeven",
        "laat iemand afgeven wat diens betaalde seksuele handelingen met of voor een derde opbrachten",
        {"profits": {Profit.AFDRACHT_OPBRENGST}, "for_payment": True},
        (8, 9),
        also={(True, False): ALSO_SUB6_HANDOVER, (True, True): ALSO_SUB6_HANDOVER},
    ),
)


def sublid_case(situation: Situation, middel: bool, minor: bool) -> Case:
    """The facts behind one setting of the «Welk sublid?» controls.

    For profit from organ removal (sub 7°) «middel» stands for the offender's knowledge that the
    organs were removed with a means of sub 1°.
    """
    facts = {**situation.facts, **(situation.facts_with_means if middel else {})}
    return Case(
        victim_age=MINOR_AGE if minor else ADULT_AGE,
        means={Means.DWANG_GEWELD} if middel else frozenset(),
        knows_means_used=middel,
        **facts,
    )


def sublid_verdict(situation: Situation, middel: bool, minor: bool) -> Verdict:
    result = law.assess(sublid_case(situation, middel, minor))
    also = situation.also.get((middel, minor))
    if result.fulfilled:
        text = f"Van toepassing: art. 273f lid 1 {law.sub_label(result.fulfilled)}."
        kind = "ja"
    else:
        text = "Geen van sub 1° tot en met 9° is van toepassing."
        kind = "let-op" if also else "nee"
    items = []
    if middel and situation.facts_with_means:
        items.append(INTERPRETATION_FORCED_PAID_SEX)
    for sub in sorted(set(situation.relevant_subs) | set(result.fulfilled)):
        r = result.result(sub)
        if r.fulfilled:
            items.append(f"Sub {sub}° wel: {r.title}.")
            items.extend(r.caveats)
        else:
            items.append(f"Sub {sub}° niet: " + " ".join(r.missing))
    if also:
        items.append(also[1])
    return Verdict(text, bullet_list(items), kind)


def _note_situatie(situation: Situation) -> str:
    subs = law.sub_label(situation.relevant_subs)
    return f"<p>De verdachte {html.escape(situation.description)}. Kijk naar {subs}.</p>"


SUBLID = ExplainerSpec(
    name="sublid",
    title="Welk sublid?",
    choices=(
        Choice("sub-situatie", "Situatie: wat doet de verdachte?", tuple((s.label, s) for s in SITUATIONS)),
        yes_no("sub-middel", "Middel uit sub 1° gebruikt (bij orgaanverwijdering: weet de verdachte dat)?"),
        yes_no("sub-minderjarig", "Slachtoffer jonger dan 18?"),
    ),
    verdict=sublid_verdict,
    notes={"sub-situatie": _note_situatie},
    intro_html="<p>Artikel 273f lid 1 heeft negen onderdelen (sub 1° tot en met 9°). Kies een situatie en zie welke van toepassing zijn.</p>",
)


# --- 3. Strafmaximum ------------------------------------------------------------------------

CONSEQUENCES = (("geen", None), ("zwaar letsel of levensgevaar", "letsel"), ("de dood", "dood"))


def straf_case(vereniging: bool, minor: bool, kwetsbaar: bool, geweld: bool, gevolg: str | None) -> Case:
    """A case of sub 1° mensenhandel with the chosen aggravating circumstances."""
    means = {Means.DWANG_GEWELD} | ({Means.MISBRUIK_KWETSBARE_POSITIE} if kwetsbaar else set())
    return Case(
        victim_age=MINOR_AGE if minor else ADULT_AGE,
        act=Act.WERVEN,
        means=means,
        purpose=Purpose.UITBUITING,
        in_vereniging=vereniging,
        violence=geweld,
        serious_bodily_harm=gevolg == "letsel",
        death=gevolg == "dood",
    )


def straf_verdict(vereniging: bool, minor: bool, kwetsbaar: bool, geweld: bool, gevolg: str | None) -> Verdict:
    penalty = law.assess(straf_case(vereniging, minor, kwetsbaar, geweld, gevolg)).penalty
    text = f"Strafmaximum: {penalty.text()} (art. 273f lid {penalty.lid} Sr)."
    if penalty.raised_by:
        detail = "<p>Verhoogd door:</p>" + bullet_list(list(penalty.raised_by))
    else:
        detail = "<p>Geen strafverzwarende omstandigheid: het maximum van lid 1 geldt.</p>"
    detail += (
        "<p>Elk lid noemt naast de gevangenisstraf een geldboete van de vijfde categorie. "
        "De rechter kiest de straf; dit is alleen het maximum.</p>"
    )
    return Verdict(text, detail, kind="info")


STRAFMAXIMUM = ExplainerSpec(
    name="straf",
    title="Strafmaximum",
    choices=(
        yes_no("straf-vereniging", "Gepleegd door twee of meer personen samen?"),
        yes_no("straf-minderjarig", "Slachtoffer jonger dan 18?"),
        yes_no("straf-kwetsbaar", "Misbruik van een kwetsbare positie?"),
        yes_no("straf-geweld", "Ging er geweld aan vooraf, mee gepaard of op volgend?"),
        Choice("straf-gevolg", "Gevolg voor het slachtoffer", CONSEQUENCES),
    ),
    verdict=straf_verdict,
    intro_html="<p>Uitgangspunt: een feit van mensenhandel volgens lid 1. Kies welke omstandigheden er ook waren.</p>",
)


# --- penalty history (data) -------------------------------------------------------------------


@dataclass(frozen=True)
class PenaltyChange:
    date: dt.date
    years_before: int
    years_after: int
    source_ids: tuple[str, ...]
    note: str


def penalty_history(data_dir: Path = LAW_DATA_DIR) -> list[PenaltyChange]:
    """The changes of the basic maximum penalty (``data/law/penalty_history.csv``).

    The data package's schema checks every cell; this checks the order across rows. Every
    error names the file, the row and the column.
    """
    frame = data.load("penalty_history", data_dir)
    where = data.display(Path(data_dir) / "penalty_history.csv")
    if frame.empty:
        raise data.DataError(f"{where}: no rows")
    changes = []
    for row, r in enumerate(frame.itertuples(), start=2):
        try:
            date = dt.date.fromisoformat(r.change_date)
        except ValueError:
            raise data.DataError(f"{where}, row {row}, column 'change_date': {r.change_date!r} is no date") from None
        changes.append(
            PenaltyChange(date, int(r.max_years_before), int(r.max_years_after), tuple(r.source_ids.split(";")), r.note)
        )
    for row, (earlier, later) in enumerate(zip(changes, changes[1:]), start=3):
        if later.date <= earlier.date:
            raise data.DataError(f"{where}, row {row}, column 'change_date': dates must increase")
        if later.years_before != earlier.years_after:
            raise data.DataError(
                f"{where}, row {row}, column 'max_years_before': {later.years_before} does not match "
                f"the previous row's max_years_after {earlier.years_after}"
            )
    return changes


MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)


def dutch_date(day: dt.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


#: Art. 273a Sr (later 273f) took effect on 1 January 2005 (Stb. 2004, 645); before that other
#: articles with other maxima applied, so the chart starts there (dossier §1.7).
ARTICLE_IN_FORCE = dt.date(2005, 1, 1)
ARTICLE_IN_FORCE_SOURCES = ("stb2004_645", "fairwork_verborgen")


def penalty_history_html(changes: Sequence[PenaltyChange]) -> str:
    """A small step chart as HTML bars (text stays readable without the bars) with sources."""
    first = changes[0]
    periods = [
        (
            f"{dutch_date(ARTICLE_IN_FORCE)} – {dutch_date(first.date)}",
            first.years_before,
            ARTICLE_IN_FORCE_SOURCES + first.source_ids,
        )
    ]
    periods += [(f"vanaf {dutch_date(c.date)}", c.years_after, c.source_ids) for c in changes]
    longest = max(years for _, years, _ in periods)
    rows = []
    for label, years, sources in periods:
        width = round(100 * years / longest)
        rows.append(
            "<tr>"
            f"<th scope='row'>{html.escape(label)}</th>"
            f"<td><span class='oz-bar' style='display:inline-block;width:{width * 2}px;height:0.9em;"
            f"background:#0072B2;vertical-align:middle'></span> {years} jaar</td>"
            f"<td class='oz-source'>{html.escape(source_label(sources))}</td>"
            "</tr>"
        )
    return (
        "<p><strong>Zo steeg het basismaximum (lid 1) sinds het artikel in 2005 begon</strong></p>"
        "<table class='oz-history'><thead><tr><th scope='col'>Periode</th>"
        "<th scope='col'>Maximale gevangenisstraf</th><th scope='col'>Bron</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def strafmaximum_explainer() -> w.Widget:
    """The «Strafmaximum» explainer with the history of the basic maximum below it."""
    box = STRAFMAXIMUM.widget()
    history = html_box(penalty_history_html(penalty_history()), "oz-history-box")
    box.children = (*box.children, history)
    return box


# --- 4. Quiz ------------------------------------------------------------------------------

NO_ANSWER = "nog geen antwoord"


@dataclass(frozen=True)
class QuizQuestion:
    """One fictitious case; ``key`` maps the case's assessment to the label of the right answer."""

    number: int
    story: str
    question: str
    case: Case
    answers: tuple[str, ...]
    key: Callable[[law.Assessment], str]
    explanation: Callable[[law.Assessment], str]

    @property
    def correct(self) -> str:
        return self.key(law.assess(self.case))


def _fulfilled_text(a: law.Assessment) -> str:
    if not a.fulfilled:
        return "Volgens het model is geen van sub 1° tot en met 9° van toepassing."
    return f"Volgens het model is art. 273f lid 1 {law.sub_label(a.fulfilled)} van toepassing."


def _penalty_answer(a: law.Assessment) -> str:
    p = a.penalty
    return "levenslang of 30 jaar" if p.life else f"{p.years} jaar"


QUIZ = (
    QuizQuestion(
        1,
        "Piotr (34) wordt door een bemiddelaar in Polen geworven met een belofte van goed loon. In "
        "Nederland neemt de bemiddelaar zijn paspoort in en zegt dat Piotr eerst een reisschuld moet "
        "afwerken. Hij werkt zeven dagen per week voor bijna niets. Als hij wil vertrekken, dreigt de "
        "bemiddelaar dat hij het zal bezuren.",
        "Is dit mensenhandel volgens sub 1°?",
        Case(
            victim_age=34,
            act=Act.WERVEN,
            means={Means.AFPERSING_FRAUDE_MISLEIDING, Means.DREIGING},
            purpose=Purpose.UITBUITING,
            exploitation_form=ExploitationForm.GEDWONGEN_ARBEID_OF_DIENSTEN,
            made_available=Availability.ARBEID_OF_DIENSTEN,
        ),
        ("ja", "nee, er is geen middel gebruikt", "nee, want Piotr is volwassen"),
        lambda a: "ja" if 1 in a.fulfilled else "nee, er is geen middel gebruikt",
        lambda a: (
            _fulfilled_text(a) + " Werven is de handeling; misleiding over het loon en dreiging zijn "
            "de middelen; uitbuiting in arbeid is het oogmerk. Dat Piotr volwassen is, doet er niet toe. Let op: "
            "alleen een te laag loon, een ingenomen paspoort en slechte huisvesting kan onder de grens van "
            "mensenhandel blijven; de rechter weegt per zaak of er uitbuiting is [hr2009_bi7099]."
        ),
    ),
    QuizQuestion(
        2,
        "Sanne (16) logeert bij een veel oudere 'vriend'. Hij regelt klanten die haar betalen voor seks. "
        "Er is geen dwang of dreiging: Sanne zegt dat ze het zelf wil.",
        "Moet er een middel als dwang zijn om van mensenhandel te spreken?",
        Case(
            victim_age=16,
            act=Act.HUISVESTEN,
            purpose=Purpose.UITBUITING,
            exploitation_form=ExploitationForm.PROSTITUTIE,
            made_available=Availability.SEKSUELE_HANDELINGEN,
            for_payment=True,
        ),
        ("ja, zonder dwang geen mensenhandel", "nee, bij iemand jonger dan 18 is geen middel nodig"),
        lambda a: (
            "nee, bij iemand jonger dan 18 is geen middel nodig"
            if a.is_mensenhandel and not a.case.means
            else "ja, zonder dwang geen mensenhandel"
        ),
        lambda a: _fulfilled_text(a) + " Bij iemand jonger dan 18 zijn geen middelen nodig (sub 2°, 5° en 8°).",
    ),
    QuizQuestion(
        3,
        "Twee mannen zetten Ahmed (28) onder bedreiging aan het werk als drugskoerier. Bij een "
        "mishandeling raakt hij zwaar gewond.",
        "Wat is het strafmaximum?",
        # Putting someone to work under threats is sub 4° (the exploitation itself).
        Case(
            victim_age=28,
            means={Means.DREIGING},
            made_available=Availability.ARBEID_OF_DIENSTEN,
            in_vereniging=True,
            violence=True,
            serious_bodily_harm=True,
        ),
        ("12 jaar", "15 jaar", "18 jaar", "levenslang of 30 jaar"),
        _penalty_answer,
        lambda a: (
            _fulfilled_text(a) + f" Het maximum is {a.penalty.text()} (lid {a.penalty.lid}). "
            "Verhoogd door: " + "; ".join(a.penalty.raised_by) + ". Het zwaarste lid telt."
        ),
    ),
    QuizQuestion(
        4,
        "Een tussenpersoon verdient geld aan de verwijdering van een nier van Maria (40). Hij weet dat "
        "Maria daartoe is misleid.",
        "Welk onderdeel van lid 1 past?",
        Case(victim_age=40, profits={Profit.UIT_ORGAANVERWIJDERING}, for_payment=True, knows_means_used=True),
        ("sub 6°", "sub 7°", "sub 8°", "geen"),
        lambda a: law.sub_label(a.fulfilled) if a.fulfilled else "geen",
        lambda a: (
            _fulfilled_text(a) + " Orgaanverwijdering is geen vorm van uitbuiting maar een apart "
            "oogmerk; daarom geldt niet sub 6°. Sub 8° is alleen voor slachtoffers jonger dan 18."
        ),
    ),
    QuizQuestion(
        5,
        "Iemand brengt tegen betaling mensen zonder papieren over de grens. Zij willen zelf reizen; "
        "hij is niet van plan hen uit te buiten.",
        "Is dit mensenhandel?",
        Case(victim_age=30, act=Act.VERVOEREN),
        ("ja", "nee, geen mensenhandel"),
        lambda a: "ja" if a.is_mensenhandel else "nee, geen mensenhandel",
        lambda a: (
            _fulfilled_text(a) + " Er is een handeling (vervoeren), maar geen middel en geen "
            "oogmerk van uitbuiting. Dit kan wel mensensmokkel zijn (art. 197a Sr), een ander misdrijf."
        ),
    ),
)


def _check_quiz() -> None:
    for q in QUIZ:
        if q.correct not in q.answers:
            raise ValueError(f"quiz question {q.number}: the model's answer {q.correct!r} is not among {q.answers}")


def quiz_verdict(question: QuizQuestion, answer: str | None) -> Verdict:
    if answer is None:
        return Verdict("Kies een antwoord.")
    assessment = law.assess(question.case)
    right = answer == question.correct
    text = f"{'Goed' if right else 'Niet goed'}. Het juiste antwoord is: {question.correct}."
    return Verdict(text, f"<p>{_with_sources(question.explanation(assessment))}</p>", "goed" if right else "fout")


def quiz_spec(question: QuizQuestion) -> ExplainerSpec:
    options = ((NO_ANSWER, None), *((a, a) for a in question.answers))
    return ExplainerSpec(
        name=f"quiz-{question.number}",
        title=f"Fictieve casus {question.number}",
        choices=(Choice(f"quiz-{question.number}-antwoord", f"Jouw antwoord: {question.question}", options),),
        verdict=lambda answer: quiz_verdict(question, answer),
        intro_html=f"<p><em>Fictief voorbeeld.</em> {html.escape(question.story)}</p>",
        reset_label="Opnieuw",
    )


QUIZ_SPECS = tuple(quiz_spec(q) for q in QUIZ)


def quiz() -> w.Widget:
    """All quiz questions below each other; each answer choice drives its own feedback."""
    _check_quiz()
    box = w.VBox([spec.widget() for spec in QUIZ_SPECS])
    box.add_class("oz-quiz")
    return box


# --- public entry points --------------------------------------------------------------------


def mensenhandel_explainer() -> w.Widget:
    """«Is dit mensenhandel?»: handeling, middel, oogmerk, leeftijd → verdict."""
    return MENSENHANDEL.widget()


def sublid_explainer() -> w.Widget:
    """«Welk sublid?»: which of sub 1°–9° applies to a chosen situation."""
    return SUBLID.widget()


#: Every art. 273f explainer on the chapter page.
ALL_SPECS = (MENSENHANDEL, SUBLID, STRAFMAXIMUM, *QUIZ_SPECS)

#: The page the explainers are on.
PAGE = "chapters/wat-is-mensenhandel.html"

for _spec in ALL_SPECS:
    register(_spec.name, PAGE, lambda spec=_spec: spec)


# --- multiple systems estimation (chapter «Hoeveel slachtoffers zien we niet?») --------------------


def mse_pair_name(pair: tuple[str, str], names: dict[str, str]) -> str:
    """«politie en opvang»: a pair of lists in words."""
    return f"{names[pair[0]]} en {names[pair[1]]}"


def mse_model_text(pairs: Sequence[tuple[str, str]], names: dict[str, str]) -> str:
    """The switched-on pairs in words, or «geen: alle lijsten los van elkaar»."""
    if not pairs:
        return "geen: alle lijsten werken los van elkaar"
    return "; ".join(mse_pair_name(p, names) for p in pairs)


def mse_verdict_text(leaf: dict, best_aic: float) -> str:
    """The explorer's plain verdict for one precomputed model (a row of the cached leaves)."""
    from onzichtbaar.dutch import number
    from onzichtbaar.mse import rounded

    worse = leaf["aic"] - best_aic
    fit = (
        "dit is de best passende keuze in deze verkenner"
        if worse < 0.05
        else f"past {number(worse, 0)} punten slechter bij de tabel dan de best passende keuze"
    )
    return (
        f"Geschat aantal slachtoffers 2010–2015: {rounded(leaf['total'])} "
        f"(als dit model klopt, ligt het aantal door toeval tussen {rounded(leaf['lower'])} en "
        f"{rounded(leaf['upper'])}); daarvan niet gezien: ongeveer {rounded(leaf['unseen'])}. "
        f"Pasvorm: {fit}."
    )


def mse_control_name(pair: tuple[str, str]) -> str:
    """CSS-safe name of the explorer's toggle for ``pair``."""
    return "mse-" + "".join(pair)


def mse_explorer_spec(table, pairs: Sequence[tuple[str, str]], leaves, names: dict[str, str]) -> ExplainerSpec:
    """A kernel-free MSE explorer: one yes/no toggle per pair of lists, every model precomputed.

    ``leaves`` holds one row per combination (column ``mask``: bit i = ``pairs[i]`` on)
    with ``total``, ``lower``, ``upper``, ``unseen`` and ``aic`` (``scripts/build_mse_cache.py``).
    """
    from onzichtbaar import mse
    from onzichtbaar.dutch import number

    pairs = list(pairs)
    by_mask = {int(row["mask"]): row for row in leaves.to_dict("records")}
    if sorted(by_mask) != list(range(2 ** len(pairs))):
        raise ValueError(f"explorer: expected {2 ** len(pairs)} precomputed models, got {len(by_mask)}")
    best_aic = min(row["aic"] for row in by_mask.values())

    def note(pair):
        together = number(mse.overlap(table, *pair))
        return lambda on: (
            f"Aan: het model mag meten dat {mse_pair_name(pair, names)} vaker of juist minder vaak samen iemand "
            f"zien dan bij toeval. Op beide lijsten: {together}."
            if on
            else f"Uit: het model neemt aan dat {mse_pair_name(pair, names)} los van elkaar melden."
        )

    def verdict(*switched_on):
        chosen = [p for p, on in zip(pairs, switched_on) if on]
        leaf = by_mask[mse.model_mask(chosen, pairs)]
        return (
            f'<p class="oz-mse-model">Samenhang in het model: {html.escape(mse_model_text(chosen, names))}</p>'
            f'<p><span class="oz-verdict-text">{html.escape(mse_verdict_text(leaf, best_aic))}</span></p>'
        )

    return ExplainerSpec(
        name="mse",
        title="Kies welke lijsten samenhangen en zie de schatting",
        choices=tuple(yes_no(mse_control_name(p), f"Samenhang {mse_pair_name(p, names)}?") for p in pairs),
        verdict=verdict,
        notes={mse_control_name(p): note(p) for p in pairs},
    )


def mse_explorer(table, pairs: Sequence[tuple[str, str]], leaves, names: dict[str, str]) -> w.Widget:
    """The explorer widget of :func:`mse_explorer_spec`."""
    return mse_explorer_spec(table, pairs, leaves, names).widget()


def book_mse_explorer_spec() -> ExplainerSpec:
    """The explorer of the chapter «Hoeveel slachtoffers zien we niet?», from the data package."""
    from onzichtbaar import data, mse

    table = data.load("list_overlaps")[[*mse.LIST_NAMES, "frequency"]]
    leaves = mse.read_cache()["explorer"]
    return mse_explorer_spec(table, mse.explorer_pairs(table), leaves, mse.LIST_NAMES)


register("mse", "chapters/hoeveel-zien-we-niet.html", book_mse_explorer_spec)
