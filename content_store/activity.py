"""Data access for what reps do: objections heard, recommendations, feedback, outcomes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, TypeVar

from sqlalchemy import Select, func, insert, select, update
from sqlalchemy.orm import Session

from content_store.models import Feedback, ObjectionLog, Outcome, RecommendationLog

T = TypeVar("T")


def add_objections(*, session: Session, entries: Sequence[dict[str, Any]]) -> int:
    """Log objections (each a dict of ObjectionLog columns) in one statement; return how many."""
    if entries:
        session.execute(insert(ObjectionLog), list(entries))
    return len(entries)


def add_recommendations(*, session: Session, entries: Sequence[dict[str, Any]]) -> int:
    """Log recommendation requests (each a dict of RecommendationLog columns) in one statement."""
    if entries:
        session.execute(insert(RecommendationLog), list(entries))
    return len(entries)


def add_feedback(*, session: Session, entry: dict[str, Any]) -> Feedback:
    """Log one feedback action."""
    feedback = Feedback(**entry)
    session.add(feedback)
    session.flush()
    return feedback


def add_outcome(*, session: Session, entry: dict[str, Any]) -> Outcome:
    """Log how an opportunity ended."""
    outcome = Outcome(**entry)
    session.add(outcome)
    session.flush()
    return outcome


def _in_window(query: Select[T], column: Any, since: dt.datetime | None, until: dt.datetime | None) -> Select[T]:
    """Restrict a query to ``since <= column < until`` (either end open)."""
    if since is not None:
        query = query.where(column >= since)
    if until is not None:
        query = query.where(column < until)
    return query


def objections_between(
    *, session: Session, since: dt.datetime | None, until: dt.datetime | None, limit: int
) -> list[ObjectionLog]:
    """Logged objections in a time window (either end open), newest first, at most ``limit``."""
    query = _in_window(select(ObjectionLog), ObjectionLog.logged_at, since, until)
    return list(session.scalars(query.order_by(ObjectionLog.logged_at.desc()).limit(limit)))


def set_coverage(
    *, session: Session, objection_id: int, external_id: str | None, confidence: float, generation: int
) -> None:
    """Store an objection's best match against the library at ``generation``."""
    session.execute(
        update(ObjectionLog)
        .where(ObjectionLog.id == objection_id)
        .values(best_external_id=external_id, best_confidence=confidence, coverage_generation=generation)
    )


def recommendations_between(
    *, session: Session, since: dt.datetime | None, until: dt.datetime | None
) -> list[RecommendationLog]:
    """Recommendation requests in a time window."""
    return list(session.scalars(_in_window(select(RecommendationLog), RecommendationLog.created_at, since, until)))


def feedback_between(*, session: Session, since: dt.datetime | None, until: dt.datetime | None) -> list[Feedback]:
    """Feedback actions in a time window."""
    return list(session.scalars(_in_window(select(Feedback), Feedback.created_at, since, until)))


def latest_outcomes(*, session: Session) -> dict[str, Outcome]:
    """The newest outcome of every opportunity."""
    latest: dict[str, Outcome] = {}
    for outcome in session.scalars(select(Outcome).order_by(Outcome.created_at, Outcome.id)):
        latest[outcome.opportunity_id] = outcome
    return latest


def feedback_counts(*, session: Session) -> list[tuple[str, str, str | None, str | None, int]]:
    """Feedback counted by asset, action and the persona and stage of the request it followed."""
    query = (
        select(
            Feedback.external_id, Feedback.action, RecommendationLog.persona_id, RecommendationLog.stage, func.count()
        )
        .join(RecommendationLog, RecommendationLog.request_id == Feedback.request_id, isouter=True)
        .group_by(Feedback.external_id, Feedback.action, RecommendationLog.persona_id, RecommendationLog.stage)
    )
    return [(e, a, p, s, int(n)) for e, a, p, s, n in session.execute(query)]
