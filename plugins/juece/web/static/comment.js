// The comment box counts as the portal counts (domain/comments.py clean_text, then the length
// in characters): a line break is one character, control characters do not count, the text is
// counted without the spaces around it. Nothing is ever cut: over the limit the citizen is told
// how much to shorten, and the form is not sent until it fits.
(function () {
  "use strict";
  var box = document.getElementById("text");
  var count = document.getElementById("count");
  if (!box || !count) { return; }
  var max = parseInt(count.getAttribute("data-max"), 10);
  var CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

  function counted(text) {
    var clean = text.replace(/\r\n?/g, "\n").replace(CONTROL, "").trim();
    return Array.from(clean).length;  // characters (code points), as the server counts
  }

  function update() {
    var n = counted(box.value);
    var left = max - n;
    if (left >= 0) {
      count.textContent = "已输入" + n + "字，还可输入" + left + "字 / " + n + " characters, " + left + " left";
      count.className = "count";
      box.setCustomValidity("");
    } else {
      var message = "超出" + (-left) + "字，请删减后再提交（意见不会被截断） / " + (-left) +
        " characters over the limit: shorten it before submitting (nothing is cut)";
      count.textContent = message;
      count.className = "count over";
      box.setCustomValidity(message);
    }
  }

  box.addEventListener("input", update);
  update();
}());
