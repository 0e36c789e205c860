"""Constrained types shared by every schema."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

ContentType = Literal[
    "blog_post",
    "white_paper",
    "ebook",
    "case_study",
    "infographic",
    "video",
    "webinar",
    "one_pager",
    "datasheet",
    "battlecard",
    "roi_calculator",
    "testimonial",
    "presentation",
    "guide",
    "other",
]
CONTENT_TYPES: tuple[str, ...] = ContentType.__args__  # type: ignore[attr-defined]
AssetStatus = Literal["published", "draft", "archived"]
CanonicalStage = Literal["awareness", "evaluation", "conversion"]
Role = Literal["rep", "marketing", "admin"]

Identifier = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=200, pattern=r"^[A-Za-z0-9][A-Za-z0-9._:-]*$"),
]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=300)]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
Tag = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Probability = Annotated[float, Field(ge=0.0, le=1.0)]


class Strict(BaseModel):
    """Base of request bodies: unknown fields are an error, not silently dropped."""

    model_config = ConfigDict(extra="forbid")


class ErrorBody(BaseModel):
    """The error detail: a machine code, a human message and optional details."""

    code: str
    message: str
    details: Any = None


class ErrorResponse(BaseModel):
    """The one error shape of every endpoint."""

    error: ErrorBody


class AssetRef(BaseModel):
    """The short form of an asset inside recommendations and search results."""

    external_id: str
    title: str
    content_type: str
    url: str | None
