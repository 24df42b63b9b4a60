#!/usr/bin/env python3
"""Seeded fuzzer for a built xena-mock: at least 100,000 requests across every endpoint (identity, every API route,
the control plane, the HTML pages), mixing valid traffic with hostile input, then a concurrency and consistency check.

It asserts: no answer >= 500 other than those an injected fault asked for (marked X-Xena-Mock-Fault), no crash (the
process lives and /healthz answers after every batch), every error body in its endpoint's documented format, control
answers valid against /_mock/openapi.json, and consistent state afterwards (concurrent writes to one entity: Versions
only grow, one per successful write; every list counts what it holds).

Usage: fuzz.py BINARY [--seed N] [--requests N] [--workers N] [--max-seconds S]
Re-running with the printed seed repeats each worker's sequence of requests; with --workers 1 the whole run repeats.
"""
import argparse
import base64
import collections
import hashlib
import hmac
import json
import multiprocessing
import os
import random
import re
import sys
import threading
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mockserver import MockServer, repository_root  # noqa: E402
from rawhttp import Connection, ConnectionClosed  # noqa: E402

try:
    import jsonschema  # noqa: E402
except ImportError:  # the schema check is skipped without it; .ci/run installs it
    jsonschema = None

SERVICE_BASIC = "Basic " + base64.b64encode(b"demo-service.xena.biz:demo-service-secret").decode()
HYBRID_BASIC = "Basic " + base64.b64encode(b"demo-hybrid.xena.biz:demo-hybrid-secret").decode()
RESOURCE_BASIC = "Basic " + base64.b64encode(b"testapi:testapi-secret").decode()
NATIVE = "demo-native.xena.biz"
NATIVE_REDIRECT = "http://127.0.0.1:51234/callback"
HYBRID_REDIRECT = "http://localhost:8080/signin-oidc"
# Webhook callbacks only ever point at a closed loopback port: deliveries fail at once and never leave the machine.
CALLBACK = "http://127.0.0.1:9/xena-mock-fuzz"
FORM = ("Content-Type", "application/x-www-form-urlencoded")
JSON = ("Content-Type", "application/json")

EXTREME_NUMBERS = [
    "1e308", "-1e308", "9223372036854775808", "-9223372036854775809", "9223372036854775807", "-0", "1e-400", "1e400",
    "2147483648", "-2147483649", "4294967296", "1E+99999", "0.1", "-1", "0", "123456789012345678901234567890",
]
EXTREME_TEXT = [
    "", " ", "%", "%zz", "%c3%28", "\r\nX-Injected: 1", "a\x00b", "../../../../etc/passwd", "<script>alert(1)</script>",
    "' OR 1=1 --", "😀" * 50, "x" * 5000, "null", "true", "[]", "{}", "NaN", "Infinity",
] + EXTREME_NUMBERS


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


class Model:
    """What the fuzzer knows of the served surface: API resources, fixture entities, the control API's description."""

    def __init__(self, openapi):
        root = os.path.join(repository_root(), "fixtures", "api")
        self.definitions = json.load(open(os.path.join(root, "resources.json")))
        self.fiscal_ids = [setup["Id"] for setup in json.load(open(os.path.join(root, "FiscalSetup.json")))]
        self.entities = collections.defaultdict(list)  # (fiscal, resource) -> fixture entities
        for fiscal in self.fiscal_ids:
            folder = os.path.join(root, "fiscal", str(fiscal))
            for name in sorted(os.listdir(folder)):
                resource = name[: -len(".json")]
                self.entities[(fiscal, resource)] = json.load(open(os.path.join(folder, name)))
                self.definitions.setdefault(resource, {})
        self.resources = sorted(self.definitions)
        with open(os.path.join(root, "xena-api-swagger.json")) as file:
            swagger = json.load(file)
        self.swagger_definitions = swagger["definitions"]
        self.documented = [(method.upper(), path, operation) for path, item in sorted(swagger["paths"].items())
                           for method, operation in sorted(item.items()) if method in ("get", "post", "put", "delete")]
        self.openapi = openapi
        self.signing_kid = openapi.get("x-signing-kid", "NO-SUCH-KEY")
        self.operations = []  # (method, path template, operation)
        for path, item in sorted(openapi["paths"].items()):
            for method, operation in sorted(item.items()):
                # An event stream answers for minutes by design; the dashboard's own tests read it.
                streams = isinstance(operation, dict) and "text/event-stream" in operation.get("responses", {}).get("200", {}).get("content", {})
                if method != "parameters" and not streams:
                    self.operations.append((method.upper(), path, operation))

    def resolve(self, schema):
        while "$ref" in schema:
            name = schema["$ref"].split("/")[-1]
            schema = self.openapi["components"]["schemas" if "/schemas/" in schema["$ref"] else "responses"][name]
        return schema


class Outcome:
    """Counts and failures of one worker."""

    def __init__(self):
        self.requests = 0
        self.statuses = collections.Counter()
        self.injected = 0
        self.failures = []

    def fail(self, message):
        if len(self.failures) < 25:
            self.failures.append(message)


class Fuzzer:
    def __init__(self, port, issuer, model, seed, worker):
        self.rng = random.Random(f"{seed}:{worker}")
        self.port = port
        self.issuer = issuer
        self.model = model
        self.connection = Connection("127.0.0.1", port)
        self.outcome = Outcome()
        self.service_token = None
        self.user = {}  # access_token, refresh_token, id_token
        self.cookie = None
        self.created = []  # (fiscal, resource, id)
        self.jwks_secret = b"secret"
        self.validator_cache = {}

    # MARK: Sending and checking

    def send(self, method, target, headers=(), body=b"", family=None, raw=None):
        family = family or family_of(target)
        if raw is None and not is_valid_http(method, target, headers):
            # Control characters in the request line or a header value: the HTTP parser refuses the request itself
            # (400 without a body, connection closed), as it does raw garbage.
            raw = build_request(method, target, headers, body)
        self.outcome.requests += 1
        try:
            if raw is not None:
                response = self.connection.send_raw(raw)
            else:
                response = self.connection.request(method, target, headers, body)
        except ConnectionClosed:
            self.connection.close()
            if raw is not None or len(target) > 200_000 or sum(len(str(v)) for _, v in headers) > 200_000:
                return None  # the HTTP parser's own limit: it may close without an answer
            self.outcome.fail(f"connection closed without an answer: {method} {target[:200]}")
            return None
        self.outcome.statuses[response.status] += 1
        self.check(method, target, family, response, raw is not None)
        return response

    def check(self, method, target, family, response, raw):
        where = f"{method} {target[:160]}"
        if response.header("x-xena-mock-fault"):
            self.outcome.injected += 1
            return
        if response.status >= 500:
            self.outcome.fail(f"{response.status} from {where}: {response.body[:300]!r}")
            return
        content_type = response.header("content-type") or ""
        if response.status >= 400:
            if not response.body:
                if raw or method == "HEAD":
                    return
                self.outcome.fail(f"{response.status} without a body from {where}")
                return
            if "application/json" in content_type:
                try:
                    body = json.loads(response.body)
                except ValueError:
                    self.outcome.fail(f"{response.status} with invalid JSON from {where}: {response.body[:200]!r}")
                    return
                if not error_body_matches(family, body):
                    self.outcome.fail(f"{response.status} from {where} is not in the {family} error format: {body}")
            elif "text/html" in content_type:
                if family != "page":
                    self.outcome.fail(f"{response.status} HTML from a JSON endpoint: {where}")
            else:
                self.outcome.fail(f"{response.status} with content type {content_type!r} from {where}")
            return
        if "application/json" in content_type and method != "HEAD":
            try:
                body = json.loads(response.body)
            except ValueError:
                self.outcome.fail(f"{response.status} with invalid JSON from {where}: {response.body[:200]!r}")
                return
            if family == "control" and jsonschema is not None:
                self.validate_control(method, target, response.status, body)

    def validate_control(self, method, target, status, body):
        path = target.split("?", 1)[0][len("/_mock"):]
        for op_method, template, operation in self.model.operations:
            if op_method == method and re.fullmatch(re.sub(r"\{[^}]+\}", "[^/]+", template), path):
                answer = operation["responses"].get(str(status))
                if answer is None:
                    self.outcome.fail(f"control {method} {path} answered {status}, which its description does not list")
                    return
                schema = self.model.resolve(answer).get("content", {}).get("application/json", {}).get("schema")
                if schema is None:
                    return
                key = (method, template, status)
                if key not in self.validator_cache:
                    self.validator_cache[key] = jsonschema.Draft202012Validator(
                        dict(schema, components=self.model.openapi["components"]))
                errors = list(self.validator_cache[key].iter_errors(body))
                if errors:
                    self.outcome.fail(f"control {method} {path} answer does not match its schema: {errors[0].message[:300]}")
                return

    def alive(self):
        response = Connection("127.0.0.1", self.port, timeout=10).request("GET", "/healthz")
        return response.status == 200

    # MARK: Valid traffic

    def token(self, force=False):
        if self.service_token is None or force:
            response = self.send("POST", "/connect/token", [FORM, ("Authorization", SERVICE_BASIC)],
                                 "grant_type=client_credentials&scope=testapi")
            if response is not None and response.status == 200 and not response.header("x-xena-mock-fault"):
                try:
                    self.service_token = json.loads(response.body)["access_token"]
                except (ValueError, KeyError):
                    pass
        return self.service_token or "none"

    def login(self):
        """Code + PKCE through the interactive login and consent pages, then the code exchange."""
        verifier = b64url(self.rng.randbytes(32))
        challenge = b64url(hashlib.sha256(verifier.encode()).digest())
        query = urllib.parse.urlencode({
            "client_id": NATIVE, "redirect_uri": NATIVE_REDIRECT, "response_type": "code", "state": "fz",
            "scope": "openid profile email testapi offline_access", "code_challenge": challenge,
            "code_challenge_method": "S256", "nonce": "n" + str(self.rng.random()),
            "login_hint": self.rng.choice(["alice", "bob", ""]),
        })
        target = "/connect/authorize?" + query
        code = None
        for _ in range(6):
            headers = [("Cookie", self.cookie)] if self.cookie else []
            response = self.send("GET", target, headers)
            if response is None:
                return
            self.remember_cookie(response)
            if response.status in (302, 303) and response.header("location"):
                location = response.header("location")
                if location.startswith(NATIVE_REDIRECT):
                    code = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(location).query)).get("code")
                    break
                target = local_target(location)
                continue
            page = response.body.decode("utf-8", "replace")
            pending = re.search(r'name="request" value="([^"]+)"', page)
            if response.status != 200 or pending is None:
                return
            if 'name="password"' in page:
                form = {"request": pending.group(1), "username": self.rng.choice(["alice", "bob"]), "button": "login"}
                form["password"] = form["username"]
                posted = self.send("POST", "/account/login", self.cookie_headers() + [FORM], urllib.parse.urlencode(form))
            else:
                scopes = re.findall(r'name="scope\[\]" value="([^"]+)"', page)
                form = [("request", pending.group(1)), ("button", "allow"), ("remember", "on")] + [("scope[]", s) for s in scopes]
                posted = self.send("POST", "/consent", self.cookie_headers() + [FORM], urllib.parse.urlencode(form))
            if posted is None:
                return
            self.remember_cookie(posted)
            location = posted.header("location") or ""
            if location.startswith(NATIVE_REDIRECT):
                code = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(location).query)).get("code")
                break
            if not location:
                return
            target = local_target(location)
        if not code:
            return
        response = self.send("POST", "/connect/token", [FORM], urllib.parse.urlencode({
            "grant_type": "authorization_code", "code": code, "redirect_uri": NATIVE_REDIRECT, "client_id": NATIVE,
            "code_verifier": verifier,
        }))
        if response is not None and response.status == 200 and not response.header("x-xena-mock-fault"):
            try:
                self.user = json.loads(response.body)
            except ValueError:
                pass

    def cookie_headers(self):
        return [("Cookie", self.cookie)] if self.cookie else []

    def remember_cookie(self, response):
        cookie = response.header("set-cookie")
        if cookie:
            pair = cookie.split(";")[0]
            self.cookie = None if pair.endswith("=") else pair

    def valid_request(self):
        """One ordinary request of any endpoint: (method, target, headers, body)."""
        r = self.rng
        choice = r.random()
        if choice < 0.08:
            return ("GET", r.choice(["/.well-known/openid-configuration", "/.well-known/openid-configuration/jwks", "/healthz"]), [], b"")
        if choice < 0.16:
            grant = r.random()
            if grant < 0.5:
                return ("POST", "/connect/token", [FORM, ("Authorization", SERVICE_BASIC)], "grant_type=client_credentials&scope=testapi")
            if grant < 0.8 and self.user.get("refresh_token"):
                body = urllib.parse.urlencode({"grant_type": "refresh_token", "refresh_token": self.user["refresh_token"], "client_id": NATIVE})
                return ("POST", "/connect/token", [FORM], body)
            return ("POST", "/connect/token", [FORM, ("Authorization", HYBRID_BASIC)],
                    urllib.parse.urlencode({"grant_type": r.choice(["authorization_code", "password", "refresh_token", "implicit"]),
                                            "code": "unknown", "redirect_uri": HYBRID_REDIRECT}))
        if choice < 0.22:
            token = self.user.get("access_token", "none")
            which = r.random()
            if which < 0.4:
                return ("GET", "/connect/userinfo", [("Authorization", "Bearer " + token)], b"")
            if which < 0.7:
                return ("POST", "/connect/introspect", [FORM, ("Authorization", RESOURCE_BASIC)], urllib.parse.urlencode({"token": token}))
            if which < 0.85:
                return ("POST", "/connect/revocation", [FORM], urllib.parse.urlencode({
                    "token": r.choice([token, self.user.get("refresh_token", "x")]), "client_id": NATIVE}))
            return ("GET", "/connect/endsession?" + urllib.parse.urlencode({"id_token_hint": self.user.get("id_token", "a.b.c"),
                                                                         "post_logout_redirect_uri": r.choice(["http://localhost:8080/signout-callback-oidc", "https://evil.example/"])}), [], b"")
        if choice < 0.30:
            return self.authorize_request()
        if choice < 0.72:
            return self.api_request()
        return self.control_request()

    def authorize_request(self):
        r = self.rng
        parameters = {
            "client_id": r.choice(["demo-hybrid.xena.biz", NATIVE, "demo-implicit.xena.biz", "unknown"]),
            "redirect_uri": r.choice([HYBRID_REDIRECT, NATIVE_REDIRECT, "http://localhost:8080/callback.html", "https://evil.example/"]),
            "response_type": r.choice(["code", "code id_token", "id_token token", "token", "code id_token token", ""]),
            "scope": r.choice(["openid", "openid testapi offline_access", "testapi", "openid unknown", ""]),
            "state": r.choice(["s", "<b>x</b>", "x" * 300]), "nonce": "n",
            "response_mode": r.choice(["query", "fragment", "form_post", "bogus"]),
            "prompt": r.choice(["", "none", "login", "consent", "none login"]),
            "code_challenge": b64url(r.randbytes(32)), "code_challenge_method": r.choice(["S256", "plain", "S512"]),
            "max_age": r.choice(["", "0", "60", "-1", "99999999999999999999"]),
        }
        if r.random() < 0.5:
            return ("GET", "/connect/authorize?" + urllib.parse.urlencode(parameters), self.cookie_headers(), b"")
        return ("POST", "/connect/authorize", [FORM] + self.cookie_headers(), urllib.parse.urlencode(parameters))

    def documented_request(self, auth):
        """Any of the 1,301 operations of Xena's Swagger document, with plausible or hostile parameters and bodies."""
        r = self.rng
        method, template, operation = r.choice(self.model.documented)
        values = [str(r.choice(self.model.fiscal_ids)), "3041000100", "1", "0", "-1", str(2**63), "99999999999999999999", "abc",
                  "da-DK", "%00", "%2e%2e", "x" * 300]
        path = re.sub(r"\{fiscalId\}", lambda _: str(r.choice(self.model.fiscal_ids)) if r.random() < 0.9 else r.choice(values), template)
        path = re.sub(r"\{[^}]+\}", lambda _: r.choice(values), path)
        query = []
        for parameter in operation.get("parameters", []):
            if parameter.get("in") == "query" and (parameter.get("required") or r.random() < 0.2):
                query.append((parameter["name"], r.choice(["1", "20200", "true", "false", "2025-03-14", "", "x", str(2**31), "-1e400"])))
        if query:
            path += "?" + urllib.parse.urlencode(query)
        body = b""
        headers = list(auth)
        schema = next((p.get("schema") for p in operation.get("parameters", []) if p.get("in") == "body"), None)
        if schema is not None and method in ("POST", "PUT"):
            body = json.dumps(self.swagger_instance(schema, 0))
            headers.append(JSON)
        return (method, path, headers, body)

    def swagger_instance(self, schema, depth):
        """A random value for a Swagger schema: usually of its type, sometimes of another, sometimes at an edge."""
        r = self.rng
        if "$ref" in schema or "allOf" in schema:
            reference = schema.get("$ref") or schema["allOf"][0].get("$ref", "")
            schema = self.model.swagger_definitions.get(reference.split("/")[-1], {})
        if r.random() < 0.05:
            return r.choice([None, "x", 2**63, -1, 1.5, [], {}, True, "\u0000", "9" * 40])
        kind = schema.get("type")
        if kind == "object" or "properties" in schema:
            if depth > 2:
                return None
            return {name: self.swagger_instance(value, depth + 1) for name, value in schema.get("properties", {}).items()
                    if r.random() < 0.6}
        if kind == "array":
            return [self.swagger_instance(schema.get("items", {}), depth + 1) for _ in range(r.randrange(3))] if depth < 3 else []
        if kind == "integer":
            return r.choice([0, 1, 42, 3041000100, 2**31 - 1, 2**31, -2**31, 2**63 - 1, -1])
        if kind == "number":
            return r.choice([0, 1.25, 99999999.99, -0.01, 1e300])
        if kind == "boolean":
            return r.random() < 0.5
        if kind == "string":
            return r.choice(["", "fz", "x" * 300, "2025-03-14T09:12:44Z", "not a date", "https://127.0.0.1:9/hook", "æøå"])
        return None

    def api_request(self):
        r = self.rng
        token = self.user.get("access_token") if r.random() < 0.3 else self.token()
        auth = [("Authorization", "Bearer " + (token or "none"))]
        if r.random() < 0.4:
            return self.documented_request(auth)
        fiscal = r.choice(self.model.fiscal_ids)
        resource = r.choice(self.model.resources)
        definition = self.model.definitions.get(resource, {})
        base = f"/Api/Fiscal/{fiscal}/{definition.get('route', resource)}"
        fixtures = self.model.entities.get((fiscal, resource)) or [{}]
        entity = r.choice(fixtures)
        entity_id = entity.get("Id", r.randrange(1, 10**10))
        which = r.random()
        if which < 0.25:
            options = r.choice(["", "?Page=1&PageSize=5", "?listOptions.page=0&listOptions.pageSize=3", "?ForceNoPaging=true",
                                "?ShowDeactivated=true&queryString=a", "?options.page=2", "?PageSize=2147483647&Page=2147483647"])
            return ("GET", base + options, auth, b"")
        if which < 0.40:
            return ("GET", f"{base}/{entity_id}", auth, b"")
        if which < 0.50:
            extra = r.choice(["User/FiscalSetup", "User/XenaUserMembership", "User/ClientAuthorization", f"Fiscal/{fiscal}/FiscalSetup",
                              f"Fiscal/{fiscal}/Order/{entity_id}/OrderTask", f"Fiscal/{fiscal}/Partner/{entity_id}/Order",
                              f"Fiscal/{fiscal}/Partner/{entity_id}/Invoice", f"Fiscal/{fiscal}/WebHook/{entity_id}/WebHookFailures",
                              f"Fiscal/{fiscal}/OrderTask/{entity_id}/OrderLine"])
            return ("GET", "/Api/" + extra, auth, b"")
        if which < 0.75:
            body = {k: v for k, v in entity.items() if k not in ("Id", "Version", "CreatedAt", "FiscalSetupId", "IsDeactivated")}
            if resource == "WebHook" or not body:
                body = {"CallBackUrl": CALLBACK, "EntityType": r.choice(["Order", "Partner", "Article"])} if resource == "WebHook" else {"Name": "fz"}
            if resource == "Order":
                body["CreateTask"] = r.random() < 0.5
            for key in list(body):
                if isinstance(body[key], str) and r.random() < 0.2:
                    body[key] = body[key][:10] + " fz"
            return ("POST", base, auth + [JSON], json.dumps(body))
        if which < 0.92:
            # A read-modify-write with the stored Version (or a stale one).
            response = self.send("GET", f"{base}/{entity_id}", auth)
            try:
                current = json.loads(response.body) if response is not None and response.status == 200 else dict(entity)
            except ValueError:
                current = dict(entity)
            if r.random() < 0.2:
                current["Version"] = r.choice([0, 1, 2**31, -1])
            return ("PUT", f"{base}/{entity_id}", auth + [JSON], json.dumps(current))
        return ("DELETE", f"{base}/{entity_id}", auth, b"")

    def control_request(self):
        r = self.rng
        method, template, operation = r.choice(self.model.operations)
        # Resets and key rotations (an RSA key each) stay rare, so the run spends its requests elsewhere.
        if template in ("/reset", "/keys/rotate") and r.random() < 0.7:
            template, method, operation = "/clock", "GET", self.model.openapi["paths"]["/clock"]["get"]
        path = template.replace("{id}", str(r.choice([1, 2, 3, 99, 2**63]))).replace(
            "{key}", r.choice(["alice", "bob", "demo-native.xena.biz", "carol", "%2e%2e", "nobody"])).replace(
            "{kid}", r.choice(["NO-SUCH-KEY", "%00", "x" * 200, self.model.signing_kid]))
        if template == "/requests" and method == "GET":
            path += r.choice(["", "?endpoint=token", "?endpoint=api", "?endpoint=nope"])
        body = b""
        headers = []
        content = operation.get("requestBody", {}).get("content", {})
        if "application/json" in content:
            body = json.dumps(self.instance(content["application/json"]["schema"], template))
            headers = [JSON]
        elif "application/x-www-form-urlencoded" in content:
            # The playground's form_post callback: whatever a browser might post, broken encodings included.
            pairs = [(r.choice(["code", "state", "id_token", "error", "%zz", "", "x" * 300]), str(self.instance({"type": "string"}, template))) for _ in range(r.randint(0, 5))]
            body = "&".join(f"{name}={urllib.parse.quote(value) if r.random() < 0.8 else value}" for name, value in pairs)
            headers = [("Content-Type", "application/x-www-form-urlencoded")]
        if template in ("/users/{key}", "/clients/{key}") and method in ("PUT", "DELETE") and r.random() < 0.8:
            path = path.replace("/alice", "/carol").replace("/bob", "/carol").replace("/demo-native.xena.biz", "/fz.example")
        return (method, "/_mock" + path, headers, body)

    def instance(self, schema, where, depth=0):
        """A random instance of a control-API schema, kept away from what would stall the run (close, long delays)."""
        r = self.rng
        schema = self.model.resolve(schema)
        if "oneOf" in schema:
            return self.instance(r.choice(schema["oneOf"]), where, depth + 1)
        if "allOf" in schema:
            merged = {}
            for part in schema["allOf"]:
                merged.update(self.instance(part, where, depth + 1) or {})
            return merged
        kind = schema.get("type")
        if "enum" in schema:
            return r.choice(schema["enum"])
        if "const" in schema:
            return schema["const"]
        if kind == "object":
            value = {}
            for name, property_schema in schema.get("properties", {}).items():
                if name in schema.get("required", []) or r.random() < 0.4:
                    value[name] = self.instance(property_schema, where, depth + 1)
            if where == "/faults":
                value.pop("close", None)
                if "delay" in value:
                    value["delay"] = r.choice([0, 5, 20])
                if "status" in value or "malformed" in value:
                    value["times"] = r.choice([1, 2])
                if "spec" in value:
                    value["spec"] = self.fault_spec()
            if where == "/clock/advance" and "seconds" in value:
                value["seconds"] = r.choice([1, 60, 3601, -30, 86400, 1e300, -1e300, 0.5])
            if where == "/users" and "memberships" in value:
                value["memberships"] = [{"fiscal_setup_id": 104200311, "membership_id": 9}]
            return value
        if kind == "array":
            return [self.instance(schema.get("items", {}), where, depth + 1) for _ in range(r.randrange(0, 3))]
        if kind == "integer":
            low, high = schema.get("minimum", -5), schema.get("maximum", 2**40)
            return r.choice([low, high, r.randint(low, min(high, low + 1000)), high + 1 if high < 2**62 else -1])
        if kind == "number":
            return r.choice([0, 0.5, 1, schema.get("maximum", 1e6)])
        if kind == "boolean":
            return r.random() < 0.5
        if schema.get("format") == "date-time":
            return r.choice(["2030-01-01T00:00:00Z", "1969-12-31T23:59:59Z", "tomorrow", "9999-12-31T23:59:59Z"])
        return r.choice(["alice", "bob", "openid", "testapi", "demo-native.xena.biz", "x", ""])

    def fault_spec(self):
        """A fault SPEC: usually well formed (never close, short delays), else glued from the grammar's pieces."""
        r = self.rng
        if r.random() < 0.5:
            target = r.choice(["token", "api", "userinfo", "authorize", "any", "discovery", "jwks", "nowhere"])
            action = r.choice(["status=503", "status=429", "status=400", "status=500,error=server_error", "malformed", "delay=10",
                               "status=99", "close=1", "bogus", ""])
            return f"{target}:{action},{r.choice(['once', 'times=2', 'times=0', 'probability=0.5,seed=3,times=2'])}"
        # Grammar-aware garbage: a target (or not), then items that each bend one rule of the grammar.
        target = r.choice(["token", "api", "api:/Api", "any", "", "TOKEN", "api:", "token:x", "%"])
        items = ["=", " = ", "", "status=", "=503", "status", "status=abc", "status=99999999999999999999", "times=", "times=-1",
                 "delay=-1", "delay=1e9", "probability=2", "probability=nan", "seed=-1", "seed=99999999999999999999", "once=1",
                 "malformed=", "error=", "error", ",", "==", "status==503", "\u00e9=1"]
        spec = target + r.choice([":", "::", ""]) + ",".join(r.choice(items) for _ in range(r.randrange(1, 4)))
        return spec

    # MARK: Hostile input

    def hostile_request(self):
        method, target, headers, body = self.valid_request()
        r = self.rng
        mutation = r.randrange(14)
        if mutation == 0:
            body = self.hostile_body(body)
        elif mutation == 1:
            headers = [h for h in headers if h[0] != "Content-Type"] + [("Content-Type", r.choice(
                ["text/plain", "application/json", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "\x01", ""]))]
            body = self.hostile_body(body) if r.random() < 0.5 else body
        elif mutation == 2:
            text = body.decode("utf-8", "surrogateescape") if isinstance(body, bytes) else body
            pairs = text.split("&") if text else ["grant_type=client_credentials"]
            duplicate = r.choice(pairs)
            body = "&".join(pairs + [duplicate])  # a parameter twice (RFC 6749 §3.1)
            oauth_form = target in ("/connect/token", "/connect/revocation", "/connect/introspect") and FORM in headers
            if oauth_form and method == "POST" and "=" in duplicate and duplicate.split("=", 1)[0]:
                response = self.send(method, target, headers, body)
                if response is not None and not response.header("x-xena-mock-fault"):
                    error = json.loads(response.body).get("error") if response.status == 400 else None
                    if error != "invalid_request":
                        self.outcome.fail(f"{target} with {duplicate.split('=')[0]} twice answered {response.status} {response.body[:200]!r}")
                return response
        elif mutation == 3:
            target = re.sub(r"/\d+", lambda _: "/" + r.choice(EXTREME_NUMBERS + ["abc", "%00", "1.5", "+1", "0x10"]), target, count=r.randrange(1, 3))
        elif mutation == 4:
            separator = "&" if "?" in target else "?"
            name = r.choice(["Page", "PageSize", "listOptions.page", "options.pageSize", "ForceNoPaging", "ShowDeactivated",
                             "queryString", "endpoint", "client_id", "request", "max_age", "response_type"])
            target += separator + urllib.parse.quote(name) + "=" + urllib.parse.quote(r.choice(EXTREME_TEXT), safe="%")
        elif mutation == 5:
            headers = headers + [(r.choice(["Authorization", "Cookie", "X-Forwarded-For", "Accept-Language", "Origin"]), r.choice([
                "Basic !!!", "Basic " + b64url(b"no-colon"), "Basic", "Bearer", "Bearer " + self.garbage_jwt(),
                "Bearer " + self.garbage_jwt(), "xena-mock.session=" + "A" * 200, "Basic " + "A" * 10000, "\x7f"]))]
        elif mutation == 6:
            method = r.choice(["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE", "PROPFIND"])
        elif mutation == 7:
            target += ("&" if "?" in target else "?") + "a=" + "b" * r.choice([9000, 20000])
        elif mutation == 8:
            target = target.replace("/", r.choice(["//", "/%2e%2e/", "/%", "/%zz", "/%c3%28", "/./"]), r.randrange(1, 3))
        elif mutation == 9:
            headers = headers + [("X-Big", "a" * r.choice([20_000, 40_000]))] + [(f"X-{i}", "1") for i in range(r.choice([0, 120]))]
        elif mutation == 10:
            body = b"a" * (1024 * 1024 + r.randrange(1, 4096))
        elif mutation == 11:
            headers = [("Authorization", "Bearer " + self.garbage_jwt()), JSON]
        elif mutation == 12:
            return self.send("GET", "/", raw=r.choice([
                b"GARBAGE\r\n\r\n", b"GET / HTTP/9.9\r\n\r\n", b"GET /healthz HTTP/1.1\r\nNoColon\r\n\r\n",
                b"\x00\x01\x02\r\n\r\n", b"GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n",
                b"GET /" + b"a" * 300_000 + b" HTTP/1.1\r\n\r\n",
                b"POST /connect/token HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n\r\n",
            ]))
        else:
            body = self.hostile_body(body)
            headers = [h for h in headers if h[0] != "Content-Type"] + [JSON]
        return self.send(method, target, headers, body)

    def hostile_body(self, original):
        r = self.rng
        text = original.decode("utf-8", "surrogateescape") if isinstance(original, bytes) else original
        choice = r.randrange(12)
        if choice == 0 and text:
            return text[: r.randrange(len(text))]  # truncated
        if choice == 1:
            depth = 10_000
            return r.choice(["[" * depth + "]" * depth, '{"a":' * depth + "1" + "}" * depth])
        if choice == 2:
            return "[" + ",".join(["1"] * 100_000) + "]"
        if choice == 3:
            return json.dumps({"Name": "x" * 900_000, "user": "y" * 1000})
        if choice == 4:
            number = r.choice(EXTREME_NUMBERS)
            keys = ["seconds", "time", "lifetime", "count", "AccountNumber", "Version", "PartnerId", "Quantity", "status", "delay",
                    "times", "Id", "xena_user_id", "access_token_lifetime"]
            return "{" + ",".join(f'"{k}":{number}' for k in r.sample(keys, 4)) + ',"user":"alice","client":"demo-service.xena.biz","Name":"n"}'
        if choice == 5 and text.startswith("{"):
            try:
                value = json.loads(text)
                for key in value:
                    if r.random() < 0.5:
                        value[key] = r.choice([[], {}, "str", True, None, 1e308, -1, "9" * 40, [[[]]]])
                return json.dumps(value)
            except ValueError:
                pass
        if choice == 6:
            return b'{"Name": "\xff\xfe\xfd", "user": "\xc3\x28"}'
        if choice == 7:
            return r.choice(["NaN", "Infinity", "-Infinity", '{"a": NaN}', '{"a": 1e999999}', "", "null", '"str"', "123", "[1,]", '{"a" 1}'])
        if choice == 8:
            return "a=%zz&b=%&c=%c3%28&" + "d=" + "%41" * 1000
        if choice == 9:
            return "grant_type=client_credentials&scope=testapi\r\nX: y&client_id=\x00"
        if choice == 10:
            return json.dumps({"spec": r.choice(["::::", "api:/Api:status=1e9", "a" * 5000, "token:delay=99999999999", self.fault_spec()])})
        return json.dumps({"outcomes": [r.choice(["approve", "deny", {"outcome": "approve", "user": "x" * 200}, 5, None])]})

    def garbage_jwt(self):
        r = self.rng
        header = {"alg": "RS256", "kid": "k", "typ": "at+jwt"}
        claims = {"iss": self.issuer, "aud": "testapi", "scope": ["testapi"], "sub": "x", "exp": int(time.time()) + 3600,
                  "nbf": int(time.time()) - 10, "client_id": "demo-service.xena.biz"}
        choice = r.randrange(8)
        if choice == 0:
            header["alg"] = "none"
            return b64url(json.dumps(header).encode()) + "." + b64url(json.dumps(claims).encode()) + "."
        if choice == 1:
            header["alg"] = "HS256"
            signing_input = b64url(json.dumps(header).encode()) + "." + b64url(json.dumps(claims).encode())
            signature = hmac.new(self.jwks_secret, signing_input.encode(), hashlib.sha256).digest()
            return signing_input + "." + b64url(signature)
        if choice == 2 and self.service_token:
            return self.service_token[: r.randrange(len(self.service_token))]
        if choice == 3:
            header["kid"] = "../../../../etc/passwd"
        if choice == 4:
            claims["exp"] = 1e30
        if choice == 5:
            claims.update({"exp": "tomorrow", "scope": 42, "aud": {}, "iss": None, "nbf": [1]})
        if choice == 6:
            return r.choice(["a.b.c", "...", ".", "", "a" * 5000, "eyJ.eyJ.sig", "\u00e9.\u00e9.\u00e9"])
        signing_input = b64url(json.dumps(header).encode()) + "." + b64url(json.dumps(claims).encode())
        return signing_input + "." + b64url(r.randbytes(256))

    # MARK: The run

    def run(self, budget, deadline, batch=250, hostile_share=0.5):
        jwks = self.send("GET", "/.well-known/openid-configuration/jwks")
        try:
            self.jwks_secret = json.loads(jwks.body)["keys"][0]["x5c"][0].encode()
        except (ValueError, KeyError, IndexError, AttributeError):
            pass
        while self.outcome.requests < budget and time.monotonic() < deadline:
            roll = self.rng.random()
            if roll < 0.03:
                self.login()
            elif roll < 1 - hostile_share:
                method, target, headers, body = self.valid_request()
                self.send(method, target, headers, body)
            else:
                self.hostile_request()
            if self.outcome.requests // batch != (self.outcome.requests - 1) // batch:
                try:
                    if not self.alive():
                        self.outcome.fail(f"/healthz did not answer 200 after {self.outcome.requests} requests")
                        return
                except (ConnectionClosed, OSError) as error:
                    self.outcome.fail(f"the server is gone after {self.outcome.requests} requests: {error}")
                    return
                if self.rng.random() < 0.2:
                    self.service_token = None


INVALID_IN_HEAD = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")


def is_valid_http(method, target, headers):
    """Whether a request has no byte that HTTP/1.1 forbids in its request line or header values."""
    if INVALID_IN_HEAD.search(target) or " " in target or not method.isalpha():
        return False
    return not any(INVALID_IN_HEAD.search(str(name)) or INVALID_IN_HEAD.search(str(value)) or not str(name) for name, value in headers)


def build_request(method, target, headers, body):
    body = body.encode("utf-8", "surrogateescape") if isinstance(body, str) else body
    head = [f"{method} {target} HTTP/1.1", "Host: 127.0.0.1"] + [f"{name}: {value}" for name, value in headers]
    head.append(f"Content-Length: {len(body)}")
    return "\r\n".join(head).encode("utf-8", "surrogateescape") + b"\r\n\r\n" + body


def family_of(target):
    # Not urlsplit: "//connect/authorize" is a path here, not a host.
    path = re.sub(r"/+", "/", target.split("?", 1)[0].lower()) if target.startswith("/") else ""
    if path == "/api" or path.startswith("/api/"):
        return "api"
    if path.startswith("/_mock"):
        return "control"
    if path.startswith("/connect/authorize") or path.startswith("/account/login") or path.startswith("/consent") or path.startswith("/connect/endsession"):
        return "page"
    return "oauth"


def error_body_matches(family, body):
    if not isinstance(body, dict):
        return False
    if family == "api":
        # {"Message"}, a SaveResult, or an RFC 6750 refusal of the bearer token.
        return isinstance(body.get("Message"), str) or isinstance(body.get("Errors"), list) or isinstance(body.get("error"), str)
    return isinstance(body.get("error"), str) and isinstance(body.get("error_description", ""), str)


def local_target(location):
    parts = urllib.parse.urlsplit(location)
    return parts.path + ("?" + parts.query if parts.query else "")


def worker_main(arguments):
    port, issuer, openapi, seed, index, budget, deadline = arguments
    fuzzer = Fuzzer(port, issuer, Model(openapi), seed, index)
    try:
        fuzzer.run(budget, deadline)
    except Exception as error:  # a defect of the fuzzer itself must not pass silently
        fuzzer.outcome.fail(f"the fuzzer failed: {type(error).__name__}: {error}")
    outcome = fuzzer.outcome
    return outcome.requests, dict(outcome.statuses), outcome.injected, outcome.failures


# MARK: Consistency

def consistency_check(port, failures):
    """Concurrent writes to one entity, then every list counts what it holds."""
    connection = Connection("127.0.0.1", port)
    connection.request("POST", "/_mock/reset")
    connection.request("DELETE", "/_mock/faults")
    connection.request("DELETE", "/_mock/token-faults")
    token = json.loads(connection.request("POST", "/connect/token", [FORM, ("Authorization", SERVICE_BASIC)],
                                          "grant_type=client_credentials").body)["access_token"]
    auth = ("Authorization", "Bearer " + token)
    path = "/Api/Fiscal/104200311/Partner/3041000100"
    initial = json.loads(connection.request("GET", path, [auth]).body)["Version"]
    lock = threading.Lock()
    successes = []
    seen_by_thread = collections.defaultdict(list)

    def writer(index):
        own = Connection("127.0.0.1", port)
        for attempt in range(40):
            current = json.loads(own.request("GET", path, [auth]).body)
            seen_by_thread[index].append(current["Version"])
            current["Name"] = f"writer {index} attempt {attempt}"
            response = own.request("PUT", path, [auth, JSON], json.dumps(current))
            if response.status == 200:
                with lock:
                    successes.append(json.loads(response.body)["Version"])
            elif response.status != 409:
                with lock:
                    failures.append(f"concurrent PUT answered {response.status}: {response.body[:200]!r}")

    threads = [threading.Thread(target=writer, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    final = json.loads(connection.request("GET", path, [auth]).body)["Version"]
    if len(set(successes)) != len(successes):
        failures.append("two concurrent writes were answered with the same Version")
    if final != initial + len(successes):
        failures.append(f"lost update: Version {final} after {len(successes)} successful writes from {initial}")
    for index, versions in seen_by_thread.items():
        if versions != sorted(versions):
            failures.append(f"writer {index} saw the Version go down: {versions}")
    lists = 0
    model_resources = json.load(open(os.path.join(repository_root(), "fixtures", "api", "resources.json")))
    for fiscal in (104200311, 104200312):
        for resource, definition in sorted(model_resources.items()):
            base = f"/Api/Fiscal/{fiscal}/{definition.get('route', resource)}"
            whole = json.loads(connection.request("GET", base + "?ForceNoPaging=true&ShowDeactivated=true", [auth]).body)
            if whole["Count"] != len(whole["Entities"]):
                failures.append(f"{base}: Count {whole['Count']} but {len(whole['Entities'])} entities")
            paged, page = 0, 0
            while True:
                answer = json.loads(connection.request("GET", f"{base}?ShowDeactivated=true&PageSize=7&Page={page}", [auth]).body)
                paged += len(answer["Entities"])
                if not answer["Entities"]:
                    break
                page += 1
            if paged != whole["Count"]:
                failures.append(f"{base}: pages hold {paged} entities but Count is {whole['Count']}")
            lists += 1
    return len(successes), lists


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("binary")
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--requests", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--max-seconds", type=float, default=300)
    options = parser.parse_args()
    seed = options.seed if options.seed is not None else random.SystemRandom().randrange(1, 2**31)
    print(f"fuzz: seed {seed} (re-run with --seed {seed}), {options.requests} requests, {options.workers} workers", flush=True)
    server = MockServer(options.binary, "--consent", "interactive")
    started = time.monotonic()
    failures = []
    try:
        openapi = json.loads(Connection("127.0.0.1", server.port).request("GET", "/_mock/openapi.json").body)
        # The signing key's kid, so that retiring it (a 409) is tried too.
        openapi["x-signing-kid"] = json.loads(Connection("127.0.0.1", server.port).request(
            "GET", "/.well-known/openid-configuration/jwks").body)["keys"][0]["kid"]
        deadline = time.monotonic() + options.max_seconds
        share = -(-options.requests // options.workers)
        jobs = [(server.port, server.issuer, openapi, seed, index, share, deadline) for index in range(options.workers)]
        with multiprocessing.get_context("fork").Pool(options.workers) as pool:
            results = pool.map(worker_main, jobs)
        total = sum(result[0] for result in results)
        statuses = collections.Counter()
        injected = 0
        for requests, counts, hits, worker_failures in results:
            statuses.update(counts)
            injected += hits
            failures.extend(worker_failures)
        if not server.alive:
            failures.append(f"the server exited with {server.process.returncode}")
        elif total < options.requests:
            failures.append(f"only {total} of {options.requests} requests within {options.max_seconds:.0f} s")
        if server.alive:
            writes, lists = consistency_check(server.port, failures)
            print(f"fuzz: consistency: {writes} of 320 concurrent writes succeeded, {lists} lists counted", flush=True)
        elapsed = time.monotonic() - started
        print(f"fuzz: {total} requests in {elapsed:.1f} s ({total / elapsed:.0f}/s), {injected} answers from injected faults")
        print("fuzz: statuses " + ", ".join(f"{status}: {count}" for status, count in sorted(statuses.items())))
    finally:
        alive = server.alive
        server.stop()
        if not alive:
            print(server.output()[-3000:])
    for failure in failures:
        print("FAIL " + failure)
    print(f"fuzz: seed {seed}: {'passed' if not failures else f'{len(failures)} failures'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
