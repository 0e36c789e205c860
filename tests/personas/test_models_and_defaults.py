"""The Persona record and the default persona pack."""

from __future__ import annotations

import dataclasses

import pytest

from personas.defaults import load_default_personas
from personas.models import Persona
from personas.titles import normalize_title

DEFAULT_IDS = ["executive", "finance", "it", "security", "operations", "procurement", "hr", "revenue"]


def test_persona_defaults_and_immutability() -> None:
    persona = Persona("finance", "Finance leader")
    assert persona.description == ""
    assert persona.example_titles == ()
    assert persona.keywords == ()
    with pytest.raises(dataclasses.FrozenInstanceError):
        persona.name = "Other"  # type: ignore[misc]


@pytest.mark.parametrize("persona_id", ["", "Finance", "1st", "fin-ance", "fin ance"])
def test_persona_id_is_validated(persona_id: str) -> None:
    with pytest.raises(ValueError) as caught:
        Persona(persona_id, "Name")
    assert str(caught.value) == (
        f"persona_id must be lower-case letters, digits or underscores starting with a letter, got {persona_id!r}"
    )


def test_persona_fields_are_validated() -> None:
    with pytest.raises(ValueError, match="^persona 'finance' must have a non-blank name$"):
        Persona("finance", "  ")
    with pytest.raises(ValueError, match="^persona 'finance': example_titles and keywords must be tuples$"):
        Persona("finance", "Finance", keywords=["cfo"])  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="^persona 'finance' has a blank example title$"):
        Persona("finance", "Finance", example_titles=("CFO", " "))
    with pytest.raises(ValueError, match="^persona 'finance' has a blank keyword$"):
        Persona("finance", "Finance", keywords=("",))


def test_default_pack_has_exactly_the_eight_personas() -> None:
    assert [persona.persona_id for persona in load_default_personas()] == DEFAULT_IDS


@pytest.mark.parametrize("persona", load_default_personas(), ids=lambda persona: persona.persona_id)
def test_default_persona_content(persona: Persona) -> None:
    assert persona.name.strip()
    assert 40 <= len(persona.description) <= 300
    assert 10 <= len(persona.example_titles) <= 30
    assert 8 <= len(persona.keywords) <= 30
    assert len(set(persona.example_titles)) == len(persona.example_titles)
    assert len(set(persona.keywords)) == len(persona.keywords)
    assert all(normalize_title(keyword) for keyword in persona.keywords)


def test_load_returns_a_fresh_list() -> None:
    first = load_default_personas()
    first.clear()
    assert len(load_default_personas()) == 8
