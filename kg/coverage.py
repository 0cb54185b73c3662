"""How much of each source document has been curated, section by section.

For every source, the report lists the document's own sections (top-level
``一、`` / ``一.``, second-level ``（一）``), tables ``表N``, figures ``图N`` and
boxes ``专栏N``, read from the seed text, and how many stated facts and
distinct entities cite each one. Sections that nothing cites show up with 0:
those are the thin spots. A fact citing ``三（四）1; 表4`` counts for 三,
三（四） and 表4.

>>> from kg.store import from_tables
>>> rows = coverage(from_tables())
>>> hefei_table = next(r for r in rows if r["source"] == "caict-2021" and r["part"] == "表4")
>>> hefei_table["facts"] > 50
True
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from kg.paths import DEFAULT_DATA_DIR, SEEDS_DIR
from kg.sections import NUMERAL, sections

__all__ = ["document_parts", "coverage"]


_FACTS = """
SELECT ?g ?locator ?s WHERE {
  GRAPH ?g { ?st rdf:subject ?s ; kg:locator ?locator }
  ?g a kg:Source .
}"""


def document_parts(text: str) -> list[str]:
    """The section keys of a document in the order they are first mentioned: 一, 一（一）, 表1, 专栏2 ...

    Third-level items (``三（一）2``) are counted under their section, not listed (see :mod:`kg.sections`).

    >>> document_parts("一、总论\\n（一）背景\\n表 1 指标\\n二. 现状\\n")
    ['一', '一（一）', '表1', '二']
    """
    return [s.key for s in sorted(sections(text), key=lambda s: s.first) if s.depth != 3]


def _cited_parts(locator: str) -> set[str]:
    """The keys a locator counts for: 三（四）1 -> 三, 三（四）."""
    keys = set()
    for part in locator.split("; "):
        match = re.match(rf"([{NUMERAL}]+)(（[{NUMERAL}]+）)?", part)
        if match:
            keys.add(match.group(1))
            if match.group(2):
                keys.add(match.group(1) + match.group(2))
        else:
            keys.add(part)
    return keys


def coverage(graph, data_dir: Path = DEFAULT_DATA_DIR, seeds_dir: Path = SEEDS_DIR) -> list[dict]:
    """Rows of (source, part, facts, entities) for every part of every source, cited or not."""
    with (Path(data_dir) / "sources.csv").open(encoding="utf-8-sig") as handle:
        sources = {row["id"]: row["file"] for row in csv.DictReader(handle)}
    facts: dict[tuple[str, str], int] = {}
    subjects: dict[tuple[str, str], set] = {}
    for row in graph.select(_FACTS):
        source = row["g"].value.rsplit("/", 1)[1]
        for key in _cited_parts(row["locator"].value):
            facts[source, key] = facts.get((source, key), 0) + 1
            subjects.setdefault((source, key), set()).add(row["s"].value)
    rows = []
    for source, file in sources.items():
        seed = Path(seeds_dir) / file
        parts = document_parts(seed.read_text(encoding="utf-8")) if seed.exists() else []
        cited = sorted({key for (s, key) in facts if s == source} - set(parts))
        for key in parts + cited:
            rows.append(
                {
                    "source": source,
                    "part": key,
                    "facts": facts.get((source, key), 0),
                    "entities": len(subjects.get((source, key), ())),
                }
            )
    return rows
