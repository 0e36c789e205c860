"""Numbered names in objections ("SOC 1", "ECC 6.0", "ISO 27001"): one term, and distinct from other numbers."""

from __future__ import annotations

import re
from collections import defaultdict

from indexing.lexical_index import STOPWORDS

NUMBERED_NAME = re.compile(r"\b([A-Za-z]{2,})([ -]?)(\d+(?:\.\d+)*)(?![\d.]*\w)")


def numbered_names(text: str) -> list[tuple[str, str]]:
    """("soc 1", "SOC 1") for each name followed by a number in ``text``: the term and how it is written.

    Only names written as names count, capitalized or run together with the number
    ("SOC 1", "Windows 7", "iso27001"), so quantities ("takes 6 months") do not.
    """
    return [
        (f"{name.lower()} {number}", f"{name} {number}")
        for name, gap, number in NUMBERED_NAME.findall(text)
        if name.lower() not in STOPWORDS and (not name.islower() or not gap)
    ]


def is_numbered(term: str) -> bool:
    """True for a term made by ``numbered_names`` (either spelling)."""
    return NUMBERED_NAME.fullmatch(term) is not None


def numbered_pattern(term: str) -> tuple[str, re.Pattern[str]]:
    """The name of a numbered term and a pattern that finds it, number included, in any spelling."""
    name, number = term.split(" ", 1)
    return name, re.compile(rf"\b{re.escape(name)}[ -]?{re.escape(number)}(?![\d.]*\w)", re.IGNORECASE)


def conflicting_numbers(texts: list[str]) -> dict[int, str]:
    """For texts that name one thing with different numbers ("SOC 2" here, "SOC 3" there): index → that term.

    Texts without a conflicting name are left out.
    """
    numbers: defaultdict[str, set[str]] = defaultdict(set)
    found = [numbered_names(text) for text in texts]
    for terms in found:
        for term, _ in terms:
            name, number = term.split(" ", 1)
            numbers[name].add(number)
    conflicting = {name for name, values in numbers.items() if len(values) > 1}
    keys = {}
    for index, terms in enumerate(found):
        named = sorted(term for term, _ in terms if term.split(" ", 1)[0] in conflicting)
        if named:
            keys[index] = named[0]
    return keys
