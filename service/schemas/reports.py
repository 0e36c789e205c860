"""Schemas of the marketing reports."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel


class BestAsset(BaseModel):
    """The closest asset to a theme, with how confidently it answers it (under the answered mark)."""

    external_id: str
    confidence: float


class WeeklyCount(BaseModel):
    """Objections of a theme logged in the week starting ``week_start`` (Monday)."""

    week_start: dt.date
    count: int


class GapThemeOut(BaseModel):
    """A theme of objections the library does not answer well."""

    label: str
    count: int
    examples: list[str]
    best_asset: BestAsset | None
    by_persona: dict[str, int]
    by_stage: dict[str, int]
    by_industry: dict[str, int]
    weekly: list[WeeklyCount]
    first_seen: dt.datetime
    new: bool
    missing_terms: list[str]


class GapReport(BaseModel):
    """Unanswered objection themes, most frequent first."""

    gaps: list[GapThemeOut]


class CoverageCell(BaseModel):
    """One persona × stage cell of the coverage matrix."""

    persona_id: str
    stage: str
    specific: int
    generic: int
    status: str


class CoverageOut(BaseModel):
    """Live published assets per persona × stage and per industry, empty and thin cells called out."""

    personas: list[str]
    stages: list[str]
    cells: list[CoverageCell]
    empty_cells: list[CoverageCell]
    thin_cells: list[CoverageCell]
    industries: dict[str, int]
    live_assets: int


class AssetUsageOut(BaseModel):
    """Usage of one asset."""

    external_id: str
    title: str
    content_type: str
    status: str
    recommended: int
    sent: int
    opened: int
    helpful: int
    not_helpful: int
    deals_won: int
    deals_lost: int
    won_revenue: float


class UsageOut(BaseModel):
    """Usage of every asset, the live assets never recommended or sent, and the share in use."""

    assets: list[AssetUsageOut]
    never_recommended: list[str]
    never_sent: list[str]
    in_use_share: float
