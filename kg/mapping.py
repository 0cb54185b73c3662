"""Turn checked table rows into RDF quads.

IRIs (base ``https://w3id.org/yrd-de/``, documented in the README):

* an entity with id ``hefei`` is ``<https://w3id.org/yrd-de/id/hefei>``;
* a participation is ``<.../id/participation/{case}/{participant}/{role}>``;
* a source document ``caict-2021`` is ``<.../source/caict-2021>``, and the same
  IRI names the graph holding every fact taken from it, so ``GRAPH ?g`` asks
  where a fact comes from;
* the ontology, the source descriptions and the gazetteer facts live in the
  graphs ``<.../graph/ontology>``, ``<.../graph/sources>``, ``<.../graph/gazetteer>``.

Each triple a row yields is also stated once as an ``rdf:Statement`` node
(``<.../stmt/{hash}>``) in the same graph, carrying ``kg:locator`` (where in the
document) and, for cooperation ties reported within a case, ``kg:viaCase``.

>>> from kg.tables import load_tables
>>> quads = dataset_quads(load_tables())
>>> sum(1 for q in quads if q.subject == entity("hefei") and q.predicate == RDFS_LABEL)
2
"""
from __future__ import annotations

import hashlib

from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, parse

from kg.paths import ONTOLOGY_FILES
from kg.tables import Row, Tables
from kg.vocabulary import NAMESPACE, SCHEMES, TERMS

__all__ = ["BASE", "entity", "source_graph", "kg", "dataset_quads", "PREFIXES",
           "ONTOLOGY_GRAPH", "SOURCES_GRAPH", "GAZETTEER_GRAPH", "RDFS_LABEL"]

BASE = "https://w3id.org/yrd-de/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
XSD = "http://www.w3.org/2001/XMLSchema#"

#: Prefixes bound in the Turtle and JSON-LD outputs and declared for queries.
PREFIXES = {
    "kg": NAMESPACE,
    "yrd": BASE + "id/",
    "src": BASE + "source/",
    "rdf": RDF,
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": XSD,
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "org": "http://www.w3.org/ns/org#",
    "schema": "https://schema.org/",
    "dcterms": "http://purl.org/dc/terms/",
    "qb": "http://purl.org/linked-data/cube#",
    "wgs": "http://www.w3.org/2003/01/geo/wgs84_pos#",
    "sh": "http://www.w3.org/ns/shacl#",
}

ONTOLOGY_GRAPH = NamedNode(BASE + "graph/ontology")
SOURCES_GRAPH = NamedNode(BASE + "graph/sources")
GAZETTEER_GRAPH = NamedNode(BASE + "graph/gazetteer")
RDF_TYPE = NamedNode(RDF + "type")
RDFS_LABEL = NamedNode(PREFIXES["rdfs"] + "label")


def kg(term: str) -> NamedNode:
    """The IRI of an ontology term; an unknown term is a programming error.

    >>> kg("Region").value
    'https://w3id.org/yrd-de/ontology#Region'
    """
    if term not in TERMS:
        raise KeyError(f"kg:{term} is not a term of the ontology")
    return NamedNode(NAMESPACE + term)


def entity(entity_id: str) -> NamedNode:
    """IRI of a curated entity."""
    return NamedNode(BASE + "id/" + entity_id)


def source_graph(source_id: str) -> NamedNode:
    """IRI of a source document, which is also the name of its graph."""
    return NamedNode(BASE + "source/" + source_id)


def _vocab(scheme: str, notation: str) -> NamedNode:
    return kg(SCHEMES[scheme][notation])


def _ns(prefix: str, local: str) -> NamedNode:
    return NamedNode(PREFIXES[prefix] + local)


def _year(value: int) -> Literal:
    return Literal(f"{value:04d}", datatype=NamedNode(XSD + "gYear"))


def _date(text: str) -> Literal:
    """A date as precise as written: YYYY (gYear), YYYY-MM (gYearMonth) or YYYY-MM-DD (date)."""
    return Literal(text, datatype=NamedNode(XSD + {4: "gYear", 7: "gYearMonth", 10: "date"}[len(text)]))


def _labels(row: Row, zh: str = "label_zh", en: str = "label_en"):
    yield RDFS_LABEL, Literal(row[zh], language="zh")
    yield RDFS_LABEL, Literal(row[en], language="en")


def _typed_entity(row: Row, cls: str, zh: str = "label_zh", en: str = "label_en"):
    """The IRI of an entity row, with its class and its two labels as triples."""
    s = entity(row["id"])
    triples = [(s, RDF_TYPE, kg(cls))] + [(s, p, o) for p, o in _labels(row, zh, en)]
    return s, triples


# ---------------------------------------------------------------- one function per table

def _regions(row: Row):
    s, triples = _typed_entity(row, "Region")
    yield from triples
    yield s, kg("level"), _vocab("RegionLevelScheme", row["level"])
    if row["part_of"]:
        yield s, kg("partOf"), entity(row["part_of"])


def _placed(row: Row, cls: str, kinds: str):
    """An organisation or carrier: class, labels, kind and, if given, where it is."""
    s, triples = _typed_entity(row, cls)
    triples.append((s, kg("kind"), _vocab(kinds, row["kind"])))
    if row["located_in"]:
        triples.append((s, kg("locatedIn"), entity(row["located_in"])))
    return s, triples


def _organisations(row: Row):
    return _placed(row, "Organisation", "OrgKindScheme")[1]


def _carriers(row: Row):
    s, triples = _placed(row, "Carrier", "CarrierKindScheme")
    yield from triples
    if row["founded"]:
        yield s, _ns("schema", "foundingDate"), _year(row["founded"])


def _industries(row: Row):
    s, triples = _typed_entity(row, "Industry")
    yield from triples
    yield s, _ns("skos", "inScheme"), kg("IndustryScheme")
    if row["broader"]:
        yield s, _ns("skos", "broader"), entity(row["broader"])
    if row["nbs_category"]:
        yield s, kg("nbsCategory"), _vocab("NbsScheme", row["nbs_category"])


def _plans(row: Row):
    s, triples = _typed_entity(row, "Plan", "title_zh", "title_en")
    yield from triples
    yield s, kg("kind"), _vocab("PlanKindScheme", row["kind"])
    yield s, kg("level"), _vocab("PlanLevelScheme", row["level"])
    if row["doc_number"]:
        yield s, kg("documentNumber"), Literal(row["doc_number"])
    if row["issued_year"]:
        yield s, kg("issuedYear"), _year(row["issued_year"])
    if row["issued_date"]:
        yield s, _ns("dcterms", "issued"), _date(row["issued_date"])
    if row["period_start"]:
        yield s, kg("periodStart"), _year(row["period_start"])
    if row["period_end"]:
        yield s, kg("periodEnd"), _year(row["period_end"])
    if row["part_of"]:
        yield s, kg("partOfPlan"), entity(row["part_of"])


def _cases(row: Row):
    s, triples = _typed_entity(row, "PatternCase")
    yield from triples
    yield s, kg("exemplifies"), _vocab("PatternScheme", row["pattern"])


def _figures(row: Row):
    s = entity(row["id"])
    yield s, RDF_TYPE, kg("Figure")
    yield s, kg("figureOf"), entity(row["subject"])
    yield s, kg("indicator"), Literal(row["indicator_zh"], language="zh")
    yield s, kg("indicator"), Literal(row["indicator_en"], language="en")
    yield s, kg("value"), Literal(str(row["value"]), datatype=NamedNode(XSD + "decimal"))
    yield s, kg("unit"), _vocab("UnitScheme", row["unit"])
    yield s, kg("comparator"), _vocab("ComparatorScheme", row["comparator"])
    yield s, kg("kind"), _vocab("FigureKindScheme", row["kind"])
    if row["year"]:
        yield s, kg("refYear"), _year(row["year"])
    if row["plan"]:
        yield s, kg("setBy"), entity(row["plan"])


def participation(case: str, participant: str, role: str) -> NamedNode:
    """IRI of the participation of ``participant`` in ``case`` in ``role``."""
    return NamedNode(f"{BASE}id/participation/{case}/{participant}/{role}")


def _participations(row: Row):
    s = participation(row["case"], row["participant"], row["role"])
    yield s, RDF_TYPE, kg("Participation")
    yield s, kg("inCase"), entity(row["case"])
    yield s, kg("participant"), entity(row["participant"])
    yield s, kg("role"), _vocab("RoleScheme", row["role"])
    if row["function_zh"]:
        yield s, kg("function"), Literal(row["function_zh"], language="zh")
    if row["function_en"]:
        yield s, kg("function"), Literal(row["function_en"], language="en")


def _industry_links(row: Row):
    yield entity(row["subject"]), kg(row["relation"]), entity(row["industry"])


def _issuances(row: Row):
    yield entity(row["plan"]), kg("issuedBy"), entity(row["issuer"])


def _plan_scopes(row: Row):
    yield entity(row["plan"]), kg("appliesTo"), entity(row["region"])


def _links(row: Row):
    yield entity(row["subject"]), kg(row["relation"]), entity(row["object"])


_ROW_MAPPERS = {
    "regions": _regions, "organisations": _organisations, "carriers": _carriers,
    "industries": _industries, "plans": _plans, "cases": _cases, "figures": _figures,
    "participations": _participations, "industry_links": _industry_links,
    "issuances": _issuances, "plan_scopes": _plan_scopes, "links": _links,
}


# ---------------------------------------------------------------- tables that are not source facts
# (gazetteer codes carry their package in the gazetteer graph; a renamed division
#  also gets its current name as skos:altLabel there)

def _source_quads(row: Row):
    s, g = source_graph(row["id"]), SOURCES_GRAPH
    yield Quad(s, RDF_TYPE, kg("Source"), g)
    for _, title in _labels(row, "title_zh", "title_en"):
        yield Quad(s, RDFS_LABEL, title, g)
        yield Quad(s, _ns("dcterms", "title"), title, g)
    yield Quad(s, _ns("dcterms", "publisher"), Literal(row["publisher"]), g)
    yield Quad(s, _ns("dcterms", "date"), _date(row["date"]), g)
    yield Quad(s, kg("fileName"), Literal(row["file"]), g)


def _gazetteer_quads(row: Row, label_zh: str):
    s, g = entity(row["region"]), GAZETTEER_GRAPH
    decimal = NamedNode(XSD + "decimal")
    yield Quad(s, kg("adminCode"), Literal(row["adcode"]), g)
    if row["gazetteer_name"] != label_zh:  # renamed since the source was written: keep both names
        yield Quad(s, _ns("skos", "altLabel"), Literal(row["gazetteer_name"], language="zh"), g)
    yield Quad(s, _ns("wgs", "long"), Literal(str(row["longitude"]), datatype=decimal), g)
    yield Quad(s, _ns("wgs", "lat"), Literal(str(row["latitude"]), datatype=decimal), g)
    yield Quad(g, _ns("prov", "wasDerivedFrom"), Literal(row["gazetteer"]), g)


def _statement(s, p, o, g, locator: str, case: str | None):
    digest = hashlib.sha1(f"{s} {p} {o} {g}".encode("utf-8")).hexdigest()[:20]
    node = NamedNode(f"{BASE}stmt/{digest}")
    yield Quad(node, RDF_TYPE, NamedNode(RDF + "Statement"), g)
    yield Quad(node, NamedNode(RDF + "subject"), s, g)
    yield Quad(node, NamedNode(RDF + "predicate"), p, g)
    yield Quad(node, NamedNode(RDF + "object"), o, g)
    yield Quad(node, kg("locator"), Literal(locator), g)
    if case:
        yield Quad(node, kg("viaCase"), entity(case), g)


def ontology_quads():
    """The ontology files as quads in the ontology graph."""
    for path in ONTOLOGY_FILES:
        with open(path, "rb") as handle:
            for triple in parse(handle, format=RdfFormat.TURTLE, base_iri=NAMESPACE):
                yield Quad(triple.subject, triple.predicate, triple.object, ONTOLOGY_GRAPH)


def dataset_quads(tables: Tables) -> set[Quad]:
    """Every quad of the dataset: ontology, sources, gazetteer and curated facts."""
    quads = set(ontology_quads())
    for row in tables.rows["sources"]:
        quads.update(_source_quads(row))
    labels = {row["id"]: row["label_zh"] for row in tables.rows["regions"]}
    for row in tables.rows["region_gazetteer"]:
        quads.update(_gazetteer_quads(row, labels[row["region"]]))
    for name, mapper in _ROW_MAPPERS.items():
        for row in tables.rows[name]:
            g = source_graph(row["source"])
            for s, p, o in mapper(row):
                quads.add(Quad(s, p, o, g))
                quads.update(_statement(s, p, o, g, row["locator"], row.get("case") if name == "links" else None))
    return quads
