"""The built dataset in an embedded Oxigraph store, queried into pandas.

Queries run on pyoxigraph directly (fast joins); rdflib is used only when a
user asks for an ``rdflib.Dataset``. The default graph of every query is the
union of all named graphs, and the prefixes of :data:`kg.iris.PREFIXES`
(``kg:``, ``yrd:``, ``skos:``, ``prov:``, ``schema:`` ...) are declared, so a
query needs no PREFIX lines.

>>> from kg.examples import tiny_graph
>>> graph = tiny_graph()
>>> graph.query('SELECT ?zh WHERE { yrd:hefei rdfs:label ?zh FILTER(lang(?zh) = "zh") }')
    zh
0  合肥市
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from pyoxigraph import QueryBoolean, QuerySolutions, QueryTriples, RdfFormat, Store

from kg.errors import GraphFileError, MissingFile, QueryError
from kg.iris import PREFIXES
from kg.paths import DEFAULT_DATA_DIR, DEFAULT_OUT_DIR, built_dataset
from kg.results import Results, to_python
from kg.sparql import check_query, undeclared_prefix

if TYPE_CHECKING:  # pandas is imported where a frame is built, never at start-up
    pass

__all__ = ["KnowledgeGraph", "load", "open_built", "from_tables", "to_python"]


class KnowledgeGraph:
    """A dataset held in an Oxigraph store. Build one with :func:`load` or :func:`from_tables`.

    ``source`` is the ``kg.nq`` it was read from, if any: what its caches (:mod:`kg.cache`) are keyed on.
    """

    def __init__(self, store: Store, source: Path | None = None):
        self.store = store
        self.source = source
        self._union: list | None = None

    def __len__(self) -> int:
        return len(self.store)

    def select(self, sparql: str, allow_service: bool = False, **options):
        """Raw pyoxigraph results of a query over the union graph with the declared prefixes.

        A malformed query raises :class:`kg.errors.QueryError` with pyoxigraph's line and column;
        an update, or a SERVICE clause unless ``allow_service``, is refused before it runs (:mod:`kg.sparql`).
        """
        check_query(sparql, allow_service)
        try:
            return self.store.query(sparql, prefixes=PREFIXES, use_default_graph_as_union=True, **options)
        except SyntaxError as err:
            raise QueryError(f"SPARQL syntax error: {_syntax_message(sparql, str(err))}") from None

    def union_triples(self) -> list:
        """Every triple of every graph, once: the union that SHACL and the Turtle output read (computed once)."""
        if self._union is None:
            self._union = list(self.select("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"))
        return self._union

    def results(self, sparql: str, allow_service: bool = False, **options) -> Results | bool:
        """Run SPARQL; SELECT gives :class:`kg.results.Results`, ASK a bool, CONSTRUCT rows of triples.

        Federation (SERVICE) is off unless ``allow_service``; updates are refused.
        """
        results = self.select(sparql, allow_service, **options)
        try:
            if isinstance(results, QueryBoolean):
                return bool(results)
            if isinstance(results, QueryTriples):
                rows = [{"subject": t.subject, "predicate": t.predicate, "object": t.object} for t in results]
                return Results.from_solutions(["subject", "predicate", "object"], rows)
            assert isinstance(results, QuerySolutions)
            return Results.from_solutions([v.value for v in results.variables], results)
        except OSError as err:  # a SERVICE call that was allowed, and failed
            raise QueryError(f"the query could not be answered: {err}") from None

    def query(self, sparql: str, allow_service: bool = False, **options):
        """Run SPARQL; SELECT gives a DataFrame, ASK a bool, CONSTRUCT a DataFrame of triples."""
        return _frame(self.results(sparql, allow_service, **options))

    def nquads(self) -> bytes:
        """The whole dataset as N-Quads bytes (store order)."""
        return self.store.dump(format=RdfFormat.N_QUADS)

    def to_rdflib(self):
        """The dataset as an ``rdflib.Dataset`` (a copy; slower to query than this store)."""
        from rdflib import Dataset

        dataset = Dataset()
        dataset.parse(data=self.nquads(), format="nquads")
        return dataset


def _syntax_message(sparql: str, message: str) -> str:
    """pyoxigraph's message, with its list of expected characters replaced where a prefix is unknown."""
    if "Prefix not found" in message:
        prefix = undeclared_prefix(sparql, PREFIXES)
        if prefix is not None:
            where = message.split(": expected", 1)[0]
            return f"{where}: unknown prefix {prefix}: (declared: {', '.join(p + ':' for p in PREFIXES)})"
    return message


def _frame(results):
    """A DataFrame for rows, a bool as it is."""
    return results if isinstance(results, bool) else results.to_frame()


def canonical_rows(frame) -> list[tuple[str, ...]]:
    """A query answer as sorted rows of strings, for comparing answers whose row order SPARQL leaves open.

    Cells joined by ``GROUP_CONCAT`` (``"a, b"``) have their parts sorted too.

    >>> import pandas as pd
    >>> canonical_rows(pd.DataFrame({"x": ["b, a", "c"], "n": [2, 1]}))
    [('a, b', '2'), ('c', '1')]
    """

    def cell(value):
        return ", ".join(sorted(value.split(", "))) if isinstance(value, str) else value

    return sorted(tuple(str(cell(v)) for v in row) for row in frame.itertuples(index=False))


#: The graphs :func:`load` has read in this process: real path of the file -> (fingerprint, graph).
_LOADED: dict[str, tuple[str, KnowledgeGraph]] = {}
#: How many files' graphs :func:`load` keeps.
_KEEP = 4


def load(path: Path | str | None = None) -> KnowledgeGraph:
    """Load a built dataset (``build/kg.nq`` by default, or a ``kg.nq`` or its folder) into an in-memory store.

    With no path and no build output yet, the graph is built in memory from
    ``data/`` (validated by the table layer) instead. A file loaded before in this process (one
    of the last four), and unchanged since (:func:`kg.cache.fingerprint`), gives the same graph again: change
    it through a copy (``KnowledgeGraph(Store())`` and ``store.extend(graph.store)``).
    """
    from kg.cache import fingerprint

    if path is None and not (DEFAULT_OUT_DIR / "kg.nq").exists():
        return from_tables()
    path = _existing(path)
    key, real = fingerprint(path), os.path.realpath(path)
    if real in _LOADED and _LOADED[real][0] == key:
        return _LOADED[real][1]
    store = Store()
    _bulk_load(store, path)
    graph = KnowledgeGraph(store, path)
    _LOADED.pop(real, None)
    _LOADED[real] = (key, graph)
    while len(_LOADED) > _KEEP:  # the least recently loaded files go first
        del _LOADED[next(iter(_LOADED))]
    return graph


def open_built(path: Path | str | None = None) -> KnowledgeGraph:
    """The built dataset for one command: its on-disk store opened read-only, made on first use (see :mod:`kg.cache`).

    Opening takes milliseconds where :func:`load` bulk-loads for half a second; queries on
    disk are slower than in memory, so a process that asks many should :func:`load`.
    Without a cache (``KG_NO_CACHE=1``, a read-only folder) this is :func:`load`.
    """
    from kg.cache import open_store

    if path is None and not (DEFAULT_OUT_DIR / "kg.nq").exists():
        return from_tables()
    path = _existing(path)

    def fill(folder: str) -> None:
        store = Store(folder)
        _bulk_load(store, path)
        store.flush()

    store = open_store(path, fill, Store.read_only)
    return KnowledgeGraph(store, path) if store is not None else load(path)


def _existing(path: Path | str | None) -> Path:
    path = built_dataset(path)
    if not path.exists():
        raise MissingFile(path, "no built dataset here: run kg build first")
    return path


def _bulk_load(store: Store, path: Path) -> None:
    """Load the N-Quads file ``path`` into ``store``; a file that is not N-Quads is a :class:`GraphFileError`."""
    try:
        store.bulk_load(path=str(path), format=RdfFormat.N_QUADS)
    except SyntaxError as err:
        raise GraphFileError(f"{path}:{err.lineno or 0}:{err.offset or 0}: not N-Quads: {err.msg}") from None
    except (IsADirectoryError, PermissionError, UnicodeDecodeError) as err:
        raise GraphFileError(f"{path}: cannot be read as N-Quads: {err}") from None


def from_tables(data_dir: Path | str = DEFAULT_DATA_DIR, descriptor: Path | str | None = None) -> KnowledgeGraph:
    """Build the graph in memory from the tables, without writing any file.

    ``descriptor``: see :func:`kg.tables.load_tables`.
    """
    from kg.mapping import dataset_quads
    from kg.tables import load_tables

    store = Store()
    store.extend(dataset_quads(load_tables(data_dir, descriptor)))
    return KnowledgeGraph(store)
