#!/usr/bin/env python3
"""Fixture workbooks for the JixiaoInterchange tests, laid out the way offices keep them.

  seed004-kaopingbiao.xlsx  the 2021 Jinjiang ecology 考评表 (seed 004): title rows,
                            merged 一级/二级 names, a 序号 merged over the rows of one
                            item, repeated names after page breaks, blank "same as
                            above" cells, 权重 in its own column, subtotal rows
                            (65, 35) and the total row (100).
  seed001-kaohebiao.xlsx    the county market-supervision 考核表 (seed 001), 业务工作指标
                            (19分): 项目/指标类别/一级指标/二级指标 columns, merged and
                            blank "same as above" cells, 分值 in its own column.
  seed004-bad-points.xlsx   seed 004 with text ("两分") in the points column.
  wrong-total.xlsx          seed 001 whose 一级指标 says 3分 but its items add up to 2.
  celltypes.xlsx            written by hand (not openpyxl): inline strings, rich-text
                            runs, phonetic guides, booleans, errors, exact numbers,
                            dates with built-in and custom formats, formula results.
  scores-wide.xlsx          a wide score sheet: one row per unit, one column per
                            indicator (by id or by name).

Run: python3 make_fixtures.py [output folder]  (default: this folder). Needs openpyxl.
"""
import os
import sys
import zipfile

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
FIXED_TIME = None


def save(wb, name):
    import datetime
    wb.properties.created = datetime.datetime(2021, 12, 24)
    wb.properties.modified = datetime.datetime(2021, 12, 24)
    path = os.path.join(OUT, name)
    wb.save(path)
    return path


# ---------------------------------------------------------------- seed 004
# (序号, 三级指标 name or None, [(目标内容, 权重, 责任领导, 责任科室, 责任人)])
FUNC_KEY = [
    ("1-1", "生态体制改革", [
        ("推进生态文明试验，落实生态环境损害赔偿制度", 2, "黄永生", "法规科", "蔡文波"),
        ("做好泉州市对我市绩效考评指标“生态环境保护目标任务完成率”的相关工作", 2, "黄永生", "法规科", "蔡文波")]),
    ("1-2", "强化大气环境治理", [
        ("推进建筑工地扬尘，加强陶瓷行业污染整治，强化PM2.5与臭氧污染协同治理", 2, "卢敬东", "污防科", "陈重安"),
        ("实施20个大气减排治理项目，空气质量优良率保持在97%以上", 2, "卢敬东", "污防科", "陈重安")]),
    ("1-3", "饮用水源污染源排查整治", [
        ("调整“三库一湖”饮用水源保护区范围，加强对饮用水源的环境监测，开展饮用水源地保护", 2, "黄永生", "生态科", "杨少峰"),
        ("开展饮用水水源地保护区环境问题排查整治", 2, "许煌伟", "执法大队", "")]),
    ("1-4", "建设项目管理", [
        ("服务老旧工业区提升试点项目，优化提升审批制度", 2, "卢敬东", "审批科", "冯吉燕"),
        ("开展排污许可证核发质量抽查、排污登记表合法合规检查", 2, "倪向群", "污控科", "蔡崇玺")]),
    ("1-5", "流域综合整治", [
        ("推动全市21条流域周边335家涉水工业企业尾水纳管，试点企业精细纳管改造", 2, "黄永生", "生态科", "杨少峰"),
        ("巩固梧垵溪整治销号成果，开展九十九溪、湖漏溪、阳溪提升整治，实施8个流域精准治理减排项目", 2, "黄永生", "生态科", "杨少峰")]),
    ("1-6", "优化环境质量", [
        ("配合打造50个富有绿化、绿韵、绿态、绿魂的绿盈乡村", 2, "黄永生", "生态科", "杨少峰"),
        ("加强污染源自动监控日常监管", 2, "陈清松", "信息中心", "高建宏")]),
    ("1-7", "排污口整治", [
        ("整治上级交办的150个入河排污口，加强其他入河排污口排查整治", 2, "黄永生", "生态科", "杨少峰"),
        ("开展海域海滩海岸垃圾整治，启动20个入海排污口试点整治", 2, "黄永生", "生态科", "杨少峰")]),
    ("1-8", "专项督察检查", [
        ("落实中央生态环境保护督察整改，推进区域突出环境问题整改", 2, "黄永生\n许煌伟", "法规科\n执法大队", "蔡文波"),
        ("分批推进皮革、印染等行业异味整治", 2, "卢敬东", "污防科", "陈重安")]),
    ("1-9", "落实重点改革任务", [
        ("深化碳排放权、排污权交易等制度，推动环境容量向优质企业、成长型企业倾斜，持续推进10蒸吨以下燃煤锅炉淘汰", 2, "卢敬东\n倪向群", "污防科\n污控科", "陈重安\n蔡崇玺"),
        ("优化营商环境，加强第三方运维、运营、监测机构监管", 2, "卢敬东\n倪向群\n陈清松", "审批科\n污防科\n监测站\n信息中心", "冯吉燕\n陈重安\n张天载\n高建宏")]),
    ("1-10", "危险废物监管", [
        ("开展危险废物专项整治攻坚，建成工业污泥处置设施。实施化肥、农药使用量零增长减量化行动", 2, "卢敬东", "污防科", "陈重安"),
        ("严厉打击固体废物非法转移、倾倒等环境违法行为", 2, "许煌伟", "执法大队", "")]),
]
FUNC_ROUTINE = [
    ("2-1", "提升执法水平", "持续开展“执法大练兵”行动", 2, "许煌伟", "执法大队", ""),
    ("2-2", "“生态云”建设", "推动智能管控能力建设，搭建大气、水、土壤智能管控“一张图”", 2, "陈清松", "信息中心", "高建宏"),
    ("2-3", "重金属污染治理", "持续开展涉重金属排查整治", 2, "卢敬东\n许煌伟", "污防科\n执法大队", "陈重安"),
    ("2-4", "创新执法方式", "优化执法方式，提升执法精准性和科学性", 2, "许煌伟\n陈清松", "执法大队\n信息中心", "高建宏"),
    ("2-5", "开展履职评估", "结合“夯基固本优化提升年”活动，开展执法履职评估试点", 2, "许煌伟", "执法大队", ""),
    ("2-6", "坚持勤查重罚", "严厉查处环境违法行为，打造生态环保铁军", 2, "许煌伟", "执法大队", ""),
    ("2-7", "加强日常监管", "加强日常监管，组织夜间执法、交叉执法，防止企业偷排、漏排。", 2, "许煌伟", "执法大队", ""),
    ("2-8", "试点托管服务", "以东海集控区为试点，推动环境综合治理托管服务", 2, "卢敬东", "污防科", "陈重安"),
    ("2-9", "完善信访处理", "加强信访办理，落实环境违法行为有奖举报制度，推进环境信访工作增质减量", 2, "许煌伟", "执法大队", ""),
    ("2-10", "加强流域监管", "推进水质自动监测", 2, "黄永生\n陈清松", "生态科\n信息中心", "杨少峰\n高建宏"),
]
FUNC_DYNAMIC = ("3-1", "环保宣传工作", [
    ("做好“人与自然和谐共生”“美丽中国，我是行动者”等环保主题宣传、比赛活动", 1, "黄永生", "法规科", "蔡文波"),
    ("开展多元化宣传教育活动，环保宣传进学校、村（社区）、进企业，倡导简约适度、绿色低碳的生产生活方式。", 2, "黄永生", "法规科", "蔡文波"),
    ("推行环保违法企业公开道歉制度", 2, "黄永生", "法规科", "蔡文波")])
ALL_UNITS = ("倪向群\n卢敬东\n黄永生\n陈清松\n许煌伟", "各科室、直属各单位", "各科室、直属各单位负责人")
ADMIN = [
    ("科学民主行政（7分）", [
        ("4-1", "落实党史学习教育及再学习、再调研、再落实，深入推进机关党的建设和精神文明建设，积极开展四下基层、挂钩帮扶和党员义工进村社活动，支持选派干部驻村蹲点。", 1, "倪向群", "办公室", "范华悦"),
        ("4-2", "贯彻落实《中国共产党宣传工作条例》和意识形态工作责任制（由市委宣传部结合年度意识形态工作责任制落实情况专题督查）。", 2, "倪向群", "办公室", "范华悦"),
        ("4-3", "建立健全各项议事制度和科学决策程序，贯彻民主集中制，坚持集体领导，项目资金安排、评先评优、干部提拔、人事变动等重大事项均通过集体研究决定。", 1, "倪向群", "办公室", "范华悦"),
        ("4-4", "落实党务和政务公开、社会公示、听证和跟踪反馈制度，推行电子政务，做好政府信息公开，及时对信息进行更新，认真做好两办的信息约稿工作，完成信息报送任务。", 2, "倪向群\n陈清松\n黄永生", "办公室\n信息中心\n法规科", "范华悦\n高建宏\n蔡文波"),
        ("4-5", "贯彻落实市委、市政府重要决策及相关改革措施有部署、有方案、有落实；倡导协作精神，加快建立部门协同协作机制，工作举措有创新、有成效。", 1) + ALL_UNITS]),
    ("依法行政（7分）", [
        ("5-1", "规范行政权力运行和自由裁量权，行政执法责任制全面落实，行政执法案件及时录入市执法平台。", 2, "黄永生", "法规科", "蔡文波"),
        ("5-2", "按要求梳理行政审批事项和公共服务事项，编制部门权责清单，公布权力运行流程图，简化办事程序，压缩办事时限。", 1, "黄永生\n卢敬东\n倪向群", "法规科\n审批科\n污控科\n污防科", "蔡文波\n冯吉燕\n蔡崇玺\n陈重安"),
        ("5-3", "执法行为合法公正文明，发现具体行政决定违反程序规定的能立即纠正，并追究行政过错责任。制定的规范性文件合法合规，并按规定履行报备手续。依法履行行政复议决定。", 2, "黄永生\n许煌伟", "法规科\n执法大队", "蔡文波"),
        ("5-4", "大力推进行政管理体制改革，落实人事制度改革，开展用法学法活动，增强法制意识，维护社会公平正义。规范评比表彰推荐、干部职务任免、职称聘任管理等工作，健全国家工作人员登记备案、证照管理和出国境审批工作。支持军转干部、退役军人安置等工作。", 2) + ALL_UNITS]),
    ("高效行政（7分）", [
        ("6-1", "认真贯彻落实上级的重大决策部署，按时序加快推进市委、市政府重点工作，确保政令畅通、圆满完成年度目标任务。坚持马上就办，进一步提升政府机关效率效能和政府服务群众、企业的能力水平。", 1) + ALL_UNITS,
        ("6-2", "健全和完善机关工作制度，建立并完善各项应急状况处置预案，工作运转协调高效，机关效能建设制度有效落实。贯彻落实中央八项规定，转变机关作风，强化会风文风会纪，精简会议，减少发文，注重公文办理质量和实效。", 2) + ALL_UNITS,
        ("6-3", "按照放管服改革要求深入推进审批制度改革，健全和完善为民、便民、利民办事制度，简化审批许可程序，持续提高办事水平。严格按制度办事，限时办结审批审核事项，提高行政效率；深入开展治理庸懒散奢，优化社会管理环境。", 2, "卢敬东\n倪向群\n黄永生", "审批科\n污控科\n污防科\n法规科", "冯吉燕\n蔡崇玺\n陈重安\n蔡文波"),
        ("6-4", "自觉接受人大、政协监督，及时办理人大代表建议、政协委员提案和各级督办件、信访件，以及市长专线、党代表工作室、便民中心、机关效能投诉中心的交办件，做到件件有落实，件件有反馈。", 2, "倪向群\n许煌伟", "办公室\n执法大队", "范华悦")]),
    ("廉洁行政（7分）", [
        ("7-1", "落实全面从严治党主体责任问题清单，进一步完善预防和惩治腐败体系，廉政风险防控工作扎实推进。坚持一岗双责抓好党风廉政建设，严格落实党风廉政建设责任制，领导班子成员廉洁从政。严禁机关事业单位及其工作人员违反规定进行不必要的公务活动。", 2) + ALL_UNITS,
        ("7-2", "认真落实中央八项规定，配合做好“1+X”工作专项督查，办公用房清理工作成效明显，三公经费各项指标同比明显下降，没有出现违规发放奖金福利或被各级纪检部门通报批评等情况。", 2, "倪向群", "办公室", "范华悦"),
        ("7-3", "落实计划生育、社会治安综合治理、安全生产等工作，没有被执行绩效责任追究的事项。", 2, "倪向群\n许煌伟", "办公室\n执法大队", "范华悦"),
        ("7-4", "支持抽调市委巡察工作，加强干部职工管理，开展廉政教育活动，规范机关工作作风，查处违法违纪行为，坚决纠治三乱，建立干部队伍优良作风的务实形象。", 1, "倪向群", "办公室", "范华悦")]),
    ("管理创新（7分）", [
        ("8-1", "严格按照绩效评估工作方案和考评细则的要求，落实绩效责任，推进目标运行，加强跟踪监控；认真做好自查自评与目标评估工作，综合绩效管理措施有创新、有成效。", 1, "倪向群", "办公室", "范华悦"),
        ("8-2", "健全完善绩效管理制度，落实绩效责任没有中梗阻现象，按时报送绩效管理材料，做好绩效评估日常督察的准备工作。", 2, "倪向群", "办公室", "范华悦"),
        ("8-3", "大力支持市政府绩效办工作，所派人员积极参与绩效考评日常事务工作，表现突出、工作出色。", 2, "倪向群", "办公室", "范华悦"),
        ("8-4", "积极探索行政管理工作的新做法、新经验，完善机关内部平时考核机制，有效提升行政效能。围绕中心工作，开展各项争先创优活动，获得综合性表彰、奖励的按规定标准给予加分。", 2, "倪向群", "办公室", "范华悦")]),
]


def seed004(bad_points=False):
    wb = Workbook()
    ws = wb.active
    ws.title = "考评表"
    ws.append(["2021年度泉州市晋江生态环境局绩效管理目标考评表"])
    ws.merge_cells("A1:J1")
    ws["A1"].font = Font(bold=True, size=16)
    ws.append(["参评单位（盖章）：泉州市晋江生态环境局", None, None, None, None, None, None, None, None, "月   日"])
    ws.merge_cells("A2:F2")
    ws.append(["一级指标", "二级指标", "序号", "三级指标", "目标内容与责任分解", "权重", "责任领导", "责任科室", "责任人", "备注"])
    row = 4

    def put(values):
        nonlocal row
        ws.append(values)
        row += 1
        return row - 1

    # 职能工作目标: 1-1 … 1-7 on the first page, merged; the page break repeats
    # the 一级/二级 names at 1-8 (the "repeated values" offices leave behind).
    first = row
    for index, (number, name, items) in enumerate(FUNC_KEY):
        start = row
        for item_index, (content, weight, leader, office, person) in enumerate(items):
            level1 = level2 = None
            if start == first and item_index == 0 or number == "1-8" and item_index == 0:
                level1, level2 = "职能工作目标65分", "重点工作目标（40分）"
            put([level1, level2, number if item_index == 0 else None, name if item_index == 0 else None,
                 content, weight, leader, office, person or None, None])
        ws.merge_cells(start_row=start, start_column=3, end_row=row - 1, end_column=3)
        ws.merge_cells(start_row=start, start_column=4, end_row=row - 1, end_column=4)
        if number == "1-7":
            ws.merge_cells(start_row=first, start_column=1, end_row=row - 1, end_column=1)
            ws.merge_cells(start_row=first, start_column=2, end_row=row - 1, end_column=2)
            page2 = row
    ws.merge_cells(start_row=page2, start_column=1, end_row=row - 1, end_column=1)
    ws.merge_cells(start_row=page2, start_column=2, end_row=row - 1, end_column=2)
    # 常规工作目标: the 一级 cell left blank ("same as above").
    start = row
    for index, (number, name, content, weight, leader, office, person) in enumerate(FUNC_ROUTINE):
        put([None, "常规工作目标（20分）" if index == 0 else None, number, name, content, weight, leader, office, person or None, None])
    ws.merge_cells(start_row=start, start_column=2, end_row=row - 1, end_column=2)
    # 动态工作目标: repeated after a page break, one 序号 merged over three rows.
    number, name, items = FUNC_DYNAMIC
    start = row
    for item_index, (content, weight, leader, office, person) in enumerate(items):
        put(["职能工作目标65分" if item_index == 0 else None, "动态工作目标（5分）" if item_index == 0 else None,
             number if item_index == 0 else None, name if item_index == 0 else None, content, weight, leader, office, person, None])
    for column in (1, 2, 3, 4):
        ws.merge_cells(start_row=start, start_column=column, end_row=row - 1, end_column=column)
    put([None, None, None, None, None, 65, None, None, None, None])   # subtotal
    # 行政能力目标: no 三级 name, 序号 per row; repeated 一级 after page breaks.
    for group_index, (level2, items) in enumerate(ADMIN):
        start = row
        for item_index, (number, content, weight, leader, office, person) in enumerate(items):
            level1 = "行政能力目标35分" if item_index == 0 and group_index in (0, 1, 3) else None
            put([level1, level2 if item_index == 0 else None, number, None, content, weight, leader, office, person, None])
        ws.merge_cells(start_row=start, start_column=2, end_row=row - 1, end_column=2)
    put([None, None, None, None, None, 35, None, None, None, None])
    total = put(["绩效目标考评总分（职能工作目标+行政能力目标）", None, None, None, None, 100, None, None, None, None])
    ws.merge_cells(start_row=total, start_column=1, end_row=total, end_column=5)
    for cells in ws.iter_rows(min_row=4):
        for cell in cells:
            cell.alignment = Alignment(wrap_text=True, vertical="center")
    if bad_points:
        ws["F9"] = "两分"
    return wb


# ---------------------------------------------------------------- seed 001
SEED001_ROWS = [
        ('（一）商事登记制度改革（2分）', '企业登记注册业务培训', '1', '认真落实企业注册官制度，组织市管所开展企业登记注册业务培训，未组织的扣1分。', '登记注册股'),
        ('（一）商事登记制度改革（2分）', '开办企业“一窗通办”', '0.5', '在行政服务中心设立开办企业“一窗通办”窗口，未设置的扣0.5分。', '登记注册股'),
        ('（一）商事登记制度改革（2分）', '住所（经营场所）申报承诺制', '0.5', '开办企业或企业申请住所变更的，可提交《福建省市场主体住所（经营场所）申报承诺表》作为住所使用证明。（评分办法原文缺失，示例补全：未推行的不得分。）', '登记注册股'),
        ('（二）反不正当竞争和打击传销（1.5分）', '公平竞争审查', '0.5', '开展公平竞争审查，工作有总结。未开展公平竞争审查工作的，扣0.2分；无总结扣0.3分。', '市场规范股'),
        ('（二）反不正当竞争和打击传销（1.5分）', '打击传销领导机制和“无传销社区”创建', '0.5', '建设打击传销领导机制，深入开展创建“无传销社区”活动。未成立打击传销领导机构的，扣0.2分；未创建2个以上无传销社区的，扣0.3分。', '市场规范股'),
        ('（二）反不正当竞争和打击传销（1.5分）', '打传规直宣传教育活动', '0.5', '开展2次及以上的打传规直宣传教育活动。开展打传规直宣传活动达不到2次及以上的，扣1分（本项分值0.5分，扣完为止）。', '市场规范股'),
        ('（三）企业信用及网络商务监管（3分）', '双随机抽查', '0.5', '对市场主体开展双随机抽查。未完成市局双随机抽查核查任务的，扣0.2分；未完成县局双随机抽查核查任务的，扣0.3分。', '信用监管股'),
        ('（三）企业信用及网络商务监管（3分）', '废品收购站违法经营专项整治', '0.5', '与相关部门联合开展县城区废品收购站违法经营问题专项整治工作。未制定工作方案的扣0.2分；未开展专项整治行动的，扣0.3分。', '信用监管股'),
        ('（三）企业信用及网络商务监管（3分）', '“1+X”专项督查专项整治', '0.5', '开展“1+X”专项督查专项整治工作，未开展“1+X”专项督查的，扣0.5分。', '信用监管股'),
        ('（三）企业信用及网络商务监管（3分）', '网络定向监测专项行动', '0.5', '开展网络定向监测专项行动。未开展网络定向监测专项行动扣0.2分；未根据网络定向监测结果及时进行处理反馈扣0.3分。', '信用监管股'),
        ('（三）企业信用及网络商务监管（3分）', '红珊瑚专项整治', '1', '依法开展红珊瑚专项整治行动。未制定方案，扣0.5分；未开展专项整治行动，扣0.5分。', '信用监管股'),
        ('（四）食品流通管理（1.8分）', '流通环节食品安全风险排查整治', '0.6', '开展流通环节食品安全风险排查整治工作行动。未按市局文件要求开展工作的扣0.3分；无报表及总结扣0.3分。', '食品流通股'),
        ('（四）食品流通管理（1.8分）', '食品“一品一码”追溯', '0.6', '食品批发和批发兼零售经营者在省市场监管局追溯系统注册并实现追溯数据上传。未注册扣0.3分，未上传数据的扣0.3分。', '食品流通股'),
        ('（四）食品流通管理（1.8分）', '食品安全监督抽检监测', '0.6', '开展食品安全监督抽检监测工作。未制定工作计划的扣0.3分，无总结的扣0.3分。', '食品流通股'),
        ('（五）食品生产管理（1.2分）', '小作坊摸排建档', '0.4', '开展小作坊摸排建档工作。查看小作坊摸排统计表、检查照片等，未开展小作坊摸排工作扣0.4分。', '食品生产股'),
        ('（五）食品生产管理（1.2分）', '食品添加剂和非食用物质专项整治', '0.4', '开展食品生产环节整治超范围超限量使用食品添加剂和添加非食用物质问题专项整治。查看方案、总结资料，未开展扣0.4分。', '食品生产股'),
        ('（五）食品生产管理（1.2分）', '包装饮用水专项整治', '0.4', '开展包装饮用水专项整治工作。（分值和评分办法原文缺失，示例补全：未开展扣0.4分。）', '食品生产股'),
        ('（六）餐饮服务食品安全监管和重大活动保障（2分）', '网络餐饮服务食品安全专项治理', '0.5', '组织开展网络餐饮服务食品安全专项治理。未开展专项治理的，扣0.2分；未上报工作总结，扣0.3分。', '餐饮服务股'),
        ('（六）餐饮服务食品安全监管和重大活动保障（2分）', '重大活动餐饮服务食品安全保障', '0.5', '做好重大活动餐饮服务食品安全保障工作。未参与重大活动餐饮服务食品安全保障，一次扣0.2分，扣完为止。', '餐饮服务股'),
        ('（六）餐饮服务食品安全监管和重大活动保障（2分）', '学校食堂专项整治', '1', '开展学校食堂专项整治。未制定方案的，扣0.5分；未上报工作总结，扣0.5分。', '餐饮服务股'),
        ('（七）药品、医疗器械、化妆品监管（1.5分）', '中药饮片专项整治', '0.5', '开展中药饮片专项整治。未制定方案，扣0.2分；未开展检查，扣0.3分。', '药械化股'),
        ('（七）药品、医疗器械、化妆品监管（1.5分）', '无菌和植入性医疗器械监督检查', '0.5', '加强无菌和植入性医疗器械监督检查。未部署检查，扣0.2分；（以下原文缺失，示例补全）未开展检查，扣0.3分。', '药械化股'),
        ('（七）药品、医疗器械、化妆品监管（1.5分）', '美容美发机构化妆品安全专项检查', '0.5', '开展较大规模美容美发机构经营使用化妆品安全专项检查。（分值和评分办法原文缺失，示例补全：未开展扣0.5分。）', '药械化股'),
        ('（八）商标广告及质量管理（3分）', '引导企业注册商标', '1', '积极引导企业注册商标，商标申请量100件，每减少5%，扣0.2分。', '商标广告股'),
        ('（八）商标广告及质量管理（3分）', '查处广告违法案件', '0.5', '加强广告监管，查处广告违法案件5件，未完成1件扣0.2分。', '商标广告股'),
        ('（八）商标广告及质量管理（3分）', '查处专利违法案件', '0.5', '加强专利监管，查处专利违法案件3件，未完成1件扣0.2分。', '商标广告股'),
        ('（八）商标广告及质量管理（3分）', '海上养殖塑胶产品质量监管', '0.5', '组织开展海上养殖塑胶产品质量监管，对塑胶产品组织产品质量监督抽查。查看相关档案资料，有部署，有检查，有监督抽查，有工作总结，缺少一项扣0.2分。', '质量计量股'),
        ('（八）商标广告及质量管理（3分）', '成品油抽样检验', '0.5', '开展成品油抽样检验。未开展成品油抽样检验扣0.5分。', '质量计量股'),
        ('（九）标准计量管理基础工作（1.5分）', '定量包装商品抽检', '0.5', '开展定量包装商品抽检。未开展定量包装商品抽检工作扣0.5分。', '质量计量股'),
        ('（九）标准计量管理基础工作（1.5分）', '业务知识培训', '0.5', '开展业务知识培训工作。查看培训资料，未开展培训的扣0.5分。', '质量计量股'),
        ('（九）标准计量管理基础工作（1.5分）', '电子秤、血压计免费检定服务', '0.5', '开展乡镇集贸市场电子秤、乡镇卫生院在用血压计免费检定服务。查看检定相关数据统计表，未开展集贸市场电子秤免费检定服务的扣0.2分；未开展乡镇卫生院血压计免费检定服务的扣0.3分。', '质量计量股'),
        ('（十）特种设备安全监察（1.5分）', '安全生产工作分析会', '0.5', '定期召开安全生产工作分析会，组织部署安全生产工作。每季度召开安全生产工作分析会，少一次扣0.1分。', '特种设备股'),
        ('（十）特种设备安全监察（1.5分）', '“安全生产月”集中宣教活动', '0.5', '组织开展“安全生产月”集中宣教活动，做好特种设备安全宣传教育。未组织开展“安全生产月”集中宣教活动的扣0.5分。', '特种设备股'),
        ('（十）特种设备安全监察（1.5分）', '特种设备安全日常监察计划', '0.5', '制定并实施年度特种设备安全日常监察计划。未制定年度特种设备安全日常监察计划的扣0.2分；未实施特种设备安全日常监察计划的扣0.3分。', '特种设备股'),
]


def seed001(wrong_total=False):
    wb = Workbook()
    first = wb.active
    first.title = "说明"
    first.append(["本工作簿第二张表是考核表"])
    ws = wb.create_sheet("考核表")
    ws.append(["县市管局绩效管理指标考核表"])
    ws.merge_cells("A1:J1")
    ws.append(["项目", "指标类别", "一级指标", "二级指标（年度工作目标）", "分值", "评分办法", "责任股室", "责任人", "自评得分", "考评得分"])
    rows = SEED001_ROWS
    if wrong_total:
        rows = [(group.replace("（2分）", "（3分）"), *rest) for group, *rest in rows]
    start = 3
    previous = None
    group_start = start
    for index, (group, name, points, criteria, office) in enumerate(rows):
        row = start + index
        new_group = group != previous
        # Groups (一)–(五) merged; from (六) on the office leaves the 一级 cell blank below its first row.
        if new_group and previous is not None and group_start < row - 1 and merged_group(previous):
            ws.merge_cells(start_row=group_start, start_column=3, end_row=row - 1, end_column=3)
        if new_group:
            group_start = row
        ws.append(["业务工作实绩" if index == 0 else None, "业务工作指标（19分）" if index == 0 else None,
                   group if new_group else None, name, float(points) if "." in points else int(points), criteria,
                   office, "责任人（示例）", None, None])
        previous = group
    last = start + len(rows) - 1
    if merged_group(previous) and group_start < last:
        ws.merge_cells(start_row=group_start, start_column=3, end_row=last, end_column=3)
    ws.merge_cells(start_row=start, start_column=1, end_row=last, end_column=1)
    ws.merge_cells(start_row=start, start_column=2, end_row=last, end_column=2)
    return wb


def merged_group(group):
    return group[:3] in ("（一）", "（二）", "（三）", "（四）", "（五）")


# ---------------------------------------------------------------- cell types (hand-written XML)
def celltypes(path):
    files = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            '<Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
            '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            '</Types>',
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
            '</Relationships>',
        "xl/workbook.xml": '<?xml version="1.0" encoding="UTF-8"?>'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<sheets><sheet name="封面" sheetId="1" r:id="rId1"/><sheet name="数据" sheetId="2" r:id="rId2"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet2.xml"/>'
            '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
            '<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
            '</Relationships>',
        "xl/sharedStrings.xml": '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="3" uniqueCount="3">'
            '<si><t>封面</t></si>'
            '<si><r><rPr><b/></rPr><t>评分</t></r><r><t xml:space="preserve">标准 </t></r></si>'
            '<si><t>晋江</t><rPh sb="0" eb="2"><t>ジンジャン</t></rPh></si>'
            '</sst>',
        "xl/styles.xml": '<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts>'
            '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
            '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
            '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
            '<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
            '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
            '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
            '<xf numFmtId="2" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
            '</styleSheet>',
        "xl/worksheets/sheet1.xml": '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>',
        "xl/worksheets/sheet2.xml": '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            '<sheetData>'
            '<row r="1"><c r="A1" t="s"><v>1</v></c><c r="B1" t="s"><v>2</v></c>'
            '<c r="C1" t="inlineStr"><is><r><t>行内</t></r><r><rPr><i/></rPr><t>文字</t></r></is></c></row>'
            '<row r="2"><c r="A2"><v>0.1</v></c><c r="B2"><v>1E-3</v></c><c r="C2"><v>0.30000000000000004</v></c>'
            '<c r="D2" s="3"><v>2.5</v></c><c r="E2"><v>-12</v></c></row>'
            '<row r="3"><c r="A3" t="b"><v>1</v></c><c r="B3" t="b"><v>0</v></c><c r="C3" t="e"><v>#DIV/0!</v></c>'
            '<c r="D3" t="str"><f>A1&amp;"x"</f><v>公式结果</v></c><c r="E3"><f>A2*2</f><v>0.2</v></c></row>'
            '<row r="4"><c r="A4" s="1"><v>43699</v></c><c r="B4" s="2"><v>43699</v></c><c r="C4" s="1"><v>43699.5</v></c></row>'
            '<row r="6"><c r="B6" t="inlineStr"><is><t>第六行</t></is></c></row>'
            '</sheetData><mergeCells count="1"><mergeCell ref="B6:C7"/></mergeCells></worksheet>',
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            info = zipfile.ZipInfo(name, date_time=(2021, 12, 24, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text.encode("utf-8"))


def scores_wide():
    wb = Workbook()
    ws = wb.active
    ws.title = "得分"
    ws.append(["2020年度测试考核得分表"])
    ws.merge_cells("A1:D1")
    ws.append(["单位", "A", "按期报送", "备注"])
    ws.append(["甲单位", 4, 5.5, None])
    ws.append(["beta", 0, 6, None])
    ws.append(["丙单位", 4, None, None])
    return wb


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    save(seed004(), "seed004-kaopingbiao.xlsx")
    save(seed004(bad_points=True), "seed004-bad-points.xlsx")
    save(seed001(), "seed001-kaohebiao.xlsx")
    save(seed001(wrong_total=True), "wrong-total.xlsx")
    save(scores_wide(), "scores-wide.xlsx")
    celltypes(os.path.join(OUT, "celltypes.xlsx"))
    print("fixtures written to", OUT)
