"""Normalize what the rep typed: stage, persona, industry and objections."""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from indexing.embedder import Embedder
from indexing.lexical_index import stem
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


# Everyday words for an industry, mapped to the words industry names usually use.
INDUSTRY_HINTS = {
    "hospital": "healthcare",
    "clinic": "healthcare",
    "health": "healthcare",
    "pharma": "healthcare pharmaceutical",
    "bank": "financial services",
    "banking": "financial services",
    "insurance": "financial services",
    "fintech": "financial services",
    "credit": "financial services",
    "university": "higher education",
    "college": "higher education",
    "school": "education",
    "saas": "software",
    "tech": "software technology",
    "grocery": "retail",
    "ecommerce": "retail",
    "store": "retail",
    "3pl": "logistics",
    "freight": "logistics",
    "trucking": "logistics",
    "shipping": "logistics",
    "warehouse": "logistics",
    "contractor": "construction",
    "builder": "construction",
    "factory": "manufacturing",
    "plant": "manufacturing",
    "oem": "manufacturing",
    "isp": "telecommunications",
    "carrier": "telecommunications",
    "power": "utilities",
    "electric": "utilities",
    "water": "utilities",
    "gov": "government public sector",
    "government": "public sector",
}


def _abbreviates(short: str, word: str) -> bool:
    """True if ``short`` is a prefix of ``word`` (3+ letters) or its letters in order ("mfg", "telco", "svcs")."""
    if len(short) < 2 or short[0] != word[0] or len(short) >= len(word):
        return False
    if len(short) >= 3 and word.startswith(short):
        return True
    letters = iter(word)
    return len(short) >= 3 and all(letter in letters for letter in short)


def _initials(name: str) -> str:
    return "".join(word[0] for word in re.findall(r"[a-z]+", name.lower()) if word not in {"and", "of", "the"})


def _industry_words(text: str) -> list[str]:
    words = re.findall(r"[a-z0-9]+", text.lower())
    return words + [hint for w in words for hint in INDUSTRY_HINTS.get(w, "").split()]


def match_industry(value: str | None, vocabulary: Sequence[str], embedder: Embedder) -> str | None:
    """Map a typed industry onto the library's industry names.

    Tried in order: the exact name (any case); the initials ("FM"); shared words or
    abbreviations of them ("hvac contractor" → "HVAC", "Mfg" → "Manufacturing",
    "hospital network" → "Healthcare" through everyday-word hints); then embedding
    similarity. An industry the library does not know is kept as typed.
    """
    if value is None or not value.strip():
        return None
    typed = " ".join(value.split())
    for name in vocabulary:
        if name.casefold() == typed.casefold() or (len(typed) >= 2 and typed.lower() == _initials(name)):
            return name
    typed_words = _industry_words(typed)
    typed_stems = {stem(w) for w in typed_words}
    scored = []
    for name in vocabulary:
        name_words = re.findall(r"[a-z0-9]+", name.lower())
        shared = sum(1 for w in name_words if stem(w) in typed_stems or any(_abbreviates(t, w) for t in typed_words))
        scored.append((shared / len(name_words) if name_words else 0.0, name))
    best_share, best_name = max(scored, default=(0.0, ""))
    if best_share > 0:
        return best_name
    if not vocabulary:
        return typed
    hints = [w for w in typed_words if w not in typed.lower()]
    vectors = embedder.encode([" ".join([typed, *hints]), *vocabulary])
    similarities = vectors[1:] @ vectors[0]
    best = int(np.argmax(similarities))
    return vocabulary[best] if float(similarities[best]) >= INDUSTRY_SIMILARITY else typed
