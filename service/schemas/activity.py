"""Schemas of objection logging, feedback and outcomes."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field

from service.schemas.common import Identifier, ShortText, Strict


class ObjectionIn(Strict):
    """One objection heard."""

    text: str = Field(min_length=1, max_length=500)
    industry: ShortText | None = None
    title: ShortText | None = None
    persona_id: ShortText | None = None
    stage: ShortText | None = None
    opportunity_id: ShortText | None = None
    logged_at: dt.datetime | None = None


class ObjectionsIn(Strict):
    """Objections to log without asking for content."""

    objections: list[ObjectionIn] = Field(min_length=1, max_length=1000)


class ObjectionsLogged(BaseModel):
    """How many objections were logged."""

    logged: int


class FeedbackIn(Strict):
    """A rep's action on an asset."""

    request_id: ShortText | None = None
    external_id: Identifier
    action: Literal["sent", "opened", "helpful", "not_helpful"]
    opportunity_id: ShortText | None = None
    rep_id: ShortText | None = None


class FeedbackLogged(BaseModel):
    """The stored feedback."""

    id: int
    external_id: str
    action: str


class OutcomeIn(Strict):
    """How an opportunity ended."""

    opportunity_id: ShortText = Field(min_length=1)
    outcome: Literal["won", "lost"]
    amount: float | None = Field(default=None, ge=0)


class OutcomeLogged(BaseModel):
    """The stored outcome."""

    id: int
    opportunity_id: str
    outcome: str
