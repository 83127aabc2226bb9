"""Tests of the art. 273f Sr model, written from the law text in DOSSIER.md §1.3–§1.5.

Each expected value is read off the law: which elements a sub-clause names, which
age it requires, which circumstance lifts the maximum to 15, 18 or 30 years/life.
"""

from __future__ import annotations

import pytest

from onzichtbaar.law273f import (
    Act,
    Availability,
    Case,
    ExploitationForm,
    Means,
    Profit,
    Purpose,
    assess,
    max_penalty,
    sub_label,
)

ADULT = 25
MINOR = 16

# Sub 1°: «werft, vervoert, ...» + a means + «met het oogmerk van uitbuiting ... of de verwijdering van diens organen».
TRAFFICKING_WITH_MEANS = Case(
    victim_age=ADULT,
    act=Act.WERVEN,
    means={Means.AFPERSING_FRAUDE_MISLEIDING},
    purpose=Purpose.UITBUITING,
    exploitation_form=ExploitationForm.GEDWONGEN_ARBEID_OF_DIENSTEN,
)


def fulfilled(case: Case) -> set[int]:
    return set(assess(case).fulfilled)


# --- sub 1° -------------------------------------------------------------------------------


@pytest.mark.parametrize("act", list(Act))
def test_sub1_every_act_with_means_and_purpose(act):
    case = Case(victim_age=ADULT, act=act, means={Means.DWANG_GEWELD}, purpose=Purpose.UITBUITING)
    assert fulfilled(case) == {1}


@pytest.mark.parametrize("means", list(Means))
def test_sub1_every_means_suffices(means):
    case = Case(victim_age=ADULT, act=Act.HUISVESTEN, means={means}, purpose=Purpose.UITBUITING)
    assert 1 in fulfilled(case)


def test_sub1_organ_removal_is_a_purpose_of_its_own():
    case = Case(victim_age=ADULT, act=Act.VERVOEREN, means={Means.DREIGING}, purpose=Purpose.ORGAANVERWIJDERING)
    assert fulfilled(case) == {1}


@pytest.mark.parametrize(
    "missing_field, reason_word",
    [("act", "handeling"), ("means", "middel"), ("purpose", "oogmerk")],
)
def test_sub1_each_element_is_required_and_named_when_missing(missing_field, reason_word):
    empty = {"act": None, "means": frozenset(), "purpose": None}[missing_field]
    kwargs = dict(victim_age=ADULT, act=Act.WERVEN, means={Means.DWANG_GEWELD}, purpose=Purpose.UITBUITING)
    kwargs[missing_field] = empty
    result = assess(Case(**kwargs))
    assert not result.is_mensenhandel
    sub1 = result.result(1)
    assert not sub1.fulfilled
    assert len(sub1.missing) == 1
    assert reason_word in sub1.missing[0].lower()


def test_lid2_list_is_open_other_forms_still_count_with_a_caveat():
    # «Uitbuiting omvat ten minste»: a form not named in lid 2 can still be exploitation.
    case = Case(
        victim_age=ADULT,
        act=Act.WERVEN,
        means={Means.DWANG_GEWELD},
        purpose=Purpose.UITBUITING,
        exploitation_form=ExploitationForm.GEDWONGEN_DRAAGMOEDERSCHAP,
    )
    result = assess(case).result(1)
    assert result.fulfilled
    assert any("draagmoederschap" in c for c in result.caveats)


def test_lid2_named_forms():
    named = {f for f in ExploitationForm if f.named_in_lid2}
    # Lid 2 names six forms; organ removal is not among them.
    assert len(named) == 6
    assert ExploitationForm.GEDWONGEN_DRAAGMOEDERSCHAP not in named
    assert all("orga" not in f.value for f in named)


# --- minors: sub 2°, 5°, 8° ---------------------------------------------------------------


def test_sub2_minor_needs_no_means():
    case = Case(victim_age=MINOR, act=Act.WERVEN, purpose=Purpose.UITBUITING)
    assert fulfilled(case) == {2}


def test_same_facts_with_adult_victim_is_no_trafficking():
    case = Case(victim_age=ADULT, act=Act.WERVEN, purpose=Purpose.UITBUITING)
    result = assess(case)
    assert not result.is_mensenhandel
    assert result.penalty is None
    assert any("18" in reason for reason in result.result(2).missing)


@pytest.mark.parametrize("age, minor", [(0, True), (17, True), (18, False), (19, False)])
def test_minors_rule_boundary_is_eighteen(age, minor):
    # «de leeftijd van achttien jaren nog niet heeft bereikt»: 17 is a minor, 18 is not.
    case = Case(victim_age=age, act=Act.OPNEMEN, purpose=Purpose.ORGAANVERWIJDERING)
    assert (2 in fulfilled(case)) is minor


def test_unknown_age_never_triggers_a_minors_rule():
    case = Case(victim_age=None, act=Act.WERVEN, purpose=Purpose.UITBUITING)
    result = assess(case)
    assert not result.is_mensenhandel
    assert any("leeftijd" in reason for reason in result.result(2).missing)


def test_minor_with_means_fulfils_sub1_and_sub2():
    case = Case(victim_age=MINOR, act=Act.WERVEN, means={Means.DWANG_GEWELD}, purpose=Purpose.UITBUITING)
    assert fulfilled(case) == {1, 2}


@pytest.mark.parametrize("made_available", [Availability.SEKSUELE_HANDELINGEN, Availability.ORGANEN])
def test_sub5_minor_brought_to_paid_sex_or_paid_organs_without_means(made_available):
    case = Case(victim_age=MINOR, made_available=made_available, for_payment=True)
    assert fulfilled(case) == {5}


def test_sub5_requires_payment():
    case = Case(victim_age=MINOR, made_available=Availability.SEKSUELE_HANDELINGEN, for_payment=False)
    assert 5 not in fulfilled(case)


def test_sub5_not_for_labour():
    case = Case(victim_age=MINOR, made_available=Availability.ARBEID_OF_DIENSTEN, for_payment=True)
    assert 5 not in fulfilled(case)


def test_sub5_not_for_adults():
    case = Case(victim_age=ADULT, made_available=Availability.SEKSUELE_HANDELINGEN, for_payment=True)
    assert fulfilled(case) == set()


@pytest.mark.parametrize("profit", [Profit.UIT_SEKSUELE_HANDELINGEN, Profit.UIT_ORGAANVERWIJDERING])
def test_sub8_profit_from_minor_without_means(profit):
    case = Case(victim_age=MINOR, profits={profit}, for_payment=True)
    assert fulfilled(case) == {8}


def test_sub8_not_for_adults_profit_from_paid_sex_alone_is_no_trafficking():
    case = Case(victim_age=ADULT, profits={Profit.UIT_SEKSUELE_HANDELINGEN}, for_payment=True)
    assert fulfilled(case) == set()


def test_sub8_requires_payment():
    case = Case(victim_age=MINOR, profits={Profit.UIT_SEKSUELE_HANDELINGEN}, for_payment=False)
    assert 8 not in fulfilled(case)


# --- sub 3° -------------------------------------------------------------------------------


@pytest.mark.parametrize("age, subs", [(ADULT, {3}), (MINOR, {3, 5})])
def test_sub3_cross_border_prostitution_needs_no_means(age, subs):
    # For a minor the recruitment is also «enige handeling» known to lead to paid sex: sub 5°, limb 2.
    case = Case(victim_age=age, recruited_for_paid_sex_abroad=True)
    assert fulfilled(case) == subs
    assert any("Hoge Raad" in c for c in assess(case).result(3).caveats)


# --- sub 4° -------------------------------------------------------------------------------


@pytest.mark.parametrize("made_available", [Availability.ARBEID_OF_DIENSTEN, Availability.ORGANEN])
def test_sub4_means_plus_labour_services_or_organs(made_available):
    case = Case(victim_age=ADULT, means={Means.MISBRUIK_OVERWICHT}, made_available=made_available)
    assert fulfilled(case) == {4}


def test_sub4_needs_a_means_even_for_minors_labour():
    # Sub 4° names the means of sub 1°; no minors exception for labour (sub 5° covers sex and organs only).
    case = Case(victim_age=MINOR, made_available=Availability.ARBEID_OF_DIENSTEN)
    assert fulfilled(case) == set()


def test_sub4_sexual_services_reading_is_flagged():
    case = Case(victim_age=ADULT, means={Means.DWANG_GEWELD}, made_available=Availability.SEKSUELE_HANDELINGEN)
    result = assess(case).result(4)
    assert result.fulfilled
    assert any("Lezing" in c for c in result.caveats)


# --- profiting: sub 6°, 7°, 9° ------------------------------------------------------------


def test_sub6_profit_from_exploitation_needs_no_own_means():
    assert fulfilled(Case(victim_age=ADULT, profits={Profit.UIT_UITBUITING})) == {6}


def test_sub7_profit_from_organ_removal_needs_knowledge_of_means():
    with_knowledge = Case(victim_age=ADULT, profits={Profit.UIT_ORGAANVERWIJDERING}, knows_means_used=True)
    without = Case(victim_age=ADULT, profits={Profit.UIT_ORGAANVERWIJDERING}, knows_means_used=False)
    assert fulfilled(with_knowledge) == {7}
    assert fulfilled(without) == set()
    assert "middel" in assess(without).result(7).missing[0]


def test_profits_from_several_sources_fulfil_several_sub_clauses():
    # Profit from a minor's forced paid sex: exploitation (sub 6°) and a minor's paid sex (sub 8°).
    case = Case(victim_age=MINOR, profits={Profit.UIT_UITBUITING, Profit.UIT_SEKSUELE_HANDELINGEN}, for_payment=True)
    assert fulfilled(case) == {6, 8}


def test_sub9_handing_over_earnings_needs_a_means():
    forced = Case(victim_age=ADULT, profits={Profit.AFDRACHT_OPBRENGST}, means={Means.DREIGING})
    unforced = Case(victim_age=ADULT, profits={Profit.AFDRACHT_OPBRENGST})
    assert fulfilled(forced) == {9}
    assert fulfilled(unforced) == set()


# --- penalties ----------------------------------------------------------------------------


def test_lid1_base_maximum_is_twelve_years_or_fine():
    penalty = max_penalty(TRAFFICKING_WITH_MEANS)
    assert (penalty.lid, penalty.years, penalty.life) == (1, 12, False)
    assert penalty.raised_by == ()
    assert "vijfde categorie" in penalty.text()


def test_no_offence_no_penalty():
    assert max_penalty(Case(victim_age=ADULT, in_vereniging=True, death=True)) is None


@pytest.mark.parametrize(
    "change",
    [
        {"in_vereniging": True},  # lid 3, 1°
        {"victim_age": MINOR},  # lid 3, 2°, first half
        {"means": {Means.MISBRUIK_KWETSBARE_POSITIE}},  # lid 3, 2°, second half
        {"violence": True},  # lid 3, 3°
    ],
)
def test_lid3_each_circumstance_raises_to_fifteen_years(change):
    kwargs = dict(victim_age=ADULT, act=Act.WERVEN, means={Means.DWANG_GEWELD}, purpose=Purpose.UITBUITING)
    kwargs.update(change)
    penalty = max_penalty(Case(**kwargs))
    assert (penalty.lid, penalty.years, penalty.life) == (3, 15, False)
    assert len(penalty.raised_by) == 1


@pytest.mark.parametrize("change", [{"serious_bodily_harm": True}, {"danger_to_life": True}])
def test_lid4_serious_harm_or_danger_to_life_raises_to_eighteen(change):
    penalty = max_penalty(Case(**{**TRAFFICKING_WITH_MEANS.__dict__, **change}))
    assert (penalty.lid, penalty.years, penalty.life) == (4, 18, False)


def test_lid5_death_means_life_or_thirty_years():
    penalty = max_penalty(Case(**{**TRAFFICKING_WITH_MEANS.__dict__, "death": True}))
    assert (penalty.lid, penalty.years, penalty.life) == (5, 30, True)
    assert "levenslang" in penalty.text()


def test_highest_level_wins_and_all_circumstances_are_listed():
    case = Case(**{**TRAFFICKING_WITH_MEANS.__dict__, "in_vereniging": True, "serious_bodily_harm": True})
    penalty = max_penalty(case)
    assert penalty.years == 18
    assert len(penalty.raised_by) == 2


def test_minor_victim_always_gets_lid3_even_without_means():
    penalty = max_penalty(Case(victim_age=MINOR, act=Act.WERVEN, purpose=Purpose.UITBUITING))
    assert penalty.years == 15


@pytest.mark.parametrize(
    "case",
    [
        Case(victim_age=ADULT, recruited_for_paid_sex_abroad=True, in_vereniging=True),
        Case(victim_age=ADULT, profits={Profit.UIT_UITBUITING}, violence=True),
    ],
)
def test_aggravations_apply_to_every_sub_clause_of_lid1(case):
    # Lid 3 speaks of «de feiten, omschreven in het eerste lid»: all nine sub-clauses.
    assert max_penalty(case).years == 15


# --- input checking and helpers -------------------------------------------------------------


def test_form_without_purpose_of_exploitation_is_rejected():
    with pytest.raises(ValueError, match="exploitation_form"):
        Case(purpose=Purpose.ORGAANVERWIJDERING, exploitation_form=ExploitationForm.PROSTITUTIE)


def test_bad_age_and_bad_means_are_rejected():
    with pytest.raises(ValueError, match="victim_age"):
        Case(victim_age=-1)
    with pytest.raises(TypeError, match="means"):
        Case(means={"dwang"})
    with pytest.raises(TypeError, match="means"):
        Case(means=Means.DREIGING)
    with pytest.raises(TypeError, match="profits"):
        Case(profits={Means.DREIGING})


def test_case_is_hashable_and_frozen():
    assert hash(TRAFFICKING_WITH_MEANS) == hash(Case(**TRAFFICKING_WITH_MEANS.__dict__))
    with pytest.raises(AttributeError):
        TRAFFICKING_WITH_MEANS.victim_age = 3


def test_sub_label():
    assert sub_label([1]) == "sub 1°"
    assert sub_label([1, 2]) == "sub 1° en 2°"
    assert sub_label([2, 5, 8]) == "sub 2°, 5° en 8°"
