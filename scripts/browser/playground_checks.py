"""The playground at /_mock/playground, driven in headless Chromium against a server with interactive consent: each
flow run to the end through the real login, consent and form_post pages, and the curl command it shows for the
service-account token run in a shell."""
import json
import os
import subprocess

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import Select, WebDriverWait

from browser_support import SCREENSHOTS, browser, check, click, page

# (client, flow, the label the page says it finished, whether the browser leaves for the login and consent pages)
RUNS = [
    ("demo-native.xena.biz", "code", "Authorization code + PKCE", True),
    ("demo-native.xena.biz", "refresh", "Refresh (the last refresh token from this tab)", False),
    ("demo-hybrid.xena.biz", "hybrid", "Hybrid, form_post (code id_token)", True),
    ("demo-implicit.xena.biz", "implicit", "Implicit (id_token token)", True),
    ("demo-service.xena.biz", "client_credentials", "Client credentials (service account)", False),
]


def status(driver):
    return driver.find_element(By.ID, "status").text


def run(driver, base, client, flow, label, leaves, first_login):
    WebDriverWait(driver, 10).until(lambda d: status(d).startswith(("Ready", "Done", "Stopped", "Cleared")))
    Select(driver.find_element(By.ID, "client")).select_by_value(client)
    Select(driver.find_element(By.ID, "flow")).select_by_value(flow)
    driver.find_element(By.ID, "run").click()
    if leaves:
        if first_login:
            WebDriverWait(driver, 10).until(expected_conditions.url_contains("/account/login"))
            driver.find_element(By.ID, "username").send_keys("alice")
            driver.find_element(By.ID, "password").send_keys("alice" + Keys.ENTER)
        WebDriverWait(driver, 10).until(expected_conditions.url_contains("/consent"))
        click(driver, "Allow")
    WebDriverWait(driver, 15).until(lambda d: d.current_url == f"{base}/_mock/playground" and status(d).startswith(("Done", "Stopped")))
    steps = driver.find_element(By.ID, "steps").text
    check(status(driver) == f"Done: {label}.", f"playground {flow}: ended with '{status(driver)}'; steps:\n{steps[:1500]}")
    check("Call the Xena API with the access token" in steps and "Answer: 200" in steps.split("Call the Xena API")[-1],
          f"playground {flow}: the API call did not answer 200")
    check("does NOT match" not in steps and "is NOT the issuer" not in steps, f"playground {flow}: a check failed:\n{steps[:1500]}")
    if leaves:
        check("Send the browser to the authorize endpoint" in steps and "/connect/authorize" in steps,
              f"playground {flow}: the authorize URL is not shown")
        check("The browser's requests" in steps and "302" in steps, f"playground {flow}: the redirects are not shown")
    if flow in ("code", "hybrid"):
        check("Exchange the code at the token endpoint" in steps and "id_token (decoded)" in steps,
              f"playground {flow}: the code exchange or the decoded id_token is missing")
    page(driver, base, f"playground-{flow}")
    if flow == "code":
        for name, heading in (("redirects", "The browser's requests (from the journal)"), ("tokens", "The tokens")):
            driver.execute_script("arguments[0].scrollIntoView()", driver.find_element(By.XPATH, f'//li[h3="{heading}"]'))
            driver.save_screenshot(os.path.join(SCREENSHOTS, f"playground-code-{name}.png"))
    return steps


def playground(base, receiver):
    driver = browser()
    try:
        driver.get(f"{base}/_mock/playground")
        for index, (client, flow, label, leaves) in enumerate(RUNS):
            run(driver, base, client, flow, label, leaves, first_login=index == 0)
        # The shown curl command for the service-account token works as it stands.
        command = driver.find_elements(By.CSS_SELECTOR, "pre.curl")[0].text
        result = subprocess.run(["bash", "-c", command], capture_output=True, text=True, timeout=20)
        answer = json.loads(result.stdout or "{}") if result.stdout.startswith("{") else {}
        check("access_token" in answer, f"playground: the copied curl command answered {result.stdout[:200]} {result.stderr[:200]}")
        driver.find_elements(By.XPATH, "//button[normalize-space()='Copy curl']")[0].click()
        WebDriverWait(driver, 5).until(lambda d: "Copied" in status(d) or "refused to copy" in status(d))
        # A flow the client is not registered for is offered disabled, with the reason.
        Select(driver.find_element(By.ID, "client")).select_by_value("demo-service.xena.biz")
        option = driver.find_element(By.CSS_SELECTOR, "#flow option[value='implicit']")
        check(option.get_attribute("disabled") is not None, "playground: implicit is offered to the service account")
        check("not registered for it" in driver.find_element(By.ID, "flow-help").text, "playground: no reason given for a disabled flow")
    finally:
        driver.quit()
