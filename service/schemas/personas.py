"""Schemas of the personas resource."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field

from service.schemas.common import Name, Probability, ShortText, Strict, Tag


class PersonaIn(Strict):
    """A persona as marketing writes it."""

    name: Name
    description: str = Field(default="", max_length=5000)
    example_titles: list[Tag] = Field(default_factory=list, max_length=200)
    keywords: list[Tag] = Field(default_factory=list, max_length=200)


class PersonaOut(BaseModel):
    """A stored persona."""

    persona_id: str
    name: str
    description: str
    example_titles: list[str]
    keywords: list[str]
    updated_at: dt.datetime


class PersonaList(BaseModel):
    """Every persona."""

    items: list[PersonaOut]


class ResolveIn(Strict):
    """A job title to resolve to a persona."""

    title: ShortText
    industry: ShortText | None = None


class PersonaAlternative(BaseModel):
    """Another persona the title might fit."""

    persona_id: str
    confidence: Probability


class ResolveOut(BaseModel):
    """The persona a title resolves to (null when nothing fits well enough)."""

    persona_id: str | None
    name: str | None
    confidence: Probability
    alternatives: list[PersonaAlternative]
