"""A small model of article 273f of the Dutch Criminal Code (Wetboek van Strafrecht).

It encodes the text in force as read in the legal dossier (DOSSIER.md §1.3–§1.5,
source ``laws_md_sr``; a verbatim copy is in ``tests/cases/art273f_sr.txt``): the nine
sub-clauses of lid 1 (both limbs of sub 4° and 5°), the definition of exploitation in
lid 2 and the penalties of lid 1, 3, 4 and 5, each with its fine alternative. It is a teaching model, not legal advice: it checks the elements
named in the text and reports, as caveats, the case law and reading choices the
dossier flags as uncertain.

Use it as::

    case = Case(act=Act.WERVEN, means={Means.MISLEIDING}, purpose=Purpose.UITBUITING)
    result = assess(case)
    result.fulfilled          # (1,)
    result.penalty.text()     # 'ten hoogste 12 jaar gevangenisstraf of een geldboete ...'

Every user-facing string is Dutch, because the book is Dutch.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum

#: Source id (``shared/research/legal/sources.csv``) of the law text encoded here.
LAW_SOURCE = "laws_md_sr"

#: Age at which a person stops being a minor: «de leeftijd van achttien jaren».
AGE_OF_MAJORITY = 18

#: Every penalty paragraph (leden 1, 3, 4 and 5) ends with this alternative.
FINE = "een geldboete van de vijfde categorie"


class Act(Enum):
    """The acts («handelingen») of sub 1° and 2°."""

    WERVEN = "werven"
    VERVOEREN = "vervoeren"
    OVERBRENGEN = "overbrengen"
    HUISVESTEN = "huisvesten"
    OPNEMEN = "opnemen"
    OVERDRACHT_CONTROLE = "wisseling of overdracht van de controle"


class Means(Enum):
    """The means («middelen») listed in sub 1°; sub 4°, 7° and 9° refer back to them."""

    DWANG_GEWELD = "dwang, geweld of een andere feitelijkheid"
    DREIGING = "dreiging met geweld of een andere feitelijkheid"
    AFPERSING_FRAUDE_MISLEIDING = "afpersing, fraude of misleiding"
    MISBRUIK_OVERWICHT = "misbruik van uit feitelijke omstandigheden voortvloeiend overwicht"
    MISBRUIK_KWETSBARE_POSITIE = "misbruik van een kwetsbare positie"
    BETALING_AAN_ZEGGENSCHAPHEBBER = (
        "het geven of ontvangen van betalingen of voordelen om de instemming te krijgen van iemand "
        "die zeggenschap over de ander heeft"
    )


class Purpose(Enum):
    """The purpose («oogmerk») of sub 1° and 2°: two separate purposes."""

    UITBUITING = "uitbuiting"
    ORGAANVERWIJDERING = "verwijdering van organen"


class ExploitationForm(Enum):
    """Forms of exploitation. Lid 2 names six «ten minste»; the list is open."""

    PROSTITUTIE = "uitbuiting in de prostitutie"
    ANDERE_SEKSUELE_UITBUITING = "andere vormen van seksuele uitbuiting"
    GEDWONGEN_ARBEID_OF_DIENSTEN = "gedwongen of verplichte arbeid of diensten (ook bedelarij)"
    SLAVERNIJ = "slavernij en met slavernij te vergelijken praktijken"
    DIENSTBAARHEID = "dienstbaarheid"
    STRAFBARE_ACTIVITEITEN = "uitbuiting van strafbare activiteiten"
    GEDWONGEN_DRAAGMOEDERSCHAP = "gedwongen draagmoederschap"
    ANDERS = "een andere vorm, niet genoemd in lid 2"

    @property
    def named_in_lid2(self) -> bool:
        return self not in (ExploitationForm.GEDWONGEN_DRAAGMOEDERSCHAP, ExploitationForm.ANDERS)


class Availability(Enum):
    """What the victim makes available (sub 4° and 5°). Sexual acts are always paid-for ones
    «met of voor een derde» (sub 5°); whether they were paid is ``Case.for_payment``."""

    ARBEID_OF_DIENSTEN = "arbeid of diensten"
    SEKSUELE_HANDELINGEN = "seksuele handelingen met of voor een derde"
    ORGANEN = "organen"


class Profit(Enum):
    """What the offender draws advantage from (sub 6° to 9°)."""

    UIT_UITBUITING = "voordeel uit de uitbuiting van een ander"
    UIT_ORGAANVERWIJDERING = "voordeel uit de verwijdering van organen van een ander"
    UIT_SEKSUELE_HANDELINGEN = "voordeel uit seksuele handelingen van een ander met of voor een derde"
    AFDRACHT_OPBRENGST = "het slachtoffer laten afgeven wat diens seksuele handelingen of orgaanverwijdering opbrachten"


#: Short key wording of the law (dossier §1.3–§1.5), shown as «the sentence that decides».
WORDING = {
    "lid1": "Als schuldig aan mensenhandel wordt met gevangenisstraf van ten hoogste twaalf jaren "
    "of geldboete van de vijfde categorie gestraft",
    "handeling": "werft, vervoert, overbrengt, huisvest of opneemt, met inbegrip van de wisseling "
    "of overdracht van de controle over die ander",
    "oogmerk": "met het oogmerk van uitbuiting van die ander of de verwijdering van diens organen",
    "minderjarig": "terwijl die ander de leeftijd van achttien jaren nog niet heeft bereikt",
    "sub3": "aanwerft, medeneemt of ontvoert met het oogmerk die ander in een ander land ertoe te "
    "brengen zich beschikbaar te stellen tot het verrichten van seksuele handelingen met of voor "
    "een derde tegen betaling",
    "sub4": "dwingt of beweegt zich beschikbaar te stellen tot het verrichten van arbeid of diensten "
    "of zijn organen beschikbaar te stellen",
    "sub4_limb2": "onder de onder 1° genoemde omstandigheden enige handeling onderneemt waarvan hij weet "
    "of redelijkerwijs moet vermoeden dat die ander zich daardoor beschikbaar stelt tot het verrichten "
    "van arbeid of diensten",
    "sub5": "ertoe brengt zich beschikbaar te stellen tot het verrichten van seksuele handelingen met "
    "of voor een derde tegen betaling of zijn organen tegen betaling beschikbaar te stellen",
    "sub5_limb2": "enige handeling onderneemt waarvan hij weet of redelijkerwijs moet vermoeden dat die "
    "ander zich daardoor beschikbaar stelt tot het verrichten van die handelingen",
    "sub6": "opzettelijk voordeel trekt uit de uitbuiting van een ander",
    "sub7": "opzettelijk voordeel trekt uit de verwijdering van organen van een ander, terwijl hij weet "
    "of redelijkerwijs moet vermoeden dat diens organen onder de onder 1° bedoelde omstandigheden zijn "
    "verwijderd",
    "sub8": "opzettelijk voordeel trekt uit seksuele handelingen van een ander met of voor een derde "
    "tegen betaling of de verwijdering van diens organen tegen betaling",
    "sub9": "dwingt dan wel beweegt hem te bevoordelen uit de opbrengst van diens seksuele handelingen "
    "met of voor een derde of van de verwijdering van diens organen",
    "lid2": "Uitbuiting omvat ten minste",
    "lid3": "gevangenisstraf van ten hoogste vijftien jaren of geldboete van de vijfde categorie",
    "lid3_1": "door twee of meer verenigde personen",
    "lid3_2": "de leeftijd van achttien jaren nog niet heeft bereikt dan wel een ander persoon is bij "
    "wie misbruik van een kwetsbare positie wordt gemaakt",
    "lid3_3": "voorafgegaan, vergezeld of gevolgd van geweld",
    "lid4": "zwaar lichamelijk letsel",
    "lid4_levensgevaar": "levensgevaar",
    "lid5": "de dood ten gevolge",
    "lid5_straf": "levenslange gevangenisstraf of tijdelijke van ten hoogste dertig jaren of geldboete "
    "van de vijfde categorie",
    "lid6": "Onder kwetsbare positie wordt mede begrepen",
}

#: One-line Dutch description of each sub-clause of lid 1.
SUBCLAUSE_TITLES = {
    1: "een handeling met een middel, met het oogmerk van uitbuiting of orgaanverwijdering",
    2: "een handeling met dat oogmerk tegenover iemand jonger dan 18 (geen middel nodig)",
    3: "iemand werven, meenemen of ontvoeren voor betaalde seks in een ander land",
    4: "iemand met een middel dwingen of bewegen tot arbeid, diensten of het afstaan van organen, of "
    "met een middel iets doen waarvan de dader weet of moet vermoeden dat het daartoe leidt",
    5: "iemand jonger dan 18 ertoe brengen tegen betaling seksuele handelingen met of voor een derde te "
    "verrichten of organen af te staan, of iets doen waarvan de dader weet of moet vermoeden dat het "
    "daartoe leidt",
    6: "opzettelijk voordeel trekken uit de uitbuiting van een ander",
    7: "opzettelijk voordeel trekken uit orgaanverwijdering, terwijl de dader weet of redelijkerwijs moet "
    "vermoeden dat daarbij een middel uit sub 1° is gebruikt",
    8: "opzettelijk voordeel trekken uit betaalde seks met of voor een derde, of uit betaalde "
    "orgaanverwijdering, van iemand jonger dan 18",
    9: "iemand met een middel dwingen of bewegen de opbrengst van seks of orgaanverwijdering af te geven",
}

CAVEAT_SUB3 = (
    "⚠ Rechtspraak: volgens de Hoge Raad (2016) is sub 3° alleen strafbaar als het werven gebeurt "
    "onder omstandigheden die als uitbuiting zijn te zien [cenr_esser2021]."
)
CAVEAT_SUB4 = (
    "⚠ Rechtspraak: sub 4° is alleen strafbaar als uitbuiting kan worden verondersteld; dat oordeel "
    "bleef in 2015 in cassatie staan [phr2015_2038]."
)
CAVEAT_SUB4_SEX = (
    "⚠ Lezing van dit model: betaalde seksuele handelingen tellen hier als 'diensten'; sub 4° noemt ze niet apart."
)
CAVEAT_EXPLOITATION_WEIGHED = (
    "⚠ Rechtspraak: of werk onder slechte omstandigheden uitbuiting is, weegt de rechter per zaak "
    "(Hoge Raad 2009) [hr2009_bi7099]."
)
CAVEAT_SURROGACY = (
    "⚠ Gedwongen draagmoederschap staat niet met zoveel woorden in lid 2. Het kan volgens de "
    "Nationaal Rapporteur gelden als gedwongen dienstverlening [nr2012_draagmoeder]; wetsvoorstellen "
    "36 547 en 36 835 willen het uitdrukkelijk noemen [nr_2025_07; kst36835_3]."
)
CAVEAT_OPEN_LIST = (
    "⚠ Deze vorm staat niet in lid 2. De lijst is open («ten minste»): de rechter beslist of er "
    "sprake is van uitbuiting."
)


def _enum_set(name: str, values, kind: type[Enum]) -> frozenset:
    if not isinstance(values, Iterable):
        raise TypeError(f"Case.{name}: expected a set of {kind.__name__}, got {values!r}")
    result = frozenset(values)
    if not all(isinstance(v, kind) for v in result):
        raise TypeError(f"Case.{name}: every element must be a {kind.__name__}, got {sorted(map(repr, result))}")
    return result


@dataclass(frozen=True)
class Case:
    """The facts of one (fictitious) case. Leave out what did not happen.

    ``victim_age`` ``None`` means the age is unknown: then no rule that needs a minor applies.
    ``for_payment`` says whether the sexual acts or the organ removal happen for payment
    («tegen betaling»), which sub 5° and 8° require.
    ``knows_means_used`` is the knowledge of sub 7°: the offender knows, or should reasonably
    suspect, that the organs were removed under the circumstances of sub 1° (with a means).
    ``made_available`` is the first limb of sub 4° and 5°: the offender forces, induces or brings
    the victim to make labour, services, sexual acts or organs available.
    ``knowingly_leads_to`` is the second limb: the offender does «enige handeling» of which he
    knows or should reasonably suspect that the victim thereby makes that available.
    A recruitment for paid sexual acts abroad (sub 3°) is such an act for paid sexual acts.
    """

    victim_age: int | None = None
    act: Act | None = None
    means: frozenset[Means] = field(default_factory=frozenset)
    purpose: Purpose | None = None
    exploitation_form: ExploitationForm | None = None
    recruited_for_paid_sex_abroad: bool = False
    made_available: Availability | None = None
    knowingly_leads_to: Availability | None = None
    for_payment: bool = False
    profits: frozenset[Profit] = field(default_factory=frozenset)
    knows_means_used: bool = False
    in_vereniging: bool = False
    violence: bool = False
    serious_bodily_harm: bool = False
    danger_to_life: bool = False
    death: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "means", _enum_set("means", self.means, Means))
        object.__setattr__(self, "profits", _enum_set("profits", self.profits, Profit))
        if self.victim_age is not None and not 0 <= self.victim_age < 130:
            raise ValueError(f"Case.victim_age: {self.victim_age!r} is not an age in years")
        if self.exploitation_form is not None and self.purpose is not Purpose.UITBUITING:
            raise ValueError(
                "Case.exploitation_form is set but Case.purpose is not Purpose.UITBUITING: "
                "a form of exploitation only makes sense with the purpose of exploitation"
            )

    @property
    def victim_is_minor(self) -> bool:
        return self.victim_age is not None and self.victim_age < AGE_OF_MAJORITY

    @property
    def known_to_lead_to(self) -> frozenset[Availability]:
        """What the offender's act knowingly leads to (second limb of sub 4° and 5°)."""
        found = {self.knowingly_leads_to} - {None}
        if self.recruited_for_paid_sex_abroad:
            found.add(Availability.SEKSUELE_HANDELINGEN)
        return frozenset(found)

    @property
    def for_payment_or_abroad(self) -> bool:
        """Payment for the sexual acts: stated, or implied by a recruitment under sub 3°."""
        return self.for_payment or self.recruited_for_paid_sex_abroad


@dataclass(frozen=True)
class SubclauseResult:
    """Whether one sub-clause of lid 1 is fulfilled, and if not, what is missing."""

    sub: int
    fulfilled: bool
    missing: tuple[str, ...] = ()
    caveats: tuple[str, ...] = ()

    @property
    def title(self) -> str:
        return SUBCLAUSE_TITLES[self.sub]


@dataclass(frozen=True)
class MaxPenalty:
    """The highest maximum penalty that applies, and every circumstance that raises it."""

    lid: int
    years: int
    life: bool
    raised_by: tuple[str, ...]

    def text(self) -> str:
        # Leden 1, 3, 4 and 5 all end with «of geldboete van de vijfde categorie».
        if self.life:
            return f"levenslang of ten hoogste {self.years} jaar gevangenisstraf, of {FINE}"
        return f"ten hoogste {self.years} jaar gevangenisstraf of {FINE}"


@dataclass(frozen=True)
class Assessment:
    """The model's answer for one case."""

    case: Case
    results: tuple[SubclauseResult, ...]
    penalty: MaxPenalty | None

    @property
    def fulfilled(self) -> tuple[int, ...]:
        return tuple(r.sub for r in self.results if r.fulfilled)

    @property
    def is_mensenhandel(self) -> bool:
        return bool(self.fulfilled)

    def result(self, sub: int) -> SubclauseResult:
        return self.results[sub - 1]


def sub_label(subs: Iterable[int]) -> str:
    """Dutch enumeration of sub-clauses: ``(1, 2)`` -> ``'sub 1° en 2°'``."""
    parts = [f"{s}°" for s in subs]
    if not parts:
        raise ValueError("sub_label(): no sub-clauses given")
    if len(parts) == 1:
        return f"sub {parts[0]}"
    return f"sub {', '.join(parts[:-1])} en {parts[-1]}"


# --- the sub-clauses of lid 1 ------------------------------------------------------------

NO_ACT = "Er is geen handeling: werven, vervoeren, overbrengen, huisvesten of opnemen (ook niet het overdragen van de controle)."
NO_MEANS = "Er is geen middel uit sub 1° gebruikt (zoals dwang, misleiding of misbruik van een kwetsbare positie)."
NO_PURPOSE = "Er is geen oogmerk van uitbuiting of van verwijdering van organen."
NOT_MINOR = "Het slachtoffer is niet jonger dan 18 jaar."
AGE_UNKNOWN = "De leeftijd van het slachtoffer is niet bekend; deze regel geldt alleen bij iemand jonger dan 18."
NOT_PAID = "De seksuele handelingen of de orgaanverwijdering gebeuren niet tegen betaling."


def _minor_missing(case: Case) -> tuple[str, ...]:
    if case.victim_age is None:
        return (AGE_UNKNOWN,)
    return () if case.victim_is_minor else (NOT_MINOR,)


def _purpose_caveats(case: Case) -> tuple[str, ...]:
    form = case.exploitation_form
    if form is ExploitationForm.GEDWONGEN_DRAAGMOEDERSCHAP:
        return (CAVEAT_SURROGACY,)
    if form is ExploitationForm.ANDERS:
        return (CAVEAT_OPEN_LIST,)
    if form is ExploitationForm.GEDWONGEN_ARBEID_OF_DIENSTEN:
        return (CAVEAT_EXPLOITATION_WEIGHED,)
    return ()


def _result(sub: int, missing: list[str], caveats: tuple[str, ...] = ()) -> SubclauseResult:
    return SubclauseResult(sub, not missing, tuple(missing), caveats)


def sub1(case: Case) -> SubclauseResult:
    """Act + means + purpose of exploitation or organ removal."""
    missing = []
    if case.act is None:
        missing.append(NO_ACT)
    if not case.means:
        missing.append(NO_MEANS)
    if case.purpose is None:
        missing.append(NO_PURPOSE)
    return _result(1, missing, _purpose_caveats(case))


def sub2(case: Case) -> SubclauseResult:
    """Act + purpose, victim under 18: no means needed."""
    missing = []
    if case.act is None:
        missing.append(NO_ACT)
    if case.purpose is None:
        missing.append(NO_PURPOSE)
    missing.extend(_minor_missing(case))
    return _result(2, missing, _purpose_caveats(case))


def sub3(case: Case) -> SubclauseResult:
    """Recruiting, taking along or abducting someone for paid sexual acts in another country."""
    missing = []
    if not case.recruited_for_paid_sex_abroad:
        missing.append(
            "Niemand is geworven, meegenomen of ontvoerd om in een ander land tegen betaling "
            "seksuele handelingen te verrichten."
        )
    return _result(3, missing, (CAVEAT_SUB3,))


def sub4(case: Case) -> SubclauseResult:
    """With a means: forcing or inducing someone to make labour, services or organs available
    (limb 1), or any act the offender knows or should suspect leads to that (limb 2)."""
    missing = []
    available = {case.made_available} - {None} | case.known_to_lead_to
    if not available:
        missing.append(
            "Het slachtoffer wordt niet gebracht tot arbeid, diensten of het afstaan van organen, en de "
            "verdachte doet ook niets waarvan hij weet of moet vermoeden dat het daartoe leidt."
        )
    if not case.means:
        missing.append(NO_MEANS)
    caveats = [CAVEAT_SUB4]
    if Availability.SEKSUELE_HANDELINGEN in available:
        caveats.append(CAVEAT_SUB4_SEX)
    return _result(4, missing, tuple(caveats))


SUB5_AVAILABLE = (Availability.SEKSUELE_HANDELINGEN, Availability.ORGANEN)


def sub5(case: Case) -> SubclauseResult:
    """A minor: bringing them to paid sexual acts with or for a third party or to make organs
    available for payment (limb 1), or any act known to lead to that (limb 2). No means needed."""
    missing = []
    available = ({case.made_available} | case.known_to_lead_to) & set(SUB5_AVAILABLE)
    if not available:
        missing.append(
            "Het slachtoffer wordt niet gebracht tot seksuele handelingen met of voor een derde of het "
            "afstaan van organen, en de verdachte doet ook niets waarvan hij weet of moet vermoeden dat "
            "het daartoe leidt."
        )
    elif not case.for_payment_or_abroad:
        missing.append(NOT_PAID)
    missing.extend(_minor_missing(case))
    return _result(5, missing)


def sub6(case: Case) -> SubclauseResult:
    """Intentionally profiting from someone's exploitation."""
    missing = []
    if Profit.UIT_UITBUITING not in case.profits:
        missing.append("Niemand trekt voordeel uit de uitbuiting van een ander.")
    return _result(6, missing)


def sub7(case: Case) -> SubclauseResult:
    """Profiting from organ removal, knowing (or having to suspect) a sub-1° means was used."""
    missing = []
    if Profit.UIT_ORGAANVERWIJDERING not in case.profits:
        missing.append("Niemand trekt voordeel uit de verwijdering van organen van een ander.")
    elif not case.knows_means_used:
        missing.append(
            "De dader weet niet en hoeft niet te vermoeden dat de organen met een middel uit sub 1° zijn verwijderd."
        )
    return _result(7, missing)


#: Taking what the acts or the organ removal earned (sub 9°) is itself drawing advantage from them.
SUB8_PROFITS = frozenset({Profit.UIT_SEKSUELE_HANDELINGEN, Profit.UIT_ORGAANVERWIJDERING, Profit.AFDRACHT_OPBRENGST})


def sub8(case: Case) -> SubclauseResult:
    """Intentionally profiting from a minor's paid sexual acts or paid organ removal; no means needed."""
    missing = []
    if not case.profits & SUB8_PROFITS:
        missing.append("Niemand trekt voordeel uit seksuele handelingen of orgaanverwijdering van het slachtoffer.")
    elif not case.for_payment:
        missing.append(NOT_PAID)
    missing.extend(_minor_missing(case))
    return _result(8, missing)


def sub9(case: Case) -> SubclauseResult:
    """Forcing or inducing, with a means, the victim to hand over earnings of sex or organ removal."""
    missing = []
    if Profit.AFDRACHT_OPBRENGST not in case.profits:
        missing.append(
            "Het slachtoffer hoeft niet af te geven wat diens seksuele handelingen of orgaanverwijdering opbrachten."
        )
    if not case.means:
        missing.append(NO_MEANS)
    return _result(9, missing)


SUBCLAUSES = (sub1, sub2, sub3, sub4, sub5, sub6, sub7, sub8, sub9)


# --- penalties (lid 1, 3, 4, 5) ----------------------------------------------------------

BASE_YEARS = 12
LID3_YEARS = 15
LID4_YEARS = 18
LID5_YEARS = 30


def aggravations(case: Case) -> tuple[tuple[int, str], ...]:
    """Every aggravating circumstance present, as ``(lid, Dutch description)``."""
    found = []
    if case.in_vereniging:
        found.append((3, "gepleegd door twee of meer personen samen (lid 3, 1°)"))
    if case.victim_is_minor:
        found.append((3, "slachtoffer jonger dan 18 jaar (lid 3, 2°)"))
    if Means.MISBRUIK_KWETSBARE_POSITIE in case.means:
        found.append((3, "misbruik van een kwetsbare positie (lid 3, 2°)"))
    if case.violence:
        found.append((3, "voorafgegaan, vergezeld of gevolgd van geweld (lid 3, 3°)"))
    if case.serious_bodily_harm:
        found.append((4, "zwaar lichamelijk letsel als gevolg (lid 4)"))
    if case.danger_to_life:
        found.append((4, "levensgevaar voor een ander te duchten (lid 4)"))
    if case.death:
        found.append((5, "de dood als gevolg (lid 5)"))
    return tuple(found)


def max_penalty(case: Case) -> MaxPenalty | None:
    """The maximum penalty for the case, or ``None`` when no sub-clause of lid 1 is fulfilled."""
    if not any(check(case).fulfilled for check in SUBCLAUSES):
        return None
    found = aggravations(case)
    lid = max((lid for lid, _ in found), default=1)
    years = {1: BASE_YEARS, 3: LID3_YEARS, 4: LID4_YEARS, 5: LID5_YEARS}[lid]
    return MaxPenalty(lid=lid, years=years, life=lid == 5, raised_by=tuple(text for _, text in found))


def assess(case: Case) -> Assessment:
    """Check every sub-clause of lid 1 and the maximum penalty for ``case``."""
    return Assessment(case, tuple(check(case) for check in SUBCLAUSES), max_penalty(case))
