#!/usr/bin/env python3
"""Synthetic benchmark workload for jixiao, and the same facts as a Hugo site.

    bench/generate.py --units U --years Y --out DIR [--seed S] [--themes PATH]

writes
    DIR/jixiao/content/...     a jixiao site (site.yaml, one evaluation per year)
    DIR/jixiao/themes/         a copy of the repository's themes (--themes)
    DIR/hugo/                  a Hugo site: config.toml (uglyURLs), one .md per unit page
    DIR/expected.json          every unit page's total, computed here with Decimal

Every evaluation has 40 leaf indicators under 4 groups with a mix of rules
(manual, binary, per_occurrence, proportional, threshold, bands), a results.csv
row for every unit x indicator and a results/<unit>.md whose body is a ~500
character Chinese 自评报告.  All names are invented; no people, no phone numbers.
Output is a pure function of the arguments (and the seed).
"""
import argparse
import json
import os
import random
import shutil
from decimal import Decimal, ROUND_HALF_UP

Q = Decimal("0.01")


def r2(x):
    return x.quantize(Q, rounding=ROUND_HALF_UP)


def fmt(x):
    """A decimal as jixiao-ish text: no exponent, no trailing zeros."""
    s = format(x.normalize(), "f")
    return s


# ---------------------------------------------------------------- indicator system

GROUPS = [
    ("A", "业务工作实绩"),
    ("B", "重点任务落实"),
    ("C", "依法行政与服务"),
    ("D", "自身建设"),
]
TOPICS = [
    "年度目标任务完成", "重点项目推进", "专项整治行动", "信息报送", "政务公开",
    "12345热线办理", "营商环境优化", "安全生产", "平安建设", "信访维稳",
    "行政执法规范化", "双随机一公开", "政务服务事项办理", "一网通办", "建议提案办理",
    "规范性文件备案", "法治宣传教育", "统计数据质量", "财政资金使用", "预算执行",
    "内部审计整改", "机关党建", "党风廉政建设", "意识形态工作", "精神文明创建",
    "干部教育培训", "档案管理", "保密工作", "督查督办", "应急值守",
    "数据共享", "网络安全", "乡村振兴帮扶", "生态环境保护", "节能降耗",
    "疫情防控常态化", "营商环境投诉处理", "民生实事项目", "重大决策社会稳定风险评估", "调查研究",
]
# 40 leaves: the rule of leaf i (fixed, realistic mix)
KINDS = (["binary"] * 10 + ["per_occurrence"] * 8 + ["manual"] * 6
         + ["proportional"] * 6 + ["threshold"] * 5 + ["bands"] * 5)
LEAF_POINTS = [Decimal(2)] * 5 + [Decimal(3)] * 5   # per group: sums to 25
RULE_TEXT = {
    "manual": "人工评分", "binary": "达标得满分，否则不得分", "per_occurrence": "每次扣0.5分，扣完为止",
    "proportional": "按完成比例得分", "threshold": "完成率达到90%得满分，否则按完成率计分",
    "bands": "分档计分",
}


def indicator_system(rng):
    kinds = KINDS[:]
    random.Random(7).shuffle(kinds)          # same rule layout every year and every seed
    groups = []
    n = 0
    for gid, gname in GROUPS:
        leaves = []
        for j in range(10):
            v = LEAF_POINTS[j]
            kind = kinds[n]
            leaf = {
                "id": f"{gid}{j + 1}", "name": TOPICS[n], "points": v, "kind": kind,
                "criteria": criteria_text(TOPICS[n], kind, v),
            }
            leaves.append(leaf)
            n += 1
        groups.append({"id": gid, "name": gname, "points": Decimal(25), "children": leaves})
    return groups


def criteria_text(topic, kind, v):
    if kind == "binary":
        return f"按要求完成{topic}工作的得{fmt(v)}分，未完成的不得分。"
    if kind == "per_occurrence":
        return f"{topic}工作每发现一次问题扣0.5分，扣完为止。"
    if kind == "manual":
        return f"根据{topic}工作开展情况，由考评组综合评定，最高{fmt(v)}分。"
    if kind == "proportional":
        return f"{topic}按年度计划完成比例得分，完成100%及以上得{fmt(v)}分。"
    if kind == "threshold":
        return f"{topic}完成率达到90%及以上的得{fmt(v)}分，未达到的按完成率计分。"
    return f"{topic}达标率90%及以上得{fmt(v)}分；80%（含）至90%扣1分；低于80%不得分。"


def bands(v):
    return [
        {"min": "0.9", "min_inclusive": True, "max": "1", "max_inclusive": True, "score": fmt(v)},
        {"min": "0.8", "min_inclusive": True, "max": "0.9", "max_inclusive": False, "deduction": "1"},
        {"min": "0", "min_inclusive": True, "max": "0.8", "max_inclusive": False, "deduction": fmt(v)},
    ]


def write_indicators(path, groups):
    out = ["# 合成基准数据（示例）：40项末级指标，规则组合覆盖常见计分方式。", "total: 100", "indicators:"]
    for g in groups:
        out += [f"  - id: {g['id']}", f"    name: {g['name']}", f"    points: {fmt(g['points'])}", "    children:"]
        for leaf in g["children"]:
            k = leaf["kind"]
            out += [f"      - id: {leaf['id']}", f"        name: {leaf['name']}",
                    f"        points: {fmt(leaf['points'])}", f"        criteria: {leaf['criteria']}",
                    "        owners: { office: 综合科, leader: 分管负责人（示例）, person: 责任人（示例） }",
                    "        evidence: [工作台账, 佐证材料]", "        verification: 不需核验"]
            if k == "per_occurrence":
                out.append("        rule: { kind: per_occurrence, deduction: 0.5 }")
            elif k == "proportional":
                out.append("        rule: { kind: proportional, target: 100 }")
            elif k == "threshold":
                out.append("        rule: { kind: threshold, threshold: 0.9 }")
            elif k == "bands":
                out.append("        rule:")
                out.append("          kind: bands")
                out.append("          bands:")
                for b in bands(leaf["points"]):
                    tail = f"score: {b['score']}" if "score" in b else f"deduction: {b['deduction']}"
                    out.append(f"            - {{ min: {b['min']}, min_inclusive: {str(b['min_inclusive']).lower()}, "
                               f"max: {b['max']}, max_inclusive: {str(b['max_inclusive']).lower()}, {tail} }}")
            else:
                out.append(f"        rule: {{ kind: {k} }}")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")


# ---------------------------------------------------------------- results

REASONS = ["台账资料不完整", "信息报送不及时", "整改落实不到位", "工作进度滞后", "佐证材料不充分", "督查发现问题未按期整改"]


def result_for(rng, leaf):
    """(csv inputs dict, score Decimal, reason or '', computation text)"""
    v = leaf["points"]
    k = leaf["kind"]
    if k == "binary":
        ok = rng.random() < 0.88
        return {"pass": "true" if ok else "false"}, (v if ok else Decimal(0)), ("" if ok else rng.choice(REASONS)), \
            ("达标" if ok else "未达标") + f"，得{fmt(v if ok else Decimal(0))}分"
    if k == "per_occurrence":
        c = rng.choice([0, 0, 0, 0, 1, 1, 2, 3, 5, 7])
        s = max(Decimal(0), v - min(v, Decimal("0.5") * c))
        return {"count": str(c)}, s, (rng.choice(REASONS) + f"{c}次" if c else ""), f"{c}次×0.5分，得{fmt(s)}分"
    if k == "manual":
        s = (v * Decimal(rng.randint(60, 100)) / 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        reason = rng.choice(REASONS) if s < v else ""
        return {"score": fmt(s)}, s, reason, f"考评组评定{fmt(s)}分"
    if k == "proportional":
        a = Decimal(rng.randint(700, 1200)) / 10
        s = r2(v * min(Decimal(1), a / Decimal(100)))
        return {"actual": fmt(a)}, s, ("" if s == v else "未完成年度计划"), f"{fmt(v)}×min(1, {fmt(a)}/100)={fmt(s)}"
    if k == "threshold":
        r = Decimal(rng.randint(750, 1000)) / 1000
        s = v if r >= Decimal("0.9") else r2(v * r)
        return {"ratio": fmt(r)}, s, ("" if s == v else "完成率未达90%"), f"完成率{fmt(r)}，得{fmt(s)}分"
    # bands
    x = Decimal(rng.randint(720, 1000)) / 1000
    if x >= Decimal("0.9"):
        s = v
    elif x >= Decimal("0.8"):
        s = v - 1
    else:
        s = Decimal(0)
    return {"value": fmt(x)}, s, ("" if s == v else "达标率未达90%"), f"达标率{fmt(x)}，得{fmt(s)}分"


# ---------------------------------------------------------------- report bodies

PHRASES = [
    "坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实上级各项决策部署",
    "围绕年度绩效目标，细化分解任务，明确责任科室和完成时限",
    "建立月调度、季通报工作机制，及时研究解决推进中遇到的困难和问题",
    "加强与相关部门的协调配合，形成工作合力",
    "严格落实工作台账制度，做到任务清单化、责任具体化",
    "深入基层开展调查研究，摸清底数，找准问题症结",
    "强化督查督办，对进度滞后的事项实行挂牌督办",
    "积极回应群众关切，群众满意度稳步提升",
    "注重总结提炼，形成了一批可复制可推广的经验做法",
    "持续优化办事流程，压缩办理时限，提升服务效能",
    "严格执行财经纪律，资金使用规范高效",
    "扎实开展专项整治，问题整改率保持在较高水平",
]
WEAK = [
    "部分工作创新不足，亮点不够突出", "基层力量相对薄弱，专业人才短缺",
    "个别任务推进不够均衡，进度有待加快", "信息化支撑能力仍需加强",
    "佐证材料归档不够及时规范",
]
PLANS = [
    "进一步压实工作责任，确保各项任务按期完成", "加强业务培训，提升干部队伍能力水平",
    "完善考核激励机制，调动干部干事创业积极性", "加大信息化建设投入，提升工作效率",
]


def report_body(rng, unit_name, year):
    p1 = "；".join(rng.sample(PHRASES, 4))
    p2 = "；".join(rng.sample(PHRASES, 3))
    p3 = "；".join(rng.sample(PHRASES, 2))
    weak = rng.sample(WEAK, 2)
    plans = rng.sample(PLANS, 3)
    body = [
        f"{year}年，{unit_name}在上级党委、政府的正确领导下，{p1}。现将本年度绩效目标完成情况自评如下。",
        "",
        "## 一、主要工作完成情况",
        "",
        f"一是{p2}。二是认真落实**重点任务**，各项指标总体完成较好。三是按要求报送自评材料和佐证材料。",
        "",
        f"在具体工作中，{p3}。全年各项工作有序推进，较好完成了年初确定的绩效目标。",
        "",
        "## 二、存在的问题",
        "",
        f"- {weak[0]}；",
        f"- {weak[1]}。",
        "",
        "## 三、下一步工作打算",
        "",
        f"1. {plans[0]}；",
        f"2. {plans[1]}；",
        f"3. {plans[2]}。",
        "",
    ]
    return "\n".join(body)


# ---------------------------------------------------------------- units

PLACES = ["东", "西", "南", "北", "中", "新", "安", "平", "和", "丰", "长", "青", "云", "海", "山", "江", "河", "林", "石", "桥"]
DEPTS = ["发展改革局", "教育局", "科技局", "民政局", "司法局", "财政局", "人力资源和社会保障局", "自然资源局",
         "住房和城乡建设局", "交通运输局", "水利局", "农业农村局", "商务局", "文化和旅游局", "卫生健康局",
         "应急管理局", "审计局", "市场监督管理局", "统计局", "医疗保障局"]


def units(n):
    out = []
    for i in range(n):
        county = PLACES[(i // len(DEPTS)) % len(PLACES)] + PLACES[(i // (len(DEPTS) * len(PLACES))) % len(PLACES)]
        # 示例X县 + department; the index keeps names unique at any scale
        name = f"示例{county}县{DEPTS[i % len(DEPTS)]}（{i + 1}）"
        out.append({"slug": f"u{i + 1:05d}", "name": name})
    return out


# ---------------------------------------------------------------- writers

SITE_YAML = """# 合成基准站点（bench/generate.py 生成）：全部单位和结果均为示例数据。
title: 绩效管理信息公开（基准测试）
description: 合成基准数据，不对应任何真实单位。
host: 示例绩效管理工作办公室
organizer: 示例绩效管理工作办公室综合科
site_code: "0000000000"
icp: 示例ICP备00000000号
police_record: 示例公网安备00000000000000号
theme: default
allow_raw_html: false
"""

HUGO_CONFIG = """baseURL = "http://example.org/"
languageCode = "zh-cn"
title = "绩效管理信息公开（基准测试）"
uglyURLs = true
disableKinds = ["taxonomy", "term"]
"""

HUGO_SINGLE = """<!DOCTYPE html>
<html lang="zh-CN">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }}考核得分 - {{ .Site.Title }}</title>
<link rel="stylesheet" href="{{ "assets/style.css" | relURL }}"></head>
<body class="page-unit wide">
<header><p class="site-title"><a href="{{ "index.html" | relURL }}">{{ .Site.Title }}</a></p></header>
<main>
<h1>{{ .Title }}考核得分</h1>
<p class="sample">示例数据</p>
<dl class="facts score-summary">
<div><dt>总分</dt><dd class="total">{{ .Params.total }}</dd></div>
<div><dt>名次</dt><dd>第 {{ .Params.rank }} 名 / 共 {{ .Params.unit_count }} 个</dd></div>
<div><dt>自评总分</dt><dd>{{ .Params.self_total }}</dd></div>
</dl>
<div class="table-scroll" role="region" tabindex="0">
<table class="score-table">
<caption>逐项得分（指标满分 100 分）</caption>
<thead><tr><th scope="col">指标</th><th scope="col">分值</th><th scope="col">自评得分</th><th scope="col">考评得分</th><th scope="col">扣分</th><th scope="col">扣分理由与计算</th></tr></thead>
<tbody>
{{ range .Params.rows }}<tr class="level-{{ .level }}{{ if .group }} group-row{{ end }}">
<th scope="row" class="indent-{{ .level }}"><span class="indicator-id">{{ .id }}</span> {{ .name }}</th>
<td class="num">{{ .points }}</td>
<td class="num">{{ .self }}</td>
<td class="num">{{ .score }}</td>
<td class="num">{{ .deduction }}</td>
<td>{{ if .group }}{{ .computation }}{{ else }}<p class="computation-line">{{ .computation }}</p>{{ with .reason }}<p class="reason">扣分理由：{{ . }}</p>{{ end }}<p class="audit"><span>评分标准：{{ .criteria }}</span><span>计分规则：{{ .rule }}</span><span>佐证材料：工作台账、佐证材料</span></p>{{ end }}</td>
</tr>
{{ end }}</tbody>
</table>
</div>
<section class="self-report"><h2>自评报告</h2><div class="prose">{{ .Content }}</div></section>
</main>
</body>
</html>
"""

HUGO_LIST = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{{ .Title }} - {{ .Site.Title }}</title></head>
<body><main><h1>{{ .Title }}</h1>
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Params.total }}</li>{{ end }}</ul>
</main></body></html>
"""


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--units", type=int, required=True)
    ap.add_argument("--years", type=int, required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--themes", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "themes"))
    args = ap.parse_args()

    out = os.path.abspath(args.out)
    jroot = os.path.join(out, "jixiao")
    hroot = os.path.join(out, "hugo")
    for d in (jroot, hroot):
        if os.path.exists(d):
            shutil.rmtree(d)
    os.makedirs(os.path.join(jroot, "content"))
    shutil.copytree(args.themes, os.path.join(jroot, "themes"))
    os.makedirs(os.path.join(hroot, "layouts", "_default"))
    os.makedirs(os.path.join(hroot, "content"))
    os.makedirs(os.path.join(hroot, "static", "assets"))
    shutil.copy(os.path.join(args.themes, "default", "assets", "style.css"), os.path.join(hroot, "static", "assets"))
    with open(os.path.join(jroot, "content", "site.yaml"), "w", encoding="utf-8") as f:
        f.write(SITE_YAML)
    with open(os.path.join(hroot, "config.toml"), "w", encoding="utf-8") as f:
        f.write(HUGO_CONFIG)
    with open(os.path.join(hroot, "layouts", "_default", "single.html"), "w", encoding="utf-8") as f:
        f.write(HUGO_SINGLE)
    with open(os.path.join(hroot, "layouts", "_default", "list.html"), "w", encoding="utf-8") as f:
        f.write(HUGO_LIST)

    rng = random.Random(args.seed)
    unit_list = units(args.units)
    groups = indicator_system(rng)
    leaves = [leaf for g in groups for leaf in g["children"]]
    expected = {}
    first_year = 2020
    for y in range(args.years):
        year = first_year + y
        slug = f"{year}-bench"
        edir = os.path.join(jroot, "content", slug)
        os.makedirs(os.path.join(edir, "results"))
        hdir = os.path.join(hroot, "content", slug, "units")
        os.makedirs(hdir)
        with open(os.path.join(hroot, "content", slug, "_index.md"), "w", encoding="utf-8") as f:
            f.write(f"---\ntitle: {year}年度部门绩效考评（基准测试）\n---\n")
        with open(os.path.join(hroot, "content", slug, "units", "_index.md"), "w", encoding="utf-8") as f:
            f.write(f"---\ntitle: {year}年度考核单位\n---\n")
        ev = [f"title: {year}年度县直部门绩效考评（基准测试）", "short_title: 部门绩效考评", f"year: {year}",
              "issuer: 示例绩效管理工作办公室", "summary: 合成基准数据，全部单位和结果均为示例。",
              "sample_data: true", "precision: 2", "unit_kind: 县直部门", "units:"]
        ev += [f"  - {{ slug: {u['slug']}, name: {u['name']} }}" for u in unit_list]
        ev += ["grading:", "  pass_line: 60", "  excellent_quota: 1/3",
               "audience: { ranking: public, units: public, self_scores: public, reasons: public }"]
        with open(os.path.join(edir, "evaluation.yaml"), "w", encoding="utf-8") as f:
            f.write("\n".join(ev) + "\n")
        write_indicators(os.path.join(edir, "indicators.yaml"), groups)

        csv = ["unit,indicator,score,self,reason,evidence,source,reviewer,count,pass,actual,ratio,value"]
        cols = ["score", "self", "reason", "evidence", "source", "reviewer", "count", "pass", "actual", "ratio", "value"]
        pages = []
        for u in unit_list:
            rows = []
            total = Decimal(0)
            self_total = Decimal(0)
            gsum = {}
            leaf_rows = []
            for leaf in leaves:
                inputs, s, reason, comp = result_for(rng, leaf)
                v = leaf["points"]
                self_s = min(v, s + (Decimal(rng.choice([0, 0, 0, 5, 10])) / 10 if s < v else Decimal(0)))
                inputs = dict(inputs)
                inputs["self"] = fmt(self_s)
                if reason:
                    inputs["reason"] = reason
                inputs["evidence"] = "工作台账;佐证材料"
                inputs["source"] = "考评组核查"
                csv.append(",".join([u["slug"], leaf["id"]] + [inputs.get(c, "") for c in cols]))
                total += s
                self_total += self_s
                gsum.setdefault(leaf["id"][0], Decimal(0))
                gsum[leaf["id"][0]] += s
                leaf_rows.append({"level": 2, "id": leaf["id"], "name": leaf["name"], "points": fmt(v),
                                  "self": fmt(self_s), "score": fmt(s), "deduction": fmt(v - s),
                                  "computation": comp, "reason": reason, "criteria": leaf["criteria"],
                                  "rule": RULE_TEXT[leaf["kind"]]})
            for g in groups:
                rows.append({"level": 1, "group": True, "id": g["id"], "name": g["name"], "points": fmt(g["points"]),
                             "self": "", "score": fmt(gsum[g["id"]]), "deduction": fmt(g["points"] - gsum[g["id"]]),
                             "computation": "下级指标得分之和"})
                rows += [r for r in leaf_rows if r["id"][0] == g["id"]]
            total = r2(total)
            body = report_body(rng, u["name"], year)
            with open(os.path.join(edir, "results", u["slug"] + ".md"), "w", encoding="utf-8") as f:
                f.write(f"---\nunit: {u['slug']}\nreviewer: 考评组（示例）\n---\n{body}")
            pages.append({"unit": u, "total": total, "self_total": self_total, "rows": rows, "body": body})
        with open(os.path.join(edir, "results.csv"), "w", encoding="utf-8") as f:
            f.write("\n".join(csv) + "\n")

        # ranks (ties share the rank), computed here for the Hugo pages
        ordered = sorted(pages, key=lambda p: -p["total"])
        rank = {}
        for i, p in enumerate(ordered):
            if i and p["total"] == ordered[i - 1]["total"]:
                rank[p["unit"]["slug"]] = rank[ordered[i - 1]["unit"]["slug"]]
            else:
                rank[p["unit"]["slug"]] = i + 1
        for p in pages:
            u = p["unit"]
            expected[f"{slug}/units/{u['slug']}.html"] = fmt(p["total"])
            fm = ["---", f"title: {json.dumps(u['name'], ensure_ascii=False)}", f"unit: {u['slug']}",
                  f"total: \"{p['total']}\"", f"self_total: \"{fmt(p['self_total'])}\"", f"rank: {rank[u['slug']]}",
                  f"unit_count: {len(unit_list)}", "rows:"]
            fm += ["  - " + json.dumps(r, ensure_ascii=False) for r in p["rows"]]
            fm.append("---")
            with open(os.path.join(hdir, u["slug"] + ".md"), "w", encoding="utf-8") as f:
                f.write("\n".join(fm) + "\n" + p["body"])
    with open(os.path.join(out, "expected.json"), "w", encoding="utf-8") as f:
        json.dump(expected, f, ensure_ascii=False, indent=0, sort_keys=True)


if __name__ == "__main__":
    main()
