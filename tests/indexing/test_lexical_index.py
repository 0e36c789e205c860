"""BM25 ranking, tokenization and incremental updates."""

from __future__ import annotations

import math
import random

import pytest

from indexing import lexical_index
from indexing.lexical_index import LexicalIndex, stem, tokenize


@pytest.mark.parametrize(
    "forms",
    [
        ("invoice", "invoices", "invoiced", "invoicing"),
        ("price", "prices", "priced", "pricing"),
        ("match", "matches", "matched", "matching"),
        ("company", "companies"),
        ("process", "processes"),
    ],
)
def test_word_forms_share_a_stem(forms: tuple[str, ...]) -> None:
    assert len({stem(f) for f in forms}) == 1


def test_tokenize_drops_stop_words_and_keeps_symbols_inside_words() -> None:
    assert tokenize("The invoices are matching payments") == [stem("invoice"), stem("match"), stem("payment")]
    assert tokenize("SOC 2 & NetSuite, AT&T") == ["soc", "2", stem("netsuite"), "at&t"]


def test_rare_terms_rank_higher_and_updates_apply() -> None:
    index = LexicalIndex()
    index.add(1, "invoice approval workflow for finance teams")
    index.add(2, "invoice capture with OCR accuracy")
    index.add(3, "security and compliance: SOC 2 reports")
    hits = index.search("OCR invoice", 10)
    assert [doc for doc, _ in hits][:2] == [2, 1]
    index.remove(2)
    assert [doc for doc, _ in index.search("OCR", 10)] == []
    index.add(1, "now about OCR")
    assert [doc for doc, _ in index.search("OCR", 10)] == [1]
    assert len(index) == 2


def test_empty_index_and_unknown_terms() -> None:
    index = LexicalIndex()
    assert index.search("anything", 5) == []
    index.add(1, "words")
    assert index.search("zzz", 5) == []
    index.remove(42)


def _reference_bm25(docs: dict[int, str], query: str, k1: float = 1.2, b: float = 0.75) -> dict[int, float]:
    """Textbook BM25 over the live documents, one posting at a time."""
    tokens = {doc: tokenize(text) for doc, text in docs.items()}
    average = sum(len(t) for t in tokens.values()) / len(tokens) or 1.0
    scores: dict[int, float] = {}
    for term in set(tokenize(query)):
        holding = [doc for doc, t in tokens.items() if term in t]
        if not holding:
            continue
        idf = math.log(1 + (len(tokens) - len(holding) + 0.5) / (len(holding) + 0.5))
        for doc in holding:
            tf = tokens[doc].count(term)
            norm = tf + k1 * (1 - b + b * len(tokens[doc]) / average)
            scores[doc] = scores.get(doc, 0.0) + idf * tf * (k1 + 1) / norm
    return scores


@pytest.mark.parametrize(
    ("cached_from", "max_cached"),
    [(lexical_index.CACHED_POSTINGS_FROM, lexical_index.MAX_CACHED_SCORES), (1, 40)],
    ids=["default", "every term cached, with evictions"],
)
def test_matches_textbook_bm25_through_adds_replacements_removals_and_merges(
    monkeypatch: pytest.MonkeyPatch, cached_from: int, max_cached: int
) -> None:
    monkeypatch.setattr(lexical_index, "MIN_TAIL", 8)
    monkeypatch.setattr(lexical_index, "CACHED_POSTINGS_FROM", cached_from)
    monkeypatch.setattr(lexical_index, "MAX_CACHED_SCORES", max_cached)
    rng = random.Random(5)
    words = "invoice approval ocr soc report vendor portal price erp audit fraud rebate teams cost".split()
    index = LexicalIndex()
    docs: dict[int, str] = {}
    for step in range(600):
        doc = rng.randrange(80)
        if rng.random() < 0.25:
            index.remove(doc)
            docs.pop(doc, None)
        else:
            text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 8)))
            index.add(doc, text)
            docs[doc] = text
        if step % 3 == 0:
            index.merge()
        if step % 20 == 0 and docs:
            query = " ".join(rng.sample(words, 3))
            expected = _reference_bm25(docs, query)
            hits = index.search(query, 1000)
            assert {d for d, _ in hits} == set(expected)
            assert all(s == pytest.approx(expected[d]) for d, s in hits)
            assert [s for _, s in hits] == sorted((s for _, s in hits), reverse=True)
            assert len(index.search(query, 3)) == min(3, len(expected))
            for word in words[:4]:
                assert sorted(index.documents_with(stem(word))) == sorted(
                    d for d, t in docs.items() if stem(word) in tokenize(t)
                )
    assert len(index) == len(docs)


def test_ties_come_in_the_order_documents_were_added() -> None:
    index = LexicalIndex()
    for doc in (5, 3, 9, 1, 7):
        index.add(doc, "same words here")
    index.add(2, "other words entirely here and there")
    assert [d for d, _ in index.search("same words", 3)] == [5, 3, 9]
    assert [d for d, _ in index.search("same words", 10)][:5] == [5, 3, 9, 1, 7]


def test_top_k_of_a_large_index_with_many_ties_matches_the_reference_order() -> None:
    rng = random.Random(11)
    words = "invoice approval vendor portal price audit".split()
    index = LexicalIndex()
    docs: dict[int, str] = {}
    for doc in rng.sample(range(100_000), 3000):  # ids not in the order they were added
        docs[doc] = " ".join(rng.choice(words) for _ in range(rng.randint(1, 4)))
        index.add(doc, docs[doc])
    added = {doc: position for position, doc in enumerate(docs)}
    for query in ("invoice approval", "vendor portal price", "audit"):
        expected = _reference_bm25(docs, query)
        ranked = sorted(expected, key=lambda doc: (-round(expected[doc], 9), added[doc]))
        for k in (1, 7, 50, 400):
            hits = index.search(query, k)
            assert [doc for doc, _ in hits] == ranked[:k]
            assert all(score == pytest.approx(expected[doc]) for doc, score in hits)
