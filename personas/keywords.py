"""Keyword evidence: which personas the words of a normalized title point to."""

from __future__ import annotations

from collections.abc import Sequence

from personas.models import Persona
from personas.titles import title_tokens

# Phrases that contain a persona keyword but do not signal that persona ("vice president" is not a "president").
NEUTRAL_PHRASES: tuple[str, ...] = ("vice president", "product owner", "process owner")


def _stem(token: str) -> str:
    """Fold a plain plural onto its singular ("payables" -> "payable"); applied to titles and keywords alike."""
    return token[:-1] if len(token) > 3 and token.endswith("s") and not token.endswith("ss") else token


def _phrase(text: str) -> tuple[str, ...]:
    """A keyword normalized exactly like a title, then stemmed."""
    return tuple(_stem(token) for token in title_tokens(text))


class KeywordIndex:
    """Leftmost-longest phrase matching of persona keywords against normalized title tokens."""

    def __init__(self, personas: Sequence[Persona]) -> None:
        """Index every persona's keywords (normalized like titles) plus the neutral phrases."""
        self._owners: dict[tuple[str, ...], set[str]] = {}
        for neutral in NEUTRAL_PHRASES:
            self._owners.setdefault(_phrase(neutral), set())
        for persona in personas:
            for keyword in persona.keywords:
                phrase = _phrase(keyword)
                if phrase:
                    self._owners.setdefault(phrase, set()).add(persona.persona_id)
        self._longest = max((len(phrase) for phrase in self._owners), default=0)

    def evidence(self, tokens: Sequence[str]) -> dict[str, float]:
        """Keyword evidence per persona id: each matched keyword adds 1 / (number of personas sharing it)."""
        stems = [_stem(token) for token in tokens]
        scores: dict[str, float] = {}
        i = 0
        while i < len(stems):
            for length in range(min(self._longest, len(stems) - i), 0, -1):
                owners = self._owners.get(tuple(stems[i : i + length]))
                if owners is not None:
                    for persona_id in owners:
                        scores[persona_id] = scores.get(persona_id, 0.0) + 1.0 / len(owners)
                    i += length
                    break
            else:
                i += 1
        return scores
