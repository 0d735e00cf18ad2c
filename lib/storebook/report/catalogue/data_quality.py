"""The data quality report's words, in English and 中文 (``data_quality.*`` keys, and the names it adds)."""

from __future__ import annotations

from storebook.report.catalogue import Entry
from storebook.report.catalogue import entry as _e

ENTRIES: dict[str, Entry] = {
    "data_quality.title": _e("How far can the numbers be trusted? — {month}", "数据质量 — {month}"),
    "data_quality.question": _e(
        "What did storebook keep and reject of the exports, how complete are the columns the reports lean on, "
        "and which files are behind the numbers?",
        "导出数据有多少被采用、多少被拒收，各报告所依赖的字段是否完整，数字来自哪些文件？"),
    "data_quality.ingest": _e("How much of each export was kept?", "各表数据的采用情况如何？"),
    "data_quality.ingest.takeaway": _e(
        "{rows_written:count} of {rows_read:count} rows were kept ({kept_share:pct}) and {rows_rejected:count} "
        "rejected; the table with the most rejected is {worst_table} ({worst_kept_share:pct} kept).",
        "共读取{rows_read:count}行，采用{rows_written:count}行（{kept_share:pct}），拒收{rows_rejected:count}行；"
        "拒收比例最高的是{worst_table}（采用{worst_kept_share:pct}）。"),
    "data_quality.ingest.takeaway.all": _e(
        "Every one of the {rows_read:count} rows read was kept.", "读取的 {rows_read:count} 行全部被采用。"),
    "data_quality.ingest.total": _e("All tables (each file once)", "全部数据表（每个文件计一次）"),
    "data_quality.ingest.folded": _e(
        "{files} has {lines:count} lines: {rows_read:count} rows read and {rows_folded:count} {kind}, folded into "
        "the row they continue. Those lines are not rows of their own, so none is missing "
        "({lines:count} = {rows_read:count} + {rows_folded:count}).",
        "{files} 共{lines:count}行：读取数据{rows_read:count}行，另有{rows_folded:count}行为{kind}，已并入其所接续的行。"
        "这些行本身不是数据行，没有遗漏（{lines:count} = {rows_read:count} + {rows_folded:count}）。"),
    "data_quality.folded.image_only": _e("image-only lines (a product's extra images)",
                                         "仅含图片的附加行（商品的其他图片）"),
    "data_quality.folded.continuation": _e("continuation lines", "接续行"),
    "data_quality.ingest.currency": _e(  # the files state different currencies
        "The files state different currencies: {stated}. storebook converts no currency and rejects no row for it, "
        "so sums and comparisons across these files mix currencies: ingest each currency's exports as a store of "
        "their own, or convert the amounts in the exports, then ingest again.",
        "各文件标明的币种不同：{stated}。storebook 不做币种换算，也不因此拒收数据，跨文件的汇总和比较会混用币种：请将"
        "不同币种的导出文件分作不同店铺导入，或先在导出文件中换算金额，再重新导入。"),
    "data_quality.ingest.currency.unstated": _e(
        "No currency is stated in {unstated}, while {stated}: the amounts there are read as {currency}. If they are "
        "in another currency (the shop's own), sums and comparisons beside the other files mix currencies, as "
        "storebook converts none: convert them in the export, or keep the files apart, then ingest again. No row "
        "was rejected for it.",
        "{unstated} 未标明币种，而{stated}：其金额按 {currency} 读取。若实为其他币种（店铺自身的币种），与其他文件的汇总"
        "和比较会混用币种，storebook 不做币种换算：请在导出文件中换算，或将这些文件分开导入，然后重新导入。没有数据因此"
        "被拒收。"),
    "data_quality.currency.stated": _e("{file} is in {currency} (column {column})",
                                       "{file} 标明为 {currency}（字段 {column}）"),
    "data_quality.currency.stated.no_column": _e("{file} is in {currency}", "{file} 标明为 {currency}"),
    "data_quality.currency.none": _e("no currency is stated in {file}", "{file} 未标明币种"),
    "data_quality.ingest.mixed_currency": _e(  # one file's rows state several currencies
        "Currencies are mixed within a file: {mixed}. Amounts are summed across rows and "
        "storebook converts no currency, so sums, averages and comparisons that take in these rows add different "
        "currencies together and mean nothing: export each currency's orders apart (or convert the amounts in the "
        "export), then ingest again. No row was rejected for it.",
        "同一文件内混有多个币种：{mixed}。金额按行汇总，而 storebook 不做币种换算，涉及这些行的汇总、"
        "平均和比较会把不同币种的金额相加，没有意义：请按币种分别导出（或先在导出文件中换算金额），再重新导入。没有数据"
        "因此被拒收。"),
    "data_quality.currency.mixed_file": _e("{file} (column {column}): {rows}", "{file}（字段 {column}）：{rows}"),
    "data_quality.currency.rows": _e("{rows:count} rows in {currency}", "{currency} {rows:count} 行"),
    "data_quality.currency.configured": _e("storebook.toml sets {currency} ([store] currency)",
                                           "storebook.toml 设为 {currency}（[store] currency）"),
    "data_quality.rejections": _e("Why were rows rejected?", "数据为何被拒收？"),
    "data_quality.rejections.takeaway": _e(
        "Rejected rows are listed with their file, row and reason by `storebook rejected`; fix them in the "
        "export (or in storebook.toml where the reason says so) and ingest again.",
        "被拒收的行及其文件、行号和原因可用 `storebook rejected` 查看；请在导出文件中修正（或按提示修改 "
        "storebook.toml）后重新导入。"),
    "data_quality.rejections.none": _e("No row was rejected.", "没有被拒收的数据。"),
    "data_quality.coverage": _e("How complete are the columns the reports lean on?", "各报告依赖的字段是否完整？"),
    "data_quality.coverage.title": _e("Share of rows with a known value (this month; catalogues: all rows)",
                                      "有值记录占比（本月；商品、供应商等为全部记录）"),
    "data_quality.coverage.takeaway": _e(
        "Province is known for {province_known:pct} of the month's orders, the channel for {channel_known:pct} "
        "and the customer for {customer_known:pct} (guest checkouts have none); sections that need a column "
        "use the rows where it is known.",
        "本月订单中 {province_known:pct} 有收货省份，{channel_known:pct} 有流量渠道，{customer_known:pct} "
        "有客户（游客下单没有客户）；依赖某字段的章节只使用该字段有值的记录。"),
    "data_quality.coverage.takeaway.no_orders": _e(
        "The store has no orders this month. Columns the reports lean on that are empty in every row of its other "
        "tables: {unknown:count} of {columns:count}; the least known is {least_field} ({least_share:pct} of its rows). "
        "Sections that need a column use the rows where it is known.",
        "本月没有订单数据。其他表中报表依赖的{columns:count}个字段里，{unknown:count}个在所有记录中均为空；有值比例最低的是 "
        "{least_field}（{least_share:pct}）。依赖某字段的章节只使用该字段有值的记录。"),
    "data_quality.orders": _e("Which orders and lines need a caveat?", "哪些订单和商品明细需要注意？"),
    "data_quality.orders.takeaway": _e(
        "{pending_share:pct} of the orders placed are still unpaid (pending) and count in the payment rate, not in "
        "sales; {guest_share:pct} of paid orders are guest checkouts; {adjusted_share:pct} carry a booked "
        "adjustment (tax, shipping discount …); {not_in_catalogue_share:pct} of lines sell a SKU that is not in "
        "the product catalogue; unit cost is known for {cost_known_revenue:pct} of line revenue, so margins "
        "cover that part only.",
        "下单中 {pending_share:pct} 尚未付款（待付款），计入支付率而不计入销售额；{guest_share:pct} 的已付订单为"
        "游客下单；{adjusted_share:pct} 带有调整金额（税费、运费优惠等）；{not_in_catalogue_share:pct} 的商品明细"
        "对应的 SKU 不在商品资料中；已知单位成本的部分占商品销售额的 {cost_known_revenue:pct}，毛利仅覆盖这部分。"),
    "data_quality.orders.takeaway.no_line_amount": _e(
        "{pending_share:pct} of the orders placed are still unpaid (pending) and count in the payment rate, not in "
        "sales; {guest_share:pct} of paid orders are guest checkouts; {adjusted_share:pct} carry a booked "
        "adjustment (tax, shipping discount …); {not_in_catalogue_share:pct} of lines sell a SKU that is not in "
        "the product catalogue. Line amounts are not in this store's data: its exports carry no amounts, so no "
        "margin is computed from the lines.",
        "下单中 {pending_share:pct} 尚未付款（待付款），计入支付率而不计入销售额；{guest_share:pct} 的已付订单为"
        "游客下单；{adjusted_share:pct} 带有调整金额（税费、运费优惠等）；{not_in_catalogue_share:pct} 的商品明细"
        "对应的 SKU 不在商品资料中。商品明细金额不在本店数据中：导出数据没有金额，因此不据此计算毛利。"),
    "data_quality.orders.takeaway.no_cost": _e(
        "{pending_share:pct} of the orders placed are still unpaid (pending) and count in the payment rate, not in "
        "sales; {guest_share:pct} of paid orders are guest checkouts; {adjusted_share:pct} carry a booked "
        "adjustment (tax, shipping discount …); {not_in_catalogue_share:pct} of lines sell a SKU that is not in "
        "the product catalogue. No unit cost is known for any of the line revenue (the product catalogue gives "
        "none for the SKUs sold), so no margin can be computed.",
        "下单中 {pending_share:pct} 尚未付款（待付款），计入支付率而不计入销售额；{guest_share:pct} 的已付订单为"
        "游客下单；{adjusted_share:pct} 带有调整金额（税费、运费优惠等）；{not_in_catalogue_share:pct} 的商品明细"
        "对应的 SKU 不在商品资料中。商品销售额中没有任何一部分已知单位成本（商品资料未给出所售 SKU 的成本），因此无法计算毛利。"),
    "data_quality.orders.takeaway.no_catalogue": _e(
        "{pending_share:pct} of the orders placed are still unpaid (pending) and count in the payment rate, not in "
        "sales; {guest_share:pct} of paid orders are guest checkouts; {adjusted_share:pct} carry a booked "
        "adjustment (tax, shipping discount …). This store has no product catalogue: the lines' SKUs are not "
        "checked against one and no unit cost is known, so no margin can be computed.",
        "下单中 {pending_share:pct} 尚未付款（待付款），计入支付率而不计入销售额；{guest_share:pct} 的已付订单为"
        "游客下单；{adjusted_share:pct} 带有调整金额（税费、运费优惠等）。本店数据中没有商品资料：商品明细的 SKU "
        "无从核对，也没有单位成本，因此无法计算毛利。"),
    "data_quality.orders.takeaway.no_lines": _e(
        "{pending_share:pct} of the orders placed are still unpaid (pending) and count in the payment rate, not in "
        "sales; {guest_share:pct} of paid orders are guest checkouts; {adjusted_share:pct} carry a booked "
        "adjustment (tax, shipping discount …). This month's orders have no order lines in this store's data, so "
        "products, unit costs and margins are not measured.",
        "下单中 {pending_share:pct} 尚未付款（待付款），计入支付率而不计入销售额；{guest_share:pct} 的已付订单为"
        "游客下单；{adjusted_share:pct} 带有调整金额（税费、运费优惠等）。本店数据中本月订单没有商品明细，因此不计算"
        "商品、单位成本和毛利。"),
    "data_quality.files": _e("Which files are behind the numbers?", "数字来自哪些文件？"),
    "data_quality.files.takeaway": _e(
        "{files:count} files feed {tables:count} tables; each file's notes (what the adapter did, what the "
        "platform's numbers mean) are in data/processed/_ingest.json.",
        "{files:count} 个文件构成 {tables:count} 张表；每个文件的说明（适配器做了什么、平台口径）见 "
        "data/processed/_ingest.json。"),
    "data_quality.files.takeaway.not_read": _e(
        "{files:count} files feed {tables:count} tables; {not_read:count} more were left out as the store's "
        "storebook.sources.yaml declares (`not_read:`), each with why, in the second table. Each file's notes are "
        "in data/processed/_ingest.json.",
        "{files:count} 个文件构成 {tables:count} 张表；另有 {not_read:count} 个文件按 storebook.sources.yaml 的声明"
        "（`not_read:`）未读取，原因见第二张表。每个文件的说明见 data/processed/_ingest.json。"),
    "data_quality.files.takeaway.lookups": _e(
        "{read:count} files were read: {files:count} feed {tables:count} tables, and lookups joined into their rows "
        "account for {lookups:count} more (the second table). Each file's notes (what the adapter did, what the "
        "platform's numbers mean) are in data/processed/_ingest.json.",
        "共读取{read:count}个文件：{files:count}个构成{tables:count}张表，另有{lookups:count}个是并入其他文件数据行的"
        "对照表（见第二张表）。每个文件的说明（适配器做了什么、平台口径）见 data/processed/_ingest.json。"),
    "data_quality.files.takeaway.lookups_not_read": _e(
        "{read:count} files were read: {files:count} feed {tables:count} tables, and lookups joined into their rows "
        "account for {lookups:count} more (the second table); {not_read:count} more were left out as the store's "
        "storebook.sources.yaml declares (`not_read:`), each with why, in the third table. Each file's notes are "
        "in data/processed/_ingest.json.",
        "共读取{read:count}个文件：{files:count}个构成{tables:count}张表，另有{lookups:count}个是并入其他文件数据行的"
        "对照表（见第二张表）；另有{not_read:count}个文件按 storebook.sources.yaml 的声明（`not_read:`）未读取，原因见"
        "第三张表。每个文件的说明见 data/processed/_ingest.json。"),
    "col.joined_into": _e("Joined into", "并入"),
    "col.why": _e("Why it is not read", "未读取原因"),
    "col.table": _e("Table", "数据表"),
    "col.files": _e("Files", "文件数"),
    "col.rows_read": _e("Rows read", "读取行数"),
    "col.rows_written": _e("Rows kept", "采用行数"),
    "col.rows_rejected": _e("Rows rejected", "拒收行数"),
    "col.kept_share": _e("Kept", "采用率"),
    "col.unknown_references": _e("Unknown references kept", "未匹配引用（已保留）"),
    "col.column": _e("Column", "字段"),
    "col.problem": _e("Reason", "原因"),
    "col.rows": _e("Rows", "行数"),
    "col.example": _e("First seen in", "首次出现于"),
    "col.example_row": _e("Row", "行号"),
    "col.field": _e("Column", "字段"),
    "col.known": _e("Known", "有值"),
    "col.known_share": _e("Known share", "有值占比"),
    "col.number": _e("Number", "数量"),
    "col.of": _e("Share of", "占比基数"),
    "col.path": _e("File", "文件"),
    "col.source": _e("Read as", "数据源"),
    "col.encoding": _e("Encoding", "编码"),
    "col.notes": _e("Notes", "说明条数"),
    "metric.known_share": _e("Known share", "有值占比"),
    "metric.placed": _e("Orders placed", "下单数"),
    "metric.paid": _e("Orders paid", "已付款订单"),
    "metric.pending": _e("Pending (not paid yet)", "待付款"),
    "metric.unpaid_closed": _e("Closed or cancelled unpaid", "未付款即关闭或取消"),
    "metric.guests": _e("Guest checkouts (no customer)", "游客下单（无客户）"),
    "metric.adjusted": _e("Orders with a booked adjustment", "含调整金额的订单"),
    "metric.adjustment_amount": _e("Adjustments booked", "调整金额合计"),
    "metric.items_unknown": _e("Paid orders without an items amount", "缺少商品总额的已付订单"),
    "metric.orders_without_lines": _e("Paid orders without any order line", "没有商品明细的已付订单"),
    "metric.lines": _e("Order lines of paid orders", "已付订单的商品明细"),
    "metric.lines_without_sku": _e("Lines without a SKU", "无 SKU 的明细"),
    "metric.lines_not_in_catalogue": _e("Lines not in the product catalogue", "不在商品资料中的明细"),
    "metric.revenue_cost_known": _e("Line revenue with a known unit cost", "已知单位成本的商品销售额"),
    "of.placed": _e("orders placed", "下单数"),
    "of.paid": _e("paid orders", "已付订单"),
    "of.lines": _e("lines", "明细行"),
    "of.revenue": _e("line revenue", "商品销售额"),
}
