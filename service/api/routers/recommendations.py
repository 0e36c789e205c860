"""The CRM sidebar call."""

from __future__ import annotations

from fastapi import APIRouter

from service.api.deps import RepDep, RuntimeDep
from service.api.responses import AUTHED, BODY, errors
from service.recommend.pipeline import recommend
from service.schemas.recommendations import RecommendationRequest, RecommendationResponse

router = APIRouter(prefix="/v1/recommendations", tags=["recommendations"], responses=errors(*AUTHED))


@router.post("", response_model=RecommendationResponse, responses=errors(*BODY))
def recommendations(body: RecommendationRequest, runtime: RuntimeDep, _: RepDep) -> RecommendationResponse:
    """The best assets for a prospect, each with why and how/when to use it."""
    return recommend(runtime, body)
