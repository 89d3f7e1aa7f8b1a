"""``mljy validate --fix`` / ``--diff``: write the spelling-level fixes, nothing else.

Modelled on ruff's ``--fix``: only the *safe* fixes of the findings
(:attr:`meilijiayuan.findings.Fix.safe`: full-width digits and colons, a missing space after
a field's colon, traditional characters, spaces or full-width letters in a name or an id,
an id in the wrong case, ``2019.7`` → ``2019-07``, ``2019年7月4日`` → ``2019-07-04``, a state
word with a stray full stop or capital) and an organisation's alias written as its
canonical name. Chinese state words (进行中 …) are accepted as typed and left as they are.

Every other byte of the file — comments, blank lines, line ends, a BOM — stays as it was;
a figure's value is never changed (only its width: ``１２`` → ``12``). A file is refused
as a whole, and left untouched, when its fixes overlap, when what they replace is not
what the file holds, when a figure would read differently afterwards, or when the fixed
file would have a finding the original did not. Files are written atomically (a temporary
file in the same folder, then renamed), keeping their permissions.
"""

from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass, field
from typing import Final

from meilijiayuan.findings import Finding, Fix
from meilijiayuan.plan.index import PlanIndex
from meilijiayuan.read.document import Document, YamlPath
from meilijiayuan.read.document import line_starts as _line_starts
from meilijiayuan.read.limits import DEFAULT_LIMITS, Limits
from meilijiayuan.read.loader import load_bytes
from meilijiayuan.report.validate import FileResult, validate_report_document

__all__ = ["FileFix", "apply_fixes", "fixes_for", "plan_fix", "unified_diff"]

FIGURES: Final = frozenset({"value", "this_month", "numerator", "denominator", "rate"})


@dataclass(slots=True)
class FileFix:
    """What ``--fix`` would do to one file."""

    path: str
    before: bytes
    after: bytes | None = None  # None: nothing to change, or refused
    fixes: list[Fix] = field(default_factory=list)
    refused: str | None = None  # why the file is left alone (a short English reason code)

    @property
    def changed(self) -> bool:
        return self.after is not None and self.after != self.before


def fixes_for(result: FileResult, index: PlanIndex) -> list[Fix]:
    """The safe fixes of ``result``'s findings, plus an alias written as the canonical name."""
    found = [f.fix for f in result.findings if f.fix is not None and f.fix.safe]
    doc = result.doc
    if doc is not None:
        doc = doc.recovered or doc
        found += _alias_fixes(doc, index)
    return found


def _alias_fixes(doc: Document, index: PlanIndex) -> list[Fix]:
    data = doc.data
    if not isinstance(data, dict):
        return []
    unit = data.get("unit")
    pos = doc.value_pos.get(("unit",))
    raw = doc.raw.get(("unit",))
    if not isinstance(unit, str) or pos is None or raw != unit:
        return []
    canonical = index.canonical(unit)
    if canonical is None or canonical == unit:
        return []
    return [Fix(pos[0], pos[1], unit, canonical, True)]


def apply_fixes(text: str, fixes: list[Fix]) -> str | None:
    """``text`` with ``fixes`` made, or ``None`` when two overlap or one does not match."""
    starts = _line_starts(text)
    spans: list[tuple[int, int, str]] = []
    for fix in fixes:
        if not 0 < fix.line <= len(starts):
            return None
        start = starts[fix.line - 1] + fix.column - 1
        if not text.startswith(fix.old, start):
            return None
        spans.append((start, start + len(fix.old), fix.new))
    spans = sorted(set(spans))
    out: list[str] = []
    pos = 0
    for start, end, new in spans:
        if start < pos:
            return None  # two fixes of the same characters
        out.append(text[pos:start])
        out.append(new)
        pos = end
    out.append(text[pos:])
    return "".join(out)


def plan_fix(
    path: str,
    raw: bytes,
    result: FileResult,
    index: PlanIndex,
    *,
    encoding: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> FileFix:
    """What ``--fix`` does to the file ``path`` holding ``raw``, validated as ``result``."""
    plan = FileFix(path, raw)
    fixes = fixes_for(result, index)
    if result.doc is not None and result.doc.sheet is not None:  # a workbook's cells are
        if not result.ok:  # not text to rewrite: say so rather than nothing
            plan.refused = "workbook"
        return plan
    if not fixes or result.kind == "plan":
        return plan
    read = result.doc.recovered or result.doc if result.doc is not None else None
    if read is None or not isinstance(read.data, dict):
        plan.refused = "unreadable"  # its figures could not be checked before and after
        return plan
    codec = encoding or "utf-8"
    bom = b"\xef\xbb\xbf" if encoding is None and raw.startswith(b"\xef\xbb\xbf") else b""
    try:
        text = raw[len(bom) :].decode(codec)
    except (UnicodeError, LookupError):
        plan.refused = "undecodable"
        return plan
    fixed = apply_fixes(text, fixes)
    if fixed is None:
        plan.refused = "overlap"
        return plan
    try:
        after = bom + fixed.encode(codec)
    except (UnicodeError, LookupError):
        plan.refused = "unencodable"
        return plan
    if after[len(bom) :].decode(codec) != fixed:
        plan.refused = "unencodable"
        return plan
    reread = load_bytes(after, path, encoding=encoding, limits=limits)
    again = validate_report_document(reread, index)
    before_doc = result.doc.recovered or result.doc if result.doc is not None else None
    after_doc = again.doc.recovered or again.doc if again.doc is not None else None
    if before_doc is None or after_doc is None or not _same_figures(before_doc, after_doc):
        plan.refused = "figures"
        return plan
    if _new_findings(result.findings, again.findings):
        plan.refused = "new-findings"
        return plan
    plan.after, plan.fixes = after, fixes
    return plan


def _figures(doc: Document) -> dict[YamlPath, str]:
    return {path: raw for path, raw in doc.raw.items() if path and path[-1] in FIGURES}


def _same_figures(before: Document, after: Document) -> bool:
    """Every figure reads the same after the fixes, but for the width of its characters
    (an id put right moves its figures to the right id)."""
    old = sorted(unicodedata.normalize("NFKC", raw) for raw in _figures(before).values())
    new = sorted(unicodedata.normalize("NFKC", raw) for raw in _figures(after).values())
    return old == new


def _new_findings(before: list[Finding], after: list[Finding]) -> bool:
    seen = {(f.code, f.item) for f in before}
    return any((f.code, f.item) not in seen for f in after)


def unified_diff(path: str, before: bytes, after: bytes, encoding: str | None = None) -> str:
    """A unified diff of the two texts (line ends shown as they are)."""
    codec = encoding or "utf-8-sig"
    a = before.decode(codec, "replace").splitlines(keepends=True)
    b = after.decode(codec, "replace").splitlines(keepends=True)
    lines = difflib.unified_diff(a, b, path, path)
    return "".join(line if line.endswith(("\n", "\r")) else line + "\n" for line in lines)

