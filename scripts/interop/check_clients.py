#!/usr/bin/env python3
"""Interoperability check: drives a running xena-mock with unmodified OAuth/OIDC client libraries
(Authlib's OAuth2Session and id_token claim classes, PyJWT's JWKS client) through every browser flow
Xena apps use: code + PKCE, hybrid with form_post, implicit, refresh rotation, userinfo, and id_token
verification against JWKS.

Usage: check_clients.py BINARY [--tls]    (starts BINARY on a free port and stops it afterwards; with --tls over
HTTPS, the clients trusting the CA the mock makes)
"""
import html.parser
import os
import re
import secrets
import subprocess
import sys
import tempfile
import traceback
import urllib.parse
import warnings

warnings.filterwarnings("ignore", message=".*authlib.jose module is deprecated.*")

import jwt  # noqa: E402
import requests  # noqa: E402
from authlib.integrations.requests_client import OAuth2Session
from authlib.jose import JsonWebKey
from authlib.jose import jwt as authlib_jwt
from authlib.oidc.core import CodeIDToken, HybridIDToken, ImplicitIDToken

NATIVE = "demo-native.xena.biz"
HYBRID = "demo-hybrid.xena.biz"
HYBRID_SECRET = "demo-hybrid-secret"
IMPLICIT = "demo-implicit.xena.biz"


class HiddenInputs(html.parser.HTMLParser):
    """Collects the form action and hidden inputs of a form_post page, as a browser would submit them."""

    def __init__(self):
        super().__init__()
        self.action = None
        self.fields = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.action = attrs.get("action")
        elif tag == "input" and attrs.get("type") == "hidden":
            self.fields[attrs["name"]] = attrs.get("value", "")


class Mock:
    def __init__(self, binary, tls=False):
        arguments = [binary, "serve", "--port", "0"]
        if tls:
            # Over HTTPS, every client trusts the mock's CA the way users are told to: the CA file in
            # REQUESTS_CA_BUNDLE (requests, Authlib) and SSL_CERT_FILE (urllib, which PyJWT's JWKS client uses).
            self.ca_file = os.path.join(tempfile.mkdtemp(prefix="xena-mock-tls-"), "ca.pem")
            arguments += ["--tls", "--tls-ca-out", self.ca_file]
        self.process = subprocess.Popen(arguments, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        line = self.process.stdout.readline()
        match = re.search(r"listening on (\S+) \(issuer ([^;)\s]+)", line)
        if tls and match:
            os.environ["REQUESTS_CA_BUNDLE"] = os.environ["SSL_CERT_FILE"] = self.ca_file
            assert match.group(1).startswith("https://") and match.group(2).startswith("https://"), line
        if not match:
            self.process.kill()
            raise SystemExit(f"xena-mock did not start: {line!r}")
        self.base_url, self.issuer = match.group(1), match.group(2)
        self.discovery = requests.get(f"{self.base_url}/.well-known/openid-configuration", timeout=5).json()
        # The issuer names localhost; requests go to the address it listens on.
        self.endpoints = {key: self.local(value) for key, value in self.discovery.items() if key.endswith("_endpoint")}
        self.jwks_uri = self.local(self.discovery["jwks_uri"])
        self.jwks = JsonWebKey.import_key_set(requests.get(self.jwks_uri, timeout=5).json())

    def local(self, url):
        return self.base_url + url[len(self.issuer):]

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)

    def authorize(self, session, **params):
        """Sends the browser to the authorize endpoint; returns the redirect or form_post parameters."""
        url, state = session.create_authorization_url(self.endpoints["authorization_endpoint"], **params)
        response = requests.get(url, allow_redirects=False, timeout=5)
        if response.status_code == 302:
            return response.headers["Location"], state
        assert response.status_code == 200, response.text
        form = HiddenInputs()
        form.feed(response.text)
        return form, state

    def verify_id_token(self, token, claims_class, client_id, nonce, **params):
        claims = authlib_jwt.decode(
            token,
            self.jwks,
            claims_cls=claims_class,
            claims_options={"iss": {"essential": True, "value": self.issuer}},
            claims_params={"nonce": nonce, "client_id": client_id, **params},
        )
        claims.validate()
        # A second, independent library: PyJWT with its JWKS client.
        key = jwt.PyJWKClient(self.jwks_uri).get_signing_key_from_jwt(token)
        jwt.decode(token, key.key, algorithms=["RS256"], audience=client_id, issuer=self.issuer)
        return claims


def check_code_with_pkce(mock):
    redirect = "http://127.0.0.1:53100/callback"
    session = OAuth2Session(
        NATIVE, redirect_uri=redirect, scope="openid profile email testapi offline_access",
        code_challenge_method="S256", token_endpoint_auth_method="none",
    )
    verifier = secrets.token_urlsafe(48)
    nonce = secrets.token_urlsafe(16)
    location, state = mock.authorize(session, code_verifier=verifier, nonce=nonce)
    query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(location).query))
    assert query["iss"] == mock.issuer, "RFC 9207 iss parameter"
    token = session.fetch_token(
        mock.endpoints["token_endpoint"], authorization_response=location, code_verifier=verifier, state=state
    )
    claims = mock.verify_id_token(token["id_token"], CodeIDToken, NATIVE, nonce, access_token=token["access_token"])
    assert token["expires_in"] == 3600 and "refresh_token" in token
    return session, token, claims


def check_userinfo(mock, session, token, claims):
    userinfo = session.get(mock.endpoints["userinfo_endpoint"], timeout=5).json()
    assert userinfo["sub"] == claims["sub"], userinfo
    assert userinfo["email"] == "alice@example.dk", userinfo


def check_refresh_rotation(mock, session, token):
    old = token["refresh_token"]
    refreshed = session.refresh_token(mock.endpoints["token_endpoint"], refresh_token=old)
    assert refreshed["refresh_token"] != old, "a new refresh token each time"
    replay = requests.post(
        mock.endpoints["token_endpoint"],
        data={"grant_type": "refresh_token", "refresh_token": old, "client_id": NATIVE},
        timeout=5,
    )
    assert replay.status_code == 400 and replay.json()["error"] == "invalid_grant", replay.text


def check_hybrid_form_post(mock):
    redirect = "http://localhost:8080/signin-oidc"
    session = OAuth2Session(
        HYBRID, HYBRID_SECRET, redirect_uri=redirect, scope="openid profile testapi offline_access",
        response_type="code id_token",
    )
    nonce = secrets.token_urlsafe(16)
    form, state = mock.authorize(session, nonce=nonce, response_mode="form_post")
    assert form.action == redirect, form.action
    fields = form.fields
    assert fields["state"] == state and fields["iss"] == mock.issuer
    mock.verify_id_token(fields["id_token"], HybridIDToken, HYBRID, nonce, code=fields["code"])
    token = session.fetch_token(mock.endpoints["token_endpoint"], code=fields["code"], state=state)
    mock.verify_id_token(token["id_token"], CodeIDToken, HYBRID, nonce, access_token=token["access_token"])
    assert "refresh_token" in token


def check_implicit(mock):
    redirect = "http://localhost:8080/callback.html"
    session = OAuth2Session(IMPLICIT, redirect_uri=redirect, scope="openid profile email testapi", response_type="id_token token")
    nonce = secrets.token_urlsafe(16)
    location, state = mock.authorize(session, nonce=nonce)
    fragment = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(location).fragment))
    assert fragment["state"] == state and fragment["token_type"] == "Bearer"
    mock.verify_id_token(fragment["id_token"], ImplicitIDToken, IMPLICIT, nonce, access_token=fragment["access_token"])
    userinfo = requests.get(
        mock.endpoints["userinfo_endpoint"], headers={"Authorization": f"Bearer {fragment['access_token']}"}, timeout=5
    )
    assert userinfo.status_code == 200, userinfo.text


def check_api(mock, token):
    """The Xena API with the code flow's access token."""
    api = mock.base_url + "/Api/User/FiscalSetup"
    answer = requests.get(api, headers={"Authorization": f"Bearer {token['access_token']}"}, timeout=5)
    assert answer.status_code == 200 and answer.json()["Count"] >= 1, answer.text


def main():
    arguments = [argument for argument in sys.argv[1:] if argument != "--tls"]
    if len(arguments) != 1 or not os.access(arguments[0], os.X_OK):
        raise SystemExit(__doc__)
    tls = "--tls" in sys.argv
    mock = Mock(arguments[0], tls=tls)
    print(f"over {'HTTPS (the CA --tls made, HTTP/2 or HTTP/1.1)' if tls else 'HTTP'}: {mock.base_url}")
    results = []
    try:
        state = {}

        def code_flow():
            state["session"], state["token"], state["claims"] = check_code_with_pkce(mock)

        checks = [
            ("authorization code + PKCE S256 (Authlib, public client)", code_flow),
            ("userinfo with the code flow's access token", lambda: check_userinfo(mock, state["session"], state["token"], state["claims"])),
            ("the Xena API with the code flow's access token", lambda: check_api(mock, state["token"])),
            ("refresh token rotation", lambda: check_refresh_rotation(mock, state["session"], state["token"])),
            ("hybrid code id_token with form_post (client_secret_basic)", lambda: check_hybrid_form_post(mock)),
            ("implicit id_token token", lambda: check_implicit(mock)),
        ]
        for name, check in checks:
            try:
                check()
                results.append((name, None))
                print(f"ok    {name}")
            except Exception:  # report every failing check, not just the first
                results.append((name, traceback.format_exc()))
                print(f"FAIL  {name}\n{traceback.format_exc()}")
    finally:
        mock.stop()
    failed = [name for name, error in results if error]
    print(f"interoperability: {len(results) - len(failed)} of {len(results)} checks succeeded")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
