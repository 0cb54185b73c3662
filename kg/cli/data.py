"""Verbs over the data: ``build``, ``validate``, ``stats``, ``coverage``."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from kg.cli.options import EXIT_INVALID, TABLE_FORMATS, add_verb, print_json, read_graph


def _progress(verb: str, quiet: bool):
    """A progress callback printing ``kg VERB: STEP`` on stderr with the seconds since the start, or nothing."""
    if quiet:
        return lambda step: None
    start = time.perf_counter()
    return lambda step: print(f"kg {verb}: {step} ({time.perf_counter() - start:.1f} s)", file=sys.stderr, flush=True)


def build(args) -> int:
    from kg.build import build, summary
    from kg.problems import ValidationFailed

    try:
        result = build(
            args.data,
            args.out,
            on_wait=lambda message: print(message, file=sys.stderr, flush=True),
            progress=_progress("build", args.quiet),
            engine=args.engine,
        )
    except ValidationFailed as failure:
        print(failure, file=sys.stderr)
        print(f"nothing written to {args.out}", file=sys.stderr)
        return EXIT_INVALID
    print(summary(result.stats, result.report))
    print("wrote " + ", ".join(str(p) for p in result.paths))
    return 0


def validate(args) -> int:
    from kg.validate import validate

    report = validate(args.data, progress=_progress("validate", args.quiet), engine=args.engine)
    if args.format == "json":
        print_json(report.as_dict())
    else:
        from kg.problems import report_order

        for problem in sorted(report.problems, key=report_order):
            print(problem)
        counts = ", ".join(f"{layer}: {n}" for layer, n in report.counts().items())
        print(f"{'valid' if report.ok else 'INVALID'} ({counts} problems)")
    return 0 if report.ok else EXIT_INVALID


def stats(args) -> int:
    stats_path = Path(args.out) / "stats.json"
    if stats_path.exists():
        counts = json.loads(stats_path.read_text(encoding="utf-8"))
    else:
        from kg.build import compute_stats
        from kg.store import from_tables

        print(f"{stats_path} not found: counting from {args.data} without writing", file=sys.stderr)
        counts = compute_stats(from_tables(args.data))
    if args.format == "json":
        print(json.dumps(counts, ensure_ascii=False, indent=2, sort_keys=True))
        return 0
    from kg.cli.render import text_output
    from kg.results import Results

    print(f"quads: {counts['quads']}")
    for section in ("classes", "facts_per_source", "triples_per_graph", "predicates"):
        rows = sorted(counts[section].items(), key=lambda kv: (-kv[1], kv[0]))
        print("\n" + text_output(Results([section, "count"], rows), "table", wide=args.wide), end="")
    return 0


def coverage(args) -> int:
    from kg.cli.render import write_output
    from kg.coverage import COLUMNS, coverage
    from kg.results import Results

    graph = read_graph(args)
    rows = [tuple(r[c] for c in COLUMNS) for r in coverage(graph) if not args.thin or r["facts"] == 0]
    write_output(Results(list(COLUMNS), rows), args, graph=graph)
    return 0


def review(args) -> int:
    from kg import review
    from kg.cli.render import write_output
    from kg.results import Results

    graph = read_graph(args)
    rows = review.near_duplicates(graph) if args.report == "duplicates" else review.conflicts(graph)
    write_output(Results.from_records(rows), args, graph=graph)
    return 0


def _add_long_verb_options(verb) -> None:
    from kg.problems import SHACL_ENGINES

    verb.add_argument("--quiet", action="store_true", help="print no progress lines on stderr")
    verb.add_argument(
        "--engine",
        choices=SHACL_ENGINES,
        default=SHACL_ENGINES[0],
        help="SHACL engine: kg's own on Oxigraph (default, fast) or pyshacl (the reference, slow)",
    )


def register(verbs) -> None:
    verb = add_verb(
        verbs,
        "build",
        build,
        "validate the data and write kg.nq, kg.ttl, kg.jsonld, stats.json",
        "Validate data/ in three layers (tables, SHACL, SPARQL violation queries); when all pass, write kg.nq "
        "(sorted, reproducible), kg.ttl, kg.jsonld and stats.json to the output folder. Writes nothing on any "
        "problem (exit 2).",
        data=True,
        out=True,
    )
    _add_long_verb_options(verb)
    verb = add_verb(
        verbs,
        "validate",
        validate,
        "check the data in three layers and report every problem",
        "Run the table checks, the SHACL shapes of ontology/shapes.ttl and the SPARQL violation queries; print one "
        "line per problem as FILE:LINE:COLUMN: CODE message. Exit 2 when anything fails.",
        data=True,
        formats=("text", "json"),
    )
    _add_long_verb_options(verb)
    verb = add_verb(
        verbs,
        "stats",
        stats,
        "counts per class, predicate and source",
        "Print the counts of the last build (OUT/stats.json), or count from the data without writing when there is "
        "no build yet.",
        out=True,
        data=True,
        formats=("table", "json"),
    )
    verb.add_argument("--wide", action="store_true", help="table: every cell on one line, however wide")
    verb = add_verb(
        verbs,
        "coverage",
        coverage,
        "facts and entities per source document and section",
        "For every source document, list its sections, tables, figures and boxes (read from the seed text) with the "
        "number of stated facts and entities citing each. Parts with 0 are thin spots.",
        graph=True,
        formats=TABLE_FORMATS,
    )
    verb.add_argument("--thin", action="store_true", help="only the parts nothing cites")
    verb = add_verb(
        verbs,
        "review",
        review,
        "reports for curators: near-duplicate names, conflicting facts",
        "duplicates: pairs of entities whose names may mean one thing under two ids (same name once normalised, "
        "or alike labels). conflicts: facts that take one value (location, part of, years, dates) given two, "
        "each with its source and locator. Neither report chooses; a curator reads the sources.",
        graph=True,
        formats=TABLE_FORMATS,
    )
    verb.add_argument("report", choices=["duplicates", "conflicts"])
