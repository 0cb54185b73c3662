"""Where each page of the portal lives: the path of an IRI's page mirrors the IRI's path.

``https://w3id.org/yrd-de/id/hefei`` has its page at ``id/hefei.html`` (and its triples at
``id/hefei.ttl``), a source ``.../source/caict-2021`` at ``source/caict-2021.html``, so that
a server can answer the IRI path ``/id/hefei`` from the file beside it
(:mod:`kg.site.linked_data`). Ontology terms are hash IRIs of ``.../ontology``: the
ontology page ``ontology.html`` describes them all, and a class or an individual (a
pattern, a role, a controlled value) also has a page of its own at ``ontology/{name}.html``.

Links between pages are relative, so the site opens from the file system and from any
folder of a web server.

>>> page_path("https://w3id.org/yrd-de/id/hefei"), page_path("https://w3id.org/yrd-de/source/caict-2021")
('id/hefei.html', 'source/caict-2021.html')
>>> relative("id/participation/a/b/c.html", "id/hefei.html")
'../../../hefei.html'
>>> relative("index.html", "ontology.html#partOf")
'ontology.html#partOf'
"""

from __future__ import annotations

import posixpath
import re
from functools import lru_cache
from urllib.parse import quote

from kg.iris import BASE, KG

__all__ = ["page_path", "term_anchor", "relative", "ONTOLOGY_PAGE", "ASSETS", "HOME", "SEARCH", "rdf_path"]

HOME = "index.html"
SEARCH = "search.html"
ONTOLOGY_PAGE = "ontology.html"
ASSETS = "assets/"
_SAFE = re.compile(r"^[A-Za-z0-9._~/-]+$")


def _file(path: str) -> str:
    """A path made safe as a file name and URL (ids are ASCII already; anything else is percent-encoded)."""
    return path if _SAFE.match(path) else quote(path, safe="/")


def page_path(iri: str) -> str | None:
    """The site path of the page of a thing or ontology term with its own page (None for other IRIs)."""
    if iri.startswith(KG):
        return f"ontology/{_file(iri[len(KG) :])}.html"
    if iri.startswith(BASE) and "#" not in iri:
        return _file(iri[len(BASE) :]) + ".html"
    return None


def term_anchor(iri: str) -> str:
    """The place of an ontology term on the ontology page."""
    return f"{ONTOLOGY_PAGE}#{iri[len(KG) :]}" if iri.startswith(KG) else ONTOLOGY_PAGE


def rdf_path(path: str) -> str:
    """The Turtle file beside a page."""
    return path.removesuffix(".html") + ".ttl"


@lru_cache(maxsize=4096)
def _folder_link(here: str, there: str) -> str:
    link = posixpath.relpath(there or ".", here or ".")
    return "" if link == "." else link + "/"


def relative(page: str, target: str) -> str:
    """The link from the page at site path ``page`` to the site path ``target`` (which may carry a ``#``)."""
    target_path, _, fragment = target.partition("#")
    if target_path:
        folder, name = posixpath.split(target_path)
        link = _folder_link(posixpath.dirname(page), folder) + name
    else:
        link = posixpath.basename(page)
    return f"{link}#{fragment}" if fragment else link
