"""Field sets for assets written straight to the store."""

from __future__ import annotations

import datetime as dt
from typing import Any


def asset_fields(**overrides: Any) -> dict[str, Any]:
    """Every asset column with plain defaults, overridable by keyword."""
    base: dict[str, Any] = {
        "title": "Guide",
        "summary": "",
        "body": "Body text.",
        "url": None,
        "content_type": "guide",
        "personas": ["finance"],
        "stages": ["evaluation"],
        "industries": ["Healthcare"],
        "objections": [],
        "products": [],
        "usage_notes": "",
        "published_at": dt.date(2026, 1, 1),
        "expires_at": None,
        "status": "published",
        "source": None,
    }
    return {**base, **overrides}
