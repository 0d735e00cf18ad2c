"""Ingest's words said once for the page and the console (storebook.ingest.wording): folded lines."""

from __future__ import annotations

import pytest

from storebook.areas import quality
from storebook.ingest.pipeline import FileReport, IngestReport
from storebook.ingest.wording import folded_kind
from storebook.report.text import Text


class _Recorded:
    """A workbook that holds only an ingest record."""

    def __init__(self, manifest: dict) -> None:
        self.manifest = manifest

    def ingest_manifest(self) -> dict:
        return self.manifest


def _products_file(kind: str) -> FileReport:
    return FileReport(path="data/raw/shop/products_export_1.csv", source="shopify_products", table="products",
                      sha256="0" * 64, encoding="utf-8", rows_read=226, rows_written=226, rows_folded=181,
                      folded_kind=kind)


@pytest.mark.parametrize("kind, en, zh", [
    ("image_only", "image-only lines (a product's extra images)", "仅含图片的附加行（商品的其他图片）"),
    ("", "continuation lines", "接续行"),
    # A kind the catalogue has no words for (a newer adapter's, an older _ingest.json's): the page
    # stopped on it (a missing catalogue key) while the summary said "continuation lines".
    ("gift_wrap", "continuation lines", "接续行"),
])
def test_the_page_and_the_summary_say_a_folded_kind_alike(kind: str, en: str, zh: str) -> None:
    report = IngestReport(files=[_products_file(kind)], tables={"products": {"rows": 226, "rejected": 0}},
                          fingerprint="f" * 12, seconds=1.0)
    manifest = {"files": [{"path": "data/raw/shop/products_export_1.csv", "table": "products", "rows_read": 226,
                           "rows_folded": 181, "folded_kind": kind}]}
    for lang, words, line in (("en", en, f"+ 181 {en}, folded into"), ("zh", zh, f"+ 181 行{zh}，已并入")):
        text = Text(lang)
        assert folded_kind(kind, text) == words
        assert quality.folded_facts(_Recorded(manifest), text)["kind"] == words
        assert line in report.summary(text)


def test_two_files_whose_kinds_read_alike_name_the_kind_once() -> None:
    manifest = {"files": [{"path": "a.csv", "table": "products", "rows_read": 2, "rows_folded": 1, "folded_kind": ""},
                          {"path": "b.csv", "table": "products", "rows_read": 3, "rows_folded": 2,
                           "folded_kind": "gift_wrap"}]}
    facts = quality.folded_facts(_Recorded(manifest), Text("en"))
    assert (facts["kind"], facts["lines"], facts["rows_read"], facts["rows_folded"]) == ("continuation lines", 8, 5, 3)


@pytest.mark.parametrize("files", [("orders_export.csv",), ("a.csv", "b.csv", "c.csv", "d.csv", "e.csv")])
def test_the_zone_note_says_in_english_what_ingest_records(files: tuple[str, ...]) -> None:
    from storebook.ingest.pipeline import _zone_note
    from storebook.ingest.zones import FoundZone

    note = _zone_note(FoundZone(zone="America/New_York", offsets=("-04:00", "-05:00"), files=files))
    assert Text("en")(note.key, **note.values) == str(note)  # the catalogue's English is ingest's, word for word
    zh = Text("zh")(note.key, **note.values)
    assert "America/New_York" in zh and "UTC -04:00/-05:00" in zh and files[0] in zh
    assert ("等另 2 个文件" in zh) == (len(files) == 5)
