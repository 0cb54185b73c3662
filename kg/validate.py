"""Validation in three layers, one report.

1. **tables**: ``data/*.csv`` against ``data/datapackage.json`` (:mod:`kg.tables`);
2. **shacl**: the built dataset against ``ontology/shapes.ttl``, with kg's own engine on Oxigraph
   (:mod:`kg.shacl`) or, with ``engine="pyshacl"``, with pyshacl, the reference it is tested against;
3. **sparql**: the violation queries ``kg/violations/*-violation.rq``, each of
   which passes when it returns no rows.

Later layers run only when the tables are clean, since they need the graph
the tables make. Every problem carries a stable code (``KG-T..``, ``KG-S..``,
``KG-Q..``) and, for graph problems, the CSV file and line of the row that
made the offending node.

>>> from kg.examples import TINY_DIR
>>> from kg.paths import DATAPACKAGE_FILE
>>> report = validate(TINY_DIR, descriptor=DATAPACKAGE_FILE, layers=("tables", "sparql"))
>>> report.layers, [p.code for p in report.problems]
(['tables', 'sparql'], [])
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import Store

from kg import shacl
from kg.iris import ID, participation
from kg.mapping import dataset_quads
from kg.paths import DEFAULT_DATA_DIR, SHAPES_FILE, VIOLATIONS_DIR
from kg.problems import SHACL_ENGINES, Problem, report_order
from kg.store import KnowledgeGraph
from kg.tables import Tables, check_tables, entity_tables

__all__ = ["Report", "validate", "violation_queries"]


@dataclass
class Report:
    """What validation found, and the graph it built on the way (when tables were clean)."""

    problems: list[Problem] = field(default_factory=list)
    layers: list[str] = field(default_factory=list)
    graph: KnowledgeGraph | None = None

    @property
    def ok(self) -> bool:
        return not self.problems

    def counts(self) -> dict[str, int]:
        """Problems per layer that ran."""
        return {layer: sum(p.layer == layer for p in self.problems) for layer in self.layers}

    def as_dict(self) -> dict:
        return {
            "ok": self.ok,
            "layers": self.counts(),
            "problems": [p.as_dict() for p in sorted(self.problems, key=report_order)],
        }


LAYERS = ("tables", "shacl", "sparql")


def validate(
    data_dir: Path | str = DEFAULT_DATA_DIR,
    descriptor: Path | str | None = None,
    layers: tuple[str, ...] = LAYERS,
    progress: Callable[[str], None] = lambda step: None,
    engine: str = "oxigraph",
) -> Report:
    """Run the ``layers`` (default: all three) on the data package in ``data_dir``.

    ``descriptor``: see :func:`kg.tables.load_tables`. The table layer always runs. ``progress`` is told
    the name of each step as it starts; ``engine``: the SHACL engine (:data:`kg.problems.SHACL_ENGINES`).
    """
    progress("checking the tables")
    tables, problems = check_tables(data_dir, descriptor)
    report = Report(problems=problems, layers=["tables"])
    if problems:
        return report
    progress("making the graph")
    store = Store()
    store.extend(dataset_quads(tables))
    report.graph = KnowledgeGraph(store)
    rows = row_index(tables)
    if "shacl" in layers:
        progress(f"checking the SHACL shapes ({engine})")
        report.layers.append("shacl")
        report.problems += shacl_problems(report.graph, rows, engine)
    if "sparql" in layers:
        progress("running the violation queries")
        report.layers.append("sparql")
        report.problems += sparql_problems(report.graph, rows)
    return report


# ---------------------------------------------------------------- from graph nodes back to CSV rows


def row_index(tables: Tables) -> dict[str, tuple[str, int]]:
    """IRI of each node a row makes -> (file, line) of that row, to place graph problems in the CSV."""
    index = {}
    for name in entity_tables(tables.package):
        path = str(tables.data_dir / tables.resource(name)["path"])
        for row in tables.rows[name]:
            index[ID + row["id"]] = (path, row.line)
    path = str(tables.data_dir / tables.resource("participations")["path"])
    for row in tables.rows["participations"]:
        index[participation(row["case"], row["participant"], row["role"]).value] = (path, row.line)
    return index


def _place(rows: dict, iri: str) -> tuple[str, int]:
    return rows.get(iri, ("<graph>", 0))


# ---------------------------------------------------------------- SHACL


def shacl_problems(graph: KnowledgeGraph, rows: dict, engine: str = "oxigraph") -> list[Problem]:
    """Problems found with the shapes of ``ontology/shapes.ttl`` by ``engine`` (:data:`kg.problems.SHACL_ENGINES`)."""
    results = shacl_results(graph, engine)
    return [Problem(r.code, *_place(rows, r.focus), 0, f"<{r.focus}> {r.message}") for r in results]


def shacl_results(graph: KnowledgeGraph, engine: str = "oxigraph") -> list[shacl.Result]:
    """The SHACL results of ``engine`` on the union of ``graph``'s graphs, sorted (:func:`kg.shacl.check`)."""
    if engine == "oxigraph":
        return shacl.check(graph.select, shacl.load_shapes())
    if engine == "pyshacl":
        return pyshacl_results(graph)
    raise ValueError(f"unknown SHACL engine {engine!r}: expected one of {', '.join(SHACL_ENGINES)}")


def pyshacl_results(graph: KnowledgeGraph) -> list[shacl.Result]:
    """The results pyshacl reports, in the form and order of :func:`kg.shacl.check`: the reference engine."""
    import pyshacl
    from pyoxigraph import RdfFormat, serialize
    from rdflib import Graph, URIRef
    from rdflib.namespace import SH

    data = Graph()
    data.parse(data=serialize(graph.union_triples(), format=RdfFormat.N_TRIPLES), format="nt")
    shapes = Graph().parse(SHAPES_FILE, format="turtle")
    conforms, report, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none", allow_warnings=True)
    results = []
    for result in report.subjects(SH.sourceShape, None):
        shape = report.value(result, SH.sourceShape)
        named = shape if isinstance(shape, URIRef) else shapes.value(None, SH.property, shape)
        code = "KG-" + re.match(r".*#(S[0-9]+)", str(named)).group(1)
        message = str(report.value(result, SH.resultMessage) or "shape violated")
        path = str(report.value(result, SH.resultPath))
        results.append(shacl.Result(str(report.value(result, SH.focusNode)), path, code, message))
    return sorted(results, key=lambda r: (r.focus, r.code, r.path, r.message))


# ---------------------------------------------------------------- SPARQL violation queries


def violation_queries() -> dict[str, str]:
    """Code -> text of each ``*-violation.rq`` file, e.g. ``{"KG-Q01": "..."}``."""
    return {
        "KG-" + path.name.split("-")[0]: path.read_text(encoding="utf-8")
        for path in sorted(VIOLATIONS_DIR.glob("Q*-violation.rq"))
    }


def sparql_problems(graph: KnowledgeGraph, rows: dict) -> list[Problem]:
    """One problem per row returned by a violation query."""
    problems = []
    for code, text in violation_queries().items():
        for solution in graph.select(text):
            focus = solution["focus"].value
            file, line = _place(rows, focus)
            problems.append(Problem(code, file, line, 0, f"<{focus}> {solution['detail'].value}"))
    return problems
