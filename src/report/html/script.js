// Sorting a table by a column: click its header (numbers by value, text by
// the reader's locale); click again to reverse. Folded tables open for print.
(function () {
  "use strict";
  function sortBy(table, column, th) {
    var body = table.tBodies[0];
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = a.cells[column], y = b.cells[column];
      if (!x || !y) { return 0; }
      var vx = x.getAttribute("data-v"), vy = y.getAttribute("data-v");
      var order = (vx !== null && vy !== null)
        ? parseFloat(vx) - parseFloat(vy)
        : x.textContent.localeCompare(y.textContent, document.documentElement.lang);
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
    Array.prototype.forEach.call(th.parentNode.cells, function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  }
  document.querySelectorAll("table.sortable").forEach(function (table) {
    var head = table.tHead && table.tHead.rows[0];
    if (!head) { return; }
    Array.prototype.forEach.call(head.cells, function (th, column) {
      th.addEventListener("click", function () { sortBy(table, column, th); });
    });
  });
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details").forEach(function (d) { d.open = true; });
  });
})();
