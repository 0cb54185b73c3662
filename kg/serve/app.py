"""The HTTP front of ``kg serve``: the SPARQL 1.1 Protocol on Starlette, answered by the worker pool.

Routes:

* ``GET|POST /query``: a query (``query=`` in the URL or a form, or an
  ``application/sparql-query`` body); the answer in the format the Accept header asks for
  (SPARQL results as JSON, XML, CSV or TSV; graphs as N-Triples, Turtle or RDF/XML).
* ``/update`` and ``/store``: 403, the service is read-only; an update sent to ``/query``
  and a query with SERVICE are refused with 403 too, before they reach a worker.
* ``/``: a short page with a query form.
* every other ``GET`` (``create_app(pool, site=DIR)``): the research portal built by
  ``kg site``, with IRIs that dereference as Linked Data publishing asks:
  ``/id/hefei`` answers 303 to ``/id/hefei.html`` for ``Accept: text/html`` and to its
  Turtle, N-Triples or JSON-LD for those types (:func:`kg.site.linked_data.negotiate`);
  ``/ontology`` likewise; ``/index.html`` is the portal's home.

A malformed query answers 400 with the line and column; a query past the time limit or
the memory cap answers 503 saying which.
"""

from __future__ import annotations

import html
import urllib.parse
from collections.abc import Callable
from contextlib import asynccontextmanager
from pathlib import Path

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.routing import Route

from kg.errors import FederationRefused, UpdateRefused
from kg.serve.pool import Pool
from kg.sparql import check_query

__all__ = ["create_app", "MAX_QUERY_BYTES"]

#: The longest query text accepted (413 beyond).
MAX_QUERY_BYTES = 1 << 20
_ALL_METHODS = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH"]

_PAGE = """<!doctype html><html lang="en"><meta charset="utf-8"><title>YRD knowledge graph: SPARQL</title>
<h1>YRD knowledge graph: SPARQL endpoint</h1>
<p>Read-only SPARQL 1.1 at <code>/query</code>; the union of the named graphs is the default graph.
Queries stop after {timeout:g} s or at {memory} of memory; SERVICE and updates are refused.</p>
<form action="/query" method="get"><textarea name="query" rows="8" cols="80">{example}</textarea><br>
<button>Run</button></form>{portal}"""
_PORTAL = """<p>The research portal: <a href="/index.html">/index.html</a>. Entity IRIs dereference:
<a href="/id/hefei">/id/hefei</a> gives its page to a browser and its triples to an RDF client.</p>"""
_EXAMPLE = "SELECT ?class (COUNT(?s) AS ?n) WHERE { ?s a ?class } GROUP BY ?class ORDER BY DESC(?n)"


class _TooLarge(Exception):
    pass


async def _body(request: Request) -> bytes:
    """The request body, at most :data:`MAX_QUERY_BYTES`."""
    if int(request.headers.get("content-length") or 0) > MAX_QUERY_BYTES:
        raise _TooLarge
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_QUERY_BYTES:
            raise _TooLarge
        chunks.append(chunk)
    return b"".join(chunks)


async def _query_text(request: Request) -> tuple[str | None, bool]:
    """The query text of a request and whether it carried an update instead."""
    if request.method in ("GET", "HEAD"):
        params = request.query_params
        return params.get("query"), "update" in params
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    body = (await _body(request)).decode("utf-8")
    if media == "application/sparql-update":
        return None, True
    if media == "application/sparql-query":
        return body, False
    form = urllib.parse.parse_qs(body, keep_blank_values=True)
    return (form.get("query") or [None])[0], "update" in form


async def sparql_query(request: Request) -> Response:
    try:
        text, update = await _query_text(request)
    except _TooLarge:
        return PlainTextResponse(f"a query may be at most {MAX_QUERY_BYTES} bytes", status_code=413)
    except UnicodeDecodeError:
        return PlainTextResponse("the request body is not UTF-8", status_code=400)
    if update:
        return PlainTextResponse("this SPARQL service is read-only: updates are refused", status_code=403)
    if not text:
        return PlainTextResponse("no query: send query=... (SPARQL 1.1 Protocol)", status_code=400)
    try:
        check_query(text)
    except (FederationRefused, UpdateRefused) as err:
        return PlainTextResponse(str(err), status_code=403)
    answer = await request.app.state.pool.query(text, request.headers.get("accept", ""))
    return Response(answer.body, status_code=answer.status, media_type=answer.media_type)


async def read_only(request: Request) -> Response:
    return PlainTextResponse("this SPARQL service is read-only: updates are refused", status_code=403)


def _portal(site: Path) -> Callable:
    """A Starlette endpoint answering a path from the portal folder ``site``, content negotiated."""
    from starlette.concurrency import run_in_threadpool

    from kg.site.linked_data import negotiate

    async def portal(request: Request) -> Response:
        answer = await run_in_threadpool(
            negotiate, request.url.path, request.headers.get("accept"), site, request.method
        )
        headers = {name: value for name, value in answer.headers if name.lower() != "content-length"}
        return Response(answer.body, status_code=answer.status, headers=headers)

    return portal


def create_app(pool: Pool, site: Path | None = None) -> Starlette:
    """The Starlette application over ``pool``; it starts the pool on start-up unless started, and stops it on
    shutdown. ``site``: the portal folder (``kg site``) whose pages and RDF every other GET path answers."""

    async def landing(request: Request) -> Response:
        from kg.limits import format_size

        page = _PAGE.format(timeout=pool.timeout, memory=format_size(pool.memory), example=html.escape(_EXAMPLE),
                            portal=_PORTAL if site is not None else "")  # fmt: skip
        return HTMLResponse(page)

    @asynccontextmanager
    async def lifespan(app):
        if not pool.started:
            await pool.start()
        try:
            yield
        finally:
            await pool.close()

    routes = [
        Route("/", landing, methods=["GET", "HEAD"]),
        Route("/query", sparql_query, methods=["GET", "HEAD", "POST"]),
        Route("/update", read_only, methods=_ALL_METHODS),
        Route("/store", read_only, methods=_ALL_METHODS),
    ]
    if site is not None:
        routes.append(Route("/{path:path}", _portal(Path(site)), methods=["GET", "HEAD"]))
    app = Starlette(routes=routes, lifespan=lifespan)
    app.state.pool = pool
    return app
