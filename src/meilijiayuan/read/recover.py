"""Reading a file libyaml declines, as far as its mistakes allow: every mistake in one run.

The loader's line reader takes nearly every report; the rest comes here. The text is
scanned for what a Chinese input method types (:func:`~meilijiayuan.read.syntax_hints.scan`),
then read with libyaml; each error libyaml stops at is named
(:func:`~meilijiayuan.read.syntax_hints.explain`) and, when the mistake is clear, repaired in
a working copy and read again, so that one run names every syntax mistake of the file, each
at the character that caused it. The file is still refused (``Document.data`` is ``None``),
but when the repaired copy reads cleanly it is kept as ``Document.recovered``, with every
position mapped back to the file as typed, so that the validator can check the rest of the
report in the same run. A repair that only lets libyaml read what was meant (``unit: %``)
is no mistake: such a file loads as it is.
"""

from __future__ import annotations

import dataclasses
from typing import Any, Final

from meilijiayuan.findings import Finding, Fix
from meilijiayuan.read.document import Document, Position, YamlPath
from meilijiayuan.read.document import line_col as _line_col
from meilijiayuan.read.document import line_starts as _line_starts
from meilijiayuan.read.limits import Limits
from meilijiayuan.read.syntax_hints import Hint, Repair, explain, scan, what
from meilijiayuan.read.yaml_events import Walk

__all__ = ["read_yaml"]

_ROUNDS: Final = 50  # repairs read again at most: more mistakes than that are not typos
_RECOVERABLE: Final = frozenset({"duplicate-key"})  # the walk keeps the first and reads on


def read_yaml(text: str, file: str, limits: Limits, used: str) -> Document:
    """The document of ``text`` (see the module's docstring)."""
    walk = Walk(text, file, limits)
    data = walk.run()
    hints = scan(text)
    if walk.error is None:  # a tab libyaml takes is no indentation (in brackets, say)
        hints = [h for h in hints if h.code != "tab-indent"]
        if not hints:
            if walk.findings:
                return _refused(file, used, walk.findings, walk, data)
            return Document(file, data, walk.value_pos, walk.key_pos, walk.raw, [], used)
    repairs = [h.repair for h in hints if h.repair is not None]
    named = [h for h in hints if h.code is not None]
    while True:
        work, back = _apply(text, repairs)
        walk = Walk(work, file, limits)
        data = walk.run()
        if walk.error is None or len(repairs) >= _ROUNDS:
            break
        hint = explain(work, walk.error)
        if hint is None or hint.repair is None:
            break
        repair = Repair(back[hint.repair.start], back[hint.repair.end], hint.repair.new)
        if any(r.start == repair.start and r.end == repair.end for r in repairs):
            break  # repaired there already: the repair did not help
        repairs.append(repair)
        if hint.code is not None:
            named.append(Hint(hint.code, back[hint.index], repair, hint.args, hint.safe))
    mapper = _Mapper(text, work, back)
    found = [_named(file, text, h, mapper) for h in named]
    found += [_worded(mapper.finding(f), walk) for f in walk.findings]
    if named:
        found.sort(key=lambda f: (f.line or 0, f.column or 0))
    if not found and walk.error is None:  # only repairs of what was meant: it loads
        value_pos, key_pos = mapper.positions(walk.value_pos), mapper.positions(walk.key_pos)
        return Document(file, data, value_pos, key_pos, walk.raw, [], used)
    return _refused(file, used, found, walk, data, mapper)


def _refused(
    file: str,
    used: str,
    findings: list[Finding],
    walk: Walk,
    data: Any,
    mapper: _Mapper | None = None,
) -> Document:
    """A refused document, with what could be read kept aside when the rest is sound."""
    doc = Document(file, findings=findings, encoding=used)
    sound = walk.error is None and all(f.code in _RECOVERABLE for f in walk.findings)
    if sound and isinstance(data, dict):
        value_pos, key_pos = walk.value_pos, walk.key_pos
        if mapper is not None:
            value_pos, key_pos = mapper.positions(value_pos), mapper.positions(key_pos)
        doc.recovered = Document(file, data, value_pos, key_pos, walk.raw, [], used)
    return doc


def _apply(text: str, repairs: list[Repair]) -> tuple[str, list[int]]:
    """``text`` with ``repairs`` made, and for each of its offsets (and its end) the offset
    in ``text`` it comes from (inserted characters: where they were inserted)."""
    out: list[str] = []
    back: list[int] = []
    pos = 0
    for r in sorted(repairs, key=lambda r: (r.start, r.end)):
        if r.start < pos:
            continue  # overlaps one made already
        out.append(text[pos : r.start])
        back.extend(range(pos, r.start))
        out.append(r.new)
        last = max(r.end - 1, r.start)
        back.extend(min(r.start + k, last) for k in range(len(r.new)))
        pos = r.end
    out.append(text[pos:])
    back.extend(range(pos, len(text) + 1))
    return "".join(out), back


class _Mapper:
    """Positions in the repaired text → positions in the text as typed."""

    def __init__(self, text: str, work: str, back: list[int]) -> None:
        self.identity = text == work
        self.back = back
        self.text_starts = _line_starts(text)
        self.work_starts = _line_starts(work)

    def index(self, index: int) -> Position:
        return _line_col(self.text_starts, self.back[min(index, len(self.back) - 1)])

    def position(self, pos: Position) -> Position:
        if self.identity:
            return pos
        line, column = pos
        index = self.work_starts[min(line, len(self.work_starts)) - 1] + column - 1
        return self.index(index)

    def positions(self, where: dict[YamlPath, Position]) -> dict[YamlPath, Position]:
        if self.identity:
            return where
        return {path: self.position(pos) for path, pos in where.items()}

    def finding(self, f: Finding) -> Finding:
        if f.line is None or f.column is None or self.identity:
            return f
        line, column = self.position((f.line, f.column))
        return dataclasses.replace(f, line=line, column=column)


def _worded(f: Finding, walk: Walk) -> Finding:
    """A syntax error nobody could name, said in the user's words (libyaml's as a detail)."""
    if f.code != "yaml-syntax":
        return f
    from meilijiayuan.messages.catalogue import Term

    args = {**f.args, "what": Term(what(str(f.args.get("problem", ""))))}
    return dataclasses.replace(f, args=args)


def _named(file: str, text: str, hint: Hint, mapper: _Mapper) -> Finding:
    """The finding for a named mistake, at its character, with its repair as the fix."""
    assert hint.code is not None and hint.repair is not None
    line, column = _line_col(mapper.text_starts, hint.index)
    r = hint.repair
    at_line, at_column = _line_col(mapper.text_starts, r.start)
    fix = Fix(at_line, at_column, text[r.start : r.end], r.new, hint.safe)
    return Finding(hint.code, file, line, column, hint.args, fix=fix)
