"""The console's words: what `storebook ingest` and `storebook rejected` print (``--lang``).

The numbers a reader checks against each other (rows read = written + rejected) are printed
whole, with separators, in both languages; table names are the folders' and ``--table``'s.
"""

from __future__ import annotations

from storebook.report.catalogue import Entry
from storebook.report.catalogue import entry as _e

ENTRIES: dict[str, Entry] = {
    # storebook ingest (storebook.ingest.pipeline.IngestReport.summary)
    "cli.ingest.unchanged": _e(
        "ingest: raw files unchanged since the last ingest (fingerprint {fingerprint}); nothing to do.",
        "ingest：原始文件自上次导入以来未变（指纹 {fingerprint}），无需重新导入。"),
    "cli.ingest.repaired": _e("ingest: repaired: {note}", "ingest：已修复：{note}"),
    "cli.ingest.note": _e("ingest: {note}", "ingest：{note}"),
    # ingest's notes (storebook.ingest.wording.Note): the English is ingest's, word for word.
    "cli.ingest.note.zone": _e(
        "times read in the zone the exports show, {zone} (times in {files} are at UTC {offsets}); to choose "
        "another, set [store] timezone in storebook.local.toml",
        "时间按导出文件所示的时区 {zone} 读取（{files} 中的时间为 UTC {offsets}）；如需其他时区，请在 "
        "storebook.local.toml 中设置 [store] timezone"),
    "cli.ingest.note.zone.more": _e(
        "times read in the zone the exports show, {zone} (times in {files} and {more} more are at UTC {offsets}); "
        "to choose another, set [store] timezone in storebook.local.toml",
        "时间按导出文件所示的时区 {zone} 读取（{files} 等另 {more} 个文件中的时间为 UTC {offsets}）；如需其他时区，"
        "请在 storebook.local.toml 中设置 [store] timezone"),
    "cli.ingest.note.not_read": _e("not read: {path}: {why} (`not_read:` in {declared_in})",
                                   "未读取：{path}：{why}（按 {declared_in} 中的 `not_read:` 声明）"),
    "cli.ingest.counts": _e(
        "ingest: {what}, {read:,} rows read = {written:,} written + {rejected:,} rejected in {seconds:.1f} s "
        "(fingerprint {fingerprint})",
        "ingest：{what}，读取 {read:,} 行 = 写入 {written:,} 行 + 拒收 {rejected:,} 行，用时 {seconds:.1f} 秒"
        "（指纹 {fingerprint}）"),
    "cli.ingest.files": _e("{files} files", "{files} 个文件"),
    "cli.ingest.files.lookups": _e(
        "{count} files ({files} feeding tables, {lookups} lookups joined into other files' rows)",
        "{count} 个文件（{files} 个构成数据表，{lookups} 个是并入其他文件数据行的对照表）"),
    "cli.ingest.lookup": _e("  lookup {path}: joined into the rows of {joined}",
                            "  对照表 {path}：并入 {joined} 的数据行"),
    "cli.ingest.lookup.alone": _e("  lookup {path}: read, feeding no table", "  对照表 {path}：已读取，未构成数据表"),
    "cli.ingest.folded": _e(
        "  {path}: {lines:,} lines = {read:,} rows read ({table}) + {folded:,} {kind}, folded into the row they "
        "continue",
        "  {path}：共 {lines:,} 行 = 读取数据 {read:,} 行（{table}）+ {folded:,} 行{kind}，已并入其所接续的行"),
    "cli.ingest.table": _e("  {table:<18} {rows:>10,} rows", "  {table:<18} {rows:>10,} 行"),
    "cli.ingest.table.rejected": _e("  {table:<18} {rows:>10,} rows, {rejected:,} rejected",
                                    "  {table:<18} {rows:>10,} 行，拒收 {rejected:,} 行"),
    "cli.ingest.rejected": _e("  rejected {table}: {rows:,} × {reason}", "  拒收 {table}：{rows:,} × {reason}"),
    "cli.ingest.rejected.where": _e(
        "  rejected rows and their reasons: _rejected/<table>.parquet in the current generation of data/processed "
        "(`storebook rejected` lists them)",
        "  被拒收的行及其原因：data/processed 当前版本中的 _rejected/<table>.parquet（`storebook rejected` 可列出）"),
    "cli.ingest.warning": _e("warning: {message}", "警告：{message}"),
    "cli.ingest.wrote_settings": _e("wrote {name}: the store's settings as the data shows them (edit freely)",
                                    "已写入 {name}：数据所示的店铺设置（可自行修改）"),
    "cli.hint.name": _e(
        "hint: the store has no name yet: set it in storebook.local.toml beside storebook.toml "
        "(`[store]` name = \"…\", name_zh = \"…\")",
        "提示：店铺尚未命名：请在 storebook.toml 旁的 storebook.local.toml 中设置"
        "（`[store]` name = \"…\"，name_zh = \"…\"）"),
    "cli.hint.currency": _e(
        "hint: the exports state no currency: amounts are shown as {currency}; set the store's in "
        "storebook.local.toml (`[store]` currency = \"…\", an ISO code such as BRL or INR)",
        "提示：导出文件未注明币种：金额按 {currency} 显示；请在 storebook.local.toml 中设置店铺的币种"
        "（`[store]` currency = \"…\"，ISO 代码，如 BRL 或 INR）"),
    # Where the data say the currency though nothing states it (storebook.engine.identity.currency_hint):
    # what the amounts are shown in, and why. {rows}: each currency's rows, the commonest first, as the
    # summary and the data-quality page say them (data_quality.currency.rows, one wording): 17 rows in EUR and 2 rows in USD.
    "cli.hint.currency.mixed": _e(
        "hint: the exports state several currencies ({rows}) and storebook converts none: amounts are shown as "
        "{currency}, the one most rows state; set the store's in storebook.local.toml (`[store]` currency = \"…\", "
        "an ISO code such as BRL or INR), and keep each currency's exports apart",
        "提示：导出文件标明了多个币种（{rows}），storebook 不做币种换算：金额按标明行数最多的 {currency} 显示；"
        "请在 storebook.local.toml 中设置店铺的币种（`[store]` currency = \"…\"，ISO 代码，如 BRL 或 INR），"
        "并将不同币种的导出文件分开导入"),
    "cli.hint.currency.region": _e(
        "hint: the exports state no currency: amounts are shown as {currency}, the currency of {country:country}, "
        "where the data's regions lie ({regions} …); set the store's in storebook.local.toml "
        "(`[store]` currency = \"…\", an ISO code such as BRL or INR)",
        "提示：导出文件未注明币种：金额按 {currency} 显示，即数据中的地区所在国家{country:country}的货币"
        "（{regions} …）；请在 storebook.local.toml 中设置店铺的币种（`[store]` currency = \"…\"，ISO 代码，如 BRL 或 INR）"),
    "cli.hint.currency.setting": _e(
        "hint: the exports state no currency: amounts are shown as {currency}, the currency of {country:country}, "
        "set as the store's country; set the store's in storebook.local.toml "
        "(`[store]` currency = \"…\", an ISO code such as BRL or INR)",
        "提示：导出文件未注明币种：金额按 {currency} 显示，即所设本店国家{country:country}的货币；"
        "请在 storebook.local.toml 中设置店铺的币种（`[store]` currency = \"…\"，ISO 代码，如 BRL 或 INR）"),
    # storebook rejected
    "cli.rejected.none": _e("no rejected rows in the last ingest", "上次导入没有被拒收的行"),
    "cli.rejected.by_reason": _e("{rows:,} rejected rows; by reason:", "共拒收 {rows:,} 行；按原因："),
    "cli.rejected.first_rows": _e("first rows:", "前几行："),
    "cli.rejected.col.source_file": _e("file", "文件"),
    "cli.rejected.col.source_row": _e("row", "行号"),
    "cli.rejected.col.column": _e("column", "字段"),
    "cli.rejected.col.value": _e("value", "值"),
    "cli.rejected.col.reason": _e("reason", "原因"),
}
