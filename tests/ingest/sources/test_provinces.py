"""Provinces at ingest (storebook.ingest.sources.base.province): a Chinese province's name
translates in any row, a bare two-letter code only in a row whose country says China — SC is
Sichuan's code, and Santa Catarina's (Brazil) and South Carolina's too. Hand-made cases, and a
Shopify export in its own layout with Shipping/Billing Province and Country, custom sources
that name their rows' country (`country:`) or fall back to the store's (`[store] country`), ISO
3166-2 codes of China (CN-ZJ), and the contract's own layout."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import pytest

from storebook.ingest.crossfile import region_countries
from storebook.ingest.sources.base import in_china, province
from support.mapping import declare, failure, put
from support.sources import assert_reconciles, file_report, manifest, run, shopify_orders, table
from support.stores import write_csv


def local_settings(root: Path, line: str) -> None:
    """``[store]`` settings of this machine (storebook.local.toml), as a user writes them."""
    (root / "storebook.local.toml").write_text(f"[store]\n{line}\n", encoding="utf-8")

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
        dict(Name="#5", Shipping_Province="SD", Billing_Country="CN"),    # no shipping country: the billing one's
        dict(Name="#6", Shipping_Province_Name="Zhejiang", Shipping_Province="ZJ",
             Shipping_Country="US"),                                       # a name is China's alone, whatever the country
    ])
    run(shop)
    orders = table(shop, "orders").set_index("order_id")["province"]
    assert orders.to_dict() == {"#1": "SC", "#2": "浙江", "#3": "HI", "#4": "内蒙古", "#5": "山东", "#6": "浙江"}
    assert_reconciles(shop)


def test_shopify_takes_the_billing_country_only_where_the_shipping_country_is_empty(root: Path) -> None:
    shop = shopify_orders(root, [
        dict(Name="#1", Shipping_Province="ZJ", Billing_Country="CN"),                      # billing: China
        dict(Name="#2", Shipping_Province="SC", Shipping_Country="US", Billing_Country="CN"),  # shipping wins
        dict(Name="#3", Shipping_Province="SC", Billing_Country="BR"),                      # billing: Brazil
        dict(Name="#4", Shipping_Province="SC"),                                            # none: kept
    ])
    run(shop)
    orders = table(shop, "orders").set_index("order_id")["province"]
    assert orders.to_dict() == {"#1": "浙江", "#2": "SC", "#3": "SC", "#4": "SC"}


def test_shopify_rows_without_a_country_are_in_the_stores(root: Path) -> None:
    shop = shopify_orders(root, [dict(Name="#1", Shipping_Province="ZJ"),
                                 dict(Name="#2", Shipping_Province="SC", Shipping_Country="US")])
    run(shop)
    assert table(shop, "orders").set_index("order_id")["province"].to_dict() == {"#1": "ZJ", "#2": "SC"}
    # Setting the store's country re-reads the export (its cached parse read no country).
    local_settings(shop, 'country = "CN"')
    report = run(shop)
    assert not any(f.cached for f in report.files if f.source == "shopify_orders")
    assert table(shop, "orders").set_index("order_id")["province"].to_dict() == {"#1": "浙江", "#2": "SC"}


# ----------------------------------------------------------------------------- the Chinese platforms

# A Tmall 订单报表 in the layout without 订单状态 and a JD order export, hand-made: an address that
# is a bare code (ZJ, SC …, as a tool that fills 收货地址 from a province code writes it), one that
# starts with one, and whole Chinese addresses as the platforms write them.
TMALL = """
    订单编号,总金额,买家实际支付金额,收货地址,订单创建时间,订单付款时间,退款金额
    1,20.00,20.00,ZJ,2025-03-02 10:00:00,2025-03-02 10:01:00,0
    2,20.00,20.00,SC 成都市 武侯区,2025-03-02 11:00:00,2025-03-02 11:01:00,0
    3,20.00,20.00,NM,2025-03-02 12:00:00,2025-03-02 12:01:00,0
    4,20.00,20.00,浙江省 杭州市 西湖区 文三路1号,2025-03-02 13:00:00,2025-03-02 13:01:00,0
    5,20.00,20.00,内蒙古自治区呼和浩特市,2025-03-02 14:00:00,2025-03-02 14:01:00,0
"""
JD = """
    订单号,商品编号,商家SKU,订购数量,京东价,运费金额,应付金额,订单状态,下单时间,付款确认时间,客户地址,终端,退款金额
    31,100012,4001,1,20.00,0.00,20.00,完成,2025-03-02 10:00:00,2025-03-02 10:01:00,HI,APP,0.00
    32,100012,4001,1,20.00,0.00,20.00,完成,2025-03-02 11:00:00,2025-03-02 11:01:00,广东省深圳市南山区,APP,0.00
    33,100012,4001,1,20.00,0.00,20.00,完成,2025-03-02 12:00:00,2025-03-02 12:01:00,MO,APP,0.00
"""


def _platform_provinces(root: Path) -> dict[str, str]:
    run(root)
    assert_reconciles(root)
    return table(root, "orders").set_index("order_id")["province"].to_dict()


@pytest.fixture
def platforms(root: Path) -> Path:
    from support.sources import with_exports

    put(with_exports(root), "tmall/订单报表_2025-03.csv", TMALL)
    put(root, "jd/京东订单_2025-03.csv", JD)
    return root


def test_the_chinese_platforms_addresses_are_in_china(platforms: Path) -> None:
    # On main the platforms passed no country: ZJ, SC, NM, HI and MO passed on as written.
    assert _platform_provinces(platforms) == {"1": "浙江", "2": "四川", "3": "内蒙古", "4": "浙江", "5": "内蒙古",
                                              "31": "海南", "32": "广东", "33": "澳门"}
    notes = file_report(platforms, "订单报表_2025-03.csv", "orders")["notes"]
    assert any("收货地址 reduced to the province" in n and "read in China" in n for n in notes)


def test_the_chinese_platforms_addresses_stay_in_china_in_a_store_elsewhere(platforms: Path) -> None:
    """A store in the US selling on Tmall Global ships to China: `[store] country` is the store's
    (its calendar, its currency), not the platform's buyers'."""
    local_settings(platforms, 'country = "US"')
    assert _platform_provinces(platforms) == {"1": "浙江", "2": "四川", "3": "内蒙古", "4": "浙江", "5": "内蒙古",
                                              "31": "海南", "32": "广东", "33": "澳门"}
    assert list(manifest(platforms)["store"]["regions"]) == ["CN"]


# ----------------------------------------------------------------------------- ISO 3166-2

def test_an_iso_code_of_china_names_its_province_in_any_row() -> None:
    text = pd.Series(["CN-ZJ", "cn-sc", "CN-NM", "CN-XZ", "CN-YZ", "CN-33", "CN-51", "BR-SP", "US-SC", "BR-SC",
                      "JP-13", "CN-QQ"])
    expected = ["浙江", "四川", "内蒙古", "西藏", "西藏", "浙江", "四川", "BR-SP", "US-SC", "BR-SC", "JP-13", "CN-QQ"]
    assert province(text).tolist() == expected
    assert province(text, "US").tolist() == expected
    assert province(text, pd.Series(["BR"] * len(text))).tolist() == expected
    assert province(text, "CN").tolist() == expected


def test_shopify_writes_an_iso_code_of_china_as_its_province(root: Path) -> None:
    shop = shopify_orders(root, [dict(Name="#1", Shipping_Province="CN-ZJ"),
                                 dict(Name="#2", Shipping_Province="US-SC", Shipping_Country="US")])
    run(shop)
    assert table(shop, "orders").set_index("order_id")["province"].to_dict() == {"#1": "浙江", "#2": "US-SC"}
    assert list(manifest(shop)["store"]["regions"]) == ["CN", "US"]


# ----------------------------------------------------------------------------- custom sources: `country:`

ORDERS = """
    order,when,amount,state,land
    A1,2025-03-02 10:00:00,20.00,ZJ,CN
    A2,2025-03-02 11:00:00,20.00,SC,BR
    A3,2025-03-02 12:00:00,20.00,SC,
    A4,2025-03-02 13:00:00,20.00,浙江省,US
    A5,2025-03-02 14:00:00,20.00,GD,大陆
"""


def _shop(root: Path, country: str = "") -> Path:
    declare(root, f"""
        sources:
          - name: shop
            files: "shop/*.csv"
            table: orders
            columns: {{order_id: order, ordered_at: when, paid_at: when, paid_amount: amount, province: state}}
            constants: {{platform: web, status: paid}}
        {country}
        """)
    put(root, "shop/orders.csv", ORDERS)
    return root


def _provinces(root: Path) -> list[str]:
    run(root)
    assert_reconciles(root)
    return table(root, "orders").sort_values("order_id")["province"].tolist()


def test_a_mapping_without_a_country_keeps_codes(root: Path) -> None:
    assert _provinces(_shop(root)) == ["ZJ", "SC", "SC", "浙江", "GD"]


def test_a_mapping_names_its_rows_country_column(root: Path) -> None:
    # 大陆 is no spelling of China storebook knows: `values:` maps it.
    _shop(root, "    country: {column: land, values: {大陆: CN}}")
    assert _provinces(root) == ["浙江", "SC", "SC", "浙江", "广东"]
    assert any("`country:`" in n for n in file_report(root, "orders.csv", "orders")["notes"])


def test_a_mapping_names_one_country_for_every_row(root: Path) -> None:
    _shop(root, "    country: CN")
    assert _provinces(root) == ["浙江", "四川", "四川", "浙江", "广东"]


def test_rows_without_a_country_are_in_the_stores_configured_country(root: Path) -> None:
    """`[store] country = "CN"` (storebook.local.toml): the rows whose column is empty are in
    China; a row whose column names another country stays in it."""
    local_settings(_shop(root, "    country: {column: land}"), 'country = "CN"')
    assert _provinces(root) == ["浙江", "SC", "四川", "浙江", "GD"]


def test_a_mapping_without_a_country_reads_the_stores(root: Path) -> None:
    local_settings(_shop(root), 'country = "CN"')
    assert _provinces(root) == ["浙江", "四川", "四川", "浙江", "广东"]
    # Another store's country reads no code as China's.
    local_settings(root, 'country = "BR"')
    assert _provinces(root) == ["ZJ", "SC", "SC", "浙江", "GD"]


def test_a_grouped_table_takes_its_country_from_a_joined_file(root: Path) -> None:
    declare(root, """
        sources:
          - name: lines
            files: "shop/lines.csv"
            inputs: {amount: number}
            joins:
              buyer: {source: buyers, on: {buyer: id}, columns: [state, land]}
            table: orders
            group_by: [order]
            columns: {order_id: order, ordered_at: when, paid_at: when, province: buyer.state}
            compute: {paid_amount: sum(amount)}
            constants: {platform: web, status: paid}
            country: {column: buyer.land}
          - name: buyers
            files: "shop/buyers.csv"
        """)
    put(root, "shop/lines.csv", """
        order,when,amount,buyer
        A1,2025-03-02 10:00:00,10.00,b1
        A1,2025-03-02 10:00:00,5.00,b1
        A2,2025-03-02 11:00:00,20.00,b2
    """)
    put(root, "shop/buyers.csv", """
        id,state,land
        b1,SC,China
        b2,SC,Brazil
    """)
    run(root)
    orders = table(root, "orders").set_index("order_id")
    assert orders["province"].to_dict() == {"A1": "四川", "A2": "SC"}
    assert orders.loc["A1", "paid_amount"] == 15.0


@pytest.mark.parametrize(("country", "said"), [
    ("country: China", "`country`: 'China' is not a country code"),
    ("country: XX", "`country`: 'XX' is not a country code"),
    ("country: NO", "YAML reads a bare NO, Norway's code, as false"),
    ("country: {values: {大陆: CN}}", "`country`: is a mapping without `column:`"),
    ("country: {column: land, values: {大陆: China}}", "`country.values.大陆`: 'China' is not a country code"),
    ("country: {column: Land}", "column(s) 'Land' declared in storebook.sources.yaml, source 'shop' (`country.column`)"),
])
def test_a_country_that_is_not_one_stops_with_the_key(root: Path, country: str, said: str) -> None:
    message = failure(_shop(root, f"    {country}"))
    assert said in message and "What to do" in message


# ----------------------------------------------------------------------------- the contract's layout

SUPPLIERS = [("S1", "浙江省"), ("S2", "Guangdong"), ("S3", "CN-SH"), ("S4", "ZJ"), ("S5", "BR-SP"),
             ("S6", "São Paulo"), ("S7", "Zone 3"), ("S8", "浙江"), ("S9", "内蒙古自治区")]


def _suppliers(root: Path) -> dict[str, str]:
    write_csv(root, "suppliers", "suppliers.csv", [{"supplier_id": i, "supplier_name": f"Supplier {i}", "region": r}
                                                    for i, r in SUPPLIERS])
    run(root)
    return table(root, "suppliers").set_index("supplier_id")["region"].to_dict()


def test_the_contracts_layout_writes_a_province_of_china_by_its_short_name(root: Path) -> None:
    assert _suppliers(root) == {"S1": "浙江", "S2": "广东", "S3": "上海", "S4": "ZJ", "S5": "BR-SP", "S6": "São Paulo",
                                "S7": "Zone 3", "S8": "浙江", "S9": "内蒙古"}
    # Every province of China counts for China, whatever its spelling: 5 rows (on main S8 alone).
    assert manifest(root)["store"]["regions"] == {
        "BR": {"rows": 1, "tables": ["suppliers.region"], "regions": ["BR-SP"]},
        "CN": {"rows": 5, "tables": ["suppliers.region"], "regions": ["浙江", "上海", "内蒙古"]}}


def test_the_contracts_layout_reads_a_code_in_the_stores_country(root: Path) -> None:
    local_settings(root, 'country = "CN"')
    assert _suppliers(root)["S4"] == "浙江"


def test_region_countries_count_every_spelling_of_a_province_of_china() -> None:
    con = duckdb.connect()
    regions = ["浙江省", "Zhejiang", "CN-ZJ", "浙江", "广东省深圳市", "BR-SP", "ZJ", "Ontario"]
    con.sql("CREATE VIEW live_suppliers AS SELECT * FROM (VALUES " + ", ".join(f"('{r}')" for r in regions)
            + ") t(region)")
    found = region_countries(con, {"suppliers"})
    assert {c: f["rows"] for c, f in found.items()} == {"BR": 1, "CN": 5}
