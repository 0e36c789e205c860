"""The Typer application and the console shared by every command."""

from __future__ import annotations

import typer
from rich.console import Console

app = typer.Typer(help="Pitchwise: the right sales content, with how and when to use it.", no_args_is_help=True)
console = Console()
