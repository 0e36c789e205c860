"""A token bucket per API key in the database, so every replica enforces the same limit."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from content_store.models import RateBucket


def take(*, session: Session, key_id: str, now: float, per_second: float, burst: float) -> float:
    """Take one token if there is one; return the tokens left (negative: none, caller refuses).

    The row is locked first (a write, then FOR UPDATE), so
    concurrent requests on several replicas never spend the same token twice.
    """
    session.execute(update(RateBucket).where(RateBucket.key_id == key_id).values(updated=RateBucket.updated))
    bucket = session.scalar(select(RateBucket).where(RateBucket.key_id == key_id).with_for_update())
    if bucket is None:
        bucket = RateBucket(key_id=key_id, tokens=burst, updated=now)
        session.add(bucket)
    tokens = min(burst, bucket.tokens + max(0.0, now - bucket.updated) * per_second)
    bucket.updated = now
    bucket.tokens = tokens - 1 if tokens >= 1 else tokens
    session.flush()
    return tokens - 1
