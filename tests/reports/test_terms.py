"""Numbered names: "SOC 1" is one term, distinct from "SOC 2"; quantities are not names."""

from __future__ import annotations

import numpy as np

from service.reports.terms import conflicting_numbers, is_numbered, numbered_names, numbered_pattern
from service.reports.themes import Theme, objection_themes


def test_numbered_names_are_names_written_as_names() -> None:
    assert numbered_names("SOX needs a SOC 1 report, SOC 2 alone isn't enough") == [
        ("soc 1", "SOC 1"),
        ("soc 2", "SOC 2"),
    ]
    assert numbered_names("still on SAP ECC 6.0") == [("ecc 6.0", "ECC 6.0")]
    assert numbered_names("need iso27001") == [("iso 27001", "iso 27001")]
    assert numbered_names("rollout will take 6 months, we spent 18 months on the ERP") == []
    assert is_numbered("SOC 1") and is_numbered("soc 1") and not is_numbered("soc")


def test_numbered_pattern_matches_the_number_and_no_other() -> None:
    name, pattern = numbered_pattern("soc 1")
    assert name == "soc"
    assert pattern.search("our SOC-1 Type II report") and pattern.search("a soc 1 report")
    assert not pattern.search("SOC 2 Type II") and not pattern.search("SOC 12") and not pattern.search("SOC 1.1")


def test_conflicting_numbers_keys_only_names_used_with_several_numbers() -> None:
    texts = ["need the SOC 2 report", "is there a SOC 3?", "Type 2 please", "how secure is it"]
    assert conflicting_numbers(texts) == {0: "soc 2", 1: "soc 3"}
    assert conflicting_numbers(["SOC 2 report", "SOC 2 Type 2"]) == {}


def test_a_theme_naming_one_thing_with_two_numbers_is_split() -> None:
    texts = ["we need a SOC 2 report", "send the SOC 2 report", "is there a SOC 3 report", "SOC 3 please", "audit docs"]
    base = np.array([1.0, 0.0, 0.0])
    vectors = np.stack([base + np.array([0.0, 0.1 * i, 0.0]) for i in range(5)])
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    themes = objection_themes(texts, vectors)
    assert sorted(sorted(t.members) for t in themes) == [[0, 1], [2, 3, 4]] or sorted(
        sorted(t.members) for t in themes
    ) == [[0, 1, 4], [2, 3]]
    assert all(isinstance(t, Theme) and t.center in t.members for t in themes)
