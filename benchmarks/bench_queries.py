"""Named queries at growing scale: our layer vs raw pyoxigraph vs rdflib's in-memory store.

For each scale (copies of the real graph, see kg/synthetic.py) and each named
query, prints the median time of:

* ``rows``: ``kg.queries.answer`` (binding, the embedded Oxigraph store, :class:`kg.results.Results`
  of Python values): what the command line and the server's callers get;
* ``frame``: ``kg.queries.run``, the same as a typed pandas DataFrame (the Python API);
* ``raw``: the same bound query text on ``pyoxigraph.Store.query``, results listed, nothing else;
* ``rdflib``: the same text on an ``rdflib.Dataset`` (union default graph), only up to
  ``--rdflib-max`` copies, in a forked child stopped after ``--rdflib-cap`` seconds.

The real graph already has ~60k quads (every fact is also a cited statement),
so 16 copies make about a million: the size the goals are stated for
(p50 < 200 ms; >= 10x faster than rdflib; within 1.5x of raw pyoxigraph where the raw
query takes over 5 ms: below that a fixed part of a millisecond dominates the ratio).

    python benchmarks/bench_queries.py [--scales 1,4,16] [--repeat 7] [--queries cq05,cq12]
"""

from __future__ import annotations

import argparse
import statistics

from pyoxigraph import Store
from timing import median_ms

from kg.iris import PREFIXES, PROLOGUE
from kg.mapping import dataset_quads
from kg.names import names_of
from kg.queries import answer, bind, library, run, with_values
from kg.store import KnowledgeGraph
from kg.synthetic import scaled_tables
from kg.tables import load_tables

ID = "https://w3id.org/yrd-de/id/"
#: Entities are given by IRI: in scaled data every copy of 上海 is also called 上海. The lookups of cq13-cq16 are
#: measured as they are meant to be used, for one subject, plan, issuer or group (unbound they list everything).
PARAMS = {
    "cq02-cooperation-chains": {"from": ID + "shanghai", "to": ID + "suzhou-anhui"},
    "cq03-carriers-by-industry": {"industry": ID + "artificial-intelligence"},
    "cq10-entity-facts": {"entity": ID + "hefei"},
    "cq13-figures": {"subject": ID + "nanjing"},
    "cq14-plan-contents": {"plan": ID + "yrd-digital-trunk-line-outline"},
    "cq15-policy-timeline": {"issuer": ID + "national-data-administration"},
    "cq16-group-members": {"group": ID + "wanbei-six-cities"},
}


def rdflib_ms(dataset, text: str, repeat: int, cap: float) -> float | None:
    """Median ms of an rdflib query run in a forked child (sharing the parsed dataset), or None past ``cap`` s."""
    import multiprocessing

    def child(pipe):
        pipe.send(median_ms(lambda: list(dataset.query(text)), repeat))

    receive, send = multiprocessing.get_context("fork").Pipe(duplex=False)
    process = multiprocessing.get_context("fork").Process(target=child, args=(send,))
    process.start()
    answered = receive.poll(cap)
    result = receive.recv() if answered else None
    process.kill()
    process.join()
    return result


def rdflib_dataset(store: Store):
    from rdflib import Dataset

    dataset = Dataset(default_union=True)
    dataset.parse(data=store.dump(format=__import__("pyoxigraph").RdfFormat.N_QUADS), format="nquads")
    return dataset


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="1,4,16")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--rdflib-max", type=int, default=1, help="largest scale rdflib is run at")
    parser.add_argument("--rdflib-cap", type=float, default=30.0, help="seconds after which an rdflib run is stopped")
    parser.add_argument("--queries", default="", help="only these named queries (comma-separated prefixes: cq05,cq12)")
    args = parser.parse_args()
    real = load_tables()
    wanted = tuple(filter(None, args.queries.split(",")))
    queries = {name: q for name, q in library().items() if not wanted or name.startswith(wanted)}
    print(
        f"{'scale':>5} {'quads':>9} {'query':<30} {'rows ms':>8} {'frame ms':>9} {'raw ms':>8} {'rows/raw':>8} "
        f"{'frame/raw':>9} {'rdflib ms':>10} {'rdflib/rows':>11}"
    )
    for factor in (int(s) for s in args.scales.split(",")):
        store = Store()
        store.extend(dataset_quads(scaled_tables(real, factor)))
        graph = KnowledgeGraph(store)
        names_of(graph)  # built once per graph; not part of a query's time
        dataset = rdflib_dataset(store) if factor <= args.rdflib_max else None
        worst, ratios, slow_ratios = 0.0, [], []
        for name, query in queries.items():
            params = PARAMS.get(name, {})
            text = with_values(query.text, bind(graph, query, params))
            rows = median_ms(lambda graph=graph, name=name, params=params: answer(graph, name, **params), args.repeat)
            frame = median_ms(lambda graph=graph, name=name, params=params: run(graph, name, **params), args.repeat)
            raw = median_ms(
                lambda store=store, text=text: list(
                    store.query(text, prefixes=PREFIXES, use_default_graph_as_union=True)
                ),
                args.repeat,
            )
            rdf = "not run at this scale"
            if dataset is not None:
                rdf_ms = rdflib_ms(dataset, PROLOGUE + text, max(1, args.repeat // 3), args.rdflib_cap)
                rdf = f"{rdf_ms:10.1f} {rdf_ms / rows:10.1f}x" if rdf_ms else f"> {args.rdflib_cap:.0f} s (stopped)"
            worst = max(worst, rows)
            ratios.append(rows / raw)
            if raw > 5:
                slow_ratios.append(rows / raw)
            print(
                f"{factor:>5} {len(store):>9} {name:<30} {rows:8.1f} {frame:9.1f} {raw:8.1f} {rows / raw:8.2f} "
                f"{frame / raw:9.2f} {rdf}"
            )
        over = f"max {max(slow_ratios):.2f} where raw > 5 ms" if slow_ratios else "no raw query over 5 ms"
        print(
            f"{factor:>5} {len(store):>9} {'=> slowest rows p50':<30} {worst:8.1f} ms; rows/raw median "
            f"{statistics.median(ratios):.2f}, {over} (target 1.5)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
