"""A source document's sections in document order, each with the facts that cite it.

The sections, with their printed titles, come from the document's text (:mod:`kg.sections`).
A fact citing ``三（四）1; 表4`` is listed under both. A locator part that is not a heading
of the text (``二（一）2`` where the text prints no ``2.`` there) is listed, under its own
name, in the part that contains it; a part no heading contains (``¶12``, ``前言``) goes to a
last group in its own order. Facts are shown per subject: the thing, then each property and
value the part states about it; that a part names a thing (type and labels) is one mark.
"""

from __future__ import annotations

from kg.sections import containing, locator_parts, reading_position
from kg.site.context import Portal, pair, section_anchor
from kg.site.model import ALT_LABEL, LABEL, RDF_TYPE, Fact

__all__ = ["source_sections"]

_NAMING = {RDF_TYPE, LABEL, ALT_LABEL}


def _stated(portal: Portal, facts: list[Fact]) -> list[dict]:
    """Property and value of each fact; of a text given in both languages, the reader's."""
    by_property: dict[str, list[Fact]] = {}
    for fact in facts:
        by_property.setdefault(fact.p, []).append(fact)
    return [
        {"property": portal.term_link(prop), "object": view}
        for prop, group in by_property.items()
        for view in portal.value_views(group)
    ]


def _subjects(portal: Portal, facts: list[Fact]) -> list[dict]:
    by_subject: dict[str, list[Fact]] = {}
    for fact in facts:
        by_subject.setdefault(fact.s, []).append(fact)
    rows = []
    for subject in sorted(by_subject, key=lambda s: (portal.text(s)["zh"], s)):
        stated = by_subject[subject]
        rows.append(
            {
                "subject": portal.link(subject),
                "named": any(f.p in _NAMING for f in stated),
                "facts": _stated(portal, [f for f in stated if f.p not in _NAMING]),
            }
        )
    return rows


def source_sections(portal: Portal, source: str) -> dict:
    """The sections of ``source`` in order, each with its facts by locator part; then the other parts."""
    parts = portal.sections.get(source, [])
    cited: dict[str, list[Fact]] = {}
    for facts in portal.model.outgoing.values():
        for fact in facts:
            for c in fact.citations:
                if c.document == source:
                    for part in locator_parts(c.locator):
                        bucket = cited.setdefault(part, [])
                        if not bucket or bucket[-1] is not fact:
                            bucket.append(fact)
    placed: dict[str, list[str]] = {}
    other = []
    for part in cited:
        home = containing(parts, part)
        if home is None:
            other.append(part)
        else:
            placed.setdefault(home.key, []).append(part)

    def groups(keys):
        return [
            {
                "locator": key,
                "anchor": section_anchor(key),
                "count": len(cited[key]),
                "subjects": _subjects(portal, cited[key]),
            }
            for key in keys
        ]

    sections = [
        {
            "key": s.key,
            "title": s.title,
            "depth": s.depth,
            "anchor": section_anchor(s.key),
            "count": sum(len(cited[k]) for k in placed.get(s.key, [])),
            "groups": groups(sorted(placed.get(s.key, []), key=lambda k: (k != s.key, k))),
        }
        for s in parts
    ]
    return {
        "sections": sections,
        "other": groups(sorted(other, key=lambda part: reading_position(parts, part))),
        "has_text": bool(parts),
        "facts": sum(len(v) for v in cited.values()),
        "other_title": pair("其他出处（无编号标题）", "Other places (no numbered heading)"),
    }
