"""The rep search page and the asset page."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from indexing.library import AssetCard
from service.errors import InvalidInput
from service.pages.views.common import (
    STAGE_LABELS,
    Option,
    content_type_options,
    freshness,
    industry_options,
    persona_names,
    persona_options,
    safe_link,
    stage_options,
)
from service.recommend.guide import CONTENT_HOW, STAGE_WHEN
from service.runtime import Runtime
from service.schemas.assets import AssetOut
from service.schemas.common import CONTENT_TYPES
from service.search import SearchFilters, search
from service.usecases.assets import get_asset

RESULTS_PER_PAGE = 20
MAX_BODY_CHARS_SHOWN = 200_000


@dataclass(frozen=True)
class HitView:
    """One result card."""

    external_id: str
    title: str
    content_type: str
    summary: str
    highlights: list[str]
    personas: list[str]
    stages: list[str]
    industries: list[str]
    age: str


@dataclass(frozen=True)
class SearchOptions:
    """The choices of the filter boxes."""

    personas: list[Option]
    stages: list[Option]
    industries: list[Option]
    content_types: list[Option]


@dataclass(frozen=True)
class SearchView:
    """The search page: the query, its filters, the result cards and the filter choices."""

    query: str
    filters: SearchFilters
    hits: list[HitView]
    total: int
    options: SearchOptions | None = None

    @property
    def summary(self) -> str:
        """A sentence for the live status line."""
        shown = len(self.hits)
        noun = "asset" if self.total == 1 else "assets"
        if not self.query.strip():
            return f"{self.total} {noun}, newest first" + (f" (showing {shown})" if shown < self.total else "")
        if not self.total:
            return f"No assets match “{self.query.strip()}”"
        more = f" (showing the best {shown})" if shown < self.total else ""
        return f"{self.total} {noun} match “{self.query.strip()}”{more}"


def search_filters(
    persona: str | None, stage: str | None, industry: str | None, content_type: str | None
) -> SearchFilters:
    """Filters from form values: blank means any; an unknown content type is a 422."""
    values = [v.strip() if v and v.strip() else None for v in (persona, stage, industry, content_type)]
    if values[3] is not None and values[3] not in CONTENT_TYPES:
        raise InvalidInput(f"unknown content type {values[3]!r}", details={"field": "content_type"})
    return SearchFilters(persona=values[0], stage=values[1], industry=values[2], content_type=values[3])


def search_view(runtime: Runtime, query: str, filters: SearchFilters, *, with_options: bool = True) -> SearchView:
    """Run the search and shape the result cards (names for persona ids, freshness of each asset)."""
    response = search(runtime, query, filters, limit=RESULTS_PER_PAGE, stages=runtime.stages)
    names = persona_names(runtime)
    today = runtime.today()
    hits: list[HitView] = []
    for hit in response.results:
        card = card_of(runtime, hit.asset.external_id)
        hits.append(
            HitView(
                external_id=hit.asset.external_id,
                title=hit.asset.title,
                content_type=hit.asset.content_type,
                summary=hit.summary,
                highlights=[h for h in hit.highlights if h.strip() != hit.summary.strip()],
                personas=[names.get(p, p) for p in hit.personas],
                stages=list(hit.stages),
                industries=list(hit.industries),
                age=freshness(card.published_at if card else None, today),
            )
        )
    options = (
        SearchOptions(persona_options(runtime), stage_options(), industry_options(runtime), content_type_options())
        if with_options
        else None
    )
    return SearchView(query=query, filters=filters, hits=hits, total=response.total, options=options)


@dataclass(frozen=True)
class AssetView:
    """The asset page: the asset, where it fits, how to use it, and whether it may be sent."""

    asset: AssetOut
    age: str
    live: bool
    link: str | None
    personas: list[str]
    when: list[tuple[str, str]]
    how: str
    has_notes: bool
    paragraphs: list[str] = field(default_factory=list)
    truncated: bool = False


def _is_live(asset: AssetOut, today: dt.date) -> bool:
    return asset.status == "published" and (asset.expires_at is None or asset.expires_at > today)


def asset_view(runtime: Runtime, external_id: str) -> AssetView:
    """One asset for a rep: body, marketing's notes and guidance by stage; 404 if absent."""
    asset = get_asset(runtime, external_id)
    names = persona_names(runtime)
    today = runtime.today()
    body = asset.body[:MAX_BODY_CHARS_SHOWN]
    paragraphs = [" ".join(p.split()) for p in body.replace("\r\n", "\n").split("\n\n") if p.strip()]
    stages = asset.stages or list(STAGE_WHEN)
    notes = asset.usage_notes.strip()
    return AssetView(
        asset=asset,
        age=freshness(asset.published_at, today),
        live=_is_live(asset, today),
        link=safe_link(asset.url),
        personas=[names.get(p, p) for p in asset.personas],
        when=[(STAGE_LABELS[s], STAGE_WHEN[s]) for s in stages if s in STAGE_WHEN],
        how=notes or CONTENT_HOW.get(asset.content_type, CONTENT_HOW["other"]),
        has_notes=bool(notes),
        paragraphs=paragraphs,
        truncated=len(asset.body) > MAX_BODY_CHARS_SHOWN,
    )


def card_of(runtime: Runtime, external_id: str) -> AssetCard | None:
    """The in-memory card of an asset (None when it is not indexed)."""
    asset_id = runtime.library.by_external_id.get(external_id)
    return runtime.library.cards.get(asset_id) if asset_id is not None else None
