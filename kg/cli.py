"""The ``kg`` command: thin verbs over the library.

Each verb imports what it needs when it runs, so ``kg --help`` starts without
loading pandas, pyshacl or pyvis. Exit status: 0 success, 2 invalid input
(validation problems, a malformed query, a missing file).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

EXIT_INVALID = 2

DESCRIPTION = """\
Knowledge graph of digital-economy policies, regions and development patterns
in the Yangtze River Delta. Facts are curated in data/*.csv (declared in
data/datapackage.json), checked in three layers, and built into RDF with one
named graph per source document."""


def _paths():
    from kg import paths

    return paths


def cmd_build(args) -> int:
    from kg.build import build, summary
    from kg.problems import ValidationFailed

    try:
        result = build(args.data, args.out)
    except ValidationFailed as failure:
        print(failure, file=sys.stderr)
        print(f"nothing written to {args.out}", file=sys.stderr)
        return EXIT_INVALID
    print(summary(result.stats, result.report))
    print("wrote " + ", ".join(str(p) for p in result.paths))
    return 0


def cmd_validate(args) -> int:
    from kg.validate import validate

    report = validate(args.data)
    if args.format == "json":
        print(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    else:
        for problem in sorted(report.problems):
            print(problem)
        counts = ", ".join(f"{layer}: {n}" for layer, n in report.counts().items())
        print(f"{'valid' if report.ok else 'INVALID'} ({counts} problems)")
    return 0 if report.ok else EXIT_INVALID


def cmd_stats(args) -> int:
    stats_path = Path(args.out) / "stats.json"
    if stats_path.exists():
        stats = json.loads(stats_path.read_text(encoding="utf-8"))
    else:
        from kg.build import compute_stats
        from kg.store import from_tables

        print(f"{stats_path} not found: counting from {args.data} without writing", file=sys.stderr)
        stats = compute_stats(from_tables(args.data))
    if args.format == "json":
        print(json.dumps(stats, ensure_ascii=False, indent=2, sort_keys=True))
        return 0
    print(f"quads: {stats['quads']}")
    for section in ("classes", "facts_per_source", "triples_per_graph", "predicates"):
        print(f"\n{section}:")
        for key, value in sorted(stats[section].items(), key=lambda kv: (-kv[1], kv[0])):
            print(f"  {value:>7}  {key}")
    return 0


def _source(args):
    """The graph a verb reads: a remote endpoint, or the embedded store."""
    if getattr(args, "endpoint", None):
        from kg.endpoint import Endpoint

        return Endpoint(args.endpoint)
    from kg.store import load

    return load(args.graph)


def cmd_query(args) -> int:
    from kg.named import ParameterError, library, run

    queries = library()
    if args.list:
        print("\n\n".join(q.describe() for q in queries.values()))
        return 0
    params = dict(p.split("=", 1) for p in args.param)
    graph = _source(args)
    try:
        if args.file:
            result = graph.query(Path(args.file).read_text(encoding="utf-8"))
        elif args.sparql in queries:
            result = run(graph, args.sparql, **params)
        elif args.sparql:
            result = graph.query(args.sparql)
        else:
            print("give a query name (kg query --list), a SPARQL string or -f FILE", file=sys.stderr)
            return EXIT_INVALID
    except SyntaxError as err:
        print(f"SPARQL syntax error: {err}", file=sys.stderr)
        return EXIT_INVALID
    except ParameterError as err:
        print(err, file=sys.stderr)
        return EXIT_INVALID
    if isinstance(result, bool):
        print("true" if result else "false")
        return 0
    _print_frame(result, args.format)
    return 0


def cmd_coverage(args) -> int:
    import pandas as pd

    from kg.coverage import coverage
    from kg.store import load

    frame = pd.DataFrame(coverage(load(args.graph)))
    if args.thin:
        frame = frame[frame["facts"] == 0]
    _print_frame(frame, args.format)
    return 0


def cmd_serve(args) -> int:
    from kg.serve import serve

    nquads = Path(args.graph) if args.graph else Path(_paths().DEFAULT_OUT_DIR) / "kg.nq"
    location = args.location or nquads.parent / "oxigraph-store"
    return serve(nquads, location, bind=args.bind, port=args.port, timeout=args.timeout)


def cmd_upload(args) -> int:
    from kg.endpoint import upload

    nquads = Path(args.graph) if args.graph else Path(_paths().DEFAULT_OUT_DIR) / "kg.nq"
    for graph in upload(nquads, args.store):
        print(f"put {graph}")
    return 0


def _network(args):
    from kg.network import cooperation_network
    from kg.store import load

    return cooperation_network(load(args.graph))


def _print_frame(frame, fmt: str) -> None:
    if fmt == "json":
        print(frame.to_json(orient="records", force_ascii=False, date_format="iso"))
    elif fmt in ("csv", "tsv"):
        frame.to_csv(sys.stdout, index=False, sep="," if fmt == "csv" else "\t")
    else:
        import pandas as pd

        with pd.option_context("display.max_rows", None, "display.max_columns", None, "display.width", 250,
                               "display.max_colwidth", 40):
            print(frame.to_string(index=False) if len(frame) else "(no rows)")


def cmd_patterns(args) -> int:
    from kg.patterns import patterns_table
    from kg.store import load

    table = patterns_table(load(args.graph))
    if args.pattern:
        table = table[(table["pattern"] == args.pattern) | (table["pattern_en"].str.lower() == args.pattern.lower())]
    _print_frame(table, args.format)
    return 0


def _hop_text(G, a, b, evidence) -> str:
    lines = []
    for e in evidence:
        arrow = f"{e['relation']} →" if e["source"] == a else f"← {e['relation']}"
        role = f" role={e['role']}" if e["role"] else ""
        case = f" case={G.nodes[e['case']]['label_zh']}" if e["case"] in G and e["relation"] != "participation" else ""
        document = e["document"].rsplit("/", 1)[1]
        lines.append(f"    {G.nodes[a]['label_zh']} —[{arrow}]— {G.nodes[b]['label_zh']}{role}{case}  ({document}, {e['locator']})")
    return "\n".join(lines)


def cmd_chains(args) -> int:
    from kg.network import chains

    G = _network(args)
    found = chains(G, args.a, args.b, max_hops=args.max_hops, k=args.k)
    if args.format == "json":
        print(json.dumps([c.as_dict(G) for c in found], ensure_ascii=False, indent=2))
        return 0
    if not found:
        print(f"no chain of at most {args.max_hops} hops")
    for number, chain in enumerate(found, 1):
        print(f"chain {number}: {' — '.join(G.nodes[n]['label_zh'] for n in chain.nodes)}  ({chain.length} hops)")
        for a, b, hop in zip(chain.nodes, chain.nodes[1:], chain.hops):
            print(_hop_text(G, a, b, hop))
    return 0


def cmd_profile(args) -> int:
    from kg.patterns import pattern_profile
    from kg.store import load

    _print_frame(pattern_profile(load(args.graph), args.entity), args.format)
    return 0


def cmd_bridges(args) -> int:
    import pandas as pd

    from kg.network import bridges

    rows = bridges(_network(args), top=args.top)
    frame = pd.DataFrame(rows).drop(columns=["node"])
    frame["provinces"] = frame["provinces"].map(", ".join)
    _print_frame(frame, args.format)
    return 0


def cmd_export(args) -> int:
    from kg.export import export_network

    out = args.out or Path(_paths().DEFAULT_OUT_DIR) / f"network.{args.format}"
    for path in export_network(_network(args), out, args.format):
        print(f"wrote {path}")
    return 0


def cmd_viz(args) -> int:
    from kg import viz
    from kg.network import overview_network
    from kg.store import load

    graph = load(args.graph)
    if args.kind == "overview":
        view = viz.overview(overview_network(graph), lang=args.lang)
    else:
        from kg.network import cooperation_network

        G = cooperation_network(graph)
        view = {"pattern": lambda: viz.pattern_view(G, args.name, lang=args.lang),
                "case": lambda: viz.case_view(G, args.name, lang=args.lang),
                "ego": lambda: viz.ego_view(G, args.entity, hops=args.hops, lang=args.lang),
                "chain": lambda: viz.chain_view(G, args.a, args.b, k=args.k, max_hops=args.max_hops, lang=args.lang),
                "map": lambda: viz.map_view(G, pattern=args.pattern, lang=args.lang)}[args.kind]()
    out = args.out or Path(_paths().DEFAULT_OUT_DIR) / f"viz-{args.kind}.html"
    view.save(out)
    print(f"wrote {out} ({view.graph.number_of_nodes()} nodes, {view.graph.number_of_edges()} edges)")
    return 0


def parser() -> argparse.ArgumentParser:
    paths = _paths()
    top = argparse.ArgumentParser(prog="kg", description=DESCRIPTION,
                                  formatter_class=argparse.RawDescriptionHelpFormatter)
    top.add_argument("--version", action="version", version="kg 0.1.0")
    verbs = top.add_subparsers(dest="verb", metavar="VERB", required=True)
    data_help = f"folder with datapackage.json and the CSV tables (default: {paths.DEFAULT_DATA_DIR})"
    out_help = f"folder for the outputs (default: {paths.DEFAULT_OUT_DIR})"

    build = verbs.add_parser("build", help="validate the data and write kg.nq, kg.ttl, kg.jsonld, stats.json",
                             description="Validate data/ in three layers (tables, SHACL, SPARQL violation queries); "
                                         "when all pass, write kg.nq (sorted, reproducible), kg.ttl, kg.jsonld and "
                                         "stats.json to the output folder. Writes nothing on any problem (exit 2).")
    build.add_argument("--data", default=paths.DEFAULT_DATA_DIR, type=Path, help=data_help)
    build.add_argument("--out", default=paths.DEFAULT_OUT_DIR, type=Path, help=out_help)
    build.set_defaults(run=cmd_build)

    validate = verbs.add_parser("validate", help="check the data in three layers and report every problem",
                                description="Run the table checks, the SHACL shapes of ontology/shapes.ttl and the "
                                            "SPARQL violation queries; print one line per problem as "
                                            "FILE:LINE:COLUMN: CODE message. Exit 2 when anything fails.")
    validate.add_argument("--data", default=paths.DEFAULT_DATA_DIR, type=Path, help=data_help)
    validate.add_argument("--format", choices=["text", "json"], default="text", help="report format (default: text)")
    validate.set_defaults(run=cmd_validate)

    stats = verbs.add_parser("stats", help="counts per class, predicate and source",
                             description="Print the counts of the last build (OUT/stats.json), or count from the "
                                         "data without writing when there is no build yet.")
    stats.add_argument("--out", default=paths.DEFAULT_OUT_DIR, type=Path, help=out_help)
    stats.add_argument("--data", default=paths.DEFAULT_DATA_DIR, type=Path, help=data_help)
    stats.add_argument("--format", choices=["table", "json"], default="table")
    stats.set_defaults(run=cmd_stats)

    query = verbs.add_parser("query", help="run a named query or any SPARQL; print a table, CSV, TSV or JSON",
                             formatter_class=argparse.RawDescriptionHelpFormatter,
                             description="Run a named query of kg/queries (see --list) with --param name=value, "
                                         "a SPARQL string, or a .rq file, over the union of all graphs.\n"
                                         "Prefixes kg:, yrd:, src:, rdf:, rdfs:, xsd:, owl:, skos:, prov:, org:, "
                                         "schema:, dcterms:, qb:, wgs:, sh: are declared already.\n\n"
                                         "examples:\n"
                                         "  kg query --list\n"
                                         "  kg query cq04-share-of-gdp-targets --param region=合肥\n"
                                         "  kg query 'SELECT ?r WHERE { ?r kg:partOf yrd:hefei }' --format csv\n"
                                         "  kg query -f my.rq --endpoint http://127.0.0.1:7878/query")
    query.add_argument("sparql", nargs="?", help="a named query or the text of a SPARQL query")
    query.add_argument("-f", "--file", help="read the query from this .rq file")
    query.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                       help="a parameter of a named query (repeatable); values are bound as data")
    query.add_argument("--list", action="store_true", help="describe every named query and its parameters")
    query.add_argument("--graph", default=None,
                       help="built kg.nq (or its folder) to load (default: build/kg.nq, else build from data/ in memory)")
    query.add_argument("--endpoint", default=None, help="run on this SPARQL 1.1 endpoint instead of the embedded store")
    query.add_argument("--format", choices=["table", "csv", "tsv", "json"], default="table")
    query.set_defaults(run=cmd_query)

    def reads_graph(verb, formats=("table", "csv", "json")):
        verb.add_argument("--graph", default=None,
                          help="built kg.nq (or its folder) to load (default: build/kg.nq, else build from data/ in memory)")
        if formats:
            verb.add_argument("--format", choices=list(formats), default="table")

    patterns = verbs.add_parser("patterns", help="table of development patterns, cases, participants and roles",
                                description="List every participation of every pattern case: pattern, case, "
                                            "participant, role, function, source and locator.")
    patterns.add_argument("pattern", nargs="?", help="only this pattern (zh or en label, e.g. 产业飞地)")
    reads_graph(patterns)
    patterns.set_defaults(run=cmd_patterns)

    chains = verbs.add_parser("chains", help="cooperation chains between two entities, each hop cited",
                              description="Find the best chains of cooperation ties between two entities (names "
                                          "in Chinese or English, pinyin, admin code or id), shortest first, each "
                                          "hop with its relation, case, role, source and locator.")
    chains.add_argument("a")
    chains.add_argument("b")
    chains.add_argument("--max-hops", type=int, default=4, help="longest chain to report (default 4)")
    chains.add_argument("-k", type=int, default=10, help="how many chains (default 10)")
    reads_graph(chains, formats=("table", "json"))
    chains.set_defaults(run=cmd_chains)

    profile = verbs.add_parser("profile", help="patterns and cases an entity takes part in, and its roles",
                               description="Show which development patterns and cases an entity takes part in, "
                                           "in which roles, with sources.")
    profile.add_argument("entity")
    reads_graph(profile)
    profile.set_defaults(run=cmd_profile)

    bridges = verbs.add_parser("bridges", help="betweenness ranking of the cooperation network",
                               description="Rank entities by betweenness centrality in the cooperation network "
                                           "and list the provinces each one joins (exact up to 2,000 nodes, "
                                           "sampled above; the method column says which).")
    bridges.add_argument("--top", type=int, default=20)
    reads_graph(bridges)
    bridges.set_defaults(run=cmd_bridges)

    export = verbs.add_parser("export", help="write the cooperation network as GraphML, GEXF or CSV",
                              description="Write the cooperation network for Gephi, Cytoscape or pandas: GraphML, "
                                          "GEXF (with map positions) or CSV node and edge lists.")
    export.add_argument("--format", choices=["graphml", "gexf", "csv"], required=True)
    export.add_argument("--out", type=Path, default=None, help="output file (default: build/network.FORMAT)")
    reads_graph(export, formats=())
    export.set_defaults(run=cmd_export)

    viz = verbs.add_parser("viz", help="write an interactive network page (self-contained HTML, works offline)",
                           description="Write one interactive network page: pyvis/vis-network inlined, no request "
                                       "leaves the page. Tooltips cite sources and locators; the page has a zh/en "
                                       "label switch and a search box.")
    kinds = viz.add_subparsers(dest="kind", metavar="KIND", required=True)
    view_kinds = {
        "overview": kinds.add_parser("overview", help="every entity, coloured by type, sized by degree"),
        "pattern": kinds.add_parser("pattern", help="one development pattern's cases, participants coloured by role"),
        "case": kinds.add_parser("case", help="one pattern case, participants coloured by role"),
        "ego": kinds.add_parser("ego", help="an entity's neighbourhood"),
        "chain": kinds.add_parser("chain", help="the best cooperation chains between two entities"),
        "map": kinds.add_parser("map", help="regions at their coordinates; transfers and enclaves as arrows"),
    }
    view_kinds["pattern"].add_argument("name", help="pattern: zh or en label or notation, e.g. 产业飞地")
    view_kinds["case"].add_argument("name", help="case name, e.g. 上海工业互联网产业飞地模式")
    view_kinds["ego"].add_argument("entity")
    view_kinds["ego"].add_argument("--hops", type=int, default=1, help="neighbourhood radius (default 1)")
    view_kinds["chain"].add_argument("a")
    view_kinds["chain"].add_argument("b")
    view_kinds["chain"].add_argument("-k", type=int, default=3, help="how many chains (default 3)")
    view_kinds["chain"].add_argument("--max-hops", type=int, default=4, help="longest chain (default 4)")
    view_kinds["map"].add_argument("--pattern", default=None, help="only this pattern's network")
    for kind in view_kinds.values():
        kind.add_argument("--out", type=Path, default=None, help="HTML file to write (default: build/viz-KIND.html)")
        kind.add_argument("--lang", choices=["zh", "en"], default="zh", help="label language the page opens with")
        reads_graph(kind, formats=())
    viz.set_defaults(run=cmd_viz)

    coverage = verbs.add_parser("coverage", help="facts and entities per source document and section",
                                description="For every source document, list its sections, tables, figures and "
                                            "boxes (read from the seed text) with the number of stated facts and "
                                            "entities citing each. Parts with 0 are thin spots.")
    coverage.add_argument("--thin", action="store_true", help="only the parts nothing cites")
    reads_graph(coverage)
    coverage.set_defaults(run=cmd_coverage)

    serve = verbs.add_parser("serve", help="serve the built graph with the Oxigraph SPARQL server, read-only",
                             description="Load build/kg.nq into an on-disk Oxigraph store and start the Oxigraph "
                                         "server read-only (updates refused) with the union of the named graphs "
                                         "as default graph, a query timeout and its query UI. Ctrl-C stops it.")
    serve.add_argument("--port", type=int, default=7878, help="port (default 7878)")
    serve.add_argument("--bind", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--timeout", type=int, default=30, help="seconds before a query is stopped (default 30)")
    serve.add_argument("--graph", default=None, help="built kg.nq to serve (default build/kg.nq)")
    serve.add_argument("--location", type=Path, default=None, help="store folder (default: beside kg.nq)")
    serve.set_defaults(run=cmd_serve)

    upload = verbs.add_parser("upload", help="load the built dataset into a store via the Graph Store Protocol",
                              description="PUT every named graph of build/kg.nq into a SPARQL 1.1 Graph Store "
                                          "Protocol endpoint (e.g. http://127.0.0.1:7878/store of a read-write "
                                          "Oxigraph, or Fuseki's /dataset/data).")
    upload.add_argument("store", help="graph store URL")
    upload.add_argument("--graph", default=None, help="built kg.nq to upload (default build/kg.nq)")
    upload.set_defaults(run=cmd_upload)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except FileNotFoundError as err:
        print(f"file not found: {err.filename} ({err.strerror})", file=sys.stderr)
        return EXIT_INVALID
    except LookupError as err:  # kg.names.UnknownName, AmbiguousName, unknown named query
        print(err, file=sys.stderr)
        return EXIT_INVALID
    except RuntimeError as err:  # kg.endpoint.EndpointError
        print(err, file=sys.stderr)
        return EXIT_INVALID


if __name__ == "__main__":
    raise SystemExit(main())
