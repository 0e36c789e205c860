"""Data access for the audit log of writes."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from content_store.models import AuditEntry


def add(*, session: Session, entry: dict[str, Any]) -> None:
    """Record one write."""
    session.add(AuditEntry(**entry))


def list_(*, session: Session, before_id: int | None, limit: int) -> list[AuditEntry]:
    """Newest entries first, older than ``before_id`` when given."""
    query = select(AuditEntry)
    if before_id is not None:
        query = query.where(AuditEntry.id < before_id)
    return list(session.scalars(query.order_by(AuditEntry.id.desc()).limit(limit)))
