"""Hybrid retrieval: dense (FAISS) and lexical (BM25) evidence per query and asset."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from indexing.documents import OBJECTION
from indexing.library import Library

DENSE_CANDIDATES = 400
LEXICAL_CANDIDATES = 200


@dataclass
class AssetEvidence:
    """How well one asset matches one query: best tag and passage similarity, lexical strength."""

    tag_similarity: float = 0.0
    passage_similarity: float = 0.0
    lexical: float = 0.0
    matched_tag: str | None = None
    passages: list[tuple[float, int]] = field(default_factory=list)


def retrieve(
    library: Library,
    queries: Sequence[str],
    vectors: np.ndarray,
    *,
    today: dt.date,
    allowed: set[int] | None = None,
) -> list[dict[int, AssetEvidence]]:
    """For each query, the evidence of every live asset it reached (optionally only ``allowed`` ids)."""
    with library.lock:
        scores, ids = library.vectors.search(vectors, DENSE_CANDIDATES)
        lexical_hits = [library.lexical.search(query, LEXICAL_CANDIDATES) for query in queries]
        results: list[dict[int, AssetEvidence]] = []
        for row in range(len(queries)):
            found: dict[int, AssetEvidence] = {}
            for score, chunk_id in zip(scores[row], ids[row], strict=True):
                chunk = library.chunks.get(int(chunk_id))
                if chunk is None or not _eligible(library, chunk.asset_id, today, allowed):
                    continue
                evidence = found.setdefault(chunk.asset_id, AssetEvidence())
                similarity = float(score)
                if chunk.kind == OBJECTION:
                    if similarity > evidence.tag_similarity:
                        evidence.tag_similarity, evidence.matched_tag = similarity, chunk.text
                else:
                    evidence.passage_similarity = max(evidence.passage_similarity, similarity)
                    evidence.passages.append((similarity, chunk.chunk_id))
            _add_lexical(library, found, lexical_hits[row], today, allowed)
            results.append(found)
    return results


def _eligible(library: Library, asset_id: int, today: dt.date, allowed: set[int] | None) -> bool:
    card = library.cards.get(asset_id)
    return card is not None and card.is_live(today) and (allowed is None or asset_id in allowed)


def _add_lexical(
    library: Library,
    found: dict[int, AssetEvidence],
    hits: list[tuple[int, float]],
    today: dt.date,
    allowed: set[int] | None,
) -> None:
    """Lexical strength per asset: its best chunk's BM25 relative to the query's best, squashed."""
    if not hits:
        return
    top = hits[0][1]
    for chunk_id, score in hits:
        chunk = library.chunks.get(chunk_id)
        if chunk is None or not _eligible(library, chunk.asset_id, today, allowed):
            continue
        evidence = found.setdefault(chunk.asset_id, AssetEvidence())
        strength = (score / top) * min(1.0, top / 8.0)
        evidence.lexical = max(evidence.lexical, strength)
