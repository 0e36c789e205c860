"""Personas: marketing writes them, reps read them and resolve titles."""

from __future__ import annotations

from fastapi import APIRouter, Response

from service.api.deps import MarketingDep, RepDep, RuntimeDep
from service.api.responses import AUTHED, BODY, errors
from service.schemas.personas import PersonaIn, PersonaList, PersonaOut, ResolveIn, ResolveOut
from service.usecases import personas

router = APIRouter(prefix="/v1/personas", tags=["personas"], responses=errors(*AUTHED))


@router.post("/resolve", response_model=ResolveOut, responses=errors(*BODY))
def resolve(body: ResolveIn, runtime: RuntimeDep, _: RepDep) -> ResolveOut:
    """The persona a job title fits, with confidence; null when nothing fits well enough."""
    return personas.resolve_title(runtime, body)


@router.get("", response_model=PersonaList)
def list_personas(runtime: RuntimeDep, _: RepDep) -> PersonaList:
    """Every persona."""
    return personas.list_personas(runtime)


@router.get("/{persona_id}", response_model=PersonaOut, responses=errors(404))
def get_persona(persona_id: str, runtime: RuntimeDep, _: RepDep) -> PersonaOut:
    """One persona."""
    return personas.get_persona(runtime, persona_id)


@router.put(
    "/{persona_id}",
    response_model=PersonaOut,
    responses={201: {"model": PersonaOut, "description": "Created"}, **errors(*BODY)},
)
def put_persona(
    persona_id: str, body: PersonaIn, response: Response, runtime: RuntimeDep, _: MarketingDep
) -> PersonaOut:
    """Create (201) or replace (200) a persona."""
    persona, created = personas.put_persona(runtime, persona_id, body)
    response.status_code = 201 if created else 200
    return persona


@router.delete("/{persona_id}", status_code=204, response_class=Response, responses=errors(404))
def delete_persona(persona_id: str, runtime: RuntimeDep, _: MarketingDep) -> Response:
    """Delete a persona."""
    personas.delete_persona(runtime, persona_id)
    return Response(status_code=204)
