"""Normalize what the rep typed: stage, persona, industry and objections."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from indexing.embedder import Embedder
from indexing.lexical_index import tokenize
from personas.stages import StageMapper, UnknownStageError
from service.errors import InvalidInput, PayloadTooLarge

INDUSTRY_SIMILARITY = 0.55


def canonical_stage(stages: StageMapper, value: str | None) -> str | None:
    """The canonical stage of a stage name, alias or CRM stage; 422 when unknown."""
    if value is None or not value.strip():
        return None
    try:
        return stages.normalize(value)
    except UnknownStageError as e:
        raise InvalidInput(str(e), details={"field": "stage", "value": value}) from e


def clean_objections(objections: Sequence[str], *, max_count: int, max_chars: int) -> tuple[str, ...]:
    """Trim, collapse spaces and drop empty and repeated objections; enforce the limits."""
    if len(objections) > max_count:
        raise PayloadTooLarge(
            f"at most {max_count} objections per request, got {len(objections)}", details={"limit": max_count}
        )
    cleaned: dict[str, str] = {}
    for objection in objections:
        text = " ".join(objection.split())
        if len(text) > max_chars:
            raise InvalidInput(f"an objection is longer than {max_chars} characters", details={"limit": max_chars})
        if text and text.casefold() not in cleaned:
            cleaned[text.casefold()] = text
    return tuple(cleaned.values())


def match_industry(value: str | None, vocabulary: Sequence[str], embedder: Embedder) -> str | None:
    """Map a typed industry onto the library's industry names.

    Exact (case-insensitive) first, then shared word stems ("hvac contractor"
    → "HVAC"), then embedding similarity; an industry the library does not
    know is kept as typed.
    """
    if value is None or not value.strip():
        return None
    typed = " ".join(value.split())
    for name in vocabulary:
        if name.casefold() == typed.casefold():
            return name
    typed_tokens = set(tokenize(typed))
    overlaps = [(len(typed_tokens & set(tokenize(name))), name) for name in vocabulary]
    best_overlap = max(overlaps, default=(0, ""))
    if best_overlap[0] > 0:
        return best_overlap[1]
    if not vocabulary:
        return typed
    vectors = embedder.encode([typed, *vocabulary])
    similarities = vectors[1:] @ vectors[0]
    best = int(np.argmax(similarities))
    return vocabulary[best] if float(similarities[best]) >= INDUSTRY_SIMILARITY else typed
