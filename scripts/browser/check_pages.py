#!/usr/bin/env python3
"""Browser tests of the identity server's pages in headless Chromium (Debian's chromium and chromium-driver):

- code + PKCE through the real login page (by username alias, typed with the keyboard) and consent page, then the
  code exchange;
- hybrid form_post through one-click demo login and consent: the form_post page submits itself with the mock's own
  script under its CSP;
- 2-step verification: a wrong code shows the page again with an error, the right one goes on; consent denied;
- Danish by the browser's language and by ui_locales;
- the dashboard at /_mock/: a minted token appears live, +1 hour marks it expired, a fault added there fails the next
  token request, the request shows in the journal, and reset empties it;
- the playground at /_mock/playground: every flow run to the end through the real pages (see playground_checks.py);
- axe (axe-selenium-python) finds no serious or critical violation on any page; the browser console shows no error
  from the mock's pages. Screenshots of every page go to .build/screenshots/.

Usage: scripts/browser/check_pages.py BINARY
"""
import base64
import hashlib
import http.server
import os
import secrets
import sys
import threading
import urllib.parse

import requests
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from browser_support import FAILURES, SCREENSHOTS, browser, check, click, page
from mockserver import MockServer, repository_root
from playground_checks import playground


class Receiver:
    """The client's redirect URI on 127.0.0.1: records what the authorize endpoint sends it (query or form_post)."""

    def __init__(self):
        received, arrived = [], threading.Event()

        class Handler(http.server.BaseHTTPRequestHandler):
            def answer(self, parameters):
                received.append(parameters)
                arrived.set()
                body = b"<!DOCTYPE html><title>client</title><p>received</p>"
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self):  # noqa: N802
                if not self.path.startswith("/callback"):
                    self.send_error(404)
                    return
                self.answer(dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(self.path).query)))

            def do_POST(self):  # noqa: N802
                length = int(self.headers.get("Content-Length", 0))
                self.answer(dict(urllib.parse.parse_qsl(self.rfile.read(length).decode())))

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.redirect_uri = f"http://127.0.0.1:{self.server.server_address[1]}/callback"
        self.received, self.arrived = received, arrived
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def next(self, timeout=10):
        check(self.arrived.wait(timeout), "the client received nothing from the authorize endpoint")
        self.arrived.clear()
        return self.received.pop(0) if self.received else {}


def pkce():
    verifier = base64.urlsafe_b64encode(secrets.token_bytes(32)).rstrip(b"=").decode()
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    return verifier, challenge


def authorize_url(base, **parameters):
    return f"{base}/connect/authorize?" + urllib.parse.urlencode(parameters)


def code_and_pkce(base, receiver):
    driver = browser()
    try:
        verifier, challenge = pkce()
        driver.get(authorize_url(base, client_id="demo-native.xena.biz", redirect_uri=receiver.redirect_uri, response_type="code",
                                 scope="openid profile testapi offline_access", state="s1", code_challenge=challenge,
                                 code_challenge_method="S256"))
        check("Log in to Xena" in driver.page_source, "code+PKCE: the login page is not shown in English")
        page(driver, base, "login-en")
        # Keyboard only: type the alias and the password, Enter submits.
        driver.find_element(By.ID, "username").send_keys("asorensen")
        driver.find_element(By.ID, "password").send_keys("alice" + Keys.ENTER)
        WebDriverWait(driver, 10).until(expected_conditions.url_contains("/consent"))
        check("Remember my decision" in driver.page_source, "code+PKCE: no consent page after the login")
        page(driver, base, "consent-en")
        click(driver, "Allow")
        answer = receiver.next()
        check(answer.get("state") == "s1" and "code" in answer, f"code+PKCE: the client got {answer}")
        tokens = requests.post(f"{base}/connect/token", data={
            "grant_type": "authorization_code", "code": answer.get("code", ""), "redirect_uri": receiver.redirect_uri,
            "client_id": "demo-native.xena.biz", "code_verifier": verifier})
        check(tokens.status_code == 200 and "refresh_token" in tokens.json(), f"code+PKCE: the exchange answered {tokens.text[:200]}")
    finally:
        driver.quit()


def hybrid_form_post(base, receiver):
    driver = browser()
    try:
        driver.get(authorize_url(base, client_id="demo-hybrid.xena.biz", redirect_uri=receiver.redirect_uri, response_type="code id_token",
                                 response_mode="form_post", scope="openid profile testapi", state="s2", nonce="n2"))
        click(driver, "Log in as Bob Nielsen (bob)")
        WebDriverWait(driver, 10).until(expected_conditions.url_contains("/consent"))
        click(driver, "Allow")
        answer = receiver.next()
        check("code" in answer and "id_token" in answer and answer.get("state") == "s2",
              f"hybrid form_post: the client got {answer} (the form_post script did not submit?)")
        driver.save_screenshot(os.path.join(SCREENSHOTS, "form-post-client.png"))
    finally:
        driver.quit()


def two_step_and_deny(base, receiver):
    driver = browser()
    try:
        driver.get(authorize_url(base, client_id="demo-hybrid.xena.biz", redirect_uri=receiver.redirect_uri, response_type="code",
                                 scope="openid testapi", state="s3"))
        driver.find_element(By.ID, "username").send_keys("dorte")
        driver.find_element(By.ID, "password").send_keys("dorte" + Keys.ENTER)
        WebDriverWait(driver, 10).until(expected_conditions.url_contains("/account/otp"))
        page(driver, base, "code")
        driver.find_element(By.ID, "code").send_keys("000000" + Keys.ENTER)
        WebDriverWait(driver, 10).until(expected_conditions.presence_of_element_located((By.ID, "code-error")))
        check("The code is wrong" in driver.page_source, "2-step: a wrong code shows no error")
        page(driver, base, "code-wrong")
        driver.find_element(By.ID, "code").send_keys("135790" + Keys.ENTER)
        WebDriverWait(driver, 10).until(expected_conditions.url_contains("/consent"))
        click(driver, "Deny")
        answer = receiver.next()
        check(answer.get("error") == "access_denied", f"deny: the client got {answer}")
    finally:
        driver.quit()


def danish(base, receiver):
    driver = browser("da")
    try:
        driver.get(authorize_url(base, client_id="demo-hybrid.xena.biz", redirect_uri=receiver.redirect_uri, response_type="code",
                                 scope="openid testapi", state="s4"))
        check("Log ind på Xena" in driver.page_source, "Danish browser: the login page is not in Danish")
        check(driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "da", "Danish browser: html lang is not da")
        page(driver, base, "login-da")
        driver.find_element(By.ID, "username").send_keys("alice")
        driver.find_element(By.ID, "password").send_keys("alice" + Keys.ENTER)
        WebDriverWait(driver, 10).until(expected_conditions.url_contains("/consent"))
        check("Husk mit valg" in driver.page_source, "Danish browser: the consent page is not in Danish")
        page(driver, base, "consent-da")
    finally:
        driver.quit()
    driver = browser("en")
    try:
        driver.get(authorize_url(base, client_id="demo-hybrid.xena.biz", redirect_uri=receiver.redirect_uri, response_type="code",
                                 scope="openid testapi", state="s5", ui_locales="da"))
        check("Log ind på Xena" in driver.page_source, "ui_locales=da: the login page is not in Danish")
        driver.get(f"{base}/account/login?request=expired")
        page(driver, base, "expired", error_page=True)
    finally:
        driver.quit()


def dashboard(base, receiver):
    driver = browser()
    try:
        driver.get(f"{base}/_mock/")
        WebDriverWait(driver, 10).until(lambda d: d.find_element(By.ID, "status").text == "Live")
        minted = requests.post(f"{base}/_mock/tokens", json={"user": "bob", "client": "demo-native.xena.biz"})
        check(minted.status_code == 200, f"dashboard: minting answered {minted.status_code}")
        WebDriverWait(driver, 10).until(lambda d: "expires in" in d.find_element(By.ID, "tokens").text)
        check("bob" in driver.find_element(By.ID, "tokens").text, "dashboard: the minted token's user is not shown")
        check("135790" in driver.find_element(By.ID, "directory").text, "dashboard: dorte's 2-step code is not shown")
        page(driver, base, "dashboard")
        click(driver, "+1 hour")
        WebDriverWait(driver, 10).until(lambda d: "expired" in d.find_element(By.ID, "tokens").text.split("expires in")[0])
        driver.find_element(By.ID, "fault-spec").send_keys("token:status=503,times=1" + Keys.ENTER)
        WebDriverWait(driver, 10).until(lambda d: "token" in d.find_element(By.ID, "faults").text)
        basic = base64.b64encode(b"demo-service.xena.biz:demo-service-secret").decode()
        answer = requests.post(f"{base}/connect/token", data={"grant_type": "client_credentials"}, headers={"Authorization": f"Basic {basic}"})
        check(answer.status_code == 503, f"dashboard: the fault added there did not fail the next token request ({answer.status_code})")
        WebDriverWait(driver, 10).until(lambda d: "/connect/token" in d.find_element(By.ID, "journal").text)
        page(driver, base, "dashboard-after")
        click(driver, "Reset everything")
        WebDriverWait(driver, 10).until(lambda d: "No tokens yet." in d.find_element(By.ID, "tokens").text)
    finally:
        driver.quit()


def main():
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    os.makedirs(SCREENSHOTS, exist_ok=True)
    server = MockServer(sys.argv[1], "--consent", "interactive")
    # The pages post to the issuer (http://localhost:PORT); a browser on 127.0.0.1 would be cross-site to it.
    base = server.issuer
    receiver = Receiver()
    try:
        for flow in (code_and_pkce, hybrid_form_post, two_step_and_deny, danish, dashboard, playground):
            try:
                flow(base, receiver)
            except Exception as error:  # noqa: BLE001
                check(False, f"{flow.__name__}: {type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}")
            print(f"browser: {flow.__name__} done")
    finally:
        server.stop()
        receiver.server.shutdown()
    for failure in FAILURES:
        print(f"FAIL  {failure}")
    if FAILURES:
        raise SystemExit(f"browser: {len(FAILURES)} failures")
    print(f"browser: every page passed (screenshots in {os.path.relpath(SCREENSHOTS, repository_root())})")


if __name__ == "__main__":
    main()
