"""The default persona pack shipped with Pitchwise."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from personas.models import Persona

_PACK = "default_pack.json"


def _persona(entry: dict[str, Any]) -> Persona:
    """Build one persona from its JSON object."""
    return Persona(
        persona_id=entry["persona_id"],
        name=entry["name"],
        description=entry.get("description", ""),
        example_titles=tuple(entry.get("example_titles", ())),
        keywords=tuple(entry.get("keywords", ())),
    )


def load_default_personas() -> list[Persona]:
    """Read the eight default personas (executive, finance, it, security, operations, procurement, hr, revenue)."""
    data = json.loads(resources.files("personas").joinpath(_PACK).read_text(encoding="utf-8"))
    return [_persona(entry) for entry in data["personas"]]
