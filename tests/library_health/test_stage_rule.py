"""The stage rule of library health: a tag is contradicted by the opposite end of the funnel, not by the middle."""

from __future__ import annotations

from service.library_health.checker import STAGE_ODDS, contradicted_stages


def test_a_tag_is_contradicted_when_the_opposite_stage_is_several_times_as_likely() -> None:
    # The middle stage is the most likely here, but conversion is still far likelier than awareness.
    probabilities = {"awareness": 0.1, "evaluation": 0.55, "conversion": 0.35}
    assert contradicted_stages(["awareness"], probabilities) == [("awareness", "conversion", 0.35)]
    assert contradicted_stages(["conversion"], probabilities) == []


def test_the_bar_is_the_odds_between_the_two_ends() -> None:
    just_below = {"awareness": 0.2, "evaluation": 0.8 - 0.2 * STAGE_ODDS + 0.01, "conversion": 0.2 * STAGE_ODDS - 0.01}
    at_the_bar = {"awareness": 0.2, "evaluation": 0.8 - 0.2 * STAGE_ODDS, "conversion": 0.2 * STAGE_ODDS}
    assert contradicted_stages(["awareness"], just_below) == []
    assert [s for s, _, _ in contradicted_stages(["awareness"], at_the_bar)] == ["awareness"]


def test_the_middle_stage_and_assets_tagged_at_both_ends_are_never_contradicted() -> None:
    probabilities = {"awareness": 0.01, "evaluation": 0.01, "conversion": 0.98}
    assert contradicted_stages(["evaluation"], probabilities) == []
    assert contradicted_stages(["awareness", "conversion"], probabilities) == []
    assert contradicted_stages(["evaluation", "awareness"], probabilities) == [("awareness", "conversion", 0.98)]


def test_stages_the_model_does_not_know_are_left_alone() -> None:
    assert contradicted_stages(["awareness"], {"evaluation": 0.5, "conversion": 0.5}) == []
