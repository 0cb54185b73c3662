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
...     _ = (seeds / name).write_text("一、总论\\n表7 长三角部分省市数字经济发展目标规划\\n", encoding="utf-8")
>>> rows = coverage(tiny_graph(), TINY_DIR, seeds)
>>> table7 = next(r for r in rows if r["source"] == "caict-2021" and r["part"] == "表7")
>>> table7["title"], table7["facts"]   # 合肥's two targets (ten facts each) and its plan (seven)
('长三角部分省市数字经济发展目标规划', 27)

Where the texts are absent, :func:`coverage` says so and how to provide them (``KG_SEEDS``).
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from kg.cache import remember_json
from kg.errors import MissingFile
from kg.paths import DEFAULT_DATA_DIR, SEEDS_DIR, SEEDS_HELP
from kg.sections import NUMERAL, sections

__all__ = ["document_parts", "coverage", "source_files", "source_texts"]


_FACTS = """
SELECT ?g ?locator ?s WHERE {
  GRAPH ?g { ?st rdf:subject ?s ; kg:locator ?locator }
  ?g a kg:Source .
}"""


def document_parts(text: str) -> list[tuple[str, str]]:
    """The sections, tables, figures and boxes of a document in reading order, with their titles.

    Lines of a table of contents (dot leaders or a page number at the end) are skipped, so
    the order is that of the body.

    >>> document_parts("目录\\n一、总论 1\\n一、总论\\n（一）背景\\n表 1 指标\\n专栏 2：做法\\n二. 现状\\n")
    [('一', '总论'), ('一（一）', '背景'), ('表1', '指标'), ('专栏2', '做法'), ('二', '现状')]
    """
    return [(s.key, s.title) for s in sections(text) if s.depth != 3 and s.in_body]


def _parts(text: str) -> list[tuple[str, str]]:
    """The parts of a document: its headed parts, or, for a text with no headings, its paragraphs ¶1 … ¶N."""
    headed = document_parts(text)
    if headed:
        return headed
    return [(f"¶{n}", "") for n, _ in enumerate((line for line in text.splitlines() if line.strip()), 1)]


def _reading_order(key: str) -> tuple:
    """Sort key for parts cited but not found as headings: 前言 first, then ¶1, ¶2 … ¶10 by number."""
    number = re.search(r"[0-9]+", key)
    return (key != "前言", re.sub(r"[0-9]+", "", key), int(number.group()) if number else 0)


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


#: The keys of each row of :func:`coverage`.
COLUMNS = ("source", "part", "title", "facts", "entities")


def _citations(graph) -> dict[str, tuple[int, int]]:
    """``"source part"`` -> (facts citing the part, distinct entities they are about), for every part cited."""
    facts: dict[str, int] = {}
    subjects: dict[str, set] = {}
    for row in graph.select(_FACTS):
        source = row["g"].value.rsplit("/", 1)[1]
        for key in _cited_parts(row["locator"].value):
            facts[f"{source} {key}"] = facts.get(f"{source} {key}", 0) + 1
            subjects.setdefault(f"{source} {key}", set()).add(row["s"].value)
    return {key: (n, len(subjects[key])) for key, n in facts.items()}


def coverage(graph, data_dir: Path = DEFAULT_DATA_DIR, seeds_dir: Path = SEEDS_DIR) -> list[dict]:
    """Rows of :data:`COLUMNS` (source, part, title, facts, entities) for every part of every source, in order."""
    texts = source_texts(data_dir, seeds_dir)
    counts = remember_json(graph, "citations", lambda: _citations(graph))
    rows = []
    for source, text in texts.items():
        parts = _parts(text)
        cited = {key for s, key in (k.split(" ", 1) for k in counts) if s == source} - {k for k, _ in parts}
        for key, title in parts + [(key, "") for key in sorted(cited, key=_reading_order)]:
            facts, entities = counts.get(f"{source} {key}", (0, 0))
            rows.append({"source": source, "part": key, "title": title, "facts": facts, "entities": entities})
    return rows
