// The meeting's pages (R-F2, R-F4): the quorum shown as attendance is ticked, and the head's
// reason shown as required when the decision chosen departs from the majority view. The server
// checks both again with the task's own handler before anything is sent.
(function () {
  "use strict";
  var convene = document.getElementById("convene-form");
  if (convene) {
    var needed = parseInt(convene.getAttribute("data-needed"), 10);
    var boxes = convene.querySelectorAll("input.attend");
    var zh = document.getElementById("quorum-zh"), en = document.getElementById("quorum-en");
    var quorum = document.getElementById("quorum");
    var count = function () {
      var present = 0, head = false;
      boxes.forEach(function (box) {
        if (box.checked) { present += 1; head = head || box.getAttribute("data-head") === "1"; }
      });
      var met = present >= needed && head;
      zh.textContent = "出席" + present + "人，须至少" + needed + "人且行政首长出席：" +
        (met ? "达到法定人数" : (head ? "不足法定人数" : "行政首长未出席"));
      en.textContent = present + " present, at least " + needed + " needed with the head of government: " +
        (met ? "quorum reached" : (head ? "no quorum" : "the head is not present"));
      quorum.className = met ? "" : "flag";
    };
    convene.addEventListener("change", count);
    count();
  }
  var decide = document.getElementById("decision-form");
  if (decide) {
    var majority = decide.getAttribute("data-majority");
    var reason = document.getElementById("reason");
    var mark = document.getElementById("reason-required");
    var check = function () {
      var chosen = decide.querySelector('input[name="outcome"]:checked');
      var departs = Boolean(majority && chosen && chosen.value !== majority);
      reason.required = departs;
      reason.setAttribute("aria-required", departs ? "true" : "false");
      mark.hidden = !departs;
    };
    decide.addEventListener("change", check);
    check();
  }
}());
