"""Any SPARQL 1.1 endpoint, queried like the embedded store.

:class:`Endpoint` speaks the SPARQL 1.1 Protocol (POST, results as
``application/sparql-results+json``) with the standard library's HTTP client, and
answers ``select()`` and ``query()`` exactly as :class:`kg.store.KnowledgeGraph`
does, so named queries, name resolution and DataFrame typing work unchanged
against Oxigraph, Fuseki, GraphDB or Virtuoso. The declared prefixes are sent
as PREFIX lines, since a remote store does not know them.

:func:`upload` loads a built dataset into a store through the SPARQL 1.1 Graph
Store Protocol (one PUT per named graph).
"""

from __future__ import annotations

import http.client
import json
import threading
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from pyoxigraph import QueryBoolean, QueryResultsFormat, RdfFormat, parse, parse_query_results, serialize

from kg.errors import EndpointError
from kg.iris import PROLOGUE
from kg.results import Results

__all__ = ["Endpoint", "EndpointError", "upload"]


def _reason(err: Exception) -> str:
    """Why a request failed, in words (the reason inside a URLError, not its repr)."""
    reason = getattr(err, "reason", err)
    return getattr(reason, "strerror", None) or str(reason)


def _tail(data: bytes) -> str:
    """What follows the valid part of a JSON answer: a streaming server that stops a query (e.g. on its
    timeout) ends the body with its reason."""
    text = data.decode("utf-8", errors="replace")
    try:
        json.loads(text)
        return "it is not a SPARQL results document: " + text.strip()[:200]
    except json.JSONDecodeError as err:
        return text[err.pos :].strip()[:300]


#: Errors of a kept-alive connection that the endpoint closed while it was idle: the query is sent again once.
_STALE = (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError)


class _Solutions(list):
    """Rows of a SELECT answer (pyoxigraph solutions), with the names of its variables."""

    def __init__(self, variables: list[str], rows: list):
        super().__init__(rows)
        self.variables = variables


class Endpoint:
    """A remote SPARQL endpoint, e.g. ``Endpoint("http://127.0.0.1:7878/query")``.

    Each thread keeps one HTTP/1.1 connection to the endpoint open between queries, so a
    query costs one round trip rather than a new TCP connection; answers are parsed by
    pyoxigraph, into the same solutions the embedded store gives.
    """

    def __init__(self, url: str, timeout: float = 60.0):
        self.url = url
        self.timeout = timeout
        self._address = urllib.parse.urlsplit(url)
        self._local = threading.local()

    def _connection(self) -> http.client.HTTPConnection:
        """This thread's connection, opened on first use."""
        connection = getattr(self._local, "connection", None)
        if connection is None:
            address = self._address
            kinds = {"http": http.client.HTTPConnection, "https": http.client.HTTPSConnection}
            if address.scheme not in kinds or not address.hostname:
                raise EndpointError(f"{self.url} could not be reached: not an http:// or https:// address")
            connection = kinds[address.scheme](address.netloc, timeout=self.timeout)
            self._local.connection, self._local.used = connection, False
        return connection

    def close(self) -> None:
        """Close this thread's connection (the next query opens another)."""
        connection = getattr(self._local, "connection", None)
        if connection is not None:
            connection.close()
            self._local.connection = None

    def _exchange(self, body: bytes) -> tuple[http.client.HTTPResponse, bytes]:
        """Send one query form; the response and its body. A connection the endpoint closed while idle is
        opened again once."""
        target = (self._address.path or "/") + (f"?{self._address.query}" if self._address.query else "")
        headers = {"Accept": "application/sparql-results+json", "Content-Type": "application/x-www-form-urlencoded"}
        while True:
            connection = self._connection()
            try:
                connection.request("POST", target, body, headers)
                response = connection.getresponse()
                data = response.read()
            except _STALE as err:
                reused = self._local.used
                self.close()
                if reused:
                    continue
                raise EndpointError(f"{self.url} could not be reached: {_reason(err)}") from None
            except (OSError, http.client.HTTPException) as err:  # refused, unknown host, timed out
                self.close()
                raise EndpointError(f"{self.url} could not be reached: {_reason(err)}") from None
            self._local.used = True
            if response.will_close:
                self.close()
            return response, data

    def select(self, sparql: str) -> _Solutions | bool:
        """Rows of pyoxigraph solutions (``row[name]`` is a term or None), or a bool for ASK."""
        response, data = self._exchange(urllib.parse.urlencode({"query": PROLOGUE + sparql}).encode("utf-8"))
        if 300 <= response.status < 400:
            where = response.getheader("Location")
            raise EndpointError(f"{self.url} answered {response.status}: moved to {where}; give that address")
        if response.status >= 400:
            detail = data.decode("utf-8", errors="replace").strip()
            raise EndpointError(f"{self.url} answered {response.status}: {detail}")
        try:
            answer = parse_query_results(data, QueryResultsFormat.JSON)
            if isinstance(answer, QueryBoolean):
                return bool(answer)
            return _Solutions([v.value for v in answer.variables], list(answer))  # parsed here, while caught
        except SyntaxError:
            raise EndpointError(f"{self.url} broke off its answer: {_tail(data)}") from None

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
