"""Wall-clock time of every read verb of ``kg``, as a user runs it (a fresh process each time).

For each verb it prints the median of ``--repeat`` runs with the caches beside build/kg.nq
(:mod:`kg.cache`; filled by one run first, not counted), beside the target, and two
references measured in the same run: the same verb with ``KG_NO_CACHE=1`` (every call
recomputes, the path before the caches) and the start-up of ``python -c "import pyoxigraph"``.
It also checks that both paths print the same bytes, then times the Python entry points
(``kg.query`` without and with ``graph=``, ``kg.load`` again, a network) beside a fresh bulk
load, which is what every ``kg.load()`` did before. Needs ``kg build`` first.

    python benchmarks/bench_cli.py [--repeat 5] [--only query,viz]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

SHARE = "数字经济增加值占GDP比重|数字经济总量占GDP比重"
#: (verb and arguments, target in seconds).
VERBS = [
    (["query", "cq04-share-of-gdp-targets", "--param", "region=合肥"], 0.5),
    (["query", "cq08-plans-per-year"], 0.5),
    (["patterns"], 0.5),
    (["patterns", "产业飞地", "--format", "csv"], 0.5),
    (["chains", "上海", "宿州"], 0.5),
    (["profile", "宿州高新区"], 0.5),
    (["bridges"], 0.5),
    (["compare", "合肥", "苏州"], 0.5),
    (["stats"], 0.5),
    (["coverage"], 0.5),
    (["viz", "overview"], 2.0),
    (["viz", "pattern", "产业飞地"], 1.0),
    (["viz", "ego", "合肥"], 1.0),
    (["viz", "chain", "上海", "宿州"], 1.0),
    (["viz", "map"], 1.0),
    (["viz", "choropleth", SHARE], 1.0),
]


def timed(command: list[str], env: dict) -> tuple[float, float, bytes, int]:
    """Wall seconds, CPU seconds (user + system, of the process and its children), stdout and exit status."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return wall, cpu, done.stdout, done.returncode


def median_s(command: list[str], env: dict, repeat: int) -> tuple[float, float, bytes, int]:
    """Median wall and CPU seconds of ``repeat`` runs, with the last run's stdout and exit status."""
    runs = [timed(command, env) for _ in range(repeat)]
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs), runs[-1][2], runs[-1][3]


ENTRY_POINTS = """
import time
t = time.perf_counter
import kg
from kg.network import cooperation_network
from kg.store import KnowledgeGraph, _bulk_load, load
from pyoxigraph import Store
from kg.paths import DEFAULT_OUT_DIR
def ms(f):
    s = t(); f(); return (t() - s) * 1000
def fresh():  # what every kg.load() did before: a new store, bulk-loaded
    store = Store(); _bulk_load(store, DEFAULT_OUT_DIR / "kg.nq"); return KnowledgeGraph(store)
q = lambda **kw: kg.query("cq04-share-of-gdp-targets", region="合肥", **kw)
rows = [("kg.query(name) first call", ms(q), None)]
rows.append(("kg.query(name) again", ms(q), ms(lambda: fresh())))
g = load()
rows.append(("kg.query(name, graph=g)", ms(lambda: q(graph=g)), None))
rows.append(("kg.load() again", ms(load), ms(fresh)))
rows.append(("cooperation_network(kg.load())", ms(lambda: cooperation_network(load())), None))
for label, fast, ref in rows:
    print(f"{label:<52} {fast:8.1f}" + (f"   reference (a fresh bulk load) {ref:8.1f}" if ref else ""))
"""


def has_verb(name: str) -> bool:
    from kg.cli import parser

    verbs = next(a for a in parser()._actions if a.dest == "verb")
    return name in verbs.choices


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--only", default=None, help="comma-separated first words of the verbs to time")
    args = parser.parse_args()
    cached = {k: v for k, v in os.environ.items() if k != "KG_NO_CACHE"}
    uncached = cached | {"KG_NO_CACHE": "1"}
    start_up, start_cpu, _, _ = median_s([sys.executable, "-c", "import pyoxigraph"], cached, args.repeat)
    print(f"reference: python -c 'import pyoxigraph' {start_up:.2f} s, CPU {start_cpu:.2f} s (median of {args.repeat})")
    print("wall-clock seconds, and in brackets CPU seconds (which other jobs on the machine disturb less)")
    print(f"{'verb':<44} {'cached s':>15} {'target':>6} {'':>4} {'no cache s':>15} {'speed-up':>8}  output")
    out = tempfile.mkdtemp(prefix="bench-cli-")
    for verb, target in VERBS:
        if args.only and verb[0] not in args.only.split(","):
            continue
        shown = " ".join(verb)
        if not has_verb(verb[0]):
            print(f"{shown:<44} (no such verb here: skipped)")
            continue
        command = [sys.executable, "-m", "kg.cli", *verb]
        if verb[0] == "viz":
            command += ["--out", os.path.join(out, f"viz-{verb[1]}.html")]
        timed(command, cached)  # fills the caches
        fast, fast_cpu, printed, status = median_s(command, cached, args.repeat)
        slow, slow_cpu, reference, _ = median_s(command, uncached, max(1, args.repeat // 2))
        verdict = "ok" if fast < target else "SLOW"
        same = "same" if printed == reference else "DIFFERS"
        if status:
            same += f" (exit {status})"
        print(
            f"{shown:<44} {fast:7.2f} ({fast_cpu:5.2f}) {target:6.1f} {verdict:>4} {slow:7.2f} ({slow_cpu:5.2f}) "
            f"{slow / fast:7.1f}x  {same}"
        )
    if not args.only or "python" in args.only.split(","):
        print(f"\n{'Python entry points (one process, caches filled)':<52} {'ms':>8}")
        sys.stdout.flush()
        subprocess.run([sys.executable, "-c", ENTRY_POINTS], env=cached, check=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
