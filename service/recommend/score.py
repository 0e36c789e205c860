"""Scoring: answer confidence per objection and fit per persona, stage, industry and freshness."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from indexing.library import AssetCard
from personas.stages import StageMapper
from service.recommend.retrieve import AssetEvidence

# Hybrid similarity: the best of tag and passage cosine, plus lexical (BM25) support.
LEXICAL_WEIGHT = 0.2
# Answer confidence is a logistic curve over the hybrid similarity, fitted by maximum likelihood on
# the even-numbered evaluation scenarios (is the asset among those that answer the objection?);
# on the odd-numbered ones confidence matches the observed share per bin (Brier score 0.18).
CONFIDENCE_MIDPOINT = 0.54
CONFIDENCE_SLOPE = 10.0
# Ranking relevance mixes the absolute confidence with similarity relative to the best asset for the objection.
RELATIVE_SHARE = 0.5
# An objection counts as answered by an asset at or above this confidence.
ANSWERED = 0.5

OBJECTION_WEIGHT = 0.65
FIT_WEIGHT = 0.35
FRESHNESS_WEIGHT = 0.03
PERSONA_SHARE, STAGE_SHARE, INDUSTRY_SHARE = 0.35, 0.35, 0.30
# Content made for another industry is weaker proof than generic content.
OTHER_INDUSTRY_FACTOR = 0.8


def hybrid_similarity(evidence: AssetEvidence | None) -> float:
    """Dense similarity (tag or passage) plus lexical support."""
    if evidence is None:
        return 0.0
    dense = max(evidence.tag_similarity, evidence.passage_similarity)
    return dense + LEXICAL_WEIGHT * evidence.lexical


def answer_confidence(evidence: AssetEvidence | None) -> float:
    """Probability-like confidence that an asset answers an objection."""
    if evidence is None:
        return 0.0
    return 1.0 / (1.0 + math.exp(-CONFIDENCE_SLOPE * (hybrid_similarity(evidence) - CONFIDENCE_MIDPOINT)))


def relative_relevance(
    objections: Sequence[str], evidence: Sequence[dict[int, AssetEvidence]]
) -> dict[str, dict[int, float]]:
    """For each objection, every reached asset's hybrid similarity relative to the best one, in [0, 1]."""
    relative: dict[str, dict[int, float]] = {}
    for objection, found in zip(objections, evidence, strict=False):
        best = max((hybrid_similarity(e) for e in found.values()), default=0.0) or 1.0
        relative[objection] = {a: hybrid_similarity(e) / best for a, e in found.items()}
    return relative


@dataclass(frozen=True)
class Prospect:
    """The normalized prospect: persona, stage, canonical industry and cleaned objections."""

    persona_id: str | None
    stage: str | None
    industry: str | None
    objections: tuple[str, ...]


def persona_fit(card: AssetCard, persona_id: str | None) -> float:
    """1 written for the persona, 0.6 for anyone, 0.15 for someone else; 0.5 when unknown."""
    if persona_id is None:
        return 0.5
    if not card.personas:
        return 0.6
    return 1.0 if persona_id in card.personas else 0.15


def stage_fit(card: AssetCard, stage: str | None, stages: StageMapper) -> float:
    """1 for the deal's stage, 0.4 for a neighbouring one, 0 otherwise; 0.5 when unknown."""
    if stage is None:
        return 0.5
    if not card.stages:
        return 0.6
    if stage in card.stages:
        return 1.0
    return 0.4 if any(stages.adjacent(stage, s) for s in card.stages) else 0.0


def industry_fit(card: AssetCard, industry: str | None) -> float:
    """Specific beats generic beats other-industry: 1, 0.6, 0."""
    if industry is None:
        return 0.6 if not card.industries else 0.5
    if not card.industries:
        return 0.6
    return 1.0 if industry.casefold() in (i.casefold() for i in card.industries) else 0.0


def freshness(card: AssetCard, today: dt.date) -> float:
    """1 for content under six months old, falling to 0.3 at three years."""
    if card.published_at is None:
        return 0.5
    age = (today - card.published_at).days
    if age <= 180:
        return 1.0
    return max(0.3, 1.0 - 0.7 * (age - 180) / (3 * 365 - 180))


@dataclass
class ScoredAsset:
    """An asset with every score component kept, so the response can say why."""

    card: AssetCard
    confidences: dict[str, float]
    persona: float
    stage: float
    industry: float
    fresh: float
    relevance: float
    prior: float = 0.0
    total: float = field(init=False)

    def __post_init__(self) -> None:
        fit = PERSONA_SHARE * self.persona + STAGE_SHARE * self.stage + INDUSTRY_SHARE * self.industry
        total = OBJECTION_WEIGHT * self.relevance + FIT_WEIGHT * fit + FRESHNESS_WEIGHT * self.fresh
        self.total = total * (OTHER_INDUSTRY_FACTOR if self.industry == 0.0 else 1.0) + self.prior

    def answered(self, threshold: float = ANSWERED) -> list[str]:
        """Objections this asset answers at or above ``threshold``, most confident first."""
        return sorted((o for o, c in self.confidences.items() if c >= threshold), key=lambda o: -self.confidences[o])


def objection_relevance(confidences: dict[str, float]) -> float:
    """The best answer confidence, raised a little by answering other objections too."""
    if not confidences:
        return 0.0
    ordered = sorted(confidences.values(), reverse=True)
    best, rest = ordered[0], ordered[1:]
    return best + (1 - best) * 0.5 * (sum(rest) / len(rest) if rest else 0.0)


def score_asset(
    card: AssetCard,
    prospect: Prospect,
    evidence: dict[str, AssetEvidence],
    profile_similarity: float,
    *,
    relative: dict[str, float],
    stages: StageMapper,
    today: dt.date,
    prior: float = 0.0,
) -> ScoredAsset:
    """Score one asset for a prospect from its retrieval evidence.

    ``relative`` holds the asset's relevance to each objection relative to the best
    asset for it, so relevance is graded against what the library offers.
    """
    confidences = {o: answer_confidence(evidence.get(o)) for o in prospect.objections}
    graded = {o: RELATIVE_SHARE * relative.get(o, 0.0) + (1 - RELATIVE_SHARE) * c for o, c in confidences.items()}
    relevance = objection_relevance(graded) if prospect.objections else max(0.0, profile_similarity)
    return ScoredAsset(
        card=card,
        confidences=confidences,
        persona=persona_fit(card, prospect.persona_id),
        stage=stage_fit(card, prospect.stage, stages),
        industry=industry_fit(card, prospect.industry),
        fresh=freshness(card, today),
        relevance=relevance,
        prior=prior,
    )
