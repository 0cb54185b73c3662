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


def _not_utf8(argv: list[str]) -> str | None:
    """A message for the first argument that is not valid UTF-8 (the shell passed bytes Python could not decode)."""
    for number, arg in enumerate(argv, 1):
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError as err:
            byte = ord(arg[err.start]) - 0xDC00 if 0xDC80 <= ord(arg[err.start]) <= 0xDCFF else None
            shown = f" (byte 0x{byte:02x} at character {err.start + 1})" if byte is not None else ""
            return f"argument {number} is not valid UTF-8{shown}: expected UTF-8 text"
    return None


def main(argv: list[str] | None = None) -> int:
    """Run ``kg`` with ``argv`` (default: the command line); return the exit status.

    Output cut short by its reader (``kg query ... | head``) ends quietly with status 0.
    """
    from kg.atomic import Interrupted
    from kg.errors import KgError

    argv = sys.argv[1:] if argv is None else argv
    if problem := _not_utf8(argv):
        print(problem, file=sys.stderr)
        return EXIT_INVALID
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except KgError as err:
        print(err, file=sys.stderr)
        return EXIT_INVALID
    except BrokenPipeError:
        _silence_stdout()
        return 0
    except (KeyboardInterrupt, Interrupted) as err:
        signum = getattr(err, "signum", 2)
        print(
            f"stopped by signal {signum}: files being written were removed, earlier ones left as they were",
            file=sys.stderr,
        )
        return 128 + signum


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so that flushing at exit does not raise again on the closed pipe."""
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
