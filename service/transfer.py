"""Import and export of whole libraries: CSV, JSON, JSONL, YAML, or a folder of documents with a sidecar."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import select

from content_store.models import Asset
from indexing.extract import ExtractedDocument, ExtractionError, Limits, extract
from service.runtime import Runtime
from service.usecases.assets import ImportItem

LIST_FIELDS = ("personas", "stages", "industries", "objections", "products")
EXPORT_FIELDS = (
    "external_id",
    "title",
    "summary",
    "body",
    "url",
    "content_type",
    *LIST_FIELDS,
    "usage_notes",
    "published_at",
    "expires_at",
    "status",
    "source",
)
SIDECAR_NAMES = ("metadata.csv", "metadata.json", "metadata.jsonl", "metadata.yaml", "metadata.yml")
CSV_LIST_SEPARATOR = "|"


class ImportSourceError(ValueError):
    """The path cannot be read as a library."""


def _csv_rows(path: Path) -> list[dict[str, Any]]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    return [_from_csv(row) for row in rows]


def _from_csv(row: dict[str, Any]) -> dict[str, Any]:
    record: dict[str, Any] = {}
    for key, value in row.items():
        if key is None or value is None:
            continue
        key = key.strip()
        if key in LIST_FIELDS:
            record[key] = [part.strip() for part in value.split(CSV_LIST_SEPARATOR) if part.strip()]
        elif value != "" or key in ("summary", "body", "usage_notes"):
            record[key] = value
    return record


def read_records(path: Path) -> list[dict[str, Any]]:
    """Asset records from a CSV, JSON (list or {"assets": [...]}), JSONL or YAML file."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".csv":
            return _csv_rows(path)
        text = path.read_text(encoding="utf-8-sig")
        if suffix == ".jsonl":
            return [json.loads(line) for line in text.splitlines() if line.strip()]
        data = json.loads(text) if suffix == ".json" else yaml.safe_load(text) if suffix in (".yaml", ".yml") else None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, yaml.YAMLError, csv.Error) as e:
        raise ImportSourceError(f"{path} cannot be read: {e}") from e
    if data is None:
        raise ImportSourceError(f"{path}: use a .csv, .json, .jsonl, .yaml or .yml file, or a folder with a sidecar")
    records = data.get("assets") if isinstance(data, dict) else data
    if not isinstance(records, list):
        raise ImportSourceError(f"{path} must hold a list of assets")
    return records


def _document_item(folder: Path, record: dict[str, Any], runtime: Runtime) -> ImportItem:
    raw = {k: v for k, v in record.items() if k != "file"}
    name = str(record.get("file") or "")
    file_path = (folder / name).resolve()
    if not name or folder.resolve() not in file_path.parents or not file_path.is_file():
        return ImportItem(raw, error=f"file {name!r} is missing or outside the folder")
    if file_path.stat().st_size > runtime.settings.max_upload_bytes:
        return ImportItem(raw, error=f"file {name!r} is over {runtime.settings.max_upload_bytes} bytes")
    data = file_path.read_bytes()
    try:
        document = extract(data, name, limits=Limits(timeout_seconds=runtime.settings.extraction_timeout_seconds))
    except ExtractionError as e:
        return ImportItem(raw, error=f"file {name!r}: {e}")
    return ImportItem(raw, document=document, source=document.source(file_path.name, data))


def _record_item(record: Any) -> ImportItem:
    """An asset record; one exported with its ``source`` gets its document pages back, so its passages keep
    their page numbers. A source whose page starts no longer fit the body (edited since) is dropped."""
    if not isinstance(record, dict) or "source" not in record:
        return ImportItem(record)
    raw = {k: v for k, v in record.items() if k != "source"}
    source = record["source"]
    if not isinstance(source, dict):
        return ImportItem(raw)
    starts, kind, body = source.get("page_starts"), source.get("kind"), raw.get("body")
    if starts is None:
        return ImportItem(raw, source=source)
    try:
        document = ExtractedDocument.from_text(str(kind), str(body or ""), starts)
    except (TypeError, ValueError):
        return ImportItem(raw)
    return ImportItem(raw, document=document, source=source)


def import_items(runtime: Runtime, path: Path) -> list[ImportItem]:
    """What to import from ``path``: a file of asset records, or a folder of documents with a sidecar.

    In a folder, the sidecar (metadata.csv/json/jsonl/yaml) maps each ``file`` to its
    ``external_id`` and tags; each document's text becomes that asset's body.
    """
    if path.is_dir():
        sidecar = next((path / n for n in SIDECAR_NAMES if (path / n).exists()), None)
        if sidecar is None:
            raise ImportSourceError(f"{path} has no sidecar; add one of {', '.join(SIDECAR_NAMES)}")
        return [_document_item(path, record, runtime) for record in read_records(sidecar)]
    if not path.exists():
        raise ImportSourceError(f"{path} does not exist")
    return [_record_item(record) for record in read_records(path)]


def export_records(runtime: Runtime) -> Iterator[dict[str, Any]]:
    """Every asset (all statuses, deleted ones left out) as a record that import reads back identically."""
    with runtime.factory() as session:
        for asset in session.scalars(select(Asset).where(Asset.deleted_at.is_(None)).order_by(Asset.id)):
            record = {field: getattr(asset, field) for field in EXPORT_FIELDS}
            for field in ("published_at", "expires_at"):
                record[field] = record[field].isoformat() if record[field] else None
            yield record
