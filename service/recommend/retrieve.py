"""Hybrid retrieval: dense (FAISS) and lexical (BM25) evidence per query and asset."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np

from indexing.documents import OBJECTION
from indexing.library import Library

DENSE_CANDIDATES = 400
LEXICAL_CANDIDATES = 200
# BM25 runs here while FAISS (single-threaded, without the GIL) searches in the caller: one core each.
# One worker: BM25 searches run one at a time (the lexical index's term cache is not shared between threads).
_LEXICAL_WORKER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pitchwise-bm25")


@dataclass(slots=True)
class AssetEvidence:
    """How well one asset matches one query: best tag and passage similarity, lexical strength."""

    tag_similarity: float = 0.0
    passage_similarity: float = 0.0
    lexical: float = 0.0
    matched_tag: str | None = None
    passages: list[tuple[float, int]] = field(default_factory=list)


class Found(Mapping[int, AssetEvidence]):
    """The evidence of one query: asset id → AssetEvidence, held as arrays (one row per asset reached).

    Assets come in the order the query first reached them (dense hits, then lexical ones).
    Ranking reads the arrays directly; an AssetEvidence is made only when asked for.
    """

    def __init__(
        self,
        library: Library,
        asset_ids: np.ndarray,
        tag: np.ndarray,
        passage: np.ndarray,
        lexical: np.ndarray,
        tag_chunks: np.ndarray,
        hits: tuple[np.ndarray, np.ndarray, np.ndarray],
    ) -> None:
        self._library = library
        self.asset_ids = asset_ids
        self.tag_similarity = tag
        self.passage_similarity = passage
        self.lexical = lexical
        self._tag_chunks = tag_chunks
        self._hits = hits  # passage hits: similarity, chunk id, asset id, in rank order
        self._ids = asset_ids.tolist()
        self._row_of: dict[int, int] | None = None
        self._made: dict[int, AssetEvidence] = {}
        self._grouped: dict[int, list[tuple[float, int]]] | None = None

    @property
    def _rows(self) -> dict[int, int]:
        if self._row_of is None:
            self._row_of = {a: row for row, a in enumerate(self._ids)}
        return self._row_of

    def __getitem__(self, asset_id: int) -> AssetEvidence:
        made = self._made.get(asset_id)
        if made is not None:
            return made
        row = self._rows[asset_id]
        tag_chunk = int(self._tag_chunks[row])
        made = self._made[asset_id] = AssetEvidence(
            tag_similarity=float(self.tag_similarity[row]),
            passage_similarity=float(self.passage_similarity[row]),
            lexical=float(self.lexical[row]),
            matched_tag=self._library.chunks.text(tag_chunk) if tag_chunk >= 0 else None,
            passages=self._passages().get(asset_id, []),
        )
        return made

    def _passages(self) -> dict[int, list[tuple[float, int]]]:
        """Every asset's passage hits (similarity, chunk id), in rank order (grouped once, when first asked)."""
        if self._grouped is None:
            self._grouped = {}
            similarities, chunks, assets = self._hits
            for similarity, chunk_id, asset_id in zip(
                similarities.tolist(), chunks.tolist(), assets.tolist(), strict=True
            ):
                self._grouped.setdefault(asset_id, []).append((similarity, chunk_id))
        return self._grouped

    def __contains__(self, asset_id: object) -> bool:
        return asset_id in self._rows

    def __iter__(self) -> Iterator[int]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)

    def row(self, asset_id: int) -> int | None:
        """The array row of an asset, or None if the query did not reach it."""
        return self._rows.get(asset_id)


LexicalHits = list[tuple[np.ndarray, np.ndarray]]  # per query: chunk ids and BM25 scores, best first


def start_lexical(library: Library, queries: Sequence[str]) -> Future[LexicalHits]:
    """Start the BM25 searches of the queries on the lexical worker. Hold ``library.lock.read()`` from
    here until ``retrieve`` has taken the result, so both see the same library."""
    return _LEXICAL_WORKER.submit(
        lambda: [library.lexical.search_arrays(query, LEXICAL_CANDIDATES) for query in queries]
    )


def retrieve(
    library: Library,
    queries: Sequence[str],
    vectors: np.ndarray,
    *,
    today: dt.date,
    allowed: AbstractSet[int] | None = None,
    lexical: Future[LexicalHits] | None = None,
) -> list[Found]:
    """For each query, the evidence of every live asset it reached (optionally only ``allowed`` ids).

    ``lexical``: the queries' BM25 searches already started (``start_lexical``), say while their vectors
    were computed; otherwise they start here and run beside the FAISS search.
    """
    with library.lock.read():
        if lexical is None:
            lexical = start_lexical(library, queries)
        scores, ids = library.vectors.search(vectors, DENSE_CANDIDATES)
        lexical_hits = lexical.result()
        eligible = _Eligibility(library, today, allowed)
        objection = library.chunks.kind_code(OBJECTION)
        return [
            _found(library, scores[row], ids[row], lexical_hits[row], eligible, objection)
            for row in range(len(queries))
        ]


def _found(
    library: Library,
    scores: np.ndarray,
    ids: np.ndarray,
    lexical_hits: tuple[np.ndarray, np.ndarray],
    eligible: _Eligibility,
    objection: int,
) -> Found:
    """One query's evidence from its dense hits (best first) and lexical hits."""
    assets, kinds = library.chunks.locate(ids)
    keep = eligible.mask(assets)
    similarities, chunks, assets, kinds = scores[keep].astype(np.float64), ids[keep], assets[keep], kinds[keep]
    if np.any(np.diff(similarities) > 0):  # FAISS returns hits best first; make sure (ties keep rank order)
        order = np.lexsort((np.arange(len(similarities)), -similarities))
        similarities, chunks, assets, kinds = similarities[order], chunks[order], assets[order], kinds[order]
    reached, first = np.unique(assets, return_index=True)
    dense_assets = assets[np.sort(first)]  # in the order first reached
    lexical_assets, strengths = _lexical(library, lexical_hits, eligible)
    extra = lexical_assets[~_members(lexical_assets, reached)]
    _, first_extra = np.unique(extra, return_index=True)
    asset_ids = np.concatenate([dense_assets, extra[np.sort(first_extra)]]).astype(np.int64)
    by_id = np.argsort(asset_ids)
    sorted_ids = asset_ids[by_id]

    def rows_of(ids: np.ndarray) -> np.ndarray:
        return by_id[np.searchsorted(sorted_ids, ids)]

    rows = rows_of(assets)
    size = len(asset_ids)
    is_tag = kinds == objection
    tag, tag_chunks = _best(size, rows[is_tag], similarities[is_tag], chunks[is_tag])
    passage, _ = _best(size, rows[~is_tag], similarities[~is_tag], chunks[~is_tag])
    lexical = np.zeros(size)
    if len(lexical_assets):
        np.maximum.at(lexical, rows_of(lexical_assets), strengths)
    hits = (similarities[~is_tag], chunks[~is_tag], assets[~is_tag])
    return Found(library, asset_ids, tag, passage, lexical, tag_chunks, hits)


def _best(size: int, rows: np.ndarray, similarities: np.ndarray, chunks: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per row, the first (best) positive similarity and its chunk (0 and -1 where none): hits are best first."""
    best = np.zeros(size)
    best_chunks = np.full(size, -1, dtype=np.int64)
    positive = similarities > 0
    rows, similarities, chunks = rows[positive], similarities[positive], chunks[positive]
    if len(rows):
        seen, first = np.unique(rows, return_index=True)
        best[seen] = similarities[first]
        best_chunks[seen] = chunks[first]
    return best, best_chunks


def _members(values: np.ndarray, sorted_set: np.ndarray) -> np.ndarray:
    """True where a value is in ``sorted_set`` (ascending, distinct)."""
    if not len(sorted_set):
        return np.zeros(len(values), dtype=bool)
    at = np.minimum(np.searchsorted(sorted_set, values), len(sorted_set) - 1)
    return sorted_set[at] == values


def _lexical(
    library: Library, hits: tuple[np.ndarray, np.ndarray], eligible: _Eligibility
) -> tuple[np.ndarray, np.ndarray]:
    """Eligible assets of the lexical hits (in hit order) and each hit's strength: its BM25 relative to the
    query's best, squashed."""
    chunk_ids, scores = hits
    if not len(chunk_ids):
        return np.zeros(0, dtype=np.int64), np.zeros(0)
    top = float(scores[0])
    assets, _ = library.chunks.locate(chunk_ids)
    keep = eligible.mask(assets)
    return assets[keep], (scores[keep] / top) * min(1.0, top / 8.0)


class _Eligibility:
    """Which assets may be returned: live today, and allowed."""

    def __init__(self, library: Library, today: dt.date, allowed: AbstractSet[int] | None) -> None:
        self._library = library
        self._today = today
        self._allowed = None if allowed is None else np.fromiter(allowed, dtype=np.int64, count=len(allowed))

    def mask(self, assets: np.ndarray) -> np.ndarray:
        """True where the asset id (-1: none) may be returned."""
        mask = self._library.live(assets, self._today)
        if self._allowed is not None:
            mask &= np.isin(assets, self._allowed)
        return mask
