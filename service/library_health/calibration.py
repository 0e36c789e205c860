"""Small models fitted to the library's own tags, so thresholds mean the same on any library."""

from __future__ import annotations

import numpy as np

STEPS = 300
LEARNING_RATE = 0.5
L2 = 0.01


def _standardize(features: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    flat = features.reshape(-1, features.shape[-1])
    return flat.mean(axis=0), flat.std(axis=0) + 1e-6


class ChoiceModel:
    """Conditional logit: which values of a field an asset carries, from per-value features.

    Fitted by gradient ascent on the log-likelihood of the tags the library already
    has (most of which are right), with a little L2 shrinkage.
    """

    def __init__(self, features: np.ndarray, tagged: np.ndarray) -> None:
        """``features``: (assets, values, k); ``tagged``: (assets, values) booleans."""
        self.mean, self.scale = _standardize(features)
        x = (features - self.mean) / self.scale
        labelled = tagged.sum(axis=1) > 0
        x, target = x[labelled], tagged[labelled] / np.maximum(1, tagged[labelled].sum(axis=1, keepdims=True))
        self.weights = np.zeros(features.shape[-1])
        for _ in range(STEPS if len(x) else 0):
            p = _softmax(x @ self.weights)
            gradient = np.einsum("avk,av->k", x, target - p) / len(x) - L2 * self.weights
            self.weights += LEARNING_RATE * gradient

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        """(values,) probabilities for one asset's (values, k) features."""
        return _softmax(((features - self.mean) / self.scale) @ self.weights)


class BinaryModel:
    """Logistic regression: is a pair tagged, from its features (fitted like ChoiceModel)."""

    def __init__(self, features: np.ndarray, labels: np.ndarray) -> None:
        self.mean, self.scale = _standardize(features)
        x = np.hstack([(features - self.mean) / self.scale, np.ones((len(features), 1))])
        self.weights = np.zeros(x.shape[1])
        for _ in range(STEPS if len(x) else 0):
            p = 1.0 / (1.0 + np.exp(-(x @ self.weights)))
            self.weights += LEARNING_RATE * ((x.T @ (labels - p)) / len(x) - L2 * self.weights)

    def probability(self, features: np.ndarray) -> np.ndarray:
        """Probability of being tagged for each row of ``features``."""
        x = np.hstack([(features - self.mean) / self.scale, np.ones((len(features), 1))])
        return 1.0 / (1.0 + np.exp(-(x @ self.weights)))


def _softmax(scores: np.ndarray) -> np.ndarray:
    shifted = np.exp(scores - scores.max(axis=-1, keepdims=True))
    return shifted / shifted.sum(axis=-1, keepdims=True)
