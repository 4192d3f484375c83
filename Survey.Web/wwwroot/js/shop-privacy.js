// The footer's privacy statement on the cart and payment pages (shop.privacyStatement): opened in a dialog over the
// page, so a choice not yet sent (a quantity, a payment method) stays as it is. The dialog shows the statement's own
// page, fetched as the link would open it: that request is what records privacy_statement_opened, as when the page
// is shown (FlowController.Privacy), so the export measures the same. Without JavaScript, or when the fetch fails,
// the link opens that page as before.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var link = document.getElementById("footer-privacy");
    if (!link || typeof HTMLDialogElement === "undefined") return;
    var dialog = null;
    function build(html) {
      var doc = new DOMParser().parseFromString(html, "text/html");
      var statement = doc.querySelector(".privacy-page"), title = doc.querySelector("main h1"), back = doc.getElementById("privacy-back");
      if (!statement || !title || !back) return null;
      var d = document.createElement("dialog");
      d.id = "privacy-dialog";
      d.className = "privacy-dialog";
      d.setAttribute("aria-labelledby", "privacy-dialog-title");
      var h = document.createElement("h2");
      h.id = "privacy-dialog-title";
      h.tabIndex = -1;
      h.textContent = title.textContent;
      var body = document.importNode(statement, true);
      body.className = "privacy-statement";
      var actions = document.createElement("p");
      actions.className = "actions";
      var close = document.createElement("button");
      close.type = "button";
      close.id = "privacy-close";
      close.className = "primary";
      close.textContent = back.textContent;
      close.addEventListener("click", function () { d.close(); });
      actions.appendChild(close);
      d.appendChild(h);
      d.appendChild(body);
      d.appendChild(actions);
      d.addEventListener("close", function () { link.focus(); });
      document.body.appendChild(d);
      return d;
    }
    function show() {
      dialog.showModal();
      dialog.querySelector("h2").focus();
    }
    link.addEventListener("click", function (e) {
      e.preventDefault();
      if (dialog) { show(); return; }
      fetch(link.href, { credentials: "same-origin" })
        .then(function (r) { return r.ok && !r.redirected ? r.text() : Promise.reject(); })
        .then(function (html) {
          dialog = build(html);
          if (!dialog) return Promise.reject();
          show();
        })
        .catch(function () { window.location.href = link.href; });
    });
  });
})();
