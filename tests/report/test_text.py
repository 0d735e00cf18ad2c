"""storebook.report.text: one catalogue, English and Chinese, sentences written from the numbers."""

from __future__ import annotations

import ast
import math
import string

import pandas as pd
import pytest

from storebook.engine import vocab
from storebook.measures.metrics import catalogue_labels
from storebook.report import text as text_module
from storebook.report.text import (
    CATALOGUE,
    LANGUAGES,
    Text,
    TextError,
    agree_with_days,
    check_catalogue,
    placeholders,
)


def test_catalogue_is_complete_in_both_languages() -> None:
    assert check_catalogue() == []
    assert set(LANGUAGES) == {"en", "zh"}
    for key, entry in CATALOGUE.items():
        assert placeholders(entry["en"]) == placeholders(entry["zh"]), key


def test_chinese_entries_are_chinese() -> None:
    # A zh entry with no Chinese character is an untranslated copy (numbers and brand
    # names like "618" or "ROAS" are the exceptions).
    latin_ok = {"event.618", "metric.roas", "word.up", "word.down", "event.none", "word.and", "word.semicolon",
                "device.pc", "word.na", "pack.pdf", "pack.run_json", "cli.ingest.note",
                # A name with its code beside it: the Chinese is the name's, only the brackets are the form's.
                "data_quality.country.named", "data_quality.rejections.column", *(f"platform.{p}" for p in ("shopify", "shopee", "lazada", "tiktok_shop")),
                # An error's frame and the parts that are another entry (a hint), said in that entry's words.
                "error.input.problem", "error.ingest.out_of_memory.used", "error.input.encoding.declared_gbk.todo",
                "error.input.encoding.declared_utf8.todo", "error.spec.hint", "error.custom.currency.hint",
                "error.input.encoding.reading.more",
                # Problems joined, and a setting's name: their parts (entries of their own) are the Chinese.
                "error.joined", "error.config.name"}
    untranslated = [k for k, e in CATALOGUE.items()
                    if k not in latin_ok and not any("\u4e00" <= ch <= "\u9fff" for ch in e["zh"])]
    assert untranslated == []


@pytest.mark.parametrize("language, expected", [
    # English: full digits; the unit of points is kept with its number (a no-break space).
    ("en", "down 3.4% on JD, ¥1,234,568 from 12,345 visitors, +0.31\u00a0pp, 14 Oct"),
    # 中文: 万 from 10,000 (1,234,567.8 → 123.5万, 12,345 → 1.23万: three significant digits), points as 个百分点.
    ("zh", "下降3.4% on 京东, ¥123.5万 from 1.23万 visitors, +0.31个百分点, 10月14日"),
])
def test_house_format_specs(language: str, expected: str) -> None:
    t = Text(language)
    out = t.format("{c:change} on {p:platform}, {m:money} from {n:count} visitors, {d:pp}, {day:date}",
                   c=-0.034, p="jd", m=1234567.8, n=12345, d=0.0031, day=pd.Timestamp("2026-10-14"))
    assert out == expected


def test_change_reads_up_down_flat_and_missing() -> None:
    en, zh = Text("en"), Text("zh")
    assert [en.number(v, "change") for v in (0.125, -0.02, 0.0001)] == ["up 12.5%", "down 2.0%", "flat"]
    assert [zh.number(v, "change") for v in (0.125, -0.02, 0.0001)] == ["增长12.5%", "下降2.0%", "持平"]
    assert en.number(None, "pct") == "n/a" and zh.number(math.nan, "money") == "未知"
    assert en.format("{x:platform} {y:date}", x=None, y=None) == "n/a n/a"


def test_takeaway_sentence_follows_the_numbers() -> None:
    values = dict(visitors=50000, visitors_vs_prior=0.13, visitors_vs_last_year=-0.02, month="2026-10",
                  paid_amount=400000.0, paid_amount_vs_last_year=0.05, uv_value=8.0, uv_value_vs_prior=-0.01,
                  best="jd", best_uv_value=12.5)
    en = Text("en")("traffic.headline.takeaway", **values)
    assert "50,000 visitors came in 2026-10, up 13.0% on the prior month and down 2.0% on last year" in en
    assert "JD had the highest UV value (¥12.50)" in en
    zh = Text("zh")("traffic.headline.takeaway", **{**values, "visitors_vs_prior": -0.13})
    assert "环比下降13.0%" in zh and "京东" in zh


def test_labels_fall_back_to_the_value_for_free_text() -> None:
    zh = Text("zh")
    assert zh.label("channel", "live_stream") == "直播与短视频"
    assert zh.label("campaign_name", "抖音直播-日常投放") == "抖音直播-日常投放"
    assert Text("en").join(["Tmall", "JD", "Douyin"]) == "Tmall, JD and Douyin"
    assert zh.join(["天猫", "京东"]) == "天猫、京东"


def test_errors_name_what_is_missing() -> None:
    with pytest.raises(TextError, match="'traffic.nope' is not in the text catalogue"):
        Text("en")("traffic.nope")
    with pytest.raises(TextError, match="language 'fr' is not available; choose one of en, zh"):
        Text("fr")
    with pytest.raises(TextError, match="needs the value"):
        Text("en")("traffic.title")


def test_keys_belong_to_known_prefixes() -> None:
    # Every area key belongs to a known area prefix: a typo'd prefix would never be found.
    prefixes = {k.split(".")[0] for k in CATALOGUE}
    assert prefixes <= {"platform", "channel", "device", "metric", "col", "stage", "step", "buyer_type",
                        "event", "driver", "verdict", "word", "axis", "legend", "page", "traffic",
                        "conversion", "effect_kind",
                        "fulfilment", "products", "profit", "pnl", "carrier", "warehouse", "province", "category",
                        "promotion", "competitor", "supplier",
                        "overview", "customers", "service", "segment", "status", "reason", "group",
                        "data_quality", "of", "pack", "summary", "store_ops", "marketing", "plan", "dimension", "change",
                        "evidence", "test_group", "no_data", "cli", "error"}
    assert text_module.is_key("traffic.daily.title") and not text_module.is_key("Visitors per day")


def test_no_key_is_defined_twice() -> None:
    # The catalogue is assembled from dict literals, one file per report: a key written twice
    # would silently replace the first text.
    import collections
    import re

    from conftest import REPO

    files = sorted((REPO / "lib" / "storebook" / "report" / "catalogue").glob("*.py"))
    keys = [k for f in files for k in re.findall(r'^\s+"([a-z0-9_.]+)":\s*_e\(', f.read_text(encoding="utf-8"), re.M)]
    # The platform, channel and device labels come from storebook.engine.vocab, generated.
    keys += [f"{kind}.{value}" for kind, values in vocab.KINDS.items() for value in values]
    # The registry's metric names come from storebook.measures.metrics.
    keys += list(catalogue_labels())
    assert [k for k, n in collections.Counter(keys).items() if n > 1] == []
    assert len(set(keys)) == len(CATALOGUE)


def test_one_minus_sign_and_never_minus_zero() -> None:
    en, zh = Text("en"), Text("zh")
    # ROI −48.7% beside −¥8.4万: the same minus sign (U+2212) for a percent and an amount.
    assert zh.format("{r:pct} {m:money}", r=-0.487, m=-84000) == "\u221248.7% \u2212¥8.4万"
    assert en.format("{r:pct} {m:money} {s:signed}", r=-0.487, m=-84000, s=-0.034) == "−48.7% −¥84,000 −3.4%"
    # Numbers that round to zero carry no sign, whatever the spec (a net of −0.4 units).
    assert [en.number(v, spec) for v, spec in [(-0.4, "count"), (-0.4, "money"), (-0.00001, "pct"),
                                                (-0.001, "ratio"), (-0.00001, "signed"), (-0.00004, "pp")]] == \
        ["0", "¥0", "\u2212<0.01%", "0.00", "0.0%", "0.00\u00a0pp"]  # a share short of zero is not zero
    # A Python format spec in a sentence ({x:.1f}) follows the same rules.
    assert en.format("{a:.1f} {b:.1f} {c:+.2f}", a=-3.04, b=-0.04, c=-0.001) == "−3.0 0.0 0.00"


def test_chinese_numbers_use_wan_and_yi_from_ten_thousand() -> None:
    zh = Text("zh")
    assert [zh.number(v, "count") for v in (9_999, 10_000, 295_000, 12_345_678, 107_490_000)] == \
        ["9,999", "1万", "29.5万", "1234.6万", "1.07亿"]
    assert zh.number(1_070_486, "money") == "¥107万" and zh.number(2.5e9, "money") == "¥25亿"
    # Tables ask for full digits: a column reads digit by digit.
    assert zh.number(1_070_486, "money", compact=False) == "¥1,070,486"
    # English keeps full digits everywhere.
    assert Text("en").number(107_490_000, "money") == "¥107,490,000"


def test_a_rate_changes_in_points_in_sentences_too() -> None:
    # Late deliveries 1.51% after a relative fall of 40.5%: from 1.51 / 0.595 = 2.538%, so
    # down 1.03 points; an amount's change stays relative.
    values = dict(late_rate=0.0151, late_rate_vs_prior=-0.405, paid=445_883.0, paid_vs_prior=0.337)
    template = "{late_rate:pct} ({late_rate_vs_prior:change}); {paid:money} ({paid_vs_prior:change})"
    assert Text("en").format(template, **values) == "1.51% (down 1.03\u00a0pp); ¥445,883 (up 33.7%)"
    assert Text("zh").format(template, **values) == "1.51% (下降1.03个百分点); ¥44.6万 (增长33.7%)"
    # A plain vs_prior is a change of the sentence's metric (the overview's movements), a
    # platform's too: refund rate 1.1% after −66.3% came from 3.264%, down 2.16 points.
    moved = Text("en").format("{metric:metric} {vs_prior:change}, {platform_vs_prior:change}", metric="refund_rate",
                              value=0.0275, vs_prior=-0.238, platform_value=0.011, platform_vs_prior=-0.663)
    assert moved == "Refund rate down 0.86\u00a0pp, down 2.16\u00a0pp"
    # Without the rate's value the change cannot be put in points: it stays relative.
    assert Text("en").format("{late_rate_vs_prior:change}", late_rate_vs_prior=-0.405) == "down 40.5%"


def test_platform_codes_in_a_sentence_are_translated() -> None:
    # A note made from the platforms' codes (the overview's "sales from orders" line).
    assert Text("zh")("page.partial.sales_from_orders", platforms="web, jd").startswith("官网商城、京东没有流量数据")
    assert Text("en")("page.partial.sales_from_orders", platforms=["tmall"]).startswith("without traffic rows for Tmall,")


def _no_data_errors() -> list[tuple[str, ast.Call, ast.Module]]:
    """Every ``NoDataError(…)`` written in lib/storebook: (file:line, the call, its module)."""
    from conftest import REPO

    lib = REPO / "lib" / "storebook"
    found = []
    for path in sorted(lib.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None)) == "NoDataError":
                found.append((f"{path.relative_to(lib)}:{node.lineno}", node, tree))
    return found


def _keys_of(call: ast.Call, module: ast.Module | None = None) -> list[str] | None:
    """The catalogue keys a NoDataError call may name: ``key="…"``, ``key="…" if … else "…"``, or
    ``key=_KEYS[…]`` of a module-level dict of keys; None for another (or no) key."""
    given = next((k.value for k in call.keywords if k.arg == "key"), None)
    options = [given.body, given.orelse] if isinstance(given, ast.IfExp) else [given]
    if isinstance(given, ast.Subscript) and isinstance(given.value, ast.Name) and module is not None:
        options = next((a.value.values for a in module.body if isinstance(a, ast.Assign)
                        and isinstance(a.value, ast.Dict) and [getattr(t, "id", None) for t in a.targets]
                        == [given.value.id]), [None])
    if not all(isinstance(o, ast.Constant) and isinstance(o.value, str) for o in options):
        return None
    return [o.value for o in options]


def test_every_no_data_error_is_said_in_the_pack_language() -> None:
    # A NoDataError is what a page shows when its data are missing: without a catalogue key the
    # 中文 pack shows the English message. Each names its key, and its values fill the key's text.
    calls = _no_data_errors()
    assert len(calls) > 50
    problems = []
    for where, call, module in calls:
        keys = _keys_of(call, module)
        if keys is None:
            problems.append(f"{where}: no key='…' (a catalogue key, in English and Chinese)")
            continue
        for key in keys:
            if key not in CATALOGUE:
                problems.append(f"{where}: '{key}' is not in the catalogue")
                continue
            given = next((k.value for k in call.keywords if k.arg == "values"), None)
            if isinstance(given, ast.Dict) and all(isinstance(k, ast.Constant) for k in given.keys):
                missing = placeholders(CATALOGUE[key]["en"]) - {k.value for k in given.keys}
                if missing:
                    problems.append(f"{where}: '{key}' needs {sorted(missing)}")
            elif given is None and placeholders(CATALOGUE[key]["en"]):
                problems.append(f"{where}: '{key}' needs values")
    assert problems == []


def test_the_check_sees_an_english_only_no_data_error() -> None:
    call = ast.parse('NoDataError("no rows", key="traffic.no_rows.nope")').body[0].value
    assert _keys_of(call) == ["traffic.no_rows.nope"] and "traffic.no_rows.nope" not in CATALOGUE
    assert _keys_of(ast.parse('NoDataError("no rows")').body[0].value) is None
    module = ast.parse('_K = {"a": "traffic.no_rows"}\nNoDataError("no rows", key=_K[what])')
    assert _keys_of(module.body[1].value, module) == ["traffic.no_rows"]


def test_an_item_keyed_by_its_name_reads_as_its_name() -> None:
    # A Shopify orders export has no SKUs: ingest keys its lines "name:<item name>". A reader sees
    # the name and that it is one, never the key.
    en, zh = Text("en"), Text("zh")
    assert en.sku("name:the minimal snowboard") == "the minimal snowboard (item name; no SKU)"
    assert zh.sku("name:the minimal snowboard") == "the minimal snowboard（商品名，无商品编码）"
    assert en.sku("SKU-001") == "SKU-001" and en.format("{s:sku}", s=None) == "n/a"
    said = en("overview.products.takeaway", top_name="The Minimal Snowboard", top_sku="name:the minimal snowboard",
              top_margin=886.0, top_rate=0.4, n=5, top_share=0.5, bottom_name="Gift Card - $50",
              bottom_sku="GC-50", bottom_margin=10.0, negative=0, bottom_n=5)
    assert "name:" not in said
    assert said.startswith("The Minimal Snowboard (no SKU; by item name) earned") and "Gift Card - $50 (GC-50)" in said
    assert "name:" not in zh("summary.action.complaints", batch="B1", sku="name:mug", supplier="S1")
    # A product without a name of its own (Olist: the name falls back to its hashed SKU; or none)
    # is named once, by its SKU: not "0d98 (0d98)".
    unnamed = dict(top_name="0d98", top_sku="0d98", top_revenue=320.0, n=5, top_revenue_share=1.0,
                   bottom_name=None, bottom_sku="c67e", bottom_revenue=12.0)
    assert en("overview.products.takeaway.margin_unknown", **unnamed).endswith(
        "instead, 0d98 sold the most, ¥320, and the top 5 together brought 100.0% of the month's product sales. "
        "At the other end c67e sold ¥12.")
    assert "：0d98销售额最高" in zh("overview.products.takeaway.margin_unknown", **unnamed)
    assert "末位的c67e销售额为¥12" in zh("overview.products.takeaway.margin_unknown", **unnamed)
    # No sentence shows a SKU placeholder without the spec that reads it.
    bare = [k for k, e in CATALOGUE.items() if any(
        name == "sku" or name.endswith("_sku") for name, spec in text_module._fields(e["en"]) if not spec)]
    assert bare == []


def test_days_tied_for_the_most_are_all_named() -> None:
    en, zh = Text("en"), Text("zh")
    days = [pd.Timestamp("2025-05-11"), pd.Timestamp("2025-05-14")]
    assert en.format("{d:date}", d=days) == "11 and 14 May, tied"
    assert zh.format("{d:date}", d=days) == "5月11日、14日（并列）"
    assert en.format("{d:date}", d=days[:1]) == "11 May"
    # The same day twice is one day, not a tie.
    assert en.format("{d:date}", d=[days[0]] * 5) == "11 May"
    # Across a month's end each day keeps its month; unsorted days are said in order.
    assert en.format("{d:date}", d=[days[1], pd.Timestamp("2025-04-30")]) == "30 Apr and 14 May, tied"
    six = list(pd.date_range("2025-05-01", periods=6, freq="5D"))
    assert en.format("{d:date}", d=six) == "1, 6, 11, 16, 21 and 26 May, tied"
    assert zh.format("{d:date}", d=six) == "5月1日、6日、11日、16日、21日、26日（并列）"
    # More than six: the first three named, the others counted.
    many = list(pd.date_range("2025-04-28", periods=8, freq="3D"))
    assert en.format("{d:date}", d=many) == "28 Apr, 1 May, 4 May and 5 other days, tied"
    assert zh.format("{d:date}", d=many) == "4月28日、5月1日、5月4日及其他5天（并列）"
    said = en("traffic.daily.takeaway.no_last_year", peak_days=days, peak_visitors=5, peak_event=None,
              low_days=[pd.Timestamp("2025-05-12")], low_visitors=1, trend=None)
    assert said.startswith("The busiest days were 11 and 14 May, tied with 5 visitors; the quietest was 12 May")


def test_words_before_tied_days_agree_with_how_many_they_are() -> None:
    # The GA4 pack read "The busiest day was 28 and 29 Nov, tied with 33 visitors": two days, one "day".
    en, zh = Text("en"), Text("zh")
    two, one = ["2025-11-28", "2025-11-29"], ["2025-11-28"]
    values = dict(peak_visitors=33, peak_event=None, low_visitors=2, trend=None)
    said = en("traffic.daily.takeaway.no_last_year", peak_days=two, low_days=["2025-11-03", "2025-11-05"], **values)
    assert said.startswith("The busiest days were 28 and 29 Nov, tied with 33 visitors; "
                           "the quietest were 3 and 5 Nov, tied with 2.")
    assert en("traffic.daily.takeaway.no_last_year", peak_days=one, low_days=one, **values).startswith(
        "The busiest day was 28 Nov with 33 visitors; the quietest was 28 Nov with 2.")
    # 中文: 一天 is one day; tied days are 日子.
    said = zh("traffic.daily.takeaway.no_last_year", peak_days=two, low_days=one, **values)
    assert said.startswith("访客最多的日子是11月28日、29日（并列），共33人；最少的一天是11月28日，")
    # The same day twice is one day; more than six are counted, and still several.
    assert en.format("The busiest day was {d:date}", d=[one[0]] * 3) == "The busiest day was 28 Nov"
    many = list(pd.date_range("2025-04-28", periods=8, freq="3D"))
    assert en.format("The busiest day was {d:date}", d=many) == (
        "The busiest days were 28 Apr, 1 May, 4 May and 5 other days, tied")
    # Every catalogue sentence that names tied days ({…_days:date}) is fitted in both languages.
    for key, entry in CATALOGUE.items():
        for language in ("en", "zh"):
            fields = [name for _, name, spec, _ in string.Formatter().parse(entry[language])
                      if name and name.endswith("_days") and spec == "date"]
            if not fields:
                continue
            fitted = agree_with_days(entry[language], dict.fromkeys(fields, two), language)
            assert " day was {" not in fitted and " day is {" not in fitted and "一天是{" not in fitted, (key, fitted)


def test_a_missing_table_is_said_in_the_pack_language() -> None:
    # The commonest notice (storebook.engine.workbook: a table the store does not have) names the
    # table in words in a 中文 pack, and the folder to put its exports in as it is.
    from storebook.errors import NoDataError
    from storebook.report.page import said_in

    error = NoDataError("the workbook has no 'order_lines' table", key="no_data.table",
                        values={"table": "order_lines", "folder": "/shop/data/processed/order_lines"})
    zh = said_in(Text("zh"), error)
    assert zh.startswith("工作簿中没有订单明细（order_lines）表") and "data/raw/order_lines/" in zh
    assert said_in(Text("en"), error).startswith("The workbook has no order lines table")


def test_a_no_data_message_says_the_window_it_was_asked_for() -> None:
    """The no-data messages said "that month" / 该月 of a window of several months (a trailing
    window is labelled 2026-08…2026-10): they now say it of the period their label names."""
    en, zh = Text("en"), Text("zh")
    assert "the orders export for that month may" in en("no_data.paid_orders", month="2026-10", platforms=["tmall"])
    window = en("no_data.paid_orders", month="2026-08…2026-10", platforms=["tmall"])
    assert "in 2026-08…2026-10 on Tmall: the orders export for that period may" in window
    assert zh("no_data.shipped_orders", month="2026-10", platforms=["jd"]).startswith("京东在2026-10没有已发货订单：请确认发货导出覆盖该月（")
    assert "覆盖该期间（" in zh("no_data.shipped_orders", month="2026-08…2026-10", platforms=["jd"])
    assert "没有该期间和这些平台的数据" in zh("competitor.no_rows", month="before 2026-10", platforms=["jd"])
    # No message that names a period says "that month" of it in words of its own, but those of a
    # month by nature (a month's targets; a month and the one before it).
    monthly = {"no_data.targets", "no_data.targets.empty", "no_data.returns_complaints", "overview.scorecard.untargeted"}
    fixed = [k for k, e in CATALOGUE.items() if k not in monthly and "month" in text_module.placeholders(e["en"])
             and ("that month" in e["en"] or "this month" in e["en"] or "该月" in e["zh"])]
    assert fixed == []


def test_a_country_s_holidays_read_as_english_possessives() -> None:
    # "United States's public holidays" read wrong: a name ending in s takes the apostrophe alone,
    # and a name English says with "the" keeps it in running text.
    en, zh = Text("en"), Text("zh")
    assert en.format("{c:country_s} public holidays", c="US") == "the United States' public holidays"
    assert en.format("in {c:country}", c="NL") == "in the Netherlands"
    assert en.format("{c:country_s} holidays", c="GB") == "the United Kingdom's holidays"
    assert en.format("{c:country_s} public holidays", c="BR") == "Brazil's public holidays"
    assert zh.format("{c:country_s}公共假日", c="BR") == "巴西的公共假日"
    assert en.format("{c:country_s}", c=None) == "n/a"
    assert en("fulfilment.spring_festival.title.holidays", months=6, country="US") == (
        "Days from payment to delivery by payment day, 6 months (the United States' public holidays shaded)")
