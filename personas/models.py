"""The persona record: one kind of B2B buyer that content can be aimed at."""

from __future__ import annotations

import re
from dataclasses import dataclass

_PERSONA_ID = re.compile(r"[a-z][a-z0-9_]*")


@dataclass(frozen=True)
class Persona:
    """A buyer persona with the job titles and keywords that identify it."""

    persona_id: str
    name: str
    description: str = ""
    example_titles: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not _PERSONA_ID.fullmatch(self.persona_id):
            raise ValueError(
                f"persona_id must be lower-case letters, digits or underscores starting with a letter, "
                f"got {self.persona_id!r}"
            )
        if not self.name.strip():
            raise ValueError(f"persona {self.persona_id!r} must have a non-blank name")
        if not isinstance(self.example_titles, tuple) or not isinstance(self.keywords, tuple):
            raise ValueError(f"persona {self.persona_id!r}: example_titles and keywords must be tuples")
        if any(not title.strip() for title in self.example_titles):
            raise ValueError(f"persona {self.persona_id!r} has a blank example title")
        if any(not keyword.strip() for keyword in self.keywords):
            raise ValueError(f"persona {self.persona_id!r} has a blank keyword")
