"""Finding, reading, validating and indexing the plan file (``--plan``, ``MLJY_PLAN``, bundled)."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from pydantic import ValidationError

from meilijiayuan.findings import Finding, has_errors
from meilijiayuan.messages.catalogue import Term
from meilijiayuan.messages.plan_words import speak_for
from meilijiayuan.plan.checks import plan_references
from meilijiayuan.plan.index import PlanIndex
from meilijiayuan.plan.model import Plan
from meilijiayuan.read.limits import Limits
from meilijiayuan.read.loader import Document, load_path
from meilijiayuan.read.located import at, from_validation_error, type_term

PLAN_LIMITS = Limits(max_bytes=8 * 1_048_576, max_depth=32, max_nodes=500_000)
"""A plan is larger than a report: its own limits, whatever ``--max-bytes`` says."""


def default_plan_path() -> tuple[str, str]:
    """Where the plan comes from when ``--plan`` is not given: (path, display name)."""
    env = os.environ.get("MLJY_PLAN")
    if env:
        return env, env
    local = Path("data/plan.yaml")
    if local.is_file():
        return str(local), str(local)
    packaged = resources.files("meilijiayuan") / "data" / "plan.yaml"
    return str(packaged), "<mljy>/data/plan.yaml"


def load_plan(
    path: str | None = None, *, encoding: str | None = None, compiled: bool = True
) -> tuple[PlanIndex | None, list[Finding]]:
    """Load, validate and index a plan file (default: see :func:`default_plan_path`).

    A file holding exactly the bundled plan's bytes is not read again: its validated form
    ships with mljy (:mod:`meilijiayuan.plan.compiled`); ``compiled=False`` always reads it.
    From then on the texts of this context name the plan's district and ranked organisations
    (:mod:`meilijiayuan.messages.plan_words`; each ``mljy`` command runs in a context of its
    own).
    """
    if path is None:
        path, display = default_plan_path()
    else:
        display = path
    if encoding is None and compiled:
        from meilijiayuan.plan import compiled as compiled_plan

        ready = compiled_plan.load(path)
        if ready is not None:
            return _spoken(PlanIndex(ready)), []
    if not os.path.exists(path):
        return None, [_not_found(path, display)]
    doc = load_path(path, display, encoding=encoding, limits=PLAN_LIMITS)
    plan, findings = validate_plan_document(doc)
    return (_spoken(PlanIndex(plan)) if plan is not None else None), findings


def _not_found(path: str, display: str) -> Finding:
    """A plan path that names nothing, saying where the path came from: an environment
    variable set long ago is easy to forget."""
    from meilijiayuan.messages.catalogue import Term

    source = "plan-from-env" if os.environ.get("MLJY_PLAN") == path else "plan-from-option"
    return Finding("plan-not-found", display, args={"path": display, "source": Term(source)})


def _spoken(index: PlanIndex) -> PlanIndex:
    speak_for(index)
    return index


def validate_plan_document(doc: Document) -> tuple[Plan | None, list[Finding]]:
    """Model-validate a loaded plan file and check its internal references."""
    if not doc.ok():
        return None, list(doc.findings)
    if not isinstance(doc.data, dict):
        return None, [at(doc, (), "not-a-mapping", kind=Term(type_term(doc.data)))]
    try:
        plan = Plan.model_validate(doc.data)
    except ValidationError as exc:
        return None, from_validation_error(exc, doc, Plan)
    findings = plan_references(plan, doc)
    return (None if has_errors(findings) else plan), findings
