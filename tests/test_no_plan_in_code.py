"""Nothing in the code knows the bundled plan: its words come from data/plan.yaml.

Every string constant of every module under src/ (docstrings and comments excepted: they may
explain with an example) is searched for the bundled plan's organisation and group names and
aliases, its document number, its district label and the district's name. A plan of another
district (examples/plans/…) then reads in its own words everywhere.
"""

from __future__ import annotations

import ast
import itertools
from pathlib import Path

from meilijiayuan.plan.index import PlanIndex

from .conftest import ROOT

SRC = ROOT / "src" / "meilijiayuan"
DISTRICT_NAME = "嘉定"  # the plan carries it only inside its title and issuer
OWNED = ("plan/", "output/template.py")  # the modules mended with this test


def plan_words(index: PlanIndex) -> set[str]:
    words = {DISTRICT_NAME, index.meta.document_number, index.district}
    for org in index.plan.organisations:
        words.update((org.name, *org.aliases))
    for group in index.plan.groups:
        words.update((group.name, *group.aliases))
    return words


def docstrings(tree: ast.AST) -> set[int]:
    """The ids of the string nodes that are docstrings (module, class, function)."""
    out: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                out.add(id(body[0].value))
        # an attribute docstring: a bare string right after an assignment
        for field in ("body", "orelse"):
            stmts = getattr(node, field, None)
            if isinstance(stmts, list):
                for before, after in itertools.pairwise(stmts):
                    if isinstance(before, ast.Assign | ast.AnnAssign) and isinstance(
                            after, ast.Expr) and isinstance(after.value, ast.Constant):
                        out.add(id(after.value))
    return out


def offenders(index: PlanIndex, under: Path = SRC) -> list[str]:
    """``file:line: 'word' in 'string'`` for every string constant naming the bundled plan."""
    words = sorted(plan_words(index), key=len, reverse=True)
    found: list[str] = []
    for path in sorted(under.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skip = docstrings(tree)
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
                continue
            if id(node) in skip:
                continue
            hits = [w for w in words if w in node.value]
            if hits:
                rel = path.relative_to(under).as_posix()
                text = node.value if len(node.value) <= 40 else node.value[:39] + "…"
                found.append(f"{rel}:{node.lineno}: {hits[0]!r} in {text!r}")
    return found


def test_the_scan_finds_a_name_in_a_string_but_not_in_a_docstring(
        index: PlanIndex, tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text('"""About 马陆镇."""\n# 马陆镇\nX = 1\n"""马陆镇 again."""\n'
                      'def f() -> str:\n    """马陆镇."""\n    return "报送单位：马陆镇"\n',
                      encoding="utf-8")
    found = offenders(index, tmp_path)
    assert len(found) == 1 and found[0].endswith(":7: '马陆镇' in '报送单位：马陆镇'"), found


def test_the_mended_modules_name_nothing_of_the_bundled_plan(index: PlanIndex) -> None:
    mine = [f for f in offenders(index) if f.startswith(OWNED)]
    assert mine == []


def test_no_module_names_anything_of_the_bundled_plan(index: PlanIndex) -> None:
    found = offenders(index)
    assert found == [], "\n".join(found)
