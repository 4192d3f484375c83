// Mock checkout: live total, focus time per field, and the browser mode of disclosure. The server computes the
// same total on its own (CheckoutRules and Cart in Experiment.Engine/Checkout), so the order is correct without this script.
// Browser mode (docs/ethics.md): a field's typed input has no name, so the browser never sends it; classify.js
// classifies it here and only the class (c_<field>, and for an e-mail list the count n_<field>) is sent. The page
// renders such a field as its choice ("share my ... for N%"), which this script swaps for the typed input, so
// without JavaScript the field is a choice.
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
      var sign = { EUR: "€", GBP: "£", USD: "$" }[currency];
      var symbol = sign ? (lang === "nl" ? sign + " " : sign) : currency + " ";
      return symbol + whole + (lang === "nl" ? "," : ".") + frac;
    }
    var today = form.getAttribute("data-today");
    var browserFields = [];
    form.querySelectorAll('.checkout-field[data-mode="browser"]').forEach(function (box) {
      var key = box.getAttribute("data-field-key");
      var share = box.querySelector(".share-choice");
      if (share) share.parentNode.removeChild(share);
      var typed = box.querySelector(".typed-entry");
      if (typed) typed.hidden = false;
      function hidden(name) {
        var input = document.createElement("input");
        input.type = "hidden";
        input.name = name;
        box.appendChild(input);
        return input;
      }
      var field = {
        key: key,
        spec: { type: box.getAttribute("data-type"), options: [] },
        inputs: box.querySelectorAll("[data-classify]"),
        cls: hidden("c_" + key),
        count: box.getAttribute("data-type") === "email_list" ? hidden("n_" + key) : null,
      };
      field.inputs.forEach(function (el) {
        if (el.type === "radio") field.spec.options.push({ code: el.value, discloses: el.getAttribute("data-discloses") !== "false" });
      });
      browserFields.push(field);
    });
    function typedValue(field) {
      var value = "";
      field.inputs.forEach(function (el) { if (el.type !== "radio" || el.checked) value = el.value; });
      return value;
    }
    // Only the class leaves this function; the value stays in the input on this device.
    function classifyAll() {
      browserFields.forEach(function (field) {
        var value = typedValue(field);
        field.cls.value = window.PPLClassify.classify(field.spec, value, today);
        if (field.count) field.count.value = String(window.PPLClassify.listCount(value));
      });
    }
    function filled(key) {
      var own = form.querySelector('input[type="hidden"][name="c_' + key + '"]');
      if (own) return own.value !== "empty" && own.value !== "";
      var tick = form.querySelector('input[type="checkbox"][name="s_' + key + '"]');
      if (tick) return tick.checked;
      var inputs = form.querySelectorAll('[name="f_' + key + '"]');
      for (var i = 0; i < inputs.length; i++) {
        var el = inputs[i];
        // A radio marked data-discloses="false" ("prefer not to say") gives nothing away and earns nothing.
        if (el.type === "radio" ? el.checked && el.getAttribute("data-discloses") !== "false" : el.value.trim() !== "") return true;
      }
      return false;
    }
    function update() {
      classifyAll();
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
    form.addEventListener("submit", function () { flush(); classifyAll(); });
    update();
  });
})();

// The shop's privacy statement on the checkout page (shop.privacyStatement). Measured here like the time on a field:
// privacy_opened (1 once opened) and privacy_ms (how long it was open: the disclosure open, or the scroll box of a
// cell that must read it in view). Without JavaScript both stay empty. In that cell "place order" stays disabled
// until the box was scrolled to its end (the server refuses the order without privacy_scrolled as well).
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("page-form");
    var openedInput = form && form.querySelector("[data-privacy-opened]");
    var msInput = form && form.querySelector("[data-privacy-ms]");
    if (!openedInput || !msInput) return;
    if (openedInput.value === "") openedInput.value = "0";
    var ms = parseInt(msInput.value, 10) || 0;
    msInput.value = String(ms);
    var since = null;
    function start() { if (since === null) { since = performance.now(); openedInput.value = "1"; } }
    function stop() {
      if (since === null) return;
      ms += Math.round(performance.now() - since);
      since = null;
      msInput.value = String(ms);
    }
    var details = form.querySelector("[data-privacy-details]");
    var box = form.querySelector("[data-privacy-scroll]");
    var target = details || box;
    document.querySelectorAll("a[data-privacy-link]").forEach(function (link) {
      link.addEventListener("click", function (e) {
        if (!target) return;
        e.preventDefault();
        if (details) details.open = true;
        target.scrollIntoView({ block: "start" });
        (details ? details.querySelector("summary") : box).focus();
      });
    });
    if (details) {
      details.addEventListener("toggle", function () { if (details.open) start(); else stop(); });
    }
    if (box) {
      var scrolled = box.querySelector("[data-privacy-scrolled]");
      var button = form.querySelector("[data-place-order]");
      if (button && scrolled.value !== "1") button.disabled = true;
      function atEnd() { return box.scrollTop + box.clientHeight >= box.scrollHeight - 2; }
      function check() {
        if (scrolled.value === "1" || !atEnd()) return;
        scrolled.value = "1";
        if (button) button.disabled = false;
      }
      box.addEventListener("scroll", check);
      check();
      if ("IntersectionObserver" in window) {
        new IntersectionObserver(function (entries) {
          entries.forEach(function (en) { if (en.isIntersecting) start(); else stop(); });
        }).observe(box);
      } else start();
    }
    document.addEventListener("visibilitychange", function () { if (document.hidden) stop(); });
    form.addEventListener("submit", stop);
  });
})();
