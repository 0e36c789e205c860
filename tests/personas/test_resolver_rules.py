"""TitleResolver without a model: a constant fake encoder makes every embedding similarity equal, so only the
keyword rules (and the industry nudge) decide."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest

from personas.defaults import load_default_personas
from personas.keywords import KeywordIndex
from personas.models import Persona
from personas.resolver import ALTERNATIVE_FLOOR, DEFAULT_THRESHOLD, TitleResolution, TitleResolver


class ConstantEncoder:
    """Deterministic fake encode function: the same unit vector for every text; records each call's size."""

    def __init__(self) -> None:
        self.calls: list[int] = []

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        self.calls.append(len(texts))
        return np.tile(np.array([0.6, 0.8], dtype=np.float32), (len(texts), 1))


@pytest.fixture()
def encoder() -> ConstantEncoder:
    """A fresh constant encoder."""
    return ConstantEncoder()


@pytest.fixture()
def resolver(encoder: ConstantEncoder) -> TitleResolver:
    """The default personas resolved by keyword rules only."""
    return TitleResolver(load_default_personas(), encoder)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("CFO", "finance"),
        ("Sr. Dir., FP&A", "finance"),
        ("Accounts Payable Lead", "finance"),
        ("CIO", "it"),
        ("Dir. of IT", "it"),
        ("Head of InfoSec", "security"),
        ("IT Security Manager", "security"),
        ("Director, Security Operations", "security"),
        ("COO", "operations"),
        ("Plant Mgr", "operations"),
        ("CPO", "procurement"),
        ("Sr. Buyer", "procurement"),
        ("HRBP", "hr"),
        ("Chief People Officer (CPO)", "hr"),
        ("VP, Sales & Marketing", "revenue"),
        ("Director of Sales Operations", "revenue"),
        ("RevOps Lead", "revenue"),
        ("President", "executive"),
        ("Co-Founder", "executive"),
    ],
)
def test_keyword_rules(resolver: TitleResolver, title: str, expected: str) -> None:
    result = resolver.resolve(title)
    assert result.persona_id == expected
    assert result.confidence > 0.8


@pytest.mark.parametrize("title", ["Barista", "Vice President", "Product Owner", "asdf"])
def test_no_keyword_evidence_means_no_persona(resolver: TitleResolver, title: str) -> None:
    result = resolver.resolve(title)
    assert result.persona_id is None
    assert result.name is None
    assert result.confidence == pytest.approx(1 / 8, abs=1e-3)
    assert len(result.alternatives) == 3


@pytest.mark.parametrize("title", ["", "   ", "Senior", "of the"])
def test_blank_title(resolver: TitleResolver, encoder: ConstantEncoder, title: str) -> None:
    calls_before = len(encoder.calls)
    assert resolver.resolve(title) == TitleResolution(persona_id=None, name=None, confidence=0.0, alternatives=())
    assert len(encoder.calls) == calls_before


def test_persona_texts_are_encoded_once_and_each_title_once(resolver: TitleResolver, encoder: ConstantEncoder) -> None:
    personas = load_default_personas()
    assert len(encoder.calls) == 1
    assert encoder.calls[0] <= sum(len(p.example_titles) + 1 for p in personas)
    for title in ("CFO", "VP Sales", "CFO"):
        resolver.resolve(title)
    assert encoder.calls[1:] == [1, 1, 1]


def test_tie_is_shared_and_industry_breaks_it(resolver: TitleResolver) -> None:
    tied = resolver.resolve("VP Finance & Operations")
    assert {tied.persona_id, tied.alternatives[0][0]} == {"finance", "operations"}
    assert tied.confidence == pytest.approx(tied.alternatives[0][1])
    assert resolver.resolve("VP Finance & Operations", industry="Manufacturing").persona_id == "operations"
    assert resolver.resolve("VP Finance & Operations", industry="Financial Services").persona_id == "finance"


def test_industry_never_overrides_clear_evidence(resolver: TitleResolver) -> None:
    assert resolver.resolve("CFO", industry="Manufacturing").persona_id == "finance"
    assert resolver.resolve("CFO", industry="").persona_id == "finance"
    assert resolver.resolve("CFO", industry="Unknown industry").persona_id == "finance"


def test_alternatives_are_sorted_capped_and_above_the_floor(resolver: TitleResolver) -> None:
    for title in ("VP Finance & Operations", "COO/CFO", "Barista", "Director of IT & Security"):
        result = resolver.resolve(title)
        scores = [score for _, score in result.alternatives]
        assert scores == sorted(scores, reverse=True)
        assert len(result.alternatives) <= 3
        assert all(ALTERNATIVE_FLOOR <= score <= 1.0 for score in scores)
        assert result.persona_id not in {persona_id for persona_id, _ in result.alternatives}


def test_threshold_controls_acceptance(encoder: ConstantEncoder) -> None:
    personas = load_default_personas()
    assert TitleResolver(personas, encoder, threshold=0.0).resolve("Barista").persona_id is not None
    assert TitleResolver(personas, encoder, threshold=1.0).resolve("CFO").persona_id is None
    assert TitleResolver(personas, encoder).threshold == DEFAULT_THRESHOLD


def test_custom_personas(encoder: ConstantEncoder) -> None:
    legal = Persona("legal", "Legal counsel", example_titles=("General Counsel",), keywords=("legal", "counsel"))
    finance = Persona("finance", "Finance", keywords=("finance", "cfo"))
    resolver = TitleResolver([legal, finance], encoder)
    assert resolver.resolve("Associate General Counsel").persona_id == "legal"
    assert resolver.resolve("CFO").persona_id == "finance"
    undecided = resolver.resolve("Plant Manager")
    assert undecided.confidence == pytest.approx(undecided.alternatives[0][1])


def test_constructor_validation(encoder: ConstantEncoder) -> None:
    personas = load_default_personas()
    with pytest.raises(ValueError) as caught:
        TitleResolver([], encoder)
    assert str(caught.value) == "personas must not be empty"
    with pytest.raises(ValueError) as caught:
        TitleResolver([personas[0], personas[1], personas[0]], encoder)
    assert str(caught.value) == "duplicate persona ids: executive"
    for threshold in (-0.1, 1.5):
        with pytest.raises(ValueError) as caught:
            TitleResolver(personas, encoder, threshold=threshold)
        assert str(caught.value) == f"threshold must be between 0 and 1, got {threshold}"
    with pytest.raises(ValueError) as caught:
        TitleResolver([Persona("empty", "The")], encoder)
    assert str(caught.value) == "persona 'empty' has no name or example title left after normalization"


def test_encode_must_return_one_row_per_text() -> None:
    def short(texts: Sequence[str]) -> np.ndarray:
        return np.ones((1, 2), dtype=np.float32)

    with pytest.raises(ValueError, match=r"encode must return one row per text: \d+ texts, got shape \(1, 2\)"):
        TitleResolver(load_default_personas(), short)


def test_keyword_evidence_is_split_between_personas_sharing_a_keyword() -> None:
    shared = KeywordIndex(
        [Persona("a", "A", keywords=("risk", "audit")), Persona("b", "B", keywords=("risk", "credit risk"))]
    )
    assert shared.evidence(("risk",)) == {"a": 0.5, "b": 0.5}
    assert shared.evidence(("credit", "risk")) == {"b": 1.0}
    assert shared.evidence(("audits",)) == {"a": 1.0}
    assert shared.evidence(("vice", "president")) == {}
