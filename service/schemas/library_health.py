"""Schemas of library health: tag suggestions, suspect tags and demand vs supply of objection answers."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

TagField = Literal["personas", "stages", "industries", "objections"]
EvidenceKind = Literal["passage", "usage"]
SupplyStatus = Literal["no_answer", "not_sent", "in_use"]


class EvidenceOut(BaseModel):
    """Why a tag is suggested or suspect: a passage of the asset, verbatim, or a pattern in how reps use it."""

    kind: EvidenceKind = Field(description="`passage` (text of the asset) or `usage` (how reps use it).")
    text: str = Field(description="The passage, verbatim, or the usage pattern in words.")
    page: int | None = Field(default=None, description="Page or slide of the passage in the attached document.")


class TagSuggestionOut(BaseModel):
    """A tag the asset's text (or its use by reps) supports but the asset does not carry."""

    field: TagField = Field(description="The asset field the tag belongs in.")
    value: str = Field(description="The suggested tag: a persona id, canonical stage, industry or objection.")
    confidence: float = Field(ge=0.0, le=1.0)
    evidence: EvidenceOut


class AssetTagSuggestionOut(TagSuggestionOut):
    """A tag suggestion in the library-wide report, with the asset it is for."""

    external_id: str
    title: str


class SuspectTagOut(BaseModel):
    """A tag the asset's text contradicts, with the tag its text supports instead (if any)."""

    external_id: str
    title: str
    field: TagField = Field(description="The asset field holding the suspect tag.")
    value: str = Field(description="The suspect tag as the asset carries it.")
    confidence: float = Field(ge=0.0, le=1.0, description="How sure the check is that the tag is wrong.")
    reason: str = Field(description="Why the tag looks wrong, in words.")
    evidence: EvidenceOut
    instead: str | None = Field(description="The tag the asset's text supports instead; null when none stands out.")


class AssetHealthOut(BaseModel):
    """Tag suggestions and suspect tags of one asset. Nothing here changes the asset's tags."""

    external_id: str
    title: str
    suggestions: list[TagSuggestionOut]
    suspects: list[SuspectTagOut]


class AnsweringAssetOut(BaseModel):
    """An asset that answers an objection theme well, and how reps use it in the window."""

    external_id: str
    title: str
    confidence: float = Field(ge=0.0, le=1.0, description="How well the asset answers the theme.")
    recommended: int
    sent: int
    helpful: int


class ThemeSupplyOut(BaseModel):
    """A frequent objection theme: how often reps hear it, what answers it and whether reps send it."""

    label: str = Field(description="The theme's most central logged phrasing.")
    count: int = Field(description="Objections of the theme logged in the window.")
    examples: list[str] = Field(description="Logged texts of the theme, verbatim.")
    answered_share: float = Field(ge=0.0, le=1.0, description="Share of the theme's objections the library answers.")
    assets: list[AnsweringAssetOut] = Field(description="Assets that answer the theme well, best first.")
    sent: int = Field(description="Times reps sent any of those assets in the window.")
    helpful: int = Field(description="Times reps marked any of those assets helpful in the window.")
    status: SupplyStatus = Field(
        description="`no_answer` (a gap), `not_sent` (answers exist but reps rarely send them) or `in_use`."
    )


class TagHealthOut(BaseModel):
    """Library-wide health: suspect tags ranked by confidence, tag suggestions, and demand vs supply."""

    assets_checked: int = Field(description="Assets whose tags were checked.")
    suspects: list[SuspectTagOut] = Field(description="Tags the assets' text contradicts, most confident first.")
    suggestions: list[AssetTagSuggestionOut] = Field(description="Tags the assets' text supports but they lack.")
    demand: list[ThemeSupplyOut] = Field(description="Frequent objection themes and the supply of answers to them.")
