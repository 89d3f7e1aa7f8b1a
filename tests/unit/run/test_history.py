"""run.history: plausibility warnings over the files given, documents read again only for
the files that get a warning."""

from __future__ import annotations

from pathlib import Path

import pytest

from meilijiayuan.plan.index import PlanIndex
from meilijiayuan.run import history
from meilijiayuan.run.files import validate_paths
from tests.conftest import FIXTURES, write_report


def _reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files run.history reads again (to place a warning)."""
    import meilijiayuan.read.loader as loader

    read: list[str] = []
    real = loader.load_path

    def counting(path: str, *args: object, **kwargs: object) -> object:
        read.append(path)
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(loader, "load_path", counting)
    return read


def test_a_document_is_read_again_only_for_a_warning(index: PlanIndex,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    results = validate_paths([str(FIXTURES / "history")], index, keep=False)
    assert all(r.doc is None and r.report is None for r in results)  # nothing to judge
    kept = validate_paths([str(FIXTURES / "history")], index, keep=False, history=True)
    assert all(r.doc is None and r.report is not None for r in kept)
    for r in kept:  # the warnings again, this time counting the files read
        r.findings = []
    read = _reads(monkeypatch)
    history.add_plausibility(kept, index)
    warned = sorted({r.file for r in kept if r.findings})
    assert [Path(f).relative_to(FIXTURES).as_posix() for f in warned] == [
        "history/2018-06/马陆镇.yaml", "history/2019-01/安亭镇.yaml"]
    assert sorted(read) == warned  # once each, and never the files without a warning


def test_the_documents_kept_are_used_as_they_are(index: PlanIndex,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    results = validate_paths([str(FIXTURES / "history")], index, keep=True, history=False)
    read = _reads(monkeypatch)
    history.add_plausibility(results, index)
    assert read == []
    assert sum(len(r.findings) for r in results) == 5


def test_invalid_reports_are_no_history(index: PlanIndex, tmp_path: Path) -> None:
    """A report with an error is neither judged nor the history of the next one: 2018-06
    (3 after an invalid 2018-05) is alone, so nothing is said."""
    write_report(tmp_path, "马陆镇", "马陆镇", "2018-05", {"K2018-4": {"value": "五"}})
    write_report(tmp_path, "马陆镇", "马陆镇", "2018-06", {"K2018-4": {"value": 3}})
    results = validate_paths([str(tmp_path)], index, history=True)
    assert [r.ok for r in results] == [False, True]
    assert results[1].findings == []
