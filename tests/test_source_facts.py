"""The data slice says what the source says. Expected rows were read off the CAICT 2021
report (seeds/000_bb87197bc06827bb.txt) by a person; the locator is noted beside each."""

import pytest

from kg.store import from_tables

pytestmark = pytest.mark.slow  # reads the real data


@pytest.fixture(scope="module")
def graph():
    return from_tables()


def _pairs(frame):
    return {tuple(row) for row in frame.itertuples(index=False)}


def test_hefei_blocks_and_their_functions(graph):
    # 表4 合肥数字经济板块协同发展: each 区（市、县） with its 重点发展方向.
    expected = {
        ("高新区", "人工智能产业高地"),
        ("经开区", "传统产业数字化转型"),
        ("新站区", "“芯屏器合”新型显示产业"),
        ("安巢经开区", "电商产业集群"),
        ("瑶海区", "物联网科技产业园"),
        ("庐阳区", "大数据产业园"),
        ("蜀山区", "大数据小镇"),
        ("包河区", "滨湖金融大数据中心"),
        ("肥东县", "机器人小镇"),
        ("肥西县", "智能制造"),
        ("长丰县", "智能家居"),
        ("庐江县", "“数字+”农业创新应用"),
        ("巢湖市", "“数字+”文旅发展"),
    }
    frame = graph.query("""
        SELECT ?name ?function WHERE {
          ?p kg:inCase yrd:hefei-block-synergy ; kg:role kg:RoleBlock ; kg:participant ?who ; kg:function ?function .
          ?who rdfs:label ?label . FILTER (lang(?label) = "zh" && lang(?function) = "zh")
          ?who kg:memberOf ?group .   # the 13 rows of 表4, not its three groups
          BIND (REPLACE(?label, "^合肥", "") AS ?name)
        }""")
    assert _pairs(frame) == expected


def test_hefei_groups_of_blocks(graph):
    # 表4 first column: 开发区承载核心驱动 (4 rows), 城区聚焦数字服务 (4), 县区推进特色创新 (5).
    # The three blocks are groups that take part in the Hefei case.
    frame = graph.query("""
        SELECT ?group (COUNT(?m) AS ?n) WHERE { ?m kg:memberOf ?g . ?g a kg:Group ; rdfs:label ?group .
          [] kg:inCase yrd:hefei-block-synergy ; kg:participant ?g .
          FILTER (lang(?group) = "zh") } GROUP BY ?group""")
    assert _pairs(frame) == {("开发区承载核心驱动", 4), ("城区聚焦数字服务", 4), ("县区推进特色创新", 5)}


def test_suzhou_main_carrier_of_each_district(graph):
    # 表5 苏州数字经济板块协同发展, column 主要产业载体（园区）: the carriers 表5 locates in each block.
    expected = {
        ("张家港市", "张家港沙洲湖科创园"),
        ("常熟市", "常熟国家大学科技园"),
        ("太仓市", "太仓高新技术产业园"),
        ("昆山市", "昆山花桥国际创新港"),
        ("吴江区", "苏州湾科技城"),
        ("吴中区", "苏州（太湖）软件产业园"),
        ("相城区", "苏州高铁新城数字经济产业园"),
        ("姑苏区", "姑苏北部经济区数字经济产业园"),
        ("苏州工业园区", "苏州国际科技园"),
        ("苏州高新区", "太湖云谷"),
    }
    frame = graph.query("""
        SELECT ?district ?carrier WHERE {
          [] kg:inCase yrd:suzhou-block-synergy ; kg:role kg:RoleBlock ; kg:participant ?d .
          ?c a kg:Carrier ; kg:locatedIn ?d ; rdfs:label ?carrier . ?d rdfs:label ?district .
          ?c ^rdf:subject [ rdf:predicate rdf:type ; kg:locator ?where ] FILTER (CONTAINS(?where, "表5"))
          FILTER (lang(?carrier) = "zh" && lang(?district) = "zh") }""")
    assert _pairs(frame) == expected


def test_suzhou_industrial_park_directions(graph):
    # 表5 row 苏州工业园区 lists 13 directions, among them 人工智能 (the only row that does).
    frame = graph.query("SELECT ?i WHERE { yrd:suzhou-sip kg:focusesOn ?i }")
    assert len(frame) == 13
    ai = graph.query(
        "SELECT ?s WHERE { ?s kg:focusesOn yrd:artificial-intelligence ; kg:locatedIn yrd:suzhou-jiangsu }"
    )
    assert list(ai["s"]) == ["https://w3id.org/yrd-de/id/suzhou-sip"]


def test_share_of_gdp_targets(graph):
    # 表7 长三角部分省市数字经济发展目标规划 and 四（一）: (region, value, comparator, year).
    expected = {
        ("中国", 10.0, "eq", 2025),  # 四（一）: the national 14th FYP, core industries from 7.8% to 10%
        ("上海市", 80.0, "gt", 2035),
        ("江苏省", 10.0, "gt", 2025),
        ("浙江省", 15.0, "eq", 2025),
        ("浙江省", 60.0, "about", 2025),  # 四（一）: 60%左右
        ("南京市", 56.0, "eq", 2022),
        ("合肥市", 45.0, "gt", 2022),
        ("合肥市", 50.0, "gt", 2025),
        ("宁波市", 45.0, "gt", 2022),
        ("温州市", 50.0, "eq", 2022),
    }
    frame = graph.query("""
        SELECT ?region ?value ?cmp ?year WHERE {
          GRAPH src:caict-2021 { ?f kg:kind kg:FigureTarget ; kg:unit kg:UnitPercent ; kg:figureOf ?r ;
             kg:value ?value ; kg:comparator ?comparator ; kg:refYear ?year ; kg:indicator ?ind . }
          ?comparator skos:notation ?cmp .
          FILTER (lang(?ind) = "zh" && CONTAINS(?ind, "占"))
          ?r a kg:Region ; rdfs:label ?region FILTER (lang(?region) = "zh") }""")
    assert _pairs(frame) == expected


def test_zhejiang_two_four_five(graph):
    # 三（六）2: 二 = 杭州、宁波; 四 = 嘉兴、温州、金华、湖州; 五 = 舟山、丽水、台州、绍兴、衢州.
    frame = graph.query("""
        SELECT ?role ?city ?type WHERE { [] kg:inCase yrd:zhejiang-2-4-5-network ; kg:role/skos:notation ?role ;
          kg:participant ?p . ?p a ?type ; rdfs:label ?city
          FILTER (lang(?city) = "zh" && ?role != "network_region") }""")
    by_level, groups = {}, {}
    for role, city, kind in frame.itertuples(index=False):
        (groups if kind.endswith("#Group") else by_level).setdefault(role, set()).add(city)
    assert by_level == {
        "level_two": {"杭州市", "宁波市"},
        "level_four": {"嘉兴市", "温州市", "金华市", "湖州市"},
        "level_five": {"舟山市", "丽水市", "台州市", "绍兴市", "衢州市"},
    }
    # Each level is also a group, with the same cities as members.
    assert groups == {
        "level_two": {"浙江“二四五”之“二”"},
        "level_four": {"浙江“二四五”之“四”"},
        "level_five": {"浙江“二四五”之“五”"},
    }
    members = graph.query("""
        SELECT ?level ?city WHERE { ?c kg:memberOf ?g . ?g a kg:Group ; rdfs:label ?level . ?c rdfs:label ?city
          FILTER (lang(?level) = "zh" && lang(?city) = "zh" && STRSTARTS(?level, "浙江“二四五”")) }""")
    by_group = {}
    for level, city in members.itertuples(index=False):
        by_group.setdefault(level, set()).add(city)
    assert by_group["浙江“二四五”之“二”"] == by_level["level_two"]
    assert by_group["浙江“二四五”之“五”"] == by_level["level_five"]


def test_wanbei_six_plus_two_platforms(graph):
    # 三（一）2: "6" = 淮北濉溪经开区, 亳州高新区, 宿州高新区, 蚌埠高新区, 阜阳合肥现代产业园（阜阳经开区）, 淮南高新区;
    # "2" = 凤阳经开区, 霍邱经开区.
    frame = graph.query("""
        SELECT ?park WHERE { [] kg:inCase yrd:wanbei-6-2-n-platform ; kg:role kg:RoleReceivingPlatform ;
          kg:participant ?p . ?p a kg:Carrier ; rdfs:label ?park FILTER (lang(?park) = "zh") }""")
    assert set(frame["park"]) == {
        "淮北濉溪经开区",
        "亳州高新区",
        "宿州高新区",
        "蚌埠高新区",
        "阜阳合肥现代产业园（阜阳经开区）",
        "淮南高新区",
        "凤阳经开区",
        "霍邱经开区",
    }
    # The "6" and the "2" are groups with those parks as members; "N" names none.
    groups = graph.query("""
        SELECT ?group (COUNT(?m) AS ?n) WHERE { ?g a kg:Group ; rdfs:label ?group . OPTIONAL { ?m kg:memberOf ?g }
          FILTER (lang(?group) = "zh" && STRSTARTS(?group, "皖北“6+2+N”")) } GROUP BY ?group""")
    assert _pairs(groups) == {("皖北“6+2+N”之“6”", 6), ("皖北“6+2+N”之“2”", 2), ("皖北“6+2+N”之“N”", 0)}


def test_a_fact_answers_where_it_comes_from(graph):
    # 表4: 高新区 重点打造人工智能产业高地.
    frame = graph.query("""
        SELECT ?g ?where WHERE { GRAPH ?g { ?st rdf:subject yrd:hefei-hitech-zone ; rdf:predicate kg:focusesOn ;
          rdf:object yrd:artificial-intelligence ; kg:locator ?where } }""")
    assert _pairs(frame) == {("https://w3id.org/yrd-de/source/caict-2021", "表4")}


def test_data_exchanges_founding_years(graph):
    # 三（五）1: 华东江苏 2015 (盐城), 上海 2016 (静安), 浙江 2016 (桐乡乌镇). (huaxin-2025 专栏5 places the
    # Zhejiang exchange in Hangzhou's 数谷: a second statement, kept in its own graph.)
    frame = graph.query("""
        SELECT ?where ?year WHERE { GRAPH src:caict-2021 { ?x kg:kind kg:CarrierDataExchange ;
          schema:foundingDate ?year ; kg:locatedIn ?w } ?w rdfs:label ?where FILTER (lang(?where) = "zh") }""")
    assert _pairs(frame) == {("盐城市", 2015), ("静安区", 2016), ("乌镇", 2016)}


def test_every_source_file_and_locator_exists_in_the_seeds():
    """Locators point at tables, figures, boxes and sections the cited document really has."""
    import re

    from kg.coverage import source_texts
    from kg.errors import MissingFile
    from kg.tables import load_tables

    try:
        texts = source_texts()
    except MissingFile as absent:
        pytest.skip(str(absent))
    compact = {source: re.sub(r"\s+", "", text) for source, text in texts.items()}
    tables = load_tables()
    checked = 0
    for rows in tables.rows.values():
        for row in rows:
            if row.get("locator") is None:
                continue
            text = compact[row["source"]]
            for part in row["locator"].split("; "):
                numbered = re.fullmatch(r"(表|图|专栏)([0-9]+)", part)
                section = re.match(r"([一二三四五六七八九十]+)(（[一二三四五六七八九十]+）)?", part)
                if numbered:
                    assert part in text, f"{row.table}:{row.line}: {part} not in {row['source']}"
                elif section:
                    assert section.group(1) + "、" in text or section.group(1) + "." in text, (
                        f"{row.table}:{row.line}: section {part} not in {row['source']}"
                    )
                    if section.group(2):
                        assert section.group(2) in text
                elif part.startswith("¶"):
                    assert int(part[1:]) <= len([line for line in texts[row["source"]].splitlines() if line.strip()])
                checked += 1
    assert checked > 400


# ---------------------------------------------------------------- round two: what plans set out, names, groups


def _elements(graph, plan, kind):
    frame = graph.query(f"""
        SELECT ?order ?label WHERE {{ ?e kg:elementOf yrd:{plan} ; kg:kind ?k ; kg:order ?order ; rdfs:label ?label .
          ?k skos:notation "{kind}" FILTER (lang(?label) = "zh") FILTER NOT EXISTS {{ ?e kg:partOfElement [] }} }}
        ORDER BY ?order""")
    return list(frame["label"])


def test_trunk_line_plan_sets_out_its_goals_principles_positionings_functions_and_tasks(graph):
    # qingpu-2022 三（一）–（四） the four 场; 四（一）–（五） the five principles; 六（一）–（五） the five 枢纽;
    # 七（一）–（五） the five core functions; 九（一）–（九） the nine key tasks; 十（一）–（四） the four measures.
    plan = "yrd-digital-trunk-line-outline"
    assert _elements(graph, plan, "goal") == [
        "经济数字化的“引力场”",
        "生活数字化的“全息场”",
        "治理数字化的“网络场”",
        "生态数字化的“试验场”",
    ]
    assert _elements(graph, plan, "principle") == [
        "坚持推进数字生态与自然生态深度融合",
        "坚持推进物理城市与数字城市深度融合",
        "坚持推进产业发展与应用场景深度融合",
        "坚持推进一网通办与一网统管深度融合",
        "坚持推进战略叠加与功能叠加深度融合",
    ]
    assert _elements(graph, plan, "positioning") == [
        "数字要素的集散枢纽",
        "数字空间的链接枢纽",
        "数字产业的集群枢纽",
        "数字场景的应用枢纽",
        "数字一体的创新枢纽",
    ]
    assert _elements(graph, plan, "function") == [
        "要素调配功能",
        "基础支撑功能",
        "服务交易功能",
        "趋势导向功能",
        "制度创新功能",
    ]
    assert _elements(graph, plan, "task") == [
        "完善信息基础设施",
        "推动园区数字化转型",
        "推进数字产业化",
        "加快产业数字化",
        "促进贸易数字化",
        "打造数字化生活",
        "深化数字化治理",
        "构筑数字生态",
        "加强区域数据合作",
    ]
    assert _elements(graph, plan, "measure") == [
        "加强党的集中统一领导",
        "建立工作推进机制",
        "深化国际开放合作",
        "加大宣传推介力度",
    ]
    assert _elements(graph, plan, "stage") == ["α版本", "β版本", "γ版本"]  # 八（一）–（三）


def test_a_csst_proposal_names_the_body_that_should_host_it(graph):
    # csst-2021 ¶12: set up a 数字经济协同发展办公室 within the 长三角区域合作办公室.
    frame = graph.query("""
        SELECT ?element ?body WHERE { ?e kg:elementOf yrd:csst-2021-article ; kg:kind kg:ElementRecommendation ;
          rdfs:label ?element ; kg:mentions/rdfs:label ?body FILTER (lang(?element) = "zh" && lang(?body) = "zh") }""")
    assert ("数字经济协同发展办公室", "长三角区域合作办公室") in set(frame.itertuples(index=False, name=None))


def test_printed_names_resolve_to_their_entity(graph):
    # caict-2021 三（三）2 prints 软件和信息服务业 for the industry labelled 软件和信息技术服务业; 三（一）2 prints
    # 皖北承接产业转移集聚区; 二（四） prints 安徽大数据交易中心 for the Huainan exchange (三（五）1).
    from kg.names import resolve_entity, resolve_industry

    assert resolve_industry(graph, "软件和信息服务业").endswith("/software-it-services")
    assert resolve_entity(graph, "皖北承接产业转移集聚区").endswith("/wanbei-industry-transfer-cluster")
    assert resolve_entity(graph, "安徽大数据交易中心").endswith("/huainan-data-platform")


def test_zhang_2023_is_by_zhang_yan_with_the_yan_of_the_byline(graph):
    # 003 file, line 3: the byline 张岩.
    frame = graph.query("SELECT ?author WHERE { src:zhang-2023 dcterms:creator ?author }")
    assert list(frame["author"]) == ["张岩"]


def test_two_placements_of_the_zhejiang_exchange_are_both_kept_and_reported(graph):
    # caict-2021 三（五）1: 浙江大数据交易中心 in 桐乡乌镇; huaxin-2025 专栏5: gathered in Hangzhou's 数谷.
    from kg.review import conflicts

    rows = conflicts(graph)
    zhejiang = [r for r in rows if r["subject"] == "zhejiang-data-exchange"]
    assert {(r["value_1"], r["source_1"], r["value_2"], r["source_2"]) for r in zhejiang} == {
        ("shugu", "huaxin-2025", "tongxiang-wuzhen", "caict-2021")
    }


def test_figures_name_who_reported_them(graph):
    # huaxin-2025 二（一） footnote [1] 数据来源：国家数据局 (after the 5G base stations); 二（三） [9] 国家统计局
    # (after the digital-culture subclasses whose revenue grew by double digits).
    frame = graph.query("""
        SELECT ?figure ?by WHERE { ?f kg:reportedBy/rdfs:label ?by FILTER (lang(?by) = "zh")
          BIND (STRAFTER(STR(?f), "/id/") AS ?figure) }""")
    reported = dict(frame.itertuples(index=False, name=None))
    assert reported["fig-china-5g-base-stations-2024"] == "国家数据局"
    assert reported["fig-china-digital-culture-subclasses-double-digit"] == "国家统计局"
