"""The rep search use case: hybrid search over live assets with filters."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from indexing.documents import OBJECTION
from indexing.library import AssetCard
from personas.stages import StageMapper
from service.recommend.normalize import canonical_stage
from service.recommend.retrieve import AssetEvidence, retrieve
from service.runtime import Runtime
from service.schemas.common import AssetRef
from service.schemas.search import SearchHit, SearchResponse

# A result must reach this fused score to count as a match.
MIN_SCORE = 0.20
DENSE_WEIGHT, LEXICAL_WEIGHT = 0.75, 0.25
MAX_HIGHLIGHTS = 2


@dataclass(frozen=True)
class SearchFilters:
    """Filters of the search page; None means any."""

    persona: str | None = None
    stage: str | None = None
    industry: str | None = None
    content_type: str | None = None


def _matches(card: AssetCard, filters: SearchFilters, stage: str | None) -> bool:
    if filters.persona and filters.persona not in card.personas:
        return False
    if stage and stage not in card.stages:
        return False
    if (
        filters.industry
        and card.industries
        and filters.industry.casefold() not in {i.casefold() for i in card.industries}
    ):
        return False
    return not (filters.content_type and card.content_type != filters.content_type)


def _fused(evidence: AssetEvidence) -> float:
    dense = max(evidence.passage_similarity, evidence.tag_similarity)
    return DENSE_WEIGHT * dense + LEXICAL_WEIGHT * evidence.lexical


def _hit(runtime: Runtime, card: AssetCard, score: float, evidence: AssetEvidence | None) -> SearchHit:
    chunks = runtime.library.chunks
    passages = sorted(evidence.passages, reverse=True) if evidence else []
    highlights = [chunks[c].text for _, c in passages if chunks[c].kind != OBJECTION][:MAX_HIGHLIGHTS]
    return SearchHit(
        asset=AssetRef(external_id=card.external_id, title=card.title, content_type=card.content_type, url=card.url),
        score=round(score, 4),
        highlights=highlights or ([card.summary] if card.summary else []),
        summary=card.summary,
        stages=list(card.stages),
        personas=list(card.personas),
        industries=list(card.industries),
    )


def search(runtime: Runtime, query: str, filters: SearchFilters, *, limit: int, stages: StageMapper) -> SearchResponse:
    """Live assets matching the filters, ranked by fused dense and lexical relevance.

    An empty query lists the matching assets, newest first.
    """
    runtime.refresh(reuse=True)
    today = runtime.today()
    stage = canonical_stage(stages, filters.stage)
    library = runtime.library
    text = " ".join(query.split())
    if not text:
        newest = library.memo(("newest", today, filters, stage), lambda: _newest(runtime, filters, stage, today))
        return SearchResponse(results=[_hit(runtime, c, 0.0, None) for c in newest[:limit]], total=len(newest))
    filtered = filters != SearchFilters() or stage is not None
    allowed = (
        library.memo(("allowed", today, filters, stage), lambda: _allowed(runtime, filters, stage, today))
        if filtered
        else None  # retrieval itself lets only live assets through
    )
    vectors: np.ndarray = runtime.embedder.encode([text])
    found = retrieve(library, [text], vectors, today=today, allowed=allowed)[0]
    dense = np.maximum(found.passage_similarity, found.tag_similarity)
    fused = DENSE_WEIGHT * dense + LEXICAL_WEIGHT * found.lexical
    order = np.lexsort((-found.asset_ids, -fused))  # best first, ties by the larger id (as sorting pairs would)
    matching = [(float(fused[row]), int(found.asset_ids[row])) for row in order if fused[row] >= MIN_SCORE]
    return SearchResponse(
        results=[_hit(runtime, library.cards[a], s, found[a]) for s, a in matching[:limit]], total=len(matching)
    )


def _allowed(runtime: Runtime, filters: SearchFilters, stage: str | None, today: dt.date) -> set[int]:
    """Ids of the live assets the filters let through."""
    return {a for a, c in runtime.library.cards.items() if c.is_live(today) and _matches(c, filters, stage)}


def _newest(runtime: Runtime, filters: SearchFilters, stage: str | None, today: dt.date) -> list[AssetCard]:
    """The live assets the filters let through, newest first."""
    cards = runtime.library.cards
    return sorted(
        (cards[a] for a in _allowed(runtime, filters, stage, today)),
        key=lambda c: (c.published_at is not None, c.published_at),
        reverse=True,
    )
