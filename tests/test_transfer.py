"""pitchwise import / export: files and folders in, idempotent, dry run, JSONL round trip."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from indexing.embedder import SentenceTransformerEmbedder
from service.cli import app
from service.cli import reports as report_commands
from service.cli import transfer as transfer_commands
from service.demo import load_sample_assets
from service.runtime import Runtime, build_runtime
from service.settings import Settings
from service.usecases.assets import get_asset
from tests.documents import samples
from tests.library_health_samples import ORDER_FORM

CSV = """external_id,title,summary,body,content_type,personas,stages,industries,objections,status
imp-1,Pricing guide,How pricing works,Plans start at $900 a month.,guide,finance|executive,mofu,,Too expensive,published
imp-2,Security sheet,,We hold SOC 2 Type II.,datasheet,security,evaluation,Healthcare|Retail,,published
imp-3,Broken,,,podcast,,,,,published
"""


@pytest.fixture
def use_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, embedder: SentenceTransformerEmbedder) -> Path:
    """Point the CLI at a fresh store in ``tmp_path/<name>`` (set PITCHWISE_DATA_DIR per call)."""
    for module in (report_commands, transfer_commands):
        monkeypatch.setattr(module, "load_runtime", lambda settings: build_runtime(settings, embedder))
    return tmp_path


def _runtime(embedder: SentenceTransformerEmbedder) -> Runtime:
    return build_runtime(Settings(), embedder)


def _documents(folder: Path, files: dict[str, bytes], metadata_name: str, metadata: str) -> Path:
    """A folder of documents with its metadata file, as `pitchwise import` reads it."""
    folder.mkdir()
    for name, content in files.items():
        (folder / name).write_bytes(content)
    (folder / metadata_name).write_text(metadata)
    return folder


def _invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.output


def test_csv_import_is_idempotent_and_reports_failures(
    use_store: Path, monkeypatch: pytest.MonkeyPatch, embedder: SentenceTransformerEmbedder
) -> None:
    monkeypatch.setenv("PITCHWISE_DATA_DIR", str(use_store / "store"))
    source = use_store / "assets.csv"
    source.write_text(CSV)
    code, output = _invoke("import", str(source), "--dry-run")
    assert code == 1 and "Dry run" in output and "imp-3" in output
    assert not _runtime(embedder).library.cards
    code, output = _invoke("import", str(source))
    assert code == 1 and "Import finished" in output
    assert "imp-3" in output and "content_type" in output
    runtime = _runtime(embedder)
    assert get_asset(runtime, "imp-1").personas == ["finance", "executive"]
    assert get_asset(runtime, "imp-2").industries == ["Healthcare", "Retail"]
    assert get_asset(runtime, "imp-1").stages == ["evaluation"]
    code, output = _invoke("import", str(source))
    assert "│       0 │       0 │         2 │      1 │" in output


def test_folder_of_documents_with_a_yaml_sidecar(
    use_store: Path, monkeypatch: pytest.MonkeyPatch, embedder: SentenceTransformerEmbedder
) -> None:
    monkeypatch.setenv("PITCHWISE_DATA_DIR", str(use_store / "store"))
    folder = _documents(
        use_store / "docs",
        {
            "deck.pptx": samples.pptx(["Slide one: why switch", "Slide two: pricing"]),
            "brief.pdf": samples.pdf(["Page one.", "Page two about rebates."]),
            "fake.pdf": b"MZ\x90\x00not a pdf\x00",
        },
        "metadata.yaml",
        "- {file: deck.pptx, external_id: doc-deck, title: Sales deck, content_type: presentation}\n"
        "- {file: brief.pdf, external_id: doc-brief, title: Brief, content_type: white_paper, stages: [tofu]}\n"
        "- {file: fake.pdf, external_id: doc-fake, title: Fake, content_type: other}\n"
        "- {file: ../escape.txt, external_id: doc-escape, title: Escape, content_type: other}\n",
    )
    code, output = _invoke("import", str(folder))
    assert code == 1 and "doc-fake" in output and "doc-escape" in output
    runtime = _runtime(embedder)
    brief = get_asset(runtime, "doc-brief")
    assert "rebates" in brief.body and brief.source is not None and brief.source["pages"] == 2
    assert "pricing" in get_asset(runtime, "doc-deck").body
    pages = {c.page for c in runtime.library.chunks.values() if c.kind == "body"}
    assert {1, 2} <= pages


def test_export_then_import_round_trips(
    use_store: Path, monkeypatch: pytest.MonkeyPatch, embedder: SentenceTransformerEmbedder
) -> None:
    monkeypatch.setenv("PITCHWISE_DATA_DIR", str(use_store / "first"))
    source = use_store / "assets.csv"
    source.write_text(CSV)
    _invoke("import", str(source))
    first = use_store / "first.jsonl"
    assert _invoke("export", str(first))[0] == 0
    records = [json.loads(line) for line in first.read_text().splitlines()]
    assert [r["external_id"] for r in records] == ["imp-1", "imp-2"]
    monkeypatch.setenv("PITCHWISE_DATA_DIR", str(use_store / "second"))
    assert _invoke("import", str(first))[0] == 0
    second = use_store / "second.jsonl"
    _invoke("export", str(second))
    assert second.read_text() == first.read_text()


def test_documents_round_trip_with_their_pages(
    use_store: Path, monkeypatch: pytest.MonkeyPatch, embedder: SentenceTransformerEmbedder
) -> None:
    monkeypatch.setenv("PITCHWISE_DATA_DIR", str(use_store / "first"))
    folder = _documents(
        use_store / "docs",
        {"brief.pdf": samples.pdf(["Page one about approvals.", "Page two about card rebates."])},
        "metadata.csv",
        "file,external_id,title,content_type\nbrief.pdf,doc-brief,Brief,white_paper\n",
    )
    assert _invoke("import", str(folder))[0] == 0
    exported = use_store / "first.jsonl"
    _invoke("export", str(exported))
    code, output = _invoke("import", str(exported))
    assert code == 0 and "│       0 │       0 │         1 │      0 │" in output  # unchanged where it came from

    monkeypatch.setenv("PITCHWISE_DATA_DIR", str(use_store / "second"))
    assert _invoke("import", str(exported))[0] == 0
    runtime = _runtime(embedder)
    pages = {c.text: c.page for c in runtime.library.chunks.values() if c.kind == "body"}
    assert pages == {"Page one about approvals.": 1, "Page two about card rebates.": 2}
    again = use_store / "second.jsonl"
    _invoke("export", str(again))
    assert again.read_text() == exported.read_text()

    edited = json.loads(exported.read_text())
    edited["body"] = "Rewritten by hand."
    exported.write_text(json.dumps(edited) + "\n")
    assert _invoke("import", str(exported))[0] == 0
    brief = get_asset(_runtime(embedder), "doc-brief")
    assert brief.body == "Rewritten by hand." and brief.source is None  # the file no longer describes it


def test_bad_sources(use_store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PITCHWISE_DATA_DIR", str(use_store / "store"))
    assert _invoke("import", str(use_store / "missing.csv"))[0] == 2
    (use_store / "empty").mkdir()
    code, output = _invoke("import", str(use_store / "empty"))
    assert code == 2 and "sidecar" in output
    (use_store / "bad.json").write_text("{not json")
    assert _invoke("import", str(use_store / "bad.json"))[0] == 2


def test_import_summary_counts_assets_with_suspect_tags_or_suggestions(
    use_store: Path, monkeypatch: pytest.MonkeyPatch, embedder: SentenceTransformerEmbedder
) -> None:
    monkeypatch.setenv("PITCHWISE_DATA_DIR", str(use_store / "store"))
    source = use_store / "library.jsonl"
    records = [*load_sample_assets()[:20], {"external_id": "of-1", **ORDER_FORM}]
    source.write_text("".join(json.dumps(r) + "\n" for r in records))
    code, output = _invoke("import", str(source))
    assert code == 0, output
    said = " ".join(output.split())
    assert re.search(r"Library health: [1-9]\d* of 21 imported assets need a look", said), said
    assert "pitchwise report tag-health" in said and "no tag was changed" in said
    assert get_asset(_runtime(embedder), "of-1").stages == ["awareness"]
    code, output = _invoke("import", str(source), "--dry-run")
    assert code == 0 and "Library health" not in output
