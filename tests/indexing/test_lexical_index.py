"""BM25 ranking, tokenization and incremental updates."""

from __future__ import annotations

import pytest

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
