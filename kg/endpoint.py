"""Any SPARQL 1.1 endpoint, queried like the embedded store.

:class:`Endpoint` speaks the SPARQL 1.1 Protocol (POST, results as
``application/sparql-results+json``) with the standard library only, and
answers ``select()`` and ``query()`` exactly as :class:`kg.store.KnowledgeGraph`
does, so named queries, name resolution and DataFrame typing work unchanged
against Oxigraph, Fuseki, GraphDB or Virtuoso. The declared prefixes are sent
as PREFIX lines, since a remote store does not know them.

:func:`upload` loads a built dataset into a store through the SPARQL 1.1 Graph
Store Protocol (one PUT per named graph).
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from pyoxigraph import BlankNode, Literal, NamedNode, RdfFormat, parse, serialize

from kg.errors import EndpointError
from kg.iris import PREFIXES
from kg.results import Results

__all__ = ["Endpoint", "EndpointError", "upload"]


def _reason(err: Exception) -> str:
    """Why a request failed, in words (the reason inside a URLError, not its repr)."""
    reason = getattr(err, "reason", err)
    return getattr(reason, "strerror", None) or str(reason)


def _term(binding: dict):
    kind, value = binding["type"], binding["value"]
    if kind == "uri":
        return NamedNode(value)
    if kind == "bnode":
        return BlankNode(value)
    if "xml:lang" in binding:
        return Literal(value, language=binding["xml:lang"])
    if "datatype" in binding:
        return Literal(value, datatype=NamedNode(binding["datatype"]))
    return Literal(value)


class _Row(dict):
    """A solution: ``row[name]`` is the term bound to ``name``, or None."""

    def __missing__(self, key):
        return None


class _Solutions(list):
    """Rows of a SELECT answer, with the names of its variables."""

    def __init__(self, variables: list[str], rows: list[_Row]):
        super().__init__(rows)
        self.variables = variables


class Endpoint:
    """A remote SPARQL endpoint, e.g. ``Endpoint("http://127.0.0.1:7878/query")``."""

    def __init__(self, url: str, timeout: float = 60.0):
        self.url = url
        self.timeout = timeout

    def _post(self, sparql: str) -> dict:
        prologue = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
        body = urllib.parse.urlencode({"query": prologue + sparql}).encode("utf-8")
        request = urllib.request.Request(
            self.url,
            data=body,
            headers={"Accept": "application/sparql-results+json", "Content-Type": "application/x-www-form-urlencoded"},
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                body = response.read().decode("utf-8", errors="replace")
        except urllib.error.HTTPError as err:
            detail = err.read().decode("utf-8", errors="replace").strip()
            raise EndpointError(f"{self.url} answered {err.code}: {detail}") from None
        except (OSError, ValueError) as err:  # refused, unknown host, timed out, not a URL
            raise EndpointError(f"{self.url} could not be reached: {_reason(err)}") from None
        try:
            return json.loads(body)
        except json.JSONDecodeError as err:
            # A streaming server that stops a query (e.g. on its timeout) ends the body with its reason.
            raise EndpointError(f"{self.url} broke off its answer: {body[err.pos :].strip()[:300]}") from None

    def select(self, sparql: str) -> _Solutions | bool:
        """Rows of terms (like pyoxigraph solutions), or a bool for ASK."""
        answer = self._post(sparql)
        if "boolean" in answer:
            return answer["boolean"]
        names = answer["head"]["vars"]
        return _Solutions(
            names, [_Row({n: _term(b[n]) for n in names if n in b}) for b in answer["results"]["bindings"]]
        )

    def results(self, sparql: str) -> Results | bool:
        """:class:`kg.results.Results` for SELECT, a bool for ASK (CONSTRUCT is not supported remotely)."""
        solutions = self.select(sparql)
        if isinstance(solutions, bool):
            return solutions
        return Results.from_solutions(solutions.variables, solutions)

    def query(self, sparql: str):
        """A DataFrame for SELECT, a bool for ASK."""
        answer = self.results(sparql)
        return answer if isinstance(answer, bool) else answer.to_frame()


def upload(nquads: Path | str, store_url: str, timeout: float = 120.0) -> list[str]:
    """PUT every named graph of an N-Quads file into a Graph Store Protocol endpoint.

    ``store_url`` is the store's graph-store address (for Oxigraph: ``http://host:port/store``).
    Returns the graph IRIs written.
    """
    graphs: dict[str, list] = {}
    with open(nquads, "rb") as handle:
        for quad in parse(handle, format=RdfFormat.N_QUADS):
            graphs.setdefault(quad.graph_name.value, []).append(quad.triple)
    for graph, triples in sorted(graphs.items()):
        url = f"{store_url}?{urllib.parse.urlencode({'graph': graph})}"
        data = serialize(triples, format=RdfFormat.N_TRIPLES)
        request = urllib.request.Request(
            url, data=data, method="PUT", headers={"Content-Type": "application/n-triples"}
        )
        try:
            urllib.request.urlopen(request, timeout=timeout).close()
        except urllib.error.HTTPError as err:
            raise EndpointError(f"{url} answered {err.code}: {err.read().decode('utf-8', 'replace')}") from None
        except (OSError, ValueError) as err:
            raise EndpointError(f"{store_url} could not be reached: {_reason(err)}") from None
    return sorted(graphs)
