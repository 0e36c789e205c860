"""An in-memory BM25 index with incremental adds and removes, scored with numpy (no Python loop per posting)."""

from __future__ import annotations

import math
import re
from array import array
from collections import Counter
from functools import lru_cache

import numpy as np

from indexing.id_map import IdMap

_TOKEN = re.compile(r"[a-z0-9]+(?:[&'][a-z0-9]+)*")
STOPWORDS = frozenset(
    "a an and are as at be been but by can could do does for from had has have how i if in into is it its "
    "just me more my no not of on or our ours so than that the their them then there these they this those "
    "to too up us very was we were what when where which while who will with would you your".split()
)
# Postings added since the last merge stay in a small unsorted tail; it is merged into the sorted
# arrays once it holds this many entries or an eighth of them, whichever is more.
MIN_TAIL = 4096
# The BM25 scores of a term holding at least this many documents are kept until the index changes
# (queries share words: "price", "integration"), up to this many scores in all (about 12 bytes each).
CACHED_POSTINGS_FROM = 2048
MAX_CACHED_SCORES = 3_000_000
_NO_HITS = (np.zeros(0, dtype=np.int64), np.zeros(0))


@lru_cache(maxsize=1 << 14)
def stem(token: str) -> str:
    """A light suffix stemmer so that plurals and verb forms meet ("pricing", "prices" → "pric")."""
    if len(token) > 4 and token.endswith("ies"):
        return token[:-3] + "y"
    if len(token) > 4 and token.endswith(("sses", "ches", "shes", "xes", "zes")):
        token = token[:-2]
    elif len(token) > 3 and token.endswith("s") and not token.endswith(("ss", "us", "is")):
        token = token[:-1]
    for suffix in ("ing", "ed"):
        if len(token) > len(suffix) + 3 and token.endswith(suffix):
            token = token[: -len(suffix)]
            break
    return token[:-1] if len(token) > 4 and token.endswith("e") else token


def tokenize(text: str) -> list[str]:
    """Lower-cased, stemmed word tokens without stop words."""
    return [stem(t) for t in _TOKEN.findall(text.lower()) if t not in STOPWORDS]


def words_by_stem(text: str) -> list[tuple[str, str]]:
    """(stem, word as written, lower-cased) for each token of ``tokenize``."""
    return [(stem(t), t) for t in _TOKEN.findall(text.lower()) if t not in STOPWORDS]


def _grown(values: np.ndarray, size: int) -> np.ndarray:
    """``values`` with room for at least ``size`` rows (capacity doubles)."""
    if size <= len(values):
        return values
    grown = np.zeros(max(size, 2 * len(values), 64), dtype=values.dtype)
    grown[: len(values)] = values
    return grown


class LexicalIndex:
    """Okapi BM25 over short documents keyed by integer ids.

    Documents live in rows of flat arrays (length, alive flag, id); postings are
    term-sorted numpy arrays (a CSC matrix: term → rows and term frequencies) plus
    a small unsorted tail of recent additions. A removal only clears the row's
    alive flag; dead rows are dropped when enough of them pile up. A search scores
    every posting of the query's terms with array operations.
    """

    def __init__(self, *, k1: float = 1.2, b: float = 0.75) -> None:
        if k1 < 0 or not 0 <= b <= 1:
            raise ValueError(f"k1 must be non-negative and b within [0, 1], got k1={k1}, b={b}")
        self.k1 = k1
        self.b = b
        self._vocabulary: dict[str, int] = {}
        self._words: list[str] = []
        self._row_of = IdMap()
        self._rows = 0
        self._doc_ids = np.zeros(0, dtype=np.int64)
        self._lengths = np.zeros(0, dtype=np.int32)
        self._alive = np.zeros(0, dtype=bool)
        self._total_length = 0
        # Merged postings: rows of term t are _posting_rows[_indptr[t]:_indptr[t + 1]].
        self._indptr = np.zeros(1, dtype=np.int64)
        self._posting_rows = np.zeros(0, dtype=np.int32)
        self._posting_tf = np.zeros(0, dtype=np.uint16)
        self._tail_terms = array("i")
        self._tail_rows = array("i")
        self._tail_tf = array("i")
        # Bumped by every change that can move a score; the term-score cache belongs to one version.
        self._version = 0
        self._scored_version = -1
        self._scored: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        self._scored_entries = 0

    def __len__(self) -> int:
        """Number of documents."""
        return len(self._row_of)

    def add(self, doc_id: int, text: str) -> None:
        """Index a document (replacing any earlier text under the same id)."""
        self.remove(doc_id)
        self._version += 1
        counts = Counter(tokenize(text))
        row = self._rows
        if row == len(self._alive):
            self._doc_ids = _grown(self._doc_ids, row + 1)
            self._lengths = _grown(self._lengths, row + 1)
            self._alive = _grown(self._alive, row + 1)
        length = sum(counts.values())
        self._doc_ids[row] = doc_id
        self._lengths[row] = length
        self._alive[row] = True
        self._rows += 1
        self._row_of[doc_id] = row
        self._total_length += length
        vocabulary = self._vocabulary
        for term, count in counts.items():
            term_id = vocabulary.get(term)
            if term_id is None:
                term_id = vocabulary[term] = len(self._words)
                self._words.append(term)
            self._tail_terms.append(term_id)
            self._tail_rows.append(row)
            self._tail_tf.append(count)

    def remove(self, doc_id: int) -> None:
        """Forget a document; unknown ids are ignored."""
        row = self._row_of.pop(doc_id)
        if row is None:
            return
        self._version += 1
        self._alive[row] = False
        self._total_length -= int(self._lengths[row])

    def _merge(self, *, force: bool = False) -> None:
        """Fold the tail into the sorted postings, and drop dead rows once they are a quarter of all."""
        dead = self._rows - len(self._row_of)
        if (
            not force
            and len(self._tail_terms) < max(MIN_TAIL, len(self._posting_rows) // 8)
            and (dead < MIN_TAIL or dead * 4 < self._rows)
        ):
            return
        self._version += 1
        counts = np.diff(self._indptr)
        terms = np.concatenate(
            [np.repeat(np.arange(len(counts), dtype=np.int32), counts), np.array(self._tail_terms, dtype=np.int32)]
        )
        rows = np.concatenate([self._posting_rows, np.array(self._tail_rows, dtype=np.int32)])
        tf = np.concatenate([self._posting_tf, np.minimum(np.array(self._tail_tf), 65535).astype(np.uint16)])
        self._tail_terms, self._tail_rows, self._tail_tf = array("i"), array("i"), array("i")
        if dead:
            keep = self._alive[rows]
            terms, rows, tf = terms[keep], rows[keep], tf[keep]
            if dead * 4 >= self._rows:
                rows = self._renumber(rows)
        order = np.argsort(terms, kind="stable")
        self._posting_rows, self._posting_tf = rows[order], tf[order]
        self._indptr = np.zeros(len(self._words) + 1, dtype=np.int64)
        np.cumsum(np.bincount(terms, minlength=len(self._words)), out=self._indptr[1:])

    def _renumber(self, rows: np.ndarray) -> np.ndarray:
        """Pack the live rows to the front; return ``rows`` (all live) in the new numbering."""
        alive = self._alive[: self._rows]
        new_row = np.cumsum(alive, dtype=np.int64) - 1
        self._doc_ids = self._doc_ids[: self._rows][alive].copy()
        self._lengths = self._lengths[: self._rows][alive].copy()
        self._rows = len(self._doc_ids)
        self._alive = np.ones(self._rows, dtype=bool)
        self._row_of = IdMap()
        for row, doc in enumerate(self._doc_ids.tolist()):
            self._row_of[doc] = row
        return new_row[rows].astype(np.int32)

    def merge(self) -> None:
        """Sort the recent additions into the postings once enough have piled up. Searches never merge (they
        may run side by side), so call this where writes are excluded from searches."""
        self._merge()

    def pack(self) -> None:
        """Merge the recent additions into the sorted postings now (after a bulk load), not at the next search."""
        if len(self._tail_terms):
            self._merge(force=True)

    def _postings(self, term_id: int) -> tuple[np.ndarray, np.ndarray]:
        """Live rows holding a term and the term's frequency in each (as float64)."""
        if term_id + 1 < len(self._indptr):
            start, end = self._indptr[term_id], self._indptr[term_id + 1]
            rows, tf = self._posting_rows[start:end], self._posting_tf[start:end]
        else:
            rows, tf = self._posting_rows[:0], self._posting_tf[:0]
        if len(self._tail_terms):
            match = np.flatnonzero(np.frombuffer(self._tail_terms, dtype=np.int32) == term_id)
            if len(match):
                rows = np.concatenate([rows, np.frombuffer(self._tail_rows, dtype=np.int32)[match]])
                tail_tf = np.minimum(np.frombuffer(self._tail_tf, dtype=np.int32)[match], 65535).astype(np.uint16)
                tf = np.concatenate([tf, tail_tf])
        live = self._alive[rows]
        tf = tf.astype(np.float64)
        return (rows, tf) if live.all() else (rows[live], tf[live])

    def documents_with(self, term: str) -> list[int]:
        """Ids of the documents containing a (tokenized) term, or a word it abbreviates ("impl")."""
        term_id = self._vocabulary.get(term)
        if term_id is not None:
            rows = self._postings(term_id)[0]
            if len(rows):
                return [int(d) for d in self._doc_ids[rows]]
        if len(term) < 3:
            return []
        return [
            int(doc)
            for word, word_id in self._vocabulary.items()
            if word.startswith(term)
            for doc in self._doc_ids[self._postings(word_id)[0]]
        ]

    def search(self, query: str, k: int) -> list[tuple[int, float]]:
        """The ``k`` best (id, BM25 score) pairs for the query, best first."""
        ids, scores = self.search_arrays(query, k)
        return list(zip(ids.tolist(), scores.tolist(), strict=True))

    def search_arrays(self, query: str, k: int) -> tuple[np.ndarray, np.ndarray]:
        """``search`` as two arrays: the ids (int64) and their BM25 scores (float64), best first."""
        count = len(self._row_of)
        if not count or k < 1:
            return _NO_HITS
        average = self._total_length / count or 1.0
        found_rows: list[np.ndarray] = []
        found_scores: list[np.ndarray] = []
        for term in set(tokenize(query)):
            term_id = self._vocabulary.get(term)
            if term_id is None:
                continue
            rows, scores = self._term_scores(term_id, count, average)
            if len(rows):
                found_rows.append(rows)
                found_scores.append(scores)
        if not found_rows:
            return _NO_HITS
        rows, scores = self._summed(found_rows, found_scores, k)
        if len(rows) > k:
            # The k best; of documents tied at the cut, the earliest added (as ranking then breaks ties).
            kth = np.partition(scores, len(scores) - k)[len(scores) - k]
            tied = np.flatnonzero(scores == kth)
            tied = tied[np.argsort(rows[tied], kind="stable")][: k - int(np.count_nonzero(scores > kth))]
            top = np.concatenate([np.flatnonzero(scores > kth), tied])
            rows, scores = rows[top], scores[top]
        order = np.lexsort((rows, -scores))
        return self._doc_ids[rows[order]].astype(np.int64), scores[order].astype(np.float64)

    def _term_scores(self, term_id: int, count: int, average: float) -> tuple[np.ndarray, np.ndarray]:
        """The live rows holding a term and the term's BM25 score in each; a long posting list's scores are
        kept until the index changes."""
        if self._scored_version != self._version:
            self._scored, self._scored_entries, self._scored_version = {}, 0, self._version
        cached = self._scored.get(term_id)
        if cached is not None:
            return cached
        rows, tf = self._postings(term_id)
        idf = math.log(1 + (count - len(rows) + 0.5) / (len(rows) + 0.5))
        norm = tf + self.k1 * (1 - self.b + self.b * self._lengths[rows] / average)
        scored = rows, idf * tf * (self.k1 + 1) / norm
        if CACHED_POSTINGS_FROM <= len(rows) <= MAX_CACHED_SCORES:
            while self._scored_entries + len(rows) > MAX_CACHED_SCORES:
                oldest = next(iter(self._scored))
                self._scored_entries -= len(self._scored.pop(oldest)[0])
            self._scored[term_id] = scored
            self._scored_entries += len(rows)
        return scored

    def _summed(self, rows: list[np.ndarray], scores: list[np.ndarray], k: int) -> tuple[np.ndarray, np.ndarray]:
        """Per-row sums of the terms' scores (each term holds a row at most once), summed in term order;
        for long postings only the rows that can be among the ``k`` best (ties at the cut included)."""
        if len(rows) == 1:
            return rows[0], scores[0].astype(np.float64)
        total = sum(len(r) for r in rows)
        if total * 16 < self._rows:
            unique, inverse = np.unique(np.concatenate(rows), return_inverse=True)
            return unique, np.bincount(inverse, weights=np.concatenate(scores), minlength=len(unique))
        touched = np.concatenate(rows)  # a row once per term that holds it
        dense = np.bincount(touched, weights=np.concatenate(scores), minlength=self._rows)
        sums = dense[touched]
        take = k * len(rows)  # these best entries hold at least k distinct rows
        if len(touched) > take:
            best = np.unique(touched[np.argpartition(-sums, take - 1)[:take]])
            kth = np.partition(dense[best], len(best) - k)[len(best) - k]
            above = np.unique(touched[sums > kth])
            tied = _smallest_distinct(touched[sums == kth], k - len(above), repeats=len(rows))
            hit = np.concatenate([above, tied])
            return hit, dense[hit]
        hit = np.unique(touched)
        return hit, dense[hit]


def _smallest_distinct(values: np.ndarray, count: int, *, repeats: int) -> np.ndarray:
    """The ``count`` smallest distinct values, ascending, where no value occurs more than ``repeats`` times
    (so they all lie among the ``count * repeats`` smallest entries)."""
    if count <= 0:
        return values[:0]
    if len(values) > count * repeats:
        values = np.partition(values, count * repeats - 1)[: count * repeats]
    return np.unique(values)[:count]
