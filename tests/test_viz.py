"""Interactive network pages: what each view draws, tooltips, errors, and the pages opened in headless Chromium.

Expected participants, roles and directions are read from caict-2021 三（一）2
(皖北 receives transfers from 上海, 江苏, 浙江) and 三（二）1 with 图8 (上海's
industrial-internet enclave: home 上海, operators 星云智汇 and xIn³Plat, hosts
璧山, 许昌, 雨花台).
"""

import re
import subprocess
import sys

import pytest

from kg import viz
from kg.cli import main
from kg.names import UnknownName
from kg.network import overview_network
from kg.synthetic import synthetic_network
from kg.viz.style import TYPE_STYLE

ID = "https://w3id.org/yrd-de/id/"


@pytest.fixture(scope="module")
def views(graph, network, tmp_path_factory):
    """One view of every kind, saved as pages."""
    folder = tmp_path_factory.mktemp("viz")
    made = {
        "overview": viz.overview(overview_network(graph)),
        "pattern": viz.pattern_view(network, "产业飞地"),
        "case": viz.case_view(network, "上海工业互联网产业飞地模式"),
        "ego": viz.ego_view(network, "宿州", hops=1),
        "chain": viz.chain_view(network, "上海", "宿州", k=3),
        "map": viz.map_view(network),
        "map-pattern": viz.map_view(network, pattern="gradient_transfer"),
    }
    return {kind: (view, view.save(folder / f"{kind}.html")) for kind, view in made.items()}


def _node(view, iri):
    return next(n for n in view.network.nodes if n["id"] == iri)


def _edges(view, a, b):
    return [e for e in view.network.edges if {e["from"], e["to"]} == {a, b}]


def test_overview_draws_every_entity_coloured_by_type(graph, views):
    view, _ = views["overview"]
    counts = graph.query("""SELECT (COUNT(DISTINCT ?n) AS ?n) WHERE {
        VALUES ?t { kg:Region kg:Carrier kg:Organisation kg:Group kg:PatternCase kg:Plan kg:Industry } ?n a ?t }""")
    patterns_with_cases = 6
    assert view.graph.number_of_nodes() == counts["n"][0] + patterns_with_cases
    assert len(view.network.nodes) == view.graph.number_of_nodes()
    assert _node(view, ID + "shanghai")["color"] == TYPE_STYLE["Region"][0]
    assert _node(view, ID + "shanghai")["value"] == view.graph.degree(ID + "shanghai")
    assert {item["zh"] for item in view.legend} >= {"区域", "产业载体", "规划政策", "产业"}


def test_case_view_colours_participants_by_their_role(views):
    view, _ = views["case"]
    colour = {item["en"]: item["colour"] for item in view.legend}
    assert _node(view, ID + "shanghai")["color"] == colour["home region"]
    for host in ("xuchang", "chongqing-bishan", "nanjing-yuhuatai"):
        assert _node(view, ID + host)["color"] == colour["host region"]
    assert _node(view, ID + "xingyun-zhihui-platform")["color"] == colour["operator"]
    home = _edges(view, ID + "shanghai", ID + "shanghai-industrial-internet-enclave")[0]
    assert (home["label_zh"], home["label_en"]) == ("飞出地", "home region")


def test_enclave_and_transfer_ties_are_arrows_from_origin_to_receiver(views):
    case, _ = views["case"]
    enclave = _edges(case, ID + "xingyun-zhihui-platform", ID + "xuchang")[0]
    assert (enclave["from"], enclave["to"], enclave["arrows"]["to"]["enabled"]) == (
        ID + "xingyun-zhihui-platform",
        ID + "xuchang",
        True,
    )
    mapped, _ = views["map-pattern"]
    for origin in ("shanghai", "jiangsu", "zhejiang"):
        transfer = _edges(mapped, ID + origin, ID + "wanbei")[0]
        assert (transfer["from"], transfer["to"], transfer["arrows"]["to"]["enabled"]) == (
            ID + origin,
            ID + "wanbei",
            True,
        )
    containment = [e for e in views["map"][0].network.edges if e.get("dashes")]
    assert containment and not any(e["arrows"]["to"]["enabled"] for e in containment)


def test_map_places_regions_by_their_coordinates(views):
    view, _ = views["map"]
    x = {n["id"]: n["x"] for n in view.network.nodes}
    y = {n["id"]: n["y"] for n in view.network.nodes}
    assert x[ID + "shanghai"] > x[ID + "hefei"] > x[ID + "jiujiang"]  # east is right
    assert y[ID + "xuzhou"] < y[ID + "hangzhou"] < y[ID + "wenzhou"]  # north is up
    assert view.physics is False
    assert ID + "national-data-administration" not in view.graph  # no location to borrow
    assert ID + "singapore" not in view.graph  # a foreign region without coordinates gets no made-up place
    assert "未画出" in view.note["zh"]
    spots = [(n["x"], n["y"]) for n in view.network.nodes]
    assert len(set(spots)) == len(spots)  # no node hidden under another


def test_chain_view_highlights_the_best_chain(views):
    view, _ = views["chain"]
    best = [e for e in view.network.edges if e["width"] == 5]
    assert {frozenset((e["from"], e["to"])) for e in best} == {
        frozenset((ID + "shanghai", ID + "wanbei")),
        frozenset((ID + "wanbei", ID + "suzhou-anhui")),
    }


def test_tooltips_give_labels_type_code_and_sources_with_locators(views):
    view, _ = views["ego"]
    suzhou = _node(view, ID + "suzhou-anhui")["title"]
    assert "宿州市 · Suzhou" in suzhou and "341300000000" in suzhou
    assert re.search(r"caict-2021: .*三（一）2", suzhou)
    tie = _edges(view, ID + "suzhou-anhui", ID + "wanbei")[0]["title"]
    assert "宿州市 —[成员 →]— 皖北" in tie and "(caict-2021, 三（一）2)" in tie


def test_pages_are_self_contained(views):
    for _, path in views.values():
        page = path.read_text(encoding="utf-8")
        assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=", page)
        assert "bootstrap" not in page.lower() and "cdnjs" not in page


_RENDER = """
import hashlib
from kg import viz
from kg.network import cooperation_network
from kg.store import from_tables
G = cooperation_network(from_tables())
for view in (viz.ego_view(G, "合肥"), viz.pattern_view(G, "产业飞地"), viz.map_view(G, pattern="industrial_enclave")):
    print(hashlib.sha256(view.html().encode()).hexdigest())
"""


@pytest.mark.slow
def test_pages_are_byte_identical_across_processes():
    # set iteration order changes with the hash seed; layouts and pages must not
    runs = [
        subprocess.run(
            [sys.executable, "-c", _RENDER],
            env={"PYTHONHASHSEED": seed, "PATH": ""},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2")
    ]
    assert runs[0] == runs[1] and len(runs[0].split()) == 3


def test_physics_only_for_small_views(views):
    assert views["ego"][0].physics and views["ego"][0].network.options["physics"]["enabled"]
    assert not views["overview"][0].physics and not views["map"][0].physics
    big = synthetic_network(viz.PHYSICS_MAX_NODES * 3)
    hub = max(big, key=big.degree)
    assert viz.ego_view(big, hub, hops=3).graph.number_of_nodes() > viz.PHYSICS_MAX_NODES
    assert not viz.ego_view(big, hub, hops=3).physics


def test_inline_display_is_an_isolated_srcdoc_iframe(views):
    html = views["chain"][0]._repr_html_()
    assert html.startswith('<iframe srcdoc="&lt;!DOCTYPE html&gt;') and 'sandbox="allow-scripts"' in html


@pytest.mark.parametrize(
    "call, message",
    [
        (
            lambda G: viz.pattern_view(G, "飞地经济"),
            "no development pattern is named '飞地经济'. Expected one of: 板块协同 / Block synergy, ",
        ),
        (
            lambda G: viz.case_view(G, "上海"),
            "no pattern case is named '上海'. Expected one of: 合肥数字经济板块协同发展",
        ),
        (lambda G: viz.chain_view(G, "上海", "宿州", max_hops=1), "no chain of at most 1 hops between 上海 and 宿州"),
        (lambda G: viz.chain_view(G, "上海", "Shanghai"), "上海 and Shanghai name the same entity, 上海市"),
    ],
)
def test_bad_requests_name_what_was_expected(network, call, message):
    with pytest.raises(LookupError, match=re.escape(message)):
        call(network)


def test_cli_writes_a_page_and_fails_cleanly(built, tmp_path, capsys):
    out = tmp_path / "chain.html"
    assert main(["viz", "chain", "上海", "宿州", "--graph", str(built), "--out", str(out)]) == 0
    assert "宿州市" in out.read_text(encoding="utf-8")
    bad = tmp_path / "bad.html"
    assert main(["viz", "pattern", "不存在", "--graph", str(built), "--out", str(bad)]) == 2
    assert "Expected one of" in capsys.readouterr().err and not bad.exists()


def test_unknown_entity_is_named(network):
    with pytest.raises(UnknownName, match="no entity is named '宿洲'"):
        viz.ego_view(network, "宿洲")


# --- in a real browser ------------------------------------------------------------------------------------------

EXPECTED_LABEL = {
    "overview": "上海市",
    "pattern": "许昌市",
    "case": "星云智汇工业互联网平台",
    "ego": "皖北",
    "chain": "宿州市",
    "map": "合肥市",
    "map-pattern": "皖北",
}


@pytest.mark.parametrize("kind", list(EXPECTED_LABEL))
def test_page_opens_offline_and_draws_the_whole_graph(browser, views, kind):
    view, path = views[kind]
    page, report = browser.open(path)
    page.close()
    assert report.requests == []
    assert report.console_errors == []
    assert (report.nodes, report.edges) == (view.graph.number_of_nodes(), view.graph.number_of_edges())
    assert EXPECTED_LABEL[kind] in report.labels


def test_language_switch_and_search(browser, views):
    page, _ = browser.open(views["ego"][1])
    page.select_option("#kg-lang", "en")
    labels = page.evaluate("kg.nodes.map(n => n.label)")
    assert "Suzhou (Anhui)" in labels and "宿州市" not in labels
    assert page.inner_text("h1").startswith("Suzhou (Anhui)")
    for text in ("northern anhui", "wanbei"):  # a label, any case; an id
        page.fill("#kg-search", text)
        page.press("#kg-search", "Enter")
        assert page.evaluate("kg.network.getSelectedNodes()") == [ID + "wanbei"]
        assert page.inner_text("#kg-found") == "1 found"
    assert len(page.evaluate("kg.search('Suzhou')")) == 3  # no exact label: every label containing it
    page.close()


def test_notebook_iframe_draws_inside_its_srcdoc(browser, views, tmp_path):
    view, _ = views["pattern"]
    notebook_cell = tmp_path / "cell.html"
    notebook_cell.write_text(f"<!DOCTYPE html><html><body>{view._repr_html_()}</body></html>", encoding="utf-8")
    page, report = browser.open(notebook_cell, frame=1)
    page.close()
    assert report.requests == [] and report.console_errors == []
    assert (report.nodes, report.edges) == (view.graph.number_of_nodes(), view.graph.number_of_edges())


def test_a_synthetic_5000_node_graph_opens_with_physics_off(browser, tmp_path):
    view = viz.overview(synthetic_network(5000))
    page, report = browser.open(view.save(tmp_path / "big.html"), timeout_s=60)
    page.close()
    assert view.physics is False
    assert (report.nodes, report.edges) == (5000, view.graph.number_of_edges())
    assert report.console_errors == [] and "stabilised" in report.timings


def test_markup_in_a_label_stays_text(browser, tmp_path):
    G = synthetic_network(20)
    node = next(iter(G))
    hostile = '<img src="x" onerror="window.pwned=1"></script><b>'
    G.nodes[node]["label_zh"] = hostile
    page, report = browser.open(viz.ego_view(G, node).save(tmp_path / "hostile.html"))
    box = page.locator("#kg-network").bounding_box()
    spot = page.evaluate(f"kg.network.canvasToDOM(kg.network.getPosition({node!r}))")
    page.mouse.move(box["x"] + spot["x"], box["y"] + spot["y"])
    tooltip = page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible", timeout=5000)
    shown, markup, pwned = tooltip.inner_text(), tooltip.inner_html(), page.evaluate("window.pwned === 1")
    page.close()
    assert report.requests == [] and report.console_errors == [] and not pwned
    assert hostile in report.labels
    assert hostile in shown and "<img" not in markup  # the tooltip shows the text, it does not parse it
