"""The models fitted to a library's own tags learn which signal predicts a tag."""

from __future__ import annotations

import numpy as np

from service.library_health.calibration import BinaryModel, ChoiceModel


def test_choice_model_learns_the_informative_feature() -> None:
    rng = np.random.default_rng(0)
    assets, values = 200, 3
    informative = rng.normal(size=(assets, values))
    noise = rng.normal(size=(assets, values))
    tagged = np.zeros((assets, values))
    tagged[np.arange(assets), informative.argmax(axis=1)] = 1
    model = ChoiceModel(np.stack([noise, informative], axis=-1), tagged)
    assert model.weights[1] > 1.0 and abs(model.weights[0]) < 0.3
    probabilities = model.probabilities(np.array([[0.0, 2.0], [0.0, -1.0], [0.0, 0.0]]))
    assert probabilities.argmax() == 0 and abs(probabilities.sum() - 1.0) < 1e-9


def test_choice_model_skips_untagged_assets() -> None:
    features = np.array([[[1.0], [0.0]], [[0.0], [1.0]], [[5.0], [-5.0]]])
    tagged = np.array([[1.0, 0.0], [0.0, 1.0], [0.0, 0.0]])
    model = ChoiceModel(features, tagged)
    assert model.probabilities(np.array([[1.0], [0.0]]))[0] > 0.5


def test_binary_model_separates_tagged_pairs() -> None:
    rng = np.random.default_rng(1)
    support = rng.uniform(size=500)
    labels = (support + rng.normal(scale=0.05, size=500) > 0.7).astype(float)
    model = BinaryModel(support.reshape(-1, 1), labels)
    low, high = model.probability(np.array([[0.2], [0.95]]))
    assert low < 0.05 and high > 0.9
