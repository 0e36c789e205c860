"""Run an evaluation set through the real service code and the two baselines."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from indexing.embedder import Embedder
from service.evaluation.baselines import Bm25Baseline, DenseBaseline, is_live, prospect_query
from service.evaluation.dataset import EvalSet
from service.evaluation.gaps import evaluate_gaps
from service.evaluation.metrics import mean, ndcg_at_k, recall_at_k
from service.evaluation.sandbox import loaded_runtime
from service.evaluation.tag_health import evaluate_tag_health
from service.recommend.pipeline import recommend
from service.runtime import Runtime
from service.schemas.recommendations import RecommendationRequest

K = 5
SYSTEM, DENSE, BM25 = "pitchwise", "dense-only", "bm25-only"


@dataclass
class Ranking:
    """Per-scenario figures of one ranker."""

    ndcg: list[float] = field(default_factory=list)
    recall: list[float | None] = field(default_factory=list)
    covered: list[bool] = field(default_factory=list)
    traps: int = 0


@dataclass(frozen=True)
class EvalReport:
    """The figures ``pitchwise eval`` prints."""

    metrics: dict[str, dict[str, float]]
    scenarios: int
    titles: int
    assets: int
    load_errors: int


def _score(
    ranking: Ranking,
    ranked: list[str],
    scenario_judgments: dict[str, int],
    answers: dict[str, list[str]],
    live: set[str],
) -> None:
    ranking.ndcg.append(ndcg_at_k(ranked, scenario_judgments, K))
    ranking.recall.append(recall_at_k(ranked, {a for a, g in scenario_judgments.items() if g == 3}, K))
    top = set(ranked[:K])
    ranking.covered.extend(bool(top & set(ids)) for ids in answers.values() if ids)
    ranking.traps += sum(1 for asset in ranked[:K] if asset not in live)


def _summary(ranking: Ranking) -> dict[str, float]:
    return {
        "nDCG@5": mean(ranking.ndcg),
        "recall@5 (grade 3)": mean(ranking.recall),
        "objection coverage": mean([1.0 if c else 0.0 for c in ranking.covered]),
        "trap violations": float(ranking.traps),
    }


def evaluate(data: EvalSet, embedder: Embedder, *, progress: Callable[[str], None] = lambda _: None) -> EvalReport:
    """Load the set's library into a throwaway store and measure the service and the baselines on it."""
    today = dt.datetime.now(dt.UTC).date()
    live_assets = [a for a in data.assets if is_live(a, today)]
    live = {a["external_id"] for a in live_assets}
    progress(f"loading {len(data.assets)} assets")
    with loaded_runtime(data.assets, embedder) as (runtime, loaded):
        gaps: dict[str, float] = {}
        if data.objection_log is not None:
            progress("building the gap report")
            gaps = evaluate_gaps(runtime, data.objection_log)
        progress("ranking scenarios")
        rankings = {name: Ranking() for name in (SYSTEM, DENSE, BM25)}
        dense, bm25 = DenseBaseline(live_assets, embedder), Bm25Baseline(live_assets)
        persona_hits, stage_hits = [], []
        for scenario in data.scenarios:
            response = recommend(
                runtime, RecommendationRequest.model_validate({"prospect": scenario.prospect, "limit": K})
            )
            ranked = [r.asset.external_id for r in response.recommendations]
            _score(rankings[SYSTEM], ranked, scenario.judgments, scenario.objection_answers, live)
            query = prospect_query(scenario.prospect)
            for name, baseline in ((DENSE, dense), (BM25, bm25)):
                _score(rankings[name], baseline.rank(query, K), scenario.judgments, scenario.objection_answers, live)
            persona = response.persona.persona_id if response.persona else None
            persona_hits.append(persona == scenario.expected_persona)
            stage_hits.append(response.stage == scenario.expected_stage)
        title_hits = [_resolve(runtime, case.title) == case.expected_persona for case in data.titles]
    progress("checking deliberately corrupted tags")
    tag_health, _, _ = evaluate_tag_health(data.assets, embedder, answers=data.objection_answers)
    metrics = {name: _summary(r) for name, r in rankings.items()}
    metrics[SYSTEM].update(
        {
            "persona accuracy (titles)": mean([1.0 if h else 0.0 for h in title_hits]),
            "persona accuracy (scenarios)": mean([1.0 if h else 0.0 for h in persona_hits]),
            "stage accuracy": mean([1.0 if h else 0.0 for h in stage_hits]),
            **gaps,
            **tag_health,
        }
    )
    return EvalReport(metrics, len(data.scenarios), len(data.titles), len(data.assets), len(loaded.errors))


def _resolve(runtime: Runtime, title: str) -> str | None:
    return runtime.resolver.resolve(title).persona_id if runtime.resolver else None
