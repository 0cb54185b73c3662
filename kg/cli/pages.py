"""The ``viz`` verb: interactive network pages."""

from __future__ import annotations

from pathlib import Path

from kg.cli.options import add_graph, read_graph

KINDS = {
    "overview": "every entity, coloured by type, sized by degree",
    "pattern": "one development pattern's cases, participants coloured by role",
    "case": "one pattern case, participants coloured by role",
    "ego": "an entity's neighbourhood",
    "chain": "the best cooperation chains between two entities",
    "map": "regions at their coordinates on the basemap; transfers and enclaves as arrows",
    "choropleth": "provinces and delta cities coloured by a figure (e.g. a share-of-GDP target)",
}


def _pyvis_without_ipython() -> None:
    """Import pyvis without the IPython it imports at the top for ``Network.show()`` in notebooks (0.5-2 s).

    ``kg viz`` writes files and never shows a network in a notebook, so while pyvis is imported a
    stand-in answers for ``IPython.display``, then is taken away: IPython itself, imported later
    in this process, is the real one. Where IPython or pyvis is loaded already, nothing changes.
    """
    import sys
    import types

    if "IPython" in sys.modules or "pyvis.network" in sys.modules:
        return

    class IFrame:
        def __init__(self, *args, **kwargs):
            raise RuntimeError("kg viz does not show networks in IPython")

    display = types.ModuleType("IPython.display")
    display.IFrame = IFrame
    sys.modules["IPython"], sys.modules["IPython.display"] = types.ModuleType("IPython"), display
    try:
        import pyvis.network  # noqa: F401
    finally:
        del sys.modules["IPython"], sys.modules["IPython.display"]


def _view(args, graph):
    from kg import viz
    from kg.network import cooperation_network, overview_network

    if args.kind == "overview":
        return viz.overview(overview_network(graph), lang=args.lang)
    if args.kind == "choropleth":
        return viz.choropleth(graph, args.indicator, kind=args.figure_kind, year=args.year, lang=args.lang)
    G = cooperation_network(graph)
    if args.kind == "pattern":
        return viz.pattern_view(G, args.name, lang=args.lang)
    if args.kind == "case":
        return viz.case_view(G, args.name, lang=args.lang)
    if args.kind == "ego":
        return viz.ego_view(G, args.entity, hops=args.hops, lang=args.lang)
    if args.kind == "chain":
        return viz.chain_view(G, args.a, args.b, k=args.k, max_hops=args.max_hops, lang=args.lang)
    return viz.map_view(G, pattern=args.pattern, lang=args.lang)


def run(args) -> int:
    from kg.paths import DEFAULT_OUT_DIR

    _pyvis_without_ipython()
    view = _view(args, read_graph(args))
    out = args.out or DEFAULT_OUT_DIR / f"viz-{args.kind}.html"
    view.save(out)
    print(f"wrote {out} ({view.graph.number_of_nodes()} nodes, {view.graph.number_of_edges()} edges)")
    return 0


def add_indicator(parser) -> None:
    """The arguments that choose the figures of a choropleth (``kg viz choropleth``, ``kg figure choropleth``)."""
    parser.add_argument(
        "indicator",
        help="indicator label in Chinese or English, whole or a part; join wordings of one measure with |, e.g. "
        "'数字经济增加值占GDP比重|数字经济总量占GDP比重'",
    )
    parser.add_argument(
        "--kind", dest="figure_kind", choices=["target", "observed", "forecast", "limit"], help="only figures of a kind"
    )
    parser.add_argument("--year", type=int, default=None, help="only figures of this reference year")


def register(verbs) -> None:
    viz = verbs.add_parser(
        "viz",
        help="write an interactive network page (self-contained HTML, works offline)",
        description="Write one interactive network page: pyvis/vis-network inlined, no request leaves the page. "
        "Tooltips cite sources and locators; the page has a zh/en label switch and a search box.",
    )
    kinds = viz.add_subparsers(dest="kind", metavar="KIND", required=True)
    view = {kind: kinds.add_parser(kind, help=text) for kind, text in KINDS.items()}
    view["pattern"].add_argument("name", help="pattern: 产业飞地, Industrial enclave or industrial_enclave")
    view["case"].add_argument("name", help="case name, e.g. 上海工业互联网产业飞地模式")
    view["ego"].add_argument("entity")
    view["ego"].add_argument("--hops", type=int, default=1, help="neighbourhood radius (default 1)")
    view["chain"].add_argument("a")
    view["chain"].add_argument("b")
    view["chain"].add_argument("-k", type=int, default=3, help="how many chains (default 3)")
    view["chain"].add_argument("--max-hops", type=int, default=4, help="longest chain (default 4)")
    view["map"].add_argument("--pattern", default=None, help="only this pattern's network")
    add_indicator(view["choropleth"])
    for parser in view.values():
        parser.add_argument("--out", type=Path, default=None, help="HTML file to write (default: build/viz-KIND.html)")
        parser.add_argument("--lang", choices=["zh", "en"], default="zh", help="label language the page opens with")
        add_graph(parser)
        parser.set_defaults(run=run)
