"""The audit log: every successful write through the API, and reading it back (admins)."""

from __future__ import annotations

from content_store import audit
from content_store.db import transaction
from service.runtime import Runtime
from service.schemas.audit import AuditEntryOut, AuditPage
from service.usecases.keys import Principal


def record_write(runtime: Runtime, principal: Principal, method: str, path: str, status: int) -> None:
    """Store who wrote what, and when (the secret never appears: only the key id and name)."""
    entry = {
        "key_id": principal.key_id,
        "key_name": principal.name,
        "role": principal.role,
        "method": method,
        "path": path[:500],
        "status": status,
    }
    with transaction(runtime.factory) as session:
        audit.add(session=session, entry=entry)


def read_log(runtime: Runtime, *, before_id: int | None, limit: int) -> AuditPage:
    """A page of the audit log, newest first; ``next_before`` continues it."""
    with runtime.factory() as session:
        rows = audit.list_(session=session, before_id=before_id, limit=limit + 1)
        items = [AuditEntryOut.model_validate(r, from_attributes=True) for r in rows[:limit]]
    return AuditPage(items=items, next_before=items[-1].id if len(rows) > limit else None)
