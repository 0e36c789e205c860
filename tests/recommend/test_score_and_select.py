"""Scoring components and set-level selection, on hand-built cards (no model)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from personas.stages import StageMapper
from service.recommend.retrieve import AssetEvidence
from service.recommend.score import (
    Prospect,
    ScoredAsset,
    answer_confidence,
    freshness,
    industry_fit,
    persona_fit,
    relative_relevance,
    score_asset,
    stage_fit,
)
from service.recommend.select import select
from tests.recommend.factories import TODAY, card

STAGES = StageMapper()


def test_answer_confidence_grows_with_similarity_and_lexical_support() -> None:
    low, mid, high = (answer_confidence(AssetEvidence(tag_similarity=s)) for s in (0.2, 0.5, 0.8))
    assert 0 <= low < mid < high <= 1
    assert answer_confidence(AssetEvidence(tag_similarity=0.5, lexical=0.8)) > mid
    assert answer_confidence(None) == 0.0


def test_fits_order_specific_generic_other() -> None:
    assert industry_fit(card(industries=("Retail",)), "retail") > industry_fit(card(), "Retail")
    assert industry_fit(card(), "Retail") > industry_fit(card(industries=("Healthcare",)), "Retail")
    assert persona_fit(card(personas=("finance",)), "finance") > persona_fit(card(), "finance")
    assert persona_fit(card(), "finance") > persona_fit(card(personas=("it",)), "finance")
    assert stage_fit(card(stages=("evaluation",)), "evaluation", STAGES) > stage_fit(
        card(stages=("conversion",)), "evaluation", STAGES
    )
    assert stage_fit(card(stages=("conversion",)), "evaluation", STAGES) > stage_fit(
        card(stages=("conversion",)), "awareness", STAGES
    )
    assert freshness(card(published_at=TODAY), TODAY) > freshness(card(published_at=dt.date(2023, 1, 1)), TODAY)


def test_answering_beats_fitting() -> None:
    prospect = Prospect("finance", "evaluation", "Retail", ("too expensive",))
    answers = score_asset(
        card(1, industries=("Healthcare",)),
        prospect,
        {"too expensive": AssetEvidence(tag_similarity=0.85)},
        0.0,
        relative={"too expensive": 1.0},
        stages=STAGES,
        today=TODAY,
    )
    fits = score_asset(
        card(2, personas=("finance",), stages=("evaluation",), industries=("Retail",)),
        prospect,
        {},
        0.0,
        relative={},
        stages=STAGES,
        today=TODAY,
    )
    assert answers.total > fits.total


def test_relevance_is_graded_against_the_best_match() -> None:
    prospect = Prospect(None, None, None, ("too expensive",))
    found = {1: AssetEvidence(passage_similarity=0.45), 2: AssetEvidence(passage_similarity=0.3)}
    relative = relative_relevance(["too expensive"], [found])["too expensive"]
    assert relative == {1: 1.0, 2: pytest.approx(0.3 / 0.45)}
    strong, weak = (
        score_asset(
            card(i),
            prospect,
            {"too expensive": found[i]},
            0.0,
            relative={"too expensive": relative[i]},
            stages=STAGES,
            today=TODAY,
        )
        for i in (1, 2)
    )
    assert strong.relevance > weak.relevance > 0
    assert strong.confidences["too expensive"] < 0.5


def _scored(asset_id: int, confidences: dict[str, float], total: float) -> ScoredAsset:
    scored = ScoredAsset(card(asset_id), confidences, 1.0, 1.0, 1.0, 1.0, 1.0)
    scored.total = total
    return scored


def _vectors(groups: dict[int, int]) -> dict[int, np.ndarray]:
    """Assets in the same group get the same vector (near-duplicates)."""
    eye = np.eye(8, dtype=np.float32)
    return {asset_id: eye[group] for asset_id, group in groups.items()}


def test_covers_each_objection_before_repeating_one() -> None:
    a = _scored(1, {"price": 0.9, "security": 0.1}, 0.9)
    a_twin = _scored(2, {"price": 0.88, "security": 0.1}, 0.89)
    b = _scored(3, {"price": 0.1, "security": 0.7}, 0.5)
    vectors = _vectors({1: 0, 2: 0, 3: 1})
    chosen = select(
        [a, a_twin, b], limit=2, objections=["price", "security"], vector_of=lambda c: vectors[c.card.asset_id]
    )
    assert [c.card.asset_id for c in chosen] == [1, 3]


def test_near_duplicates_do_not_crowd_the_list() -> None:
    items = [_scored(i, {}, 1.0 - i / 100) for i in range(1, 7)]
    vectors = _vectors({1: 0, 2: 0, 3: 0, 4: 1, 5: 2, 6: 3})
    chosen = select(items, limit=4, objections=[], vector_of=lambda c: vectors[c.card.asset_id])
    assert [c.card.asset_id for c in chosen] == [1, 4, 5, 6]
    everything = select(items, limit=6, objections=[], vector_of=lambda c: vectors[c.card.asset_id])
    assert sorted(c.card.asset_id for c in everything) == [1, 2, 3, 4, 5, 6]


def test_limit_is_respected_and_checked() -> None:
    items = [_scored(i, {"x": 0.9}, 0.5) for i in range(1, 10)]
    vectors = _vectors({i: i % 8 for i in range(1, 10)})
    assert len(select(items, limit=3, objections=["x"], vector_of=lambda c: vectors[c.card.asset_id])) == 3
    with pytest.raises(ValueError):
        select(items, limit=0, objections=[], vector_of=lambda c: vectors[c.card.asset_id])
