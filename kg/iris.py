"""Every IRI the project mints or reads, in one place.

Base ``https://w3id.org/yrd-de/`` (documented in the README):

* ontology terms: ``<.../ontology#Region>`` (prefix ``kg:``);
* a curated entity with id ``hefei``: ``<.../id/hefei>`` (prefix ``yrd:``);
* a participation: ``<.../id/participation/{case}/{participant}/{role}>``;
* a source document ``caict-2021``: ``<.../source/caict-2021>`` (prefix ``src:``), which also
  names the graph holding every fact taken from it;
* the graphs of the ontology, the source descriptions and the gazetteer:
  ``<.../graph/ontology>``, ``<.../graph/sources>``, ``<.../graph/gazetteer>``;
* the ``rdf:Statement`` citing one fact: ``<.../stmt/{hash}>``.

>>> entity("hefei").value
'https://w3id.org/yrd-de/id/hefei'
>>> term("Region").value
'https://w3id.org/yrd-de/ontology#Region'
>>> entity_id("https://w3id.org/yrd-de/id/hefei"), local_name(KG + "partOf"), local_name(SRC + "caict-2021")
('hefei', 'partOf', 'caict-2021')
"""

from __future__ import annotations

import hashlib

from pyoxigraph import NamedNode

__all__ = [
    "BASE",
    "KG",
    "ID",
    "SRC",
    "RDF",
    "RDFS",
    "XSD",
    "SKOS",
    "PREFIXES",
    "PROLOGUE",
    "ONTOLOGY_GRAPH",
    "SOURCES_GRAPH",
    "GAZETTEER_GRAPH",
    "term",
    "entity",
    "entity_id",
    "source_graph",
    "participation",
    "statement",
    "local_name",
    "shorten",
]

BASE = "https://w3id.org/yrd-de/"
KG = BASE + "ontology#"
ID = BASE + "id/"
SRC = BASE + "source/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"

#: Prefixes bound in the Turtle and JSON-LD outputs and declared for every query.
PREFIXES = {
    "kg": KG,
    "yrd": ID,
    "src": SRC,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": SKOS,
    "prov": "http://www.w3.org/ns/prov#",
    "org": "http://www.w3.org/ns/org#",
    "schema": "https://schema.org/",
    "dcterms": "http://purl.org/dc/terms/",
    "qb": "http://purl.org/linked-data/cube#",
    "wgs": "http://www.w3.org/2003/01/geo/wgs84_pos#",
    "sh": "http://www.w3.org/ns/shacl#",
}
#: The same prefixes as the PREFIX lines of a query text, for a store that does not know them (a remote endpoint).
PROLOGUE = "".join(f"PREFIX {prefix}: <{iri}>\n" for prefix, iri in PREFIXES.items())

ONTOLOGY_GRAPH = NamedNode(BASE + "graph/ontology")
SOURCES_GRAPH = NamedNode(BASE + "graph/sources")
GAZETTEER_GRAPH = NamedNode(BASE + "graph/gazetteer")


def term(local: str) -> NamedNode:
    """The IRI of an ontology term; a name the ontology does not define is a programming error."""
    from kg.vocabulary import TERMS

    if local not in TERMS:
        raise KeyError(f"kg:{local} is not a term of the ontology")
    return NamedNode(KG + local)


def entity(entity_id: str) -> NamedNode:
    """The IRI of a curated entity."""
    return NamedNode(ID + entity_id)


def entity_id(iri: str) -> str:
    """The id of a curated entity's IRI (the IRI itself when it is not one)."""
    return iri.removeprefix(ID)


def source_graph(source_id: str) -> NamedNode:
    """The IRI of a source document, which is also the name of the graph of its facts."""
    return NamedNode(SRC + source_id)


def participation(case: str, participant: str, role: str) -> NamedNode:
    """The IRI of the participation of ``participant`` in ``case`` in ``role``."""
    return NamedNode(f"{ID}participation/{case}/{participant}/{role}")


def statement(subject, predicate, obj, graph) -> NamedNode:
    """The IRI of the ``rdf:Statement`` that cites one quad: a hash of its four terms."""
    digest = hashlib.sha1(f"{subject} {predicate} {obj} {graph}".encode()).hexdigest()[:20]
    return NamedNode(f"{BASE}stmt/{digest}")


def local_name(iri: str) -> str:
    """The last part of an IRI: a term's local name, an entity's or a document's id."""
    return iri.rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def shorten(iri: str) -> str:
    """An IRI written with its declared prefix (``kg:Region``), or as it is.

    >>> shorten("https://w3id.org/yrd-de/ontology#Region"), shorten("urn:x")
    ('kg:Region', 'urn:x')
    """
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri
