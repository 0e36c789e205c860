"""Buyer-stage normalization: canonical names, funnel aliases, CRM stage names and configured maps."""

from __future__ import annotations

import pytest

from personas.stages import CANONICAL_STAGES, DEFAULT_CRM_STAGE_MAP, Stage, StageMapper, UnknownStageError


@pytest.fixture(scope="module")
def mapper() -> StageMapper:
    """A mapper with only the default CRM map."""
    return StageMapper()


def test_canonical_stages_are_in_funnel_order() -> None:
    assert CANONICAL_STAGES == ("awareness", "evaluation", "conversion")
    assert [stage.value for stage in Stage] == list(CANONICAL_STAGES)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("awareness", "awareness"),
        ("evaluation", "evaluation"),
        ("conversion", "conversion"),
        ("tofu", "awareness"),
        ("mofu", "evaluation"),
        ("bofu", "conversion"),
        ("ToFu", "awareness"),
        ("top of funnel", "awareness"),
        ("top-of-funnel", "awareness"),
        ("Middle of Funnel", "evaluation"),
        ("middle_of_funnel", "evaluation"),
        ("bottom of funnel", "conversion"),
        ("consideration", "evaluation"),
        ("decision", "conversion"),
        ("purchase", "conversion"),
    ],
)
def test_canonical_names_and_aliases(mapper: StageMapper, value: str, expected: str) -> None:
    assert mapper.normalize(value) == expected


@pytest.mark.parametrize(("crm_stage", "expected"), sorted(DEFAULT_CRM_STAGE_MAP.items()))
def test_every_default_crm_stage(mapper: StageMapper, crm_stage: str, expected: str) -> None:
    assert mapper.normalize(crm_stage) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2 - Discovery", "evaluation"),
        ("Stage 3: Proposal", "evaluation"),
        ("stage 5 - Negotiation", "conversion"),
        ("1. Prospecting", "awareness"),
        ("01) Qualification", "awareness"),
        ("Step 4 - Legal Review", "conversion"),
        ("Phase 2: Needs Analysis", "evaluation"),
        ("Proposal (60%)", "evaluation"),
        ("7 - Closing", "conversion"),
    ],
)
def test_crm_numbering_prefixes(mapper: StageMapper, value: str, expected: str) -> None:
    assert mapper.normalize(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("  Awareness  ", "awareness"),
        ("EVALUATION", "evaluation"),
        ("\tConversion\n", "conversion"),
        ("needs-analysis", "evaluation"),
        ("value_proposition", "evaluation"),
        ("TECHNICAL VALIDATION", "evaluation"),
        ("legal  review", "conversion"),
        ("Needs Analysis.", "evaluation"),
    ],
)
def test_case_whitespace_and_punctuation(mapper: StageMapper, value: str, expected: str) -> None:
    assert mapper.normalize(value) == expected


def test_normalize_returns_the_stage_enum(mapper: StageMapper) -> None:
    assert mapper.normalize("Demo") is Stage.EVALUATION


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Technical Eval", "evaluation"),
        ("Proposal Sent", "evaluation"),
        ("Demo Scheduled", "evaluation"),
        ("Closed Won", "conversion"),
        ("Contracting", "conversion"),
        ("qualified lead", "awareness"),
        ("awareness-ish", "awareness"),
    ],
)
def test_unlisted_names_match_by_their_words(mapper: StageMapper, value: str, expected: str) -> None:
    assert mapper.normalize(value) == expected


@pytest.mark.parametrize(
    "value", ["", "   ", "Stage 3", "2 -", "funnel", "retention", "halfway there", "on hold", "Demo and Negotiation"]
)
def test_unknown_stage(mapper: StageMapper, value: str) -> None:
    with pytest.raises(UnknownStageError) as caught:
        mapper.normalize(value)
    message = str(caught.value)
    assert repr(value) in message
    assert "awareness, evaluation, conversion" in message
    assert caught.value.value == value


def test_unknown_stage_error_is_a_value_error() -> None:
    assert issubclass(UnknownStageError, ValueError)


def test_configured_map_extends_the_default() -> None:
    mapper = StageMapper({"Pilot": "evaluation", "Renewal Quote": "bofu", "Closed Won": "conversion"})
    assert mapper.normalize("Pilot") == "evaluation"
    assert mapper.normalize("3 - renewal quote") == "conversion"
    assert mapper.normalize("Closed-Won") == "conversion"
    assert mapper.normalize("Discovery") == "evaluation"


def test_configured_map_overrides_the_default() -> None:
    mapper = StageMapper({"Demo": "awareness", "Proposal": "Bottom of Funnel"})
    assert mapper.normalize("Demo") == "awareness"
    assert mapper.normalize("Stage 4: Proposal") == "conversion"
    assert StageMapper().normalize("Demo") == "evaluation"


def test_configured_map_may_repeat_a_funnel_alias_with_the_same_meaning() -> None:
    assert StageMapper({"Decision": "conversion"}).normalize("decision") == "conversion"


def test_invalid_target_is_rejected() -> None:
    with pytest.raises(ValueError) as caught:
        StageMapper({"Pilot": "trial"})
    assert str(caught.value) == (
        "CRM stage 'Pilot' maps to 'trial', which is not a buyer stage; "
        "expected one of awareness, evaluation, conversion or a funnel alias"
    )


def test_crm_name_as_target_is_rejected() -> None:
    with pytest.raises(ValueError, match="maps to 'Discovery', which is not a buyer stage"):
        StageMapper({"Pilot": "Discovery"})


@pytest.mark.parametrize("crm_name", ["", "  ", "3 -", "Stage 2"])
def test_blank_crm_name_is_rejected(crm_name: str) -> None:
    with pytest.raises(ValueError) as caught:
        StageMapper({crm_name: "awareness"})
    assert str(caught.value) == f"CRM stage name {crm_name!r} is blank after normalization"


def test_crm_name_cannot_remap_a_funnel_name() -> None:
    with pytest.raises(ValueError) as caught:
        StageMapper({"TOFU": "conversion"})
    assert str(caught.value) == "CRM stage 'TOFU' cannot remap the buyer stage name 'tofu' to 'conversion'"


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("awareness", "evaluation", True),
        ("evaluation", "awareness", True),
        ("evaluation", "conversion", True),
        ("conversion", "mofu", True),
        ("awareness", "conversion", False),
        ("tofu", "Negotiation", False),
        ("awareness", "awareness", False),
        ("2 - Discovery", "Demo", False),
        ("Prospecting", "Stage 3: Proposal", True),
    ],
)
def test_adjacent(mapper: StageMapper, a: str, b: str, expected: bool) -> None:
    assert mapper.adjacent(a, b) is expected


def test_adjacent_rejects_unknown_stages(mapper: StageMapper) -> None:
    with pytest.raises(UnknownStageError):
        mapper.adjacent("awareness", "nurture")
