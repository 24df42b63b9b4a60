extension PlaygroundScript {
    /// The flows: starting a redirect flow, continuing it at the callback, the token requests, the API call, and the
    /// page's wiring.
    static let flows = #"""
        async function lastJournalID() {
          try {
            const journal = await control("/requests");
            return journal.requests.length ? journal.requests[journal.requests.length - 1].id : 0;
          } catch (error) { return null; }
        }
        async function tokenRequest(title, client, form) {
          const body = new URLSearchParams(form);
          const headers = { "Content-Type": "application/x-www-form-urlencoded" };
          let curl = "curl -X POST " + quote(discovery.token_endpoint);
          const secret = (client.client_secrets || [])[0];
          if (secret) {
            headers.Authorization = "Basic " + btoa(encodeURIComponent(client.client_id) + ":" + encodeURIComponent(secret));
            curl += " \\\n  -u " + quote(client.client_id + ":" + secret);
          } else {
            body.set("client_id", client.client_id);
          }
          for (const [name, value] of body) curl += " \\\n  --data-urlencode " + quote(name + "=" + value);
          const response = await fetch(discovery.token_endpoint, { method: "POST", headers, body });
          const answer = await response.json().catch(() => null);
          const step = {
            title, url: "POST " + discovery.token_endpoint, curl,
            request: "POST " + new URL(discovery.token_endpoint).pathname + "\n" + Object.entries(headers).map(([n, v]) => n + ": " + v).join("\n") + "\n\n" + body,
            answer: { status: response.status, body: answer },
          };
          if (!response.ok) step.error = "The token endpoint refused: " + ((answer && (answer.error_description || answer.error)) || response.status);
          return { step, answer: response.ok ? answer : null };
        }
        function tokensStep(answer, run) {
          const tokens = {};
          for (const name of ["access_token", "id_token", "refresh_token"]) if (answer[name]) tokens[name] = answer[name];
          const step = { title: "The tokens", tokens, rows: [] };
          const idToken = answer.id_token && decodeJWT(answer.id_token);
          if (idToken && run && run.nonce) step.rows.push(["check: nonce in the id_token", idToken.claims.nonce === run.nonce ? "matches the request's" : "does NOT match the request's"]);
          if (answer.refresh_token) step.rows.push(["refresh_token", "kept in this tab for the Refresh flow"]);
          return step;
        }
        async function apiStep(accessToken, path) {
          const url = location.origin + (path.startsWith("/") ? path : "/" + path);
          const response = await fetch(url, { headers: { Authorization: "Bearer " + accessToken, Accept: "application/json" } });
          const text = await response.text();
          let body = text;
          try { body = JSON.parse(text); } catch (error) { /* not JSON: shown as text */ }
          if (typeof body !== "string") body = JSON.stringify(body, null, 2);
          if (body.length > 6000) body = body.slice(0, 6000) + "\n… (" + text.length + " characters in all)";
          const challenge = response.headers.get("WWW-Authenticate");
          const step = {
            title: "Call the Xena API with the access token", url: "GET " + url,
            answer: { status: response.status, body: (challenge ? "WWW-Authenticate: " + challenge + "\n\n" : "") + body },
            curl: "curl -H " + quote("Authorization: Bearer " + accessToken) + " \\\n  " + quote(url),
          };
          if (!response.ok) step.error = "The API answered " + response.status + ".";
          return step;
        }
        async function finishWithTokens(steps, data, client, answer, run) {
          steps.push(tokensStep(answer, run));
          data.refreshTokens = data.refreshTokens || {};
          if (answer.refresh_token) data.refreshTokens[client.client_id] = answer.refresh_token;
          if (answer.access_token) steps.push(await apiStep(answer.access_token, run.apiPath));
        }

        async function run(event) {
          event.preventDefault();
          const client = selectedClient();
          const flow = document.getElementById("flow").value;
          if (!client || !flow) return;
          const scopes = [...document.querySelectorAll("#scopes input:checked")].map((box) => box.value);
          const apiPath = document.getElementById("api-path").value.trim() || "/Api/User/FiscalSetup";
          const data = stored();
          Object.assign(data, { client_id: client.client_id, flow });
          const context = { client_id: client.client_id, flow, apiPath };
          const steps = [];
          status("Running…");
          try {
            if (flows[flow].responseType) return await startRedirect(client, flow, scopes, context, data);
            if (flow === "client_credentials") {
              const result = await tokenRequest("Ask the token endpoint for a service-account token", client, { grant_type: "client_credentials", scope: scopes.join(" ") });
              steps.push(result.step);
              if (result.answer) await finishWithTokens(steps, data, client, result.answer, context);
            } else {
              const refreshToken = (data.refreshTokens || {})[client.client_id];
              const result = await tokenRequest("Refresh: trade the refresh token for new tokens", client, { grant_type: "refresh_token", refresh_token: refreshToken });
              steps.push(result.step);
              if (result.answer) await finishWithTokens(steps, data, client, result.answer, context);
            }
            status("Done: " + flows[flow].label + ".");
          } catch (error) {
            steps.push({ title: "Stopped", error: error.message });
            status("Stopped: " + error.message);
          }
          data.steps = steps;
          store(data);
          renderSteps(steps);
          showClient();
        }
        async function startRedirect(client, flow, scopes, context, data) {
          const spec = flows[flow];
          const run = Object.assign(context, { state: randomString(), nonce: randomString(), verifier: randomString(), startID: await lastJournalID() });
          const parameters = new URLSearchParams({ client_id: client.client_id, redirect_uri: redirectURI(), response_type: spec.responseType, scope: scopes.join(" "), state: run.state });
          if (spec.responseMode) parameters.set("response_mode", spec.responseMode);
          parameters.set("nonce", run.nonce);
          if (flow !== "implicit") {
            parameters.set("code_challenge", base64url(sha256(run.verifier)));
            parameters.set("code_challenge_method", "S256");
          }
          const url = discovery.authorization_endpoint + "?" + parameters;
          const rows = [...parameters].concat(flow === "implicit" ? [] : [["code_verifier (kept here)", run.verifier]]);
          data.run = run;
          data.steps = [{ title: "Send the browser to the authorize endpoint", url, rows, curl: "curl -i " + quote(url) }];
          store(data);
          location.assign(url);
        }

        async function callback() {
          const main = document.getElementById("playground");
          let parameters, mode;
          if (main.dataset.callback) {
            parameters = JSON.parse(main.dataset.callback);
            mode = "form_post: the browser posted them";
          } else if (location.hash.length > 1) {
            parameters = Object.fromEntries(new URLSearchParams(location.hash.slice(1)));
            mode = "in the fragment";
          } else {
            parameters = Object.fromEntries(new URLSearchParams(location.search));
            mode = "in the query";
          }
          history.replaceState(null, "", playgroundPath);
          const data = stored();
          const run = data.run;
          delete data.run;
          if (!run) {
            data.steps = [{ title: "Back at the callback", error: "No run was started from this tab, so there is nothing to continue.", rows: Object.entries(parameters) }];
            return finish(data);
          }
          const steps = data.steps || [];
          const client = clients.find((c) => c.client_id === run.client_id);
          if (run.startID !== null) {
            try {
              const journal = await control("/requests");
              const rows = journal.requests.filter((e) => e.id > run.startID && !e.path.startsWith("/assets/")).map((e) => [e.method + " " + e.path, String(e.status), e.location ? "→ " + e.location : ""]);
              steps.push({ title: "The browser's requests (from the journal)", rows });
            } catch (error) { steps.push({ title: "The browser's requests", text: "The journal could not be read: " + error.message }); }
          }
          const checks = [["check: state", parameters.state === run.state ? "matches the request's" : "does NOT match the request's"]];
          const idToken = parameters.id_token && decodeJWT(parameters.id_token);
          if (idToken) checks.push(["check: nonce in the id_token", idToken.claims.nonce === run.nonce ? "matches the request's" : "does NOT match the request's"]);
          if (parameters.iss !== undefined) checks.push(["check: iss (RFC 9207)", parameters.iss === discovery.issuer ? "is the issuer" : "is NOT the issuer"]);
          const back = { title: "Back at the redirect URI, the answer " + mode, rows: Object.entries(parameters).concat(checks), tokens: {} };
          if (parameters.id_token) back.tokens.id_token = parameters.id_token;
          if (parameters.access_token) back.tokens.access_token = parameters.access_token;
          steps.push(back);
          data.steps = steps;
          if (parameters.error) {
            back.error = "The authorization server answered " + parameters.error + (parameters.error_description ? ": " + parameters.error_description : "") + ".";
            return finish(data, "Stopped: " + parameters.error + ".");
          }
          if (parameters.state !== run.state) {
            back.error = "The state does not match: the answer is not for this run.";
            return finish(data, "Stopped: state mismatch.");
          }
          try {
            if (parameters.code) {
              const form = { grant_type: "authorization_code", code: parameters.code, redirect_uri: redirectURI() };
              if (run.flow !== "implicit") form.code_verifier = run.verifier;
              const result = await tokenRequest("Exchange the code at the token endpoint", client, form);
              steps.push(result.step);
              if (result.answer) await finishWithTokens(steps, data, client, result.answer, run);
            } else if (parameters.access_token) {
              steps.push(await apiStep(parameters.access_token, run.apiPath));
            }
          } catch (error) {
            steps.push({ title: "Stopped", error: error.message });
          }
          finish(data, steps.some((step) => step.error) ? "Stopped: see the last step." : "Done: " + flows[run.flow].label + ".");
        }
        function finish(data, message) {
          store(data);
          renderSteps(data.steps || []);
          showClient();
          if (message) status(message);
        }

        async function load() {
          try {
            discovery = await (await fetch("/.well-known/openid-configuration")).json();
            clients = await control("/clients");
          } catch (error) {
            status("Not ready: " + error.message);
            return;
          }
          const issuerOrigin = new URL(discovery.issuer).origin;
          if (issuerOrigin !== location.origin) {
            status("The flows come back to the issuer's address: open " + discovery.issuer + playgroundPath + " instead.");
            document.getElementById("run").disabled = true;
            return;
          }
          const select = document.getElementById("client");
          const data = stored();
          select.replaceChildren(...clients.map((c) => new Option(c.client_name ? c.client_name + " (" + c.client_id + ")" : c.client_id, c.client_id)));
          const last = data.run ? data.run.client_id : data.client_id;
          if (last && clients.some((c) => c.client_id === last)) select.value = last;
          showClient();
          if (location.pathname.toLowerCase() === callbackPath) return callback();
          renderSteps(data.steps || []);
          status("Ready.");
        }

        document.addEventListener("DOMContentLoaded", () => {
          document.getElementById("client").addEventListener("change", () => {
            const data = stored();
            data.client_id = document.getElementById("client").value;
            store(data);
            showClient();
          });
          document.getElementById("flow").addEventListener("change", () => {
            const data = stored();
            data.flow = document.getElementById("flow").value;
            store(data);
            showScopes();
          });
          document.getElementById("run-form").addEventListener("submit", run);
          document.getElementById("clear").addEventListener("click", () => {
            const data = stored();
            data.steps = [];
            store(data);
            renderSteps([]);
            status("Cleared.");
          });
          document.getElementById("token-form").addEventListener("submit", (event) => {
            event.preventDefault();
            sessionStorage.setItem("xena-mock-admin-token", document.getElementById("admin-token").value);
            document.getElementById("token-form").hidden = true;
            load();
          });
          load();
        });
        """#
}
