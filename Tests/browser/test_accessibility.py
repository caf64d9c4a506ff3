"""Accessibility: axe-core 4.x in Debian's Chromium reports 0 WCAG 2.1 AA violations
on one page of every type, in the normal and in the 大字版 (larger text) mode."""
import json
import unittest

from selenium.webdriver.common.by import By

from support import AXE, PAGE_TYPES, driver, page_url

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def run_axe(browser):
    browser.execute_script(AXE.read_text(encoding="utf-8"))
    version = browser.execute_script("return axe.version")
    result = browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})"
        ".then(r => done({violations: r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.map(n => n.target.join(' ') + ' :: ' + n.failureSummary)}))}))"
        ".catch(e => done({error: String(e)}));", TAGS)
    return version, result


def enable_large_text(browser):
    label = browser.find_element(By.CSS_SELECTOR, "label[for=large-text]")
    label.click()
    checked = browser.execute_script("return document.getElementById('large-text').checked")
    assert checked, "the 大字版 switch did not turn on"


class Axe(unittest.TestCase):
    def check(self, path, large_text):
        browser = driver()
        browser.get(page_url(path))
        if large_text:
            enable_large_text(browser)
        version, result = run_axe(browser)
        self.assertTrue(version.startswith("4."), f"axe-core 4.x expected, got {version}")
        self.assertNotIn("error", result, result.get("error"))
        violations = result["violations"]
        self.assertEqual(violations, [], f"{path}: " + json.dumps(violations, ensure_ascii=False, indent=1))

    def test_axe_catches_a_violation(self):
        # The check can fail: an image without alternative text is a violation.
        browser = driver()
        browser.get("data:text/html;charset=utf-8,<html lang=zh-CN><title>x</title><img src=x.png><p style='color:%23bbb'>浅色文字</p>")
        _, result = run_axe(browser)
        ids = {v["id"] for v in result["violations"]}
        self.assertIn("image-alt", ids)
        self.assertIn("color-contrast", ids)


def make(name, path, large_text):
    def test(self):
        self.check(path, large_text)
    test.__name__ = f"test_{name.replace('-', '_')}{'_large_text' if large_text else ''}"
    return test


for _name, _path in PAGE_TYPES.items():
    for _large in (False, True):
        _test = make(_name, _path, _large)
        setattr(Axe, _test.__name__, _test)


if __name__ == "__main__":
    unittest.main()
