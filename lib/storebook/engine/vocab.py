"""The vocabularies a store's data may use, with their English and Chinese labels.

Which platforms, channels and devices a workbook accepts is its own setting (``[store]`` in
storebook.toml, :class:`storebook.engine.config.StoreSettings`): ingest rejects a value that the
configuration does not list, with the line to add. This module is the catalogue of the
values storebook knows how to name; a value the catalogue does not know may still be
configured, and is shown as it is written.

>>> label("platform", "pinduoduo", "zh"), label("platform", "my_shop", "en")
('拼多多', 'my_shop')
"""

from __future__ import annotations

#: Sales platforms: value → (English, 中文).
PLATFORMS: dict[str, tuple[str, str]] = {
    "tmall": ("Tmall", "天猫"),
    "taobao": ("Taobao", "淘宝"),
    "jd": ("JD", "京东"),
    "pinduoduo": ("Pinduoduo", "拼多多"),
    "douyin": ("Douyin", "抖音"),
    "kuaishou": ("Kuaishou", "快手"),
    "xiaohongshu": ("Xiaohongshu", "小红书"),
    "wechat": ("WeChat Shop", "微信小店"),
    "web": ("Web shop", "官网商城"),
    "shopify": ("Shopify", "Shopify"),
    "amazon": ("Amazon", "亚马逊"),
    "shopee": ("Shopee", "Shopee"),
    "lazada": ("Lazada", "Lazada"),
    "tiktok_shop": ("TikTok Shop", "TikTok Shop"),
}

#: Traffic and marketing channels.
CHANNELS: dict[str, tuple[str, str]] = {
    "organic_search": ("Organic search", "自然搜索"),
    "paid_search": ("Paid search", "付费搜索"),
    "social": ("Social", "社交媒体"),
    "email": ("Email", "邮件营销"),
    "live_stream": ("Live stream & short video", "直播与短视频"),
    "recommendation": ("Platform recommendation", "平台推荐"),
    "direct": ("Direct", "直接访问"),
    "referral": ("Referral", "外部引荐"),
}

#: Devices.
DEVICES: dict[str, tuple[str, str]] = {
    "mobile": ("Mobile", "移动端"),
    "pc": ("PC", "PC端"),
}

KINDS: dict[str, dict[str, tuple[str, str]]] = {"platform": PLATFORMS, "channel": CHANNELS, "device": DEVICES}


def label(kind: str, value: str, language: str = "en") -> str:
    """The label of ``value`` (a platform, channel or device) in ``language``; the value itself
    when the catalogue does not know it."""
    names = KINDS[kind].get(value)
    return value if names is None else names[0 if language == "en" else 1]


def known(kind: str) -> list[str]:
    """The values of a vocabulary the catalogue can name, in catalogue order."""
    return list(KINDS[kind])
