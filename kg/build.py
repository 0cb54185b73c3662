"""Build the knowledge graph: validate, then write the outputs all at once.

``build(data_dir, out_dir)`` writes four files into ``out_dir``:

* ``kg.nq``: every quad, N-Quads, lines sorted and unique, so that the same
  data always gives byte-identical output;
* ``kg.ttl``: the union of all graphs as Turtle with the prefixes bound;
* ``kg.jsonld``: the whole dataset (named graphs kept) as JSON-LD with a context;
* ``stats.json``: counts per class, per predicate and per source.

Nothing is written unless validation passes, and each file goes through a
temporary file and a rename, so an earlier build in ``out_dir`` is never left
half overwritten.

>>> import tempfile
>>> from kg.examples import TINY_DIR
>>> from kg.paths import DATAPACKAGE_FILE
>>> result = build(TINY_DIR, tempfile.mkdtemp(), descriptor=DATAPACKAGE_FILE)
>>> sorted(p.name for p in result.paths)
['kg.jsonld', 'kg.nq', 'kg.ttl', 'stats.json']
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import RdfFormat, serialize

from kg.atomic import write_files_atomic
from kg.iris import PREFIXES, shorten
from kg.paths import DEFAULT_DATA_DIR, DEFAULT_OUT_DIR
from kg.problems import ValidationFailed
from kg.store import KnowledgeGraph
from kg.validate import Report, validate

__all__ = ["BuildResult", "build", "compute_stats", "summary"]


@dataclass
class BuildResult:
    report: Report
    stats: dict
    paths: list[Path]


def build(
    data_dir: Path | str = DEFAULT_DATA_DIR, out_dir: Path | str = DEFAULT_OUT_DIR, descriptor: Path | str | None = None
) -> BuildResult:
    """Validate ``data_dir`` and write the outputs to ``out_dir``; raise :class:`ValidationFailed` on problems."""
    report = validate(data_dir, descriptor)
    if not report.ok:
        raise ValidationFailed(report.problems)
    graph = report.graph
    stats = compute_stats(graph)
    nquads = sorted_nquads(graph)
    contents = {
        "kg.nq": nquads,
        "kg.ttl": _turtle(graph),
        "kg.jsonld": _jsonld(nquads),
        "stats.json": (json.dumps(stats, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8"),
    }
    return BuildResult(report, stats, write_files_atomic(out_dir, contents))


def sorted_nquads(graph: KnowledgeGraph) -> bytes:
    """The dataset as N-Quads with lines sorted bytewise: the reproducible form."""
    lines = set(graph.nquads().splitlines(keepends=True))
    return b"".join(sorted(lines))


def _turtle(graph: KnowledgeGraph) -> bytes:
    return serialize(graph.union_triples(), format=RdfFormat.TURTLE, prefixes=PREFIXES)


def _jsonld(nquads: bytes) -> bytes:
    from rdflib import Dataset

    dataset = Dataset()
    dataset.parse(data=nquads, format="nquads")
    return dataset.serialize(format="json-ld", context=PREFIXES, indent=1).encode("utf-8")


# ---------------------------------------------------------------- statistics

_STATS_QUERIES = {
    "classes": """SELECT ?key (COUNT(DISTINCT ?s) AS ?n) WHERE {
        GRAPH ?g { ?s a ?key } ?g a kg:Source . FILTER (?key != rdf:Statement) } GROUP BY ?key""",
    "predicates": """SELECT ?key (COUNT(*) AS ?n) WHERE {
        GRAPH ?g { ?st a rdf:Statement ; rdf:predicate ?key } } GROUP BY ?key""",
    "facts_per_source": """SELECT ?key (COUNT(?st) AS ?n) WHERE {
        GRAPH ?key { ?st a rdf:Statement } } GROUP BY ?key""",
    "triples_per_graph": """SELECT ?key (COUNT(*) AS ?n) WHERE { GRAPH ?key { ?s ?p ?o } } GROUP BY ?key""",
}


def compute_stats(graph: KnowledgeGraph) -> dict:
    """Counts per class, per predicate (stated facts), per source and per graph.

    >>> from kg.examples import tiny_graph
    >>> compute_stats(tiny_graph())["classes"]["kg:PatternCase"]
    1
    """
    stats = {"quads": len(graph)}
    for name, text in _STATS_QUERIES.items():
        stats[name] = {shorten(s["key"].value): int(s["n"].value) for s in graph.select(text)}
    return stats


def summary(stats: dict, report: Report) -> str:
    """A short human-readable account of a build."""
    lines = [f"{stats['quads']} quads"]
    lines.append("entities per class: " + ", ".join(f"{k} {v}" for k, v in sorted(stats["classes"].items())))
    lines.append("facts per source:   " + ", ".join(f"{k} {v}" for k, v in sorted(stats["facts_per_source"].items())))
    counts = ", ".join(f"{layer} {n}" for layer, n in report.counts().items())
    lines.append(f"validation:         {'passed' if report.ok else 'FAILED'} ({counts} problems)")
    return "\n".join(lines)
