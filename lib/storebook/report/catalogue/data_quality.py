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
        "rejected; the table with the most rejected is {worst_table:table} ({worst_kept_share:pct} kept).",
        "共读取{rows_read:count}行，采用{rows_written:count}行（{kept_share:pct}），拒收{rows_rejected:count}行；"
        "拒收比例最高的是{worst_table:table}，采用率{worst_kept_share:pct}。"),
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
    # 中文: a space between a Han character and the file, count or code beside it, as everywhere in these
    # sentences ({stated} opens with a path, a count of files or storebook.toml: never a Han character).
    "data_quality.ingest.currency.unstated": _e(
        "No currency is stated in {unstated}, while {stated}: the amounts there are read as {currency}. If they are "
        "in another currency (the shop's own), sums and comparisons beside the other files mix currencies, as "
        "storebook converts none: convert them in the export, or keep the files apart, then ingest again. No row "
        "was rejected for it.",
        "{unstated} 未标明币种，而 {stated}：其金额按 {currency} 读取。若实为其他币种（店铺自身的币种），与其他文件的汇总"
        "和比较会混用币种，storebook 不做币种换算：请在导出文件中换算，或将这些文件分开导入，然后重新导入。没有数据因此"
        "被拒收。"),
    # Where neither the settings nor the exports state the currency but the data say it
    # (storebook.engine.identity.infer_currency): said by the ingest summary, never silently.
    "data_quality.ingest.currency.inferred": _e(
        "No currency is set or stated in the exports, but the data's regions lie in {country:country} ({regions} …: "
        "{share:pct} of the {rows:count} rows that name a region of a country, in {tables}): amounts are shown in "
        "{currency}, the currency of {country:country}, and the store is taken to be there. If it is not, set "
        "[store] currency (and country) in storebook.local.toml.",
        "导出文件未标明币种，也未设置币种，但数据中的地区位于{country:country}（{regions} …：在标明国家地区的"
        "{rows:count}行中占{share:pct}，见 {tables}）：金额按{country:country}的货币 {currency} 显示，本店按位于"
        "{country:country}处理。如有误，请在 storebook.local.toml 的 [store] 中设置 currency（及 country）。"),
    "data_quality.ingest.currency.inferred.setting": _e(
        "No currency is set or stated in the exports: amounts are shown in {currency}, the currency of "
        "{country:country}, the store's country as set ([store] country). If they are in another, set [store] "
        "currency in storebook.local.toml.",
        "导出文件未标明币种，也未设置币种：金额按本店所设国家（[store] country）{country:country}的货币 {currency} "
        "显示。如实为其他币种，请在 storebook.local.toml 的 [store] 中设置 currency。"),
    "data_quality.ingest.currency.inferred.mixed": _e(
        "No currency is set, and the exports state several ({rows}): amounts are shown in {currency}, the one most "
        "rows state, and storebook converts none. Set [store] currency in storebook.local.toml, and keep each "
        "currency's exports apart.",
        "未设置币种，而导出文件标明了多个币种（{rows}）：金额按标明行数最多的 {currency} 显示，storebook 不做币种换算。"
        "请在 storebook.local.toml 的 [store] 中设置 currency，并将不同币种的导出文件分开导入。"),
    # Where the currency is set or stated but the country is not (storebook.engine.calendar.infer_country):
    # {how} is the plan page's plan.country.* (which country, from what, and what to set if it is wrong).
    "data_quality.ingest.country.inferred": _e("The store's country is taken to be {how}.",
                                               "本店所在国家视为{how}。"),
    # The country in {how} by its name, its ISO 3166 code beside it: the code is what the
    # sentence's advice has the reader write (country = "BR") if the country is wrong.
    "data_quality.country.named": _e("{country:country} ({country_code})", "{country:country}（{country_code}）"),
    "data_quality.currency.stated": _e("{file} is in {currency} (column {column})",
                                       "{file} 标明为 {currency}（字段 {column}）"),
    "data_quality.currency.stated.no_column": _e("{file} is in {currency}", "{file} 标明为 {currency}"),
    # Several files in one currency and column: {file} is storebook.engine.identity.name_files's.
    "data_quality.currency.stated.files": _e("{file} are in {currency} (column {column})",
                                             "{file}标明为 {currency}（字段 {column}）"),
    "data_quality.currency.stated.files.no_column": _e("{file} are in {currency}", "{file}标明为 {currency}"),
    # Two files or more, as a sentence names them: how many, the first and the last.
    "data_quality.currency.files": _e("{files:count} files from {first} to {last}",
                                      "{files:count} 个文件（{first} 至 {last}）"),
    "data_quality.currency.none": _e("no currency is stated in {file}", "{file} 未标明币种"),
    "data_quality.ingest.mixed_currency": _e(  # one file's rows state several currencies
        "Currencies are mixed within a file: {mixed}. Amounts are summed across rows and "
        "storebook converts no currency, so sums, averages and comparisons that take in these rows add different "
        "currencies together and mean nothing: export each currency's orders apart (or convert the amounts in the "
        "export), then ingest again. No row was rejected for it.",
        "同一文件内混有多个币种：{mixed}。金额按行汇总，而 storebook 不做币种换算，涉及这些行的汇总、"
        "平均和比较会把不同币种的金额相加，没有意义：请按币种分别导出（或先在导出文件中换算金额），再重新导入。没有数据"
        "因此被拒收。"),
    # Values of an export's currency column that are no ISO 4217 code (Shopify's Currency or a custom source's
    # currency column holding $ or Yuan): the amounts of those rows are in a currency nothing tells, so the rows
    # were rejected (kept, they would be summed as the store's currency: yuan counted as dollars).
    "data_quality.ingest.currency.not_code": _e(
        "Currency values that are not currency codes: {values}. An ISO 4217 code (USD, EUR, CNY …) or an empty "
        "cell is expected. These rows were rejected: their amounts are in a currency storebook cannot tell, and "
        "summed as the store's they could count yuan as dollars. Write the code in the export's currency column (or "
        "re-export it), or, for a source of storebook.sources.yaml, map the spelling to its code with "
        "`currency: {{column: …, values: {{…: <code>}}}}`, then ingest again.",
        "币种字段中有不是币种代码的值：{values}。应为 ISO 4217 代码（USD、EUR、CNY …）或空白。这些行已被拒收：无法确定其"
        "金额的币种，若按本店币种汇总，可能把人民币当作美元计算。请在导出文件的币种字段中写明代码（或重新导出）；若是 "
        "storebook.sources.yaml 中声明的数据源，可用 `currency: {{column: …, values: {{…: <code>}}}}` 将该写法对应到"
        "代码，然后重新导入。"),
    # The page's word on them: each value is said once, in the rejections' table ({section}: its title), where its
    # rows are counted per table and its reason says what to do for it (quality.unread_currency_facts).
    "data_quality.ingest.currency.not_code.rejected": _e(
        "Rows whose currency cell is not a currency code were rejected ({values:count} values): their amounts are in "
        "a currency storebook cannot tell, and summed as the store's they could count yuan as dollars. Each value, "
        "with its rows, its file and first row, and what to do, is listed under “{section}” below.",
        "币种字段不是币种代码的行已被拒收（共 {values:count} 种写法）：无法确定其金额的币种，若按本店币种汇总，可能把人民币当作"
        "美元计算。每种写法及其行数、所在文件与首行、处理办法，见下方“{section}”。"),
    "data_quality.currency.not_code_value": _e("{file}, row {row}, column {column}: '{value}' ({rows:count} rows)",
                                               "{file} 第 {row} 行，字段 {column}：'{value}'（共 {rows:count} 行）"),
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
    # A rejected row's column: its reader name, and its code as `storebook rejected` lists it.
    "data_quality.rejections.column": _e("{name} ({code})", "{name}（{code}）"),
    # The commonest rejection reasons, as ingest writes them (storebook.ingest: parsing, frames,
    # crossfile, the mapping language), for the page to say in its language
    # (storebook.ingest.wording.say_reason). The English is ingest's own wording, word for word;
    # the data's values (columns, files, keys, the bad value) are placeholders, shown as they are.
    "data_quality.reason.required": _e("column '{column}' is empty; a value is required",
                                       "字段 '{column}' 为空；此字段必须有值"),
    "data_quality.reason.spreadsheet_error": _e(
        "'{column}' is {value}, a spreadsheet error ({why}), not a value; fix the formula in the export, or leave the "
        "cell empty where the value is unknown",
        "'{column}' 为 {value}，是电子表格错误（{why}），不是有效值；请在导出文件中修正公式，值未知时将单元格留空"),
    "data_quality.reason.spreadsheet_error.n_a": _e("a look-up that found nothing", "查找未找到结果"),
    "data_quality.reason.spreadsheet_error.ref": _e("a broken reference", "引用无效"),
    "data_quality.reason.spreadsheet_error.value": _e("a formula given the wrong kind of value", "公式收到了错误类型的值"),
    "data_quality.reason.spreadsheet_error.div_0": _e("a division by zero", "除数为零"),
    "data_quality.reason.spreadsheet_error.name": _e("an unknown name in a formula", "公式中有无法识别的名称"),
    "data_quality.reason.spreadsheet_error.num": _e("an impossible number", "数值无效"),
    "data_quality.reason.spreadsheet_error.null": _e("an empty intersection", "区域交集为空"),
    "data_quality.reason.spreadsheet_error.spill": _e("a result with no room", "结果没有溢出空间"),
    "data_quality.reason.spreadsheet_error.calc": _e("a failed calculation", "计算失败"),
    "data_quality.reason.spreadsheet_error.field": _e("a missing field", "缺少字段"),
    "data_quality.reason.spreadsheet_error.getting_data": _e("data still loading", "数据仍在加载"),
    "data_quality.reason.duplicate": _e("duplicate key ({keys}); first seen in {file} row {row}",
                                        "重复的键（{keys}）；首次出现于 {file} 第 {row} 行"),
    "data_quality.reason.duplicate.most_on_hand": _e(
        "duplicate key ({keys}); the row with the most stock on hand is kept: {file} row {row}",
        "重复的键（{keys}）；保留现有库存最多的一行：{file} 第 {row} 行"),
    "data_quality.reason.superseded": _e(
        "superseded: {by}={value} is also in the newer export {file} (as of {version}); the newest export wins",
        "已被取代：{by}={value} 也在更新的导出文件 {file}（截至 {version}）中；以最新的导出为准"),
    "data_quality.reason.not_date": _e("'{column}' is not a date ({format})", "'{column}' 不是日期（{format}）"),
    "data_quality.reason.date_range": _e(
        "'{column}' is out of range: a date from {first} to {last} is expected; where the export writes such a date "
        "for '{none}', leave the cell empty",
        "'{column}' 超出范围：日期应在 {first} 至 {last} 之间；导出文件若以这样的日期表示“无”（'{none}'），请将单元格留空"),
    "data_quality.reason.future": _e(
        "'{column}' is in the future (after the time of the ingest, in the store's time zone); the row is checked "
        "again at every ingest",
        "'{column}' 晚于导入时间（按店铺时区）；每次导入都会重新检查该行"),
    "data_quality.reason.not_number": _e("'{column}' is not a number", "'{column}' 不是数字"),
    "data_quality.reason.not_whole_number": _e("'{column}' is not a whole number", "'{column}' 不是整数"),
    "data_quality.reason.not_finite": _e(
        "'{column}' is not a finite number (infinity and NaN are not amounts or counts)",
        "'{column}' 不是有限数值（无穷大和 NaN 不能作为金额或数量）"),
    "data_quality.reason.whole_out_of_range": _e(
        "'{column}' is out of range: beyond the largest whole number ({limit})",
        "'{column}' 超出范围：大于最大的整数（{limit}）"),
    "data_quality.reason.number_out_of_range": _e(
        "'{column}' is out of range: beyond the largest number (about {limit})",
        "'{column}' 超出范围：大于最大的数值（约 {limit}）"),
    "data_quality.reason.decimal_comma": _e(
        "'{column}' is not a number in this file's format: it has a decimal comma, the file's numbers have a "
        "decimal point",
        "'{column}' 不符合本文件的数字格式：它以逗号作小数点，而本文件的数字以句点作小数点"),
    "data_quality.reason.decimal_point": _e(
        "'{column}' is not a number in this file's format: it has a decimal point, the file's numbers have a "
        "decimal comma",
        "'{column}' 不符合本文件的数字格式：它以句点作小数点，而本文件的数字以逗号作小数点"),
    "data_quality.reason.not_bool": _e("'{column}' is not true/false", "'{column}' 不是 true/false（是/否）值"),
    "data_quality.reason.not_configured": _e(
        "'{value}' is not one of the workbook's {setting} ({allowed}): add '{value}' to [store].{setting} in "
        "storebook.toml if it is right",
        "'{value}' 不在工作簿的 {setting} 之列（{allowed}）：若该值无误，请将 '{value}' 加入 storebook.toml 的 "
        "[store].{setting}"),
    "data_quality.reason.not_accepted": _e("'{value}' is not an accepted value ({allowed})",
                                           "'{value}' 不是允许的值（{allowed}）"),
    "data_quality.reason.out_of_range": _e("{value} is out of range ({check})", "{value} 超出范围（{check}）"),
    "data_quality.reason.no_match": _e(
        "'{column}' has no match in {ref}: the {ref_table} row is not in the data or was rejected (see {path})",
        "'{column}' 在 {ref} 中没有对应记录：{ref_table} 中的该行不在数据中或已被拒收（见 {path}）"),
    "data_quality.reason.mapped": _e(
        "'{column}' = '{value}' in {file} row {row} is not {expected} (`inputs: {input}` of source '{source}' in "
        "{declared_in})",
        "{file} 第 {row} 行的 '{column}' = '{value}' 不是{expected}（`inputs: {input}`，数据源 '{source}'，声明于 "
        "{declared_in}）"),
    "data_quality.reason.currency": _e(
        "'{column}' = '{value}' is not a currency code (ISO 4217, such as USD, EUR or CNY, or an empty cell): the "
        "row's amounts are in a currency storebook cannot tell, and would be summed as another's; write the code in "
        "the export's column",
        "'{column}' = '{value}' 不是币种代码（应为 ISO 4217 代码，如 USD、EUR 或 CNY，或留空）：无法确定该行金额的币种，"
        "采用则会被当作另一币种汇总；请在导出文件的该字段中写明代码"),
    "data_quality.reason.currency.mapped": _e(
        "'{column}' = '{value}' is not a currency code (ISO 4217, such as USD, EUR or CNY, or an empty cell): the "
        "row's amounts are in a currency storebook cannot tell, and would be summed as another's; write the code in "
        "the export's column, or map the spelling to its code with `currency.values` in {declared_in}",
        "'{column}' = '{value}' 不是币种代码（应为 ISO 4217 代码，如 USD、EUR 或 CNY，或留空）：无法确定该行金额的币种，"
        "采用则会被当作另一币种汇总；请在导出文件的该字段中写明代码，或在 {declared_in} 中用 `currency.values` "
        "将该写法对应到代码"),
    # A sign several currencies write (¥: the yuan and the yen): {codes} are the codes it may be.
    "data_quality.reason.currency.several": _e(
        "'{column}' = '{value}' is written for several currencies ({codes}) and names none of them: the row's amounts "
        "would be summed as another's; write the shop's code in the export's column",
        "'{column}' = '{value}' 是多个币种共用的写法（{codes}），并不指明其中哪一个：采用则该行金额会被当作另一币种汇总；"
        "请在导出文件的该字段中写明本店的币种代码"),
    "data_quality.reason.currency.several.mapped": _e(
        "'{column}' = '{value}' is written for several currencies ({codes}) and names none of them: the row's amounts "
        "would be summed as another's; write the shop's code in the export's column, or map the sign to it in "
        "{declared_in}: `currency: {{column: {column}, values: {{'{value}': {code}}}}}` (with the shop's code in "
        "place of {code})",
        "'{column}' = '{value}' 是多个币种共用的写法（{codes}），并不指明其中哪一个：采用则该行金额会被当作另一币种汇总；"
        "请在导出文件的该字段中写明本店的币种代码，或在 {declared_in} 中将该符号对应到本店的代码："
        "`currency: {{column: {column}, values: {{'{value}': {code}}}}}`（把 {code} 换成本店的代码）"),
    "data_quality.reason.expected.number": _e("a number", "数字"),
    "data_quality.reason.expected.integer": _e("a whole number", "整数"),
    "data_quality.reason.expected.boolean": _e("true/false", " true/false（是/否）值"),
    "data_quality.reason.expected.date": _e("a date", "日期"),
    "data_quality.reason.expected.timestamp": _e("a date and time", "日期时间"),
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
    # Each source that joins a lookup into its rows, with the tables it feeds: the source is the
    # name the store gave it in storebook.sources.yaml (kept), the tables by their reader names.
    "data_quality.lookups.joined_into": _e("{source} ({tables})", "数据源 {source}：{tables}"),
    "data_quality.lookups.alone": _e("no source: read, feeding no table", "无数据源并入：已读取，未构成数据表"),
    # The optional columns the coverage chart names that no other page's table has a header for
    # (storebook.areas.quality.name_column): the contract's names, as a reader says them.
    "col.customer_id": _e("Customer ID", "客户ID"),
    "col.items_amount": _e("Items amount", "商品总额"),
    "col.unit_price": _e("Unit price", "单价"),
    "col.unit_cost": _e("Unit cost", "单位成本"),
    "col.list_price": _e("List price", "吊牌价"),
    "col.delivered_at": _e("Delivered at", "签收时间"),
    "col.shipping_cost_amount": _e("Shipping cost", "物流成本"),
    "col.is_on_promo": _e("On promotion", "是否促销"),
    "col.first_response_at": _e("First response", "首次响应时间"),
    "col.platform_category": _e("Platform category", "平台类目"),
    # The contract's keys, as a rejection reason and the coverage chart name them: a name that says it is
    # an id ("'Order ID' has no match in Orders · Order ID"), not the thing itself ('Order' has no match).
    # The other keys' names are with their pages' tables (col.supplier_id, col.promo_id, col.po_id …).
    "col.order_id": _e("Order ID", "订单编号"),
    "col.shipment_id": _e("Shipment ID", "运单号"),
    "col.return_id": _e("Return ID", "退货单号"),
    "col.ticket_id": _e("Ticket ID", "工单号"),
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
