"""How well every tag profile fits a prospect at once: ``score``'s persona, stage and industry fits on arrays.

A tag profile is a set of assets with the same personas, stages and industries (``Library.profiles``);
many assets share one (4,070 profiles for the 100,000 assets of ``bench.scale``). The values are what
``score.persona_fit``, ``score.stage_fit`` and ``score.industry_fit`` give each profile's card, combined
in the same order, so they are equal to the last bit.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

from indexing.library import AssetCard
from personas.stages import StageMapper
from service.recommend.score import INDUSTRY_SHARE, PERSONA_SHARE, STAGE_SHARE


class TagColumns:
    """One kind of tag over the profiles: which profiles carry each tag, and which carry none."""

    def __init__(self, tags_per_profile: Sequence[Iterable[str]]) -> None:
        self.size = len(tags_per_profile)
        rows: dict[str, list[int]] = {}
        untagged = np.ones(self.size, dtype=bool)
        for row, tags in enumerate(tags_per_profile):
            for tag in tags:
                rows.setdefault(tag, []).append(row)
                untagged[row] = False
        self.untagged = untagged
        self._rows = {tag: np.array(found, dtype=np.int64) for tag, found in rows.items()}

    def tags(self) -> list[str]:
        """Every tag some profile carries."""
        return list(self._rows)

    def having(self, *tags: str) -> np.ndarray:
        """True for each profile carrying any of the tags."""
        mask = np.zeros(self.size, dtype=bool)
        for tag in tags:
            rows = self._rows.get(tag)
            if rows is not None:
                mask[rows] = True
        return mask


class ProfileTags:
    """The persona, stage and industry (case-folded) tags of each profile's card, as columns."""

    def __init__(self, cards: Sequence[AssetCard]) -> None:
        self.personas = TagColumns([card.personas for card in cards])
        self.stages = TagColumns([card.stages for card in cards])
        self.industries = TagColumns([[i.casefold() for i in card.industries] for card in cards])


def profile_fits(
    tags: ProfileTags, persona_id: str | None, stage: str | None, industry: str | None, stages: StageMapper
) -> tuple[np.ndarray, np.ndarray]:
    """Per profile: the weighted persona/stage/industry fit, and whether it is written for another industry."""
    personas, stage_tags, industries = tags.personas, tags.stages, tags.industries
    persona: float | np.ndarray = (
        0.5
        if persona_id is None
        else np.where(personas.untagged, 0.6, np.where(personas.having(persona_id), 1.0, 0.15))
    )
    stage_fit: float | np.ndarray = 0.5
    if stage is not None:
        neighbours = [s for s in stage_tags.tags() if s != stage and stages.adjacent(stage, s)]
        stage_fit = np.where(
            stage_tags.untagged,
            0.6,
            np.where(stage_tags.having(stage), 1.0, np.where(stage_tags.having(*neighbours), 0.4, 0.0)),
        )
    if industry is None:
        industry_fit = np.where(industries.untagged, 0.6, 0.5)
    else:
        industry_fit = np.where(industries.untagged, 0.6, np.where(industries.having(industry.casefold()), 1.0, 0.0))
    fit = PERSONA_SHARE * persona + STAGE_SHARE * stage_fit + INDUSTRY_SHARE * industry_fit
    return fit, industry_fit == 0.0  # arrays: the industry fit always is one
