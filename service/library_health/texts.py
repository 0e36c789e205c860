"""An asset's own text as the health checks read it: passages, their vectors and their words."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from indexing.documents import OBJECTION
from indexing.lexical_index import tokenize
from indexing.library import AssetCard, ChunkInfo, Library


@dataclass(frozen=True)
class AssetText:
    """The title and body passages of an asset (not its objection tags), with unit vectors and stems."""

    card: AssetCard
    passages: tuple[ChunkInfo, ...]
    vectors: np.ndarray
    stems: tuple[frozenset[str], ...]

    @property
    def profile(self) -> np.ndarray:
        """The unit mean of the passage vectors: what the asset is about as a whole."""
        mean = self.vectors.mean(axis=0) if len(self.vectors) else np.zeros(self.vectors.shape[1], np.float32)
        norm = float(np.linalg.norm(mean))
        return mean / norm if norm else mean

    @property
    def all_stems(self) -> frozenset[str]:
        """Every word stem of the asset's text."""
        return frozenset().union(*self.stems) if self.stems else frozenset()


def asset_texts(library: Library, asset_ids: Iterable[int] | None = None) -> list[AssetText]:
    """The texts of the given assets (all assets when None), read from the in-memory library."""
    texts = []
    with library.lock.read():
        ids = list(library.cards) if asset_ids is None else [i for i in asset_ids if i in library.cards]
        for asset_id in ids:
            passages = tuple(
                library.chunks[c] for c in library.asset_chunks.get(asset_id, ()) if library.chunks[c].kind != OBJECTION
            )
            vectors = library.vectors.vectors(np.array([p.chunk_id for p in passages], dtype=np.int64))
            texts.append(
                AssetText(
                    card=library.cards[asset_id],
                    passages=passages,
                    vectors=np.asarray(vectors, dtype=np.float32).reshape(len(passages), library.dimension),
                    stems=tuple(frozenset(tokenize(p.text)) for p in passages),
                )
            )
    return texts


def objection_tag_vectors(library: Library) -> dict[str, np.ndarray]:
    """Each objection tag text in the library with its stored vector (no re-embedding)."""
    found: dict[str, int] = {}
    with library.lock.read():
        for chunk in library.chunks.values():
            if chunk.kind == OBJECTION and chunk.asset_id in library.cards:
                found.setdefault(chunk.text, chunk.chunk_id)
        if not found:
            return {}
        vectors = library.vectors.vectors(np.array(list(found.values()), dtype=np.int64))
    return {text: np.asarray(vector, dtype=np.float32) for text, vector in zip(found, vectors, strict=True)}
