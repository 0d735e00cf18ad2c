"""The errors that stop an ingest (storebook.errors: InputError, IngestError; the memory error of
storebook.ingest.pipeline), said in the reader's language by `storebook ingest --lang zh`.

An InputError's ``key`` names its problem; ``<key>.expected`` and ``<key>.todo`` what was expected
and what to do. The English of each entry is the error's own English (its ``str()``), word for
word: tests/errors compare the two. File names, column names, settings and commands stay as they
are in both languages.
"""

from __future__ import annotations

from storebook.report.catalogue import Entry
from storebook.report.catalogue import entry as _e

_REEXPORT_CSV = ("re-export the file as CSV UTF-8", "请将文件重新导出为 CSV UTF-8")

ENTRIES: dict[str, Entry] = {
    # -- the frame of every message: where, the problem, what was expected, what to do
    "error.input.row": _e(", row {row}", "，第 {row} 行"),
    "error.input.column": _e(", column '{column}'", "，字段 '{column}'"),
    "error.input.problem": _e("{where}: {problem}.", "{where}：{problem}。"),
    "error.input.expected": _e(" Expected: {expected}.", "应为：{expected}。"),
    "error.input.todo": _e(" What to do: {todo}.", "处理办法：{todo}。"),
    "error.ingest.stopped": _e(
        "ingest stopped: {count} file problem(s); data/processed was left as it was.",
        "导入已停止：{count} 个文件有问题；data/processed 保持原样，未作任何改动。"),
    "error.ingest.out_of_memory": _e(
        "ingest stopped: DuckDB needed more memory than ingest may use ({cap}, STOREBOOK_INGEST_MEMORY{used}) to check "
        "and write the tables; data/processed was left as it was. What to do: ingest again with a larger cap, if the "
        "machine has that much free, e.g. `{example}`; or close other programs that hold memory and ingest again.",
        "导入已停止：DuckDB 校验并写入数据表所需的内存超过了导入可用的上限（{cap}，STOREBOOK_INGEST_MEMORY{used}）；"
        "data/processed 保持原样，未作任何改动。处理办法：如果本机有足够的空闲内存，请调高上限后重新导入，例如 "
        "`{example}`；或关闭其他占用内存的程序后重新导入。"),
    "error.ingest.out_of_memory.used": _e("; {used}", "；{used}"),

    # -- reading a file (storebook.ingest.sources.readers, records, policy, workbooks)
    "error.input.missing_file": _e("the file does not exist (a broken link?)", "文件不存在（链接失效？）"),
    "error.input.missing_file.expected": _e("a data file", "一个数据文件"),
    "error.input.missing_file.todo": _e("remove the link or restore the file", "请删除该链接，或恢复该文件"),
    "error.input.not_regular": _e("not a regular file (a pipe, socket or device)", "不是普通文件（而是管道、套接字或设备）"),
    "error.input.not_regular.expected": _e("a data file", "一个数据文件"),
    "error.input.not_regular.todo": _e("move it out of data/raw", "请将它移出 data/raw"),
    "error.input.empty": _e("the file is empty", "文件为空"),
    "error.input.empty.expected": _e("a header row and data rows", "一行表头和若干数据行"),
    "error.input.empty.todo": _e("re-export the file, or delete it if it was saved by mistake",
                                 "请重新导出该文件；如果是误存的文件，请删除它"),
    "error.input.nul": _e("line {line} holds a NUL character: the file is binary, damaged, or UTF-16 without a "
                          "byte-order mark",
                          "第 {line} 行含有 NUL 字符：该文件是二进制文件、已损坏，或是没有字节顺序标记（BOM）的 UTF-16 文件"),
    "error.input.nul.expected": _e("a text export (CSV)", "文本格式的导出文件（CSV）"),
    "error.input.nul.todo": _e("re-export the file as CSV UTF-8 (the file's content is not shown here)",
                               "请将文件重新导出为 CSV UTF-8（此处不显示文件内容）"),
    "error.input.header_unnamed": _e("a column has no name in the header row", "表头行中有一列没有名称"),
    "error.input.header_unnamed.expected": _e("a name for every column", "每一列都有名称"),
    "error.input.header_unnamed.todo": _e("name the column or delete it", "请为该列命名，或删除该列"),
    "error.input.header_twice": _e("the column '{name}' appears twice in the header", "字段 '{name}' 在表头中出现了两次"),
    "error.input.header_twice.expected": _e("each column once", "每个字段只出现一次"),
    "error.input.header_twice.todo": _e("delete or rename one of them", "请删除或重命名其中一个"),
    "error.input.quote": _e(
        "line {first}: a quote opens a value in {field} that runs over the following lines and is not closed properly "
        "(it swallows lines {next}–{last}, which would otherwise be rows of their own)",
        "第 {first} 行：{field}中的一个引号开启了一个值，该值延续到后面的行且没有正确闭合"
        "（它吞并了第 {next}–{last} 行，这些行本应各自成为一行数据）"),
    "error.input.quote.field": _e("field {number}", "第 {number} 个字段"),
    "error.input.quote.field.named": _e("field {number} ('{name}')", "第 {number} 个字段（'{name}'）"),
    "error.input.quote.expected": _e(
        "quotes around a value closed before the next separator; a quote inside a value written twice (\"\")",
        "值两侧的引号在下一个分隔符之前闭合；值内部的引号写成两个（\"\"）"),
    "error.input.quote.todo": _e(
        "remove the stray quote on line {first} or write it as \"\", or re-export the file with every value quoted",
        "请删除第 {first} 行中多余的引号或将其写成 \"\"，或重新导出文件并为每个值加上引号"),
    "error.input.too_large": _e("the file is {mb} MB, above the limit of {limit} MB",
                                "文件大小为 {mb} MB，超过了 {limit} MB 的上限"),
    "error.input.too_large.expected": _e("files up to [ingest] max_file_mb = {setting} ({config})",
                                         "文件不超过 [ingest] max_file_mb = {setting}（{config}）"),
    "error.input.too_large.todo": _e(
        "split the export (by month, say), or raise max_file_mb under [ingest] in {config} if the machine has the "
        "memory (about 5x the file size)",
        "请拆分导出文件（例如按月），或在本机内存足够时（约为文件大小的 5 倍）调高 {config} 中 [ingest] 下的 max_file_mb"),
    "error.input.too_many_rows": _e("the file holds more than {limit} {what}", "文件中的{what}超过 {limit} 行"),
    "error.input.rows.lines": _e("lines", "行数"),
    "error.input.rows.rows": _e("rows", "数据行"),
    "error.input.rows.sheet": _e("rows on sheet '{sheet}'", "工作表 '{sheet}' 的行数"),
    "error.input.too_many_rows.expected": _e("at most [ingest] max_rows = {setting} rows a file ({config})",
                                             "每个文件最多 [ingest] max_rows = {setting} 行（{config}）"),
    "error.input.too_many_rows.todo": _e("split the export, or raise max_rows under [ingest] in {config}",
                                         "请拆分导出文件，或调高 {config} 中 [ingest] 下的 max_rows"),
    "error.input.encrypted": _e("the workbook is password-protected (encrypted), or an old .xls named .xlsx",
                                "该工作簿设有密码保护（已加密），或是被命名为 .xlsx 的旧版 .xls 文件"),
    "error.input.encrypted.expected": _e("an .xlsx workbook without a password", "没有密码的 .xlsx 工作簿"),
    "error.input.encrypted.todo": _e(
        "open it in Excel, remove the password (File → Info → Protect Workbook) and save it as .xlsx, or export CSV",
        "请在 Excel 中打开它，取消密码（文件 → 信息 → 保护工作簿）后另存为 .xlsx，或导出为 CSV"),
    "error.input.markup": _e("the '{suffix}' file is a web page (HTML/XML), not a workbook",
                             "该 '{suffix}' 文件是网页（HTML/XML），不是工作簿"),
    "error.input.markup.expected": _e("an .xlsx/.xls workbook or a CSV file", ".xlsx/.xls 工作簿或 CSV 文件"),
    "error.input.markup.todo": _e("open it in Excel and save it as .xlsx, or download the report as CSV",
                                  "请在 Excel 中打开它并另存为 .xlsx，或以 CSV 格式下载该报表"),
    "error.input.bad_zip": _e("the workbook is not a readable .xlsx (its zip structure is damaged)",
                              "该工作簿不是可读取的 .xlsx 文件（其 zip 结构已损坏）"),
    "error.input.bad_zip.expected": _e("an .xlsx workbook", ".xlsx 工作簿"),
    "error.input.bad_zip.todo": _e("open it in Excel and save it again, or export CSV",
                                   "请在 Excel 中打开并重新保存，或导出为 CSV"),
    "error.input.zip_not_xlsx": _e("the file is a zip archive but not an .xlsx workbook",
                                   "该文件是 zip 压缩包，而不是 .xlsx 工作簿"),
    "error.input.zip_not_xlsx.expected": _e("an .xlsx workbook", ".xlsx 工作簿"),
    "error.input.zip_not_xlsx.todo": _e("unpack it, or export the data as CSV or XLSX",
                                        "请解压它，或将数据导出为 CSV 或 XLSX"),
    "error.input.xlsx_too_large": _e("the workbook unpacks into {mb} MB of XML, above the limit of {limit} MB",
                                     "该工作簿解压后有 {mb} MB 的 XML，超过了 {limit} MB 的上限"),
    "error.input.xlsx_too_large.expected": _e("[ingest] max_xlsx_uncompressed_mb = {setting} ({config})",
                                              "解压后的大小不超过 [ingest] max_xlsx_uncompressed_mb = {setting}（{config}）"),
    "error.input.xlsx_too_large.todo": _e(
        "export the data as CSV (much faster to read), or raise max_xlsx_uncompressed_mb under [ingest] in {config} "
        "if the workbook is genuine",
        "请将数据导出为 CSV（读取快得多）；如果该工作簿确实无误，也可调高 {config} 中 [ingest] 下的 "
        "max_xlsx_uncompressed_mb"),
    "error.input.xlsx_unreadable": _e("the workbook cannot be read ({error})", "无法读取该工作簿（{error}）"),
    "error.input.xlsx_unreadable.expected": _e("an .xlsx workbook holding the export", "包含导出数据的 .xlsx 工作簿"),
    "error.input.xlsx_unreadable.todo": _e("open it in Excel and save it again, or export CSV",
                                           "请在 Excel 中打开并重新保存，或导出为 CSV"),
    "error.input.xls_unreadable": _e("the .xls workbook cannot be read ({error})", "无法读取该 .xls 工作簿（{error}）"),
    "error.input.xls_unreadable.expected": _e("an .xls workbook holding the export", "包含导出数据的 .xls 工作簿"),
    "error.input.xls_unreadable.todo": _e("open it in Excel and save it as .xlsx, or export CSV",
                                          "请在 Excel 中打开并另存为 .xlsx，或导出为 CSV"),
    "error.input.no_sheet": _e("the workbook has no sheet {sheet}", "该工作簿中没有工作表 {sheet}"),
    "error.input.no_sheet.expected": _e("one of its sheets: {sheets}", "它的某个工作表：{sheets}"),
    "error.input.no_sheet.todo": _e("fix `sheet:` in the source declaration", "请修改来源声明中的 `sheet:`"),

    # -- encodings (storebook.ingest.sources.encodings)
    "error.input.encoding.neither": _e("the bytes on line {line} (byte {byte}) are neither UTF-8 nor GBK/GB18030",
                                       "第 {line} 行（第 {byte} 字节）的字节既不是 UTF-8，也不是 GBK/GB18030"),
    "error.input.encoding.rare": _e(
        "the bytes on line {line} (byte {byte}) are not UTF-8, and GBK reads them as rare characters",
        "第 {line} 行（第 {byte} 字节）的字节不是 UTF-8，按 GBK 读取则是生僻字"),
    "error.input.encoding.none": _e("{what}, nor text in any encoding (is it a text export at all?)",
                                    "{what}，也不是任何编码的文本（这真的是文本格式的导出文件吗？）"),
    "error.input.encoding.none.expected": _e("a CSV file encoded in UTF-8 (with or without BOM) or GBK",
                                             "以 UTF-8（带或不带 BOM）或 GBK 编码的 CSV 文件"),
    "error.input.encoding.none.todo": _e(*_REEXPORT_CSV),
    "error.input.encoding.unsure": _e("{what}; no encoding reads the file for sure: {differences}",
                                      "{what}；没有哪种编码能确定无误地读取该文件：{differences}"),
    "error.input.encoding.unsure.expected": _e(
        "a CSV file encoded in UTF-8 (with or without BOM) or GBK, or an encoding declared for it",
        "以 UTF-8（带或不带 BOM）或 GBK 编码的 CSV 文件，或已为它声明编码"),
    "error.input.encoding.unsure.todo": _e("re-export the file as CSV UTF-8 (Excel: Save As → 'CSV UTF-8'), or {hint}",
                                           "请将文件重新导出为 CSV UTF-8（Excel：另存为 → 'CSV UTF-8'），或{hint}"),
    "error.input.encoding.hint.source": _e("set `encoding:` for this source in {declared_in} (e.g. `encoding: {encoding}`)",
                                           "在 {declared_in} 中为该来源设置 `encoding:`（例如 `encoding: {encoding}`）"),
    "error.input.encoding.hint.config": _e(
        "declare it in {config}: under [ingest.encodings] write \"{file}\" = \"{encoding}\" (storebook knows {known})",
        "在 {config} 中声明：在 [ingest.encodings] 下写入 \"{file}\" = \"{encoding}\"（storebook 支持 {known}）"),
    "error.input.encoding.bom": _e("the file starts with a {encoding} byte-order mark, but the bytes on line {line} are "
                                   "not {encoding}",
                                   "文件以 {encoding} 字节顺序标记（BOM）开头，但第 {line} 行的字节不是 {encoding}"),
    "error.input.encoding.bom.gbk": _e(
        "the file starts with a {encoding} byte-order mark, but the bytes on line {line} are not {encoding} (the rest "
        "reads as GBK: the file joins two encodings)",
        "文件以 {encoding} 字节顺序标记（BOM）开头，但第 {line} 行的字节不是 {encoding}（其余部分可按 GBK 读取：该文件混合了两种编码）"),
    "error.input.encoding.bom.expected": _e("a file encoded in {encoding} throughout", "全文以 {encoding} 编码的文件"),
    "error.input.encoding.bom.todo": _e("re-export the file in one encoding (CSV UTF-8)",
                                        "请以单一编码（CSV UTF-8）重新导出文件"),
    "error.input.encoding.bom.gbk.expected": _e("a file encoded in {encoding} throughout", "全文以 {encoding} 编码的文件"),
    "error.input.encoding.bom.gbk.todo": _e("re-export the file in one encoding (CSV UTF-8)",
                                            "请以单一编码（CSV UTF-8）重新导出文件"),
    "error.input.encoding.mixed": _e(
        "line {utf8_line} is UTF-8 but line {other_line} is not: the file joins text saved in two encodings",
        "第 {utf8_line} 行是 UTF-8，而第 {other_line} 行不是：该文件混合了以两种编码保存的文本"),
    "error.input.encoding.mixed.expected": _e("one encoding for the whole file", "整个文件使用同一种编码"),
    "error.input.encoding.mixed.todo": _e(
        "re-export the file in one go as CSV UTF-8, or split it into one file per encoding",
        "请一次性将文件重新导出为 CSV UTF-8，或按编码拆分为多个文件"),
    "error.input.encoding.unknown": _e("the declared encoding '{declared}' is not supported",
                                       "不支持所声明的编码 '{declared}'"),
    "error.input.encoding.unknown.expected": _e("one of {known}", "以下之一：{known}"),
    "error.input.encoding.unknown.todo": _e("fix the encoding in {declared_in}, or write `auto`",
                                            "请修改 {declared_in} 中的编码，或写 `auto`"),
    "error.input.encoding.unknown.undeclared": _e("the declared encoding '{declared}' is not supported",
                                                  "不支持所声明的编码 '{declared}'"),
    "error.input.encoding.unknown.undeclared.expected": _e("one of {known}", "以下之一：{known}"),
    "error.input.encoding.unknown.undeclared.todo": _e("fix the encoding in the source declaration, or write `auto`",
                                                       "请修改来源声明中的编码，或写 `auto`"),
    "error.input.encoding.where": _e(" (declared in {declared_in})", "（声明于 {declared_in}）"),
    "error.input.encoding.declared_gbk": _e(
        "the file is declared {declared}{where} but the bytes on line {line} are not {declared}; they read as GBK/GB18030",
        "文件声明为 {declared}{where}，但第 {line} 行的字节不是 {declared}；它们可按 GBK/GB18030 读取"),
    "error.input.encoding.declared_gbk.expected": _e("a file encoded in {declared}", "以 {declared} 编码的文件"),
    "error.input.encoding.declared_gbk.todo": _e("{hint}", "{hint}"),
    "error.input.encoding.declared_bad": _e(
        "the file is declared {declared}{where} but the bytes on line {line} are not {declared}",
        "文件声明为 {declared}{where}，但第 {line} 行的字节不是 {declared}"),
    "error.input.encoding.declared_bad.expected": _e("a file encoded in {declared}", "以 {declared} 编码的文件"),
    "error.input.encoding.declared_bad.todo": _e(*_REEXPORT_CSV),
    "error.input.encoding.declared_utf8": _e(
        "the file is declared {declared}{where} but its bytes are UTF-8 (reading them as {declared} garbles every "
        "non-ASCII character)",
        "文件声明为 {declared}{where}，但其字节是 UTF-8（按 {declared} 读取会使所有非 ASCII 字符变成乱码）"),
    "error.input.encoding.declared_utf8.expected": _e("a file encoded in {declared}", "以 {declared} 编码的文件"),
    "error.input.encoding.declared_utf8.todo": _e("{hint}", "{hint}"),
    "error.input.encoding.declared_other": _e(
        "the file is declared {declared}{where} but the bytes on line {line} are not {declared}",
        "文件声明为 {declared}{where}，但第 {line} 行的字节不是 {declared}"),
    "error.input.encoding.declared_other.expected": _e("a file encoded in {declared}", "以 {declared} 编码的文件"),
    "error.input.encoding.declared_other.todo": _e("{hint}, or re-export the file", "{hint}，或重新导出该文件"),
    "error.input.encoding.set.config": _e(
        "change the file's line under [ingest.encodings] in {config} to \"{encoding}\", or remove it",
        "将 {config} 中 [ingest.encodings] 下该文件的那一行改为 \"{encoding}\"，或删除该行"),
    "error.input.encoding.set.source": _e("set `encoding: {encoding}` (or `auto`) for this source",
                                          "为该来源设置 `encoding: {encoding}`（或 `auto`）"),
    "error.input.encoding.set.source.auto": _e("set `encoding: {encoding}` for this source",
                                               "为该来源设置 `encoding: {encoding}`"),
}

ENTRIES.update({
    # -- the raw folder as a whole (storebook.ingest.pipeline)
    "error.input.no_raw_files": _e("no raw files found", "没有找到原始文件"),
    "error.input.no_raw_files.expected": _e("exports under data/raw/<table>/", "data/raw/<table>/ 下的导出文件"),
    "error.input.no_raw_files.todo": _e("run `storebook sample` for the sample store, or copy your exports there",
                                        "运行 `storebook sample` 生成示例店铺，或将你的导出文件复制到那里"),
    "error.input.all_not_read": _e("every raw file is declared not read (`not_read:` in {declared_in})",
                                   "所有原始文件都被声明为不读取（{declared_in} 中的 `not_read:`）"),
    "error.input.all_not_read.expected": _e("exports storebook reads under data/raw",
                                            "data/raw 下有 storebook 读取的导出文件"),
    "error.input.all_not_read.todo": _e("add the exports that feed the tables, or narrow `not_read:`",
                                        "请添加构成数据表的导出文件，或缩小 `not_read:` 的范围"),
})

ENTRIES.update({
    # -- finding each file's source (storebook.ingest.sources)
    "error.input.source_builtin_name": _e("the custom source name '{name}' is a built-in source's name",
                                          "自定义来源名 '{name}' 与内置来源重名"),
    "error.input.source_builtin_name.expected": _e("a name of your own", "一个自己的名称"),
    "error.input.source_builtin_name.todo": _e("rename the source in {file}", "请在 {file} 中重命名该来源"),
    "error.input.pin_unknown_source": _e("the pin for '{pattern}' uses the unknown source '{name}'",
                                         "'{pattern}' 的固定规则（pin）使用了未知的来源 '{name}'"),
    "error.input.pin_unknown_source.expected": _e("one of {names}", "以下之一：{names}"),
    "error.input.pin_unknown_source.todo": _e("fix `use:` in {file}", "请修改 {file} 中的 `use:`"),
    "error.input.special_file": _e("not a regular file (a pipe, socket or device)", "不是普通文件（而是管道、套接字或设备）"),
    "error.input.special_file.expected": _e("data files and folders only", "只有数据文件和文件夹"),
    "error.input.special_file.todo": _e("move it out of data/raw", "请将它移出 data/raw"),
    "error.input.link_out": _e(
        "a link that leads out of data/raw (to {target}): ingest reads only files inside data/raw, and has not opened it",
        "该链接指向 data/raw 之外（{target}）：导入只读取 data/raw 内的文件，未打开它"),
    "error.input.link_out.expected": _e("data files inside data/raw", "data/raw 内的数据文件"),
    "error.input.link_out.todo": _e(
        "copy the files into data/raw instead of linking them, or point paths.raw in storebook.toml (or STOREBOOK_RAW) "
        "at the folder that holds the exports",
        "请将文件复制到 data/raw 中而不是链接它们，或将 storebook.toml 中的 paths.raw（或 STOREBOOK_RAW）指向存放导出文件的文件夹"),
    "error.input.link_broken": _e("a link to nothing (its target was moved or deleted)", "该链接指向不存在的目标（目标已被移动或删除）"),
    "error.input.link_broken.expected": _e("a data file", "一个数据文件"),
    "error.input.link_broken.todo": _e("remove the link or restore its target", "请删除该链接，或恢复其目标"),
    "error.input.link_special": _e("a link to something that is not a regular file", "该链接指向的不是普通文件"),
    "error.input.link_special.expected": _e("a data file", "一个数据文件"),
    "error.input.link_special.todo": _e("remove the link", "请删除该链接"),
    "error.input.link_twice": _e(
        "leads to files that are read already (through {other}): they would be read twice, or forever in a loop",
        "指向已被读取的文件（经由 {other}）：这些文件会被读取两次，或陷入无限循环"),
    "error.input.link_twice.expected": _e("each file reached once", "每个文件只被访问一次"),
    "error.input.link_twice.todo": _e("remove the link, or move the files it duplicates", "请删除该链接，或移走它重复指向的文件"),
    "error.input.suffix": _e("'{suffix}' files are not read", "不读取 '{suffix}' 文件"),
    "error.input.suffix.expected": _e("CSV or Excel exports", "CSV 或 Excel 导出文件"),
    "error.input.suffix.todo": _e("export the data as CSV or XLSX, or move this file out of data/raw",
                                  "请将数据导出为 CSV 或 XLSX，或将该文件移出 data/raw"),
    "error.input.no_source": _e("no source recognises this file", "没有任何来源能识别该文件"),
    "error.input.no_source.expected": _e(
        "a canonical file in data/raw/<table>/ (tables: {tables}) or a known platform export (docs/sources.md lists them)",
        "data/raw/<table>/ 下的标准格式文件（数据表：{tables}），或已知平台的导出文件（见 docs/sources.md）"),
    "error.input.no_source.todo": _e("move it into the folder of its table, or declare it as a custom source in {declared_in}",
                                     "请将它移到其数据表的文件夹中，或在 {declared_in} 中将其声明为自定义来源"),
    "error.input.no_source.closest": _e("no source recognises this file", "没有任何来源能识别该文件"),
    "error.input.no_source.closest.expected": _e(
        "the closest source is {source}, which finds {share} of the columns it recognises; missing: {missing}",
        "最接近的来源是 {source}，能找到其可识别字段的 {share}；缺少：{missing}"),
    "error.input.no_source.closest.todo": _e(
        "if it is that export, re-export it with those columns (check the export settings or the report's columns); "
        "otherwise declare it as a custom source in {declared_in} (docs/sources.md)",
        "如果它就是该导出文件，请带上这些字段重新导出（检查导出设置或报表的字段）；否则请在 {declared_in} 中将其声明为"
        "自定义来源（见 docs/sources.md）"),
    "error.input.several_sources": _e("the file matches several sources: {names}", "该文件与多个来源匹配：{names}"),
    "error.input.several_sources.expected": _e("exactly one source", "恰好一个来源"),
    "error.input.several_sources.todo": _e(
        "{canonical}pin the file to one of them in {declared_in} beside storebook.toml: `pins: [{{files: \"{file}\", "
        "use: {source}}}]` (a pattern like \"{folder}/*\" pins a whole folder){tables}",
        "{canonical}在 storebook.toml 旁的 {declared_in} 中将该文件固定到其中一个来源：`pins: [{{files: \"{file}\", "
        "use: {source}}}]`（\"{folder}/*\" 这样的模式可固定整个文件夹）{tables}"),
    "error.input.several_sources.tables": _e(
        ", or, to feed several tables from one file, declare one custom source with `tables:` (docs/sources.md)",
        "；如需用一个文件构成多个数据表，请声明一个带 `tables:` 的自定义来源（见 docs/sources.md）"),
    "error.input.several_sources.canonical": _e(
        "data/raw/{table}/ is the canonical layout's folder for that table: move a platform export into a folder of its "
        "own (e.g. data/raw/{platform}/), or ",
        "data/raw/{table}/ 是该数据表标准格式的文件夹：请将平台导出文件移到单独的文件夹中（例如 data/raw/{platform}/），或"),
    "error.input.required_missing": _e("required column(s) {missing} missing", "缺少必需字段 {missing}"),
    "error.input.required_missing.expected": _e("a header row with the {table} columns: {columns} ({how})",
                                                "一行包含 {table} 字段的表头：{columns}（{how}）"),
    "error.input.required_missing.todo": _e("add the column to the export, or describe the file with a custom source",
                                            "请在导出文件中加上该字段，或用自定义来源描述该文件"),
    "error.input.no_header": _e("no row names the {table} columns ({how})", "没有哪一行列出 {table} 的字段（{how}）"),
    "error.input.no_header.expected": _e("a header row with the {table} columns: {columns}",
                                         "一行包含 {table} 字段的表头：{columns}"),
    "error.input.no_header.todo": _e(
        "check that the file belongs in this folder and that its first rows hold the column names; a file of another "
        "layout needs a custom source (docs/sources.md)",
        "请确认该文件应放在这个文件夹中，且其前几行包含字段名；其他版式的文件需要自定义来源（见 docs/sources.md）"),
    "error.input.searched.sheets": _e("searched the first {rows} rows of each sheet ({sheets})",
                                      "已查找每个工作表（{sheets}）的前 {rows} 行"),
    "error.input.searched.sheet": _e("searched the first {rows} rows of sheet '{sheet}'",
                                     "已查找工作表 '{sheet}' 的前 {rows} 行"),
    "error.input.searched.text": _e("read as {delimiter}-separated values and searched the first {rows} rows",
                                    "按{delimiter}分隔读取，并查找了前 {rows} 行"),
    "error.input.delimiter.comma": _e("comma", "逗号"),
    "error.input.delimiter.tab": _e("tab", "制表符"),
    "error.input.delimiter.semicolon": _e("semicolon", "分号"),
    "error.input.delimiter.pipe": _e("pipe", "竖线"),
})

ENTRIES.update({
    # -- storebook.sources.yaml (storebook.ingest.sources.mapping.spec): where in the declaration, then the problem
    "error.spec.who.named": _e("source '{name}'", "来源 '{name}'"),
    "error.spec.who.numbered": _e("source #{number}", "第 {number} 个来源"),
    "error.spec.where": _e("{who}, `{yaml_key}`", "{who} 的 `{yaml_key}`"),
    "error.spec.hint": _e(" ({hint})", "（{hint}）"),
    "error.spec.currency.written": _e("{value} is written {code}", "{value} 应写作 {code}"),
    "error.spec.country.bare_no": _e("YAML reads a bare NO, Norway's code, as false: write \"NO\" in quotes", "YAML 会把不带引号的 NO（挪威的代码）读成 false：请加引号写作 \"NO\""),
    "error.spec.not_mapping": _e("{where}: is {value}, not a mapping", "{where}：值为 {value}，不是映射（mapping）"),
    "error.spec.not_mapping.expected": _e("a declaration as in docs/sources.md", "符合 docs/sources.md 的声明"),
    "error.spec.not_mapping.todo": _e("write `{yaml_key}:` as {what}",
        "请将 `{yaml_key}:` 写成 {what}"),
    "error.spec.empty_name": _e("{where}: names an empty column", "{where}：指定了一个空的字段名"),
    "error.spec.empty_name.expected": _e("a declaration as in docs/sources.md", "符合 docs/sources.md 的声明"),
    "error.spec.empty_name.todo": _e("give the header's name; in YAML a ' #' starts a comment, so `Order #` reads as `Order` and `# x` as nothing: write a name holding '#' in quotes, e.g. order_id: \"Order #\"",
        "请填写表头中的名称；在 YAML 中 ' #' 表示注释开始，因此 `Order #` 会被读成 `Order`，`# x` 会被读成空：含 '#' 的名称请加引号，例如 order_id: \"Order #\""),
    "error.spec.not_name": _e("{where}: holds {item}", "{where}：包含 {item}"),
    "error.spec.not_name.expected": _e("a declaration as in docs/sources.md", "符合 docs/sources.md 的声明"),
    "error.spec.not_name.todo": _e("list the file's column names",
        "请列出文件中的字段名"),
    "error.spec.expression": _e("{where}: `{text}`: {why}", "{where}：表达式 `{text}`：{why}"),
    "error.spec.expression.expected": _e("a declaration as in docs/sources.md", "符合 docs/sources.md 的声明"),
    "error.spec.expression.todo": _e("write one SQL expression over the file's columns (docs/sources.md, 'Expressions'); quote names holding spaces or # in double quotes",
        "请写一个基于文件字段的 SQL 表达式（见 docs/sources.md 的 'Expressions'）；含空格或 # 的名称请用双引号括起来"),
    "error.spec.source_not_mapping": _e("{where}: is {value}", "{where}：值为 {value}"),
    "error.spec.source_not_mapping.expected": _e("a declaration as in docs/sources.md", "符合 docs/sources.md 的声明"),
    "error.spec.source_not_mapping.todo": _e("write each source as a mapping of keys",
        "请将每个来源写成由键组成的映射（mapping）"),
    "error.spec.unknown_keys": _e("{where}: unknown key(s) {keys}", "{where}：未知的键 {keys}"),
    "error.spec.unknown_keys.expected": _e("a declaration as in docs/sources.md", "符合 docs/sources.md 的声明"),
    "error.spec.unknown_keys.todo": _e("use only {allowed}",
        "只能使用 {allowed}"),
    "error.spec.key_missing": _e("{where}: `{yaml_key}:` is missing", "{where}：缺少 `{yaml_key}:`"),
    "error.spec.key_missing.expected": _e("a declaration as in docs/sources.md", "符合 docs/sources.md 的声明"),
    "error.spec.key_missing.todo": _e("add `{yaml_key}:`",
        "请添加 `{yaml_key}:`"),
    "error.spec.table_and_tables": _e("{where}: both `table:` and `tables:` are given", "{where}：同时给出了 `table:` 和 `tables:`"),
    "error.spec.table_and_tables.expected": _e("a declaration as in docs/sources.md", "符合 docs/sources.md 的声明"),
    "error.spec.table_and_tables.todo": _e("use `table:` for one table, or `tables:` with one entry per table",
        "一个数据表用 `table:`，多个数据表用 `tables:`（每个数据表一项）"),
    "error.spec.beside_tables": _e("{where}: {keys} sit beside `tables:`", "{where}：{keys} 与 `tables:` 并列"),
    "error.spec.beside_tables.expected": _e("a declaration as in docs/sources.md", "符合 docs/sources.md 的声明"),
    "error.spec.beside_tables.todo": _e("move them under the table they are for (tables: <table>: columns: …)",
        "请将它们移到所属数据表之下（tables: <table>: columns: …）"),
    "error.spec.no_table": _e("{where}: columns are mapped but no table is named", "{where}：映射了字段，但没有指定数据表"),
    "error.spec.no_table.expected": _e("a declaration as in docs/sources.md", "符合 docs/sources.md 的声明"),
    "error.spec.no_table.todo": _e("add `table: <canonical table>`",
        "请添加 `table: <canonical table>`"),
    "error.spec.no_columns": _e("{where}: `columns:` is missing", "{where}：缺少 `columns:`"),
    "error.spec.no_columns.expected": _e("a declaration as in docs/sources.md", "符合 docs/sources.md 的声明"),
    "error.spec.no_columns.todo": _e("add `columns:` (canonical column: the export's column)",
        "请添加 `columns:`（标准字段: 导出文件中的字段）"),
    "error.spec.encoding": _e("{where}: encoding '{encoding}' is not supported", "{where}：不支持编码 '{encoding}'"),
    "error.spec.encoding.expected": _e("a declaration as in docs/sources.md", "符合 docs/sources.md 的声明"),
    "error.spec.encoding.todo": _e("use one of {known}",
        "请使用以下之一：{known}"),
    "error.spec.decimal_thousands": _e("{where}: `decimal:` and `thousands:` are the same character", "{where}：`decimal:` 与 `thousands:` 是同一个字符"),
    "error.spec.decimal_thousands.expected": _e("a declaration as in docs/sources.md", "符合 docs/sources.md 的声明"),
    "error.spec.decimal_thousands.todo": _e("set them to different characters",
        "请将它们设为不同的字符"),
    "error.spec.not_whole": _e("{where}: is {value}", "{where}：值为 {value}"),
    "error.spec.not_whole.expected": _e("a declaration as in docs/sources.md", "符合 docs/sources.md 的声明"),
    "error.spec.not_whole.todo": _e("give a whole number (header_row: the 1-based row of the header, 0 for a file without one)",
        "请填写一个整数（header_row：表头所在的行号，从 1 开始；没有表头的文件填 0）"),
    "error.spec.column_names_with_header": _e("{where}: is given for a file whose header is on row {row}", "{where}：该文件的表头在第 {row} 行，却给出了此项"),
    "error.spec.column_names_with_header.expected": _e("a declaration as in docs/sources.md", "符合 docs/sources.md 的声明"),
    "error.spec.column_names_with_header.todo": _e("set `header_row: 0` (the file has no header) or drop `column_names:`",
        "请设置 `header_row: 0`（文件没有表头），或删除 `column_names:`"),
    "error.spec.no_header_no_names": _e("{where}: is 0 (no header) but `column_names:` does not name the columns", "{where}：值为 0（没有表头），但 `column_names:` 没有给出字段名"),
    "error.spec.no_header_no_names.expected": _e("a declaration as in docs/sources.md", "符合 docs/sources.md 的声明"),
    "error.spec.no_header_no_names.todo": _e("add `column_names: [first, second, …]`, one name per column of the file",
        "请添加 `column_names: [first, second, …]`，文件的每一列一个名称"),
    "error.spec.inputs_empty_name": _e("{where}: names an empty column", "{where}：指定了一个空的字段名"),
    "error.spec.inputs_empty_name.expected": _e("a declaration as in docs/sources.md", "符合 docs/sources.md 的声明"),
    "error.spec.inputs_empty_name.todo": _e("in YAML a ' #' starts a comment, so `Order #` reads as `Order` and `# x` as nothing: write a name holding '#' in quotes, e.g. order_id: \"Order #\"",
        "在 YAML 中 ' #' 表示注释开始，因此 `Order #` 会被读成 `Order`，`# x` 会被读成空：含 '#' 的名称请加引号，例如 order_id: \"Order #\""),
    "error.spec.input_type": _e("{where}: type '{kind}' is not known", "{where}：未知的类型 '{kind}'"),
    "error.spec.input_type.expected": _e("a declaration as in docs/sources.md", "符合 docs/sources.md 的声明"),
    "error.spec.input_type.todo": _e("use one of {types}",
        "请使用以下之一：{types}"),
    "error.spec.formats_not_date": _e("{where}: `formats:` is given for a {kind} column", "{where}：为 {kind} 类型的字段给出了 `formats:`"),
    "error.spec.formats_not_date.expected": _e("a declaration as in docs/sources.md", "符合 docs/sources.md 的声明"),
    "error.spec.formats_not_date.todo": _e("formats are for date and timestamp inputs",
        "formats 只用于日期（date）和时间戳（timestamp）类型的输入"),
    "error.spec.format_no_code": _e("{where}: format '{format}' has no % code", "{where}：格式 '{format}' 中没有 % 代码"),
    "error.spec.format_no_code.expected": _e("a declaration as in docs/sources.md", "符合 docs/sources.md 的声明"),
    "error.spec.format_no_code.todo": _e("write strftime codes (%Y-%m-%d %H:%M) or one of {epochs}",
        "请写 strftime 代码（%Y-%m-%d %H:%M）或以下之一：{epochs}"),
    "error.spec.fill_down": _e("{where}: is a mapping without `columns:` or with other keys", "{where}：是一个没有 `columns:` 或带有其他键的映射"),
    "error.spec.fill_down.expected": _e("a declaration as in docs/sources.md", "符合 docs/sources.md 的声明"),
    "error.spec.fill_down.todo": _e("write `fill_down: [col, …]` or `fill_down: {{columns: [col, …], within: [key]}}`",
        "请写 `fill_down: [col, …]` 或 `fill_down: {{columns: [col, …], within: [key]}}`"),
    "error.spec.period_unknown_keys": _e("{where}: unknown key(s) {keys}", "{where}：未知的键 {keys}"),
    "error.spec.period_unknown_keys.expected": _e("a declaration as in docs/sources.md", "符合 docs/sources.md 的声明"),
    "error.spec.period_unknown_keys.todo": _e("write `period: file_name`, `period: 2019-07-29` or `period: {{start: 2019-07-01, end: 2019-07-31}}`",
        "请写 `period: file_name`、`period: 2019-07-29` 或 `period: {{start: 2019-07-01, end: 2019-07-31}}`"),
    "error.spec.period_not_date": _e("{where}: '{value}' is not a date (YYYY-MM-DD)", "{where}：'{value}' 不是日期（YYYY-MM-DD）"),
    "error.spec.period_not_date.expected": _e("a declaration as in docs/sources.md", "符合 docs/sources.md 的声明"),
    "error.spec.period_not_date.todo": _e("write `period: file_name`, `period: 2019-07-29` or `period: {{start: 2019-07-01, end: 2019-07-31}}`",
        "请写 `period: file_name`、`period: 2019-07-29` 或 `period: {{start: 2019-07-01, end: 2019-07-31}}`"),
    "error.spec.period_backwards": _e("{where}: ends ({end}) before it starts ({start})", "{where}：结束日期（{end}）早于开始日期（{start}）"),
    "error.spec.period_backwards.expected": _e("a declaration as in docs/sources.md", "符合 docs/sources.md 的声明"),
    "error.spec.period_backwards.todo": _e("swap start and end",
        "请交换 start 和 end"),
    "error.spec.newest_wins": _e("{where}: is {value}", "{where}：值为 {value}"),
    "error.spec.newest_wins.expected": _e("a declaration as in docs/sources.md", "符合 docs/sources.md 的声明"),
    "error.spec.newest_wins.todo": _e("write `newest_wins: true` (or leave it out)",
        "请写 `newest_wins: true`（或省略）"),
    "error.spec.newest_wins_no_period": _e("{where}: is true but the source declares no `period:`: the period orders the files", "{where}：值为 true，但该来源没有声明 `period:`：文件要按期间排序"),
    "error.spec.newest_wins_no_period.expected": _e("a declaration as in docs/sources.md", "符合 docs/sources.md 的声明"),
    "error.spec.newest_wins_no_period.todo": _e("add `period: file_name` (the date or month in each file's name) or a declared period",
        "请添加 `period: file_name`（取每个文件名中的日期或月份）或声明一个期间"),
    "error.spec.join_name": _e("{where}: the join name {alias} is not a plain name", "{where}：关联名 {alias} 不是简单名称"),
    "error.spec.join_name.expected": _e("a declaration as in docs/sources.md", "符合 docs/sources.md 的声明"),
    "error.spec.join_name.todo": _e("name each join with letters, digits and _ (it prefixes its columns: items.price)",
        "请用字母、数字和 _ 为每个关联命名（它是其字段的前缀：items.price）"),
    "error.spec.join_no_source": _e("{where}: `source:` is missing", "{where}：缺少 `source:`"),
    "error.spec.join_no_source.expected": _e("a declaration as in docs/sources.md", "符合 docs/sources.md 的声明"),
    "error.spec.join_no_source.todo": _e("name the declared source whose files are joined",
        "请指定要关联其文件的已声明来源"),
    "error.spec.join_no_on": _e("{where}: is missing", "{where}：缺少此项"),
    "error.spec.join_no_on.expected": _e("a declaration as in docs/sources.md", "符合 docs/sources.md 的声明"),
    "error.spec.join_no_on.todo": _e("add `on: {{this_column: joined_column}}`",
        "请添加 `on: {{this_column: joined_column}}`"),
    "error.spec.join_underscore": _e("{where}: the joined column name '{name}' starts with _", "{where}：关联字段名 '{name}' 以 _ 开头"),
    "error.spec.join_underscore.expected": _e("a declaration as in docs/sources.md", "符合 docs/sources.md 的声明"),
    "error.spec.join_underscore.todo": _e("names starting with _ are storebook's",
        "以 _ 开头的名称为 storebook 保留"),
    "error.spec.unknown_table": _e("{where}: table '{table}' is not a canonical table", "{where}：'{table}' 不是标准数据表"),
    "error.spec.unknown_table.expected": _e("a declaration as in docs/sources.md", "符合 docs/sources.md 的声明"),
    "error.spec.unknown_table.todo": _e("use one of {tables}",
        "请使用以下之一：{tables}"),
    "error.spec.unknown_columns": _e("{where}: `{part}:` names {names}, not column(s) of {table}", "{where}：`{part}:` 指定了 {names}，它们不是 {table} 的字段"),
    "error.spec.unknown_columns.expected": _e("a declaration as in docs/sources.md", "符合 docs/sources.md 的声明"),
    "error.spec.unknown_columns.todo": _e("use the {table} columns: {columns}",
        "请使用 {table} 的字段：{columns}"),
    "error.spec.column_empty": _e("{where}: is empty", "{where}：为空"),
    "error.spec.column_empty.expected": _e("a declaration as in docs/sources.md", "符合 docs/sources.md 的声明"),
    "error.spec.column_empty.todo": _e("give the header's name; in YAML a ' #' starts a comment, so `Order #` reads as `Order` and `# x` as nothing: write a name holding '#' in quotes, e.g. order_id: \"Order #\"",
        "请填写表头中的名称；在 YAML 中 ' #' 表示注释开始，因此 `Order #` 会被读成 `Order`，`# x` 会被读成空：含 '#' 的名称请加引号，例如 order_id: \"Order #\""),
    "error.spec.given_twice": _e("{where}: {names} given more than once (columns/compute/constants)", "{where}：{names} 被给出了不止一次（columns/compute/constants）"),
    "error.spec.given_twice.expected": _e("a declaration as in docs/sources.md", "符合 docs/sources.md 的声明"),
    "error.spec.given_twice.todo": _e("keep one way of giving each column",
        "每个字段只保留一种给出方式"),
    "error.spec.required_missing": _e("{where}: required {table} column(s) {missing} are neither in `columns:` nor `compute:`, `constants:` or `defaults:`", "{where}：{table} 的必需字段 {missing} 既不在 `columns:` 中，也不在 `compute:`、`constants:` 或 `defaults:` 中"),
    "error.spec.required_missing.expected": _e("a declaration as in docs/sources.md", "符合 docs/sources.md 的声明"),
    "error.spec.required_missing.todo": _e("map each to the export's column, compute it, or give a fixed value under `constants:`",
        "请将每个字段对应到导出文件的字段、计算得出，或在 `constants:` 下给出固定值"),
    "error.spec.currency.not_code": _e("{where}: '{value}' is not a currency code{hint}", "{where}：'{value}' 不是币种代码{hint}"),
    "error.spec.currency.not_code.expected": _e("an ISO 4217 currency code such as BRL, EUR, INR or CNY", "ISO 4217 币种代码，如 BRL、EUR、INR 或 CNY"),
    "error.spec.currency.not_code.todo": _e("write `currency: BRL` (an ISO 4217 code: every amount of the source's files is in it) or `currency: {{column: Currency}}` (the file's column that states each row's currency; `values: {{Reais: BRL}}` maps the file's own spellings to codes)",
        "写 `currency: BRL`（ISO 4217 代码：该来源文件中的所有金额都以此币种计）或 `currency: {{column: Currency}}`（文件中标明每行币种的字段；`values: {{Reais: BRL}}` 将文件自己的写法对应到代码）"),
    # A sign several currencies write (¥, $, Rs) as the source-wide `currency:`: {codes} are the codes it may be,
    # {code} the first of them, as the line to write instead.
    "error.spec.currency.several": _e(
        "{where}: '{value}' is written for several currencies ({codes}) and names none of them: every amount of the "
        "source's files would be taken for one of them",
        "{where}：'{value}' 是多个币种共用的写法（{codes}），并不指明其中哪一个：该来源文件中的所有金额都会被当作其中某一币种"),
    "error.spec.currency.several.expected": _e("an ISO 4217 currency code such as BRL, EUR, INR or CNY",
                                               "ISO 4217 币种代码，如 BRL、EUR、INR 或 CNY"),
    "error.spec.currency.several.todo": _e(
        "write the code of the currency the source's amounts are in (one of {codes}), e.g. `currency: {code}`",
        "请写明该来源金额所用币种的代码（{codes} 之一），例如 `currency: {code}`"),
    "error.spec.currency.no_column": _e("{where}: is a mapping without `column:`", "{where}：是一个没有 `column:` 的映射"),
    "error.spec.currency.no_column.expected": _e("`column:` (and `values:`)", "`column:`（以及 `values:`）"),
    "error.spec.currency.no_column.todo": _e("write `currency: BRL` (an ISO 4217 code: every amount of the source's files is in it) or `currency: {{column: Currency}}` (the file's column that states each row's currency; `values: {{Reais: BRL}}` maps the file's own spellings to codes)",
        "写 `currency: BRL`（ISO 4217 代码：该来源文件中的所有金额都以此币种计）或 `currency: {{column: Currency}}`（文件中标明每行币种的字段；`values: {{Reais: BRL}}` 将文件自己的写法对应到代码）"),
    "error.spec.currency.unknown_keys": _e("{where}: unknown key(s) {keys}", "{where}：未知的键 {keys}"),
    "error.spec.currency.unknown_keys.expected": _e("`column:` (and `values:`)", "`column:`（以及 `values:`）"),
    "error.spec.currency.unknown_keys.todo": _e("write `currency: BRL` (an ISO 4217 code: every amount of the source's files is in it) or `currency: {{column: Currency}}` (the file's column that states each row's currency; `values: {{Reais: BRL}}` maps the file's own spellings to codes)",
        "写 `currency: BRL`（ISO 4217 代码：该来源文件中的所有金额都以此币种计）或 `currency: {{column: Currency}}`（文件中标明每行币种的字段；`values: {{Reais: BRL}}` 将文件自己的写法对应到代码）"),
    "error.spec.currency.value_not_code": _e("{where}: '{value}' is not a currency code", "{where}：'{value}' 不是币种代码"),
    "error.spec.currency.value_not_code.expected": _e("an ISO 4217 currency code such as BRL, EUR, INR or CNY", "ISO 4217 币种代码，如 BRL、EUR、INR 或 CNY"),
    "error.spec.currency.value_not_code.todo": _e("map each spelling of the file to its ISO 4217 code, e.g. `values: {{Reais: BRL}}`",
        "请将文件中的每种写法对应到其 ISO 4217 代码，例如 `values: {{Reais: BRL}}`"),
    "error.spec.country.not_code": _e("{where}: '{value}' is not a country code{hint}", "{where}：'{value}' 不是国家代码{hint}"),
    "error.spec.country.not_code.expected": _e("an ISO 3166 alpha-2 country code such as CN, BR, US or DE", "ISO 3166 两位字母国家代码，如 CN、BR、US 或 DE"),
    "error.spec.country.not_code.todo": _e("write `country: CN` (an ISO 3166 code: every row of the source's files is in that country) or `country: {{column: Country}}` (the column that names each row's country, the file's or a joined one as <join>.<column>; `values: {{中国大陆: CN}}` maps the file's own spellings to codes)",
        "写 `country: CN`（ISO 3166 代码：该来源文件的所有行都属于该国家）或 `country: {{column: Country}}`（标明每行所属国家的字段，可以是本文件的，也可以是关联文件的，写作 <join>.<column>；`values: {{中国大陆: CN}}` 将文件自己的写法对应到代码）"),
    "error.spec.country.no_column": _e("{where}: is a mapping without `column:`", "{where}：是一个没有 `column:` 的映射"),
    "error.spec.country.no_column.expected": _e("`column:` (and `values:`)", "`column:`（以及 `values:`）"),
    "error.spec.country.no_column.todo": _e("write `country: CN` (an ISO 3166 code: every row of the source's files is in that country) or `country: {{column: Country}}` (the column that names each row's country, the file's or a joined one as <join>.<column>; `values: {{中国大陆: CN}}` maps the file's own spellings to codes)",
        "写 `country: CN`（ISO 3166 代码：该来源文件的所有行都属于该国家）或 `country: {{column: Country}}`（标明每行所属国家的字段，可以是本文件的，也可以是关联文件的，写作 <join>.<column>；`values: {{中国大陆: CN}}` 将文件自己的写法对应到代码）"),
    "error.spec.country.unknown_keys": _e("{where}: unknown key(s) {keys}", "{where}：未知的键 {keys}"),
    "error.spec.country.unknown_keys.expected": _e("`column:` (and `values:`)", "`column:`（以及 `values:`）"),
    "error.spec.country.unknown_keys.todo": _e("write `country: CN` (an ISO 3166 code: every row of the source's files is in that country) or `country: {{column: Country}}` (the column that names each row's country, the file's or a joined one as <join>.<column>; `values: {{中国大陆: CN}}` maps the file's own spellings to codes)",
        "写 `country: CN`（ISO 3166 代码：该来源文件的所有行都属于该国家）或 `country: {{column: Country}}`（标明每行所属国家的字段，可以是本文件的，也可以是关联文件的，写作 <join>.<column>；`values: {{中国大陆: CN}}` 将文件自己的写法对应到代码）"),
    "error.spec.country.value_not_code": _e("{where}: '{value}' is not a country code", "{where}：'{value}' 不是国家代码"),
    "error.spec.country.value_not_code.expected": _e("an ISO 3166 alpha-2 country code such as CN, BR, US or DE", "ISO 3166 两位字母国家代码，如 CN、BR、US 或 DE"),
    "error.spec.country.value_not_code.todo": _e("map each spelling of the file to its ISO 3166 code, e.g. `values: {{中国大陆: CN}}`",
        "请将文件中的每种写法对应到其 ISO 3166 代码，例如 `values: {{中国大陆: CN}}`"),
})

ENTRIES.update({
    "error.spec.join_source_self": _e("source '{name}', `joins.{alias}.source`: '{source}' is this source itself",
                                      "来源 '{name}' 的 `joins.{alias}.source`：'{source}' 就是该来源本身"),
    "error.spec.join_source_self.expected": _e("the name of another source in this file", "本文件中另一个来源的名称"),
    "error.spec.join_source_self.todo": _e(
        "declare a source named '{source}' for the joined file(s), or fix `source:`",
        "请为被关联的文件声明一个名为 '{source}' 的来源，或修改 `source:`"),
    "error.spec.join_source_unknown": _e("source '{name}', `joins.{alias}.source`: '{source}' is not a declared source",
                                         "来源 '{name}' 的 `joins.{alias}.source`：'{source}' 不是已声明的来源"),
    "error.spec.join_source_unknown.expected": _e("the name of another source in this file", "本文件中另一个来源的名称"),
    "error.spec.join_source_unknown.todo": _e(
        "declare a source named '{source}' for the joined file(s), or fix `source:`",
        "请为被关联的文件声明一个名为 '{source}' 的来源，或修改 `source:`"),
    "error.spec.join_nested": _e("source '{name}', `joins.{alias}`: the joined source '{joined}' has joins of its own",
                                 "来源 '{name}' 的 `joins.{alias}`：被关联的来源 '{joined}' 自身也有关联"),
    "error.spec.join_nested.expected": _e("joins one level deep", "只有一层关联"),
    "error.spec.join_nested.todo": _e("join those files from '{name}' directly", "请直接从 '{name}' 关联那些文件"),
    "error.spec.feeds_nothing": _e("source '{name}' feeds no table and no source joins it",
                                   "来源 '{name}' 不构成任何数据表，也没有来源关联它"),
    "error.spec.feeds_nothing.expected": _e("`table:` or `tables:`, or a source that joins it",
                                            "`table:` 或 `tables:`，或有来源关联它"),
    "error.spec.feeds_nothing.todo": _e(
        "add `tables:` (or `table:` and `columns:`), or join it from another source; files that hold nothing to keep go "
        "under `not_read:` (with `files:` and `why:`)",
        "请添加 `tables:`（或 `table:` 和 `columns:`），或从另一个来源关联它；不含需保留数据的文件请放在 `not_read:` 下"
        "（带 `files:` 和 `why:`）"),
})

ENTRIES.update({
    # -- a declared source against its file (storebook.ingest.sources.mapping.compile)
    "error.mapping.absent": _e(
        "column(s) {names} declared in {declared_in}, source '{source}' ({keys}) are not in the header{whose}",
        "{declared_in} 中来源 '{source}' 声明的字段 {names}（{keys}）不在{whose}表头中"),
    "error.mapping.absent.joined": _e(" of the files of source '{joined}' (joined as {alias})",
                                      "来源 '{joined}'（关联为 {alias}）的文件的"),
    "error.mapping.absent.expected": _e("the header (row {row}) to hold them; it has: {header}",
                                        "表头（第 {row} 行）包含这些字段；表头现有：{header}"),
    "error.mapping.absent.todo": _e("fix {keys} (names must match the header exactly, spaces aside) or `header_row:`{hashed}",
                                    "请修改 {keys}（名称须与表头完全一致，空格除外）或 `header_row:`{hashed}"),
    "error.mapping.absent.hashed": _e(
        "; the header has '{name}': in YAML ' #' starts a comment, write \"{name}\" in quotes",
        "；表头中有 '{name}'：在 YAML 中 ' #' 表示注释开始，请加引号写作 \"{name}\""),
    "error.mapping.not_column": _e(
        "{declared_in}, source '{source}', `{yaml_key}`: '{text}' is not a column of the header, and as an expression {why}",
        "{declared_in} 中来源 '{source}' 的 `{yaml_key}`：'{text}' 不是表头中的字段，作为表达式则 {why}"),
    "error.mapping.not_column.expected": _e("a header name ({header}) or an SQL expression",
                                            "表头中的名称（{header}）或 SQL 表达式"),
    "error.mapping.not_column.todo": _e("fix the name (in YAML a ' #' starts a comment: quote names holding '#')",
                                        "请修改名称（在 YAML 中 ' #' 表示注释开始：含 '#' 的名称请加引号）"),
    "error.mapping.not_scalar": _e("{declared_in}, source '{source}', `{yaml_key}`: `{shown}` gives {type}",
                                   "{declared_in} 中来源 '{source}' 的 `{yaml_key}`：`{shown}` 得到的是 {type}"),
    "error.mapping.not_scalar.expected": _e("one value per row", "每行一个值"),
    "error.mapping.not_scalar.todo": _e("pick one element (x[1]) or aggregate it", "请取其中一个元素（x[1]）或对其聚合"),
    "error.mapping.default.number": _e(
        "{declared_in}, source '{source}', `inputs.{column}.default`: '{default}' is not a number",
        "{declared_in} 中来源 '{source}' 的 `inputs.{column}.default`：'{default}' 不是数字"),
    "error.mapping.default.number.expected": _e("a default that reads as a number", "能读作数字的默认值"),
    "error.mapping.default.number.todo": _e("fix `default:`", "请修改 `default:`"),
    "error.mapping.default.integer": _e(
        "{declared_in}, source '{source}', `inputs.{column}.default`: '{default}' is not a whole number",
        "{declared_in} 中来源 '{source}' 的 `inputs.{column}.default`：'{default}' 不是整数"),
    "error.mapping.default.integer.expected": _e("a default that reads as a whole number", "能读作整数的默认值"),
    "error.mapping.default.integer.todo": _e("fix `default:`", "请修改 `default:`"),
    "error.mapping.default.boolean": _e(
        "{declared_in}, source '{source}', `inputs.{column}.default`: '{default}' is not true/false",
        "{declared_in} 中来源 '{source}' 的 `inputs.{column}.default`：'{default}' 不是 true/false"),
    "error.mapping.default.boolean.expected": _e("a default that reads as true/false", "能读作 true/false 的默认值"),
    "error.mapping.default.boolean.todo": _e("fix `default:`", "请修改 `default:`"),
    "error.mapping.default.date": _e(
        "{declared_in}, source '{source}', `inputs.{column}.default`: '{default}' is not a date",
        "{declared_in} 中来源 '{source}' 的 `inputs.{column}.default`：'{default}' 不是日期"),
    "error.mapping.default.date.expected": _e("a default that reads as a date", "能读作日期的默认值"),
    "error.mapping.default.date.todo": _e("fix `default:`", "请修改 `default:`"),
    "error.mapping.default.timestamp": _e(
        "{declared_in}, source '{source}', `inputs.{column}.default`: '{default}' is not a date and time",
        "{declared_in} 中来源 '{source}' 的 `inputs.{column}.default`：'{default}' 不是日期时间"),
    "error.mapping.default.timestamp.expected": _e("a default that reads as a date and time", "能读作日期时间的默认值"),
    "error.mapping.default.timestamp.todo": _e("fix `default:`", "请修改 `default:`"),
})

ENTRIES.update({
    "error.mapping.sql.fix": _e("{declared_in}, source '{source}', `{yaml_key}`: `{expr}` does not run on this file: {message}",
        "{declared_in} 中来源 '{source}' 的 `{yaml_key}`：`{expr}` 无法在该文件上运行：{message}"),
    "error.mapping.sql.fix.expected": _e("an SQL expression over the file's columns (header: {header})", "基于文件字段的 SQL 表达式（表头：{header}）"),
    "error.mapping.sql.fix.todo": _e("fix the expression (docs/sources.md, 'Expressions')",
        "请修改该表达式（见 docs/sources.md 的 'Expressions'）"),
    "error.mapping.sql.column": _e("{declared_in}, source '{source}', `{yaml_key}`: `{expr}` does not run on this file: {message}",
        "{declared_in} 中来源 '{source}' 的 `{yaml_key}`：`{expr}` 无法在该文件上运行：{message}"),
    "error.mapping.sql.column.expected": _e("an SQL expression over the file's columns (header: {header})", "基于文件字段的 SQL 表达式（表头：{header}）"),
    "error.mapping.sql.column.todo": _e("use a column of the header (names holding spaces, brackets or # in double quotes: \"Order #\"), a joined column as <join>.<column>, or _row, _file, _period_start, _period_end",
        "请使用表头中的字段（含空格、括号或 # 的名称请用双引号：\"Order #\"）、写作 <join>.<column> 的关联字段，或 _row、_file、_period_start、_period_end"),
    "error.mapping.sql.group_by": _e("{declared_in}, source '{source}', `{yaml_key}`: `{expr}` does not run on this file: {message}",
        "{declared_in} 中来源 '{source}' 的 `{yaml_key}`：`{expr}` 无法在该文件上运行：{message}"),
    "error.mapping.sql.group_by.expected": _e("an SQL expression over the file's columns (header: {header})", "基于文件字段的 SQL 表达式（表头：{header}）"),
    "error.mapping.sql.group_by.todo": _e("in a table with `group_by:` wrap the column in an aggregate (sum, min, max, count, first(x ORDER BY _row)); an aggregate in a table without `group_by:` needs one",
        "在带 `group_by:` 的数据表中，请用聚合函数（sum、min、max、count、first(x ORDER BY _row)）包住该字段；在没有 `group_by:` 的数据表中使用聚合函数则需要加上 `group_by:`"),
    "error.mapping.sql.grouped": _e("{declared_in}, source '{source}', `{yaml_key}`: `{expr}` does not run on this file: {message}",
        "{declared_in} 中来源 '{source}' 的 `{yaml_key}`：`{expr}` 无法在该文件上运行：{message}"),
    "error.mapping.sql.grouped.expected": _e("an SQL expression over the file's columns (header: {header})", "基于文件字段的 SQL 表达式（表头：{header}）"),
    "error.mapping.sql.grouped.todo": _e("wrap the column in an aggregate (sum, min, max, count, first(x ORDER BY _row)) or add it to `group_by:`",
        "请用聚合函数（sum、min、max、count、first(x ORDER BY _row)）包住该字段，或将其加入 `group_by:`"),
    "error.mapping.sql.date_plus": _e("{declared_in}, source '{source}', `{yaml_key}`: `{expr}` does not run on this file: {message}",
        "{declared_in} 中来源 '{source}' 的 `{yaml_key}`：`{expr}` 无法在该文件上运行：{message}"),
    "error.mapping.sql.date_plus.expected": _e("an SQL expression over the file's columns (header: {header})", "基于文件字段的 SQL 表达式（表头：{header}）"),
    "error.mapping.sql.date_plus.todo": _e("add days to a date as date + CAST(days AS INTEGER), or date + INTERVAL (days) DAY",
        "日期加天数请写作 date + CAST(days AS INTEGER) 或 date + INTERVAL (days) DAY"),
    "error.mapping.sql.text": _e("{declared_in}, source '{source}', `{yaml_key}`: `{expr}` does not run on this file: {message}",
        "{declared_in} 中来源 '{source}' 的 `{yaml_key}`：`{expr}` 无法在该文件上运行：{message}"),
    "error.mapping.sql.text.expected": _e("an SQL expression over the file's columns (header: {header})", "基于文件字段的 SQL 表达式（表头：{header}）"),
    "error.mapping.sql.text.todo": _e("the file's columns are text: declare the column's type under `inputs:` (number, integer, date, timestamp, boolean) to compute with it, or cast it (CAST(x AS DOUBLE))",
        "文件的字段是文本：要用它计算，请在 `inputs:` 下声明该字段的类型（number、integer、date、timestamp、boolean），或对其做类型转换（CAST(x AS DOUBLE)）"),
})

ENTRIES.update({
    # -- storebook.sources.yaml as a whole, and a declared source's file (storebook.ingest.sources.custom)
    "error.custom.yaml": _e("not valid YAML ({error})", "不是有效的 YAML（{error}）"),
    "error.custom.yaml.expected": _e("the layout of docs/sources.md", "docs/sources.md 所述的格式"),
    "error.custom.yaml.todo": _e("fix the file (examples/storebook.sources.yaml is a working example)",
                                 "请修改该文件（examples/storebook.sources.yaml 是一个可用的示例）"),
    "error.custom.top_keys": _e("unknown top-level keys {keys}", "未知的顶层键 {keys}"),
    "error.custom.top_keys.expected": _e("`sources:`, `pins:` and/or `not_read:`", "`sources:`、`pins:` 和/或 `not_read:`"),
    "error.custom.top_keys.todo": _e("see docs/sources.md", "见 docs/sources.md"),
    "error.custom.name_twice": _e("two sources are named '{name}'", "有两个来源都叫 '{name}'"),
    "error.custom.name_twice.expected": _e("unique names", "名称各不相同"),
    "error.custom.name_twice.todo": _e("rename one of them", "请重命名其中一个"),
    "error.custom.pin": _e("pin #{number} is {pin}", "第 {number} 条固定规则（pin）为 {pin}"),
    "error.custom.pin.expected": _e(
        "`- files: \"<pattern>\"` and `use: <source>` (and, for a report that names no day, `period:`)",
        "`- files: \"<pattern>\"` 和 `use: <source>`（对于未注明日期的报表，还需 `period:`）"),
    "error.custom.pin.todo": _e("see docs/sources.md, 'When two sources match'", "见 docs/sources.md 的 'When two sources match'"),
    "error.custom.pin_period": _e("pin #{number}: period {error}", "第 {number} 条固定规则（pin）：期间 {error}"),
    "error.custom.pin_period.expected": _e(
        "`period: 2019-07-29` or `period: {{start: 2019-07-01, end: 2019-07-31}}`",
        "`period: 2019-07-29` 或 `period: {{start: 2019-07-01, end: 2019-07-31}}`"),
    "error.custom.pin_period.todo": _e("fix the pin's period", "请修改该固定规则的期间"),
    "error.custom.not_read": _e("not_read #{number} is {entry}", "第 {number} 条 not_read 为 {entry}"),
    "error.custom.not_read.expected": _e(
        "`- files: \"<pattern>\"` and `why: <what the file is and why it is not read>`",
        "`- files: \"<pattern>\"` 和 `why: <该文件是什么、为何不读取>`"),
    "error.custom.not_read.todo": _e("see docs/sources.md, 'Files that are not data'",
                                     "见 docs/sources.md 的 'Files that are not data'"),
    "error.custom.expression_fails": _e(
        "{declared_in}, source '{source}': an expression fails on the file's values: {message}",
        "{declared_in} 中的来源 '{source}'：有表达式在该文件的值上运行失败：{message}"),
    "error.custom.expression_fails.expected": _e("expressions that hold for every row", "对每一行都成立的表达式"),
    "error.custom.expression_fails.todo": _e(
        "read the column with `inputs:` (a value that does not read is then rejected with its row) or use "
        "try_cast(x AS type) instead of CAST",
        "请用 `inputs:` 读取该字段（无法读取的值会连同其所在行被拒收），或用 try_cast(x AS type) 代替 CAST"),
    "error.custom.currency": _e(
        "'{value}' is not a currency code ({declared_in}, source '{source}', `currency.column`){also}",
        "'{value}' 不是币种代码（{declared_in} 中来源 '{source}' 的 `currency.column`）{also}"),
    "error.custom.currency.also": _e("; {rows} rows hold values that are not codes, and none holds a code: {values}",
                                     "；共有 {rows} 行的值不是币种代码，且没有一行是币种代码：{values}"),
    "error.custom.currency.hint": _e("{hint}: ", "{hint}："),
    "error.custom.currency.expected": _e(
        "an ISO 4217 currency code (BRL, EUR, INR, CNY …) or an empty cell in each row",
        "每一行都是 ISO 4217 币种代码（BRL、EUR、INR、CNY …）或空单元格"),
    "error.custom.currency.todo": _e(
        "{hint}map the file's spellings to codes under `currency: {{column: {column}, values: {{'{value}': <code>}}}}`, "
        "or, if `{column}` is not the currency column, name the right one (or declare one currency: `currency: BRL`)",
        "{hint}请在 `currency: {{column: {column}, values: {{'{value}': <code>}}}}` 下将文件中的写法对应到代码；"
        "如果 `{column}` 不是币种字段，请指定正确的字段（或声明单一币种：`currency: BRL`）"),
    "error.custom.period_name": _e("the file name names no period ({declared_in}, source '{source}', `period: file_name`)",
                                   "文件名中没有期间（{declared_in} 中来源 '{source}' 的 `period: file_name`）"),
    "error.custom.period_name.expected": _e(
        "a date (2019-07-29, 20190729), two dates (first and last day) or a month (2019-07) in the file name",
        "文件名中含有一个日期（2019-07-29、20190729）、两个日期（首日和末日）或一个月份（2019-07）"),
    "error.custom.period_name.todo": _e(
        "rename the file as the platform named it, or declare `period: {{start: …, end: …}}`",
        "请按平台的原始命名重命名该文件，或声明 `period: {{start: …, end: …}}`"),
    "error.custom.header_row": _e("the declared header_row {row} is not in the file ({rows} rows)",
                                  "声明的 header_row {row} 不在文件中（文件共 {rows} 行）"),
    "error.custom.header_row.expected": _e("the 1-based row number of the header", "表头所在的行号（从 1 开始）"),
    "error.custom.header_row.todo": _e("fix `header_row:` in {declared_in}, source '{source}'",
                                       "请修改 {declared_in} 中来源 '{source}' 的 `header_row:`"),
    "error.custom.header_twice": _e("the column '{name}' appears twice in the header (row {row})",
                                    "字段 '{name}' 在表头（第 {row} 行）中出现了两次"),
    "error.custom.header_twice.expected": _e(
        "each column once; a header over two rows (a group above, names below) repeats the names of its lower row",
        "每个字段只出现一次；占两行的表头（上面是分组，下面是名称）会重复其下一行的名称"),
    "error.custom.header_twice.todo": _e(
        "name the columns yourself in {declared_in}, source '{source}': `header_row: 0`, `column_names: […]` ({count} "
        "names, one per column) and `where: \"_row > {row}\"` to skip the header rows (docs/sources.md, 'Every key')",
        "请在 {declared_in} 的来源 '{source}' 中自行命名各字段：`header_row: 0`、`column_names: […]`（{count} 个名称，"
        "每列一个）以及 `where: \"_row > {row}\"` 以跳过表头行（见 docs/sources.md 的 'Every key'）"),
})

ENTRIES.update({
    # -- the platforms' exports (storebook.ingest.sources: base, ga4, jd_items, sycm_items, reports)
    "error.input.header_lost": _e("the header of the {description} was not found", "未找到{description}的表头"),
    "error.input.header_lost.expected": _e("{signature}", "表头包含：{signature}"),
    "error.input.header_lost.todo": _e("re-export the file", "请重新导出该文件"),
    "error.input.ga4_no_traffic": _e("this GA4 download holds {count} table(s) and none is traffic by day: {listed}",
                                     "该 GA4 下载文件包含 {count} 个表格，没有一个是按天的流量：{listed}"),
    "error.input.ga4_no_traffic.expected": _e(
        "a GA4 table with a day (Date, or Nth day) or one period (Start date/End date), users (Total users, Active "
        "users or Users) and at most the dimensions Session default channel group and Device category",
        "一个 GA4 表格：含日期（Date 或 Nth day）或一个期间（Start date/End date）、用户数（Total users、Active users "
        "或 Users），维度最多为 Session default channel group 和 Device category"),
    "error.input.ga4_no_traffic.todo": _e(
        "in GA4 open Reports → Acquisition → Traffic acquisition, keep 'Session default channel group', add the "
        "dimension 'Date' (and 'Device category'), show 'Total users', then Share → Download file → CSV; for the "
        "de-duplicated totals download the same report by Date × Device category without the channel; move this file "
        "out of data/raw (docs/sources.md, GA4)",
        "请在 GA4 中打开 Reports → Acquisition → Traffic acquisition，保留 'Session default channel group'，添加维度 "
        "'Date'（以及 'Device category'），显示 'Total users'，然后 Share → Download file → CSV；如需去重后的总数，请按 "
        "Date × Device category（不含渠道）下载同一报表；并将本文件移出 data/raw（见 docs/sources.md 的 GA4 部分）"),
    "error.input.jd_items_period": _e("the per-item report has no 日期 column and names no period",
                                      "该商品明细报表没有 日期 字段，也没有注明期间"),
    "error.input.jd_items_period.expected": _e("a 日期 column, a 统计日期 title row, or the period in the file name",
                                               "日期 字段、统计日期 标题行，或文件名中的期间"),
    "error.input.jd_items_period.todo": _e("re-export it by day, or name the file with its first and last day",
                                           "请按天重新导出，或用首日和末日命名该文件"),
    "error.input.sycm_items_period": _e(
        "the per-item report names no period (no 统计日期 in its title rows, no date in the file name)",
        "该商品报表没有注明期间（标题行中没有 统计日期，文件名中也没有日期）"),
    "error.input.sycm_items_period.expected": _e("a file name such as 商品效果_2026-04-20~2026-04-26.xlsx",
                                                 "形如 商品效果_2026-04-20~2026-04-26.xlsx 的文件名"),
    "error.input.sycm_items_period.todo": _e("rename the file with the report's first and last day, as 生意参谋 names it",
                                             "请按 生意参谋 的命名方式，用报表的首日和末日重命名该文件"),
    "error.input.report_periods_differ": _e(
        "the title rows name the period {title_first} ~ {title_last} but the file name {name_first} ~ {name_last}",
        "标题行注明的期间是 {title_first} ~ {title_last}，而文件名中的是 {name_first} ~ {name_last}"),
    "error.input.report_periods_differ.expected": _e("one period for the whole report", "整个报表只有一个期间"),
    "error.input.report_periods_differ.todo": _e(
        "rename the file with the period the title states, or declare the period for the file: `pins: [{{files: "
        "\"<file>\", use: {source}, period: {{start: …, end: …}}}}]` in storebook.sources.yaml",
        "请按标题所注明的期间重命名该文件，或在 storebook.sources.yaml 中为该文件声明期间：`pins: [{{files: "
        "\"<file>\", use: {source}, period: {{start: …, end: …}}}}]`"),
    "error.input.report_no_day": _e(
        "the report names no day: it has no 日期 column, no 统计日期 in its title rows and no date in its file name, so "
        "the period its totals cover is unknown",
        "该报表没有注明日期：没有 日期 字段，标题行中没有 统计日期，文件名中也没有日期，因此无法知道其合计数据覆盖的期间"),
    "error.input.report_no_day.expected": _e(
        "a 日期 column, 统计日期 in the title, a file name with the report's dates, or a declared period",
        "日期 字段、标题中的 统计日期、含报表日期的文件名，或已声明的期间"),
    "error.input.report_no_day.todo": _e(
        "rename the file with the period it covers, e.g. '{stem}_2019-07-01_2019-07-31{suffix}' (one day: "
        "'{stem}_2019-07-29{suffix}'), or declare it in storebook.sources.yaml: `pins: [{{files: \"<folder>/{name}\", "
        "use: {source}, period: {{start: 2019-07-01, end: 2019-07-31}}}}]`",
        "请用其覆盖的期间重命名该文件，例如 '{stem}_2019-07-01_2019-07-31{suffix}'（单日：'{stem}_2019-07-29{suffix}'），"
        "或在 storebook.sources.yaml 中声明：`pins: [{{files: \"<folder>/{name}\", use: {source}, period: "
        "{{start: 2019-07-01, end: 2019-07-31}}}}]`"),
})

ENTRIES.update({
    # How the candidate encodings read the first word they differ on (encodings._differences).
    "error.input.encoding.reads": _e("line {line} reads {readings}", "第 {line} 行读作：{readings}"),
    "error.input.encoding.reading": _e("'{word}' as {names}{more}", "按 {names} 为 '{word}'{more}"),
    "error.input.encoding.reading.more": _e("; {reading}", "；{reading}"),
    "error.input.encoding.candidates": _e("the candidates are {names}", "可能的编码有 {names}"),
})

ENTRIES.update({
    # The shapes a mapping of storebook.sources.yaml is written in (spec._SHAPES).
    "error.spec.shape.columns": _e("canonical_column: value lines", "“标准字段: 值”的多行"),
    "error.spec.shape.inputs": _e("column: type lines", "“字段: 类型”的多行"),
    "error.spec.shape.compute": _e("name: expression lines", "“名称: 表达式”的多行"),
    "error.spec.shape.on": _e("this file's column: the joined file's column", "“本文件的字段: 被关联文件的字段”"),
    "error.spec.shape.values": _e("{{export value: canonical value}}", "{{导出值: 标准值}}"),
    "error.spec.shape.spellings": _e("{{the file's spelling: code}}", "{{文件中的写法: 代码}}"),
    # Why an expression is refused (storebook.ingest.sources.mapping.sql.check_expression).
    "error.sql.why.empty": _e("it is empty", "它是空的"),
    "error.sql.why.syntax": _e("it is not one SQL expression ({error})", "它不是一个 SQL 表达式（{error}）"),
    "error.sql.why.not_column": _e(
        "it is not one column expression (a statement, a clause or a second expression follows it)",
        "它不是一个字段表达式（后面跟着语句、子句或第二个表达式）"),
    "error.sql.why.renames": _e("it renames its result (`AS`): the key it is declared under names the result",
                                "它给结果改了名（`AS`）：结果的名称由声明它的键决定"),
    "error.sql.why.subquery": _e("it holds a subquery: expressions may use the file's columns only",
                                 "它包含子查询：表达式只能使用文件的字段"),
    "error.sql.why.star": _e("it uses * or COLUMNS(): name the columns", "它使用了 * 或 COLUMNS()：请写出字段名"),
})

# -- the errors of the engine: a run that holds a lock (storebook.engine.locks.BusyError), the
# configuration (storebook.engine.config.ConfigError), a month (storebook.engine.periods.PeriodError),
# the processed data's generations and the workbook (storebook.engine.generations, .workbook). Each is
# its error's English word for word; a part said in another entry is a value of the same name.
ENTRIES.update({
    "error.busy": _e(
        "{holder}{waited}. Nothing was changed: wait for it to finish, or run again with --wait SECONDS to wait for "
        "it (the lock is {lock}; the system releases it when that process ends)",
        "{holder}{waited}。未作任何改动：请等它结束，或加上 --wait SECONDS 重新运行以等待它"
        "（锁文件为 {lock}；该进程结束时系统会自动释放它）"),
    "error.busy.holder": _e("another {what} is running since {when}, pid {pid}{where}",
                            "另一个{what}正在运行，开始于 {when}，pid {pid}{where}"),
    "error.busy.holder.unknown": _e(
        "another {what} is running (it has just started and not yet said which process it is)",
        "另一个{what}正在运行（它刚刚启动，尚未写明是哪个进程）"),
    "error.busy.holder.host": _e(" on {host}", "，在 {host} 上"),
    "error.busy.waited": _e(" (waited {seconds} s)", "（已等待 {seconds} 秒）"),
    "error.busy.what.ingest": _e("ingest", "导入任务"),
    "error.busy.what.report": _e("report for {month} ({lang})", " {month}（{lang}）的报告任务"),
    "error.busy.what.report_month": _e("report for {month}", " {month} 的报告任务"),

    "error.config.toml": _e("{path}: not valid TOML ({problem}). Fix the file or restore it from git.",
                            "{path}：不是有效的 TOML（{problem}）。请修正该文件，或从 git 恢复它。"),
    "error.config.invalid": _e(
        "{path}: {problems}. Fix the file (the settings are listed in the storebook.toml that ships with storebook).",
        "{path}：{problems}。请修正该文件（所有设置项都列在 storebook 自带的 storebook.toml 中）。"),
    # Problems said one after another (storebook.errors.joined).
    "error.joined": _e("{first}; {rest}", "{first}；{rest}"),
    "error.config.name": _e("{head}{items}", "{head}{items}"),
    "error.config.item": _e(" item {number}{more}", " 第 {number} 项{more}"),
    "error.config.not_setting": _e("{name} is not a setting{close} (remove it, or check its spelling)",
                                   "{name} 不是一个设置项{close}（请删除它，或检查拼写）"),
    "error.config.not_setting.close": _e(": did you mean '{close}'?", "：是否想写 '{close}'？"),
    # The problem is pydantic's own words (English in either language); the name and the value stay as written.
    "error.config.bad_value": _e("{name}: {problem} (got {got})", "{name}：{problem}（实际为 {got}）"),
    "error.config.key_short": _e(
        "the customer-id hash key in {where} is {length}; it needs at least {minimum} random characters. Generate one "
        "with {recipe}, or {alternative}",
        "{where} 中的客户 ID 哈希密钥{length}；它至少需要 {minimum} 个随机字符。请用 {recipe} 生成一个，或{alternative}"),
    "error.config.key_short.env": _e("the environment variable {name}", "环境变量 {name}"),
    "error.config.key_short.empty": _e("empty", "为空"),
    "error.config.key_short.length": _e("{count} characters long", "只有 {count} 个字符"),
    "error.config.key_short.unset": _e("unset {name} to have one generated", "取消设置 {name}，由 storebook 自动生成一个"),
    "error.config.key_short.delete": _e(
        "delete the file to have a new one generated (customer pseudonyms then change at the next "
        "`storebook ingest --force`)",
        "删除该文件，由 storebook 自动生成一个新密钥（客户假名随后会在下一次 `storebook ingest --force` 时改变）"),

    "error.config.processed_lake": _e(
        "the processed data is set to the lake {location}, and ingest writes a local folder: set STOREBOOK_PROCESSED "
        "(or paths.processed in storebook.toml) to a folder to ingest, then copy that folder to the lake",
        "处理后的数据被设为数据湖 {location}，而导入只写入本地文件夹：请将 STOREBOOK_PROCESSED（或 storebook.toml 中的 "
        "paths.processed）设为一个本地文件夹后再导入，然后把该文件夹复制到数据湖"),

    "error.period.not_month": _e("'{text}' is not a month; write it as YYYY-MM, for example 2026-10",
                                 "'{text}' 不是一个月份；请写成 YYYY-MM，例如 2026-10"),

    "error.generation.inside": _e(
        "{processed} is a generation of the processed data in {parent}, which only that folder's ingest writes: set "
        "the processed path (STOREBOOK_PROCESSED or [paths] processed) to {parent} itself, or to a folder of its own",
        "{processed} 是 {parent} 中处理后数据的一个版本，只有该文件夹自己的导入才会写入它：请将处理后数据的路径"
        "（STOREBOOK_PROCESSED 或 [paths] processed）设为 {parent} 本身，或设为一个单独的文件夹"),
    "error.report.language": _e("language '{lang}' is not available; use one of {languages}",
                                "没有 '{lang}' 这种语言；请使用以下之一：{languages}"),
    "error.report.jobs": _e("--jobs {jobs}: give at least 1 parallel kernel", "--jobs {jobs}：至少需要 1 个并行内核"),
    "error.report.pack_empty": _e(
        "the report pack is empty: list the notebooks under [report] pack in storebook.toml",
        "报告包是空的：请在 storebook.toml 的 [report] pack 中列出笔记本"),
    "error.report.unknown_notebooks": _e(
        "unknown notebook(s) {unknown}: the report pack is {pack} ([report] pack in storebook.toml)",
        "未知的笔记本 {unknown}：报告包为 {pack}（storebook.toml 中的 [report] pack）"),
    "error.report.notebooks_missing": _e(
        "notebook(s) {missing} of the report pack not found in {folder} (expected {first}.ipynb): add the notebook "
        "or remove it from [report] pack",
        "在 {folder} 中找不到报告包的笔记本 {missing}（应为 {first}.ipynb）：请添加该笔记本，或将其从 [report] pack 中移除"),
    "error.report.parameters": _e("{problems}: add them to the cell tagged 'parameters' or correct the name",
                                  "{problems}：请把它们加入标记为 'parameters' 的单元格，或改正名称"),
    "error.report.parameters.invalid": _e("{notebook}: its parameters cell is not valid Python (line {line}: {reason})",
                                          "{notebook}：其参数单元格不是有效的 Python（第 {line} 行：{reason}）"),
    "error.report.parameters.none": _e("{notebook} has no cell tagged 'parameters' (it must declare {parameters})",
                                       "{notebook} 没有标记为 'parameters' 的单元格（它必须声明 {parameters}）"),
    "error.report.parameters.undeclared": _e(
        "{notebook} does not declare the parameter(s) {unknown} (its parameters cell has {declared})",
        "{notebook} 没有声明参数 {unknown}（其参数单元格中有 {declared}）"),
    "error.report.parameters.declared_none": _e("none", "无"),
    "error.workbook.not_table": _e("'{name}' is not a canonical table; tables: {tables}",
                                   "'{name}' 不是标准数据表；数据表有：{tables}"),
    "error.workbook.generation_replaced": _e(
        "the processed data this workbook opened (generation {generation} of {processed}) has been replaced by newer "
        "ingests since: open the workbook again (storebook.open())",
        "此工作簿打开的处理后数据（{processed} 的版本 {generation}）已被之后的导入替换：请重新打开工作簿（storebook.open()）"),
    "error.workbook.unknown_platform": _e("unknown platform(s) {unknown}; the workbook knows {known}",
                                          "未知的平台 {unknown}；工作簿已知的平台为 {known}"),
    "error.workbook.spark_extra": _e("the Spark backend needs the spark extra: pip install -e '.[spark]' (and Java 17)",
                                     "Spark 后端需要安装 spark 扩展：pip install -e '.[spark]'（并需要 Java 17）"),
    "error.workbook.backend_unknown": _e(
        "backend '{backend}' is not known; use 'duckdb', 'spark' or a Spark master URL",
        "未知的后端 '{backend}'；请使用 'duckdb'、'spark' 或 Spark master URL"),
    "error.workbook.memory_limit": _e(
        "[engine] memory_limit = {limit} was refused by DuckDB ({problem}); give a size such as '512MB' or '2GB' in "
        "storebook.toml",
        "DuckDB 拒绝了 [engine] memory_limit = {limit}（{problem}）；请在 storebook.toml 中填写一个大小，例如 '512MB' 或 '2GB'"),
})
