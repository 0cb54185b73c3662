"""What printing an answer costs: kg.cli.render's table (readable figures and labels, wrapped to fit) against the
pandas ``to_string`` the command line used before, on the answers of the named queries.

For each named query (its example parameters bound) it prints the rows, the median time of
the renderer's table at 100 columns, of its CSV and JSON, and of the reference (building the
DataFrame and ``to_string``, as ``print_frame`` did), with the ratio table / reference. The
import time of pandas, which the renderer avoids, is printed at the end, measured in a new
interpreter.

    python benchmarks/bench_render.py [--repeat 20]
"""

from __future__ import annotations

import argparse
import subprocess
import sys

from timing import median_ms

from kg.cli.render import text_output
from kg.queries import answer, library
from kg.store import load


def _pandas_table(result) -> str:
    import pandas as pd

    frame = result.to_frame()
    with pd.option_context(
        "display.max_rows", None, "display.max_columns", None, "display.width", 250, "display.max_colwidth", 40
    ):
        return frame.to_string(index=False)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    graph = load()
    print(f"{'query':<28} {'rows':>5} {'table ms':>9} {'csv ms':>7} {'json ms':>8} {'pandas ms':>10} {'ratio':>6}")
    for q in library().values():
        result = answer(graph, q.name, **q.example_params())
        table = median_ms(lambda r=result: text_output(r, "table", width=100), args.repeat)
        csv = median_ms(lambda r=result: text_output(r, "csv"), args.repeat)
        json = median_ms(lambda r=result: text_output(r, "json"), args.repeat)
        reference = median_ms(lambda r=result: _pandas_table(r), args.repeat)
        row = f"{q.name[:28]:<28} {len(result):5d} {table:9.2f} {csv:7.2f} {json:8.2f} {reference:10.2f}"
        print(f"{row} {table / reference:6.2f}")
    probe = "import time; t = time.perf_counter(); import pandas; print((time.perf_counter() - t) * 1000)"
    imports = [
        float(subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True).stdout) for _ in range(3)
    ]
    print(f"import pandas in a new interpreter: {sorted(imports)[1]:.0f} ms (median of 3), which the renderer avoids")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
