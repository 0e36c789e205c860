"""The seeded corruption of an evaluation library and the scoring of what library health finds."""

from __future__ import annotations

from typing import Any

from service.evaluation.tag_health import CONFIDENT, STAGE_FLIP, Damage, corrupt, tag_health_metrics
from service.library_health.models import (
    INDUSTRIES,
    OBJECTIONS,
    STAGES,
    AssetHealth,
    Evidence,
    SuspectTag,
    TagSuggestion,
)


def _library() -> list[dict[str, Any]]:
    assets = []
    for i in range(40):
        assets.append(
            {
                "external_id": f"a-{i}",
                "stages": [["awareness", "evaluation", "conversion"][i % 3]],
                "industries": [["Retail", "Healthcare"][i % 2]] if i % 4 else [],
                "objections": [["Too expensive", "Security review", "Slow rollout"][i % 3]] if i % 5 else [],
            }
        )
    return assets


def test_corruption_is_seeded_and_changes_only_what_it_reports() -> None:
    original = _library()
    first, damages = corrupt(original, seed=7, share=0.5)
    again, same = corrupt(original, seed=7, share=0.5)
    assert first == again and damages == same
    assert original == _library()
    assert 0 < len(damages) <= 20
    changed = {a["external_id"] for a, b in zip(first, original, strict=True) if a != b}
    assert changed == {d.external_id for d in damages}
    by_id = {a["external_id"]: a for a in first}
    before = {a["external_id"]: a for a in original}
    for damage in damages:
        asset = by_id[damage.external_id]
        if damage.kind == "stage":
            assert (
                asset["stages"] == [damage.value]
                and STAGE_FLIP[before[damage.external_id]["stages"][0]] == damage.value
            )
        elif damage.kind == "industry":
            assert asset["industries"] == [damage.value] != before[damage.external_id]["industries"]
        elif damage.kind == "objection_added":
            assert damage.value in asset["objections"] and damage.value not in before[damage.external_id]["objections"]
        else:
            assert damage.value not in asset["objections"] and damage.value in before[damage.external_id]["objections"]


def test_added_objection_tags_are_ones_the_reviewed_answers_say_the_asset_does_not_answer() -> None:
    original = _library()
    vocabulary = {o for a in original for o in a["objections"]}
    answers = {a["external_id"]: frozenset(vocabulary - {"Slow rollout"}) for a in original}
    _, damages = corrupt(original, seed=3, share=1.0, answers=answers)
    added = [d for d in damages if d.kind == "objection_added"]
    assert added and all(d.value == "Slow rollout" for d in added)


def _suspect(external_id: str, field: str, value: str, confidence: float = 0.9) -> SuspectTag:
    return SuspectTag(external_id, "t", field, value, confidence, "r", Evidence("passage", "p"), None)


def _suggestion(value: str) -> TagSuggestion:
    return TagSuggestion(OBJECTIONS, value, 0.7, Evidence("passage", "p"))


DAMAGES = [
    Damage("a", "stage", STAGES, "conversion"),
    Damage("b", "industry", INDUSTRIES, "Retail"),
    Damage("c", "objection_removed", OBJECTIONS, "Too expensive"),
]


def test_metrics_count_hits_false_alarms_and_misses() -> None:
    checked = [
        AssetHealth("a", "t", (), (_suspect("a", STAGES, "conversion"),)),
        AssetHealth("d", "t", (_suggestion("Too expensive"),), (_suspect("d", STAGES, "awareness"),)),
        AssetHealth("c", "t", (_suggestion("Too expensive"),), ()),
    ]
    metrics = tag_health_metrics(checked, DAMAGES)
    assert metrics["mis-tag precision"] == 0.5 and metrics["mis-tag recall"] == 0.5
    assert metrics["objection suggestion precision"] == 0.5 and metrics["objection suggestion recall"] == 1.0
    assert metrics["mis-tag recall (stage)"] == 1.0 and metrics["mis-tag recall (industry)"] == 0.0


def test_suggestions_of_reviewed_answers_count_as_right_and_confident_suspects_are_scored_apart() -> None:
    checked = [
        AssetHealth("a", "t", (), (_suspect("a", STAGES, "conversion", confidence=CONFIDENT),)),
        AssetHealth("b", "t", (), (_suspect("b", INDUSTRIES, "Retail", confidence=CONFIDENT - 0.01),)),
        AssetHealth("c", "t", (_suggestion("Too expensive"),), ()),
        AssetHealth("d", "t", (_suggestion("Security review"), _suggestion("Slow rollout")), ()),
    ]
    answers = {
        "c": frozenset({"Too expensive"}),
        "d": frozenset({"Security review"}),
        "e": frozenset({"Slow rollout", "Too expensive"}),
    }
    tagged = {"c": [], "d": [], "e": ["Too expensive"]}
    metrics = tag_health_metrics(checked, DAMAGES, answers, tagged)
    assert metrics["objection suggestion precision"] == 2 / 3 and metrics["objection suggestion recall"] == 1.0
    # Reviewed answers nobody tagged: d's "Security review" (suggested) and e's "Slow rollout" (not).
    assert metrics["objection suggestion recall (answers nobody tagged)"] == 0.5
    assert metrics["mis-tag precision"] == 1.0 and metrics["mis-tag recall"] == 1.0
    assert metrics[f"mis-tag precision (confidence ≥ {CONFIDENT})"] == 1.0
    assert metrics[f"mis-tag recall (confidence ≥ {CONFIDENT})"] == 0.5
