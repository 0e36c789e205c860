"""Import benchmark: synthetic assets through the real import path vs. raw model.encode on the same passages.

    .venv/bin/python -m bench.import_throughput [--assets 10000]

Builds N synthetic assets (three paragraphs each), imports them into a fresh
SQLite store with the same code as ``pitchwise import`` (validation, chunking,
batched embedding, one transaction per asset, index update), then embeds
exactly the same passage texts with ``SentenceTransformer.encode`` alone, and
prints assets/s, passages/s and the ratio of the two throughputs.
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
from pathlib import Path

from indexing.documents import asset_chunks
from indexing.embedder import SentenceTransformerEmbedder
from service.runtime import build_runtime
from service.settings import Settings
from service.usecases.assets import ImportItem, upsert_many

TOPICS = ["invoice matching", "approval routing", "vendor onboarding", "card rebates", "ERP sync", "audit trails"]
VERBS = ["cuts", "speeds up", "simplifies", "secures", "automates", "tracks"]
OBJECTS = ["month-end close", "supplier payments", "exception handling", "cash forecasting", "tax forms", "PO checks"]
INDUSTRIES = ["Healthcare", "Retail", "Manufacturing", "Logistics", "Software"]
TYPES = ["blog_post", "case_study", "white_paper", "guide", "datasheet", "one_pager"]


def synthetic_assets(count: int, seed: int = 11) -> list[dict[str, object]]:
    """Assets with varied, readable text (so no two passages are the same)."""
    rng = random.Random(seed)

    def sentence(i: int) -> str:
        return (
            f"{rng.choice(TOPICS).capitalize()} {rng.choice(VERBS)} {rng.choice(OBJECTS)} "
            f"for team {i} by {rng.randint(10, 90)} percent in {rng.randint(2, 12)} weeks."
        )

    return [
        {
            "external_id": f"synthetic-{i}",
            "title": f"{rng.choice(TOPICS).title()} note {i}",
            "summary": sentence(i),
            "body": "\n\n".join(" ".join(sentence(i) for _ in range(4)) for _ in range(3)),
            "content_type": rng.choice(TYPES),
            "industries": rng.sample(INDUSTRIES, rng.randint(0, 1)),
            "objections": [f"{rng.choice(TOPICS)} is hard"],
        }
        for i in range(count)
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--assets", type=int, default=10_000)
    args = parser.parse_args()
    assets = synthetic_assets(args.assets)
    embedder = SentenceTransformerEmbedder(cache_size=0)
    embedder.encode(["warm up"])
    runtime = build_runtime(Settings(data_dir=Path(tempfile.mkdtemp(prefix="pitchwise-import-"))), embedder)
    start = time.perf_counter()
    result = upsert_many(runtime, [ImportItem(a) for a in assets])
    import_seconds = time.perf_counter() - start
    texts = sorted(
        {
            c.text
            for a in assets
            for c in asset_chunks(
                title=str(a["title"]),
                summary=str(a["summary"]),
                objections=list(a["objections"]),  # type: ignore[call-overload]
                body=str(a["body"]),
                chunker=runtime.chunker,
            )
        }
    )
    start = time.perf_counter()
    embedder._model.encode(texts, batch_size=32, normalize_embeddings=True, show_progress_bar=False)
    raw_seconds = time.perf_counter() - start
    print(
        json.dumps(
            {
                "assets": args.assets,
                "created": result.created,
                "passages": len(texts),
                "import seconds": round(import_seconds, 1),
                "import assets/s": round(args.assets / import_seconds, 1),
                "import passages/s": round(len(texts) / import_seconds, 1),
                "raw encode passages/s": round(len(texts) / raw_seconds, 1),
                "ratio to raw encode": round(raw_seconds / import_seconds, 3),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
