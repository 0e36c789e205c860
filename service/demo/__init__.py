"""The bundled sample library of a fictional vendor, loaded by ``pitchwise demo``."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any


def load_sample_assets() -> list[dict[str, Any]]:
    """Every asset of the sample library (each JSON file of this package is a list of assets)."""
    assets: list[dict[str, Any]] = []
    for entry in sorted(resources.files(__package__).iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".json"):
            assets.extend(json.loads(entry.read_text(encoding="utf-8")))
    return assets
