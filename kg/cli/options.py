"""Options several verbs share, defined once, and how verbs read graphs (tables are printed by :mod:`kg.cli.render`)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from kg import paths

__all__ = [
    "EXIT_INVALID",
    "TABLE_FORMATS",
    "add_verb",
    "add_data",
    "add_out",
    "add_graph",
    "add_format",
    "read_graph",
    "read_network",
    "print_json",
    "positive_int",
    "positive_seconds",
    "size",
]

#: Exit status for bad input (a :class:`kg.errors.KgError`).
EXIT_INVALID = 2

#: The output formats of verbs that print tables (through :mod:`kg.cli.render`); the first is the default.
TABLE_FORMATS = ("table", "csv", "tsv", "json", "xlsx")

GRAPH_HELP = "built kg.nq (or its folder) to load (default: build/kg.nq, else build from data/ in memory)"


def positive_int(text: str) -> int:
    """An argparse type: a whole number of at least 1."""
    if not text.strip().isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, not {text!r}")
    return int(text)


def positive_seconds(text: str) -> float:
    """An argparse type: a positive number of seconds."""
    try:
        seconds = float(text)
    except ValueError:
        seconds = 0.0
    if not 0 < seconds < float("inf"):
        raise argparse.ArgumentTypeError(f"expected a positive number of seconds, not {text!r}")
    return seconds


def size(text: str) -> int:
    """An argparse type: a size in bytes written as 2G, 512M, 64K or a number."""
    from kg.errors import ParameterError
    from kg.limits import parse_size

    try:
        return parse_size(text)
    except ParameterError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def add_verb(
    verbs, name: str, run, help: str, description: str, *, data=False, out=False, graph=False, formats=(), **parser
) -> argparse.ArgumentParser:
    """Add the verb ``name`` with its handler ``run`` and the shared options it takes; return its parser.

    ``formats``: the ``--format`` choices, the first being the default.
    """
    verb = verbs.add_parser(name, help=help, description=description, **parser)
    if data:
        add_data(verb)
    if out:
        add_out(verb)
    if graph:
        add_graph(verb, **({} if graph is True else {"help": graph}))
    if formats:
        add_format(verb, formats, default=formats[0])
    verb.set_defaults(run=run)
    return verb


def add_data(verb: argparse.ArgumentParser) -> None:
    verb.add_argument(
        "--data",
        default=paths.DEFAULT_DATA_DIR,
        type=Path,
        help=f"folder with datapackage.json and the CSV tables (default: {paths.DEFAULT_DATA_DIR})",
    )


def add_out(verb: argparse.ArgumentParser) -> None:
    verb.add_argument(
        "--out",
        default=paths.DEFAULT_OUT_DIR,
        type=Path,
        help=f"folder for the outputs (default: {paths.DEFAULT_OUT_DIR})",
    )


def add_graph(verb: argparse.ArgumentParser, help: str = GRAPH_HELP) -> None:
    verb.add_argument("--graph", default=None, help=help)


def add_format(verb: argparse.ArgumentParser, formats=("table", "csv", "json"), default: str = "table") -> None:
    """``--format``; a verb that prints tables (``xlsx`` among its formats) also gets ``--wide`` and ``--out FILE``."""
    verb.add_argument("--format", choices=list(formats), default=default, help=f"output format (default: {default})")
    if "xlsx" in formats:
        verb.add_argument(
            "--wide",
            action="store_true",
            help="table: every cell on one line, however wide (default: fit the terminal)",
        )
        verb.add_argument(
            "--out", default=None, metavar="FILE", help="write the output to FILE instead of stdout (needed for xlsx)"
        )


def read_graph(args, in_memory: bool = False):
    """The graph a verb reads: the ``--endpoint`` if given, else the embedded store of ``--graph``.

    That store is the cached on-disk one (:func:`kg.store.open_built`), or with ``in_memory``
    the file loaded into memory: for verbs that ask many queries, or whose output follows the
    order of rows that SPARQL leaves open.
    """
    if getattr(args, "endpoint", None):
        from kg.endpoint import Endpoint

        return Endpoint(args.endpoint, timeout=getattr(args, "timeout", 60.0))
    from kg.store import load, open_built

    return load(args.graph) if in_memory else open_built(args.graph)


def read_network(args):
    """The cooperation network of the graph a verb reads."""
    from kg.network import cooperation_network

    return cooperation_network(read_graph(args))


def print_json(value) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2))
