"""The message catalogue: every finding code with its Chinese and English text.

One place to read, translate and test (every code has a fixture in ``tests/fixtures``).
Templates use ``str.format`` fields filled from :attr:`Finding.args`; a missing field
renders as ``{name}`` rather than failing, so a message can never raise.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from meilijiayuan.messages.plan_words import fill

E = "error"  # the values of meilijiayuan.findings.Severity
W = "warning"


@dataclass(frozen=True, slots=True)
class Entry:
    severity: str  # "error" or "warning"
    zh: str
    en: str
    hint_zh: str = ""
    hint_en: str = ""


CATALOGUE: dict[str, Entry] = {
    # --- reading the file -------------------------------------------------------------
    "path-not-found": Entry(
        E, "找不到文件或文件夹 {path}", "no such file or folder: {path}",
        "检查路径是否写对。", "Check the path.",
    ),
    "plan-not-found": Entry(
        E, "找不到计划文件 {path}（{source}）", "no plan file at {path} ({source})",
        "改正路径；不用这个计划时，去掉 --plan 并 unset MLJY_PLAN，mljy 会用 ./data/plan.yaml "
        "或随包附带的计划。",
        "Correct the path; to use another plan, drop --plan and unset MLJY_PLAN: mljy then "
        "reads ./data/plan.yaml or the bundled plan.",
    ),
    "no-input": Entry(
        E, "{path} 中没有 .yaml/.yml 文件（也没有 .xlsx/.xls/.ods 工作簿）",
        "no .yaml/.yml files under {path} (nor .xlsx/.xls/.ods workbooks)",
        "报表文件的扩展名应为 .yaml 或 .yml，或者是 mljy template --format xlsx 生成的工作簿。",
        "Report files must end in .yaml or .yml, or be workbooks made by "
        "`mljy template --format xlsx`.",
    ),
    "file-unreadable": Entry(
        E, "无法读取文件：{reason}", "cannot read the file: {reason}",
        "检查文件权限，或文件是否被其他程序占用。",
        "Check the file's permissions and that no other program holds it.",
    ),
    "file-too-large": Entry(
        E, "文件太大（{size} 字节，上限 {limit} 字节）", "file too large ({size} bytes, limit {limit})",
        "一份月报通常只有几 KB；请检查是否放错了文件。确需处理可用 --max-bytes 调高上限。",
        "A monthly report is a few KB; check this is the right file, or raise --max-bytes.",
    ),
    "encoding": Entry(
        E, "文件不是 UTF-8 编码（看起来是 {guess}）", "the file is not UTF-8 (it looks like {guess})",
        "用记事本或 WPS 打开，“另存为”时选择编码 UTF-8；或运行时加上 --encoding {codec}。",
        "Re-save it as UTF-8 (Notepad: Save As → Encoding UTF-8), or pass --encoding {codec}.",
    ),
    "encoding-invalid": Entry(
        E, "文件无法按 {encoding} 编码读取（偏移 {offset} 字节处）",
        "the file cannot be decoded as {encoding} (at byte offset {offset})",
        "确认 --encoding 参数与文件的实际编码一致，最好把文件另存为 UTF-8。",
        "Check --encoding matches the file; better, re-save the file as UTF-8.",
    ),
    "not-text": Entry(
        E, "文件不是文本格式的报表（看起来是{kind}）", "the file is not text (it looks like {kind})",
        "报表是 YAML 文本文件或工作簿：工作簿的文件名须以 .xlsx、.xls 或 .ods 结尾（WPS 的 .et "
        "文件请另存为 .xlsx），可用 mljy template --unit 单位 --period YYYY-MM --format xlsx "
        "生成工作簿模板；YAML 报表用 mljy template --unit 单位 --period YYYY-MM 生成，用记事本"
        "或 WPS（文本模式）填写后另存为 UTF-8 编码的 .yaml 文件。Word 等其他文件不能作为报表。",
        "A report is a YAML text file or a workbook: a workbook's name must end in .xlsx, .xls "
        "or .ods (save a WPS .et file as .xlsx); `mljy template --unit NAME --period YYYY-MM "
        "--format xlsx` writes a workbook template. A YAML report starts from `mljy template "
        "--unit NAME --period YYYY-MM`, filled in with Notepad (or WPS in text mode) and saved "
        "as UTF-8 with the extension .yaml. Word and other files cannot be reports.",
    ),
    # --- reading a workbook (.xlsx/.xls/.ods, docs/workbooks.md) -------------------------
    "workbook-unreadable": Entry(
        E, "无法读取工作簿：{reason}", "cannot read the workbook: {reason}",
        "用 Excel 或 WPS 打开后另存为 .xlsx 再试；文件不完整时（下载或复制中断）请重新获取。",
        "Open it in Excel or WPS and save it again as .xlsx; if the file is incomplete (an "
        "interrupted download or copy), get it again.",
    ),
    "workbook-encrypted": Entry(
        E, "工作簿设置了打开密码，无法读取", "the workbook is encrypted with a password",
        "在 Excel 或 WPS 中打开，取消“用密码进行加密”（文件 → 信息 → 保护工作簿），保存后再报送。",
        "Open it in Excel or WPS, remove the password (File → Info → Protect Workbook → "
        "Encrypt with Password) and save it again.",
    ),
    "workbook-too-large": Entry(
        E, "工作簿解压后太大（{part} 为 {size} 字节，上限 {limit} 字节）",
        "the workbook is too large unpacked ({part}: {size} bytes, limit {limit})",
        "一份月报工作簿解压后不过几十 KB；请检查是否放错了文件。确需处理可用 --max-bytes 调高上限。",
        "A monthly report workbook is a few dozen KB unpacked; check this is the right file, or "
        "raise --max-bytes.",
    ),
    "workbook-too-many-cells": Entry(
        E, "工作表“{sheet}”太大：用到了第 {rows} 行、第 {columns} 列（上限 {limit} 个单元格）",
        "the sheet '{sheet}' is too large: it reaches row {rows} and column {columns} "
        "(limit {limit} cells)",
        "删除表格下方和右侧多余的行和列（包括只有格式或空格的单元格），保存后再试；确需处理可用 "
        "--max-nodes 调高上限。",
        "Delete the rows and columns below and right of the table (cells holding only formats "
        "or spaces too) and save again, or raise --max-nodes.",
    ),
    "workbook-layout": Entry(
        E, "工作簿不是 mljy 报表模板的格式：缺少{missing}",
        "the workbook is not in the layout of an mljy report template: {missing} missing",
        "用 mljy template --format xlsx --unit 单位 --period YYYY-MM --out 单位.xlsx 生成模板，"
        "在模板的“进度”工作表中填写；不要删除或改写表头和表头上方的单位、月份栏。",
        "Make a template with `mljy template --format xlsx --unit NAME --period YYYY-MM --out "
        "NAME.xlsx` and fill in its sheet Progress (the first sheet); keep the header row and "
        "the unit and period cells above it.",
    ),
    "workbook-formula-uncached": Entry(
        E, "单元格是公式 {formula}，但文件中没有保存它的计算结果",
        "the cell holds the formula {formula} but no computed value was saved with it",
        "在 Excel 或 WPS 中打开并保存一次（公式会被算出结果），或把公式换成数值。",
        "Open the file in Excel or WPS and save it once (the formula is then computed), or "
        "replace the formula with its value.",
    ),
    "workbook-error-value": Entry(
        E, "单元格是错误值 {text}", "the cell holds the error value {text}",
        "修正该单元格的公式或改填数值。", "Fix the cell's formula or type the value instead.",
    ),
    "workbook-merged": Entry(
        E, "合并单元格 {range} 跨过了填报区", "the merged cells {range} cross the input area",
        "取消合并（开始 → 合并居中）：每个事项占一行，每个单元格只填一个值。",
        "Unmerge them (Home → Merge & Center): one row per item, one value per cell.",
    ),
    "workbook-no-id": Entry(
        E, "第 {row} 行填了内容，但没有事项编号", "row {row} holds figures but no item id",
        "在“编号”列填上事项编号（与模板中的写法相同），或清空这一行；不确定编号时重新生成模板。",
        "Put the item's id (as the template writes it) in the id column, or clear the row; "
        "make a new template if unsure.",
    ),
    "workbook-duplicate-item": Entry(
        E, "事项 {id} 在第 {first_row} 行已经出现过", "item {id} already appears on row {first_row}",
        "同一个事项只能填一行，否则其中一行的数字会被丢掉；删除或合并其中一行。",
        "An item may appear on one row only, otherwise a figure is lost; remove or merge one.",
    ),
    "workbook-percent": Entry(
        W, "单元格设置为百分比格式，显示为 {shown}：按显示的 {value} 读取",
        "the cell is formatted as a percentage and shows {shown}: read as {value}, as shown",
        "如果要填的是 {stored}，把该单元格格式改为“常规”或“数值”。",
        "If you meant {stored}, change the cell's format to General or Number.",
    ),
    "workbook-hidden": Entry(
        W, "第 {row} 行是隐藏的，其中填写的内容照样读取", "row {row} is hidden; what it holds is read all the same",
        "取消隐藏（右键 → 取消隐藏）核对这一行；不要报送的内容请清空而不是隐藏。",
        "Unhide it (right-click → Unhide) and check it; clear what you do not mean to report "
        "rather than hiding it.",
    ),
    "workbook-not-report": Entry(
        W, "这是 mljy status 生成的台账，不是报表：已跳过",
        "this is a ledger workbook written by mljy status, not a report: skipped",
        "把台账存到报表文件夹以外，例如 mljy status 报表 --format xlsx --out 台账.xlsx。",
        "Save the ledger outside the reports folder, e.g. `mljy status reports --format xlsx "
        "--out ledger.xlsx`.",
    ),
    "workbook-macros": Entry(
        W, "工作簿带有宏：mljy 不运行宏，只读取单元格中保存的值",
        "the workbook contains macros: mljy never runs them and reads only the saved cell values",
        "报表不需要宏；另存为 .xlsx（不带宏的工作簿）后再报送。",
        "A report needs no macros; save it as .xlsx (a workbook without macros).",
    ),
    "workbook-external-links": Entry(
        W, "工作簿引用了其他文件：按保存时的计算结果读取，不会打开被引用的文件",
        "the workbook links to other files: the values saved with it are read, the linked "
        "files are never opened",
        "把引用其他文件的公式换成数值（复制 → 选择性粘贴 → 数值），保存后再报送。",
        "Replace formulas that refer to other files with their values (Copy → Paste Special "
        "→ Values) and save again.",
    ),
    "control-character": Entry(
        E, "文件中有不可见的控制字符 {char}", "the file contains the control character {char}",
        "这通常来自复制粘贴；删除该位置的字符后重新输入。",
        "This usually comes from copy and paste; delete it and retype the text.",
    ),
    "yaml-syntax": Entry(
        E, "YAML 格式错误：{what}", "YAML syntax error: {what}",
        "检查这一行和上一行的缩进、冒号后的空格和括号引号是否配对；可对照 mljy template "
        "生成的模板。（详细信息：{problem}）",
        "Check the indentation of this line and the one above, the space after each colon and "
        "that brackets and quotes are closed; compare with a template from `mljy template`. "
        "(Details: {problem})",
    ),
    "tab-indent": Entry(
        E, "缩进使用了制表符（Tab）", "a tab is used for indentation",
        "YAML 只能用空格缩进：把 Tab 换成空格，与同级的行对齐。",
        "YAML indents with spaces only: replace the tab by spaces, in line with its siblings.",
    ),
    "full-width-indent": Entry(
        E, "缩进中有全角空格", "a full-width space is used for indentation",
        "YAML 只能用半角空格缩进：删去全角空格，这一行行首改为 {spaces} 个半角空格（与同级的行对齐）。",
        "YAML indents with ASCII spaces only: delete the full-width space and start the line "
        "with {spaces} spaces, in line with its siblings.",
    ),
    "full-width-colon": Entry(
        E, "这里的冒号“：”是中文（全角）冒号", "the colon here is a full-width (Chinese) colon, U+FF1A",
        "切换到英文输入法，输入英文冒号和一个空格：{fixed}",
        "Switch the input method to English and type an ASCII colon and a space: `{fixed}`",
    ),
    "no-space-after-colon": Entry(
        E, "冒号后面缺少空格：“{text}”", "no space after the colon: '{text}'",
        "在冒号后加一个空格：{fixed}", "Put a space after the colon: `{fixed}`",
    ),
    "unclosed-quote": Entry(
        E, "引号 {quote} 没有配对：从这里到文件末尾都被当成了一段文字",
        "the quote {quote} is never closed: everything from here to the end became one text",
        "报表中的文字不需要引号：删去这个引号；或在这段文字末尾补上 {quote}：{fixed}",
        "Report texts need no quotes: delete this one, or close it at the end of the text: "
        "`{fixed}`",
    ),
    "two-keys-on-line": Entry(
        E, "一行里写了两个键：“{key}”应另起一行", "two keys on one line: '{key}' needs a line of its own",
        "在 {key}: 前换行，并与上一个键左侧对齐：\n{fixed}",
        "Start a new line before `{key}:`, lined up with the key before it:\n{fixed}",
    ),
    "reserved-character": Entry(
        E, "值不能以 {char} 开头", "a value cannot start with {char}",
        "给整个值加上英文单引号：{fixed}", "Put the whole value in single quotes: `{fixed}`",
    ),
    "empty-file": Entry(
        E, "文件是空的（没有任何内容，或只有注释）", "the file is empty (nothing but comments)",
        "用 mljy template --unit 单位 --period 月份 生成模板后填写。",
        "Generate a skeleton with `mljy template --unit NAME --period YYYY-MM` and fill it in.",
    ),
    "multiple-documents": Entry(
        E, "一个文件里有多份文档（出现了 ---）", "the file holds more than one document (---)",
        "每个单位每月一份文件：把第二份拆到单独的文件里。",
        "One file per organisation and month: move the second document to a file of its own.",
    ),
    "duplicate-key": Entry(
        E, "“{key}”重复出现：第 {first_line} 行已经写过", "duplicate key '{key}': already given on line {first_line}",
        "同一个键只能写一次，否则前面的数字会被悄悄丢掉；删除或合并其中一处。",
        "A key may appear once, otherwise the earlier figure is silently lost; remove or merge one.",
    ),
    "anchor-alias": Entry(
        E, "不允许使用锚点或别名（{name}）", "anchors and aliases are not allowed ({name})",
        "把引用的内容直接写出来。", "Write the referenced content out in full.",
    ),
    "merge-key": Entry(
        E, "不允许使用合并键 <<", "merge keys (<<) are not allowed",
        "把要合并的字段直接写出来。", "Write the merged fields out in full.",
    ),
    "tag": Entry(
        E, "不允许使用标签 {tag}", "tags are not allowed ({tag})",
        "删除以 ! 开头的标签；报表只需要普通的文字和数字。",
        "Remove the tag starting with '!'; reports need only plain text and numbers.",
    ),
    "too-deep": Entry(
        E, "嵌套层级太深（超过 {limit} 层）", "nesting too deep (more than {limit} levels)",
        "报表只有三四层缩进；检查括号是否配对。", "A report has three or four levels; check brackets are balanced.",
    ),
    "too-many-nodes": Entry(
        E, "内容太多（超过 {limit} 个值）", "too many values (more than {limit})",
        "检查是否放错了文件；确需处理可用 --max-nodes 调高上限。",
        "Check this is the right file, or raise --max-nodes.",
    ),
    "complex-key": Entry(
        E, "键必须是一段文字", "a key must be plain text",
        "把键写成普通文字，例如事项编号后跟冒号。", "Write the key as plain text, e.g. an item id and a colon.",
    ),
    "not-a-mapping": Entry(
        E, "文件内容应为“键: 值”的形式，但这里是{kind}", "the file must be a mapping of keys to values, not {kind}",
        "报表以 unit:、period:、items: 三行开头；可用 mljy template 生成模板。",
        "A report starts with `unit:`, `period:` and `items:`; `mljy template` writes one.",
    ),
    "not-a-report": Entry(
        E, "无法识别的文件：既不是计划文件也不是进度报表", "neither a plan nor a progress report",
        "进度报表需要 unit、period、items 三个字段；计划文件需要 plan 字段。",
        "A report needs `unit`, `period` and `items`; a plan file needs `plan`.",
    ),
    # --- fields and values --------------------------------------------------------------
    "unknown-field": Entry(
        E, "未知字段“{field}”", "unknown field '{field}'",
        "可用的字段：{allowed}。{suggestion}", "Allowed fields: {allowed}. {suggestion}",
    ),
    "missing-field": Entry(
        E, "缺少必填字段“{field}”", "required field '{field}' is missing",
        "添加一行 {field}: ...", "Add a line `{field}: ...`.",
    ),
    "wrong-type": Entry(
        E, "“{field}”应为{expected}，这里是{got}", "'{field}' must be {expected}, not {got}",
        "{example}", "{example}",
    ),
    "not-a-number": Entry(
        E, "“{field}”应为数字，这里写的是“{text}”", "'{field}' must be a number, not '{text}'",
        "只填阿拉伯数字，例如 {field}: 12。没有数据就删掉这一项，在 note 中说明原因。",
        "Write digits only, e.g. `{field}: 12`. With no figure, remove the item and explain in `note`.",
    ),
    "number-with-unit": Entry(
        E, "“{field}”应为纯数字，这里带了单位或符号：“{text}”",
        "'{field}' must be a bare number, but '{text}' carries a unit or sign",
        "写成 {field}: {number}，单位另写在 unit 字段（例如 unit: {suffix}）。",
        "Write `{field}: {number}` and put the unit in `unit:` (e.g. `unit: {suffix}`).",
    ),
    "percent-as-count": Entry(
        E, "“{field}”填的是百分比“{text}”，这里要填个数", "'{field}' is given as a percentage '{text}'; "
        "it takes a count",
        "比率由两个个数算出，mljy 自己算百分比：numerator 填达标的个数，denominator 填总数。"
        "例如{title}：共 120 个、其中 114 个达标，就写 numerator: 114 和 denominator: 120"
        "（114 / 120 = 95%）。两个数都不带 % 或单位。",
        "A rate is worked out from two counts, and mljy works out the percentage: numerator is "
        "how many meet the target, denominator how many there are in all. For example, for "
        "{item}: 114 of 120 meeting it is `numerator: 114` and `denominator: 120` "
        "(114 / 120 = 95%). Neither takes a % or a unit.",
    ),
    "count-with-unit": Entry(
        E, "“{field}”应为纯数字，这里带了单位或符号：“{text}”",
        "'{field}' must be a bare number, but '{text}' carries a unit or sign",
        "比率的分子和分母只写个数，不带单位：写成 {field}: {number}。",
        "A rate's numerator and denominator are bare counts, with no unit: `{field}: {number}`.",
    ),
    "quoted-number": Entry(
        E, "“{field}”应为数字，这里是带引号的文字“{text}”", "'{field}' must be a number, not the quoted text '{text}'",
        "去掉引号：{field}: {number}", "Remove the quotes: `{field}: {number}`",
    ),
    "leading-zero": Entry(
        E, "“{field}”以 0 开头：“{text}”", "'{field}' starts with a zero: '{text}'",
        "数字不要以 0 开头（有的软件会把 010 读成八进制的 8）：写成 {field}: {plain}。",
        "Write numbers without a leading zero (some software reads 010 as octal 8): `{field}: {plain}`.",
    ),
    "full-width-digit": Entry(
        E, "“{field}”中有全角数字或符号：“{text}”", "'{field}' has full-width digits or signs: '{text}'",
        "改成半角（英文输入法）：{fixed}", "Use half-width characters: {fixed}",
    ),
    "bool-as-number": Entry(
        E, "“{field}”应为数字，这里是是非词“{text}”", "'{field}' must be a number, not the yes/no word '{text}'",
        "填写实际数字；yes/no/true/false 不会被当作数字。",
        "Write the figure; yes/no/true/false are never read as numbers.",
    ),
    "not-finite": Entry(
        E, "“{field}”不是有效数字：“{text}”", "'{field}' is not a finite number: '{text}'",
        "填写实际数字；没有数据就删掉这一项，在 note 中说明。",
        "Write the figure; with none, remove the item and explain in `note`.",
    ),
    "negative": Entry(
        E, "“{field}”不能为负数：{text}", "'{field}' cannot be negative: {text}",
        "填写累计完成量（不小于 0）。需要更正以前的数字时，直接写更正后的累计数。",
        "Give the cumulative figure (≥ 0); to correct an earlier month, give the corrected total.",
    ),
    "numerator-exceeds-denominator": Entry(
        E, "分子 {numerator} 大于分母 {denominator}", "numerator {numerator} exceeds denominator {denominator}",
        "numerator 填已达标的数量，denominator 填总数，例如 120 / 126。",
        "numerator counts those that meet the target, denominator the total, e.g. 120 / 126.",
    ),
    "zero-denominator": Entry(
        E, "分母 denominator 必须大于 0", "the denominator must be greater than 0",
        "denominator 填总数（例如应组建业委会的小区数）；若本单位没有，删去这一项并在 note 中说明。",
        "denominator is the total (e.g. estates that should have an owners' committee); "
        "with none, remove the item and explain in `note`.",
    ),
    "incomplete-rate": Entry(
        E, "比率需要同时填写分子和分母，缺少 {missing}", "a rate needs both numerator and denominator; {missing} is missing",
        "同时填写 numerator（达标数）和 denominator（总数）。",
        "Give both numerator (meeting the target) and denominator (total).",
    ),
    "bare-rate": Entry(
        W, "只填写了比率 rate: {rate}，无法在{district}汇总", "only a bare `rate: {rate}` is given; it cannot be summed across units",
        "请改填 numerator（达标数）和 denominator（总数），{district}比率才能精确汇总。",
        "Give numerator and denominator instead so the district rate adds up exactly.",
    ),
    "period-format": Entry(
        E, "报送月份 period 应为“年-月”格式，这里是“{text}”", "period must be YYYY-MM, not '{text}'",
        "例如 period: 2019-06（四位年份、两位月份、中间用英文减号）。",
        "For example `period: 2019-06`.",
    ),
    "date-format": Entry(
        E, "“{field}”应为日期（年-月-日），这里是“{text}”", "'{field}' must be a date YYYY-MM-DD, not '{text}'",
        "例如 {field}: 2019-07-04。", "For example `{field}: 2019-07-04`.",
    ),
    "bad-state": Entry(
        E, "进展状态 state 不能是“{text}”", "state cannot be '{text}'",
        "只能填以下之一：{allowed}，或中文 未开始 / 进行中 / 已完成 / 受阻。",
        "Use one of: {allowed} (the Chinese words for them are accepted too).",
    ),
    "misplaced-key": Entry(
        E, "“{key}”是报表的顶层字段，不能缩进写在 items 下面",
        "'{key}' is a field of the report itself and cannot be indented under items",
        "{action}", "{action}",
    ),
    "no-items": Entry(
        W, "报表中没有任何事项（items 为空）", "the report has no items",
        "用 mljy template 查看本单位本月应报的事项。", "Run `mljy template` to see the items to report.",
    ),
    # --- checks against the plan --------------------------------------------------------
    "unknown-organisation": Entry(
        E, "计划中没有名为“{name}”的单位", "no organisation named '{name}' in the plan",
        "{suggestion}用 mljy list 查看所有单位的规范名称。",
        "{suggestion}Run `mljy list` for every organisation's name.",
    ),
    "group-as-unit": Entry(
        E, "“{name}”是一组单位，不能作为报送单位", "'{name}' is a group of organisations, not one",
        "每个单位单独报送，unit 填本单位名称，例如 {example}。",
        "Each organisation reports for itself: write its own name, e.g. {example}.",
    ),
    "lookalike": Entry(
        E, "“{text}”中含有易混淆的字符（{what}）", "'{text}' contains look-alike characters ({what})",
        "改为：{fixed}", "Write it as: {fixed}",
    ),
    "unknown-item": Entry(
        E, "计划中没有编号为“{id}”的事项", "no item with id '{id}' in the plan",
        "{suggestion}编号区分大小写，用 mljy list --dept 本单位 查看应报事项。",
        "{suggestion}Ids are case-sensitive; `mljy list --dept NAME` shows your items.",
    ),
    "not-reporter": Entry(
        W, "“{item}”不是{unit}负责报送的事项", "{unit} is not a reporter of '{item}'",
        "如确有进展可保留；否则删除该项。应报事项见 mljy list --dept {unit}。",
        "Keep it if there is real progress to tell; otherwise remove it. See `mljy list --dept {unit}`.",
    ),
    "figure-not-counted": Entry(
        W, "{unit}不是目标“{item}”的报送单位，这个数字不计入{district}数（由 {reporters} 报送）",
        "{unit} does not report target '{item}': this figure is not counted (its reporters: "
        "{reporters})",
        "删去这一项；本单位完成的数量请交给 {reporters}，由其汇总后报送。",
        "Remove this item; give your part of the figure to {reporters}, who report the total.",
    ),
    "period-outside-plan": Entry(
        E, "报送月份 {period} 不在计划期内（{start} 至 {end}）", "period {period} is outside the plan ({start} to {end})",
        "检查年份是否写错。", "Check the year.",
    ),
    "submitted-before-period": Entry(
        E, "报送日期 {submitted} 早于报送月份 {period}", "submitted {submitted} is before the period {period}",
        "submitted 填实际报送的日期，通常在次月 {due_day} 日前。",
        "submitted is the day the report was sent, usually by day {due_day} of the next month.",
    ),
    "unit-mismatch": Entry(
        E, "计量单位“{given}”与目标单位“{expected}”不符", "unit '{given}' does not match the target's unit '{expected}'",
        "填写 {expected}（或可换算的单位：{compatible}），或删去 unit 行。",
        "Use {expected} (or a convertible unit: {compatible}), or remove the unit line.",
    ),
    "blank-field": Entry(
        E, "“{item}”的 {field} 还没有填写", "'{field}' of '{item}' is left blank",
        "在 {field}: 后面填上{expected}；本月没有可报的内容就删掉这一项。",
        "Fill in {expected} after `{field}:`, or remove the item if there is nothing to report.",
    ),
    "fields-for-measure": Entry(
        E, "“{item}”是{measure}类目标，应填写 {expected}，而不是 {given}",
        "'{item}' is a {measure} target: give {expected}, not {given}",
        "{example}", "{example}",
    ),
    "parts-mismatch": Entry(
        W, "{id} 填报 {total}，但分项 {parts} 合计 {parts_sum}",
        "{id} is {total} but its parts {parts} add up to {parts_sum}",
        "核对总数与分项数字，使二者一致。", "Make the total and its parts agree.",
    ),
    "this-month-inconsistent": Entry(
        W, "{item} 本月完成 {this_month}，但累计数比上月（{previous}）增加了 {delta}",
        "{item}: this_month is {this_month} but the total rose by {delta} since last month ({previous})",
        "value 填累计完成量，this_month 填本月新增量，两者应一致。",
        "value is the running total, this_month the month's increase; make them agree.",
    ),
    "figure-decreased": Entry(
        W, "{item} 累计数 {value} 小于此前 {previous_period} 报送的 {previous}",
        "{item}: total {value} is below the {previous} reported for {previous_period}",
        "累计数一般不会减少；如果是更正，请在 note 中说明。",
        "A running total rarely falls; if this corrects an error, say so in `note`.",
    ),
    "closed-window-figure": Entry(
        W, "{item} 的时间窗口已于 {end} 结束，{period} 的报表仍报了数据且没有说明",
        "{item}: its window closed in {end}, yet the report for {period} gives a figure "
        "without a note",
        "窗口结束后的数据只有更正才需要报；如是更正，请在该项的 note 中写明（例如“更正 2018 年末数据”）。",
        "A figure after the window closed is only needed as a late correction; if it is one, "
        "say so in the item's `note`.",
    ),
    "before-window": Entry(
        W, "{item} 的时间窗口从 {start} 开始，{period} 报送的数据不计入",
        "{item}: its window opens in {start}; the figure reported for {period} does not count",
        "窗口开始前不必报送此项；请从 {start} 起报送。",
        "This item is not owed before its window; report it from {start} on.",
    ),
    "exceeds-target": Entry(
        W, "{item} 本单位报送 {value}，超过 {limit}（分配额或{district}目标）",
        "{item}: this organisation's figure {value} is above {limit} (its share or the "
        "whole district target)",
        "请核对数字和计量单位（如 万平方米 与 平方米）；阈值见计划文件的 plausibility.exceeds_target。",
        "Check the figure and its unit (ten-thousand square metres vs square metres); the "
        "threshold is the plan's plausibility.exceeds_target.",
    ),
    "denominator-changed": Entry(
        W, "{item} 分母 {value} 与 {previous_period} 报送的 {previous} 相差超过 {limit}%",
        "{item}: denominator {value} differs by more than {limit}% from the {previous} "
        "reported for {previous_period}",
        "分母（总数）一般稳定；如确有变化（如新增小区），请在 note 中说明。",
        "A denominator (the total) is usually stable; if it really changed (new estates), "
        "say so in `note`.",
    ),
    "rate-jump": Entry(
        W, "{item} 比率 {value}% 比上月（{previous_period}）的 {previous}% 变化超过 {limit} 个百分点",
        "{item}: rate {value}% moved more than {limit} pp from last month's {previous}% "
        "({previous_period})",
        "请核对分子和分母；如变化属实，请在 note 中说明原因。",
        "Check numerator and denominator; if the change is real, say why in `note`.",
    ),
    "indicator-conflict": Entry(
        E, "{item} 与 {other} 是同一指标（{indicator}），但报了不同的数据：{value} 与 {other_value}",
        "{item} and {other} measure the same indicator ({indicator}) but give different "
        "figures: {value} and {other_value}",
        "同一指标只需报一次；请删去其中一项，或改成相同的数据。",
        "An indicator is reported once: remove one of the two, or make them agree.",
    ),
    "duplicate-report": Entry(
        E, "{unit} {period} 的报表有两份：另一份是 {other}", "{unit} has two reports for {period}: the other is {other}",
        "每个单位每月只保留一份；更正请直接修改原文件，或用更晚的 submitted 日期标明。",
        "Keep one report per organisation and month; correct the original, or mark the correction "
        "with a later `submitted` date.",
    ),
    "late-report": Entry(
        W, "{unit} {period} 的报表于 {submitted} 报送，晚于截止日 {due}",
        "{unit}'s report for {period} was submitted on {submitted}, after the due day {due}",
        "每月报表应在次月 {due_day} 日前报送。", "Reports are due by day {due_day} of the next month.",
    ),
    "check-not-report": Entry(
        E, "这是计划文件，不是进度报表", "this is a plan file, not a progress report",
        "mljy check 只评价进度报表；计划文件请用 mljy validate 校验。",
        "mljy check evaluates progress reports; validate a plan file with `mljy validate`.",
    ),
    "previous-mismatch": Entry(
        W, "--previous 报表是 {other} {other_period}，不是任何受检报表单位的上期报表",
        "--previous is {other}'s report for {other_period}, not an earlier report of a checked unit",
        "给出同一单位较早月份的报表，本月完成 this_month 才能核对。",
        "Give an earlier report of the same organisation so this_month can be checked.",
    ),
    "reports-skipped": Entry(
        W, "{path} 中有 {count} 份报表未通过校验，未计入{district}数", "{count} reports under {path} are "
        "invalid and were left out of the district figures",
        "运行 mljy validate {path} 查看并修改。", "Run `mljy validate {path}` to see and fix them.",
    ),
    "missing-report": Entry(
        W, "{unit} 未报送 {period} 的报表（应报 {items}）", "{unit} has not sent its report for {period} (it owes {items})",
        "每月报表应在次月 {due_day} 日前报送；mljy template --unit {unit} --period {period} 可生成模板。",
        "Reports are due by day {due_day} of the next month; "
        "`mljy template --unit {unit} --period {period}` writes a skeleton.",
    ),
    # --- the plan file ------------------------------------------------------------------
    "plan-reference": Entry(
        E, "计划文件引用了不存在的{what}“{name}”", "the plan refers to an unknown {what} '{name}'",
        "在 organisations/groups 或事项列表中补上它，或改正拼写。",
        "Add it to the organisations, groups or items, or fix the spelling.",
    ),
    "plan-duplicate": Entry(
        E, "计划文件中{what}“{name}”定义了不止一次", "the plan defines {what} '{name}' more than once",
        "每个编号和名称只能定义一次。", "Each id and name may be defined once.",
    ),
    "plan-inconsistent": Entry(
        E, "计划文件不一致：{detail}", "the plan is inconsistent: {detail}", "", "",
    ),
    "plan-allocation-sum": Entry(
        E, "“{id}”的分配数合计 {total}，不等于目标值 {value}",
        "the shares of '{id}' add up to {total}, not to its value {value}",
        "改正 allocation 中的分配数或 value，使各单位分配数之和正好等于目标值。",
        "Correct the shares in `allocation` or the `value`, so that the shares add up to it.",
    ),
    "plan-allocation-not-reporter": Entry(
        E, "“{id}”的分配表列出了“{name}”，但它不是该目标的报送单位（{reporters}）",
        "the allocation of '{id}' names '{name}', which is not among its reporters ({reporters})",
        "只给 reporters 中的单位分配；或把该单位加入 reporters。",
        "Give shares only to the target's reporters, or add the organisation to `reporters`.",
    ),
    "plan-parts-sum": Entry(
        E, "“{id}”的分项 {parts} 合计 {total}，不等于目标值 {value}",
        "the parts {parts} of '{id}' add up to {total}, not to its value {value}",
        "改正分项或总目标的 value，使各分项之和正好等于总目标。",
        "Correct the parts' or the target's `value`, so that the parts add up to the whole.",
    ),
    "plan-window-outside": Entry(
        E, "“{id}”的时间窗 {window} 超出计划时间窗 {plan_window}",
        "the window {window} of '{id}' lies outside the plan's window {plan_window}",
        "改正 window，使它落在计划的 window 之内；或改正计划的 window。",
        "Correct the window so it lies inside the plan's, or correct the plan's window.",
    ),
    "plan-blank-source": Entry(
        E, "“{id}”的 source 为空", "the `source` of '{id}' is blank",
        "写明它在文件中的出处，例如“附件1 第2项”。",
        "Say where in the document it comes from, e.g. the attachment and row number.",
    ),
    "output-exists": Entry(
        E, "{path} 已存在，未覆盖", "{path} already exists; not overwritten",
        "加 --force 覆盖它，或用 --out 指定另一个文件名。",
        "Pass --force to overwrite it, or choose another --out file.",
    ),
    # --- the run itself -----------------------------------------------------------------
    "git": Entry(
        E, "无法取得变更文件列表：{detail}", "cannot list changed files: {detail}",
        "--changed-since 需要在 git 仓库中运行，并给出存在的提交或分支名。",
        "--changed-since needs a git repository and an existing commit or branch.",
    ),
    "internal-error": Entry(
        E, "内部错误：{error}", "internal error: {error}",
        "这是 mljy 的缺陷，请把文件和这行信息发给维护者；加 --debug 可看详细信息。",
        "This is a bug in mljy; please report it with the file. --debug shows details.",
    ),
}


class Term(str):
    """A word inside a message argument that is itself translated (a type, a measure)."""

    __slots__ = ()


WORKBOOK_HINTS: dict[str, tuple[str, str]] = {
    # how to fix a finding located at a workbook's cell, in the clerk's terms (cells and
    # columns, not YAML keys); {column} is the finding's field as the template's column
    "number-with-unit": (
        "在{column}只填数字 {number}，单位填在“计量单位”列（例如 {suffix}）。",
        "Put only the number {number} in {column}, and the unit in the column unit (e.g. "
        "{suffix}).",
    ),
    "count-with-unit": (
        "比率的分子和分母只填个数，不带单位：在{column}填 {number}。",
        "A rate's numerator and denominator are bare counts, with no unit: put {number} in "
        "{column}.",
    ),
    "not-a-number": (
        "{column}只填阿拉伯数字，例如 12；没有数据就清空这一格，在“说明”列写明原因。",
        "Type digits only in {column}, e.g. 12; with no figure, clear the cell and say why in "
        "the column note.",
    ),
    "date-format": (
        "在这一格填日期，例如 2019-07-04（Excel 和 WPS 会把它存为日期）。",
        "Type a date in this cell, e.g. 2019-07-04 (Excel and WPS store it as a date).",
    ),
    "percent-as-count": (
        "比率由两个个数算出，mljy 自己算百分比：“分子”列填达标的个数，“分母”列填总数。例如"
        "{title}：共 120 个、其中 114 个达标，就在分子填 114、分母填 120。两格都只填数字，"
        "不带 % 或单位，也不要设成百分比格式。",
        "A rate is worked out from two counts, and mljy works out the percentage: the column "
        "numerator takes how many meet the target, denominator how many there are in all. For "
        "example, for {item}: 114 of 120 meeting it is 114 and 120. Both cells take bare "
        "numbers, no % or unit, and no percentage format.",
    ),
    "incomplete-rate": (
        "在这一行的“分子”（达标数）和“分母”（总数）两格都填上数字。",
        "Fill in both cells of this row: numerator (meeting the target) and denominator "
        "(total).",
    ),
    "no-items": (
        "在“累计完成”“分子”“分母”“状态”等列填上本月的数字或进展：模板中的行就是本单位本月"
        "应报的事项。",
        "Fill in this month's figures or states in the columns value, numerator, denominator "
        "and state: the template's rows are the items you report this month.",
    ),
    "unit-mismatch": (
        "“计量单位”列填 {expected}（或可换算的单位：{compatible}），或清空这一格。",
        "Put {expected} (or a convertible unit: {compatible}) in the column unit, or clear the "
        "cell.",
    ),
}


TERMS: dict[str, tuple[str, str]] = {
    # where a plan path came from (plan-not-found)
    "plan-from-env": ("由环境变量 MLJY_PLAN 指定", "named by the environment variable MLJY_PLAN"),
    "plan-from-option": ("由 --plan 指定", "given with --plan"),
    "text": ("文字", "text"),
    "number": ("数字", "a number"),
    "integer": ("整数", "a whole number"),
    "mapping": ("“键: 值”形式的内容", "a mapping of keys to values"),
    "list": ("列表", "a list"),
    "null": ("空值", "empty"),
    "bool": ("是非词", "a yes/no word"),
    "date": ("日期", "a date"),
    "scalar": ("单个值", "a single value"),
    "state-word": (
        "进展状态（not_started / in_progress / done / blocked，或 未开始 / 进行中 / 已完成 / 受阻）",
        "a state (not_started / in_progress / done / blocked)",
    ),
    "one-of": ("以下之一", "one of"),
    "misplaced-move": ("把这一行移到第 1 列（行首不留空格）。", "Move this line to column 1 (no spaces before it)."),
    "misplaced-twice": (
        "报表开头已经写过这个字段，两处只保留一处：删去这一行即可。",
        "The report gives this field at the top already: keep one of the two; deleting this "
        "line will do.",
    ),
    # a YAML syntax error nobody could name more closely, in the user's words (yaml-syntax)
    "syntax-colon": (
        "这里不能再有冒号（上一行可能缺了冒号后的空格，或这一行的缩进不对）",
        "a colon where none can be (the line above may lack the space after its colon, or "
        "this line is indented wrongly)",
    ),
    "syntax-no-colon": ("这一行缺少冒号和空格“: ”", "this line has no colon and space ': '"),
    "syntax-indent": (
        "缩进没有对齐：这一行应与同级的行左侧对齐", "the indentation does not line up with its siblings"
    ),
    "syntax-bracket": ("方括号或花括号没有配对", "a bracket or brace is not closed"),
    "syntax-character": ("这个字符不能出现在这里", "this character cannot stand here"),
    "syntax-other": ("文件的结构无法识别", "the structure of the file cannot be read"),
    "quantity": ("数量", "quantity"),
    "rate": ("比率", "rate"),
    "milestone": ("节点", "milestone"),
    "ongoing": ("持续推进", "ongoing"),
    "organisation": ("单位", "organisation"),
    "item": ("事项", "item"),
    "group": ("单位组", "group"),
    "target": ("目标", "target"),
    # what a file that is not text looks like (not-text)
    "xlsx": ("Excel 表格", "an Excel workbook"),
    "docx": ("Word 文档", "a Word document"),
    "pptx": ("PowerPoint 演示文稿", "a PowerPoint presentation"),
    "ole": ("旧版 Office 或 WPS 文件", "an old-style Office or WPS file"),
    "pdf": ("PDF 文件", "a PDF file"),
    "png": ("PNG 图片", "a PNG image"),
    "jpeg": ("JPEG 图片", "a JPEG image"),
    "gif": ("GIF 图片", "a GIF image"),
    "archive": ("压缩包", "a zip, rar, 7z or gzip archive"),
    "binary": ("二进制数据", "binary data"),
    # what a workbook lacks (workbook-layout) and why it cannot be read (workbook-unreadable)
    "wb-header": ("表头行（编号、累计完成、分子、分母、状态）",
                  "the header row (id, value, numerator, denominator, state)"),
    "wb-sheet": ("“进度”工作表", "the sheet 'Progress'"),
    "wb-id": ("“编号”列", "the column id"),
    "wb-value": ("“累计完成”列", "the column value"),
    "wb-numerator": ("“分子”列", "the column numerator"),
    "wb-denominator": ("“分母”列", "the column denominator"),
    "wb-state": ("“状态”列", "the column state"),
    "wb-this_month": ("“本月完成”列", "the column this_month"),
    "wb-unit": ("“单位”栏", "the unit cell"),
    "wb-period": ("“月份”栏", "the period cell"),
    "wb-cut-short": ("文件不完整或不是 zip 格式（可能下载或复制中断）",
                     "not a complete zip file (cut short?)"),
    "wb-old-excel": ("这是旧版 Excel (.xls) 文件，扩展名却不是 .xls", "an old-style Excel (.xls) file "
                     "with another extension"),
    "wb-not-spreadsheet": ("不是 Excel 或 ODS 工作簿", "neither an Excel nor an OpenDocument "
                           "spreadsheet"),
    "wb-damaged": ("压缩包中的内容已损坏", "a damaged part inside the file"),
    # a control character with a name of its own (control-character)
    "U+FEFF": (
        "U+FEFF（字节顺序标记 BOM，只能出现在文件开头）",
        "U+FEFF (a byte order mark, BOM, allowed only at the very start)",
    ),
}


class Suggestions(tuple[str, ...]):
    """Nearest known names, rendered as "是不是：…？" / "Did you mean: …?" (empty when none)."""

    def render(self, lang: str) -> str:
        if not self:
            return ""
        if lang == "en":
            return "Did you mean: " + ", ".join(self) + "? "
        return "是不是：" + "、".join(self) + "？ "


class Words(tuple[str, ...]):
    """Terms rendered each in the language and joined: "“单位”栏、“月份”栏" / "the unit cell, …"."""

    def render(self, lang: str) -> str:
        parts = [TERMS[w][1 if lang == "en" else 0] if w in TERMS else w for w in self]
        return ", ".join(parts) if lang == "en" else "、".join(parts)


class _Lenient(dict[str, Any]):
    def __init__(self, args: Mapping[str, Any], lang: str) -> None:
        super().__init__()
        for key, value in args.items():
            if isinstance(value, Suggestions | Words):
                value = value.render(lang)
            elif isinstance(value, Term) and str(value) in TERMS:
                zh, en = TERMS[str(value)]
                value = en if lang == "en" else zh
            elif isinstance(value, list | tuple):
                value = "、".join(map(str, value)) if lang != "en" else ", ".join(map(str, value))
            self[key] = value

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"  # visible, never a crash; tests assert none is left


def default_severity(code: str) -> str:
    """The catalogue's severity for ``code``, ``"error"`` or ``"warning"`` (an unknown code is
    an error)."""
    entry = CATALOGUE.get(code)
    return entry.severity if entry else E


def render_message(code: str, part: str, lang: str, args: Mapping[str, Any], *,
                   workbook: bool = False) -> str:
    """Fill the ``part`` (``message`` or ``hint``) template of ``code`` in ``lang``; the hint
    of a finding in a ``workbook`` speaks of its cells where :data:`WORKBOOK_HINTS` has one."""
    entry = CATALOGUE.get(code)
    if entry is None:
        return code if part == "message" else ""
    if part == "message":
        template = entry.en if lang == "en" else entry.zh
    elif workbook and code in WORKBOOK_HINTS:
        zh, en = WORKBOOK_HINTS[code]
        template = en if lang == "en" else zh
        field = str(args.get("field", ""))
        args = {**args, "column": Term(f"wb-{field}") if f"wb-{field}" in TERMS else field}
    else:
        template = entry.hint_en if lang == "en" else entry.hint_zh
    try:
        return fill(template).format_map(_Lenient(args, lang)).strip()
    except (ValueError, IndexError, AttributeError, KeyError):
        return template
