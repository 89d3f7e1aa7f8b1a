"""Findings located in a document, and pydantic's validation errors on it turned into findings.

Every check after reading speaks of a place in a document by its path (``("items", "J3a",
"numerator")``); :func:`at` turns that into a finding with the line and column the
reader recorded, so a message always says ``file:line:col``.
"""

from __future__ import annotations

import difflib
from typing import Any, Literal

from pydantic import BaseModel, ValidationError

from meilijiayuan.findings import Finding
from meilijiayuan.messages.catalogue import CATALOGUE, Suggestions, Term
from meilijiayuan.read.loader import Document, YamlPath

# pydantic's own error types we translate; everything else becomes wrong-type
_PYDANTIC_CODES = {
    "extra_forbidden": "unknown-field",
    "missing": "missing-field",
    "literal_error": "bad-state",
}


def error_code(error_type: str) -> str:
    """The finding code for a pydantic error type (ours pass through unchanged)."""
    if error_type in CATALOGUE:
        return error_type
    return _PYDANTIC_CODES.get(error_type, "wrong-type")


_TYPE_EXPECTED = {
    "string_type": "text",
    "dict_type": "mapping",
    "model_type": "mapping",
    "model_attributes_type": "mapping",
    "int_type": "integer",
    "int_parsing": "integer",
    "float_type": "number",
    "list_type": "list",
    "bool_type": "bool",
    "none_required": "null",
}


def from_validation_error(
    exc: ValidationError, doc: Document, model: type[BaseModel]
) -> list[Finding]:
    out: list[Finding] = []
    for err in exc.errors(include_input=False, include_url=False):
        loc: YamlPath = tuple(err["loc"])
        ctx = dict(err.get("ctx") or {})
        code = error_code(err["type"])
        field_name = next((str(p) for p in reversed(loc) if isinstance(p, str)), "")
        value = lookup(doc.data, loc)
        text = doc.raw.get(loc, _short(value))
        args: dict[str, Any] = {"field": field_name, "text": text, **ctx}
        if code == "literal_error" or (code == "bad-state" and field_name != "state"):
            code = "wrong-type"
        if code == "bad-state":
            args["allowed"] = _choices(model, loc)
        elif code == "unknown-field":
            allowed = _fields_at(model, loc[:-1])
            close = difflib.get_close_matches(field_name, allowed, n=1)
            args["allowed"] = ", ".join(allowed)
            args["suggestion"] = Suggestions(close)
            out.append(at_key(doc, loc, code, **args))
            continue
        elif code == "missing-field":
            out.append(at(doc, loc[:-1], code, **args))
            continue
        elif code in _AT_FIELD:  # a rate's figures disagree: at the figure that is off
            loc = (*loc, _AT_FIELD[code])
        elif code == "number-with-unit" and field_name in ("numerator", "denominator"):
            # a rate's parts are counts: never propose a unit line (a rate's unit is %)
            code = "count-with-unit"
            if args.get("suffix") in ("%", "％"):
                code = "percent-as-count"
                item = str(loc[1]) if len(loc) > 1 else "?"
                # the target's title is added with the fixes (meilijiayuan.report.fixes)
                args = {"field": field_name, "text": text, "item": item, "title": f" {item} "}
            else:
                args = {"field": field_name, "text": text, "number": args.get("number", "")}
        elif code == "wrong-type":
            expected = _TYPE_EXPECTED.get(err["type"], "one-of")
            args.setdefault("expected", Term(expected))
            args["got"] = Term(type_term(value))
            args["example"] = "" if expected != "mapping" else _mapping_example(loc)
        out.append(at(doc, loc, code, **args))
    return out


_AT_FIELD = {"numerator-exceeds-denominator": "numerator", "zero-denominator": "denominator"}


def _mapping_example(loc: YamlPath) -> str:
    if len(loc) == 2 and loc[0] == "items":
        return f"{loc[1]}:\n  value: 12\n  note: ..."
    return ""


def _fields_at(model: type[BaseModel], loc: YamlPath) -> list[str]:
    """Field names of the (sub)model at ``loc`` (dict keys are skipped)."""
    current = _model_at(model, loc)
    return list(current.model_fields) if current is not None else []


def _model_at(model: type[BaseModel], loc: YamlPath) -> type[BaseModel] | None:
    """The (sub)model at ``loc``, or ``None`` where ``loc`` leaves the models."""
    current: Any = model
    for part in loc:
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        if isinstance(part, int):
            continue
        info = current.model_fields.get(part)
        if info is None:
            continue
        current = _inner_model(info.annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return current
    return None


def _choices(model: type[BaseModel], loc: YamlPath) -> list[str]:
    """The values a ``Literal`` field at ``loc`` allows, in declaration order."""
    parent = _model_at(model, loc[:-1])
    info = parent.model_fields.get(str(loc[-1])) if parent is not None and loc else None
    found: list[str] = []

    def walk(annotation: Any) -> None:
        if getattr(annotation, "__origin__", None) is Literal:
            found.extend(str(a) for a in annotation.__args__)
        for arg in getattr(annotation, "__args__", ()):
            if not isinstance(arg, str):
                walk(arg)

    if info is not None:
        walk(info.annotation)
    return found


def _inner_model(annotation: Any) -> Any:
    """The model class inside ``list[M]``, ``dict[str, M]``, ``M | None``."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        inner = _inner_model(arg)
        if inner is not None:
            return inner
    return None


def lookup(data: Any, loc: YamlPath) -> Any:
    for part in loc:
        if isinstance(data, dict) and part in data:
            data = data[part]
        elif isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            data = data[part]
        else:
            return None
    return data


def type_term(value: Any) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, dict):
        return "mapping"
    if isinstance(value, list):
        return "list"
    return "null"


def _short(value: Any) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= 40 else text[:39] + "…"


def at(doc: Document, path: YamlPath, code: str, **args: Any) -> Finding:
    """A finding at the value of ``path`` (or the nearest known position)."""
    return _placed(doc, path, doc.pos(path), code, args)


def at_key(doc: Document, path: YamlPath, code: str, **args: Any) -> Finding:
    """A finding at the key of ``path``."""
    return _placed(doc, path, doc.key_or_value_pos(path), code, args)


def _placed(doc: Document, path: YamlPath, pos: tuple[int, int] | None, code: str,
            args: dict[str, Any]) -> Finding:
    item = path[1] if len(path) > 1 and path[0] == "items" and isinstance(path[1], str) else None
    return Finding(
        code, doc.file, pos[0] if pos else None, pos[1] if pos else None, args, item=item,
        sheet=doc.sheet if pos else None,
    )
