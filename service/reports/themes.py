"""Group similar phrasings into themes: density-first leader clustering over unit vectors."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from service.reports.terms import conflicting_numbers

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


def objection_themes(texts: Sequence[str], vectors: np.ndarray, *, threshold: float = THEME_SIMILARITY) -> list[Theme]:
    """Themes of objection texts, largest first; a theme naming one thing with different numbers
    ("SOC 2" and "SOC 3") is split by number, since those are distinct requests."""
    themes = []
    for theme in group_into_themes(vectors, threshold=threshold):
        themes.extend(_split_by_number(theme, texts, vectors))
    return sorted(themes, key=lambda t: -len(t.members))


def _split_by_number(theme: Theme, texts: Sequence[str], vectors: np.ndarray) -> list[Theme]:
    members = list(theme.members)
    keys = conflicting_numbers([texts[i] for i in members])
    if not keys:
        return [theme]
    groups: defaultdict[str, list[int]] = defaultdict(list)
    for position, key in keys.items():
        groups[key].append(members[position])
    names = list(groups)
    centroids = np.stack([vectors[groups[name]].mean(axis=0) for name in names])
    for position, member in enumerate(members):
        if position not in keys:
            groups[names[int(np.argmax(centroids @ vectors[member]))]].append(member)
    split = []
    for group in groups.values():
        similarity = vectors[group] @ vectors[group].T
        split.append(Theme(center=group[int(np.argmax(similarity.mean(axis=1)))], members=tuple(group)))
    return split
