"""Competency questions of shared/design/COMPETENCY.md, answered by named queries and the network API.

Every expected answer below was read off the source documents by a person; the
locator it was read from stands beside it. Where the graph may rightly hold more
than one passage says (other sources add rows), the test pins the rows of that
passage with a restriction to its source or a subset check, and says so.
"""

import pandas as pd

from kg.network import bridges, chains
from kg.queries import query, run

CAICT = "caict-2021"


def _by_role(frame, case):
    rows = frame[frame["case"] == case]
    grouped = {}
    for role, who in zip(rows["role"], rows["participant"], strict=False):
        grouped.setdefault(role, set()).add(who)
    return grouped


# ---------------------------------------------------------------- CQ01 patterns, cases, participants, roles


def test_cq01_every_pattern_has_its_two_cases(graph):
    # 三（一）–（六）: two cases per pattern, twelve in all.
    frame = run(graph, "cq01-pattern-participants")
    cases = frame.groupby("pattern")["case"].nunique().to_dict()
    assert cases == {
        "gradient_transfer": 2,
        "industrial_enclave": 2,
        "point_axis_linkage": 2,
        "block_synergy": 2,
        "regional_growth_pole": 2,
        "multipolar_network": 2,
    }
    assert (frame["source"] == CAICT).all()
    assert frame.locator.str.match(r"^(三|表[456]|图([6-9]|1[0-4]))").all()  # all inside section 三


def test_cq01_pattern_by_its_chinese_name(graph):
    # 三（二）: 产业飞地 is the industrial-enclave pattern; its two cases are 上海 (工业互联网) and 浙江 (电子商务).
    frame = run(graph, "cq01-pattern-participants", pattern="产业飞地")
    assert set(frame["case"]) == {"上海工业互联网产业飞地模式", "浙江电子商务产业飞地模式"}
    assert frame.equals(run(graph, "cq01-pattern-participants", pattern="industrial_enclave"))


def test_cq01_electronics_gradient_tiers(graph):
    # 三（一）1 and 图6: 第一梯度 上海, 杭州, 南京, 苏州; 第二梯队 宁波, 无锡, 扬州, 湖州;
    # 第三梯队 永州, 华蓥, 黄石开发区, 萍乡, 九江. Each tier also takes part as a group, under its printed name.
    roles = _by_role(run(graph, "cq01-pattern-participants", pattern="gradient_transfer"), "长三角电子信息产业梯度转移")
    assert roles["tier1"] == {"电子信息产业第一梯度", "上海市", "杭州市", "南京市", "苏州市"}
    assert roles["tier2"] == {"电子信息产业第二梯队", "宁波市", "无锡市", "扬州市", "湖州市"}
    assert {r.removesuffix("市") for r in roles["tier3"]} == {
        "电子信息产业第三梯队",
        "永州",
        "华蓥",
        "黄石开发区",
        "萍乡",
        "九江",
    }


def test_cq01_enclaves_hosts_and_operators(graph):
    # 三（二）1: 星云智汇 with 重庆璧山区 and 河南许昌; xIn³Plat in 南京雨花台区.
    # 三（二）2: 阿里巴巴 with 菏泽, 邢台南和县, 重庆两江新区, 东莞, 汕头, 西宁 (and R&D firms in 北京, 广东).
    frame = run(graph, "cq01-pattern-participants", pattern="industrial_enclave")
    shanghai = _by_role(frame, "上海工业互联网产业飞地模式")
    assert shanghai["host_region"] == {"璧山区", "许昌市", "雨花台区"}
    assert shanghai["operator"] == {"星云智汇工业互联网平台", "xIn³Plat工业互联网平台"}
    assert shanghai["home_region"] == {"上海市"}
    zhejiang = _by_role(frame, "浙江电子商务产业飞地模式")
    assert zhejiang["operator"] == {"阿里巴巴"}
    assert {"菏泽市", "南和县", "两江新区", "东莞市", "汕头市", "西宁市"} <= zhejiang["host_region"]
    assert zhejiang["host_region"] <= {"菏泽市", "南和县", "两江新区", "东莞市", "汕头市", "西宁市", "北京市", "广东省"}


def test_cq01_point_axis_axes(graph):
    # 三（三）1: axis carriers 张江人工智能岛, 西岸智慧谷, 马桥人工智能创新试验区;
    #   nodes include 嘉定, 青浦, 杨浦, 浦东, 闵行.
    # 三（三）2: 一谷两园 = 中国（南京）软件谷, 南京软件园（江北新区）, 江苏软件园（江宁开发区）;
    #   nodes 徐庄, 江东, 新城, 幸庄 (特色软件园区). Each set also takes part as a group.
    frame = run(graph, "cq01-pattern-participants", pattern="point_axis_linkage")
    shanghai = _by_role(frame, "上海人工智能产业“人形分布、多点联动”")
    assert shanghai["axis_carrier"] == {
        "上海人工智能产业轴线区域",
        "张江人工智能岛",
        "西岸智慧谷",
        "马桥人工智能创新试验区",
    }
    assert {"嘉定区", "青浦区", "杨浦区", "浦东新区", "闵行区"} <= shanghai["node"]
    nanjing = _by_role(frame, "南京软件和信息服务业“T形分布，多点联动”")
    assert nanjing["axis_carrier"] == {"南京“一谷两园”", "中国（南京）软件谷", "南京软件园", "江苏软件园"}
    assert nanjing["node"] == {"南京特色软件园区", "徐庄软件园", "江东软件城", "新城科技园", "幸庄科技产业园"}


def test_cq01_poles(graph):
    # 三（五）1: exchanges in 盐城 (华东江苏), 静安 (上海), 桐乡乌镇 (浙江), 淮南 (安徽).
    # 三（五）2 and 表6: the governance platforms of the four provinces.
    frame = run(graph, "cq01-pattern-participants", pattern="regional_growth_pole")
    exchanges = _by_role(frame, "长三角大数据交易中心极核发展")
    assert exchanges["pole_region"] == {"盐城市", "静安区", "桐乡市", "淮南市"}
    assert len(exchanges["pole"]) == 4
    governance = _by_role(frame, "长三角城市数字化治理极核发展")
    assert governance["pole_region"] == {"上海市", "浙江省", "江苏省", "安徽省"}
    assert {"浙江政务服务网", "江苏政务服务网", "皖事通办"} <= governance["pole"]


def test_cq01_one_super_many_strong(graph):
    # 三（六）1: 一超 上海; 多强 杭州, 宁波, 南京, 苏州, 无锡, 合肥, 芜湖.
    roles = _by_role(
        run(graph, "cq01-pattern-participants", pattern="multipolar_network"), "长三角“一超多强”数字经济总体格局"
    )
    # The two levels also take part as groups.
    assert roles["super_pole"] == {"上海市", "长三角“一超多强”之“一超”"}
    assert roles["strong_pole"] == {
        "杭州市",
        "宁波市",
        "南京市",
        "苏州市",
        "无锡市",
        "合肥市",
        "芜湖市",
        "长三角“一超多强”之“多强”",
    }


# ---------------------------------------------------------------- CQ02 chains


def _hop_documents(chain):
    return {(e.document.rsplit("/", 1)[1], e.locator) for hop in chain.hops for e in hop}


def test_cq02_shanghai_to_suzhou_anhui(network):
    # 三（一）2: 皖北 takes in industry from 沪苏浙; 宿州 is one of the six 皖北 cities.
    best = chains(network, "上海", "宿州", k=5)
    assert [network.nodes[n]["label_zh"] for n in best[0].nodes] == ["上海市", "皖北", "宿州市"]
    assert [e.relation for hop in best[0].hops for e in hop] == ["transfersIndustryTo", "memberOf"]
    assert _hop_documents(best[0]) == {(CAICT, "三（一）2")}
    assert all(e.locator for c in best for hop in c.hops for e in hop)


def test_cq02_shanghai_to_jiujiang(network):
    # 三（一）1: 上海 is in the first tier, 九江 in the third of the same gradient; the delta passes projects to 九江.
    best = chains(network, "上海", "九江", k=5)
    assert best[0].length == 2
    middles = {network.nodes[c.nodes[1]]["label_zh"] for c in best if c.length == 2}
    assert {"长三角电子信息产业梯度转移", "长三角"} <= middles
    assert all(
        doc == CAICT and loc.startswith("三（一）1") or loc == "一（一）"
        for c in best
        if c.length == 2
        for doc, loc in _hop_documents(c)
    )


def test_cq02_named_query_agrees(graph):
    frame = run(graph, "cq02-cooperation-chains", **{"from": "上海", "to": "宿州"})
    assert ("皖北", "transfersIndustryTo", "memberOf") in set(
        zip(frame["via"], frame["relation1"], frame["relation2"], strict=True)
    )


# ---------------------------------------------------------------- CQ03 parks or districts by industry


def test_cq03_big_data_in_hefei(graph):
    # 表4: 庐阳区 大数据产业园, 蜀山区 大数据小镇, 包河区 滨湖金融大数据中心. The generic names of the parks are
    # place-qualified in the labels and kept as printed in the aliases.
    frame = run(graph, "cq03-carriers-by-industry", industry="大数据", city="合肥")
    assert set(frame["place"]) == {
        "庐阳区",
        "庐阳大数据产业园",
        "蜀山区",
        "蜀山大数据小镇",
        "包河区",
        "滨湖金融大数据中心",
    }
    aliases = graph.query(
        "SELECT ?a WHERE { ?p skos:altLabel ?a ; kg:locatedIn/kg:partOf yrd:hefei FILTER (lang(?a) = 'zh') }"
    )
    assert {"大数据产业园", "大数据小镇"} <= set(aliases["a"])


def test_cq03_ai_in_hefei_and_suzhou(graph):
    # 表4: 高新区 人工智能产业高地; 表5: 苏州工业园区 lists 人工智能; 三（四）2: 姑苏北部经济区数字经济产业园 人工智能.
    assert set(run(graph, "cq03-carriers-by-industry", industry="人工智能", city="合肥")["place"]) == {"合肥高新区"}
    assert set(run(graph, "cq03-carriers-by-industry", industry="人工智能", city="苏州")["place"]) == {
        "苏州工业园区",
        "姑苏北部经济区数字经济产业园",
    }


def test_cq03_carriers_of_a_municipality(graph):
    # 三（三）1: the axis carriers of Shanghai's AI industry are 张江人工智能岛, 西岸智慧谷 and
    # 马桥人工智能创新试验区 (上海 is a province-level municipality: no prefecture-level city between).
    frame = run(graph, "cq03-carriers-by-industry", industry="人工智能", city="上海")
    rows = {(r.place, r.region, r.source, r.locator) for r in frame.itertuples()}
    for carrier in ("张江人工智能岛", "西岸智慧谷", "马桥人工智能创新试验区"):
        assert (carrier, "上海市", CAICT, "三（三）1") in rows
    kinds = dict(zip(frame["place"], frame["kind"], strict=True))
    assert kinds["张江人工智能岛"] == "innovation_platform"  # its controlled kind (carriers.csv), not the class
    assert "Carrier" not in set(frame["kind"])


def test_cq03_scope_keeps_the_delta_unless_widened(graph):
    # huaxin-2025 专栏7: 深圳 opened an AI section on its “深i企” platform; 深圳 is not in the delta, so the
    # default scope leaves it out and scope=all brings it in.
    default = run(graph, "cq03-carriers-by-industry", industry="人工智能")
    widened = run(graph, "cq03-carriers-by-industry", industry="人工智能", scope="all")
    assert "深圳市" not in set(default["region"])
    assert ("“深i企”平台", "深圳市", "huaxin-2025", "专栏7") in {
        (r.place, r.region, r.source, r.locator) for r in widened.itertuples()
    }
    assert set(default["place"]) < set(widened["place"])


# ---------------------------------------------------------------- CQ05 places outside the delta


def test_cq04_digital_economy_share_of_gdp_targets(graph):
    # caict-2021 一（二）(national 14th FYP: core industries 10% by 2025), 四（一） text (上海 >80% by 2035,
    # 浙江 ~60% by 2025, 合肥 >50% by 2025, 包河区 >=60% within three years, no year), 表7 (江苏 >10%, 浙江 15%,
    # 南京 56%, 合肥 >45% by 2022, 宁波 >45%, 温州 50%). 表1's energy use per unit of GDP is not such a target.
    frame = query("cq04-share-of-gdp-targets", graph=graph)
    rows = {(r.subject, r.value, r.comparator, None if pd.isna(r.year) else int(r.year)) for r in frame.itertuples()}
    assert rows == {
        ("上海市", 80.0, "gt", 2035),
        ("浙江省", 60.0, "about", 2025),
        ("浙江省", 15.0, "eq", 2025),
        ("江苏省", 10.0, "gt", 2025),
        ("中国", 10.0, "eq", 2025),
        ("南京市", 56.0, "eq", 2022),
        ("合肥市", 50.0, "gt", 2025),
        ("合肥市", 45.0, "gt", 2022),
        ("宁波市", 45.0, "gt", 2022),
        ("温州市", 50.0, "eq", 2022),
        ("包河区", 60.0, "ge", None),
    }


def test_cq05_outside_places_and_their_ties(graph):
    # 三（一）1: 永州, 华蓥, 萍乡, 九江 (tier 3); 三（二）1: 璧山区, 许昌;
    # 三（二）2: 菏泽, 南和县, 两江新区, 东莞, 汕头, 西宁.
    frame = run(graph, "cq05-places-outside-delta")
    places = set(frame["place"])
    assert {
        "永州市",
        "华蓥市",
        "萍乡市",
        "九江市",
        "璧山区",
        "许昌市",
        "菏泽市",
        "南和县",
        "两江新区",
        "东莞市",
        "汕头市",
        "西宁市",
    } <= places
    assert not places & {"上海市", "合肥市", "苏州市", "雨花台区", "长三角"}
    xining = frame[frame["place"] == "西宁市"]
    assert ("operatesEnclaveIn", "阿里巴巴") in set(zip(xining["link"], xining["partner"], strict=False))


def test_cq05_links_read_in_the_direction_of_the_fact(graph):
    # 三（一）1: the delta (长三角) passes electronics industry on to 九江 — 长三角 transfersIndustryTo 九江,
    # so for the place 九江 the fact comes in; 九江 itself takes part in the case as a tier-3 city (out).
    frame = run(graph, "cq05-places-outside-delta")
    jiujiang = {(r.direction, r.link, r.partner) for r in frame[frame["place"] == "九江市"].itertuples()}
    assert ("in", "transfersIndustryTo", "长三角") in jiujiang
    assert ("out", "participant: tier3", "长三角电子信息产业梯度转移") in jiujiang
    # 三（二）2: 阿里巴巴 operates the enclave in 西宁: the fact reads 阿里巴巴 → 西宁 (in, for 西宁).
    xining = frame[(frame["place"] == "西宁市") & (frame["link"] == "operatesEnclaveIn")]
    assert set(xining["direction"]) == {"in"}


# ---------------------------------------------------------------- CQ06 enclave operators


def test_cq06_alibaba_and_xingyun_hosts(graph):
    # 三（二）1 and 三（二）2, as in CQ01.
    assert set(run(graph, "cq06-enclave-hosts", operator="星云智汇工业互联网平台")["host"]) == {"璧山区", "许昌市"}
    alibaba = set(run(graph, "cq06-enclave-hosts", operator="阿里巴巴")["host"])
    assert {"菏泽市", "南和县", "两江新区", "东莞市", "汕头市", "西宁市"} <= alibaba


# ---------------------------------------------------------------- CQ07 homogeneous clusters


def test_cq07_clusters_shared_by_provinces(graph):
    # csst-2021 ¶8: 上海 集成电路, 人工智能, 智能制造, 互联网; 江苏 电子信息, 智能制造, 卫星导航, 工业控制, 物联网;
    # 安徽 集成电路, 新型显示, 量子通信, 智能语音, 智能终端; 浙江 电子商务, 互联网, 物联网, 云计算, 大数据, 智能通信.
    # Shared: 集成电路 (沪, 皖), 智能制造 (沪, 苏), 互联网 (沪, 浙), 物联网 (苏, 浙).
    frame = graph.query("""
        SELECT ?industry (GROUP_CONCAT(?region; separator="|") AS ?regions) WHERE {
          GRAPH src:csst-2021 { ?r kg:hasClusterIndustry ?i }
          ?i rdfs:label ?industry . ?r rdfs:label ?region FILTER (lang(?industry) = "zh" && lang(?region) = "zh")
        } GROUP BY ?industry HAVING (COUNT(?r) > 1)""")
    shared = {row.industry: set(row.regions.split("|")) for row in frame.itertuples()}
    assert shared == {
        "集成电路": {"上海市", "安徽省"},
        "智能制造": {"上海市", "江苏省"},
        "互联网": {"上海市", "浙江省"},
        "物联网": {"江苏省", "浙江省"},
    }
    named = run(graph, "cq07-shared-industries")
    for industry, regions in shared.items():
        row = named[named["industry"] == industry]
        assert regions <= set(row["regions"].iloc[0].split(", "))


def test_cq07_counts_regions_of_the_delta_by_default(graph):
    # 三（三）1: 上海 builds an AI industry; 四（二）1 / 二（一）: 合肥 and 杭州 name AI among their priorities;
    # huaxin-2025 专栏7: 广东 and its cities 广州, 深圳, 珠海, 佛山, 惠州, 东莞, 中山 lay out AI — outside the delta.
    delta = run(graph, "cq07-shared-industries")
    regions = set(delta[delta["industry"] == "人工智能"]["regions"].iloc[0].split(", "))
    assert {"上海市", "合肥市", "杭州市"} <= regions
    assert not regions & {"广东省", "广州市", "深圳市", "珠海市", "佛山市", "惠州市", "东莞市", "中山市"}
    china = run(graph, "cq07-shared-industries", scope="china")
    wider = set(china[china["industry"] == "人工智能"]["regions"].iloc[0].split(", "))
    assert {"广东省", "广州市", "深圳市", "珠海市", "佛山市", "惠州市", "东莞市", "中山市"} <= wider
    assert run(graph, "cq07-shared-industries", scope="all")["count"].sum() >= china["count"].sum()


def test_cq07_one_level_at_a_time(graph):
    # csst-2021 ¶8: the provinces 上海 and 江苏 both name 智能制造; 上海 and 浙江 both name 互联网.
    provinces = run(graph, "cq07-shared-industries", level="province")
    shared = {row.industry: set(row.regions.split(", ")) for row in provinces.itertuples()}
    assert {"上海市", "江苏省"} <= shared["智能制造"] and {"上海市", "浙江省"} <= shared["互联网"]
    assert all(name.endswith("省") or name == "上海市" for names in shared.values() for name in names)


# ---------------------------------------------------------------- CQ08 plans per year and level


def test_cq08_governance_timeline(graph):
    # 表6 rows that are documents or programmes (platform launches are not): 2012 上海 1; 2013 上海 1; 2014 浙江 1;
    # 2016 上海 1 + 浙江 1; 2018 浙江 1 + 江苏 1; 2019 安徽 1; 2020 安徽 1 — all provincial.
    frame = run(graph, "cq08-plans-per-year", level="provincial")
    counts = dict(zip(frame["year"], frame["count"], strict=False))
    for year, least in {2012: 1, 2013: 1, 2014: 1, 2016: 2, 2018: 2, 2019: 1, 2020: 1}.items():
        assert counts.get(year, 0) >= least, year


def test_cq08_national_policies_of_2025(graph):
    # huaxin-2025 一（三）/一（四）: 2025 national documents include
    # 《2025年数字经济发展工作要点》 (2025-04) and the two public-data documents of 2025-01.
    frame = run(graph, "cq08-plans-per-year", level="national")
    assert dict(zip(frame["year"], frame["count"], strict=False))[2025] >= 3


# ---------------------------------------------------------------- CQ09 the digital trunk line


def test_cq09_tiers_and_stages(graph):
    # qingpu-2022 五（一）–（四）: 数字天元 青浦区 (with 青浦新城);
    # 数字三体 一体化示范区 with 西岑科创中心, 吴江经济开发区, 祥符荡创新中心; 数字星座 长三角;
    # 数字星云 长江经济带, 全国, “一带一路”.
    # 八（一）–（三）: α 2022~2023 5000亿级 (青浦 2000亿左右); β 2024~2025 7000 (3000); γ 2026~2027 10000 (4000).
    frame = run(graph, "cq09-trunk-line-layout")
    tiers = frame[frame["part"] == "tier"]
    members = {}
    for tier, member in zip(tiers["partName"], tiers["member"], strict=False):
        members.setdefault(tier, set()).add(member)
    assert members["数字天元"] == {"青浦区", "青浦新城"}
    assert members["数字三体"] == {
        "长三角生态绿色一体化发展示范区",
        "青浦西岑科创中心",
        "吴江经济开发区",
        "嘉善祥符荡创新中心",
    }
    assert members["数字星座"] == {"长三角"}
    assert members["数字星云"] == {"长江经济带", "中国", "“一带一路”沿线国家和地区"}
    stages = frame[frame["part"] == "stage"]
    got = set(
        zip(stages["start"], stages["end"], stages["subject"], stages["value"], stages["comparator"], strict=True)
    )
    assert got == {
        (2022, 2023, "数字三体", 5000.0, "ge"),
        (2022, 2023, "青浦区", 2000.0, "about"),
        (2024, 2025, "数字三体", 7000.0, "ge"),
        (2024, 2025, "青浦区", 3000.0, "about"),
        (2026, 2027, "数字三体", 10000.0, "ge"),
        (2026, 2027, "青浦区", 4000.0, "about"),
    }
    assert set(stages["unit"]) == {"cny_100m"}


# ---------------------------------------------------------------- CQ10 everything about an entity


def test_cq10_facts_about_hefei_hitech_zone_cite_sources(graph):
    # 表4: 高新区 belongs to the development-zone block and focuses on 人工智能.
    frame = run(graph, "cq10-entity-facts", entity="合肥高新区")
    rows = set(zip(frame["direction"], frame["predicate"], frame["value"], frame.locator, strict=False))
    assert ("out", "focusesOn", "人工智能", "表4") in rows
    assert ("out", "memberOf", "开发区承载核心驱动", "表4") in rows
    assert frame["source"].notna().all() and frame.locator.notna().all()


def test_cq10_figures_and_participations_in_columns(graph):
    # 表7: 南京 aims at core digital industries of 1.5 万亿 in 2022 (南京市数字经济发展三年行动计划（2020-2022）).
    frame = run(graph, "cq10-entity-facts", entity="南京")
    figures = frame[frame["predicate"] == "figureOf"]
    core = figures[figures["indicator"] == "数字经济核心产业规模"].iloc[0]
    assert (core.value, core.unit, core.comparator, core.year, core.kind) == (1.5, "cny_trillion", "eq", 2022, "target")
    assert (core.source, core.locator) == (CAICT, "表7")
    assert not figures["value"].astype(str).str.contains("/id/").any()
    # 三（一）1 and 图6: 九江 is in the third tier of the electronics gradient.
    jiujiang = run(graph, "cq10-entity-facts", entity="九江")
    taking_part = jiujiang[jiujiang["predicate"] == "participant"]
    assert set(zip(taking_part["value"], taking_part["role"], strict=True)) == {("长三角电子信息产业梯度转移", "tier3")}


# ---------------------------------------------------------------- CQ11 policies of 国家数据局


def test_cq11_national_data_administration(graph):
    # huaxin-2025 一（三）, 一（四): 2023-12 《“数据要素×”三年行动计划（2024—2026年）》;
    # 2024-11 《可信数据空间发展行动计划（2024—2028年）》; 2024-12 《关于促进企业数据资源开发利用的意见》;
    # 2025-01 《公共数据资源登记管理暂行办法》 and 《公共数据资源授权运营实施规范（试行）》 with 国家发展改革委;
    # 2025-04 《2025年数字经济发展工作要点》 with 国家发展改革委.
    frame = run(graph, "cq11-policies-issued-by")
    rows = zip(frame["policy"], frame["issued"], frame["issuers"], strict=True)
    got = {(p, d, frozenset(i.split(", "))) for p, d, i in rows}
    nda, both = frozenset({"国家数据局"}), frozenset({"国家数据局", "国家发展改革委"})
    assert {
        ("“数据要素×”三年行动计划（2024—2026年）", "2023-12", nda),
        ("可信数据空间发展行动计划（2024—2028年）", "2024-11", nda),
        ("关于促进企业数据资源开发利用的意见", "2024-12", nda),
        ("公共数据资源登记管理暂行办法", "2025-01", both),
        ("公共数据资源授权运营实施规范（试行）", "2025-01", both),
        ("2025年数字经济发展工作要点", "2025-04", both),
    } <= got


def test_cq11_issuers_from_two_sources_stay_on_two_rows(graph):
    # qingpu-2022 一（一）: the 干线 plan carries out 国务院's 《“十四五”数字经济发展规划》;
    # huaxin-2025 一（三）: 国家发展改革委 issued 《“十四五”数字经济发展规划》 in 2022-01.
    # Each row cites its own source.
    frame = run(graph, "cq11-policies-issued-by", issuer="国务院")
    plan = frame[frame["policy"] == "“十四五”数字经济发展规划"]
    assert set(zip(plan["issuers"], plan["source"], plan["locator"], strict=True)) == {
        ("国务院", "qingpu-2022", "一（一）"),
        ("国家发展改革委", "huaxin-2025", "一（三）"),
    }


# ---------------------------------------------------------------- CQ12 bridges


def test_cq12_enclave_operators_bridge_provinces(network):
    # 三（二）2: 阿里巴巴 (浙江 case) ties 山东 (菏泽), 河北 (南和), 重庆 (两江), 广东 (东莞, 汕头), 青海 (西宁);
    # 三（二）1: 星云智汇 ties 重庆 (璧山) and 河南 (许昌).
    rows = {r["label_zh"]: r for r in bridges(network, top=network.number_of_nodes())}
    assert {"山东省", "河北省", "重庆市", "广东省", "青海省"} <= set(rows["阿里巴巴"]["provinces"])
    assert {"重庆市", "河南省"} <= set(rows["星云智汇工业互联网平台"]["provinces"])
    assert rows["阿里巴巴"]["score"] > 0 and rows["阿里巴巴"]["method"] == "exact"


def test_cq12_named_query_lists_cross_province_ties(graph):
    frame = run(graph, "cq12-cross-province-ties")
    pairs = set(zip(frame["from"], frame["to"], frame.relation, strict=False))
    # caict-2021 三（一）2: 皖北 takes industries moved from 沪苏浙; 四（二）3: the 漕河泾 development zone's 海宁
    # branch and the 嘉定工业区 温州 park, Shanghai's zones operated in Zhejiang.
    assert {
        ("上海市", "皖北", "transfersIndustryTo"),
        ("江苏省", "皖北", "transfersIndustryTo"),
        ("浙江省", "皖北", "transfersIndustryTo"),
        ("上海漕河泾新兴技术开发区", "海宁市", "operatesEnclaveIn"),
        ("嘉定工业区", "温州市", "operatesEnclaveIn"),
    } <= pairs
    # By default both provinces lie in the delta (沪苏浙皖).
    assert set(frame.fromProvince) | set(frame.toProvince) <= {"上海市", "江苏省", "浙江省", "安徽省"}


def test_cq12_scope_all_adds_ties_beyond_the_delta(graph):
    # huaxin-2025 专栏3: 重庆 schedules spare computing power from 川、云、贵、甘、宁、疆 (none of them in the delta).
    frame = run(graph, "cq12-cross-province-ties", scope="all")
    pairs = set(zip(frame.fromProvince, frame.toProvince, strict=False))
    assert ("云南省", "重庆市") in pairs
    assert len(frame) > len(run(graph, "cq12-cross-province-ties"))


# ---------------------------------------------------------------- CQ13 figures by subject, indicator, year, kind, plan


def test_cq13_nanjing_targets_for_2022(graph):
    # 表7: 南京, from 南京市数字经济发展三年行动计划（2020-2022）, for 2022: 数字经济增加值 10000 亿,
    # 数字经济 GDP 占比 56%, 数字经济核心产业 1.5 万亿.
    frame = run(graph, "cq13-figures", subject="南京", year="2022", kind="target")
    rows = {(r.value, r.unit, r.comparator, r.year, r.kind) for r in frame.itertuples()}
    assert rows == {
        (10000.0, "cny_100m", "eq", 2022, "target"),
        (56.0, "percent", "eq", 2022, "target"),
        (1.5, "cny_trillion", "eq", 2022, "target"),
    }
    assert set(frame["setBy"]) == {"南京市数字经济发展三年行动计划（2020-2022）"} and set(frame["source"]) == {CAICT}
    assert all("表7" in locator for locator in frame["locator"])
    by_plan = run(graph, "cq13-figures", plan="南京市数字经济发展三年行动计划（2020-2022）")
    assert rows == {(r.value, r.unit, r.comparator, r.year, r.kind) for r in by_plan.itertuples()}


def test_cq13_indicator_text_in_either_language(graph):
    # 表7: 合肥 aims at a digital-economy share of GDP above 45% by 2022 and above 50% by 2025.
    zh = run(graph, "cq13-figures", subject="合肥", text="GDP", kind="target")
    en = run(graph, "cq13-figures", subject="合肥", text="share of gdp", kind="target", lang="en")
    assert {(r.value, r.comparator, r.year) for r in zh.itertuples()} >= {(45.0, "gt", 2022), (50.0, "gt", 2025)}
    assert len(en) == len(zh)


def test_cq13_stage_targets_of_the_trunk_line(graph):
    # qingpu-2022 八（一）–（三）: 数字三体 output 5000亿级 (2022~2023), 7000 (2024~2025), 10000 (2026~2027).
    frame = run(graph, "cq13-figures", subject="数字三体", document="qingpu-2022")
    assert {(r.value, r.unit, r.comparator) for r in frame.itertuples()} == {
        (5000.0, "cny_100m", "ge"),
        (7000.0, "cny_100m", "ge"),
        (10000.0, "cny_100m", "ge"),
    }


# ---------------------------------------------------------------- CQ14 what a plan sets out


def test_cq14_trunk_line_contents_in_document_order(graph):
    # qingpu-2022 五（一）–（四）: the four tiers 数字天元, 数字三体, 数字星座, 数字星云;
    # 八（一）–（三）: the stages α (2022~2023), β (2024~2025), γ (2026~2027); 十（一）–（四）: the measures close it.
    frame = run(graph, "cq14-plan-contents", plan="长三角数字干线发展规划纲要")
    tiers = frame[frame["kind"] == "spatial_tier"]
    assert list(zip(tiers["element"], tiers["locator"], strict=True)) == [
        ("数字天元", "五（一）"),
        ("数字三体", "五（二）"),
        ("数字星座", "五（三）"),
        ("数字星云", "五（四）"),
    ]
    stages = run(graph, "cq14-plan-contents", plan="yrd-digital-trunk-line-outline", kind="stage")
    assert list(zip(stages["element"], stages["start"], stages["end"], strict=True)) == [
        ("α版本", 2022, 2023),
        ("β版本", 2024, 2025),
        ("γ版本", 2026, 2027),
    ]
    sections = [locator.split("（")[0] for locator in frame["locator"]]
    order = "一二三四五六七八九十"
    assert [order.index(s) for s in sections] == sorted(order.index(s) for s in sections)  # 十 comes last
    # 五（一）: the 数字枢纽 of 数字天元 is opening, innovation, transport ... hubs, under their parent.
    hubs = frame[frame["parent"] == "数字枢纽"]
    assert hubs["element"].tolist()[:3] == ["开放枢纽", "创新枢纽", "交通枢纽"] and set(hubs["depth"]) == {2}


# ---------------------------------------------------------------- CQ15 policy timeline


def test_cq15_national_policies_of_2025_with_their_issuers(graph):
    # huaxin-2025 一（四）: 2025-01 《公共数据资源登记管理暂行办法》 and 《公共数据资源授权运营实施规范（试行）》,
    # 一（三）: 2025-04 《2025年数字经济发展工作要点》 — each by 国家数据局 with 国家发展改革委.
    frame = run(graph, "cq15-policy-timeline", level="national", year="2025", issuer="国家数据局")
    rows = {(r.issued, r.policy, r.issuerName, r.issuerLocator) for r in frame.itertuples()}
    assert rows == {
        ("2025-01", "公共数据资源登记管理暂行办法", "国家数据局", "一（四）"),
        ("2025-01", "公共数据资源登记管理暂行办法", "国家发展改革委", "一（四）"),
        ("2025-01", "公共数据资源授权运营实施规范（试行）", "国家数据局", "一（四）"),
        ("2025-01", "公共数据资源授权运营实施规范（试行）", "国家发展改革委", "一（四）"),
        ("2025-04", "2025年数字经济发展工作要点", "国家数据局", "一（三）"),
        ("2025-04", "2025年数字经济发展工作要点", "国家发展改革委", "一（三）"),
    }
    assert frame["issued"].is_monotonic_increasing


def test_cq15_document_number_and_period(graph):
    # qingpu-2022 (head of the notice): 青府发〔2022〕13号, issued by 上海市青浦区人民政府 on 2022-02-21.
    frame = run(graph, "cq15-policy-timeline", year="2022")
    outline = frame[frame["policy"] == "长三角数字干线发展规划纲要"]
    assert set(outline["documentNumber"]) == {"青府发〔2022〕13号"}
    assert set(outline["issued"]) == {"2022-02-21"}


# ---------------------------------------------------------------- CQ16 groups and members


def test_cq16_six_cities_of_northern_anhui(graph):
    # caict-2021 三（一）2: 皖北6市 are 淮北, 亳州, 宿州, 蚌埠, 阜阳 and 淮南 (one park chosen in each).
    frame = run(graph, "cq16-group-members", group="皖北6市")
    assert set(frame["memberName"]) == {"淮北市", "亳州市", "宿州市", "蚌埠市", "阜阳市", "淮南市"}
    assert set(zip(frame["source"], frame["locator"], strict=True)) == {(CAICT, "三（一）2")}
    assert "皖北6市" in set(run(graph, "cq16-group-members", member="宿州")["groupName"])
