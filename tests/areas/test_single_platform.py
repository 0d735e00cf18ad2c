"""A report for one platform compares no platforms: no all-platform row that repeats it, no
"the highest is Tmall, the lowest is Tmall" (the sample store, run for Tmall alone)."""

from __future__ import annotations

import pytest

from storebook.areas import fulfilment, marketing, profit, service, traffic
from storebook.report.text import Text

ONE = ["tmall"]


@pytest.fixture
def month(wb):
    """The shared sample store's workbook and its last complete month."""
    return wb, wb.last_complete_month()


def _facts(month) -> dict[str, tuple[str, dict]]:
    wb, p = month
    return {
        "traffic.headline.takeaway": traffic.headline_facts(traffic.traffic_headline(wb, p, ONE), p),
        "traffic.devices.takeaway": traffic.device_facts(traffic.device_split(wb, p, ONE), p),
        "fulfilment.dispatch.takeaway": fulfilment.dispatch_facts(
            fulfilment.summarise_ship_times(wb, p, ONE, by="platform")),
        "marketing.cac.takeaway": marketing.cac_facts(marketing.compute_cac(wb, p, ONE)),
        "profit.platforms.takeaway": profit.platform_facts(profit.contribution_pnl(wb, p, ONE)),
        "profit.ratios.takeaway": profit.ratio_facts(profit.compute_cost_ratios(wb, p, ONE)),
        "service.headline.takeaway": service.headline_facts(service.service_headline(wb, p, ONE), p),
        "service.tickets.takeaway": service.ticket_facts(service.count_tickets(wb, p, ONE)),
        "service.response.takeaway": service.response_facts(
            service.summarise_response_times(wb, p, ONE, by="platform")),
    }


def test_one_platform_is_not_ranked_against_itself(month) -> None:
    tmall = {"en": "Tmall", "zh": "天猫"}
    for key, facts in _facts(month).items():
        # (the sample's month ends with orders still to ship: their dispatch sentence is the
        # one platform's that says how many have shipped)
        assert facts["variant"] == ("single_waiting" if key == "fulfilment.dispatch.takeaway" else "single"), key
        for language in ("en", "zh"):
            sentence = Text(language)(f"{key}.{facts['variant']}", **facts)   # as page.takeaway picks it
            # The one platform is named at most once, and never as a best or worst.
            assert sentence.count(tmall[language]) <= 1, (key, sentence)
            for word in ("highest", "lowest", "the most", "the least", "fewest", "最高", "最低", "最多"):
                assert not (word in sentence and tmall[language] in sentence), (key, word, sentence)


def test_two_platforms_are_still_compared(month) -> None:
    wb, p = month
    facts = traffic.device_facts(traffic.device_split(wb, p, ["tmall", "jd"]), p)
    assert facts["variant"] is None and {facts["most_mobile"], facts["least_mobile"]} <= {"tmall", "jd"}
    assert "the least" in Text("en")("traffic.devices.takeaway", **facts)


def test_the_overview_does_not_credit_the_one_platform_with_the_whole_change(month) -> None:
    from storebook.areas import overview

    wb, p = month
    changes = overview.explain_changes(wb, p, ONE)
    en, zh = Text("en"), Text("zh")
    sentences = [en(f"overview.change.{v}" if v else "overview.change", **f)
                 for v, f in overview.change_sentences(changes, en)]
    assert sentences and not any("accounts for" in s for s in sentences), sentences
    for variant, facts in overview.change_sentences(changes, zh):
        sentence = zh(f"overview.change.{variant}" if variant else "overview.change", **facts)
        assert "贡献了其中" not in sentence and "_" not in facts.get("promo_name", ""), sentence
    # With every platform, the one that moved the total most is still named.
    both = overview.change_sentences(overview.explain_changes(wb, p), en)
    assert any(v in ("platform", "platform.ratio", "promotion") for v, _ in both)
