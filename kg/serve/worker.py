"""One query worker of ``kg serve``: a process that holds the graph and answers one query at a time.

The front (:mod:`kg.serve.pool`) starts it as ``python -m kg.serve.worker``, writes one JSON
line per request on its stdin (``{"query": ..., "accept": ...}``) and reads the answer from
its stdout: a JSON line ``{"status": 200, "type": ..., "length": N}`` then N bytes. The worker
dies with the front, runs in an empty network namespace where the kernel allows, and caps
its own address space, so a query that grows past the cap ends this process, not the service.
"""

from __future__ import annotations

import argparse
import json
import os
import sys

from kg.limits import address_space, cap_memory, die_with_parent, format_size, isolate_network

#: Exit status of a worker whose query needed more memory than its cap (Rust's allocator aborts instead).
EXIT_MEMORY = 3
#: Result formats by media type: SELECT and ASK answers, then graphs (CONSTRUCT, DESCRIBE).
RESULT_TYPES = {
    "application/sparql-results+json": "JSON",
    "application/json": "JSON",
    "application/sparql-results+xml": "XML",
    "text/csv": "CSV",
    "text/tab-separated-values": "TSV",
}
GRAPH_TYPES = {
    "application/n-triples": "N_TRIPLES",
    "text/turtle": "TURTLE",
    "application/rdf+xml": "RDF_XML",
}


def _choose(accept: str, types: dict[str, str]) -> str:
    """The first media type of ``types`` the Accept header names (by order of preference), else the default."""
    wanted = [part.split(";")[0].strip().lower() for part in accept.split(",")]
    return next((media for media in wanted if media in types), next(iter(types)))


def answer(store, text: str, accept: str) -> tuple[int, str, bytes]:
    """Status, media type and body of the answer to one query."""
    from pyoxigraph import QueryResultsFormat, QueryTriples, RdfFormat

    try:
        results = store.query(text, use_default_graph_as_union=True)
        if isinstance(results, QueryTriples):
            media = _choose(accept, GRAPH_TYPES)
            body = results.serialize(format=getattr(RdfFormat, GRAPH_TYPES[media]))
        else:
            media = _choose(accept, RESULT_TYPES)
            body = results.serialize(format=getattr(QueryResultsFormat, RESULT_TYPES[media]))
        return 200, media, body or b""
    except SyntaxError as err:
        return 400, "text/plain", str(err).encode("utf-8")
    except MemoryError:  # the cap was reached: leave, and the pool starts a fresh worker
        os._exit(EXIT_MEMORY)
    except (OSError, RuntimeError, ValueError) as err:  # evaluation errors of the engine
        return 500, "text/plain", f"the query failed: {err}".encode()


def _load(graph: str, location: str | None):
    from pyoxigraph import RdfFormat, Store

    if location:
        return Store.read_only(location)
    store = Store()
    store.bulk_load(path=graph, format=RdfFormat.N_QUADS)
    return store


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--graph", required=True)
    parser.add_argument("--location", default=None)
    parser.add_argument("--memory", type=int, required=True)
    args = parser.parse_args()
    channel = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # anything printed by accident goes to the log, never into the channel
    die_with_parent()
    isolate_network()
    store = _load(args.graph, args.location)
    used = address_space()
    if used is not None and used > args.memory * 0.8:
        why = (
            f"the graph alone takes {format_size(used)} of the memory cap of {format_size(args.memory)}: raise the cap"
        )
        channel.write(json.dumps({"status": -1, "error": why}).encode() + b"\n")
        channel.flush()
        return
    cap_memory(args.memory)
    channel.write(b'{"status": 0}\n')
    channel.flush()
    for line in sys.stdin.buffer:
        request = json.loads(line)
        status, media, body = answer(store, request["query"], request.get("accept", ""))
        channel.write(json.dumps({"status": status, "type": media, "length": len(body)}).encode() + b"\n")
        channel.write(body)
        channel.flush()


if __name__ == "__main__":
    main()
