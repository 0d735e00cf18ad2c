"""The index as an executive summary (storebook.report.summary, index_page): hand-made
records of what the pages recorded, and the sentences and cards they must give."""

from __future__ import annotations

import json
import re
from pathlib import Path
from types import SimpleNamespace

import nbformat
import pytest

from storebook.measures.metrics import METRICS
from storebook.report import summary as S
from storebook.report.results import MIME


def value_text(value, unit) -> str:
    """A plain number format, so that these tests do not depend on the cards' house format."""
    return f"{value:.4g}" if unit == "ratio" else f"{value:,.0f}"


def entry(key: str, value: float, vs_prior=None, vs_last_year=None, label: str | None = None) -> dict:
    return {"key": key, "label": label or key.replace("_", " ").capitalize(), "value": value,
            "unit": METRICS[key].unit if key in METRICS else None, "vs_prior": vs_prior, "vs_last_year": vs_last_year}


def report(name: str, headline: list[dict], *, status: str = "ok", sections: list[dict] | None = None,
           title: str | None = None) -> SimpleNamespace:
    return SimpleNamespace(name=name, title=title or f"{name.capitalize()} — 2026-10", status=status,
                           ok=status == "ok", html=f"{name}.html", notebook=None, headline=headline,
                           sections=sections or [])


# -- tone and sign ------------------------------------------------------------------------
@pytest.mark.parametrize(("key", "change", "tone"), [
    ("paid_amount", 0.2, "good"), ("paid_amount", -0.2, "bad"),
    ("refund_rate", -0.32, "good"), ("late_rate", 0.1, "bad"),
    ("marketing_spend", 1.1, "neutral"),           # the registry: spend is neither good nor bad
    ("paid_amount", 0.0001, "neutral"),            # under FLAT_BELOW: flat
    ("paid_amount", None, "neutral"),
])
def test_change_tone_follows_the_registry(key, change, tone) -> None:
    assert S.change_tone(key, change) == tone


def test_change_tone_of_a_metric_outside_the_registry_uses_its_record() -> None:
    assert S.change_tone("my_metric", 0.1, "down") == "bad"
    assert S.change_tone("my_metric", 0.1) == "neutral"


# -- cards --------------------------------------------------------------------------------
def test_a_figure_without_a_comparison_is_never_a_card() -> None:
    runs = [report("promotion", [entry("incremental_margin", -84000.0), entry("discount_cost", 172000.0)]),
            report("traffic", [entry("visitors", 294808.0, 0.169, None), entry("buyers", 7851.0, None, 0.069)])]
    cards = S.choose_cards(runs)
    assert [c.key for c in cards] == ["visitors", "buyers"]  # both moves ranked by size: 16.9% before 6.9%
    assert cards[1].changes[0].sign == "0" and cards[1].changes[1].sign == "+"


def test_a_metric_on_several_pages_links_to_its_own_page_not_the_overview() -> None:
    runs = [report("overview", [entry("paid_amount", 100.0, 0.1), entry("gross_margin", 50.0, 0.2)]),
            report("traffic", [entry("paid_amount", 100.0, 0.1)])]
    cards = S.choose_cards(runs, anchors={"traffic": "1.-How-many-visitors", "overview": "scorecard"})
    by_key = {c.key: c for c in cards}
    assert by_key["paid_amount"].report == "traffic" and by_key["paid_amount"].href == "traffic.html#1.-How-many-visitors"
    # a figure only the overview records stays the overview's
    assert by_key["gross_margin"].report == "overview" and by_key["gross_margin"].href == "overview.html#scorecard"
    assert by_key["paid_amount"].report_title == "Traffic"  # the month the titles carry is left out


def test_core_metrics_first_then_the_largest_moves_at_most_twelve() -> None:
    core = [entry(k, 1.0, 0.01) for k in reversed(S.CORE)]       # recorded in the reverse order
    others = [entry("visitors", 10.0, 0.05), entry("complaints", 5.0, 0.47), entry("late_rate", 0.02, -0.40),
              entry("tickets", 4.0, None, -0.9),                  # ranked by its change on last year
              entry("promotions", 24.0, 2.0),                     # neutral in the registry: no place
              entry("skus_sold", 280.0, -0.003)]
    cards = S.choose_cards([report("a", core + others)])
    assert len(cards) == S.MAX_CARDS == 12
    assert [c.key for c in cards[:S.CORE_LIMIT]] == list(S.CORE[:S.CORE_LIMIT])
    assert [c.key for c in cards[S.CORE_LIMIT:]] == ["tickets", "complaints", "late_rate"]
    assert "promotions" not in [c.key for c in S.choose_cards([report("a", others)], limit=100)]


# -- the sentences --------------------------------------------------------------------------
def rich_pack() -> tuple[list[SimpleNamespace], dict]:
    runs = [
        report("overview", [entry("paid_amount", 2_600_000.0, 0.318, 0.058, "Paid amount")]),
        report("conversion", [entry("conversion_rate", 0.03, 0.5, -0.25, "Conversion rate")]),
        report("service", [entry("refund_rate", 0.03, -0.4, None, "Refund rate"),
                           entry("complaints", 103.0, 0.471, 0.144, "Complaints")]),
        report("supplier", []),
    ]
    facts = {
        "overview": {"overview.scorecard": [
            {"platform": "total", "metric": "paid_amount", "status": "amber", "vs_target": -0.04},
            {"platform": "total", "metric": "refund_rate", "status": "red", "vs_target": 0.2},
            {"platform": "total", "metric": "orders", "status": "green", "vs_target": 0.01},
            {"platform": "total", "metric": "net_sales", "status": "no_target", "vs_target": None},
            {"platform": "tmall", "metric": "paid_amount", "status": "red", "vs_target": -0.5},  # not the total
        ], "overview.budget": [{"channel": "social", "over_budget": 500.0}, {"channel": "total", "over_budget": 500.0,
                                                                             "over_budget_rate": 0.01}]},
        "supplier": {"supplier.worst": "S09",
                     "supplier.ranking": [{"supplier_id": "S01", "supplier_name": "Acme", "grade": "green"},
                                          {"supplier_id": "S09", "supplier_name": "Textiles Co", "grade": "red",
                                           "month_otif_rate": 0.0}],
                     "supplier.lost_sales": [{"supplier_id": "S09", "attributed_lost_sales_amount": 14653.27}]},
    }
    return runs, facts


def test_the_summary_of_a_rich_month_in_english() -> None:
    runs, facts = rich_pack()
    out = S.summarise(runs, facts, "en", value_text)
    assert out.sentences == [
        "Paid amount was 2,600,000: up 31.8% on the prior month and up 5.8% on the same month last year.",
        "1 of 3 targets were met; furthest behind is Refund rate, 20.0% above its target.",
        # moves are ranked by their relative change: conversion's +50% (3.0% against 2.0%, shown
        # as +1.00 points) before the refund rate's −40% (−1.20 points)
        "The biggest improvement on the prior month: Conversion rate, up 1.00\xa0pp; the biggest setback: Complaints, "
        "up 47.1%.",
        # the target furthest behind is in the targets sentence; the budget is 1% over (within 2%)
        "Risks the pages found: supplier Textiles Co (S09), graded red, has the worst delivery record (0% on time "
        "and in full), and its late or short deliveries cost 14,653 of sales.",
        "To act on first: close the gap on Refund rate (20.0% above target).",
    ]
    assert [r.kind for r in out.risks] == ["target", "supplier"]
    assert out.missing_tables == []


def test_the_summary_in_chinese_uses_the_catalogue() -> None:
    runs, facts = rich_pack()
    out = S.summarise(runs, facts, "zh", value_text)
    assert out.sentences[0] == "支付金额为2,600,000：环比增长31.8%，同比增长5.8%。"
    assert out.sentences[1] == "3项目标中达成1项；差距最大的是退款率，高于目标20.0%。"
    assert out.sentences[2] == "环比改善最大的是支付转化率（增长1.00个百分点），恶化最大的是投诉量（增长47.1%）。"
    assert out.sentences[-1] == "首先要处理的是：缩小退款率与目标的差距（高于目标20.0%）。"


def test_risks_come_in_their_stated_order_and_the_first_is_the_action() -> None:
    runs, facts = rich_pack()
    runs.append(report("plan", [], status="failed", title="Planning — 2026-10"))
    facts["traffic"] = {"traffic.flagged_days": [
        {"platform": "jd", "date": "2026-09-15", "driver": "visitors", "visitors_effect": -0.91, "paid_effect": -0.04}]}
    facts["overview"]["overview.budget"][1]["over_budget_rate"] = 0.05
    out = S.summarise(runs, facts, "en", value_text)
    assert [r.kind for r in out.risks] == ["failed", "tracking", "target", "supplier", "budget"]
    assert out.sentences[-1] == "To act on first: rerun the Planning report (its page shows where it stopped)."
    risks = next(s for s in out.sentences if s.startswith("Risks"))
    assert "the Planning report did not finish; on 15 Sep JD's visitors fell to 9.00% of the expected level " \
           "while paid amount held — likely a tracking problem, not lost demand;" in risks
    assert len(out.sentences) <= S.MAX_SENTENCES


@pytest.mark.parametrize(("day", "outage"), [
    ({"driver": "visitors", "visitors_effect": -0.5, "paid_effect": -0.25}, True),    # on both thresholds
    ({"driver": "visitors", "visitors_effect": -0.49, "paid_effect": 0.0}, False),    # visitors fell too little
    ({"driver": "visitors", "visitors_effect": -0.9, "paid_effect": -0.3}, False),    # sales fell with them
    ({"driver": "conversion", "visitors_effect": -0.9, "paid_effect": 0.0}, False),   # not the visitors' day
])
def test_a_tracking_outage_is_visitors_gone_while_sales_held(day, outage) -> None:
    facts = {"traffic": {"traffic.flagged_days": [{"platform": "jd", "date": "2026-09-15", **day}]}}
    kinds = [r.kind for r in S.find_risks([], facts, S.Text("en"), value_text)]
    assert kinds == (["tracking"] if outage else [])


def test_a_worst_supplier_not_graded_red_is_no_risk() -> None:
    facts = {"supplier": {"supplier.worst": "S01", "supplier.ranking": [{"supplier_id": "S01", "grade": "amber"}]}}
    assert S.find_risks([], facts, S.Text("en"), value_text) == []


def test_a_month_with_nothing_wrong_says_so() -> None:
    runs = [report("traffic", [entry("paid_amount", 100.0, 0.1, 0.2), entry("visitors", 50.0, 0.3, None)])]
    out = S.summarise(runs, {}, "en", value_text)
    assert out.sentences[1:] == [
        "The biggest improvement on the prior month: Visitors, up 30.0%; no headline figure moved the wrong way.",
        "The pages found no risk to flag: every report finished, and no tracking outage, target missed by more "
        "than 5%, red supplier, complaint spike, loss-making promotion or budget overrun.",
    ]  # nothing went wrong: no action to name


def test_a_forecast_below_the_month_is_no_setback_to_act_on() -> None:
    """The mum-baby store's November (双11) before: "the biggest setback: next month's orders
    (forecast), down 4.2%" and, as the first thing to do, find out why. A December forecast below
    a 双11 month is the season the model expects, not a result of the month."""
    runs = [report("customers", [entry("paid_amount", 9.1e5, 0.20, 0.5), entry("new_buyers", 1833.0, 0.247, 0.593)]),
            report("plan", [entry("forecast_orders", 1756.0, -0.042, 0.588)])]
    out = S.summarise(runs, {}, "en", value_text)
    assert out.sentences[1] == ("The biggest improvement on the prior month: New buyers, up 24.7%; "
                                "no headline figure moved the wrong way.")
    assert not any("forecast" in s.lower() for s in out.sentences[1:])
    assert [c.key for c in out.cards] == ["paid_amount", "new_buyers", "forecast_orders"]  # still a card


# -- a sparse store -------------------------------------------------------------------------
def test_a_table_that_is_there_is_not_said_missing() -> None:
    # Amazon India's products and stock snapshot: the stock sections need sales too, and no
    # section read the inventory; the index said "Not in this month's data: …, inventory, …".
    sections = [
        {"key": "supplier.inventory", "number": 3, "status": "none", "needs": ["inventory", "orders", "order_lines"],
         "read": [], "lacks": ["orders", "order_lines"]},
        {"key": "supplier.scorecard", "number": 1, "status": "none", "needs": ["purchase_orders", "suppliers"],
         "read": [], "lacks": []},  # its purchase orders are there, without receipt dates
        {"key": "data_quality.kept", "number": 1, "status": "full", "needs": ["products"], "read": ["products"]},
    ]
    out = S.summarise([report("supplier", [], sections=sections)], {}, "en", value_text)
    assert out.missing_tables == ["orders", "order_lines"]


def test_a_sparse_store_says_what_is_missing() -> None:
    sections = [
        {"key": "traffic.headline", "number": 1, "status": "none", "needs": ["traffic"], "read": []},
        {"key": "overview.scorecard", "number": 1, "status": "none", "needs": ["orders", "traffic", "targets"], "read": []},
        {"key": "service.refunds", "number": 7, "status": "full", "needs": ["orders"], "read": ["orders"]},
        {"key": "service.guard", "number": 0, "status": "none", "needs": ["returns"], "read": []},  # unnumbered
    ]
    runs = [report("service", [entry("paid_amount", 2345.0, label="Paid amount")], sections=sections)]
    out = S.summarise(runs, {}, "en", value_text)
    assert out.cards == []  # no earlier month: nothing to compare, so no card
    assert out.missing_tables == ["traffic", "targets", "returns"]
    assert out.sentences[0] == ("Paid amount was 2,345; the data hold neither the prior month nor the same month last year "
                                    "to compare it with.")
    # no risk found, but most checks could not run: the summary does not claim a clean month
    assert out.sentences[1] == "In what this data allow, the pages found no risk to flag; the checks that need " \
                               "the missing tables could not run."
    missing = out.sentences[-1]
    assert missing.startswith("Not in this month's data: ") and "2 of 3 sections could not be shown" in missing
    zh = S.summarise(runs, {}, "zh", value_text).sentences[-1]
    assert zh.startswith("本月数据中没有：") and "3个章节中有2个无法显示" in zh


def test_nothing_recorded_at_all_still_reads() -> None:
    out = S.summarise([report("overview", [], status="failed")], {}, "en", value_text)
    assert out.sentences[0] == "No report recorded a headline figure this month."
    assert out.sentences[-1].startswith("To act on first: rerun the Overview report")
    assert S.summarise([], {}, "zh", value_text).sentences == ["本月没有报告记录核心指标。"]


# -- from the files of a pack ---------------------------------------------------------------
def test_build_summary_reads_the_executed_notebook_and_links_the_section(tmp_path: Path) -> None:
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("")
    payloads = [
        {"name": "traffic.headline", "section": "traffic.headline",
         "value": [entry("visitors", 1000.0, 0.25, None, "Visitors")]},
        {"name": "traffic.flagged_days", "section": "traffic.anomalies",
         "value": [{"platform": "tmall", "date": "2026-10-02", "driver": "visitors", "visitors_effect": -0.8,
                    "paid_effect": 0.1}]},
    ]
    cell.outputs = [nbformat.v4.new_output("display_data", data={MIME: json.loads(json.dumps(p))}) for p in payloads]
    nb.cells = [cell]
    nbformat.write(nb, str(tmp_path / "traffic.ipynb"))
    (tmp_path / "traffic.html").write_text(
        '<main><h2 id="intro">Before</h2><h2 id="1.-How-many-people-visited?">1. How many people visited?'
        '<a class="anchor" href="#x">#</a></h2></main>', encoding="utf-8")
    run = report("traffic", [entry("visitors", 1000.0, 0.25, None, "Visitors")],
                 sections=[{"key": "traffic.headline", "number": 1, "heading": "How many people visited?",
                            "status": "full", "read": ["traffic"], "needs": ["traffic"]}])
    run.notebook = "traffic.ipynb"
    out = S.build_summary(tmp_path, [run], "en", value_text)
    assert [c.href for c in out.cards] == ["traffic.html#1.-How-many-people-visited?"]
    assert [r.kind for r in out.risks] == ["tracking"]
    # A headline recorded outside a numbered section (page.guard, number 0, no heading): the
    # card links to the page's first numbered section, not to the bare page.
    run.sections = [{"key": "traffic.headline", "number": 0, "heading": None, "status": "full"},
                    {"key": "traffic.daily", "number": 1, "heading": "How many people visited?", "status": "full"}]
    assert [c.href for c in S.build_summary(tmp_path, [run], "en", value_text).cards] == [
        "traffic.html#1.-How-many-people-visited?"]
    assert out.risks[0].action == "have Tmall's tracking for 2 Oct checked before reading its traffic and conversion"


def test_the_index_page_shows_the_summary_cards_and_provenance_below(tmp_path: Path) -> None:
    from storebook.report.index_page import render_index
    from storebook.report.render import LABELS, house_css

    runs = [report("traffic", [entry("paid_amount", 2.6e6, 0.318, 0.058, "Paid amount"),
                               entry("refund_rate", 0.03, -0.32, None, "Refund rate"),
                               entry("promotions", 24.0, None, None, "Promotions")])]
    for run in runs:
        run.seconds, run.error, run.carried_over, run.generated_at, run.pdf = 1.0, None, False, None, None
    context = {"store": "A shop", "month": "2026-10", "month_note": "", "platforms": ["Tmall"], "all_platforms": True,
               "generated_at": "2026-11-01T09:00:00+08:00", "revision": "abcdef0123456789", "fingerprint": "f00d" * 8,
               "lang": "en"}
    page = render_index(tmp_path, "en", context=context, labels=LABELS["en"], reports=runs, months=[], languages="",
                        css=house_css(), versions={"python": "3.11.7", "pandas": "3.0.0"},
                        files={"pack": "pack-2026-10-en.pdf", "index": "index.pdf"})
    header, body = page.split("</header>")
    assert "abcdef0123" not in header and "f00df00df00d" not in header
    footer = body.split('<footer class="colophon provenance">')[1]
    assert "abcdef0123" in footer and "f00df00df00d" in footer and "pandas 3.0.0" in footer
    assert '<li>Paid amount was ¥2,600,000: up 31.8% on the prior month' in body
    cards = re.findall(r'<a class="kpi" href="([^"]*)" data-key="([^"]+)"', body)
    assert cards == [("traffic.html", "paid_amount"), ("traffic.html", "refund_rate")]  # no card for promotions
    changes = re.findall(r'<span class="chg tone-(\w+)" data-metric="(\w+)" data-sign="(.)">', body)
    assert changes == [("good", "paid_amount", "+"), ("good", "paid_amount", "+"), ("good", "refund_rate", "-")]
    # The refund rate has no figure for last year: its card leaves that line out, as the pages' cards do.
    assert 'class="chg-none"' not in body and body.count('class="change-line"') == 3
    refund_card = body.split('data-key="refund_rate"')[1].split("</a>")[0]
    assert "vs prior month" in refund_card and "last year" not in refund_card
    assert 'href="pack-2026-10-en.pdf"' in body and 'href="index.pdf"' in body


def test_a_store_whose_only_figure_is_the_share_of_rows_kept_says_it_in_a_sentence() -> None:
    # Amazon India's price lists and stock, the SCM order book, the competitor crawl: the index
    # opened with "Rows kept was 93.1%" (a count's name for a share).
    runs = [report("data_quality", [entry("kept_share", 0.931, label="ignored: the registry names it")])]
    out = S.summarise(runs, {}, "en", value_text)
    assert out.sentences[0].startswith("Share of rows kept was ")
    assert S.summarise(runs, {}, "zh", value_text).sentences[0].startswith("数据采用率为")


def test_a_store_without_orders_opens_with_its_business_not_the_rows_kept() -> None:
    # The Tmall 生意参谋 item report alone: the index opened with "Share of rows kept was 100.0%"
    # though the store_ops page recorded the listings' visitors.
    runs = [report("data_quality", [entry("kept_share", 1.0)]),
            report("store_ops", [entry("listing_visitors", 88206.0)])]
    out = S.summarise(runs, {}, "en", value_text)
    assert out.sentences[0].startswith("Listing visitors was 88,206;")
    assert "rows kept" not in out.sentences[0]


def test_the_index_shows_a_sections_note_whole_with_its_code_spans_as_code(tmp_path: Path) -> None:
    """A section's note in the index's section list: it was shown as plain text (readers saw
    "run `storebook ingest` again") and cut at 300 characters mid-word, losing the how-to at
    its end. Code spans are <code>, the rest escaped, and the note is given whole."""
    from storebook.report.index_page import render_index
    from storebook.report.render import LABELS, house_css

    note = ("Not in this store's data. This section needs the traffic and marketing spend tables, which this store "
            "does not have, and the unit cost (`unit_cost`) of the product catalogue, which is empty in every row. "
            "To add them: put the platforms' traffic exports in `data/raw/<platform>/` and run `storebook ingest` "
            "again. Put the ad platforms' spend reports in `data/raw/marketing/` and run `storebook ingest` again. "
            "Fill in `unit_cost` in the product catalogue & run `storebook ingest` again.")
    assert len(note) > 300
    sections = [{"key": "traffic.paid", "number": 1, "heading": "What did paid traffic cost?", "status": "none",
                 "notes": [note]},
                {"key": "traffic.daily", "number": 2, "heading": "How did daily visitors move?", "status": "partial",
                 "notes": ["our matched SKU (`sku`) is known for 40% of the rows", "no traffic on jd"]}]
    run = report("traffic", [], sections=sections)
    run.seconds, run.error, run.carried_over, run.generated_at, run.pdf = 1.0, None, False, None, None
    context = {"store": "A shop", "month": "2026-10", "month_note": "", "platforms": ["Tmall"], "all_platforms": True,
               "generated_at": "2026-11-01T09:00:00+08:00", "revision": "abcdef0123456789", "fingerprint": "f00d" * 8,
               "lang": "en"}
    page = render_index(tmp_path, "en", context=context, labels=LABELS["en"], reports=[run], months=[], languages="",
                        css=house_css(), versions={})
    shown = re.findall(r'<div class="sec-note">(.*?)</div>', page, flags=re.S)
    assert len(shown) == 2 and "`" not in "".join(shown)
    assert shown[0].count("<code>storebook ingest</code>") == 3
    assert "<code>data/raw/&lt;platform&gt;/</code>" in shown[0] and "product catalogue &amp; run" in shown[0]
    assert shown[0].endswith("Fill in <code>unit_cost</code> in the product catalogue &amp; run "
                             "<code>storebook ingest</code> again.")  # whole: the how-to at its end is there
    assert "…" not in shown[0] and "..." not in shown[0]
    assert shown[1] == "our matched SKU (<code>sku</code>) is known for 40% of the rows; no traffic on jd"
