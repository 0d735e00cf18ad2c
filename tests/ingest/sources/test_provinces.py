"""Provinces at ingest (storebook.ingest.sources.base.province): a Chinese province's name
translates in any row, a bare two-letter code only in a row whose country says China — SC is
Sichuan's code, and Santa Catarina's (Brazil) and South Carolina's too. Hand-made cases, and a
Shopify export in its own layout with Shipping/Billing Province and Country."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from storebook.ingest.sources.base import in_china, province
from support.sources import assert_reconciles, run, shopify_orders, table

CODES = ["SC", "HI", "SD", "NM", "MO", "ZJ", "sc"]


def test_a_code_without_a_country_passes_on_as_written() -> None:
    assert province(pd.Series(CODES)).tolist() == CODES


def test_a_code_is_a_chinese_province_where_the_row_is_in_china() -> None:
    assert province(pd.Series(CODES), pd.Series(["CN"] * 7)).tolist() == [
        "四川", "海南", "山东", "内蒙古", "澳门", "浙江", "四川"]
    # One value for every row says the same.
    assert province(pd.Series(CODES), "CN").tolist() == ["四川", "海南", "山东", "内蒙古", "澳门", "浙江", "四川"]


def test_a_code_in_a_row_of_another_country_or_none_passes_on() -> None:
    country = pd.Series(["US", "US", "US", "US", "US", "CN", "BR"])
    assert province(pd.Series(CODES), country).tolist() == ["SC", "HI", "SD", "NM", "MO", "浙江", "sc"]
    assert province(pd.Series(["SC", "SC", "SC"]), pd.Series(["", None, "Brazil"])).tolist() == ["SC", "SC", "SC"]
    assert province(pd.Series(["SC", "HI"]), "US").tolist() == ["SC", "HI"]


def test_the_ways_exports_write_china() -> None:
    country = pd.Series(["CN", " cn ", "CHN", "China", "中国", "People's Republic of China", "Taiwan", "USA"])
    assert in_china(country).tolist() == [True] * 6 + [False, False]
    assert province(pd.Series(["SC"] * 8), country).tolist() == ["四川"] * 6 + ["SC", "SC"]


def test_names_translate_whatever_the_country() -> None:
    names = pd.Series(["浙江省", "Zhejiang", "Inner Mongolia", "内蒙古自治区呼和浩特市", "广东省 深圳市 南山区"])
    expected = ["浙江", "浙江", "内蒙古", "内蒙古", "广东"]
    assert province(names).tolist() == expected
    assert province(names, pd.Series(["US", "BR", "", "DE", None])).tolist() == expected
    assert province(names, "CN").tolist() == expected


def test_a_code_leading_an_address_reads_as_the_code_does() -> None:
    # The first word of a region field is looked up too: the same rule holds there.
    text = pd.Series(["SC Florianopolis", "SC Chengdu"])
    assert province(text, pd.Series(["BR", "CN"])).tolist() == ["SC Florianopolis", "四川"]


def test_the_country_follows_the_rows_index() -> None:
    # Adapters pass a subset of a frame's rows (one row per order): the country is matched by
    # index, not by position.
    text = pd.Series(["SC", "SC", "ZJ"], index=[10, 12, 14])
    country = pd.Series(["US", "CN", "BR", "CN", "CN"], index=[10, 11, 12, 13, 14])
    assert province(text, country).tolist() == ["SC", "SC", "浙江"]


# ----------------------------------------------------------------------------- Shopify

def test_shopify_reads_a_code_in_the_country_of_its_address(root: Path) -> None:
    shop = shopify_orders(root, [
        dict(Name="#1", Shipping_Province="SC", Shipping_Country="US"),   # South Carolina
        dict(Name="#2", Shipping_Province="ZJ", Shipping_Country="CN"),   # Zhejiang
        dict(Name="#3", Shipping_Province="HI", Shipping_Country="US", Billing_Province="HI",
             Billing_Country="CN"),                                        # Hawaii: the shipping address's country
        dict(Name="#4", Billing_Province="NM", Billing_Country="CN"),     # no shipping address: the billing one's
        dict(Name="#5", Shipping_Province="SD", Billing_Country="CN"),    # the shipping address names no country
        dict(Name="#6", Shipping_Province_Name="Zhejiang", Shipping_Province="ZJ",
             Shipping_Country="US"),                                       # a name is China's alone, whatever the country
    ])
    run(shop)
    orders = table(shop, "orders").set_index("order_id")["province"]
    assert orders.to_dict() == {"#1": "SC", "#2": "浙江", "#3": "HI", "#4": "内蒙古", "#5": "SD", "#6": "浙江"}
    assert_reconciles(shop)
