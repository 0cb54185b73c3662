"""The ``kg`` command: thin verbs over the library.

Each group of verbs is a module that declares its verbs' arguments beside their handlers
(``register(verbs)``); the options several verbs share are defined once in
:mod:`kg.cli.options`. Each handler imports what it needs when it runs, so ``kg --help``
starts without loading pandas, pyshacl or pyvis.

Exit status: 0 success; 2 bad input (a :class:`kg.errors.KgError`: validation problems, an
unknown or ambiguous name, a malformed query, a missing file), with its message on
stderr. Any other exception is a bug and shows its traceback.
"""

from __future__ import annotations

import argparse
import sys

from kg import __version__
from kg.cli import analysis, data, figures, pages, query, server, site
from kg.cli.options import EXIT_INVALID

__all__ = ["main", "parser", "EXIT_INVALID"]

DESCRIPTION = """\
Knowledge graph of digital-economy policies, regions and development patterns
in the Yangtze River Delta. Facts are curated in data/*.csv (declared in
data/datapackage.json), checked in three layers, and built into RDF with one
named graph per source document."""

#: The verb groups, in the order their verbs appear in ``kg --help``.
GROUPS = (data, query, analysis, pages, figures, site, server)


def parser() -> argparse.ArgumentParser:
    """The argument parser of ``kg`` with every verb."""
    top = argparse.ArgumentParser(
        prog="kg", description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    top.add_argument("--version", action="version", version=f"kg {__version__}")
    verbs = top.add_subparsers(dest="verb", metavar="VERB", required=True)
    for group in GROUPS:
        group.register(verbs)
    return top


def main(argv: list[str] | None = None) -> int:
    """Run ``kg`` with ``argv`` (default: the command line); return the exit status."""
    from kg.errors import KgError

    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except KgError as err:
        print(err, file=sys.stderr)
        return EXIT_INVALID
