"""The plan's own words in the catalogue's texts: ``{district}`` and ``{ranked}``.

A few texts name the district (``{district}目标``: 全区目标 for a plan whose ``plan.district``
is 全区) or the organisations the picture ranks (``{ranked}排名``: ``ranking.label``). They
are filled from the plan the run reads: loading a plan speaks for it
(:func:`meilijiayuan.plan.load.load_plan` calls :func:`speak_for`), and so does a renderer
handed a plan index, so a text deep in a table reads the plan's words without every function
between passing them on. Each ``mljy`` command runs in a copy of its caller's context
(:func:`meilijiayuan.cli.common.run`), so one command's plan never leaks into another's.

Without a plan (a renderer called on its own) the catalogue's generic words stand in
(:data:`GENERIC`). English texts carry no placeholder: they say "district" whatever the plan.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from contextvars import ContextVar
from typing import Any, NamedTuple, Protocol, TypeVar


class PlanWords(NamedTuple):
    """The plan's word for its district rows and for the organisations it ranks."""

    district: str
    ranked: str


GENERIC = PlanWords(district="本区", ranked="单位")
"""The words without a plan, or for a plan without ``ranking.label`` (单位排名)."""

_CURRENT: ContextVar[PlanWords] = ContextVar("mljy_plan_words", default=GENERIC)


class _Plan(Protocol):
    @property
    def district(self) -> str: ...

    @property
    def ranking_label(self) -> str | None: ...


def speak_for(index: _Plan) -> None:
    """From now on in this context, texts name ``index``'s district and ranked organisations."""
    _CURRENT.set(PlanWords(index.district, index.ranking_label or GENERIC.ranked))


_R = TypeVar("_R")


def speaks_from_document(render: Callable[[Mapping[str, Any], str], _R]
                         ) -> Callable[[Mapping[str, Any], str], _R]:
    """For a renderer of the status document (``render(doc, lang)``): while it runs, texts
    name the plan the document names (its ``plan.district`` and ``plan.ranking_label``), so a
    page or workbook made from a saved document reads as the run that wrote it."""

    @functools.wraps(render)
    def wrapper(doc: Mapping[str, Any], lang: str) -> _R:
        plan = doc.get("plan") or {}
        words = PlanWords(plan.get("district") or GENERIC.district,
                          plan.get("ranking_label") or GENERIC.ranked)
        token = _CURRENT.set(words)
        try:
            return render(doc, lang)
        finally:
            _CURRENT.reset(token)

    return wrapper


def current() -> PlanWords:
    """The plan words of this context."""
    return _CURRENT.get()


def fill(text: str) -> str:
    """``text`` with ``{district}`` and ``{ranked}`` replaced by the plan's words; any other
    ``{field}`` is left for its caller to fill."""
    if "{" not in text:
        return text
    words = _CURRENT.get()
    return text.replace("{district}", words.district).replace("{ranked}", words.ranked)
