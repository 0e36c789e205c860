"""The audit log (admin)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from service.api.deps import AdminDep, RuntimeDep
from service.api.responses import AUTHED, errors
from service.schemas.audit import AuditPage
from service.usecases.audit import read_log

router = APIRouter(prefix="/v1/audit", tags=["audit"], responses=errors(*AUTHED))


@router.get("", response_model=AuditPage)
def audit_log(
    runtime: RuntimeDep,
    _: AdminDep,
    before: Annotated[int | None, Query(ge=1, le=2**63 - 1)] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> AuditPage:
    """Every successful write through the API (who, what, when), newest first."""
    return read_log(runtime, before_id=before, limit=limit)
