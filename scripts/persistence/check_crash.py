#!/usr/bin/env python3
"""kill -9 tests of --data-dir: no answered write is lost.

1. Writes: 8 clients create Partners as fast as they can; after 400 creates were answered 200, the server is killed
   with SIGKILL while the others are still in flight. After a restart on the same directory, every answered Partner
   is there with its name.
2. Tokens: 8 clients log in with code + PKCE (offline_access) and exchange the code; after 150 refresh tokens were
   answered, SIGKILL. After a restart, every one of them refreshes (200, a new refresh token).

Usage: scripts/persistence/check_crash.py BINARY
"""
import base64
import hashlib
import json
import os
import secrets
import signal
import sys
import tempfile
import threading
import urllib.parse

import requests

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "fuzz"))
from mockserver import MockServer  # noqa: E402

NATIVE = "demo-native.xena.biz"
REDIRECT = "http://127.0.0.1:51234/callback"


def kill(server):
    server.process.send_signal(signal.SIGKILL)
    server.process.wait()


def start(binary, directory):
    """A server on `directory`, and its base URL."""
    server = MockServer(binary, "--data-dir", directory)
    return server, f"http://127.0.0.1:{server.port}"


def alice(base):
    """Headers with an access token for alice."""
    token = requests.post(f"{base}/_mock/tokens", json={"user": "alice", "client": NATIVE}).json()["access_token"]
    return {"Authorization": f"Bearer {token}"}


def killed_during(server, worker, want):
    """Runs `worker` in 8 clients until `want` answers are in, then SIGKILLs the server while the others are in flight.
    Returns the answers and any client errors."""
    results, threads, errors = burst(worker, want)
    kill(server)
    for thread in threads:
        thread.join(timeout=10)
    return list(results), errors


def burst(worker, want, clients=8):
    """Runs `worker(session)` in `clients` threads, collecting what it returns, until `want` results are in."""
    results, lock, enough, errors = [], threading.Lock(), threading.Event(), []

    def loop():
        session = requests.Session()
        while not enough.is_set():
            try:
                result = worker(session)
            except requests.RequestException:
                return  # the server was killed mid-request: that answer never came
            except Exception as error:  # noqa: BLE001
                errors.append(f"{type(error).__name__}: {error}")
                return
            with lock:
                results.append(result)
                if len(results) >= want:
                    enough.set()

    threads = [threading.Thread(target=loop, daemon=True) for _ in range(clients)]
    for thread in threads:
        thread.start()
    enough.wait(timeout=120)
    return results, threads, errors


def check_writes(binary, directory):
    server, base = start(binary, directory)
    auth = alice(base)
    fiscal = requests.get(f"{base}/Api/User/FiscalSetup", headers=auth).json()["Entities"][0]["Id"]

    def create(session):
        name = f"Crash {secrets.token_hex(6)}"
        response = session.post(f"{base}/Api/Fiscal/{fiscal}/Partner", json={"Name": name}, headers=auth, timeout=10)
        if response.status_code != 200:
            raise AssertionError(f"create answered {response.status_code}: {response.text[:200]}")
        return response.json()["Id"], name

    answered, errors = killed_during(server, create, 400)
    if errors:
        return [f"writes: {error}" for error in errors]

    server, base = start(binary, directory)
    auth = alice(base)
    failures = []
    session = requests.Session()
    for entity_id, name in answered:
        response = session.get(f"{base}/Api/Fiscal/{fiscal}/Partner/{entity_id}", headers=auth)
        if response.status_code != 200 or response.json().get("Name") != name:
            failures.append(f"writes: Partner {entity_id} ({name}) answered 200 before the kill, after it {response.status_code}")
    server.stop()
    print(f"crash: {len(answered)} answered creates, SIGKILL, restart: {len(answered) - len(failures)} present")
    return failures


def check_tokens(binary, directory):
    server, base = start(binary, directory)

    def login(session):
        verifier = base64.urlsafe_b64encode(secrets.token_bytes(32)).rstrip(b"=").decode()
        challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
        query = urllib.parse.urlencode({
            "client_id": NATIVE, "redirect_uri": REDIRECT, "response_type": "code", "scope": "openid testapi offline_access",
            "state": "s", "code_challenge": challenge, "code_challenge_method": "S256"})
        response = session.get(f"{base}/connect/authorize?{query}", allow_redirects=False, timeout=10)
        code = urllib.parse.parse_qs(urllib.parse.urlparse(response.headers["Location"]).query)["code"][0]
        response = session.post(f"{base}/connect/token", data={
            "grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT, "client_id": NATIVE,
            "code_verifier": verifier}, timeout=10)
        if response.status_code != 200:
            raise AssertionError(f"the code exchange answered {response.status_code}: {response.text[:200]}")
        return response.json()["refresh_token"]

    answered, errors = killed_during(server, login, 150)
    if errors:
        return [f"tokens: {error}" for error in errors]

    server, base = start(binary, directory)
    failures = []
    session = requests.Session()
    for refresh_token in answered:
        response = session.post(f"{base}/connect/token", data={
            "grant_type": "refresh_token", "refresh_token": refresh_token, "client_id": NATIVE})
        if response.status_code != 200 or "refresh_token" not in response.json():
            failures.append(f"tokens: a refresh token issued before the kill answered {response.status_code}: {response.text[:120]}")
    server.stop()
    print(f"crash: {len(answered)} refresh tokens issued, SIGKILL, restart: {len(answered) - len(failures)} refresh")
    return failures


def main():
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    binary = sys.argv[1]
    failures = []
    with tempfile.TemporaryDirectory(prefix="xena-mock-crash-") as directory:
        failures += check_writes(binary, os.path.join(directory, "writes"))
        failures += check_tokens(binary, os.path.join(directory, "tokens"))
    for failure in failures[:20]:
        print(f"FAIL  {failure}")
    if failures:
        raise SystemExit(f"crash: {len(failures)} answered writes lost")
    print("crash: no answered write was lost")


if __name__ == "__main__":
    main()
