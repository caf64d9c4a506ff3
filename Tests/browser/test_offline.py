"""Offline: nothing on any page points outside the site, and no request leaves the page."""
import re
import unittest

from support import PAGE_TYPES, SITE, driver, html_pages, page_url, requested_urls

URL_ATTRIBUTE = re.compile(r'(?:href|src|srcset|action|poster|data)\s*=\s*"([^"]*)"', re.I)
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)", re.I)
REMOTE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.I)


class Offline(unittest.TestCase):
    def test_no_external_urls_in_pages_or_styles(self):
        offenders = []
        for page in html_pages():
            text = page.read_text(encoding="utf-8")
            for url in URL_ATTRIBUTE.findall(text):
                if REMOTE.match(url) or url.startswith("/"):
                    offenders.append(f"{page.relative_to(SITE)}: {url}")
        for sheet in SITE.rglob("*.css"):
            for url in CSS_URL.findall(sheet.read_text(encoding="utf-8")):
                if not url.startswith("data:"):
                    offenders.append(f"{sheet.relative_to(SITE)}: {url}")
            self.assertNotIn("@import", sheet.read_text(encoding="utf-8"))
        self.assertEqual(offenders, [])

    def test_every_request_stays_on_the_page_files(self):
        browser = driver()
        requested_urls(browser)  # drop what earlier tests loaded
        for path in PAGE_TYPES.values():
            browser.get(page_url(path))
            entries = requested_urls(browser)
            self.assertTrue(any(e.endswith("style.css") for e in entries), path)
            for entry in entries:
                self.assertTrue(entry.startswith("file://"), f"{path} requested {entry}")

    def test_cjk_font_stacks_have_fallbacks(self):
        css = (SITE / "assets/style.css").read_text(encoding="utf-8")
        for stack in ('"仿宋_GB2312", "FangSong", "STFangsong", "Noto Serif CJK SC"',):
            self.assertIn(stack, css)
        for family in re.findall(r"--(?:sans|fangsong|song|hei|kai):\s*([^;]+);", css):
            self.assertRegex(family.strip(), r"(serif|sans-serif)$", family)


if __name__ == "__main__":
    unittest.main()
