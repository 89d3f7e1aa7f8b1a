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
from html import escape
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
    """The ``data-status`` of ``target``'s row in the district tables (open and closed
    targets) of a dumped DOM."""
    tables = re.findall(r'<table id="(?:district|closed)-table"[^>]*>(.*?)</table>', dom, re.S)
    assert tables
    for row in re.findall(r"<tr>(.*?)</tr>", "".join(tables), re.S):
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


# --- what the meeting sees: order, invalid reports, carried figures, every red traced -------


def section(page: str, ident: str) -> str:
    """The text of ``<section id="ident">…</section>`` (sections do not nest)."""
    m = re.search(rf'<section id="{ident}"[^>]*>(.*?)</section>', page, re.S)
    assert m is not None, ident
    return m.group(1)


def test_open_targets_first_closed_targets_after_with_their_trends_folded() -> None:
    """At 2019-06 the 2018 targets are closed: their rows leave the open table for their own
    section after it, their charts inside a <details>; the open charts come first, those
    whose window holds the period before the others."""
    page = render_html(fixture_doc(), "zh")
    open_part, closed_part = section(page, "district"), section(page, "closed")
    assert page.index('id="district"') < page.index('id="trend"') < page.index('id="closed"')
    assert '<span class="id">K2018-1</span>' not in open_part
    assert '<span class="id">K2018-1</span>' in closed_part
    assert '<span class="id">K2018-4</span>' in closed_part
    assert '<span class="id">K2019-6</span>' in open_part
    folded = re.search(r"<details[^>]*>(.*?)</details>", closed_part, re.S)
    assert folded is not None and 'id="trend-K2018-1"' in folded.group(1)
    charts = re.findall(r'<figure class="chart-card" id="trend-([^"]+)"', section(page, "trend"))
    assert charts == ["K2019-1", "K2019-6", "W5", "J3a", "J3b", "J7"]
    # the open table: the targets under way first, the one not yet open (K2020-3) last
    ids = re.findall(r'<span class="id">([^<]+)</span>', open_part)
    assert ids[-1] == "K2020-3" and ids[0] == "K2019-1"


def test_charts_of_targets_under_way_come_first() -> None:
    """A target whose window has not opened yet is charted after those under way."""
    doc = fixture_doc()
    doc["period"] = "2018-06"  # K2019-1 and K2019-6 have not opened; W5, J3a… have
    charts = re.findall(r'id="trend-([^"]+)"', section(render_html(doc, "zh"), "trend"))
    assert charts == ["K2018-1", "K2018-4", "W5", "J3a", "J3b", "J7", "K2019-1", "K2019-6"]


def test_closed_key_of_the_document_wins_over_the_window() -> None:
    doc = fixture_doc()
    for row in doc["district"]:
        row["closed"] = row["id"] == "K2019-6"  # what the document says, not the window
    page = render_html(doc, "zh")
    assert '<span class="id">K2018-1</span>' in section(page, "district")
    assert '<span class="id">K2019-6</span>' in section(page, "closed")
    assert "其中 1 项已结束" in section(page, "summary")


def test_no_closed_section_when_nothing_is_closed() -> None:
    doc = fixture_doc()
    doc["period"] = "2018-12"
    page = render_html(doc, "zh")
    assert 'id="closed"' not in page and "<details" not in page


def test_invalid_reports_are_named_at_the_top() -> None:
    doc = fixture_doc()
    doc["errors"] = [
        {"file": "2019-06/马陆镇.yaml", "line": 4, "column": 5, "severity": "error",
         "code": "bad-number", "message": "不是数字", "hint": "写成数字"},
        {"file": "2019-06/马陆镇.yaml", "line": 9, "column": 3, "severity": "error",
         "code": "bad-number", "message": "不是数字", "hint": "写成数字"},
        {"file": "2019-06/华亭镇.yaml", "line": 1, "column": 1, "severity": "error",
         "code": "no-unit", "message": "缺少单位", "hint": "写上单位"},
    ]
    page = render_html(doc, "zh")
    banner = re.search(r'<aside class="banner lvl-red" id="invalid"[^>]*>(.*?)</aside>', page,
                       re.S)
    assert banner is not None
    assert page.index('id="invalid"') < page.index('id="summary"')  # before any figure
    text = banner.group(1)
    assert "2 份报表未通过校验" in text
    assert re.search(r"马陆镇\.yaml</code></a> · 2 个错误", text)
    assert re.search(r"华亭镇\.yaml</code></a> · 1 个错误", text)
    assert text.count('href="#findings"') == 3
    assert 'id="findings"' in page and "bad-number" in section(page, "findings")
    english = render_html(doc, "en")
    assert "failed validation, left out of this page: 2" in english
    assert "errors: 2" in english and "errors: 1" in english


def test_no_banner_without_errors() -> None:
    assert 'id="invalid"' not in render_html(fixture_doc(), "zh")


def test_carried_figures_show_their_month() -> None:
    """A figure from an earlier report is shown with its month in the heatmap, the district
    table and the organisation's items; a current figure is not marked."""
    doc = fixture_doc()
    cell = next(c for c in doc["matrix"]["cells"] if (c["id"], c["unit"]) == ("J3a", "外冈镇"))
    cell.update(status="on_track", level="green", actual=61.54, figure_period="2018-12")
    current = next(c for c in doc["matrix"]["cells"] if (c["id"], c["unit"]) == ("J3a", "南翔镇"))
    current["figure_period"] = "2019-06"
    row = next(r for r in doc["district"] if r["id"] == "W5")
    row["figure_period"] = "2018-12"
    page = render_html(doc, "zh")
    matrix = section(page, "matrix")
    assert re.search(r'data-status="on_track"[^>]*><span class="v"><span aria-hidden="true">'
                     r'●</span> 61\.54%</span> <span class="fp">\(2018-12\)</span></td>', matrix)
    nanxiang = re.search(r'南翔镇</a></th>(.*?)</tr>', matrix, re.S)
    assert nanxiang is not None and 'class="fp"' not in nanxiang.group(1)
    assert re.search(r'66\.1% <span class="fp">\(2018-12\)</span>', section(page, "district"))
    waigang = section(page, "organisations").split("外冈镇", 1)[1]
    assert re.search(r'61\.54%</td><td data-label="数据月份"><span class="fp">2018-12</span>',
                     waigang)


def _anchors(page: str) -> set[str]:
    return set(re.findall(r'\bid="([^"]+)"', page))


def test_every_organisation_in_ranking_and_heatmap_links_to_its_items() -> None:
    doc = fixture_doc()
    page = render_html(doc, "zh")
    ids = _anchors(page)
    for part in ("ranking", "matrix"):
        links = re.findall(r'<a href="#([^"]+)">([^<]+)</a>', section(page, part))
        assert {name for _, name in links} == {r["unit"] for r in doc["ranking"]}, part
        for anchor, name in links:
            assert anchor in ids
            block = re.search(rf'<div class="org" id="{anchor}"><h3>([^<]+)<(.*?)</div>',
                              page, re.S)
            assert block is not None and block.group(1) == name
    # 外冈镇: its three missing items and the report it owes, each with its status
    anchor = re.search(r'<a href="#([^"]+)">外冈镇</a>', section(page, "ranking"))
    assert anchor is not None
    block = page.split(f'id="{anchor.group(1)}"', 1)[1].split('<div class="org"', 1)[0]
    assert "2019-06 未报送" in block and "J3a、J3b、J7、K2019-1、W5" in block
    for item in ("J3a", "J3b", "J7"):
        assert re.search(rf'<span class="id">{item}</span>.*?data-status="missing"', block,
                         re.S), item


def test_red_and_amber_rows_say_who_from_units() -> None:
    """A district row with ``units`` lists its red and amber organisations (linked), with
    their status, figure and the month of a carried figure; green ones are not listed."""
    doc = fixture_doc()
    row = next(r for r in doc["district"] if r["id"] == "K2018-1")
    row["units"] = [
        {"unit": "马陆镇", "status": "achieved", "actual": 9.1, "figure_period": "2018-12"},
        {"unit": "外冈镇", "status": "overdue", "actual": 2.5, "figure_period": "2018-12"},
        {"unit": "华亭镇", "status": "missing", "figure_period": None},
    ]
    j5 = {"id": "J5", "title": "做实居民区联席会议制度", "measure": "milestone",
          "status": "overdue", "level": "red", "window": ["2018-01", "2018-12"],
          "units": [{"unit": "区民政局", "status": "overdue", "state": "in_progress",
                     "figure_period": "2018-12"},
                    {"unit": "南翔镇", "status": "achieved", "state": "done"}]}
    doc["district"].append(j5)
    page = render_html(doc, "zh")
    closed = section(page, "closed")
    k = re.search(r'<span class="id">K2018-1</span>(.*?)</tr>', closed, re.S)
    assert k is not None
    who = re.search(r'<ul class="who"[^>]*>(.*?)</ul>', k.group(1), re.S)
    assert who is not None
    names = re.findall(r'<a href="#org-\d+">([^<]+)</a>', who.group(1))
    assert names == ["外冈镇", "华亭镇"]
    assert "2.5 万平方米" in who.group(1) and "逾期" in who.group(1)
    assert "未报项" in who.group(1)  # 华亭镇 reported for 2019-06, without this item
    j = re.search(r'<span class="id">J5</span>(.*?)</tr>', closed, re.S)
    assert j is not None and re.search(r'>区民政局</a> <span class="status lvl-red"[^>]*>'
                                       r'.*?逾期</span> 推进中 <span class="fp">\(2018-12\)'
                                       r'</span></li>', j.group(1))
    assert "南翔镇" not in j.group(1)
    # the bureau has its own block too, reached from the row
    anchor = re.search(r'<a href="#(org-\d+)">区民政局</a>', j.group(1))
    assert anchor is not None and f'<div class="org" id="{anchor.group(1)}"><h3>区民政局' in page


def test_red_rows_say_who_from_the_heatmap_without_units() -> None:
    """Without ``units`` the organisations come from the heatmap's cells of the target."""
    doc = fixture_doc()
    row = next(r for r in doc["district"] if r["id"] == "J3a")
    row.update(status="behind", level="amber")
    page = render_html(doc, "zh")
    j = re.search(r'<span class="id">J3a</span>(.*?)</tr>', section(page, "district"), re.S)
    assert j is not None
    names = re.findall(r'<a href="#org-\d+">([^<]+)</a>', j.group(1))
    assert names == ["外冈镇"]
    green = re.search(r'<span class="id">J3b</span>(.*?)</tr>', section(page, "district"), re.S)
    assert green is not None and 'class="who"' not in green.group(1)  # on track: not listed


def test_one_word_per_idea() -> None:
    """迟报 for a late report, 未报送 for a missing report, 未报项 for owed items."""
    page = render_html(fixture_doc(), "zh")
    assert "逾期报送" not in page
    assert re.search(r'<section id="late"><h2>迟报</h2>', page)
    assert re.search(r'<section id="missing"><h2>未报送</h2>', page)
    assert re.search(r'<th scope="col">未报项</th></tr></thead>', section(page, "missing"))
    assert '<th scope="col" class="num">未报项</th>' in section(page, "ranking")
    english = render_html(fixture_doc(), "en")
    assert ">Late reports</h2>" in english and ">Items not reported</th>" in english


def test_empty_sections_are_one_line_and_left_off_paper() -> None:
    doc = fixture_doc()
    doc["errors"], doc["warnings"] = [], []
    page = render_html(doc, "zh")
    assert re.search(r'<section id="findings" class="empty-section"><h2>校验问题 '
                     r'<span class="none">无</span></h2></section>', page)
    assert re.search(r"@media print\s*\{[^@]*section\.empty-section[^{]*\{\s*display:\s*none",
                     page)
    assert re.search(r'class="screen-only">悬停', page)
    assert re.search(r"@media print\s*\{[^@]*\.screen-only[^{]*\{\s*display:\s*none", page)


def test_page_labels_are_in_both_languages() -> None:
    from meilijiayuan.messages.labels import LABELS
    for key, (zh, en) in LABELS.items():
        assert zh and en, key
        assert not re.search(r"[\u4e00-\u9fff]", en), key


# --- layout and paper, measured in a real browser -----------------------------------------

# Runs in a harness page around an <iframe> of exactly the width under test (the iframe's
# srcdoc is the dashboard, so the harness may read its DOM); writes what it measured into
# the harness's root element for --dump-dom.
_PROBE = """
window.addEventListener('load', function () {
  var win = document.getElementById('page').contentWindow, d = win.document;
  if (OPEN) { [].forEach.call(d.querySelectorAll('details'), function (x) { x.open = true; }); }
  setTimeout(function () {
  var vw = d.documentElement.clientWidth;
  var out = {vw: vw, drawn: d.documentElement.getAttribute('data-charts-drawn')};
  function boxed(e) {
    for (var p = e.parentElement; p && p !== d.body; p = p.parentElement) {
      var s = win.getComputedStyle(p).overflowX;
      if (s === 'auto' || s === 'scroll') { return true; }
    }
    return false;
  }
  var lefts = {}, cards = [];
  [].forEach.call(d.querySelectorAll(CARDS), function (c) {
    var r = c.getBoundingClientRect(), ch = c.querySelector('.chart');
    var cv = c.querySelector('.chart canvas');
    lefts[Math.round(r.left)] = 1;
    cards.push({card: r.width, chart: ch.getBoundingClientRect().width,
                canvas: cv ? cv.getBoundingClientRect().width : 0});
  });
  out.columns = Object.keys(lefts).length;
  out.cards = cards;
  // in each chart's table, how far the status of a month sits from that month's figure
  // (right edges of their text)
  var misaligned = [];
  [].forEach.call(d.querySelectorAll('#trend table.chart-data'), function (table) {
    var rows = table.querySelectorAll('tbody tr');
    var figures = rows[0].querySelectorAll('td');
    var statuses = rows[rows.length - 1].querySelectorAll('td');
    for (var i = 0; i < figures.length; i++) {
      var s = statuses[i].querySelector('.status');
      if (!s || !figures[i].textContent.trim()) { continue; }
      var range = d.createRange();
      range.selectNodeContents(figures[i]);
      var gap = Math.abs(range.getBoundingClientRect().right - s.getBoundingClientRect().right);
      if (gap > 2) { misaligned.push(figures[i].textContent.trim() + ' ' + Math.round(gap)); }
    }
  });
  out.misaligned = misaligned.slice(0, 20);
  var wide = [], narrow = [];
  [].forEach.call(d.body.querySelectorAll('*'), function (e) {
    var r = e.getBoundingClientRect();
    if (r.width === 0 || boxed(e)) { return; }
    if (r.right > vw + 0.5 || r.left < -0.5) {
      wide.push(e.tagName + '.' + e.className + ' ' + Math.round(r.left) + '..' +
                Math.round(r.right));
    }
    if ((e.tagName === 'TD' || e.tagName === 'TH') && e.textContent.trim().length > 6 &&
        r.width < 64) {
      narrow.push(e.textContent.trim().slice(0, 12) + ' ' + Math.round(r.width));
    }
  });
  out.wide = wide.slice(0, 20);
  out.narrow = narrow.slice(0, 20);
  document.documentElement.setAttribute('data-layout', JSON.stringify(out));
}, 300); });
"""


def layout(text: str, width: int, tmp: Path, *, cards: str = "#trend figure.chart-card",
           unfold: bool = False) -> dict[str, Any]:
    """Measure the page at ``width`` CSS pixels (scroll bar included, as on a desktop):
    the chart cards ``cards``, after opening every <details> when ``unfold``."""
    probe = _PROBE.replace("OPEN", json.dumps(unfold)).replace("CARDS", json.dumps(cards))
    harness = tmp / f"harness-{width}.html"
    harness.write_text(
        '<!DOCTYPE html><html><head><meta charset="utf-8"><style>body{margin:0}'
        'iframe{border:0;display:block}</style></head><body>'
        f'<iframe id="page" style="width:{width}px;height:900px" '
        f'srcdoc="{escape(text, quote=True)}"></iframe><script>{probe}</script>'
        "</body></html>", encoding="utf-8")
    root = Elements(dump_dom(harness, tmp)).root()
    found: dict[str, Any] = json.loads(root.get("data-layout") or "null")
    assert found is not None, "the probe did not run"
    return found


@needs_chromium
def test_two_chart_columns_at_1280_each_chart_filling_its_card(
        sample_run: tuple[Path, int, dict[str, Any]], tmp_path: Path) -> None:
    found = layout(sample_run[0].read_text(encoding="utf-8"), 1280, tmp_path)
    assert found["vw"] <= 1280 and found["drawn"] != "0"
    assert found["columns"] >= 2, found
    assert found["misaligned"] == [], found["misaligned"]  # 状态 under each month's figure
    for card in found["cards"]:
        assert card["canvas"] >= card["chart"] - 1, card  # the chart is as wide as its box
        assert card["chart"] >= card["card"] - 40, card  # and its box fills the card
    assert found["wide"] == [], found["wide"]


@needs_chromium
def test_nothing_wider_than_a_phone_outside_scroll_boxes(
        sample_run: tuple[Path, int, dict[str, Any]], tmp_path: Path) -> None:
    found = layout(sample_run[0].read_text(encoding="utf-8"), 390, tmp_path)
    assert found["vw"] <= 390
    assert found["wide"] == [], found["wide"]
    assert found["narrow"] == [], found["narrow"]  # no title column two characters wide
    for card in found["cards"]:
        assert card["canvas"] <= card["card"], card


@needs_chromium
def test_phone_layout_of_a_page_with_errors_and_carried_figures(tmp_path: Path) -> None:
    doc = fixture_doc()
    doc["errors"] = [{"file": "data/reports/2019-06/" + "很长的文件名" * 8 + ".yaml",
                      "line": 1, "column": 1, "severity": "error", "code": "bad-number",
                      "message": "不是数字" * 10, "hint": "写成数字" * 10}]
    for c in doc["matrix"]["cells"]:
        c["figure_period"] = "2018-12"
    found = layout(render_html(doc, "zh"), 390, tmp_path)
    assert found["wide"] == [], found["wide"]
    assert found["narrow"] == [], found["narrow"]


def _pdf_pages(pdf: Path) -> list[tuple[str, float]]:
    """Each page's text (pdftotext) and how far down its lowest ink reaches (0..1, from a
    24 dpi greyscale rendering by pdftoppm)."""
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    count = int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.M).group(1))  # type: ignore[union-attr]
    pages = []
    for n in range(1, count + 1):
        text = subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), str(pdf), "-"],
                              capture_output=True, text=True, check=True).stdout
        grey = subprocess.run(["pdftoppm", "-f", str(n), "-l", str(n), "-r", "24", "-gray",
                               str(pdf)], capture_output=True, check=True).stdout
        magic, size, _depth, pixels = grey.split(b"\n", 3)
        assert magic == b"P5"
        width, height = (int(v) for v in size.split())
        inked = [row for row in range(height)
                 if min(pixels[row * width:(row + 1) * width]) < 200]
        pages.append((text, (inked[-1] + 1) / height if inked else 0.0))
    return pages


needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None,
    reason="no poppler-utils (Debian: apt-get install poppler-utils); .ci/run installs it",
)


@needs_chromium
@needs_poppler
def test_printed_pages_all_carry_content(sample_run: tuple[Path, int, dict[str, Any]],
                                         tmp_path: Path) -> None:
    """Printed to A4: no page holds only an empty section or a footer, no page but the last
    is more than a third blank at its foot, and the hover help is not printed."""
    pdf = tmp_path / "dash.pdf"
    done = browse(sample_run[0], tmp_path, f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
    assert done.returncode == 0, done.stderr[-2000:]
    pages = _pdf_pages(pdf)
    assert len(pages) >= 3
    for n, (_, foot) in enumerate(pages[:-1], 1):
        assert foot >= 0.65, (n, foot)
    for n, (text, _) in enumerate(pages, 1):
        assert len(re.sub(r"\s", "", text)) >= 30, (n, text)
        assert "悬停" not in text, n
        assert not re.search(r"校验问题\s*无", text), n
    # a table carried over to the next page repeats its header there: the closed targets'
    # table (rows with the 2018 window) spans two pages
    closed = [text for text, _ in pages if "2018-01–2018-12" in text]
    assert len(closed) >= 2
    for text in closed:
        assert "滞后pp" in text and "编号" in text
    everything = "".join(text for text, _ in pages)
    assert "K2019-1" in everything and "外冈镇" in everything


@needs_chromium
def test_charts_are_drawn_when_a_folded_section_opens(
        sample_run: tuple[Path, int, dict[str, Any]], tmp_path: Path) -> None:
    """A closed target's chart, drawn while folded, fills its card once opened."""
    text = sample_run[0].read_text(encoding="utf-8")
    found = layout(text, 1280, tmp_path, cards="#closed figure.chart-card", unfold=True)
    assert found["drawn"] == str(len(re.findall(r'data-trend="', text)))
    assert len(found["cards"]) == 7  # the 2018 quantity and rate targets
    assert found["columns"] >= 2
    for card in found["cards"]:
        assert abs(card["canvas"] - card["chart"]) <= 1, card


def test_a_red_total_judged_for_the_district_lists_every_contribution() -> None:
    """K2018-1 (a quantity without allocation) is overdue for the district while no town is
    red: the row lists each organisation's contribution and its month."""
    doc = fixture_doc()
    row = next(r for r in doc["district"] if r["id"] == "K2018-1")
    row["units"] = [
        {"unit": "马陆镇", "status": "ongoing", "actual": 5.9, "figure_period": "2018-12"},
        {"unit": "江桥镇", "status": "ongoing", "actual": 8, "figure_period": "2018-12"},
    ]
    page = render_html(doc, "zh")
    k = re.search(r'<span class="id">K2018-1</span>(.*?)</tr>', section(page, "closed"), re.S)
    assert k is not None
    items = re.findall(r"<li>(.*?)</li>", k.group(1))
    assert [re.sub(r"<[^>]+>", "", i) for i in items] == [
        "马陆镇 Σ 计入全区 5.9 万平方米 (2018-12)", "江桥镇 Σ 计入全区 8 万平方米 (2018-12)"]
    green = next(r for r in doc["district"] if r["id"] == "K2018-4")
    green["units"] = row["units"]
    page = render_html(doc, "zh")
    k4 = re.search(r'<span class="id">K2018-4</span>(.*?)</tr>', section(page, "closed"), re.S)
    assert k4 is not None and "<li>" not in k4.group(1)  # achieved: nobody to name


def test_figure_month_column_only_where_the_document_has_months() -> None:
    doc = fixture_doc()
    assert '<th scope="col">数据月份</th>' not in section(render_html(doc, "zh"), "organisations")
    for c in doc["matrix"]["cells"]:
        c["figure_period"] = "2019-06"
    orgs = section(render_html(doc, "zh"), "organisations")
    # every organisation but 外冈镇, which has no figure (a month names a figure's report)
    assert orgs.count('<th scope="col">数据月份</th>') == len(doc["matrix"]["units"]) - 1
    assert re.search(r'%</td><td data-label="数据月份">2019-06</td>', orgs)


def test_a_missing_item_reads_unreported_report_or_unreported_item() -> None:
    """外冈镇 sent no report: its items read 未报送; 马陆镇 sent one without J7: 未报项."""
    doc = fixture_doc()
    cell = next(c for c in doc["matrix"]["cells"] if (c["id"], c["unit"]) == ("J7", "马陆镇"))
    cell.update(status="missing", level="red", actual=None)
    page = render_html(doc, "zh")
    matrix = section(page, "matrix")
    row = re.search(r">马陆镇</a></th>(.*?)</tr>", matrix, re.S)
    assert row is not None and "? 未报项" in re.sub(r"<[^>]+>", "", row.group(1))
    row = re.search(r">外冈镇</a></th>(.*?)</tr>", matrix, re.S)
    assert row is not None
    text = re.sub(r"<[^>]+>", "", row.group(1))
    assert "未报送" in text and "未报项" not in text
    assert '<span class="lvl-red">? 未报项</span>' in matrix  # in the legend too


# --- one figure, one label; every count says what it counts -------------------------------


def _text(fragment: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", fragment)).strip()


def _row(part: str, ident: str) -> str:
    m = re.search(rf'<span class="id">{re.escape(ident)}</span>(.*?)</tr>', part, re.S)
    assert m is not None, ident
    return m.group(1)


def test_a_share_reads_the_same_in_the_closed_table_and_the_organisation_block(
        sample_run: tuple[Path, int, dict[str, Any]]) -> None:
    """新成路街道's K2018-1 3.64 万平方米 is a share of a total judged for the district only
    (docs/evaluation.md): Σ 计入全区 under the red row and in its own block, as in the
    台账 and the 通报, never a bare Σ or a status of its own."""
    page = sample_run[0].read_text(encoding="utf-8")
    items = re.findall(r"<li>(.*?)</li>", _row(section(page, "closed"), "K2018-1"))
    assert _text(items[0]) == "新成路街道 Σ 计入全区 3.64 万平方米 (2018-12)"
    assert all("Σ 计入全区" in _text(i) for i in items) and len(items) == 12
    block = re.search(r'<div class="org" id="org-1"><h3>新成路街道(.*?)</div>',
                      section(page, "organisations"), re.S)
    assert block is not None
    assert _text(_row(block.group(1), "K2018-1")).startswith("完成各类旧住房改造60万平方米 "
                                                             "Σ 计入全区 已结束 3.64 万平方米")


def test_district_table_shows_reporters_ratio_and_milestone_state(
        sample_run: tuple[Path, int, dict[str, Any]]) -> None:
    """As the terminal: 报送 n/m (short of all is marked: closed K2018-1b counts 11 of 12),
    a rate's (numerator/denominator), and a milestone's state under 实际."""
    page = sample_run[0].read_text(encoding="utf-8")
    district = section(page, "district")
    assert '<th scope="col" class="num">报送</th></tr></thead>' in district
    k1 = _row(district, "K2019-1")
    # 外冈镇's 2018-12 rate is its current level, carried: all 12 count
    assert '<td class="num" data-label="实际">77.04% (245/318)</td>' in k1
    assert ('<td class="num" data-label="报送"><span class="reporters" '
            'title="12 个应报单位中 12 个有数字计入">12/12</span></td>') in k1
    assert re.search(r'<span class="reporters" title="[^"]*">12/12</span>', _row(district, "J3a"))
    # not yet owed: not marked
    assert re.search(r'<span class="reporters" title="[^"]*">0/12</span>',
                     _row(district, "K2020-3"))
    assert '<td class="num" data-label="实际">推进中</td>' in _row(district, "K2019-2")
    assert '<td class="num" data-label="实际">受阻</td>' in _row(district, "K2019-4")
    closed = section(page, "closed")
    assert '71.07% (226/318) <span class="fp">(2018-12)</span>' in _row(closed, "K2018-2")
    assert ('<span class="reporters short" title="12 个应报单位中 11 个有数字计入">11/12</span>'
            in _row(closed, "K2018-1b"))


def test_organisation_counts_say_they_count_open_targets(
        sample_run: tuple[Path, int, dict[str, Any]]) -> None:
    """华亭镇 红 0 黄 0 绿 3 counts its open targets (the ranking's rule); its overdue J5 and
    J13 under it are of closed targets, and say so."""
    page = sample_run[0].read_text(encoding="utf-8")
    orgs = section(page, "organisations")
    block = re.search(r'<h3>华亭镇(.*?)</div>', orgs, re.S)
    assert block is not None
    assert _text(block.group(1)).startswith("进行中的目标： 红 0 黄 0 绿 3 未报项 0")
    for ident in ("J5", "J13"):
        assert "✖ 逾期 已结束" in _text(_row(block.group(1), ident))
    assert "已结束" not in _text(_row(block.group(1), "J3a"))


def test_summary_cards_say_what_they_count_and_the_missing_report_is_counted(
        sample_run: tuple[Path, int, dict[str, Any]]) -> None:
    """The card "? 未报送 0" counts district targets; 外冈镇's missing report is counted on
    the line under the cards, as in the missing-reports list."""
    page = sample_run[0].read_text(encoding="utf-8")
    summary = section(page, "summary")
    assert '<p class="note">下列卡片按状态统计全区目标，每项目标计一次。</p>' in summary
    assert ('<p class="reports-line lvl-red">报表：1 个单位未报送（<a href="#missing">'
            "外冈镇</a>）；0 份迟报。</p>") in summary
    # the colours of the open and the closed targets apart, as the two tables: the red 10
    # are all closed, so the open table's "no red" is not contradicted
    levels = re.search(r'<p class="levels">(.*?)</p>', summary, re.S)
    assert levels is not None
    assert _text(levels.group(1)) == ("共 37 项全区目标（ 其中 21 项已结束 ） 进行中： 绿 9 黄 1 "
                                      "红 0 已结束： 绿 11 黄 0 红 10")
    english = section(render_html(sample_run[2], "en"), "summary")
    assert "Reports: 1 not received (<a href=\"#missing\">外冈镇</a>); 0 late." in english
    quiet = fixture_doc()
    quiet["missing_reports"] = []
    assert '<p class="reports-line">报表：0 个单位未报送；' in section(render_html(quiet, "zh"),
                                                                  "summary")
