"""Verbs over patterns and the cooperation network: ``patterns``, ``chains``, ``profile``, ``compare``, ``bridges``,
``export``."""

from __future__ import annotations

from pathlib import Path

from kg.cli.options import TABLE_FORMATS, add_verb, positive_int, print_json, read_graph, read_network


def patterns(args) -> int:
    from kg.cli.render import write_output
    from kg.patterns import pattern_rows

    graph = read_graph(args)
    write_output(pattern_rows(graph, pattern=args.pattern), args, graph=graph)
    return 0


def chains(args) -> int:
    from kg.evidence import describe
    from kg.network import chains

    G = read_network(args)
    found = chains(G, args.a, args.b, max_hops=args.max_hops, k=args.k)
    if args.format == "json":
        print_json([c.as_dict(G) for c in found])
        return 0
    if not found:
        print(f"no chain of at most {args.max_hops} hops")
    for number, chain in enumerate(found, 1):
        print(f"chain {number}: {' — '.join(G.nodes[n]['label_zh'] for n in chain.nodes)}  ({chain.length} hops)")
        for a, _, hop in chain.steps():
            for e in hop:
                print(f"    {describe(G, a, e)}")
    return 0


def profile(args) -> int:
    from kg.cli.render import write_output
    from kg.patterns import profile_rows

    graph = read_graph(args)
    write_output(profile_rows(graph, args.entity), args, graph=graph)
    return 0


def compare(args) -> int:
    from kg.cli.render import write_output
    from kg.comparison import comparison

    graph = read_graph(args)
    found = comparison(graph, args.entities, lang=args.lang)
    if args.format == "json":
        print_json(found.as_dict())
    else:
        write_output(found.results(), args, lang=args.lang, graph=graph)
    return 0


def bridges(args) -> int:
    from kg.cache import remember_json
    from kg.cli.render import write_output
    from kg.results import Results

    graph = read_graph(args)

    def ranking():
        from kg.network import bridges, cooperation_network

        return bridges(cooperation_network(graph), top=args.top)

    rows = remember_json(graph, f"bridges-{args.top}", ranking)
    columns = ["label_zh", "label_en", "score", "method", "provinces"]
    values = [tuple(", ".join(r[c]) if c == "provinces" else r[c] for c in columns) for r in rows]
    write_output(Results(columns, values), args, graph=graph)
    return 0


def export(args) -> int:
    from kg.export import export_network
    from kg.paths import DEFAULT_OUT_DIR

    out = args.out or DEFAULT_OUT_DIR / f"network.{args.format}"
    for path in export_network(read_network(args), out, args.format):
        print(f"wrote {path}")
    return 0


def register(verbs) -> None:
    table = TABLE_FORMATS
    verb = add_verb(
        verbs,
        "patterns",
        patterns,
        "table of development patterns, cases, participants and roles",
        "List every participation of every pattern case: pattern, case, participant, role, function, source and "
        "locator.",
        graph=True,
        formats=table,
    )
    verb.add_argument(
        "pattern", nargs="?", help="only this pattern (产业飞地, Industrial enclave or industrial_enclave)"
    )

    verb = add_verb(
        verbs,
        "chains",
        chains,
        "cooperation chains between two entities, each hop cited",
        "Find the best chains of cooperation ties between two entities (names in Chinese or English, pinyin, admin "
        "code or id), shortest first, each hop with its relation, case, role, source and locator.",
        graph=True,
        formats=("table", "json"),
    )
    verb.add_argument("a")
    verb.add_argument("b")
    verb.add_argument("--max-hops", type=positive_int, default=4, help="longest chain to report (default 4)")
    verb.add_argument("-k", type=positive_int, default=10, help="how many chains (default 10)")

    verb = add_verb(
        verbs,
        "profile",
        profile,
        "patterns and cases an entity takes part in, and its roles",
        "Show which development patterns and cases an entity takes part in, in which roles, with sources.",
        graph=True,
        formats=table,
    )
    verb.add_argument("entity")

    verb = add_verb(
        verbs,
        "compare",
        compare,
        "entities side by side: level, figures, plans, parks, cases and roles, every cell cited",
        "Show side by side, one column per entity, what the graph holds for each: level, the region it is part of, "
        "figures by indicator (with the plan that set a target), plans that apply to it, its industries, the parks "
        "and carriers in it with their industries, the pattern cases it takes part in and its roles. Every item is "
        "followed by [source locator]; --format json gives the items with their citations as data.",
        graph=True,
        formats=TABLE_FORMATS,
    )
    verb.add_argument("entities", nargs="+", metavar="ENTITY", help="names in Chinese or English, pinyin, code or id")
    verb.add_argument("--lang", choices=["zh", "en"], default="zh", help="language of labels and figures (default zh)")

    verb = add_verb(
        verbs,
        "bridges",
        bridges,
        "betweenness ranking of the cooperation network",
        "Rank entities by betweenness centrality in the cooperation network and list the provinces each one joins "
        "(exact up to 2,000 nodes, sampled above; the method column says which).",
        graph=True,
        formats=table,
    )
    verb.add_argument("--top", type=positive_int, default=20)

    verb = add_verb(
        verbs,
        "export",
        export,
        "write the cooperation network as GraphML, GEXF, CSV or GeoJSON",
        "Write the cooperation network for Gephi, Cytoscape, pandas or a map tool: GraphML or GEXF (zh/en labels, "
        "type colours, sizes, WGS84 positions, flows directed), CSV node and edge lists (with both ends' "
        "coordinates), or GeoJSON (placed nodes as points, ties as lines).",
        graph=True,
    )
    verb.add_argument("--format", choices=["graphml", "gexf", "csv", "geojson"], required=True)
    verb.add_argument("--out", type=Path, default=None, help="output file (default: build/network.FORMAT)")
