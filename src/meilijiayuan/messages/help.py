"""The help texts of every command and option, zh and en.

The CLI declares each text by its key (``help="check.reports"``); the help page looks it
up in the run's language when it is drawn (:func:`meilijiayuan.cli._translated`), and a
missing argument or option is described by it (:mod:`meilijiayuan.cli.usage`). ``\\b`` keeps
click from rewrapping the paragraph that follows it.
"""

HELP: dict[str, tuple[str, str]] = {
    # --- mljy itself ----------------------------------------------------------------------
    "root": (
        "mljy — 行动计划进度报表检查工具。\n\n"
        "按计划文件（--plan、$MLJY_PLAN，或随包附带的计划）检查各单位的月度进度报表。\n\n"
        "从这里开始：mljy list --dept 单位、mljy template、mljy check 报表.yaml、mljy status。",
        "mljy — progress-report checker for action plans.\n\n"
        "Checks the organisations' monthly progress reports against the plan file (--plan, "
        "$MLJY_PLAN, or the bundled plan).\n\n"
        "Start with: mljy list --dept NAME, mljy template, mljy check REPORT.yaml, mljy status.",
    ),
    "root.version": ("显示版本", "show the version"),
    "help": ("显示本帮助", "show this help"),
    # --- options shared by the commands ---------------------------------------------------
    "opt.plan": ("计划文件（默认：$MLJY_PLAN、./data/plan.yaml、随包附带的计划）",
                 "plan file (default: $MLJY_PLAN, ./data/plan.yaml, the bundled plan)"),
    "opt.lang": ("提示信息的语言：zh | en", "message language: zh | en"),
    "opt.color": ("颜色：auto | always | never", "colour: auto | always | never"),
    "opt.debug": ("出错时显示详细信息", "show tracebacks"),
    "opt.encoding": ("按此编码读取报表，例如 gbk", "read files in this encoding, e.g. gbk"),
    "opt.fail-on": ("退出码 1 的门槛：red | amber | never", "exit 1 at: red | amber | never"),
    "opt.max-bytes": ("单个文件大小上限", "per-file size limit"),
    "opt.max-depth": ("嵌套层级上限", "nesting limit"),
    "opt.max-nodes": ("每个文件的值的个数上限", "values per file"),
    "opt.quiet": ("只显示错误", "errors only"),
    "opt.verbose": ("也列出通过的文件", "also list passing files"),
    "opt.summary": ("每个文件一行", "one line per file"),
    "opt.jobs": ("处理多个文件的并行进程数：0 = 每个 CPU 一个（默认），1 = 单进程；也可用 MLJY_JOBS",
                 "processes for many files: 0 = one per CPU (default), 1 = one process; "
                 "also MLJY_JOBS"),
    "opt.period": ("汇总月份（默认：有报表的最近月份）",
                   "the month to show (default: the latest month with reports)"),
    "opt.dir": ("报表文件夹（查找其中的 *.yaml / *.yml 和 .xlsx/.xls/.ods 工作簿）",
                "folder of reports (walked for *.yaml / *.yml and .xlsx/.xls/.ods workbooks)"),
    "opt.out": ("写入此文件（默认输出到屏幕）", "write to this file (default: the screen)"),
    "opt.format-ci": ("table | json | markdown | github | junit（默认 table；在 GitHub Actions 中为 github）",
                      "table | json | markdown | github | junit (default: github inside "
                      "GitHub Actions, else table)"),
    # --- check ----------------------------------------------------------------------------
    "check": ("按序时进度评价进度报表。", "Check reports against the plan's schedule."),
    "check.reports": ("报表文件或文件夹", "report files or folders"),
    "check.reports-dir": ("全部报表的文件夹，用于汇总行", "folder of all reports, for district rows"),
    "check.as-of": ("评价日期 YYYY-MM-DD（默认：各报表所报月份的月末）",
                    "evaluation date YYYY-MM-DD (default: the end of each report's month)"),
    "check.previous": ("同一单位的上期报表，用于核对本月完成数",
                       "an earlier report of the same organisation, to check this_month"),
    # --- validate -------------------------------------------------------------------------
    "validate": (
        "校验报表和计划文件（用于 CI 和 pre-commit）。\n\n"
        "PATH… 是文件或文件夹（在文件夹中查找 *.yaml / *.yml）。\n\n"
        "加 --changed-since REF 时只校验 PATH…（默认：整个仓库）下自 REF 以来变更的 YAML 文件："
        "自 REF 与 HEAD 的合并基点以来新增、复制、修改或改名的文件（不论是否已提交），以及"
        " .gitignore 未排除的未跟踪文件；已删除的文件跳过。没有变更：输出一行，退出码 0。"
        "不在 git 仓库中或 REF 不存在：输出一行，退出码 2。\n\n"
        "\b\n"
        "输出格式（--format；默认 table，GITHUB_ACTIONS=true 时为 github）：\n"
        "  table    错误和警告，然后是一行总计（控制台宽 100 列及以上时为表格，\n"
        "           否则每个问题一段：文件:行:列、问题、如何修改）\n"
        "  json     稳定的机器接口（总是包含全部问题）\n"
        "  github   每个问题一条 ::error / ::warning 注释，然后是总计行\n"
        "  junit    JUnit XML：每个文件一个 testsuite，每个文件和每个报表事项一个 testcase\n\n"
        "\b\n"
        "显示多少（table；-q 也去掉 github 的警告注释）：\n"
        "  默认        全部错误和警告，然后是总计行\n"
        "  -q          只显示错误；只有文件未通过时才有总计行，全部通过时什么也不输出\n"
        "  -v          另为每个通过的文件输出一行：✓ 文件（报表 | 计划文件）\n"
        "  --summary   每个文件一行代替表格：✓/✗ 文件  N 个错误  M 个警告，然后是总计行；\n"
        "              与 -q 同用时只列未通过的文件\n"
        "  -q 与 -v 同时使用是用法错误。\n\n"
        "文件较多时分给多个进程处理，每个 CPU 一个，每个进程至少 1000 个文件（-j N 最多 N 个，"
        "-j 1 单进程；也可用 MLJY_JOBS；在 pre-commit 中为一个，pre-commit 自己按 CPU 分配）。"
        "输出与单进程完全相同。\n\n"
        "退出码：0 全部文件通过（可有警告）；2 有文件未通过、用法错误或 git 错误。",
        "Validate reports and plan files (for CI and pre-commit).\n\n"
        "PATH… are files or folders (folders are walked for *.yaml / *.yml).\n\n"
        "With --changed-since REF only the YAML files changed since REF are validated, under "
        "PATH… (default: the whole repository): files added, copied, modified or renamed since "
        "the merge base of REF and HEAD, committed or not, plus untracked files that .gitignore "
        "does not exclude; deleted files are skipped. Nothing changed: one line, exit 0. Not in "
        "a git repository, or REF unknown: one line, exit 2.\n\n"
        "\b\n"
        "Output (--format; default table, or github when GITHUB_ACTIONS=true):\n"
        "  table    the errors and warnings, then a total line (a table on a console of 100\n"
        "           columns or more, else one block per finding: FILE:LINE:COL, message, hint)\n"
        "  json     the stable machine interface (every finding, always)\n"
        "  github   one ::error / ::warning annotation per finding, then the total line\n"
        "  junit    JUnit XML: a testsuite per file, a testcase per file and per report item\n\n"
        "\b\n"
        "How much is shown (table; -q also drops warning annotations from github):\n"
        "  default     every error and warning, then the total line\n"
        "  -q          errors only; the total line only when a file is invalid, so a clean\n"
        "              run prints nothing\n"
        "  -v          also one line per file that passed: ✓ FILE (report | plan)\n"
        "  --summary   one line per file instead of the table: ✓/✗ FILE  N errors  M warnings,\n"
        "              then the total line; with -q only the invalid files\n"
        "  -q and -v together are a usage error.\n\n"
        "Many files are shared out between processes, one per CPU, each taking at least 1000 "
        "files (-j N at most N, -j 1 one process; also MLJY_JOBS; one under pre-commit, which "
        "runs one hook per CPU itself). The output is the same either way.\n\n"
        "Exit codes: 0 every file valid (warnings allowed); 2 a file invalid, a usage error or "
        "a git error.",
    ),
    "validate.paths": ("报表文件或文件夹", "report files or folders"),
    "validate.changed-since": ("只校验自 REF（提交或分支，例如 origin/main）以来变更的 YAML 文件",
                               "only the YAML files changed since REF (a commit or branch, "
                               "e.g. origin/main)"),
    "validate.format": ("table | json | github | junit（默认 table；在 GitHub Actions 中为 github）",
                        "table | json | github | junit (default: github inside GitHub Actions, "
                        "else table)"),
    # --- list -----------------------------------------------------------------------------
    "list": (
        "列出单位的职责、重点工作和目标，及其角色（牵头/配合/实施）。\n\n"
        "名称可用别名；单位继承其所属单位组的职责。"
        "给出单位组名时，列出计划写给该组本身的事项和组成员。"
        "不给 --dept 时按计划顺序列出所有单位。",
        "List an organisation's duties, key works and targets, with its role in each "
        "(lead, cooperating, implementing).\n\n"
        "Names may be aliases; an organisation inherits every duty of the groups it belongs "
        "to. Given a group's name, the "
        "items the plan gives the group itself are listed, with its members. Without --dept "
        "every organisation is listed, in the plan's order.",
    ),
    "list.dept": ("单位或单位组名称（可用别名）", "organisation or group name (aliases accepted)"),
    "list.role": ("只列出该角色的事项", "only items with this role"),
    "list.year": ("只列出时间窗口涉及该年的事项", "only items whose window touches YYYY"),
    "list.measurable": ("只列出有量化目标或节点目标的事项", "only items with targets"),
    "status.format": ("table | json | markdown | github | junit | xlsx | docx（默认 table；在 GitHub Actions 中为 github；xlsx 与 docx 须用 --out 写入文件）",
                      "table | json | markdown | github | junit | xlsx | docx (default table, or github inside GitHub Actions; xlsx and docx are written to --out)"),
    "status.out": ("输出文件，用于 --format xlsx 或 docx（二者必须给出）；已存在的文件会被替换",
                   "the file to write, for --format xlsx or docx (required for them); an existing file is replaced"),
    "template.format": ("格式：yaml（默认）或 xlsx（Excel 工作簿，须用 --out）", "yaml (default) or xlsx (an Excel workbook; needs --out)"),
    "template.all": ("为当月须报送的每个单位各生成一份，写入 --out 文件夹", "one template per organisation that owes a report that month, into the --out folder"),
    "template.send-to": ("工作簿“说明”页写明报送给谁（默认：计划中的第一个单位）", "who the workbook says to send it to (default: the plan's first organisation)"),
    "validate.fix": ("写入可自动修正的写法问题（全角字符、繁体字、日期写法等；从不改数字），并显示改动",
                     "write the spelling fixes (full-width characters, traditional characters, date spellings; never a figure) and show them as a diff"),
    "validate.diff": ("只显示 --fix 会做的改动，不写文件", "show what --fix would change as a diff, write nothing"),
    "list.format": ("table | json | markdown", "table | json | markdown"),
    # --- template -------------------------------------------------------------------------
    "template": (
        "生成月度报表模板：当月须报送的每个目标（空白待填）和可选报送的持续工作（已注释）。\n\n"
        "默认输出到屏幕；--out 写入文件（已存在时需加 --force）。\n"
        "--format xlsx 生成 Excel 工作簿（须给 --out）；--all --out 文件夹：为当月须报送的每个单位各生成一份。",
        "Write a report skeleton: every target the organisation must report that month "
        "(blanks to fill in), and its ongoing work as optional, commented-out entries.\n\n"
        "Printed on the screen; --out writes a file (an existing one only with --force).\n"
        "--format xlsx writes an Excel workbook (needs --out); --all --out FOLDER writes one for "
        "every organisation that owes a report that month.",
    ),
    "template.unit": ("报送单位（可用别名）", "the reporting organisation, or an alias of it"),
    "template.period": ("报送月份 YYYY-MM", "the month reported, YYYY-MM"),
    "template.force": ("覆盖已存在的 --out 文件", "overwrite an existing --out file"),
    "template.schema-url": ("在首行加 yaml-language-server 的 $schema 注释，供编辑器使用",
                            "add a yaml-language-server $schema comment for editors"),
    # --- convert --------------------------------------------------------------------------
    "convert": (
        "把报表在 YAML 和 Excel 工作簿之间转换，数字、文字和可选字段一样不丢。\n\n"
        "输出与输入同名、换扩展名，写在输入旁边或 --out 文件夹中；已存在的文件需加 --force 才覆盖。"
        "任何输入有错误时什么也不写（退出码 2）。",
        "Convert reports between YAML and workbooks (.xlsx; .xls/.ods are read too), losing "
        "nothing: figures exact, notes, Chinese and optional fields kept.\n\n"
        "Each output takes its input's name with the new extension, beside it or in --out; an "
        "existing file is overwritten only with --force. Nothing is written when any input is "
        "invalid (exit 2).",
    ),
    "convert.files": ("报表文件（.yaml/.yml/.xlsx/.xls/.ods）", "report files (.yaml/.yml/.xlsx/.xls/.ods)"),
    "convert.to": ("目标格式：yaml 或 xlsx", "convert to: yaml or xlsx"),
    "convert.out": ("写入此文件夹（默认：输入文件旁边）", "write into this folder (default: beside each input)"),
    "convert.force": ("覆盖已存在的文件", "overwrite existing files"),
    # --- schema ---------------------------------------------------------------------------
    "schema": (
        "输出 JSON Schema（draft 2020-12），供编辑器补全和检查报表。\n\n"
        "report 的 schema 由计划生成：unit 只能是计划中的单位名称或别名，items 的键只能是计划中的"
        "事项和目标编号，每个目标只接受其类型对应的字段。--out 写入文件（总是覆盖：这是生成的文件）。",
        "Print the JSON Schema (draft 2020-12) of a report or of the plan file, for editors.\n\n"
        "The report schema is made from the plan: unit is one of the plan's organisations or "
        "aliases, the keys of items are the plan's item and target ids, and each target accepts "
        "only the fields of its kind. --out writes a file (always overwritten: it is generated).",
    ),
    "schema.kind": ("report | plan", "report | plan"),
    # --- status ---------------------------------------------------------------------------
    "status": (
        "进度汇总（月度例会）。\n\n"
        "读取 DIR（默认 data/reports）下的每份报表一次并校验；未通过的文件列为错误并不计入"
        "（退出码 2），其余报表照常汇总。每个单位取 --period（默认：有报表的最近月份）当月或之前"
        "最近的一份报表；之前报过、后来未再报的事项仍然计入。\n\n"
        "\b\n"
        "视图：\n"
        "  1 汇总目标      每个目标的汇总状态：合计、Σ分子/Σ分母，或牵头单位的数字\n"
        "  2 单位×目标     多个单位共同报送的目标，按单位列出\n"
        "  3 报送情况      本期应报未报的单位；迟报的单位\n"
        "  4 走势          各汇总数字在有报表的各月的变化、较上期的变化和走势图\n"
        "  5 排名          计划排名的单位（ranking）按进行中目标的红色项、黄色项排序\n"
        "  6 问题清单      按单位列出排名所计的红色、黄色事项（markdown）\n"
        "  7 已结束目标    期限已过的目标，保持最终状态，列出涉及单位\n\n"
        "\b\n"
        "规则：\n"
        "  更正      submitted 日期较晚的报表替换同月较早的一份；同月无法这样排序的两份报表\n"
        "            （日期相同或没有日期）是 duplicate-report 错误，列出两个文件，两份都不用\n"
        "  应报      单位是某个量化目标或节点目标的必报单位，且本期在该目标的时间窗口内\n"
        "  迟报      submitted 晚于次月第 report_due_day 日（计划的报送日）；\n"
        "            按该单位当月第一份报表判断\n"
        "  排名      红色项少者在前，其次黄色项少者，其次已报送者；相同者并列；\n"
        "            单位计入汇总的分项（Σ）不计\n\n"
        "\b\n"
        "输出格式（--format；默认 table，GITHUB_ACTIONS=true 时为 github）：\n"
        "  table      各视图的表格，然后是问题和总计行\n"
        "  json       稳定的机器接口（HTML 看板也读它）\n"
        "  markdown   可贴入通报的文档：标题、概况段落、每个视图一个表格\n"
        "  github     注释：问题、未报送、达到 --fail-on 的汇总目标\n"
        "  junit      JUnit XML：每个有问题的文件一个 suite，汇总行，未报送\n"
        "  xlsx       台账工作簿，每个视图一个工作表（须用 --out）\n"
        "  docx       通报 Word 文档（须用 --out）\n\n"
        "退出码：2 有文件未通过、重复报表或用法错误；否则 1 有汇总状态达到 --fail-on"
        "（默认 never：不因状态返回 1）；否则 0。",
        "The district picture for the monthly meeting.\n\n"
        "Reads every report under DIR (default data/reports) once and validates it; invalid "
        "files are listed as errors and left out (exit 2), the picture is still drawn from the "
        "rest. For each organisation the latest report at or before --period counts (default: "
        "the latest month with reports); an item reported earlier and left out later still "
        "counts.\n\n"
        "\b\n"
        "Views:\n"
        "  1 district targets   each target's district status: sum, Σnumerator/Σdenominator,\n"
        "                       or the lead's figure\n"
        "  2 matrix             organisations × targets reported by several organisations\n"
        "  3 reports            who owed a report for the period and sent none; who was late\n"
        "  4 trend              each district figure over the months with reports, the change\n"
        "                       since the previous such month, and a sparkline\n"
        "  5 ranking            the organisations the plan ranks, by red, then amber rows of\n"
        "                       open targets\n"
        "  6 problems           per organisation, the red and amber rows the ranking counts\n"
        "                       (markdown)\n"
        "  7 closed targets     targets whose window has closed, with their final status and\n"
        "                       who is behind\n\n"
        "\b\n"
        "Rules:\n"
        "  correction   a report with a later `submitted` date replaces the same month's earlier\n"
        "               one; reports of one month that cannot be ordered so (same date, or no\n"
        "               date) are a duplicate-report error naming both files, and neither is used\n"
        "  owed         an organisation owes a report when it is a required reporter of a\n"
        "               measurable target or milestone whose window contains the period\n"
        "  late         `submitted` after day report_due_day (the plan's due day) of the next\n"
        "               month; judged on the organisation's first report of the month\n"
        "  ranking      fewest red rows, then fewest amber, then reported before not; ties share\n"
        "               a rank; a unit's share of a district total (Σ) is not counted\n\n"
        "\b\n"
        "Output (--format; default table, or github when GITHUB_ACTIONS=true):\n"
        "  table      the views as tables, then the problems and a total line\n"
        "  json       the stable machine interface (also read by the HTML dashboard)\n"
        "  markdown   a document to paste into a notice: title, summary paragraph, a table per\n"
        "             view\n"
        "  github     annotations: problems, missing reports, district targets at --fail-on\n"
        "  junit      JUnit XML: a suite per file with problems, the district rows, missing\n"
        "             reports\n"
        "  xlsx       the ledger workbook, a sheet per view (needs --out)\n"
        "  docx       the notice as a Word document (needs --out)\n\n"
        "Exit codes: 2 a file invalid, a duplicate report, or a usage error; else 1 a district "
        "status at or above --fail-on (default never: no status gives 1); else 0.",
    ),
    # --- report ---------------------------------------------------------------------------
    "report": (
        "生成进度看板（单个 HTML 文件）。\n\n"
        "像 mljy status 一样读取 DIR（默认 data/reports）下的全部报表，写出 FILE：各状态的数量、"
        "汇总目标、每个数量和比率目标一张图（汇总数字逐月对照序时进度和目标，附数字表）、"
        "单位×目标矩阵、未报送和迟报、排名，以及校验发现的问题。\n\n"
        "页面自成一体（样式、脚本和状态 JSON 文档都在其中，查看时无需联网），可投屏，"
        "可在 A4 纸上打印。其中的数字就是状态文档的数字："
        "mljy status DIR --period P --format json 给出相同的数字。\n\n"
        "\b\n"
        "退出码与 mljy status 相同：0 全部报表通过且没有汇总状态达到 --fail-on；\n"
        "1 报表通过，但有这样的状态；2 有报表或计划文件未能读取或未通过校验，或用法错误。\n"
        "有未通过的报表时仍写出页面（页面中列出它们）；没有计划或没有任何可用报表时不写。",
        "Write the district dashboard as one HTML page.\n\n"
        "Reads every report under DIR (default: data/reports) as `mljy status` does, and writes "
        "FILE: the counts by status, the district targets, a chart per quantity and rate target "
        "(the district figure by month against the schedule and the target, each with its "
        "numbers as a table), the organisation × target matrix, the missing and late reports, "
        "the ranking, and the validation problems.\n\n"
        "The page is self-contained (styles, scripts and the status JSON document inside; no "
        "network needed to view it), projects on a screen and prints on A4. Its numbers are the "
        "status document's: `mljy status DIR --period P --format json` gives the same figures.\n\n"
        "\b\n"
        "Exit codes, as `mljy status`: 0 every report valid and no district status at or above\n"
        "--fail-on; 1 valid, with such statuses; 2 a report or the plan failed to load or\n"
        "validate, or a usage error. With invalid reports the page is still written (they are\n"
        "listed in it); without a plan or without any usable report it is not.",
    ),
    "report.html": ("输出的 HTML 文件", "the page to write"),
    "report.dir": ("报表文件夹", "folder of reports"),
}
"""Each help text (zh, en), by the key the command line declares it with."""


def text(key: str, lang: str) -> str:
    """The help text of ``key`` in ``lang``."""
    zh, en = HELP[key]
    return en if lang == "en" else zh
