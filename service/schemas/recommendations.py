"""Schemas of the recommendation (CRM sidebar) call."""

from __future__ import annotations

from pydantic import BaseModel, Field

from service.schemas.common import AssetRef, ContentType, Probability, ShortText, Strict


class ProspectIn(Strict):
    """What the rep knows about the prospect."""

    industry: ShortText | None = None
    title: ShortText | None = None
    stage: ShortText | None = None
    objections: list[str] = Field(default_factory=list, description="Objections the rep logged (limit: see README).")
    company: ShortText | None = None
    opportunity_id: ShortText | None = None
    rep_id: ShortText | None = None


class RecommendationRequest(Strict):
    """The CRM sidebar's request."""

    prospect: ProspectIn
    limit: int = Field(default=5, ge=1, le=50)
    content_types: list[ContentType] | None = Field(default=None, max_length=15)


class PersonaMatch(BaseModel):
    """The persona the prospect's title resolved to."""

    persona_id: str
    name: str
    confidence: Probability


class ObjectionAddressed(BaseModel):
    """An objection the asset answers, with the confidence of that."""

    objection: str
    confidence: Probability


class EvidenceOut(BaseModel):
    """A passage of the asset itself."""

    passage: str
    objection: str | None = None
    page: int | None = None


class Guidance(BaseModel):
    """How and when to use the asset, in the asset's own words where possible."""

    when: str
    how: str
    talking_points: list[str]
    evidence: list[EvidenceOut]


class Recommendation(BaseModel):
    """One recommended asset and why."""

    asset: AssetRef
    score: float
    reasons: list[str]
    objections_addressed: list[ObjectionAddressed]
    guidance: Guidance


class RecommendationResponse(BaseModel):
    """The sidebar's answer."""

    request_id: str
    persona: PersonaMatch | None
    stage: str | None
    recommendations: list[Recommendation]
    uncovered_objections: list[str]
