"""The README documents every setting and every endpoint of the contract."""

from __future__ import annotations

from pathlib import Path

import pytest

from service.settings import Settings

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(Settings.model_fields))
def test_every_setting_is_in_the_readme(name: str) -> None:
    assert f"`PITCHWISE_{name.upper()}`" in README


@pytest.mark.parametrize(
    "snippet",
    [
        "/v1/keys",
        "/v1/personas/resolve",
        "/v1/assets/bulk",
        "/v1/assets/ll-900/file",
        "/v1/recommendations",
        "/v1/search",
        "/v1/objections",
        "/v1/feedback",
        "/v1/outcomes",
        "/healthz",
        "/readyz",
        "/metrics",
        "make demo",
        "make test",
    ],
)
def test_readme_shows_each_endpoint_and_command(snippet: str) -> None:
    assert snippet in README
