"""The ``pitchwise`` command line: one module per group of commands."""

from __future__ import annotations

from service.cli import evaluation, keys, maintenance, reports, server, transfer
from service.cli.app import app

__all__ = ["app", "evaluation", "keys", "maintenance", "reports", "server", "transfer"]
