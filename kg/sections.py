"""The numbered parts of a source text and their titles, as the document prints them.

A source text numbers its parts ``一、`` (top level), ``（一）`` (second level) and, inside
those, ``1.`` (third level); tables, figures and boxes are ``表N``, ``图N`` and ``专栏N``.
:func:`sections` reads them in reading order with their keys (``三``, ``三（一）``,
``三（一）2``, ``表7``), the keys the curators' locators use, and their titles. Lines of a
table of contents (dot leaders, or a page number at the end) are not headings: a part's
title and position come from its heading in the body; a part only the contents name is kept
at its place there, marked ``in_body=False``.

:func:`section_title` gives the title of the part a locator points to, or of the nearest
part that contains it (``三（一）2`` falls back to ``三（一）`` when the text prints no
``2.`` heading there). ``¶N`` locators (paragraphs of an unnumbered text) have no title.

>>> contents = "目录\\n一、 总论\\t1\\n表 1\\t指标.....\\t3\\n图 2 只在目录 5\\n"
>>> text = contents + "一、 总论\\n（一）背景\\n1. 起步阶段\\n表 1 指标\\n"
>>> [(s.key, s.title) for s in sections(text)]
[('图2', '只在目录'), ('一', '总论'), ('一（一）', '背景'), ('一（一）1', '起步阶段'), ('表1', '指标')]
>>> [s.key for s in sections(text) if not s.in_body]
['图2']
>>> section_title(sections(text), "一（一）2"), section_title(sections(text), "¶3")
('背景', None)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "Section",
    "sections",
    "read_sections",
    "containing",
    "reading_position",
    "section_title",
    "locator_parts",
    "NUMERAL",
]

NUMERAL = "一二三四五六七八九十"
_TOP = re.compile(rf"^\s*([{NUMERAL}]+)[、.．]\s*(\S.*)$")
_SUB = re.compile(rf"^\s*[（(]([{NUMERAL}]+)[）)]\s*(\S.*)$")
_ITEM = re.compile(r"^\s*([0-9]{1,2})\s*[.．、]\s*([^\s0-9].*)$")
_NUMBERED = re.compile(r"^\s*(表|图|专栏)\s*([0-9]+)\s*[：:]?\s*(.*)$")
#: a line of a table of contents: dot leaders, or a title followed by a page number
_CONTENTS = re.compile(r"(\.{3,}|…{2,}|\s[0-9]{1,3}\s*)$")
_LEADERS = re.compile(r"([.…]{2,}.*|\s[0-9]{1,3}\s*)$")
#: A third-level heading is short and is not a sentence.
_ITEM_MAX = 40


@dataclass(frozen=True)
class Section:
    """One numbered part: its key, printed title ('' if none), depth, the line (from 0) of its heading.

    ``depth`` is 1 (``一、``), 2 (``（一）``), 3 (``1.``) or 0 (a table, figure or box);
    ``in_body`` is False for a part that only a table of contents names (``line`` is its line there).
    """

    key: str
    title: str
    depth: int
    line: int
    in_body: bool = True


def _clean(title: str) -> str:
    return _LEADERS.sub("", title.strip()).strip()


def sections(text: str) -> list[Section]:
    """The numbered parts of a text in reading order (by their heading in the body)."""
    found: dict[str, Section] = {}
    top = sub = None
    for number, line in enumerate(text.splitlines()):
        in_contents = bool(_CONTENTS.search(line))
        if match := _TOP.match(line):
            key, title, depth = match.group(1), match.group(2), 1
        elif (match := _SUB.match(line)) and top:
            key, title, depth = f"{top}（{match.group(1)}）", match.group(2), 2
        elif match := _NUMBERED.match(line):
            key, title, depth = match.group(1) + match.group(2), match.group(3), 0
        elif (match := _ITEM.match(line)) and top and not in_contents:
            title = match.group(2).strip()
            if len(title) > _ITEM_MAX or title[-1] in "。；，,;":
                continue
            key, depth = (sub or top) + match.group(1), 3
        else:
            continue
        if not in_contents:  # the contents do not open sections; the body does
            top, sub = (key, None) if depth == 1 else (top, key if depth == 2 else sub)
        known = found.get(key)
        if known is None or (not known.in_body and not in_contents):
            found[key] = Section(key, _clean(title) if in_contents else title.strip(), depth, number, not in_contents)
    return sorted(found.values(), key=lambda s: s.line)


def read_sections(path: Path | str) -> list[Section]:
    """The sections of a seed text file; none when the file is not there."""
    path = Path(path)
    return sections(path.read_text(encoding="utf-8")) if path.exists() else []


def locator_parts(locator: str) -> list[str]:
    """The parts of a locator: ``"四（一）; 表7"`` -> ``["四（一）", "表7"]``."""
    return [part.strip() for part in locator.split(";") if part.strip()]


def containing(parts: list[Section], locator_part: str) -> Section | None:
    """The part a locator part points to, or the nearest part that contains it (``三（一）2`` -> ``三（一）``)."""
    by_key = {s.key: s for s in parts}
    key = locator_part
    while key not in by_key:
        shorter = re.sub(r"[0-9]+$", "", key)
        if shorter == key:
            shorter = re.sub(rf"（[{NUMERAL}]+）$", "", key)
        if shorter in (key, ""):
            return None
        key = shorter
    return by_key[key]


def reading_position(parts: list[Section], locator_part: str) -> tuple[int, int, str]:
    """Sort key of a locator part in reading order: the line of the part that contains it (parts no heading
    contains, such as ``¶12``, after all others), then its trailing number (``¶2`` before ``¶12``).

    >>> parts = sections("一、总论\\n（一）背景\\n二、现状\\n")
    >>> sorted(["¶12", "二", "一（一）2", "¶2", "一"], key=lambda p: reading_position(parts, p))
    ['一', '一（一）2', '二', '¶2', '¶12']
    """
    found = containing(parts, locator_part)
    number = re.search(r"[0-9]+$", locator_part)
    return (found.line if found else 1 << 30, int(number.group()) if number else 0, locator_part)


def section_title(parts: list[Section], locator_part: str) -> str | None:
    """The printed title of the part a locator part points to (see :func:`containing`), or None."""
    found = containing(parts, locator_part)
    return found.title or None if found else None
