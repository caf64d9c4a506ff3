"""What a reader must see, checked in headless Chromium."""
import re
import unittest

from selenium.webdriver.common.by import By

from support import GUANGXI, PAGE_TYPES, driver, page_url, ranking_json


def texts(elements):
    return [e.text.strip() for e in elements]


class Reader(unittest.TestCase):
    def open(self, path):
        browser = driver()
        browser.get(page_url(path))
        return browser

    def test_ranking_rows_match_ranking_json(self):
        browser = self.open(f"{GUANGXI}/ranking.html")
        expected = ranking_json()
        rows = browser.find_elements(By.CSS_SELECTOR, "table.ranking-table tbody tr")
        self.assertEqual(len(rows), 14)
        self.assertEqual(len(expected), 14)
        for row, unit in zip(rows, expected):
            self.assertEqual(row.find_element(By.CSS_SELECTOR, "th[scope=row]").text, unit["unit"])
            self.assertEqual(row.find_element(By.CSS_SELECTOR, "td.total").text, unit["total"])
            self.assertEqual(row.find_element(By.CSS_SELECTOR, ".grade").text, unit["grade"])
            self.assertTrue(row.find_element(By.CSS_SELECTOR, "td").text.startswith(str(unit["rank"])))
        tied = [u for u in expected if u["tied"]]
        self.assertTrue(tied, "the example has a tie")
        for unit in tied:
            row = rows[expected.index(unit)]
            self.assertIn("并列", row.text)

    def test_ranking_chart_has_a_bar_and_a_text_per_unit(self):
        browser = self.open(f"{GUANGXI}/ranking.html")
        bars = browser.find_elements(By.CSS_SELECTOR, "svg.bar-chart rect.bar")
        self.assertEqual(len(bars), 14)
        widths = [float(b.get_attribute("width")) for b in bars]
        self.assertEqual(widths, sorted(widths, reverse=True))
        caption = browser.find_element(By.CSS_SELECTOR, ".chart figcaption").text
        first = ranking_json()[0]
        self.assertIn(f"{first['unit']} {first['total']}分（{first['grade']}）", caption)
        links = texts(browser.find_elements(By.CSS_SELECTOR, ".downloads a"))
        self.assertIn("排名 CSV", links)
        self.assertIn("排名 JSON", links)

    def test_plan_looks_like_an_official_document(self):
        browser = self.open(f"{GUANGXI}/plan.html")
        mark = browser.find_element(By.CSS_SELECTOR, ".issuer-mark")
        self.assertEqual(mark.text, "广西壮族自治区粮食和物资储备局文件")
        self.assertEqual(mark.value_of_css_property("color"), "rgba(179, 18, 26, 1)")
        rule = browser.find_element(By.CSS_SELECTOR, ".red-rule")
        self.assertEqual(rule.value_of_css_property("border-top-color"), "rgba(179, 18, 26, 1)")
        self.assertEqual(browser.find_element(By.CSS_SELECTOR, ".doc-head .doc-number").text, "桂粮发〔2019〕51号")
        self.assertIn("实施方案", browser.find_element(By.CSS_SELECTOR, "h1.doc-title").text)
        self.assertTrue(browser.find_element(By.CSS_SELECTOR, ".recipients").text.endswith("："))
        record = browser.find_element(By.CSS_SELECTOR, ".record").text
        for label in ("索引号", "发布机构", "成文日期", "发布日期", "信息公开方式", "主题分类"):
            self.assertIn(label, record)
        self.assertIn("2019年8月22日", browser.find_element(By.CSS_SELECTOR, ".doc-signature").text)
        phases = browser.find_elements(By.CSS_SELECTOR, "ol.timeline > li")
        self.assertGreaterEqual(len(phases), 3)
        self.assertEqual(len(browser.find_elements(By.CSS_SELECTOR, ".attachments li")), 3)
        # Headings by level: 一、 in 黑体, (一) in 楷体.
        body_font = browser.find_element(By.CSS_SELECTOR, ".doc-body p").value_of_css_property("font-family")
        self.assertIn("FangSong", body_font)
        self.assertIn("Noto Serif CJK SC", body_font)
        h2 = browser.find_element(By.CSS_SELECTOR, ".doc-body h2")
        self.assertTrue(h2.text.startswith("一、"))
        self.assertIn("SimHei", h2.value_of_css_property("font-family"))
        h3 = browser.find_element(By.CSS_SELECTOR, ".doc-body h3")
        self.assertRegex(h3.text, r"^（[一二三四五六七八九十]+）")
        self.assertIn("KaiTi", h3.value_of_css_property("font-family"))

    def test_indicator_table_merges_cells_and_totals_levels(self):
        browser = self.open(f"{GUANGXI}/indicators.html")
        merged = browser.find_elements(By.CSS_SELECTOR, "table.indicator-table th[rowspan]")
        self.assertTrue(any(int(c.get_attribute("rowspan")) > 1 for c in merged))
        headers = texts(browser.find_elements(By.CSS_SELECTOR, "table.indicator-table thead th"))
        for header in ("一级指标", "评分标准", "佐证材料", "核验方式"):
            self.assertIn(header, headers)
        self.assertIn("合计", browser.find_element(By.CSS_SELECTOR, "table.indicator-table tfoot").text)
        self.assertIn("一级指标", browser.find_element(By.CSS_SELECTOR, ".lead").text)

    def test_unit_card_shows_scores_audit_and_self_report(self):
        browser = self.open(f"{GUANGXI}/units/nanning.html")
        unit = next(u for u in ranking_json() if u["slug"] == "nanning")
        self.assertEqual(browser.find_element(By.CSS_SELECTOR, ".score-summary .total").text, unit["total"])
        self.assertIn(unit["grade"], browser.find_element(By.CSS_SELECTOR, ".score-summary").text)
        headers = texts(browser.find_elements(By.CSS_SELECTOR, "table.score-table thead th"))
        for header in ("分值", "自评得分", "考评得分", "扣分"):
            self.assertIn(header, headers)
        self.assertGreater(len(browser.find_elements(By.CSS_SELECTOR, "table.score-table tbody tr")), 3)
        self.assertTrue(browser.find_element(By.CSS_SELECTOR, ".computation").text.startswith("计算过程"))
        self.assertIn("自评报告", browser.find_element(By.CSS_SELECTOR, ".self-report h2").text)
        self.assertGreater(len(browser.find_element(By.CSS_SELECTOR, ".self-report .prose").text), 50)

    def test_notice_lists_come_from_the_results(self):
        browser = self.open(f"{GUANGXI}/notices/2020-03-tongbao.html")
        excellent = [u["unit"] for u in ranking_json() if u["grade"] == "优秀"]
        self.assertTrue(excellent)
        listed = [re.sub(r"（.*", "", t) for t in texts(browser.find_elements(By.CSS_SELECTOR, "ol.shortcode-units li"))]
        self.assertEqual(listed, excellent)

    def test_gongshi_shows_objection_period_and_channel(self):
        browser = self.open(f"{GUANGXI}/notices/2020-01-gongshi.html")
        objection = browser.find_element(By.CSS_SELECTOR, ".objection").text
        self.assertIn("2020年1月16日", objection)
        self.assertIn("2020年1月18日", objection)
        self.assertIn("0771-0000000", objection)
        self.assertEqual(len(browser.find_elements(By.CSS_SELECTOR, "table.shortcode-ranking tbody tr")), 14)

    def test_annual_report_has_the_computed_sections(self):
        browser = self.open(f"{GUANGXI}/report.html")
        expected = ranking_json()
        rows = browser.find_elements(By.CSS_SELECTOR, "table.grade-distribution tbody tr")
        counts = {r.find_element(By.CSS_SELECTOR, "th").text: int(r.find_elements(By.CSS_SELECTOR, "td")[0].text) for r in rows}
        for grade, count in counts.items():
            self.assertEqual(count, sum(1 for u in expected if u["grade"] == grade))
        self.assertEqual(sum(counts.values()), 14)
        lost = browser.find_elements(By.CSS_SELECTOR, "table.lost-points tbody tr")
        self.assertTrue(0 < len(lost) <= 5)
        rates = [float(r.find_elements(By.CSS_SELECTOR, "td")[2].text.rstrip("%")) for r in lost]
        self.assertEqual(rates, sorted(rates, reverse=True))
        # A public build may leave self scores out; then the section says so instead.
        gaps = browser.find_elements(By.CSS_SELECTOR, "table.self-gaps tbody tr")
        if gaps:
            self.assertLessEqual(len(gaps), 5)
            values = [float(r.find_elements(By.CSS_SELECTOR, "td")[-2].text.replace("−", "-")) for r in gaps]
            self.assertEqual([abs(v) for v in values], sorted((abs(v) for v in values), reverse=True))
        else:
            self.assertIn("不含自评得分", browser.find_element(By.CSS_SELECTOR, ".self-gaps-none").text)
        self.assertIn("年度比较", browser.find_element(By.CSS_SELECTOR, "main").text)

    def test_home_lists_evaluations_notices_years_and_footer(self):
        browser = self.open("index.html")
        self.assertGreaterEqual(len(browser.find_elements(By.CSS_SELECTOR, ".cards .card")), 5)
        self.assertEqual(len(browser.find_elements(By.CSS_SELECTOR, ".notice-list li")), 3)
        footer = browser.find_element(By.CSS_SELECTOR, ".site-footer").text
        for label in ("主办单位", "承办单位", "网站标识码", "ICP备", "公网安备"):
            self.assertIn(label, footer)

    def test_archive_groups_by_year(self):
        browser = self.open("archive.html")
        years = texts(browser.find_elements(By.CSS_SELECTOR, "main h2"))
        self.assertEqual(years, sorted(years, reverse=True))
        self.assertIn("2019年度", years)

    def test_large_text_mode_enlarges_text_without_javascript(self):
        browser = self.open(f"{GUANGXI}/plan.html")
        before = float(browser.find_element(By.CSS_SELECTOR, ".doc-body p").value_of_css_property("font-size")[:-2])
        browser.find_element(By.CSS_SELECTOR, "label[for=large-text]").click()
        after = float(browser.find_element(By.CSS_SELECTOR, ".doc-body p").value_of_css_property("font-size")[:-2])
        self.assertGreaterEqual(after, before * 1.25)
        self.assertEqual(browser.find_elements(By.CSS_SELECTOR, "script"), [])

    def test_line_spacing_and_lang(self):
        for path in PAGE_TYPES.values():
            browser = self.open(path)
            self.assertEqual(browser.find_element(By.TAG_NAME, "html").get_attribute("lang"), "zh-CN")
            p = browser.find_element(By.CSS_SELECTOR, "main p")
            size = float(p.value_of_css_property("font-size")[:-2])
            line = float(p.value_of_css_property("line-height")[:-2])
            self.assertGreaterEqual(line / size, 1.3, path)

    def test_keyboard_focus_is_visible(self):
        browser = self.open(f"{GUANGXI}/ranking.html")
        from selenium.webdriver.common.keys import Keys
        from selenium.webdriver.common.action_chains import ActionChains
        ActionChains(browser).send_keys(Keys.TAB).perform()
        active = browser.switch_to.active_element
        self.assertEqual(active.text, "跳到正文")
        self.assertNotEqual(active.value_of_css_property("outline-style"), "none")
        self.assertGreater(active.location["x"], 0, "the skip link shows when focused")


if __name__ == "__main__":
    unittest.main()
