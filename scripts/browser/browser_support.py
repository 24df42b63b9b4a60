"""What the browser checks share: a headless Chromium, the per-page check (axe, console errors, a screenshot) and
the list of failures."""
import os
import sys

from axe_selenium_python import Axe
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "fuzz"))
from mockserver import repository_root  # noqa: E402

SCREENSHOTS = os.path.join(repository_root(), ".build", "screenshots")
FAILURES = []


def check(condition, message):
    if not condition:
        FAILURES.append(message)
    return condition


def browser(language="en"):
    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1000,1000",
                     f"--lang={language}"]:
        options.add_argument(argument)
    options.add_experimental_option("prefs", {"intl.accept_languages": language})
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.set_page_load_timeout(20)
    return driver


def known_false_positive(violation):
    """The axe-core that axe-selenium-python bundles (3.x) predates the `one-time-code` autocomplete token, which the
    HTML standard has had since 2018 and current axe accepts."""
    return violation["id"] == "autocomplete-valid" and all('autocomplete="one-time-code"' in node["html"] for node in violation["nodes"])


def page(driver, base, name, error_page=False):
    """Checks the page the browser shows: accessibility (axe), console errors, a screenshot. An error page's own
    status (the expired page answers 400) is the one console line allowed."""
    WebDriverWait(driver, 10).until(lambda d: d.execute_script("return document.readyState") == "complete")
    driver.save_screenshot(os.path.join(SCREENSHOTS, f"{name}.png"))
    axe = Axe(driver)
    axe.inject()
    violations = [v for v in axe.run()["violations"] if v["impact"] in ("serious", "critical") and not known_false_positive(v)]
    for violation in violations:
        check(False, f"{name}: axe {violation['impact']}: {violation['id']}: {violation['help']}")
    for entry in driver.get_log("browser"):
        own_status = error_page and entry.get("message", "").startswith(driver.current_url + " - Failed to load resource")
        if entry["level"] == "SEVERE" and base in entry.get("message", "") and not own_status:
            check(False, f"{name}: console error: {entry['message']}")


def click(driver, text):
    driver.find_element(By.XPATH, f"//button[normalize-space()={text!r}]").click()
