"""Network pages: HTML size, time to write, and time until drawn in headless Chromium.

For the overview of the real graph and for synthetic graphs of 1,000 and
5,000 nodes (``kg.synthetic.synthetic_network``), prints the page size, the
median time to build and write the page (layout included), and the median time
from navigation start until the network is drawn and stabilised in headless
Chromium (``window.kg.timings.stabilised``; physics is off for views of more
than ``kg.viz.PHYSICS_MAX_NODES`` nodes, so that is the first complete
drawing). Figures, not assertions; it stops only if a page fetches something or logs an error.

    python benchmarks/bench_viz.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
from pathlib import Path

from timing import median_ms

from kg import viz
from kg.network import overview_network
from kg.store import load
from kg.synthetic import synthetic_network
from kg.viz.browser import Browser


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    graphs = {
        "real overview": overview_network(load()),
        "synthetic 1k": synthetic_network(1000),
        "synthetic 5k": synthetic_network(5000),
    }
    rows = []
    with tempfile.TemporaryDirectory() as folder, Browser() as browser:
        for name, G in graphs.items():
            page = Path(folder) / f"{name.replace(' ', '-')}.html"
            write_ms = median_ms(lambda G=G, page=page: viz.overview(G).save(page), args.repeat)
            drawn = []
            for _ in range(args.repeat):
                tab, report = browser.open(page)
                tab.close()
                assert not report.requests and not report.console_errors, (report.requests, report.console_errors)
                drawn.append(report.timings["stabilised"])
            rows.append(
                (
                    name,
                    G.number_of_nodes(),
                    G.number_of_edges(),
                    page.stat().st_size / 2**20,
                    write_ms,
                    statistics.median(drawn),
                )
            )
    print(f"{'graph':<15} {'nodes':>6} {'edges':>6} {'HTML MiB':>9} {'write ms':>9} {'drawn ms':>9}")
    for name, nodes, edges, size, write_ms, drawn_ms in rows:
        print(f"{name:<15} {nodes:>6} {edges:>6} {size:>9.2f} {write_ms:>9.0f} {drawn_ms:>9.0f}")
    small, big = rows[1], rows[2]
    print(
        f"5k / 1k: nodes x{big[1] / small[1]:.1f}, HTML x{big[3] / small[3]:.1f}, "
        f"write x{big[4] / small[4]:.1f}, drawn x{big[5] / small[5]:.1f}"
    )


if __name__ == "__main__":
    main()
