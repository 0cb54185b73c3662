"""How much of each source document has been curated, section by section.

For every source, the report lists the document's own sections (top-level
``一、`` / ``一.``, second-level ``（一）``), tables ``表N``, figures ``图N`` and
boxes ``专栏N``, read from the seed text, and how many stated facts and
distinct entities cite each one. Sections that nothing cites show up with 0:
those are the thin spots. A fact citing ``三（四）1; 表4`` counts for 三,
三（四） and 表4.

>>> import tempfile, pathlib
>>> from kg.examples import TINY_DIR, tiny_graph
>>> seeds = pathlib.Path(tempfile.mkdtemp())
>>> for name in source_files(TINY_DIR).values():
...     _ = (seeds / name).write_text("一、总论\\n（一）背景\\n表4 合肥\\n", encoding="utf-8")
>>> rows = coverage(tiny_graph(), TINY_DIR, seeds)
>>> [r["part"] for r in rows if r["source"] == "caict-2021"][:3]
['一', '一（一）', '表4']

Where the texts are absent, :func:`coverage` says so and how to provide them (``KG_SEEDS``).
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from kg.errors import MissingFile
from kg.paths import DEFAULT_DATA_DIR, SEEDS_DIR, SEEDS_HELP

__all__ = ["document_parts", "coverage", "source_files", "source_texts"]

_NUMERAL = "一二三四五六七八九十"
_TOP = re.compile(rf"^\s*([{_NUMERAL}]+)[、.．]\s*\S")
_SUB = re.compile(rf"^\s*[（(]([{_NUMERAL}]+)[）)]\s*\S")
_NUMBERED = re.compile(r"^\s*(表|图|专栏)\s*([0-9]+)")

_FACTS = """
SELECT ?g ?locator ?s WHERE {
  GRAPH ?g { ?st rdf:subject ?s ; kg:locator ?locator }
  ?g a kg:Source .
}"""


def document_parts(text: str) -> list[str]:
    """The section keys of a document in reading order: 一, 一（一）, 表1, 专栏2 ...

    >>> document_parts("一、总论\\n（一）背景\\n表 1 指标\\n二. 现状\\n")
    ['一', '一（一）', '表1', '二']
    """
    parts, top = [], None
    for line in text.splitlines():
        if match := _TOP.match(line):
            top = match.group(1)
            key = top
        elif (match := _SUB.match(line)) and top:
            key = f"{top}（{match.group(1)}）"
        elif match := _NUMBERED.match(line):
            key = match.group(1) + match.group(2)
        else:
            continue
        if key not in parts:
            parts.append(key)
    return parts


def _cited_parts(locator: str) -> set[str]:
    """The keys a locator counts for: 三（四）1 -> 三, 三（四）."""
    keys = set()
    for part in locator.split("; "):
        match = re.match(rf"([{_NUMERAL}]+)(（[{_NUMERAL}]+）)?", part)
        if match:
            keys.add(match.group(1))
            if match.group(2):
                keys.add(match.group(1) + match.group(2))
        else:
            keys.add(part)
    return keys


def source_files(data_dir: Path = DEFAULT_DATA_DIR) -> dict[str, str]:
    """The file name of each source's text, by source id (``sources.csv``)."""
    with (Path(data_dir) / "sources.csv").open(encoding="utf-8-sig") as handle:
        return {row["id"]: row["file"] for row in csv.DictReader(handle)}


def source_texts(data_dir: Path = DEFAULT_DATA_DIR, seeds_dir: Path = SEEDS_DIR) -> dict[str, str]:
    """The text of every source, by id; :class:`kg.errors.MissingFile` saying how to provide them when absent."""
    files = source_files(data_dir)
    missing = [name for name in files.values() if not (Path(seeds_dir) / name).is_file()]
    if missing:
        raise MissingFile(
            seeds_dir, f"{len(missing)} of {len(files)} source texts missing ({missing[0]} …); {SEEDS_HELP}"
        )
    return {source: (Path(seeds_dir) / name).read_text(encoding="utf-8") for source, name in files.items()}


def coverage(graph, data_dir: Path = DEFAULT_DATA_DIR, seeds_dir: Path = SEEDS_DIR) -> list[dict]:
    """Rows of (source, part, facts, entities) for every part of every source, cited or not."""
    texts = source_texts(data_dir, seeds_dir)
    facts: dict[tuple[str, str], int] = {}
    subjects: dict[tuple[str, str], set] = {}
    for row in graph.select(_FACTS):
        source = row["g"].value.rsplit("/", 1)[1]
        for key in _cited_parts(row["locator"].value):
            facts[source, key] = facts.get((source, key), 0) + 1
            subjects.setdefault((source, key), set()).add(row["s"].value)
    rows = []
    for source, text in texts.items():
        parts = document_parts(text)
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
