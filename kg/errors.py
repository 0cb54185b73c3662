"""The errors a user can cause, under one root.

Everything the library raises because of what a user gave it (a table that does not
validate, a name that means no entity, a malformed query, a missing file, an endpoint that
refuses) is a :class:`KgError`. The command line prints the message of a ``KgError`` and
exits with status 2; any other exception is a bug and shows its traceback.

The subclasses also derive from the matching built-in exception, so code written against
``LookupError`` or ``ValueError`` keeps working.

>>> issubclass(UnknownName, LookupError) and issubclass(UnknownName, KgError)
True
"""

from __future__ import annotations

__all__ = [
    "KgError",
    "UnknownName",
    "AmbiguousName",
    "ParameterError",
    "QueryError",
    "FederationRefused",
    "UpdateRefused",
    "QueryLimit",
    "UnknownQuery",
    "NotFound",
    "MissingFile",
    "EndpointError",
    "ServerError",
    "GraphFileError",
    "OutputError",
]


class KgError(Exception):
    """Bad input of any kind; the message says what was wrong and, where it can, where."""


class UnknownName(KgError, LookupError):
    """No entity (pattern, case, industry, source) has this name."""


class AmbiguousName(KgError, LookupError):
    """Several entities have this name; ``candidates`` lists them."""

    def __init__(self, message: str, candidates: list):
        super().__init__(message)
        self.candidates = candidates


class ParameterError(KgError, ValueError):
    """A query parameter is unknown, missing or of the wrong form."""


class QueryError(KgError, ValueError):
    """A SPARQL query that cannot run: malformed, or not allowed here."""


class FederationRefused(QueryError):
    """A query that would call another server (SERVICE) where federation is off."""


class UpdateRefused(QueryError):
    """A SPARQL update (INSERT, DELETE, LOAD ...) where only queries are accepted."""


class QueryLimit(QueryError):
    """A query stopped because it ran past its time limit or its memory cap."""


class UnknownQuery(KgError, LookupError):
    """No named query has this name."""


class NotFound(KgError, LookupError):
    """A search found nothing where an answer was required (no chain, no cases)."""


class MissingFile(KgError, FileNotFoundError):
    """A file the user named, or the build they need, is not there."""

    def __init__(self, path, explanation: str):
        super().__init__(2, explanation, str(path))

    def __str__(self) -> str:
        return f"{self.filename}: {self.strerror}"


class EndpointError(KgError, RuntimeError):
    """A SPARQL endpoint or graph store refused a request or could not be reached."""


class ServerError(KgError, OSError):
    """The server cannot start as asked (the port is in use, the address is not this machine's)."""


class GraphFileError(KgError, ValueError):
    """A graph file that is not the RDF it should be (``--graph`` that is not N-Quads)."""


class OutputError(KgError, OSError):
    """An output path that must not be written: a symbolic link, FIFO, device or folder where a file goes."""
