"""The research portal (kg site): a page for every thing, cited facts, every link resolving, the same bytes.

Expected facts are read from the sources: 合肥's digital-economy share-of-GDP target for 2025
is "more than 50 %", set by its 2020-2025 plan (caict-2021 四（一） and 表7, titled
长三角部分省市数字经济发展目标规划 in the text); 南和县 (CAICT 三（二）2) is 南和区 in the
current gazetteer, which the graph keeps as an alias.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, parse

from kg.iris import ID, KG, ONTOLOGY_GRAPH, RDF, RDFS, XSD, source_graph, statement
from kg.site import build_site

HEFEI = ID + "hefei"


class _Page(HTMLParser):
    """The links, ids and visible text of one page."""

    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.rows: list[str] = []
        self._row: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        for key, value in attrs:
            if key in ("href", "src") and value is not None:
                self.links.append(value)
            elif key == "id":
                self.ids.add(value)
        if tag == "tr":
            self._row = []

    def handle_endtag(self, tag):
        if tag == "tr" and self._row is not None:
            self.rows.append(" ".join("".join(self._row).split()))
            self._row = None

    def handle_data(self, data):
        if self._row is not None:
            self._row.append(data)


def read_page(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_every_thing_class_and_source_has_a_page_and_its_turtle(graph, site):
    ontology = "<https://w3id.org/yrd-de/graph/ontology>"
    typed = graph.query(f"""SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{
        GRAPH ?g {{ ?s a ?c }} FILTER (?c != rdf:Statement && ?g != {ontology}) }}""")
    individuals = graph.query(f"""SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ GRAPH {ontology} {{
        ?s a ?c . ?c a owl:Class FILTER (STRSTARTS(STR(?c), STR(kg:))) }} }}""")
    classes = graph.query(f"""SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE {{ GRAPH {ontology} {{
        ?c a owl:Class FILTER (STRSTARTS(STR(?c), STR(kg:))) }} }}""")
    things = typed["n"][0] + individuals["n"][0]
    pages = sorted(site.rglob("*.html"))
    assert len(pages) == things + classes["n"][0] + 3  # + home, search, ontology
    for page in pages:
        if page.name not in ("index.html", "search.html"):
            assert page.with_suffix(".ttl").is_file(), page
    assert (site / "id" / "hefei.html").is_file() and (site / "source" / "caict-2021.html").is_file()
    assert (site / "ontology" / "IndustrialEnclave.html").is_file() and (site / "ontology" / "Region.html").is_file()


def test_every_internal_link_and_fragment_resolves(site):
    """Every href and src of every page names a file of the site, and its #fragment an id in that file."""
    pages = {p: read_page(p) for p in site.rglob("*.html")}
    checked, broken, outside = 0, [], []
    for path, page in pages.items():
        for link in page.links:
            parts = urlsplit(link)
            if parts.scheme or link.startswith("//"):
                outside.append((path.name, link))
                continue
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            fragment = unquote(parts.fragment)
            if not target.is_relative_to(site.resolve()) or not target.is_file():
                broken.append((str(path.relative_to(site)), link))
            elif fragment and target.suffix == ".html" and fragment not in pages[target].ids:
                broken.append((str(path.relative_to(site)), link))
            checked += 1
    assert not outside, outside[:10]
    assert not broken, broken[:10]
    assert checked > 50_000


def test_hefei_shows_its_2025_share_of_gdp_target_with_table_7(site):
    page = read_page(site / "id" / "hefei.html")
    row = next(r for r in page.rows if "数字经济总量占GDP比重" in r and " 2025 " in r)
    assert " 50 " in row and ">（超过）" in row and "合肥市数字经济发展规划（2020-2025年）" in row
    assert "表7 长三角部分省市数字经济发展目标规划" in row and "四（一）" in row
    html = (site / "id" / "hefei.html").read_text(encoding="utf-8")
    assert 'href="../source/caict-2021.html#s-表7"' in html
    assert 'href="../id/fig-hefei-de-share-2025.html"' in html or 'href="fig-hefei-de-share-2025.html"' in html


def test_a_plan_page_lists_the_targets_it_sets_with_what_they_are_of(site):
    page = read_page(site / "id" / "hefei-digital-economy-plan-2020.html")
    assert "figure of" in page.rows[0] and "set by" not in page.rows[0]  # the plan itself is not a column
    targets = [r for r in page.rows if r.startswith("数字经济总量占GDP比重")]
    assert len(targets) == 2 and all("合肥市" in r and "表7" in r for r in targets)
    assert " 2025 " in targets[1] and " 50 " in targets[1]


def test_a_page_groups_facts_by_kind_and_links_the_other_end(site):
    html = (site / "id" / "hefei.html").read_text(encoding="utf-8")
    assert 'id="rel-Region"' in html and 'id="rel-Carrier"' in html and 'id="rel-Industry"' in html
    relations = html[html.index('id="relations"') :]
    assert '<a href="anhui.html"><span class="zh">安徽省</span><span class="en">Anhui</span></a>' in relations
    assert 'href="hefei-hitech-zone.html"' in relations  # a carrier located in 合肥 (incoming tie)
    participations = html[html.index('id="participations"') : html.index('id="relations"')]
    assert "合肥数字经济板块协同发展" in participations and "板块所在城市" in participations
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="minimap"' in html
    assert '<image href="../assets/map-delta.svg"' in html and (site / "assets" / "map-delta.svg").is_file()
    assert 'data-network="net-1-data"' in html and 'src="../assets/vis-network.min.js"' in html


def test_a_case_page_lists_participants_roles_and_the_ties_reported_in_it(site):
    html = (site / "id" / "shanghai-industrial-internet-enclave.html").read_text(encoding="utf-8")
    participations = html[html.index('id="participations"') : html.index('id="case-ties"')]
    for name, role in (("上海市", "飞出地"), ("许昌市", "飞入地"), ("星云智汇工业互联网平台", "运营主体")):
        assert re.search(rf"{name}.*?{role}", participations, re.S), name
    assert "飞地运营于" in html[html.index('id="case-ties"') :]


def test_source_page_lists_sections_in_document_order_with_the_facts_citing_each(site):
    from kg.paths import SEEDS_DIR
    from kg.sections import read_sections

    page = read_page(site / "source" / "caict-2021.html")
    html = (site / "source" / "caict-2021.html").read_text(encoding="utf-8")
    keys = [s.key for s in read_sections(SEEDS_DIR / "000_bb87197bc06827bb.txt")]
    assert keys[:4] == ["一", "一（一）", "图1", "表1"]
    positions = [html.index(f'id="s-{key}"') for key in keys]
    assert positions == sorted(positions) and {f"s-{k}" for k in keys} <= page.ids
    table7 = html[html.index('id="s-表7"') : html.index('id="s-四（二）"')]
    assert "长三角部分省市数字经济发展目标规划" in table7 and 'href="../id/fig-hefei-de-share-2025.html"' in table7


def test_ontology_page_describes_every_class_and_property_in_both_languages(graph, site):
    terms = graph.query("""SELECT ?t ?zh ?en WHERE { GRAPH <https://w3id.org/yrd-de/graph/ontology> {
        VALUES ?kind { owl:Class owl:ObjectProperty owl:DatatypeProperty } ?t a ?kind ;
        rdfs:label ?zh , ?en FILTER (lang(?zh) = "zh" && lang(?en) = "en" && STRSTARTS(STR(?t), STR(kg:))) } }""")
    html = (site / "ontology.html").read_text(encoding="utf-8")
    page = read_page(site / "ontology.html")
    assert len(terms) > 50
    for iri, zh, en in terms.itertuples(index=False):
        anchor = iri.rsplit("#", 1)[1]
        assert anchor in page.ids
        entry = html[html.index(f'id="{anchor}"') :][:3000]
        assert zh in entry and en in entry and iri in entry
    assert "Links a region to a larger region that contains it" in html  # kg:partOf's definition


def test_class_index_lists_every_member_in_a_sortable_table(graph, site):
    regions = graph.query("SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE { ?r a kg:Region }")["n"][0]
    page = read_page(site / "ontology" / "Region.html")
    html = (site / "ontology" / "Region.html").read_text(encoding="utf-8")
    assert len(page.rows) == regions + 1  # and the heading row
    assert '<table class="index sortable">' in html and "340100000000" in html


def test_search_index_holds_every_page_by_its_aliases_and_pinyin(site):
    text = (site / "assets" / "search-index.js").read_text(encoding="utf-8")
    assert text.startswith("window.KG_SEARCH = ")
    import json

    index = json.loads(text.removeprefix("window.KG_SEARCH = ").rstrip().rstrip(";"))
    nanhe = next(e for e in index["entries"] if e["u"] == "id/xingtai-nanhe.html")
    assert "南和区" in nanhe["a"] and "南和区" in nanhe["k"] and "nanhe" in nanhe["k"]
    software = next(e for e in index["entries"] if e["u"] == "id/software-it-services.html")
    assert "软件和信息服务业" in software["a"] and "软件和信息服务业" in software["k"]
    assert len(index["entries"]) >= len(list(site.rglob("*.html"))) - 3


def test_every_page_has_its_triples_with_provenance_beside_it(site):
    triples = list(parse(path=str(site / "id" / "hefei.ttl"), format=RdfFormat.TURTLE))
    assert any(t.predicate.value == KG + "partOf" and t.object.value == ID + "anhui" for t in triples)
    statements = {t.subject for t in triples if t.predicate.value == RDF + "subject" and t.object.value == HEFEI}
    sourced = {t.subject for t in triples if t.predicate.value == "http://purl.org/dc/terms/source"}
    located = {t.subject for t in triples if t.predicate.value == KG + "locator"}
    assert statements and statements <= sourced and statements <= located
    for ttl in site.rglob("*.ttl"):
        assert list(parse(path=str(ttl), format=RdfFormat.TURTLE)), ttl


def test_pages_say_nothing_is_fetched_from_elsewhere(site):
    """vis-network is one shared file, not inlined; no page loads anything from a network."""
    vis = (site / "assets" / "vis-network.min.js").stat().st_size
    assert vis > 400_000
    for page in ("id/hefei.html", "id/shanghai.html", "ontology/IndustrialEnclave.html"):
        assert (site / page).stat().st_size < vis or page == "id/shanghai.html"
        text = (site / page).read_text(encoding="utf-8")
        assert "vis.Network" not in text and "http://" not in re.sub(
            r'(xmlns="[^"]*")|(<code[^>]*>[^<]*</code>)', "", text
        )


def test_the_same_data_gives_the_same_site_across_processes(site, built, tmp_path):
    """A second build in another process, with another hash seed, writes the same bytes."""
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    script = "import sys\nfrom kg.store import load\nfrom kg.site import build_site\n"
    script += "build_site(load(sys.argv[1]), sys.argv[2])"
    subprocess.run([sys.executable, "-c", script, str(built), str(tmp_path / "again")], check=True, env=env)
    assert tree_digest(tmp_path / "again") == tree_digest(site)


def test_a_failed_build_leaves_the_old_site_and_no_staging(monkeypatch, tmp_path):
    from kg.examples import tiny_graph
    from kg.site import build as site_build

    out = tmp_path / "site"
    build_site(tiny_graph(), out)
    before = tree_digest(out)
    calls = {"n": 0}
    real = site_build.entity_page

    def failing(portal, iri):
        calls["n"] += 1
        if calls["n"] > 5:
            raise RuntimeError("disk full")
        return real(portal, iri)

    monkeypatch.setattr(site_build, "entity_page", failing)
    with pytest.raises(RuntimeError, match="disk full"):
        build_site(tiny_graph(), out)
    assert tree_digest(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_new_build_replaces_the_whole_site(tmp_path):
    from kg.examples import tiny_graph

    out = tmp_path / "site"
    out.mkdir()
    (out / "stale.html").write_text("old", encoding="utf-8")
    result = build_site(tiny_graph(), out)
    assert not (out / "stale.html").exists() and (out / "index.html").is_file()
    assert result.pages == len(list(out.rglob("*.html"))) and sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    assert oct(out.stat().st_mode & 0o777) == "0o755"


def _add(store, s, p, o, source="caict-2021", locator="四（二）1"):
    """One fact and its rdf:Statement, as kg.mapping writes them."""
    g = source_graph(source)
    store.add(Quad(s, p, o, g))
    st = statement(s, p, o, g)
    for q in (
        Quad(st, NamedNode(RDF + "type"), NamedNode(RDF + "Statement"), g),
        Quad(st, NamedNode(RDF + "subject"), s, g),
        Quad(st, NamedNode(RDF + "predicate"), p, g),
        Quad(st, NamedNode(RDF + "object"), o, g),
        Quad(st, NamedNode(KG + "locator"), Literal(locator), g),
    ):
        store.add(q)


def test_new_classes_and_properties_appear_without_code_changes(tmp_path):
    """A class and properties added to the ontology graph (plan elements in their order, groups with members)
    get pages, labels, an index and the plan's contents, with no change to kg.site."""
    from kg.examples import tiny_graph

    graph = tiny_graph()
    store, o = graph.store, ONTOLOGY_GRAPH
    label = NamedNode(RDFS + "label")
    owl = "http://www.w3.org/2002/07/owl#"
    for term, kind, zh, en in (
        ("PlanElement", "Class", "规划要素", "Plan element"),
        ("Group", "Class", "组合", "Group"),
        ("elementOf", "ObjectProperty", "所属文件", "element of"),
        ("order", "DatatypeProperty", "次序", "order"),
    ):
        store.add(Quad(NamedNode(KG + term), NamedNode(RDF + "type"), NamedNode(owl + kind), o))
        store.add(Quad(NamedNode(KG + term), label, Literal(zh, language="zh"), o))
        store.add(Quad(NamedNode(KG + term), label, Literal(en, language="en"), o))
    plan = NamedNode(ID + "hefei-digital-economy-plan-2020")
    for n, (key, zh) in enumerate((("second", "第二项任务"), ("first", "第一项任务")), start=1):
        element = NamedNode(ID + f"element-{key}")
        _add(store, element, NamedNode(RDF + "type"), NamedNode(KG + "PlanElement"))
        _add(store, element, label, Literal(zh, language="zh"))
        _add(store, element, label, Literal(f"task {key}", language="en"))
        _add(store, element, NamedNode(KG + "elementOf"), plan)
        _add(store, element, NamedNode(KG + "order"), Literal(str(3 - n), datatype=NamedNode(XSD + "integer")))
    group = NamedNode(ID + "group-test")
    _add(store, group, NamedNode(RDF + "type"), NamedNode(KG + "Group"))
    _add(store, group, label, Literal("测试组合", language="zh"))
    _add(store, group, label, Literal("Test group", language="en"))
    _add(store, NamedNode(HEFEI), NamedNode(KG + "memberOf"), group)

    out = tmp_path / "site"
    build_site(graph, out)
    plan_page = (out / "id" / "hefei-digital-economy-plan-2020.html").read_text(encoding="utf-8")
    contents = plan_page[plan_page.index('id="contents"') :]
    assert contents.index("第一项任务") < contents.index("第二项任务")  # kg:order, not the label
    assert '<li value="1"><a href="element-first.html">' in contents
    group_page = (out / "id" / "group-test.html").read_text(encoding="utf-8")
    assert "测试组合" in group_page and 'href="hefei.html"' in group_page
    assert (out / "ontology" / "PlanElement.html").is_file() and (out / "ontology" / "Group.html").is_file()
    assert 'id="elementOf"' in (out / "ontology.html").read_text(encoding="utf-8")
    home = (out / "index.html").read_text(encoding="utf-8")
    assert "规划要素" in home and "组合" in home


@pytest.mark.slow
def test_cli_writes_the_site(built, tmp_path, capsys):
    from kg.cli import main

    assert main(["site", "--graph", str(built), "--out", str(tmp_path / "portal")]) == 0
    out = capsys.readouterr().out
    assert "pages" in out and (tmp_path / "portal" / "index.html").is_file()
