"""Write one page of every view kind and a PNG screenshot of each, for docs/ and the README.

    python scripts/screenshots.py [--out docs/img]

Needs Chromium and the CJK fonts (scripts/system-packages.sh) and playwright
(``pip install -e '.[test]'``). Pages are opened offline (kg.viz.browser); the
script stops with an error if a page requests anything or logs an error.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from kg import viz
from kg.network import cooperation_network, overview_network
from kg.paths import ROOT
from kg.store import load
from kg.viz.browser import Browser

#: The wordings the sources use for the digital economy's share of GDP (one measure).
SHARE_OF_GDP = "数字经济增加值占GDP比重|数字经济占GDP比重|数字经济总量占GDP比重"


def views(graph) -> dict:
    """The views shown in the README, by file name."""
    G = cooperation_network(graph)
    return {
        "overview": viz.overview(overview_network(graph)),
        "pattern-industrial-enclave": viz.pattern_view(G, "产业飞地"),
        "case-wanbei": viz.case_view(G, "皖北“6+2+N”梯度转移承接平台"),
        "ego-hefei": viz.ego_view(G, "合肥"),
        "chain-shanghai-suzhou": viz.chain_view(G, "上海", "宿州"),
        "map": viz.map_view(G),
        "map-en": viz.map_view(G, lang="en"),
        "map-industrial-enclave": viz.map_view(G, pattern="产业飞地"),
        "pattern-multipolar": viz.pattern_view(G, "多极网络"),
        "choropleth-share-of-gdp": viz.choropleth(graph, SHARE_OF_GDP, kind="target"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "img")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as pages, Browser(width=1400, height=860) as browser:
        for name, view in views(load()).items():
            png = args.out / f"viz-{name}.png"
            report = browser.screenshot(view.save(Path(pages) / f"{name}.html"), png)
            if report.requests or report.console_errors:
                raise SystemExit(f"{name}: requests {report.requests}, errors {report.console_errors}")
            print(f"{png.relative_to(ROOT)}: {report.nodes} nodes, {report.edges} edges")


if __name__ == "__main__":
    main()
