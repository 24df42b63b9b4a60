/// The playground's script: what it keeps in the tab (`sessionStorage`), PKCE, decoding tokens, showing steps and
/// the choice of client, flow and scopes. The flows themselves are in `PlaygroundScript+Flows.swift`.
enum PlaygroundScript {
    /// The whole script, as served at `/_mock/playground.js`.
    static let text = Self.foundations + "\n" + Self.flows

    private static let foundations = #"""
        "use strict";
        const playgroundPath = "/_mock/playground";
        const callbackPath = "/_mock/playground/callback";
        const storageKey = "xena-mock-playground";
        const flows = {
          code: { label: "Authorization code + PKCE", grant: "authorization_code", responseType: "code" },
          hybrid: { label: "Hybrid, form_post (code id_token)", grant: "hybrid", responseType: "code id_token", responseMode: "form_post" },
          implicit: { label: "Implicit (id_token token)", grant: "implicit", responseType: "id_token token" },
          client_credentials: { label: "Client credentials (service account)", grant: "client_credentials" },
          refresh: { label: "Refresh (the last refresh token from this tab)" },
        };
        let discovery = null;
        let clients = [];

        function element(tag, text, className) {
          const node = document.createElement(tag);
          if (text !== undefined) node.textContent = text;
          if (className) node.className = className;
          return node;
        }
        function status(text) { document.getElementById("status").textContent = text; }
        function adminToken() { return sessionStorage.getItem("xena-mock-admin-token"); }
        async function control(path) {
          const headers = {};
          if (adminToken()) headers.Authorization = "Bearer " + adminToken();
          const response = await fetch("/_mock" + path, { headers });
          if (response.status === 401) { document.getElementById("token-form").hidden = false; throw new Error("the control API needs the admin token"); }
          if (!response.ok) throw new Error("GET /_mock" + path + " answered " + response.status);
          return response.json();
        }
        function stored() {
          try { return JSON.parse(sessionStorage.getItem(storageKey)) || {}; } catch (error) { return {}; }
        }
        function store(value) { sessionStorage.setItem(storageKey, JSON.stringify(value)); }

        // PKCE (RFC 7636): a random verifier and its SHA-256, in base64url. SHA-256 is computed here rather than with
        // crypto.subtle, which browsers offer only on https and localhost.
        function base64url(bytes) {
          let text = "";
          for (const byte of bytes) text += String.fromCharCode(byte);
          return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
        }
        function randomString() { return base64url(crypto.getRandomValues(new Uint8Array(32))); }
        function sha256(text) {
          const primes = [];
          for (let n = 2; primes.length < 64; n++) if (primes.every((p) => n % p)) primes.push(n);
          const fraction = (x) => (x - Math.floor(x)) * 4294967296 | 0;
          const k = primes.map((p) => fraction(Math.cbrt(p)));
          const hash = primes.slice(0, 8).map((p) => fraction(Math.sqrt(p)));
          const rotate = (x, n) => (x >>> n) | (x << (32 - n));
          const bytes = new TextEncoder().encode(text);
          const padded = new Uint8Array((bytes.length + 72) & ~63);
          padded.set(bytes);
          padded[bytes.length] = 0x80;
          const view = new DataView(padded.buffer);
          view.setUint32(padded.length - 8, Math.floor(bytes.length / 0x20000000));
          view.setUint32(padded.length - 4, bytes.length * 8);
          const w = new Int32Array(64);
          for (let offset = 0; offset < padded.length; offset += 64) {
            for (let i = 0; i < 16; i++) w[i] = view.getUint32(offset + i * 4);
            for (let i = 16; i < 64; i++) {
              const s0 = rotate(w[i - 15], 7) ^ rotate(w[i - 15], 18) ^ (w[i - 15] >>> 3);
              const s1 = rotate(w[i - 2], 17) ^ rotate(w[i - 2], 19) ^ (w[i - 2] >>> 10);
              w[i] = w[i - 16] + s0 + w[i - 7] + s1;
            }
            let [a, b, c, d, e, f, g, h] = hash;
            for (let i = 0; i < 64; i++) {
              const t1 = (h + (rotate(e, 6) ^ rotate(e, 11) ^ rotate(e, 25)) + ((e & f) ^ (~e & g)) + k[i] + w[i]) | 0;
              const t2 = ((rotate(a, 2) ^ rotate(a, 13) ^ rotate(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
              [h, g, f, e, d, c, b, a] = [g, f, e, (d + t1) | 0, c, b, a, (t1 + t2) | 0];
            }
            [a, b, c, d, e, f, g, h].forEach((value, i) => { hash[i] = (hash[i] + value) | 0; });
          }
          const digest = new DataView(new ArrayBuffer(32));
          hash.forEach((value, i) => digest.setUint32(i * 4, value >>> 0));
          return new Uint8Array(digest.buffer);
        }

        function decodeJWT(token) {
          const parts = String(token).split(".");
          if (parts.length !== 3) return null;
          const decode = (part) => {
            const text = atob(part.replace(/-/g, "+").replace(/_/g, "/"));
            return JSON.parse(new TextDecoder().decode(Uint8Array.from(text, (c) => c.charCodeAt(0))));
          };
          try { return { header: decode(parts[0]), claims: decode(parts[1]) }; } catch (error) { return null; }
        }
        function quote(text) { return "'" + String(text).replace(/'/g, "'\\''") + "'"; }

        function renderStep(step) {
          const item = element("li", undefined, step.error ? "step failed" : "step");
          item.appendChild(element("h3", step.title));
          if (step.text) item.appendChild(element("p", step.text));
          if (step.url) { const url = element("p"); url.appendChild(element("code", step.url, "url")); item.appendChild(url); }
          if (step.rows && step.rows.length) {
            const table = element("table");
            const body = table.createTBody();
            for (const cells of step.rows) {
              const row = body.insertRow();
              for (const cell of cells) row.insertCell().textContent = cell;
            }
            item.appendChild(table);
          }
          const block = (summary, value, open) => {
            const details = element("details");
            details.open = open;
            details.appendChild(element("summary", summary));
            details.appendChild(element("pre", typeof value === "string" ? value : JSON.stringify(value, null, 2)));
            item.appendChild(details);
          };
          if (step.request) block("Request", step.request, false);
          if (step.answer) block("Answer: " + step.answer.status, step.answer.body, true);
          for (const [name, token] of Object.entries(step.tokens || {})) {
            const decoded = decodeJWT(token);
            block(name + (decoded ? " (decoded)" : ""), decoded || token, true);
          }
          if (step.error) item.appendChild(element("p", step.error, "error"));
          if (step.curl) {
            item.appendChild(element("pre", step.curl, "curl"));
            const button = element("button", "Copy curl");
            button.type = "button";
            button.addEventListener("click", () => copy(step.curl));
            item.appendChild(button);
          }
          return item;
        }
        function renderSteps(steps) {
          document.getElementById("steps").replaceChildren(...steps.map(renderStep));
        }
        async function copy(text) {
          try {
            await navigator.clipboard.writeText(text);
            status("Copied the curl command.");
          } catch (error) {
            const area = element("textarea");
            area.value = text;
            document.body.appendChild(area);
            area.select();
            const copied = document.execCommand("copy");
            area.remove();
            status(copied ? "Copied the curl command." : "The browser refused to copy: select the command and copy it.");
          }
        }

        function selectedClient() { return clients.find((c) => c.client_id === document.getElementById("client").value); }
        function redirectURI() { return discovery.issuer + callbackPath; }
        function unavailability(client, flow) {
          const grants = client.grant_types;
          if (flow === "refresh") {
            if (!client.allowed_scopes.includes("offline_access")) return "the client may not ask for offline_access";
            if (!(stored().refreshTokens || {})[client.client_id]) return "no refresh token yet: run code + PKCE or hybrid with offline_access first";
            return null;
          }
          if (!grants.includes(flows[flow].grant)) return "the client is not registered for it";
          if (flow !== "client_credentials" && !client.redirect_uris.some((uri) => uri === "{issuer}" + callbackPath || uri === redirectURI())) {
            return "the client does not list {issuer}" + callbackPath + " among its redirect URIs";
          }
          return null;
        }
        function showClient() {
          const client = selectedClient();
          if (!client) return;
          const select = document.getElementById("flow");
          const previous = select.value;
          select.replaceChildren();
          const notes = [];
          for (const [name, flow] of Object.entries(flows)) {
            const reason = unavailability(client, name);
            const option = new Option(flow.label, name);
            option.disabled = reason !== null;
            select.appendChild(option);
            if (reason) notes.push(flow.label + ": " + reason + ".");
          }
          const usable = [...select.options].filter((o) => !o.disabled);
          const wanted = previous || stored().flow;
          select.value = usable.some((o) => o.value === wanted) ? wanted : (usable[0] || { value: "" }).value;
          document.getElementById("flow-help").textContent = notes.length ? "Not available: " + notes.join(" ") : "";
          showScopes();
        }
        function showScopes() {
          const client = selectedClient();
          const flow = document.getElementById("flow").value;
          const fieldset = document.getElementById("scopes");
          fieldset.replaceChildren(element("legend", "Scopes"));
          fieldset.disabled = flow === "refresh";
          for (const scope of client ? client.allowed_scopes : []) {
            const id = "scope-" + scope;
            const box = element("input");
            Object.assign(box, { type: "checkbox", id, value: scope, checked: !(flow === "implicit" && scope === "offline_access") });
            const label = element("label", " " + scope);
            label.htmlFor = id;
            const line = element("div");
            line.append(box, label);
            fieldset.appendChild(line);
          }
          document.getElementById("run").disabled = !flow;
        }
        """#
}
