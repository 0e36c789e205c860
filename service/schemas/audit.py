"""Schemas of the audit log."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel


class AuditEntryOut(BaseModel):
    """One write: when, by which key (id, name, role), what (method, path) and its status."""

    id: int
    at: dt.datetime
    key_id: str
    key_name: str
    role: str
    method: str
    path: str
    status: int


class AuditPage(BaseModel):
    """Newest first; pass ``next_before`` as ``before`` for the next page (null on the last)."""

    items: list[AuditEntryOut]
    next_before: int | None
