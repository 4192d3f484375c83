// The disclosure classifier of browser mode: what a participant types is classified here, on their device, and
// only the class ("empty", "plausible", "implausible") is sent. It is a port of the engine's rules
// (Experiment.Engine/Checkout/DisclosureClassifier.cs and CheckoutRules.ClassOf); one table of cases,
// tests/Shared/disclosure-cases.json, is run against both (C# in a unit test, this file in Chromium), so the two
// cannot drift apart unnoticed. Characters are compared as UTF-16 code units, as .NET does.
(function (root) {
  "use strict";
  var MIN_AGE = 14, MAX_AGE = 110, MAX_INCOME = 50000;

  // char.IsWhiteSpace: Unicode Zs, Zl, Zp, U+0009-U+000D, U+0085, U+00A0 (JavaScript's trim() differs on U+0085 and U+FEFF).
  var WHITE = "\t\n\u000b\f\r \u0085\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000";
  function isWhite(c) { return WHITE.indexOf(c) >= 0; }
  function trim(v) {
    var a = 0, b = v.length;
    while (a < b && isWhite(v[a])) a++;
    while (b > a && isWhite(v[b - 1])) b--;
    return v.substring(a, b);
  }
  function isBlank(v) { return v === null || v === undefined || trim(String(v)) === ""; }
  function isAsciiDigit(c) { return c >= "0" && c <= "9"; }
  function isLetter(c) { return /\p{L}/u.test(c); }
  function isLetterOrDigit(c) { return /[\p{L}\p{Nd}]/u.test(c); }
  // char.ToLowerInvariant: one code unit to one code unit.
  function lower(v) {
    var out = "";
    for (var i = 0; i < v.length; i++) { var l = v[i].toLowerCase(); out += l.length === 1 ? l : v[i]; }
    return out;
  }
  function distinctCount(v) { var s = {}, n = 0; for (var i = 0; i < v.length; i++) if (!s[v[i]]) { s[v[i]] = true; n++; } return n; }
  function removeChars(v, chars) { var out = ""; for (var i = 0; i < v.length; i++) if (chars.indexOf(v[i]) < 0) out += v[i]; return out; }
  function allDigits(v) { for (var i = 0; i < v.length; i++) if (!isAsciiDigit(v[i])) return false; return true; }

  var EMAIL = /^[A-Za-z0-9!#$%&'*+\/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+\/=?^_`{|}~-]+)*@([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}$/;
  function isEmail(v) { var at = v.indexOf("@"); return v.length <= 254 && at > 0 && at <= 64 && EMAIL.test(v); }

  function emailList(v) {
    var parts = v.split(/[,; \t\r\n]/).filter(function (p) { return p.length > 0; });
    var wellFormed = parts.filter(isEmail).map(lower);
    var seen = {}, distinct = 0;
    wellFormed.forEach(function (p) { if (!seen[p]) { seen[p] = true; distinct++; } });
    var plausible = distinct >= 1 && wellFormed.length === parts.length && distinct === wellFormed.length;
    return { plausible: plausible, count: distinct };
  }

  var ISO_DATE = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/, DMY_DATE = /^([0-9]{1,2})([-\/.])([0-9]{1,2})\2([0-9]{4})$/;
  function daysInMonth(y, m) {
    if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
    return [4, 6, 9, 11].indexOf(m) >= 0 ? 30 : 31;
  }
  function isBirthDate(v, today) {
    var y, m, d, x = ISO_DATE.exec(v);
    if (x) { y = +x[1]; m = +x[2]; d = +x[3]; }
    else if ((x = DMY_DATE.exec(v))) { d = +x[1]; m = +x[3]; y = +x[4]; }
    else return false;
    if (y < 1 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return false;
    var t = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(today);
    var ty = +t[1], tm = +t[2], td = +t[3];
    var cmp = function (a1, a2, a3, b1, b2, b3) { return a1 !== b1 ? a1 - b1 : a2 !== b2 ? a2 - b2 : a3 - b3; };
    if (cmp(y, m, d, ty, tm, td) > 0) return false;
    var age = ty - y - (cmp(tm, td, 0, m, d, 0) < 0 ? 1 : 0);
    return age >= MIN_AGE && age <= MAX_AGE;
  }

  function isDutchMobile(v) {
    var s = removeChars(v.split("(0)").join(""), " -.");
    var sub = s.length === 10 && s.indexOf("06") === 0 ? s.substring(2)
      : s.length === 12 && s.indexOf("+316") === 0 ? s.substring(4)
      : s.length === 13 && s.indexOf("00316") === 0 ? s.substring(5) : null;
    if (sub === null || !allDigits(sub)) return false;
    return distinctCount(sub) > 1 && sub !== "12345678" && sub !== "87654321";
  }

  function isBsn(v) {
    var digits = removeChars(v, " .-");
    if (!allDigits(digits)) return false;
    if (digits.length === 8) digits = "0" + digits;
    if (digits.length !== 9 || /^0+$/.test(digits)) return false;
    var sum = 0;
    for (var i = 0; i < 8; i++) sum += (9 - i) * (+digits[i]);
    sum -= +digits[8];
    return sum % 11 === 0;
  }

  var THOUSANDS_ONLY = /^[0-9]{1,3}([.,][0-9]{3})+$/;
  // DisclosureClassifier.ParseAmount, returning the normalised "1234.5" text (compared exactly, not as a float).
  function amount(v) {
    var s = lower(trim(v));
    ["€", "euro", "eur"].forEach(function (noise) { s = s.split(noise).join(""); });
    var kept = "";
    for (var i = 0; i < s.length; i++) if (!isWhite(s[i])) kept += s[i];
    s = kept;
    if (s.slice(-2) === ",-" || s.slice(-2) === ".-") s = s.slice(0, -2);
    if (s.length === 0 || s.length > 20 || !/^[0-9.,]*$/.test(s)) return null;
    if (!isAsciiDigit(s[0]) || !isAsciiDigit(s[s.length - 1])) return null;
    var lastDot = s.lastIndexOf("."), lastComma = s.lastIndexOf(",");
    if (lastDot >= 0 && lastComma >= 0) {
      var thousands = lastDot > lastComma ? "," : ".", dec = lastDot > lastComma ? "." : ",";
      var decPos = Math.max(lastDot, lastComma), whole = s.substring(0, decPos);
      if (whole.indexOf(dec) >= 0 || !THOUSANDS_ONLY.test(whole.split(thousands).join(","))) return null;
      return whole.split(thousands).join("") + "." + s.substring(decPos + 1);
    }
    if (lastDot >= 0 || lastComma >= 0) {
      var sep = lastDot >= 0 ? "." : ",";
      if (THOUSANDS_ONLY.test(s)) return s.split(sep).join("");
      if (s.split(sep).length === 2) return s.split(sep).join(".");
      return null;
    }
    return s;
  }
  function isIncome(v) {
    var n = amount(v);
    if (n === null) return false;
    var parts = n.split("."), whole = parseInt(parts[0] || "0", 10), frac = parts[1] || "";
    return whole < MAX_INCOME || (whole === MAX_INCOME && /^0*$/.test(frac));
  }

  var ROWS = ["qwertyuiop", "asdfghjkl", "zxcvbnm", "azertyuiop", "qsdfghjklm", "abcdefghijklmnopqrstuvwxyz", "1234567890"];
  var STAND_INS = {};
  ["test", "testtest", "tester", "testing", "fake", "nep", "dummy", "lorem", "ipsum", "bla", "blah", "blabla",
    "foo", "bar", "foobar", "nvt", "na", "none", "geen", "niks", "niets", "nothing", "unknown", "onbekend",
    "anoniem", "anonymous", "prive", "private", "privacy", "xyz", "abc", "asd", "qwe", "jkl", "hallo", "hoi", "hello"]
    .forEach(function (w) { STAND_INS[w] = true; });
  function isStandIn(w) { return Object.prototype.hasOwnProperty.call(STAND_INS, w); }
  function inRow(w) { return ROWS.some(function (r) { return r.indexOf(w) >= 0; }); }
  function isRepeatedChunk(w) {
    for (var len = 1; len <= 4 && len * 2 <= w.length; len++) {
      if (w.length % len !== 0) continue;
      var chunk = w.substring(0, len);
      if (new Array(w.length / len + 1).join(chunk) !== w) continue;
      if (w.length / len >= 3 || isStandIn(chunk) || (chunk.length >= 3 && inRow(chunk))) return true;
    }
    return false;
  }
  function isPlaceholder(w) {
    return isStandIn(w) || (w.length >= 2 && distinctCount(w) === 1) || (w.length >= 4 && inRow(w)) || isRepeatedChunk(w);
  }
  function isPlausibleText(v) {
    var letters = 0;
    for (var i = 0; i < v.length; i++) if (isLetter(v[i])) letters++;
    if (letters < 2) return false;
    var words = v.split(/[ \t\r\n,;.\/\-_]/).filter(function (w) { return w.length > 0; }).map(function (w) {
      var kept = "";
      for (var j = 0; j < w.length; j++) if (isLetterOrDigit(w[j])) kept += w[j];
      return lower(kept);
    }).filter(function (w) { return w.length > 0; });
    var joined = words.join("");
    if (isPlaceholder(joined) || (joined.length >= 2 && distinctCount(joined) === 1)) return false;
    return !words.every(isPlaceholder);
  }

  // field: { type, options: [{ code, discloses }] }; today: "yyyy-mm-dd" (the server's date, from the page).
  function classify(field, value, today) {
    if (isBlank(value)) return "empty";
    var v = trim(String(value));
    var type = field.type, plausible;
    if (type === "choice") {
      var option = (field.options || []).filter(function (o) { return o.code === v; })[0];
      if (option && option.discloses === false) return "empty";   // "prefer not to say" gives nothing away
      plausible = !!option;
    }
    else if (type === "email_list") plausible = emailList(v).plausible;
    else if (type === "email") plausible = isEmail(v);
    else if (type === "date") plausible = isBirthDate(v, today);
    else if (type === "mobile") plausible = isDutchMobile(v);
    else if (type === "bsn") plausible = isBsn(v);
    else if (type === "income") plausible = isIncome(v);
    else plausible = isPlausibleText(v);
    return plausible ? "plausible" : "implausible";
  }
  // email_list: the number of distinct well-formed addresses (0 when empty).
  function listCount(value) { return isBlank(value) ? 0 : emailList(trim(String(value))).count; }

  // The shop checks of a required field (Experiment.Engine/Checkout/ShopChecks.cs, shop.requiredFieldCheck "shop"),
  // by kind: true when the value passes or is blank (that it is required is a rule of its own). checkout.js applies
  // them before an order in browser mode, so that the server's refusal, which cannot keep what was typed in the
  // browser, does not happen for them; the server checks again. A Chromium test holds each kind to ShopChecks.Check.
  var POSTCODE = /^[1-9][0-9]{3} ?[A-Za-z]{2}$/, HOUSE_NUMBER = /^[1-9][0-9]{0,4}(?:[A-Za-z]{1,4}|(?: ?- ?| )[0-9A-Za-z]{1,4})?$/;
  function isName(v) {
    var letters = 0;
    // By code point, as .NET's runes; a lone surrogate is neither a letter nor a control or format character there either.
    for (var c of v) {
      if (/[\p{Cc}\p{Cf}]/u.test(c)) return false;
      if (/\p{L}/u.test(c)) letters++;
    }
    return letters >= 2;
  }
  var SHOP_CHECKS = {
    email: isEmail,
    postcode: function (v) { return POSTCODE.test(v); },
    house_number: function (v) { return HOUSE_NUMBER.test(v); },
    name: isName,
  };
  function shopCheck(kind, value) {
    if (isBlank(value)) return true;
    var rule = SHOP_CHECKS[kind];
    // A kind this port does not know: the server decides.
    return !rule || rule(trim(String(value)));
  }

  root.PPLClassify = { classify: classify, listCount: listCount, isBlank: isBlank, shopCheck: shopCheck };
})(window);
