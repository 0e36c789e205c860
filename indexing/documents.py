"""Turn an asset's fields into the texts that get embedded and indexed."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from indexing.chunking import Chunker, Passage

TITLE = "title"
OBJECTION = "objection"
BODY = "body"


@dataclass(frozen=True)
class ChunkText:
    """One text of an asset to embed: its kind (title, objection tag or body passage)."""

    kind: str
    text: str
    page: int | None = None

    @property
    def content_hash(self) -> str:
        """Hash of kind and text: unchanged chunks keep their stored vector."""
        return text_hash(f"{self.kind}\n{self.text}")


def text_hash(text: str) -> str:
    """Hex SHA-256 of a text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def fields_hash(fields: dict[str, Any]) -> str:
    """A stable hash of an asset's fields, to tell real changes from re-sends."""
    return text_hash(json.dumps(fields, sort_keys=True, default=str))


def asset_chunks(
    *, title: str, summary: str, objections: list[str], body: str, chunker: Chunker, pages: list[Passage] | None = None
) -> list[ChunkText]:
    """The texts of an asset: title with summary, each objection tag, then body passages.

    ``pages`` (from an extracted document) replaces the plain body so passages
    keep their page or slide number.
    """
    chunks = [ChunkText(TITLE, f"{title}. {summary}".strip() if summary else title)]
    chunks.extend(ChunkText(OBJECTION, objection) for objection in dict.fromkeys(objections))
    sources = pages if pages is not None else [Passage(body)]
    for source in sources:
        chunks.extend(ChunkText(BODY, p.text, p.page) for p in chunker.chunk(source.text, page=source.page))
    return chunks
