/// `/portal/static/charts.js`: draws a page's charts with chart.js (`/portal/static/chart.js`, Debian's
/// libjs-chart.js) from the JSON its `[data-charts]` element names (`PortalCharts`). Every text is set as text;
/// a chart without data says so instead. Times are shown in UTC.
enum ChartsScript {
    static let javascript = #"""
    (function () {
      "use strict";
      var section = document.querySelector("[data-charts]");
      if (!section) { return; }
      function failed() {
        var note = section.querySelector(".chart-failed");
        if (note) { note.hidden = false; }
        section.setAttribute("data-loaded", "failed");
      }
      if (typeof Chart === "undefined") { failed(); return; }
      function two(n) { return (n < 10 ? "0" : "") + n; }
      function clock(ms) { var d = new Date(ms); return two(d.getUTCHours()) + ":" + two(d.getUTCMinutes()); }
      function number(value) {
        var abs = Math.abs(value);
        return value.toFixed(abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3);
      }
      var hour = 3600 * 1000;
      // A dashed vertical line at "now": measured values end there, the plan's go on.
      var nowLine = {
        id: "nowLine",
        afterDatasetsDraw: function (chart, args, options) {
          var x = chart.scales.x;
          if (options.at === undefined || options.at < x.min || options.at > x.max) { return; }
          var px = x.getPixelForValue(options.at);
          var area = chart.chartArea;
          var ctx = chart.ctx;
          ctx.save();
          ctx.strokeStyle = "#5f6b7a";
          ctx.setLineDash([3, 3]);
          ctx.lineWidth = 1;
          ctx.beginPath();
          ctx.moveTo(px, area.top);
          ctx.lineTo(px, area.bottom);
          ctx.stroke();
          ctx.setLineDash([]);
          ctx.fillStyle = "#5f6b7a";
          ctx.font = "11px system-ui, sans-serif";
          // Right of the line when it is near the left edge (the axis's labels are there).
          var left = px - area.left < 36;
          ctx.textAlign = left ? "left" : "right";
          ctx.fillText("now", left ? px + 4 : px - 4, area.top + 11);
          ctx.restore();
        }
      };

      function draw(spec) {
        var figure = section.querySelector('[data-chart="' + spec.id + '"]');
        if (!figure) { return; }
        var points = 0;
        spec.series.forEach(function (s) { s.points.forEach(function (p) { if (p[1] !== null) { points += 1; } }); });
        figure.setAttribute("data-points", String(points));
        if (points === 0) {
          figure.querySelector(".chart-box").hidden = true;
          var empty = figure.querySelector(".chart-empty");
          empty.textContent = spec.empty;
          empty.hidden = false;
          return;
        }
        var units = { y: spec.unit, y2: spec.rightUnit || "" };
        var scales = {
          x: {
            type: "linear", min: spec.from, max: spec.to,
            afterBuildTicks: function (axis) {
              var step = (axis.chart.width < 500 ? 6 : 3) * hour;
              var ticks = [];
              for (var v = Math.ceil(axis.min / step) * step; v <= axis.max; v += step) { ticks.push({ value: v }); }
              axis.ticks = ticks;
            },
            ticks: { callback: function (value) { return clock(value); }, maxRotation: 0 }
          },
          y: { title: { display: true, text: spec.unit } }
        };
        if (spec.rightUnit) {
          scales.y2 = { position: "right", min: 0, grid: { drawOnChartArea: false }, title: { display: true, text: spec.rightUnit } };
          if (spec.rightMax !== undefined && spec.rightMax !== null) { scales.y2.max = spec.rightMax; }
        }
        var datasets = spec.series.map(function (s) {
          return {
            label: s.label, yAxisID: s.axis, borderColor: s.color, backgroundColor: s.color,
            data: s.points.map(function (p) { return { x: p[0], y: p[1] }; }),
            stepped: s.stepped ? "after" : false, borderDash: s.dashed ? [6, 4] : [], borderWidth: 2,
            pointRadius: 0, pointHitRadius: 6, spanGaps: false, tension: 0
          };
        });
        new Chart(figure.querySelector("canvas"), {
          type: "line",
          plugins: [nowLine],
          data: { datasets: datasets },
          options: {
            responsive: true, maintainAspectRatio: false, animation: false,
            interaction: { mode: "nearest", axis: "x", intersect: false },
            plugins: {
              nowLine: { at: spec.now },
              legend: { position: "bottom", labels: { boxWidth: 12, boxHeight: 2 } },
              tooltip: {
                callbacks: {
                  title: function (items) { return items.length ? clock(items[0].parsed.x) + " UTC" : ""; },
                  label: function (item) {
                    return item.dataset.label + ": " + number(item.parsed.y) + " " + units[item.dataset.yAxisID];
                  }
                }
              }
            },
            scales: scales
          }
        });
      }

      fetch(section.getAttribute("data-charts"), { credentials: "same-origin", headers: { "Accept": "application/json" } })
        .then(function (response) {
          if (response.status === 401) {
            window.location.href = "/portal/login?expired=1&next=" + encodeURIComponent(window.location.pathname);
            throw new Error("signed out");
          }
          if (!response.ok) { throw new Error("HTTP " + response.status); }
          return response.json();
        })
        .then(function (data) {
          data.charts.forEach(draw);
          section.setAttribute("data-loaded", "true");
        })
        .catch(failed);
    })();
    """#
}
