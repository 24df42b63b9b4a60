/// The dashboard's page, stylesheet and script. The page is a frame the script fills from the control API.
enum DashboardAssets {
    static let page = ControlPageResponse.document(
        title: "Dashboard", heading: "xena-mock", script: DashboardController.scriptPath,
        link: (PlaygroundController.pagePath, "Playground"), main: mainMarkup)

    private static let mainMarkup = """
        <main>
        <section aria-labelledby="clock-heading"><h2 id="clock-heading">Clock</h2>
        <p>Now on the mock's clock: <strong id="clock-now">–</strong> (offset <span id="clock-offset">0</span> s)</p>
        <div class="row"><button data-advance="60">+1 min</button><button data-advance="3600">+1 hour</button>
        <button data-advance="86400">+1 day</button><button id="clock-reset">Reset</button></div>
        <form id="clock-set" class="row"><label for="clock-time">Set to</label> <input id="clock-time" type="datetime-local" step="1">
        <button type="submit">Set</button></form></section>
        <section aria-labelledby="tokens-heading"><h2 id="tokens-heading">Issued tokens</h2><div id="tokens"></div></section>
        <section aria-labelledby="faults-heading"><h2 id="faults-heading">Faults</h2><ul id="faults"></ul>
        <form id="fault-form" class="row"><label for="fault-spec">Add (SPEC)</label>
        <input id="fault-spec" type="text" placeholder="token:status=503,times=2" aria-describedby="fault-help">
        <button type="submit">Add</button><button type="button" id="faults-clear">Clear all</button></form>
        <p id="fault-help" class="muted">The grammar of --fault, e.g. token:status=503,times=2 or api:/Api/Fiscal:delay=1500.</p>
        <p id="fault-error" class="error" role="alert"></p></section>
        <section aria-labelledby="journal-heading"><h2 id="journal-heading">Requests</h2>
        <div class="row"><label for="journal-endpoint">Endpoint</label> <select id="journal-endpoint"><option value="">all</option></select>
        <label for="journal-status">Status</label> <input id="journal-status" type="text" inputmode="numeric" size="4"></div>
        <div id="journal"></div></section>
        <section aria-labelledby="sessions-heading"><h2 id="sessions-heading">Sessions and consents</h2><div id="sessions"></div></section>
        <section aria-labelledby="consent-heading"><h2 id="consent-heading">Consent queue</h2><p id="consent"></p></section>
        <section aria-labelledby="keys-heading"><h2 id="keys-heading">Signing keys</h2><ul id="keys"></ul>
        <button id="keys-rotate">Rotate</button></section>
        <section aria-labelledby="directory-heading"><h2 id="directory-heading">Users and clients</h2><div id="directory"></div></section>
        <section aria-labelledby="reset-heading"><h2 id="reset-heading">Reset</h2>
        <p class="muted">Back to the fixtures: users, clients, API data, tokens, sessions, faults, clock, keys, journal.</p>
        <button id="reset" class="danger">Reset everything</button></section>
        </main>
        """

    static let stylesheet = """
        :root { color-scheme: light; --ink: #1d2733; --muted: #4f5a66; --accent: #0b6e63; --line: #c9d1d9; --error: #a4161a; }
        body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #eef2f4; }
        header { background: #084f47; color: #fff; padding: .75rem 1.5rem; display: flex; gap: 1.5rem; align-items: center; flex-wrap: wrap; }
        header h1 { font-size: 1.3rem; margin: 0; }
        header p { margin: 0; }
        main { display: grid; grid-template-columns: repeat(auto-fit, minmax(26rem, 1fr)); gap: 1rem; padding: 1rem 1.5rem; }
        section { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: .75rem 1rem; min-width: 0; }
        h2 { font-size: 1.05rem; margin: .25rem 0 .5rem; }
        .row { display: flex; gap: .5rem; align-items: center; flex-wrap: wrap; margin: .5rem 0; }
        button { font: inherit; padding: .3rem .8rem; border-radius: 4px; border: 1px solid var(--accent); background: #fff; color: #084f47; cursor: pointer; }
        button.danger { border-color: var(--error); color: var(--error); }
        input, select { font: inherit; padding: .25rem .4rem; border: 1px solid var(--muted); border-radius: 4px; }
        :focus-visible { outline: 3px solid #1a4fd6; outline-offset: 2px; }
        table { width: 100%; border-collapse: collapse; font-size: .9rem; }
        th, td { text-align: left; padding: .25rem .35rem; border-bottom: 1px solid var(--line); vertical-align: top; }
        details pre { white-space: pre-wrap; word-break: break-all; font-size: .8rem; background: #f6f8fa; padding: .5rem; margin: .25rem 0; }
        summary { cursor: pointer; }
        .muted { color: var(--muted); }
        .error { color: var(--error); font-weight: 600; }
        .expired, .revoked { color: var(--error); font-weight: 600; }
        ul { padding-left: 1.1rem; margin: .25rem 0; }
        header a { color: #fff; }
        main.playground { grid-template-columns: minmax(18rem, 26rem) minmax(0, 1fr); align-items: start; }
        @media (max-width: 50rem) { main.playground { grid-template-columns: minmax(0, 1fr); } }
        fieldset { border: 1px solid var(--line); border-radius: 4px; margin: .5rem 0; }
        ol.steps { padding-left: 1.5rem; margin: 0; }
        li.step { margin: 0 0 1.25rem; }
        li.step h3 { font-size: 1rem; margin: .25rem 0; }
        li.step.failed h3 { color: var(--error); }
        code.url, li.step td { overflow-wrap: anywhere; }
        li.step td:not(:last-child) { white-space: nowrap; }
        main.playground select, main.playground input[type=text] { max-width: 100%; }
        pre.curl { white-space: pre-wrap; word-break: break-all; background: #1d2733; color: #f6f8fa; padding: .5rem; border-radius: 4px; font-size: .8rem; }
        """

    static let script = #"""
        "use strict";
        const base = "/_mock";
        let offsetSeconds = 0;
        let tokens = [];
        let usernames = {};

        function token() { return sessionStorage.getItem("xena-mock-admin-token"); }
        async function call(method, path, body) {
          const headers = {};
          if (token()) headers["Authorization"] = "Bearer " + token();
          if (body !== undefined) headers["Content-Type"] = "application/json";
          const response = await fetch(base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
          if (response.status === 401) { document.getElementById("token-form").hidden = false; throw new Error("the admin token is needed"); }
          const text = await response.text();
          const value = text ? JSON.parse(text) : null;
          if (!response.ok) throw new Error((value && value.error_description) || response.statusText);
          return value;
        }
        function element(tag, text, className) {
          const node = document.createElement(tag);
          if (text !== undefined) node.textContent = text;
          if (className) node.className = className;
          return node;
        }
        function table(headings, rows) {
          const result = element("table");
          const head = result.createTHead().insertRow();
          for (const heading of headings) head.appendChild(element("th", heading));
          const body = result.createTBody();
          for (const cells of rows) {
            const row = body.insertRow();
            for (const cell of cells) { const td = row.insertCell(); if (cell instanceof Node) td.appendChild(cell); else td.textContent = cell; }
          }
          return result;
        }
        function detail(summary, value) {
          const node = element("details");
          node.appendChild(element("summary", summary));
          node.appendChild(element("pre", JSON.stringify(value, null, 2)));
          return node;
        }
        function nowSeconds() { return Date.now() / 1000 + offsetSeconds; }
        function remaining(exp) {
          const left = Math.floor(exp - nowSeconds());
          if (left <= 0) return "expired";
          const h = Math.floor(left / 3600), m = Math.floor((left % 3600) / 60), s = left % 60;
          return "expires in " + (h ? h + " h " : "") + m + " min " + s + " s";
        }
        function renderTokens() {
          const rows = tokens.map((entry) => {
            const state = entry.revoked ? "revoked" : remaining(entry.claims.exp);
            return [entry.kind, entry.client_id, entry.claims.preferred_username || usernames[entry.sub] || entry.sub || "–",
              element("span", state, state === "expired" || state === "revoked" ? state : ""),
              detail("header and claims", { header: entry.header, claims: entry.claims })];
          });
          const target = document.getElementById("tokens");
          target.replaceChildren(rows.length ? table(["kind", "client", "user", "state", ""], rows) : element("p", "No tokens yet.", "muted"));
        }
        async function refresh() {
          try {
            const [clock, issued, faults, journal, sessions, consent, keys, users, clients] = await Promise.all([
              call("GET", "/clock"), call("GET", "/tokens"), call("GET", "/faults"), call("GET", "/requests"), call("GET", "/sessions"),
              call("GET", "/consent"), call("GET", "/keys"), call("GET", "/users"), call("GET", "/clients")]);
            offsetSeconds = clock.offsetSeconds;
            usernames = Object.fromEntries(users.map((u) => [u.sub, u.username]));
            document.getElementById("clock-now").textContent = clock.now;
            document.getElementById("clock-offset").textContent = String(clock.offsetSeconds);
            tokens = issued.tokens;
            renderTokens();
            document.getElementById("faults").replaceChildren(...(faults.faults.length ? faults.faults.map((fault) =>
              element("li", "#" + fault.id + " " + fault.target + (fault.status ? " → " + fault.status : "") + (fault.remaining !== undefined ? " (" + fault.remaining + " left)" : ""))) :
              [element("li", "none", "muted")]));
            renderJournal(journal.requests);
            document.getElementById("sessions").replaceChildren(
              table(["session", "user", "logged in"], sessions.sessions.map((s) => [s.sid.slice(0, 8) + "…", s.username || s.sub, new Date(s.auth_time * 1000).toISOString()])),
              table(["client", "user", "scopes", "remembered"], sessions.consents.map((c) => [c.clientName, c.subject.slice(0, 8) + "…", c.scopes.join(" "), c.remembered ? "yes" : "no"])));
            document.getElementById("consent").textContent = "Mode " + consent.mode + "; queued: " + (consent.pending.length ? JSON.stringify(consent.pending) : "nothing");
            document.getElementById("keys").replaceChildren(...keys.keys.map((key) => element("li", key.kid + " — " + key.state)));
            document.getElementById("directory").replaceChildren(
              table(["user", "name", "email", "2-step code"], users.map((u) => [u.username, u.name, u.email, u.otp || ""])),
              table(["client", "name", "grants"], clients.map((c) => [c.client_id, c.client_name || "", c.grant_types.join(", ")])));
            document.getElementById("status").textContent = "Live";
          } catch (error) {
            document.getElementById("status").textContent = "Not updated: " + error.message;
          }
        }
        let journalEntries = [];
        function renderJournal(entries) {
          if (entries) journalEntries = entries;
          const select = document.getElementById("journal-endpoint");
          for (const endpoint of new Set(journalEntries.map((e) => e.endpoint))) {
            if (![...select.options].some((o) => o.value === endpoint)) select.appendChild(new Option(endpoint, endpoint));
          }
          const endpoint = select.value, status = document.getElementById("journal-status").value.trim();
          const shown = journalEntries.filter((e) => (!endpoint || e.endpoint === endpoint) && (!status || String(e.status).startsWith(status))).slice(-50).reverse();
          document.getElementById("journal").replaceChildren(table(["time", "request", "status", ""],
            shown.map((e) => [e.time.slice(11, 23), e.method + " " + e.path, String(e.status), detail("parameters", e.parameters)])));
        }
        async function act(action) {
          try { await action(); document.getElementById("fault-error").textContent = ""; } catch (error) { document.getElementById("fault-error").textContent = error.message; }
          await refresh();
        }
        function listen() {
          if (!window.EventSource || token()) { setInterval(refresh, 2000); return; }
          const events = new EventSource(base + "/events");
          events.addEventListener("change", refresh);
          events.onerror = () => { document.getElementById("status").textContent = "Reconnecting…"; };
        }
        document.addEventListener("DOMContentLoaded", () => {
          for (const button of document.querySelectorAll("[data-advance]")) {
            button.addEventListener("click", () => act(() => call("POST", "/clock/advance", { seconds: Number(button.dataset.advance) })));
          }
          document.getElementById("clock-reset").addEventListener("click", () => act(() => call("POST", "/clock/reset")));
          document.getElementById("clock-set").addEventListener("submit", (event) => {
            event.preventDefault();
            const value = document.getElementById("clock-time").value;
            if (value) act(() => call("POST", "/clock/set", { time: new Date(value).toISOString().replace(/\.\d+Z$/, "Z") }));
          });
          document.getElementById("fault-form").addEventListener("submit", (event) => {
            event.preventDefault();
            const spec = document.getElementById("fault-spec").value.trim();
            if (spec) act(async () => { await call("POST", "/faults", { spec }); document.getElementById("fault-spec").value = ""; });
          });
          document.getElementById("faults-clear").addEventListener("click", () => act(() => call("DELETE", "/faults")));
          document.getElementById("keys-rotate").addEventListener("click", () => act(() => call("POST", "/keys/rotate")));
          document.getElementById("reset").addEventListener("click", () => act(() => call("POST", "/reset")));
          document.getElementById("journal-endpoint").addEventListener("change", () => renderJournal());
          document.getElementById("journal-status").addEventListener("input", () => renderJournal());
          document.getElementById("token-form").addEventListener("submit", (event) => {
            event.preventDefault();
            sessionStorage.setItem("xena-mock-admin-token", document.getElementById("admin-token").value);
            document.getElementById("token-form").hidden = true;
            refresh();
          });
          setInterval(renderTokens, 1000);
          refresh();
          listen();
        });
        """#
}
