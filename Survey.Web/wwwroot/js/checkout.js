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
    // Browser mode: what was typed into a browser-mode field never reaches the server, so a page the server sends
    // back with a message (a required field empty) would have lost it. So before an order this page applies the
    // server's rule for the typed fields (CheckoutRules.Problems: required, too long, the shop's check; the view
    // writes it in data-check-* and #check-texts) and shows the messages the server would, where it would, without sending
    // anything; the server checks again. With no browser-mode field the server's page keeps every value itself.
    var texts = document.getElementById("check-texts");
    if (browserFields.length > 0 && texts) {
      var P = window.PPLClassify;
      var maxLength = parseInt(texts.getAttribute("data-max-length"), 10);
      var checked = [];
      form.querySelectorAll("[data-check-field]").forEach(function (box) { checked.push(box); });
      function valueOf(box) {
        var inputs = box.querySelectorAll('[name^="f_"]');
        var value = "";
        inputs.forEach(function (el) { if (el.type !== "radio" || el.checked) value = el.value; });
        return value;
      }
      function problem(box) {
        var value = valueOf(box);
        if (box.getAttribute("data-check-required") === "true" && P.isBlank(value)) return texts.getAttribute("data-msg-required");
        if (value.length > maxLength) return texts.getAttribute("data-msg-too-long");
        var kind = box.getAttribute("data-check-kind");
        if (box.getAttribute("data-check-required") === "true" && kind && !P.shopCheck(kind, value)) return box.getAttribute("data-check-message");
        return null;
      }
      function describedBy(box) { return box.querySelector("fieldset") || box.querySelector('input[name^="f_"]'); }
      function setDescribed(el, id, on) {
        var ids = (el.getAttribute("aria-describedby") || "").split(" ").filter(function (x) { return x && x !== id; });
        if (on) ids.push(id);
        if (ids.length) el.setAttribute("aria-describedby", ids.join(" ")); else el.removeAttribute("aria-describedby");
      }
      // The server's markup of a field's message (Checkout.cshtml), cleared first, so a fixed field loses its message.
      function mark(box, message) {
        var key = box.getAttribute("data-check-field");
        var old = document.getElementById("err-" + key);
        if (old) old.parentNode.removeChild(old);
        box.classList.toggle("has-error", !!message);
        var target = describedBy(box);
        setDescribed(target, "err-" + key, !!message);
        var input = box.querySelector('input[name^="f_"]:not([type="radio"])');
        if (input) { if (message) input.setAttribute("aria-invalid", "true"); else input.removeAttribute("aria-invalid"); }
        if (!message) return;
        var p = document.createElement("p");
        p.className = "field-error";
        p.id = "err-" + key;
        var prefix = document.createElement("span");
        prefix.className = "visually-hidden";
        prefix.textContent = texts.getAttribute("data-msg-prefix") + ": ";
        p.appendChild(prefix);
        p.appendChild(document.createTextNode(message));
        var before = box.querySelector(".options") || box.querySelector('input[name^="f_"]');
        before.parentNode.insertBefore(p, before);
      }
      // The error summary of _ErrorSummary.cshtml above the heading; a message of the server's on anything else
      // (the privacy statement) keeps its entry, after the fields', in the server's order.
      function summarise(errors) {
        var main = document.getElementById("main");
        var old = document.getElementById("error-summary");
        var kept = [];
        if (old) {
          old.querySelectorAll("li").forEach(function (li) {
            var href = li.querySelector("a").getAttribute("href");
            if (!checked.some(function (box) { return href === "#field-" + box.getAttribute("data-check-field"); })) kept.push(li);
          });
          old.parentNode.removeChild(old);
        }
        var summary = document.createElement("div");
        summary.className = "error-summary";
        summary.setAttribute("role", "alert");
        summary.setAttribute("aria-labelledby", "error-summary-title");
        summary.tabIndex = -1;
        summary.id = "error-summary";
        var h2 = document.createElement("h2");
        h2.id = "error-summary-title";
        h2.textContent = texts.getAttribute("data-msg-summary");
        var ul = document.createElement("ul");
        errors.forEach(function (e) {
          var li = document.createElement("li"), a = document.createElement("a");
          a.href = "#field-" + e.key;
          a.textContent = e.message;
          li.appendChild(a);
          ul.appendChild(li);
        });
        kept.forEach(function (li) { ul.appendChild(li); });
        summary.appendChild(h2);
        summary.appendChild(ul);
        main.insertBefore(summary, main.querySelector("h1"));
        var prefix = texts.getAttribute("data-msg-prefix") + ": ";
        if (document.title.indexOf(prefix) !== 0) document.title = prefix + document.title;
        summary.focus();
      }
      form.addEventListener("submit", function (e) {
        if (!e.submitter || e.submitter.value !== "place_order") return;
        var errors = [];
        checked.forEach(function (box) {
          var message = problem(box);
          mark(box, message);
          if (message) errors.push({ key: box.getAttribute("data-check-field"), message: message });
        });
        if (errors.length === 0) return;
        // Nothing is sent: the page stays as it is, every typed value in its field.
        e.preventDefault();
        e.stopImmediatePropagation();
        summarise(errors);
      });
    }
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
