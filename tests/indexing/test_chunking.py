"""Sentence splitting and passage grouping."""

from __future__ import annotations

import pytest

from indexing.chunking import Chunker, split_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One. Two! Three?", ["One.", "Two!", "Three?"]),
        ("Costs fell 40%. Then rose.", ["Costs fell 40%.", "Then rose."]),
        ("We beat e.g. PayStack on speed. Next.", ["We beat e.g. PayStack on speed.", "Next."]),
        ("- first point\n- second point", ["first point", "second point"]),
        ("1. Step one\n2) Step two", ["Step one", "Step two"]),
        ('He said "fast." Then left.', ['He said "fast."', "Then left."]),
        ("Version 2.5 ships in Q3.", ["Version 2.5 ships in Q3."]),
        ("", []),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


def test_passages_respect_paragraphs_and_size() -> None:
    sentence = "Ledgerline matches every invoice to its purchase order in seconds."
    text = "\n\n".join([" ".join([sentence] * 12), "Short heading", " ".join([sentence] * 3)])
    passages = Chunker(max_words=40, min_words=5).chunk(text, page=3)
    assert all(len(p.text.split()) <= 40 for p in passages)
    assert all(p.page == 3 for p in passages)
    assert any(p.text.startswith("Short heading") for p in passages)
    assert " ".join(p.text for p in passages).count(sentence) == 15


def test_no_text_is_lost() -> None:
    text = "Alpha beta gamma. Delta epsilon.\n\nZeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma tau."
    joined = " ".join(p.text for p in Chunker().chunk(text))
    assert joined.split() == text.split()


@pytest.mark.parametrize(("max_words", "min_words"), [(5, 0), (50, 50), (50, -1)])
def test_chunker_rejects_bad_arguments(max_words: int, min_words: int) -> None:
    with pytest.raises(ValueError):
        Chunker(max_words=max_words, min_words=min_words)
