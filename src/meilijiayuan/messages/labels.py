"""User-facing words of the renderers (headers, status names) in Chinese and English."""

from __future__ import annotations

from collections.abc import Mapping

from meilijiayuan.messages.plan_words import fill

LABELS: dict[str, tuple[str, str]] = {
    "location": ("位置", "Location"),
    "severity": ("级别", "Level"),
    "code": ("代码", "Code"),
    "problem": ("问题", "Problem"),
    "fix": ("如何修改", "How to fix"),
    "error": ("错误", "error"),
    "warning": ("警告", "warning"),
    "file": ("文件", "File"),
    "files": ("个文件", "files"),
    "valid": ("通过", "valid"),
    "invalid": ("未通过", "invalid"),
    "errors": ("个错误", "errors"),
    "warnings": ("个警告", "warnings"),
    "ok": ("通过", "OK"),
    "plan": ("计划文件", "plan"),
    "report": ("报表", "report"),
    # mljy validate --fix / --diff
    "fixed": (
        "已自动修正 {n} 个文件（只改写法，不改数字）",
        "fixed {n} files (spelling only, never a figure)",
    ),
    "would-fix": (
        "{n} 个文件可自动修正：加 --fix 写入", "{n} files can be fixed: pass --fix to write them"
    ),
    "fix-refused": ("未修正 {file}：{reason}", "not fixed: {file}: {reason}"),
    "overlap": ("两处修正重叠", "two fixes overlap"),
    "workbook": (
        "--fix 只修改 YAML 报表；工作簿请在 Excel 或 WPS 中按提示改正单元格后保存",
        "--fix changes YAML reports only: mend the cells in Excel or WPS as the hints say",
    ),
    "unreadable": (
        "文件还有无法识别的格式错误，先按提示改正后再用 --fix",
        "the file has a syntax error that cannot be named: mend it first, then use --fix",
    ),
    "undecodable": ("无法按文件的编码读取", "the file cannot be decoded"),
    "unencodable": (
        "修正后的文字无法按原编码保存", "the fixed text cannot be saved in the file's encoding"
    ),
    "figures": (
        "修正会改变数字，或无法确认数字不变",
        "a fix would change a figure, or that cannot be ruled out",
    ),
    "new-findings": ("修正后会出现新的问题", "the fixed file would have a new finding"),
    "fix-and-diff": ("--fix 与 --diff 不能同时使用", "--fix and --diff cannot be used together"),
    # the 台账 workbook and the 通报 (output/xlsx.py, output/docx.py)
    "office.sheet.overview": ("概况", "Overview"),
    "office.sheet.district": ("{district}目标", "District targets"),
    "office.sheet.closed": ("已关闭目标", "Closed targets"),
    "office.sheet.matrix": ("单位×目标", "Units x targets"),
    "office.sheet.reports": ("报送情况", "Reports"),
    "office.sheet.ranking": ("{ranked}排名", "Ranking"),
    "office.sheet.trend": ("月度趋势", "Trend"),
    "office.sheet.findings": ("校验问题", "Problems"),
    "office.col.id": ("编号", "ID"),
    "office.col.title": ("事项", "Item"),
    "office.col.uom": ("计量单位", "Unit of measure"),
    "office.col.target": ("目标", "Target"),
    "office.col.expected": ("序时进度", "Expected"),
    "office.col.actual": ("实际", "Actual"),
    "office.col.gap": ("差距", "Gap"),
    "office.col.lag": ("滞后（百分点）", "Lag (pp)"),
    "office.points": ("个百分点", " percentage points"),  # a rate's gap: 8.93个百分点
    "office.col.start": ("开始", "Start"),
    "office.col.end": ("结束", "End"),
    "office.col.status": ("状态", "Status"),
    "office.col.figure_period": ("数据月份", "Figure month"),
    "office.col.reporters": ("已报单位数", "Reporters"),
    "office.col.expected_reporters": ("应报单位数", "Expected reporters"),
    "office.col.who": ("涉及单位", "Organisations behind it"),
    "office.col.unit": ("单位", "Organisation"),
    "office.col.period": ("月份", "Month"),
    "office.col.what": ("情况", "What"),
    "office.col.items": ("应报事项", "Items due"),
    "office.col.submitted": ("报送日期", "Submitted"),
    "office.col.due": ("截止日期", "Due"),
    "office.col.file": ("文件", "File"),
    "office.col.rank": ("名次", "Rank"),
    "office.col.kind": ("类型", "Kind"),
    "office.col.red": ("红", "Red"),
    "office.col.amber": ("黄", "Amber"),
    "office.col.green": ("绿", "Green"),
    "office.col.missing": ("未报送项", "Missing items"),
    "office.col.reported": ("本月已报送", "Reported this month"),
    "office.col.change": ("本期变化", "Change"),
    "office.col.numerator": ("分子", "Numerator"),
    "office.col.denominator": ("分母", "Denominator"),
    "office.col.state": ("进展", "State"),
    "office.col.count": ("项数", "Count"),
    "office.col.location": ("位置", "Location"),
    "office.col.severity": ("级别", "Level"),
    "office.col.code": ("代码", "Code"),
    "office.col.message": ("问题", "Problem"),
    "office.col.hint": ("如何修改", "How to fix"),
    "office.street": ("街道", "street"),
    "office.town": ("镇", "town"),
    "office.zone": ("园区", "zone"),
    "office.department": ("部门", "department"),
    "office.yes": ("是", "yes"),
    "office.no": ("否", "no"),
    "office.not_received": ("未报送", "not received"),
    "office.late": ("迟报", "late"),
    "office.contribution": ("Σ 计入{district}", "Σ counts toward the district"),
    "office.plan": ("计划", "Plan"),
    "office.document_number": ("文号", "Document"),
    "office.period": ("月份", "Month"),
    "office.as_of": ("截至", "As of"),
    "office.generated": ("由 mljy {version} 根据 mljy status 的 JSON 文档生成，数字与该文档一致。",
                         "Made by mljy {version} from the mljy status JSON document; every "
                         "number is the document's."),
    "office.invalid": ("说明：{n} 份报表未通过校验，不计入任何数字（{files}）。",
                       "Note: {n} report(s) failed validation and are left out of every figure "
                       "({files})."),
    "office.footer": ("第 &P 页，共 &N 页", "Page &P of &N"),
    "office.notice": ("{period}进度通报", "Progress report, {period}"),
    "office.month": ("{year}年{month}月", "{year}-{month:02d}"),
    "office.h.overview": ("一、总体情况", "1. Overview"),
    "office.h.items": ("二、红色和黄色事项", "2. Red and amber items"),
    "office.h.red": ("（一）红色事项", "(1) Red items"),
    "office.h.amber": ("（二）黄色事项", "(2) Amber items"),
    "office.h.closed": ("（三）期限已过的目标", "(3) Targets whose window has closed"),
    "office.h.reports": ("三、报送情况", "3. Reports"),
    "office.h.missing": ("（一）未报送", "(1) Not received"),
    "office.h.late": ("（二）迟报", "(2) Late"),
    "office.h.ranking": ("四、{ranked}排名", "4. Ranking"),
    "office.none_red": ("本期没有红色事项。", "No red item this month."),
    "office.none_amber": ("本期没有黄色事项。", "No amber item this month."),
    "office.nobody_missing": ("应报单位均已报送。", "Every organisation owing a report sent one."),
    "office.nobody_late": ("没有迟报。", "No report was late."),
    "office.no_ranking": ("没有可排名的{ranked}。", "Nobody to rank."),
    "office.who": ("涉及单位", "Organisations"),
    "office.rank_items": ("各{ranked}计入排名的红色、黄色事项和未报送项（期限已过的目标见（三））：",
                          "The items behind each count (targets whose window has closed are "
                          "under (3)):"),
    "office.carried_note": ("数字后的 @YYYY-MM：该单位本月未报，沿用该月报表的数字。",
                            "@YYYY-MM after a figure: the organisation sent no report this "
                            "month; the figure is carried from that month's report."),
    "office.red_word": ("红色", "red"),
    "office.amber_word": ("黄色", "amber"),
    "office.missing_word": ("未报送项", "items not reported"),
    "office.open_part": ("进行中的目标{n}项", "{n} open"),
    "office.closed_part": ("期限已过的目标{n}项", "{n} closed"),
    # the overview paragraph of the 通报 and of the markdown document (status_view.overview)
    "overview.targets": ("截至{as_of}，{district}{n}项目标中，{clauses}。",
                         "As of {as_of}, of the district's {n} targets{colon}{clauses}."),
    "overview.clause": ("{head}{counts}（红色{red}项，黄色{amber}项）", "{head}{counts} ({red} red, {amber} amber)"),
    "overview.head": ("{part}：", "{part}: "),
    "overview.count": ("{status}{n}项", "{n} {status}"),
    "overview.count_sep": ("，", ", "),
    "overview.clause_sep": ("；", "; "),
    "overview.open_reds": ("进行中的红色目标：{items}。", "Red open targets: {items}."),
    "overview.item": ("{id}（{status}）", "{id} ({status})"),
    "overview.ranked": ("{total}个{ranked}中{reported}个本月已报送。",
                        "{reported} of the {total} organisations ranked reported this month."),
    "overview.missing": ("应报单位中{n}个未报送（{names}）", "Owing a report and sent none: {n} ({names})"),
    "overview.sent_invalid": ("（报表未通过校验）", " (its report failed validation)"),
    "overview.sent_empty": ("（报表为空）", " (its report holds no item)"),
    "overview.nobody_missing": ("应报单位均已报送", "Every organisation owing a report sent one"),
    "overview.late": ("，{n}份报表迟报（{names}）。", "; late: {n} ({names})."),
    "overview.none_late": ("，没有迟报。", "; none was late."),
    "overview.names_sep": ("、", ", "),
    "overview.ranking": ("{ranked}排名：{first}；{last}排名最后（红色{red}项，黄色{amber}项）。",
                         "Ranking: {first} first; {last} last ({red} red, {amber} amber)."),
    "overview.first_one": ("{unit}排名第1", "{unit}"),
    "overview.first_tied": ("{unit}等{n}个单位并列第1", "{units}"),
    "office.rank_note": ("按红色项数、黄色项数、本月是否报送排序，相同者并列。",
                         "Ranked by red rows, then amber rows, then whether they reported this "
                         "month; ties share a rank."),
    # one word per idea (every output): a report that came after its due day, a report
    # that never came, and owed items that were not reported
    "late_report": ("迟报", "Late reports"),
    "missing_report": ("未报送", "Reports not received"),
    "missing_items": ("未报项", "Items not reported"),
    "missing_item": ("未报项", "not reported"),
    # the HTML dashboard (mljy report --html)
    "invalid_banner": ("{n} 份报表未通过校验，其数字未计入本页：",
                       "Reports that failed validation, left out of this page: {n}"),
    "error_count": ("{n} 个错误", "errors: {n}"),
    "see_findings": ("见“校验问题”", "see Validation problems"),
    "open_targets": ("{district}目标（进行中）", "District targets (open)"),
    "closed_targets": ("已结束的目标", "Closed targets"),
    "closed_note": ("期限在 {period} 之前结束的目标，保留最终状态。",
                    "Targets whose window ended before {period}; each keeps its final status."),
    "closed_in_summary": ("其中 {n} 项已结束", "of which {n} closed"),
    "closed_trends": ("已结束目标的月度趋势（{n} 项，点击展开）",
                      "Trends of the closed targets ({n}, click to open)"),
    "who": ("涉及单位", "Who"),
    "figure_month": ("数据月份", "Figure of"),
    "orgs": ("各单位事项", "Items by organisation"),
    "orgs_note": ("每个单位在本期的各项状态、实际值及其数据月份；"
                  "排名和热力图中的单位名称链接到这里。",
                  "Each organisation's items this period: status, figure and the month of the "
                  "figure; the names in the ranking and the heatmap link here."),
    "no_report_for": ("{period} 未报送", "no report for {period}"),
    "none_items": ("本期没有需要评价的事项", "nothing to assess this period"),
    "matrix_hover": ("悬停可看序时进度和差距。", "Hover for the expected figure and the gap."),
    "carried_note": ("括号中的月份表示该数字来自较早月份的报表。",
                     "A month in brackets: the figure comes from that earlier month's report."),
    # one word per idea in every output
    "owed_items": ("未报项", "items not reported"),  # owed items without a figure this month
    "carried": ("沿用", "carried"),  # a figure from an earlier month's report
    "closed": ("已结束", "closed"),  # a target whose window ended before the period
}


def pick(table: Mapping[str, tuple[str, str]], key: str, lang: str) -> str:
    """The ``lang`` text of ``key`` in a renderer's (zh, en) table, the plan's words filled in
    (:mod:`.plan_words`); the key itself if absent."""
    zh, en = table.get(key, (key, key))
    return fill(en if lang == "en" else zh)


def label(key: str, lang: str) -> str:
    """The text of ``key`` in ``lang`` (the key itself when unknown)."""
    return pick(LABELS, key, lang)
