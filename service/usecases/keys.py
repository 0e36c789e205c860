"""API keys: creation (secret shown once), listing, revocation and authentication."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

from sqlalchemy.orm import Session, sessionmaker

from content_store import keys as key_store
from content_store.db import transaction
from service.errors import NotFound
from service.runtime import Runtime
from service.schemas.keys import KeyCreated, KeyIn, KeyList, KeyOut

ROLE_RANK = {"rep": 0, "marketing": 1, "admin": 2}


@dataclass(frozen=True)
class Principal:
    """Who is calling: the key's id, name and role."""

    key_id: str
    name: str
    role: str

    def may(self, role: str) -> bool:
        """True if this principal's role includes ``role``."""
        return ROLE_RANK[self.role] >= ROLE_RANK[role]


BOOTSTRAP_ADMIN = Principal(key_id="bootstrap", name="bootstrap admin", role="admin")


def hash_key(secret: str) -> str:
    """SHA-256 hex digest of a key secret (keys are random, so no salt is needed)."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def create_key(factory: sessionmaker[Session], data: KeyIn) -> KeyCreated:
    """Create a key; the secret is returned only here."""
    key_id = secrets.token_hex(6)
    secret = f"pw_{secrets.token_urlsafe(32)}"
    with transaction(factory) as session:
        key_store.create(session=session, key_id=key_id, name=data.name, role=data.role, key_hash=hash_key(secret))
    return KeyCreated(key_id=key_id, name=data.name, role=data.role, key=secret)


def list_keys(runtime: Runtime) -> KeyList:
    """Every key, without secrets."""
    with runtime.factory() as session:
        return KeyList(items=[KeyOut.model_validate(k, from_attributes=True) for k in key_store.list_(session=session)])


def revoke_key(runtime: Runtime, key_id: str) -> None:
    """Revoke a key at once; 404 if there is no active key with this id."""
    with transaction(runtime.factory) as session:
        if not key_store.revoke(session=session, key_id=key_id):
            raise NotFound(f"no active key with id {key_id!r}")


def authenticate(runtime: Runtime, secret: str) -> Principal | None:
    """The principal of a presented key secret, or None if it is unknown or revoked.

    This is the request's generation check (shared with the use case after it); a key
    found in the store is then remembered until the generation moves on, which revoking
    any key does, so a revocation holds on every replica from the next request.
    """
    runtime.refresh(reuse=True)
    admin_key = runtime.settings.admin_key
    if admin_key is not None and hmac.compare_digest(secret.encode(), admin_key.get_secret_value().encode()):
        return BOOTSTRAP_ADMIN
    key_hash = hash_key(secret)
    generation = runtime.library.generation
    cached: Principal | None = runtime.principals.get(key_hash, generation)
    if cached is not None:
        return cached
    with runtime.factory() as session:
        key = key_store.get_active_by_hash(session=session, key_hash=key_hash)
        principal = Principal(key_id=key.key_id, name=key.name, role=key.role) if key else None
    if principal is not None:
        runtime.principals.put(key_hash, principal, generation)
    return principal
