"""All settings, read from the environment (prefix ``PITCHWISE_``); bad values fail at start."""

from __future__ import annotations

import json
import re
from functools import partial
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from indexing.embedder import DEFAULT_MODEL, Embedder

# A CSP source for frame-ancestors: scheme://host[:port], the host may start with "*." (e.g. *.force.com).
FRAME_ORIGIN = re.compile(r"^https?://(\*\.)?[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*(:\d{1,5})?$")


class Settings(BaseSettings):
    """Pitchwise settings; each field is documented in the README's settings table."""

    model_config = SettingsConfigDict(env_prefix="PITCHWISE_", extra="ignore")

    data_dir: Path = Field(default=Path("data"), description="Folder for index files and the default SQLite database.")
    database_url: str | None = Field(
        default=None, description="SQLAlchemy URL; default a SQLite file pitchwise.db in the data folder."
    )
    admin_key: SecretStr | None = Field(default=None, description="If set, this exact string is an admin API key.")
    embedding_model: str = Field(
        default=DEFAULT_MODEL, description="sentence-transformers model name or folder (default: the packaged MiniLM)."
    )
    embedding_backend: Literal["torch", "onnx-int8"] = Field(
        default="torch",
        description="torch: the sentence-transformers model in fp32; onnx-int8: the same model exported to ONNX "
        "and int8-quantized in the data folder on first start (about 5x faster queries).",
    )
    model_process: bool = Field(
        default=True,
        description="Run the embedding model in a child process, so the model and the request handling each have "
        "an interpreter lock (and a core) of their own.",
    )
    crm_stage_map: dict[str, str] = Field(
        default_factory=dict, description='JSON object mapping CRM stage names to stages, e.g. {"Pilot": "evaluation"}.'
    )
    persona_threshold: float | None = Field(
        default=None,
        ge=0.0,
        le=1.0,
        description="Minimum confidence for a title to resolve to a persona (default: the calibrated threshold).",
    )
    max_request_bytes: int = Field(
        default=32 * 1024 * 1024, ge=1024, description="Largest accepted request body (bulk calls are the big ones)."
    )
    rate_limits: dict[str, tuple[float, float] | None] = Field(
        default_factory=lambda: {"rep": (120.0, 30.0), "marketing": (600.0, 100.0), "admin": None},
        description='Requests a minute and burst per role, JSON, e.g. {"rep": [120, 30], "admin": null} (null: none).',
    )
    max_objections: int = Field(default=20, ge=1, le=1000, description="Most objections in one recommendation request.")
    max_objection_chars: int = Field(default=500, ge=10, description="Longest accepted objection text.")
    max_bulk_assets: int = Field(default=5000, ge=1, description="Most assets in one bulk call.")
    max_upload_bytes: int = Field(
        default=25 * 1024 * 1024, ge=1024, description="Largest accepted document upload (413 above)."
    )
    extraction_timeout_seconds: float = Field(
        default=20.0, gt=0, description="Longest a document may take to read before it is refused (422)."
    )
    max_page_size: int = Field(default=200, ge=1, description="Largest page of the asset list and search results.")
    log_level: str = Field(default="INFO", description="Python log level of the service.")
    workers: int = Field(
        default=1,
        ge=1,
        le=16,
        description="Processes `pitchwise serve` runs, each a full replica with its own model and index (memory "
        "grows with each); about one per core.",
    )

    @field_validator("log_level")
    @classmethod
    def _known_level(cls, value: str) -> str:
        level = value.upper()
        if level not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
            raise ValueError(f"log_level must be DEBUG, INFO, WARNING, ERROR or CRITICAL, got {value!r}")
        return level

    @property
    def resolved_database_url(self) -> str:
        """The database URL in force (the SQLite default lives in the data folder)."""
        return self.database_url or f"sqlite:///{(self.data_dir / 'pitchwise.db').resolve()}"

    @property
    def index_path(self) -> Path:
        """Where the FAISS index cache is written."""
        return self.data_dir / "index" / "vectors.faiss"

    # --- Pages: which CRM origins may frame the /sidebar page (see README "Pages and CRM sidebar") ---
    frame_ancestors: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="Origins allowed to frame /sidebar (comma-separated or a JSON list); empty: none may.",
    )

    @field_validator("frame_ancestors", mode="before")
    @classmethod
    def _origins(cls, value: object) -> list[str]:
        if isinstance(value, str):
            text = value.strip()
            value = json.loads(text) if text.startswith("[") else [p for p in re.split(r"[,\s]+", text) if p]
        if not isinstance(value, list | tuple):
            raise ValueError("frame_ancestors must be a list of origins such as https://acme.lightning.force.com")
        origins = [str(v).strip().rstrip("/") for v in value]
        bad = [o for o in origins if not FRAME_ORIGIN.match(o)]
        if bad:
            raise ValueError(f"frame_ancestors must be origins like https://acme.my.salesforce.com, got {bad}")
        return origins

    def embedder(self) -> Embedder:
        """Load the configured embedding model (slow: call once per process); in a child process unless
        ``model_process`` is off."""
        if self.model_process:
            from indexing.model_process import ProcessEmbedder

            return ProcessEmbedder(partial(self.load_model, cache_size=0))
        return self.load_model()

    def load_model(self, *, cache_size: int = 4096) -> Embedder:
        """The configured embedding model, loaded in this process."""
        if self.embedding_backend == "onnx-int8":
            from indexing.onnx_embedder import OnnxEmbedder

            return OnnxEmbedder(self.embedding_model, cache_dir=self.data_dir / "models", cache_size=cache_size)
        from indexing.embedder import SentenceTransformerEmbedder

        return SentenceTransformerEmbedder(self.embedding_model, cache_size=cache_size)
