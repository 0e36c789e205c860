"""Schemas of the search call."""

from __future__ import annotations

from pydantic import BaseModel

from service.schemas.common import AssetRef


class SearchHit(BaseModel):
    """One asset found, with its best passages."""

    asset: AssetRef
    score: float
    highlights: list[str]
    summary: str = ""
    stages: list[str] = []
    personas: list[str] = []
    industries: list[str] = []


class SearchResponse(BaseModel):
    """Search results, best first, and how many assets matched in all."""

    results: list[SearchHit]
    total: int
