"""The named, parameterised query library (``kg/queries/*.rq``).

Each file opens with a comment block::

    # question: Which plans set a target for the digital economy's share of GDP?
    # param region (entity, optional): only this region. Example: 合肥
    # param lang (lang, optional, default zh): language of the labels. Example: en

Parameters are **bound as data, never pasted into the query text**: each
value becomes an RDF term (an IRI for an entity, a typed literal otherwise)
serialised and escaped by pyoxigraph, and the terms enter the query as one
inline ``VALUES`` row placed at the start of its ``WHERE`` group (on the same
line, so syntax-error positions stay right). The same text runs on the
embedded engine and on any SPARQL 1.1 endpoint. An optional parameter left
out stays a free variable, so the query matches every value. Parameters that name a thing
go through the resolvers of :mod:`kg.names`: ``entity`` (合肥, Hefei, 340100, hefei),
``pattern`` (产业飞地, Industrial enclave, industrial_enclave; bound as its notation, the way
the queries show patterns), ``case``, ``industry`` and ``source``.

>>> from kg.examples import tiny_graph
>>> graph = tiny_graph()
>>> frame = run(graph, "cq04-share-of-gdp-targets", region="合肥")
>>> frame["year"].tolist()
[2025, 2022]
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from pyoxigraph import Literal, NamedNode, Variable

from kg import names
from kg.errors import ParameterError, UnknownQuery
from kg.iris import XSD

__all__ = [
    "QUERIES_DIR",
    "Parameter",
    "NamedQuery",
    "library",
    "bind",
    "with_values",
    "answer",
    "run",
    "query",
    "ParameterError",
]

QUERIES_DIR = Path(__file__).parent
_PARAM = re.compile(r"# param (\w+) \((\w+), (optional|required)(?:, default ([^)]+))?\): (.*?)(?: Example: (.*))?$")
#: Parameter types that name a thing, and the resolver of :mod:`kg.names` each goes through.
RESOLVERS = {
    "entity": names.resolve_entity,
    "pattern": names.resolve_pattern,
    "case": names.resolve_case,
    "industry": names.resolve_industry,
    "source": names.resolve_source,
}
TYPES = (*RESOLVERS, "string", "integer", "year", "lang")


@dataclass(frozen=True)
class Parameter:
    name: str
    type: str
    required: bool
    default: str | None
    description: str
    example: str | None


@dataclass
class NamedQuery:
    name: str
    question: str
    text: str
    parameters: dict[str, Parameter] = field(default_factory=dict)

    def example_params(self) -> dict[str, str]:
        """The documented example of every required parameter: a call that runs as written."""
        return {p.name: p.example for p in self.parameters.values() if p.required}

    def describe(self) -> str:
        """A few lines a researcher reads in ``kg query --list``."""
        lines = [f"{self.name}: {self.question}"]
        for p in self.parameters.values():
            need = "required" if p.required else (f"default {p.default}" if p.default else "optional")
            example = f" (e.g. {p.example})" if p.example else ""
            lines.append(f"    --param {p.name}=<{p.type}>  {need}; {p.description}{example}")
        return "\n".join(lines)


def _parse(path: Path) -> NamedQuery:
    text = path.read_text(encoding="utf-8")
    question, params = [], {}
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        if line.startswith("# question: "):
            question.append(line.removeprefix("# question: "))
        elif line.startswith("#   ") and question and not params:
            question.append(line[4:].strip())
        elif line.startswith("# param "):
            match = _PARAM.match(line)
            if not match or match.group(2) not in TYPES:
                raise ValueError(f"{path}: malformed parameter line: {line}")
            name, type_, need, default, description, example = match.groups()
            params[name] = Parameter(name, type_, need == "required", default, description, example)
    if not question:
        raise ValueError(f"{path}: the opening comment must state '# question: ...'")
    return NamedQuery(path.stem, " ".join(question), text, params)


@lru_cache(maxsize=4)
def library(folder: Path = QUERIES_DIR) -> dict[str, NamedQuery]:
    """Every named query, by name (the file name without ``.rq``); read once per process."""
    return {q.name: q for q in (_parse(p) for p in sorted(folder.glob("*.rq")))}


def _parameter_term(graph, parameter: Parameter, value):
    """The RDF term a parameter value stands for: a resolved IRI, or a typed literal."""
    text = str(value)
    if parameter.type == "pattern":
        return Literal(names.notation(RESOLVERS["pattern"](graph, text)))
    if parameter.type in RESOLVERS:
        return NamedNode(RESOLVERS[parameter.type](graph, text))
    if parameter.type == "lang":
        if text not in ("zh", "en"):
            raise ParameterError(f"parameter {parameter.name} must be zh or en, not {text!r}")
        return Literal(text)
    if parameter.type in ("integer", "year"):
        if not re.fullmatch(r"-?[0-9]+", text):
            raise ParameterError(f"parameter {parameter.name} must be a whole number, not {text!r}")
        return Literal(text, datatype=NamedNode(XSD + ("integer" if parameter.type == "integer" else "gYear")))
    return Literal(text)


def bind(graph, query: NamedQuery, params: dict) -> dict[Variable, object]:
    """RDF terms for the given parameters (with defaults), keyed by query variable; names resolved in ``graph``."""
    unknown = set(params) - set(query.parameters)
    if unknown:
        takes = ", ".join(query.parameters) or "none"
        raise ParameterError(f"{query.name} has no parameter {', '.join(sorted(unknown))}; it takes: {takes}")
    bound = {}
    for p in query.parameters.values():
        value = params.get(p.name, p.default)
        if value is None:
            if p.required:
                raise ParameterError(
                    f"{query.name} needs the parameter {p.name}=<{p.type}>: {p.description.rstrip('.')}"
                )
            continue
        bound[Variable(p.name)] = _parameter_term(graph, p, value)
    return bound


_WHERE = re.compile(r"\bWHERE\s*\{", flags=re.IGNORECASE)
_BIND_MARK = "#bind"


def with_values(text: str, bound: dict[Variable, object]) -> str:
    """The query text with the bound terms as a VALUES row opening its WHERE group.

    The same row is also placed at every ``#bind`` comment: a query marks its UNION
    branches with it, because Oxigraph evaluates a branch before joining the
    outer VALUES, so a branch that does not see the binding enumerates every
    match. Joining one binding twice changes no answer. Places are found in the
    query text once, before any value is put in, so a value is never read again.

    >>> print(with_values("SELECT ?x WHERE { ?x ?p ?o }", {Variable("o"): Literal('a" } #bind')}))
    SELECT ?x WHERE { VALUES (?o) { ("a\\" } #bind") } ?x ?p ?o }
    """
    if not bound:
        return text
    match = _WHERE.search(text)
    if match is None:
        raise ParameterError("a parameterised query needs a WHERE { ... } group")
    names = " ".join(str(v) for v in bound)
    row = " ".join(str(t) for t in bound.values())
    values = f"VALUES ({names}) {{ ({row}) }}"
    head, tail = text[: match.end()], text[match.end() :]
    return values.join(head.split(_BIND_MARK)) + f" {values}" + values.join(tail.split(_BIND_MARK))


def answer(graph, name: str, **params):
    """Run the named query ``name`` on ``graph`` (embedded or :class:`kg.endpoint.Endpoint`): :class:`Results`."""
    queries = library()
    if name not in queries:
        close = difflib.get_close_matches(name, queries, n=3, cutoff=0.4)
        hint = f" Did you mean: {', '.join(close)}?" if close else ""
        raise UnknownQuery(f"there is no named query {name!r}.{hint} library() lists them all.")
    query = queries[name]
    return graph.results(with_values(query.text, bind(graph, query, params)))


def run(graph, name: str, **params):
    """Run the named query ``name`` on ``graph`` as a DataFrame (see :func:`answer`)."""
    return answer(graph, name, **params).to_frame()


def query(name_or_sparql: str, graph=None, **params):
    """Run a named query (with ``params``) or any SPARQL text; a DataFrame (a bool for ASK).

    ``graph`` is a :class:`kg.store.KnowledgeGraph` or :class:`kg.endpoint.Endpoint`;
    by default :func:`kg.store.load`. ``lang="en"`` gives English labels where a
    named query takes ``lang``.

    >>> from kg.examples import tiny_graph
    >>> int(query("cq08-plans-per-year", graph=tiny_graph(), level="municipal")["count"].sum())
    1
    """
    from kg.store import load

    graph = graph if graph is not None else load()
    if name_or_sparql in library():
        return run(graph, name_or_sparql, **params)
    if params:
        raise ParameterError("parameters are only for named queries; library() lists them")
    return graph.query(name_or_sparql)
