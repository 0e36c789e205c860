"""What reps hear and do: objections, feedback, outcomes."""

from __future__ import annotations

from fastapi import APIRouter

from service.api.deps import RepDep, RuntimeDep
from service.api.responses import AUTHED, BODY, errors
from service.schemas.activity import (
    FeedbackIn,
    FeedbackLogged,
    ObjectionsIn,
    ObjectionsLogged,
    OutcomeIn,
    OutcomeLogged,
)
from service.usecases import activity

router = APIRouter(prefix="/v1", tags=["activity"], responses=errors(*AUTHED))


@router.post("/objections", status_code=201, response_model=ObjectionsLogged, responses=errors(*BODY))
def log_objections(body: ObjectionsIn, runtime: RuntimeDep, _: RepDep) -> ObjectionsLogged:
    """Log objections heard, without asking for content."""
    return activity.log_objections(runtime, body)


@router.post("/feedback", status_code=201, response_model=FeedbackLogged, responses=errors(*BODY, 404))
def log_feedback(body: FeedbackIn, runtime: RuntimeDep, _: RepDep) -> FeedbackLogged:
    """Log what a rep did with an asset."""
    return activity.log_feedback(runtime, body)


@router.post("/outcomes", status_code=201, response_model=OutcomeLogged, responses=errors(*BODY))
def log_outcome(body: OutcomeIn, runtime: RuntimeDep, _: RepDep) -> OutcomeLogged:
    """Log how an opportunity ended."""
    return activity.log_outcome(runtime, body)
