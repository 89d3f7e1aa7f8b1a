"""The general case of :mod:`meilijiayuan.read.loader`: a YAML document read from libyaml's events.

Every file that the loader's line reader declines (anything but plain nested block
mappings: quotes, flow style, sequences, block scalars, anchors, tags, a syntax error…)
is read here, with PyYAML's libyaml parser, to the same values, positions and findings.
It lives in a module of its own so that a run whose files all take the line reader never
imports PyYAML (about 46 M instructions of every start).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, Final, final

import yaml
from yaml.events import (
    AliasEvent,
    CollectionStartEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    StreamEndEvent,
)

from meilijiayuan.findings import Finding
from meilijiayuan.read.document import (
    MAX_FINDINGS,
    Position,
    YamlPath,
    line_col,
    line_starts,
    resolve_plain,
)
from meilijiayuan.read.limits import Limits

try:
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # PyYAML built without libyaml: same events, slower
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

__all__ = ["Walk"]


_CORE_TAG: Final = "tag:yaml.org,2002:"
_TAG_TEXT: Final = re.compile(r"!<[^>]*>|![^\s,\[\]{}]*")
_LIBYAML_NESTING: Final = "exceeded maximum nesting depth"


class _EventLoader(_BaseLoader):
    """libyaml's parser, read only through ``get_event``: no node or object is ever constructed."""


class _Stop(Exception):
    """The walk ends here: a limit was reached, or there are enough findings."""


@final
class _Mapping:
    """An open mapping and the key whose value is awaited."""

    __slots__ = ("drop", "entries", "key", "path")

    def __init__(self, path: YamlPath) -> None:
        self.entries: dict[str, Any] = {}
        self.path = path
        self.key: str | None = None  # None: the next node is a key
        self.drop = False  # the awaited value belongs to a refused entry


@final
class _Sequence:
    """An open sequence."""

    __slots__ = ("items", "path")

    def __init__(self, path: YamlPath) -> None:
        self.items: list[Any] = []
        self.path = path


class Walk:
    """Builds the values of one document from its events, with positions and findings."""

    def __init__(self, text: str, file: str, limits: Limits) -> None:
        self.text = text
        self.file = file
        self.limits = limits
        self.findings: list[Finding] = []
        self.value_pos: dict[YamlPath, Position] = {}
        self.key_pos: dict[YamlPath, Position] = {}
        self.raw: dict[YamlPath, str] = {}
        self.error: yaml.YAMLError | None = None  # libyaml's own error, for syntax hints
        self._starts: list[int] | None = None

    def run(self, *, retry: bool = True) -> Any:
        """The document's value; ``self.findings`` says whether it may be used."""
        loader = _EventLoader(self.text)
        try:
            return self._stream(loader)
        except yaml.YAMLError as err:
            mark = getattr(err, "problem_mark", None)
            if retry and mark is not None and getattr(err, "problem", "") == _LIBYAML_NESTING:
                self._too_deep_ahead(mark)
            else:
                self.error = err
                self.findings.append(self._syntax(err))
        except _Stop:
            pass
        finally:
            loader.dispose()
        return None

    def _too_deep_ahead(self, mark: Any) -> None:
        """libyaml's scanner refuses 1,000 flow levels opened within its 1,024-character
        look-ahead before the parser hands over the first of them: walk the text before
        that point to find where our own, lower limit was crossed."""
        before = Walk(self.text[: mark.index], self.file, self.limits)
        before.run(retry=False)
        if any(f.code == "too-deep" for f in before.findings):
            self.findings = before.findings
        else:  # a max_depth above libyaml's own
            line, column = mark.line + 1, mark.column + 1
            limit = {"limit": self.limits.max_depth}
            self.findings.append(Finding("too-deep", self.file, line, column, limit))

    def _stream(self, loader: _EventLoader) -> Any:
        get_event = loader.get_event
        get_event()  # StreamStartEvent
        if isinstance(get_event(), StreamEndEvent):  # else DocumentStartEvent
            self._add("empty-file", None)
            return None
        data = self._document(get_event)
        get_event()  # DocumentEndEvent
        try:
            event = get_event()
        except yaml.MarkedYAMLError as err:  # content after "...": libyaml wants a "---"
            self._add("multiple-documents", err.problem_mark or err.context_mark)
            return None
        if isinstance(event, DocumentStartEvent):
            self._add("multiple-documents", event.start_mark)
        return data

    def _document(self, get_event: Callable[[], Any]) -> Any:
        """Build the root node from events with an explicit stack: no recursion, any depth."""
        text = self.text
        value_pos, raw = self.value_pos, self.raw
        max_depth, max_nodes = self.limits.max_depth, self.limits.max_nodes
        stack: list[_Mapping | _Sequence] = []
        nodes = 0
        while True:
            event = get_event()
            kind = type(event)  # exact classes and ``is``: this loop runs for every event
            value: Any
            if kind is MappingEndEvent or kind is SequenceEndEvent:
                done = stack.pop()
                value = done.entries if type(done) is _Mapping else done.items
            else:
                nodes += 1
                if nodes > max_nodes:
                    self._add("too-many-nodes", event.start_mark, limit=max_nodes)
                    raise _Stop
                start = event.start_mark
                path: YamlPath
                if not stack:
                    path = ()
                else:
                    top = stack[-1]
                    if type(top) is _Sequence:
                        path = (*top.path, len(top.items))
                    elif top.key is not None:
                        path = (*top.path, top.key)
                    elif kind is ScalarEvent:
                        self._key(event, top, start)
                        continue
                    elif kind is AliasEvent:  # as a key: refused, the entry is dropped
                        self._add("anchor-alias", start, name=f"*{event.anchor}")
                        top.key, top.drop = "*", True
                        continue
                    else:  # a mapping or a sequence as a key: the entry is dropped
                        self._add("complex-key", start)
                        path = (*top.path, "?")
                if kind is ScalarEvent:
                    value_pos[path] = (start.line + 1, start.column + 1)
                    if event.anchor is not None or event.tag is not None:
                        self._properties(event, start)
                    style = event.style
                    if not style:
                        value = resolve_plain(event.value)
                        raw[path] = text[start.index : event.end_mark.index]
                        if not path and not event.value:
                            self._add("empty-file", None)  # "---" and comments only
                    elif style in "'\"":
                        value = event.value
                        raw[path] = text[start.index + 1 : event.end_mark.index - 1]
                    else:  # block scalar: its source is indented lines, so keep the value
                        value = raw[path] = event.value
                elif kind is AliasEvent:
                    self._add("anchor-alias", start, name=f"*{event.anchor}")
                    value = None
                else:  # MappingStartEvent or SequenceStartEvent
                    if len(stack) >= max_depth:
                        self._add("too-deep", start, limit=max_depth)
                        raise _Stop
                    value_pos[path] = (start.line + 1, start.column + 1)
                    if event.anchor is not None or event.tag is not None:
                        self._properties(event, start)
                    stack.append(_Mapping(path) if kind is MappingStartEvent else _Sequence(path))
                    continue
            if not stack:
                return value
            top = stack[-1]
            if type(top) is _Sequence:
                top.items.append(value)
            elif top.key is None:  # a complex key has just ended
                top.key, top.drop = "?", True
            else:
                if not top.drop:
                    top.entries[top.key] = value
                top.key, top.drop = None, False

    def _key(self, event: ScalarEvent, top: _Mapping, start: Any) -> None:
        """Take a scalar as the next key of ``top``; refuse merge keys and duplicates."""
        key = event.value
        if event.anchor is not None or event.tag is not None:
            self._properties(event, start)
        if key == "<<" and not event.style:
            self._add("merge-key", start)
        path = (*top.path, key)
        if key in top.entries:
            self._add("duplicate-key", start, key=key, first_line=self.key_pos[path][0])
            top.drop = True
        else:
            self.key_pos[path] = (start.line + 1, start.column + 1)
        top.key = key

    def _properties(self, event: ScalarEvent | CollectionStartEvent, start: Any) -> None:
        """Refuse a node's anchor and tag, each at its own position and as typed."""
        text, at = self.text, start.index
        anchor, tag = event.anchor, event.tag
        if anchor is not None:
            index = at if text.startswith("&", at) else text.find(f"&{anchor}", at)
            self._add("anchor-alias", self._at(start, index), name=f"&{anchor}")
        if tag is not None:
            index = at if text.startswith("!", at) else text.find("!", at + 1 + len(anchor or ""))
            typed = _TAG_TEXT.match(text, index) if index >= 0 else None
            if typed is not None:
                shown = typed.group()
            elif tag.startswith(_CORE_TAG):
                shown = "!!" + tag.removeprefix(_CORE_TAG)
            else:
                shown = tag
            self._add("tag", self._at(start, index), tag=shown)

    def _at(self, start: Any, index: int) -> Position:
        """The position of ``text[index]``, a property found after the node's ``start``."""
        if index <= start.index:
            return start.line + 1, start.column + 1
        if self._starts is None:
            self._starts = line_starts(self.text)
        return line_col(self._starts, index)

    def _syntax(self, err: yaml.YAMLError) -> Finding:
        """A parse error as a finding; a tab where indentation was expected has its own code."""
        if not isinstance(err, yaml.MarkedYAMLError):
            return Finding("yaml-syntax", self.file, args={"problem": str(err)})
        mark = err.problem_mark or err.context_mark
        if mark is None:
            problem = err.problem or err.context or str(err)
            return Finding("yaml-syntax", self.file, args={"problem": problem})
        line, column = mark.line + 1, mark.column + 1
        if self.text.startswith("\t", mark.index):
            return Finding("tab-indent", self.file, line, column)
        problem = err.problem or err.context or "?"
        if err.problem and err.context:
            context = err.context
            at = err.context_mark
            if at is not None and (at.line + 1, at.column + 1) != (line, column):
                context += f" at {at.line + 1}:{at.column + 1}"
            problem = f"{problem} ({context})"
        return Finding("yaml-syntax", self.file, line, column, {"problem": problem})

    def _add(self, code: str, where: Any, **args: Any) -> None:
        """Record a finding at a libyaml mark, a position, or nowhere (the whole file)."""
        line: int | None
        column: int | None
        if where is None:
            line = column = None
        elif isinstance(where, tuple):
            line, column = where
        else:
            line, column = where.line + 1, where.column + 1
        self.findings.append(Finding(code, self.file, line, column, args))
        if len(self.findings) >= MAX_FINDINGS:
            raise _Stop
