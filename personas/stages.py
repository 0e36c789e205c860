"""Buyer stages: the three canonical stages and the mapping of aliases and CRM stage names onto them."""

from __future__ import annotations

import re
from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType


class Stage(StrEnum):
    """The canonical buyer stages, in funnel order."""

    AWARENESS = "awareness"
    EVALUATION = "evaluation"
    CONVERSION = "conversion"


CANONICAL_STAGES: tuple[str, ...] = tuple(stage.value for stage in Stage)

_ACCEPTED = ", ".join(CANONICAL_STAGES)

# Marketing-funnel synonyms of the canonical stages (keys are already in normalized form).
_ALIASES: Mapping[str, Stage] = MappingProxyType(
    {
        "tofu": Stage.AWARENESS,
        "top of funnel": Stage.AWARENESS,
        "mofu": Stage.EVALUATION,
        "middle of funnel": Stage.EVALUATION,
        "consideration": Stage.EVALUATION,
        "bofu": Stage.CONVERSION,
        "bottom of funnel": Stage.CONVERSION,
        "decision": Stage.CONVERSION,
        "purchase": Stage.CONVERSION,
    }
)

DEFAULT_CRM_STAGE_MAP: Mapping[str, str] = MappingProxyType(
    {
        "Prospecting": "awareness",
        "Qualification": "awareness",
        "Lead": "awareness",
        "New": "awareness",
        "Discovery": "evaluation",
        "Needs Analysis": "evaluation",
        "Demo": "evaluation",
        "Solution": "evaluation",
        "Proposal": "evaluation",
        "Evaluation": "evaluation",
        "Value Proposition": "evaluation",
        "Technical Validation": "evaluation",
        "Pilot": "evaluation",
        "Proof of Concept": "evaluation",
        "POC": "evaluation",
        "Trial": "evaluation",
        "Negotiation": "conversion",
        "Contract": "conversion",
        "Closing": "conversion",
        "Commit": "conversion",
        "Verbal": "conversion",
        "Procurement": "conversion",
        "Legal Review": "conversion",
    }
)

_NON_WORD = re.compile(r"[^a-z0-9]+")
_NUMBERING_WORDS = frozenset({"stage", "step", "phase"})
# Words of known names that say nothing about the stage on their own.
_VAGUE_WORDS = frozenset({"of", "funnel", "new", "sent", "scheduled", "done", "in", "progress", "and"})
_MIN_SHARED_PREFIX = 4
_ADJACENT_CACHE = 1024


class UnknownStageError(ValueError):
    """Raised when a value is neither a buyer stage, an alias nor a known CRM stage name."""

    def __init__(self, value: str) -> None:
        super().__init__(
            f"unknown buyer stage {value!r}; accepted stages are {_ACCEPTED} "
            "(or a funnel alias such as tofu/mofu/bofu, or a configured CRM stage name)"
        )
        self.value = value


def _stage_key(value: str) -> str:
    """Lower-case, drop punctuation, numbering prefixes ("2 - ", "Stage 3:") and numbers ("60%")."""
    tokens = _NON_WORD.sub(" ", value.lower()).split()
    if len(tokens) > 1 and tokens[0] in _NUMBERING_WORDS and tokens[1].isdigit():
        tokens = tokens[1:]
    return " ".join(token for token in tokens if not token.isdigit())


def _funnel_stage(key: str) -> Stage | None:
    """The stage a normalized key names as a canonical stage or funnel alias, if any."""
    if key in CANONICAL_STAGES:
        return Stage(key)
    return _ALIASES.get(key)


class StageMapper:
    """Normalizes stage names from content metadata and CRM opportunities to canonical buyer stages."""

    def __init__(self, crm_stage_map: Mapping[str, str] | None = None) -> None:
        """Build from an optional CRM stage map, merged on top of ``DEFAULT_CRM_STAGE_MAP``."""
        merged = {**DEFAULT_CRM_STAGE_MAP, **(crm_stage_map or {})}
        self._crm: dict[str, Stage] = {}
        for crm_name, target in merged.items():
            key = _stage_key(crm_name)
            if not key:
                raise ValueError(f"CRM stage name {crm_name!r} is blank after normalization")
            stage = _funnel_stage(_stage_key(target))
            if stage is None:
                raise ValueError(
                    f"CRM stage {crm_name!r} maps to {target!r}, which is not a buyer stage; "
                    f"expected one of {_ACCEPTED} or a funnel alias"
                )
            fixed = _funnel_stage(key)
            if fixed is not None and fixed != stage:
                raise ValueError(f"CRM stage {crm_name!r} cannot remap the buyer stage name {key!r} to {stage.value!r}")
            self._crm[key] = stage
        self._words = self._stage_words()
        # Ranking asks about the same few pairs for every candidate asset.
        self._adjacent: dict[tuple[str, str], bool] = {}

    def _stage_words(self) -> dict[str, set[Stage]]:
        """Each word of every known name, with the stages the names containing it map to."""
        words: dict[str, set[Stage]] = {}
        names = [(s.value, s) for s in Stage] + list(_ALIASES.items()) + list(self._crm.items())
        for name, stage in names:
            for word in name.split():
                if word not in _VAGUE_WORDS and len(word) >= 3:
                    words.setdefault(word, set()).add(stage)
        return words

    def _by_words(self, key: str) -> Stage | None:
        """The one stage the words of an unlisted name point to ("Technical Eval", "Closed Won"), if unambiguous."""
        found: set[Stage] = set()
        for token in key.split():
            if token in _VAGUE_WORDS or len(token) < 3:
                continue
            for word, stages in self._words.items():
                shared = len(_common_prefix(token, word))
                if token == word or shared >= max(_MIN_SHARED_PREFIX, min(len(token), len(word)) - 3):
                    found |= stages
        return next(iter(found)) if len(found) == 1 else None

    def normalize(self, value: str) -> Stage:
        """Return the canonical stage for a canonical name, funnel alias or CRM stage name.

        Matching ignores case, surrounding whitespace, punctuation and numbering prefixes; a name
        that is not listed is matched by its words when they point to one stage only
        ("Technical Eval", "Proposal Sent", "Closed Won"). Raises ``UnknownStageError`` otherwise.
        """
        key = _stage_key(value)
        stage = _funnel_stage(key) or self._crm.get(key) or self._by_words(key)
        if stage is None:
            raise UnknownStageError(value)
        return stage

    def adjacent(self, a: str, b: str) -> bool:
        """True when the two stages are different neighbours in the funnel (e.g. awareness and evaluation)."""
        known = self._adjacent.get((a, b))
        if known is None:
            first, second = self.normalize(a), self.normalize(b)
            known = abs(CANONICAL_STAGES.index(first) - CANONICAL_STAGES.index(second)) == 1
            if len(self._adjacent) >= _ADJACENT_CACHE:
                self._adjacent.clear()
            self._adjacent[(a, b)] = known
        return known


def _common_prefix(a: str, b: str) -> str:
    length = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        length += 1
    return a[:length]
