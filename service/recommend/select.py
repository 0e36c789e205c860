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
    if rest:
        matrix = np.stack([vectors[id(c)] for c in rest])
        totals = np.array([c.total for c in rest])
        # Each candidate's highest similarity to the chosen ones that have a vector (None: no such one yet).
        compared = [matrix @ vectors[id(picked)] for picked in chosen if id(picked) in vectors]
        closest = np.max(compared, axis=0) if compared else None
        open_rows = np.ones(len(rest), dtype=bool)
        while open_rows.any() and len(chosen) < limit:
            penalty = closest if closest is not None else np.zeros(len(rest))
            row = int(np.argmax(np.where(open_rows, totals - MMR_PENALTY * penalty, -np.inf)))  # first of ties
            open_rows[row] = False
            if penalty[row] >= NEAR_DUPLICATE:
                duplicates.append(rest[row])
                continue
            similarity = matrix @ matrix[row]
            closest = similarity if closest is None else np.maximum(closest, similarity)
            chosen.append(rest[row])
    chosen.extend(duplicates[: limit - len(chosen)])
    return sorted(chosen, key=lambda c: (not c.answered(), -c.total))
