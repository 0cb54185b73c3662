"""An answer as an xlsx workbook: the rows with labels (as a table shows them), and a sheet of the sources cited.

The first sheet, ``answer``, holds :func:`kg.readable.readable` rows (figures written out,
codes as labels, IRIs prefixed; a missing value is an empty cell). The second, ``sources``,
lists each document the rows cite (the values of every ``source`` column, by id, IRI or
title, and the ids in ``answer.attrs["sources"]``) with its titles, author, publisher and
date from the graph's source descriptions.

>>> from kg.examples import tiny_graph
>>> from kg.results import Results
>>> answer = Results(["subject", "source", "locator"], [("合肥市", "caict-2021", "表7")])
>>> sources = cited_sources(answer, tiny_graph())
>>> [(s["id"], s["date"]) for s in sources]
[('caict-2021', '2021-09')]
"""

from __future__ import annotations

import io
import re

from kg.iris import SRC
from kg.readable import readable
from kg.results import Results

__all__ = ["SOURCE_COLUMNS", "cited_sources", "workbook_bytes"]

#: The columns of the sources sheet.
SOURCE_COLUMNS = ("id", "title_zh", "title_en", "author", "publisher", "date")

_SOURCES = """
SELECT ?s ?title_zh ?title_en ?author ?publisher ?date WHERE {
  ?s a kg:Source ; dcterms:title ?title_zh , ?title_en
  FILTER (lang(?title_zh) = "zh" && lang(?title_en) = "en")
  OPTIONAL { ?s dcterms:creator ?author }
  OPTIONAL { ?s dcterms:publisher ?publisher }
  OPTIONAL { ?s dcterms:date ?date }
} ORDER BY ?s"""


def cited_sources(answer: Results, graph) -> list[dict]:
    """The description of every source the answer cites (``source`` columns by id, IRI or title; ``attrs``), by id."""
    cited = {v for c in answer.columns if re.fullmatch(r"source\d*", c) for v in answer.column(c) if v}
    cited |= set(answer.attrs.get("sources", ()))
    found = []
    for row in graph.results(_SOURCES).records():
        source_id = row["s"].removeprefix(SRC)
        if cited & {row["s"], source_id, row["title_zh"], row["title_en"]}:
            found.append({"id": source_id, **{k: row[k] for k in SOURCE_COLUMNS[1:]}})
    return found


def workbook_bytes(answer: Results, graph=None, lang: str = "zh") -> bytes:
    """The xlsx file of an answer: sheet ``answer`` (labels, not codes) and sheet ``sources`` (when ``graph``)."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "answer"
    shown = readable(answer, lang)
    sheet.append(shown.columns)
    for row in shown.rows:
        sheet.append([_cell(v) for v in row])
    sources = book.create_sheet("sources")
    sources.append(SOURCE_COLUMNS)
    for source in cited_sources(answer, graph) if graph is not None else []:
        sources.append([_cell(source[k]) for k in SOURCE_COLUMNS])
    for each in (sheet, sources):
        each.freeze_panes = "A2"
    handle = io.BytesIO()
    book.save(handle)
    return handle.getvalue()


def _cell(value):
    """A value openpyxl writes as it is (numbers, dates, text), anything else as text."""
    if value is None or isinstance(value, int | float | str):
        return value
    return str(value)
