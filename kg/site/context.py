"""What every page builder needs: the model, which pages exist, and how a link and a citation are shown.

Texts shown in both languages are ``{"zh": ..., "en": ...}`` pairs; the templates show the
one the reader chose. A link is ``{"href": site path or None, "text": pair, "iri": IRI}``;
hrefs are site paths, made relative to the page when it is rendered.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import Literal, NamedNode

from kg.iris import GAZETTEER_GRAPH, KG, ONTOLOGY_GRAPH, SOURCES_GRAPH, XSD, local_name, shorten
from kg.paths import SEEDS_DIR
from kg.sections import Section, locator_parts, read_sections, reading_position, section_title
from kg.site.model import RDF_TYPE, Citation, Model
from kg.site.urls import ONTOLOGY_PAGE, page_path, term_anchor

__all__ = ["Portal", "pair", "section_anchor"]

_GRAPH_NAMES = {
    GAZETTEER_GRAPH.value: ("行政区划数据", "gazetteer"),
    SOURCES_GRAPH.value: ("来源文献说明", "source descriptions"),
    ONTOLOGY_GRAPH.value: ("本体", "ontology"),
}


def pair(zh: str, en: str | None = None) -> dict:
    return {"zh": zh, "en": zh if en is None else en}


def section_anchor(locator_part: str) -> str:
    """The id of a locator's place on its source page."""
    return "s-" + locator_part


@dataclass
class Portal:
    """The model of the dataset and the pages made from it."""

    model: Model
    seeds_dir: Path = SEEDS_DIR
    #: IRIs that have a page of their own
    pages: set[str] = field(default_factory=set)
    sections: dict[str, list[Section]] = field(default_factory=dict)

    def __post_init__(self):
        self.pages = {iri for iri in self.model.types if page_path(iri)} | set(self.model.classes)
        for source in self.sources():
            file = self.value(source, KG + "fileName")
            self.sections[source] = read_sections(self.seeds_dir / file) if file else []

    # ------------------------------------------------------------ things

    def sources(self) -> list[str]:
        return self.model.instances(KG + "Source")

    def value(self, iri: str, predicate: str):
        """The first object (a Python str) of ``predicate`` on ``iri``, or None."""
        for fact in self.model.outgoing.get(iri, ()):
            if fact.p == predicate:
                return fact.o.value
        return None

    def text(self, iri: str) -> dict:
        """The label pair of anything; things without a label are named by what they are about."""
        if iri in self.model.labels or iri in self.model.terms or not self.model.outgoing.get(iri):
            return self.model.labels_of(iri)
        return {lang: self._composite(iri, lang) for lang in ("zh", "en")}

    def _composite(self, iri: str, lang: str) -> str:
        """A name for a thing without a label (a figure, a participation): its text, the things it ties, its year."""
        words, things, values, years = [], [], [], []
        for fact in self.model.outgoing[iri]:
            o = fact.o
            if isinstance(o, Literal) and o.language == lang:
                words.append(o.value)
            elif isinstance(o, Literal) and o.datatype.value == XSD + "gYear":
                years.append(o.value)
            elif isinstance(o, NamedNode) and fact.p != RDF_TYPE and o.value in self.model.labels:
                (values if o.value.startswith(KG) else things).append(self.model.label(o.value, lang))
        parts = words[:1] + things[: 1 if words else 2] + (values[:1] if not words else []) + years[:1]
        return " · ".join(parts) or shorten(iri)

    def link(self, iri: str) -> dict:
        """A link to the page of anything (its ontology entry for a term, no href for an IRI outside the site)."""
        if iri in self.pages:
            href = page_path(iri)
        elif iri.startswith(KG) and iri in self.model.terms:
            href = term_anchor(iri)
        else:
            href = None
        return {"href": href, "text": self.text(iri), "iri": iri}

    def term_link(self, iri: str) -> dict:
        """A link to a class or property's entry on the ontology page."""
        href = term_anchor(iri) if iri.startswith(KG) and iri in self.model.terms else None
        return {"href": href, "text": self.model.labels_of(iri), "iri": iri, "short": shorten(iri)}

    def value_view(self, term) -> dict:
        """An object as shown: a link for an IRI, the text (with its language) for a literal."""
        if isinstance(term, NamedNode):
            return {**self.link(term.value), "only": None}
        lang = term.language
        text = term.value
        return {"href": None, "text": pair(text), "lang": lang, "iri": None, "only": None}

    def value_views(self, facts: list) -> list[dict]:
        """The objects of facts of one property; a text given in both languages shows in the reader's only."""
        languages = {f.o.language for f in facts if isinstance(f.o, Literal) and f.o.language}
        views = []
        for fact in facts:
            view = self.value_view(fact.o)
            if languages >= {"zh", "en"} and view.get("lang") in ("zh", "en"):
                view["only"] = view["lang"]
            views.append(view)
        return views

    # ------------------------------------------------------------ citations

    def document_label(self, document: str) -> dict:
        if document in _GRAPH_NAMES:
            return pair(*_GRAPH_NAMES[document])
        return pair(local_name(document))

    def citation(self, c: Citation) -> dict:
        """A citation as shown: the document (linked), each locator part with its section title, and the case."""
        if c.document in self.pages:
            path = page_path(c.document)
            parts = [
                {
                    "locator": part,
                    "title": section_title(self.sections.get(c.document, []), part),
                    "href": f"{path}#{section_anchor(part)}",
                }
                for part in locator_parts(c.locator)
            ]
            document = {"href": path, "text": self.document_label(c.document), "title": self.text(c.document)}
        else:
            notes = self.model.graph_notes.get(c.document, [])
            parts = [{"locator": " / ".join(notes), "title": None, "href": None}] if notes else []
            href = ONTOLOGY_PAGE if c.document == ONTOLOGY_GRAPH.value else None
            document = {"href": href, "text": self.document_label(c.document), "title": None}
        return {"document": document, "parts": parts, "case": self.link(c.case) if c.case else None}

    def position(self, citations: list[Citation]) -> tuple:
        """Where the first of these citations is in reading order: (document, line of its part, number)."""
        keys = [
            (c.document, *reading_position(self.sections.get(c.document, []), part))
            for c in citations
            for part in locator_parts(c.locator)
        ]
        return min(keys, default=("", 1 << 30, 0, ""))

    def citations(self, citations: list[Citation], skip_case: str | None = None) -> list[dict]:
        return [self.citation(c if c.case != skip_case else Citation(c.document, c.locator)) for c in citations]
