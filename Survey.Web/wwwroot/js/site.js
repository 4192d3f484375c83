// Moves focus to the error summary after a failed submit, so screen-reader and keyboard users land on it.
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.getElementById("error-summary");
  if (summary) summary.focus();
});
