"""The ``figure`` verb: static publication figures (matplotlib; PNG at 300 dpi, SVG, PDF)."""

from __future__ import annotations

from pathlib import Path

from kg.cli.options import add_graph, read_graph
from kg.cli.pages import add_indicator

KINDS = {
    "map": "the cooperation network on the basemap (or one pattern's, with --pattern)",
    "choropleth": "provinces and delta cities coloured by a figure",
    "pattern": "one development pattern in rows by level, participants coloured by role",
}


def run(args) -> int:
    from kg import figures
    from kg.network import cooperation_network

    graph = read_graph(args)
    if args.kind == "choropleth":
        fig = figures.choropleth_figure(graph, args.indicator, kind=args.figure_kind, year=args.year, lang=args.lang)
    elif args.kind == "pattern":
        fig = figures.pattern_figure(cooperation_network(graph), args.name, lang=args.lang)
    else:
        fig = figures.map_figure(cooperation_network(graph), pattern=args.pattern, lang=args.lang)
    print(f"wrote {figures.save(fig, args.out)}")
    return 0


def register(verbs) -> None:
    figure = verbs.add_parser(
        "figure",
        help="write a static figure for a paper (PNG at 300 dpi, SVG or PDF)",
        description="Write a publication figure with matplotlib: the basemap where it is a map, a legend, a source "
        "line and Chinese labels. The format follows the suffix of --out.",
    )
    kinds = figure.add_subparsers(dest="kind", metavar="KIND", required=True)
    made = {kind: kinds.add_parser(kind, help=text) for kind, text in KINDS.items()}
    made["map"].add_argument("--pattern", default=None, help="only this pattern's network")
    add_indicator(made["choropleth"])
    made["pattern"].add_argument("name", help="pattern: 产业飞地, Industrial enclave or industrial_enclave")
    for parser in made.values():
        parser.add_argument("--out", type=Path, required=True, help="FILE.png, FILE.svg or FILE.pdf")
        parser.add_argument("--lang", choices=["zh", "en"], default="zh", help="label language")
        add_graph(parser)
        parser.set_defaults(run=run)
