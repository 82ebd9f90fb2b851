// licensekit report: draws the operations from the embedded data. No network, no library.
(function () {
  "use strict";
  var D = JSON.parse(document.getElementById("report-data").textContent);
  var SEV = ["failure", "tolerated"];
  var BASE = ["", "new", "known"];
  var STATE = { pass: ["✓", "pass"], tolerated: ["~", "tolerated only"], fail: ["✗", "fail"], none: ["·", "not run"] };
  var LIMIT = 25; // finding rows drawn per table until "show all" is pressed (layout is the cost)
  var byOp = D.ops.map(function () { return []; });
  D.f.forEach(function (f, i) { byOp[f[0]].push(i); });
  var hay = null;
  var filter = { api: "", sev: "", newOnly: false, q: "" };
  var open = {};

  function el(tag, attrs, kids) {
    var node = document.createElement(tag);
    if (attrs) Object.keys(attrs).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else if (k === "class") node.className = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    (kids || []).forEach(function (kid) {
      if (kid !== null && kid !== undefined) node.appendChild(typeof kid === "string" ? document.createTextNode(kid) : kid);
    });
    return node;
  }

  function svg(tag, attrs) {
    var node = document.createElementNS("http://www.w3.org/2000/svg", tag);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }

  function haystack() {
    if (hay === null) {
      hay = D.f.map(function (f) {
        return [D.ops[f[0]].o, f[3], f[4], f[8].join(" ")].join(" ").toLowerCase();
      });
    }
    return hay;
  }

  function findingFilterOn() { return filter.sev !== "" || filter.newOnly || filter.q !== ""; }

  function matching(opIndex) {
    var all = byOp[opIndex];
    if (!findingFilterOn()) return all;
    var q = filter.q, h = q ? haystack() : null, sev = filter.sev === "" ? -1 : +filter.sev;
    var opName = D.ops[opIndex].o.toLowerCase();
    var out = [];
    for (var k = 0; k < all.length; k++) {
      var f = D.f[all[k]];
      if (sev >= 0 && f[1] !== sev) continue;
      if (filter.newOnly && f[2] !== 1) continue;
      if (q && opName.indexOf(q) < 0 && h[all[k]].indexOf(q) < 0) continue;
      out.push(all[k]);
    }
    return out;
  }

  function opResult(i) {
    var fails = 0, tol = 0;
    byOp[i].forEach(function (k) { var f = D.f[k]; if (f[1] === 0 && f[2] !== 2) fails++; else if (f[1] === 1) tol++; });
    if (fails) return "fail";
    if (tol) return "tolerated";
    return D.ops[i].n === 0 ? "none" : "pass";
  }

  function resultCell(state) {
    var s = STATE[state];
    var word = state === "none" ? "not requested" : state === "tolerated" ? "pass (tolerated only)" : s[1];
    return el("span", { class: "result " + state }, [el("span", { "aria-hidden": "true", text: s[0] }), " " + word]);
  }

  function strip(op) {
    if (!op.hs) return el("span", { class: "muted", text: "no history" });
    var counts = { pass: 0, tolerated: 0, fail: 0, none: 0 };
    var cells = op.hs.map(function (st, n) {
      counts[st]++;
      return el("span", { class: st, title: (D.runs[n] || "") + ": " + STATE[st][1], text: STATE[st][0] });
    });
    var label = "last " + op.hs.length + " runs, oldest first: " + counts.pass + " pass, " + counts.tolerated +
      " tolerated only, " + counts.fail + " fail, " + counts.none + " not run";
    return el("span", { class: "strip", role: "img", "aria-label": label, "data-states": op.hs.join(",") }, cells);
  }

  function trend(op) {
    var values = (op.ht || []).filter(function (v) { return v !== null; });
    if (!values.length) return el("span", { class: "muted", text: "n/a" });
    var w = 90, h = 22, n = op.ht.length, pts = [];
    op.ht.forEach(function (v, k) {
      if (v === null) return;
      pts.push(((n > 1 ? k / (n - 1) : 0.5) * (w - 4) + 2).toFixed(1) + "," + (h - 2 - (v / 100) * (h - 4)).toFixed(1));
    });
    var first = values[0], last = values[values.length - 1];
    var text = first + "% → " + last + "%";
    var box = svg("svg", { class: "trend", width: w, height: h, viewBox: "0 0 " + w + " " + h, role: "img", "aria-label": "coverage " + text });
    box.appendChild(svg("polyline", { points: pts.join(" "), fill: "none", stroke: "#0550ae", "stroke-width": "1.5" }));
    return el("span", { "data-trend": op.ht.map(function (v) { return v === null ? "" : v; }).join(",") }, [box, " " + text]);
  }

  function statusesText(op) {
    if (!op.doc) return "";
    var got = {};
    (op.got || []).forEach(function (s) { got[s] = 1; });
    return op.doc.map(function (s) { return got[s] ? s : "(" + s + ")"; }).join(" ");
  }

  function copy(text, button) {
    function done(ok) {
      var msg = ok ? "Copied the curl command" : "Copy failed: select the command and copy it";
      document.getElementById("copy-status").textContent = msg;
      button.textContent = ok ? "Copied ✓" : "Copy failed";
      setTimeout(function () { button.textContent = "Copy curl"; }, 2000);
    }
    function fallback() {
      var area = el("textarea", { "aria-hidden": "true" });
      area.value = text;
      area.style.position = "fixed"; area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      document.body.removeChild(area);
      button.focus();
      done(ok);
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(function () { done(true); }, fallback);
    } else {
      fallback();
    }
  }

  function findingsTable(title, rows, opIndex, kind) {
    var wrap = el("div", { class: "findings " + kind });
    wrap.appendChild(el("h5", { text: title + " (" + rows.length + ")" }));
    if (!rows.length) { wrap.appendChild(el("p", { class: "muted", text: "none" })); return wrap; }
    var table = el("table", { class: "findings-table", "data-kind": kind }, [
      el("caption", { class: "visually-hidden", text: title + " of " + D.ops[opIndex].o }),
      el("thead", null, [el("tr", null, ["Severity", "Baseline", "Check", "Location", "Count", "Messages", "Reproduction"].map(function (h) {
        return el("th", { scope: "col", text: h });
      }))])
    ]);
    var body = el("tbody");
    function draw(limit) {
      body.textContent = "";
      rows.slice(0, limit).forEach(function (k) {
        var f = D.f[k];
        var sev = SEV[f[1]];
        var button = el("button", { type: "button", class: "copy", "aria-label": "Copy the curl command of " + f[3] + " at " + f[4], text: "Copy curl" });
        button.addEventListener("click", function () { copy(f[9], button); });
        body.appendChild(el("tr", { "data-fingerprint": f[10] }, [
          el("td", { class: "sev-" + sev }, [el("span", { "aria-hidden": "true", text: sev === "failure" ? "✗ " : "~ " }), sev]),
          el("td", { text: BASE[f[2]] || "—" }),
          el("td", null, [el("code", { text: f[3] })]),
          el("td", null, [el("code", { text: f[4] })]),
          el("td", { text: String(f[5]) }),
          el("td", null, [el("ul", { class: "msgs" }, f[8].map(function (m) { return el("li", { text: m }); }))]),
          el("td", null, f[9] ? [el("pre", { class: "curl" }, [el("code", { text: f[9] })]), button] : [el("span", { class: "muted", text: "none" })])
        ]));
      });
    }
    draw(LIMIT);
    table.appendChild(body);
    wrap.appendChild(table);
    if (rows.length > LIMIT) {
      var more = el("button", { type: "button", class: "more", text: "Show all " + rows.length });
      more.addEventListener("click", function () { draw(rows.length); more.remove(); });
      wrap.appendChild(more);
    }
    return wrap;
  }

  function detail(i, rows) {
    var op = D.ops[i];
    var box = el("div", { id: "detail-" + i, class: "op-detail" });
    box.appendChild(el("h4", { text: D.apis[op.a] + " " + op.o + (op.m ? " — " + op.m + " " + op.p : "") }));
    if (op.doc) {
      var got = {};
      op.got.forEach(function (s) { got[s] = 1; });
      var never = op.doc.filter(function (s) { return !got[s]; });
      box.appendChild(el("p", { class: "statuses" }, [
        "Statuses reached " + op.got.length + " of " + op.doc.length + " documented: ",
        el("span", { "data-field": "reached", text: op.got.join(", ") || "none" }),
        "; never answered: ",
        el("span", { "data-field": "never", text: never.join(", ") || "none" }),
        op.und.length ? "; undocumented statuses answered: " + op.und.join(", ") : "",
        ". Requests: " + op.n + "."
      ]));
      var missing = D.dims.filter(function (d) { return d !== "operations" && d !== "statuses" && op.dims[d][3].length; });
      box.appendChild(el("h5", { text: "Never exercised" }));
      if (!missing.length) box.appendChild(el("p", { class: "muted", text: "nothing: every item the spec names was exercised" }));
      missing.forEach(function (d) {
        var items = op.dims[d][3];
        box.appendChild(el("details", { "data-dimension": d }, [
          el("summary", { text: D.dimNames[d] + ": " + items.length + " of " + op.dims[d][1] + " never exercised" }),
          el("ul", { class: "missing" }, items.map(function (m) { return el("li", null, [el("code", { text: m })]); }))
        ]));
      });
    } else {
      box.appendChild(el("p", { class: "muted", text: "Not an operation of the spec (or no coverage report given)." }));
    }
    var fails = rows.filter(function (k) { return D.f[k][1] === 0; });
    var tol = rows.filter(function (k) { return D.f[k][1] === 1; });
    box.appendChild(findingsTable("Failures", fails, i, "failure"));
    box.appendChild(findingsTable("Tolerated deviations", tol, i, "tolerated"));
    return box;
  }

  var COLS = ["Operation", "Result", "Statuses reached", "Failures", "Tolerated", "New", "Coverage", "Last runs", "Coverage trend"];

  function opRow(i, rows) {
    var op = D.ops[i];
    var fails = 0, tol = 0, fresh = 0;
    rows.forEach(function (k) { var f = D.f[k]; if (f[1] === 0) fails++; else tol++; if (f[2] === 1) fresh++; });
    var button = el("button", { type: "button", class: "op", "aria-expanded": open[i] ? "true" : "false", "aria-controls": "detail-" + i, "data-op": op.o, text: op.o });
    button.addEventListener("click", function () { toggle(i); });
    var reached = op.doc ? op.got.length + "/" + op.doc.length + " " : "";
    return el("tr", { class: "op-row", "data-api": D.apis[op.a], "data-op": op.o, "data-findings": String(rows.length), id: "op-" + i }, [
      el("th", { scope: "row" }, [button]),
      el("td", null, [resultCell(opResult(i))]),
      el("td", { "data-field": "statuses", text: reached + statusesText(op) }),
      el("td", { "data-field": "failures", text: String(fails) }),
      el("td", { "data-field": "tolerated", text: String(tol) }),
      el("td", { "data-field": "new", text: String(fresh) }),
      el("td", { "data-field": "coverage", text: op.pct === null || op.pct === undefined ? "n/a" : op.pct + "%" }),
      el("td", null, [strip(op)]),
      el("td", null, [trend(op)])
    ]);
  }

  function toggle(i) {
    open[i] = !open[i];
    var row = document.getElementById("op-" + i);
    var button = row.querySelector("button.op");
    button.setAttribute("aria-expanded", open[i] ? "true" : "false");
    var next = row.nextElementSibling;
    if (next && next.classList.contains("detail")) next.remove();
    if (open[i]) row.after(detailRow(i, matching(i)));
  }

  function detailRow(i, rows) {
    return el("tr", { class: "detail" }, [el("td", { colspan: String(COLS.length) }, [detail(i, rows)])]);
  }

  function render() {
    var host = document.getElementById("operations-body");
    host.textContent = "";
    var shownFindings = 0, shownOps = 0;
    D.apis.forEach(function (api, a) {
      if (filter.api !== "" && filter.api !== api) return;
      var section = el("section", { class: "api", "data-api": api, "aria-labelledby": "api-" + a });
      section.appendChild(el("h3", { id: "api-" + a, text: api }));
      var table = el("table", { class: "operations" }, [
        el("caption", { text: "Operations of " + api + ": press an operation to see its statuses, what was never exercised and its findings" }),
        el("thead", null, [el("tr", null, COLS.map(function (c) { return el("th", { scope: "col", text: c }); }))])
      ]);
      var body = el("tbody");
      D.ops.forEach(function (op, i) {
        if (op.a !== a) return;
        var rows = matching(i);
        if (findingFilterOn() && !rows.length) return;
        shownOps++;
        shownFindings += rows.length;
        body.appendChild(opRow(i, rows));
        if (open[i]) body.appendChild(detailRow(i, rows));
      });
      table.appendChild(body);
      section.appendChild(table);
      host.appendChild(section);
    });
    document.getElementById("filter-status").textContent =
      "Showing " + shownFindings + " of " + D.f.length + " findings in " + shownOps + " operations.";
  }

  var select = document.getElementById("filter-api");
  D.apis.forEach(function (api) { select.appendChild(el("option", { value: api, text: api })); });
  select.addEventListener("change", function () { filter.api = select.value; render(); });
  var sev = document.getElementById("filter-severity");
  sev.addEventListener("change", function () { filter.sev = sev.value; render(); });
  var fresh = document.getElementById("filter-new");
  fresh.addEventListener("change", function () { filter.newOnly = fresh.checked; render(); });
  var search = document.getElementById("filter-search");
  var timer = null;
  search.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { filter.q = search.value.trim().toLowerCase(); render(); }, 120);
  });
  render();
  document.body.setAttribute("data-ready-ms", String(Math.round(performance.now())));
  document.body.setAttribute("data-ready", "true");
})();
