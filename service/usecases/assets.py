"""Writing and reading assets: validation, chunking, embedding only what changed, storing."""

from __future__ import annotations

import base64
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import numpy as np
from pydantic import ValidationError

from content_store import assets as asset_store
from content_store import personas as persona_store
from content_store.db import transaction
from content_store.models import Asset
from indexing.documents import ChunkText, asset_chunks, fields_hash
from indexing.extract import ExtractedDocument
from service.errors import Conflict, InvalidInput, NotFound, PayloadTooLarge
from service.recommend.normalize import canonical_stage
from service.runtime import Runtime
from service.schemas.assets import AssetIn, AssetOut, AssetPage, AssetSummaryOut, BulkAssetIn, BulkError, BulkResult

# Assets embedded together: large enough to keep the model busy, small enough to bound memory.
BULK_BATCH = 128


@dataclass(frozen=True)
class PreparedAsset:
    """An asset ready to store: normalized fields, its hash and its chunk texts."""

    external_id: str
    fields: dict[str, Any]
    content_hash: str
    chunks: list[ChunkText]


def _unique(values: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(values))


def prepare(
    runtime: Runtime,
    external_id: str,
    data: AssetIn,
    known_personas: set[str],
    document: ExtractedDocument | None = None,
    source: dict[str, Any] | None = None,
) -> PreparedAsset:
    """Normalize stages, check persona ids, and compute the chunks of an asset.

    With an extracted ``document``, its text is the body and passages keep their page numbers.
    """
    unknown = [p for p in data.personas if p not in known_personas]
    if unknown:
        raise InvalidInput(
            f"unknown persona id(s): {', '.join(unknown)}",
            details={"unknown": unknown, "known": sorted(known_personas)},
        )
    stages = _unique([s for s in (canonical_stage(runtime.stages, v) for v in data.stages) if s])
    fields = data.model_dump(exclude={"external_id"})
    fields.update(
        stages=stages,
        personas=_unique(data.personas),
        industries=_unique(data.industries),
        objections=_unique(data.objections),
        products=_unique(data.products),
        source=source,
    )
    chunks = asset_chunks(
        title=data.title,
        summary=data.summary,
        objections=fields["objections"],
        body=data.body,
        chunker=runtime.chunker,
        pages=document.pages if document else None,
    )
    return PreparedAsset(external_id, fields, fields_hash(fields), chunks)


def known_personas(runtime: Runtime) -> set[str]:
    """Ids of the personas assets may be tagged with."""
    with runtime.factory() as session:
        return {p.persona_id for p in persona_store.list_(session=session)}


def embed_chunks(runtime: Runtime, prepared: Sequence[PreparedAsset]) -> list[list[asset_store.NewChunk] | None]:
    """Chunk vectors for each asset, reusing stored ones by content hash; None for unchanged assets."""
    reuse: dict[str, dict[str, bytes]] = {}
    unchanged: set[str] = set()
    with runtime.factory() as session:
        for item in prepared:
            stored = asset_store.get(session=session, external_id=item.external_id)
            if stored is None:
                continue
            if stored.content_hash == item.content_hash:
                unchanged.add(item.external_id)
            else:
                reuse[item.external_id] = asset_store.chunk_embeddings(session=session, asset_id=stored.id)
    texts = sorted(
        {
            c.text
            for item in prepared
            if item.external_id not in unchanged
            for c in item.chunks
            if c.content_hash not in reuse.get(item.external_id, {})
        }
    )
    vectors = dict(zip(texts, runtime.embedder.encode(texts), strict=True)) if texts else {}
    result: list[list[asset_store.NewChunk] | None] = []
    for item in prepared:
        if item.external_id in unchanged:
            result.append(None)
            continue
        known = reuse.get(item.external_id, {})
        result.append(
            [
                asset_store.NewChunk(
                    ordinal=i,
                    kind=c.kind,
                    text=c.text,
                    content_hash=c.content_hash,
                    embedding=known.get(c.content_hash) or np.asarray(vectors[c.text], dtype=np.float32).tobytes(),
                    page=c.page,
                )
                for i, c in enumerate(item.chunks)
            ]
        )
    return result


def store_prepared(
    runtime: Runtime, item: PreparedAsset, chunks: list[asset_store.NewChunk] | None
) -> tuple[Asset, str]:
    """Write one prepared asset in its own transaction; returns it and created/updated/unchanged.

    ``chunks`` is None when the asset was unchanged as it was prepared; if another writer changed it
    since, the write is refused with ``Conflict`` (409) rather than storing it without passages.
    """
    with transaction(runtime.factory) as session:
        if chunks is None:
            existing = asset_store.get(session=session, external_id=item.external_id)
            if existing is not None and existing.content_hash == item.content_hash:
                return existing, "unchanged"
            raise Conflict("the asset changed while it was being written; send it again")
        asset, created = asset_store.upsert(
            session=session,
            external_id=item.external_id,
            fields=item.fields,
            content_hash=item.content_hash,
            chunks=chunks,
        )
        return asset, "created" if created else "updated"


def put_asset(runtime: Runtime, external_id: str, data: AssetIn) -> tuple[AssetOut, bool]:
    """Create or replace one asset; visible to search and recommendations on return."""
    prepared = prepare(runtime, external_id, data, known_personas(runtime))
    asset, outcome = store_prepared(runtime, prepared, embed_chunks(runtime, [prepared])[0])
    runtime.refresh()
    return AssetOut.model_validate(asset, from_attributes=True), outcome == "created"


@dataclass(frozen=True)
class ImportItem:
    """One asset to write in bulk: its fields (with ``external_id``) and, optionally, an extracted document."""

    raw: Any
    document: ExtractedDocument | None = None
    source: dict[str, Any] | None = None
    error: str | None = None


def bulk_upsert(runtime: Runtime, items: Sequence[Any]) -> BulkResult:
    """Create or replace many assets; each item stands alone, so a bad one never blocks the rest."""
    if len(items) > runtime.settings.max_bulk_assets:
        raise PayloadTooLarge(
            f"at most {runtime.settings.max_bulk_assets} assets per bulk call, got {len(items)}",
            details={"limit": runtime.settings.max_bulk_assets},
        )
    return upsert_many(runtime, [ImportItem(raw) for raw in items])


def _prepare_item(
    runtime: Runtime, index: int, item: ImportItem, known: set[str], seen: set[str]
) -> PreparedAsset | BulkError:
    raw = item.raw
    external_id = _str_or_none(raw.get("external_id")) if isinstance(raw, dict) else None
    if item.error:
        return BulkError(index=index, external_id=external_id, error=item.error)
    try:
        if item.document is not None and isinstance(raw, dict):
            raw = {**raw, "body": item.document.text}
        data = BulkAssetIn.model_validate(raw)
        if data.external_id in seen:
            raise InvalidInput(f"external_id {data.external_id!r} appears more than once")
        seen.add(data.external_id)
        return prepare(runtime, data.external_id, data, known, document=item.document, source=item.source)
    except ValidationError as e:
        return BulkError(index=index, external_id=external_id, error=_first_error(e))
    except InvalidInput as e:
        return BulkError(index=index, external_id=external_id, error=e.message)


def _dry_run_outcome(runtime: Runtime, item: PreparedAsset) -> str:
    with runtime.factory() as session:
        stored = asset_store.get(session=session, external_id=item.external_id)
    if stored is None:
        return "created"
    return "unchanged" if stored.content_hash == item.content_hash else "updated"


def upsert_many(
    runtime: Runtime,
    items: Sequence[ImportItem],
    *,
    dry_run: bool = False,
    on_progress: Callable[[int], None] | None = None,
) -> BulkResult:
    """Validate, embed (in batches, only changed passages) and store items, each in its own transaction.

    A batch is written by a second thread while the next one is embedded, so the
    model is rarely idle. With ``dry_run`` nothing is embedded or written; the
    result says what would happen.
    """
    known = known_personas(runtime)
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    errors: list[BulkError] = []
    seen: set[str] = set()
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="pitchwise-import") as writer:
        writing: tuple[Future[None], int] | None = None
        for start in range(0, len(items), BULK_BATCH):
            batch: list[tuple[int, PreparedAsset]] = []
            for index in range(start, min(start + BULK_BATCH, len(items))):
                prepared = _prepare_item(runtime, index, items[index], known, seen)
                if isinstance(prepared, BulkError):
                    errors.append(prepared)
                else:
                    batch.append((index, prepared))
            size = min(start + BULK_BATCH, len(items)) - start
            if dry_run:
                for _, item in batch:
                    counts[_dry_run_outcome(runtime, item)] += 1
                if on_progress is not None:
                    on_progress(size)
                continue
            chunk_lists = embed_chunks(runtime, [p for _, p in batch])
            _finish(writing, on_progress)
            writing = (writer.submit(_store_batch, runtime, batch, chunk_lists, counts, errors), size)
        _finish(writing, on_progress)
    runtime.refresh()
    return BulkResult(errors=sorted(errors, key=lambda e: e.index), **counts)


def _store_batch(
    runtime: Runtime,
    batch: list[tuple[int, PreparedAsset]],
    chunk_lists: list[list[asset_store.NewChunk] | None],
    counts: dict[str, int],
    errors: list[BulkError],
) -> None:
    for (index, item), chunks in zip(batch, chunk_lists, strict=True):
        try:
            counts[store_prepared(runtime, item, chunks)[1]] += 1
        except (InvalidInput, Conflict) as e:
            errors.append(BulkError(index=index, external_id=item.external_id, error=e.message))


def _finish(writing: tuple[Future[None], int] | None, on_progress: Callable[[int], None] | None) -> None:
    """Wait for the batch being written (re-raising its failure) and report its progress."""
    if writing is None:
        return
    future, size = writing
    future.result()
    if on_progress is not None:
        on_progress(size)


def _str_or_none(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _first_error(error: ValidationError) -> str:
    details = error.errors()
    first = details[0]
    location = ".".join(str(part) for part in first["loc"]) or "item"
    more = f" (and {len(details) - 1} more)" if len(details) > 1 else ""
    return f"{location}: {first['msg']}{more}"


def get_asset(runtime: Runtime, external_id: str) -> AssetOut:
    """One asset by external id; 404 if absent or deleted."""
    with runtime.factory() as session:
        asset = asset_store.get(session=session, external_id=external_id)
        if asset is None:
            raise NotFound(f"no asset with external_id {external_id!r}")
        return AssetOut.model_validate(asset, from_attributes=True)


def delete_asset(runtime: Runtime, external_id: str) -> None:
    """Delete an asset; it leaves search and recommendations on return."""
    with transaction(runtime.factory) as session:
        if not asset_store.delete(session=session, external_id=external_id):
            raise NotFound(f"no asset with external_id {external_id!r}")
    runtime.refresh()


# The largest row id a database integer holds: larger cursors are refused, not passed to the database.
MAX_ROW_ID = 2**63 - 1


def encode_cursor(asset_id: int) -> str:
    """An opaque cursor for the page after ``asset_id``."""
    return base64.urlsafe_b64encode(f"a:{asset_id}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> int:
    """The last asset id of the previous page; 422 for a cursor this API did not make."""
    if not cursor:
        return 0
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        prefix, value = raw.split(":", 1)
        if prefix != "a" or not value.isdigit() or int(value) > MAX_ROW_ID:
            raise ValueError(raw)
        return int(value)
    except (ValueError, UnicodeDecodeError) as e:
        raise InvalidInput(
            "cursor is not valid; use next_cursor from a previous page", details={"cursor": cursor}
        ) from e


def list_assets(
    runtime: Runtime,
    *,
    persona: str | None,
    stage: str | None,
    industry: str | None,
    content_type: str | None,
    status: str | None,
    cursor: str | None,
    limit: int,
) -> AssetPage:
    """A page of assets (all statuses unless filtered), in creation order."""
    tags = {
        kind: value
        for kind, value in (
            ("personas", persona),
            ("stages", canonical_stage(runtime.stages, stage)),
            ("industries", industry),
        )
        if value
    }
    with runtime.factory() as session:
        rows = asset_store.list_(
            session=session,
            tags=tags,
            content_type=content_type,
            status=status,
            after_id=decode_cursor(cursor),
            limit=limit + 1,
        )
        items = [AssetSummaryOut.model_validate(a, from_attributes=True) for a in rows[:limit]]
    next_cursor = encode_cursor(rows[limit - 1].id) if len(rows) > limit else None
    return AssetPage(items=items, next_cursor=next_cursor)


def asset_versions(runtime: Runtime, external_id: str) -> list[dict[str, Any]]:
    """Earlier versions of an asset, newest first."""
    with runtime.factory() as session:
        asset = asset_store.get(session=session, external_id=external_id)
        if asset is None:
            raise NotFound(f"no asset with external_id {external_id!r}")
        return [
            {"version": v.version, "created_at": v.created_at, "asset": v.snapshot}
            for v in asset_store.versions(session=session, asset_id=asset.id)
        ]
