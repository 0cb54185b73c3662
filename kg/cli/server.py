"""Verbs that publish the built graph: ``serve`` and ``upload``."""

from __future__ import annotations

from pathlib import Path

from kg import paths
from kg.cli.options import add_verb, positive_int, positive_seconds, size


def serve(args) -> int:
    from kg.paths import DEFAULT_DATA_DIR, DEFAULT_OUT_DIR, built_dataset
    from kg.serve import serve

    nquads = built_dataset(args.graph)
    if args.graph is None and not nquads.exists():
        from kg.build import build

        print(f"{nquads} is not built yet: building it from {DEFAULT_DATA_DIR} first", flush=True)
        build(DEFAULT_DATA_DIR, DEFAULT_OUT_DIR)
    if args.site is not None and not (args.site / "index.html").exists():
        from kg.site import build_site
        from kg.store import load

        print(f"no portal in {args.site} yet: building it first (kg site)", flush=True)
        build_site(load(nquads), args.site)
    return serve(
        nquads,
        args.location,
        bind=args.bind,
        port=args.port,
        timeout=args.timeout,
        workers=args.workers,
        memory=args.memory_limit,
        site=args.site,
        answers=args.answer_cache,
    )


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
        "serve the built graph over SPARQL, read-only, with limits per query",
        "Serve build/kg.nq (built first when missing) at /query with the SPARQL 1.1 Protocol, read-only, the union "
        "of the named graphs as default graph. Queries run in a pool of worker processes: a query past the timeout "
        "has its worker killed and replaced, a worker's memory is capped, SERVICE and updates are refused (403). "
        "SIGINT (Ctrl-C), SIGTERM or SIGHUP stops the server and every worker.",
        graph="built kg.nq to serve (default build/kg.nq)",
    )
    verb.add_argument("--port", type=int, default=7878, help="port (default 7878)")
    verb.add_argument(
        "--site",
        type=Path,
        default=paths.DEFAULT_OUT_DIR / "site",
        help="the portal to serve beside /query, so entity IRIs such as /id/hefei dereference (default: build/site, "
        "built first when missing)",
    )
    verb.add_argument("--no-site", dest="site", action="store_const", const=None, help="serve /query only")
    verb.add_argument("--bind", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    verb.add_argument(
        "--timeout", type=positive_seconds, default=30, help="seconds before a query is stopped (default 30)"
    )
    verb.add_argument(
        "--memory-limit", type=size, default="2G", metavar="SIZE", help="memory cap of each worker (default 2G)"
    )
    verb.add_argument(
        "--workers", type=positive_int, default=None, help="query worker processes (default: cores + 4, at most 16)"
    )
    verb.add_argument(
        "--answer-cache",
        type=lambda text: 0 if text.strip() == "0" else size(text),
        default="64M",
        metavar="SIZE",
        help="answers kept and given again to the same query and Accept header, e.g. 64M; 0 for none (default 64M)",
    )
    verb.add_argument(
        "--location",
        type=Path,
        default=None,
        help="serve an on-disk store in this folder (made from kg.nq) instead of the graph in each worker's memory",
    )

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
