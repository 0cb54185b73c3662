"""What the portal shows, read from the graph in one pass: things, facts with their citations, ontology terms.

Every quad of the dataset is read once. A fact is a triple with the citations that state it:
for each source graph that holds it, the document (the graph's IRI) with the locator and,
for a tie reported inside a pattern case, the case of its ``rdf:Statement``. Triples of the
gazetteer, sources and ontology graphs have no statement; they are cited by their graph.

Nothing here knows the classes or properties by name beyond the few that every page reads
(type, labels, aliases, definitions): which classes exist, what their properties are called
in Chinese and English and what they mean all come from the ontology graph, so a class or
property added to the ontology shows up without a change here.

>>> from kg.examples import tiny_graph
>>> model = read_model(tiny_graph())
>>> hefei = "https://w3id.org/yrd-de/id/hefei"
>>> model.label(hefei), model.label(hefei, "en"), model.class_of(hefei)
('合肥市', 'Hefei', 'https://w3id.org/yrd-de/ontology#Region')
>>> fact = next(f for f in model.outgoing[hefei] if f.p.endswith("partOf"))
>>> [(c.document.rsplit("/", 1)[1], c.locator) for c in fact.citations]
[('caict-2021', '三（四）1')]
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from pyoxigraph import Literal, NamedNode

from kg.iris import BASE, GAZETTEER_GRAPH, ID, KG, ONTOLOGY_GRAPH, PREFIXES, RDF, RDFS, SKOS, SOURCES_GRAPH, shorten

__all__ = ["Citation", "Fact", "Term", "Model", "read_model", "RDF_TYPE", "LABEL", "ALT_LABEL", "DEFINITION"]

RDF_TYPE = RDF + "type"
LABEL = RDFS + "label"
ALT_LABEL = SKOS + "altLabel"
DEFINITION = SKOS + "definition"
_OWL = PREFIXES["owl"]
_STATEMENT = BASE + "stmt/"
#: Graphs whose triples are not stated by an rdf:Statement: they are cited by the graph itself.
_UNSTATED = (GAZETTEER_GRAPH.value, SOURCES_GRAPH.value, ONTOLOGY_GRAPH.value)
_LANGS = ("zh", "en")

#: Labels of the terms of other vocabularies that the data uses (our own terms are labelled in the ontology).
STANDARD_LABELS = {
    RDF_TYPE: ("类型", "type"),
    LABEL: ("名称", "label"),
    ALT_LABEL: ("别名", "also known as"),
    DEFINITION: ("定义", "definition"),
    SKOS + "broader": ("上位", "broader"),
    SKOS + "narrower": ("下位", "narrower"),
    SKOS + "inScheme": ("所属体系", "in scheme"),
    SKOS + "notation": ("代号", "notation"),
    RDFS + "subClassOf": ("上位类", "subclass of"),
    RDFS + "subPropertyOf": ("上位属性", "subproperty of"),
    RDFS + "domain": ("定义域", "domain"),
    RDFS + "range": ("值域", "range"),
    PREFIXES["dcterms"] + "title": ("题名", "title"),
    PREFIXES["dcterms"] + "publisher": ("发布者", "publisher"),
    PREFIXES["dcterms"] + "creator": ("作者", "author"),
    PREFIXES["dcterms"] + "date": ("日期", "date"),
    PREFIXES["dcterms"] + "issued": ("发布日期", "date issued"),
    PREFIXES["dcterms"] + "description": ("说明", "description"),
    PREFIXES["schema"] + "foundingDate": ("成立年份", "founded"),
    PREFIXES["wgs"] + "lat": ("纬度", "latitude"),
    PREFIXES["wgs"] + "long": ("经度", "longitude"),
    PREFIXES["prov"] + "wasDerivedFrom": ("来自", "derived from"),
}


@dataclass(frozen=True, order=True)
class Citation:
    """Where a fact is stated: the document (a source IRI, or the graph holding it), the locator, the case.

    ``statement`` is the IRI of the ``rdf:Statement`` that says so (None for a graph's own triples).
    """

    document: str
    locator: str = ""
    case: str | None = None
    statement: str | None = field(default=None, compare=False)


@dataclass
class Fact:
    """A triple (subject and predicate IRIs, object term) and every citation of it, sorted."""

    s: str
    p: str
    o: NamedNode | Literal
    citations: list[Citation] = field(default_factory=list)

    @property
    def object_iri(self) -> str | None:
        return self.o.value if isinstance(self.o, NamedNode) else None


@dataclass
class Term:
    """An ontology term: its types, labels and definitions per language, and its other triples."""

    iri: str
    types: set[str] = field(default_factory=set)
    labels: dict[str, str] = field(default_factory=dict)
    definitions: dict[str, str] = field(default_factory=dict)
    values: dict[str, list] = field(default_factory=lambda: defaultdict(list))

    def first(self, predicate: str) -> str | None:
        """The first IRI (or literal text) of ``predicate``, in sorted order."""
        found = sorted(term.value for term in self.values.get(predicate, ()))
        return found[0] if found else None

    def all(self, predicate: str) -> list[str]:
        return sorted(term.value for term in self.values.get(predicate, ()))


def _literal_key(term) -> tuple:
    if isinstance(term, Literal):
        return (1, term.value, term.language or "", term.datatype.value)
    return (0, term.value, "", "")


@dataclass
class Model:
    """The whole dataset arranged for pages (see the module docstring)."""

    terms: dict[str, Term]
    labels: dict[str, dict[str, str]]
    aliases: dict[str, list[tuple[str, str]]]
    types: dict[str, list[str]]
    outgoing: dict[str, list[Fact]]
    incoming: dict[str, list[Fact]]
    by_case: dict[str, list[Fact]]
    graph_notes: dict[str, list[str]]

    # ------------------------------------------------------------ names

    def label(self, iri: str, lang: str = "zh") -> str:
        """The label of anything in ``lang`` (the other language, a standard label or the prefixed IRI if none)."""
        labels = self.labels.get(iri, {})
        if lang in labels:
            return labels[lang]
        if iri in STANDARD_LABELS:
            return STANDARD_LABELS[iri][_LANGS.index(lang)]
        return next(iter(labels.values()), None) or shorten(iri)

    def labels_of(self, iri: str) -> dict[str, str]:
        return {lang: self.label(iri, lang) for lang in _LANGS}

    def class_of(self, iri: str) -> str | None:
        """The first ontology class of a thing (its types sorted; classes of our ontology first)."""
        types = self.types.get(iri, [])
        return types[0] if types else None

    # ------------------------------------------------------------ the ontology

    def is_a(self, term: str, kind: str) -> bool:
        """Whether an ontology term has the OWL or SKOS type ``kind`` (e.g. ``owl:Class``)."""
        prefix, local = kind.split(":")
        return term in self.terms and PREFIXES[prefix] + local in self.terms[term].types

    @cached_property
    def classes(self) -> list[str]:
        """Our ontology's classes, the most populated first."""
        found = [t for t in self.terms if t.startswith(KG) and self.is_a(t, "owl:Class")]
        count = self.instance_counts()
        return sorted(found, key=lambda c: (-count.get(c, 0), c))

    def instance_counts(self) -> dict[str, int]:
        return dict(self._counts)

    @cached_property
    def _counts(self) -> dict[str, int]:
        counts: dict[str, int] = defaultdict(int)
        for types in self.types.values():
            for t in types:
                counts[t] += 1
        return counts

    def instances(self, cls: str) -> list[str]:
        return sorted(iri for iri, types in self.types.items() if cls in types)

    def super_properties(self, prop: str) -> set[str]:
        """Every property ``prop`` is a sub-property of, itself included."""
        found, todo = set(), [prop]
        while todo:
            p = todo.pop()
            if p not in found:
                found.add(p)
                todo += self.terms[p].all(RDFS + "subPropertyOf") if p in self.terms else []
        return found

    def concepts(self, scheme: str) -> list[str]:
        """The concepts of a concept scheme, by notation."""
        members = [t for t in self.terms.values() if scheme in t.all(SKOS + "inScheme")]
        return [t.iri for t in sorted(members, key=lambda t: (t.first(SKOS + "notation") or "", t.iri))]


def read_model(graph) -> Model:
    """Read a :class:`kg.store.KnowledgeGraph` into a :class:`Model`."""
    statements: dict[str, dict] = defaultdict(dict)
    triples: dict[tuple, set[str]] = defaultdict(set)
    for quad in graph.store.quads_for_pattern(None, None, None, None):
        g, s, p, o = quad.graph_name.value, quad.subject.value, quad.predicate.value, quad.object
        if s.startswith(_STATEMENT):
            statements[s][p] = o
            statements[s]["graph"] = g
        else:
            triples[quad.subject.value, p, o].add(g)
    cited: dict[tuple, list[Citation]] = defaultdict(list)
    for node, st in statements.items():
        if RDF + "subject" not in st:
            continue
        key = (st[RDF + "subject"].value, st[RDF + "predicate"].value, st[RDF + "object"])
        case = st.get(KG + "viaCase")
        locator = st.get(KG + "locator")
        citation = Citation(st["graph"], locator.value if locator else "", case.value if case else None, node)
        cited[key].append(citation)

    terms: dict[str, Term] = {}
    labels: dict[str, dict[str, str]] = defaultdict(dict)
    aliases: dict[str, set[tuple[str, str]]] = defaultdict(set)
    types: dict[str, set[str]] = defaultdict(set)
    outgoing: dict[str, list[Fact]] = defaultdict(list)
    incoming: dict[str, list[Fact]] = defaultdict(list)
    by_case: dict[str, list[Fact]] = defaultdict(list)
    graph_notes: dict[str, set[str]] = defaultdict(set)
    ordered = sorted(triples.items(), key=lambda kv: (kv[0][0], kv[0][1], _literal_key(kv[0][2])))
    for (s, p, o), graphs in ordered:
        if ONTOLOGY_GRAPH.value in graphs:
            term = terms.setdefault(s, Term(s))
            if p == RDF_TYPE:
                term.types.add(o.value)
            elif p in (LABEL, DEFINITION) and isinstance(o, Literal) and o.language in _LANGS:
                (term.labels if p == LABEL else term.definitions).setdefault(o.language, o.value)
            else:
                term.values[p].append(o)
    classes = {t.iri for t in terms.values() if _OWL + "Class" in t.types and t.iri.startswith(KG)}
    # individuals of the ontology (patterns, roles, controlled values) are things with pages; the
    # classes, properties and schemes that describe them are shown on the ontology page
    individuals = {t.iri for t in terms.values() if t.types & classes}
    for (s, p, o), graphs in ordered:
        if s in graphs and p == PREFIXES["prov"] + "wasDerivedFrom":
            graph_notes[s].add(o.value)
            continue
        if p == LABEL and isinstance(o, Literal) and o.language in _LANGS:
            labels[s].setdefault(o.language, o.value)
        if p == ALT_LABEL and isinstance(o, Literal):
            aliases[s].add((o.value, o.language or ""))
        if graphs == {ONTOLOGY_GRAPH.value} and s not in individuals:
            continue
        if p == RDF_TYPE:
            types[s].add(o.value)
        citations = sorted(cited.get((s, p, o)) or [Citation(g) for g in graphs if g in _UNSTATED])
        fact = Fact(s, p, o, citations)
        outgoing[s].append(fact)
        if isinstance(o, NamedNode) and p != RDF_TYPE:
            incoming[o.value].append(fact)
        for case in sorted({c.case for c in citations if c.case}):
            by_case[case].append(fact)
    return Model(
        terms=terms,
        labels=dict(labels),
        aliases={iri: sorted(names) for iri, names in aliases.items()},
        types={iri: sorted(ts, key=lambda t: (not t.startswith(KG), t)) for iri, ts in types.items()},
        outgoing=dict(outgoing),
        incoming=dict(incoming),
        by_case=dict(by_case),
        graph_notes={g: sorted(notes) for g, notes in graph_notes.items()},
    )


def is_entity(iri: str) -> bool:
    """Whether an IRI is one of the curated things (``yrd:``) rather than a term or a source."""
    return iri.startswith(ID)
