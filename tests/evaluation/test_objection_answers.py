"""Reviewed objection answers of an evaluation library: loaded, and refused when they do not fit the library."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from service.demo import load_sample_assets
from service.evaluation.dataset import load_objection_answers

ASSETS = [
    {"external_id": "a", "objections": ["Too expensive"]},
    {"external_id": "b", "objections": ["Security review"]},
]


def _write(tmp_path: Path, reviewed: dict[str, dict[str, str]]) -> Path:
    path = tmp_path / "objection_answers.json"
    path.write_text(json.dumps(reviewed), encoding="utf-8")
    return path


def test_reviewed_answers_load_as_sets_of_objections(tmp_path: Path) -> None:
    path = _write(tmp_path, {"a": {"Too expensive": "quote", "Security review": "quote"}, "b": {}})
    assert load_objection_answers(path, ASSETS) == {
        "a": frozenset({"Too expensive", "Security review"}),
        "b": frozenset(),
    }


def test_no_file_means_no_reviewed_answers(tmp_path: Path) -> None:
    assert load_objection_answers(tmp_path / "objection_answers.json", ASSETS) is None


def test_every_asset_must_be_reviewed(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="must review every asset"):
        load_objection_answers(_write(tmp_path, {"a": {}}), ASSETS)


def test_objections_must_be_the_librarys_own(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"names objections the library does not tag: \['Slow rollout'\]"):
        load_objection_answers(_write(tmp_path, {"a": {"Slow rollout": "quote"}, "b": {}}), ASSETS)


@pytest.mark.parametrize(
    ("reviewed", "assets"),
    [
        (Path(__file__).parents[1] / "data" / "demo_objection_answers.json", load_sample_assets()),
        (
            Path(__file__).parents[2] / "eval" / "data" / "objection_answers.json",
            json.loads((Path(__file__).parents[2] / "eval" / "data" / "library.json").read_text(encoding="utf-8")),
        ),
    ],
)
def test_the_projects_reviewed_answers_quote_each_asset_verbatim(reviewed: Path, assets: list[dict]) -> None:
    answers = json.loads(reviewed.read_text(encoding="utf-8"))
    assert load_objection_answers(reviewed, assets) is not None
    texts = {a["external_id"]: " ".join(f"{a['title']} {a.get('summary')} {a.get('body')}".split()) for a in assets}
    for external_id, found in answers.items():
        for objection, quote in found.items():
            assert " ".join(quote.split()) in texts[external_id], (external_id, objection)
