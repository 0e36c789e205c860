"""What every report endpoint shares: the time window, ``?format=json|csv`` and the CSV response."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import Query, Response

from service.errors import InvalidInput

Format = Literal["json", "csv"]
MinCount = Annotated[int, Query(ge=1, le=100_000, description="Smallest objection theme reported.")]
CSV_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {"content": {"text/csv": {}}, "description": "JSON, or CSV with ?format=csv"}
}


def report_window(
    since: dt.datetime | None, until: dt.datetime | None
) -> tuple[dt.datetime | None, dt.datetime | None]:
    """``since`` and ``until`` in UTC when they carry no zone; 422 unless ``until`` is after ``since``."""
    since, until = (d.replace(tzinfo=dt.UTC) if d and d.tzinfo is None else d for d in (since, until))
    if since and until and until <= since:
        raise InvalidInput("until must be after since", details={"since": since, "until": until})
    return since, until


def csv_response(text: str, name: str) -> Response:
    """CSV text as a download named ``<name>.csv``."""
    return Response(text, media_type="text/csv", headers={"Content-Disposition": f'attachment; filename="{name}.csv"'})
