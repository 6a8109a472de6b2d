/* The leader's dashboard charts, drawn with the vendored Chart.js (no network).
 *
 * The numbers come from the server, as the domain computed them, through Django's json_script
 * (<script id="dashboard-data" type="application/json">); nothing is recomputed here. Each chart
 * has the same numbers in a table below it (a <details>, open without JavaScript, closed once the
 * chart is drawn). Colours carry a text label too: legends, numbers on the bars, ✓/✗ words.
 */
(function () {
  "use strict";

  var lang = document.documentElement.lang || "vi";
  var fmt = new Intl.NumberFormat(lang, { maximumFractionDigits: 2 });

  function css(name, fallback) {
    var v = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
    return v || fallback;
  }

  function palette() {
    return {
      red: css("--bad", "#a30000"),
      amber: css("--warn", "#8a5a00"),
      green: css("--ok", "#1b6e20"),
      grey: "#9e9e9e",
      fg: css("--fg", "#111"),
      line: css("--line", "#bbb"),
      brand: css("--link", "#0b4fa3"),
    };
  }

  function font(weight, size) {
    return weight + " " + size + "px " + Chart.defaults.font.family;
  }

  function narrow() {
    return window.matchMedia("(max-width: 700px)").matches;
  }

  function short(text, max) {
    return text.length > max ? text.slice(0, max - 1) + "…" : text;
  }

  // Numbers written on the bars (inside a segment when it is wide enough, else after the bar).
  var barLabels = {
    id: "kehoachBarLabels",
    afterDatasetsDraw: function (chart, _args, opts) {
      var ctx = chart.ctx;
      ctx.save();
      ctx.font = font("bold", opts.size || 16);
      ctx.textBaseline = "middle";
      chart.data.datasets.forEach(function (ds, di) {
        var meta = chart.getDatasetMeta(di);
        if (meta.hidden || meta.type !== "bar") return;
        meta.data.forEach(function (bar, i) {
          var value = ds.data[i];
          if (value === null || value === undefined || (opts.stacked && !value)) return;
          var text = fmt.format(value) + (ds.suffix || "");
          var width = ctx.measureText(text).width;
          var left = Math.min(bar.base, bar.x), right = Math.max(bar.base, bar.x);
          if (opts.stacked) {
            if (right - left < width + 8) return; // too narrow: the tooltip and table have it
            ctx.fillStyle = ds.textColour || "#fff";
            ctx.textAlign = "center";
            ctx.fillText(text, (left + right) / 2, bar.y);
          } else if (right + 8 + width > chart.width && right - left > width + 12) {
            ctx.fillStyle = "#fff"; // no room after the bar: write inside its end
            ctx.textAlign = "right";
            ctx.fillText(text, right - 6, bar.y);
          } else {
            ctx.fillStyle = opts.colour;
            ctx.textAlign = "left";
            ctx.fillText(text, right + 6, bar.y);
          }
        });
      });
      if (opts.zero) {
        // A unit without tasks gets a written "0 tasks" rather than an empty row.
        var meta0 = chart.getDatasetMeta(0);
        ctx.font = font("normal", opts.size || 16);
        ctx.fillStyle = opts.colour;
        ctx.textAlign = "left";
        opts.zero.totals.forEach(function (total, i) {
          if (!total && meta0.data[i]) {
            ctx.fillText("0 " + opts.zero.word, chart.chartArea.left + 6, meta0.data[i].y);
          }
        });
      }
      ctx.restore();
    },
  };

  // The target of an indicator: a thick dashed vertical line with its text above the bar.
  var targetLine = {
    id: "kehoachTarget",
    afterDatasetsDraw: function (chart, _args, opts) {
      if (opts.value === null || opts.value === undefined) return;
      var x = chart.scales.x.getPixelForValue(opts.value);
      var area = chart.chartArea, ctx = chart.ctx;
      ctx.save();
      ctx.strokeStyle = opts.colour;
      ctx.lineWidth = 3;
      ctx.setLineDash([6, 4]);
      ctx.beginPath();
      ctx.moveTo(x, area.top);
      ctx.lineTo(x, area.bottom);
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.fillStyle = opts.colour;
      ctx.font = font("bold", 16);
      ctx.textBaseline = "bottom";
      var text = opts.text;
      var w = ctx.measureText(text).width;
      ctx.textAlign = x + w / 2 > chart.width ? "right" : x - w / 2 < 0 ? "left" : "center";
      ctx.fillText(text, x, area.top - 2);
      ctx.restore();
    },
  };

  // On a phone the unit names go above their bars, full width, instead of a squeezed axis.
  var namesAbove = {
    id: "kehoachNamesAbove",
    afterDatasetsDraw: function (chart, _args, opts) {
      if (!opts.names) return;
      var ctx = chart.ctx, meta = chart.getDatasetMeta(0);
      ctx.save();
      ctx.font = font("600", 17);
      ctx.fillStyle = opts.colour;
      ctx.textAlign = "left";
      ctx.textBaseline = "bottom";
      meta.data.forEach(function (bar, i) {
        var max = chart.chartArea.right - chart.chartArea.left;
        var name = opts.names[i], tail = (opts.suffix ? opts.suffix[i] : "") + (opts.drill[i] ? " ›" : "");
        var text = name + tail;
        while (name.length > 4 && ctx.measureText(text).width > max) {
          name = name.slice(0, -1);
          text = name + "…" + tail;
        }
        ctx.fillText(text, chart.chartArea.left, bar.y - bar.height / 2 - 3);
      });
      ctx.restore();
    },
  };

  // A little air between the legend and the first row of bars.
  var legendGap = {
    id: "kehoachLegendGap",
    beforeInit: function (chart) {
      var fit = chart.legend.fit;
      chart.legend.fit = function () {
        fit.call(this);
        this.height += 14;
      };
    },
  };

  function baseOptions(c) {
    return {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      indexAxis: "y",
      layout: { padding: { right: 40 } },
      plugins: {
        legend: { display: false },
        tooltip: { titleFont: { size: 16 }, bodyFont: { size: 16 }, padding: 10 },
        kehoachBarLabels: { colour: c.fg, size: 17 },
      },
      scales: {
        x: {
          beginAtZero: true,
          ticks: { color: c.fg, font: { size: 15 }, precision: 0 },
          grid: { color: c.line },
        },
        y: { ticks: { color: c.fg, font: { size: 16 } }, grid: { display: false } },
      },
    };
  }

  function plansChart(canvas, data, c) {
    var opts = baseOptions(c);
    opts.scales.x.ticks.display = false;
    opts.scales.x.grid.display = false;
    opts.scales.x.border = { display: false };
    return new Chart(canvas, {
      type: "bar",
      data: {
        labels: data.plans.map(function (p) { return p.label; }),
        datasets: [{
          label: data.text.plans,
          data: data.plans.map(function (p) { return p.count; }),
          backgroundColor: c.brand,
          maxBarThickness: 34,
        }],
      },
      options: opts,
      plugins: [barLabels],
    });
  }

  function ragChart(canvas, data, c) {
    var units = data.rag.units;
    function progressText(u, brief) {
      if (u.progress === null || u.progress === undefined) return "";
      var pct = fmt.format(Math.round(u.progress * 10) / 10) + "%";
      return brief ? data.text.progress_short + " " + pct : data.text.progress + ": " + pct;
    }
    var small = narrow();
    var datasets = data.rag.colours.map(function (colour, k) {
      return {
        label: colour.label,
        key: colour.key,
        data: units.map(function (u) { return u.counts[k]; }),
        backgroundColor: c[colour.key],
        textColour: colour.key === "grey" ? "#000" : "#fff",
        borderColor: "#fff",
        borderWidth: { right: 2 },
        maxBarThickness: 40,
      };
    }).filter(function (ds) {
      // "Not tracked" only when some unit has such tasks; the three colours always.
      return ds.key !== "grey" || ds.data.some(function (n) { return n > 0; });
    });
    var opts = baseOptions(c);
    opts.layout.padding.right = 10;
    opts.scales.x.stacked = true;
    opts.scales.y.stacked = true;
    if (small) {
      opts.scales.y.display = false;
      opts.plugins.kehoachNamesAbove = {
        names: units.map(function (u) { return u.name; }),
        // Kept whole while the name is shortened to fit.
        suffix: units.map(function (u) { return progressText(u, true) ? " · " + progressText(u, true) : ""; }),
        drill: units.map(function (u) { return u.drill; }),
        colour: c.fg,
      };
      datasets.forEach(function (ds) { ds.categoryPercentage = 0.5; ds.barPercentage = 1; });
    } else {
      opts.scales.y.ticks.callback = function (value) {
        var u = units[value], name = short(u.name, 38) + (u.drill ? " ›" : "");
        // The unit's plan progress, in words under its name (not a colour only).
        return progressText(u) ? [name, progressText(u)] : name;
      };
    }
    opts.plugins.kehoachBarLabels.stacked = true;
    opts.plugins.kehoachBarLabels.zero = {
      totals: units.map(function (u) { return u.total; }),
      word: data.text.tasks,
    };
    opts.plugins.legend = {
      display: true,
      position: "top",
      labels: { color: c.fg, font: { size: 16 }, boxWidth: 22, boxHeight: 16, padding: 14 },
    };
    opts.plugins.tooltip.callbacks = {
      title: function (items) { return units[items[0].dataIndex].name; },
      label: function (item) {
        var u = units[item.dataIndex];
        var pct = u.total ? Math.round((1000 * item.raw) / u.total) / 10 : 0;
        return item.dataset.label + ": " + fmt.format(item.raw) + " " + data.text.tasks +
          " (" + fmt.format(pct) + "%)";
      },
      // The unit's plan progress (rolled up by the domain), as text under the counts.
      footer: function (items) { return progressText(units[items[0].dataIndex]); },
    };
    function unitAt(chart, evt, elements) {
      if (elements && elements.length) return units[elements[0].index];
      var area = chart.chartArea;
      // Anywhere on a unit's row (its name, its bar, the space after it) is a big target.
      if (evt.y >= area.top && evt.y <= area.bottom) {
        var i = Math.round(chart.scales.y.getValueForPixel(evt.y));
        return units[i];
      }
      return null;
    }
    opts.onClick = function (evt, elements, chart) {
      var u = unitAt(chart, evt, elements);
      if (u && u.drill) {
        var url = new URL(window.location.href);
        url.searchParams.set("unit", u.unit_id);
        window.location.assign(url.toString());
      }
    };
    opts.onHover = function (evt, elements, chart) {
      var u = unitAt(chart, evt, elements);
      chart.canvas.style.cursor = u && u.drill ? "pointer" : "default";
    };
    return new Chart(canvas, {
      type: "bar",
      data: { labels: units.map(function (u) { return u.name; }), datasets: datasets },
      options: opts,
      plugins: [barLabels, namesAbove, legendGap],
    });
  }

  function indicatorChart(canvas, item, data, c) {
    var colour = item.met === true ? c.green : item.met === false ? c.red : c.grey;
    var top = item.rate ? 100 : Math.max(item.value || 0, item.target || 0) * 1.2 || 1;
    var suffix = item.rate ? "%" : "";
    var opts = baseOptions(c);
    opts.layout.padding = { top: 22, right: 16 };
    if (item.rate) opts.scales.x.max = 100;
    else opts.scales.x.suggestedMax = top;
    opts.scales.x.ticks.callback = function (v) { return fmt.format(v) + suffix; };
    opts.scales.x.ticks.maxTicksLimit = narrow() ? 4 : 6;
    opts.scales.y.display = false;
    opts.plugins.kehoachTarget = {
      value: item.target,
      colour: c.fg,
      text: data.text.target + " " + item.comparator.replace(">=", "≥").replace("<=", "≤") +
        " " + (item.target === null ? "" : fmt.format(item.target) + suffix),
    };
    return new Chart(canvas, {
      type: "bar",
      data: {
        labels: [item.name],
        datasets: [{
          label: data.text.result,
          data: [item.value],
          suffix: suffix,
          backgroundColor: colour,
          maxBarThickness: 30,
        }],
      },
      options: opts,
      plugins: [barLabels, targetLine],
    });
  }

  function draw(root) {
    // Each chart's height follows its number of rows (data-rows: CSP allows no style="").
    (root || document).querySelectorAll(".chart[data-rows]").forEach(function (box) {
      box.style.setProperty("--rows", box.dataset.rows);
    });
    var node = document.getElementById("dashboard-data");
    if (!node || typeof Chart === "undefined") return;
    var data = JSON.parse(node.textContent);
    var c = palette();
    Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
    Chart.defaults.font.size = 16;
    Chart.defaults.color = c.fg;
    var byId = {};
    data.indicators.forEach(function (block) {
      block.items.forEach(function (item) { byId[String(item.id)] = item; });
    });
    (root || document).querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      var old = Chart.getChart(canvas);
      if (old) old.destroy();
      var kind = canvas.dataset.chart;
      if (kind === "plans") plansChart(canvas, data, c);
      else if (kind === "rag") ragChart(canvas, data, c);
      else if (kind === "indicator" && byId[canvas.dataset.indicator]) {
        indicatorChart(canvas, byId[canvas.dataset.indicator], data, c);
      } else return;
      canvas.closest(".chart").classList.add("drawn");
    });
    // Charts are drawn: fold their tables (still one click away, and read by screen readers).
    (root || document).querySelectorAll("details[data-chart-fallback]").forEach(function (d) {
      d.open = false;
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { draw(document); });
  } else {
    draw(document);
  }
  document.addEventListener("htmx:afterSettle", function (evt) {
    if (evt.target && evt.target.querySelector && evt.target.querySelector("canvas[data-chart]")) {
      draw(evt.target);
    }
  });
})();
