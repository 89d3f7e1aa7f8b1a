"""JUnit XML (``--format junit``) for the test-report views of GitLab, Jenkins and GitHub.

Layout: ``<testsuites>`` holds one ``<testsuite>`` per file; a suite holds one
``<testcase>`` for the file itself and, for a report, one per item. A test case fails
(one ``<failure>``) when it has errors, or when an item's status reaches ``--fail-on``
(check/status). Every error of a test case is in the failure's body, each with
``file:line:col`` and its hint; the failure's ``message`` and ``type`` are those of the
first. Warnings and passing statuses go to ``<system-out>``. A missing report is not a
file: the missing reports are one suite named 未报送 (not reported) with a test case per
organisation and no ``file`` attribute. Counts follow JUnit:
``tests`` test cases, ``failures`` failed test cases, ``errors`` and ``skipped`` 0.
No timestamps or durations, so the same input always gives the same bytes.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING, Any, Protocol

from meilijiayuan.findings import Finding, Severity
from meilijiayuan.judge.records import Assessment, fails
from meilijiayuan.messages.labels import label

if TYPE_CHECKING:
    from meilijiayuan.output.registry import StatusResult
    from meilijiayuan.report.validate import FileResult
    from meilijiayuan.run.check import CheckRun
    from meilijiayuan.settings import Settings

Locator = Callable[[Assessment], "tuple[str, int | None, int | None] | None"]
"""(file, line, column) of an assessment's item, or ``None`` (see render.github.report_locator)."""

__all__ = ["FileFindings", "Locator", "junit_xml"]


class FileFindings(Protocol):
    """One input file and what was found in it: ``validate.FileResult``,
    ``evaluate.CheckedReport`` or anything with these two attributes. When it also has
    ``kind``, ``report`` and ``doc`` (a FileResult), every item the report gives is a
    test case, not only those with findings or assessments."""

    @property
    def file(self) -> str: ...

    @property
    def findings(self) -> Sequence[Finding]: ...

# XML 1.0 cannot carry most control characters, not even escaped.
_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(slots=True)
class _Case:
    name: str
    classname: str
    file: str | None
    line: int | None = None
    errors: list[tuple[str, str, str]] = field(default_factory=list)  # (message, type, body)
    out: list[str] = field(default_factory=list)


@dataclass(slots=True)
class _Suite:
    name: str
    cases: dict[str, _Case] = field(default_factory=dict)

    def case(self, name: str, file: str | None) -> _Case:
        """The test case ``name``, made on first use (classname: the suite's name)."""
        if name not in self.cases:
            self.cases[name] = _Case(name, self.name, file)
        return self.cases[name]


def junit_xml(results: Sequence[FileFindings] = (), *, assessments: Iterable[Assessment] = (),
              lang: str = "zh", fail_on: str = "red", locate: Locator | None = None,
              name: str = "mljy", missing: Sequence[Finding] = ()) -> str:
    """The JUnit document for validation ``results`` and, for check/status, ``assessments``.

    An assessment joins the suite of the file ``locate`` gives it (its item's test case
    when the report has one), else a suite named after its unit (全区 for district rows).
    ``missing`` (``missing-report`` findings) is a suite of its own, a test case per
    organisation, without a file.
    """
    suites: dict[str, _Suite] = {}
    for r in results:
        suite = suites.setdefault(r.file, _Suite(r.file))
        # a group that is no file (status's missing reports, 未报送) has no file attribute
        file = r.file if all(f.file == r.file for f in r.findings) else None
        suite.case(r.file, file)
        for item_id in _item_ids(r):
            suite.case(item_id, file)
        is_report = getattr(r, "kind", "report") == "report"
        for f in sorted(r.findings, key=Finding.sort_key):
            case_name = f.item if f.item is not None and is_report else r.file
            _add_finding(suite.case(case_name, r.file), f, lang)
    if missing:
        title = label("missing_report", lang)
        absent = suites.setdefault(title, _Suite(title))
        for f in missing:
            _add_finding(absent.case(str(f.args.get("unit", f.file)), None), f, lang)
    for a in assessments:
        where = locate(a) if locate is not None else None
        suite_name = where[0] if where is not None else a.unit
        suite = suites.setdefault(suite_name, _Suite(suite_name))
        case = suite.case(a.id, where[0] if where is not None else None)
        _add_assessment(case, a, where, lang, fail_on)
    return _document(name, suites.values())


def _item_ids(r: FileFindings) -> list[str]:
    """The items a report gives, in file order (also when the report did not validate)."""
    report, doc = getattr(r, "report", None), getattr(r, "doc", None)
    if report is not None:
        return [str(k) for k in report.items]
    data = doc.data if doc is not None else None
    items = data.get("items") if isinstance(data, dict) else None
    return [str(k) for k in items] if isinstance(items, dict) else []


def _where(file: str, line: int | None, column: int | None) -> str:
    """``file:line:col``, as much of it as is known (as :meth:`Finding.location`)."""
    if line is None:
        return file
    return f"{file}:{line}" if column is None else f"{file}:{line}:{column}"


def _add_finding(case: _Case, f: Finding, lang: str) -> None:
    hint = f.hint(lang)
    advice = f"\n  {_indent(hint)}" if hint else ""
    if f.level is Severity.ERROR:
        body = f"{f.location()}: [{f.code}] {f.message(lang)}{advice}"
        case.errors.append((f.message(lang), f.code, body))
        if case.line is None and f.sheet is None:  # a workbook's row is no line of the file
            case.line = f.line
    else:
        where = f"{f.location()}: " if f.location() else ""  # a missing report has no file
        case.out.append(f"{where}{f.level.value} [{f.code}] {f.message(lang)}{advice}")


def _add_assessment(case: _Case, a: Assessment, where: tuple[str, int | None, int | None] | None,
                    lang: str, fail_on: str) -> None:
    from meilijiayuan.output.advice import assessment_advice, describe_assessment

    text = describe_assessment(a, lang)
    if not fails(a.status.level, fail_on):
        case.out.append(text)
        return
    body = text + f"\n  {_indent(assessment_advice(a, lang))}"
    if where is not None:
        body = f"{_where(*where)}: [{a.status.value}] {body}"
        if case.line is None:
            case.line = where[1]
    case.errors.append((text, a.status.value, body))


def _indent(text: str) -> str:
    return text.replace("\n", "\n  ")


def _document(name: str, suites: Iterable[_Suite]) -> str:
    root = ET.Element("testsuites", name=name)
    totals = {"tests": 0, "failures": 0}
    for suite in suites:
        failures = sum(1 for c in suite.cases.values() if c.errors)
        node = ET.SubElement(root, "testsuite", _attrs(
            name=suite.name, tests=len(suite.cases), failures=failures, errors=0, skipped=0, time=0,
        ))
        totals["tests"] += len(suite.cases)
        totals["failures"] += failures
        for case in suite.cases.values():
            _case_node(node, case, more=len(case.errors) - 1)
    root.attrib.update(_attrs(tests=totals["tests"], failures=totals["failures"], errors=0, time=0))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _case_node(parent: ET.Element, case: _Case, *, more: int) -> None:
    node = ET.SubElement(parent, "testcase", _attrs(
        name=case.name, classname=case.classname, file=case.file, line=case.line, time=0,
    ))
    if case.errors:
        message, kind, _ = case.errors[0]
        if more > 0:
            message = f"{message} (+{more})"
        failure = ET.SubElement(node, "failure", _attrs(message=message, type=kind))
        failure.text = _clean("\n".join(body for _, _, body in case.errors))
    if case.out:
        out = ET.SubElement(node, "system-out")
        out.text = _clean("\n".join(case.out))


def _attrs(**values: Any) -> dict[str, str]:
    """Attribute values as text; ``None`` leaves the attribute out."""
    return {k: _clean(str(v)) for k, v in values.items() if v is not None}


def _clean(text: str) -> str:
    return _ILLEGAL_XML.sub("\ufffd", text)


# --- the registry's renderers -------------------------------------------------------------


def write_check(run: CheckRun, settings: Settings, stream: IO[str]) -> None:
    """``mljy check --format junit``."""
    from meilijiayuan.output.advice import report_locator

    own = [a for c in run.reports if c.evaluation for a in c.evaluation.assessments]
    stream.write(junit_xml(run.reports, assessments=own, lang=settings.lang,
                           fail_on=settings.fail_on, locate=report_locator(run.files),
                           name="mljy check"))


def write_status(result: StatusResult, settings: Settings, stream: IO[str]) -> None:
    """``mljy status --format junit``: a suite per file with problems, the missing reports,
    the 全区 rows."""
    from meilijiayuan.judge.picture import missing_report_findings
    from meilijiayuan.output.trace import files_with_findings

    picture, index, files = result
    with_findings = [r for r in files_with_findings(picture, files) if r.findings]
    stream.write(junit_xml(with_findings, assessments=picture.district, lang=settings.lang,
                           fail_on=settings.fail_on, name="mljy status",
                           missing=missing_report_findings(picture, index)))


def write_validate(results: Sequence[FileResult], settings: Settings, stream: IO[str]) -> None:
    """``mljy validate --format junit``."""
    stream.write(junit_xml(results, lang=settings.lang, name="mljy validate"))
