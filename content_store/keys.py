"""Data access for API keys (stored as SHA-256 hashes of the secret)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from content_store import generation
from content_store.models import ApiKey, utcnow


def create(*, session: Session, key_id: str, name: str, role: str, key_hash: str) -> ApiKey:
    """Store a new key."""
    key = ApiKey(key_id=key_id, name=name, role=role, key_hash=key_hash)
    session.add(key)
    session.flush()
    return key


def get_active_by_hash(*, session: Session, key_hash: str) -> ApiKey | None:
    """The unrevoked key whose secret hashes to ``key_hash``, or None."""
    return session.scalar(select(ApiKey).where(ApiKey.key_hash == key_hash, ApiKey.revoked_at.is_(None)))


def list_(*, session: Session) -> list[ApiKey]:
    """Every key, revoked ones included, oldest first."""
    return list(session.scalars(select(ApiKey).order_by(ApiKey.id)))


def revoke(*, session: Session, key_id: str) -> bool:
    """Revoke a key at once; False if no active key has this id.

    The store generation moves on, so every process drops the keys it has cached.
    """
    key = session.scalar(select(ApiKey).where(ApiKey.key_id == key_id, ApiKey.revoked_at.is_(None)))
    if key is None:
        return False
    key.revoked_at = utcnow()
    session.flush()
    generation.advance(session=session)
    return True
