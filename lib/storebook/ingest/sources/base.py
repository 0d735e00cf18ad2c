"""What every source adapter shares: the frame it yields, the protocol it follows, and the
small text clean-ups that platform exports need before ingest parses them.

Adapters only rename, reshape and clean text (the staging layer): ingest parses, validates
and rejects, the same way for every source.
"""

from __future__ import annotations

import dataclasses
import functools
import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from storebook.engine import schema
from storebook.errors import InputError
from storebook.ingest.parsing import POINT, NumberFormat, isin_text, plain_numbers
from storebook.ingest.sources.readers import RawFrame, read_grid, read_table

#: Columns that hold personal data in raw exports; ingest never carries them forward.
#: Platform names are listed so that `_ingest.json` reports them only as "<personal data>".
PERSONAL_COLUMNS = {
    "buyer_name", "buyer_phone", "buyer_email", "shipping_address", "ip_address",
    "customer_name", "customer_phone", "customer_email", "receiver_name", "receiver_phone",
    "receiver_address", "email", "phone", "address", "name",
    # Shopify orders export
    "Email", "Phone", "Billing Name", "Billing Street", "Billing Address1", "Billing Address2",
    "Billing Company", "Billing City", "Billing Zip", "Billing Phone", "Shipping Name", "Shipping Street",
    "Shipping Address1", "Shipping Address2", "Shipping Company", "Shipping City", "Shipping Zip",
    "Shipping Phone", "Notes", "Browser IP", "Device ID", "Payment Reference", "Payment References",
    "Payment ID", "Receipt Number",
    # Taobao/Tmall and JD order reports
    "买家会员名", "买家支付宝账号", "收货人姓名", "收货地址", "联系电话", "联系手机", "买家留言", "发票抬头",
    "修改后的收货地址", "下单帐号", "下单账号", "客户姓名", "客户地址", "客户电话", "收货人", "收货人手机",
    "订单备注",
}


@dataclass
class SourceFrame:
    """Rows of one canonical table read from one file, as text, in canonical names.

    Attributes:
        table: the canonical table.
        frame: text columns, exactly the table's columns.
        rows: spreadsheet row numbers in the file, for messages (one per frame row).
        encoding: how the file was decoded.
        dropped_columns: columns of the file that were not carried forward.
        notes: what the numbers mean where the platform's definition differs from ours, and
            what the adapter did (recorded per file in ``_ingest.json``).
        column_notes: a hint appended to the reason of a row rejected in that column.
        version: when files of one source overlap (Shopify exports of overlapping periods),
            rows sharing ``supersede_by`` values are kept from the file of the greatest
            version only ("newest wins"); the others are rejected as superseded.
        supersede_by: the columns that identify a record across files (default: the key).
        currency: the currency the export states its amounts in (Shopify's ``Currency``
            column), when it states one; ingest records it per file in ``_ingest.json`` so
            that the store's identity can be taken from the data. Amounts are never converted.
        currency_column: the column of the export that states ``currency`` (Shopify: ``Currency``),
            for the warning when files state different currencies.
        currency_rows: the rows of the export stating each currency in ``currency_column``
            (currency → rows; Shopify states it on an order's first row): more than one
            currency in one file is warned of, as its amounts are summed across rows.
        currency_unread: values of ``currency_column`` that are not currency codes (``$``,
            ``Yuan``): value → ``rows`` (the rows holding it) and ``row`` (the first, in the file).
            Their rows' amounts are in a currency nothing tells: the adapter rejects them
            (``problems``, storebook.engine.identity.unread_currency_reason), they are not counted
            in ``currency_rows``, and ingest warns, naming the file, row and column.
        folded_rows: lines of the file that are not rows of their own but continue one (Shopify
            products' image-only rows, folded into their product): counted, so that the file's
            lines reconcile with the rows read (lines = rows read + folded).
        folded_kind: what those lines are, a key of the report's words (``image_only``).
        problems: rows the adapter itself rejects, aligned with ``frame``: ``column``,
            ``value`` and ``reason`` ('' where the row is fine). Ingest rejects them with
            that reason before it parses the row (a custom source's input that does not
            read as its declared type).
        bad_rows: rows of the file the reader could not split into columns (row, column,
            reason): ingest rejects them, so that they are counted.
        number_format: how the frame's numbers are written (None: ingest tells from the values).
    """

    table: str
    frame: pd.DataFrame
    rows: pd.Series
    encoding: str
    dropped_columns: list[str]
    notes: list[str] = field(default_factory=list)
    column_notes: dict[str, str] = field(default_factory=dict)
    version: str | None = None
    supersede_by: list[str] | None = None
    currency: str | None = None
    currency_column: str = ""
    currency_rows: dict[str, int] = field(default_factory=dict)
    currency_unread: dict[str, dict[str, int]] = field(default_factory=dict)
    folded_rows: int = 0
    folded_kind: str = ""
    problems: pd.DataFrame | None = None
    bad_rows: pd.DataFrame | None = None
    number_format: NumberFormat | None = None


class Source(Protocol):
    """What an adapter provides. ``describe`` and ``diagnose`` are optional (see detect)."""

    name: str

    def matches(self, path: Path, header: list[str], raw_root: Path) -> bool: ...

    def read(self, path: Path, raw_root: Path) -> Iterator[SourceFrame]: ...


# ----------------------------------------------------------------------------- text clean-ups

_MISSING = {"", "-", "--", "—", "null", "NULL", "None", "none", "nan", "NaN", "N/A", "n/a", "#N/A"}
#: What Python's ``\s`` matches (str.isspace), as literal characters: pandas hands a pattern
#: to Arrow's RE2 (vectorised) unless it holds ``\s``, whose RE2 meaning is narrower.
SPACE = "".join(chr(c) for c in range(0x3001) if chr(c).isspace())


def _isin(values: pd.Series, allowed: set[str]) -> pd.Series:
    """``values.isin(allowed)`` for values of any type, compared as their text."""
    return isin_text(values.astype(str), allowed)


def map_unique(values: pd.Series, func: Callable[[object], object]) -> pd.Series:
    """``values.map(func)`` calling ``func`` once per distinct value (object dtype).

    Exports repeat their values (a tag list, a note, a province) on thousands of rows;
    ``func`` must depend on the value alone.
    """
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    mapped = np.empty(len(uniques), dtype=object)
    mapped[:] = [func(u) for u in uniques]
    return pd.Series(mapped[codes], index=values.index, dtype=object)


def _map_floats(values: pd.Series, func: Callable[[float], str]) -> pd.Series:
    """``values.map(func)`` over floats, once per distinct bit pattern (-0.0 is not 0.0)."""
    floats = pd.to_numeric(values).to_numpy(dtype="float64", na_value=np.nan)
    codes, uniques = pd.factorize(floats.view("int64"))
    text = np.array([func(float(v)) for v in uniques.view("float64")] + [""], dtype=object)
    return pd.Series(text[codes], index=values.index).astype("str")


def code(text: pd.Series) -> pd.Series:
    """Identifiers as exports protect them from Excel: ``'4001``, ``="4001"``, a tab → ``4001``."""
    out = text.astype(str).str.strip().str.replace(r'^="(.*)"$', r"\1", regex=True)
    return out.str.replace(r"^['\t]+", "", regex=True).str.strip()


def number(text: pd.Series, missing: str = "", fmt: NumberFormat = POINT) -> pd.Series:
    """Numbers as text ingest can parse: spaces and currency signs gone, thousands separators
    removed where they group thousands (``1,234.50``); ``-``/``--``/``null`` (what Chinese
    platforms write for "nothing") become ``missing``.

    A value that is not a number in ``fmt`` (the platform's: a decimal point) is passed on as
    written — ``12,50`` is not 1250 — so that ingest rejects its row naming it.
    """
    out = text.astype(str)
    # Nearly every export's numbers hold no space and no sign, and then the four passes below
    # change nothing (stripping removes Unicode's white space, all of it in SPACE): one search
    # of the column instead (300,000 amounts: 0.08 → 0.05 CPU-s for the whole function).
    if len(out) and pc.any(pc.match_substring_regex(pa.array(out, from_pandas=True), _UNCLEAN_NUMBER)).as_py():
        out = out.str.strip()
        out = out.str.replace(f"^[¥￥$€][{SPACE}]*", "", regex=True)
        out = out.str.replace("\u00a0", "", regex=False).str.replace(" ", "", regex=False)
    return plain_numbers(out, fmt).where(~_isin(out, _MISSING), missing)


#: A character :func:`number` removes: white space or a currency sign (RE2's ``\x{…}`` for each).
_UNCLEAN_NUMBER = "[" + "".join(f"\\x{{{ord(c):x}}}" for c in "¥￥$€" + SPACE) + "]"


#: Plain decimals that Arrow and pandas both read exactly (at most 15 digits, no exponent:
#: the mantissa is exact in a double and one division by a power of ten rounds it once).
_PLAIN_NUMBER = r"^-?[0-9]{1,9}(\.[0-9]{1,6})?$"


def to_number(text: pd.Series) -> pd.Series:
    """``pd.to_numeric(text, errors="coerce")``, cast by Arrow in one pass when every value is
    empty or a plain decimal (pd.to_numeric converts value by value); the same dtype (int64
    when every value is a whole number, else float64 with NaN for empty) and the same values."""
    arr = pa.array(text, from_pandas=True)
    if not pa.types.is_string(arr.type) and not pa.types.is_large_string(arr.type) or arr.null_count:
        return pd.to_numeric(text, errors="coerce")
    empty = pc.equal(arr, "")
    if not pc.all(pc.or_(empty, pc.match_substring_regex(arr, _PLAIN_NUMBER))).as_py():
        return pd.to_numeric(text, errors="coerce")
    if not pc.any(empty).as_py() and not pc.any(pc.match_substring(arr, ".")).as_py():
        values = pc.cast(arr, pa.int64()).to_numpy(zero_copy_only=False)
    else:
        values = pc.cast(pc.if_else(empty, pa.scalar(None, arr.type), arr), pa.float64()).to_numpy(zero_copy_only=False)
    return pd.Series(values, index=text.index, name=text.name)


def percent(text: pd.Series) -> pd.Series:
    """``9.98%`` → 0.0998 (floats, NaN where missing or not a finite number)."""
    out = number(text).str.rstrip("%")
    values = pd.to_numeric(out, errors="coerce").astype("float64")
    values = values.where(np.isfinite(values))
    return values.where(~text.astype(str).str.strip().str.endswith("%"), values / 100)


def blank(text: pd.Series) -> pd.Series:
    """True where a cell holds nothing (or a platform's 'nothing' marker)."""
    return _isin(text.astype(str).str.strip(), _MISSING)


def money_text(values: pd.Series) -> pd.Series:
    """Floats as text with two decimals (empty where NaN)."""
    return _map_floats(values, lambda v: "" if pd.isna(v) else f"{v:.2f}")


def int_text(values: pd.Series) -> pd.Series:
    """Floats as whole-number text (empty where NaN; ``inf`` as written, for ingest to reject)."""
    return _map_floats(values, lambda v: "" if pd.isna(v) else str(int(round(v))) if math.isfinite(v) else str(v))


def name_key(names: pd.Series) -> pd.Series:
    """The key of an item known by its name only: ``name:`` + the name, case and spacing
    folded, at most 120 characters — as ingest keys an order line without a SKU
    (``ingest._key_lines``), so that a catalogue variant without a SKU and the order lines
    that sold it share one key.

    >>> name_key(pd.Series(["Classic  Varsity Top - Small"])).tolist()
    ['name:classic varsity top - small']
    """
    folded = names.astype(str).str.casefold().str.split().str.join(" ").str.slice(0, 120)
    return ("name:" + folded).astype("str")


def canonical(table: str, columns: dict[str, pd.Series | str], index: pd.Index) -> pd.DataFrame:
    """A text frame with exactly the table's columns: given ones, the rest empty."""
    data = {}
    for spec in schema.columns(table):
        value = columns.get(spec.name, "")
        data[spec.name] = (value.astype(str).reindex(index).fillna("") if isinstance(value, pd.Series)
                           else pd.Series(value, index=index, dtype="str"))
    return pd.DataFrame(data, index=index)


# ----------------------------------------------------------------------------- platform layouts

@functools.lru_cache(maxsize=64)
def _head(path: str, size: int, mtime: int) -> tuple[tuple[str, ...], ...]:
    try:
        rows, _ = read_grid(Path(path), limit=40)
    except InputError:
        return ()
    return tuple(tuple(r) for r in rows)


def head_rows(path: Path) -> list[list[str]]:
    """The first 40 rows of a file as text (cached while the file is unchanged)."""
    stat = path.stat()
    return [list(r) for r in _head(str(path), stat.st_size, stat.st_mtime_ns)]


_SPACES = re.compile(r"\s+")


@functools.lru_cache(maxsize=1 << 16)
def _norm(name: str) -> str:
    # Cached: every adapter looks at the same first rows of every file when ingest detects
    # its source (a million calls for the 1M bench store's 114 files, 9 s of the parent).
    return _SPACES.sub(" ", name.replace("\ufeff", "")).strip()


#: alias → main name, per aliases table (kept with the table it was made from).
_REVERSED: dict[int, tuple[dict, dict[str, str]]] = {}


def _reverse_aliases(aliases: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """Each alternative name → its main name; the first main name that lists it wins."""
    known = _REVERSED.get(id(aliases))
    if known is None or known[0] is not aliases:
        reverse = {alt: main for main, alts in reversed(list(aliases.items())) for alt in alts}
        known = _REVERSED[id(aliases)] = (aliases, reverse)
    return known[1]


class PlatformSource:
    """A platform export recognised by a set of header names anywhere in its first rows.

    Subclasses set ``name``, ``description``, ``tables``, ``signature`` (every one of these
    names in one row = this export) and implement :meth:`convert`.
    """

    name = ""
    description = ""
    tables: tuple[str, ...] = ()
    signature: tuple[str, ...] = ()
    #: Alternative names for a column, normalised to the first (exports vary by version).
    aliases: dict[str, tuple[str, ...]] = {}
    #: Groups of names of which the header must hold at least one each (an export that
    #: names a line by its SKU or by its name, depending on its version).
    signature_any: tuple[tuple[str, ...], ...] = ()
    #: A table ends at the first empty row (GA4 appends further sections after one).
    stop_at_blank = False

    def describe(self) -> str:
        return f"{self.name} ({self.description})"

    def header_index(self, rows: list[list[str]]) -> int | None:
        wanted, groups = set(self.signature), [set(group) for group in self.signature_any]
        if type(self)._canon is PlatformSource._canon:
            # _canon's work with the aliases looked up once: every adapter asks this of the
            # first 40 rows of every file, in the parent (the parse cache's name) and in a worker.
            aliases = _reverse_aliases(self.aliases)
            canon = lambda row: {aliases.get(n, n) for n in map(_norm, row)}  # noqa: E731
        else:  # an adapter's own names (Shopify's)
            canon = lambda row: set(map(self._canon, row))  # noqa: E731
        for i, row in enumerate(rows[:40]):
            names = canon(row)
            if wanted <= names and all(names & group for group in groups):
                return i
        return None

    def _canon(self, name: str) -> str:
        name = _norm(name)
        return _reverse_aliases(self.aliases).get(name, name)

    def matches(self, path: Path, header: list[str], raw_root: Path) -> bool:
        return self.header_index(head_rows(path)) is not None

    def diagnose(self, path: Path, header: list[str], raw_root: Path) -> tuple[float, list[str]]:
        """How close the file comes to this export: (share of the signature found, missing names)."""
        wanted = [*self.signature, *(" or ".join(g) for g in self.signature_any)]
        best: tuple[float, list[str]] = (0.0, wanted)
        for row in head_rows(path)[:40]:
            names = {self._canon(c) for c in row}
            missing = [s for s in self.signature if s not in names]
            missing += [" or ".join(g) for g in self.signature_any if not names & set(g)]
            score = 1 - len(missing) / len(wanted)
            if score > best[0]:
                best = (score, missing)
        return best

    def load(self, path: Path) -> tuple[RawFrame, list[list[str]], int]:
        """The export's table (columns named as the platform names them, aliases resolved),
        the rows down to the header (at least) and the header's index in them."""
        found = read_table(path, self.header_index, self._canon, stop_at_blank=self.stop_at_blank)
        if found is None:  # detect() checked the head; a file changed underneath us
            raise InputError(path, f"the header of the {self.description} was not found",
                             expected=", ".join(self.signature), todo="re-export the file",
                             key="error.input.header_lost",
                             values={"description": self.description, "signature": ", ".join(self.signature)})
        return found

    def read(self, path: Path, raw_root: Path) -> Iterator[SourceFrame]:
        """The adapter's frames, with what the reader found: its notes on the first frame, the
        rows it could not read on the frame of the file's rows (the one with the most rows).
        Platform exports write decimal points."""
        raw, grid, index = self.load(path)
        frames = list(self.convert(path, raw, grid[:index]))
        if not frames:
            return
        main = max(range(len(frames)), key=lambda i: len(frames[i].rows))
        for i, sf in enumerate(frames):
            yield dataclasses.replace(
                sf, notes=[*raw.notes, *sf.notes] if i == 0 else sf.notes,
                bad_rows=raw.bad_rows if i == main else sf.bad_rows,
                number_format=sf.number_format or POINT)

    def convert(self, path: Path, raw: RawFrame, preamble: list[list[str]]) -> Iterator[SourceFrame]:
        raise NotImplementedError

    @staticmethod
    def col(frame: pd.DataFrame, *names: str, default: str = "") -> pd.Series:
        """The first of ``names`` the export has, as stripped text (``default`` when none)."""
        for name in names:
            if name in frame.columns:
                return frame[name].astype(str).str.strip()
        return pd.Series(default, index=frame.index, dtype="str")

    @staticmethod
    def has(frame: pd.DataFrame, *names: str) -> bool:
        return any(n in frame.columns for n in names)

    @staticmethod
    def dropped(frame: pd.DataFrame, used: set[str]) -> list[str]:
        return [c for c in frame.columns if c not in used]


# ----------------------------------------------------------------------------- provinces
# Addresses are reduced to the province at ingest (the contract keeps no street, city or
# zip). Provinces are written as their short Chinese names (浙江, 内蒙古), as the sample store
# and the Chinese platforms do; English names and Shopify's codes are translated.
#
# The names (浙江, 浙江省, Zhejiang, Inner Mongolia) are China's alone and always translate, and so
# do ISO 3166-2 codes of China (CN-ZJ), which carry their country. The bare two-letter codes (the
# second of each pair) are not: the same letters are other countries' regions — SC is Santa
# Catarina (Brazil) and South Carolina, HI Hawaii, SD South Dakota, NM New Mexico, MO Missouri — so
# a code names a Chinese province only in a row whose country says China (Shopify's
# Shipping/Billing Country, a custom source's `country:`, China for the Chinese platforms' order
# exports (CHINESE_PLATFORM_COUNTRY), else the store's `[store] country`);
# elsewhere, or where no country is known, it passes on as written, like any region this table
# does not know. Read everywhere, SC would show Brazilian customers as 四川 and make a Brazilian or
# US store's regions name China (crossfile.region_countries).

PROVINCES = {
    "北京": ("Beijing", "BJ"), "天津": ("Tianjin", "TJ"), "河北": ("Hebei", "HE"), "山西": ("Shanxi", "SX"),
    "内蒙古": ("Inner Mongolia", "NM"), "辽宁": ("Liaoning", "LN"), "吉林": ("Jilin", "JL"),
    "黑龙江": ("Heilongjiang", "HL"), "上海": ("Shanghai", "SH"), "江苏": ("Jiangsu", "JS"),
    "浙江": ("Zhejiang", "ZJ"), "安徽": ("Anhui", "AH"), "福建": ("Fujian", "FJ"), "江西": ("Jiangxi", "JX"),
    "山东": ("Shandong", "SD"), "河南": ("Henan", "HA"), "湖北": ("Hubei", "HB"), "湖南": ("Hunan", "HN"),
    "广东": ("Guangdong", "GD"), "广西": ("Guangxi", "GX"), "海南": ("Hainan", "HI"), "重庆": ("Chongqing", "CQ"),
    "四川": ("Sichuan", "SC"), "贵州": ("Guizhou", "GZ"), "云南": ("Yunnan", "YN"), "西藏": ("Tibet", "YZ"),
    "陕西": ("Shaanxi", "SN"), "甘肃": ("Gansu", "GS"), "青海": ("Qinghai", "QH"), "宁夏": ("Ningxia", "NX"),
    "新疆": ("Xinjiang", "XJ"), "香港": ("Hong Kong", "HK"), "澳门": ("Macau", "MO"), "台湾": ("Taiwan", "TW"),
}
#: Names, lower-cased, → province: read in any row.
_PROVINCE_NAMES = {k: k for k in PROVINCES}
for _zh, (_en, _code) in PROVINCES.items():
    _PROVINCE_NAMES[_en.lower()] = _zh
_PROVINCE_NAMES.update({"xizang": "西藏", "nei mongol": "内蒙古", "inner mongolia autonomous region": "内蒙古"})
#: Two-letter codes, lower-cased, → province: read only in a row known to be in China. Shopify
#: writes Tibet YZ; ISO 3166-2 writes it XZ (the only code of the two that differs).
_PROVINCE_CODES = {_code.lower(): _zh for _zh, (_en, _code) in PROVINCES.items()} | {"xz": "西藏"}
#: ISO 3166-2 codes of China, lower-cased, → province: read in any row (the code names its country).
#: The letter codes (CN-ZJ, since 2017) and the numeric ones ISO used before (CN-33, GB/T 2260).
_PROVINCE_ISO = {f"cn-{c}": zh for c, zh in _PROVINCE_CODES.items()} | {f"cn-{n}": zh for n, zh in {
    "11": "北京", "12": "天津", "13": "河北", "14": "山西", "15": "内蒙古", "21": "辽宁", "22": "吉林", "23": "黑龙江",
    "31": "上海", "32": "江苏", "33": "浙江", "34": "安徽", "35": "福建", "36": "江西", "37": "山东", "41": "河南",
    "42": "湖北", "43": "湖南", "44": "广东", "45": "广西", "46": "海南", "50": "重庆", "51": "四川", "52": "贵州",
    "53": "云南", "54": "西藏", "61": "陕西", "62": "甘肃", "63": "青海", "64": "宁夏", "65": "新疆", "71": "台湾",
    "91": "香港", "92": "澳门"}.items()}
_PROVINCE_NAMES.update(_PROVINCE_ISO)
#: Provinces by length, longest first: 内蒙古自治区… starts with 内蒙古, not with a shorter name.
_BY_LENGTH = sorted(PROVINCES, key=len, reverse=True)

#: How exports write China as a row's country (compared lower-cased, stripped).
CHINA = frozenset({"cn", "chn", "china", "中国", "中國", "中华人民共和国", "中國大陸", "中国大陆", "prc",
                   "people's republic of china", "peoples republic of china", "the people's republic of china",
                   "china mainland", "mainland china", "china, people's republic of"})


#: The country of the addresses in the Chinese platforms' order exports (Tmall/Taobao 收货地址, JD
#: 客户地址): those platforms deliver to addresses in China (Hong Kong, Macau and Taiwan included, each
#: a region of its own in PROVINCES), and their reports write the address in China's own form,
#: province first (浙江省 杭州市 …). Their rows' country is China whatever ``[store] country`` says:
#: the store's country is where the store is (its calendar, its currency), not where a platform's
#: buyers are — a German brand selling on Tmall Global still ships to addresses in China. The
#: address itself decides where it names a province by name, as everywhere; the country matters
#: only for a bare code (ZJ), which is then read as the province it is in China.
CHINESE_PLATFORM_COUNTRY = "CN"


def in_china(country: pd.Series) -> pd.Series:
    """Whether each row's country says China (``CN``, ``CHN``, ``China``, ``中国`` …).

    >>> in_china(pd.Series(["CN", " china ", "中国", "US", "BR", "", None])).tolist()
    [True, True, True, False, False, False, False]
    """
    return map_unique(country.astype(str), lambda c: str(c).strip().lower() in CHINA).astype(bool)


def chinese_province(value: str, china: bool = False) -> str | None:
    """The province of China that a region or address names (its short name), else None.

    A name (浙江, 浙江省, Zhejiang), an address that starts with one (浙江省杭州市…), or an ISO
    3166-2 code of China (CN-ZJ) names it in any row; a bare code (ZJ) only where ``china``
    (the row's country says China).

    >>> chinese_province("浙江省"), chinese_province("CN-ZJ"), chinese_province("ZJ"), chinese_province("ZJ", True)
    ('浙江', '浙江', None, '浙江')
    >>> chinese_province("BR-SP"), chinese_province("Inner Mongolia Autonomous Region")
    (None, '内蒙古')
    """
    v = str(value).strip()
    low = v.lower()
    hit = _PROVINCE_NAMES.get(low) or (china and _PROVINCE_CODES.get(low))
    if hit:
        return hit
    for zh in _BY_LENGTH:
        if v.startswith(zh):
            return zh
    word = re.split(r"[\s,，/]+", low)[0]
    return _PROVINCE_NAMES.get(word) or (china and _PROVINCE_CODES.get(word)) or None


#: The columns that name where a row is: customers' provinces, parcels' destinations, suppliers' regions.
REGION_COLUMNS: tuple[tuple[str, str], ...] = (("orders", "province"), ("shipments", "province"),
                                              ("suppliers", "region"))

#: An ISO 3166-2 code: the country's two letters, a dash, the region's one to three letters or digits.
ISO_REGION = re.compile(r"^([A-Za-z]{2})-[A-Za-z0-9]{1,3}$")

#: Longer than any province, state or country name: text this long is an address.
MAX_REGION_LENGTH = 40


def _blank_country(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or str(value).strip() in _MISSING


def _unchanged(text: pd.Series, func: Callable[[str], str]) -> bool:
    """Whether ``func`` leaves every distinct value of ``text`` as it is (looked up in Arrow: a
    canonical orders file holds millions of rows and a few dozen provinces)."""
    arr = pa.array(text, from_pandas=True)
    if not (pa.types.is_string(arr.type) or pa.types.is_large_string(arr.type)):
        return False
    return all(v is None or func(v) == v for v in pc.unique(arr).to_pylist())


def province(text: pd.Series, country: pd.Series | str | None = None, *, store_country: str = "",
             addresses: bool = True) -> pd.Series:
    """Province (short Chinese name) from a province field or a whole address.

    Args:
        text: a province field or a whole address, per row.
        country: each row's country (a series on ``text``'s index, or one value for every row),
            or None where the export gives none. Only a row whose country says China
            (:func:`in_china`) reads a bare two-letter code as a province of China.
        store_country: the store's country as configured (``[store] country``; "" when not set):
            the country of the rows whose own country is empty (or not given).
        addresses: ``text`` may hold whole addresses (the platforms' and custom sources'
            province fields): text that looks like a street address is never passed on. False
            for a region as the contract's layout writes it: what names no province of China is
            kept exactly as written.
    Returns:
        The province per row ("" where the text names none, or is a street address).

    >>> province(pd.Series(["浙江省 杭州市 西湖区 文三路1号", "Zhejiang", "ZJ", "内蒙古自治区呼和浩特市"])).tolist()
    ['浙江', '浙江', 'ZJ', '内蒙古']
    >>> province(pd.Series(["SC", "SC", "SC", "浙江省", "CN-SC"]), pd.Series(["CN", "BR", "", "US", "BR"])).tolist()
    ['四川', 'SC', 'SC', '浙江', '四川']
    >>> province(pd.Series(["SC", "SC"]), pd.Series(["", "US"]), store_country="CN").tolist()
    ['四川', 'SC']

    Text that names no Chinese province is a region or country elsewhere, passed on as
    written (``United Kingdom``, ``Île-de-France``, ``CA``, ``BR-SP``); text that looks like a
    street address (it holds a digit, or is longer than any region's name) is never passed on.

    >>> province(pd.Series(["United Arab Emirates", "151 O'Connor St", "Ontario"])).tolist()
    ['United Arab Emirates', '', 'Ontario']
    >>> province(pd.Series(["Zone 3", "浙江省"]), addresses=False).tolist()
    ['Zone 3', '浙江']
    """
    def one(value: str, china: bool) -> str:
        v = str(value).strip()
        if not v or v in _MISSING:
            return "" if addresses else value
        hit = chinese_province(v, china)
        if hit:
            return hit
        if not addresses or ISO_REGION.match(v):  # an ISO code (JP-13, FR-75) holds digits, no street
            return value if not addresses else v
        street = any(ch.isdigit() for ch in v) or len(v) > MAX_REGION_LENGTH or len(v.split()) > 5
        return "" if street else v  # never pass a street address on

    text = text.astype(str)
    if country is None or isinstance(country, str):
        scalar = store_country if _blank_country(country) else country
        china = str(scalar).strip().lower() in CHINA
        if not addresses and _unchanged(text, lambda v: one(v, china)):
            return text  # a file in the contract's layout that writes short names already (most do)
        return map_unique(text, lambda v: one(v, china)).astype("str")
    country = country.reindex(text.index)
    if store_country:
        country = country.where(~map_unique(country, _blank_country).astype(bool), store_country)
    china = in_china(country).to_numpy()
    if not china.any():
        return map_unique(text, lambda v: one(v, False)).astype("str")
    out = map_unique(text, lambda v: one(v, False)).to_numpy(copy=True)
    out[china] = map_unique(text[china], lambda v: one(v, True)).to_numpy()
    return pd.Series(out, index=text.index, dtype=object).astype("str")
