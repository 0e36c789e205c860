"""Loading and checking an evaluation set: a library, prospect scenarios and job titles."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from service.evaluation.gaps import LabelledLog, load_labelled_log


@dataclass(frozen=True)
class Scenario:
    """A prospect as a rep would type it, with graded judgments of the assets to send."""

    scenario_id: str
    prospect: dict[str, Any]
    expected_persona: str | None
    expected_stage: str | None
    judgments: dict[str, int]
    objection_answers: dict[str, list[str]]


@dataclass(frozen=True)
class TitleCase:
    """A job title and the persona it should resolve to (None: fits none)."""

    title: str
    expected_persona: str | None


@dataclass(frozen=True)
class EvalSet:
    """Everything ``pitchwise eval`` needs."""

    assets: list[dict[str, Any]]
    scenarios: list[Scenario]
    titles: list[TitleCase]
    objection_log: LabelledLog | None = None
    objection_answers: dict[str, frozenset[str]] | None = None


def _read(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as e:
        raise ValueError(f"evaluation file {path} is missing") from e
    except json.JSONDecodeError as e:
        raise ValueError(f"evaluation file {path} is not valid JSON: {e}") from e


def load_objection_answers(path: Path, assets: list[dict[str, Any]]) -> dict[str, frozenset[str]] | None:
    """The reviewed answers of ``path`` (external id -> {objection: quoted passage}), None when there is no file.

    Every asset must be reviewed and every objection must be one of the library's objection tags."""
    if not path.exists():
        return None
    reviewed = _read(path)
    vocabulary = {o for a in assets for o in a.get("objections", [])}
    ids = {a["external_id"] for a in assets}
    if set(reviewed) != ids:
        raise ValueError(f"{path} must review every asset: {sorted(set(reviewed) ^ ids)[:5]} differ")
    unknown = {o for found in reviewed.values() for o in found} - vocabulary
    if unknown:
        raise ValueError(f"{path} names objections the library does not tag: {sorted(unknown)}")
    return {external_id: frozenset(found) for external_id, found in reviewed.items()}


def load_eval_set(folder: Path) -> EvalSet:
    """Read ``library.json``, ``scenarios.json``, ``titles.json`` and (optional) ``objection_log.json`` and
    ``objection_answers.json``."""
    assets = _read(folder / "library.json")
    ids = {a["external_id"] for a in assets}
    scenarios = [
        Scenario(
            scenario_id=s["id"],
            prospect=s["prospect"],
            expected_persona=s.get("expected_persona"),
            expected_stage=s.get("expected_stage"),
            judgments={k: int(v) for k, v in s.get("judgments", {}).items()},
            objection_answers=s.get("objection_answers", {}),
        )
        for s in _read(folder / "scenarios.json")
    ]
    for scenario in scenarios:
        unknown = (set(scenario.judgments) | {a for v in scenario.objection_answers.values() for a in v}) - ids
        if unknown:
            raise ValueError(f"scenario {scenario.scenario_id} names unknown assets: {sorted(unknown)}")
    titles = [TitleCase(t["title"], t.get("expected_persona")) for t in _read(folder / "titles.json")]
    log = load_labelled_log(folder / "objection_log.json")
    answers = load_objection_answers(folder / "objection_answers.json", assets)
    return EvalSet(assets=assets, scenarios=scenarios, titles=titles, objection_log=log, objection_answers=answers)
