"""CSV export: JSON for structured cells, spreadsheet formulas defused."""

from __future__ import annotations

import csv
import io

from service.reports.export import to_csv


def test_formulas_are_defused_and_structures_are_json() -> None:
    text = to_csv(["label", "data"], [['=HYPERLINK("http://x")', {"a": 1}], ["-2+3", ["x"]], ["plain", 3]])
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["label", "data"]
    assert rows[1] == ['\'=HYPERLINK("http://x")', '{"a": 1}']
    assert rows[2] == ["'-2+3", '["x"]']
    assert rows[3] == ["plain", "3"]
