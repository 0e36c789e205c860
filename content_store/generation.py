"""The store-wide generation number that tells index caches what changed."""

from __future__ import annotations

from sqlalchemy import Connection, select, update
from sqlalchemy.orm import Session

from content_store.models import StoreMeta

_KEY = "generation"
# Built once: the check runs on every request, and building a statement costs more than running it.
_READ = select(StoreMeta.value).where(StoreMeta.key == _KEY)


def current(*, session: Session) -> int:
    """The generation of the newest committed change (one indexed read)."""
    value = session.scalar(select(StoreMeta.value).where(StoreMeta.key == _KEY))
    return int(value or 0)


def read(*, connection: Connection) -> int:
    """``current`` over a plain connection: no ORM session, the cheapest check for every request."""
    value = connection.execute(_READ).scalar()
    return int(value or 0)


def advance(*, session: Session) -> int:
    """Move the generation on by one and return it.

    The row update holds a lock until the transaction ends, so writers commit
    in generation order and a reader never skips a change.
    """
    value = session.scalar(
        update(StoreMeta).where(StoreMeta.key == _KEY).values(value=StoreMeta.value + 1).returning(StoreMeta.value)
    )
    if value is None:
        raise RuntimeError("store_meta has no generation row; were migrations run?")
    return int(value)
