"""Attaching a document to an asset: its extracted text becomes the body, pages kept on passages."""

from __future__ import annotations

from indexing.extract import (
    CorruptDocument,
    DocumentTooLarge,
    Limits,
    UnsupportedDocument,
    extract,
)
from service.errors import InvalidInput, PayloadTooLarge, UnsupportedMediaType
from service.runtime import Runtime
from service.schemas.assets import MAX_BODY_CHARS, AssetIn, AssetOut
from service.usecases.assets import embed_chunks, get_asset, known_personas, prepare, store_prepared


def attach_document(runtime: Runtime, external_id: str, filename: str | None, data: bytes) -> AssetOut:
    """Replace an asset's body with a document's text; on any error the asset keeps its previous body."""
    current = get_asset(runtime, external_id)
    settings = runtime.settings
    if len(data) > settings.max_upload_bytes:
        raise PayloadTooLarge(
            f"the file is over {settings.max_upload_bytes} bytes", details={"limit": settings.max_upload_bytes}
        )
    limits = Limits(timeout_seconds=settings.extraction_timeout_seconds)
    try:
        document = extract(data, filename, limits=limits)
    except UnsupportedDocument as e:
        raise UnsupportedMediaType(
            f"{e}; send PDF, DOCX, PPTX, HTML, Markdown or plain text", details={"filename": filename}
        ) from e
    except DocumentTooLarge as e:
        raise PayloadTooLarge(str(e), details={"filename": filename}) from e
    except CorruptDocument as e:
        raise InvalidInput(str(e), details={"filename": filename}) from e
    source = document.source(filename, data)
    if len(document.text) > MAX_BODY_CHARS:
        raise PayloadTooLarge(
            f"the document's text is over {MAX_BODY_CHARS} characters", details={"filename": filename}
        )
    fields = {**current.model_dump(include=set(AssetIn.model_fields)), "body": document.text}
    data_in = AssetIn.model_validate(fields)
    prepared = prepare(runtime, external_id, data_in, known_personas(runtime), document=document, source=source)
    asset, _ = store_prepared(runtime, prepared, embed_chunks(runtime, [prepared])[0])
    runtime.refresh()
    return AssetOut.model_validate(asset, from_attributes=True)
