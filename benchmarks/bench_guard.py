"""What reading a query before it runs costs: kg.sparql's lexer against rdflib's SPARQL parser.

For each named query (parameters bound as in ``kg query``) it prints the median time of
``kg.sparql.check_query`` (the lexer that finds SERVICE and updates), of rdflib's
``prepareQuery`` (a full parse that would also find them), and of running the query on the
embedded store, and the ratio parser / lexer.

    python benchmarks/bench_guard.py [--repeat 50]
"""

from __future__ import annotations

import argparse

from timing import median_ms

from kg.iris import PREFIXES
from kg.queries import bind, library, with_values
from kg.sparql import check_query
from kg.store import load


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()
    from rdflib.plugins.sparql import prepareQuery

    graph = load()
    print(f"{'query':<28} {'lexer ms':>9} {'rdflib parse ms':>16} {'run ms':>8} {'parse/lexer':>12}")
    totals = [0.0, 0.0]
    for q in library().values():
        text = with_values(q.text, bind(graph, q, q.example_params()))
        lexer = median_ms(lambda text=text: check_query(text), args.repeat)
        parse = median_ms(lambda text=text: prepareQuery(text, initNs=PREFIXES), max(3, args.repeat // 10))
        run = median_ms(lambda text=text: list(graph.select(text)), max(3, args.repeat // 10))
        totals[0] += lexer
        totals[1] += parse
        print(f"{q.name[:28]:<28} {lexer:9.3f} {parse:16.2f} {run:8.2f} {parse / lexer:12.0f}")
    print(f"{'all 12':<28} {totals[0]:9.3f} {totals[1]:16.2f} {'':>8} {totals[1] / totals[0]:12.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
