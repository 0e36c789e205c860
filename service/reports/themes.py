"""Group similar phrasings into themes: density-first leader clustering over unit vectors."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

# Two phrasings of one concern are at least this similar (cosine, MiniLM).
THEME_SIMILARITY = 0.4


@dataclass(frozen=True)
class Theme:
    """Indices of the members of a theme; ``center`` is its most central member."""

    center: int
    members: tuple[int, ...]


def group_into_themes(vectors: np.ndarray, *, threshold: float = THEME_SIMILARITY) -> list[Theme]:
    """Themes of rows of ``vectors`` (unit length), largest first.

    The row with the most neighbours above ``threshold`` founds a theme with
    those neighbours; repeat on what is left. A row joins the theme whose centre
    it is most similar to, so themes do not chain distinct concerns together.
    """
    if not 0 < threshold < 1:
        raise ValueError(f"threshold must be between 0 and 1, got {threshold}")
    count = len(vectors)
    if count == 0:
        return []
    similarity = vectors @ vectors.T
    close = similarity >= threshold
    unassigned = np.ones(count, dtype=bool)
    centers: list[int] = []
    while unassigned.any():
        degree = (close[:, unassigned].sum(axis=1)) * unassigned
        center = int(np.argmax(degree))
        centers.append(center)
        unassigned &= ~close[center]
        unassigned[center] = False
    nearest = np.argmax(similarity[:, centers], axis=1)
    themes = []
    for position, center in enumerate(centers):
        members = [int(i) for i in np.flatnonzero(nearest == position)]
        if center not in members:
            members.append(center)
        themes.append(Theme(center=_medoid(similarity, members), members=tuple(members)))
    return sorted(themes, key=lambda t: -len(t.members))


def _medoid(similarity: np.ndarray, members: list[int]) -> int:
    """The member with the highest mean similarity to the others."""
    block = similarity[np.ix_(members, members)]
    return members[int(np.argmax(block.mean(axis=1)))]
