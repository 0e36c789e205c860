"""Word evidence for tags: do an asset's words look like those of the other assets carrying a tag?

A Bernoulli naive-Bayes comparison per tag, learned from the library's own tags with the asset itself
left out, so an asset never vouches for its own tag. The words' rates among the tag's carriers are
shrunk toward their rates in the whole library, so a tag with two or three carriers gives mild
evidence, not noise. It catches answers the embedding model misses ("a native Business Central
connector" among assets tagged "Integration with our ERP" that all talk about connectors and sync).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np
from scipy import sparse

# Words used by fewer assets than this, or by more than this share of them, carry no evidence.
MIN_ASSETS = 2
MAX_SHARE = 0.5
# At most this many words (the most widely used that qualify) take part.
MAX_WORDS = 2000
# Pseudo-assets at the library's rate that each word's rate among carriers is shrunk with.
SHRINKAGE = 2.0
# Rates are kept this far from 0 and 1.
EPSILON = 1e-6

# Word counts among a tag's carriers and among the other assets, and how many assets each group has.
Counts = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]


def _presence(stems: Sequence[frozenset[str]]) -> sparse.csr_matrix:
    """(assets, words) sparse 0/1 matrix over the words that qualify (a large library stays small)."""
    counts = Counter(stem for asset in stems for stem in asset)
    limit = MAX_SHARE * len(stems)
    words = [w for w, n in counts.most_common() if MIN_ASSETS <= n <= limit][:MAX_WORDS]
    column = {w: i for i, w in enumerate(words)}
    rows = [[column[s] for s in asset if s in column] for asset in stems]
    indices = np.fromiter((c for row in rows for c in row), dtype=np.int32)
    indptr = np.concatenate([[0], np.cumsum([len(row) for row in rows])]).astype(np.int64)
    data = np.ones(len(indices), dtype=np.float32)
    return sparse.csr_matrix((data, indices, indptr), shape=(len(stems), len(words)))


def _weights(
    inside: np.ndarray, n_in: np.ndarray, outside: np.ndarray, n_out: np.ndarray, background: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Per word and tag: the log-ratio a word adds when present, and when absent (shrunk rates, kept inside (0, 1))."""
    p_in = np.clip((inside + SHRINKAGE * background) / (n_in + SHRINKAGE), EPSILON, 1 - EPSILON)
    p_out = np.clip((outside + SHRINKAGE * background) / (n_out + SHRINKAGE), EPSILON, 1 - EPSILON)
    return np.log(p_in / p_out), np.log((1 - p_in) / (1 - p_out))


def carrier_word_evidence(stems: Sequence[frozenset[str]], tagged: np.ndarray) -> np.ndarray:
    """(assets, tags): how much more an asset's words look like those of the tag's other carriers than like
    those of the assets without it (log-likelihood ratio; 0 where no other asset carries the tag).

    Leaving the asset out changes a word's counts only by the asset's own presence, so every asset's
    ratio is one matrix product: a word it uses counts with the word's count less one, a word it does
    not use with the word's full count.
    """
    x = _presence(stems)
    carries = tagged > 0
    if not x.shape[0] or not x.shape[1] or not carries.shape[1]:
        return np.zeros(tagged.shape, dtype=np.float64)
    totals = np.asarray(x.sum(axis=0), dtype=np.float64).reshape(-1, 1)
    background = np.clip(totals / len(stems), EPSILON, 1 - EPSILON)
    inside = np.asarray(x.T @ carries.astype(np.float32), dtype=np.float64)  # (words, tags): carriers using the word
    outside = totals - inside
    carriers = carries.sum(axis=0).astype(np.float64)
    others = len(stems) - carriers

    def ratios(used: Counts, unused: Counts) -> np.ndarray:
        """Every asset's ratio, with the counts it sees for the words it uses and for those it does not."""
        present, _ = _weights(*used, background)
        _, absent = _weights(*unused, background)
        return np.asarray(x @ (present - absent).astype(np.float32), dtype=np.float64) + absent.sum(axis=0)

    # A carrier leaves the carriers; any other asset leaves the others.
    as_carrier = ratios((inside - 1, carriers - 1, outside, others), (inside, carriers - 1, outside, others))
    as_other = ratios((inside, carriers, outside - 1, others - 1), (inside, carriers, outside, others - 1))
    evidence = np.where(carries, as_carrier, as_other)
    alone = np.where(carries, carriers - 1, carriers) <= 0
    return np.where(alone, 0.0, evidence)
