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
the queries show patterns), ``case``, ``industry``, ``source``, ``plan`` and ``group``.
A controlled value (``figure_kind``, ``region_level``, ``plan_level``, ``element_kind``, ``scope``) must be one of
the ontology's notations, else the error lists them; it is bound as that notation.

>>> from kg.examples import tiny_graph
>>> graph = tiny_graph()
>>> frame = run(graph, "cq04-share-of-gdp-targets", region="合肥")
>>> frame["year"].tolist()
[2025, 2022]

A query that matches nothing says so, with the parameters it ran with:

>>> run(graph, "cq04-share-of-gdp-targets", region="合肥", lang="en").empty
False
>>> run(graph, "cq08-plans-per-year", level="district").attrs["no_rows_message"]
'no rows: cq08-plans-per-year with level=district'
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
from kg.iris import XSD, shorten
from kg.vocabulary import SCHEMES

__all__ = [
    "QUERIES_DIR",
    "Parameter",
    "NamedQuery",
    "RESOLVERS",
    "CONTROLLED",
    "CHECKED",
    "library",
    "bind",
    "with_values",
    "answer",
    "run",
    "query",
    "ParameterError",
]

QUERIES_DIR = Path(__file__).parent
_SHELL_SPECIAL = re.compile(r"[\s'\"\\$`!*?;&|<>(){}\[\]#~]")  # a value with one of these is quoted in examples
_PARAM = re.compile(r"# param (\w+) \((\w+), (optional|required)(?:, default ([^)]+))?\): (.*?)(?: Example: (.*))?$")


def _resolver(kind: str, what: str):
    """The resolver of :mod:`kg.names` for the things of one class (``what`` names them in messages)."""

    def resolve(graph, name: str) -> str:
        return names.names_of(graph).resolve(name, (kind,), what=what)

    return resolve


#: Parameter types that name a thing, and the resolver of :mod:`kg.names` each goes through.
RESOLVERS = {
    "entity": names.resolve_entity,
    "pattern": names.resolve_pattern,
    "case": names.resolve_case,
    "industry": names.resolve_industry,
    "source": names.resolve_source,
    "plan": _resolver("Plan", "plan or policy"),
    "group": _resolver("Group", "group"),
}
#: Parameter types that take one of a closed list of codes: the ontology's notations (kg.vocabulary).
CONTROLLED = {
    "figure_kind": tuple(SCHEMES["FigureKindScheme"]),
    "region_level": tuple(SCHEMES["RegionLevelScheme"]),
    "plan_level": tuple(SCHEMES["PlanLevelScheme"]),
    "element_kind": tuple(SCHEMES["PlanElementKindScheme"]),
    "scope": ("delta", "china", "all"),  # regions partOf* yrd:yrd; also those partOf* yrd:china; any region
}
#: Parameter types whose values are checked before a query runs (the others are strings, matched as data).
CHECKED = (*RESOLVERS, *CONTROLLED, "integer", "year", "lang")
TYPES = (*CHECKED, "string")


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

    def example_params(self, every: bool = False) -> dict[str, str]:
        """The documented example of every required parameter (``every``: of every parameter): a call that
        runs as written."""
        return {p.name: p.example for p in self.parameters.values() if p.required or every}

    def example(self) -> str:
        """A command line that runs the query with every parameter at its example value.

        >>> library()["cq04-share-of-gdp-targets"].example()
        'kg query cq04-share-of-gdp-targets --param region=合肥 --param lang=en'
        """
        import shlex

        pairs = (f"{k}={v}" for k, v in self.example_params(every=True).items())
        return f"kg query {self.name}" + "".join(
            f" --param {shlex.quote(pair) if _SHELL_SPECIAL.search(pair) else pair}" for pair in pairs
        )

    def describe(self) -> str:
        """A few lines a researcher reads in ``kg query --list``: question, parameters, a runnable example."""
        lines = [f"{self.name}: {self.question}"]
        for p in self.parameters.values():
            need = "required" if p.required else (f"default {p.default}" if p.default else "optional")
            allowed = f" [{'|'.join(CONTROLLED[p.type])}]" if p.type in CONTROLLED else ""
            lines.append(f"    --param {p.name}=<{p.type}>{allowed}  {need}; {p.description} (e.g. {p.example})")
        lines.append(f"    example: {self.example()}")
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
            if not match or match.group(2) not in TYPES or not match.group(6):
                raise ValueError(f"{path}: malformed parameter line (a known type and an Example: are needed): {line}")
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
    if parameter.type in CONTROLLED:
        allowed = CONTROLLED[parameter.type]
        if text not in allowed:
            raise ParameterError(f"parameter {parameter.name} must be one of {', '.join(allowed)}; not {text!r}")
        return Literal(text)
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
        numbers = {q.split("-")[0]: q for q in queries}  # cq09 for cq09-trunk-line-layout
        close = difflib.get_close_matches(name, queries, n=3, cutoff=0.4) or [
            numbers[n] for n in difflib.get_close_matches(name.split("-")[0], numbers, n=3, cutoff=0.5)
        ]
        hint = f" Did you mean: {', '.join(close)}?" if close else ""
        raise UnknownQuery(f"there is no named query {name!r}.{hint} kg query --list (library()) lists them all.")
    query = queries[name]
    bound = bind(graph, query, params)
    results = graph.results(with_values(query.text, bound))
    if not isinstance(results, bool) and not results.rows:
        results.attrs["no_rows_message"] = no_rows_message(query, params, bound)
    return results


def run(graph, name: str, **params):
    """Run the named query ``name`` on ``graph`` as a DataFrame (see :func:`answer`); ``attrs`` carry its notes."""
    return answer(graph, name, **params).to_frame()


def no_rows_message(query: NamedQuery, params: dict, bound: dict[Variable, object]) -> str:
    """What a query that matched nothing says: its name and every parameter it ran with (a name with
    the IRI it was resolved to).

    >>> q = library()["cq03-carriers-by-industry"]
    >>> no_rows_message(q, {"city": "上海"}, {Variable("city"): NamedNode("https://w3id.org/yrd-de/id/shanghai")})
    'no rows: cq03-carriers-by-industry with city=上海 (yrd:shanghai)'
    """
    said = []
    for variable, term in bound.items():
        typed = str(params.get(variable.value, query.parameters[variable.value].default))
        shown = term.value if isinstance(term, Literal) else shorten(term.value)
        said.append(f"{variable.value}={typed}" + ("" if shown == typed else f" ({shown})"))
    return f"no rows: {query.name}" + (f" with {', '.join(said)}" if said else "")


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
