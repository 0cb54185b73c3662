"""The portal: time to build the whole site, per phase, its size, and how pages load in headless Chromium.

Builds ``kg site`` for the real graph ``--repeat`` times into a scratch folder (the first
build creates it, later ones replace it, as a rebuild does) and prints the median of each
phase: reading the graph into the page model, the network views, writing pages, and
swapping the new site in (which removes the old one). Then opens a few pages in headless
Chromium with no network and prints the time until each is ready (scripts run, networks
drawn). Figures, not assertions; it stops only if a page requests something or logs an error.

    python benchmarks/bench_site.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import kg.site.build as site_build
from kg.site.browser import SiteBrowser
from kg.store import load

PAGES = ("index.html", "search.html", "ontology.html", "id/hefei.html", "id/shanghai.html", "source/caict-2021.html")


def timed_build(graph, out: Path) -> dict:
    """One build, with the time spent swapping the new site in (and removing the old) measured apart."""
    swap = {}
    real = site_build.replace_tree

    def replace(staged, target):
        start = time.perf_counter()
        real(staged, target)
        swap["s"] = time.perf_counter() - start

    site_build.replace_tree = replace
    try:
        result = site_build.build_site(graph, out)
    finally:
        site_build.replace_tree = real
    return {"total": result.seconds, "swap": swap["s"], "result": result}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    graph = load()
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "site"
        runs = [timed_build(graph, out) for _ in range(args.repeat)]
        result = runs[-1]["result"]
        total = statistics.median(r["total"] for r in runs)
        swap = statistics.median(r["swap"] for r in runs)
        print(f"quads {len(graph)}; pages {result.pages}; files {result.files}; {result.bytes / 2**20:.1f} MiB")
        print(f"build s (median of {args.repeat}): total {total:.1f} = pages {total - swap:.1f} + swap-in {swap:.1f}")
        print("each build (s):", ", ".join(f"{r['total']:.1f} (swap {r['swap']:.1f})" for r in runs))
        biggest = sorted(out.rglob("*.html"), key=lambda p: p.stat().st_size)[-3:]
        print("largest pages:", ", ".join(f"{p.relative_to(out)} {p.stat().st_size / 2**10:.0f} KiB" for p in biggest))
        with SiteBrowser(out) as browser:
            print(f"{'page':<26} {'KiB':>6} {'ready ms':>9} {'networks':>9}")
            for page in PAGES:
                times = []
                for _ in range(args.repeat):
                    start = time.perf_counter()
                    tab, report = browser.open(out / page)
                    times.append((time.perf_counter() - start) * 1000)
                    tab.close()
                    assert not report.requests and not report.console_errors, (report.requests, report.console_errors)
                size = (out / page).stat().st_size / 2**10
                nets = "+".join(str(n["nodes"]) for n in report.networks) or "-"
                print(f"{page:<26} {size:>6.0f} {statistics.median(times):>9.0f} {nets:>9}")


if __name__ == "__main__":
    main()
