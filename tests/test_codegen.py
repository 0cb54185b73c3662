"""The generated Python views of the ontology match the ontology, and the tables use only its terms."""

import json

import pytest
from rdflib import OWL, RDF, RDFS, URIRef

from kg.codegen import KG_NS, ontology_graph, render
from kg.paths import DEFAULT_DATA_DIR, PACKAGE_DIR
from kg.vocabulary import SCHEMES


def test_generated_modules_have_not_drifted():
    for name, text in render(ontology_graph()).items():
        committed = (PACKAGE_DIR / name).read_text(encoding="utf-8")
        assert committed == text, f"kg/{name} is stale: run python -m kg.codegen"


def test_namespace_rejects_unknown_terms():
    from kg.namespace import KG

    assert str(KG.Region) == KG_NS + "Region"
    with pytest.raises(AttributeError):
        _ = KG.Regoin


def _fields():
    package = json.loads((DEFAULT_DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
    for resource in package["resources"]:
        for field in resource["schema"]["fields"]:
            yield resource["name"], field


def test_every_scheme_named_by_the_tables_exists_in_the_ontology():
    named = {f["x-kg-scheme"] for _, f in _fields() if "x-kg-scheme" in f}
    assert named, "the data package names no scheme"
    assert named <= set(SCHEMES)


def test_relation_enums_are_ontology_properties():
    graph = ontology_graph()
    cooperation = URIRef(KG_NS + "cooperationRelation")
    for table, field in _fields():
        if field["name"] == "relation":
            for value in field["constraints"]["enum"]:
                assert (URIRef(KG_NS + value), RDF.type, OWL.ObjectProperty) in graph, (
                    f"{table}.relation value {value} is not an ontology property"
                )
                if table == "links" and value != "locatedIn":  # a placement stated by a second source
                    assert (URIRef(KG_NS + value), RDFS.subPropertyOf, cooperation) in graph


def test_six_delta_patterns_each_have_roles():
    from kg.vocabulary import ROLE_PATTERN

    delta = {
        "gradient_transfer",
        "industrial_enclave",
        "point_axis_linkage",
        "block_synergy",
        "regional_growth_pole",
        "multipolar_network",
    }
    assert delta <= set(SCHEMES["PatternScheme"])
    assert set(ROLE_PATTERN.values()) == delta
