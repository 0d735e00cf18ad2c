"""The fictional store the sample is made of: *Lumen & Loom* (暖织家居) and its world.

Everything here is a fixed fact of the store, not a draw: the raw layout it is written in,
its platforms and their traffic channels, the catalogue's categories and price ranges, its
suppliers, warehouses, carriers and competitors, the shape of an order, and the sizes of
the planted truths (docs/sample_store.md). Platforms, categories, warehouses and carriers
are referred to by their index in these tuples throughout the generator (``P_TM`` … for
the platforms).
"""

from __future__ import annotations

import numpy as np

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

# Planted truths: fixed sizes (documented in docs/sample_store.md; truths.py places them).
# promo_uplift: a JD skincare discount on 8 SKUs that lifts their units by 60%.
UPLIFT = dict(platform=P_JD, category="skincare", n_skus=8, days=9, discount=0.20, uplift=0.60)
# promo_pull_forward: a Tmall makeup discount with no lift, then 10 days 35% below baseline.
PULL_FORWARD = dict(platform=P_TM, category="makeup", n_skus=8, days=7, discount=0.15, dip=0.35, dip_days=10)
# tracking_outage: one day of JD visitors and views recorded at 8% of their number.
OUTAGE = dict(platform=P_JD, factor=0.08)
# competitor_price_cut: competitor C cuts haircare prices by 20%; our Douyin haircare sells 15% less.
COMPETITOR_CUT = dict(competitor=2, category="haircare", price_cut=0.20, our_units=0.15)
# late_supplier: from 6 months before the end, S09 delivers 12 days late and 70% full.
LATE = dict(supplier="S09", months_before=6, delay_mean=12.0, fill_mean=0.70)
# mobile_conversion_drop: Tmall mobile converts 30% less for a month (a checkout bug).
MOBILE_DROP = dict(platform=P_TM, drop=0.30)
# complaint_spike: a defective batch of S06's best SKU; quality tickets and returns per line.
COMPLAINT = dict(supplier="S06", ticket_rate=0.15, return_rate=0.10, base_ticket_rate=0.004)
# slow_carrier: ZTO's parcels to the south-west take 3 days longer for 10 days.
SLOW_CARRIER = dict(carrier=2, provinces=("四川", "重庆", "贵州", "云南"), days=10, extra_days=3)
#: The fewest months a sample may have and still hold every planted truth.
MIN_MONTHS = 9
