"""nDCG and recall on hand-computed cases."""

from __future__ import annotations

import math

import pytest

from service.evaluation.metrics import mean, ndcg_at_k, recall_at_k


def test_ndcg_perfect_and_reversed() -> None:
    judgments = {"a": 3, "b": 2, "c": 1}
    assert ndcg_at_k(["a", "b", "c"], judgments, 3) == pytest.approx(1.0)
    reversed_ = (1 + 3 / math.log2(3) + 7 / 2) / (7 + 3 / math.log2(3) + 1 / 2)
    assert ndcg_at_k(["c", "b", "a"], judgments, 3) == pytest.approx(reversed_)
    assert ndcg_at_k(["x", "y"], judgments, 2) == 0.0
    assert ndcg_at_k([], {}, 5) == 1.0


def test_recall_and_mean() -> None:
    assert recall_at_k(["a", "x"], {"a", "b"}, 5) == 0.5
    assert recall_at_k(["a"], set(), 5) is None
    assert recall_at_k(["a", "b"], {"a", "b", "c", "d"}, 2) == 1.0
    assert mean([1.0, None, 0.0]) == 0.5
    assert mean([]) == 0.0
