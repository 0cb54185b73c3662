"""The portal in headless Chromium with no network: pages load clean, the search finds aliases, the language sticks.

Opening all ~1,500 pages in Chromium would take minutes, so the browser opens a fixed
representative sample (home, search, ontology, every class index, every source, every pattern
and case, the largest neighbourhoods, one page of each other kind) and 30 further pages drawn
with a fixed seed; tests/test_site.py checks every link of every page without a browser.
Expected facts: see tests/test_site.py.
"""

from __future__ import annotations

import json
import random
import re

import pytest

from kg.site.browser import SiteBrowser
from kg.site.urls import page_path

FIXED = [
    "index.html",
    "search.html",
    "ontology.html",
    "id/hefei.html",
    "id/shanghai.html",
    "id/yrd.html",
    "id/china.html",
    "id/fig-hefei-de-share-2025.html",
    "id/participation/hefei-block-synergy/hefei/block_city.html",
    "id/hefei-digital-economy-plan-2020.html",
    "id/artificial-intelligence.html",
    "ontology/RoleOrigin.html",
    "ontology/LevelPrefecture.html",
]


@pytest.fixture(scope="module")
def site_browser(site):
    with SiteBrowser(site) as chromium:
        yield chromium


def sample(site, graph) -> list[str]:
    """The fixed pages, every class index and source, every pattern and case, and 30 pages drawn with a seed."""
    pages = sorted(str(p.relative_to(site)) for p in site.rglob("*.html"))
    members = graph.query("""SELECT ?x WHERE { { ?x a kg:PatternCase } UNION { ?x a kg:DevelopmentPattern }
        UNION { ?x a kg:Source } UNION { ?x a owl:Class FILTER (STRSTARTS(STR(?x), STR(kg:))) } }""")
    chosen = list(dict.fromkeys(FIXED + sorted(page_path(x) for x in members["x"])))
    rest = sorted(set(pages) - set(chosen))
    return chosen + random.Random(17).sample(rest, 30)


def embedded_nodes(html: str) -> list[int]:
    return [
        len(json.loads(data)["nodes"])
        for data in re.findall(r'<script type="application/json"[^>]*>(.*?)</script>', html, re.S)
    ]


def test_sample_pages_load_without_requests_or_console_errors(site, graph, site_browser):
    opened = sample(site, graph)
    assert len(opened) >= 70
    drawn = 0
    for path in opened:
        tab, report = site_browser.open(site / path)
        tab.close()
        assert report.requests == [], (path, report.requests)
        assert report.console_errors == [], (path, report.console_errors)
        assert all(url.startswith(site_browser.root) for url in report.loaded)
        expected = embedded_nodes((site / path).read_text(encoding="utf-8"))
        assert [n["nodes"] for n in report.networks] == expected, path
        drawn += len(expected)
    assert drawn >= 15


def test_search_finds_an_entity_by_its_alias_its_pinyin_and_its_code(site, site_browser):
    tab, report = site_browser.open(site / "search.html", query="q=南和区")
    first = tab.locator("#kg-results li").first
    assert first.locator("a").get_attribute("href") == "id/xingtai-nanhe.html"
    assert "南和县" in first.inner_text() and "别名 南和区" in first.inner_text()
    for typed in ("nanhe", "130506", "Nanhe County"):
        tab.fill("#kg-q", typed)
        hrefs = tab.locator("#kg-results li a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
        assert "id/xingtai-nanhe.html" in hrefs[:3], typed
    tab.fill("#kg-q", "软件和信息服务业")  # the name the CAICT report prints (aliases.csv), not the label
    hrefs = tab.locator("#kg-results li a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert hrefs[0] == "id/software-it-services.html"
    tab.fill("#kg-q", "南和区")
    tab.locator("#kg-results li a").first.click()
    tab.wait_for_function("window.kgSite && window.kgSite.ready")
    assert tab.locator("h1").inner_text() == "南和县"
    assert "南和区" in tab.locator(".aliases").inner_text()
    tab.close()
    assert report.requests == [] and report.console_errors == []


def test_hefei_page_shows_its_2025_share_of_gdp_target_with_table_7(site, site_browser):
    tab, _ = site_browser.open(site / "id" / "hefei.html")
    rows = [r.split("\t") for r in tab.locator("table.figures tbody tr").all_inner_texts()]
    indicator, comparator, value, unit, year, kind, plan, source = next(
        r for r in rows if r[0] == "数字经济总量占GDP比重" and r[4] == "2025"
    )
    assert (comparator, value, unit, kind) == (">（超过）", "50", "%", "目标值")
    assert plan == "合肥市数字经济发展规划（2020-2025年）"
    assert "表7 长三角部分省市数字经济发展目标规划" in source and "四（一）" in source
    tab.close()


def test_language_switch_is_remembered_between_pages(site, site_browser):
    tab, _ = site_browser.open(site / "id" / "hefei.html")
    assert tab.locator("h1").inner_text() == "合肥市"
    tab.select_option("#kg-lang", "en")
    assert tab.locator("h1").inner_text() == "Hefei"
    assert tab.evaluate("document.title").startswith("Hefei")
    tab.locator('#rel-Region a[href="anhui.html"]').first.click()  # a link followed
    tab.wait_for_function("window.kgSite && window.kgSite.ready")
    assert tab.url.endswith("anhui.html?lang=en")
    assert tab.locator("h1").inner_text() == "Anhui" and tab.input_value("#kg-lang") == "en"
    tab.goto((site / "ontology.html").as_uri())  # opened afresh: remembered in local storage
    tab.wait_for_function("window.kgSite && window.kgSite.ready")
    assert tab.locator("h1").inner_text() == "YRD digital-economy ontology"
    tab.select_option("#kg-lang", "zh")
    tab.goto((site / "index.html").as_uri())
    tab.wait_for_function("window.kgSite && window.kgSite.ready")
    assert tab.locator("h1").inner_text() == "长三角数字经济知识图谱"
    tab.close()


def test_a_click_on_a_network_node_opens_its_page(site, site_browser):
    tab, report = site_browser.open(site / "id" / "suzhou-anhui.html")
    node = "https://w3id.org/yrd-de/id/wanbei"
    tab.locator("#net-1").scroll_into_view_if_needed()
    point = tab.evaluate(
        """id => { const n = window.kgSite.networks[0].network; const p = n.canvasToDOM(n.getPosition(id));
                   const box = n.body.container.getBoundingClientRect();
                   return {x: box.left + p.x, y: box.top + p.y}; }""",
        node,
    )
    tab.mouse.click(point["x"], point["y"])
    tab.wait_for_url(re.compile(r".*/id/wanbei\.html$"))
    tab.wait_for_function("window.kgSite && window.kgSite.ready")
    assert tab.locator("h1").inner_text() == "皖北"
    tab.close()
    assert report.requests == []


def test_class_index_sorts_by_a_column(site, site_browser):
    tab, _ = site_browser.open(site / "ontology" / "Region.html")
    facts = tab.locator("table.index thead th").last
    facts.click()
    facts.click()  # descending
    counts = [int(c) for c in tab.locator("table.index tbody tr td:last-child").all_inner_texts()]
    assert counts == sorted(counts, reverse=True) and counts[0] > counts[-1]
    tab.close()
