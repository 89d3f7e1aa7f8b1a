"""``mljy report --html``: the self-contained dashboard, checked as text and in a real browser.

The browser tests open the page in headless Chromium (Debian's ``chromium``; ``.ci/run``
installs it) and read the DOM after the scripts ran. They are skipped only where no
Chromium is installed.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from meilijiayuan.cli import app
from meilijiayuan.output.html import render_html
from tests.conftest import FIXTURES, ROOT

FIXTURE = FIXTURES / "html" / "status.json"
HOSTILE = FIXTURES / "html" / "hostile.json"
SAMPLES = ROOT / "data" / "reports"

runner = CliRunner()


def _chromium() -> str | None:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None and os.access("/usr/bin/chromium", os.X_OK):
        found = "/usr/bin/chromium"
    return found


CHROMIUM = _chromium()
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None,
    reason="no Chromium installed (Debian: apt-get install chromium); .ci/run installs it",
)


def browse(page: Path, tmp: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """Open ``page`` in a fresh headless Chromium with no background networking."""
    assert CHROMIUM is not None
    profile = tmp / f"profile-{len(list(tmp.glob('profile-*')))}"
    args = [
        CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", f"--user-data-dir={profile}", "--virtual-time-budget=5000",
        *extra, page.resolve().as_uri(),
    ]
    # its own process group, so a browser that hangs is ended with all its helpers
    with subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                          start_new_session=True) as proc:
        try:
            out, err = proc.communicate(timeout=90)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            pytest.fail("Chromium did not finish within 90 s: a script of the page may have "
                        "opened a dialog (alert) or never finished")
    return subprocess.CompletedProcess(args, proc.returncode, out, err)


def dump_dom(page: Path, tmp: Path) -> str:
    done = browse(page, tmp, "--dump-dom")
    assert done.returncode == 0, done.stderr[-2000:]
    assert "<html" in done.stdout, done.stderr[-2000:]
    return done.stdout


class Elements(HTMLParser):
    """Every start tag with its attributes, in document order."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def all(self, tag: str, **attrs: str) -> list[dict[str, str | None]]:
        return [a for t, a in self.tags
                if t == tag and all(a.get(k.rstrip("_")) == v for k, v in attrs.items())]

    def root(self) -> dict[str, str | None]:
        return self.all("html")[0]


def fixture_doc() -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(FIXTURE.read_text(encoding="utf-8"))
    return doc


def embedded(page: str, ident: str = "mljy-data") -> Any:
    m = re.search(rf'<script type="application/json" id="{ident}">(.*?)</script>', page, re.S)
    assert m is not None
    return json.loads(m.group(1))


def row_status(dom: str, target: str) -> str | None:
    """The ``data-status`` of ``target``'s row in the district table of a dumped DOM."""
    table = re.search(r'<table id="district-table">(.*?)</table>', dom, re.S)
    assert table is not None
    for row in re.findall(r"<tr>(.*?)</tr>", table.group(1), re.S):
        if f'<span class="id">{target}</span>' in row:
            m = re.search(r'data-status="([a-z_]+)"', row)
            return m.group(1) if m else None
    return None


@pytest.fixture(scope="module")
def sample_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int, dict[str, Any]]:
    """``mljy report data/reports --html tmp/dash.html`` at 2019-06, and its status document."""
    tmp = tmp_path_factory.mktemp("report")
    page = tmp / "tmp" / "dash.html"
    result = runner.invoke(app, ["report", str(SAMPLES), "--period", "2019-06",
                                 "--html", str(page)])
    status = runner.invoke(app, ["status", str(SAMPLES), "--period", "2019-06",
                                 "--format", "json"])
    assert status.exit_code in (0, 1), status.output
    return page, result.exit_code, json.loads(status.stdout)


# --- the page as text ---------------------------------------------------------------------


def test_sample_page_is_written(sample_run: tuple[Path, int, dict[str, Any]]) -> None:
    page, code, _ = sample_run
    assert code in (0, 1)  # the samples are valid; red statuses give 1 as in `mljy status`
    text = page.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>")
    assert [p.name for p in page.parent.iterdir()] == ["dash.html"]  # no temp file left


def test_sample_page_carries_the_status_document(
        sample_run: tuple[Path, int, dict[str, Any]]) -> None:
    """Same numbers everywhere: the embedded document is `mljy status --format json`'s."""
    page, _, doc = sample_run
    assert embedded(page.read_text(encoding="utf-8")) == doc


def test_embedded_document_round_trips() -> None:
    doc = fixture_doc()
    page = render_html(doc, "zh")
    assert embedded(page) == doc


def _no_external_reference(page: str) -> None:
    """Nothing the browser could fetch: no URL, no linked or imported resource, no src."""
    assert re.findall(r"(?i)\b(?:https?|ftp|wss?):", page) == []
    assert re.findall(r"(?i)//[a-z0-9.-]+\.[a-z]{2,}/", page) == []  # protocol-relative
    assert re.findall(r"(?i)<link\b", page) == []
    assert re.findall(r"(?i)@import", page) == []
    assert re.findall(r"(?i)\bsrc\s*=", page) == []
    assert re.findall(r"(?i)url\(\s*['\"]?(?!data:)", page) == []
    assert re.findall(r"(?i)<(?:iframe|object|embed|img|base|form)\b", page) == []
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', page)
    assert csp is not None and "default-src 'none'" in csp.group(1)


def test_page_makes_no_network_request_fixture() -> None:
    _no_external_reference(render_html(fixture_doc(), "zh"))
    _no_external_reference(render_html(fixture_doc(), "en"))


def test_page_makes_no_network_request_samples(
        sample_run: tuple[Path, int, dict[str, Any]]) -> None:
    _no_external_reference(sample_run[0].read_text(encoding="utf-8"))


def test_scripts_and_styles_are_inline() -> None:
    page = Elements(render_html(fixture_doc(), "zh"))
    scripts = page.all("script")
    assert len(scripts) == 4  # the document, the labels, uPlot, the dashboard
    assert [s.get("type") for s in scripts[:2]] == ["application/json"] * 2
    assert all("src" not in s for s in scripts)
    assert len(page.all("style")) == 2


def test_print_layout_is_a4() -> None:
    page = render_html(fixture_doc(), "zh")
    assert re.search(r"@page\s*\{[^}]*size:\s*A4", page)
    assert "@media print" in page
    assert re.search(r"figure\.chart-card[^{]*\{[^}]*break-inside:\s*avoid", page)


def test_html_escaping() -> None:
    """An organisation, a note, a title and a file name carrying markup stay text."""
    doc = json.loads(HOSTILE.read_text(encoding="utf-8"))
    page = render_html(doc, "zh")
    assert "<script>alert" not in page
    assert "<img" not in page and "<svg" not in page and "<h1>美丽家园" not in page
    assert "<!-- comment" not in page and "]]></script>" not in page
    assert "&lt;script&gt;alert(&#x27;unit&#x27;)&lt;/script&gt;马陆镇" in page
    assert "&lt;/script&gt;&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt;" in page
    assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;.yaml" in page
    assert len(Elements(page).all("script")) == 4
    assert embedded(page) == doc  # the escaped embedding is still the same JSON


def test_english_page() -> None:
    page = render_html(fixture_doc(), "en")
    root = Elements(page).root()
    assert root.get("lang") == "en"
    assert "District targets" in page and "✖ overdue" in page
    assert embedded(page, "mljy-labels")["expected"] == "Expected"


def test_empty_picture_renders() -> None:
    """A document with nothing in it (a failure document) still renders a page."""
    doc = fixture_doc()
    for key in ("district", "missing_reports", "late_reports", "trend", "ranking", "errors",
                "warnings"):
        doc[key] = []
    doc["matrix"] = {"targets": [], "units": [], "cells": []}
    page = render_html(doc, "zh")
    assert 'data-trend="' not in page
    assert "没有可绘制的数量或比率目标" in page


# --- the command --------------------------------------------------------------------------


def test_report_bad_period_is_a_usage_error(tmp_path: Path) -> None:
    page = tmp_path / "dash.html"
    result = runner.invoke(app, ["report", str(SAMPLES), "--period", "2019-13",
                                 "--html", str(page)])
    assert result.exit_code == 2
    assert not page.exists()


def test_report_needs_html_option() -> None:
    result = runner.invoke(app, ["report", str(SAMPLES)])
    assert result.exit_code == 2


def test_report_without_reports_writes_nothing(tmp_path: Path) -> None:
    page = tmp_path / "dash.html"
    (tmp_path / "empty").mkdir()
    result = runner.invoke(app, ["report", str(tmp_path / "empty"), "--html", str(page)])
    assert result.exit_code == 2
    assert not page.exists()


def test_report_with_an_invalid_report_still_writes_the_page(tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    shutil.copytree(SAMPLES / "2019-06", reports / "2019-06")
    bad = reports / "2019-06" / "bad.yaml"
    bad.write_text("unit: 马陆镇\nperiod: 2019-06\nitems:\n  J3a:\n    numerator: 60万\n",
                   encoding="utf-8")
    page = tmp_path / "dash.html"
    result = runner.invoke(app, ["report", str(reports), "--html", str(page)])
    assert result.exit_code == 2
    text = page.read_text(encoding="utf-8")
    assert "bad.yaml" in text
    assert embedded(text)["errors"]


def test_report_replaces_an_existing_page(tmp_path: Path) -> None:
    page = tmp_path / "dash.html"
    page.write_text("old", encoding="utf-8")
    result = runner.invoke(app, ["report", str(SAMPLES), "--period", "2019-06",
                                 "--html", str(page)])
    assert result.exit_code in (0, 1)
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dash.html"]


# --- in a real browser --------------------------------------------------------------------


@needs_chromium
def test_dashboard_renders_in_chromium(sample_run: tuple[Path, int, dict[str, Any]],
                                       tmp_path: Path) -> None:
    """The samples' page at 2019-06: charts drawn by uPlot, the tables, known statuses."""
    page, _, doc = sample_run
    dom = dump_dom(page, tmp_path)
    tree = Elements(dom)
    charts = tree.all("div", class_="chart")
    assert len(charts) >= 10  # the quantity and rate targets open in 2018–2019
    root = tree.root()
    assert root.get("data-charts-drawn") == str(len(charts)), dom[:500]
    assert root.get("data-charts-failed") == "0"
    # uPlot builds a canvas and an axis set per chart
    assert len(tree.all("canvas")) >= len(charts)
    assert len([a for t, a in tree.tags if t == "div" and (a.get("class") or "")
                .startswith("uplot")]) == len(charts)
    for ident in ("district-table", "matrix-table", "ranking-table", "missing-table"):
        assert tree.all("table", id=ident), ident
    assert len(tree.all("table", class_="chart-data")) == len(charts)
    # known statuses of the samples at 2019-06 (scripts/make_samples.py)
    assert row_status(dom, "K2018-1") == "overdue"
    assert row_status(dom, "K2019-4") == "behind"
    assert '<span class="sym" aria-hidden="true">✖</span> 逾期' in dom
    # and every district status is the document's
    for row in doc["district"]:
        assert row_status(dom, row["id"]) == row["status"], row["id"]


@needs_chromium
def test_dashboard_screenshot(sample_run: tuple[Path, int, dict[str, Any]],
                              tmp_path: Path) -> None:
    shot = tmp_path / "dash.png"
    done = browse(sample_run[0], tmp_path, f"--screenshot={shot}", "--window-size=1400,3000")
    assert done.returncode == 0, done.stderr[-2000:]
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 100_000  # a drawn page, not a blank one


@needs_chromium
def test_fixture_renders_in_chromium(tmp_path: Path) -> None:
    """The hand-written document: every chart drawn, a known status in place."""
    page = tmp_path / "fixture.html"
    page.write_text(render_html(fixture_doc(), "zh"), encoding="utf-8")
    tree = Elements(dom := dump_dom(page, tmp_path))
    assert tree.root().get("data-charts-drawn") == "8"
    assert tree.root().get("data-charts-failed") == "0"
    assert row_status(dom, "K2019-6") == "at_risk"
    cell = re.search(r'<td class="cell lvl-red" data-status="missing"[^>]*>', dom)
    assert cell is not None  # 外冈镇's missing J3a in the heatmap


@needs_chromium
def test_no_request_and_no_csp_violation_in_chromium(
        sample_run: tuple[Path, int, dict[str, Any]], tmp_path: Path) -> None:
    """A probe placed before the page's own head records every resource the page loads and
    every request its Content-Security-Policy refused: both must be empty."""
    text = sample_run[0].read_text(encoding="utf-8")
    probe = (
        "<script>var seen=[];document.addEventListener('securitypolicyviolation',"
        "function(e){seen.push(e.blockedURI||e.violatedDirective);});"
        "window.addEventListener('load',function(){setTimeout(function(){"
        "var r=performance.getEntriesByType('resource').map(function(x){return x.name;});"
        "document.documentElement.setAttribute('data-probe',JSON.stringify("
        "{resources:r,violations:seen}));},100);});</script>"
    )
    page = tmp_path / "probed.html"
    page.write_text(text.replace("<head>\n", "<head>\n" + probe, 1), encoding="utf-8")
    root = Elements(dump_dom(page, tmp_path)).root()
    assert json.loads(root.get("data-probe") or "null") == {"resources": [], "violations": []}
    assert root.get("data-charts-failed") == "0"


@needs_chromium
def test_hostile_strings_stay_text_in_chromium(tmp_path: Path) -> None:
    doc = json.loads(HOSTILE.read_text(encoding="utf-8"))
    page = tmp_path / "hostile.html"
    page.write_text(render_html(doc, "zh"), encoding="utf-8")
    dom = dump_dom(page, tmp_path)
    tree = Elements(dom)
    assert len(tree.all("script")) == 4
    assert tree.all("img") == []
    assert tree.root().get("data-charts-failed") == "0"
    assert "&lt;script&gt;alert('unit')&lt;/script&gt;马陆镇" in dom


@needs_chromium
def test_prints_to_a4(tmp_path: Path) -> None:
    page = tmp_path / "print.html"
    page.write_text(render_html(fixture_doc(), "zh"), encoding="utf-8")
    pdf = tmp_path / "dash.pdf"
    done = browse(page, tmp_path, f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
    assert done.returncode == 0, done.stderr[-2000:]
    boxes = re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf.read_bytes())
    assert boxes, "no page in the PDF"
    for width, height in boxes:  # A4: 595 × 842 pt
        assert abs(float(width) - 595.3) < 1 and abs(float(height) - 841.9) < 1


def test_hostile_fixture_is_hostile() -> None:
    """Guard the escaping test's premise: the fixture does carry markup in its strings."""
    doc = json.loads(HOSTILE.read_text(encoding="utf-8"))
    text = json.dumps(doc, ensure_ascii=False)
    assert "<script>" in text and "<img" in text


def test_report_period_outside_the_plan_is_a_usage_error(tmp_path: Path) -> None:
    page = tmp_path / "dash.html"
    result = runner.invoke(app, ["report", str(SAMPLES), "--period", "2017-06",
                                 "--html", str(page)])
    assert result.exit_code == 2
    assert not page.exists()


def test_report_exit_code_is_the_status_exit_code(tmp_path: Path) -> None:
    for period in ("2018-06", "2019-06", "2020-12"):
        args = [str(SAMPLES), "--period", period]
        report = runner.invoke(app, ["report", *args, "--html", str(tmp_path / "d.html")])
        status = runner.invoke(app, ["status", *args, "--format", "json"])
        assert report.exit_code == status.exit_code, period
