"""Plain baselines over whole assets: dense cosine with the same model, and BM25."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import numpy as np

from indexing.embedder import Embedder
from indexing.lexical_index import LexicalIndex


def asset_text(asset: dict[str, Any]) -> str:
    """The whole text of an asset as a plain search engine would index it."""
    return "\n".join(str(asset.get(field) or "") for field in ("title", "summary", "body"))


def is_live(asset: dict[str, Any], today: dt.date) -> bool:
    """Published and not expired (baselines get the same status filter as the service)."""
    expires = asset.get("expires_at")
    return asset.get("status", "published") == "published" and (not expires or dt.date.fromisoformat(expires) > today)


def prospect_query(prospect: dict[str, Any]) -> str:
    """Everything the rep typed, as one query."""
    parts = [*prospect.get("objections", []), prospect.get("title"), prospect.get("industry"), prospect.get("stage")]
    return " ".join(str(p) for p in parts if p)


class DenseBaseline:
    """Cosine similarity between the query and each whole asset (one vector per asset)."""

    def __init__(self, assets: Sequence[dict[str, Any]], embedder: Embedder) -> None:
        self.ids = [a["external_id"] for a in assets]
        self.embedder = embedder
        self.vectors = embedder.encode([asset_text(a) for a in assets])

    def rank(self, query: str, k: int) -> list[str]:
        """The k most similar asset ids."""
        scores = self.vectors @ self.embedder.encode([query])[0]
        return [self.ids[i] for i in np.argsort(-scores)[:k]]


class Bm25Baseline:
    """BM25 over whole assets."""

    def __init__(self, assets: Sequence[dict[str, Any]]) -> None:
        self.ids = [a["external_id"] for a in assets]
        self.index = LexicalIndex()
        for position, asset in enumerate(assets):
            self.index.add(position, asset_text(asset))

    def rank(self, query: str, k: int) -> list[str]:
        """The k best-scoring asset ids."""
        return [self.ids[position] for position, _ in self.index.search(query, k)]
