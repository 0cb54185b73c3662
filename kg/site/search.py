"""The search index of the portal: every page by every name, for a search that runs in the browser.

Each entry has the page, both labels, the class, the aliases and every name the thing is
matched by (:func:`kg.names.name_keys`: labels, the label without its administrative suffix,
pinyin, aliases, codes), normalised as the name resolver of the command line does. The
search page loads the index as a script (``assets/search-index.js``), which a page opened
from the file system may do, where it could not fetch a JSON file.

>>> from kg.examples import tiny_graph
>>> from kg.site.context import Portal
>>> from kg.site.model import read_model
>>> index = search_index(Portal(read_model(tiny_graph())))
>>> hefei = next(e for e in index["entries"] if e["u"] == "id/hefei.html")
>>> "hefei" in hefei["k"] and "340100" in hefei["k"]
True
"""

from __future__ import annotations

import json

from kg.iris import KG, SKOS
from kg.names import name_keys
from kg.site.context import Portal
from kg.site.urls import page_path, term_anchor

__all__ = ["search_index", "search_script", "INDEX_FILE"]

INDEX_FILE = "assets/search-index.js"


def search_index(portal: Portal) -> dict:
    """The index: the classes (labels), and one entry per page or ontology term."""
    model = portal.model
    classes = model.classes
    entries = []
    for iri in sorted(portal.pages | {t for t in model.terms if t.startswith(KG)}):
        text = portal.text(iri)
        aliases = [alias for alias, _ in model.aliases.get(iri, [])]
        codes = [f.o.value for f in model.outgoing.get(iri, ()) if f.p in (KG + "adminCode", SKOS + "notation")]
        cls = model.class_of(iri)
        entries.append(
            {
                "u": page_path(iri) if iri in portal.pages else term_anchor(iri),
                "zh": text["zh"],
                "en": text["en"],
                "c": classes.index(cls) if cls in classes else -1,
                "a": aliases,
                "k": sorted(name_keys(text["zh"], text["en"], codes, aliases)),
            }
        )
    return {"classes": [model.labels_of(c) for c in classes], "entries": entries}


def search_script(index: dict) -> str:
    """The index as a script that sets ``window.KG_SEARCH``."""
    return "window.KG_SEARCH = " + json.dumps(index, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + ";\n"
