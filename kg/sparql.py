"""Look at a SPARQL text before it runs: does it call another server (SERVICE), is it an update?

Neither pyoxigraph nor ``oxigraph serve-read-only`` can turn federation off, so a query is
read before it runs. A small lexer finds the keywords that stand outside strings, IRIs and
comments; a ``SERVICE`` among them is refused (:class:`kg.errors.FederationRefused`), and an
update keyword where a query should start is refused as an update
(:class:`kg.errors.UpdateRefused`). It costs about 0.2 ms for a named query; rdflib's parser
takes 40-190 ms for the same texts, and reads a slightly different language than Oxigraph
(``benchmarks/bench_guard.py``).

``<`` is the one ambiguous character: an IRI in patterns, but "less than" right after an
operand inside parentheses, as Oxigraph's parser reads it (``FILTER(1<'x>') SERVICE ...``
is a comparison with a string, then a real SERVICE). Where both readings could hide text
from the other (a ``<...>`` holding ``#``, ``'`` or brackets right after an operand), any
word ``SERVICE`` in the text is refused: a false alarm is possible there, a miss is not.

>>> service_at('SELECT * WHERE { ?s ?p "SERVICE <x> {}" # SERVICE\\n SERVICE <http://h/> { ?s ?p ?o } }')
(2, 2)
>>> service_at("SELECT ?s WHERE { ?s schema:Service <http://example.org/service> }") is None
True
>>> update_keyword("PREFIX p: <http://p/> INSERT DATA { p:a p:b p:c }")
'INSERT'
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.errors import FederationRefused, UpdateRefused

__all__ = ["service_at", "update_keyword", "undeclared_prefix", "check_query"]

_IRI = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')
_WORD = re.compile(r"[\w\-.:%\\]+")
_VAR = re.compile(r"[?$]\w*")
_LANG = re.compile(r"@[A-Za-z0-9-]+")
_ANY_SERVICE = re.compile(r"(?<![\w:?$])service(?![\w:])", flags=re.IGNORECASE | re.ASCII)
_UPDATES = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
_CLOSE = {")": "(", "]": "[", "}": "{"}


def _string_end(text: str, at: int) -> int:
    """Offset just past the string literal opening at ``at`` (a short string also ends at a line break)."""
    quote = text[at]
    long = text.startswith(quote * 3, at)
    i = at + (3 if long else 1)
    while i < len(text):
        char = text[i]
        if char == "\\":
            i += 2
        elif long and text.startswith(quote * 3, i):
            return i + 3
        elif not long and char in (quote, "\n"):
            return i + 1
        else:
            i += 1
    return len(text)


def _words(text: str) -> tuple[list[tuple[str, int]], bool]:
    """Words (keywords, prefixed names, numbers) outside strings, IRIs and comments, with their offsets;
    and whether a ``<`` was ambiguous."""
    words, stack, ambiguous = [], [], False
    after_operand = False
    i = 0
    while i < len(text):
        char = text[i]
        if char.isspace():
            i += 1
            continue
        operand = True
        if char == "#":
            end = text.find("\n", i)
            i = len(text) if end < 0 else end
            continue
        if char in "\"'":
            i = _string_end(text, i)
        elif char == "<":
            iri = _IRI.match(text, i)
            in_expression = bool(stack) and stack[-1] == "("
            if in_expression and after_operand:
                ambiguous |= bool(iri and re.search(r"[#'()\[\]]", iri.group()))
                i, operand = i + 1, False
            elif iri:
                i = iri.end()
            else:
                i, operand = i + 1, False
        elif char in "?$" and (var := _VAR.match(text, i)):
            i = var.end()
        elif char == "@" and (tag := _LANG.match(text, i)):
            i = tag.end()
        elif word := _WORD.match(text, i):
            token = word.group()
            words.append((token, i))
            operand = not _is_keyword(token)
            i = word.end()
        elif char in "([{":
            stack.append(char)
            i, operand = i + 1, False
        elif char in ")]}":
            if stack and stack[-1] == _CLOSE[char]:
                stack.pop()
            i += 1
        else:
            i, operand = i + 1, False
        after_operand = operand
    return words, ambiguous


def _is_keyword(token: str) -> bool:
    return ":" not in token and not token[0].isdigit() and token.lower() not in ("true", "false")


def _line_column(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def service_at(text: str) -> tuple[int, int] | None:
    """Line and column of the first SERVICE keyword outside strings, IRIs and comments, or None."""
    words, ambiguous = _words(text)
    for word, offset in words:
        if _is_keyword(word) and word.isascii() and word.upper() == "SERVICE":
            return _line_column(text, offset)
    if ambiguous and (found := _ANY_SERVICE.search(text)):
        return _line_column(text, found.start())
    return None


def update_keyword(text: str) -> str | None:
    """The update keyword that opens ``text`` after its PREFIX and BASE lines (INSERT, DELETE, LOAD ...), or None."""
    for word, _ in _words(text)[0]:
        upper = word.upper()
        if _is_keyword(word) and upper not in ("PREFIX", "BASE"):
            return upper if upper in _UPDATES else None
    return None


def undeclared_prefix(text: str, declared) -> str | None:
    """The first prefix used in ``text`` that neither ``declared`` nor its own PREFIX lines declare.

    >>> undeclared_prefix("PREFIX ex: <http://e/> SELECT * WHERE { ?s ex:p foo:bar }", {"kg"})
    'foo'
    """
    words = _words(text)[0]
    pairs = zip(words, words[1:], strict=False)
    known = set(declared) | {name.split(":")[0] for (word, _), (name, _) in pairs if word.upper() == "PREFIX"}
    for word, _ in words:
        prefix, colon, _ = word.partition(":")
        if colon and prefix != "_" and prefix not in known and not prefix[:1].isdigit():
            return prefix
    return None


@lru_cache(maxsize=512)
def check_query(text: str, allow_service: bool = False) -> None:
    """Refuse an update, and a SERVICE clause unless ``allow_service``; both raise :class:`kg.errors.QueryError`.

    A text that passed is remembered (a named query asked again is not read again).
    """
    keyword = update_keyword(text)
    if keyword:
        raise UpdateRefused(f"{keyword} is a SPARQL update: updates are not accepted here, only queries")
    if not allow_service and (where := service_at(text)):
        line, column = where
        raise FederationRefused(
            f"SERVICE at line {line}, column {column}: federated queries (SERVICE) are off, "
            "so a query cannot make this machine call another server"
        )
