"""Mis-tag evaluation: corrupt a share of a library's tags (seeded), then score what library health finds.

Kinds of damage, one per chosen asset:
- ``stage``: a TOFU-only asset re-tagged BOFU-only, or the reverse;
- ``industry``: an asset's only industry swapped for another industry of the library;
- ``objection_added``: an objection tag from the library's vocabulary the asset does not carry (nor answer,
  where the set has reviewed answers);
- ``objection_removed``: one of its objection tags taken away (library health should suggest it back).
The first three should be reported as suspect tags, the last as a suggested objection tag.

Marketing's objection tags are incomplete, so a suggestion other than a removed tag is not wrong by itself:
where the set has reviewed answers (which vocabulary objections each asset's text answers, by two
reviewers independently), a suggestion of one of those counts as right too.
"""

from __future__ import annotations

import copy
import random
from collections.abc import Mapping, Sequence
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
# Suspect tags at least this confident are the top of the ranked report, also scored on their own.
CONFIDENT = 0.5
# External id -> the vocabulary objections the asset's text answers, as reviewers judged it.
ObjectionAnswers = Mapping[str, frozenset[str]]


@dataclass(frozen=True)
class Damage:
    """One deliberate tag error: the asset, the kind, the tag field and the wrong (or removed) value."""

    external_id: str
    kind: str
    field: str
    value: str


def _addable(asset: dict[str, Any], vocabulary: Sequence[str], answers: ObjectionAnswers) -> list[str]:
    """Vocabulary objections the asset neither carries nor (by the reviewed answers) answers."""
    answered = answers.get(asset["external_id"], frozenset())
    return [o for o in vocabulary if o not in asset.get("objections", []) and o not in answered]


def _options(
    asset: dict[str, Any], industries: Sequence[str], vocabulary: Sequence[str], answers: ObjectionAnswers
) -> list[str]:
    kinds = []
    if len(asset.get("stages", [])) == 1 and asset["stages"][0] in STAGE_FLIP:
        kinds.append("stage")
    if len(asset.get("industries", [])) == 1 and len(industries) > 1:
        kinds.append("industry")
    if _addable(asset, vocabulary, answers):
        kinds.append("objection_added")
    if asset.get("objections"):
        kinds.append("objection_removed")
    return kinds


def corrupt(
    assets: Sequence[dict[str, Any]],
    *,
    seed: int = SEED,
    share: float = CORRUPTED_SHARE,
    answers: ObjectionAnswers | None = None,
) -> tuple[list[dict[str, Any]], list[Damage]]:
    """A copy of the library with one tag error in ``share`` of its assets, and the list of errors made."""
    rng = random.Random(seed)
    answers = answers or {}
    damaged = copy.deepcopy(list(assets))
    industries = sorted({i for a in damaged for i in a.get("industries", [])})
    vocabulary = sorted({o for a in damaged for o in a.get("objections", [])})
    damages = []
    for asset in rng.sample(damaged, round(share * len(damaged))):
        kinds = _options(asset, industries, vocabulary, answers)
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
            added = rng.choice(_addable(asset, vocabulary, answers))
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


def tag_health_metrics(
    checked: Sequence[AssetHealth],
    damages: Sequence[Damage],
    answers: ObjectionAnswers | None = None,
    tagged: Mapping[str, Sequence[str]] | None = None,
) -> dict[str, float]:
    """Precision and recall of suspect tags (against the wrong tags) and of suggested objection tags.

    A suggestion is right when it is a removed tag or one of the reviewed ``answers``; with ``tagged`` (the
    objection tags of the library as checked) the share of reviewed answers nobody tagged that are suggested
    is reported too."""
    wrong = {(d.external_id, d.field, d.value) for d in damages if d.kind in WRONG_KINDS}
    removed = {(d.external_id, d.field, d.value) for d in damages if d.kind == "objection_removed"}
    reviewed = {(i, OBJECTIONS, o) for i, found in (answers or {}).items() for o in found}
    suspects = [(a.external_id, s) for a in checked for s in a.suspects if s.evidence.kind == "passage"]
    flagged = {(i, s.field, s.value) for i, s in suspects}
    confident = {(i, s.field, s.value) for i, s in suspects if s.confidence >= CONFIDENT}
    suggested = {(a.external_id, s.field, s.value) for a in checked for s in a.suggestions if s.field == OBJECTIONS}
    suspect_precision, suspect_recall = _precision_recall(flagged, wrong)
    suggestion_precision = _precision_recall(suggested, removed | reviewed)[0]
    confident_precision, confident_recall = _precision_recall(confident, wrong)
    metrics = {
        "mis-tag precision": suspect_precision,
        "mis-tag recall": suspect_recall,
        f"mis-tag precision (confidence ≥ {CONFIDENT})": confident_precision,
        f"mis-tag recall (confidence ≥ {CONFIDENT})": confident_recall,
        "objection suggestion precision": suggestion_precision,
        "objection suggestion recall": _precision_recall(suggested, removed)[1],
    }
    if answers and tagged is not None:
        untagged = {(i, f, o) for i, f, o in reviewed if o not in tagged.get(i, ())} - removed
        metrics["objection suggestion recall (answers nobody tagged)"] = _precision_recall(suggested, untagged)[1]
    for kind, field in WRONG_KINDS.items():
        truth = {(d.external_id, d.field, d.value) for d in damages if d.kind == kind}
        metrics[f"mis-tag recall ({kind})"] = _precision_recall({f for f in flagged if f[1] == field}, truth)[1]
    return metrics


def evaluate_tag_health(
    assets: Sequence[dict[str, Any]],
    embedder: Embedder,
    *,
    seed: int = SEED,
    answers: ObjectionAnswers | None = None,
) -> tuple[dict[str, float], list[AssetHealth], list[Damage]]:
    """Corrupt the library, load it into a throwaway store, run library health and score it."""
    damaged, damages = corrupt(assets, seed=seed, answers=answers)
    with loaded_runtime(damaged, embedder) as (runtime, _):
        checked = library_health(runtime)
    tagged = {a["external_id"]: a.get("objections", []) for a in damaged}
    return tag_health_metrics(checked, damages, answers, tagged), checked, damages
