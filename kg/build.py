"""Build the knowledge graph: validate, then write the outputs all at once.

``build(data_dir, out_dir)`` writes four files into ``out_dir``:

* ``kg.nq``: every quad, N-Quads, lines sorted and unique, so that the same
  data always gives byte-identical output;
* ``kg.ttl``: the union of all graphs as Turtle with the prefixes bound;
* ``kg.jsonld``: the whole dataset (named graphs kept) as JSON-LD with a context (:mod:`kg.jsonld`);
* ``stats.json``: counts per class, per predicate and per source.

Nothing is written unless validation passes, and the four files are replaced as
one set (a new hidden folder, switched in with one rename; see :mod:`kg.atomic`),
so an earlier build in ``out_dir`` is never left half overwritten, even by a signal.
``kg.nq`` and ``kg.jsonld`` are byte-identical for the same data.

>>> import tempfile
>>> from kg.examples import TINY_DIR
>>> from kg.paths import DATAPACKAGE_FILE
>>> result = build(TINY_DIR, tempfile.mkdtemp(), descriptor=DATAPACKAGE_FILE)
>>> sorted(p.name for p in result.paths)
['kg.jsonld', 'kg.nq', 'kg.ttl', 'stats.json']
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import RdfFormat, serialize

from kg.atomic import write_set_atomic
from kg.iris import PREFIXES, shorten
from kg.jsonld import jsonld
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
    data_dir: Path | str = DEFAULT_DATA_DIR,
    out_dir: Path | str = DEFAULT_OUT_DIR,
    descriptor: Path | str | None = None,
    on_wait: Callable[[str], None] | None = None,
    progress: Callable[[str], None] = lambda step: None,
    engine: str = "oxigraph",
) -> BuildResult:
    """Validate ``data_dir`` and write the outputs to ``out_dir``; raise :class:`ValidationFailed` on problems.

    The four files are replaced as one set (:func:`kg.atomic.write_set_atomic`); ``on_wait`` is
    told when another build is writing to ``out_dir`` and this one waits for it. ``progress`` is
    told the name of each step as it starts; ``engine``: the SHACL engine (:data:`kg.problems.SHACL_ENGINES`).
    """
    report = validate(data_dir, descriptor, progress=progress, engine=engine)
    if not report.ok:
        raise ValidationFailed(report.problems)
    graph = report.graph
    progress("writing stats.json, kg.nq, kg.ttl, kg.jsonld")
    json_ld = in_child(lambda: jsonld(graph.store))  # the largest output, made on the other core meanwhile
    stats = compute_stats(graph)
    contents = {
        "kg.nq": sorted_nquads(graph),
        "kg.ttl": _turtle(graph),
        "kg.jsonld": json_ld(),
        "stats.json": (json.dumps(stats, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8"),
    }
    return BuildResult(report, stats, write_set_atomic(out_dir, contents, on_wait))


def in_child(make: Callable[[], bytes]) -> Callable[[], bytes]:
    """Start ``make()`` in a forked child process; the returned function waits for its bytes.

    The child sees the parent's memory as it was (nothing is pickled). Where fork is not
    available, or the child fails, ``make()`` runs in this process instead, so the result is
    the same either way.

    >>> in_child(lambda: b"made")()
    b'made'
    """
    if not hasattr(os, "fork"):
        return make
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: write the bytes and leave without running any of the parent's exit handlers
        status = 1
        try:
            os.close(read_end)
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(make())
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)

    def wait() -> bytes:
        with os.fdopen(read_end, "rb") as pipe:
            made = pipe.read()
        _, status = os.waitpid(pid, 0)
        return made if status == 0 else make()

    return wait


def sorted_nquads(graph: KnowledgeGraph) -> bytes:
    """The dataset as N-Quads with lines sorted bytewise: the reproducible form."""
    lines = set(graph.nquads().splitlines(keepends=True))
    return b"".join(sorted(lines))


def _turtle(graph: KnowledgeGraph) -> bytes:
    return serialize(graph.union_triples(), format=RdfFormat.TURTLE, prefixes=PREFIXES)


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
