"""Print how long building and validating take, beside the old way measured in the same run.

Figures, not assertions. The reference is the build as it was up to issue 15: SHACL with pyshacl
(``--engine pyshacl``) and JSON-LD through rdflib (:func:`kg.jsonld.rdflib_jsonld`); both write the
same bytes, which the script checks before it times anything.

    python benchmarks/bench_build.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from unittest import mock

from pyoxigraph import Store
from timing import median_ms

from kg.build import _turtle as turtle
from kg.build import build, compute_stats, sorted_nquads
from kg.jsonld import jsonld, rdflib_jsonld
from kg.mapping import dataset_quads
from kg.paths import DEFAULT_DATA_DIR
from kg.store import KnowledgeGraph
from kg.tables import check_tables
from kg.validate import row_index, shacl_problems, sparql_problems, validate

KG = [sys.executable, "-m", "kg.cli"]


def reference_build(out: str):
    """``kg build`` as it was: pyshacl, and JSON-LD through rdflib (swapped in for the writer, nothing else)."""
    with mock.patch("kg.build.jsonld", lambda store: rdflib_jsonld(KnowledgeGraph(store).nquads())):
        return build(DEFAULT_DATA_DIR, out, engine="pyshacl")


def _run(*args: str) -> None:
    subprocess.run([*KG, *args], capture_output=True, check=True)


def median_wall_cpu_ms(function, repeat: int) -> tuple[float, float]:
    """Median wall time and median CPU time (this process and its children, user + system) of ``repeat`` calls, ms.

    The CPU beside the wall time: on a shared machine the CPU a build needs moves far less than the time it waits.
    """

    def cpu() -> float:
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        return time.process_time() + children.ru_utime + children.ru_stime

    walls, cpus = [], []
    for _ in range(repeat):
        wall, start = time.perf_counter(), cpu()
        function()
        walls.append((time.perf_counter() - wall) * 1000)
        cpus.append((cpu() - start) * 1000)
    return statistics.median(walls), statistics.median(cpus)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    n = args.repeat

    tables, _ = check_tables(DEFAULT_DATA_DIR)
    quads = dataset_quads(tables)
    store = Store()
    store.extend(quads)
    graph, rows = KnowledgeGraph(store), row_index(tables)
    ours, theirs = Path(tempfile.mkdtemp()), Path(tempfile.mkdtemp())
    build(DEFAULT_DATA_DIR, ours)
    reference_build(theirs)  # also warms the pyshacl and rdflib imports
    same = all((ours / f).read_bytes() == (theirs / f).read_bytes() for f in ("kg.nq", "kg.ttl", "kg.jsonld"))

    steps = {
        "tables: read + check": median_ms(lambda: check_tables(DEFAULT_DATA_DIR), n),
        "rows -> quads": median_ms(lambda: dataset_quads(tables), n),
        "quads -> store": median_ms(lambda: Store().extend(quads), n),
        "SHACL, kg.shacl on Oxigraph": median_ms(lambda: shacl_problems(graph, rows), n),
        "SHACL, pyshacl (reference)": median_ms(lambda: shacl_problems(graph, rows, "pyshacl"), n),
        "SPARQL violation queries": median_ms(lambda: sparql_problems(graph, rows), n),
        "stats.json": median_ms(lambda: compute_stats(graph), n),
        "kg.nq (sorted)": median_ms(lambda: sorted_nquads(graph), n),
        "kg.ttl (union CONSTRUCT + Turtle)": median_ms(lambda: turtle(KnowledgeGraph(store)), n),
        "kg.jsonld, written from the store": median_ms(lambda: jsonld(store), n),
        "kg.jsonld, rdflib (reference)": median_ms(lambda: rdflib_jsonld(graph.nquads()), n),
    }
    whole = {
        "build()": (lambda: build(DEFAULT_DATA_DIR, tempfile.mkdtemp()), lambda: reference_build(tempfile.mkdtemp())),
        "validate()": (validate, lambda: validate(engine="pyshacl")),
        "kg build (new process; ref: --engine pyshacl)": (
            lambda: _run("build", "--quiet", "--out", tempfile.mkdtemp()),
            lambda: _run("build", "--quiet", "--engine", "pyshacl", "--out", tempfile.mkdtemp()),
        ),
        "kg validate (new process)": (
            lambda: _run("validate", "--quiet"),
            lambda: _run("validate", "--quiet", "--engine", "pyshacl"),
        ),
    }
    timed = {name: [median_wall_cpu_ms(f, n) for f in (now, reference)] for name, (now, reference) in whole.items()}
    help_ms = median_ms(lambda: _run("--help"), n)
    bare_ms = median_ms(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True), n)

    print(f"dataset: {len(quads)} quads from {sum(len(r) for r in tables.rows.values())} rows; median of {n} runs")
    print(f"outputs of the two paths byte-identical: {same}")
    for name, ms in steps.items():
        print(f"  {name:<46} {ms:9.1f} ms")
    print(f"  {'wall (CPU) ms':<46} {'now':>16}  {'reference':>18}  ratio (CPU)")
    for name, ((now, now_cpu), (ref, ref_cpu)) in timed.items():
        print(
            f"  {name:<46} {now:8.0f} ({now_cpu:6.0f})  {ref:8.0f} ({ref_cpu:6.0f})  "
            f"{ref / now:4.1f}x ({ref_cpu / now_cpu:4.1f}x) faster"
        )
    print(f"  {'kg --help (new process)':<46} {help_ms:9.1f} ms ({help_ms / bare_ms:.2f}x a bare interpreter)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
