// Mock checkout: live total and focus time per field. The server computes the same total on its own
// (CheckoutRules and Cart in Experiment.Engine/Checkout), so the order is correct without this script.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("page-form");
    var totals = document.getElementById("totals");
    var totalOut = document.getElementById("order-total");
    var discountOut = document.getElementById("order-discount");
    if (!form || !totals || !totalOut) return;
    var subtotalCents = Math.round(parseFloat(totals.getAttribute("data-subtotal")) * 100);
    // Shipping follows the goods subtotal before the discount (Cart.ShippingFor), so it is fixed on this page.
    var shippingCents = Math.round(parseFloat(totals.getAttribute("data-shipping") || "0") * 100);
    var maxPct = parseFloat(totals.getAttribute("data-max-discount"));
    var currency = totals.getAttribute("data-currency");
    var lang = totals.getAttribute("data-lang");

    function group(digits, sep) { return digits.replace(/\B(?=(\d{3})+(?!\d))/g, sep); }
    // Same shapes as Money.Format on the server: nl "€ 1.234,50", en "€1,234.50".
    function format(cents) {
      var whole = group(String(Math.floor(cents / 100)), lang === "nl" ? "." : ",");
      var frac = String(cents % 100).padStart(2, "0");
      var symbol = currency === "EUR" ? (lang === "nl" ? "€ " : "€") : currency + " ";
      return symbol + whole + (lang === "nl" ? "," : ".") + frac;
    }
    function filled(key) {
      var inputs = form.querySelectorAll('[name="f_' + key + '"]');
      for (var i = 0; i < inputs.length; i++) {
        var el = inputs[i];
        // A radio marked data-discloses="false" ("prefer not to say") gives nothing away and earns nothing.
        if (el.type === "radio" ? el.checked && el.getAttribute("data-discloses") !== "false" : el.value.trim() !== "") return true;
      }
      return false;
    }
    function update() {
      var pct = 0;
      form.querySelectorAll("[data-offer-pct]").forEach(function (offer) {
        if (filled(offer.getAttribute("data-field"))) pct += parseFloat(offer.getAttribute("data-offer-pct"));
      });
      pct = Math.min(pct, maxPct);
      var cents = Math.round(subtotalCents * (100 - pct) / 100) + shippingCents;
      totalOut.textContent = format(cents);
      totalOut.setAttribute("data-amount", (cents / 100).toFixed(2));
      if (discountOut) {
        var shown = String(Math.round(pct * 100) / 100);
        discountOut.textContent = shown + "%";
        discountOut.setAttribute("data-pct", shown);
      }
    }

    // Focus time: summed over every visit to a field, written into its hidden t_<field> input.
    var active = null, since = 0;
    function timeInput(key) { return form.querySelector('input[type="hidden"][name="t_' + key + '"]'); }
    function flush() {
      if (!active) return;
      var input = timeInput(active);
      if (input) input.value = String((parseInt(input.value, 10) || 0) + Math.round(performance.now() - since));
      active = null;
    }
    form.addEventListener("focusin", function (e) {
      var key = e.target.getAttribute && e.target.getAttribute("data-field");
      if (!key || key === active) return;
      flush();
      active = key;
      since = performance.now();
    });
    form.addEventListener("focusout", function (e) {
      var next = e.relatedTarget && e.relatedTarget.getAttribute && e.relatedTarget.getAttribute("data-field");
      if (next !== active) flush();
    });
    form.addEventListener("input", update);
    form.addEventListener("change", update);
    form.addEventListener("submit", flush);
    update();
  });
})();
