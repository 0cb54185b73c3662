"""The content of a thing's page: its names, attributes and every fact about it, grouped by kind, each cited.

Like an item page of Wikidata or a Scholia profile, a page shows

* the thing's labels in both languages, its aliases (``skos:altLabel``), classes and any definition;
* **attributes**: facts whose value is a literal or a controlled value (a level, a kind, a code);
* sections for things the ontology gives a shape of their own, each shown only when the
  ontology has its terms and the thing has such facts: **figures** (``kg:figureOf``) as a
  table of values, **participations** (``kg:participant``, ``kg:inCase``, ``kg:role``) with
  their cases and roles, the **contents** of a plan (``kg:elementOf``, in ``kg:order``, nested
  by ``kg:partOfElement``), and the **ties reported in a case** (``kg:viaCase``);
* **relations**: every other fact, grouped by the class of the thing at the other end (in
  the order of :attr:`kg.site.model.Model.classes`), then by property and direction, the
  other end linked;
* every document cited on the page with its locators in document order.

Classes, property labels and definitions all come from the ontology graph, so a new class or
property needs no change here.
"""

from __future__ import annotations

from pyoxigraph import Literal

from kg.iris import KG, PREFIXES, SKOS, local_name
from kg.site.context import Portal, pair
from kg.site.model import ALT_LABEL, DEFINITION, LABEL, RDF_TYPE, Citation, Fact

__all__ = ["entity_page", "DESCRIPTIONS"]

#: Properties whose text describes the thing: shown under its name.
DESCRIPTIONS = (DEFINITION, PREFIXES["dcterms"] + "description", PREFIXES["rdfs"] + "comment")
_HEADER = {RDF_TYPE, LABEL, ALT_LABEL, *DESCRIPTIONS}

FIGURE = KG + "Figure"
PARTICIPANT, IN_CASE, ROLE, FUNCTION = KG + "participant", KG + "inCase", KG + "role", KG + "function"
ELEMENT_OF, PART_OF_ELEMENT, ORDER = KG + "elementOf", KG + "partOfElement", KG + "order"
EXEMPLIFIES = KG + "exemplifies"
_PARTICIPATION = (IN_CASE, PARTICIPANT, ROLE)
_FIGURE_COLUMNS = ("indicator", "figureOf", "comparator", "value", "unit", "refYear", "kind", "setBy", "reportedBy")
_NUMERIC = {"value", "refYear"}


def _facts_of(portal: Portal, iri: str, predicate: str) -> list[Fact]:
    return [f for f in portal.model.outgoing.get(iri, ()) if f.p == predicate]


def _objects(portal: Portal, iri: str, predicate: str) -> list:
    return [f.o for f in _facts_of(portal, iri, predicate)]


def _all_citations(portal: Portal, iri: str) -> list[Citation]:
    """Every citation of the facts stated about ``iri`` (a figure, a participation), once each."""
    return sorted({c for f in portal.model.outgoing.get(iri, ()) if f.p != RDF_TYPE for c in f.citations})


def _lang_pair(portal: Portal, iri: str, predicate: str) -> dict | None:
    texts = {o.language: o.value for o in _objects(portal, iri, predicate) if isinstance(o, Literal) and o.language}
    if not texts:
        return None
    zh = texts.get("zh") or next(iter(texts.values()))
    return pair(zh, texts.get("en", zh))


def _has(portal: Portal, *terms: str) -> bool:
    """Whether the ontology defines every one of ``terms`` (a special section needs them)."""
    return all(t in portal.model.terms for t in terms)


# ---------------------------------------------------------------- header and attributes


def _is_attribute(portal: Portal, fact: Fact) -> bool:
    """A literal, a controlled value (an ontology individual in a concept scheme) or an IRI without a page."""
    iri = fact.object_iri
    if iri is None:
        return True
    term = portal.model.terms.get(iri)
    return (term is not None and bool(term.values.get(SKOS + "inScheme"))) or (
        iri not in portal.pages and not iri.startswith(KG)
    )


def _value_rows(portal: Portal, facts: list[Fact], subject: str) -> list[dict]:
    """Facts grouped by property: each property once, with its values and their citations."""
    grouped: dict[str, list[Fact]] = {}
    for fact in facts:
        grouped.setdefault(fact.p, []).append(fact)
    rows = []
    for prop, group in grouped.items():
        values = [
            {**view, "citations": portal.citations(fact.citations)}
            for fact, view in zip(group, portal.value_views(group), strict=True)
        ]
        rows.append({"property": portal.term_link(prop), "values": values})
    return sorted(rows, key=lambda r: (r["property"]["text"]["en"].lower(), r["property"]["iri"]))


def _header(portal: Portal, iri: str) -> dict:
    model = portal.model
    descriptions = [d for d in (_lang_pair(portal, iri, p) for p in DESCRIPTIONS) if d]
    if not descriptions and iri in model.terms and model.terms[iri].definitions:
        definitions = model.terms[iri].definitions
        descriptions = [pair(definitions.get("zh", definitions.get("en")), definitions.get("en"))]
    return {
        "iri": iri,
        "text": portal.text(iri),
        "aliases": [{"text": alias, "lang": lang} for alias, lang in model.aliases.get(iri, [])],
        "classes": [portal.link(c) for c in model.types.get(iri, [])],
        "descriptions": descriptions,
        "label_citations": portal.citations(
            sorted({c for f in model.outgoing.get(iri, ()) if f.p in (LABEL, ALT_LABEL) for c in f.citations})
        ),
    }


# ---------------------------------------------------------------- special sections


def _figures(portal: Portal, iri: str, incoming: list[Fact]) -> dict | None:
    """Figures tied to the thing (of it, set by it ...) as a table of values; columns nobody fills are left out."""
    if not _has(portal, FIGURE):
        return None
    figures = sorted({f.s for f in incoming if FIGURE in portal.model.types.get(f.s, [])})
    if not figures:
        return None
    rows = []
    for f in figures:
        cells = []
        for column in _FIGURE_COLUMNS[1:]:
            objects = [o for o in _objects(portal, f, KG + column) if o.value != iri]
            cells.append(portal.value_views([Fact(f, KG + column, o) for o in objects]))
        rows.append(
            {
                "link": portal.link(f),
                "indicator": _lang_pair(portal, f, KG + "indicator") or portal.text(f),
                "cells": cells,
                "citations": portal.citations(_all_citations(portal, f)),
                "year": "".join(o.value for o in _objects(portal, f, KG + "refYear")),
            }
        )
    rows.sort(key=lambda r: (r["indicator"]["en"], r["year"], r["link"]["iri"]))
    filled = [i for i in range(len(_FIGURE_COLUMNS) - 1) if any(r["cells"][i] for r in rows)]
    for row in rows:
        row["cells"] = [row["cells"][i] for i in filled]
    columns = [_FIGURE_COLUMNS[i + 1] for i in filled]
    return {
        "columns": [portal.term_link(KG + c) for c in ("indicator", *columns)],
        "numeric": [c in _NUMERIC for c in columns],
        "rows": rows,
    }


def _participations(portal: Portal, iri: str, incoming: list[Fact]) -> dict | None:
    """Participations the thing is the case, participant or role of: the other two, the function, citations."""
    if not _has(portal, *_PARTICIPATION):
        return None
    nodes = sorted({f.s for f in incoming if f.p in _PARTICIPATION})
    if not nodes:
        return None
    here = next(f.p for f in incoming if f.p in _PARTICIPATION)
    columns = [p for p in _PARTICIPATION if p != here]
    rows = []
    for node in nodes:
        cells = [[portal.link(o.value) for o in _objects(portal, node, p)] for p in columns]
        rows.append(
            {
                "link": portal.link(node),
                "cells": cells,
                "function": _lang_pair(portal, node, FUNCTION),
                "citations": portal.citations(_all_citations(portal, node)),
            }
        )
    rows.sort(key=lambda r: tuple(c[0]["text"]["zh"] if c else "" for c in r["cells"]) + (r["link"]["iri"],))
    return {"columns": [portal.term_link(p) for p in columns], "rows": rows}


def _cases(portal: Portal, iri: str, incoming: list[Fact]) -> list[dict]:
    """The cases of a pattern (``kg:exemplifies``), each with its participants and their roles."""
    if not _has(portal, EXEMPLIFIES):
        return []
    cases = sorted({f.s for f in incoming if f.p == EXEMPLIFIES}, key=lambda c: (portal.text(c)["zh"], c))
    return [
        {"link": portal.link(c), "participations": _participations(portal, c, portal.model.incoming.get(c, []))}
        for c in cases
    ]


def _contents(portal: Portal, iri: str, incoming: list[Fact]) -> list[dict]:
    """The elements a plan sets out in the order of its text (the part each is stated in, then ``kg:order``),
    sub-items under their element."""
    if not _has(portal, ELEMENT_OF):
        return []
    elements = {f.s for f in incoming if f.p == ELEMENT_OF}
    parent = {
        e: next((o.value for o in _objects(portal, e, PART_OF_ELEMENT) if o.value in elements), None) for e in elements
    }

    def number(e):
        numbers = [int(o.value) for o in _objects(portal, e, ORDER) if o.value.lstrip("-").isdigit()]
        return numbers[0] if numbers else None

    def order(e):  # where the text states it, then its number there
        return (portal.position(_all_citations(portal, e)), number(e) or 0, portal.text(e)["zh"], e)

    def items(under):
        return [
            {
                "link": portal.link(e),
                "order": number(e),
                "kind": [portal.link(o.value) for o in _objects(portal, e, KG + "kind")],
                "description": _lang_pair(portal, e, PREFIXES["dcterms"] + "description"),
                "citations": portal.citations(_all_citations(portal, e)),
                "children": items(e),
            }
            for e in sorted((e for e in elements if parent[e] == under), key=order)
        ]

    return items(None)


def _case_ties(portal: Portal, iri: str) -> list[dict]:
    """Ties the sources report within this case (their statements carry ``kg:viaCase``)."""
    return [
        {
            "subject": portal.link(f.s),
            "property": portal.term_link(f.p),
            "object": portal.value_view(f.o),
            "citations": portal.citations([c for c in f.citations if c.case == iri], skip_case=iri),
        }
        for f in portal.model.by_case.get(iri, ())
    ]


# ---------------------------------------------------------------- relations


def _relations(portal: Portal, iri: str, outgoing: list[Fact], incoming: list[Fact]) -> list[dict]:
    """Ties to other things with pages, by the class of the other end, then by property and direction."""
    by_class: dict[str, dict[tuple, list]] = {}
    for facts, forward in ((outgoing, True), (incoming, False)):
        for fact in facts:
            other = fact.object_iri if forward else fact.s
            if other is None or other == iri:
                continue
            cls = portal.model.class_of(other) or ""
            item = {"other": portal.link(other), "citations": portal.citations(fact.citations)}
            by_class.setdefault(cls, {}).setdefault((fact.p, forward), []).append(item)
    order = {c: i for i, c in enumerate(portal.model.classes)}
    sections = []
    for cls in sorted(by_class, key=lambda c: (order.get(c, len(order)), c)):
        groups = [
            {
                "property": portal.term_link(prop),
                "forward": forward,
                "items": sorted(items, key=lambda i: (i["other"]["text"]["zh"], i["other"]["iri"])),
            }
            for (prop, forward), items in sorted(by_class[cls].items(), key=lambda kv: (not kv[0][1], kv[0][0]))
        ]
        sections.append(
            {
                "class": portal.link(cls) if cls else {"href": None, "text": pair("其他", "other"), "iri": ""},
                "anchor": "rel-" + (local_name(cls) if cls else "other"),
                "count": sum(len(g["items"]) for g in groups),
                "groups": groups,
            }
        )
    return sections


def _cited_documents(portal: Portal, citations: list[Citation]) -> list[dict]:
    """Each document cited on the page, with its locators in the document's order."""
    by_document: dict[str, set[str]] = {}
    for c in citations:
        by_document.setdefault(c.document, set()).add(c.locator)
    rows = []
    for document in sorted(by_document):
        locators = sorted(by_document[document], key=lambda loc: (portal.position([Citation(document, loc)]), loc))
        rows.append({"citations": [portal.citation(Citation(document, loc)) for loc in locators]})
    return rows


def entity_page(portal: Portal, iri: str) -> dict:
    """Everything the page of ``iri`` shows (see the module docstring)."""
    model = portal.model
    outgoing = [f for f in model.outgoing.get(iri, ()) if f.p not in _HEADER]
    incoming = [f for f in model.incoming.get(iri, ()) if f.s != iri]
    attributes = [f for f in outgoing if _is_attribute(portal, f)]
    figures = _figures(portal, iri, incoming)
    participations = _participations(portal, iri, incoming)
    contents = _contents(portal, iri, incoming)
    cases = _cases(portal, iri, incoming)
    special = {EXEMPLIFIES} if cases else set()
    special |= set(_PARTICIPATION) if participations else set()
    special |= {ELEMENT_OF} if contents else set()
    remaining_in = [f for f in incoming if f.p not in special and not (figures and FIGURE in model.types.get(f.s, []))]
    ties = [f for f in outgoing if not _is_attribute(portal, f)]
    shown = (
        [c for f in model.outgoing.get(iri, ()) if f.p != RDF_TYPE for c in f.citations]
        + [c for f in incoming for c in f.citations]
        + [c for f in model.by_case.get(iri, ()) for c in f.citations]
    )
    return {
        "header": _header(portal, iri),
        "attributes": _value_rows(portal, attributes, iri),
        "figures": figures,
        "participations": participations,
        "contents": contents,
        "cases": cases,
        "sections": None,
        "case_ties": _case_ties(portal, iri),
        "relations": _relations(portal, iri, ties, remaining_in),
        "documents": _cited_documents(portal, shown),
    }
