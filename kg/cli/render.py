"""How every verb prints an answer: an aligned table that fits the terminal, CSV, TSV, JSON or an xlsx workbook.

The table shows what a researcher reads (:func:`kg.readable.readable`: figures as
"> 50 %（2025，目标）", codes as labels in the answer's language, IRIs as ``yrd:hefei``),
one marker for a missing value (:data:`kg.readable.MISSING`, "—"), columns aligned by
display width (a CJK character takes two cells) and long cells wrapped to fit the
terminal (``wide=True`` keeps every cell on one line). CSV, TSV and JSON keep the codes
and full IRIs. Only xlsx imports a library (openpyxl); nothing here imports pandas.

>>> from kg.results import Results
>>> print(table_text(Results(["city", "role"], [("合肥市", "home_region"), ("Suzhou", None)])))
city    role
------  ------
合肥市  飞出地
Suzhou  —
"""

from __future__ import annotations

import csv
import io
import json
import sys
import unicodedata
from datetime import date
from functools import lru_cache

from kg.readable import MISSING, number_text, readable
from kg.results import Results

__all__ = ["display_width", "table_text", "text_output", "write_output", "as_results"]

_GAP = "  "
_NARROWEST = 6


@lru_cache(maxsize=8192)
def _char_width(char: str) -> int:
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def display_width(text: str) -> int:
    """Terminal cells ``text`` takes: wide and full-width (CJK) characters two, combining marks none.

    >>> display_width("合肥 Hefei"), display_width("e\u0301")
    (10, 1)
    """
    return len(text) if text.isascii() else sum(map(_char_width, text))


def as_results(answer) -> Results:
    """A :class:`Results` for a Results or a DataFrame (which other verbs build)."""
    return answer if isinstance(answer, Results) else Results.from_frame(answer)


def _text(value) -> str:
    if value is None or value == "":
        return MISSING
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):  # a score: four significant digits below 1, two decimals above
        return number_text(float(f"{value:.4g}") if abs(value) < 1 else round(value, 2))
    if isinstance(value, date):
        return value.isoformat()
    return "\n".join(" ".join(line.split()) for line in str(value).splitlines())


def _wrap(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` cells, broken at a space where one is near, else between characters.

    A line break in ``text`` is kept (a cell of several items shows one a line).
    """
    if "\n" in text:
        return [line for part in text.split("\n") for line in _wrap(part, width)]
    lines, line, used = [], "", 0
    for char in text:
        cells = _char_width(char)
        if used + cells <= width:
            line, used = line + char, used + cells
            continue
        space = line.rfind(" ")
        if char != " " and space > 0 and display_width(line[space + 1 :]) < width // 2:
            lines.append(line[:space])
            line = line[space + 1 :] + char
        else:
            lines.append(line.rstrip())
            line = char.lstrip()
        used = display_width(line)
    return [*lines, line] if line or not lines else lines


def _fit(natural: list[int], headers: list[int], width: int) -> list[int]:
    """Column widths that fit ``width``: the widest column gives way first, none below its header if all can
    keep theirs, else none below a few cells."""
    widths = list(natural)
    room = width - len(_GAP) * (len(widths) - 1)
    least = [min(n, max(_NARROWEST, h)) for n, h in zip(natural, headers, strict=True)]
    if sum(least) > room:
        least = [min(n, _NARROWEST) for n in natural]
    while sum(widths) > room:
        shrinkable = [i for i, w in enumerate(widths) if w > least[i]]
        if not shrinkable:
            break
        widths[max(shrinkable, key=widths.__getitem__)] -= 1
    return widths


def table_text(answer: Results, width: int | None = None, wide: bool = False, lang: str = "zh") -> str:
    """The answer as an aligned table of at most ``width`` cells a line (default: the terminal's).

    >>> from kg.results import Results
    >>> print(table_text(Results(["place", "n"], [("中国（南京）软件谷", 7)]), width=13))
    place       n
    ----------  -
    中国（南京  7
    ）软件谷
    """
    import shutil

    shown = readable(answer, lang)
    cells = [[_text(v) for v in row] for row in shown.rows]
    natural = [
        max(display_width(line) for cell in column for line in cell.split("\n"))
        for column in zip(shown.columns, *cells, strict=True)
    ]
    headers = [display_width(c) for c in shown.columns]
    widths = natural if wide else _fit(natural, headers, width or shutil.get_terminal_size().columns)
    numeric = [
        bool(present) and all(isinstance(v, int | float) and not isinstance(v, bool) for v in present)
        for present in ([v for v in column if v is not None] for column in zip(*shown.rows, strict=True))
    ] or [False] * len(widths)
    lines = []
    for row in [list(shown.columns), ["-" * w for w in widths], *cells]:
        wrapped = [_wrap(cell, w) for cell, w in zip(row, widths, strict=True)]
        for depth in range(max(len(w) for w in wrapped)):
            parts = []
            for lines_of, w, right in zip(wrapped, widths, numeric, strict=True):
                piece = lines_of[depth] if depth < len(lines_of) else ""
                pad = " " * (w - display_width(piece))
                parts.append(pad + piece if right else piece + pad)
            lines.append(_GAP.join(parts).rstrip())
    return "\n".join(lines)


def _delimited(answer: Results, delimiter: str) -> str:
    handle = io.StringIO()
    writer = csv.writer(handle, delimiter=delimiter, lineterminator="\n")
    writer.writerow(answer.columns)
    writer.writerows(["" if v is None else v for v in row] for row in answer.rows)
    return handle.getvalue()


def _json_value(value):
    return value.isoformat() if isinstance(value, date) else value


def text_output(answer, fmt: str, *, lang: str = "zh", wide: bool = False, width: int | None = None) -> str:
    """The text ``fmt`` (table, csv, tsv, json) prints for an answer (a Results or a DataFrame).

    A table of no rows is the answer's ``no_rows_message`` (or "(no rows)"); CSV and TSV
    are then a header, JSON ``[]``.

    >>> from kg.results import Results
    >>> empty = Results(["place"], [], {"no_rows_message": "no rows: cq03 with region=上海市"})
    >>> text_output(empty, "table"), text_output(empty, "csv"), text_output(empty, "json")
    ('no rows: cq03 with region=上海市\\n', 'place\\n', '[]\\n')
    """
    answer = as_results(answer)
    if fmt == "json":
        rows = [{k: _json_value(v) for k, v in record.items()} for record in answer.records()]
        return json.dumps(rows, ensure_ascii=False) + "\n"
    if fmt in ("csv", "tsv"):
        return _delimited(answer, "," if fmt == "csv" else "\t")
    if not answer.rows:
        return answer.attrs.get("no_rows_message", "(no rows)") + "\n"
    return table_text(answer, width=width, wide=wide, lang=lang) + "\n"


def write_output(answer, args, *, lang: str = "zh", graph=None) -> None:
    """Print (or, with ``--out FILE``, write atomically) an answer in ``args.format``.

    ``graph`` gives the workbook's sheet of cited sources (xlsx only).
    """
    from kg.atomic import write_files_atomic, write_text_atomic
    from kg.errors import ParameterError

    out = getattr(args, "out", None)
    if args.format == "xlsx":
        if out is None:
            raise ParameterError("--format xlsx writes a workbook: give the file with --out FILE.xlsx")
        from pathlib import Path

        from kg.workbook import workbook_bytes

        path = Path(out)
        write_files_atomic(path.parent, {path.name: workbook_bytes(as_results(answer), graph, lang)})
        print(f"wrote {path}", file=sys.stderr)
        return
    text = text_output(answer, args.format, lang=lang, wide=getattr(args, "wide", False))
    if out is None:
        sys.stdout.write(text)
    else:
        write_text_atomic(out, text)
        print(f"wrote {out}", file=sys.stderr)
