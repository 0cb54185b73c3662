"""YRD digital-economy knowledge graph.

The public API, imported lazily so that ``import kg`` stays cheap:

* :func:`kg.load` - the built dataset in an embedded Oxigraph store, loaded once per
  process while ``kg.nq`` is unchanged (``graph.query(sparql)`` gives a pandas DataFrame,
  ``graph.results(sparql)`` plain rows, ``graph.to_rdflib()`` an ``rdflib.Dataset``);
* :func:`kg.from_tables` - the same, built in memory from ``data/``;
* :func:`kg.build` - validate and write ``build/kg.nq``, ``kg.ttl``, ``kg.jsonld``, ``stats.json``;
* :func:`kg.validate` - the three validation layers, one report;
* :func:`kg.query` - a named query of ``kg/queries`` (``kg.query("cq04-share-of-gdp-targets", region="合肥")``)
  or any SPARQL, as a DataFrame;
* :func:`kg.compare` - entities side by side (``kg.compare("合肥", "南京", "杭州")``), every cell cited, as a
  DataFrame.
"""

from importlib import import_module

__all__ = ["load", "from_tables", "build", "validate", "query", "compare"]
__version__ = "0.2.0"

_HOMES = {
    "load": "kg.store",
    "from_tables": "kg.store",
    "build": "kg.build",
    "validate": "kg.validate",
    "query": "kg.queries",
    "compare": "kg.comparison",
}


def __getattr__(name):
    if name in _HOMES:
        return getattr(import_module(_HOMES[name]), name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")
