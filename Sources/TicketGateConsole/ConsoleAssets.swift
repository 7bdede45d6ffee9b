/// The console's stylesheet and script, served from `/console/assets/` (the Content-Security-Policy allows
/// no other source, and no inline style or script). Every page works without the script.
enum ConsoleAssets {
    /// The file names served, with their content type and text.
    static let files: [String: (contentType: String, text: String)] = [
        "console.css": ("text/css; charset=utf-8", stylesheet),
        "console.js": ("text/javascript; charset=utf-8", script),
    ]

    static let stylesheet = """
        :root { --ok: #1a7f37; --dry: #8250df; --bad: #cf222e; --waiting: #9a6700; --events: #0969da; --line: #d0d7de; --muted: #57606a; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1f2328; background: #f6f8fa; }
        a { color: #0969da; }
        header.top { display: flex; align-items: center; gap: 1.5rem; padding: .6rem 1.5rem; background: #24292f; }
        header.top a { color: #fff; text-decoration: none; }
        header.top .brand { font-weight: 700; }
        header.top nav { display: flex; gap: 1rem; flex: 1; }
        header.top nav a[aria-current="page"] { border-bottom: 2px solid #fff; }
        header.top button { background: none; color: #fff; border: 1px solid #8c959f; border-radius: 4px; padding: .2rem .6rem; }
        main { max-width: 1200px; margin: 0 auto; padding: 1rem 1.5rem 3rem; }
        section { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: .5rem 1rem 1rem; margin: 1rem 0; }
        h1 { font-size: 1.5rem; } h2 { font-size: 1.15rem; } h3 { font-size: 1rem; }
        table { border-collapse: collapse; width: 100%; }
        th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
        td.subject { max-width: 22rem; overflow-wrap: anywhere; }
        pre { background: #f6f8fa; padding: .5rem; border-radius: 4px; white-space: pre-wrap; overflow-wrap: anywhere; margin: .3rem 0; }
        .facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
        .facts dt { color: var(--muted); } .facts dd { margin: 0; overflow-wrap: anywhere; white-space: pre-wrap; }
        .badge { display: inline-block; padding: 0 .45rem; border-radius: 1rem; border: 1px solid currentColor; font-size: .85em; text-decoration: none; }
        .ok { color: var(--ok); } .dry { color: var(--dry); } .bad { color: var(--bad); } .waiting { color: var(--waiting); }
        .notice { background: #dafbe1; border: 1px solid var(--ok); padding: .5rem; border-radius: 4px; }
        .error { background: #ffebe9; border: 1px solid var(--bad); padding: .5rem; border-radius: 4px; }
        .hint { color: var(--muted); }
        form.filter, form.playground { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: end; margin: 1rem 0; }
        form.filter label, form.playground label { display: flex; flex-direction: column; font-size: .85em; color: var(--muted); }
        label.wide { flex-basis: 100%; }
        textarea { width: 100%; font-family: ui-monospace, monospace; }
        input, select, button, textarea { font: inherit; padding: .25rem .4rem; }
        button { cursor: pointer; } button.danger { color: #fff; background: var(--bad); border: 0; border-radius: 4px; padding: .35rem .8rem; }
        .actions form, td form { display: inline; }
        svg.chart { width: 100%; height: auto; max-height: 260px; }
        svg.chart rect.events { fill: var(--events); } svg.chart rect.ok { fill: var(--ok); } svg.chart rect.dry { fill: var(--dry); }
        svg.chart rect.waiting { fill: var(--waiting); } svg.chart rect.bad { fill: var(--bad); }
        svg.chart line.grid { stroke: var(--line); } svg.chart text.axis { font-size: 10px; fill: var(--muted); }
        .legend .key { display: inline-block; width: .8rem; height: .8rem; vertical-align: middle; margin-left: .6rem; }
        .legend .key.events { background: var(--events); } .legend .key.ok { background: var(--ok); } .legend .key.dry { background: var(--dry); }
        .legend .key.waiting { background: var(--waiting); } .legend .key.bad { background: var(--bad); }
        ol.audit { padding-left: 1.2rem; } ol.audit .stage { font-family: ui-monospace, monospace; color: var(--muted); }
        label.refresh { float: right; font-size: .85em; color: var(--muted); margin-top: 1.6rem; }
        p.pager { display: flex; gap: 1rem; align-items: baseline; } p.pager .total { margin-left: auto; color: var(--muted); }
        body.signin main { max-width: 24rem; margin-top: 10vh; }
        body.signin form { display: flex; flex-direction: column; gap: .5rem; }
        """

    /// Auto-refresh, on the pages that offer it (`#auto-refresh`): while the box is ticked, the page reloads every
    /// `data-seconds`, unless the operator is typing in one of its fields; the choice is kept in the browser for
    /// every page.
    static let script = """
        "use strict";
        document.addEventListener("DOMContentLoaded", () => {
          const toggle = document.getElementById("auto-refresh");
          if (!toggle) return;
          const key = "ticketgate.auto-refresh";
          const seconds = Number(toggle.dataset.seconds) || 15;
          let timer;
          const schedule = () => {
            clearTimeout(timer);
            if (!toggle.checked) return;
            timer = setTimeout(() => {
              const typing = document.activeElement && document.activeElement.matches("input:not(#auto-refresh), select, textarea");
              if (typing) { schedule(); } else { location.reload(); }
            }, seconds * 1000);
          };
          toggle.checked = localStorage.getItem(key) === "on";
          toggle.addEventListener("change", () => {
            localStorage.setItem(key, toggle.checked ? "on" : "off");
            schedule();
          });
          schedule();
        });
        """
}
