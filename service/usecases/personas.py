"""Managing personas and resolving job titles to them."""

from __future__ import annotations

import re

from content_store import personas as persona_store
from content_store.db import transaction
from personas.titles import normalize_title
from service.errors import InvalidInput, NotFound
from service.runtime import Runtime
from service.schemas.personas import PersonaAlternative, PersonaIn, PersonaList, PersonaOut, ResolveIn, ResolveOut

PERSONA_ID = re.compile(r"^[a-z][a-z0-9_]{0,63}$")


def put_persona(runtime: Runtime, persona_id: str, data: PersonaIn) -> tuple[PersonaOut, bool]:
    """Create or replace a persona; title resolution uses it on return."""
    if not PERSONA_ID.match(persona_id):
        raise InvalidInput(
            "persona_id must be 1-64 lower-case letters, digits or underscores, starting with a letter",
            details={"persona_id": persona_id},
        )
    if not any(normalize_title(text) for text in (data.name, *data.example_titles)):
        raise InvalidInput(
            "a persona needs a name or an example title that reads as a job title",
            details={"name": data.name, "example_titles": data.example_titles},
        )
    with transaction(runtime.factory) as session:
        persona, created = persona_store.upsert(
            session=session,
            persona_id=persona_id,
            name=data.name,
            description=data.description,
            example_titles=list(dict.fromkeys(data.example_titles)),
            keywords=list(dict.fromkeys(data.keywords)),
        )
        out = PersonaOut.model_validate(persona, from_attributes=True)
    runtime.refresh()
    return out, created


def get_persona(runtime: Runtime, persona_id: str) -> PersonaOut:
    """One persona; 404 if absent."""
    with runtime.factory() as session:
        persona = persona_store.get(session=session, persona_id=persona_id)
        if persona is None:
            raise NotFound(f"no persona with id {persona_id!r}")
        return PersonaOut.model_validate(persona, from_attributes=True)


def list_personas(runtime: Runtime) -> PersonaList:
    """Every persona."""
    with runtime.factory() as session:
        return PersonaList(
            items=[PersonaOut.model_validate(p, from_attributes=True) for p in persona_store.list_(session=session)]
        )


def delete_persona(runtime: Runtime, persona_id: str) -> None:
    """Delete a persona; 404 if absent."""
    with transaction(runtime.factory) as session:
        if not persona_store.delete(session=session, persona_id=persona_id):
            raise NotFound(f"no persona with id {persona_id!r}")
    runtime.refresh()


def resolve_title(runtime: Runtime, data: ResolveIn) -> ResolveOut:
    """The persona a job title fits, with a calibrated confidence (null persona below the threshold)."""
    runtime.refresh()
    if runtime.resolver is None:
        return ResolveOut(persona_id=None, name=None, confidence=0.0, alternatives=[])
    resolution = runtime.resolver.resolve(data.title, data.industry)
    return ResolveOut(
        persona_id=resolution.persona_id,
        name=resolution.name,
        confidence=round(resolution.confidence, 4),
        alternatives=[PersonaAlternative(persona_id=p, confidence=round(c, 4)) for p, c in resolution.alternatives],
    )
