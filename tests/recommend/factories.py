"""Hand-built asset cards for ranking tests."""

from __future__ import annotations

import datetime as dt

from indexing.library import AssetCard

TODAY = dt.date(2026, 11, 1)


def card(asset_id: int = 1, **overrides: object) -> AssetCard:
    fields: dict[str, object] = {
        "asset_id": asset_id,
        "external_id": f"a{asset_id}",
        "title": f"Asset {asset_id}",
        "summary": "",
        "url": None,
        "content_type": "guide",
        "personas": (),
        "stages": (),
        "industries": (),
        "objections": (),
        "products": (),
        "usage_notes": "",
        "published_at": TODAY,
        "expires_at": None,
        "status": "published",
    }
    fields.update(overrides)
    return AssetCard(**fields)  # type: ignore[arg-type]
