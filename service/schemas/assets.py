"""Schemas of the assets resource."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field, model_validator

from service.schemas.common import AssetStatus, ContentType, Identifier, Strict, Tag

MAX_BODY_CHARS = 2_000_000


class AssetIn(Strict):
    """An asset as marketing writes it (create or replace)."""

    title: str = Field(min_length=1, max_length=500)
    summary: str = Field(default="", max_length=5000)
    body: str = Field(default="", max_length=MAX_BODY_CHARS)
    url: str | None = Field(default=None, max_length=2000)
    content_type: ContentType
    personas: list[Tag] = Field(default_factory=list, max_length=20)
    stages: list[Tag] = Field(default_factory=list, max_length=3)
    industries: list[Tag] = Field(default_factory=list, max_length=50, description="Empty means any industry.")
    objections: list[Tag] = Field(default_factory=list, max_length=50, description="Objections this asset answers.")
    products: list[Tag] = Field(default_factory=list, max_length=50)
    usage_notes: str = Field(default="", max_length=5000, description="Marketing's how and when to use it.")
    published_at: dt.date | None = None
    expires_at: dt.date | None = None
    status: AssetStatus = "published"

    @model_validator(mode="after")
    def _dates_in_order(self) -> AssetIn:
        if self.published_at and self.expires_at and self.expires_at < self.published_at:
            raise ValueError("expires_at must not be before published_at")
        return self


class BulkAssetIn(AssetIn):
    """An asset in a bulk call, carrying its own external id."""

    external_id: Identifier


class AssetOut(BaseModel):
    """A stored asset with its version and timestamps."""

    external_id: str
    title: str
    summary: str
    body: str
    url: str | None
    content_type: str
    personas: list[str]
    stages: list[str]
    industries: list[str]
    objections: list[str]
    products: list[str]
    usage_notes: str
    published_at: dt.date | None
    expires_at: dt.date | None
    status: str
    source: dict[str, object] | None = Field(
        default=None, description="The attached document: filename, kind, media type, size, sha256, pages."
    )
    version: int
    content_hash: str
    created_at: dt.datetime
    updated_at: dt.datetime


class AssetSummaryOut(BaseModel):
    """An asset in a list page (no body)."""

    external_id: str
    title: str
    summary: str
    url: str | None
    content_type: str
    personas: list[str]
    stages: list[str]
    industries: list[str]
    objections: list[str]
    status: str
    version: int
    published_at: dt.date | None
    expires_at: dt.date | None
    updated_at: dt.datetime


class AssetPage(BaseModel):
    """A page of assets and the cursor of the next page (null on the last)."""

    items: list[AssetSummaryOut]
    next_cursor: str | None


class BulkError(BaseModel):
    """Why one item of a bulk call was refused."""

    index: int
    external_id: str | None
    error: str


class BulkResult(BaseModel):
    """What a bulk call did."""

    created: int
    updated: int
    unchanged: int = 0
    errors: list[BulkError]


class AssetVersionOut(BaseModel):
    """An earlier version of an asset."""

    version: int
    created_at: dt.datetime
    asset: dict[str, object]
