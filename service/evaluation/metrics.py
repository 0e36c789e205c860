"""Ranking metrics over graded judgments."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence


def dcg(gains: Sequence[float]) -> float:
    """Discounted cumulative gain of gains in rank order."""
    return sum(g / math.log2(rank + 2) for rank, g in enumerate(gains))


def ndcg_at_k(ranked: Sequence[str], judgments: Mapping[str, int], k: int) -> float:
    """nDCG@k with exponential gain (2^grade - 1); 1.0 when nothing is relevant and nothing is returned."""
    gains = [2 ** judgments.get(asset, 0) - 1 for asset in ranked[:k]]
    ideal = sorted((2**g - 1 for g in judgments.values()), reverse=True)[:k]
    if not any(ideal):
        return 1.0 if not any(gains) else 0.0
    return dcg(gains) / dcg(ideal)


def recall_at_k(ranked: Sequence[str], relevant: set[str], k: int) -> float | None:
    """Share of ``relevant`` in the top k, capped by k (None when nothing is relevant)."""
    if not relevant:
        return None
    return len(set(ranked[:k]) & relevant) / min(len(relevant), k)


def mean(values: Sequence[float | None]) -> float:
    """Mean of the values that are not None (0.0 when there are none)."""
    present = [v for v in values if v is not None]
    return sum(present) / len(present) if present else 0.0
