"""examples/taobao_mum_baby: the Tianchi Taobao mum-and-baby trade history as orders (one per
user and day, their amounts unknown: the file has no money), order lines and products, and its user-profile file
(children's birthdays, gender) declared not read (`not_read:`), never opened.

A hand-written fixture in the published layout (tests/fixtures/taobao_mum_baby/: fictional
users) with every figure worked out by hand, and the real published files of
../shared/realdata (skipped with the reason where absent), reconciled against the file."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pandas as pd

from conftest import REPO
from support.mapping import allow_platform, declare, failure, install, put, realdata_folder
from support.sources import assert_reconciles, manifest, rejected, run, table, tables_dir

FIXTURE = REPO / "tests" / "fixtures" / "taobao_mum_baby"
TRADES, PROFILES = "sam_tianchi_mum_baby_trade_history.csv", "sam_tianchi_mum_baby.csv"
REAL = "tianchi_taobao_mum_baby_data_anlysis"


def counts(root: Path) -> dict[tuple[str, str], tuple[int, int, int]]:
    """(file name, table) → (read, written, rejected)."""
    return {(Path(f["path"]).name, f["table"]): (f["rows_read"], f["rows_written"], f["rows_rejected"])
            for f in manifest(root)["files"]}


def processed_text(root: Path) -> str:
    """Every value of every processed table and of the rejected rows, as one text."""
    frames = [pd.read_parquet(p) for p in tables_dir(root).rglob("*.parquet")]
    frames += [pd.read_parquet(p) for p in (root / "data" / "processed").rglob("_rejected/*.parquet")]
    return "\n".join(f.astype(str).to_csv(index=False) for f in frames)


def test_fixture_lines_products_and_rejections(root: Path) -> None:
    allow_platform(root, "taobao")
    install(root, "taobao_mum_baby", [FIXTURE / TRADES, FIXTURE / PROFILES], folder="tianchi")
    run(root)
    assert_reconciles(root)
    # 9 purchases: 6 lines kept; rejected: buy_mount 0 (row 8), 1.5 (row 9), the day 20141301 (row 10).
    # 8 orders (user × day): 7 kept, the one on 20141301 rejected; rows 8 and 9 are orders whose
    # only line is rejected (the purchase happened; its quantity is what is wrong).
    # 7 listings: 6 kept; 33333333333 (only on row 10) has no readable day to order its category by.
    assert counts(root) == {(TRADES, "orders"): (8, 7, 1), (TRADES, "order_lines"): (9, 6, 3),
                            (TRADES, "products"): (7, 6, 1)}
    orders = table(root, "orders").set_index("order_id").sort_index()
    assert orders.index.tolist() == ["20131011-3", "20140105-5", "20140919-2", "20141006-4", "20141023-8",
                                     "20141024-9", "20141113-7"]
    assert orders["paid_amount"].isna().all()  # no money in the file: unknown, never 0
    assert (orders["status"] == "paid").all() and (orders["platform"] == "taobao").all()
    assert str(orders.loc["20141006-4", "paid_at"]) == "2014-10-06 00:00:00"
    # The buyer's account is pseudonymised: 5 users, none of them written as it was.
    assert orders["customer_id"].nunique() == 5 and not orders["customer_id"].str.match(r"^\d+$").any()
    assert orders.loc["20131011-3", "customer_id"] == orders.loc["20140105-5", "customer_id"]  # one user, two days
    lines = table(root, "order_lines").set_index(["order_id", "line_no"]).sort_index()
    # One order per user and day, named <day>-<row of its first line>; lines numbered in file order.
    # (The header is the file's row 1: the first purchase is row 2.)
    assert [(*k, *v) for k, v in zip(lines.index, lines[["sku", "quantity"]].values.tolist(), strict=True)] == [
        ("20131011-3", 1, "17916191097", 1),
        ("20140105-5", 1, "17916191097", 3),      # the same user and listing, another day: another order
        ("20140919-2", 1, "41098319944", 2),
        ("20141006-4", 1, "20560027842", 1),      # rows 4 and 6: one user, one day
        ("20141006-4", 2, "40359349896", 1),
        ("20141113-7", 1, "21896936223", 10000),  # an outlier, not impossible: kept
    ]
    assert lines["quantity"].sum() == 10008  # 2 + 1 + 1 + 3 + 1 + 10000
    assert lines[["unit_price", "line_amount", "discount_amount"]].isna().all().all()  # no money: unknown, not 0
    products = table(root, "products").set_index("sku")["category"].sort_index()
    assert products.to_dict() == {
        "12515996043": "50014815/50018831",   # its only line is rejected (quantity 0); the listing is real
        "17916191097": "28/50011993",
        "20560027842": "50008168/50013636",
        "21896936223": "50008168/121394024",  # the latest (2014-11-13, row 7), not the last row (2014-10-24)
        "40359349896": "50008168/50013636",
        "41098319944": "50022520/50014866",
    }
    rej = rejected(root)
    reasons = {(r.table, r.source_row): f"{r.column}: {r.reason}" for r in rej.itertuples()}
    assert set(reasons) == {("orders", 10), ("order_lines", 8), ("order_lines", 9), ("order_lines", 10),
                            ("products", 10)}, reasons
    assert "quantity" in reasons[("order_lines", 8)] and "quantity" in reasons[("order_lines", 9)], reasons
    assert all("20141301" in reasons[(t, 10)] for t in ("orders", "order_lines", "products")), reasons


def test_fixture_profiles_are_declared_not_read(root: Path) -> None:
    allow_platform(root, "taobao")
    install(root, "taobao_mum_baby", [FIXTURE / TRADES, FIXTURE / PROFILES], folder="tianchi")
    report = run(root)
    assert manifest(root)["not_read"] == [{
        "path": f"data/raw/tianchi/{PROFILES}",
        "why": "children's birthdays and gender: personal data the contract does not keep"}]
    assert PROFILES not in {Path(f["path"]).name for f in manifest(root)["files"]}
    assert any(PROFILES in n and "not read" in n for n in report.notes)
    assert any(PROFILES in n for n in run(root).notes)  # "nothing to do" says it too
    text = processed_text(root)
    for birthday in ("20130311", "20121111", "20150101"):
        assert birthday not in text
    # No user id reaches data/processed (orders are named by day and row; the buyer is a keyed hash).
    for user in ("100000001", "100000002", "1000000003", "100000004", "100000005"):
        assert user not in text


def test_trades_alone_need_no_profiles(root: Path) -> None:
    allow_platform(root, "taobao")
    install(root, "taobao_mum_baby", [FIXTURE / TRADES], folder="tianchi")
    run(root)
    assert "not_read" not in manifest(root)  # the manifest of a store that leaves nothing out is as before
    assert counts(root)[(TRADES, "order_lines")] == (9, 6, 3)


def test_without_not_read_the_profiles_stop_the_ingest(root: Path) -> None:
    """What `not_read:` is for here: without it the file is one no source recognises."""
    allow_platform(root, "taobao")
    text = (REPO / "examples" / "taobao_mum_baby" / "storebook.sources.yaml").read_text(encoding="utf-8")
    install(root, "taobao_mum_baby", [FIXTURE / TRADES, FIXTURE / PROFILES], folder="tianchi")
    cut = text.index("\n# The profiles file of the same data set")
    (root / "storebook.sources.yaml").write_text(text[:cut], encoding="utf-8")
    assert "no source recognises this file" in failure(root)


# ----------------------------------------------------------------------------- a file that holds nothing to keep

def test_a_source_that_feeds_nothing_points_to_not_read(root: Path) -> None:
    put(root, "x/a.csv", "a\n1\n")
    declare(root, """
        sources:
          - name: people
            files: "x/*.csv"
    """)
    message = failure(root)
    assert "feeds no table and no source joins it" in message and "`not_read:`" in message


def _items_and_not_read(root: Path, why: str) -> None:
    """A store whose products come from shop/*.csv and whose private/*.csv is declared not read."""
    declare(root, f"""
        sources:
          - name: items
            files: "shop/*.csv"
            table: products
            columns: {{sku: sku}}
        not_read:
          - files: "private/*.csv"
            why: {why}
    """)


def test_a_file_not_read_is_never_opened(root: Path) -> None:
    """Bytes that no reader could read (a NUL: a binary file) do not matter: the file is not opened."""
    put(root, "shop/items.csv", "sku\nA1\n")
    put(root, "private/people.csv", b"name,phone\n\x00\xff\xfe\x00\n")
    _items_and_not_read(root, "names and phones")
    run(root)
    assert table(root, "products")["sku"].tolist() == ["A1"]
    assert manifest(root)["not_read"] == [{"path": "data/raw/private/people.csv", "why": "names and phones"}]


# ----------------------------------------------------------------------------- the real published files

def _file_truth(path: Path) -> tuple[int, int, int, int]:
    """Read with the csv module: rows, sum of buy_mount, distinct (user, day), distinct auction_id."""
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    return (len(rows), sum(int(r["buy_mount"]) for r in rows), len({(r["user_id"], r["day"]) for r in rows}),
            len({r["auction_id"] for r in rows}))


def test_real_files(root: Path) -> None:
    folder = realdata_folder(REAL)
    allow_platform(root, "taobao")
    install(root, "taobao_mum_baby", [folder / TRADES, folder / PROFILES], folder="tianchi")
    report = run(root)
    assert_reconciles(root)
    n_rows, units, user_days, listings = _file_truth(folder / TRADES)
    assert (n_rows, units, user_days, listings) == (29_971, 76_250, 29_970, 28_422)
    # Every row reads: buy_mount is 1 to 10,000 (whole numbers), every day a date.
    assert counts(root) == {(TRADES, "orders"): (29_970, 29_970, 0), (TRADES, "order_lines"): (29_971, 29_971, 0),
                            (TRADES, "products"): (28_422, 28_422, 0)}
    orders = table(root, "orders")
    assert orders["paid_amount"].isna().all() and orders["order_id"].nunique() == user_days
    lines = table(root, "order_lines")
    rej = rejected(root)
    assert len(rej) == 0
    assert lines["quantity"].sum() == units  # kept = the file's sum − the rejected rows' (none)
    assert lines["order_id"].nunique() == user_days
    assert (lines["quantity"].min(), lines["quantity"].max()) == (1, 10_000)
    assert Counter(lines.groupby("order_id").size()) == {1: 29_969, 2: 1}  # one user bought two listings one day
    products = table(root, "products")
    assert products["sku"].is_unique and len(products) == listings
    assert products["category"].str.split("/").str[0].nunique() == 6  # the 6 top-level categories
    assert manifest(root)["not_read"][0]["path"] == f"data/raw/tianchi/{PROFILES}"
    assert any(PROFILES in n for n in report.notes)
    # No birthday column, no user id: the profiles' values are nowhere in data/processed.
    with (folder / PROFILES).open(encoding="utf-8", newline="") as fh:
        people = list(csv.DictReader(fh))
    assert len(people) == 953
    text = processed_text(root)
    birthdays = {p["birthday"] for p in people}
    assert not [b for b in birthdays if f"\n{b}\n" in text or f",{b}\n" in text or f",{b}," in text]
    assert "birthday" not in text and "gender" not in text


def test_the_times_of_a_file_not_read_do_not_choose_the_store_zone(root: Path) -> None:
    """Offsets in a file that is not read are no evidence of the store's time zone."""
    put(root, "shop/items.csv", "sku\nA1\n")
    put(root, "private/log.csv", "who,when\nx,2024-01-05 09:55:00 -0400\ny,2024-01-06 10:00:00 -0400\n")
    _items_and_not_read(root, "a log of people")
    report = run(root)
    assert not [n for n in report.notes if "zone" in n], report.notes
    assert "timezone" not in manifest(root)["store"]
