"""Guidance: when/how from stage, content type and usage notes; talking points verbatim from the asset."""

from __future__ import annotations

from service.recommend import guide
from tests.recommend.factories import card


def test_how_prefers_marketing_notes_then_content_type_template() -> None:
    assert guide.how_to_use(card(usage_notes="Walk the CFO through tab 2.")) == "Walk the CFO through tab 2."
    assert guide.how_to_use(card(content_type="battlecard")) == guide.CONTENT_HOW["battlecard"]
    noted = card(usage_notes="Send it right after the demo. Walk the CFO through tab 2.")
    assert guide.how_to_use(noted) == "Walk the CFO through tab 2."
    only_timing = card(content_type="video", usage_notes="Send it right after the demo.")
    assert guide.how_to_use(only_timing) == guide.CONTENT_HOW["video"]
    assert set(guide.CONTENT_HOW) >= {"blog_post", "case_study", "roi_calculator", "other"}


def test_when_uses_the_deal_stage_and_timing_advice() -> None:
    noted = card(stages=("evaluation",), usage_notes="Send it right after the demo. It has a calculator.")
    assert guide.when_to_use(noted, "evaluation").startswith(guide.STAGE_WHEN["evaluation"])
    assert guide.when_to_use(noted, "evaluation").endswith("Send it right after the demo.")
    assert guide.when_to_use(card(stages=("conversion",)), "awareness").startswith(guide.STAGE_WHEN["conversion"])
    assert guide.when_to_use(card(), None).endswith(".")


def test_talking_points_are_sentences_of_the_passage_best_first() -> None:
    passage = (
        "Ledgerline was founded in 2016. Pricing starts at $1,200 a month for 500 invoices. "
        "Card rebates of 1.2% usually cover the subscription cost."
    )
    points = guide.talking_points([guide.Evidence(passage, "the price is too high for our budget", None)])
    assert points and all(p in passage for p in points)
    assert points[0] == "Pricing starts at $1,200 a month for 500 invoices."
    assert len(points) <= guide.MAX_TALKING_POINTS


def test_reasons_name_what_matched() -> None:
    reasons = guide.reasons(
        card(industries=("Retail",), stages=("evaluation",)),
        confidences={"too pricey": 0.81},
        answered=["too pricey"],
        persona_name="Finance leader",
        persona_fit=1.0,
        stage="evaluation",
        stage_fit=1.0,
        industry="Retail",
        industry_fit=1.0,
    )
    assert reasons == [
        'Answers "too pricey" (81% match)',
        "Written for Finance leader",
        "Made for the evaluation stage",
        "Specific to Retail",
    ]
