/* mljy dashboard: draws each trend chart with uPlot from the embedded status document.
 * Nothing is judged here: every number comes from the document (#mljy-data) as the
 * evaluator wrote it; this script only places the numbers on a month axis. */
(function () {
  "use strict";

  var doc = JSON.parse(document.getElementById("mljy-data").textContent);
  var words = JSON.parse(document.getElementById("mljy-labels").textContent);
  var COLORS = { actual: "#1d4ed8", expected: "#c2410c", plan: "#6b7280", target: "#b91c1c" };
  var HEIGHT = 240; // on screen; on paper charts are lower so a page holds more of them
  var PRINT_HEIGHT = 140;
  var FALLBACK = 560; // the width of a chart drawn while hidden (a folded section)

  // A month "YYYY-MM" as a number of months; a figure of month m is as of its end, so the
  // start of a window [s, e] sits at index(s) - 1 and the plan line runs from there to e.
  function index(period) {
    return Number(period.slice(0, 4)) * 12 + Number(period.slice(5, 7)) - 1;
  }

  function month(i) {
    var m = (i % 12) + 1;
    return Math.floor(i / 12) + "-" + (m < 10 ? "0" : "") + m;
  }

  function num(x) {
    return x == null ? "" : String(Math.round(x * 100) / 100);
  }

  // the months labelled on the axis: the window's start and end and the months with a
  // figure, each at least LABEL px from the one before it (the window's end always shown)
  var LABEL = 78;
  function ticks(start, end, periods, width, min, max) {
    var all = [start, end].concat(periods).sort(function (a, b) { return a - b; });
    var unique = all.filter(function (v, i) { return i === 0 || v !== all[i - 1]; });
    var perMonth = Math.max(1, width - 60) / Math.max(1, max - min); // the y axis takes ~60 px
    var last = unique[unique.length - 1];
    var kept = [];
    for (var i = 0; i < unique.length; i++) {
      var v = unique[i];
      var clearBefore = kept.length === 0 || (v - kept[kept.length - 1]) * perMonth >= LABEL;
      var clearAfter = v === last || (last - v) * perMonth >= LABEL;
      if (clearBefore && clearAfter) {
        kept.push(v);
      }
    }
    return kept;
  }

  function series(label, color, extra) {
    var s = { label: label, stroke: color, width: 2, spanGaps: true,
              value: function (u, v) { return num(v); } };
    for (var k in extra) {
      s[k] = extra[k];
    }
    return s;
  }

  function draw(el, trend) {
    var start = index(trend.window[0]) - 1;
    var end = index(trend.window[1]);
    var points = trend.points.map(function (p) { return index(p.period); });
    // the axis spans the window and the months with a figure (not months before it opens)
    var shown = points.filter(function (x, i) {
      return trend.points[i].actual != null || trend.points[i].expected != null;
    });
    var last = Math.max.apply(null, [end].concat(shown));
    var first = Math.min.apply(null, [start].concat(shown));
    var xs = [first, start, end, last].concat(shown)
      .sort(function (a, b) { return a - b; })
      .filter(function (v, i, a) { return i === 0 || v !== a[i - 1]; });
    var baseline = trend.baseline == null ? 0 : trend.baseline;
    var at = function (x, by) {
      var i = points.indexOf(x);
      return i < 0 ? null : by(trend.points[i]);
    };
    var actual = xs.map(function (x) { return at(x, function (p) { return p.actual; }); });
    var expected = xs.map(function (x) { return at(x, function (p) { return p.expected; }); });
    var plan = xs.map(function (x) {
      return x === start ? baseline : x === end || x === last ? trend.target : null;
    });
    var target = xs.map(function (x) { return x === first || x === last ? trend.target : null; });
    var values = [baseline, trend.target].concat(actual, expected)
      .filter(function (v) { return v != null; });
    var top = Math.max.apply(null, values);
    var bottom = Math.min(0, Math.min.apply(null, values));
    var opts = {
      width: el.clientWidth || FALLBACK,
      height: HEIGHT,
      legend: { live: false },
      cursor: { show: true, drag: { x: false, y: false } },
      scales: {
        x: { time: false, range: [first - 0.3, last + 0.3] },
        y: { range: [bottom, top * 1.08 || 1] }
      },
      axes: [
        { splits: function (u, axis, min, max) { return ticks(start, end, shown, u.width, min, max); },
          values: function (u, vals) {
            return vals.map(function (v) { return v === start ? words.start + trend.window[0] : month(v); });
          },
          font: "11px sans-serif" },
        { size: 48, font: "11px sans-serif",
          values: function (u, vals) { return vals.map(num); } }
      ],
      series: [
        { label: words.month, value: function (u, v) { return v == null ? "" : month(v); } },
        series(words.actual, COLORS.actual, { width: 2.5, points: { show: true, size: 8 } }),
        series(words.expected, COLORS.expected,
               { dash: [6, 4], points: { show: true, size: 7, fill: "#fff" } }),
        series(words.plan, COLORS.plan, { width: 1, dash: [2, 3], points: { show: false } }),
        series(words.target, COLORS.target, { width: 1.5, dash: [10, 4], points: { show: false } })
      ]
    };
    return new uPlot(opts, [xs, actual, expected, plan, target], el);
  }

  // each chart fills its card: redrawn at the card's width when the window or the paper
  // changes, and when a folded section opens
  var plots = [];
  function fit(height) {
    for (var j = 0; j < plots.length; j++) {
      var w = plots[j].el.clientWidth;
      if (w > 0) {
        plots[j].plot.setSize({ width: w, height: height });
      }
    }
  }
  var printing = window.matchMedia ? window.matchMedia("print") : null;
  function refit() {
    fit(printing && printing.matches ? PRINT_HEIGHT : HEIGHT);
  }

  var drawn = 0;
  var failed = 0;
  var charts = document.querySelectorAll(".chart[data-trend]");
  for (var i = 0; i < charts.length; i++) {
    var el = charts[i];
    try {
      plots.push({ el: el, plot: draw(el, doc.trend[Number(el.getAttribute("data-trend"))]) });
      drawn += 1;
    } catch (err) {
      failed += 1;
      el.setAttribute("data-chart-error", String(err));
      el.textContent = words.failed;
    }
  }
  var pending = 0;
  window.addEventListener("resize", function () {
    window.cancelAnimationFrame(pending);
    pending = window.requestAnimationFrame(refit);
  });
  if (printing && printing.addEventListener) {
    printing.addEventListener("change", refit);
  }
  window.addEventListener("beforeprint", function () { fit(PRINT_HEIGHT); });
  window.addEventListener("afterprint", refit);
  var folds = document.querySelectorAll("details");
  for (var d = 0; d < folds.length; d++) {
    folds[d].addEventListener("toggle", refit);
  }
  document.documentElement.setAttribute("data-charts-drawn", String(drawn));
  document.documentElement.setAttribute("data-charts-failed", String(failed));
})();
