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
