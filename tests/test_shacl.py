"""kg's SHACL engine reports what pyshacl (the reference) reports, on the real data and on broken data."""

from collections import Counter

import pytest
from pyoxigraph import Literal, NamedNode, Quad

from kg.examples import tiny_graph
from kg.iris import RDF, XSD, entity, source_graph
from kg.iris import term as kg
from kg.shacl import UnsupportedShape, load_shapes
from kg.store import load
from kg.validate import shacl_results

_TYPE = NamedNode(RDF + "type")


def _broken_graph():
    """The tiny graph and, for every class a shape targets, a bare node and a node with bad values on every path.

    The bad values break each kind of constraint the shapes use: too many values (maxCount), a plain string
    where a class, a datatype or a language is wanted, two Chinese labels (uniqueLang), an unparsable decimal,
    an impossible date, a code of the wrong shape (pattern), a node of no class at all.
    """
    graph = tiny_graph()
    g = source_graph("caict-2021")
    shapes = load_shapes()
    classes = sorted({c for s in shapes for c in s.targets})
    paths = sorted({s.path for s in shapes})
    bad = [
        Literal("约50%"),
        Literal("甲", language="zh"),
        Literal("乙", language="zh"),
        Literal("b", language="en-GB"),
        Literal("fr", language="fr"),
        Literal("abc", datatype=NamedNode(XSD + "decimal")),
        Literal("2021-02-30", datatype=NamedNode(XSD + "date")),
        Literal("12", datatype=NamedNode(XSD + "integer")),
        Literal("2025", datatype=NamedNode(XSD + "gYear")),
        Literal("3401"),
        entity("no-such-node"),
        entity("hefei"),
        kg("LevelCounty"),
    ]
    for i, cls in enumerate(classes):
        bare, junk = entity(f"bare-{i}"), entity(f"junk-{i}")
        graph.store.add(Quad(bare, _TYPE, NamedNode(cls), g))
        graph.store.add(Quad(junk, _TYPE, NamedNode(cls), g))
        for path in paths:
            for value in bad:
                graph.store.add(Quad(junk, NamedNode(path), value, g))
    return graph


def test_the_engine_reports_what_pyshacl_reports_on_a_graph_that_breaks_every_shape():
    graph = _broken_graph()
    ours, reference = shacl_results(graph, "oxigraph"), shacl_results(graph, "pyshacl")
    assert Counter(ours) == Counter(reference)
    # every property shape is broken, and so are its counts on the bare nodes
    assert {(r.code, r.path) for r in reference} == {(s.code, s.path) for s in load_shapes()}
    assert any(r.focus.endswith("/bare-0") for r in reference)


def test_the_engine_reports_what_pyshacl_reports_on_a_small_change():
    graph = tiny_graph()
    figure, g = entity("fig-hefei-de-share-2025"), source_graph("caict-2021")
    graph.store.remove(next(iter(graph.store.quads_for_pattern(figure, kg("value"), None, None))))
    graph.store.add(Quad(figure, kg("value"), Literal("约50%"), g))
    ours = shacl_results(graph, "oxigraph")
    assert ours == shacl_results(graph, "pyshacl")
    assert [(r.focus, r.code, r.message) for r in ours] == [
        (figure.value, "KG-S05", "a figure has exactly one numeric value (xsd:decimal)")
    ]


@pytest.mark.slow
def test_the_engine_reports_what_pyshacl_reports_on_the_real_data(built):
    graph = load(built / "kg.nq")
    assert shacl_results(graph, "oxigraph") == shacl_results(graph, "pyshacl") == []


@pytest.mark.parametrize(
    "shape, refusal",
    [
        ('sh:targetClass <urn:C> ; sh:property [ sh:path <urn:p> ; sh:hasValue 1 ; sh:message "m" ]', "sh:hasValue"),
        ('sh:targetNode <urn:n> ; sh:property [ sh:path <urn:p> ; sh:minCount 1 ; sh:message "m" ]', "sh:targetNode"),
        ("sh:targetClass <urn:C> ; sh:minCount 1", "sh:minCount"),  # a count on a node shape means nothing
        (
            'sh:targetClass <urn:C> ; sh:property [ sh:path <urn:p> ; sh:or ( [ sh:minCount 1 ] ) ; sh:message "m" ]',
            "sh:minCount",
        ),
        ("sh:targetClass <urn:C> ; sh:property [ sh:path <urn:p> ; sh:minCount 1 ]", "no sh:message"),
        ('sh:targetClass <urn:C> ; sh:property [ sh:path ( <urn:p> <urn:q> ) ; sh:message "m" ]', "not one IRI"),
        (
            'sh:targetClass <urn:C> ; sh:property [ sh:path <urn:p> ; sh:datatype <urn:T> ; sh:message "m" ]',
            "datatype <urn:T>",
        ),
    ],
)
def test_a_shape_the_engine_cannot_check_is_refused_by_name(tmp_path, shape, refusal):
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(f"@prefix sh: <http://www.w3.org/ns/shacl#> .\n<urn:x#S99-odd> {shape} .\n", encoding="utf-8")
    with pytest.raises(UnsupportedShape, match=refusal):
        load_shapes(shapes)
