"""IRIs that dereference: answer a GET on an IRI path from a built site folder, by content negotiation.

The IRIs of the graph name things, not documents: ``https://w3id.org/yrd-de/id/hefei`` is
the city of 合肥. Following the W3C note *Cool URIs for the Semantic Web* (the 303 recipe
for slash IRIs), a GET on a thing's path answers **303 See Other** with the document that
describes it in the form the client asked for, and the documents answer **200**:

=================================  ==========================================================
``GET /id/hefei``                  303 to ``/id/hefei.html`` (``Accept: text/html``, a browser,
                                   no Accept or ``*/*``), ``/id/hefei.ttl`` (``text/turtle``),
                                   ``/id/hefei.nt`` (``application/n-triples``) or
                                   ``/id/hefei.jsonld`` (``application/ld+json``); ``Vary: Accept``
``GET /id/hefei.html`` / ``.ttl``  200, the file ``kg site`` wrote
``GET /id/hefei.nt`` / ``.jsonld`` 200, the same triples as the ``.ttl``, converted
``GET /ontology``                  303 to ``/ontology.html`` or ``/ontology.ttl`` … (the hash
                                   IRIs ``…/ontology#Region`` reach the server as ``/ontology``)
``GET /source/caict-2021``         as for a thing
``GET /`` , ``/assets/site.css`` … 200, any other file of the site, with its media type
no acceptable form                 406, listing the forms there are
an unknown path, or one leaving    404
the site folder
another method than GET or HEAD    405, ``Allow: GET, HEAD``
=================================  ==========================================================

Quality values in ``Accept`` are honoured (``text/turtle;q=0.9, text/html;q=0.1`` gets
Turtle); among equals the order above wins (HTML first). HEAD gives the headers of GET and
no body. The function reads only the site folder; :func:`wsgi_app` wraps it as a WSGI
application for any server (``prefix`` strips a mount point such as ``/yrd-de``).

>>> import tempfile, pathlib
>>> site = pathlib.Path(tempfile.mkdtemp())
>>> (site / "id").mkdir()
>>> _ = (site / "id" / "hefei.html").write_text("<p>合肥</p>", encoding="utf-8")
>>> triple = '<https://w3id.org/yrd-de/id/hefei> <http://www.w3.org/2000/01/rdf-schema#label> "合肥市"@zh .\\n'
>>> _ = (site / "id" / "hefei.ttl").write_text(triple, encoding="utf-8")
>>> r = negotiate("/id/hefei", "text/turtle", site)
>>> r.status, r.header("Location"), r.header("Vary")
(303, '/id/hefei.ttl', 'Accept')
>>> negotiate("/id/hefei", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8", site).header("Location")
'/id/hefei.html'
>>> r = negotiate("/id/hefei.nt", None, site)
>>> r.status, r.header("Content-Type"), r.body.decode() == triple
(200, 'application/n-triples', True)
>>> negotiate("/id/nowhere", "text/html", site).status, negotiate("/id/hefei", "image/png", site).status
(404, 406)
"""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

__all__ = ["Response", "negotiate", "wsgi_app", "FORMS"]

#: The forms of a description, in the server's order of preference: (extension, media type).
FORMS = (
    (".html", "text/html; charset=utf-8"),
    (".ttl", "text/turtle; charset=utf-8"),
    (".jsonld", "application/ld+json"),
    (".nt", "application/n-triples"),
)
#: Media types a client may ask for, and the form each gets.
_ACCEPTED = {
    "text/html": ".html",
    "application/xhtml+xml": ".html",
    "text/turtle": ".ttl",
    "application/x-turtle": ".ttl",
    "application/ld+json": ".jsonld",
    "application/json": ".jsonld",
    "application/n-triples": ".nt",
    "text/plain": ".nt",
}
_CONVERTED = {".jsonld": "JSON_LD", ".nt": "N_TRIPLES"}
_TYPES = {ext: media for ext, media in FORMS} | {".js": "text/javascript; charset=utf-8", ".css": "text/css"}


@dataclass(frozen=True)
class Response:
    """Status, headers (in order) and body of an answer."""

    status: int
    headers: list[tuple[str, str]] = field(default_factory=list)
    body: bytes = b""

    def header(self, name: str) -> str | None:
        return next((value for key, value in self.headers if key.lower() == name.lower()), None)


def _accepted(accept: str | None) -> list[str]:
    """The forms a client takes, best first: by quality, then in the order of :data:`FORMS`."""
    if not accept or not accept.strip():
        return [ext for ext, _ in FORMS]
    scores: dict[str, float] = {}
    for item in accept.split(","):
        media, *params = (part.strip() for part in item.split(";"))
        quality = 1.0
        for param in params:
            if param.startswith("q="):
                try:
                    quality = float(param[2:])
                except ValueError:
                    quality = 0.0
        media = media.lower()
        if media in ("*/*", "text/*", "application/*"):
            matching = [ext for ext, m in FORMS if media == "*/*" or m.startswith(media[:-1])]
        else:
            matching = [_ACCEPTED[media]] if media in _ACCEPTED else []
        for ext in matching:
            scores[ext] = max(scores.get(ext, 0.0), quality)
    order = [ext for ext, _ in FORMS]
    return [ext for ext in sorted(scores, key=lambda e: (-scores[e], order.index(e))) if scores[ext] > 0]


def _file(site: Path, path: str) -> Path | None:
    """The file of the site folder a URL path names, or None (missing, a folder, or outside the site)."""
    parts = PurePosixPath(unquote(path)).parts
    if any(part in ("..", ".") for part in parts):
        return None
    target = site.joinpath(*[p for p in parts if p != "/"]) if parts else site
    if target.is_dir():
        target = target / "index.html"
    try:
        target.resolve().relative_to(site.resolve())
    except ValueError:
        return None
    return target if target.is_file() else None


def _alternates(path: str) -> str:
    stem = path.rsplit(".", 1)[0]
    return ", ".join(f'<{stem}{ext}>; rel="alternate"; type="{media.split(";")[0]}"' for ext, media in FORMS)


def _document(site: Path, path: str) -> Response | None:
    """A document of the site: a file as it is, or a description converted from the Turtle beside it."""
    suffix = PurePosixPath(path).suffix
    found = _file(site, path)
    if found is None and suffix in _CONVERTED:
        turtle = _file(site, path[: -len(suffix)] + ".ttl")
        if turtle is None:
            return None
        from pyoxigraph import RdfFormat, parse, serialize

        from kg.iris import PREFIXES

        triples = list(parse(path=str(turtle), format=RdfFormat.TURTLE))
        body = serialize(triples, format=getattr(RdfFormat, _CONVERTED[suffix]), prefixes=PREFIXES)
    elif found is not None:
        body = found.read_bytes()
        suffix = found.suffix
    else:
        return None
    media = _TYPES.get(suffix) or mimetypes.guess_type(f"x{suffix}")[0] or "application/octet-stream"
    headers = [("Content-Type", media), ("Content-Length", str(len(body)))]
    if suffix in dict(FORMS):
        headers.append(("Link", _alternates(path)))
    return Response(200, headers, body)


def negotiate(path: str, accept: str | None, site: Path | str, method: str = "GET", prefix: str = "") -> Response:
    """The answer to ``method`` on the URL path ``path`` (without query) from the site folder ``site``.

    ``accept`` is the request's Accept header (None if absent); ``prefix`` is stripped from the
    path first (a mount point). See the module docstring for what is answered.
    """
    site = Path(site)
    if method not in ("GET", "HEAD"):
        return Response(405, [("Allow", "GET, HEAD"), ("Content-Type", "text/plain; charset=utf-8")], b"GET or HEAD\n")
    if prefix and path.startswith(prefix):
        path = path[len(prefix) :] or "/"
    path = "/" + path.lstrip("/")
    response = None
    if PurePosixPath(path).suffix:
        response = _document(site, path)
    elif path == "/":
        response = _document(site, "/index.html")
    else:
        html, described = _file(site, path + ".html"), _file(site, path + ".ttl")
        there = ([".html"] if html else []) + ([".ttl", ".jsonld", ".nt"] if described else [])
        if there:
            wanted = [ext for ext in _accepted(accept) if ext in there]
            vary = [("Vary", "Accept")]
            if not wanted:
                forms = ", ".join(m.split(";")[0] for ext, m in FORMS if ext in there)
                body = f"This resource is available as: {forms}\n".encode()
                return Response(
                    406, [("Content-Type", "text/plain; charset=utf-8"), *vary], b"" if method == "HEAD" else body
                )
            location = prefix + path + wanted[0]
            body = f"See {location}\n".encode()
            return Response(303, [("Location", location), *vary, ("Content-Type", "text/plain; charset=utf-8")], body)
    if response is None:
        return Response(
            404, [("Content-Type", "text/plain; charset=utf-8")], b"" if method == "HEAD" else b"Not found\n"
        )
    return Response(response.status, response.headers, b"" if method == "HEAD" else response.body)


_REASONS = {200: "OK", 303: "See Other", 404: "Not Found", 405: "Method Not Allowed", 406: "Not Acceptable"}


def wsgi_app(site: Path | str, prefix: str = ""):
    """A WSGI application answering every request with :func:`negotiate` over the site folder ``site``."""

    def app(environ, start_response):
        response = negotiate(
            environ.get("PATH_INFO", "/"),
            environ.get("HTTP_ACCEPT"),
            site,
            environ.get("REQUEST_METHOD", "GET"),
            prefix,
        )
        start_response(f"{response.status} {_REASONS.get(response.status, '')}".strip(), response.headers)
        return [response.body]

    return app
