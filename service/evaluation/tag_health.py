"""Mis-tag evaluation: corrupt a share of a library's tags (seeded), then score what library health finds.

Kinds of damage, one per chosen asset:
- ``stage``: a TOFU-only asset re-tagged BOFU-only, or the reverse;
- ``industry``: an asset's only industry swapped for another industry of the library;
- ``objection_added``: an objection tag from the library's vocabulary the asset does not carry;
- ``objection_removed``: one of its objection tags taken away (library health should suggest it back).
The first three should be reported as suspect tags, the last as a suggested objection tag.
"""

from __future__ import annotations

import copy
import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from indexing.embedder import Embedder
from service.evaluation.sandbox import loaded_runtime
from service.library_health.models import INDUSTRIES, OBJECTIONS, STAGES, AssetHealth
from service.library_health.report import library_health

SEED = 20261203
CORRUPTED_SHARE = 0.25
STAGE_FLIP = {"awareness": "conversion", "conversion": "awareness"}
WRONG_KINDS = {"stage": STAGES, "industry": INDUSTRIES, "objection_added": OBJECTIONS}


@dataclass(frozen=True)
class Damage:
    """One deliberate tag error: the asset, the kind, the tag field and the wrong (or removed) value."""

    external_id: str
    kind: str
    field: str
    value: str


def _options(asset: dict[str, Any], industries: Sequence[str], vocabulary: Sequence[str]) -> list[str]:
    kinds = []
    if len(asset.get("stages", [])) == 1 and asset["stages"][0] in STAGE_FLIP:
        kinds.append("stage")
    if len(asset.get("industries", [])) == 1 and len(industries) > 1:
        kinds.append("industry")
    if set(vocabulary) - set(asset.get("objections", [])):
        kinds.append("objection_added")
    if asset.get("objections"):
        kinds.append("objection_removed")
    return kinds


def corrupt(
    assets: Sequence[dict[str, Any]], *, seed: int = SEED, share: float = CORRUPTED_SHARE
) -> tuple[list[dict[str, Any]], list[Damage]]:
    """A copy of the library with one tag error in ``share`` of its assets, and the list of errors made."""
    rng = random.Random(seed)
    damaged = copy.deepcopy(list(assets))
    industries = sorted({i for a in damaged for i in a.get("industries", [])})
    vocabulary = sorted({o for a in damaged for o in a.get("objections", [])})
    damages = []
    for asset in rng.sample(damaged, round(share * len(damaged))):
        kinds = _options(asset, industries, vocabulary)
        if not kinds:
            continue
        kind = rng.choice(kinds)
        if kind == "stage":
            asset["stages"] = [STAGE_FLIP[asset["stages"][0]]]
            damages.append(Damage(asset["external_id"], kind, STAGES, asset["stages"][0]))
        elif kind == "industry":
            asset["industries"] = [rng.choice([i for i in industries if i not in asset["industries"]])]
            damages.append(Damage(asset["external_id"], kind, INDUSTRIES, asset["industries"][0]))
        elif kind == "objection_added":
            added = rng.choice([o for o in vocabulary if o not in asset.get("objections", [])])
            asset["objections"] = [*asset.get("objections", []), added]
            damages.append(Damage(asset["external_id"], kind, OBJECTIONS, added))
        else:
            removed = rng.choice(asset["objections"])
            asset["objections"] = [o for o in asset["objections"] if o != removed]
            damages.append(Damage(asset["external_id"], kind, OBJECTIONS, removed))
    return damaged, damages


def _precision_recall(found: set[tuple[str, str, str]], truth: set[tuple[str, str, str]]) -> tuple[float, float]:
    hits = len(found & truth)
    return (hits / len(found) if found else 1.0), (hits / len(truth) if truth else 1.0)


def tag_health_metrics(checked: Sequence[AssetHealth], damages: Sequence[Damage]) -> dict[str, float]:
    """Precision and recall of suspect tags (against the wrong tags) and of suggested objection tags."""
    wrong = {(d.external_id, d.field, d.value) for d in damages if d.kind in WRONG_KINDS}
    removed = {(d.external_id, d.field, d.value) for d in damages if d.kind == "objection_removed"}
    flagged = {(a.external_id, s.field, s.value) for a in checked for s in a.suspects if s.evidence.kind == "passage"}
    suggested = {(a.external_id, s.field, s.value) for a in checked for s in a.suggestions if s.field == OBJECTIONS}
    suspect_precision, suspect_recall = _precision_recall(flagged, wrong)
    suggestion_precision, suggestion_recall = _precision_recall(suggested, removed)
    metrics = {
        "mis-tag precision": suspect_precision,
        "mis-tag recall": suspect_recall,
        "objection suggestion precision": suggestion_precision,
        "objection suggestion recall": suggestion_recall,
    }
    for kind, field in WRONG_KINDS.items():
        truth = {(d.external_id, d.field, d.value) for d in damages if d.kind == kind}
        metrics[f"mis-tag recall ({kind})"] = _precision_recall({f for f in flagged if f[1] == field}, truth)[1]
    return metrics


def evaluate_tag_health(
    assets: Sequence[dict[str, Any]], embedder: Embedder, *, seed: int = SEED
) -> tuple[dict[str, float], list[AssetHealth], list[Damage]]:
    """Corrupt the library, load it into a throwaway store, run library health and score it."""
    damaged, damages = corrupt(assets, seed=seed)
    with loaded_runtime(damaged, embedder) as (runtime, _):
        checked = library_health(runtime)
    return tag_health_metrics(checked, damages), checked, damages
