// The two shops' choice page: the time to choose, from the page's display to the submission, in whole milliseconds
// (exported as twoshops_choice_ms). Without JavaScript nothing is sent and the column stays empty.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("page-form");
    var out = form && form.querySelector("[data-choice-ms]");
    if (!out) return;
    form.addEventListener("submit", function () { out.value = String(Math.round(performance.now())); });
  });
})();
