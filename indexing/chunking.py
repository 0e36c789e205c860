"""Split asset text into sentences and retrievable passages."""

from __future__ import annotations

import re
from dataclasses import dataclass

_ABBREVIATIONS = ("e.g.", "i.e.", "vs.", "etc.", "inc.", "no.", "mr.", "ms.", "dr.", "approx.", "u.s.", "st.")
_SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"'”’)\]]))\s+(?=[\"“'‘(\[]?[A-Z0-9$€£])")
_BULLET = re.compile(r"^\s*(?:[-*•·▪◦]|\d+[.)])\s+")
_PLACEHOLDER = "\u0000"
_ABBREVIATION = re.compile(r"(?<![A-Za-z])(?:" + "|".join(re.escape(a) for a in _ABBREVIATIONS) + ")", re.IGNORECASE)


@dataclass(frozen=True)
class Passage:
    """A passage of an asset, with the page or slide it came from when known."""

    text: str
    page: int | None = None


def split_sentences(text: str) -> list[str]:
    """Split prose into sentences; each line of a list is its own sentence."""
    sentences: list[str] = []
    for line in text.splitlines():
        line = _BULLET.sub("", line).strip()
        if not line:
            continue
        protected = _ABBREVIATION.sub(lambda m: m.group(0).replace(".", _PLACEHOLDER), line)
        for sentence in _SENTENCE_END.split(protected):
            sentence = sentence.replace(_PLACEHOLDER, ".").strip()
            if sentence:
                sentences.append(sentence)
    return sentences


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]


class Chunker:
    """Groups sentences into passages of at most ``max_words`` words within a paragraph.

    Short paragraphs (headings, captions) are carried into the next passage so
    that no passage is a bare heading.
    """

    def __init__(self, *, max_words: int = 70, min_words: int = 12) -> None:
        if max_words < 10:
            raise ValueError(f"max_words must be at least 10, got {max_words}")
        if not 0 <= min_words < max_words:
            raise ValueError(f"min_words must be between 0 and max_words ({max_words}), got {min_words}")
        self.max_words = max_words
        self.min_words = min_words

    def chunk(self, text: str, *, page: int | None = None) -> list[Passage]:
        """Passages of ``text`` in reading order."""
        passages: list[Passage] = []
        carry: list[str] = []
        for paragraph in _paragraphs(text):
            sentences = carry + split_sentences(paragraph)
            carry = []
            if sum(len(s.split()) for s in sentences) < self.min_words:
                carry = sentences
                continue
            passages.extend(Passage(" ".join(group), page) for group in self._group(sentences))
        if carry:
            passages.append(Passage(" ".join(carry), page))
        return passages

    def _group(self, sentences: list[str]) -> list[list[str]]:
        groups: list[list[str]] = []
        current: list[str] = []
        words = 0
        for sentence in sentences:
            length = len(sentence.split())
            if current and words + length > self.max_words:
                groups.append(current)
                current, words = [], 0
            current.append(sentence)
            words += length
        if current:
            if groups and words < self.min_words:
                groups[-1].extend(current)
            else:
                groups.append(current)
        return groups
