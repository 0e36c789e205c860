"""The rep search call."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from service.api.deps import RepDep, RuntimeDep, SettingsDep
from service.api.responses import AUTHED, errors
from service.errors import InvalidInput
from service.schemas.common import ContentType
from service.schemas.search import SearchResponse
from service.search import SearchFilters, search

router = APIRouter(prefix="/v1/search", tags=["search"], responses=errors(*AUTHED))


@router.get("", response_model=SearchResponse)
def search_assets(
    runtime: RuntimeDep,
    settings: SettingsDep,
    _: RepDep,
    q: Annotated[str, Query(max_length=500)] = "",
    persona: Annotated[str | None, Query(max_length=64)] = None,
    stage: Annotated[str | None, Query(max_length=100)] = None,
    industry: Annotated[str | None, Query(max_length=200)] = None,
    content_type: ContentType | None = None,
    limit: Annotated[int, Query(ge=1)] = 20,
) -> SearchResponse:
    """Semantic and keyword search over live assets; an empty ``q`` lists the newest matching assets."""
    if limit > settings.max_page_size:
        raise InvalidInput(f"limit must be at most {settings.max_page_size}", details={"limit": settings.max_page_size})
    filters = SearchFilters(persona=persona, stage=stage, industry=industry, content_type=content_type)
    return search(runtime, q, filters, limit=limit, stages=runtime.stages)
