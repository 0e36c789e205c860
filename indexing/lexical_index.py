"""An in-memory BM25 index with incremental adds and removes."""

from __future__ import annotations

import math
import re
from collections import Counter

_TOKEN = re.compile(r"[a-z0-9]+(?:[&'][a-z0-9]+)*")
STOPWORDS = frozenset(
    "a an and are as at be been but by can could do does for from had has have how i if in into is it its "
    "just me more my no not of on or our ours so than that the their them then there these they this those "
    "to too up us very was we were what when where which while who will with would you your".split()
)


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


class LexicalIndex:
    """Okapi BM25 over short documents keyed by integer ids."""

    def __init__(self, *, k1: float = 1.2, b: float = 0.75) -> None:
        if k1 < 0 or not 0 <= b <= 1:
            raise ValueError(f"k1 must be non-negative and b within [0, 1], got k1={k1}, b={b}")
        self.k1 = k1
        self.b = b
        self._postings: dict[str, dict[int, int]] = {}
        self._lengths: dict[int, int] = {}
        self._terms: dict[int, tuple[str, ...]] = {}
        self._total_length = 0

    def __len__(self) -> int:
        """Number of documents."""
        return len(self._lengths)

    def add(self, doc_id: int, text: str) -> None:
        """Index a document (replacing any earlier text under the same id)."""
        self.remove(doc_id)
        counts = Counter(tokenize(text))
        for term, count in counts.items():
            self._postings.setdefault(term, {})[doc_id] = count
        length = sum(counts.values())
        self._lengths[doc_id] = length
        self._terms[doc_id] = tuple(counts)
        self._total_length += length

    def remove(self, doc_id: int) -> None:
        """Forget a document; unknown ids are ignored."""
        terms = self._terms.pop(doc_id, None)
        if terms is None:
            return
        for term in terms:
            posting = self._postings[term]
            del posting[doc_id]
            if not posting:
                del self._postings[term]
        self._total_length -= self._lengths.pop(doc_id)

    def documents_with(self, term: str) -> list[int]:
        """Ids of the documents containing a (tokenized) term, or a word it abbreviates ("impl")."""
        if term in self._postings:
            return list(self._postings[term])
        if len(term) < 3:
            return []
        return [doc for word, posting in self._postings.items() if word.startswith(term) for doc in posting]

    def search(self, query: str, k: int) -> list[tuple[int, float]]:
        """The ``k`` best (id, BM25 score) pairs for the query, best first."""
        if not self._lengths:
            return []
        count = len(self._lengths)
        average = self._total_length / count or 1.0
        scores: dict[int, float] = {}
        for term in set(tokenize(query)):
            posting = self._postings.get(term)
            if not posting:
                continue
            idf = math.log(1 + (count - len(posting) + 0.5) / (len(posting) + 0.5))
            for doc_id, tf in posting.items():
                norm = tf + self.k1 * (1 - self.b + self.b * self._lengths[doc_id] / average)
                scores[doc_id] = scores.get(doc_id, 0.0) + idf * tf * (self.k1 + 1) / norm
        return sorted(scores.items(), key=lambda item: -item[1])[:k]
