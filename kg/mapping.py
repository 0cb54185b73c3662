"""Turn checked table rows into RDF quads.

IRIs come from :mod:`kg.iris`. Each triple a row yields sits in the graph of the row's
source, and is also stated once as an ``rdf:Statement`` node in the same graph, carrying
``kg:locator`` (where in the document) and, for cooperation ties reported within a case,
``kg:viaCase``.

>>> from kg.examples import tiny_tables
>>> quads = dataset_quads(tiny_tables())
>>> sum(1 for q in quads if q.subject == entity("hefei") and q.predicate == RDFS_LABEL)
2
"""

from __future__ import annotations

from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, parse

from kg.iris import (
    GAZETTEER_GRAPH,
    KG,
    ONTOLOGY_GRAPH,
    PREFIXES,
    RDF,
    RDFS,
    SOURCES_GRAPH,
    XSD,
    entity,
    participation,
    source_graph,
    statement,
    term,
)
from kg.paths import ONTOLOGY_FILES
from kg.tables import Row, Tables
from kg.vocabulary import SCHEMES

__all__ = ["dataset_quads", "ontology_quads", "RDFS_LABEL"]

RDF_TYPE = NamedNode(RDF + "type")
RDFS_LABEL = NamedNode(RDFS + "label")


def _concept(scheme: str, notation: str) -> NamedNode:
    return term(SCHEMES[scheme][notation])


def _ns(prefix: str, local: str) -> NamedNode:
    return NamedNode(PREFIXES[prefix] + local)


def _year(value: int) -> Literal:
    return Literal(f"{value:04d}", datatype=NamedNode(XSD + "gYear"))


def _date(text: str) -> Literal:
    """A date as precise as written: YYYY (gYear), YYYY-MM (gYearMonth) or YYYY-MM-DD (date)."""
    return Literal(text, datatype=NamedNode(XSD + {4: "gYear", 7: "gYearMonth", 10: "date"}[len(text)]))


def _label_pair(row: Row, zh: str = "label_zh", en: str = "label_en"):
    yield RDFS_LABEL, Literal(row[zh], language="zh")
    yield RDFS_LABEL, Literal(row[en], language="en")


def _typed_entity(row: Row, cls: str, zh: str = "label_zh", en: str = "label_en"):
    """The IRI of an entity row, with its class and its two labels as triples."""
    s = entity(row["id"])
    triples = [(s, RDF_TYPE, term(cls))] + [(s, p, o) for p, o in _label_pair(row, zh, en)]
    return s, triples


# ---------------------------------------------------------------- one function per table


def _regions(row: Row):
    s, triples = _typed_entity(row, "Region")
    yield from triples
    yield s, term("level"), _concept("RegionLevelScheme", row["level"])
    if row["part_of"]:
        yield s, term("partOf"), entity(row["part_of"])


def _placed(row: Row, cls: str, kinds: str):
    """An organisation or carrier: class, labels, kind and, if given, where it is."""
    s, triples = _typed_entity(row, cls)
    triples.append((s, term("kind"), _concept(kinds, row["kind"])))
    if row["located_in"]:
        triples.append((s, term("locatedIn"), entity(row["located_in"])))
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
    yield s, _ns("skos", "inScheme"), term("IndustryScheme")
    if row["broader"]:
        yield s, _ns("skos", "broader"), entity(row["broader"])
    if row["nbs_category"]:
        yield s, term("nbsCategory"), _concept("NbsScheme", row["nbs_category"])


def _plans(row: Row):
    s, triples = _typed_entity(row, "Plan", "title_zh", "title_en")
    yield from triples
    yield s, term("kind"), _concept("PlanKindScheme", row["kind"])
    yield s, term("level"), _concept("PlanLevelScheme", row["level"])
    if row["doc_number"]:
        yield s, term("documentNumber"), Literal(row["doc_number"])
    if row["issued_year"]:
        yield s, term("issuedYear"), _year(row["issued_year"])
    if row["issued_date"]:
        yield s, _ns("dcterms", "issued"), _date(row["issued_date"])
    if row["period_start"]:
        yield s, term("periodStart"), _year(row["period_start"])
    if row["period_end"]:
        yield s, term("periodEnd"), _year(row["period_end"])
    if row["part_of"]:
        yield s, term("partOfPlan"), entity(row["part_of"])


def _plan_elements(row: Row):
    s, triples = _typed_entity(row, "PlanElement")
    yield from triples
    yield s, term("kind"), _concept("PlanElementKindScheme", row["kind"])
    yield s, term("elementOf"), entity(row["document"])
    if row["part_of"]:
        yield s, term("partOfElement"), entity(row["part_of"])
    if row["order"] is not None:
        yield s, term("order"), Literal(str(row["order"]), datatype=NamedNode(XSD + "integer"))
    if row["period_start"]:
        yield s, term("periodStart"), _year(row["period_start"])
    if row["period_end"]:
        yield s, term("periodEnd"), _year(row["period_end"])
    for lang in ("zh", "en"):
        if row[f"description_{lang}"]:
            yield s, _ns("dcterms", "description"), Literal(row[f"description_{lang}"], language=lang)


def _groups(row: Row):
    s, triples = _typed_entity(row, "Group")
    yield from triples
    yield s, term("kind"), _concept("GroupKindScheme", row["kind"])


def _cases(row: Row):
    s, triples = _typed_entity(row, "PatternCase")
    yield from triples
    yield s, term("exemplifies"), _concept("PatternScheme", row["pattern"])


def _figures(row: Row):
    s = entity(row["id"])
    yield s, RDF_TYPE, term("Figure")
    for subject in (row["subject"], *(row["also_of"] or ())):
        yield s, term("figureOf"), entity(subject)
    yield s, term("indicator"), Literal(row["indicator_zh"], language="zh")
    yield s, term("indicator"), Literal(row["indicator_en"], language="en")
    yield s, term("value"), Literal(str(row["value"]), datatype=NamedNode(XSD + "decimal"))
    yield s, term("unit"), _concept("UnitScheme", row["unit"])
    yield s, term("comparator"), _concept("ComparatorScheme", row["comparator"])
    yield s, term("kind"), _concept("FigureKindScheme", row["kind"])
    if row["year"]:
        yield s, term("refYear"), _year(row["year"])
    if row["plan"]:
        yield s, term("setBy"), entity(row["plan"])
    if row["reported_by"]:
        yield s, term("reportedBy"), entity(row["reported_by"])


def _participations(row: Row):
    s = participation(row["case"], row["participant"], row["role"])
    yield s, RDF_TYPE, term("Participation")
    yield s, term("inCase"), entity(row["case"])
    yield s, term("participant"), entity(row["participant"])
    yield s, term("role"), _concept("RoleScheme", row["role"])
    if row["function_zh"]:
        yield s, term("function"), Literal(row["function_zh"], language="zh")
    if row["function_en"]:
        yield s, term("function"), Literal(row["function_en"], language="en")


def _industry_links(row: Row):
    yield entity(row["subject"]), term(row["relation"]), entity(row["industry"])


def _issuances(row: Row):
    yield entity(row["plan"]), term("issuedBy"), entity(row["issuer"])


def _plan_scopes(row: Row):
    yield entity(row["plan"]), term("appliesTo"), entity(row["region"])


def _links(row: Row):
    yield entity(row["subject"]), term(row["relation"]), entity(row["object"])


def _mentions(row: Row):
    yield entity(row["element"]), term("mentions"), entity(row["entity"])


def _aliases(row: Row):
    yield entity(row["entity"]), _ns("skos", "altLabel"), Literal(row["alias"], language=row["lang"])


_ROW_MAPPERS = {
    "regions": _regions,
    "organisations": _organisations,
    "carriers": _carriers,
    "industries": _industries,
    "plans": _plans,
    "plan_elements": _plan_elements,
    "groups": _groups,
    "cases": _cases,
    "figures": _figures,
    "participations": _participations,
    "industry_links": _industry_links,
    "issuances": _issuances,
    "plan_scopes": _plan_scopes,
    "links": _links,
    "mentions": _mentions,
    "aliases": _aliases,
}


# ---------------------------------------------------------------- tables that are not source facts
# (gazetteer codes carry their package in the gazetteer graph; a renamed division
#  also gets its current name as skos:altLabel there)


def _source_quads(row: Row):
    s, g = source_graph(row["id"]), SOURCES_GRAPH
    yield Quad(s, RDF_TYPE, term("Source"), g)
    for _, title in _label_pair(row, "title_zh", "title_en"):
        yield Quad(s, RDFS_LABEL, title, g)
        yield Quad(s, _ns("dcterms", "title"), title, g)
    if row["author"]:
        yield Quad(s, _ns("dcterms", "creator"), Literal(row["author"]), g)
    if row["publisher"]:
        yield Quad(s, _ns("dcterms", "publisher"), Literal(row["publisher"]), g)
    yield Quad(s, _ns("dcterms", "date"), _date(row["date"]), g)
    yield Quad(s, term("fileName"), Literal(row["file"]), g)


def _gazetteer_quads(row: Row, label_zh: str):
    s, g = entity(row["region"]), GAZETTEER_GRAPH
    decimal = NamedNode(XSD + "decimal")
    yield Quad(s, term("adminCode"), Literal(row["adcode"]), g)
    if row["gazetteer_name"] != label_zh:  # renamed since the source was written: keep both names
        yield Quad(s, _ns("skos", "altLabel"), Literal(row["gazetteer_name"], language="zh"), g)
    yield Quad(s, _ns("wgs", "long"), Literal(str(row["longitude"]), datatype=decimal), g)
    yield Quad(s, _ns("wgs", "lat"), Literal(str(row["latitude"]), datatype=decimal), g)
    yield Quad(g, _ns("prov", "wasDerivedFrom"), Literal(row["gazetteer"]), g)


_STATEMENT, _SUBJECT, _PREDICATE, _OBJECT = (NamedNode(RDF + n) for n in "Statement subject predicate object".split())
_LOCATOR, _VIA_CASE = term("locator"), term("viaCase")


def _statement(s, p, o, g, locator: str, case: str | None):
    """The quads of the ``rdf:Statement`` citing one fact (its terms made once: a build makes 18,000 of these)."""
    node = statement(s, p, o, g)
    quads = [
        Quad(node, RDF_TYPE, _STATEMENT, g),
        Quad(node, _SUBJECT, s, g),
        Quad(node, _PREDICATE, p, g),
        Quad(node, _OBJECT, o, g),
        Quad(node, _LOCATOR, Literal(locator), g),
    ]
    if case:
        quads.append(Quad(node, _VIA_CASE, entity(case), g))
    return quads


def ontology_quads():
    """The ontology files as quads in the ontology graph."""
    for path in ONTOLOGY_FILES:
        with open(path, "rb") as handle:
            for triple in parse(handle, format=RdfFormat.TURTLE, base_iri=KG):
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
