"""Data access for buyer personas."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from content_store import generation
from content_store.models import Persona, utcnow


def get(*, session: Session, persona_id: str) -> Persona | None:
    """The persona with this id, or None."""
    return session.get(Persona, persona_id)


def list_(*, session: Session) -> list[Persona]:
    """Every persona, ordered by id."""
    return list(session.scalars(select(Persona).order_by(Persona.persona_id)))


def upsert(
    *,
    session: Session,
    persona_id: str,
    name: str,
    description: str,
    example_titles: Sequence[str],
    keywords: Sequence[str],
) -> tuple[Persona, bool]:
    """Create or replace a persona; return it and whether it is new."""
    persona = get(session=session, persona_id=persona_id)
    created = persona is None
    if persona is None:
        persona = Persona(persona_id=persona_id)
        session.add(persona)
    persona.name = name
    persona.description = description
    persona.example_titles = list(example_titles)
    persona.keywords = list(keywords)
    persona.updated_at = utcnow()
    generation.advance(session=session)
    session.flush()
    return persona, created


def delete(*, session: Session, persona_id: str) -> bool:
    """Delete a persona; False if it did not exist."""
    persona = get(session=session, persona_id=persona_id)
    if persona is None:
        return False
    session.delete(persona)
    generation.advance(session=session)
    session.flush()
    return True
