"""The ``site`` verb: the browsable research portal."""

from __future__ import annotations

from pathlib import Path

from kg.cli.options import add_verb


def site(args) -> int:
    from kg.cli.options import read_graph
    from kg.site import build_site

    seeds = {"seeds_dir": args.seeds} if args.seeds else {}
    result = build_site(read_graph(args, in_memory=True), args.out, **seeds)
    print(
        f"wrote {result.out} ({result.pages} pages, {result.files} files, {result.bytes / 2**20:.1f} MiB) "
        f"in {result.seconds:.1f} s; open {result.out / 'index.html'}"
    )
    return 0


def register(verbs) -> None:
    from kg import paths

    verb = add_verb(
        verbs,
        "site",
        site,
        "write the research portal: a static, offline site with a page for every entity, pattern and source",
        "Write a static site made from the built graph: a page for every entity, pattern, class and source "
        "document (its sections in document order with the facts citing each), an ontology page, class indexes "
        "and a search over every label and alias that runs in the browser. Every fact is cited with its document, "
        "locator and section title; pages switch between Chinese and English, open from the file system with no "
        "network, and each has its triples beside it as Turtle. The site is staged and swapped in whole.",
        graph=True,
    )
    verb.add_argument(
        "--out",
        type=Path,
        default=paths.DEFAULT_OUT_DIR / "site",
        help=f"folder of the site, replaced whole (default: {paths.DEFAULT_OUT_DIR / 'site'})",
    )
    verb.add_argument(
        "--seeds",
        type=Path,
        default=None,
        help=f"folder of the source texts, for section titles (default: $KG_SEEDS or {paths.SEEDS_DIR})",
    )
