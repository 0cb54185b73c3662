"""Generate the Python views of the ontology: ``kg/namespace.py`` and ``kg/vocabulary.py``.

The ontology in ``ontology/*.ttl`` is the single source of terms. This module
writes two files from it:

* ``namespace.py``: an rdflib ``DefinedNamespace`` ``KG`` whose attributes are
  exactly the ontology's terms, so a typo such as ``KG.Regoin`` fails at once;
* ``vocabulary.py``: plain dictionaries (no rdflib import) of the controlled
  lists, ``{scheme: {notation: local name}}``, used by the table checker.

Run ``python -m kg.codegen`` after editing the ontology; ``tests/test_codegen.py``
regenerates both in memory and fails when the committed files have drifted.

>>> sources = render(ontology_graph())
>>> sorted(sources)
['namespace.py', 'vocabulary.py']
>>> "class KG(DefinedNamespace):" in sources["namespace.py"]
True
"""

from __future__ import annotations

import sys

from kg.atomic import write_text_atomic
from kg.iris import KG as KG_NS
from kg.paths import ONTOLOGY_FILES, PACKAGE_DIR

__all__ = ["ontology_graph", "render", "main"]

_HEADER = '"""{what}\n\nGenerated from ontology/*.ttl by ``python -m kg.codegen``; do not edit by hand.\n"""\n'


def ontology_graph():
    """The union of the ontology files as one rdflib Graph."""
    from rdflib import Graph

    graph = Graph()
    for path in ONTOLOGY_FILES:
        graph.parse(path, format="turtle")
    return graph


def _local(term) -> str:
    return str(term)[len(KG_NS) :]


def _label(graph, term, lang: str) -> str:
    from rdflib import RDFS, Literal

    for label in graph.objects(term, RDFS.label):
        if isinstance(label, Literal) and label.language == lang:
            return str(label)
    return ""


def render(graph) -> dict[str, str]:
    """Source text of ``namespace.py`` and ``vocabulary.py`` for an ontology graph."""
    from rdflib import SKOS, URIRef

    terms = sorted({t for t in graph.subjects() if isinstance(t, URIRef) and str(t).startswith(KG_NS)})
    lines = [
        _HEADER.format(what="The ontology's terms as an rdflib namespace."),
        "from rdflib.namespace import DefinedNamespace, Namespace",
        "from rdflib.term import URIRef",
        "",
        "from kg.iris import KG",
        "",
        "",
        "class KG(DefinedNamespace):",
        '    """Terms of https://w3id.org/yrd-de/ontology# (zh / en labels)."""',
        "",
        "    _fail = True",
        "    _NS = Namespace(KG)",
        "",
    ]
    for term in terms:
        lines.append(f"    {_local(term)}: URIRef  # {_label(graph, term, 'zh')} / {_label(graph, term, 'en')}")
    namespace_py = "\n".join(lines) + "\n"

    schemes: dict[str, dict[str, str]] = {}
    for concept, scheme in graph.subject_objects(SKOS.inScheme):
        notation = graph.value(concept, SKOS.notation)
        if notation is not None and str(scheme).startswith(KG_NS):
            schemes.setdefault(_local(scheme), {})[str(notation)] = _local(concept)
    role_pattern = {}
    for role, pattern in graph.subject_objects(URIRef(KG_NS + "rolePattern")):
        role_pattern[str(graph.value(role, SKOS.notation))] = str(graph.value(pattern, SKOS.notation))

    vocab = [
        _HEADER.format(what="The ontology's controlled lists as plain data (no rdflib import)."),
        "#: scheme local name -> {skos:notation used in the tables: concept local name}",
        "SCHEMES = {",
    ]
    for scheme in sorted(schemes):
        vocab.append(f"    {scheme!r}: {{")
        for notation in sorted(schemes[scheme]):
            vocab.append(f"        {notation!r}: {schemes[scheme][notation]!r},")
        vocab.append("    },")
    vocab += ["}", "", "#: role notation -> notation of the pattern the role belongs to", "ROLE_PATTERN = {"]
    vocab += [f"    {r!r}: {p!r}," for r, p in sorted(role_pattern.items())]
    vocab += ["}", "", "#: local name -> (rdfs:label@zh, rdfs:label@en) of every labelled term", "LABELS = {"]
    for term in terms:
        zh, en = _label(graph, term, "zh"), _label(graph, term, "en")
        if zh or en:
            vocab.append(f"    {_local(term)!r}: ({zh!r}, {en!r}),")
    vocab += ["}", "", "#: local names of every term of the ontology", "TERMS = frozenset({"]
    vocab += [f"    {_local(t)!r}," for t in terms]
    vocab += ["})", ""]
    return {"namespace.py": namespace_py, "vocabulary.py": "\n".join(vocab)}


def main() -> int:
    for name, text in render(ontology_graph()).items():
        write_text_atomic(PACKAGE_DIR / name, text)
        print(f"wrote kg/{name}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
