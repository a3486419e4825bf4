// mtcheck index: sort by a column (click its header), filter by verdict.
// The page is complete without this script; it only adds the controls.
// A link may set both: index.html#verdict=review&sort=-score (a leading "-"
// sorts descending).
(function () {
  "use strict";
  var table = document.getElementById("index");
  var bar = document.getElementById("filters");
  if (!table || !bar || !table.tBodies.length) return;
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);

  function count(v) {
    return rows.filter(function (r) { return v === "all" || r.dataset.verdict === v; }).length;
  }
  ["all", "likely-mt", "review", "clean", "error"].forEach(function (v) {
    var n = count(v);
    if (v !== "all" && n === 0) return;
    var b = document.createElement("button");
    b.type = "button";
    b.dataset.verdict = v;
    b.textContent = v + " (" + n + ")";
    b.setAttribute("aria-pressed", v === "all" ? "true" : "false");
    b.addEventListener("click", function () {
      Array.prototype.forEach.call(bar.children, function (x) {
        x.setAttribute("aria-pressed", x === b ? "true" : "false");
      });
      rows.forEach(function (r) {
        r.hidden = !(v === "all" || r.dataset.verdict === v);
      });
    });
    bar.appendChild(b);
  });

  function value(row, i) {
    var cell = row.cells[Math.min(i, row.cells.length - 1)];
    if (i > 0 && row.cells.length === 2) return Infinity; // error rows sort last
    var s = cell.dataset.sort !== undefined ? cell.dataset.sort : cell.textContent.trim();
    var n = parseFloat(s);
    return isNaN(n) ? s.toLowerCase() : n;
  }
  var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
  var sorters = {};
  heads.forEach(function (th, i) {
    th.tabIndex = 0;
    th.setAttribute("role", "button");
    th.title = (th.title ? th.title + "; " : "") + "sort by this column";
    function sort() {
      var asc = th.getAttribute("aria-sort") !== "ascending";
      heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", asc ? "ascending" : "descending");
      var key = th.dataset.key;
      rows.sort(function (a, b) {
        var x = key === "id" ? a.cells[0].textContent.toLowerCase() : value(a, i);
        var y = key === "id" ? b.cells[0].textContent.toLowerCase() : value(b, i);
        if (x === y) return (+a.dataset.rank) - (+b.dataset.rank);
        var c = typeof x === typeof y ? (x < y ? -1 : 1) : (typeof x === "number" ? -1 : 1);
        return asc ? c : -c;
      });
      rows.forEach(function (r) { body.appendChild(r); });
    }
    sorters[th.dataset.key] = sort;
    th.addEventListener("click", sort);
    th.addEventListener("keydown", function (e) {
      if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sort(); }
    });
  });
  table.classList.add("js");

  location.hash.replace(/^#/, "").split("&").forEach(function (part) {
    var kv = part.split("=");
    if (kv[0] === "verdict") {
      Array.prototype.forEach.call(bar.children, function (b) {
        if (b.dataset.verdict === kv[1]) b.click();
      });
    } else if (kv[0] === "sort" && kv[1]) {
      var desc = kv[1].charAt(0) === "-";
      var run = sorters[desc ? kv[1].slice(1) : kv[1]];
      if (run) { run(); if (desc) run(); }
    }
  });
})();
