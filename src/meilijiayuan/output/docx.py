"""``mljy status --format docx``: the 通报, laid out as a Chinese official document.

Rendered from the status JSON document (``mljy status --format json``) and nothing else:
a title (the plan and the month), a line with the document number and the as-of day, the
reports left out (when any failed validation), then 一、总体情况 (a summary paragraph),
二、红色和黄色事项 (each red and amber district row with the organisations behind it:
the row's ``units`` when the document lists them, else its organisation rows in the
matrix), 三、报送情况 (missing and late reports) and 四、街镇排名.

The layout follows GB/T 9704-2012 (党政机关公文格式): A4; margins 37 mm top, 35 mm
bottom, 28 mm inside (left), 26 mm outside (right), a 156 × 225 mm text block; title
in 方正小标宋简体 2号 (22 pt) centred, the document number under it in 楷体;
first-level headings 黑体 3号, second-level 楷体_GB2312 3号; body 仿宋_GB2312 3号
(16 pt) on a fixed line pitch of 28.9 pt (22 lines a page) with a two-character
first-line indent; page numbers 宋体 4号 (14 pt) as ``— 1 —``, right on odd pages and
left on even ones. Every font is set for East Asian text (``w:eastAsia``) as well as
for Latin text, so Word and WPS show the intended fonts (or their own substitutes where
one is not installed). Everything is real paragraphs, styles and tables: the 联席办
edits it before it goes out. python-docx is imported here only.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from meilijiayuan.judge.records import Status
from meilijiayuan.messages.plan_words import speaks_from_document
from meilijiayuan.output.status_view import (
    entry_figure,
    figure_text,
    invalid_files,
    is_contribution,
    lagging,
    level_of,
    matrix_cells,
    missing_name,
    month_text,
    overview,
    rows,
    split_closed,
    status_of,
    w,
    who,
)

if TYPE_CHECKING:
    from docx.document import Document
    from docx.styles.style import ParagraphStyle
    from docx.text.paragraph import Paragraph

__all__ = ["FONTS", "render_docx"]

FONTS = {
    "title": ("方正小标宋简体", 22.0),
    "subtitle": ("楷体_GB2312", 16.0),
    "heading1": ("黑体", 16.0),
    "heading2": ("楷体_GB2312", 16.0),
    "body": ("仿宋_GB2312", 16.0),
    "table": ("仿宋_GB2312", 12.0),
    "page": ("宋体", 14.0),
}
"""(East Asian font, size in points) of each part, as GB/T 9704 sets them."""

LATIN = "Times New Roman"
LINE_PITCH = 28.9  # points: 22 lines in the 225 mm text block
_STYLE = {"title": "mljy 标题", "subtitle": "mljy 副标题", "heading1": "Heading 1",
          "heading2": "Heading 2", "body": "Normal", "table": "mljy 表格"}

if TYPE_CHECKING:
    from meilijiayuan.output.registry import StatusResult
    from meilijiayuan.settings import Settings


@speaks_from_document
def render_docx(doc: Mapping[str, Any], lang: str) -> bytes:
    """The 通报 of a status document, as the bytes of a ``.docx`` file."""
    import docx

    document = docx.Document()
    _page(document)
    _styles(document)
    _properties(document, doc, lang)
    _title(document, doc, lang)
    _overview(document, doc, lang)
    _items(document, doc, lang)
    _reports(document, doc, lang)
    _ranking(document, doc, lang)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# --- page, styles, fonts ----------------------------------------------------------------------


def _page(document: Document) -> None:
    from docx.shared import Mm

    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.header_distance, section.footer_distance = Mm(15), Mm(25)
    document.settings.odd_and_even_pages_header_footer = True
    _page_number(section.footer.paragraphs[0], odd=True)
    _page_number(section.even_page_footer.paragraphs[0], odd=False)


def _page_number(paragraph: Paragraph, *, odd: bool) -> None:
    """``— 1 —`` in 宋体 4号, a PAGE field between two dashes; one character in from the
    outside edge (right on odd pages, left on even ones)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    name, size = FONTS["page"]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT if odd else WD_ALIGN_PARAGRAPH.LEFT
    fmt = paragraph.paragraph_format
    if odd:
        fmt.right_indent = Pt(size)
    else:
        fmt.left_indent = Pt(size)
    runs = [paragraph.add_run("— ")]
    for kind, text in (("begin", ""), ("", " PAGE "), ("separate", ""), ("", "1"), ("end", "")):
        run = paragraph.add_run()
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        elif text == " PAGE ":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            run.text = text  # the number shown until the field is updated
        runs.append(run)
    runs.append(paragraph.add_run(" —"))
    for run in runs:
        run.font.size = Pt(size)
        _east_asian(run._r.get_or_add_rPr(), name)


def _east_asian(rpr: Any, name: str) -> None:
    """Set ``w:rFonts``: ``name`` for East Asian text, Times New Roman for Latin, and no
    theme font (a theme font attribute would win over the names)."""
    from docx.oxml.ns import qn

    fonts = rpr.get_or_add_rFonts()
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    fonts.set(qn("w:ascii"), LATIN)
    fonts.set(qn("w:hAnsi"), LATIN)
    fonts.set(qn("w:cs"), LATIN)
    fonts.set(qn("w:eastAsia"), name)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        from docx.oxml import OxmlElement

        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:eastAsia"), "zh-CN")


def _styles(document: Document) -> None:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import Pt, RGBColor

    styles = document.styles
    for part, style_name in _STYLE.items():
        if style_name in [s.name for s in styles]:
            style = styles[style_name]
        else:
            style = styles.add_style(style_name, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = styles["Normal"]
            style.quick_style = True
        assert isinstance(style, _paragraph_style_type())
        name, size = FONTS[part]
        style.font.size = Pt(size)
        style.font.bold = False
        style.font.italic = False
        style.font.color.rgb = RGBColor(0, 0, 0)
        _east_asian(style.element.get_or_add_rPr(), name)
        fmt = style.paragraph_format
        fmt.space_before = fmt.space_after = Pt(0)
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(LINE_PITCH)
        fmt.widow_control = True
        if part in ("title", "subtitle"):
            fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER
            fmt.line_spacing = Pt(36 if part == "title" else LINE_PITCH)
            fmt.first_line_indent = Pt(0)
        elif part == "table":
            fmt.line_spacing = Pt(18)
            fmt.first_line_indent = Pt(0)
        else:
            fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            fmt.first_line_indent = Pt(2 * size)  # two characters
        if part.startswith("heading"):
            fmt.keep_with_next = True


def _paragraph_style_type() -> type[ParagraphStyle]:
    from docx.styles.style import ParagraphStyle

    return ParagraphStyle


def _properties(document: Document, doc: Mapping[str, Any], lang: str) -> None:
    """Title, and a creation date that is the as-of day (one month's 通报 is one file)."""
    props = document.core_properties
    props.title = _title_lines(doc, lang)[-1]
    props.author = "mljy"
    props.comments = w("generated", lang, version=doc.get("version") or "")
    try:
        created = dt.datetime.fromisoformat(str(doc.get("as_of")))
    except ValueError:
        created = dt.datetime(2000, 1, 1)
    props.created = props.modified = created
    props.last_modified_by = "mljy"
    props.revision = 1


# --- content ---------------------------------------------------------------------------------


def _para(document: Document, text: str, part: str = "body") -> Paragraph:
    return document.add_paragraph(text, style=_STYLE[part])


def _plan(doc: Mapping[str, Any]) -> Mapping[str, Any]:
    plan = doc.get("plan")
    return plan if isinstance(plan, Mapping) else {}


def _title_lines(doc: Mapping[str, Any], lang: str) -> list[str]:
    """The plan's title, then ``2019年6月进度通报``."""
    notice = w("notice", lang, period=month_text(doc.get("period"), lang))
    title = str(_plan(doc).get("title") or "")
    return [title, notice] if title else [notice]


TITLE_CHARACTERS = 20
"""Characters of 2号 type on a line of the 156 mm text block."""
_BREAK_AFTER = "”》）)，、"


def title_pieces(text: str, width: int = TITLE_CHARACTERS) -> list[str]:
    """A long title cut into lines at a natural place (after a closing quote, bracket or
    comma) rather than wherever the line is full, as 公文 titles are set."""
    pieces = []
    while len(text) > width:
        cut = max((i + 1 for i, ch in enumerate(text[:width]) if ch in _BREAK_AFTER),
                  default=0)
        if not cut:
            break
        pieces.append(text[:cut])
        text = text[cut:]
    return [*pieces, text]


def _title(document: Document, doc: Mapping[str, Any], lang: str) -> None:
    for line in _title_lines(doc, lang):
        paragraph = _para(document, "", "title")
        pieces = title_pieces(line)
        for i, piece in enumerate(pieces):
            run = paragraph.add_run(piece)
            if i < len(pieces) - 1:
                run.add_break()
    parts = [str(_plan(doc).get("document_number") or ""),
             f"{w('as_of', lang)} {doc.get('as_of') or ''}"]
    _para(document, "（" + "  ".join(p for p in parts if p) + "）" if lang != "en"
          else "(" + "; ".join(p for p in parts if p) + ")", "subtitle")
    _para(document, "")
    bad = invalid_files(doc)
    if bad:  # named at the top: no figure below counts them
        sep = ", " if lang == "en" else "、"
        _para(document, w("invalid", lang, n=len(bad), files=sep.join(bad)))


def _overview(document: Document, doc: Mapping[str, Any], lang: str) -> None:
    _para(document, w("h.overview", lang), "heading1")
    _para(document, overview(doc, lang))


def _items(document: Document, doc: Mapping[str, Any], lang: str) -> None:
    """The red, then the amber district rows of open targets, each with who; closed targets
    not met (when the document marks them) after."""
    district = rows(doc, "district")
    open_rows, closed_rows = split_closed(district)
    _para(document, w("h.items", lang), "heading1")
    for level, heading, none in (("red", "h.red", "none_red"),
                                 ("amber", "h.amber", "none_amber")):
        _para(document, w(heading, lang), "heading2")
        chosen = [r for r in open_rows if level_of(r) == level]
        if not chosen:
            _para(document, w(none, lang))
        for n, row in enumerate(chosen, start=1):
            _para(document, item_text(n, row, doc, lang))
    closed = [r for r in closed_rows if level_of(r) in ("red", "amber")]
    if closed:
        _para(document, w("h.closed", lang), "heading2")
        for n, row in enumerate(closed, start=1):
            _para(document, item_text(n, row, doc, lang))


def item_text(n: int, row: Mapping[str, Any], doc: Mapping[str, Any], lang: str) -> str:
    """``1. K2018-1 完成…：逾期。目标60万平方米，序时进度60万平方米，实际59.01万平方米，
    差距0.99。涉及单位：南翔镇（逾期，3万平方米）、…。``"""
    uom = row.get("unit_of_measure")
    status = status_of(row.get("status"))
    status_word = status.label(lang) if status else str(row.get("status") or "")
    tight = lang != "en"  # 60万平方米, not 60 万平方米
    figures = [(w("col.target", lang), figure_text(row.get("target"), uom, tight=tight)),
               (w("col.expected", lang), figure_text(row.get("expected"), uom, tight=tight)),
               (w("col.actual", lang), figure_text(row.get("actual"), uom, tight=tight)),
               (w("col.gap", lang), figure_text(row.get("gap"), w("points", lang), tight=True)
                if uom == "%" else figure_text(row.get("gap"), uom, tight=tight))]
    period = row.get("figure_period")
    if period and period != doc.get("period"):
        figures.append((w("col.figure_period", lang), str(period)))
    shown = [(k, v) for k, v in figures if v]
    shares = row.get("measure") in ("quantity", "rate")  # a unit's figure may be a share
    people = [_who_entry(e, doc.get("period"), lang, share=shares)
              for e in lagging(who(row, doc))]
    if lang == "en":
        text = f"{n}. {row.get('id')} {row.get('title') or ''}: {status_word}."
        if shown:
            text += " " + ", ".join(f"{k} {v}" for k, v in shown) + "."
        return text + (f" {w('who', lang)}: " + "; ".join(people) + "." if people else "")
    text = f"{n}. {row.get('id')} {row.get('title') or ''}：{status_word}。"
    if shown:
        text += "，".join(f"{k}{v}" for k, v in shown) + "。"  # no space between CJK and figures
    return text + (f"{w('who', lang)}：" + "、".join(people) + "。" if people else "")


def _who_entry(entry: Mapping[str, Any], period: object, lang: str, *,
               share: bool = False) -> str:
    """``南翔镇（逾期，3万平方米）``: an organisation, its status and what it reported (and
    from which month, when that is not the period: a carried figure is never shown as
    current). With ``share`` (a quantity or rate row), an ``ongoing`` entry is a share of a
    total judged for the district only and reads ``Σ 计入全区``, as in every other view."""
    status = status_of(entry.get("status"))
    word = status.label(lang) if status else ""
    if share and is_contribution(entry):
        word = w("contribution", lang)
    parts = [word, entry_figure(entry, lang)]
    if entry.get("figure_period") and entry.get("figure_period") != period:
        space = " " if lang == "en" else ""
        parts.append(f"{w('col.figure_period', lang)}{space}{entry.get('figure_period')}")
    inner = [p for p in parts if p]
    if lang == "en":
        return f"{entry.get('unit')} ({', '.join(inner)})" if inner else str(entry.get("unit"))
    return f"{entry.get('unit')}（{'，'.join(inner)}）" if inner else str(entry.get("unit"))


def _reports(document: Document, doc: Mapping[str, Any], lang: str) -> None:
    sep = ", " if lang == "en" else "、"
    _para(document, w("h.reports", lang), "heading1")
    _para(document, w("h.missing", lang), "heading2")
    missing = rows(doc, "missing_reports")
    if missing:
        _table(document, [w("col.unit", lang), w("col.period", lang), w("col.items", lang)],
               [[missing_name(m, lang), str(m.get("period")),
                 sep.join(str(i) for i in m.get("items") or [])] for m in missing],
               widths=(40, 25, 91), centred=(1,))
    else:
        _para(document, w("nobody_missing", lang))
    _para(document, w("h.late", lang), "heading2")
    late = rows(doc, "late_reports")
    if late:
        _table(document, [w("col.unit", lang), w("col.period", lang), w("col.submitted", lang),
                          w("col.due", lang)],
               [[str(x.get("unit")), str(x.get("period")), str(x.get("submitted")),
                 str(x.get("due"))] for x in late], widths=(52, 30, 37, 37), centred=(1, 2, 3))
    else:
        _para(document, w("nobody_late", lang))


def _ranking(document: Document, doc: Mapping[str, Any], lang: str) -> None:
    _para(document, w("h.ranking", lang), "heading1")
    ranking = rows(doc, "ranking")
    if not ranking:
        _para(document, w("no_ranking", lang))
        return
    head = [w(f"col.{k}", lang) for k in ("rank", "unit", "red", "amber", "green", "missing",
                                          "reported")]
    body = [[str(r.get("rank")), str(r.get("unit")), str(r.get("red")), str(r.get("amber")),
             str(r.get("green")), str(r.get("missing")),
             w("yes", lang) if r.get("reported") else w("no", lang)] for r in ranking]
    _table(document, head, body, widths=(16, 50, 14, 14, 14, 24, 24),
           centred=(0, 2, 3, 4, 5, 6))
    _para(document, w("rank_note", lang))
    lines = ranking_items(doc, lang)
    if lines:
        _para(document, w("rank_items", lang))
        for line in lines:
            _para(document, line)


def ranking_items(doc: Mapping[str, Any], lang: str) -> list[str]:
    """``外冈镇：黄色 J7（滞后）；未报送项 K2019-1、W5 …。``: for each ranked organisation,
    exactly the items behind its red, amber and 未报项 counts — its cells in the matrix and
    its entries in the open district rows' ``units`` (the ranking counts open targets; a
    closed target's reds are under 期限已过的目标), and the items of the missing-reports list."""
    closed = {str(r.get("id")) for r in rows(doc, "district") if r.get("closed")}
    measures = {str(r.get("id")): r.get("measure") for r in rows(doc, "district")}
    found: dict[str, dict[str, Mapping[str, Any]]] = {}
    entries = [dict(c) for c in matrix_cells(doc)]
    for row in rows(doc, "district"):
        units = row.get("units")
        entries += [{"id": row.get("id"), **u} for u in units if isinstance(u, Mapping)] \
            if isinstance(units, list) else []
    for e in entries:
        share = measures.get(str(e.get("id"))) in ("quantity", "rate") and is_contribution(e)
        if level_of(e) in ("red", "amber") and not share and str(e.get("id")) not in closed:
            found.setdefault(str(e.get("unit")), {}).setdefault(str(e.get("id")), e)
    owed = {str(m.get("unit")): [str(i) for i in m.get("items") or []]
            for m in rows(doc, "missing_reports")}
    sep, semi = (", ", "; ") if lang == "en" else ("、", "；")
    out = []
    for r in rows(doc, "ranking"):
        unit = str(r.get("unit"))
        items = list(found.get(unit, {}).values())
        missing = owed.get(unit) or [str(e.get("id")) for e in items
                                     if e.get("status") == Status.missing.value]
        parts = []
        for level in ("red", "amber"):
            chosen = [_item_mark(e, lang) for e in items if level_of(e) == level]
            if chosen:
                parts.append(f"{w(f'{level}_word', lang)} {sep.join(chosen)}")
        if missing:
            parts.append(f"{w('missing_word', lang)} {sep.join(missing)}")
        if parts:
            colon = ": " if lang == "en" else "："
            out.append(f"{unit}{colon}{semi.join(parts)}{'.' if lang == 'en' else '。'}")
    return out


def _item_mark(entry: Mapping[str, Any], lang: str) -> str:
    """``J7（滞后）``: an item and its status."""
    status = status_of(entry.get("status"))
    word = status.label(lang) if status else str(entry.get("status") or "")
    return f"{entry.get('id')} ({word})" if lang == "en" else f"{entry.get('id')}（{word}）"


def _table(document: Document, head: Sequence[str], body: Sequence[Sequence[str]], *,
           widths: Sequence[float], centred: Sequence[int] = ()) -> None:
    """A bordered table in 仿宋 小四 with fixed column widths (mm, summing to the 156 mm
    text block), its header row bold and repeated on every page; ``centred`` columns
    (counts, months) are centred."""
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm

    table = document.add_table(rows=1 + len(body), cols=len(head))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for c, column in enumerate(table.columns):
        column.width = Mm(widths[c])
    for r, values in enumerate([list(head), *map(list, body)]):
        row = table.rows[r]
        for c, value in enumerate(values):
            cell = row.cells[c]
            cell.width = Mm(widths[c])
            paragraph = cell.paragraphs[0]
            paragraph.style = document.styles[_STYLE["table"]]
            if r == 0 or c in centred:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = paragraph.add_run(value)
            run.bold = r == 0
        if r == 0:
            header = OxmlElement("w:tblHeader")
            header.set(qn("w:val"), "true")
            row._tr.get_or_add_trPr().append(header)
    _para(document, "")


def status_notice(result: StatusResult, settings: Settings) -> bytes:
    """The 通报 document of ``mljy status --format docx`` (the output registry's entry)."""
    from meilijiayuan.output.documents.status import status_document

    doc = status_document(result.picture, result.plan, settings.lang)
    return render_docx(doc, settings.lang)
