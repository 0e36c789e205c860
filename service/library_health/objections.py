"""Objection tags against the asset's text: tags nothing in the body supports, and answers nobody tagged.

Every asset is scored against every objection of the library's vocabulary (best
passage cosine plus the share of the objection's words that passage uses), and
compared with the other assets carrying each tag (their answering passages, their
texts as a whole, their words). How that relates to being tagged is learned from
the library's own tags, so "unsupported" and "answers it" mean the same on any library.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from indexing.lexical_index import tokenize
from service.library_health.calibration import BinaryModel
from service.library_health.carrier_words import carrier_word_evidence
from service.library_health.texts import AssetText

# Support is the best passage's cosine plus this weight times the share of the objection's words it uses.
WORD_WEIGHT = 0.2
# A tag is unsupported when the library's tagging makes it at most this likely ...
UNSUPPORTED = 0.1
# ... and an untagged objection is suggested when it makes it at least this likely (chosen on the demo
# library: the best precision of suggestions at recall >= 0.6 of removed tags, counting reviewed answers).
SUGGESTED = 0.46
# Two phrasings at least this similar are the same objection.
SAME_OBJECTION = 0.8


@dataclass(frozen=True)
class Support:
    """How well an asset's own text answers an objection, and the passage that does it best."""

    score: float
    passage: int


@dataclass(frozen=True)
class Judgement:
    """An objection for an asset: its support and how likely the library would tag it."""

    objection: str
    support: Support
    probability: float


class ObjectionChecker:
    """Judges every asset's objection tags against the library's objection vocabulary."""

    def __init__(self, texts: Sequence[AssetText], vocabulary: Mapping[str, np.ndarray]) -> None:
        self.objections = list(vocabulary)
        self.matrix = np.stack([vocabulary[o] for o in self.objections]) if self.objections else None
        self.words = [frozenset(tokenize(o)) for o in self.objections]
        self.index = {text.card.external_id: row for row, text in enumerate(texts)}
        supports = [self._supports(text) for text in texts]
        self.scores = np.array([[s.score for s in row] for row in supports]).reshape(len(texts), len(self.objections))
        self.passages = [[s.passage for s in row] for row in supports]
        self.tagged = np.array(
            [[o in text.card.objections for o in self.objections] for text in texts], dtype=float
        ).reshape(len(texts), len(self.objections))
        self.neighbours = self._neighbour_support(texts)
        self.centroids = self._centroid_closeness(texts)
        self.carrier_words = carrier_word_evidence([t.all_stems for t in texts], self.tagged)
        features = self._features()
        labels = self.tagged.reshape(-1)
        fitted = len(labels) and 0 < labels.sum() < len(labels)
        self.model = BinaryModel(features.reshape(-1, features.shape[-1]), labels) if fitted else None
        self.probabilities = (
            self.model.probability(features.reshape(-1, features.shape[-1])).reshape(self.tagged.shape)
            if self.model
            else np.zeros_like(self.tagged)
        )

    def _supports(self, text: AssetText) -> list[Support]:
        if self.matrix is None or not len(text.vectors):
            return [Support(0.0, -1) for _ in self.objections]
        overlap = np.array(
            [[len(words & stems) / len(words) if words else 0.0 for words in self.words] for stems in text.stems]
        )
        scores = text.vectors @ self.matrix.T + WORD_WEIGHT * overlap
        best = scores.argmax(axis=0)
        return [Support(float(scores[p, o]), int(p)) for o, p in enumerate(best)]

    def _neighbour_support(self, texts: Sequence[AssetText]) -> np.ndarray:
        """(assets, objections): closeness of the asset's passages to the passages with which *other* assets
        carrying the tag answer it (passage to passage compares like with like, unlike a short objection)."""
        answers = [
            (row, column, texts[row].vectors[self.passages[row][column]])
            for row, column in zip(*np.nonzero(self.tagged), strict=True)
            if self.passages[row][column] >= 0
        ]
        result = np.zeros_like(self.scores)
        if not answers:
            return result
        owners = np.array([a[0] for a in answers])
        columns = np.array([a[1] for a in answers])
        matrix = np.stack([a[2] for a in answers])
        for row, text in enumerate(texts):
            if not len(text.vectors):
                continue
            closest = (text.vectors @ matrix.T).max(axis=0)
            closest[owners == row] = 0.0
            np.maximum.at(result[row], columns, closest)
        return result

    def _centroid_closeness(self, texts: Sequence[AssetText]) -> np.ndarray:
        """(assets, objections): closeness of the asset as a whole to the other assets carrying the tag."""
        if not texts:
            return np.zeros_like(self.scores)
        profiles = np.stack([t.profile for t in texts])
        sums = self.tagged.T @ profiles
        result = np.zeros_like(self.scores)
        for row in range(len(texts)):
            others = sums - np.outer(self.tagged[row], profiles[row])
            norms = np.linalg.norm(others, axis=1)
            result[row] = np.where(norms > 0, others @ profiles[row] / np.maximum(norms, 1e-9), 0.0)
        return result

    def _features(self) -> np.ndarray:
        """(assets, objections, 8): support; its rank among the library's assets for the objection and among the
        asset's objections; how far it is above the median of the other assets carrying the tag and below the
        asset's best-supported objection; closeness to the other carriers' answering passages and to those
        carriers as a whole; how much the asset's words read like the other carriers' (``carrier_words``)."""
        count, width = self.scores.shape
        ranks = self.scores.argsort(axis=0).argsort(axis=0) / max(1, count - 1)
        row_ranks = self.scores.argsort(axis=1).argsort(axis=1) / max(1, width - 1)
        below_best = self.scores - self.scores.max(axis=1, keepdims=True, initial=-np.inf)  # no vocabulary: none
        peer = np.zeros_like(self.scores)
        for column in range(self.scores.shape[1]):
            carriers = np.flatnonzero(self.tagged[:, column])
            for row in range(count):
                others = carriers[carriers != row]
                median = (
                    float(np.median(self.scores[others, column]))
                    if len(others)
                    else float(self.scores[:, column].max())
                )
                peer[row, column] = self.scores[row, column] - median
        return np.stack(
            [self.scores, peer, ranks, row_ranks, below_best, self.neighbours, self.centroids, self.carrier_words],
            axis=-1,
        )

    def _judgements(self, text: AssetText) -> list[tuple[Judgement, bool]]:
        row = self.index[text.card.external_id]
        return [
            (
                Judgement(
                    o, Support(float(self.scores[row, c]), self.passages[row][c]), float(self.probabilities[row, c])
                ),
                bool(self.tagged[row, c]),
            )
            for c, o in enumerate(self.objections)
        ]

    def unsupported(self, text: AssetText) -> list[Judgement]:
        """Tags of the asset that its text supports far less than the library's tagging expects."""
        return [j for j, tagged in self._judgements(text) if tagged and j.probability <= UNSUPPORTED]

    def suggested(self, text: AssetText) -> list[Judgement]:
        """Vocabulary objections the asset answers the way tagged assets do, but does not carry."""
        if self.matrix is None:
            return []
        carried = [self.matrix[c] for c, o in enumerate(self.objections) if o in text.card.objections]
        found = [
            j
            for j, tagged in self._judgements(text)
            if not tagged
            and j.probability >= SUGGESTED
            and not any(float(self.matrix[self.objections.index(j.objection)] @ v) >= SAME_OBJECTION for v in carried)
        ]
        return sorted(found, key=lambda j: -j.probability)
