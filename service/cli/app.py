"""The Typer application and the console shared by every command."""

from __future__ import annotations

import typer
from rich.console import Console

from service.runtime import Runtime
from service.settings import Settings

app = typer.Typer(help="Pitchwise: the right sales content, with how and when to use it.", no_args_is_help=True)
console = Console()


def load_runtime(settings: Settings) -> Runtime:
    """Open the configured store with the model loaded and the indexes built."""
    from service.runtime import build_runtime

    with console.status("Loading the model and the library..."):
        return build_runtime(settings, settings.embedder())
