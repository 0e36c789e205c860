"""Which asset answers an objection best, and how confidently: used for logs and the gap report."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from indexing.library import Library
from service.recommend.retrieve import Found, retrieve
from service.recommend.score import answer_confidence
from service.recommend.shortlist import MARGIN, hybrid_similarities
from service.runtime import Runtime


def best_answers(library: Library, evidence: Sequence[Found]) -> list[tuple[str | None, float]]:
    """For each query's evidence, the external id of the most confident live answer and that confidence.

    The contenders are found with array arithmetic; only they are scored exactly.
    """
    answers: list[tuple[str | None, float]] = []
    for found in evidence:
        known = library.known(found.asset_ids)
        if not known.any():
            answers.append((None, 0.0))
            continue
        similarity = np.where(known, hybrid_similarities(found), -np.inf)
        best = float(similarity.max())
        contenders = found.asset_ids[similarity >= best - MARGIN].tolist()
        confidence, asset_id = max((answer_confidence(found[a]), a) for a in contenders)
        answers.append((library.cards[asset_id].external_id, confidence))
    return answers


def objection_coverage(runtime: Runtime, texts: Sequence[str], vectors: np.ndarray) -> list[tuple[str | None, float]]:
    """The best live answer to each objection (text and its stored vector) in the current library."""
    if not texts:
        return []
    evidence = retrieve(runtime.library, texts, vectors, today=runtime.today())
    return best_answers(runtime.library, evidence)
