"""The triples of each page, with their provenance, as the Turtle written beside it.

The description of a thing is every triple with the thing as subject or object, the
``rdf:Statement`` of each one that a source states (with its ``kg:locator`` and
``kg:viaCase``, exactly as in the dataset), and the labels of the things at the other end.
Turtle has no named graphs, so the source graph a statement sits in (which is the source
document, see the README) is said by one more triple, ``?statement dcterms:source ?document``.
A class's page has the class's triples from the ontology graph and the type triple of each
member; the ontology page the whole ontology graph. Triples are sorted and prefixes bound,
so the same data gives the same bytes.

>>> from kg.examples import tiny_graph
>>> from kg.site.model import read_model
>>> graph = tiny_graph()
>>> text = Descriptions(graph, read_model(graph)).of_thing("https://w3id.org/yrd-de/id/hefei").decode()
>>> "yrd:hefei" in text and "kg:locator" in text and "dcterms:source src:caict-2021" in text
True
"""

from __future__ import annotations

from collections import defaultdict

from pyoxigraph import Literal, NamedNode, RdfFormat, Triple, serialize

from kg.iris import KG, ONTOLOGY_GRAPH, PREFIXES, RDF
from kg.site.model import LABEL, RDF_TYPE, Citation, Fact, Model

__all__ = ["Descriptions", "turtle"]

_SOURCE = NamedNode(PREFIXES["dcterms"] + "source")


def _key(triple: Triple) -> tuple:
    o = triple.object
    return (triple.subject.value, triple.predicate.value, isinstance(o, Literal), o.value, str(o))


def turtle(triples) -> bytes:
    """Triples as Turtle, sorted, with the project's prefixes."""
    return serialize(sorted(set(triples), key=_key), format=RdfFormat.TURTLE, prefixes=PREFIXES)


def _statement(fact: Fact, c: Citation) -> list[Triple]:
    node = NamedNode(c.statement)
    triples = [
        Triple(node, NamedNode(RDF_TYPE), NamedNode(RDF + "Statement")),
        Triple(node, NamedNode(RDF + "subject"), NamedNode(fact.s)),
        Triple(node, NamedNode(RDF + "predicate"), NamedNode(fact.p)),
        Triple(node, NamedNode(RDF + "object"), fact.o),
        Triple(node, NamedNode(KG + "locator"), Literal(c.locator)),
        Triple(node, _SOURCE, NamedNode(c.document)),
    ]
    if c.case:
        triples.append(Triple(node, NamedNode(KG + "viaCase"), NamedNode(c.case)))
    return triples


class Descriptions:
    """The Turtle of each page, from the model (things) and the ontology graph (terms)."""

    def __init__(self, graph, model: Model):
        self.model = model
        self.ontology: dict[str, list[Triple]] = defaultdict(list)
        for quad in graph.store.quads_for_pattern(None, None, None, ONTOLOGY_GRAPH):
            self.ontology[quad.subject.value].append(Triple(quad.subject, quad.predicate, quad.object))

    def _labels(self, iri: str) -> list[Triple]:
        return [
            Triple(NamedNode(iri), NamedNode(LABEL), Literal(text, language=lang))
            for lang, text in self.model.labels.get(iri, {}).items()
        ]

    def of_thing(self, iri: str) -> bytes:
        """A thing's triples in and out, their statements, and the labels of the other ends."""
        triples = []
        facts = self.model.outgoing.get(iri, []) + self.model.incoming.get(iri, [])
        for fact in facts:
            triples.append(Triple(NamedNode(fact.s), NamedNode(fact.p), fact.o))
            for c in fact.citations:
                if c.statement:
                    triples += _statement(fact, c)
            other = fact.s if fact.s != iri else fact.object_iri
            if other and other != iri:
                triples += self._labels(other)
        return turtle(triples)

    def of_class(self, cls: str) -> bytes:
        members = self.model.instances(cls)
        typed = [Triple(NamedNode(m), NamedNode(RDF_TYPE), NamedNode(cls)) for m in members]
        return turtle(self.ontology.get(cls, []) + typed + [t for m in members for t in self._labels(m)])

    def of_ontology(self) -> bytes:
        return turtle(t for triples in self.ontology.values() for t in triples)
