"""The ``query`` verb: named queries, SPARQL text or a .rq file, on the embedded store or an endpoint."""

from __future__ import annotations

import argparse
from pathlib import Path

from kg.cli.options import EXIT_INVALID, add_verb, print_frame

EXAMPLES = """\
examples:
  kg query --list
  kg query cq04-share-of-gdp-targets --param region=合肥
  kg query 'SELECT ?r WHERE { ?r kg:partOf yrd:hefei }' --format csv
  kg query -f my.rq --endpoint http://127.0.0.1:7878/query"""


def _params(pairs: list[str]) -> dict[str, str]:
    from kg.errors import ParameterError

    params = {}
    for pair in pairs:
        name, equals, value = pair.partition("=")
        if not equals or not name:
            raise ParameterError(f"--param {pair!r}: expected NAME=VALUE")
        params[name] = value
    return params


def _text(path: str) -> str:
    from kg.errors import MissingFile

    try:
        return Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise MissingFile(path, "no such query file") from None


def run(args) -> int:
    import sys

    from kg.cli.options import read_graph
    from kg.queries import library
    from kg.queries import run as run_named

    queries = library()
    if args.list:
        print("\n\n".join(q.describe() for q in queries.values()))
        return 0
    params = _params(args.param)
    if not (args.file or args.sparql):
        print("give a query name (kg query --list), a SPARQL string or -f FILE", file=sys.stderr)
        return EXIT_INVALID
    graph = read_graph(args)
    if args.file:
        result = graph.query(_text(args.file))
    elif args.sparql in queries or not any(c.isspace() for c in args.sparql):
        result = run_named(graph, args.sparql, **params)
    else:
        result = graph.query(args.sparql)
    if isinstance(result, bool):
        print("true" if result else "false")
        return 0
    print_frame(result, args.format)
    return 0


def register(verbs) -> None:
    verb = add_verb(
        verbs,
        "query",
        run,
        "run a named query or any SPARQL; print a table, CSV, TSV or JSON",
        "Run a named query of kg/queries (see --list) with --param name=value, a SPARQL string, or a .rq file, over "
        "the union of all graphs.\nPrefixes kg:, yrd:, src:, rdf:, rdfs:, xsd:, owl:, skos:, prov:, org:, schema:, "
        "dcterms:, qb:, wgs:, sh: are declared already.\n\n" + EXAMPLES,
        graph=True,
        formats=("table", "csv", "tsv", "json"),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    verb.add_argument("sparql", nargs="?", help="a named query or the text of a SPARQL query")
    verb.add_argument("-f", "--file", help="read the query from this .rq file")
    verb.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a parameter of a named query (repeatable); values are bound as data",
    )
    verb.add_argument("--list", action="store_true", help="describe every named query and its parameters")
    verb.add_argument("--endpoint", default=None, help="run on this SPARQL 1.1 endpoint instead of the embedded store")
