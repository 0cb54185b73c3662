"""Print how long building and validating take, and how fast ``kg --help`` starts.

Figures, not assertions: run it before and after a change and compare.

    python benchmarks/bench_build.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile

from pyoxigraph import Store
from timing import median_ms

from kg.build import build
from kg.mapping import dataset_quads
from kg.paths import DEFAULT_DATA_DIR
from kg.store import KnowledgeGraph
from kg.tables import check_tables
from kg.validate import row_index, shacl_problems, sparql_problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    tables, _ = check_tables(DEFAULT_DATA_DIR)
    quads = dataset_quads(tables)
    store = Store()
    store.extend(quads)
    graph, rows = KnowledgeGraph(store), row_index(tables)
    shacl_problems(graph, rows)  # warm the pyshacl import once

    figures = {
        "tables: read + check": median_ms(lambda: check_tables(DEFAULT_DATA_DIR), args.repeat),
        "rows -> quads": median_ms(lambda: dataset_quads(tables), args.repeat),
        "validate: SHACL": median_ms(lambda: shacl_problems(graph, rows), args.repeat),
        "validate: SPARQL violation queries": median_ms(lambda: sparql_problems(graph, rows), args.repeat),
        "kg build (everything, 4 files)": median_ms(lambda: build(DEFAULT_DATA_DIR, tempfile.mkdtemp()), args.repeat),
        "kg --help (new process)": median_ms(
            lambda: subprocess.run([sys.executable, "-m", "kg.cli", "--help"], capture_output=True, check=True),
            args.repeat,
        ),
        "python -c pass (new process)": median_ms(
            lambda: subprocess.run([sys.executable, "-c", "pass"], check=True), args.repeat
        ),
    }
    print(
        f"dataset: {len(quads)} quads from {sum(len(r) for r in tables.rows.values())} rows; "
        f"median of {args.repeat} runs"
    )
    for name, ms in figures.items():
        print(f"  {name:<38} {ms:9.1f} ms")
    total = figures["kg build (everything, 4 files)"]
    print(f"  SHACL share of a build:               {figures['validate: SHACL'] / total:9.0%}")
    print(
        "  kg --help over bare interpreter:      "
        f"{figures['kg --help (new process)'] / figures['python -c pass (new process)']:9.2f}x"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
