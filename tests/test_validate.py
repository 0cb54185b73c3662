"""The three validation layers each catch what they guard."""

import pytest
from pyoxigraph import Literal, NamedNode, Quad

from kg.iris import entity, source_graph
from kg.iris import term as kg
from kg.mapping import RDF_TYPE, RDFS_LABEL
from kg.paths import VIOLATIONS_DIR
from kg.store import from_tables
from kg.validate import shacl_problems, sparql_problems, validate

pytestmark = pytest.mark.slow  # reads the real data


def test_committed_data_passes_every_layer():
    report = validate()
    assert report.ok, "\n".join(map(str, report.problems))
    assert report.counts() == {"tables": 0, "shacl": 0, "sparql": 0}


def test_every_violation_query_says_what_it_guards():
    files = sorted(VIOLATIONS_DIR.glob("*.rq"))
    assert len(files) >= 6
    for path in files:
        assert path.name.endswith("-violation.rq")
        assert path.read_text(encoding="utf-8").startswith("# Guards: ")


def test_shacl_catches_an_entity_without_english_label():
    graph = from_tables()
    odd, g = entity("test-region"), source_graph("caict-2021")
    graph.store.add(Quad(odd, RDF_TYPE, kg("Region"), g))
    graph.store.add(Quad(odd, RDFS_LABEL, Literal("测试", language="zh"), g))
    graph.store.add(Quad(odd, kg("level"), kg("LevelCounty"), g))
    codes = {(p.code, p.message.split(">")[0]) for p in shacl_problems(graph, {})}
    assert ("KG-S02", f"<{odd.value}") in codes
    assert ("KG-S01", f"<{odd.value}") not in codes


def test_shacl_catches_a_figure_with_a_string_value():
    graph = from_tables()
    fig, g = entity("fig-hefei-de-share-2025"), source_graph("caict-2021")
    graph.store.remove(
        Quad(fig, kg("value"), Literal("50", datatype=NamedNode("http://www.w3.org/2001/XMLSchema#decimal")), g)
    )
    graph.store.add(Quad(fig, kg("value"), Literal("约50%"), g))
    problems = [p for p in shacl_problems(graph, {}) if p.code == "KG-S05"]
    assert problems and "numeric value" in problems[0].message


def test_sparql_catches_a_fact_without_locator():
    graph = from_tables()
    graph.store.add(Quad(entity("hefei"), kg("partOf"), entity("yrd"), source_graph("caict-2021")))
    problems = sparql_problems(graph, {})
    assert [p.code for p in problems] == ["KG-Q02"]
    assert "partOf" in problems[0].message


def test_sparql_catches_a_region_missing_from_the_gazetteer(data_dir):
    table = data_dir / "region_gazetteer.csv"
    table.write_text(
        "".join(line for line in table.read_text(encoding="utf-8").splitlines(True) if not line.startswith("hefei,")),
        encoding="utf-8",
    )
    regions = (data_dir / "regions.csv").read_text(encoding="utf-8").splitlines()
    hefei_line = next(i for i, line in enumerate(regions, 1) if line.startswith("hefei,"))
    report = validate(data_dir)
    assert [str(p).split(" ")[0:2] for p in report.problems] == [
        [f"{data_dir / 'regions.csv'}:{hefei_line}:0:", "KG-Q03"]
    ]


def test_long_verbs_say_each_step_on_stderr_and_quiet_silences_them(tmp_path, capsys):
    from kg.cli import main

    assert main(["validate"]) == 0
    out, err = capsys.readouterr()
    assert out == "valid (tables: 0, shacl: 0, sparql: 0 problems)\n"  # stdout as before: scripts read it
    steps = [line.split(": ", 1)[1].rsplit(" (", 1)[0] for line in err.splitlines()]
    assert steps == [
        "checking the tables",
        "making the graph",
        "checking the SHACL shapes (oxigraph)",
        "running the violation queries",
    ]
    assert all(line.startswith("kg validate: ") and line.endswith(" s)") for line in err.splitlines())

    assert main(["build", "--out", str(tmp_path), "--engine", "pyshacl"]) == 0
    err = capsys.readouterr().err.splitlines()
    assert err[2].startswith("kg build: checking the SHACL shapes (pyshacl)")
    assert err[-1].startswith("kg build: writing stats.json, kg.nq, kg.ttl, kg.jsonld")

    assert main(["validate", "--quiet"]) == 0
    assert capsys.readouterr().err == ""
