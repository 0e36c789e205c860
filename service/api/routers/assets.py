"""Assets: marketing writes, reps read."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Path, Query, Response, UploadFile
from pydantic import BaseModel, Field

from service.api.deps import MarketingDep, RepDep, RuntimeDep, SettingsDep
from service.api.responses import AUTHED, BODY, errors
from service.errors import InvalidInput
from service.schemas.assets import AssetIn, AssetOut, AssetPage, AssetVersionOut, BulkResult
from service.schemas.common import AssetStatus, ContentType
from service.usecases import assets, documents

router = APIRouter(prefix="/v1/assets", tags=["assets"], responses=errors(*AUTHED))

ExternalId = Annotated[str, Path(min_length=1, max_length=200, pattern=r"^[A-Za-z0-9][A-Za-z0-9._:-]*$")]
SUGGESTIONS_LINK = '</v1/assets/{external_id}/suggestions>; rel="related"; title="Tag suggestions"'
UPLOADED: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The asset with its new body",
        "headers": {
            "Link": {
                "description": "Where the tag suggestions for the new text are (`rel=related`); tags are never "
                "changed by themselves.",
                "schema": {"type": "string"},
            }
        },
    },
    **errors(*BODY, 404, 409, 415),
}


class BulkIn(BaseModel):
    """Assets to create or replace; each item is an asset with its ``external_id`` and is checked on its own."""

    assets: list[Any] = Field(description="Items shaped like BulkAssetIn; limit: see README.")


@router.post("/bulk", response_model=BulkResult, responses=errors(*BODY))
def bulk(body: BulkIn, runtime: RuntimeDep, _: MarketingDep) -> BulkResult:
    """Create or replace many assets; one bad item never blocks the good ones."""
    return assets.bulk_upsert(runtime, body.assets)


@router.get("", response_model=AssetPage)
def list_assets(
    runtime: RuntimeDep,
    settings: SettingsDep,
    _: RepDep,
    persona: Annotated[str | None, Query(max_length=64)] = None,
    stage: Annotated[str | None, Query(max_length=100)] = None,
    industry: Annotated[str | None, Query(max_length=200)] = None,
    content_type: ContentType | None = None,
    status: AssetStatus | None = None,
    cursor: Annotated[str | None, Query(max_length=200)] = None,
    limit: Annotated[int, Query(ge=1)] = 50,
) -> AssetPage:
    """A page of assets filtered by persona, stage, industry, type and status."""
    if limit > settings.max_page_size:
        raise InvalidInput(f"limit must be at most {settings.max_page_size}", details={"limit": settings.max_page_size})
    return assets.list_assets(
        runtime,
        persona=persona,
        stage=stage,
        industry=industry,
        content_type=content_type,
        status=status,
        cursor=cursor,
        limit=limit,
    )


@router.get("/{external_id}", response_model=AssetOut, responses=errors(404))
def get_asset(external_id: ExternalId, runtime: RuntimeDep, _: RepDep) -> AssetOut:
    """One asset with its body and version."""
    return assets.get_asset(runtime, external_id)


@router.get("/{external_id}/versions", response_model=list[AssetVersionOut], responses=errors(404))
def asset_versions(external_id: ExternalId, runtime: RuntimeDep, _: RepDep) -> list[dict[str, Any]]:
    """Earlier versions of an asset, newest first."""
    return assets.asset_versions(runtime, external_id)


@router.put(
    "/{external_id}",
    response_model=AssetOut,
    responses={201: {"model": AssetOut, "description": "Created"}, **errors(*BODY, 409)},
)
def put_asset(
    external_id: ExternalId, body: AssetIn, response: Response, runtime: RuntimeDep, _: MarketingDep
) -> AssetOut:
    """Create (201) or replace (200) an asset, idempotent by external id."""
    asset, created = assets.put_asset(runtime, external_id, body)
    response.status_code = 201 if created else 200
    return asset


@router.delete("/{external_id}", status_code=204, response_class=Response, responses=errors(404))
def delete_asset(external_id: ExternalId, runtime: RuntimeDep, _: MarketingDep) -> Response:
    """Delete an asset; it leaves search and recommendations at once."""
    assets.delete_asset(runtime, external_id)
    return Response(status_code=204)


@router.post("/{external_id}/file", response_model=AssetOut, responses=UPLOADED)
def upload_file(
    external_id: ExternalId,
    file: Annotated[UploadFile, File(description="PDF, DOCX, PPTX, HTML, Markdown or plain text.")],
    response: Response,
    runtime: RuntimeDep,
    _: MarketingDep,
) -> AssetOut:
    """Attach a document: its text becomes the asset body; passages keep page and slide numbers.

    The ``Link`` header points to the tag suggestions for the new text.
    """
    data = file.file.read(runtime.settings.max_upload_bytes + 1)
    asset = documents.attach_document(runtime, external_id, file.filename, data)
    response.headers["Link"] = SUGGESTIONS_LINK.format(external_id=external_id)
    return asset
