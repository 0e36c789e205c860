"""The values of each tag field as the tag models see them: descriptions and cue words."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

import numpy as np

from indexing.embedder import Embedder
from indexing.lexical_index import tokenize
from personas.models import Persona
from personas.stages import CANONICAL_STAGES
from service.library_health.tag_model import TagValue
from service.library_health.texts import AssetText
from service.recommend.normalize import INDUSTRY_HINTS

# What content at each buyer stage does, in general B2B marketing terms (not any one library's words).
STAGE_DESCRIPTIONS = {
    "awareness": (
        "An educational introduction to a business problem, industry trends and why they matter.",
        "Tips, best practices, common mistakes and research findings for people new to the topic.",
    ),
    "evaluation": (
        "How the product works, its features and integrations, and how it compares with alternatives.",
        "A customer case study with measured results from using the product.",
    ),
    "conversion": (
        "Pricing, contract terms, total cost and the business case for approving the purchase.",
        "The implementation plan, onboarding timeline and rollout steps after signing the contract.",
    ),
}
STAGE_CUES = {
    "awareness": "trend why introduction tips mistakes future survey research challenges basics lessons myths "
    "signs primer overview",
    "evaluation": "features compare comparison versus vs integration architecture demo capabilities evaluate "
    "evaluation checklist requirements specifications benchmark results",
    "conversion": "price pricing contract terms roi payback budget procurement purchase quote proposal negotiation "
    "signature order implementation onboarding rollout timeline sla renewal invoice approval license "
    "subscription discount tco",
}
# The industry value of generic content (no industry tag).
ANY_INDUSTRY = ""
# A cue word that most assets use says nothing about any one value.
MAX_CUE_SHARE = 0.3
# A word is typical of an industry's assets when at least this share of them use it and few others do.
TYPICAL_SHARE, ATYPICAL_SHARE = 0.5, 0.05


def _unit(vectors: np.ndarray) -> np.ndarray:
    mean = np.asarray(vectors, dtype=np.float32).mean(axis=0)
    return mean / (float(np.linalg.norm(mean)) or 1.0)


def _document_share(texts: Sequence[AssetText]) -> dict[str, float]:
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(text.all_stems)
    return {stem: n / len(texts) for stem, n in counts.items()} if texts else {}


def _distinctive(cues: set[str], share: dict[str, float]) -> frozenset[str]:
    return frozenset(c for c in cues if share.get(c, 0.0) <= MAX_CUE_SHARE)


def stage_values(embedder: Embedder, texts: Sequence[AssetText]) -> list[TagValue]:
    """The three canonical stages."""
    share = _document_share(texts)
    return [
        TagValue(
            stage,
            _unit(embedder.encode(list(STAGE_DESCRIPTIONS[stage]))),
            _distinctive(set(tokenize(STAGE_CUES[stage])), share),
        )
        for stage in CANONICAL_STAGES
    ]


def persona_values(embedder: Embedder, personas: Sequence[Persona], texts: Sequence[AssetText]) -> list[TagValue]:
    """The personas marketing defined, described by name, description and keywords."""
    share = _document_share(texts)
    described = [f"{p.name}. {p.description} {', '.join(p.keywords)}".strip() for p in personas]
    vectors = embedder.encode(described) if personas else np.zeros((0, embedder.dimension))
    return [
        TagValue(p.persona_id, np.asarray(v, np.float32), _distinctive(set(tokenize(" ".join(p.keywords))), share))
        for p, v in zip(personas, vectors, strict=True)
    ]


def industry_tags(text: AssetText) -> tuple[str, ...]:
    """The asset's industries, or ANY_INDUSTRY for content made for every industry."""
    return text.card.industries or (ANY_INDUSTRY,)


def industry_values(
    embedder: Embedder, industries: Sequence[str], texts: Sequence[AssetText], *, with_any: bool = False
) -> list[TagValue]:
    """The industries the library uses: their names, everyday words for them, and words typical of their assets.

    ``with_any`` adds ANY_INDUSTRY, which generic content carries, so that an asset
    only looks industry-specific if it reads more so than the library's generic content.
    """
    if not industries:
        return []
    share = _document_share(texts)
    vectors = embedder.encode([f"{name} industry" for name in industries])
    values = []
    for name, vector in zip(industries, vectors, strict=True):
        words = set(re.findall(r"[a-z0-9]+", name.lower()))
        hinted = {hint for hint, meaning in INDUSTRY_HINTS.items() if words & set(meaning.split())}
        tagged = [t for t in texts if name in t.card.industries]
        others = [t for t in texts if name not in t.card.industries]
        typical = _typical_words(tagged, others)
        cues = _distinctive(set(tokenize(" ".join(words | hinted))), share) | typical
        values.append(TagValue(name, np.asarray(vector, np.float32), cues))
    if with_any:
        values.append(TagValue(ANY_INDUSTRY, np.zeros(embedder.dimension, np.float32), frozenset()))
    return values


def _typical_words(tagged: Sequence[AssetText], others: Sequence[AssetText]) -> frozenset[str]:
    """Stems most assets of a value use and almost no other asset does."""
    if len(tagged) < 2:
        return frozenset()
    inside, outside = _document_share(tagged), _document_share(others)
    return frozenset(
        s for s, p in inside.items() if p >= TYPICAL_SHARE and outside.get(s, 0.0) <= ATYPICAL_SHARE and len(s) > 2
    )
