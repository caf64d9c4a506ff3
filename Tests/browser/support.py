"""Shared set-up of the browser and validator tests.

scripts/test builds the example site into a world-readable temporary folder
and passes it in JIXIAO_SITE; the tools come from scripts/install-deps --test
(a virtual environment in .build/browser-venv and .build/axe/axe.min.js).
"""
import json
import os
import pathlib
import shutil
import subprocess
import sys

REPO = pathlib.Path(__file__).resolve().parents[2]
SITE = pathlib.Path(os.environ.get("JIXIAO_SITE", REPO / "site")).resolve()
VENV_BIN = pathlib.Path(sys.executable).parent
AXE = pathlib.Path(os.environ.get("JIXIAO_AXE", REPO / ".build/axe/axe.min.js"))

GUANGXI = "2019-guangxi-grain"

# One page of every page type (the 公示 and 通报 are both notices, shown both).
PAGE_TYPES = {
    "home": "index.html",
    "archive": "archive.html",
    "page": "about.html",
    "overview": f"{GUANGXI}/index.html",
    "plan": f"{GUANGXI}/plan.html",
    "indicators": f"{GUANGXI}/indicators.html",
    "ranking": f"{GUANGXI}/ranking.html",
    "unit": f"{GUANGXI}/units/nanning.html",
    "notice-gongshi": f"{GUANGXI}/notices/2020-01-gongshi.html",
    "notice-tongbao": f"{GUANGXI}/notices/2020-03-tongbao.html",
    "report": f"{GUANGXI}/report.html",
}


def page_url(path):
    return (SITE / path).as_uri()


def tool(name):
    """A command from the test virtual environment, else from PATH."""
    candidate = VENV_BIN / name
    if candidate.exists():
        return str(candidate)
    found = shutil.which(name)
    if not found:
        raise RuntimeError(f"{name} not found: run scripts/install-deps --test")
    return found


def ranking_json(evaluation=GUANGXI):
    return json.loads((SITE / evaluation / "ranking.json").read_text(encoding="utf-8"))


def html_pages():
    return sorted(p for p in SITE.rglob("*.html"))


_driver = None


def driver():
    """One headless Chromium for the whole run (Debian's chromium + chromedriver)."""
    global _driver
    if _driver is None:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service

        options = webdriver.ChromeOptions()
        options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
        for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--window-size=1280,1000", "--lang=zh-CN"):
            options.add_argument(arg)
        options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
        service = Service(executable_path=shutil.which("chromedriver") or "/usr/bin/chromedriver")
        _driver = webdriver.Chrome(service=service, options=options)
        _driver.set_script_timeout(120)
    return _driver


def quit_driver():
    global _driver
    if _driver is not None:
        _driver.quit()
        _driver = None


def run(cmd, **kwargs):
    return subprocess.run(cmd, capture_output=True, text=True, **kwargs)


def requested_urls(browser):
    """Every URL the page asked for since the last call (Chrome's network log)."""
    urls = []
    for entry in browser.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls
