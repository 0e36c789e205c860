"""The shortlist: which reached assets could end up in the set, found with array arithmetic.

Scoring one asset exactly (``score_asset``) is cheap, but a query at 10k+ assets reaches a
thousand or more. Here every candidate's total is estimated with numpy (the same formula;
only the order of float operations differs, so within ``MARGIN``), and an asset is kept
unless it provably cannot be picked by ``select``:

- ``select`` fills from the ``pool_size`` best totals, so any asset whose total could reach
  the ``pool_size``-th best stays;
- the covering step picks, ``limit`` times at most, the asset answering the most uncovered
  objections (ties by total); assets answering exactly the same objections compete on
  total alone, so the ``limit`` best of each such group stay.

The kept assets are then scored exactly and ``select`` runs on them, in their original
order, so the recommendations are the same as scoring every asset.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import numpy as np

from indexing.library import Library
from personas.stages import StageMapper
from service.recommend import score
from service.recommend.profile_fit import ProfileTags, profile_fits
from service.recommend.retrieve import Found

# Bound on the difference between the estimate and the exact total (both float64 sums of a few terms).
MARGIN = 1e-9


def hybrid_similarities(found: Found) -> np.ndarray:
    """``score.hybrid_similarity`` of every asset the query reached (same operations, so the same values)."""
    return np.maximum(found.tag_similarity, found.passage_similarity) + score.LEXICAL_WEIGHT * found.lexical


def best_hybrid(found: Found) -> float:
    """The best hybrid similarity of a query (1.0 when it reached nothing), as ``relative_relevance`` uses."""
    similarities = hybrid_similarities(found)
    return float(similarities.max()) if len(similarities) and float(similarities.max()) else 1.0


def shortlist(
    asset_ids: Sequence[int],
    library: Library,
    prospect: score.Prospect,
    evidence: Sequence[Found],
    priors: Sequence[float],
    *,
    stages: StageMapper,
    today: dt.date,
    limit: int,
    pool_size: int,
) -> list[int]:
    """The asset ids (a subsequence of ``asset_ids``) ``select`` could pick; ``priors`` align with ``asset_ids``."""
    count = len(asset_ids)
    if count <= pool_size:
        return list(asset_ids)
    ids = np.asarray(asset_ids, dtype=np.int64)
    objections = prospect.objections
    fit, fresh, other_industry = _fits(ids, library, prospect, stages, today)
    if objections:
        similarity = np.zeros((count, len(objections)))
        present = np.zeros((count, len(objections)), dtype=bool)
        for column, found in enumerate(evidence[: len(objections)]):
            rows, hybrid = _aligned(ids, found, hybrid_similarities(found))
            similarity[rows, column] = hybrid
            present[rows, column] = True
        best = np.array([best_hybrid(found) for found in evidence[: len(objections)]])
        confidence = np.where(
            present, 1.0 / (1.0 + np.exp(-score.CONFIDENCE_SLOPE * (similarity - score.CONFIDENCE_MIDPOINT))), 0.0
        )
        graded = (
            score.RELATIVE_SHARE * np.where(present, similarity / best, 0.0) + (1 - score.RELATIVE_SHARE) * confidence
        )
        top = graded.max(axis=1)
        rest = (graded.sum(axis=1) - top) / (len(objections) - 1) if len(objections) > 1 else 0.0
        relevance = top + (1 - top) * 0.5 * rest
    else:
        relevance = np.zeros(count)
        rows, passage = _aligned(ids, evidence[0], evidence[0].passage_similarity)
        relevance[rows] = np.maximum(0.0, passage)
        present = np.zeros((count, 0), dtype=bool)
        similarity = np.zeros((count, 0))
    total = score.OBJECTION_WEIGHT * relevance + score.FIT_WEIGHT * fit + score.FRESHNESS_WEIGHT * fresh
    total = total * np.where(other_industry, score.OTHER_INDUSTRY_FACTOR, 1.0) + np.asarray(priors, dtype=np.float64)
    keep = total + MARGIN >= _nth_largest(total, pool_size) - MARGIN
    answered = present & (similarity >= score.CONFIDENCE_MIDPOINT)
    # Right at the confidence midpoint the exact answer could go either way: keep those assets.
    keep |= (present & (np.abs(similarity - score.CONFIDENCE_MIDPOINT) < MARGIN)).any(axis=1)
    if answered.any():
        # Group the assets by the set of objections they answer (one integer per set).
        codes = (
            answered.astype(np.int64) @ (1 << np.arange(answered.shape[1], dtype=np.int64))
            if answered.shape[1] < 63
            else np.unique(answered, axis=0, return_inverse=True)[1].reshape(-1) + 1
        )
        codes[~answered.any(axis=1)] = 0
        for code in np.unique(codes).tolist():
            if code == 0:
                continue
            members = np.flatnonzero(codes == code)
            threshold = _nth_largest(total[members], limit)
            keep[members[total[members] + MARGIN >= threshold - MARGIN]] = True
    return [int(a) for a in ids[keep]]


def _nth_largest(values: np.ndarray, n: int) -> float:
    """The n-th largest value (the smallest one when there are fewer than n)."""
    if len(values) <= n:
        return float(values.min())
    return float(np.partition(values, len(values) - n)[len(values) - n])


def _aligned(ids: np.ndarray, found: Found, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Rows of ``ids`` the query reached, and ``values`` (one per reached asset) for those rows."""
    order = np.argsort(found.asset_ids)
    sorted_ids = found.asset_ids[order]
    where = np.searchsorted(sorted_ids, ids)
    where = np.minimum(where, max(len(sorted_ids) - 1, 0))
    hit = sorted_ids[where] == ids if len(sorted_ids) else np.zeros(len(ids), dtype=bool)
    rows = np.flatnonzero(hit)
    return rows, values[order[where[rows]]]


def _fits(
    ids: np.ndarray,
    library: Library,
    prospect: score.Prospect,
    stages: StageMapper,
    today: dt.date,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per asset: the weighted persona/stage/industry fit, freshness, and whether it is another industry's.

    Fits are computed for every tag profile at once and kept (per persona, stage and industry) until the
    library changes; freshness is the same formula as ``score.freshness``, on arrays.
    """
    profiles = library.profiles(ids)
    size = len(library.profile_cards)
    tags = library.memo(("profile tags", size), lambda: ProfileTags(library.profile_cards[:size]))
    fit, other_industry = library.memo(
        ("fits", prospect.persona_id, prospect.stage, prospect.industry, size),
        lambda: profile_fits(tags, prospect.persona_id, prospect.stage, prospect.industry, stages),
    )
    published = library.published_on(ids)
    age = today.toordinal() - published
    span = 3 * 365 - 180
    fresh = np.where(age <= 180, 1.0, np.maximum(0.3, 1.0 - 0.7 * (age - 180) / span))
    fresh = np.where(published < 0, 0.5, fresh)
    return fit[profiles], fresh, other_industry[profiles]
