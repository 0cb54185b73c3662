"""Validation problems: one shape for every layer, with stable codes.

Every problem names a code, a place (file, line, column) and says what was
expected, so a curator can jump straight to the cell at fault.

>>> p = Problem("KG-T03", "data/figures.csv", 4, 5, "'约50%' is not a number")
>>> str(p)
"data/figures.csv:4:5: KG-T03 '约50%' is not a number"
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.errors import KgError

__all__ = ["Problem", "ValidationFailed", "CODES", "FILE_LEVEL", "SHACL_ENGINES", "report_order"]

#: The engines that find the SHACL problems: kg's own on Oxigraph (:mod:`kg.shacl`, the default) and
#: pyshacl, the reference it is tested against (here so that the command line names them without importing either).
SHACL_ENGINES = ("oxigraph", "pyshacl")

#: Stable error codes and what they guard. Tests and users may rely on them.
CODES = {
    "KG-T01": "a declared file is missing",
    "KG-T02": "a declared column is missing from the header",
    "KG-T03": "a cell does not have the declared type",
    "KG-T04": "a primary key or unique value is repeated",
    "KG-T05": "a foreign key points at no row",
    "KG-T06": "a value is not in its controlled list",
    "KG-T07": "a required cell is empty",
    "KG-T08": "a value is out of its declared range",
    "KG-T09": "a file is not UTF-8",
    "KG-T10": "a value does not match its declared pattern",
    "KG-T11": "a column is not declared in the schema",
    "KG-T12": "a row has a different number of cells than the header",
    "KG-T13": "data/datapackage.json is missing or malformed, or a table path leaves the package",
    "KG-T14": "a quoted cell is not closed where it should be (it runs across lines, or a quote is stray)",
    "KG-T15": "a header names a column twice",
    "KG-T16": "a cell holds a NUL or another control character",
    "KG-T17": "a cell is longer than 131,072 characters",
    "KG-S": "a SHACL shape of ontology/shapes.ttl is violated (code KG-S + shape number)",
    "KG-Q": "a SPARQL violation query returned rows (code KG-Q + query number)",
}


#: Codes of problems with a whole file, which make the checks of its rows and references meaningless.
FILE_LEVEL = frozenset({"KG-T01", "KG-T02", "KG-T09", "KG-T11", "KG-T13", "KG-T14", "KG-T15"})


def report_order(problem: Problem) -> tuple:
    """Sort key: problems with whole files first (the root causes), then by code, file, line and column."""
    return (not problem.file_level, problem)


@dataclass(frozen=True, order=True)
class Problem:
    """One validation problem. ``line`` and ``column`` are 1-based; 0 when unknown."""

    code: str
    file: str
    line: int
    column: int
    message: str

    @property
    def file_level(self) -> bool:
        """A problem with a whole file (missing, unreadable, bad header, malformed descriptor): reported first."""
        return self.code in FILE_LEVEL

    @property
    def layer(self) -> str:
        """``tables``, ``shacl`` or ``sparql``, read from the code."""
        return {"T": "tables", "S": "shacl", "Q": "sparql"}[self.code[3]]

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.code} {self.message}"

    def as_dict(self) -> dict:
        return {
            "code": self.code,
            "layer": self.layer,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "message": self.message,
        }


class ValidationFailed(KgError):
    """Raised when input does not pass validation; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=report_order)
        shown = "\n".join(str(p) for p in self.problems[:50])
        more = len(self.problems) - 50
        tail = f"\n... and {more} more" if more > 0 else ""
        super().__init__(f"{len(self.problems)} validation problem(s):\n{shown}{tail}")
