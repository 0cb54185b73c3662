"""Verbs that publish the built graph: ``serve`` and ``upload``."""

from __future__ import annotations

from pathlib import Path

from kg.cli.options import add_verb


def serve(args) -> int:
    from kg.paths import built_dataset
    from kg.serve import serve

    nquads = built_dataset(args.graph)
    location = args.location or nquads.parent / "oxigraph-store"
    return serve(nquads, location, bind=args.bind, port=args.port, timeout=args.timeout)


def upload(args) -> int:
    from kg.endpoint import upload
    from kg.paths import built_dataset

    for graph in upload(built_dataset(args.graph), args.store):
        print(f"put {graph}")
    return 0


def register(verbs) -> None:
    verb = add_verb(
        verbs,
        "serve",
        serve,
        "serve the built graph with the Oxigraph SPARQL server, read-only",
        "Load build/kg.nq into an on-disk Oxigraph store and start the Oxigraph server read-only (updates refused) "
        "with the union of the named graphs as default graph, a query timeout and its query UI. Ctrl-C stops it.",
        graph="built kg.nq to serve (default build/kg.nq)",
    )
    verb.add_argument("--port", type=int, default=7878, help="port (default 7878)")
    verb.add_argument("--bind", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    verb.add_argument("--timeout", type=int, default=30, help="seconds before a query is stopped (default 30)")
    verb.add_argument("--location", type=Path, default=None, help="store folder (default: beside kg.nq)")

    verb = add_verb(
        verbs,
        "upload",
        upload,
        "load the built dataset into a store via the Graph Store Protocol",
        "PUT every named graph of build/kg.nq into a SPARQL 1.1 Graph Store Protocol endpoint (e.g. "
        "http://127.0.0.1:7878/store of a read-write Oxigraph, or Fuseki's /dataset/data).",
        graph="built kg.nq to upload (default build/kg.nq)",
    )
    verb.add_argument("store", help="graph store URL")
