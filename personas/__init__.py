"""Buyer personas: job-title normalization, title-to-persona resolution and buyer-stage mapping.

This package never imports ``service``, ``content_store`` or ``indexing``: the resolver is given an encode function.
"""

from personas.defaults import load_default_personas
from personas.models import Persona
from personas.resolver import TitleResolution, TitleResolver
from personas.stages import CANONICAL_STAGES, DEFAULT_CRM_STAGE_MAP, Stage, StageMapper, UnknownStageError
from personas.titles import normalize_title, title_tokens

__all__ = [
    "CANONICAL_STAGES",
    "DEFAULT_CRM_STAGE_MAP",
    "Persona",
    "Stage",
    "StageMapper",
    "TitleResolution",
    "TitleResolver",
    "UnknownStageError",
    "load_default_personas",
    "normalize_title",
    "title_tokens",
]
