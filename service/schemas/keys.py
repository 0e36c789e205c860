"""Schemas of the API keys resource."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel

from service.schemas.common import Name, Role, Strict


class KeyIn(Strict):
    """A key to create."""

    name: Name
    role: Role


class KeyOut(BaseModel):
    """A key without its secret."""

    key_id: str
    name: str
    role: str
    created_at: dt.datetime
    revoked_at: dt.datetime | None


class KeyCreated(BaseModel):
    """A new key; ``key`` is the secret, shown only in this response."""

    key_id: str
    name: str
    role: str
    key: str


class KeyList(BaseModel):
    """Every key, without secrets."""

    items: list[KeyOut]
