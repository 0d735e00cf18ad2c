"""The sample store: a fictional brand's raw exports, with planted truths.

``generate_sample(raw_dir)`` writes two years of exports of *Lumen & Loom* (暖织家居), a
fictional beauty-and-home brand selling on Tmall, JD, Douyin and its own web shop, in the
canonical raw layout of docs/contract.md, plus ``raw_dir/_truth.json``: the effects the
generator planted (a promotion with a known uplift, a tracking outage, a late supplier …)
with every number needed to check that a report finds them. docs/sample_store.md
describes the store and each truth.

How the data hang together (one demand model, everything else follows from it):

- Expected units per day × platform × SKU (``lam``) = volume × platform share × trend ×
  weekday × yearly season × festival lift (from :mod:`storebook.engine.calendar`) × SKU share
  × launch/discontinuation × promotion effects × planted effects.
- Each day, order lines are drawn from ``lam`` (Poisson), packed into orders (≈1.5 lines
  per order), given a customer from a pool of returning and new customers, and served
  from the warehouse nearest to the customer's province, else the next one; a line that
  no warehouse can serve is lost demand. Inventory falls with every line served and rises
  with purchase-order receipts; a weekly review per supplier reorders up to a target.
- Shipments, returns, refunds and service tickets follow from the served lines; traffic
  is derived from expected orders (visitors) and from the orders table (buyers, orders,
  paid amount, as the platform reports them); marketing spend follows monthly budgets.

Money is computed in integer cents so that every identity of the contract holds exactly.
Randomness comes from ``numpy.random.default_rng`` streams keyed by (seed, purpose, month):
the same arguments give byte-identical files.

Example (not run here: it writes a whole store)::

    summary = generate_sample(Path("data/raw"), months=14, scale=0.2)
    summary["rows"]["orders"]   # 17512
"""

from __future__ import annotations

import csv
import io
import json
import math
import time
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

from storebook.engine import calendar as cal
from storebook.sample import duties as sample_duties

__all__ = ["generate_sample", "GENERATOR_VERSION", "TABLE_FOLDERS", "PII_COLUMNS"]

GENERATOR_VERSION = "1.1.0"

#: Folders written under raw_dir (one per canonical table).
TABLE_FOLDERS = (
    "suppliers", "products", "platform_fees", "promotions", "orders", "order_lines",
    "shipments", "returns", "service_tickets", "traffic", "marketing_spend",
    "competitor_prices", "purchase_orders", "inventory", "targets",
    "store_ratings", "product_traffic", "listing_changes", "campaign_holdouts",
)

#: Fake personal-data columns the raw exports carry beyond the contract (ingest drops them).
PII_COLUMNS = {
    "orders": ["buyer_name", "buyer_phone", "buyer_email", "shipping_address", "ip_address"],
    "service_tickets": ["customer_name", "customer_phone"],
}

# ----------------------------------------------------------------------------- vocabularies

PLATFORMS = ("tmall", "jd", "douyin", "web")
P_TM, P_JD, P_DY, P_WEB = 0, 1, 2, 3
PLATFORM_ZH = ("天猫", "京东", "抖音", "官网")
PLATFORM_ORDER_PREFIX = ("TM", "JD", "DY", "WB")
CUSTOMER_PREFIX = ("tb_", "jd_", "dy_", "web_")
DEVICES = ("mobile", "pc")
CHANNELS = (
    "organic_search", "paid_search", "social", "email",
    "live_stream", "recommendation", "direct", "referral",
)
CHANNEL_ZH = {
    "organic_search": "自然搜索", "paid_search": "付费搜索", "social": "社交种草", "email": "邮件营销",
    "live_stream": "直播", "recommendation": "推荐流", "direct": "直接访问", "referral": "外部引荐",
}
# Visitor share of each channel, per platform (channels with no share have no rows).
CHANNEL_VISITOR_SHARE = {
    "tmall": {"organic_search": .30, "paid_search": .18, "recommendation": .20, "live_stream": .08,
              "social": .06, "direct": .12, "referral": .03, "email": .03},
    "jd": {"organic_search": .34, "paid_search": .22, "recommendation": .18, "direct": .13,
           "social": .05, "live_stream": .04, "referral": .04},
    "douyin": {"live_stream": .40, "recommendation": .30, "social": .12, "paid_search": .08,
               "organic_search": .06, "direct": .04},
    "web": {"direct": .25, "organic_search": .22, "paid_search": .18, "social": .13,
            "email": .12, "referral": .10},
}
# How well a channel's visitors convert, relative to the platform average.
CHANNEL_CONVERSION = {
    "organic_search": 1.0, "paid_search": 1.3, "social": 0.7, "email": 1.6,
    "live_stream": 1.2, "recommendation": 0.75, "direct": 1.4, "referral": 0.9,
}
# Share of channel rows' counts above the de-duplicated `all` row (multi-source visitors).
CHANNEL_OVERLAP = (0.15, 0.15, 0.15, 0.0)

MOBILE_SHARE = np.array([0.86, 0.74, 0.97, 0.58])
# Buyer conversion (buyers / visitors) per platform × device.
CONVERSION = np.array([[0.032, 0.040], [0.038, 0.046], [0.018, 0.012], [0.017, 0.025]])
PLATFORM_SHARE = np.array([0.42, 0.25, 0.23, 0.10])
PLATFORM_GROWTH = np.array([-0.03, 0.03, 0.30, 0.10])  # per year, log scale
WEEKDAY = np.array([  # Mon..Sun, per platform
    [1.02, 0.98, 0.97, 0.97, 0.98, 1.02, 1.06],
    [1.03, 1.00, 0.99, 0.99, 0.98, 0.99, 1.02],
    [0.92, 0.93, 0.95, 0.97, 1.03, 1.10, 1.10],
    [1.05, 1.04, 1.02, 1.00, 0.96, 0.95, 0.98],
])

CATEGORIES = ("skincare", "makeup", "haircare", "body_care", "fragrance", "home_textiles", "kitchen", "storage")
CATEGORY_CODE = ("SKN", "MKP", "HAR", "BDY", "FRG", "TEX", "KIT", "STO")
CATEGORY_SKUS = (55, 50, 35, 35, 25, 40, 30, 30)
CATEGORY_UNIT_SHARE = np.array([0.22, 0.16, 0.13, 0.11, 0.05, 0.11, 0.11, 0.11])
BEAUTY = np.array([True, True, True, True, True, False, False, False])
# Platform × category affinity (multiplies the unit share).
CATEGORY_AFFINITY = np.array([
    [1.0, 1.0, 1.0, 1.0, 1.1, 1.0, 0.9, 0.9],
    [0.8, 0.7, 1.0, 1.0, 0.8, 1.2, 1.5, 1.4],
    [1.2, 1.5, 1.2, 1.0, 0.8, 0.7, 0.7, 0.8],
    [1.0, 0.9, 0.8, 0.9, 1.6, 1.1, 0.9, 0.9],
])
# Yearly season per category: amplitude and day of year of the high point.
SEASON = ((0.06, 330), (0.05, 100), (0.05, 200), (0.12, 195), (0.06, 350), (0.22, 345), (0.06, 20), (0.08, 80))
PRICE_RANGE = ((89, 399), (59, 259), (39, 129), (39, 159), (99, 499), (129, 999), (49, 459), (19, 159))
COST_SHARE = ((0.20, 0.34), (0.22, 0.36), (0.25, 0.40), (0.25, 0.40), (0.18, 0.32), (0.42, 0.58), (0.45, 0.60), (0.42, 0.58))
RETURN_RATE = np.array([0.025, 0.03, 0.02, 0.02, 0.03, 0.06, 0.035, 0.03])
RETURN_PLATFORM = np.array([1.0, 0.9, 1.8, 0.8])
COMMISSION = {  # platform → (beauty rate, home rate); douyin changes mid-period
    "tmall": (0.050, 0.040), "jd": (0.060, 0.050), "douyin": (0.050, 0.050), "web": (0.006, 0.006),
}
DOUYIN_NEW_COMMISSION = (0.040, 0.035)

PRODUCT_NOUNS = {
    "skincare": ["玻尿酸保湿精华液", "烟酰胺亮肤精华", "神经酰胺修护面霜", "氨基酸洁面乳", "舒缓修护爽肤水",
                 "多肽紧致眼霜", "清爽防晒乳", "补水修护面膜", "维C焕亮精华", "积雪草修护乳", "温和卸妆油"],
    "makeup": ["丝绒雾面口红", "水润唇釉", "轻薄粉底液", "持妆气垫", "四色眼影盘", "防水眉笔",
               "纤长睫毛膏", "柔雾散粉", "细腻腮红", "轻透遮瑕液"],
    "haircare": ["氨基酸洗发水", "控油蓬松洗发水", "修护护发素", "深层修护发膜", "免洗护发精油",
                 "头皮清洁啫喱", "柔顺护发喷雾"],
    "body_care": ["烟酰胺身体乳", "香氛沐浴露", "海盐磨砂膏", "滋润护手霜", "清爽止汗露", "舒缓身体精油", "泡泡浴球"],
    "fragrance": ["木质调淡香水", "花香调淡香水", "柑橘调淡香水", "香氛蜡烛", "无火香薰", "衣物香氛喷雾"],
    "home_textiles": ["纯棉四件套", "天丝四件套", "轻暖羽绒被", "乳胶枕", "记忆棉枕", "珊瑚绒毯",
                      "长绒棉浴巾", "毛巾三条装", "夏凉被", "床垫保护罩"],
    "kitchen": ["不粘炒锅", "陶瓷汤锅", "刀具套装", "竹木砧板", "玻璃保鲜盒套装", "双层玻璃杯", "陶瓷马克杯", "餐具套装"],
    "storage": ["折叠收纳箱", "衣物收纳袋", "桌面收纳盒", "真空压缩袋", "透明鞋盒", "化妆品收纳架", "抽屉分隔盒"],
}
PRODUCT_VARIANTS = {
    "skincare": ["30ml", "50ml", "100ml", "旅行装", "礼盒装"],
    "makeup": ["#01", "#02", "#03", "#05", "#08"],
    "haircare": ["300ml", "500ml", "750ml", "补充装", "旅行装"],
    "body_care": ["200ml", "400ml", "经典款", "清新款", "礼盒装"],
    "fragrance": ["30ml", "50ml", "100ml", "200g", "限定款"],
    "home_textiles": ["1.5m床", "1.8m床", "2.0m床", "灰色", "米白", "雾蓝"],
    "kitchen": ["20cm", "24cm", "28cm", "基础款", "升级款"],
    "storage": ["小号", "中号", "大号", "三件套", "五件套"],
}

# Suppliers: id, name, region, contract lead time (days), categories.
SUPPLIERS = (
    ("S01", "示例日化一厂（杭州）", "浙江", 14, ("skincare",)),
    ("S02", "样本生物科技（广州）", "广东", 12, ("skincare", "body_care")),
    ("S03", "示例彩妆制造（上海）", "上海", 10, ("makeup",)),
    ("S04", "样本美妆（韩国）", "韩国", 25, ("makeup",)),
    ("S05", "示例洗护用品（苏州）", "江苏", 10, ("haircare",)),
    ("S06", "样本个护科技（中山）", "广东", 12, ("body_care",)),
    ("S07", "示例香氛（格拉斯）", "法国", 30, ("fragrance",)),
    ("S08", "样本家纺（南通）", "江苏", 15, ("home_textiles",)),
    ("S09", "示例纺织品（绍兴）", "浙江", 14, ("home_textiles",)),
    ("S10", "样本厨具（阳江）", "广东", 12, ("kitchen",)),
    ("S11", "示例家居用品（义乌）", "浙江", 8, ("storage",)),
    ("S12", "样本塑料制品（台州）", "浙江", 9, ("storage", "kitchen")),
)
REVIEW_PERIOD_DAYS = 7
SAFETY_DAYS = 6
CYCLE_DAYS = 21

WAREHOUSES = ("JX-East", "GZ-South", "TJ-North")
WAREHOUSE_ZH = ("嘉兴华东仓", "广州华南仓", "天津华北仓")

# Province, weight of buyers, region.
PROVINCES = (
    ("广东", 11.0, "S"), ("浙江", 8.5, "E"), ("江苏", 8.5, "E"), ("上海", 5.5, "E"), ("北京", 4.5, "N"),
    ("山东", 6.0, "N"), ("四川", 4.5, "SW"), ("河南", 4.5, "C"), ("湖北", 3.8, "C"), ("福建", 3.8, "S"),
    ("湖南", 3.3, "C"), ("安徽", 3.3, "E"), ("河北", 3.3, "N"), ("天津", 1.5, "N"), ("重庆", 2.3, "SW"),
    ("陕西", 2.3, "NW"), ("辽宁", 2.3, "NE"), ("江西", 2.0, "C"), ("广西", 2.0, "S"), ("云南", 1.9, "SW"),
    ("山西", 1.6, "N"), ("贵州", 1.3, "SW"), ("黑龙江", 1.3, "NE"), ("吉林", 1.0, "NE"), ("内蒙古", 0.9, "NW"),
    ("新疆", 0.8, "R"), ("甘肃", 0.7, "NW"), ("海南", 0.7, "S"), ("宁夏", 0.3, "NW"), ("青海", 0.2, "NW"),
    ("西藏", 0.1, "R"),
)
REGIONS = ("E", "S", "N", "C", "SW", "NE", "NW", "R")
# Transit days from each warehouse to each region.
TRANSIT = np.array([
    # E  S  N  C  SW NE NW R
    [1, 2, 2, 2, 3, 3, 3, 5],  # JX-East
    [2, 1, 3, 2, 2, 4, 3, 5],  # GZ-South
    [2, 3, 1, 2, 3, 2, 2, 4],  # TJ-North
])
# Warehouse preference order per region (nearest first).
WAREHOUSE_PREF = {"E": (0, 1, 2), "S": (1, 0, 2), "N": (2, 0, 1), "C": (0, 1, 2), "SW": (1, 0, 2),
                  "NE": (2, 0, 1), "NW": (2, 0, 1), "R": (2, 0, 1)}
CARRIERS = ("SF Express", "JD Logistics", "ZTO Express", "YTO Express", "EMS")
CARRIER_CODE = ("SF", "JDL", "ZTO", "YTO", "EMS")
CARRIER_SHARE = np.array([
    [0.22, 0.10, 0.33, 0.25, 0.10],  # tmall
    [0.05, 0.85, 0.05, 0.03, 0.02],  # jd
    [0.15, 0.05, 0.38, 0.32, 0.10],  # douyin
    [0.45, 0.10, 0.25, 0.10, 0.10],  # web
])
CARRIER_SPEED = np.array([-0.6, -0.5, 0.0, 0.1, 0.4])  # days vs. the zone's base
CARRIER_BASE_COST = np.array([1150, 1000, 520, 480, 700])  # cents per parcel
CARRIER_UNIT_COST = np.array([120, 100, 60, 60, 80])

COMPETITORS = (  # name, platform, categories
    ("竞品A旗舰店", "tmall", ("skincare", "makeup", "fragrance")),
    ("竞品B旗舰店", "jd", ("home_textiles", "kitchen", "storage", "body_care")),
    ("竞品C官方旗舰店", "douyin", ("haircare", "skincare", "makeup", "body_care")),
    ("竞品D专营店", "jd", ("skincare", "haircare", "home_textiles")),
)

SURNAMES = "张王李赵刘陈杨黄周吴徐孙马朱胡郭何林罗高"
GIVEN = ("三", "四", "五", "六", "某某", "小明", "小红", "小刚", "小丽", "测试")

QTY_VALUES = np.array([1, 2, 3])
QTY_PROBS = np.array([0.80, 0.15, 0.05])
MEAN_QTY = float((QTY_VALUES * QTY_PROBS).sum())
EXTRA_LINES_MEAN = 0.5  # lines per order = 1 + Poisson(0.5)
MEAN_LINES = 1.0 + EXTRA_LINES_MEAN
UNITS_PER_DAY = 375.0  # at scale 1: ≈ 200 paid orders a day
CANCEL_RATE = 0.03

HOUR_WEIGHTS = np.array([0.8, 0.4, 0.2, 0.1, 0.1, 0.15, 0.3, 0.6, 1.0, 1.4, 1.6, 1.6,
                         1.4, 1.3, 1.4, 1.4, 1.3, 1.2, 1.3, 1.6, 2.0, 2.3, 2.2, 1.6])

# Planted truths: fixed sizes (documented in docs/sample_store.md).
UPLIFT = dict(platform=P_JD, category="skincare", n_skus=8, days=9, discount=0.20, uplift=0.60)
PULL_FORWARD = dict(platform=P_TM, category="makeup", n_skus=8, days=7, discount=0.15, dip=0.35, dip_days=10)
OUTAGE = dict(platform=P_JD, factor=0.08)
COMPETITOR_CUT = dict(competitor=2, category="haircare", price_cut=0.20, our_units=0.15)
LATE = dict(supplier="S09", months_before=6, delay_mean=12.0, fill_mean=0.70)
MOBILE_DROP = dict(platform=P_TM, drop=0.30)
COMPLAINT = dict(supplier="S06", ticket_rate=0.15, return_rate=0.10, base_ticket_rate=0.004)
SLOW_CARRIER = dict(carrier=2, provinces=("四川", "重庆", "贵州", "云南"), days=10, extra_days=3)
MIN_MONTHS = 9


# ============================================================================ public API


def generate_sample(
    raw_dir: Path,
    *,
    seed: int = 20261,
    end_month: str | None = None,
    months: int = 24,
    scale: float = 1.0,
    progress: Callable[[str], None] | None = None,
    platform_formats: bool = True,
) -> dict:
    """Write the sample store's raw exports into ``raw_dir`` and return a summary.

    Args:
        raw_dir: the raw-data folder (``data/raw``); one sub-folder per table is written.
            It must be empty of data, or hold a previous sample (its ``_truth.json``
            lists the files, which are replaced).
        seed: random seed; the same seed, end_month, months and scale give
            byte-identical files.
        end_month: last month of data, ``YYYY-MM``; default the last complete month.
        months: number of months (at least 9; 13+ to have targets from last year).
        scale: multiplies volumes (orders, lines, customers, tickets), not SKUs or days.
        progress: called with a short message as each month is written.
        platform_formats: True (default) moves the web shop's orders into Shopify orders
            exports and Tmall's traffic into a 生意参谋 report in GBK
            (storebook.sample.platform_files), so that every ingest of the sample goes
            through the platform adapters (the processed tables are the same,
            tests/test_sources_roundtrip.py). False keeps every table in the canonical
            layout of docs/contract.md.

    Returns:
        ``{"rows": {table: n}, "files": [relative paths], "seconds": s, "raw_dir": str,
        "period": [first day, last day], "truth": "_truth.json"}``.

    Example:
        s = generate_sample(Path("/tmp/raw"), months=14, scale=0.2)
        sorted(s["rows"])[:3]
        ['competitor_prices', 'inventory', 'marketing_spend']
    """
    t0 = time.perf_counter()
    raw_dir = Path(raw_dir)
    end_month = end_month or _last_complete_month(date.today())
    if months < MIN_MONTHS:
        raise ValueError(f"months={months}: the sample needs at least {MIN_MONTHS} months to hold its planted truths")
    if not scale > 0:
        raise ValueError(f"scale={scale}: expected a positive number")
    gen = _Generator(raw_dir, seed=int(seed), end_month=end_month, months=int(months), scale=float(scale),
                     progress=progress or (lambda msg: None), platform_formats=platform_formats)
    gen.prepare_dir()
    gen.run()
    return gen.summary(time.perf_counter() - t0)


# ============================================================================ helpers


def _last_complete_month(today: date) -> str:
    first = today.replace(day=1)
    last_prev = first - timedelta(days=1)
    return f"{last_prev.year:04d}-{last_prev.month:02d}"


def _parse_month(text: str) -> tuple[int, int]:
    try:
        y, m = text.split("-")
        y, m = int(y), int(m)
        if not 1 <= m <= 12:
            raise ValueError
    except ValueError:
        raise ValueError(f"end_month={text!r}: expected YYYY-MM, e.g. '2026-10'") from None
    return y, m


def _add_months(y: int, m: int, k: int) -> tuple[int, int]:
    idx = y * 12 + (m - 1) + k
    return idx // 12, idx % 12 + 1


def _stream(seed: int, name: str, *extra: int) -> np.random.Generator:
    """A random stream for one purpose, independent of every other stream."""
    return np.random.default_rng([seed, zlib.crc32(name.encode()), *extra])


_FRAC = np.array([f".{i:02d}" for i in range(100)])
_HMS: list[np.ndarray] = []


def _money(cents: np.ndarray) -> np.ndarray:
    """Cents (int, ≥ 0) → ``"123.45"``: exact to the cent, always two decimals."""
    c = np.asarray(cents, dtype=np.int64)
    if c.size and c.min() < 0:
        raise ValueError("negative money amount")
    return np.strings.add((c // 100).astype("U"), _FRAC[c % 100])


def _bool_text(values: np.ndarray) -> np.ndarray:
    return np.where(np.asarray(values, dtype=bool), "true", "false")


def _date_text(days: np.ndarray) -> np.ndarray:
    """Dates → ``YYYY-MM-DD`` (formatted once per distinct day)."""
    d = np.asarray(days, dtype="datetime64[D]")
    u, inv = np.unique(d, return_inverse=True)
    return np.datetime_as_string(u, unit="D")[inv.reshape(-1)]


def _ts_text(ts: np.ndarray) -> np.ndarray:
    """Timestamps (seconds) → ``YYYY-MM-DD HH:MM:SS``; NaT → empty."""
    ts = np.asarray(ts, dtype="datetime64[s]")
    nat = np.isnat(ts)
    sec = np.where(nat, 0, ts.astype(np.int64))
    if not _HMS:
        h = np.arange(86400)
        _HMS.append(np.array([f" {x // 3600:02d}:{x // 60 % 60:02d}:{x % 60:02d}" for x in h.tolist()]))
    day = sec // 86400
    u, inv = np.unique(day, return_inverse=True)
    text = np.strings.add(np.datetime_as_string(u.astype("datetime64[D]"), unit="D")[inv.reshape(-1)], _HMS[0][sec % 86400])
    return np.where(nat, "", text)


class _Cols(dict):
    """A table as named numpy columns: a small, fast stand-in for a DataFrame."""

    def take(self, idx: np.ndarray) -> _Cols:
        return _Cols({k: np.asarray(v)[idx] for k, v in self.items()})

    @property
    def n(self) -> int:
        return len(next(iter(self.values()))) if self else 0

    @staticmethod
    def concat(parts: list[_Cols]) -> _Cols:
        return _Cols({k: np.concatenate([np.asarray(p[k]) for p in parts]) for k in parts[0]})


def _categorical(rng: np.random.Generator, probs: np.ndarray, n: int) -> np.ndarray:
    """n draws from a categorical distribution (indices)."""
    cdf = np.cumsum(probs / probs.sum())
    return np.minimum(np.searchsorted(cdf, rng.random(n), side="right"), len(probs) - 1)


def _categorical_rows(rng: np.random.Generator, probs: np.ndarray) -> np.ndarray:
    """One draw per row of a (n, k) probability matrix."""
    cdf = np.cumsum(probs, axis=1)
    cdf /= cdf[:, -1:]
    u = rng.random(len(probs))[:, None]
    return np.minimum((u >= cdf).sum(axis=1), probs.shape[1] - 1)


def _group_first(keys: np.ndarray) -> np.ndarray:
    """Mask of the first element of each run of equal keys (keys sorted)."""
    first = np.ones(len(keys), dtype=bool)
    first[1:] = keys[1:] != keys[:-1]
    return first


def _hexid(idx: np.ndarray, salt: int) -> np.ndarray:
    """A bijective 32-bit scramble of customer indexes, as 8 hex digits."""
    x = (np.asarray(idx, dtype=np.uint64) * np.uint64(0x9E3779B1) + np.uint64(salt)) & np.uint64(0xFFFFFFFF)
    return x


def _write_csv(cols: _Cols | pd.DataFrame, path: Path, *, mode: str = "w", header: bool = True,
               encoding: str = "utf-8", bom: bool = False) -> int:
    """Write (or append) a table with the csv module: minimal quoting, ``\n`` line ends.
    Values must already be text or integers (money via :func:`_money`, times via
    :func:`_ts_text`), so the bytes never depend on float formatting."""
    if isinstance(cols, pd.DataFrame):
        cols = _Cols({c: cols[c].to_numpy() for c in cols.columns})
    for name, values in cols.items():
        if np.asarray(values).dtype.kind == "f":
            raise TypeError(f"column {name!r} is float: format it before writing")
    path.parent.mkdir(parents=True, exist_ok=True)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    if header:
        writer.writerow(list(cols))
    writer.writerows(zip(*[np.asarray(v).tolist() for v in cols.values()], strict=True))
    data = buf.getvalue().encode(encoding)
    if bom and mode == "w":
        data = b"\xef\xbb\xbf" + data
    with path.open(mode + "b") as fh:
        fh.write(data)
    return cols.n


# ============================================================================ the generator


@dataclass
class _Promo:
    promo_id: str
    name: str
    ptype: str
    platform: int | None  # None = every platform
    start: int  # day index
    end: int  # inclusive
    depth: float
    skus: np.ndarray  # sku indexes
    scope: str
    lift: float  # units multiplier while it runs
    budget_cents: int = 0
    coupon: str = ""


@dataclass
class _POLine:
    po_id: str
    line_no: int
    supplier: int
    sku: int
    wh: int
    batch_id: str
    ordered: int  # day index (may be negative: before the period)
    promised: int
    received: int  # day index the goods arrive (may be after the period: open PO)
    qty_ordered: int
    qty_received: int
    qty_rejected: int
    unit_cost: int


@dataclass
class _MonthAgg:
    """Per platform sums for the targets."""

    paid_cents: np.ndarray = field(default_factory=lambda: np.zeros(4, np.int64))
    orders: np.ndarray = field(default_factory=lambda: np.zeros(4, np.int64))
    refund_cents: np.ndarray = field(default_factory=lambda: np.zeros(4, np.int64))
    margin_cents: np.ndarray = field(default_factory=lambda: np.zeros(4, np.int64))
    commission_cents: np.ndarray = field(default_factory=lambda: np.zeros(4, np.float64))
    logistics_cents: np.ndarray = field(default_factory=lambda: np.zeros(4, np.int64))
    otif: np.ndarray = field(default_factory=lambda: np.zeros(4, np.int64))
    visitors: np.ndarray = field(default_factory=lambda: np.zeros(4, np.int64))
    buyers: np.ndarray = field(default_factory=lambda: np.zeros(4, np.int64))
    spend_cents: np.ndarray = field(default_factory=lambda: np.zeros(4, np.int64))
    attributed_cents: np.ndarray = field(default_factory=lambda: np.zeros(4, np.int64))
    complaints: np.ndarray = field(default_factory=lambda: np.zeros(4, np.int64))
    csat_sum: np.ndarray = field(default_factory=lambda: np.zeros(4, np.int64))
    csat_n: np.ndarray = field(default_factory=lambda: np.zeros(4, np.int64))


class _Generator:
    def __init__(self, raw_dir: Path, *, seed: int, end_month: str, months: int, scale: float,
                 progress: Callable[[str], None], platform_formats: bool = False):
        self.raw = raw_dir
        self.seed = seed
        self.end_month = end_month
        self.months = months
        self.scale = scale
        self.progress = progress
        self.platform_formats = platform_formats
        ey, em = _parse_month(end_month)
        sy, sm = _add_months(ey, em, -(months - 1))
        self.month_list = [_add_months(sy, sm, k) for k in range(months)]
        self.start = date(sy, sm, 1)
        ny, nm = _add_months(ey, em, 1)
        self.end = date(ny, nm, 1) - timedelta(days=1)
        if not cal.is_covered(self.start, self.end):
            raise ValueError(
                f"the period {self.start}..{self.end} is outside the calendar's years "
                f"{cal.COVERED_YEARS[0]}–{cal.COVERED_YEARS[-1]}: choose another end_month"
            )
        self.n_days = (self.end - self.start).days + 1
        self.horizon = self.n_days + 120  # demand is modelled ahead, for the planners
        self.day0 = np.datetime64(self.start, "D")
        self.end_ts = np.datetime64(self.end, "s") + np.timedelta64(86399, "s")
        self.month_start_idx = [(date(y, m, 1) - self.start).days for (y, m) in self.month_list]
        self.files: list[str] = []
        self.rows: dict[str, int] = {t: 0 for t in TABLE_FOLDERS}
        self.truth: dict = {}

    # ------------------------------------------------------------------ small utilities
    def rng(self, name: str, *extra: int) -> np.random.Generator:
        return _stream(self.seed, name, *extra)

    def day_index(self, d: date) -> int:
        return (d - self.start).days

    def day_date(self, t: int) -> date:
        return self.start + timedelta(days=int(t))

    def month_bounds(self, k_from_end: int) -> tuple[int, int]:
        """Day indexes [first, last] of month end_month − k."""
        i = self.months - 1 - k_from_end
        first = self.month_start_idx[i]
        last = self.month_start_idx[i + 1] - 1 if i + 1 < self.months else self.n_days - 1
        return first, last

    def path(self, table: str, name: str) -> Path:
        return self.raw / table / name

    def record_file(self, table: str, name: str, rows: int) -> None:
        rel = f"{table}/{name}"
        if rel not in self.files:
            self.files.append(rel)
        self.rows[table] += rows

    def prepare_dir(self) -> None:
        """Refuse to mix with real exports; replace a previous sample's files."""
        self.raw.mkdir(parents=True, exist_ok=True)
        truth = self.raw / "_truth.json"
        previous: list[str] = []
        if truth.exists():
            try:
                previous = json.loads(truth.read_text(encoding="utf-8")).get("files", [])
            except (json.JSONDecodeError, AttributeError):
                previous = []
        for rel in previous:
            p = self.raw / rel
            if p.is_file():
                p.unlink()
        leftovers = [
            p for p in sorted(self.raw.rglob("*"))
            if p.is_file() and not any(part.startswith(("_", ".")) for part in p.relative_to(self.raw).parts)
        ]
        if leftovers:
            raise FileExistsError(
                f"{self.raw} already holds data files (e.g. {leftovers[0].relative_to(self.raw)}) that no earlier "
                "sample wrote: generate the sample into an empty folder so it never mixes with real exports"
            )
        if truth.exists():
            truth.unlink()

    # ------------------------------------------------------------------ the run
    def run(self) -> None:
        self.build_calendar()
        self.build_master_data()
        self.build_demand()
        self.place_truths()
        self.build_promotions()
        self.apply_effects()
        self.build_budgets()
        self.simulate()
        self.write_static()
        self.duties_truths = sample_duties.plant(self)  # ratings, listings, holdouts: new files only
        if self.platform_formats:
            from storebook.sample.platform_files import write_platform_files

            self.files += write_platform_files(self.raw)
        self.write_truth()

    # ================================================================== calendar & master data
    def build_calendar(self) -> None:
        H = self.horizon
        kinds = cal.day_kinds(self.start, self.start + timedelta(days=H - 1))
        self.weekday = kinds["weekday"].to_numpy()
        self.working = kinds["is_working_day"].to_numpy()
        self.holiday = kinds["is_holiday"].to_numpy()
        self.event_kind = kinds["event"].to_numpy().astype(object)
        self.shutdown = kinds["is_logistics_shutdown"].to_numpy()
        self.events = cal.events(self.start, self.start + timedelta(days=H - 1))
        # Festival lift per day × platform, and a beauty-only part (38节).
        lift = np.ones((H, 4))
        beauty_lift = np.ones((H, 4))

        def put(d0: date, d1: date, values, target=lift) -> None:
            a, b = max(self.day_index(d0), 0), min(self.day_index(d1), H - 1)
            if a <= b:
                target[a:b + 1] *= np.asarray(values)

        for e in self.events:
            if e.kind == "618":
                y = e.peak_on.year
                put(e.starts_on, date(y, 6, 15), (1.30, 1.45, 1.25, 1.15))
                put(date(y, 6, 16), date(y, 6, 17), (1.9, 2.3, 1.6, 1.3))
                put(e.peak_on, e.peak_on, (3.2, 4.2, 2.4, 1.8))
                put(date(y, 6, 19), date(y, 6, 21), (0.80, 0.78, 0.85, 0.90))
            elif e.kind == "double11":
                y = e.peak_on.year
                put(e.starts_on, date(y, 10, 30), (1.20, 1.15, 1.15, 1.05))
                put(date(y, 10, 31), date(y, 11, 3), (2.3, 1.8, 1.7, 1.3))
                put(date(y, 11, 4), date(y, 11, 10), (1.35, 1.30, 1.30, 1.10))
                put(e.peak_on, e.peak_on, (5.0, 3.6, 3.0, 2.0))
                put(date(y, 11, 12), date(y, 11, 14), (0.72, 0.78, 0.82, 0.88))
            elif e.kind == "double12":
                put(e.starts_on, e.peak_on - timedelta(days=1), (1.25, 1.15, 1.20, 1.10))
                put(e.peak_on, e.peak_on, (2.2, 1.5, 1.6, 1.3))
            elif e.kind == "nianhuo":
                put(e.starts_on, e.ends_on, (1.30, 1.45, 1.35, 1.15))
            elif e.kind == "women38":
                put(e.starts_on, e.peak_on - timedelta(days=1), (1.20, 1.10, 1.25, 1.10), beauty_lift)
                put(e.peak_on, e.peak_on, (2.0, 1.4, 1.8, 1.4), beauty_lift)
            elif e.kind == "spring_festival":
                put(e.starts_on, e.ends_on, (0.45, 0.55, 0.50, 0.50))
                put(e.peak_on - timedelta(days=1), e.peak_on + timedelta(days=2), (0.65, 0.65, 0.70, 0.70))
            elif e.kind == "public_holiday":
                covered = [self.day_index(e.starts_on) + i for i in range(e.days)]
                covered = [t for t in covered if 0 <= t < H and self.event_kind[t] == "public_holiday"]
                factor = 0.86 if e.days >= 7 else 0.94
                for t in covered:
                    lift[t] *= factor
        self.lift = lift
        self.beauty_lift = beauty_lift

    def build_master_data(self) -> None:
        rng = self.rng("master")
        # Suppliers and the SKUs they make.
        self.supplier_ids = [s[0] for s in SUPPLIERS]
        self.supplier_lt = np.array([s[3] for s in SUPPLIERS])
        cat_suppliers = {c: [i for i, s in enumerate(SUPPLIERS) if c in s[4]] for c in CATEGORIES}
        skus, names, cats, sup, price, cost = [], [], [], [], [], []
        start_t = 0
        for c_i, (cat, code, n) in enumerate(zip(CATEGORIES, CATEGORY_CODE, CATEGORY_SKUS, strict=True)):
            nouns, variants = PRODUCT_NOUNS[cat], PRODUCT_VARIANTS[cat]
            combos = [(a, b) for a in nouns for b in variants]
            pick = rng.choice(len(combos), size=n, replace=False)
            lo, hi = PRICE_RANGE[c_i]
            for j in range(n):
                noun, variant = combos[pick[j]]
                skus.append(f"{code}{j + 1:03d}")
                names.append(f"暖织 {noun} {variant}")
                cats.append(c_i)
                sups = cat_suppliers[cat]
                sup.append(sups[j % len(sups)] if len(sups) > 1 else sups[0])
                p = math.exp(rng.uniform(math.log(lo), math.log(hi)))
                p = max(int(round(p / 10.0)) * 10 - 1, 9)  # 89, 129, 259 …
                price.append(p * 100)
                cost.append(int(round(p * 100 * rng.uniform(*COST_SHARE[c_i]))))
        n_sku = len(skus)
        launch = rng.integers(-5 * 365, -60, size=n_sku)  # days before the period
        new = rng.random(n_sku) < 0.10
        launch[new] = rng.integers(start_t + 20, int(self.n_days * 0.8), size=new.sum())
        discontinued = np.full(n_sku, 10**6)
        gone = (~new) & (rng.random(n_sku) < 0.05)
        discontinued[gone] = rng.integers(int(self.n_days * 0.2), int(self.n_days * 0.9), size=gone.sum())
        self.sku = np.array(skus, dtype=object)
        self.sku_name = np.array(names, dtype=object)
        self.sku_cat = np.array(cats)
        self.sku_sup = np.array(sup)
        self.price = np.array(price, dtype=np.int64)
        self.cost = np.array(cost, dtype=np.int64)
        self.launch = launch
        self.discontinued = discontinued
        self.n_sku = n_sku
        # Popularity within category (heavy-tailed), per platform through the affinity.
        pop = rng.lognormal(0.0, 0.9, size=n_sku)
        # The complaint supplier's best body-care SKU is a hero product (the complaint truth).
        sup6 = self.supplier_ids.index(COMPLAINT["supplier"])
        body = np.flatnonzero(np.array(cats) == CATEGORIES.index("body_care"))
        mine = body[np.array(sup)[body] == sup6]
        mine = mine[(self.launch[mine] < -90) & (self.discontinued[mine] > self.horizon)]
        hero = mine[np.argmax(pop[mine])]
        pop[hero] = pop[body].max() * 2.0
        share = np.zeros((4, n_sku))
        for c_i in range(len(CATEGORIES)):
            m = self.sku_cat == c_i
            within = pop[m] / pop[m].sum()
            for p in range(4):
                share[p, m] = CATEGORY_UNIT_SHARE[c_i] * CATEGORY_AFFINITY[p, c_i] * within
        self.sku_share = share / share.sum(axis=1, keepdims=True)
        # Provinces, regions, warehouse preference.
        self.prov_name = np.array([p[0] for p in PROVINCES], dtype=object)
        w = np.array([p[1] for p in PROVINCES])
        self.prov_weight = w / w.sum()
        self.prov_region = np.array([REGIONS.index(p[2]) for p in PROVINCES])
        self.prov_pref = np.array([WAREHOUSE_PREF[p[2]] for p in PROVINCES])
        wh_share = np.zeros(3)
        np.add.at(wh_share, self.prov_pref[:, 0], self.prov_weight)
        self.wh_share = wh_share
        # Commission rates: before / after douyin's change.
        self.fee_change = self.month_start_idx[self.months // 2]
        rates = np.zeros((2, 4, len(CATEGORIES)))
        for p, name in enumerate(PLATFORMS):
            b, h = COMMISSION[name]
            rates[:, p] = np.where(BEAUTY, b, h)
        rates[1, P_DY] = np.where(BEAUTY, DOUYIN_NEW_COMMISSION[0], DOUYIN_NEW_COMMISSION[1])
        self.commission = rates

    # ================================================================== demand
    def build_demand(self) -> None:
        H = self.horizon
        t = np.arange(H)
        doy = np.array([(self.start + timedelta(days=int(i))).timetuple().tm_yday for i in t])
        week = WEEKDAY[:, self.weekday].T  # (H, 4)
        # Swapped working days (weekends worked) behave like a midweek day.
        swapped = self.working & (self.weekday >= 5)
        week[swapped] = WEEKDAY[:, 2]
        mid = self.n_days / 2.0
        trend = np.exp(np.outer((t - mid) / 365.0, PLATFORM_GROWTH))
        season_c = np.stack([1.0 + a * np.cos(2 * np.pi * (doy - ph) / 365.25) for a, ph in SEASON], axis=1)
        base = PLATFORM_SHARE[None, :] * trend * week * self.lift  # (H, 4)
        # women38 lifts beauty categories fully and home categories a little.
        cat_of = self.sku_cat
        season = season_c[:, cat_of]  # (H, S)
        beauty = BEAUTY[cat_of]
        lam = base[:, :, None] * self.sku_share[None, :, :] * season[:, None, :]
        bl = self.beauty_lift[:, :, None]
        lam *= np.where(beauty[None, None, :], bl, bl ** 0.25)
        # Launch ramp (first 30 days at half to full) and discontinuation.
        age = t[:, None] - self.launch[None, :]
        avail = np.clip(0.5 + age / 60.0, 0.0, 1.0) * (age >= 0) * (t[:, None] < self.discontinued[None, :])
        lam *= avail[:, None, :]
        self.lam0 = lam  # before promotions and planted effects; normalised below

    def place_truths(self) -> None:
        rng = self.rng("truths")
        big = {"618", "double11", "double12", "nianhuo", "women38", "spring_festival"}
        busy = np.array([k in big for k in self.event_kind])
        # Festival after-dips are not calendar events but are not clean baselines either.
        clean_day = ~busy & (self.lift.min(axis=1) >= 0.93) & (self.beauty_lift.max(axis=1) <= 1.0)

        def pick_window(first: int, last: int, length: int, tail: int = 0) -> int:
            """Start of a `length`-day window inside [first, last] whose days (and `tail`
            days after) avoid festivals; the cleanest window if none is fully clean."""
            cands = list(range(first + 4, last - length + 2))
            if not cands:
                cands = [first]
            scores = [int((~clean_day[s:s + length + tail]).sum()) for s in cands]
            best = min(scores)
            good = [s for s, sc in zip(cands, scores, strict=True) if sc == best]
            return int(good[int(rng.integers(len(good)))])

        established = (self.launch < -90) & (self.discontinued > self.horizon)
        mean_share = self.sku_share.mean(axis=0)
        used: set[int] = set()

        def pick_skus(category: str, k: int, platform: int) -> np.ndarray:
            c = CATEGORIES.index(category)
            cand = np.flatnonzero((self.sku_cat == c) & established)
            cand = np.array([s for s in cand if s not in used])
            # Among the best sellers of the category on that platform, so the effect is measurable.
            order = cand[np.argsort(-self.sku_share[platform, cand], kind="stable")]
            pool = order[: k + 4]
            chosen = np.sort(rng.choice(pool, size=min(k, len(pool)), replace=False))
            used.update(int(s) for s in chosen)
            return chosen

        # 1. promo_uplift in end_month − 2.
        lo, hi = self.month_bounds(2)
        u_start = pick_window(lo, hi, UPLIFT["days"])
        self.uplift = dict(start=u_start, end=u_start + UPLIFT["days"] - 1,
                           skus=pick_skus(UPLIFT["category"], UPLIFT["n_skus"], UPLIFT["platform"]))
        # 2. promo_pull_forward in end_month − 4 (its dip may run into end_month − 3).
        lo, hi = self.month_bounds(4)
        pf_start = pick_window(lo, hi, PULL_FORWARD["days"], PULL_FORWARD["dip_days"])
        pf_end = pf_start + PULL_FORWARD["days"] - 1
        self.pull = dict(start=pf_start, end=pf_end, dip_start=pf_end + 1,
                         dip_end=pf_end + PULL_FORWARD["dip_days"],
                         skus=pick_skus(PULL_FORWARD["category"], PULL_FORWARD["n_skus"], PULL_FORWARD["platform"]))
        # 3. tracking outage: a clean working weekday (Tue–Thu) of end_month − 1.
        lo, hi = self.month_bounds(1)
        cands = [t for t in range(lo + 3, hi - 2)
                 if clean_day[t] and self.working[t] and not self.holiday[t] and 1 <= self.weekday[t] <= 3
                 and t != lo + 14]  # not the day of the competitor's price cut
        cands = cands or [t for t in range(lo, hi + 1) if self.weekday[t] < 5] or [lo + 10]
        self.outage_day = int(cands[int(rng.integers(len(cands)))])
        # 4. competitor price cut: mid end_month − 1 onwards.
        self.cut_day = lo + 14
        # 5. late supplier: POs promised from the first day of end_month − 6.
        self.late_from = self.month_bounds(LATE["months_before"])[0]
        self.late_sup = self.supplier_ids.index(LATE["supplier"])
        # 6. mobile conversion drop: the whole of end_month − 1.
        self.mobile_drop = (lo, hi)
        # 7. complaint spike: a defective batch of the complaint supplier's best SKU,
        #    received on day 8 of end_month − 2 at the east warehouse.
        sup = self.supplier_ids.index(COMPLAINT["supplier"])
        cand = np.flatnonzero((self.sku_sup == sup) & established)
        cand = np.array([s for s in cand if s not in used])
        self.complaint_sku = int(cand[np.argmax(self.sku_share.sum(axis=0)[cand])])
        used.add(self.complaint_sku)
        self.complaint_receive = self.month_bounds(2)[0] + 7
        self.defect_order_day = self.complaint_receive - int(self.supplier_lt[sup])
        # 8. slow carrier: 10 days from day 8 of end_month − 1.
        self.slow = (lo + 7, lo + 7 + SLOW_CARRIER["days"] - 1)
        self.slow_prov = np.isin(self.prov_name, SLOW_CARRIER["provinces"])
        self.truth_skus = used
        del mean_share

    # ================================================================== promotions
    def build_promotions(self) -> None:
        rng = self.rng("promotions")
        n = self.n_days
        promos: list[_Promo] = []
        cat_skus = {c: np.flatnonzero(self.sku_cat == i) for i, c in enumerate(CATEGORIES)}

        def sku_scope(skus: np.ndarray) -> str:
            return "sku:" + "|".join(self.sku[s] for s in skus)

        # Protected windows: (platform or None, set of SKUs, first day, last day).
        protected = [
            (UPLIFT["platform"], set(map(int, self.uplift["skus"])), self.uplift["start"] - 56, self.uplift["end"] + 21),
            (PULL_FORWARD["platform"], set(map(int, self.pull["skus"])), self.pull["start"] - 56, self.pull["dip_end"] + 21),
            (P_DY, set(map(int, cat_skus[COMPETITOR_CUT["category"]])), self.cut_day - 28, n - 1),
        ]

        def conflicts(platform: int | None, skus: np.ndarray, a: int, b: int) -> bool:
            s = set(map(int, skus))
            for pp, ps, pa, pb in protected:
                if (platform is None or platform == pp) and a <= pb and b >= pa and s & ps:
                    return True
            return False

        elasticity = {"discount": 2.5, "coupon": 1.5, "flash_sale": 3.5, "bundle": 2.0, "festival": 0.0}
        type_zh = {"discount": "限时折扣", "coupon": "满减券", "flash_sale": "秒杀", "bundle": "组合优惠", "festival": "大促"}
        cand: list[tuple] = []
        for k in range(self.months):
            first = self.month_start_idx[k]
            last = self.month_start_idx[k + 1] - 1 if k + 1 < self.months else n - 1
            plats: list[int | None] = [0, 1, 2, 3, None]
            for platform in plats:
                kinds = []
                if platform is None:
                    if rng.random() < 0.35:
                        kinds.append("discount")
                else:
                    kinds.append("discount")
                    if rng.random() < 0.5:
                        kinds.append("coupon")
                    if platform in (P_TM, P_DY) and rng.random() < 0.7:
                        kinds.append("flash_sale")
                    if rng.random() < 0.25:
                        kinds.append("bundle")
                for ptype in kinds:
                    c = int(_categorical(rng, CATEGORY_UNIT_SHARE, 1)[0])
                    length = {"discount": rng.integers(5, 11), "coupon": rng.integers(7, 15),
                              "flash_sale": rng.integers(1, 4), "bundle": rng.integers(10, 22)}[ptype]
                    a = int(rng.integers(first, max(first + 1, last - length + 2)))
                    b = min(a + int(length) - 1, n - 1)
                    depth = {"discount": rng.uniform(0.10, 0.30), "coupon": rng.uniform(0.05, 0.15),
                             "flash_sale": rng.uniform(0.30, 0.45), "bundle": rng.uniform(0.10, 0.20)}[ptype]
                    depth = round(float(depth), 2)
                    if ptype == "coupon" or (ptype == "discount" and rng.random() < 0.3):
                        skus = cat_skus[CATEGORIES[c]]
                        scope = f"category:{CATEGORIES[c]}"
                    else:
                        k_sku = {"discount": rng.integers(3, 11), "flash_sale": rng.integers(2, 6),
                                 "bundle": rng.integers(2, 5)}[ptype]
                        pool = cat_skus[CATEGORIES[c]]
                        w = self.sku_share[platform if platform is not None else 0, pool] + 1e-9
                        skus = np.sort(rng.choice(pool, size=min(int(k_sku), len(pool)), replace=False, p=w / w.sum()))
                        scope = sku_scope(skus)
                    cand.append((a, b, platform, ptype, depth, skus, scope, 1.0 + elasticity[ptype] * depth, c))
        # Festival promotions: per event × platform, two or three categories.
        for e in self.events:
            if e.kind not in ("618", "double11", "double12", "nianhuo", "women38"):
                continue
            a, b = self.day_index(e.starts_on), self.day_index(e.ends_on)
            if b < 0 or a >= n:
                continue
            a, b = max(a, 0), min(b, n - 1)
            for platform in range(4):
                if platform == P_WEB and e.kind not in ("618", "double11"):
                    continue
                pool = [i for i, c in enumerate(CATEGORIES) if (BEAUTY[i] or e.kind != "women38")]
                k_cat = 2 if e.kind in ("double12", "women38") else 3
                chosen = sorted(rng.choice(pool, size=k_cat, replace=False))
                for c in chosen:
                    depth = round(float(rng.uniform(0.10, 0.25)), 2)
                    cand.append((a, b, platform, "festival", depth, cat_skus[CATEGORIES[c]],
                                 f"category:{CATEGORIES[c]}", 1.0, c, e))
        cand.sort(key=lambda x: (x[0], x[1], -1 if x[2] is None else x[2], x[3], x[6]))
        seq = 0
        for item in cand:
            a, b, platform, ptype, depth, skus, scope, lift, c = item[:9]
            if conflicts(platform, skus, a, b):
                continue
            seq += 1
            pid = f"PR{seq:05d}"
            where = "全平台" if platform is None else PLATFORM_ZH[platform]
            if ptype == "festival":
                e = item[9]
                name = f"{e.name_zh}{e.peak_on.year if e.peak_on else e.starts_on.year} {where} {CATEGORIES[c]}会场"
            else:
                name = f"{where} {CATEGORIES[c]} {type_zh[ptype]} {self.day_date(a):%m%d}"
            promos.append(_Promo(pid, name, ptype, platform, a, b, depth, np.asarray(skus), scope, lift,
                                 coupon=f"CPN{seq:05d}" if ptype == "coupon" else ""))
        # The planted promotions.
        seq += 1
        u = self.uplift
        promos.append(_Promo(f"PR{seq:05d}", f"京东 skincare 精选限时折扣 {self.day_date(u['start']):%m%d}", "discount",
                             UPLIFT["platform"], u["start"], u["end"], UPLIFT["discount"], u["skus"],
                             sku_scope(u["skus"]), 1.0 + UPLIFT["uplift"]))
        self.uplift_promo = promos[-1]
        seq += 1
        pf = self.pull
        promos.append(_Promo(f"PR{seq:05d}", f"天猫 makeup 会员专享折扣 {self.day_date(pf['start']):%m%d}", "discount",
                             PULL_FORWARD["platform"], pf["start"], pf["end"], PULL_FORWARD["discount"], pf["skus"],
                             sku_scope(pf["skus"]), 1.0))
        self.pull_promo = promos[-1]
        self.promos = promos

    def apply_effects(self) -> None:
        """Promotion depth per day × platform × SKU, and all multipliers on demand."""
        H, S = self.horizon, self.n_sku
        depth = np.zeros((H, 4, S), dtype=np.float32)
        pidx = np.full((H, 4, S), -1, dtype=np.int32)
        mult = np.ones((H, 4, S))
        for i, pr in enumerate(self.promos):
            plats = range(4) if pr.platform is None else [pr.platform]
            for p in plats:
                sl = (slice(pr.start, pr.end + 1), p)
                cur = depth[sl][:, pr.skus]
                better = pr.depth > cur
                cur_idx = pidx[sl][:, pr.skus]
                depth[pr.start:pr.end + 1, p, pr.skus] = np.where(better, pr.depth, cur)
                pidx[pr.start:pr.end + 1, p, pr.skus] = np.where(better, i, cur_idx)
                m = mult[pr.start:pr.end + 1, p, pr.skus]
                mult[pr.start:pr.end + 1, p, pr.skus] = np.maximum(m, pr.lift)
        self.depth, self.pidx = depth, pidx
        lam = self.lam0 * mult
        # Planted effects on demand.
        pf = self.pull
        dip = np.ones_like(lam)
        dip[pf["dip_start"]:pf["dip_end"] + 1, PULL_FORWARD["platform"], pf["skus"]] = 1.0 - PULL_FORWARD["dip"]
        comp = np.ones_like(lam)
        haircare = np.flatnonzero(self.sku_cat == CATEGORIES.index(COMPETITOR_CUT["category"]))
        comp[self.cut_day:, P_DY, haircare[:, None]] = 1.0 - COMPETITOR_CUT["our_units"]
        mob = np.ones((H, 4, 1))
        a, b = self.mobile_drop
        ms = MOBILE_SHARE[MOBILE_DROP["platform"]]
        self.mobile_factor = 1.0 - MOBILE_DROP["drop"] * ms
        mob[a:b + 1, MOBILE_DROP["platform"]] = self.mobile_factor
        full = lam * dip * comp * mob
        # Normalise: UNITS_PER_DAY × scale expected units a day over the period.
        norm = UNITS_PER_DAY * self.scale * self.n_days / full[: self.n_days].sum()
        self.norm = norm
        self.lam = full * norm
        self.lam_no_mobile = lam * dip * comp * norm  # what traffic (visitors) follows
        # Counterfactuals for the truths (expected units without the planted effect).
        u = self.uplift
        sl = (slice(u["start"], u["end"] + 1), UPLIFT["platform"])
        self.uplift_actual = self.lam[sl][:, u["skus"]].copy()
        self.uplift_cf = self.uplift_actual / (1.0 + UPLIFT["uplift"])
        sl = (slice(pf["dip_start"], pf["dip_end"] + 1), PULL_FORWARD["platform"])
        self.pull_actual = self.lam[sl][:, pf["skus"]].copy()
        self.pull_cf = self.pull_actual / (1.0 - PULL_FORWARD["dip"])
        self.pull_promo_units = self.lam[pf["start"]:pf["end"] + 1, PULL_FORWARD["platform"]][:, pf["skus"]].sum()
        cut_sl = self.lam[self.cut_day:self.n_days, P_DY][:, haircare]
        self.cut_actual = cut_sl.sum()
        self.cut_cf = self.cut_actual / (1.0 - COMPETITOR_CUT["our_units"])
        mo = self.lam[a:b + 1, MOBILE_DROP["platform"]].sum()
        self.mobile_units_actual = mo
        self.mobile_units_cf = mo / self.mobile_factor
        # Planner's forecast: expected units per day × SKU, cumulative.
        self.demand_day = self.lam.sum(axis=1)  # (H, S)
        self.demand_cum = np.vstack([np.zeros((1, self.n_sku)), np.cumsum(self.demand_day, axis=0)])
        # Promotion budgets: expected discount × 1.2, rounded to 1000 yuan.
        for i, pr in enumerate(self.promos):
            mask = self.pidx[pr.start:pr.end + 1] == i
            exp_disc = (self.lam[pr.start:pr.end + 1] * mask * self.price[None, None, :] * pr.depth).sum()
            pr.budget_cents = int(max(5, math.ceil(exp_disc * 1.2 / 10000.0))) * 10000

    # ================================================================== marketing budgets
    def build_budgets(self) -> None:
        rng = self.rng("budgets")
        rev = (self.lam[: self.n_days] * self.price[None, None, :] * (1.0 - self.depth[: self.n_days])).sum(axis=2)
        self.expected_rev = rev  # cents per day × platform
        ratio = np.array([0.10, 0.09, 0.16, 0.12])
        split = {
            "tmall": {"paid_search": 0.40, "recommendation": 0.30, "live_stream": 0.15, "social": 0.15},
            "jd": {"paid_search": 0.50, "recommendation": 0.35, "social": 0.15},
            "douyin": {"live_stream": 0.50, "recommendation": 0.30, "paid_search": 0.08, "social": 0.12},
            "web": {"paid_search": 0.45, "social": 0.30, "email": 0.05, "referral": 0.20},
        }
        self.spend_split = split
        budgets = {}
        for k in range(self.months):
            a = self.month_start_idx[k]
            b = self.month_start_idx[k + 1] if k + 1 < self.months else self.n_days
            for p, pname in enumerate(PLATFORMS):
                month_rev = rev[a:b, p].sum() / 100.0
                for ch, sh in split[pname].items():
                    yuan = month_rev * ratio[p] * sh * rng.uniform(0.9, 1.1)
                    budgets[(k, p, ch)] = max(100, int(round(yuan / 100.0)) * 100)
        self.budgets = budgets

    # ================================================================== simulation
    def simulate(self) -> None:
        self.init_customers()
        self.init_inventory()
        self.ship_buffer: list[_Cols] = []
        self.month_aggs: list[_MonthAgg] = [_MonthAgg() for _ in range(self.months)]
        self.ticket_seq = 0
        self.return_seq = 0
        self.shipment_seq = 0
        self.lost = np.zeros((self.n_days, self.n_sku), dtype=np.int64)
        self.sold = np.zeros((self.n_days, 4, self.n_sku), dtype=np.int64)
        self.complaint_log: list[np.ndarray] = []  # opened day of quality complaints on the spike SKU
        self.complaint_return_log: list[np.ndarray] = []
        self.defect_sales: list[tuple[int, int]] = []  # (day, units) sold from the defective batch
        self.slow_log = []
        self.traffic_log = []  # small per-day aggregates for the truths
        for k in range(self.months):
            self.simulate_month(k)
        self.flush_shipments(final=True)

    # ------------------------------------------------------------------ customers
    def init_customers(self) -> None:
        rng = self.rng("customers")
        self.cust_prov: list[np.ndarray] = []
        self.cust_prop: list[np.ndarray] = []
        self.cust_last: list[np.ndarray] = []
        self.cust_n = np.zeros(4, dtype=np.int64)
        self.returning_share = np.array([0.34, 0.36, 0.22, 0.42])
        for p in range(4):
            exp_orders_month = self.lam[:30, p].sum() / (MEAN_QTY * MEAN_LINES)
            n0 = int(exp_orders_month * 5) + 10  # customers from before the period
            self.cust_prov.append(_categorical(rng, self.prov_weight, n0).astype(np.int16))
            self.cust_prop.append(rng.gamma(0.6, 1.0 / 0.6, size=n0))
            self.cust_last.append(-rng.integers(1, 365, size=n0).astype(np.int64))
            self.cust_n[p] = n0
        self.cust_seen_before = self.cust_n.copy()  # customers who bought before the period

    def month_queue(self, k: int, p: int, first: int, last: int) -> dict:
        """Candidates for this month's orders of platform p: returning customers drawn by
        propensity × recency, and new ones, shuffled."""
        rng = self.rng("queue", k, p)
        exp_orders = self.lam[first:last + 1, p].sum() / (MEAN_QTY * MEAN_LINES)
        size = int(exp_orders * 1.3) + 40
        n_ret = int(rng.binomial(size, self.returning_share[p]))
        n_pool = int(self.cust_n[p])
        rec = first - self.cust_last[p][:n_pool]
        w = self.cust_prop[p][:n_pool] * (np.exp(-rec / 150.0) + 0.15)
        cdf = np.cumsum(w)
        ret = np.searchsorted(cdf, rng.random(n_ret) * cdf[-1], side="right")
        ret = np.minimum(ret, n_pool - 1)
        n_new = size - n_ret
        is_new = np.concatenate([np.zeros(n_ret, bool), np.ones(n_new, bool)])
        ref = np.concatenate([ret, np.arange(n_new)])
        prov = np.concatenate([self.cust_prov[p][ret], _categorical(rng, self.prov_weight, n_new).astype(np.int16)])
        perm = rng.permutation(size)
        return {"is_new": is_new[perm], "ref": ref[perm], "prov": prov[perm], "ptr": 0,
                "new_prop": rng.gamma(0.6, 1.0 / 0.6, size=n_new), "rng": rng}

    def take_queue(self, q: dict, n: int) -> np.ndarray:
        """Positions of the next n candidates (extends the queue with new customers if short)."""
        if q["ptr"] + n > len(q["prov"]):
            rng = q["rng"]
            extra = q["ptr"] + n - len(q["prov"]) + 20
            n_new0 = len(q["new_prop"])
            q["is_new"] = np.concatenate([q["is_new"], np.ones(extra, bool)])
            q["ref"] = np.concatenate([q["ref"], n_new0 + np.arange(extra)])
            q["prov"] = np.concatenate([q["prov"], _categorical(rng, self.prov_weight, extra).astype(np.int16)])
            q["new_prop"] = np.concatenate([q["new_prop"], rng.gamma(0.6, 1.0 / 0.6, size=extra)])
        pos = np.arange(q["ptr"], q["ptr"] + n)
        q["ptr"] += n
        return pos

    def resolve_customers(self, p: int, q: dict, pos: np.ndarray, day: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Customer indexes for the orders that used queue positions ``pos``; creates the
        new customers (in queue order) and updates recency. Returns (customer, is_first)."""
        cust = np.empty(len(pos), dtype=np.int64)
        is_new = q["is_new"][pos]
        cust[~is_new] = q["ref"][pos[~is_new]]
        new_pos = np.unique(pos[is_new])
        new_ids = self.cust_n[p] + np.arange(len(new_pos))
        lookup = dict(zip(new_pos.tolist(), new_ids.tolist(), strict=True))
        cust[is_new] = np.array([lookup[x] for x in pos[is_new].tolist()], dtype=np.int64)
        if len(new_pos):
            self.cust_prov[p] = np.concatenate([self.cust_prov[p], q["prov"][new_pos]])
            self.cust_prop[p] = np.concatenate([self.cust_prop[p], q["new_prop"][q["ref"][new_pos]]])
            self.cust_last[p] = np.concatenate([self.cust_last[p], np.full(len(new_pos), -10**6, np.int64)])
            self.cust_n[p] += len(new_pos)
        # First order of a customer = new customer's first order in time.
        order = np.lexsort((np.arange(len(cust)), day, cust))
        first_mask = np.zeros(len(cust), bool)
        c_sorted = cust[order]
        first_mask[order[_group_first(c_sorted)]] = True
        is_first = first_mask & is_new
        np.maximum.at(self.cust_last[p], cust, day)
        return cust, is_first

    # ------------------------------------------------------------------ inventory & POs
    def init_inventory(self) -> None:
        rng = self.rng("inventory")
        S, W = self.n_sku, 3
        self.on_hand = np.zeros((S, W), dtype=np.int64)
        self.on_order = np.zeros((S, W), dtype=np.int64)
        self.cum_in = np.zeros(S * W, dtype=np.int64)
        self.consumed = np.zeros(S * W, dtype=np.int64)
        self.batch_bounds: list[list[int]] = [[] for _ in range(S * W)]
        self.batch_line: list[list[int]] = [[] for _ in range(S * W)]
        self.po_lines: list[_POLine] = []
        self.receipts: dict[int, list[int]] = {}
        self.case = max(1, int(round(12 * min(self.scale, 1.0))))
        self.review_weekday = np.array([i % 7 for i in range(len(SUPPLIERS))])
        self.defect_line = -1
        # Opening stock: POs received in the weeks before the period.
        for sup in range(len(SUPPLIERS)):
            skus = np.flatnonzero((self.sku_sup == sup) & (self.launch <= 0) & (self.discontinued > 0))
            lt = int(self.supplier_lt[sup])
            for w in range(W):
                recv = -int(rng.integers(1, 15))
                cover = SAFETY_DAYS + lt + REVIEW_PERIOD_DAYS + rng.uniform(5, CYCLE_DAYS, size=len(skus))
                qty = []
                for s, cv in zip(skus, cover, strict=True):
                    d = self.demand_cum[int(cv), s] * self.wh_share[w]
                    qty.append(max(self.case, int(math.ceil(d / self.case)) * self.case))
                self.add_po(sup, w, skus, np.array(qty), ordered=recv - lt, promised=recv, received=recv,
                            qty_received=np.array(qty), rng=rng)
        for j in self.receipts.pop("opening", []):
            self.receive(j)

    def add_po(self, sup: int, w: int, skus: np.ndarray, qty: np.ndarray, *, ordered: int, promised: int,
               received: np.ndarray | int, qty_received: np.ndarray, rng: np.random.Generator,
               suffix: str = "") -> list[int]:
        d = self.day_date(ordered)
        po_id = f"PO{d:%Y%m%d}-{self.supplier_ids[sup]}-{'ESN'[w]}{suffix}"
        received = np.broadcast_to(np.asarray(received), (len(skus),))
        rejected = rng.binomial(np.asarray(qty_received, dtype=np.int64), 0.003)
        out = []
        for i, s in enumerate(skus):
            j = len(self.po_lines)
            self.po_lines.append(_POLine(
                po_id=po_id, line_no=i + 1, supplier=sup, sku=int(s), wh=w,
                batch_id=f"LOT{d:%y%m%d}{self.supplier_ids[sup][1:]}{'ESN'[w]}{suffix}{i + 1:02d}",
                ordered=ordered, promised=promised, received=int(received[i]), qty_ordered=int(qty[i]),
                qty_received=int(qty_received[i]), qty_rejected=int(rejected[i]),
                unit_cost=int(round(self.cost[s] * 0.97)),
            ))
            r = int(received[i])
            key = "opening" if r < 0 else r
            self.receipts.setdefault(key, []).append(j)
            if r >= 0:
                self.on_order[s, w] += int(qty[i])
            out.append(j)
        return out

    def receive(self, j: int) -> None:
        ln = self.po_lines[j]
        net = ln.qty_received - ln.qty_rejected
        key = ln.sku * 3 + ln.wh
        self.cum_in[key] += net
        self.batch_bounds[key].append(int(self.cum_in[key]))
        self.batch_line[key].append(j)
        self.on_hand[ln.sku, ln.wh] += net
        if ln.received >= 0:
            self.on_order[ln.sku, ln.wh] -= ln.qty_ordered

    def review(self, t: int, rng: np.random.Generator) -> None:
        """Weekly order-up-to review of each supplier on its weekday."""
        for sup in np.flatnonzero(self.review_weekday == self.weekday[t]):
            lt = int(self.supplier_lt[sup])
            skus = np.flatnonzero((self.sku_sup == sup) & (self.discontinued > t + lt))
            if not len(skus):
                continue
            h = self.horizon
            a = min(t + 1, h)
            rop_end = min(t + 1 + lt + REVIEW_PERIOD_DAYS + SAFETY_DAYS, h)
            out_end = min(rop_end + CYCLE_DAYS, h)
            d_rop = self.demand_cum[rop_end, skus] - self.demand_cum[a, skus]
            d_out = self.demand_cum[out_end, skus] - self.demand_cum[a, skus]
            late = t + lt >= self.late_from and sup == self.late_sup
            for w in range(3):
                ip = self.on_hand[skus, w] + self.on_order[skus, w]
                # Safety: SAFETY_DAYS of demand plus a Poisson margin for slow movers.
                rop = d_rop * self.wh_share[w] + 1.65 * np.sqrt(1.5 * d_rop * self.wh_share[w])
                need = (ip < rop) & (d_out > 0)
                if not need.any():
                    continue
                s_need = skus[need]
                qty = np.maximum(np.ceil((d_out[need] * self.wh_share[w] - ip[need]) / self.case), 1).astype(np.int64) * self.case
                promised = t + lt
                if late:
                    delay = np.rint(rng.gamma(4.0, LATE["delay_mean"] / 4.0, size=len(s_need))).astype(np.int64)
                    fill = rng.beta(7.0, 3.0, size=len(s_need))
                else:
                    delay = rng.choice(np.array([-1, 0, 0, 0, 0, 1, 1, 2, 3]), size=len(s_need))
                    fill = np.where(rng.random(len(s_need)) < 0.9, 1.0, rng.uniform(0.80, 0.99, size=len(s_need)))
                received = np.maximum(promised + delay, t + 1)
                qty_rec = np.minimum(qty, np.floor(qty * fill + 0.5).astype(np.int64))
                self.add_po(sup, w, s_need, qty, ordered=t, promised=promised, received=received,
                            qty_received=qty_rec, rng=rng)

    def place_defective_po(self) -> None:
        """The complaint truth: one PO line whose batch turns out defective."""
        rng = self.rng("defect")
        s = self.complaint_sku
        sup = int(self.sku_sup[s])
        lt = int(self.supplier_lt[sup])
        recv = self.complaint_receive
        ordered = max(recv - lt, 0)
        d = self.demand_cum[min(recv + 42, self.horizon), s] - self.demand_cum[recv, s]
        qty = max(self.case, int(math.ceil(d * self.wh_share[0] / self.case)) * self.case)
        (j,) = self.add_po(sup, 0, np.array([s]), np.array([qty]), ordered=ordered, promised=recv, received=recv,
                           qty_received=np.array([qty]), rng=rng, suffix="X")
        self.po_lines[j].qty_rejected = 0
        self.defect_line = j

    def batch_of(self, keys: np.ndarray, pos: np.ndarray) -> np.ndarray:
        """PO-line index of the batch each unit position came from (FIFO per SKU × warehouse)."""
        out = np.full(len(keys), -1, dtype=np.int64)
        if not len(keys):
            return out
        order = np.argsort(keys, kind="stable")
        ks = keys[order]
        starts = np.flatnonzero(_group_first(ks))
        ends = np.r_[starts[1:], len(ks)]
        for a, b in zip(starts, ends, strict=True):
            key = int(ks[a])
            bounds = np.asarray(self.batch_bounds[key])
            lines = np.asarray(self.batch_line[key])
            if not len(bounds):
                continue
            i = np.searchsorted(bounds, pos[order[a:b]], side="right")
            out[order[a:b]] = lines[np.minimum(i, len(lines) - 1)]
        return out

    # ------------------------------------------------------------------ a month
    def simulate_month(self, k: int) -> None:
        y, m = self.month_list[k]
        first = self.month_start_idx[k]
        last = self.month_start_idx[k + 1] - 1 if k + 1 < self.months else self.n_days - 1
        rng = self.rng("days", k)
        queues = [self.month_queue(k, p, first, last) for p in range(4)]
        day_lines: dict[str, list] = {x: [] for x in ("day", "p", "s", "q", "wh", "pos", "ord")}
        day_orders_: dict[str, list] = {x: [] for x in ("day", "p", "qpos", "prov")}
        inv_hand, inv_order = [], []
        n_orders = 0
        review_rng = self.rng("review", k)
        W = 3
        for t in range(first, last + 1):
            if t == max(self.defect_order_day, 0) and self.defect_line < 0:
                self.place_defective_po()
            for j in self.receipts.pop(t, []):
                self.receive(j)
            lam = self.lam[t]
            nl = rng.poisson(lam / MEAN_QTY)
            p_idx, s_idx = np.nonzero(nl)
            cnt = nl[p_idx, s_idx]
            lp = np.repeat(p_idx, cnt)
            ls = np.repeat(s_idx, cnt)
            n_l = len(lp)
            lq = QTY_VALUES[_categorical(rng, QTY_PROBS, n_l)]
            perm = rng.permutation(n_l)
            perm = perm[np.argsort(lp[perm], kind="stable")]
            lp, ls, lq = lp[perm], ls[perm], lq[perm]
            lord = np.empty(n_l, dtype=np.int64)
            o_p, o_qpos, o_prov = [], [], []
            start = 0
            day_orders = 0
            for p in range(4):
                n_p = int(np.searchsorted(lp, p, side="right")) - start
                if n_p == 0:
                    continue
                sizes = 1 + rng.poisson(EXTRA_LINES_MEAN, size=int(n_p / MEAN_LINES * 1.2) + 10)
                cs = np.cumsum(sizes)
                while cs[-1] < n_p:
                    sizes = np.concatenate([sizes, 1 + rng.poisson(EXTRA_LINES_MEAN, size=n_p)])
                    cs = np.cumsum(sizes)
                n_o = int(np.searchsorted(cs, n_p)) + 1
                sizes = sizes[:n_o].copy()
                sizes[-1] = n_p - (cs[n_o - 2] if n_o > 1 else 0)
                lord[start:start + n_p] = n_orders + day_orders + np.repeat(np.arange(n_o), sizes)
                day_orders += n_o
                qpos = self.take_queue(queues[p], n_o)
                o_p.append(np.full(n_o, p))
                o_qpos.append(qpos)
                o_prov.append(queues[p]["prov"][qpos])
                start += n_p
            o_p = np.concatenate(o_p) if o_p else np.zeros(0, int)
            o_qpos = np.concatenate(o_qpos) if o_qpos else np.zeros(0, int)
            o_prov = np.concatenate(o_prov) if o_prov else np.zeros(0, int)
            # Serve each line from the nearest warehouse with stock, else the next.
            pref = self.prov_pref[o_prov[lord - n_orders]] if n_l else np.zeros((0, 3), int)
            wh = np.full(n_l, -1)
            pos = np.zeros(n_l, dtype=np.int64)
            hand = self.on_hand.reshape(-1)
            for r in range(3):
                todo = np.flatnonzero(wh < 0)
                if not len(todo):
                    break
                keys = ls[todo] * W + pref[todo, r]
                order = np.argsort(keys, kind="stable")
                ks = keys[order]
                qs = lq[todo][order]
                cs = np.cumsum(qs)
                grp = np.flatnonzero(_group_first(ks))
                base = (cs - qs)[grp]
                gid = np.repeat(np.arange(len(grp)), np.diff(np.r_[grp, len(ks)]))
                within = cs - base[gid]
                ok = within <= hand[ks]
                sel = todo[order[ok]]
                wh[sel] = pref[sel, r]
                pos[sel] = self.consumed[ks[ok]] + within[ok] - qs[ok]
                used = np.bincount(ks[ok], weights=qs[ok], minlength=hand.size).astype(np.int64)
                hand -= used
                self.consumed += used
            served = wh >= 0
            if (~served).any():
                np.add.at(self.lost[t], ls[~served], lq[~served])
            np.add.at(self.sold[t], (lp[served], ls[served]), lq[served])
            keep_orders = np.zeros(len(o_p), bool)
            keep_orders[lord[served] - n_orders] = True
            remap = np.cumsum(keep_orders) - 1 + n_orders
            day_lines["day"].append(np.full(served.sum(), t))
            day_lines["p"].append(lp[served])
            day_lines["s"].append(ls[served])
            day_lines["q"].append(lq[served])
            day_lines["wh"].append(wh[served])
            day_lines["pos"].append(pos[served])
            day_lines["ord"].append(remap[lord[served] - n_orders])
            day_orders_["day"].append(np.full(keep_orders.sum(), t))
            day_orders_["p"].append(o_p[keep_orders])
            day_orders_["qpos"].append(o_qpos[keep_orders])
            day_orders_["prov"].append(o_prov[keep_orders])
            n_orders += int(keep_orders.sum())
            self.review(t, review_rng)
            inv_hand.append(self.on_hand.copy())
            inv_order.append(self.on_order.copy())
        lines = {x: np.concatenate(v) for x, v in day_lines.items()}
        orders = {x: np.concatenate(v) for x, v in day_orders_.items()}
        self.write_inventory(k, first, np.stack(inv_hand), np.stack(inv_order))
        self.build_month(k, first, last, lines, orders, queues)
        self.progress(f"{y:04d}-{m:02d}: {n_orders} orders")

    def write_inventory(self, k: int, first: int, hand: np.ndarray, onord: np.ndarray) -> None:
        D, S, W = hand.shape
        days = self.day0 + np.arange(first, first + D)
        frame = _Cols({
            "snapshot_on": np.repeat(_date_text(days), S * W),
            "sku": np.tile(np.repeat(self.sku, W), D),
            "warehouse": np.tile(np.array(WAREHOUSES, dtype=object), D * S),
            "on_hand": hand.reshape(-1),
            "on_order": onord.reshape(-1),
        })
        name = "inventory.csv"
        n = _write_csv(frame, self.path("inventory", name), mode="w" if k == 0 else "a", header=k == 0)
        self.record_file("inventory", name, n)
        self.inv_hand_log = getattr(self, "inv_hand_log", [])
        self.inv_hand_log.append(hand)

    # ------------------------------------------------------------------ orders of a month
    def build_month(self, k: int, first: int, last: int, lines: dict, orders: dict, queues: list) -> None:
        rng = self.rng("month", k)
        y, m = self.month_list[k]
        W = 3
        n_o = len(orders["day"])
        # Customers.
        cust = np.zeros(n_o, dtype=np.int64)
        first_order = np.zeros(n_o, bool)
        for p in range(4):
            sel = np.flatnonzero(orders["p"] == p)
            c, f = self.resolve_customers(p, queues[p], orders["qpos"][sel], orders["day"][sel])
            cust[sel], first_order[sel] = c, f
        o_p, o_day = orders["p"], orders["day"]
        # Merge repeated SKUs of an order served from the same warehouse; sort lines.
        key = (lines["ord"] * self.n_sku + lines["s"]) * W + lines["wh"]
        uk, idx, inv = np.unique(key, return_index=True, return_inverse=True)
        l_q = np.bincount(inv, weights=lines["q"]).astype(np.int64)
        l_ord = lines["ord"][idx]
        l_s = lines["s"][idx]
        l_wh = lines["wh"][idx]
        l_pos = lines["pos"][idx]
        l_day = lines["day"][idx]
        l_p = lines["p"][idx]
        n_l = len(uk)
        # Device (tmall mobile loses orders during the checkout bug) and channel.
        mob = MOBILE_SHARE[o_p].copy()
        a, b = self.mobile_drop
        hit = (o_p == MOBILE_DROP["platform"]) & (o_day >= a) & (o_day <= b)
        ms = MOBILE_SHARE[MOBILE_DROP["platform"]]
        mob[hit] = ms * (1 - MOBILE_DROP["drop"]) / self.mobile_factor
        o_dev = (rng.random(n_o) >= mob).astype(np.int64)
        o_ch = np.zeros(n_o, dtype=np.int64)
        for p, pname in enumerate(PLATFORMS):
            sel = np.flatnonzero(o_p == p)
            chans = list(CHANNEL_VISITOR_SHARE[pname])
            w = np.array([CHANNEL_VISITOR_SHARE[pname][c] * CHANNEL_CONVERSION[c] for c in chans])
            o_ch[sel] = np.array([CHANNELS.index(c) for c in chans])[_categorical(rng, w, len(sel))]
        # Time of day.
        hw = np.tile(HOUR_WEIGHTS, (n_o, 1))
        hw[o_p == P_DY, 19:24] *= 1.6
        peak = np.isin(o_day, [self.day_index(e.peak_on) for e in self.events
                               if e.kind in ("618", "double11") and e.peak_on])
        hw[peak, 0:2] *= 8.0
        hw[peak, 20:22] *= 2.0
        hour = _categorical_rows(rng, hw)
        sec = hour * 3600 + rng.integers(0, 3600, size=n_o)
        ordered_s = (self.day0 + o_day).astype("datetime64[s]") + sec.astype("timedelta64[s]")
        pay_delay = np.minimum(np.rint(rng.lognormal(4.0, 1.1, size=n_o)).astype(np.int64), 86399 - sec)
        paid_s = ordered_s + pay_delay.astype("timedelta64[s]")
        # Prices and discounts (cents).
        price = self.price[l_s]
        gross = l_q * price
        depth = self.depth[l_day, l_p, l_s].astype(np.float64)
        promo = self.pidx[l_day, l_p, l_s]
        l_disc = np.rint(gross * depth).astype(np.int64)
        # Order-level: items, promo of the line with the largest discount, welcome coupon.
        items = np.bincount(l_ord, weights=gross, minlength=n_o).astype(np.int64)
        order_by_disc = np.lexsort((-l_disc, l_ord))
        firsts = order_by_disc[_group_first(l_ord[order_by_disc])]
        o_promo = np.full(n_o, -1)
        top = firsts[l_disc[firsts] > 0]
        o_promo[l_ord[top]] = promo[top]
        net_pre = items - np.bincount(l_ord, weights=l_disc, minlength=n_o).astype(np.int64)
        welcome = (o_p == P_WEB) & first_order & (o_promo < 0) & (net_pre >= 9900)
        if welcome.any():
            # 10 yuan allocated to the lines pro rata, the remainder on the order's first line.
            line_net = gross - l_disc
            share = (1000 * line_net) // np.maximum(net_pre[l_ord], 1)
            share = np.where(welcome[l_ord], share, 0)
            rem = np.where(welcome, 1000, 0) - np.bincount(l_ord, weights=share, minlength=n_o).astype(np.int64)
            first_line = np.flatnonzero(_group_first(l_ord))
            share[first_line] += rem[l_ord[first_line]]
            l_disc = l_disc + share
        l_amount = gross - l_disc
        disc = np.bincount(l_ord, weights=l_disc, minlength=n_o).astype(np.int64)
        net = items - disc
        ship_amt = np.where((o_p == P_WEB) & (net < 9900), 1000, np.where((o_p == P_JD) & (net < 5900), 600, 0))
        paid = net + ship_amt
        coupon = np.full(n_o, "", dtype=object)
        promo_ids = np.array([pr.promo_id for pr in self.promos] + [""], dtype=object)
        promo_coupon = np.array([pr.coupon for pr in self.promos] + [""], dtype=object)
        o_promo_id = promo_ids[o_promo]
        coupon = np.where(o_promo >= 0, promo_coupon[o_promo], coupon)
        coupon = np.where(welcome, "WELCOME10", coupon)
        # Batches (FIFO) and the defective batch.
        l_batch = self.batch_of(l_s * W + l_wh, l_pos)
        defect = l_batch == self.defect_line if self.defect_line >= 0 else np.zeros(n_l, bool)
        if defect.any():
            for d_, q_ in zip(l_day[defect].tolist(), l_q[defect].tolist(), strict=True):
                self.defect_sales.append((d_, q_))
        # Shipments.
        ships = self.build_shipments(rng, k, n_o, o_p, o_day, paid_s, orders["prov"], l_ord, l_wh, l_q)
        l_ship = ships["line_ship"]
        sh_deliv = ships["delivered"]
        sh_shipped = ships["shipped"]
        l_deliv = sh_deliv[l_ship]
        # Returns (written) and refunds.
        rets = self.build_returns(rng, n_o, o_p, l_ord, l_s, l_q, l_amount, l_deliv, sh_shipped[l_ship], defect)
        refund = np.bincount(rets["ord"], weights=rets["refund"], minlength=n_o).astype(np.int64)
        ret_units = np.bincount(rets["ord"], weights=rets["q"], minlength=n_o).astype(np.int64)
        units = np.bincount(l_ord, weights=l_q, minlength=n_o).astype(np.int64)
        # Status.
        n_sh = np.bincount(ships["ord"], minlength=n_o)
        n_shipped = np.bincount(ships["ord"], weights=ships["written"], minlength=n_o)
        n_deliv = np.bincount(ships["ord"], weights=ships["written"] & ~np.isnat(sh_deliv), minlength=n_o)
        status = np.where(n_shipped == 0, "paid", np.where(n_deliv == n_sh, "completed", "shipped")).astype(object)
        status = np.where((ret_units >= units) & (units > 0), "refunded", status)
        # Cancelled orders (never paid): copies of some orders' baskets, placed the same day.
        canc = np.flatnonzero(rng.random(n_o) < CANCEL_RATE)
        c_n = len(canc)
        c_sec = rng.integers(0, 86400, size=c_n)
        c_ordered = (self.day0 + o_day[canc]).astype("datetime64[s]") + c_sec.astype("timedelta64[s]")
        c_line_sel = np.flatnonzero(np.isin(l_ord, canc))
        # Tickets.
        self.build_tickets(rng, k, n_o, o_p, o_day, cust, l_ord, l_s, l_q, l_batch, l_deliv, defect, ships, rets)
        # Assemble orders (paid + cancelled), sort by time, give ids.
        all_p = np.concatenate([o_p, o_p[canc]])
        all_ordered = np.concatenate([ordered_s, c_ordered])
        src = np.concatenate([np.arange(n_o), canc])  # source order of each row
        srt = np.lexsort((np.arange(len(src)), all_ordered))
        seq = np.zeros(len(src), dtype=np.int64)
        for p in range(4):
            sel = srt[all_p[srt] == p]
            seq[sel] = np.arange(1, len(sel) + 1)
        prefix = np.array(PLATFORM_ORDER_PREFIX, dtype=object)[all_p]
        ids = np.array([f"{a}{y:04d}{m:02d}{s:08d}" for a, s in zip(prefix.tolist(), seq.tolist(), strict=True)],
                       dtype=object)
        oid_paid = ids[:n_o]
        oid_canc = ids[n_o:]
        # PII (fake) from the customer index.
        all_cust = np.concatenate([cust, cust[canc]])
        pii = self.fake_pii(all_p, all_cust)
        z = np.zeros(c_n, dtype=np.int64)
        items_c = items[canc]
        disc_c = disc[canc]
        ship_c = ship_amt[canc]
        frame = _Cols({
            "order_id": ids,
            "platform": np.array(PLATFORMS, dtype=object)[all_p],
            "ordered_at": _ts_text(all_ordered),
            "paid_at": _ts_text(np.concatenate([paid_s, np.full(c_n, np.datetime64("NaT"), dtype="datetime64[s]")])),
            "status": np.concatenate([status, np.full(c_n, "cancelled", dtype=object)]),
            "customer_id": pii["customer_id"],
            "channel": np.array(CHANNELS, dtype=object)[np.concatenate([o_ch, o_ch[canc]])],
            "device": np.array(DEVICES, dtype=object)[np.concatenate([o_dev, o_dev[canc]])],
            "province": self.prov_name[np.concatenate([orders["prov"], orders["prov"][canc]])],
            "items_amount": _money(np.concatenate([items, items_c])),
            "discount_amount": _money(np.concatenate([disc, disc_c])),
            "shipping_amount": _money(np.concatenate([ship_amt, ship_c])),
            "paid_amount": _money(np.concatenate([paid, z])),
            "refund_amount": _money(np.concatenate([refund, z])),
            "promo_id": np.concatenate([o_promo_id, o_promo_id[canc]]),
            "coupon_code": np.concatenate([coupon, coupon[canc]]),
            "buyer_name": pii["name"],
            "buyer_phone": pii["phone"],
            "buyer_email": pii["email"],
            "shipping_address": np.concatenate([pii["address_base"][:n_o], pii["address_base"][n_o:]]),
            "ip_address": pii["ip"],
        }).take(srt)
        name = f"orders_{y:04d}-{m:02d}.csv"
        self.record_file("orders", name, _write_csv(frame, self.path("orders", name)))
        # Order lines (paid orders' lines, then the cancelled copies).
        lines_all_ord = np.concatenate([oid_paid[l_ord], oid_canc[np.searchsorted(canc, l_ord[c_line_sel])]])
        lsel = np.concatenate([np.arange(n_l), c_line_sel])
        grp = np.concatenate([l_ord, n_o + np.searchsorted(canc, l_ord[c_line_sel])])
        order_rows = np.lexsort((np.arange(len(lsel)), grp))
        line_no = np.zeros(len(lsel), dtype=np.int64)
        g_sorted = grp[order_rows]
        starts = np.flatnonzero(_group_first(g_sorted))
        rank = np.arange(len(lsel)) - np.repeat(starts, np.diff(np.r_[starts, len(lsel)]))
        line_no[order_rows] = rank + 1
        # Rows in the order of the orders file.
        pos_in_file = np.empty(len(srt), dtype=np.int64)
        pos_in_file[srt] = np.arange(len(srt))
        row_order = np.lexsort((line_no, pos_in_file[grp]))
        lf = _Cols({
            "order_id": lines_all_ord,
            "line_no": line_no,
            "sku": self.sku[l_s[lsel]],
            "quantity": l_q[lsel],
            "unit_price": _money(price[lsel]),
            "discount_amount": _money(l_disc[lsel]),
            "line_amount": _money(l_amount[lsel]),
        }).take(row_order)
        name = f"order_lines_{y:04d}-{m:02d}.csv"
        self.record_file("order_lines", name, _write_csv(lf, self.path("order_lines", name)))
        # Shipments go to the file of the month they were shipped.
        sw = ships["written"]
        self.ship_buffer.append(_Cols({
            "order_id": oid_paid[ships["ord"][sw]],
            "carrier_i": ships["carrier"][sw],
            "warehouse": np.array(WAREHOUSES, dtype=object)[ships["wh"][sw]],
            "province": self.prov_name[orders["prov"][ships["ord"][sw]]],
            "shipped_at": sh_shipped[sw],
            "delivered_at": sh_deliv[sw],
            "shipping_cost_amount": _money(ships["cost"][sw]),
        }))
        self.flush_shipments(final=False, upto=k)
        # Returns and tickets files (appended).
        self.write_returns(rets, oid_paid)
        self.write_tickets(oid_paid)
        # Traffic and marketing for this month.
        self.build_traffic(rng, k, first, last, o_p, o_day, o_dev, o_ch, cust, paid, canc)
        # Aggregates for the targets.
        agg = self.month_aggs[k]
        agg.paid_cents += np.bincount(o_p, weights=paid, minlength=4).astype(np.int64)
        agg.orders += np.bincount(o_p, minlength=4)
        agg.refund_cents += np.bincount(o_p, weights=refund, minlength=4).astype(np.int64)
        margin = l_amount - l_q * self.cost[l_s]
        agg.margin_cents += np.bincount(l_p, weights=margin, minlength=4).astype(np.int64)
        period = (l_day >= self.fee_change).astype(np.int64)
        rate = self.commission[period, l_p, self.sku_cat[l_s]]
        agg.commission_cents += np.bincount(l_p, weights=l_amount * rate, minlength=4)
        agg.logistics_cents += np.bincount(o_p[ships["ord"][sw]], weights=ships["cost"][sw], minlength=4).astype(np.int64)
        due = (self.day0 + o_day).astype("datetime64[s]") + np.where(
            np.isin(self.prov_region[orders["prov"]], [REGIONS.index("R"), REGIONS.index("NW")]), 6, 4
        ).astype("timedelta64[D]") + np.timedelta64(86399, "s")
        late_any = np.zeros(n_o, bool)
        bad = np.isnat(sh_deliv) | (sh_deliv > due[ships["ord"]])
        late_any[ships["ord"][bad]] = True
        agg.otif += np.bincount(o_p[~late_any], minlength=4)

    def fake_pii(self, plat: np.ndarray, cust: np.ndarray) -> dict:
        salt = np.array([0x1F3A, 0x2B4C, 0x3D5E, 0x4F60], dtype=np.uint64)[plat]
        h = _hexid(cust, 0) ^ salt
        hx = [f"{v:08x}" for v in h.tolist()]
        cid = np.array([CUSTOMER_PREFIX[p] + x for p, x in zip(plat.tolist(), hx, strict=True)], dtype=object)
        hv = h.astype(np.int64)
        names = np.array([a + b for a in SURNAMES for b in GIVEN], dtype=object)
        phone = np.array([f"1380000{v % 10000:04d}" for v in hv.tolist()], dtype=object)
        email = np.array([f"{c}@example.com" for c in cid.tolist()], dtype=object)
        ip = np.array([f"203.0.113.{v % 254 + 1}" for v in hv.tolist()], dtype=object)
        return {"customer_id": cid, "name": names[hv % len(names)], "phone": phone, "email": email, "ip": ip,
                "address_base": np.array([f"示例市样例路{v % 999 + 1}号" for v in hv.tolist()], dtype=object)}

    # ------------------------------------------------------------------ shipments
    def build_shipments(self, rng, k, n_o, o_p, o_day, paid_s, o_prov, l_ord, l_wh, l_q) -> dict:
        W = 3
        # One shipment per order × warehouse; some orders ship in two parts from one warehouse.
        key = l_ord * W + l_wh
        order = np.lexsort((np.arange(len(key)), key))
        ks = key[order]
        first = _group_first(ks)
        grp_size = np.bincount(np.cumsum(first) - 1)
        split_grp = (grp_size >= 2) & (rng.random(len(grp_size)) < 0.05)
        gid = np.cumsum(first) - 1
        # In a split group, the group's last line ships later as its own parcel.
        last = np.r_[first[1:], True]
        extra = split_grp[gid] & last
        ship_key = gid * 2 + extra
        uniq, inv = np.unique(ship_key, return_inverse=True)
        line_ship = np.empty(len(key), dtype=np.int64)
        line_ship[order] = inv
        n_s = len(uniq)
        s_first_line = order[np.r_[0, np.flatnonzero(np.diff(ship_key)) + 1]] if len(order) else np.zeros(0, int)
        s_ord = l_ord[s_first_line]
        s_wh = l_wh[s_first_line]
        s_units = np.bincount(inv, weights=l_q[order], minlength=n_s).astype(np.int64)
        s_late = (uniq % 2).astype(bool)
        p = o_p[s_ord]
        # Handling: same day if paid before 16:00 (60%), else next day; busy days add a backlog.
        paid = paid_s[s_ord]
        pday = o_day[s_ord]
        paid_sec = (paid - (self.day0 + pday).astype("datetime64[s]")).astype(np.int64)
        same = (paid_sec < 16 * 3600) & (rng.random(n_s) < 0.6)
        busy = self.lift[np.minimum(pday, self.horizon - 1)].max(axis=1)
        backlog = np.where(busy > 2.5, rng.integers(1, 4, size=n_s), np.where(busy > 1.6, rng.integers(0, 2, size=n_s), 0))
        ship_day = pday + np.where(same, 0, 1) + backlog + s_late * rng.integers(1, 4, size=n_s)
        ship_day += (s_wh != self.prov_pref[o_prov[s_ord], 0]) * rng.integers(0, 2, size=n_s)
        # Spring Festival: couriers stop; parcels wait until the shutdown ends (some SF/JD go on).
        carrier = _categorical_rows(rng, CARRIER_SHARE[p])
        sd = np.minimum(ship_day, self.horizon - 1)
        in_shut = self.shutdown[sd]
        keeps_going = np.isin(carrier, [0, 1]) & (rng.random(n_s) < 0.3)
        if in_shut.any():
            shut_end = np.array([self._shutdown_end(int(d)) for d in sd[in_shut]])
            ship_day = ship_day.copy()
            moved = np.where(keeps_going[in_shut], ship_day[in_shut] + 1, shut_end + 1 + rng.integers(0, 3, size=in_shut.sum()))
            ship_day[in_shut] = moved
        ship_sec = np.where(ship_day == pday, np.maximum(paid_sec + 1800, 17 * 3600) + rng.integers(0, 3 * 3600, size=n_s),
                            9 * 3600 + rng.integers(0, 10 * 3600, size=n_s))
        ship_sec = np.minimum(ship_sec, 86399)
        shipped = (self.day0 + ship_day).astype("datetime64[s]") + ship_sec.astype("timedelta64[s]")
        # Transit.
        region = self.prov_region[o_prov[s_ord]]
        base = TRANSIT[s_wh, region] + CARRIER_SPEED[carrier]
        transit = np.maximum(1, np.rint(base + rng.choice([0, 0, 0, 1, 1, 2], size=n_s) - 0.2 + rng.random(n_s) * 0.4))
        transit = transit.astype(np.int64)
        a, b = self.slow
        slow = (carrier == SLOW_CARRIER["carrier"]) & self.slow_prov[o_prov[s_ord]] & (ship_day >= a) & (ship_day <= b)
        transit = transit + slow * SLOW_CARRIER["extra_days"]
        deliver_day = ship_day + transit
        dd = np.minimum(deliver_day, self.horizon - 1)
        stuck = self.shutdown[dd] & ~self.shutdown[np.minimum(ship_day, self.horizon - 1)]
        deliver_day = deliver_day + stuck * 4
        deliver_sec = 9 * 3600 + rng.integers(0, 11 * 3600, size=n_s)
        delivered = (self.day0 + deliver_day).astype("datetime64[s]") + deliver_sec.astype("timedelta64[s]")
        written = shipped <= self.end_ts
        delivered = np.where(written & (delivered <= self.end_ts), delivered, np.datetime64("NaT"))
        remote = np.isin(region, [REGIONS.index("R"), REGIONS.index("NW")])
        cost = (CARRIER_BASE_COST[carrier] + CARRIER_UNIT_COST[carrier] * (s_units - 1) + remote * 800
                + (TRANSIT[s_wh, region] - 1) * 90 + rng.integers(-40, 41, size=n_s)).astype(np.int64)
        if slow.any():
            self.slow_log.append((transit[slow & written], (transit - slow * SLOW_CARRIER["extra_days"])[slow & written]))
        # Normal transit of the same carrier × provinces outside the window, for the truth.
        same_lane = (carrier == SLOW_CARRIER["carrier"]) & self.slow_prov[o_prov[s_ord]] & ~slow & written
        self.slow_lane_log = getattr(self, "slow_lane_log", [])
        self.slow_lane_log.append(transit[same_lane])
        return {"ord": s_ord, "wh": s_wh, "carrier": carrier, "shipped": shipped, "delivered": delivered,
                "written": written, "cost": cost, "line_ship": line_ship, "transit": transit, "slow": slow}

    def _shutdown_end(self, t: int) -> int:
        while t < self.horizon - 1 and self.shutdown[t]:
            t += 1
        return t - 1

    def flush_shipments(self, final: bool, upto: int | None = None) -> None:
        """Write the shipments of every month whose orders can no longer add any: one file
        per month shipped (``shipments/shipments_YYYY-MM.csv``)."""
        if not self.ship_buffer:
            return
        buf = _Cols.concat(self.ship_buffer)
        month = buf["shipped_at"].astype("datetime64[M]")
        if final:
            ready = np.unique(month)
        else:
            y, m = self.month_list[upto]
            ready = np.unique(month[month < np.datetime64(f"{y:04d}-{m:02d}", "M")])
        keep = np.ones(buf.n, bool)
        for mo in ready:
            sel = np.flatnonzero(month == mo)
            part = buf.take(sel)
            part = part.take(np.lexsort((part["order_id"].astype(str), part["shipped_at"])))
            n = part.n
            seq = self.shipment_seq + np.arange(1, n + 1)
            codes = np.array(CARRIER_CODE, dtype=object)[part["carrier_i"]]
            self.shipment_seq += n
            out = _Cols({
                "shipment_id": np.array([f"{c}{s:010d}" for c, s in zip(codes.tolist(), seq.tolist(), strict=True)],
                                        dtype=object),
                "order_id": part["order_id"],
                "carrier": np.array(CARRIERS, dtype=object)[part["carrier_i"]],
                "warehouse": part["warehouse"],
                "province": part["province"],
                "shipped_at": _ts_text(part["shipped_at"]),
                "delivered_at": _ts_text(part["delivered_at"]),
                "shipping_cost_amount": part["shipping_cost_amount"],
            })
            name = f"shipments_{str(mo)[:7]}.csv"
            self.record_file("shipments", name, _write_csv(out, self.path("shipments", name)))
            keep[sel] = False
        self.ship_buffer = [buf.take(np.flatnonzero(keep))] if keep.any() else []

    # ------------------------------------------------------------------ returns
    def build_returns(self, rng, n_o, o_p, l_ord, l_s, l_q, l_amount, l_deliv, l_shipped, defect) -> dict:
        n_l = len(l_s)
        cat = self.sku_cat[l_s]
        p_line = RETURN_RATE[cat] * RETURN_PLATFORM[o_p[l_ord]]
        delivered = ~np.isnat(l_deliv)
        transit_days = np.where(delivered, (l_deliv - l_shipped).astype("timedelta64[s]").astype(np.int64) / 86400.0, 0)
        slow = transit_days >= 5
        hit = delivered & (rng.random(n_l) < p_line * np.where(slow, 1.6, 1.0))
        reasons = ["quality", "damaged", "wrong_item", "not_as_described", "changed_mind", "late_delivery"]
        base_w = np.array([0.14, 0.10, 0.08, 0.16, 0.44, 0.08])
        w = np.tile(base_w, (n_l, 1))
        w[slow, 5] = 0.45
        reason = _categorical_rows(rng, w)
        # Defective batch: many more quality returns.
        extra = delivered & defect & ~hit & (rng.random(n_l) < COMPLAINT["return_rate"])
        hit = hit | extra
        reason = np.where(extra, 0, reason)
        idx = np.flatnonzero(hit)
        q = np.where((l_q[idx] > 1) & (rng.random(len(idx)) < 0.3), 1, l_q[idx])
        offset = np.where(reason[idx] == 4, rng.integers(1, 8, size=len(idx)), rng.integers(1, 15, size=len(idx)))
        ret_day = l_deliv[idx].astype("datetime64[D]") + offset.astype("timedelta64[D]")
        ok = ret_day <= np.datetime64(self.end, "D")
        idx, q, ret_day = idx[ok], q[ok], ret_day[ok]
        refund = np.where(q == l_q[idx], l_amount[idx], (l_amount[idx] * q) // l_q[idx])
        r = reason[idx]
        if self.defect_line >= 0:
            spike = (l_s[idx] == self.complaint_sku) & (r == 0)
            if spike.any():
                self.complaint_return_log.append(((ret_day[spike] - self.day0).astype(np.int64), defect[idx][spike]))
        return {"line": idx, "ord": l_ord[idx], "sku": l_s[idx], "q": q, "day": ret_day, "reason": r,
                "refund": refund.astype(np.int64), "reasons": reasons}

    def write_returns(self, rets: dict, oid: np.ndarray) -> None:
        n = len(rets["line"])
        if n == 0 and self.rows["returns"] > 0:
            return
        oids = oid[rets["ord"]]
        srt = np.lexsort((rets["sku"], oids.astype(str), rets["day"]))
        seq = self.return_seq + np.arange(1, n + 1)
        self.return_seq += n
        frame = _Cols({
            "return_id": np.array([f"RT{s:09d}" for s in seq.tolist()], dtype=object),
            "order_id": oids[srt],
            "sku": self.sku[rets["sku"][srt]],
            "returned_on": _date_text(rets["day"][srt]),
            "quantity": rets["q"][srt],
            "reason": np.array(rets["reasons"], dtype=object)[rets["reason"][srt]],
            "refund_amount": _money(rets["refund"][srt]),
        })
        first = self.rows["returns"] == 0 and "returns/returns.csv" not in self.files
        _write_csv(frame, self.path("returns", "returns.csv"), mode="w" if first else "a", header=first)
        self.record_file("returns", "returns.csv", n)

    # ------------------------------------------------------------------ service tickets
    def build_tickets(self, rng, k, n_o, o_p, o_day, cust, l_ord, l_s, l_q, l_batch, l_deliv, defect, ships, rets) -> None:
        H_SEC = 3600
        T: dict[str, list] = {x: [] for x in ("p", "ord", "line", "sku", "batch", "opened", "cat", "complaint")}

        def add(p, ordi, line, sku, batch, opened, catg, complaint):
            for name, value in (("p", p), ("ord", ordi), ("line", line), ("sku", sku), ("batch", batch),
                                ("opened", opened), ("cat", catg), ("complaint", complaint)):
                T[name].append(value)

        cats = ["logistics", "quality", "wrong_item", "size_fit", "pre_sale", "refund", "other"]
        n_l = len(l_s)
        # Logistics: per shipment, far more when it is slow.
        sw = ships["written"]
        tr = ships["transit"]
        p_log = 0.012 + 0.08 * (tr >= 5) + 0.10 * ships["slow"]
        s_idx = np.flatnonzero(sw & (rng.random(len(sw)) < p_log))
        opened = ships["shipped"][s_idx] + (rng.uniform(1.5, 4.5, size=len(s_idx)) * 86400).astype("timedelta64[s]")
        add(o_p[ships["ord"][s_idx]], ships["ord"][s_idx], np.full(len(s_idx), -1), np.full(len(s_idx), -1),
            np.full(len(s_idx), -1), opened, np.zeros(len(s_idx), int),
            rng.random(len(s_idx)) < np.where(ships["slow"][s_idx] | (tr[s_idx] >= 5), 0.5, 0.25))
        # Quality: per delivered line; the defective batch raises it many times.
        delivered = ~np.isnat(l_deliv)
        p_q = np.where(defect, COMPLAINT["ticket_rate"], COMPLAINT["base_ticket_rate"])
        q_idx = np.flatnonzero(delivered & (rng.random(n_l) < p_q))
        opened = l_deliv[q_idx] + (rng.uniform(1, 20, size=len(q_idx)) * 86400).astype("timedelta64[s]")
        complaint = rng.random(len(q_idx)) < np.where(defect[q_idx], 0.9, 0.7)
        reported = complaint | (rng.random(len(q_idx)) < 0.6)
        add(o_p[l_ord[q_idx]], l_ord[q_idx], q_idx, l_s[q_idx], np.where(reported, l_batch[q_idx], -1), opened,
            np.ones(len(q_idx), int), complaint)
        # Wrong item and other: per delivered order; size/fit for home textiles.
        first_line = np.flatnonzero(_group_first(l_ord))
        fd = first_line[delivered[first_line]]
        w_idx = fd[rng.random(len(fd)) < 0.003]
        add(o_p[l_ord[w_idx]], l_ord[w_idx], w_idx, l_s[w_idx], np.full(len(w_idx), -1),
            l_deliv[w_idx] + (rng.uniform(0.2, 3, size=len(w_idx)) * 86400).astype("timedelta64[s]"),
            np.full(len(w_idx), 2), rng.random(len(w_idx)) < 0.5)
        tex = np.flatnonzero(delivered & (self.sku_cat[l_s] == CATEGORIES.index("home_textiles")) & (rng.random(n_l) < 0.015))
        add(o_p[l_ord[tex]], l_ord[tex], tex, l_s[tex], np.full(len(tex), -1),
            l_deliv[tex] + (rng.uniform(0.5, 7, size=len(tex)) * 86400).astype("timedelta64[s]"),
            np.full(len(tex), 3), rng.random(len(tex)) < 0.05)
        o_idx = fd[rng.random(len(fd)) < 0.004]
        add(o_p[l_ord[o_idx]], l_ord[o_idx], np.full(len(o_idx), -1), np.full(len(o_idx), -1), np.full(len(o_idx), -1),
            l_deliv[o_idx] + (rng.uniform(0.5, 10, size=len(o_idx)) * 86400).astype("timedelta64[s]"),
            np.full(len(o_idx), 6), rng.random(len(o_idx)) < 0.05)
        # Refund: about a third of returns.
        r_sel = np.flatnonzero(rng.random(len(rets["line"])) < 0.3)
        r_open = rets["day"][r_sel].astype("datetime64[s]") + rng.integers(8 * H_SEC, 22 * H_SEC, size=len(r_sel)).astype("timedelta64[s]")
        add(o_p[rets["ord"][r_sel]], rets["ord"][r_sel], rets["line"][r_sel], rets["sku"][r_sel], np.full(len(r_sel), -1),
            r_open, np.full(len(r_sel), 5), rng.random(len(r_sel)) < 0.15)
        # Pre-sale questions: no order; about 2 per 100 orders a day, per platform.
        first, last = self.month_start_idx[k], (self.month_start_idx[k + 1] - 1 if k + 1 < self.months else self.n_days - 1)
        exp = self.lam[first:last + 1].sum(axis=2) / (MEAN_QTY * MEAN_LINES) * 0.02
        cnt = rng.poisson(exp)
        d_i, p_i = np.nonzero(cnt)
        c = cnt[d_i, p_i]
        pd_day = np.repeat(d_i + first, c)
        pd_p = np.repeat(p_i, c)
        n_pre = len(pd_p)
        hours = _categorical(rng, HOUR_WEIGHTS, n_pre)
        pre_open = (self.day0 + pd_day).astype("datetime64[s]") + (hours * 3600 + rng.integers(0, 3600, size=n_pre)).astype("timedelta64[s]")
        pre_sku = np.where(rng.random(n_pre) < 0.7, _categorical(rng, self.sku_share.mean(axis=0), n_pre), -1)
        add(pd_p, np.full(n_pre, -1), np.full(n_pre, -1), pre_sku, np.full(n_pre, -1), pre_open,
            np.full(n_pre, 4), np.zeros(n_pre, bool))
        tk = {x: np.concatenate([np.asarray(a) for a in v]) for x, v in T.items()}
        opened = tk["opened"].astype("datetime64[s]")
        ok = opened <= self.end_ts
        tk = {x: v[ok] for x, v in tk.items()}
        opened = opened[ok]
        n = len(opened)
        # Response and resolution.
        osec = ((opened - opened.astype("datetime64[D]")).astype(np.int64))
        night = osec < 8 * 3600
        is_web = tk["p"] == P_WEB
        resp = np.where(is_web, rng.lognormal(np.log(7200), 0.8, size=n), rng.lognormal(np.log(90), 1.0, size=n))
        resp = np.where(night, (9 * 3600 - osec) + rng.uniform(60, 1800, size=n), resp)
        first_resp = opened + np.rint(resp).astype("timedelta64[s]")
        comp = tk["complaint"].astype(bool)
        pre = tk["cat"] == 4
        res_sec = np.where(pre, resp + rng.lognormal(np.log(600), 0.8, size=n),
                           rng.lognormal(np.where(comp, np.log(50 * 3600), np.log(18 * 3600)), 0.9, size=n))
        res_sec = np.maximum(res_sec, resp)
        resolved = opened + np.rint(res_sec).astype("timedelta64[s]")
        unresolved = (rng.random(n) < 0.02) | (resolved > self.end_ts)
        resolved = np.where(unresolved, np.datetime64("NaT"), resolved)
        first_resp = np.where(first_resp > self.end_ts, np.datetime64("NaT"), first_resp)
        rated = ~unresolved & (rng.random(n) < 0.8)
        cs_w = np.where(comp[:, None], np.array([0.22, 0.22, 0.24, 0.18, 0.14]), np.array([0.02, 0.03, 0.10, 0.30, 0.55]))
        slow_res = res_sec > 72 * 3600
        cs_w = np.where(slow_res[:, None], cs_w * np.array([2.0, 1.6, 1.2, 0.8, 0.6]), cs_w)
        csat = _categorical_rows(rng, cs_w) + 1
        # Sort by time; ids continue across months.
        srt = np.lexsort((tk["cat"], tk["ord"], tk["p"], opened))
        seq = self.ticket_seq + np.arange(1, n + 1)
        self.ticket_seq += n
        oid_tmp = tk["ord"][srt]
        sku_i = tk["sku"][srt]
        batch_i = tk["batch"][srt]
        batch_ids = np.array([ln.batch_id for ln in self.po_lines] + [""], dtype=object)
        cust_t = np.where(tk["ord"] >= 0, cust[np.maximum(tk["ord"], 0)], 10**9 + np.arange(n))[srt]
        pii = self.fake_pii(tk["p"][srt], cust_t)
        self.pending_ticket_frame = _Cols({
            "ticket_id": np.array([f"TK{s:09d}" for s in seq.tolist()], dtype=object),
            "platform": np.array(PLATFORMS, dtype=object)[tk["p"][srt]],
            "order_ref": oid_tmp,
            "sku": np.where(sku_i >= 0, self.sku[np.maximum(sku_i, 0)], ""),
            "batch_id": batch_ids[batch_i],
            "opened_at": _ts_text(opened[srt]),
            "first_response_at": _ts_text(first_resp[srt]),
            "resolved_at": _ts_text(resolved[srt]),
            "category": np.array(cats, dtype=object)[tk["cat"][srt]],
            "is_complaint": _bool_text(comp[srt]),
            "csat": np.where(rated[srt], csat[srt].astype(str), ""),
            "customer_name": pii["name"],
            "customer_phone": pii["phone"],
        })
        # Log for the complaint truth: quality complaints about the spike SKU.
        spike = (tk["sku"] == self.complaint_sku) & (tk["cat"] == 1) & comp
        if spike.any():
            self.complaint_log.append(((opened[spike].astype("datetime64[D]") - self.day0).astype(np.int64),
                                       tk["batch"][spike] == self.defect_line))
        # Targets: complaints and csat by the month the ticket was opened (approximately: this month's orders).
        mo = (opened.astype("datetime64[M]") - np.datetime64(self.start, "M")).astype(np.int64)
        for mi in np.unique(mo):
            if 0 <= mi < self.months:
                sel = mo == mi
                agg = self.month_aggs[int(mi)]
                agg.complaints += np.bincount(tk["p"][sel & comp], minlength=4)
                agg.csat_sum += np.bincount(tk["p"][sel & rated], weights=csat[sel & rated], minlength=4).astype(np.int64)
                agg.csat_n += np.bincount(tk["p"][sel & rated], minlength=4)

    def write_tickets(self, oid_paid: np.ndarray) -> None:
        f = self.pending_ticket_frame
        ref = f["order_ref"].astype(np.int64)
        f["order_id"] = np.where(ref >= 0, oid_paid[np.maximum(ref, 0)], "")
        cols = ["ticket_id", "platform", "order_id", "sku", "batch_id", "opened_at", "first_response_at",
                "resolved_at", "category", "is_complaint", "csat", "customer_name", "customer_phone"]
        out = _Cols({c: f[c] for c in cols})
        first = "service_tickets/service_tickets.csv" not in self.files
        n = _write_csv(out, self.path("service_tickets", "service_tickets.csv"), mode="w" if first else "a",
                       header=first, bom=True)
        self.record_file("service_tickets", "service_tickets.csv", n)

    # ------------------------------------------------------------------ traffic & marketing
    def build_traffic(self, rng, k, first, last, o_p, o_day, o_dev, o_ch, cust, paid, canc) -> None:
        """Traffic rows of the month: `all` rows from expected orders (visitors) and from the
        orders table (buyers, orders, paid amount); channel rows split them, with overlap."""
        D, C = last - first + 1, len(CHANNELS)
        n_cell = D * 8
        cell = ((o_day - first) * 4 + o_p) * 2 + o_dev
        orders_all = np.bincount(cell, minlength=n_cell).reshape(D, 4, 2)
        paid_all = np.bincount(cell, weights=paid, minlength=n_cell).astype(np.int64).reshape(D, 4, 2)
        cmax = int(cust.max()) + 1 if len(cust) else 1
        ukey, ufirst = np.unique(cell.astype(np.int64) * cmax + cust, return_index=True)
        buyers_all = np.bincount(ukey // cmax, minlength=n_cell).reshape(D, 4, 2)
        cellc = cell * C + o_ch
        orders_c = np.bincount(cellc, minlength=n_cell * C).reshape(D, 4, 2, C)
        paid_c = np.bincount(cellc, weights=paid, minlength=n_cell * C).astype(np.int64).reshape(D, 4, 2, C)
        uc = np.unique(cellc.astype(np.int64) * cmax + cust)
        buyers_c = np.bincount(uc // cmax, minlength=n_cell * C).reshape(D, 4, 2, C)
        # A buyer counts once, in the channel of their first order of the day (exact partition).
        buyers_first = np.bincount(cellc[ufirst], minlength=n_cell * C).reshape(D, 4, 2, C)
        # `all` rows.
        exp_orders = self.lam_no_mobile[first:last + 1].sum(axis=2) / (MEAN_QTY * MEAN_LINES)  # (D, 4)
        dev_share = np.stack([MOBILE_SHARE, 1 - MOBILE_SHARE], axis=1)  # (4, 2)
        e_dev = exp_orders[:, :, None] * dev_share[None]
        visitors = np.rint(e_dev / CONVERSION[None] * rng.lognormal(0, 0.04, size=(D, 4, 2))).astype(np.int64)
        checkouts = np.maximum(np.rint(e_dev * 1.22 * rng.lognormal(0, 0.03, size=(D, 4, 2))).astype(np.int64), buyers_all)
        cart = np.rint(checkouts * rng.uniform(2.3, 2.8, size=(D, 4, 2))).astype(np.int64)
        prodv = np.maximum(np.rint(visitors * rng.uniform(0.40, 0.48, size=(D, 4, 2))).astype(np.int64), cart)
        visitors = np.maximum(visitors, prodv)
        ppv = np.where(np.arange(2)[None, None, :] == 0, rng.uniform(3.0, 3.6, size=(D, 4, 2)), rng.uniform(4.5, 5.5, size=(D, 4, 2)))
        pages = np.rint(visitors * ppv).astype(np.int64)
        frames = []
        ch_visitors = np.zeros((D, 4, C), dtype=np.int64)  # unbroken, devices summed (for clicks)
        out_rel = self.outage_day - first
        outage_here = 0 <= out_rel < D
        for p, pname in enumerate(PLATFORMS):
            chans = list(CHANNEL_VISITOR_SHARE[pname])
            ci = np.array([CHANNELS.index(c) for c in chans])
            v = np.array([CHANNEL_VISITOR_SHARE[pname][c] for c in chans])
            v = v / v.sum()
            vc = v * np.array([CHANNEL_CONVERSION[c] for c in chans])
            vc = vc / vc.sum()
            R = D * 2
            ov = CHANNEL_OVERLAP[p]

            def flat(a, p=p, R=R):
                return a[:, p, :].reshape(R)

            if ov == 0:
                # The web shop's analytics attribute each visit to one source: an exact partition.
                b_ch = buyers_first[:, p][..., ci].reshape(R, len(ci))
                o_ch_ = orders_c[:, p][..., ci].reshape(R, len(ci))
                pa_ch = paid_c[:, p][..., ci].reshape(R, len(ci))

                def alloc(n, w):
                    return rng.multinomial(n, w)
            else:
                # Platforms count a visitor (buyer, order) in every source it came through:
                # a partition plus the overlap, so channel rows sum above the `all` row.
                def extra(base, ov=ov):
                    return rng.binomial(base, ov * rng.uniform(0.5, 1.5, size=base.shape))

                b0 = buyers_c[:, p][..., ci].reshape(R, len(ci))
                o0 = orders_c[:, p][..., ci].reshape(R, len(ci))
                b_ch = b0 + extra(b0)
                o_ch_ = o0 + extra(o0)
                pa0 = paid_c[:, p][..., ci].reshape(R, len(ci))
                pa_ch = pa0 + np.rint(pa0 * (o_ch_ - o0) / np.maximum(o0, 1)).astype(np.int64)

                def alloc(n, w):
                    base = rng.multinomial(n, w)
                    return base + extra(base)

            chk_ch = b_ch + alloc(flat(checkouts) - flat(buyers_all), vc)
            cart_ch = chk_ch + alloc(flat(cart) - flat(checkouts), vc)
            pv_ch = cart_ch + alloc(flat(prodv) - flat(cart), v)
            vis_ch = pv_ch + alloc(flat(visitors) - flat(prodv), v)
            pg_ch = vis_ch + alloc(flat(pages) - flat(visitors), v)
            ch_visitors[:, p, ci] = vis_ch.reshape(D, 2, len(ci)).sum(axis=1)
            all_rows = {
                "visitors": flat(visitors), "page_views": flat(pages), "product_views": flat(prodv),
                "cart_adds": flat(cart), "checkouts": flat(checkouts), "buyers": flat(buyers_all),
                "orders": flat(orders_all), "paid": flat(paid_all),
            }
            ch_rows = {
                "visitors": vis_ch, "page_views": pg_ch, "product_views": pv_ch, "cart_adds": cart_ch,
                "checkouts": chk_ch, "buyers": b_ch, "orders": o_ch_, "paid": pa_ch,
            }
            if outage_here and p == OUTAGE["platform"]:
                rows = np.arange(out_rel * 2, out_rel * 2 + 2)
                normal = all_rows["visitors"][rows].copy()
                for col in ("visitors", "page_views", "product_views"):
                    fac = OUTAGE["factor"] * rng.lognormal(0, 0.05, size=2)
                    all_rows[col] = all_rows[col].copy()
                    all_rows[col][rows] = np.rint(all_rows[col][rows] * fac).astype(np.int64)
                    ch_rows[col] = ch_rows[col].copy()
                    ch_rows[col][rows] = np.rint(ch_rows[col][rows] * fac[:, None]).astype(np.int64)
                ch_rows["visitors"][rows] = np.maximum(ch_rows["visitors"][rows], ch_rows["buyers"][rows])
                if ov > 0:  # rounding must not lift the de-duplicated total above its sources
                    for col in ("visitors", "page_views", "product_views"):
                        all_rows[col][rows] = np.minimum(all_rows[col][rows], ch_rows[col][rows].sum(axis=1))
                all_rows["visitors"][rows] = np.maximum(all_rows["visitors"][rows], all_rows["buyers"][rows])
                self.outage_record = {"normal_visitors": int(normal.sum()),
                                      "recorded_visitors": int(all_rows["visitors"][rows].sum())}
            day_of_row = np.repeat(np.arange(D), 2)
            dev_of_row = np.tile(np.arange(2), D)
            nc = len(ci)
            frames.append(_Cols({
                "_d": np.concatenate([day_of_row, np.repeat(day_of_row, nc)]),
                "_p": np.full(R + R * nc, p),
                "_c": np.concatenate([np.full(R, -1), np.tile(ci, R)]),
                "_v": np.concatenate([dev_of_row, np.repeat(dev_of_row, nc)]),
                **{col: np.concatenate([all_rows[col], ch_rows[col].reshape(-1)]) for col in all_rows},
            }))
            agg = self.month_aggs[k]
            agg.visitors[p] += int(all_rows["visitors"].sum())
            agg.buyers[p] += int(all_rows["buyers"].sum())
        tf = _Cols.concat(frames)
        tf = tf.take(np.lexsort((tf["_v"], tf["_c"], tf["_p"], tf["_d"])))
        out = _Cols({
            "visited_on": _date_text(self.day0 + first + tf["_d"]),
            "platform": np.array(PLATFORMS, dtype=object)[tf["_p"]],
            "channel": np.array(list(CHANNELS) + ["all"], dtype=object)[tf["_c"]],
            "device": np.array(DEVICES, dtype=object)[tf["_v"]],
            **{c: tf[c] for c in ("visitors", "page_views", "product_views", "cart_adds", "checkouts", "buyers", "orders")},
            "paid_amount": _money(tf["paid"]),
        })
        first_write = "traffic/traffic.csv" not in self.files
        n = _write_csv(out, self.path("traffic", "traffic.csv"), mode="w" if first_write else "a", header=first_write)
        self.record_file("traffic", "traffic.csv", n)
        # For the truths: the month's all-row visitors (as recorded) and buyers per platform × device.
        is_all = tf["_c"] < 0
        vis = np.zeros((4, 2), dtype=np.int64)
        np.add.at(vis, (tf["_p"][is_all], tf["_v"][is_all]), tf["visitors"][is_all])
        self.traffic_log.append({"vis": vis, "buy": buyers_all.sum(axis=0)})
        self.build_marketing(rng, k, first, last, ch_visitors, orders_c.sum(axis=2), paid_c.sum(axis=2))

    def build_marketing(self, rng, k, first, last, ch_vis, ch_orders, ch_paid) -> None:
        D = last - first + 1
        click_ratio = {"paid_search": 1.15, "recommendation": 0.55, "live_stream": 0.35, "social": 0.30,
                       "email": 1.10, "referral": 0.60}
        ctr = {"paid_search": 0.035, "recommendation": 0.012, "live_stream": 0.020, "social": 0.015,
               "email": 0.080, "referral": 0.020}
        attr = {"paid_search": 0.85, "recommendation": 0.60, "live_stream": 0.75, "social": 0.35,
                "email": 0.80, "referral": 0.70}
        code = {"paid_search": "PS", "recommendation": "REC", "live_stream": "LIVE", "social": "SOC",
                "email": "EDM", "referral": "AFF"}
        ev_code = {"618": "618", "double11": "D11", "double12": "D12", "nianhuo": "NH", "women38": "W38"}
        ev_of_day: list[tuple[str, str, int] | None] = []
        for t in range(first, last + 1):
            found = None
            for e in self.events:
                if e.kind in ev_code and e.covers(self.day_date(t)):
                    found = (ev_code[e.kind], e.name_zh, (e.peak_on or e.starts_on).year)
                    break
            ev_of_day.append(found)
        rows = []
        for p, pname in enumerate(PLATFORMS):
            rev = self.expected_rev[first:last + 1, p]
            wday = rev / max(rev.sum(), 1.0)
            for ch in self.spend_split[pname]:
                c = CHANNELS.index(ch)
                budget = self.budgets[(k, p, ch)] * 100  # cents
                spend = np.rint(budget * wday * rng.lognormal(0, 0.08, size=D)).astype(np.int64)
                clicks = np.rint(ch_vis[:, p, c] * click_ratio[ch] * rng.uniform(0.9, 1.1, size=D)).astype(np.int64)
                impr = np.rint(clicks / (ctr[ch] * rng.uniform(0.8, 1.2, size=D))).astype(np.int64)
                impr = np.maximum(impr, clicks)
                a_orders = np.rint(ch_orders[:, p, c] * attr[ch] * rng.uniform(0.85, 1.05, size=D)).astype(np.int64)
                a_amount = np.rint(ch_paid[:, p, c] * attr[ch] * rng.uniform(0.85, 1.05, size=D)).astype(np.int64)
                base_id = f"{PLATFORM_ORDER_PREFIX[p]}-{code[ch]}"
                base_name = f"{PLATFORM_ZH[p]}{CHANNEL_ZH[ch]}"
                for d in range(D):
                    ev = ev_of_day[d] if ch in ("paid_search", "recommendation", "live_stream") else None
                    parts = [(f"{base_id}-AO", f"{base_name}-日常投放", 1.0)]
                    if ev:
                        parts = [(f"{base_id}-AO", f"{base_name}-日常投放", 0.45),
                                 (f"{base_id}-{ev[0]}{ev[2]}", f"{base_name}-{ev[1]}{ev[2]}", 0.55)]
                    left = [int(spend[d]), int(impr[d]), int(clicks[d]), int(a_orders[d]), int(a_amount[d])]
                    for j, (cid, cname, share) in enumerate(parts):
                        if j == len(parts) - 1:
                            vals = left
                        else:
                            vals = [int(x * share) for x in (spend[d], impr[d], clicks[d], a_orders[d], a_amount[d])]
                            vals[1] = max(vals[1], vals[2])
                            left = [a - b for a, b in zip(left, vals, strict=True)]
                        rows.append((first + d, p, c, cid, cname, *vals))
        rows.sort(key=lambda r: (r[0], r[1], r[2], r[3]))
        arr = list(zip(*rows, strict=True))
        out = _Cols({
            "spent_on": _date_text(self.day0 + np.array(arr[0])),
            "platform": np.array(PLATFORMS, dtype=object)[np.array(arr[1])],
            "channel": np.array(CHANNELS, dtype=object)[np.array(arr[2])],
            "campaign_id": np.array(arr[3], dtype=object),
            "campaign_name": np.array(arr[4], dtype=object),
            "spend_amount": _money(np.array(arr[5])),
            "impressions": np.array(arr[6], dtype=np.int64),
            "clicks": np.array(arr[7], dtype=np.int64),
            "attributed_orders": np.array(arr[8], dtype=np.int64),
            "attributed_amount": _money(np.array(arr[9])),
        })
        first_write = "marketing_spend/marketing_spend.csv" not in self.files
        n = _write_csv(out, self.path("marketing_spend", "marketing_spend.csv"), mode="w" if first_write else "a",
                       header=first_write)
        self.record_file("marketing_spend", "marketing_spend.csv", n)
        agg = self.month_aggs[k]
        plat = np.array(arr[1])
        agg.spend_cents += np.bincount(plat, weights=np.array(arr[5]), minlength=4).astype(np.int64)
        agg.attributed_cents += np.bincount(plat, weights=np.array(arr[9]), minlength=4).astype(np.int64)

    # ================================================================== static tables
    def write_static(self) -> None:
        self.write_suppliers()
        self.write_products()
        self.write_platform_fees()
        self.write_promotions()
        self.write_purchase_orders()
        self.write_competitor_prices()
        self.write_targets()

    def write_suppliers(self) -> None:
        frame = pd.DataFrame({
            "supplier_id": np.array([s[0] for s in SUPPLIERS], dtype=object),
            "supplier_name": np.array([s[1] for s in SUPPLIERS], dtype=object),
            "region": np.array([s[2] for s in SUPPLIERS], dtype=object),
            "contract_lead_time_days": np.array([s[3] for s in SUPPLIERS], dtype=np.int64),
        })
        _write_csv(frame, self.path("suppliers", "suppliers.csv"))
        self.record_file("suppliers", "suppliers.csv", len(frame))

    def write_products(self) -> None:
        from openpyxl import Workbook

        wb = Workbook()
        ws = wb.active
        ws.title = "products"
        ws.append(["sku", "product_name", "category", "brand", "list_price", "unit_cost", "supplier_id",
                   "launched_on", "is_active"])
        end_t = self.n_days - 1
        for s in range(self.n_sku):
            launched = self.day_date(int(self.launch[s]))
            active = bool(self.discontinued[s] > end_t)
            brand = "Lumen Lab" if BEAUTY[self.sku_cat[s]] else "Lumen & Loom"
            ws.append([self.sku[s], self.sku_name[s], CATEGORIES[self.sku_cat[s]], brand,
                       round(self.price[s] / 100.0, 2), round(self.cost[s] / 100.0, 2),
                       self.supplier_ids[self.sku_sup[s]], launched.isoformat(), "true" if active else "false"])
        for row in ws.iter_rows(min_row=2, min_col=5, max_col=6):
            for cell in row:
                cell.number_format = "0.00"
        buf = io.BytesIO()
        wb.save(buf)
        path = self.path("products", "products.xlsx")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(_deterministic_xlsx(buf.getvalue(), self.end))
        self.record_file("products", "products.xlsx", self.n_sku)

    def write_platform_fees(self) -> None:
        change = self.day_date(self.fee_change)
        rows = []
        for p, pname in enumerate(PLATFORMS):
            for c, cat in enumerate(CATEGORIES):
                if p == P_DY:
                    rows.append((pname, cat, self.commission[0, p, c], "2020-01-01", (change - timedelta(days=1)).isoformat()))
                    rows.append((pname, cat, self.commission[1, p, c], change.isoformat(), ""))
                else:
                    rows.append((pname, cat, self.commission[0, p, c], "2020-01-01", ""))
        frame = pd.DataFrame(rows, columns=["platform", "category", "commission_rate", "valid_from", "valid_to"])
        frame["commission_rate"] = [f"{r:.4f}" for r in frame["commission_rate"]]
        frame = frame.astype(object)
        _write_csv(frame, self.path("platform_fees", "platform_fees.csv"))
        self.record_file("platform_fees", "platform_fees.csv", len(frame))

    def write_promotions(self) -> None:
        prs = sorted(self.promos, key=lambda pr: pr.promo_id)
        frame = pd.DataFrame({
            "promo_id": np.array([pr.promo_id for pr in prs], dtype=object),
            "promo_name": np.array([pr.name for pr in prs], dtype=object),
            "promo_type": np.array([pr.ptype for pr in prs], dtype=object),
            "platform": np.array(["" if pr.platform is None else PLATFORMS[pr.platform] for pr in prs], dtype=object),
            "starts_on": np.array([self.day_date(pr.start).isoformat() for pr in prs], dtype=object),
            "ends_on": np.array([self.day_date(pr.end).isoformat() for pr in prs], dtype=object),
            "discount_pct": np.array([f"{pr.depth:.2f}" for pr in prs], dtype=object),
            "scope": np.array([pr.scope for pr in prs], dtype=object),
            "budget_amount": _money(np.array([pr.budget_cents for pr in prs])),
        })
        _write_csv(frame, self.path("promotions", "promotions.csv"))
        self.record_file("promotions", "promotions.csv", len(frame))

    def write_purchase_orders(self) -> None:
        last = self.n_days - 1
        pl = self.po_lines
        received = np.array([ln.received for ln in pl])
        done = received <= last
        frame = pd.DataFrame({
            "po_id": np.array([ln.po_id for ln in pl], dtype=object),
            "line_no": np.array([ln.line_no for ln in pl], dtype=np.int64),
            "supplier_id": np.array([self.supplier_ids[ln.supplier] for ln in pl], dtype=object),
            "sku": self.sku[np.array([ln.sku for ln in pl])],
            "batch_id": np.where(done, np.array([ln.batch_id for ln in pl], dtype=object), ""),
            "ordered_on": _date_text(self.day0 + np.array([ln.ordered for ln in pl])),
            "promised_on": _date_text(self.day0 + np.array([ln.promised for ln in pl])),
            "received_on": np.where(done, _date_text(self.day0 + received), ""),
            "qty_ordered": np.array([ln.qty_ordered for ln in pl], dtype=np.int64),
            "qty_received": np.where(done, np.array([ln.qty_received for ln in pl]), 0),
            "qty_rejected": np.where(done, np.array([ln.qty_rejected for ln in pl]), 0),
            "unit_cost": _money(np.array([ln.unit_cost for ln in pl])),
        })
        order = np.lexsort((frame["line_no"].to_numpy(), frame["po_id"].to_numpy().astype(str),
                            np.array([ln.ordered for ln in pl])))
        frame = frame.iloc[order]
        _write_csv(frame, self.path("purchase_orders", "purchase_orders.csv"))
        self.record_file("purchase_orders", "purchase_orders.csv", len(frame))

    def write_competitor_prices(self) -> None:
        rng = self.rng("competitors")
        n = self.n_days
        prods = []  # (competitor, platform, cat, comp_sku, name, our sku or -1, list price cents)
        for ci, (cname, plat, cats) in enumerate(COMPETITORS):
            j = 0
            for cat in cats:
                c = CATEGORIES.index(cat)
                ours = np.flatnonzero((self.sku_cat == c) & (self.launch < 0))
                matched = rng.choice(ours, size=4, replace=False)
                for i in range(8):
                    j += 1
                    noun = PRODUCT_NOUNS[cat][int(rng.integers(len(PRODUCT_NOUNS[cat])))]
                    variant = PRODUCT_VARIANTS[cat][int(rng.integers(len(PRODUCT_VARIANTS[cat])))]
                    if i < 4:
                        sku = int(matched[i])
                        lp = self.price[sku] / 100.0 * rng.uniform(0.8, 1.2)
                    else:
                        sku = -1
                        lo, hi = PRICE_RANGE[c]
                        lp = math.exp(rng.uniform(math.log(lo), math.log(hi)))
                    lp = max(int(round(lp / 10.0)) * 10 - 1, 9) * 100
                    # The monitoring tool keys a product by its code and Chinese title.
                    prods.append((ci, PLATFORMS.index(plat), c, f"{'ABCD'[ci]}{j:03d}-{noun}{variant}",
                                  f"{cname[:3]} {noun} {variant}", sku, lp))
        P = len(prods)
        comp = np.array([x[0] for x in prods])
        plat = np.array([x[1] for x in prods])
        catg = np.array([x[2] for x in prods])
        lp = np.array([x[6] for x in prods], dtype=np.int64)
        base_disc = rng.uniform(0.0, 0.08, size=P)
        # Promotions: own short promos, plus festival days.
        promo_depth = np.zeros((n, P))
        for q in range(P):
            t = int(rng.integers(0, 20))
            while t < n:
                length = int(rng.integers(2, 6))
                promo_depth[t:t + length, q] = rng.uniform(0.10, 0.30)
                t += length + int(rng.integers(15, 45))
        fest = np.array([k in ("618", "double11", "double12", "nianhuo", "women38") for k in self.event_kind[:n]])
        joins = rng.random(P) < 0.8
        fest_depth = rng.uniform(0.15, 0.30, size=P)
        promo_depth = np.where(fest[:, None] & joins[None, :], np.maximum(promo_depth, fest_depth[None, :]), promo_depth)
        cut = np.zeros((n, P), bool)
        cut_products = (comp == COMPETITOR_CUT["competitor"]) & (catg == CATEGORIES.index(COMPETITOR_CUT["category"]))
        cut[self.cut_day:, cut_products] = True
        base = lp[None, :] * (1.0 - base_disc[None, :]) * np.where(cut, 1.0 - COMPETITOR_CUT["price_cut"], 1.0)
        price = np.rint(base * (1.0 - promo_depth) / 10.0).astype(np.int64) * 10  # whole dimes
        price = np.maximum(price, 100)
        on_promo = promo_depth > 0
        rate = rng.lognormal(np.log(30), 0.8, size=P) * self.scale
        lift = self.lift[:n][:, plat]
        est = rate[None, :] * lift * (1.0 + 2.0 * promo_depth) * np.where(cut, 1.4, 1.0) * rng.lognormal(0, 0.15, size=(n, P))
        est_r = np.rint(est)
        missing = rng.random((n, P)) < 0.03
        reviews = rng.integers(200, 50000, size=P)[None, :] + np.cumsum(np.rint(est * 0.05).astype(np.int64), axis=0)
        rating = np.clip(np.round(rng.uniform(4.3, 4.9, size=P)[None, :] + np.cumsum(rng.choice([0, 0, 0, 0, 0, 0, 0, 0, 0.1, -0.1], size=(n, P)) * (rng.random((n, P)) < 0.02), axis=0), 1), 3.5, 5.0)
        days = np.repeat(_date_text(self.day0 + np.arange(n)), P)
        frame = _Cols({
            "observed_on": days,
            "competitor": np.tile(np.array([COMPETITORS[c][0] for c in comp], dtype=object), n),
            "platform": np.tile(np.array(PLATFORMS, dtype=object)[plat], n),
            "competitor_sku": np.tile(np.array([x[3] for x in prods], dtype=object), n),
            "category": np.tile(np.array(CATEGORIES, dtype=object)[catg], n),
            "sku": np.tile(np.array([self.sku[x[5]] if x[5] >= 0 else "" for x in prods], dtype=object), n),
            "price": _money(price.reshape(-1)),
            "list_price": _money(np.tile(lp, n)),
            "is_on_promo": _bool_text(on_promo.reshape(-1)),
            "rating": np.array([f"{r:.1f}" for r in np.arange(35, 51) / 10.0])[np.rint(rating.reshape(-1) * 10).astype(np.int64) - 35],
            "review_count": reviews.reshape(-1),
            "est_units_sold": np.where(missing.reshape(-1), "", est_r.reshape(-1).astype(np.int64).astype("U")),
        })
        # GBK, as the competitor-monitoring tool exports it.
        n_rows = _write_csv(frame, self.path("competitor_prices", "competitor_prices.csv"), encoding="gbk")
        self.record_file("competitor_prices", "competitor_prices.csv", n_rows)
        self.comp_products = prods
        self.comp_cut_products = [prods[i][3] for i in np.flatnonzero(cut_products)]
        pre = price[max(self.cut_day - 14, 0):self.cut_day][:, cut_products]
        post = price[self.cut_day:][:, cut_products]
        self.comp_cut_prices = (float(pre.mean() / 100.0) if pre.size else None, float(post.mean() / 100.0) if post.size else None)

    def write_targets(self) -> None:
        rng = self.rng("targets")
        rows = []
        for k, (y, m) in enumerate(self.month_list):
            month_on = f"{y:04d}-{m:02d}-01"
            for p, pname in enumerate(PLATFORMS):
                for ch in self.spend_split[pname]:
                    rows.append((month_on, pname, ch, "marketing_spend_amount", f"{self.budgets[(k, p, ch)]:.2f}"))
            if k < 12:
                continue
            ly = self.month_aggs[k - 12]
            for p, pname in enumerate(PLATFORMS):
                # Growth asked of each driver: visitors, conversion, order value.
                g_vis, g_conv, g_aov, g_roas = rng.uniform(1.02, 1.05), rng.uniform(1.03, 1.06), rng.uniform(1.00, 1.03), rng.uniform(1.05, 1.10)
                down = rng.uniform(0.90, 0.95, size=2)
                paid = ly.paid_cents[p] / 100.0
                orders = float(ly.orders[p])
                visitors = float(ly.visitors[p])
                buyers = float(ly.buyers[p])
                if not (paid and orders and visitors and buyers):
                    continue
                margin = ly.margin_cents[p] / 100.0
                spend = ly.spend_cents[p] / 100.0
                attributed = ly.attributed_cents[p] / 100.0
                logistics = ly.logistics_cents[p] / 100.0
                commission = ly.commission_cents[p] / 100.0
                contribution = margin - commission - logistics - spend
                t_vis = visitors * g_vis
                t_buyers = buyers * g_vis * g_conv
                t_orders = t_buyers * orders / buyers
                t_aov = paid / buyers * g_aov
                t_paid = t_buyers * t_aov
                growth = t_paid / paid
                csat = ly.csat_sum[p] / ly.csat_n[p] if ly.csat_n[p] else 4.5
                otif = ly.otif[p] / orders
                values = [
                    ("paid_amount", f"{t_paid:.2f}"),
                    ("visitors", f"{round(t_vis)}"),
                    ("orders", f"{round(t_orders)}"),
                    ("buyers", f"{round(t_buyers)}"),
                    ("conversion_rate", f"{t_buyers / t_vis:.4f}"),
                    ("aov", f"{t_aov:.2f}"),
                    ("gross_margin_amount", f"{margin * growth:.2f}"),
                    ("roas", f"{(attributed / spend if spend else 0.0) * g_roas:.2f}"),
                    ("refund_rate", f"{ly.refund_cents[p] / ly.paid_cents[p] * down[0]:.4f}"),
                    ("csat", f"{min(5.0, csat + 0.05):.2f}"),
                    ("complaints_per_1000_orders", f"{ly.complaints[p] / orders * 1000 * down[1]:.2f}"),
                    ("otif_rate", f"{min(0.995, otif + (1 - otif) * 0.3):.4f}"),
                    ("logistics_cost_amount", f"{logistics * t_orders / orders:.2f}"),
                    ("contribution_margin_amount", f"{contribution * growth:.2f}"),
                ]
                for metric, val in values:
                    rows.append((month_on, pname, "all", metric, val))
        frame = pd.DataFrame(rows, columns=["month_on", "platform", "channel", "metric", "target_value"]).astype(object)
        _write_csv(frame, self.path("targets", "targets.csv"))
        self.record_file("targets", "targets.csv", len(frame))

    # ================================================================== truth
    def write_truth(self) -> None:
        self.truth = self.compute_truth()
        doc = {
            "generator": "storebook.sample",
            "generator_version": GENERATOR_VERSION,
            "seed": self.seed,
            "end_month": self.end_month,
            "months": self.months,
            "scale": self.scale,
            "platform_formats": self.platform_formats,
            "period": {"first_day": self.start.isoformat(), "last_day": self.end.isoformat()},
            "store": {"name": "Lumen & Loom", "name_zh": "暖织家居", "brands": ["Lumen Lab", "Lumen & Loom"]},
            "files": sorted(self.files),
            "rows": {t: self.rows[t] for t in TABLE_FOLDERS},
            "truths": self.truth,
        }
        text = json.dumps(_jsonable(doc), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        (self.raw / "_truth.json").write_text(text, encoding="utf-8")
        # The store describes itself (storebook.engine.identity): the pack names it from this file.
        store = {"name": "Lumen & Loom", "name_zh": "暖织家居", "currency": "CNY"}
        (self.raw / "_store.json").write_text(json.dumps(store, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")

    def compute_truth(self) -> dict:
        iso = lambda t: self.day_date(int(t)).isoformat()  # noqa: E731
        out: dict = {}
        # 1. promo_uplift
        u, pr = self.uplift, self.uplift_promo
        price = self.price[u["skus"]] / 100.0
        base_units = float(self.uplift_cf.sum())
        exp_units = float(self.uplift_actual.sum())
        rev_actual = float((self.uplift_actual * price[None, :] * (1 - UPLIFT["discount"])).sum())
        rev_cf = float((self.uplift_cf * price[None, :]).sum())
        sold = self.sold[u["start"]:u["end"] + 1, UPLIFT["platform"]][:, u["skus"]].sum()
        out["promo_uplift"] = {
            "promo_id": pr.promo_id, "platform": PLATFORMS[UPLIFT["platform"]], "category": UPLIFT["category"],
            "skus": [self.sku[s] for s in u["skus"]], "starts_on": iso(u["start"]), "ends_on": iso(u["end"]),
            "days": UPLIFT["days"], "discount_pct": UPLIFT["discount"], "true_uplift_pct": UPLIFT["uplift"],
            "baseline_units": round(base_units, 2), "expected_units": round(exp_units, 2),
            "incremental_units": round(exp_units - base_units, 2),
            "baseline_paid_revenue": round(rev_cf, 2), "expected_paid_revenue": round(rev_actual, 2),
            "incremental_paid_revenue": round(rev_actual - rev_cf, 2),
            "realised_units": int(sold),
            "clean_window": {"from": iso(u["start"] - 56), "to": iso(u["end"] + 21),
                             "rule": "no other promotion covers these SKUs on this platform (or on every platform)"},
            "how_to_find": "units of the promoted SKUs on jd vs. their own pre-period and vs. other skincare SKUs "
                           "(difference in differences); the estimate should be near incremental_units",
        }
        # 2. promo_pull_forward
        pf, pp = self.pull, self.pull_promo
        dip_base = float(self.pull_cf.sum())
        dip_exp = float(self.pull_actual.sum())
        out["promo_pull_forward"] = {
            "promo_id": pp.promo_id, "platform": PLATFORMS[PULL_FORWARD["platform"]], "category": PULL_FORWARD["category"],
            "skus": [self.sku[s] for s in pf["skus"]], "starts_on": iso(pf["start"]), "ends_on": iso(pf["end"]),
            "discount_pct": PULL_FORWARD["discount"], "true_uplift_pct": 0.0,
            "expected_units_during_promo": round(float(self.pull_promo_units), 2),
            "dip_starts_on": iso(pf["dip_start"]), "dip_ends_on": iso(pf["dip_end"]), "dip_days": PULL_FORWARD["dip_days"],
            "dip_pct": -PULL_FORWARD["dip"], "dip_baseline_units": round(dip_base, 2),
            "dip_expected_units": round(dip_exp, 2), "dip_lost_units": round(dip_base - dip_exp, 2),
            "how_to_find": "units during the promotion are at baseline (no uplift, the discount is pure cost); "
                           "the 10 days after it fall by about 35%",
        }
        # 3. tracking_outage
        rec = getattr(self, "outage_record", {"normal_visitors": None, "recorded_visitors": None})
        out["tracking_outage"] = {
            "platform": PLATFORMS[OUTAGE["platform"]], "date": iso(self.outage_day), "factor": OUTAGE["factor"],
            "metrics_affected": ["visitors", "page_views", "product_views"],
            "metrics_unaffected": ["cart_adds", "checkouts", "buyers", "orders", "paid_amount"],
            "normal_visitors_all_rows": rec["normal_visitors"], "recorded_visitors_all_rows": rec["recorded_visitors"],
            "how_to_find": "visitors on that day far below the same weekday's median while orders are normal; "
                           "conversion that day looks impossibly high",
        }
        # 4. competitor_price_cut
        hc = np.flatnonzero(self.sku_cat == CATEGORIES.index(COMPETITOR_CUT["category"]))
        before = self.sold[max(self.cut_day - 28, 0):self.cut_day, P_DY][:, hc].sum()
        after = self.sold[self.cut_day:self.n_days, P_DY][:, hc].sum()
        out["competitor_price_cut"] = {
            "competitor": COMPETITORS[COMPETITOR_CUT["competitor"]][0],
            "platform": COMPETITORS[COMPETITOR_CUT["competitor"]][1], "category": COMPETITOR_CUT["category"],
            "competitor_skus": self.comp_cut_products, "cut_from": iso(self.cut_day),
            "price_cut_pct": -COMPETITOR_CUT["price_cut"],
            "mean_price_before_14d": None if self.comp_cut_prices[0] is None else round(self.comp_cut_prices[0], 2),
            "mean_price_after": None if self.comp_cut_prices[1] is None else round(self.comp_cut_prices[1], 2),
            "our_units_effect_pct": -COMPETITOR_CUT["our_units"],
            "our_expected_units_after": round(float(self.cut_actual), 2),
            "our_counterfactual_units_after": round(float(self.cut_cf), 2),
            "our_lost_units_expected": round(float(self.cut_cf - self.cut_actual), 2),
            "our_realised_units_28d_before": int(before), "our_realised_units_after": int(after),
            "days_after": int(self.n_days - self.cut_day),
            "how_to_find": "competitor price index for the category drops ~20% on that date; our douyin haircare "
                           "units drop ~15% from the same date, other platforms and categories do not",
        }
        # 5. late_supplier
        out["late_supplier"] = self.late_supplier_truth(iso)
        # 6. mobile_conversion_drop
        out["mobile_conversion_drop"] = self.mobile_truth()
        # 7. complaint_spike
        out["complaint_spike"] = self.complaint_truth(iso)
        # 8. slow_carrier
        slow_t = np.concatenate([a for a, _ in self.slow_log]) if self.slow_log else np.zeros(0)
        lane = np.concatenate(self.slow_lane_log) if self.slow_lane_log else np.zeros(0)
        out.update(getattr(self, "duties_truths", {}))
        out["slow_carrier"] = {
            "carrier": CARRIERS[SLOW_CARRIER["carrier"]], "provinces": list(SLOW_CARRIER["provinces"]),
            "shipped_from": iso(self.slow[0]), "shipped_to": iso(self.slow[1]), "days": SLOW_CARRIER["days"],
            "extra_days": SLOW_CARRIER["extra_days"], "affected_shipments": int(len(slow_t)),
            "mean_transit_days_affected": round(float(slow_t.mean()), 2) if len(slow_t) else None,
            "mean_transit_days_same_lane_otherwise": round(float(lane.mean()), 2) if len(lane) else None,
            "how_to_find": "delivery time (delivered_at − shipped_at) by carrier × province × week: one carrier, "
                           "these provinces, these shipping dates are ~3 days slower; logistics tickets rise",
        }
        return out

    def late_supplier_truth(self, iso) -> dict:
        last = self.n_days - 1
        pl = self.po_lines
        sup = np.array([ln.supplier for ln in pl])
        promised = np.array([ln.promised for ln in pl])
        received = np.array([ln.received for ln in pl])
        qo = np.array([ln.qty_ordered for ln in pl])
        qr = np.array([ln.qty_received for ln in pl])
        done = (received <= last) & (promised >= self.late_from)
        me = done & (sup == self.late_sup)
        others = done & (sup != self.late_sup)
        skus = np.flatnonzero(self.sku_sup == self.late_sup)
        hand = np.concatenate(self.inv_hand_log, axis=0)  # (days, S, W)
        alive = (np.arange(self.n_days)[:, None] >= self.launch[None, :]) & (np.arange(self.n_days)[:, None] < self.discontinued[None, :])
        win = slice(self.late_from, self.n_days)
        zero_wh = (hand[win] == 0) & alive[win][:, :, None]
        zero_all = (hand[win].sum(axis=2) == 0) & alive[win]
        oth_skus = np.flatnonzero(self.sku_sup != self.late_sup)
        n_days_win = self.n_days - self.late_from
        return {
            "supplier_id": self.supplier_ids[self.late_sup], "skus": [self.sku[s] for s in skus],
            "late_from": iso(self.late_from), "rule": "purchase-order lines promised on or after late_from",
            "planted_mean_delay_days": LATE["delay_mean"], "planted_fill_rate": LATE["fill_mean"],
            "mean_delay_days": round(float((received[me] - promised[me]).mean()), 2) if me.any() else None,
            "fill_rate": round(float(qr[me].sum() / qo[me].sum()), 4) if me.any() else None,
            "po_lines": int(me.sum()),
            "others_mean_delay_days": round(float((received[others] - promised[others]).mean()), 2),
            "others_fill_rate": round(float(qr[others].sum() / qo[others].sum()), 4),
            "stockout_sku_warehouse_days": int(zero_wh[:, skus].sum()),
            "stockout_sku_days_all_warehouses": int(zero_all[:, skus].sum()),
            "stockout_sku_days_rate": round(float(zero_all[:, skus].sum() / max(alive[win][:, skus].sum(), 1)), 4),
            "others_stockout_sku_days_rate": round(float(zero_all[:, oth_skus].sum() / max(alive[win][:, oth_skus].sum(), 1)), 4),
            "lost_units": int(self.lost[win][:, skus].sum()),
            "others_lost_units_per_sku": round(float(self.lost[win][:, oth_skus].sum() / len(oth_skus)), 2),
            "lost_units_per_sku": round(float(self.lost[win][:, skus].sum() / len(skus)), 2),
            "window_days": int(n_days_win),
            "how_to_find": "purchase_orders: received_on − promised_on and qty_received / qty_ordered by supplier; "
                           "inventory on_hand = 0 days for its SKUs; lost_units is demand no warehouse could serve",
        }

    def mobile_truth(self) -> dict:
        k1 = self.months - 2  # end_month − 1
        k2 = self.months - 3
        log1, log2 = self.traffic_log[k1], self.traffic_log[k2]
        seg = {}
        for p in range(4):
            for d in range(2):
                name = f"{PLATFORMS[p]}/{DEVICES[d]}"
                c1 = log1["buy"][p, d] / log1["vis"][p, d]
                c2 = log2["buy"][p, d] / log2["vis"][p, d]
                seg[name] = {"conversion_prev": round(float(c2), 5), "conversion": round(float(c1), 5),
                             "change_pct": round(float(c1 / c2 - 1), 4)}
        tot1 = log1["buy"].sum() / log1["vis"].sum()
        tot2 = log2["buy"].sum() / log2["vis"].sum()
        # Contribution of the segment: its buyers at last month's conversion, other segments unchanged.
        p, d = MOBILE_DROP["platform"], 0
        buy_cf = log1["buy"].sum() - log1["buy"][p, d] + log1["vis"][p, d] * (log2["buy"][p, d] / log2["vis"][p, d])
        tot_cf = buy_cf / log1["vis"].sum()
        a, b = self.mobile_drop
        return {
            "platform": PLATFORMS[p], "device": "mobile", "month": self.day_date(a).strftime("%Y-%m"),
            "starts_on": self.day_date(a).isoformat(), "ends_on": self.day_date(b).isoformat(),
            "conversion_drop_pct": -MOBILE_DROP["drop"],
            "expected_orders_lost": round(float((self.mobile_units_cf - self.mobile_units_actual) / (MEAN_QTY * MEAN_LINES)), 1),
            "total_conversion_prev_month": round(float(tot2), 5), "total_conversion": round(float(tot1), 5),
            "total_change_pct": round(float(tot1 / tot2 - 1), 4),
            "total_change_without_this_segment_pct": round(float(tot_cf / tot2 - 1), 4),
            "segments": seg,
            "how_to_find": "month-over-month conversion (buyers / visitors from traffic `all` rows) by platform × "
                           "device: tmall mobile falls ~30% with visitors normal; checkouts normal, buyers down",
        }

    def complaint_truth(self, iso) -> dict:
        j = self.defect_line
        ln = self.po_lines[j]
        days = np.concatenate([d for d, _ in self.complaint_log]) if self.complaint_log else np.zeros(0, int)
        from_batch = np.concatenate([b for _, b in self.complaint_log]) if self.complaint_log else np.zeros(0, bool)
        sales = np.array(self.defect_sales) if self.defect_sales else np.zeros((0, 2), int)
        first_sale = int(sales[:, 0].min()) if len(sales) else None
        last_sale = int(sales[:, 0].max()) if len(sales) else None
        spike_from = first_sale if first_sale is not None else ln.received
        spike_to = self.n_days - 1
        before_from = max(spike_from - 56, 0)
        n_before = int(((days >= before_from) & (days < spike_from)).sum())
        n_spike = int(((days >= spike_from) & (days <= spike_to)).sum())
        w_before = max((spike_from - before_from) / 7.0, 1e-9)
        w_spike = max((spike_to - spike_from + 1) / 7.0, 1e-9)
        rdays = np.concatenate([d for d, _ in self.complaint_return_log]) if self.complaint_return_log else np.zeros(0, int)
        r_before = int(((rdays >= before_from) & (rdays < spike_from)).sum())
        r_spike = int(((rdays >= spike_from) & (rdays <= spike_to)).sum())
        return {
            "supplier_id": self.supplier_ids[ln.supplier], "sku": self.sku[ln.sku], "batch_id": ln.batch_id,
            "po_id": ln.po_id, "warehouse": WAREHOUSES[ln.wh], "received_on": iso(ln.received),
            "batch_units": ln.qty_received - ln.qty_rejected,
            "units_sold_from_batch": int(sales[:, 1].sum()) if len(sales) else 0,
            "first_sale_on": None if first_sale is None else iso(first_sale),
            "last_sale_on": None if last_sale is None else iso(last_sale),
            "planted_quality_ticket_rate_per_line": COMPLAINT["ticket_rate"],
            "normal_quality_ticket_rate_per_line": COMPLAINT["base_ticket_rate"],
            "planted_extra_quality_return_rate_per_line": COMPLAINT["return_rate"],
            "normal_period": {"from": iso(before_from), "to": iso(spike_from - 1)},
            "spike_period": {"from": iso(spike_from), "to": iso(spike_to)},
            "complaints_normal": n_before, "complaints_spike": n_spike,
            "complaints_per_week_normal": round(n_before / w_before, 2),
            "complaints_per_week_spike": round(n_spike / w_spike, 2),
            "complaints_spike_with_batch_id": int(((days >= spike_from) & from_batch).sum()),
            "quality_returns_normal": r_before, "quality_returns_spike": r_spike,
            "quality_returns_per_week_normal": round(r_before / w_before, 2),
            "quality_returns_per_week_spike": round(r_spike / w_spike, 2),
            "how_to_find": "service_tickets with category quality and is_complaint true for this SKU, by week and "
                           "batch_id; returns with reason quality for this SKU rise after the batch starts selling",
        }

    # ================================================================== summary
    def summary(self, seconds: float) -> dict:
        return {
            "rows": {t: self.rows[t] for t in TABLE_FOLDERS},
            "files": sorted(self.files) + ["_truth.json", "_store.json"],
            "seconds": round(seconds, 2),
            "raw_dir": str(self.raw),
            "period": [self.start.isoformat(), self.end.isoformat()],
            "truth": "_truth.json",
        }


def _deterministic_xlsx(data: bytes, stamp: date) -> bytes:
    """Rewrite an openpyxl workbook with fixed zip timestamps and document dates."""
    fixed = f"{stamp.isoformat()}T00:00:00Z"
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                import re

                body = re.sub(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:)", lambda m: m.group(1) + fixed.encode() + m.group(3), body)
            zi = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o600 << 16
            dst.writestr(zi, body)
    return out.getvalue()


def _jsonable(obj):
    if isinstance(obj, dict):
        return {str(k): _jsonable(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_jsonable(v) for v in obj]
    if isinstance(obj, np.integer):
        return int(obj)
    if isinstance(obj, np.floating):
        return round(float(obj), 6)
    if isinstance(obj, float):
        return round(obj, 6)
    if isinstance(obj, np.ndarray):
        return [_jsonable(v) for v in obj.tolist()]
    return obj
