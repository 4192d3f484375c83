namespace Survey.Web.Researcher;

/// <summary>
/// The console's script and stylesheet, served by ConsoleController so the console stays one feature folder.
/// The CSP forbids inline script and style, so both are separate responses; the script builds rows with
/// textContent only, never HTML from data.
/// </summary>
static class ConsoleAssets
{
    public const string DashboardJs = """
        "use strict";
        (function () {
          var root = document.getElementById("dashboard");
          if (!root) return;
          // Without script the link is a read-only field to select and copy; with it, a button copies it.
          var link = document.getElementById("participant-link"), copy = document.getElementById("copy-link");
          if (link && copy && navigator.clipboard) {
            copy.hidden = false;
            copy.addEventListener("click", function () {
              navigator.clipboard.writeText(link.value).then(function () { copy.textContent = "Copied"; }, function () { link.select(); });
            });
          }
          var url = root.getAttribute("data-live-url");
          var statusLine = document.getElementById("live-status");
          var columns = ["entered", "inProgress", "completed", "abandoned", "withdrawn"];

          function cell(tag, text) { var c = document.createElement(tag); c.textContent = text; return c; }

          function fillCounts(tbodyId, rows, withBalance, target) {
            var body = document.getElementById(tbodyId);
            if (!body) return;
            var max = target || 0;
            rows.forEach(function (r) { max = Math.max(max, r.balance || 0); });
            body.replaceChildren();
            rows.forEach(function (r) {
              var tr = document.createElement("tr");
              tr.appendChild(cell("th", r.name)).setAttribute("scope", "row");
              columns.forEach(function (k) { tr.appendChild(cell("td", String(r[k]))); });
              if (withBalance) {
                var td = document.createElement("td"), n = r.balance || 0;
                td.setAttribute("data-balance", r.name);
                td.textContent = (r.balance === null || r.balance === undefined ? "\u2013" : String(r.balance)) + " ";
                var bar = document.createElement("progress");
                bar.max = Math.max(max, 1);
                bar.value = n;
                bar.textContent = String(n);
                bar.setAttribute("aria-label", r.name + ": " + n + " counted for balance");
                td.appendChild(bar);
                tr.appendChild(td);
              }
              body.appendChild(tr);
            });
          }

          function fillFunnels(funnels) {
            var holder = document.getElementById("funnels");
            if (!holder) return;
            holder.replaceChildren();
            funnels.forEach(function (f) {
              var table = document.createElement("table");
              table.appendChild(cell("caption", f.blockOrder));
              var head = document.createElement("tr");
              ["Step", "Page", "Shown", "Submitted"].forEach(function (h) { head.appendChild(cell("th", h)).setAttribute("scope", "col"); });
              table.appendChild(document.createElement("thead")).appendChild(head);
              var body = table.appendChild(document.createElement("tbody"));
              f.steps.forEach(function (s) {
                var tr = document.createElement("tr");
                [s.step, s.page, s.shown, s.submitted].forEach(function (v) { tr.appendChild(cell("td", String(v))); });
                body.appendChild(tr);
              });
              holder.appendChild(table);
            });
          }

          function render(d) {
            document.querySelectorAll("[data-total]").forEach(function (el) {
              var k = el.getAttribute("data-total");
              el.textContent = String(k === "declined" ? d.declined : d.total[k]);
            });
            document.querySelectorAll("[data-quality]").forEach(function (el) {
              el.textContent = String(d.quality[el.getAttribute("data-quality")]);
            });
            var status = document.getElementById("study-status");
            if (status) status.textContent = d.status;
            // Pilot participants are in none of the counts above; the removal link appears once there is one.
            var pilot = document.getElementById("pilot-count");
            if (pilot) pilot.textContent = String(d.pilotParticipants);
            var remove = document.getElementById("pilot-remove");
            if (remove) remove.hidden = !(d.pilotParticipants > 0);
            var median = document.getElementById("median-duration");
            if (median) median.textContent = d.medianDuration;
            fillCounts("cells", d.cells, true, d.targetPerCell);
            fillCounts("orders", d.orders, false, 0);
            fillFunnels(d.funnels);
            statusLine.textContent = "Updated " + new Date(d.at).toLocaleTimeString();
          }

          function poll() {
            fetch(url, { headers: { "Accept": "application/json" }, credentials: "same-origin", cache: "no-store" })
              .then(function (r) {
                if (r.status === 401) { statusLine.textContent = "Signed out: reload the page to sign in again."; return null; }
                if (!r.ok) throw new Error("HTTP " + r.status);
                return r.json();
              })
              .then(function (d) { if (d) { render(d); setTimeout(poll, 5000); } })
              .catch(function () { statusLine.textContent = "Live update failed; retrying."; setTimeout(poll, 15000); });
          }
          statusLine.textContent = "Live: updates every 5 seconds.";
          setTimeout(poll, 5000);
        })();
        """;

    public const string ConsoleCss = """
        :root { --fg: #1b1b1b; --muted: #555; --line: #c8c8c8; --accent: #0b5cad; --bg: #fff; --warn: #8a1c1c; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
        a { color: var(--accent); }
        :focus-visible { outline: 3px solid #f2a900; outline-offset: 2px; }
        .skip-link { position: absolute; left: -999px; }
        .skip-link:focus { left: 8px; top: 8px; background: #fff; padding: 4px 8px; }
        header { border-bottom: 1px solid var(--line); padding: 8px 16px; display: flex; flex-wrap: wrap; gap: 8px 24px; align-items: center; }
        header nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: 8px 16px; margin: 0; padding: 0; }
        header form { margin: 0; }
        main { padding: 16px; max-width: 72rem; }
        h1 { font-size: 1.5rem; margin: 0 0 12px; }
        h2 { font-size: 1.2rem; margin: 24px 0 8px; }
        .table-wrap { overflow-x: auto; }
        table { border-collapse: collapse; margin: 8px 0 16px; min-width: 100%; }
        caption { text-align: left; font-weight: 600; padding: 4px 0; }
        th, td { border-bottom: 1px solid var(--line); padding: 6px 10px; text-align: left; vertical-align: top; }
        td { font-variant-numeric: tabular-nums; }
        progress { width: 10rem; max-width: 40vw; height: 1rem; }
        .totals { display: grid; grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr)); gap: 8px; margin: 0; }
        .totals div { border: 1px solid var(--line); border-radius: 6px; padding: 8px; }
        .totals dt { color: var(--muted); font-size: .9rem; }
        .totals dd { margin: 0; font-size: 1.4rem; font-weight: 600; }
        .actions { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
        .actions form { margin: 0; }
        .actions label.inline { display: inline; font-weight: normal; margin: 0 8px 0 0; }
        button, .button { font: inherit; padding: 8px 14px; border: 1px solid var(--accent); border-radius: 4px; background: var(--accent); color: #fff; cursor: pointer; text-decoration: none; display: inline-block; min-height: 44px; }
        button.secondary { background: #fff; color: var(--accent); }
        button.danger { background: var(--warn); border-color: var(--warn); }
        label { display: block; font-weight: 600; margin: 12px 0 4px; }
        #participant-link { max-width: 100%; font-family: ui-monospace, monospace; font-size: 0.9em; }
        input[type=text], input[type=password] { font: inherit; padding: 8px; width: 100%; max-width: 24rem; border: 1px solid #767676; border-radius: 4px; }
        fieldset { border: 1px solid var(--line); margin: 12px 0; max-width: 32rem; }
        fieldset label { display: inline; font-weight: normal; margin: 0 16px 0 4px; }
        .message { padding: 8px 12px; border-left: 4px solid var(--accent); background: #eef4fb; max-width: 40rem; }
        .error { border-left-color: var(--warn); background: #fbeeee; }
        .muted { color: var(--muted); }
        """;
}
