"""Which asset answers an objection best, and how confidently: used for logs and the gap report."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from indexing.library import Library
from service.recommend.retrieve import AssetEvidence, retrieve
from service.recommend.score import answer_confidence
from service.runtime import Runtime


def best_answers(library: Library, evidence: Sequence[dict[int, AssetEvidence]]) -> list[tuple[str | None, float]]:
    """For each query's evidence, the external id of the most confident live answer and that confidence."""
    answers: list[tuple[str | None, float]] = []
    for found in evidence:
        scored = [(answer_confidence(e), asset_id) for asset_id, e in found.items() if asset_id in library.cards]
        if not scored:
            answers.append((None, 0.0))
            continue
        confidence, asset_id = max(scored)
        answers.append((library.cards[asset_id].external_id, confidence))
    return answers


def objection_coverage(runtime: Runtime, texts: Sequence[str], vectors: np.ndarray) -> list[tuple[str | None, float]]:
    """The best live answer to each objection (text and its stored vector) in the current library."""
    if not texts:
        return []
    evidence = retrieve(runtime.library, texts, vectors, today=runtime.today())
    return best_answers(runtime.library, evidence)
