"""``pitchwise create-key``."""

from __future__ import annotations

from typing import Annotated

import typer

from service.cli.app import app, console
from service.settings import Settings


@app.command("create-key")
def create_key(
    name: Annotated[str, typer.Option(help="Who or what the key is for.")],
    role: Annotated[str, typer.Option(help="rep, marketing or admin.")] = "rep",
) -> None:
    """Create an API key directly in the store and print its secret once."""
    from content_store.db import make_engine, make_session_factory, run_migrations
    from service.schemas.keys import KeyIn
    from service.usecases.keys import create_key as create

    settings = Settings()
    engine = make_engine(settings.resolved_database_url)
    run_migrations(engine)
    created = create(make_session_factory(engine), KeyIn.model_validate({"name": name, "role": role}))
    console.print(f"key_id={created.key_id} role={created.role}\n{created.key}")
