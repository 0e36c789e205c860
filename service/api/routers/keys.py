"""API keys (admin)."""

from __future__ import annotations

from fastapi import APIRouter, Response

from service.api.deps import AdminDep, RuntimeDep
from service.api.responses import AUTHED, BODY, errors
from service.schemas.keys import KeyCreated, KeyIn, KeyList
from service.usecases import keys

router = APIRouter(prefix="/v1/keys", tags=["keys"], responses=errors(*AUTHED))


@router.post("", status_code=201, response_model=KeyCreated, responses=errors(*BODY))
def create_key(body: KeyIn, runtime: RuntimeDep, _: AdminDep) -> KeyCreated:
    """Create a key; its secret is shown only in this response."""
    return keys.create_key(runtime.factory, body)


@router.get("", response_model=KeyList)
def list_keys(runtime: RuntimeDep, _: AdminDep) -> KeyList:
    """Every key, without secrets."""
    return keys.list_keys(runtime)


@router.delete("/{key_id}", status_code=204, response_class=Response, responses=errors(404))
def revoke_key(key_id: str, runtime: RuntimeDep, _: AdminDep) -> Response:
    """Revoke a key; it stops working at once."""
    keys.revoke_key(runtime, key_id)
    return Response(status_code=204)
