"""Logging what reps hear and do: objections, feedback on assets, deal outcomes."""

from __future__ import annotations

import numpy as np

from content_store import activity
from content_store import assets as asset_store
from content_store.db import transaction
from content_store.models import utcnow
from service.errors import NotFound
from service.recommend.answers import objection_coverage
from service.recommend.normalize import canonical_stage
from service.runtime import Runtime
from service.schemas.activity import (
    FeedbackIn,
    FeedbackLogged,
    ObjectionsIn,
    ObjectionsLogged,
    OutcomeIn,
    OutcomeLogged,
)


def log_objections(runtime: Runtime, data: ObjectionsIn) -> ObjectionsLogged:
    """Store objections heard (embedded once, for the gap report)."""
    texts = [" ".join(o.text.split()) for o in data.objections]
    vectors = runtime.embedder.encode(texts)
    runtime.refresh()
    answers = objection_coverage(runtime, texts, vectors)
    resolver = runtime.resolver
    entries = [
        {
            "text": text,
            "source": "log",
            "industry": o.industry,
            "title": o.title,
            "persona_id": o.persona_id or (resolver.resolve(o.title).persona_id if resolver and o.title else None),
            "stage": canonical_stage(runtime.stages, o.stage),
            "opportunity_id": o.opportunity_id,
            "logged_at": o.logged_at or utcnow(),
            "embedding": np.asarray(vector, dtype=np.float32).tobytes(),
            "best_external_id": external_id,
            "best_confidence": confidence,
            "coverage_generation": runtime.library.generation,
        }
        for o, text, vector, (external_id, confidence) in zip(data.objections, texts, vectors, answers, strict=True)
    ]
    with transaction(runtime.factory) as session:
        return ObjectionsLogged(logged=activity.add_objections(session=session, entries=entries))


def log_feedback(runtime: Runtime, data: FeedbackIn) -> FeedbackLogged:
    """Store a rep's action on an asset (one that exists or existed)."""
    with transaction(runtime.factory) as session:
        if asset_store.get(session=session, external_id=data.external_id, include_deleted=True) is None:
            raise NotFound(f"no asset with external_id {data.external_id!r}")
        feedback = activity.add_feedback(session=session, entry=data.model_dump())
        logged = FeedbackLogged(id=feedback.id, external_id=feedback.external_id, action=feedback.action)
    runtime.priors.invalidate()
    return logged


def log_outcome(runtime: Runtime, data: OutcomeIn) -> OutcomeLogged:
    """Store how an opportunity ended."""
    with transaction(runtime.factory) as session:
        outcome = activity.add_outcome(session=session, entry=data.model_dump())
        return OutcomeLogged(id=outcome.id, opportunity_id=outcome.opportunity_id, outcome=outcome.outcome)
