"""How well an asset's text fits each value of one tag field (persona, stage or industry).

Three signals, each read against the library itself so the model adapts to any
library: closeness to the assets already carrying the value (leave-one-out
centroid, so an asset never vouches for its own tag), closeness to a description
of the value, and the value's cue words in the text. For stages the content
type adds the library's own stage mix per type.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from service.library_health.calibration import ChoiceModel
from service.library_health.texts import AssetText

TagsOf = Callable[[AssetText], Sequence[str]]


@dataclass(frozen=True)
class TagValue:
    """One value of a tag field: a unit vector describing it and the word stems that signal it."""

    value: str
    prototype: np.ndarray
    cues: frozenset[str]


@dataclass(frozen=True)
class Fit:
    """Probabilities of every value for one asset, and the passage that best shows each."""

    probabilities: dict[str, float]
    passages: dict[str, int]
    cue_shares: dict[str, float]

    def best(self, exclude: Sequence[str] = ()) -> tuple[str, float] | None:
        """The most probable value not in ``exclude``."""
        options = [(p, v) for v, p in self.probabilities.items() if v not in exclude]
        if not options:
            return None
        probability, value = max(options)
        return value, probability


class TagModel:
    """Scores every value of one tag field for the assets of a library.

    The signals are mixed by a conditional logit fitted to the library's own tags,
    so an asset's probabilities say how its text compares with how this library
    tags texts like it.
    """

    def __init__(self, values: Sequence[TagValue], texts: Sequence[AssetText], tags_of: TagsOf) -> None:
        self.values = list(values)
        self.tags_of = tags_of
        dimension = self.values[0].prototype.shape[0] if self.values else 0
        self._sums = {v.value: np.zeros(dimension, np.float32) for v in self.values}
        self._counts: Counter[str] = Counter()
        self._by_type: defaultdict[str, Counter[str]] = defaultdict(Counter)
        for text in texts:
            for tag in tags_of(text):
                if tag in self._sums:
                    self._sums[tag] += text.profile
                    self._counts[tag] += 1
                    self._by_type[text.card.content_type][tag] += 1
        self._prototypes = np.stack([v.prototype for v in self.values]) if self.values else np.zeros((0, dimension))
        features = np.stack([self._features(t) for t in texts]) if texts and self.values else np.zeros((0, 0, 4))
        tagged = np.array([[v.value in tags_of(t) for v in self.values] for t in texts], dtype=float)
        self._choice = ChoiceModel(features, tagged) if len(features) else None

    def fit(self, text: AssetText) -> Fit:
        """Probabilities of each value for ``text`` (its own tags left out of the centroids and type mix)."""
        features = self._features(text)
        probabilities = self._choice.probabilities(features) if self._choice else np.zeros(len(self.values))
        by_passage = text.vectors @ self._prototypes.T if len(text.vectors) and self.values else None
        return Fit(
            {v.value: float(p) for v, p in zip(self.values, probabilities, strict=True)},
            {v.value: self._best_passage(text, v, by_passage, i) for i, v in enumerate(self.values)},
            {v.value: float(f[2]) for v, f in zip(self.values, features, strict=True)},
        )

    def _features(self, text: AssetText) -> np.ndarray:
        """(values, 4): leave-one-out centroid closeness, description closeness, cue share, type prior."""
        own = set(self.tags_of(text))
        profile = text.profile
        rows = []
        for value in self.values:
            centroid = self._centroid(value.value, profile, own)
            rows.append(
                (
                    float(profile @ centroid) if centroid is not None else 0.0,
                    float(profile @ value.prototype),
                    self._cue_share(text, value),
                    self._type_prior(text, value, own),
                )
            )
        return np.array(rows, dtype=float)

    def _centroid(self, value: str, profile: np.ndarray, own: set[str]) -> np.ndarray | None:
        total, count = self._sums[value], self._counts[value]
        if value in own:
            total, count = total - profile, count - 1
        norm = float(np.linalg.norm(total))
        return total / norm if count > 0 and norm else None

    @staticmethod
    def _cue_share(text: AssetText, value: TagValue) -> float:
        """Share of the asset's passages that use one of the value's cue words."""
        if not text.stems or not value.cues:
            return 0.0
        return sum(1 for stems in text.stems if stems & value.cues) / len(text.stems)

    def _type_prior(self, text: AssetText, value: TagValue, own: set[str]) -> float:
        """Log share of this content type's other assets carrying the value (add-one smoothed)."""
        counts = Counter(self._by_type.get(text.card.content_type, Counter()))
        for tag in own:
            counts[tag] -= 1
        total = sum(max(0, n) for n in counts.values())
        return math.log((max(0, counts[value.value]) + 1) / (total + len(self.values)))

    @staticmethod
    def _best_passage(text: AssetText, value: TagValue, by_passage: np.ndarray | None, index: int) -> int:
        """The passage that shows the value best: one using its cue words, closest to its description."""
        if by_passage is None:
            return -1
        closeness = by_passage[:, index] + np.array([1.0 if s & value.cues else 0.0 for s in text.stems])
        return int(np.argmax(closeness))
