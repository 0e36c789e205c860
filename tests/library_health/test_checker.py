"""Library health on the demo library with the real model: usage patterns and demand vs supply."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from content_store import activity
from content_store.db import transaction
from indexing.embedder import SentenceTransformerEmbedder
from service.demo import load_sample_assets
from service.library_health.demand import IN_USE, NO_ANSWER, NOT_SENT, demand_vs_supply
from service.library_health.models import PERSONAS, STAGES
from service.library_health.report import asset_health
from service.runtime import Runtime, build_runtime
from service.schemas.activity import ObjectionsIn
from service.settings import Settings
from service.usecases.activity import log_objections
from service.usecases.assets import bulk_upsert

CURRENCY = [
    "paying suppliers in foreign currencies is too complicated",
    "foreign currency payments to overseas suppliers are a headache",
    "paying overseas suppliers in their own currency is complicated",
]
MAINFRAME = [
    "the product must run on a mainframe",
    "we only run software on our IBM mainframe",
    "mainframe deployment is a must",
]


@pytest.fixture(scope="module")
def runtime(embedder: SentenceTransformerEmbedder, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Runtime]:
    folder: Path = tmp_path_factory.mktemp("health")
    built = build_runtime(Settings(data_dir=folder), embedder)
    assert not bulk_upsert(built, load_sample_assets()).errors
    yield built
    built.engine.dispose()


def _feedback(runtime: Runtime, external_id: str, action: str, times: int, *, persona_id: str, stage: str) -> None:
    """``times`` rep actions on an asset, each after a recommendation request for the persona and stage."""
    with transaction(runtime.factory) as session:
        for _ in range(times):
            request_id = uuid.uuid4().hex
            activity.add_recommendations(
                session=session,
                entries=[
                    {
                        "request_id": request_id,
                        "prospect": {},
                        "persona_id": persona_id,
                        "stage": stage,
                        "results": [{"external_id": external_id}],
                    }
                ],
            )
            activity.add_feedback(
                session=session, entry={"request_id": request_id, "external_id": external_id, "action": action}
            )


def test_reps_rating_an_asset_down_for_a_tagged_persona_makes_the_tag_suspect(runtime: Runtime) -> None:
    before = asset_health(runtime, "ll-047")
    assert not [s for s in before.suspects if s.evidence.kind == "usage"]
    _feedback(runtime, "ll-047", "not_helpful", 6, persona_id="procurement", stage="conversion")
    _feedback(runtime, "ll-047", "helpful", 1, persona_id="procurement", stage="conversion")
    suspects = [s for s in asset_health(runtime, "ll-047").suspects if s.evidence.kind == "usage"]
    assert {(s.field, s.value) for s in suspects} == {(PERSONAS, "procurement"), (STAGES, "conversion")}
    assert all("not helpful 6 of 7" in s.evidence.text for s in suspects)


def test_reps_sending_an_asset_to_an_untagged_persona_suggests_that_persona(runtime: Runtime) -> None:
    card = runtime.library.cards[runtime.library.by_external_id["ll-008"]]
    untagged = next(p.persona_id for p in runtime.personas if p.persona_id not in card.personas)
    _feedback(runtime, "ll-008", "sent", 4, persona_id=untagged, stage="evaluation")
    assert not [s for s in asset_health(runtime, "ll-008").suggestions if s.evidence.kind == "usage"]
    _feedback(runtime, "ll-008", "sent", 2, persona_id=untagged, stage="evaluation")
    usage = [s for s in asset_health(runtime, "ll-008").suggestions if s.evidence.kind == "usage"]
    assert [(s.field, s.value) for s in usage] == [(PERSONAS, untagged)]
    assert "6 times" in usage[0].evidence.text
    assert runtime.library.cards[runtime.library.by_external_id["ll-008"]].personas == card.personas


def test_demand_vs_supply_tells_unsent_answers_from_missing_ones(runtime: Runtime) -> None:
    log_objections(runtime, ObjectionsIn.model_validate({"objections": [{"text": t} for t in CURRENCY + MAINFRAME]}))
    themes = {t.label: t for t in demand_vs_supply(runtime, since=None, until=None, min_count=2)}
    currency = next(t for t in themes.values() if set(t.examples) & set(CURRENCY))
    mainframe = next(t for t in themes.values() if set(t.examples) & set(MAINFRAME))
    assert mainframe.status == NO_ANSWER and mainframe.count == 3
    assert currency.status == NOT_SENT and currency.assets and currency.answered_share >= 0.5
    answer = currency.assets[0].external_id
    _feedback(runtime, answer, "sent", 2, persona_id="finance", stage="evaluation")
    themes = {t.label: t for t in demand_vs_supply(runtime, since=None, until=None, min_count=2)}
    currency = next(t for t in themes.values() if set(t.examples) & set(CURRENCY))
    assert currency.status == IN_USE and currency.sent >= 2
