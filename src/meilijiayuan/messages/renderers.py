"""The words of the output formats and of the statuses, zh and en.

Moved here from the modules that write them, which import them under their old names;
every English text is free of Chinese (tests/unit/messages/test_messages.py).
"""

from __future__ import annotations

from meilijiayuan.messages.labels import label

# the markdown of `mljy check`
MARKDOWN_CHECK = {
    "title": ("序时进度检查", "Progress check"),
    "file": ("文件", "File"),
    "findings": ("问题", "Findings"),
    "invalid": ("未通过校验，未评价", "failed validation, not evaluated"),
    "summary": ("小结", "Summary"),
}

# the markdown of `mljy status`
MARKDOWN_STATUS: dict[str, tuple[str, str]] = {
    "notice": ("月度进度通报", "monthly progress report"),
    "overview": ("概况", "Overview"),
    "summary": ("小结", "Summary"),
}

# `mljy list`
LISTING: dict[str, tuple[str, str]] = {
    "lead": ("牵头", "lead"),
    "cooperating": ("配合", "cooperating"),
    "implementing": ("实施", "implementing"),
    "reports": ("报送", "reports"),
    "id": ("编号", "Id"),
    "item": ("事项", "Item"),
    "roles": ("角色", "Role"),
    "window": ("时间", "When"),
    "links": ("关联", "Links"),
    "targets": ("目标", "Targets"),
    "aliases": ("别名", "aliases"),
    "groups": ("所属", "member of"),
    "members": ("成员", "members"),
    "asked": ("查询", "asked as"),
    "milestone": ("完成", "done"),
    "none": ("没有符合条件的事项。", "No items match."),
    "department": ("委办局", "district department"),
    "street": ("街道", "street"),
    "town": ("镇", "town"),
    "zone": ("功能区", "zone"),
    "village": ("村居", "village"),
    "enterprise": ("企业", "enterprise"),
    "association": ("协会", "association"),
    "other": ("其他", "other"),
    "group": ("单位组", "group"),
}

# the headings of the views of `mljy status`, in order
HEADINGS: dict[str, tuple[str, str]] = {
    "district": ("一、{district}目标进展", "1. District targets"),
    "matrix": ("二、各单位目标进展", "2. Organisations × targets"),
    "reports": ("三、报送情况", "3. Missing and late reports"),
    "trend": ("四、走势", "4. Trend"),
    "ranking": ("五、{ranked}排名", "5. Ranking"),
    "problems": ("六、问题清单", "6. Red and amber items by organisation"),
    "closed": ("七、已结束目标", "7. Closed targets"),
    "findings": ("校验问题", "Problems in the reports"),
}

# the tables of `mljy status`
STATUS: dict[str, tuple[str, str]] = {
    "as_of": ("截至", "as of"),
    "reports_in": ("本月报表 {n} 份", "{n} reports this month"),
    "missing": (label("missing_report", "zh"), label("missing_report", "en").capitalize()),
    "late": (label("late_report", "zh"), label("late_report", "en").capitalize()),
    "nobody_missing": ("应报单位均已报送。", "Every organisation that owed a report sent one."),
    "nobody_late": ("没有迟报。", "No report was late."),
    "no_matrix": ("本月没有多个单位共同报送的目标。",
                  "No target this month is reported by several organisations."),
    "no_trend": ("没有可比较的{district}数字。", "No district figures to compare."),
    "unit": ("单位", "Organisation"),
    "items": ("应报事项", "Items owed"),
    "submitted": ("报送日期", "Submitted"),
    "due": ("截止日期", "Due"),
    "file": ("文件", "File"),
    "id": ("编号", "ID"),
    "title": ("事项", "Item"),
    "target": ("目标", "Target"),
    "month": ("月份", "Month"),
    "actual": ("{district}实际", "Actual"),
    "change": ("较上期", "Change"),
    "spark": ("走势", "Trend"),
    "status": ("状态", "Status"),
    "rank": ("名次", "Rank"),
    "kind": ("类型", "Kind"),
    "red": ("红", "Red"),
    "amber": ("黄", "Amber"),
    "green": ("绿", "Green"),
    "missing_rows": (label("owed_items", "zh"), label("owed_items", "en").capitalize()),
    "who": ("红色、黄色目标涉及的单位：", "Who is behind the red and amber targets:"),
    "no_problems": ("没有红色或黄色的单位事项。", "No organisation has a red or amber item."),
    "closed_note": ("窗口在本期之前结束的目标保持最终状态；其走势从略。",
                    "Targets whose window ended before this period keep their final status; "
                    "their trends are left out."),
    "reported": ("本月报送", "Reported"),
    "yes": ("✔ 已报", "✔ yes"),
    "no": ("✖ 未报", "✖ no"),
    "change_note": ("较上期：与前一个有报表的月份相比（本期的上一期为 {month}）；"
                    "走势按目标值缩放。",
                    "Change: since the previous month with reports ({month} for this period); "
                    "the sparkline is scaled to the target."),
    "change_none": ("较上期：本期之前没有报表月份；走势按目标值缩放。",
                    "Change: no earlier month with reports; the sparkline is scaled to the "
                    "target."),
    "rank_note": ("按红色项数、黄色项数、本月是否报送排序，相同者并列；计入{district}的分项（Σ）不计。"
                  "未报项：本月应报而没有数字的事项（未报送的单位：应报的全部事项）。",
                  "Ranked by red rows, then amber rows, then whether they reported this month; "
                  "ties share a rank; shares of district totals (Σ) are not counted. "
                  "Items not reported: owed this month without a figure (an organisation that "
                  "sent no report: every item it owes)."),
}

# the kinds of organisation ranked
STATUS_KINDS = {"street": ("街道", "street"), "town": ("镇", "town"), "zone": ("园区", "zone")}

# (key, zh, en) of the assessment columns, in order
CHECK_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("id", "编号", "ID"),
    ("title", "事项", "Item"),
    ("roles", "角色", "Role"),
    ("target", "目标", "Target"),
    ("expected", "序时", "Expected"),
    ("actual", "实际", "Actual"),
    ("gap", "差距", "Gap"),
    ("lag", "滞后pp", "Lag pp"),
    ("status", "状态", "Status"),
)

# the column district tables add
DISTRICT_EXTRA = ("reporters", "报送", "Reported")

# an organisation's role in an item
ROLES = {
    "lead": ("牵头", "lead"), "cooperating": ("配合", "coop."), "implementing": ("实施", "impl."),
}

# the state of a milestone or ongoing duty
STATES = {
    "not_started": ("未开始", "not started"),
    "in_progress": ("推进中", "in progress"),
    "done": ("已完成", "done"),
    "blocked": ("受阻", "blocked"),
}

# the tables of `mljy check`
CHECK = {
    "milestone": ("完成", "done"),
    "contribution": ("计入{district}", "to district"),
    "as_of": ("截至", "as of"),
    "items": ("项", "items"),
    "red": ("红色", "red"),
    "district": ("{district}", "District"),
    "reports_in": ("份报表", "reports"),
    "none": ("没有需要评价的事项", "nothing to assess"),
    "legend": ("差距、滞后pp：正数为落后于序时进度，负数为超前。",
               "Gap, lag pp: positive = behind schedule, negative = ahead of it."),
    "carried": ("实际数后的 @YYYY-MM：该单位本月未报，沿用该月报表的数字。",
                "@YYYY-MM after an actual: not reported this month; that month's figure."),
}

# the comments of `mljy template`
TEMPLATE: dict[str, tuple[str, str]] = {
    "title": ("月度进度报表", "monthly progress report"),
    "unit": ("单位", "unit"),
    "groups": ("所属", "member of"),
    "period": ("报送月份", "period"),
    "due": ("报送截止", "due"),
    "how": (
        "由 mljy template 生成。填写每个冒号后面的空白，再运行 mljy validate <本文件> 检查。",
        "Written by mljy template. Fill in every blank after a colon, then run "
        "`mljy validate <this file>`.",
    ),
    "numbers": (
        "数字只写阿拉伯数字，不带单位；比率填分子和分母；本月没有新进展也要填写截至月底的累计数或水平。",
        "Numbers are bare digits without units; a rate is numerator and denominator; "
        "with no progress this month, still give the total or level at the month's end.",
    ),
    "submitted": ("报送日期 YYYY-MM-DD，例如 {example}（可不填）",
                  "date sent, YYYY-MM-DD, e.g. {example} (optional)"),
    "contact": ("联系人和电话（可不填）", "contact name and phone (optional)"),
    "required": ("必报：本月须报送的目标（{n} 项）",
                 "required: the targets to report this month ({n})"),
    "none_required": (
        "本月没有必须报送的目标。要报送下面的选报事项时，"
        "删去 items: 后面的 {}，并取消该事项的注释。",
        "Nothing must be reported this month. To report an optional item below, delete the {} "
        "after items: and uncomment the item.",
    ),
    "optional": (
        "选报：本单位本月在推进的工作（可不报；要报送时取消该事项各行的注释并填写 state）",
        "optional: ongoing work open this month (uncomment an item's lines and fill in state "
        "to report it)",
    ),
    "also": ("（同一指标，也用于 {ids}，只报一次）",
             "(one indicator: also counts for {ids}; report it once)"),
    "target": ("目标", "target"),
    "done_by": ("在 {window} 内完成", "done within {window}"),
    "window": ("{start} 至 {end}", "{start} to {end}"),
    "fill": ("填写", "fill in"),
    "cumulative": ("目标时间窗内的累计完成量，截至 {month} 月底",
                   "cumulative total inside the window, as of the end of {month}"),
    "level": ("截至 {month} 月底的水平", "the level at the end of {month}"),
    "per_unit": ("本单位须各自达到", "each reporter must reach it"),
    "sum": ("{district}为各单位之和", "district figure = sum over units"),
    "ratio": ("{district}比率 = Σ分子 / Σ分母", "district rate = Σnumerator / Σdenominator"),
    "lead": ("由本单位报{district}数", "reported for the whole district"),
    "allocation": ("本单位的分配数（{district}共 {total}）",
                   "this unit's share (district total {total})"),
    "value": ("数字，必填，单位 {unit}", "number, required, in {unit}"),
    "this_month": ("本月完成量（可不填）", "done this month (optional)"),
    "numerator": ("分子：达标数，必填", "numerator: how many meet it, required"),
    "denominator": ("分母：总数，必填，大于 0", "denominator: the total, required, > 0"),
    "state": ("必填：{states}（或 未开始 | 进行中 | 已完成 | 受阻）", "required: {states}"),
    "state_optional": ("{states}", "{states}"),
    "note": ("说明（可不填）", "note (optional)"),
    "evidence": ("佐证材料，例如文号（可不填）", "evidence, e.g. a document number (optional)"),
    "lead_role": ("牵头", "lead"),
    "cooperating_role": ("配合", "cooperating"),
    "implementing_role": ("实施", "implementing"),
}

# an assessment as one line (github, junit)
GITHUB: dict[str, tuple[str, str]] = {
    "target": ("目标", "target"),
    "expected": ("序时应完成", "expected by now"),
    "actual": ("实际", "actual"),
    "gap": ("差距", "gap"),
    "lag": ("滞后", "lag"),
    "state": ("状态", "state"),
    "as_of": ("截至", "as of"),
    "window": ("期限", "window"),
}

# what to do about a status at --fail-on
ADVICE: dict[str, tuple[str, str]] = {
    "missing": ("在 items 下补报 {id}；mljy template 可生成本单位应报事项的模板。",
                "Report {id} under items; `mljy template` lists the items your unit must report."),
    "overdue": ("期限已过仍未完成：核对填报的累计数，并在 note 中说明原因和完成时间。",
                "The window has closed and the target is not met: check the total and explain "
                "in `note` why and by when."),
}

# what to do about a target behind schedule
BEHIND = ("落后于序时进度：核对填报的累计数；确实滞后的，在 note 中说明原因和措施。",
           "Behind schedule: check the total; if it is right, explain the cause and the remedy "
           "in `note`.")

# the dashboard page
HTML: dict[str, tuple[str, str]] = {
    "page": ("美丽家园三年行动计划 进度看板", "Beautiful Homes plan: progress dashboard"),
    "period": ("报告月份", "Period"),
    "as_of": ("截至", "As of"),
    "generated": ("由 mljy {version} 根据 mljy status 的 JSON 文档生成；"
                  "页面中的数字与该文档完全一致。",
                  "Generated by mljy {version} from the mljy status JSON document; every "
                  "number on this page is the document's."),
    "summary": ("总体情况", "Summary"),
    "targets_n": ("共 {n} 项{district}目标", "{n} district targets"),
    "district": ("{district}目标", "District targets"),
    "trend": ("月度趋势", "Trend by month"),
    "trend_note": ("实线为{district}实际完成数，虚线为各期序时进度，点线为从期初到目标的计划进度线，"
                   "红色长虚线为目标值。图下的表格列出同样的数字。",
                   "Solid: the district figure; dashed: the expected figure (on schedule) of each "
                   "period; dotted: the plan line from the window's start to the target; long "
                   "red dashes: the target. The table under each chart holds the same numbers."),
    "matrix": ("各单位 × 目标", "Organisations × targets"),
    "matrix_note": ("每格为该单位的实际值，颜色和符号为状态。",
                    "Each cell is the unit's figure; colour and symbol give its status."),
    "ranking": ("{ranked}排名", "Ranking"),
    "findings": ("校验问题", "Validation problems"),
    "none": ("无", "none"),
    "no_trend": ("没有可绘制的数量或比率目标", "no quantity or rate target to chart"),
    "id": ("编号", "ID"),
    "title": ("事项", "Item"),
    "target": ("目标", "Target"),
    "expected": ("序时进度", "Expected"),
    "actual": ("实际", "Actual"),
    "gap": ("差距", "Gap"),
    "lag": ("滞后pp", "Lag pp"),
    "status": ("状态", "Status"),
    "window": ("期限", "Window"),
    "axis_unit": ("纵轴单位", "vertical axis in"),
    "contribution": ("计入{district}", "counts toward the district"),
    "change": ("本期变化", "Change"),
    "month": ("月份", "Month"),
    "plan": ("计划进度线", "Plan line"),
    "start": ("起 ", "from "),
    "unit": ("单位", "Organisation"),
    "items": ("应报事项", "Items due"),
    "submitted": ("报送日期", "Submitted"),
    "due": ("截止日期", "Due"),
    "file": ("文件", "File"),
    "rank": ("名次", "Rank"),
    "kind": ("类型", "Kind"),
    "red": ("红", "Red"),
    "amber": ("黄", "Amber"),
    "green": ("绿", "Green"),
    "reported": ("已报送", "Reported"),
    "yes": ("是", "yes"),
    "no": ("否", "no"),
    "location": ("位置", "Location"),
    "severity": ("级别", "Level"),
    "code": ("代码", "Code"),
    "message": ("问题", "Problem"),
    "hint": ("如何修改", "How to fix"),
    "error": ("错误", "error"),
    "warning": ("警告", "warning"),
    "street": ("街道", "street"),
    "town": ("镇", "town"),
    "zone": ("园区", "zone"),
    "department": ("部门", "department"),
    "noscript": ("图表需要启用 JavaScript；每个图表下方的表格列出同样的数字。",
                 "The charts need JavaScript; the table under each chart holds the same numbers."),
    "failed": ("图表未能绘制；数字见下表。", "The chart could not be drawn; see the table below."),
    "reporters": ("报送", "Reporters"),
    "reporters_tip": ("{n} 个应报单位中 {m} 个有数字计入", "{m} of {n} reporters counted"),
    "cards_note": ("下列卡片按状态统计{district}目标，每项目标计一次。",
                   "The cards count district targets by status, each target once."),
    "reports_line": ("报表：{missing} 个单位未报送{names}；{late} 份迟报。",
                     "Reports: {missing} not received{names}; {late} late."),
    "counts_open": ("进行中的目标：", "Open targets: "),
    "open_part": ("进行中：", "Open:"),
    "closed_part": ("已结束：", "Closed:"),
}

# the name of each status
STATUS_LABELS: dict[str, tuple[str, str]] = {
    "achieved": ("已完成", "achieved"),
    "on_track": ("正常", "on track"),
    "behind": ("滞后", "behind"),
    "at_risk": ("严重滞后", "at risk"),
    "overdue": ("逾期", "overdue"),
    "missing": ("未报送", "missing"),
    "not_due": ("未开始", "not due"),
    "ongoing": ("推进中", "ongoing"),
}

# the template workbook (output/template_xlsx.py): its words, then sheet 说明's lines
TEMPLATE_XLSX: dict[str, tuple[str, str]] = {
    "title": ("{plan} 月度进度报表", "{plan}: monthly progress report"),
    "required": ("必报", "must"),
    "also": ("（同一指标，也用于 {ids}，只报一次）", " (the same indicator counts for {ids} too: report it once)"),
    "optional": ("选报", "may"),
    "other": ("其他", "other"),
    "not_due": ("未到期（{start} 起）", "not due (from {start})"),
    "milestone": ("{end} 前完成", "done by {end}"),
    "state": ("按状态报送", "report its state"),
    "sum": ("计入{district}合计", "counts toward the district total"),
    "number_title": ("填写数字", "Enter a number"),
    "number": ("填写不小于 0 的数字，不带单位。", "A number of at least 0, without a unit."),
    "denominator": ("分母为总数，须大于 0。", "The denominator is the total, above 0."),
    "numerator": ("分子为达标数：不小于 0，且不大于同一行的分母。",
                  "The numerator: at least 0 and at most the same row's denominator."),
    "state_title": ("选择状态", "Choose a state"),
    "state_help": ("从下拉列表中选择：未开始、进行中、已完成、受阻。",
                   "Pick from the list; its four states, in order: not started, in progress, "
                   "done, blocked."),
    "date_help": ("报送日期，例如 {example}。", "The date sent, e.g. {example}."),
    "wrong": ("输入有误", "Not accepted"),
    "guide": ("说明", "Guide"),
}
TEMPLATE_XLSX_GUIDE: dict[str, tuple[str, str]] = {
    "what": ("这是 {unit} {period} 的月度进度报表（{plan}，{number}）。",
             "This is {unit}'s monthly progress report for {period} ({plan}, {number})."),
    "where": ("在“进度”工作表中填写黄色单元格；其他单元格受保护（无密码），只作说明。",
              "Fill in the yellow cells of the sheet Progress; the other cells are protected "
              "(no password) and only explain."),
    "rows": ("每行一个事项：“必报”为本月必须报送的目标，“选报”为本单位在推进、可以报送的工作。",
             "One row per item: 'must' rows are the targets due this month, 'may' rows the "
             "work your unit may report on."),
    "quantity": ("数量：在“累计完成”填目标时间节点内截至本月底的累计数（不带单位）。",
                 "Quantities: under value, the total inside the target's window up to the "
                 "month's end, without a unit."),
    "rate": ("比率：填“分子”（达标数）和“分母”（总数），不要只填百分比。",
             "Rates: numerator (how many meet it) and denominator (the total); not a "
             "percentage."),
    "state": ("节点和持续工作：在“状态”下拉列表中选择，在“说明”“佐证材料”中简述进展和文号。",
              "Milestones and ongoing work: pick the state; describe progress and documents "
              "under note and evidence."),
    "blank": ("不报送的事项留空即可；不要删除、合并或改写表头。",
              "Leave an item blank to not report it; do not delete, merge or rename headers."),
    "due": ("报送截止：{due}（次月 {day} 日前）。", "Due: {due} (by day {day} of the next month)."),
    "send": ("填好后发送给：{send_to}。", "Send the filled workbook to: {send_to}."),
    "check": ("自查：mljy validate {file}", "Check it yourself: mljy validate {file}"),
}
