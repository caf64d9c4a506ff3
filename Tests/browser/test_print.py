"""Print: the plan prints on A4 like a 公文; wide tables print landscape."""
import base64
import pathlib
import re
import tempfile
import unittest

from support import GUANGXI, driver, page_url, run

A4 = (595.28, 841.89)  # points


def print_pdf(path):
    browser = driver()
    browser.get(page_url(path))
    data = browser.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True, "printBackground": True})
    folder = tempfile.mkdtemp(prefix="jixiao-pdf-")
    pdf = pathlib.Path(folder) / (pathlib.Path(path).stem + ".pdf")
    pdf.write_bytes(base64.b64decode(data["data"]))
    return pdf


def page_sizes(pdf):
    info = run(["pdfinfo", "-f", "1", "-l", "9999", str(pdf)]).stdout
    return [(float(w), float(h)) for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", info)]


def text(pdf):
    return run(["pdftotext", "-layout", str(pdf), "-"]).stdout


class Print(unittest.TestCase):
    def test_plan_prints_on_a4_portrait_pages_with_page_numbers(self):
        pdf = print_pdf(f"{GUANGXI}/plan.html")
        sizes = page_sizes(pdf)
        self.assertGreater(len(sizes), 1)
        for width, height in sizes:
            self.assertAlmostEqual(width, A4[0], delta=1)
            self.assertAlmostEqual(height, A4[1], delta=1)
        content = text(pdf)
        numbers = [int(n) for n in re.findall(r"—\s*(\d+)\s*—", content)]
        self.assertEqual(numbers, list(range(1, len(sizes) + 1)), "every page has its number as — N —")
        self.assertIn("桂粮发〔2019〕51号", content)
        # Navigation and the site footer are not printed.
        self.assertNotIn("跳到正文", content)
        self.assertNotIn("网站标识码", content)
        self.assertNotIn("大字版", content)

    def test_indicator_table_prints_landscape_with_repeated_headers(self):
        pdf = print_pdf(f"{GUANGXI}/indicators.html")
        sizes = page_sizes(pdf)
        self.assertGreater(len(sizes), 1)
        for width, height in sizes:
            self.assertAlmostEqual(width, A4[1], delta=1)
            self.assertAlmostEqual(height, A4[0], delta=1)
        pages = text(pdf).split("\f")
        with_header = [p for p in pages if "一级指标" in p and "评分标准" in p and "佐证材料" in p]
        # The 考核表 runs from the first page up to the bonus items that follow it.
        end = next(i for i, p in enumerate(pages) if "加分项目" in p)
        table_pages = pages[:end + (1 if re.search(r"A\d+\.\d+ ", pages[end].split("加分项目")[0]) else 0)]
        self.assertGreaterEqual(len(table_pages), 2)
        self.assertEqual(len(with_header), len(table_pages), "the header row repeats on every page of the table")
        self.assertTrue(re.search(r"A1\.1\.1", pages[0]), "the table starts on the first page")


if __name__ == "__main__":
    unittest.main()
