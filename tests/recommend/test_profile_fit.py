"""Profile fits on arrays equal the scalar fits of ``score``, bit for bit, for every kind of prospect."""

from __future__ import annotations

import itertools
import random

from personas.stages import CANONICAL_STAGES, StageMapper
from service.recommend.profile_fit import ProfileTags, profile_fits
from service.recommend.score import INDUSTRY_SHARE, PERSONA_SHARE, STAGE_SHARE, industry_fit, persona_fit, stage_fit
from tests.recommend.factories import card

STAGES = StageMapper()
PERSONAS = ("finance", "it", "operations")
INDUSTRIES = ("Retail", "Healthcare", "Manufacturing")


def _random_cards(count: int, seed: int) -> list:
    rng = random.Random(seed)
    return [
        card(
            row,
            personas=tuple(rng.sample(PERSONAS, rng.randint(0, 2))),
            stages=tuple(rng.sample(list(CANONICAL_STAGES), rng.randint(0, 2))),
            industries=tuple(i if rng.random() < 0.5 else i.upper() for i in rng.sample(INDUSTRIES, rng.randint(0, 2))),
        )
        for row in range(count)
    ]


def test_profile_fits_equal_the_scalar_fits() -> None:
    cards = _random_cards(300, seed=5)
    tags = ProfileTags(cards)
    for persona, stage, industry in itertools.product(
        (None, "finance", "legal"), (None, *CANONICAL_STAGES), (None, "retail", "HEALTHCARE", "Mining")
    ):
        fit, other_industry = profile_fits(tags, persona, stage, industry, STAGES)
        expected = [
            PERSONA_SHARE * persona_fit(c, persona)
            + STAGE_SHARE * stage_fit(c, stage, STAGES)
            + INDUSTRY_SHARE * industry_fit(c, industry)
            for c in cards
        ]
        assert fit.tolist() == expected, (persona, stage, industry)
        assert other_industry.tolist() == [industry_fit(c, industry) == 0.0 for c in cards]


def test_no_profiles() -> None:
    fit, other_industry = profile_fits(ProfileTags([]), "finance", None, None, STAGES)
    assert len(fit) == 0 and len(other_industry) == 0
