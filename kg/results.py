"""Query answers as plain rows of Python values: what the command line prints without importing pandas.

A :class:`Results` holds the column names, one tuple per solution and an
``attrs`` dict (for example ``no_rows_message``, set by :func:`kg.queries.run`).
:meth:`Results.to_frame` gives the pandas DataFrame the Python API returns,
with integer and float columns where every value allows.

>>> from pyoxigraph import Literal, NamedNode
>>> answer = Results.from_solutions(["year"], [{"year": Literal("2025", datatype=NamedNode(XSD + "gYear"))}])
>>> answer.rows
[(2025,)]
>>> answer.to_frame()["year"].dtype
Int64Dtype()
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from pyoxigraph import Literal, QuerySolution, QuerySolutions

from kg.iris import XSD

if TYPE_CHECKING:  # pandas is imported where a frame is built, never at start-up
    import pandas

__all__ = ["Results", "to_python", "is_missing"]

_INTEGER_TYPES = {XSD + t for t in ("integer", "int", "long", "short", "nonNegativeInteger", "positiveInteger")}


def _number(text: str) -> float:
    return float(Decimal(text))


#: The converter of each datatype whose literals become something else than their text.
_CONVERTERS = (
    dict.fromkeys(_INTEGER_TYPES | {XSD + "gYear"}, int)
    | dict.fromkeys((XSD + "decimal", XSD + "double", XSD + "float"), _number)
    | {XSD + "date": date.fromisoformat, XSD + "boolean": lambda text: text == "true"}
)


def to_python(term):
    """A Python value for an RDF term: numbers, years as int, dates, strings, IRIs as str.

    >>> from pyoxigraph import NamedNode
    >>> to_python(Literal("2025", datatype=NamedNode(XSD + "gYear")))
    2025
    >>> to_python(Literal("12.5", datatype=NamedNode(XSD + "decimal")))
    12.5
    """
    if term is None:
        return None
    if not isinstance(term, Literal):
        return term.value
    convert = _CONVERTERS.get(term.datatype.value)
    return term.value if convert is None else convert(term.value)


@dataclass
class Results:
    """Column names, rows of Python values (None where unbound) and free-form ``attrs``."""

    columns: list[str]
    rows: list[tuple]
    attrs: dict = field(default_factory=dict)

    @classmethod
    def from_solutions(cls, names: list[str], solutions) -> Results:
        """Rows from pyoxigraph-like solutions (``solution[name]`` is a term or None)."""
        # pyoxigraph's solutions (an answer, or a list of its rows) are read by position, four times faster than by name
        pyoxigraph_rows = isinstance(solutions, list) and solutions and isinstance(solutions[0], QuerySolution)
        keys = range(len(names)) if pyoxigraph_rows or isinstance(solutions, QuerySolutions) else names
        return cls(list(names), [tuple([to_python(s[k]) for k in keys]) for s in solutions])

    @classmethod
    def from_records(cls, records: list[dict], columns: list[str] | None = None) -> Results:
        """Rows from dicts sharing their keys (the first record's keys are the columns unless given).

        >>> Results.from_records([{"a": 1, "b": None}]).rows
        [(1, None)]
        """
        names = list(columns if columns is not None else (records[0] if records else []))
        return cls(names, [tuple(r.get(n) for n in names) for r in records])

    @classmethod
    def from_frame(cls, frame: pandas.DataFrame) -> Results:
        """Rows of a DataFrame, missing values (None, NaN, <NA>) as None."""
        rows = [tuple(None if is_missing(v) else v for v in row) for row in frame.itertuples(index=False)]
        return cls([str(c) for c in frame.columns], rows, dict(frame.attrs))

    def __len__(self) -> int:
        return len(self.rows)

    def column(self, name: str) -> list:
        """The values of one column, in row order."""
        index = self.columns.index(name)
        return [row[index] for row in self.rows]

    def records(self) -> list[dict]:
        """One dict per row, column name to value."""
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]

    def to_frame(self) -> pandas.DataFrame:
        """A DataFrame: Int64 columns where all values are ints, float64 where all are numbers; ``attrs`` kept."""
        import pandas as pd

        columns = {name: _column([row[i] for row in self.rows]) for i, name in enumerate(self.columns)}
        frame = pd.DataFrame(columns, columns=self.columns)
        frame.attrs.update(self.attrs)
        return frame


def is_missing(value) -> bool:
    """Whether a cell is missing: None, NaN or pandas' <NA> alike.

    >>> is_missing(None), is_missing(float("nan")), is_missing(0)
    (True, True, False)
    """
    if value is None or type(value).__name__ == "NAType":
        return True
    return isinstance(value, float) and value != value


def _column(values: list):
    """Int64 when all values are ints, float64 when all are numbers, objects otherwise (None allowed)."""
    import pandas as pd

    present = [v for v in values if v is not None]
    if present and all(type(v) is int for v in present):
        return pd.array(values, dtype="Int64")
    if present and all(type(v) in (int, float) for v in present):
        return pd.array([float("nan") if v is None else float(v) for v in values], dtype="float64")
    return pd.array(values, dtype=object)
