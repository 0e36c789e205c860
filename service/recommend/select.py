"""Set-level selection: cover every answerable objection first, then fill by score with MMR."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from service.recommend.score import ANSWERED, ScoredAsset

MMR_PENALTY = 0.05
NEAR_DUPLICATE = 0.93


def select_pool_size(limit: int) -> int:
    """How many of the best-scored candidates the filling step considers."""
    return max(limit * 8, 40)


def select(
    candidates: Sequence[ScoredAsset],
    *,
    limit: int,
    objections: Sequence[str],
    vector_of: Callable[[ScoredAsset], np.ndarray],
) -> list[ScoredAsset]:
    """Pick up to ``limit`` assets as a set.

    First, greedily cover each objection some candidate answers (most
    objections per pick, ties by score). Then fill by maximal marginal
    relevance, so near-duplicates do not crowd the list; a near-duplicate is
    used only when nothing else is left. The set is returned with the assets that
    answer an objection first, each group by score.
    """
    if limit < 1:
        raise ValueError(f"limit must be at least 1, got {limit}")
    pool = sorted(candidates, key=lambda c: -c.total)
    vectors = {id(c): vector_of(c) for c in pool[: select_pool_size(limit)]}
    chosen: list[ScoredAsset] = []
    uncovered = {o for o in objections if any(c.confidences.get(o, 0.0) >= ANSWERED for c in pool)}
    answering = [c for c in pool if any(v >= ANSWERED for v in c.confidences.values())]
    while uncovered and len(chosen) < limit:
        taken = {id(c) for c in chosen}
        best = max(
            (c for c in answering if id(c) not in taken),
            key=lambda c: (sum(1 for o in uncovered if c.confidences.get(o, 0.0) >= ANSWERED), c.total),
        )
        chosen.append(best)
        uncovered -= set(best.answered())
    taken = {id(c) for c in chosen}
    rest = [c for c in pool[: len(vectors)] if id(c) not in taken]
    duplicates: list[ScoredAsset] = []
    while rest and len(chosen) < limit:
        scored = [c.total - MMR_PENALTY * _max_similarity(vectors, c, chosen) for c in rest]
        best = rest.pop(max(range(len(rest)), key=scored.__getitem__))
        if _max_similarity(vectors, best, chosen) >= NEAR_DUPLICATE:
            duplicates.append(best)
            continue
        chosen.append(best)
    chosen.extend(duplicates[: limit - len(chosen)])
    return sorted(chosen, key=lambda c: (not c.answered(), -c.total))


def _max_similarity(vectors: dict[int, np.ndarray], candidate: ScoredAsset, chosen: Sequence[ScoredAsset]) -> float:
    vector = vectors.get(id(candidate))
    if vector is None or not chosen:
        return 0.0
    others = [vectors[id(c)] for c in chosen if id(c) in vectors]
    return float(max((float(vector @ o) for o in others), default=0.0))
