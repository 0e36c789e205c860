"""Data access for what reps do: objections heard, recommendations, feedback, outcomes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy.orm import Session

from content_store.models import Feedback, ObjectionLog, Outcome, RecommendationLog


def add_objections(*, session: Session, entries: Sequence[dict[str, Any]]) -> int:
    """Log objections (each a dict of ObjectionLog columns); return how many."""
    session.add_all(ObjectionLog(**entry) for entry in entries)
    session.flush()
    return len(entries)


def add_recommendation(*, session: Session, entry: dict[str, Any]) -> RecommendationLog:
    """Log one recommendation request and its results."""
    log = RecommendationLog(**entry)
    session.add(log)
    session.flush()
    return log


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
