"""Property tests: stage mapping, title resolution and selection hold for any input."""

from __future__ import annotations

import datetime as dt

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indexing.embedder import FakeEmbedder
from indexing.library import ChunkInfo, IndexedAsset, Library
from personas.defaults import load_default_personas
from personas.resolver import TitleResolver
from personas.stages import CANONICAL_STAGES, StageMapper, UnknownStageError
from service.recommend.retrieve import retrieve
from service.recommend.score import ANSWERED, ScoredAsset
from service.recommend.select import select
from tests.recommend.factories import TODAY, card

MAPPER = StageMapper()
FAKE = FakeEmbedder(32)
RESOLVER = TitleResolver(load_default_personas(), FAKE.encode)
PERSONA_IDS = {p.persona_id for p in load_default_personas()}


@given(st.text(max_size=60))
def test_stage_mapping_is_canonical_or_a_clear_error(value: str) -> None:
    try:
        stage = MAPPER.normalize(value)
    except UnknownStageError as e:
        assert repr(value) in str(e)
        return
    assert stage in CANONICAL_STAGES
    assert MAPPER.normalize(stage) == stage


@given(st.text(max_size=80), st.none() | st.text(max_size=30))
@settings(max_examples=60, deadline=None)
def test_title_resolution_always_answers_within_bounds(title: str, industry: str | None) -> None:
    result = RESOLVER.resolve(title, industry)
    assert 0.0 <= result.confidence <= 1.0
    assert result.persona_id is None or result.persona_id in PERSONA_IDS
    confidences = [c for _, c in result.alternatives]
    assert confidences == sorted(confidences, reverse=True) and len(confidences) <= 3


objection_names = st.lists(st.sampled_from(["a", "b", "c", "d"]), min_size=0, max_size=4, unique=True)


@st.composite
def candidate_sets(draw: st.DrawFn) -> tuple[list[ScoredAsset], list[str], int]:
    objections = draw(objection_names)
    count = draw(st.integers(min_value=1, max_value=12))
    candidates = []
    for i in range(1, count + 1):
        confidences = {o: draw(st.floats(min_value=0, max_value=1)) for o in objections}
        scored = ScoredAsset(card(i), confidences, 1.0, 1.0, 1.0, 1.0, 1.0)
        scored.total = draw(st.floats(min_value=0, max_value=1))
        candidates.append(scored)
    return candidates, objections, draw(st.integers(min_value=1, max_value=8))


@given(candidate_sets())
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_selection_respects_limit_and_covers_what_it_can(case: tuple[list[ScoredAsset], list[str], int]) -> None:
    candidates, objections, limit = case
    vectors = {c.card.asset_id: np.eye(16, dtype=np.float32)[c.card.asset_id % 16] for c in candidates}
    chosen = select(candidates, limit=limit, objections=objections, vector_of=lambda c: vectors[c.card.asset_id])
    ids = [c.card.asset_id for c in chosen]
    assert len(ids) == len(set(ids)) == min(limit, len(candidates))
    answerable = [o for o in objections if any(c.confidences[o] >= ANSWERED for c in candidates)]
    if limit >= len(answerable):
        for objection in answerable:
            assert any(c.confidences[objection] >= ANSWERED for c in chosen)


@st.composite
def libraries(draw: st.DrawFn) -> Library:
    library = Library(FAKE.dimension)
    assets = []
    for i in range(1, draw(st.integers(min_value=1, max_value=15)) + 1):
        status = draw(st.sampled_from(["published", "published", "draft", "archived"]))
        expires = draw(st.none() | st.integers(min_value=-5, max_value=5).map(lambda d: TODAY + dt.timedelta(days=d)))
        text = draw(st.sampled_from(["price is too high", "security review", "rollout takes months"]))
        chunks = (ChunkInfo(i * 10, i, "body", text, None),)
        assets.append(IndexedAsset(card(i, status=status, expires_at=expires), chunks, FAKE.encode([text])))
    library.replace(assets, removed=(), generation=1)
    return library


@given(libraries(), st.sampled_from(["too expensive", "security", "months"]))
@settings(max_examples=60, deadline=None)
def test_retrieval_never_reaches_a_trap(library: Library, query: str) -> None:
    found = retrieve(library, [query], FAKE.encode([query]), today=TODAY)[0]
    for asset_id in found:
        assert library.cards[asset_id].is_live(TODAY)
