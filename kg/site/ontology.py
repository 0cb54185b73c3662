"""The ontology page and the index page of each class, read from the ontology graph.

The ontology page follows pyLODE's layout: the ontology's metadata, then classes, object
properties, datatype properties and concept schemes (with their concepts), each term with
its IRI, zh and en labels and definitions, super- and sub-terms, domain and range, and how
much the data uses it; then the namespaces. Every term has an anchor (``ontology.html#Region``),
which is where its hash IRI points.

A class's index page lists its members in a sortable table: both labels, the id, and the
attributes most of its members have (literal or controlled values, chosen from the data, so
a new property becomes a column without a change here).
"""

from __future__ import annotations

from collections import Counter

from pyoxigraph import Literal, NamedNode

from kg.iris import ID, KG, PREFIXES, RDFS, SKOS, entity_id, local_name, shorten
from kg.site.context import Portal, pair
from kg.site.entity import DESCRIPTIONS
from kg.site.model import ALT_LABEL, LABEL, RDF_TYPE

__all__ = ["ontology_page", "class_page"]

_OWL = PREFIXES["owl"]
_KINDS = (
    ("classes", _OWL + "Class", pair("类", "Classes")),
    ("object_properties", _OWL + "ObjectProperty", pair("对象属性", "Object properties")),
    ("datatype_properties", _OWL + "DatatypeProperty", pair("数据属性", "Datatype properties")),
    ("schemes", SKOS + "ConceptScheme", pair("概念体系", "Concept schemes")),
)
#: The share of a class's members that must have an attribute for it to become a column.
COLUMN_SHARE = 0.3
MAX_COLUMNS = 6


def _ref(portal: Portal, iri: str) -> dict:
    """A term as shown in a definition list: our terms linked to their entry, others by prefixed name."""
    if iri.startswith(KG) and iri in portal.model.terms:
        return {**portal.term_link(iri), "href": portal.link(iri)["href"] if iri in portal.pages else None}
    return {"href": None, "text": pair(shorten(iri)), "iri": iri, "short": shorten(iri)}


def _term(portal: Portal, iri: str, uses: Counter, counts: dict) -> dict:
    model = portal.model
    term = model.terms[iri]
    super_predicate = RDFS + ("subClassOf" if _OWL + "Class" in term.types else "subPropertyOf")
    subs = sorted(t.iri for t in model.terms.values() if iri in t.all(super_predicate))
    extra_types = sorted(t for t in term.types if t not in {k for _, k, _ in _KINDS})
    return {
        "iri": iri,
        "anchor": local_name(iri),
        "short": shorten(iri),
        "text": model.labels_of(iri),
        "definitions": dict(term.definitions),
        "types": [_ref(portal, t) for t in extra_types],
        "super": [_ref(portal, t) for t in term.all(super_predicate)],
        "sub": [_ref(portal, t) for t in subs],
        "domain": [_ref(portal, t) for t in term.all(RDFS + "domain")],
        "range": [_ref(portal, t) for t in term.all(RDFS + "range")],
        "in_domain_of": [_ref(portal, t.iri) for t in _with(model, RDFS + "domain", iri)],
        "in_range_of": [_ref(portal, t.iri) for t in _with(model, RDFS + "range", iri)],
        "notation": term.first(SKOS + "notation"),
        "uses": uses.get(iri, 0),
        "instances": counts.get(iri, 0),
        "page": portal.link(iri)["href"] if iri in portal.pages else None,
        "concepts": [_concept(portal, c) for c in model.concepts(iri)] if SKOS + "ConceptScheme" in term.types else [],
    }


def _with(model, predicate: str, value: str) -> list:
    return sorted((t for t in model.terms.values() if value in t.all(predicate)), key=lambda t: t.iri)


def _concept(portal: Portal, iri: str) -> dict:
    term = portal.model.terms[iri]
    return {
        "iri": iri,
        "anchor": local_name(iri),
        "text": portal.model.labels_of(iri),
        "notation": term.first(SKOS + "notation"),
        "definitions": dict(term.definitions),
        "page": portal.link(iri)["href"] if iri in portal.pages else None,
    }


def ontology_page(portal: Portal) -> dict:
    """Metadata, the terms of each kind (sorted by English label), and the namespaces."""
    model = portal.model
    uses = Counter(f.p for facts in model.outgoing.values() for f in facts)
    counts = model.instance_counts()
    ontology = next((t for t in model.terms.values() if _OWL + "Ontology" in t.types), None)
    groups = []
    for key, kind, title in _KINDS:
        members = [t.iri for t in model.terms.values() if kind in t.types and t.iri.startswith(KG) and t.iri != KG[:-1]]
        members.sort(key=lambda i: (model.label(i, "en").lower(), i))
        groups.append({"key": key, "title": title, "terms": [_term(portal, i, uses, counts) for i in members]})
    return {
        "ontology": {
            "iri": ontology.iri if ontology else KG,
            "text": model.labels_of(ontology.iri) if ontology else pair("本体", "Ontology"),
            "definitions": dict(ontology.definitions) if ontology else {},
            "version": ontology.first(_OWL + "versionInfo") if ontology else None,
            "namespace": KG,
        },
        "groups": groups,
        "namespaces": sorted(PREFIXES.items()),
    }


def _cell(portal: Portal, facts: list) -> list[dict]:
    values = []
    for fact in facts:
        view = portal.value_view(fact.o)
        values.append({**view, "sort": view["text"]["zh"] if isinstance(fact.o, NamedNode) else fact.o.value})
    return values


def class_page(portal: Portal, cls: str) -> dict:
    """The class's entry and its members in a table with the attributes most of them have."""
    model = portal.model
    members = model.instances(cls)
    skip = {RDF_TYPE, LABEL, ALT_LABEL, SKOS + "inScheme", *DESCRIPTIONS}
    usage: Counter = Counter()
    for iri in members:
        usage.update(
            {
                f.p
                for f in model.outgoing.get(iri, ())
                if f.p not in skip and (isinstance(f.o, Literal) or f.o.value in model.terms)
            }
        )
    columns = [
        p
        for p, n in sorted(usage.items(), key=lambda kv: (-kv[1], model.label(kv[0], "en"), kv[0]))
        if n >= COLUMN_SHARE * len(members)
    ][:MAX_COLUMNS]
    rows = []
    for iri in members:
        facts = model.outgoing.get(iri, [])
        rows.append(
            {
                "link": portal.link(iri),
                "id": entity_id(iri) if iri.startswith(ID) else local_name(iri),
                "aliases": [a for a, _ in model.aliases.get(iri, [])],
                "cells": [_cell(portal, [f for f in facts if f.p == p]) for p in columns],
                "facts": sum(len(f.citations) for f in facts if f.p != RDF_TYPE),
            }
        )
    return {
        "term": _term(portal, cls, Counter(), model.instance_counts()),
        "columns": [portal.term_link(p) for p in columns],
        "rows": rows,
    }
