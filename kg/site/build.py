"""Build the portal: every page and its Turtle into a staged folder, then swapped in at once.

:func:`build_site` writes into a folder beside ``out`` and puts it in ``out``'s place only
when every file is written (:func:`kg.atomic.replace_tree`), so a reader or a server sees the
old site or the new one, never half of one; a failed build leaves the old site as it was.
The same data gives the same bytes: nothing in a page depends on the time, the machine or
the order of sets.

Layout (see :mod:`kg.site.urls`)::

    index.html  search.html  ontology.html  ontology.ttl
    assets/      site.css site.js search.js search-index.js vis-network.min.js (one copy for all pages)
    id/…         a page and its .ttl for every curated thing (regions, plans, figures, participations …)
    source/…     a page per source document, its sections in document order with the facts citing each
    ontology/…   a page per class (its members, sortable) and per individual (patterns, roles, values)
"""

from __future__ import annotations

import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from kg.atomic import replace_tree
from kg.iris import KG
from kg.paths import SEEDS_DIR
from kg.site.context import Portal, pair
from kg.site.entity import entity_page
from kg.site.minimap import FRAMES, basemap_svg, locator_map, map_file, place_of
from kg.site.model import read_model
from kg.site.networks import VIS_NETWORK, Networks, embed, vis_network_file
from kg.site.ontology import class_page, ontology_page
from kg.site.rdf import Descriptions
from kg.site.render import ASSET_FILES, Renderer
from kg.site.search import INDEX_FILE, search_index, search_script
from kg.site.source import source_sections
from kg.site.urls import HOME, ONTOLOGY_PAGE, SEARCH, page_path, rdf_path

__all__ = ["build_site", "SiteResult"]


def _attribution() -> dict:
    from kg.viz.basemap import attribution

    return {"zh": attribution("zh"), "en": attribution("en")}


@dataclass
class SiteResult:
    """What a build wrote: the folder, the number of HTML pages, of files, their bytes, and the seconds taken."""

    out: Path
    pages: int
    files: int
    bytes: int
    seconds: float


class _Writer:
    """Writes the files of the site into a folder and counts them; a page goes with the Turtle beside it."""

    def __init__(self, folder: Path, renderer: Renderer):
        self.folder, self.renderer = folder, renderer
        self.files, self.bytes, self.pages = 0, 0, 0

    def file(self, path: str, data: bytes) -> None:
        target = self.folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        self.files += 1
        self.bytes += len(data)
        self.pages += path.endswith(".html")

    def page(self, template: str, path: str, turtle: bytes | None = None, **context) -> None:
        """The page at ``path`` from ``template``, and ``turtle`` (its triples) beside it if given."""
        if turtle is not None:
            self.file(rdf_path(path), turtle)
        ttl = rdf_path(path) if turtle is not None else None
        self.file(path, self.renderer.page(template, path, ttl=ttl, **context))


def _views(portal: Portal, networks: Networks, iri: str) -> list:
    """The network views of a thing's page: a pattern's or a case's view, else its neighbourhood."""
    classes = portal.model.types.get(iri, [])
    if KG + "DevelopmentPattern" in classes:
        view = networks.pattern(iri)
    elif KG + "PatternCase" in classes:
        view = networks.case(iri)
    else:
        view = networks.ego(iri)
    return [view] if view is not None else []


def _thing(portal, networks, descriptions, write: _Writer, iri: str) -> None:
    path = page_path(iri)
    page = entity_page(portal, iri)
    if KG + "Source" in portal.model.types.get(iri, []):
        page["sections"] = source_sections(portal, iri)

    def page_of(node):
        return page_path(node) if node in portal.pages else None

    minimap = None
    if located := locator_map(portal.model, iri, path):
        where = place_of(portal.model, iri)[2]
        minimap = {
            "svg": located[1],
            "borrowed": portal.link(where) if where != iri else None,
            "source": _attribution(),
        }
    views = [embed(view, path, page_of) for view in _views(portal, networks, iri)]
    write.page(
        "entity.html",
        path,
        descriptions.of_thing(iri),
        page=page,
        title=page["header"]["text"],
        iri=iri,
        networks=views,
        minimap=minimap,
    )


def _home(portal: Portal) -> dict:
    model = portal.model
    counts = model.instance_counts()
    patterns = model.instances(KG + "DevelopmentPattern")
    exemplified = [f.o.value for facts in model.outgoing.values() for f in facts if f.p == KG + "exemplifies"]
    return {
        "classes": [
            {
                "href": page_path(c),
                "text": model.labels_of(c),
                "count": counts.get(c, 0),
                "definition": model.terms[c].definitions.get("en"),
            }
            for c in model.classes
            if counts.get(c)
        ],
        "patterns": sorted(
            ({"link": portal.link(p), "cases": exemplified.count(p)} for p in patterns),
            key=lambda p: (-p["cases"], p["link"]["iri"]),
        ),
        "sources": [
            {
                "link": portal.link(s),
                "id": s.rsplit("/", 1)[1],
                "facts": sum(1 for fs in model.outgoing.values() for f in fs for c in f.citations if c.document == s),
            }
            for s in portal.sources()
        ],
        "pages": len(portal.pages) + 3,
        "facts": sum(1 for fs in model.outgoing.values() for f in fs for c in f.citations if c.statement),
    }


def build_site(graph, out: Path | str, seeds_dir: Path | str = SEEDS_DIR) -> SiteResult:
    """Write the portal of ``graph`` (a :class:`kg.store.KnowledgeGraph`) to the folder ``out``."""
    start = time.perf_counter()
    out = Path(out).resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.staging-"))
    staging.chmod(0o755)  # mkdtemp makes it private; the site is to be served
    try:
        model = read_model(graph)
        portal = Portal(model, Path(seeds_dir))
        networks = Networks(graph)
        descriptions = Descriptions(graph, model)
        write = _Writer(staging, Renderer())

        for asset in ASSET_FILES:
            write.file(f"assets/{asset.name}", asset.read_bytes())
        write.file(VIS_NETWORK, vis_network_file().read_bytes())
        for frame in FRAMES:
            write.file(map_file(frame), basemap_svg(frame).encode("utf-8"))
        write.file(INDEX_FILE, search_script(search_index(portal)).encode("utf-8"))
        for iri in sorted(iri for iri in portal.pages if iri in model.types):
            _thing(portal, networks, descriptions, write, iri)
        for cls in model.classes:
            page = class_page(portal, cls)
            write.page(
                "class.html", page_path(cls), descriptions.of_class(cls), page=page, title=page["term"]["text"], iri=cls
            )
        page = ontology_page(portal)
        write.page(
            "ontology.html",
            ONTOLOGY_PAGE,
            descriptions.of_ontology(),
            page=page,
            title=page["ontology"]["text"],
            iri=page["ontology"]["iri"],
        )
        write.page("index.html", HOME, page=_home(portal), title=pair("首页", "Home"))
        write.page("search.html", SEARCH, title=pair("搜索", "Search"))
        replace_tree(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return SiteResult(out, write.pages, write.files, write.bytes, time.perf_counter() - start)
