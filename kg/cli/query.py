"""The ``query`` verb: named queries, SPARQL text or a .rq file, on the embedded store or an endpoint."""

from __future__ import annotations

import argparse
from pathlib import Path

from kg.cli.options import EXIT_INVALID, TABLE_FORMATS, add_verb, positive_seconds, size
from kg.errors import ParameterError

EXAMPLES = """\
examples:
  kg query --list
  kg query cq04-share-of-gdp-targets --param region=合肥
  kg query 'SELECT ?r WHERE { ?r kg:partOf yrd:hefei }' --format csv
  kg query cq04-share-of-gdp-targets --format xlsx --out targets.xlsx
  kg query -f my.rq --endpoint http://127.0.0.1:7878/query"""


def _params(pairs: list[str]) -> dict[str, str]:
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


def _lang(name: str | None, params: dict[str, str]) -> str:
    """The language a named query answers in (its ``lang`` parameter, else its default); zh for SPARQL text."""
    from kg.queries import library

    query = library().get(name) if name else None
    default = query.parameters["lang"].default if query and "lang" in query.parameters else None
    return params.get("lang", default) or "zh"


def _answer(args, text: str | None) -> tuple[str, str]:
    """What a named query (``text`` None) or the SPARQL ``text`` prints on stdout and stderr (an xlsx is written
    here, in the process that ran the query)."""
    import contextlib
    import io

    from kg.cli.options import read_graph
    from kg.cli.render import write_output
    from kg.queries import answer

    # SPARQL text runs in memory: the on-disk store would give the rows of a query without ORDER BY in another order
    graph = read_graph(args, in_memory=text is not None)
    params = _params(args.param)
    if text is None:
        result = answer(graph, args.sparql, **params)
    elif args.endpoint:
        result = graph.results(text)
    else:
        result = graph.results(text, allow_service=args.allow_service)
    if isinstance(result, bool):
        return ("true\n" if result else "false\n"), ""
    with contextlib.redirect_stdout(io.StringIO()) as printed, contextlib.redirect_stderr(io.StringIO()) as said:
        write_output(result, args, lang=_lang(args.sparql if text is None else None, params), graph=graph)
    return printed.getvalue(), said.getvalue()


def run(args) -> int:
    import sys

    from kg.queries import library

    queries = library()
    if args.list:
        print("\n\n".join(q.describe() for q in queries.values()))
        return 0
    params = _params(args.param)
    if not (args.file or args.sparql):
        print("give a query name (kg query --list), a SPARQL string or -f FILE", file=sys.stderr)
        return EXIT_INVALID
    if args.file:
        text = _text(args.file)
    elif args.sparql in queries or not any(c.isspace() for c in args.sparql):
        text = None
    else:
        text = args.sparql
    if params and text is not None:
        raise ParameterError("--param is only for named queries (kg query --list)")
    if text is None or args.endpoint:  # named queries run in-process; an endpoint has its own limits
        answer = _answer(args, text)
    else:
        from kg.limits import run_limited

        answer = run_limited(
            _answer, args, text, timeout=args.timeout, memory=args.memory_limit, isolate=not args.allow_service
        )
    printed, said = answer
    sys.stdout.write(printed)
    sys.stderr.write(said)
    return 0


def register(verbs) -> None:
    verb = add_verb(
        verbs,
        "query",
        run,
        "run a named query or any SPARQL; print a table, CSV, TSV or JSON, or write an xlsx workbook",
        "Run a named query of kg/queries (see --list) with --param name=value, a SPARQL string, or a .rq file, over "
        "the union of all graphs.\nPrefixes kg:, yrd:, src:, rdf:, rdfs:, xsd:, owl:, skos:, prov:, org:, schema:, "
        "dcterms:, qb:, wgs:, sh: are declared already.\n\n" + EXAMPLES,
        graph=True,
        formats=TABLE_FORMATS,
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
    verb.add_argument(
        "--timeout",
        type=positive_seconds,
        default=60,
        metavar="SECONDS",
        help="stop a SPARQL text or -f query after this long (default 60; named queries run in-process)",
    )
    verb.add_argument(
        "--memory-limit",
        type=size,
        default="2G",
        metavar="SIZE",
        help="memory cap of a SPARQL text or -f query, e.g. 512M or 4G (default 2G)",
    )
    verb.add_argument(
        "--allow-service",
        action="store_true",
        help="let the query call other servers with SERVICE (federation is off by default)",
    )
