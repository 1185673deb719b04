// The risk register: each point's level from the decision type's matrix (R-D3), shown as its
// likelihood and impact are chosen. The server computes the level again when it records.
(function () {
  "use strict";
  var table = document.getElementById("register");
  if (!table) { return; }
  var matrix = JSON.parse(table.getAttribute("data-matrix") || "[]");
  var words = {low: "低 low", medium: "中 medium", high: "高 high"};
  function show(row) {
    var picks = table.querySelectorAll('select.score[data-row="' + row + '"]');
    var out = document.getElementById("level-" + row);
    var l = parseInt(picks[0].value, 10), i = parseInt(picks[1].value, 10);
    var level = (l && i && matrix[l - 1]) ? matrix[l - 1][i - 1] : null;
    out.textContent = level ? words[level] : "—";
    out.className = level === "high" ? "flag" : "";
  }
  table.addEventListener("change", function (event) {
    var row = event.target.getAttribute("data-row");
    if (row) { show(row); }
  });
  var rows = {};
  table.querySelectorAll("select.score").forEach(function (s) { rows[s.getAttribute("data-row")] = true; });
  Object.keys(rows).forEach(show);
}());
