"""The CRM sidebar call end to end, and its durable log."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from concurrent.futures import Future
from dataclasses import dataclass

import numpy as np

from content_store.log_writer import LogEntry
from indexing.documents import BODY, TITLE
from indexing.library import AssetCard, Library
from personas.resolver import TitleResolution
from service.recommend import guide
from service.recommend.answers import best_answers
from service.recommend.normalize import canonical_stage, clean_objections, match_industry
from service.recommend.retrieve import AssetEvidence, Found, LexicalHits, retrieve, start_lexical
from service.recommend.score import ANSWERED, Prospect, ScoredAsset, score_asset
from service.recommend.select import select, select_pool_size
from service.recommend.shortlist import best_hybrid, shortlist
from service.recommend.shortlist import hybrid_similarities as shortlist_hybrid
from service.runtime import Runtime
from service.schemas.common import AssetRef
from service.schemas.recommendations import (
    EvidenceOut,
    Guidance,
    ObjectionAddressed,
    PersonaMatch,
    Recommendation,
    RecommendationRequest,
    RecommendationResponse,
)

ADDRESSED_FLOOR = 0.35
ALL_CANDIDATES_UP_TO = 1500


@dataclass(frozen=True)
class Context:
    """Everything the request resolved to, for scoring, guidance and logging."""

    prospect: Prospect
    resolution: TitleResolution | None
    persona_name: str | None
    queries: tuple[str, ...]
    vectors: np.ndarray
    lexical: Future[LexicalHits]  # the BM25 searches of the queries, started before their embedding


def recommend(runtime: Runtime, request: RecommendationRequest) -> RecommendationResponse:
    """Recommend assets for a prospect, with reasons and guidance; log the request and its objections."""
    runtime.refresh(reuse=True)
    today = runtime.today()
    library = runtime.library
    allowed = _of_types(library, request.content_types) if request.content_types else None
    with library.lock.read():  # one library state for both searches: BM25 starts while the queries embed
        context = _context(runtime, request)
        evidence = retrieve(
            library, context.queries, context.vectors, today=today, allowed=allowed, lexical=context.lexical
        )
    objections = context.prospect.objections
    candidates = _candidates(runtime, context, evidence, allowed, limit=request.limit)
    titles = _title_vectors(runtime, sorted(candidates, key=lambda c: -c.total)[: select_pool_size(request.limit)])
    chosen = select(candidates, limit=request.limit, objections=objections, vector_of=lambda c: titles[c.card.asset_id])
    recommendations = [_recommendation(runtime, context, c) for c in chosen]
    uncovered = [o for o in objections if not any(c.confidences.get(o, 0.0) >= ANSWERED for c in chosen)]
    request_id = uuid.uuid4().hex
    _log(runtime, request, context, request_id, recommendations, evidence)
    resolution = context.resolution
    return RecommendationResponse(
        request_id=request_id,
        persona=PersonaMatch(
            persona_id=resolution.persona_id, name=resolution.name or "", confidence=resolution.confidence
        )
        if resolution and resolution.persona_id
        else None,
        stage=context.prospect.stage,
        recommendations=recommendations,
        uncovered_objections=uncovered,
    )


def _of_types(library: Library, content_types: Sequence[str]) -> frozenset[int]:
    """Ids of the assets of the given content types (kept until the library changes)."""
    types = frozenset(content_types)
    return library.memo(
        ("of types", types), lambda: frozenset(a for a, c in library.cards.items() if c.content_type in types)
    )


def _live(library: Library, today: dt.date) -> frozenset[int]:
    """Ids of the assets live on ``today`` (kept until the library changes)."""
    return library.memo(("live", today), lambda: frozenset(a for a, c in library.cards.items() if c.is_live(today)))


def _candidates(
    runtime: Runtime, context: Context, evidence: list[Found], allowed: AbstractSet[int] | None, *, limit: int
) -> list[ScoredAsset]:
    """Every live asset the queries reached (every live asset, in a small library) that ``select`` could pick,
    scored exactly (see ``shortlist``)."""
    library = runtime.library
    today = runtime.today()
    prospect = context.prospect
    objections = prospect.objections
    reached = set().union(*(found.keys() for found in evidence))
    if len(library.cards) <= ALL_CANDIDATES_UP_TO:
        live = _live(library, today)
        reached |= live if allowed is None else live & allowed
    cards = library.cards
    asset_ids = [a for a in reached if a in cards]
    priors = (
        runtime.priors.priors([cards[a].external_id for a in asset_ids], prospect.persona_id, prospect.stage)
        if runtime.priors.active()
        else [0.0] * len(asset_ids)
    )
    prior_of = dict(zip(asset_ids, priors, strict=True))
    kept = shortlist(
        asset_ids,
        library,
        prospect,
        evidence,
        priors,
        stages=runtime.stages,
        today=today,
        limit=limit,
        pool_size=select_pool_size(limit),
    )
    found_for = list(zip(objections, evidence, strict=False))
    hybrid = [(shortlist_hybrid(found), best_hybrid(found)) for _, found in found_for]
    scored = []
    for asset_id in kept:
        rows = [found.row(asset_id) for _, found in found_for]
        scored.append(
            score_asset(
                cards[asset_id],
                prospect,
                {o: found[asset_id] for (o, found), row in zip(found_for, rows, strict=True) if row is not None},
                0.0 if objections else evidence[0].get(asset_id, AssetEvidence()).passage_similarity,
                relative={
                    o: (float(h[row]) / best if row is not None else 0.0)
                    for (o, _), row, (h, best) in zip(found_for, rows, hybrid, strict=True)
                },
                stages=runtime.stages,
                today=today,
                prior=prior_of[asset_id],
            )
        )
    return scored


def _context(runtime: Runtime, request: RecommendationRequest) -> Context:
    prospect_in = request.prospect
    settings = runtime.settings
    stage = canonical_stage(runtime.stages, prospect_in.stage)
    objections = clean_objections(
        prospect_in.objections, max_count=settings.max_objections, max_chars=settings.max_objection_chars
    )
    resolution = (
        runtime.resolver.resolve(prospect_in.title, prospect_in.industry)
        if runtime.resolver is not None and prospect_in.title
        else None
    )
    industries = runtime.library.industries()
    industry = match_industry(prospect_in.industry, industries, runtime.embedder)
    persona = next((p for p in runtime.personas if resolution and p.persona_id == resolution.persona_id), None)
    profile = _profile_query(
        persona.name if persona else prospect_in.title, persona.description if persona else "", stage, industry
    )
    queries = objections or (profile,)
    lexical = start_lexical(runtime.library, queries)  # BM25 runs while the queries embed
    return Context(
        prospect=Prospect(persona.persona_id if persona else None, stage, industry, objections),
        resolution=resolution,
        persona_name=persona.name if persona else None,
        queries=queries,
        vectors=runtime.embedder.encode(list(queries)),
        lexical=lexical,
    )


def _profile_query(role: str | None, description: str, stage: str | None, industry: str | None) -> str:
    parts = [role or "business buyer", description]
    if stage:
        parts.append(guide.STAGE_WHEN[stage])
    if industry:
        parts.append(f"in {industry}")
    return ". ".join(p for p in parts if p)


def _title_vectors(runtime: Runtime, candidates: list[ScoredAsset]) -> dict[int, np.ndarray]:
    """The stored vector of each candidate's title passage (zeros when it has none), by asset id, read at once."""
    library = runtime.library
    with library.lock.read():
        owned = [library.asset_chunks.get(c.card.asset_id, ()) for c in candidates]
        chunk_ids = np.fromiter((i for ids in owned for i in ids), dtype=np.int64)
        is_title = (library.chunks.locate(chunk_ids)[1] == library.chunks.kind_code(TITLE)).tolist()
        firsts: dict[int, int] = {}
        position = 0
        for candidate, ids in zip(candidates, owned, strict=True):
            for offset, chunk_id in enumerate(ids):
                if is_title[position + offset]:
                    firsts[candidate.card.asset_id] = chunk_id
                    break
            position += len(ids)
        vectors = library.vectors.vectors(np.array(list(firsts.values()), dtype=np.int64))
    found = dict(zip(firsts, vectors, strict=True))
    return {c.card.asset_id: found.get(c.card.asset_id, np.zeros(library.dimension)) for c in candidates}


def _best_passages(runtime: Runtime, card: AssetCard, vectors: np.ndarray) -> list[tuple[int, float]]:
    """For each query vector, the asset's best body passage (chunk id) and its similarity."""
    library = runtime.library
    with library.lock.read():
        ids = [i for i in library.asset_chunks.get(card.asset_id, ()) if library.chunks[i].kind == BODY]
        if not ids:
            return []
        similarities = library.vectors.vectors(np.array(ids, dtype=np.int64)) @ vectors.T
    best = similarities.argmax(axis=0)
    return [(ids[int(row)], float(similarities[int(row), column])) for column, row in enumerate(best)]


def _recommendation(runtime: Runtime, context: Context, scored: ScoredAsset) -> Recommendation:
    card = scored.card
    objections = context.prospect.objections
    addressed = [o for o in objections if scored.confidences.get(o, 0.0) >= ADDRESSED_FLOOR]
    addressed.sort(key=lambda o: -scored.confidences[o])
    best = _best_passages(runtime, card, context.vectors)
    chunks = runtime.library.chunks
    evidence = [
        guide.Evidence(chunks[best[objections.index(o)][0]].text, o, chunks[best[objections.index(o)][0]].page)
        for o in addressed
        if best
    ]
    if not evidence and best:
        chunk = chunks[best[-1][0]]
        evidence = [guide.Evidence(chunk.text, None, chunk.page)]
    unique = list({e.passage: e for e in evidence}.values())
    return Recommendation(
        asset=AssetRef(external_id=card.external_id, title=card.title, content_type=card.content_type, url=card.url),
        score=round(scored.total, 4),
        reasons=guide.reasons(
            card,
            confidences=scored.confidences,
            answered=[o for o in addressed if scored.confidences[o] >= ANSWERED],
            persona_name=context.persona_name,
            persona_fit=scored.persona,
            stage=context.prospect.stage,
            stage_fit=scored.stage,
            industry=context.prospect.industry,
            industry_fit=scored.industry,
        ),
        objections_addressed=[
            ObjectionAddressed(objection=o, confidence=round(scored.confidences[o], 4)) for o in addressed
        ],
        guidance=Guidance(
            when=guide.when_to_use(card, context.prospect.stage),
            how=guide.how_to_use(card),
            talking_points=guide.talking_points(unique),
            evidence=[EvidenceOut(passage=e.passage, objection=e.objection, page=e.page) for e in unique],
        ),
    )


def _log(
    runtime: Runtime,
    request: RecommendationRequest,
    context: Context,
    request_id: str,
    recommendations: list[Recommendation],
    evidence: list[Found],
) -> None:
    prospect = request.prospect
    objections = context.prospect.objections
    answers = best_answers(runtime.library, evidence[: len(objections)])
    now = dt.datetime.now(dt.UTC)  # the moment of the request, not of the (batched) write
    entries = [
        {
            "text": objection,
            "source": "recommendation",
            "request_id": request_id,
            "industry": prospect.industry,
            "title": prospect.title,
            "persona_id": context.prospect.persona_id,
            "stage": context.prospect.stage,
            "opportunity_id": prospect.opportunity_id,
            "rep_id": prospect.rep_id,
            "embedding": context.vectors[index].astype(np.float32).tobytes(),
            "best_external_id": external_id,
            "best_confidence": confidence,
            "coverage_generation": runtime.library.generation,
            "logged_at": now,
        }
        for index, (objection, (external_id, confidence)) in enumerate(zip(objections, answers, strict=True))
    ]
    recommendation = {
        "request_id": request_id,
        "prospect": prospect.model_dump(mode="json"),
        "persona_id": context.prospect.persona_id,
        "stage": context.prospect.stage,
        "results": [{"external_id": r.asset.external_id, "score": r.score} for r in recommendations],
        "opportunity_id": prospect.opportunity_id,
        "rep_id": prospect.rep_id,
        "created_at": now,
    }
    runtime.activity_log.submit(LogEntry(recommendation, entries))
