"""Write tests/fixtures/authoring: filled templates with the mistakes clerks make.

Each case starts from ``mljy template --unit X --period YYYY-MM`` for a real organisation of
the bundled plan and fills it in the way people typing with a Chinese input method do,
with several mistakes per file. A mistake is marked in the text below by ``⟦code⟧`` just
before the character that causes it; the marks are taken out of the written file and
become its sidecar ``<name>.expected.yaml``: every finding ``mljy validate`` must report
for the file in ONE run, at that line and column (1-based, counted in characters).

The figures are invented (illustrative only). Run again after changing a template:
``python scripts/make_authoring_corpus.py``; tests/acceptance/test_authoring.py checks the corpus.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from meilijiayuan.output.template import template_text
from meilijiayuan.periods import Month
from meilijiayuan.plan.load import load_plan

OUT = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "authoring"
_MARK = re.compile(r"⟦([a-z-]+)⟧")
_WIDTH = 16  # the template's key column width
RATE_LINES = (  # a rate's two blank lines in the template
    "    numerator:      # 分子：达标数，必填\n    denominator:    # 分母：总数，必填，大于 0\n"
)


class Text:
    """A template being filled: small, checked edits (each must find what it replaces)."""

    def __init__(self, unit: str, period: str) -> None:
        index, _ = load_plan()
        assert index is not None
        self.text = template_text(index, unit, Month.parse(period))

    def sub(self, old: str, new: str) -> Text:
        assert self.text.count(old) == 1, (old, self.text.count(old))
        self.text = self.text.replace(old, new)
        return self

    def top(self, key: str, value: str) -> Text:
        """Fill a top-level line ``key: value`` (the template's comment is dropped)."""
        line = re.search(rf"^{key}:.*$", self.text, re.M)
        assert line is not None, key
        self.text = self.text[: line.start()] + f"{key}: {value}" + self.text[line.end() :]
        return self

    def field(self, item: str, key: str, typed: str, *, keep_comment: bool = True) -> Text:
        """Replace ``key:`` of ``item``'s block by ``typed`` (the whole ``key: value`` as typed)."""
        block = re.search(rf"^  {re.escape(item)}:\n((?:    .*\n)+)", self.text, re.M)
        assert block is not None, item
        lines = block.group(1).split("\n")
        for i, line in enumerate(lines):
            if line.startswith(f"    {key}:"):
                comment = line[line.index("#") :] if "#" in line else ""
                body = "    " + typed
                if keep_comment and comment:
                    width = 4 + _WIDTH
                    body = body.ljust(width) if _visible(body) < width else body + "  "
                    body += comment
                lines[i] = body
                break
        else:
            raise AssertionError((item, key))
        new = "\n".join(lines)
        self.text = self.text[: block.start(1)] + new + self.text[block.end(1) :]
        return self

    def rename(self, item: str, typed: str) -> Text:
        return self.sub(f"\n  {item}:\n", f"\n  {typed}:\n")

    def uncomment(self, item: str, state: str, note: str | None = None) -> Text:
        """Take an optional item out of its comment and give it a state (and a note)."""
        old = f"  # {item}:\n  #   state: "
        assert old in self.text, item
        start = self.text.index(old)
        end = self.text.index("\n", self.text.index("  #   note:", start))
        new = f"  {item}:\n    state: {state}\n"
        new += f"    note: {note}" if note is not None else "    note:"
        self.text = self.text[:start] + new + self.text[end:]
        return self

    def edit(self, change: Callable[[str], str]) -> Text:
        self.text = change(self.text)
        return self


def _visible(text: str) -> int:
    return len(text)


def strip_marks(text: str) -> tuple[str, list[tuple[int, int, str]]]:
    """The text without its marks, and each mark's (line, column, code)."""
    found: list[tuple[int, int, str]] = []
    out: list[str] = []
    line, column = 1, 1
    pos = 0
    for m in _MARK.finditer(text):
        chunk = text[pos : m.start()]
        out.append(chunk)
        for ch in chunk:
            if ch == "\n":
                line, column = line + 1, 1
            else:
                column += 1
        found.append((line, column, m.group(1)))
        pos = m.end()
    out.append(text[pos:])
    return "".join(out), found


def fill_blanks(t: Text) -> Text:
    """Give every required figure still blank a plausible value (parts add up)."""
    values = {"K2018-1": "3.5", "K2018-1a": "1.2", "K2018-1b": "2.3"}
    out: list[str] = []
    item = ""
    for line in t.text.split("\n"):
        head = re.match(r"  ([A-Za-z][\w-]*):$", line)
        if head:
            item = head.group(1)
        blank = re.match(r"    (value|numerator|denominator|state):( +)#", line)
        if blank:
            key = blank.group(1)
            typed = {
                "value": values.get(item, "4"),
                "numerator": "18",
                "denominator": "20",
                "state": "in_progress",
            }[key]
            body = f"    {key}: {typed}"
            line = body.ljust(max(4 + _WIDTH, len(body) + 2)) + line[line.index("#") :]
        out.append(line)
    t.text = "\n".join(out)
    return t


def cases() -> dict[str, tuple[str, Text]]:
    """name → (what the clerk got wrong, the filled template)."""
    c: dict[str, tuple[str, Text]] = {}

    def add(name: str, what: str, t: Text) -> None:
        c[name] = (what, fill_blanks(t))

    t = Text("马陆镇", "2019-07").top("submitted", "2019-08-03").top("contact", "王敏 59990000")
    t.field("J3a", "numerator", "numerator⟦full-width-colon⟧：118")
    t.field("J3a", "denominator", "denominator: 126")
    t.field("J3b", "numerator", "numerator: ⟦percent-as-count⟧95%")
    t.rename("J7", "⟦unknown-item⟧J7a")
    t.uncomment("J4", "进行中", "每月开展环境秩序巡查")
    add("01-malu-colon-percent", "a full-width colon, a percentage, a misspelt id", t)

    t = Text("安亭镇", "2019-07").top("submitted", "2019-08-02").top("contact", "李娟 69570000")
    t.field("J3a", "numerator", "numerator⟦no-space-after-colon⟧:140")
    t.field("J3a", "denominator", "denominator: 150")
    t.field("J3b", "numerator", "numerator: 120")
    t.field("J3b", "denominator", "denominator⟦no-space-after-colon⟧:150")
    t.rename("K2019-1", "⟦unknown-item⟧k2019-1")
    add("02-anting-no-space", "no space after the colon, twice; a lower-case id", t)

    t = Text("区房管局", "2019-07").top("submitted", "⟦date-format⟧2019年8月4日")
    t.top("contact", "张伟 59530000")
    t.field("K2019-4", "state", "state: ⟦bad-state⟧正在推进")
    t.field("W22", "state", "state: 进行中")
    t.field("W22", "note", 'note: ⟦unclosed-quote⟧"三类旧住房修缮完成', keep_comment=False)
    add("03-fangguan-date-quote", "a Chinese date, a state word not in the list, an open quote", t)

    t = Text("区民政局", "2019-07").top("submitted", "2019-08-05").top("contact", "陈静")
    t.sub("items: {}", "items:")
    t.uncomment("W17", "已完成", "为老服务中心已开放")
    t.uncomment("J6", "进行中")
    t.edit(lambda s: s + "  ⟦misplaced-key⟧contact: 陈静 59128888\n")
    add("04-minzheng-misplaced", "a top-level key typed again under items", t)

    t = Text("嘉定镇街道", "2018-05").top("period", "⟦period-format⟧2018.5")
    t.top("submitted", "2018-06-04").top("contact", "赵磊 59920000")
    t.field("K2018-1", "value", "value: ⟦number-with-unit⟧3.5万")
    t.field("K2018-4", "value", "value: ⟦full-width-digit⟧１２")
    t.field("K2018-2", "numerator", "numerator: ⟦numerator-exceeds-denominator⟧130")
    t.field("K2018-2", "denominator", "denominator: 126")
    add("05-jiadingzhen-period-units", "2018.5 as the month, 万 and full-width digits", t)

    t = Text("南翔镇", "2020-06").top("submitted", "2020-07-03").top("contact", "周洁 59120000")
    t.field("K2020-3", "numerator", "numerator: 45")
    t.field("K2020-3", "denominator", "denominator: 50")
    t.field("K2020-9", "state", "state: 已完成")
    t.sub("    numerator: 45", "    numerator: 45\n    unit: ⟦unit-mismatch⟧个")
    t.field("J3a", "numerator", "numerator: 17")
    t.edit(
        lambda s: s.replace(
            "\n  J3a:\n    numerator:", "\n  J3a:\n⟦full-width-indent⟧\u3000\u3000numerator:"
        )
    )
    add("06-nanxiang-fullwidth-indent", "full-width spaces typed as indentation", t)

    t = Text("江桥镇", "2018-12").top("submitted", "2019-01-04").top("contact", "吴刚 59140000")
    t.field("K2018-4", "value", "value: 6")
    t.field("K2018-7", "value", "value: 3")
    t.edit(lambda s: s.replace("\n  K2018-7:\n    value:", "\n  K2018-7:\n⟦tab-indent⟧\tvalue:"))
    t.field("J5", "state", "state: 已完成")
    t.field("J13", "state", "state: ⟦bad-state⟧完成了")
    t.field("J15", "state", "state: 受阻")
    t.field("J17", "state", "state: 未开始")
    add("07-jiangqiao-tab", "a tab for indentation; a state word that is almost right", t)

    t = Text("华亭镇", "2019-10").top("submitted", "2019-11-05").top("contact", "郑红 59970000")
    t.sub(
        f"  J3a:\n{RATE_LINES}",
        "  J3a:\n    numerator: 60 ⟦two-keys-on-line⟧denominator: 64\n",
    )
    add("08-huating-two-keys", "two keys typed on one line", t)

    t = Text("外冈镇", "2019-02").top("unit", "⟦lookalike⟧外岡鎮").top("submitted", "2019-03-05")
    t.top("contact", "冯芳 59580000")
    t.field("J3a", "numerator", "numerator: ⟦negative⟧-3")
    t.field("J3a", "denominator", "denominator: 70")
    t.field("J7", "numerator", "numerator: ⟦percent-as-count⟧100%")
    add(
        "09-waigang-traditional-negative",
        "traditional characters in the name; a negative figure",
        t,
    )

    t = Text("徐行镇", "2020-11").top("period", "⟦period-format⟧2020年11月").top("contact", "何平")
    t.top("submitted", "⟦date-format⟧2020.12.3")
    t.field("K2020-9", "state", "state: ⟦bad-state⟧in progress")
    t.rename("J3b", "⟦unknown-item⟧J3B")
    add("10-xuxing-chinese-month", "a Chinese month, a dotted date, an id in capitals", t)

    t = Text("真新街道", "2018-07").top("submitted", "2018-08-06").top("contact", "钱程 59150000")
    t.field("K2018-1a", "value", 'value: ⟦quoted-number⟧"1.2"')
    t.field("K2018-7", "value", "value: ⟦leading-zero⟧05")
    t.field("K2018-2", "numerator", "numerator: 12")
    t.field("K2018-2", "denominator", "denominator: 15")
    t.sub("    denominator: 15", "    denominator: 15\n    ⟦duplicate-key⟧denominator: 16")
    add("11-zhenxin-quoted-duplicate", "a quoted figure, a leading zero, a key given twice", t)

    t = (
        Text("新成路街道", "2019-12")
        .top("unit", "⟦unknown-organisation⟧新成路")
        .top("submitted", "2020-01-03")
    )
    t.field("J3a", "numerator", "numerator⟦full-width-colon⟧：⟦full-width-digit⟧１１０")
    t.field("J3a", "denominator", "denominator: 118")
    t.uncomment("J9", "推进中", "新增充电桩 40 个")
    add("12-xinchenglu-short-name", "a short name, a colon and digits typed in full width", t)

    t = Text("区绿化市容局", "2019-05").top("unit", "区绿容局").top("submitted", "2019-06-05")
    t.top("contact", "孙丽 59510000")
    t.field("K2019-2", "state", "state: 进行中")
    t.uncomment("W18", "⟦bad-state⟧进展顺利")
    t.uncomment("J19", "未开始")
    add("13-lvrong-alias", "an alias for the name (accepted); a state that is not a choice", t)

    t = Text("区市场监管局", "2019-06").top("submitted", "⟦submitted-before-period⟧2018-07-02")
    t.top("contact", "林涛 59910000")
    t.field("K2019-6", "value", "value: ⟦number-with-unit⟧35台")
    t.field("K2019-6", "this_month", "this_month: ⟦not-a-number⟧1,200")
    add("14-shichang-units", "a unit typed after the figure; a thousands separator", t)

    t = (
        Text("嘉定工业区", "2019-05")
        .top("period", "⟦period-format⟧2019/5")
        .top("submitted", "2019-06-04")
    )
    t.field("K2019-1", "numerator", "numerator: 17")
    t.field("K2019-1", "denominator", "denominator⟦full-width-colon⟧：19")
    t.field("J3b", "numerator", "numerator: ⟦numerator-exceeds-denominator⟧50")
    t.field("J3b", "denominator", "denominator: 40")
    add(
        "15-gongyequ-slash-month",
        "a month with a slash; a full-width colon; numerator > denominator",
        t,
    )

    t = (
        Text("菊园新区管委会", "2018-10")
        .top("unit", "⟦unknown-organisation⟧菊园新区")
        .top("submitted", "2018-11-05")
    )
    t.field("K2018-1", "value", "value: ⟦number-with-unit⟧3.5万平方米")
    t.field("K2018-4", "value", "value: 5")
    t.sub("    value: 5 ", "    value: 5\n    unit: ⟦unit-mismatch⟧户")
    t.field("J5", "state", "state: 已完成")
    t.rename("J13", "⟦lookalike⟧J 13")
    add(
        "16-juyuan-name-units",
        "the name without 管委会; 万平方米 after the figure; a wrong unit",
        t,
    )

    t = Text("马陆镇", "2019-08").top("submitted", "2019-09-04").top("contact", "王敏 59990000")
    t.field("K2019-1", "numerator", "numerator: 18")
    t.field("K2019-1", "denominator", "denominator: 20")
    t.field("J3a", "numerator", "numerator: 120")
    t.field("J3a", "denominator", "denominator: 126")
    t.field("J3a", "note", "note: 本月新组建 2 个", keep_comment=False)
    t.sub(
        "    note: 本月新组建 2 个\n",
        "    note: 本月新组建 2 个\n  ⟦misplaced-key⟧submitted: 2019-09-04\n",
    )
    t.field("J3b", "numerator", "numerator: ⟦percent-as-count⟧75%")
    t.field("J3b", "denominator", "denominator: 126")
    add("17-malu-submitted-under-items", "submitted typed again under items; a percentage", t)

    t = Text("安亭镇", "2020-02").top("submitted", "2020-03-05").top("contact", "李娟")
    t.edit(lambda s: s.replace("contact: 李娟", "contact: 李娟\n⟦duplicate-key⟧contact: 69570000"))
    t.field("K2020-3", "numerator", "numerator⟦no-space-after-colon⟧:30")
    t.field("K2020-3", "denominator", "denominator: 32")
    t.field("J3b", "numerator", "numerator: ⟦percent-as-count⟧100％")
    add("18-anting-contact-twice", "contact given twice; a full-width percent sign", t)

    t = Text("区房管局", "2018-06").top("submitted", "2018-07-05").top("contact", "张伟")
    t.field("K2018-8", "state", "state: 已完成")
    t.field("W22", "state", "state: ⟦bad-state⟧进行中。")
    t.field("W27", "state", "state: 进行中")
    t.field("W28", "state", "state⟦full-width-colon⟧：进行中")
    t.field("W29", "note", "note: ⟦unclosed-quote⟧'物业服务标准已修订", keep_comment=False)
    add(
        "19-fangguan-2018-states",
        "a full stop after a state word; a full-width colon; an open quote",
        t,
    )

    t = (
        Text("南翔镇", "2019-03")
        .top("period", "⟦period-format⟧2019-3")
        .top("submitted", "2019-04-02")
    )
    t.field("J3a", "numerator", "numerator: ⟦count-with-unit⟧82个")
    t.field("J3a", "denominator", "denominator: 90")
    t.uncomment("J1", "已完成", "行动计划已印发")
    t.edit(lambda s: s + "  ⟦not-reporter⟧W4:\n    state: 进行中\n")
    add(
        "20-nanxiang-short-month",
        "a month without its zero; a count word; an item from another list",
        t,
    )

    t = (
        Text("区建管委", "2019-05")
        .top("period", "⟦period-format⟧2019.05")
        .top("submitted", "2019-06-05")
    )
    t.top("contact", "刘洋（59500000）").sub("items: {}", "items:")
    t.uncomment("W7", "推进中", "错时共享车位 120 个")
    t.uncomment("J12", "⟦bad-state⟧暂停", "选址调整")
    add("21-jianguan-optional-items", "a dotted month; a state word that is not a choice", t)

    t = Text("嘉定工业区", "2019-08").top("submitted", "2019-09-05").top("contact", "邓军 59900000")
    t.field("J3a", "numerator", "numerator: ⟦percent-as-count⟧92.5%")
    t.field("J3a", "denominator", "denominator: 40")
    t.sub("    denominator: 40", "    denominator: 40\n    unit: %")
    t.field("J3b", "numerator", "numerator: 0")
    t.field("J3b", "denominator", "denominator: ⟦zero-denominator⟧0")
    add(
        "22-gongyequ-percent-unit",
        "a rate typed as a percentage; unit: % as typed; a zero total",
        t,
    )

    t = Text("区城管执法局", "2019-03").top("unit", "⟦lookalike⟧区城管执法局\u3000")
    t.top("submitted", "⟦date-format⟧2019-4-3").top("contact", "黄磊 59180000").sub(
        "items: {}", "items:"
    )
    t.uncomment("K2019-9", "已完成", "门岗规范化整治完成")
    t.uncomment("W21", "进行中")
    t.sub("\n  W21:\n", "\n  ⟦unknown-item⟧W210:\n")
    add("23-chengguan-trailing-space", "a full-width space after the name; a date without zeros", t)

    t = (
        Text("区公安分局", "2019-04")
        .top("period", "⟦period-format⟧2019年4月")
        .top("submitted", "2019-05-06")
    )
    t.sub("items: {}", "items:")
    t.uncomment("W8", "进行中", "智能门禁安装 36 个小区")
    t.uncomment("J14", "⟦bad-state⟧doing")
    t.uncomment("W7", "已完成 ⟦two-keys-on-line⟧note: 错时停车已推开")
    t.sub("note: 错时停车已推开\n    note:", "note: 错时停车已推开")
    add("24-gongan-chinese-month", "a Chinese month; an English word that is no state; two keys", t)

    t = Text("新成路街道", "2019-11").top("submitted", "2019-12-04").top("contact", "唐敏")
    t.rename("K2019-1", "⟦lookalike⟧Ｋ2019-1")
    t.field("J7", "numerator", "numerator: ⟦numerator-exceeds-denominator⟧30")
    t.field("J7", "denominator", "denominator: 25")
    t.field("J3a", "numerator", "numerator: 100")
    t.field("J3a", "denominator", "denominator: ⟦full-width-digit⟧１２０")
    add(
        "25-xinchenglu-fullwidth-id",
        "a full-width letter in an id; full-width digits; numerator > total",
        t,
    )

    t = Text("真新街道", "2019-06").top("submitted", "⟦date-format⟧2019/7/3").top("contact", "钱程")
    t.field("J3a", "numerator", "numerator⟦no-space-after-colon⟧:80")
    t.field("J3a", "denominator", "denominator: 86")
    t.edit(lambda s: s + "  ⟦duplicate-key⟧J3a:\n    numerator: 81\n    denominator: 86\n")
    add("26-zhenxin-block-twice", "a date with slashes; a block pasted twice", t)

    t = (
        Text("外冈镇", "2020-09")
        .top("period", "⟦period-format⟧２０２０-０９")
        .top("contact", "冯芳")
    )
    t.field("K2020-9", "state", "state: ⟦bad-state⟧已经完成")
    t.field("J3b", "numerator", "numerator: 17")
    t.edit(lambda s: s.replace("\n  J3b:\n    numerator:", "\n  J3b:\n⟦tab-indent⟧\tnumerator:"))
    add("27-waigang-fullwidth-month", "a month typed in full width; a tab", t)

    t = (
        Text("马陆镇", "2020-12")
        .top("unit", "⟦lookalike⟧馬陸鎮")
        .top("submitted", "⟦date-format⟧2021年1月5日")
    )
    t.field("K2020-3", "denominator", "denominator: ⟦not-a-number⟧暂无")
    t.field("J3b", "numerator", "numerator: 19")
    t.edit(lambda s: s.replace("\n  J3b:\n    numerator:", "\n  J3b:\n⟦tab-indent⟧\tnumerator:"))
    add("28-malu-traditional-name", "the name in traditional characters; no figure yet; a tab", t)

    t = Text("安亭镇", "2018-09").top("submitted", "2018-10-08").top("contact", "李娟 69570000")
    t.field("K2018-1", "value", "value: ⟦number-with-unit⟧60万")
    t.field("K2018-1a", "value", "value: 120000")
    t.sub("    value: 120000", "    value: 120000\n    unit: 平方米")
    t.field("K2018-1b", "value", "value: 48")
    t.field("K2018-4", "value", "value: ⟦negative⟧-1")
    t.field("K2018-7", "this_month", "this_month: ⟦number-with-unit⟧2个")
    t.field("J5", "state", "state: ⟦bad-state⟧完成")
    add("29-anting-quantities", "万 and 个 after figures; square metres converted; a negative", t)

    t = Text("区房管局", "2020-03").top("submitted", "2020-04-03").top("contact", "张伟 59530000")
    t.field("K2020-4", "state", "state: ⟦bad-state⟧Done")
    t.uncomment("W31", "进行中")
    t.edit(lambda s: s + "  ⟦misplaced-key⟧note: 本月无新增\n")
    add(
        "30-fangguan-note-under-items",
        "a capitalised state; the report's note typed under items",
        t,
    )

    t = Text("华亭镇", "2019-06").top("submitted", "2019-07-05").top("contact", "郑红 59970000")
    t.field("J3a", "numerator", "numerator⟦full-width-colon⟧： 80")
    t.field("J3a", "denominator", "denominator: 90")
    t.rename("J3b", "⟦unknown-item⟧J3B")
    t.field("K2019-1", "numerator", "numerator: ⟦count-with-unit⟧18个")
    add("31-huating-colon-space", "a full-width colon followed by a space; an id in capitals", t)

    t = (
        Text("徐行镇", "2019-09")
        .top("period", "⟦period-format⟧2019-09\u3000")
        .top("submitted", "2019-10-05")
    )
    t.field("K2019-1", "numerator", "numerator: 16")
    t.edit(
        lambda s: s.replace(
            "\n  K2019-1:\n    numerator:",
            "\n  K2019-1:\n  ⟦full-width-indent⟧\u3000numerator:",
        )
    )
    t.sub(
        f"  J7:\n{RATE_LINES}",
        "  J7:\n    numerator: 33 ⟦two-keys-on-line⟧denominator: 35\n",
    )
    add(
        "32-xuxing-mixed-indent", "a full-width space after a month; mixed indentation; two keys", t
    )
    return c


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*.yaml"):
        old.unlink()
    for name, (what, t) in cases().items():
        text, marks = strip_marks(t.text)
        (OUT / f"{name}.yaml").write_text(text, encoding="utf-8", newline="")
        lines = [
            f"# What `mljy validate {name}.yaml` must report, all in ONE run: {what}.",
            "# Written by scripts/make_authoring_corpus.py from the marks in its source.",
            "findings:",
        ]
        lines += [f"  - {{line: {ln}, column: {col}, code: {code}}}" for ln, col, code in marks]
        if not marks:
            lines[-1] = "findings: []"
        (OUT / f"{name}.expected.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
