"""Values and codes as a researcher writes them: figures such as "> 50 %", "约 2000 亿元", "1.5 万亿元", and labels.

A figure is stored as a bare number with codes for its unit, comparator and kind
(``data/figures.csv``); :func:`figure_text` writes it the way the sources print it,
in Chinese or English. Money in 亿元 of 10,000 or more reads in 万亿元 (15000 亿元 is
1.5 万亿元), in 万元 of 10,000 or more in 亿元. :func:`label` shows a code of the
ontology's controlled lists (a role, kind, unit, comparator, level, pattern, class or
property) as its label, read from :data:`kg.vocabulary.LABELS`, which ``python -m
kg.codegen`` generates from the ontology (so no Turtle is parsed at start-up).
:func:`readable` applies both to a whole :class:`kg.results.Results` for tables and
workbooks; CSV and JSON keep the codes.

>>> figure_text(50, "percent", "gt", 2025, "target")
'> 50 %（2025，目标）'
>>> figure_text(15000, "cny_100m", lang="en")
'1.5 trillion yuan'
>>> label("home_region"), label("home_region", "en"), label("Carrier", column="kind")
('飞出地', 'home region', '产业载体')
"""

from __future__ import annotations

from decimal import Decimal

from kg.iris import shorten
from kg.results import Results, is_missing
from kg.vocabulary import LABELS, SCHEMES

__all__ = ["MISSING", "FIGURE_COLUMNS", "label", "number_text", "amount_text", "figure_text", "readable"]

#: What a table shows for a missing value (None, NaN or <NA> alike); CSV leaves the cell empty, JSON writes null.
MISSING = "—"

#: The columns a named query returns for a figure; in tables they are shown as one ``figure`` column.
FIGURE_COLUMNS = ("value", "unit", "comparator", "year", "kind")

#: Column name -> the schemes whose notations it holds, most likely first.
_COLUMN_SCHEMES = {
    "role": ("RoleScheme",),
    "unit": ("UnitScheme",),
    "comparator": ("ComparatorScheme",),
    "pattern": ("PatternScheme",),
    "level": ("RegionLevelScheme", "PlanLevelScheme"),
    "part": ("PlanElementKindScheme",),
    "kind": (
        "FigureKindScheme",
        "CarrierKindScheme",
        "PlanKindScheme",
        "PlanElementKindScheme",
        "OrgKindScheme",
        "GroupKindScheme",
    ),
}
#: Columns that hold the local name of an ontology term (a class or a property).
_TERM_COLUMNS = {"kind", "type", "class", "relation", "link", "predicate"}

#: How a comparator is written before the number (equal to: nothing).
_COMPARATORS = {
    "zh": {"gt": ">", "ge": "≥", "lt": "<", "le": "≤", "about": "约", "nearly": "近"},
    "en": {"gt": ">", "ge": "≥", "lt": "<", "le": "≤", "about": "about", "nearly": "nearly"},
}
#: Money units: (the unit's value in yuan, the currency's words) per language.
_MONEY = {
    "cny_10k": (Decimal(10**4), "元", "yuan"),
    "cny_100m": (Decimal(10**8), "元", "yuan"),
    "cny_trillion": (Decimal(10**12), "元", "yuan"),
    "usd_100m": (Decimal(10**8), "美元", "US dollars"),
}
_ZH_SCALES = ((Decimal(10**12), "万亿"), (Decimal(10**8), "亿"), (Decimal(10**4), "万"))
_EN_SCALES = ((Decimal(10**12), "trillion"), (Decimal(10**9), "billion"), (Decimal(10**6), "million"))
#: Units written differently beside a number than their label says (a count is named by its indicator).
_UNIT_WORDS = {"zh": {"percent": "%", "count": "", "years": "年"}, "en": {"percent": "%", "count": ""}}


def label(code, lang: str = "zh", column: str | None = None):
    """The label of a controlled code (``gt``, ``cny_100m``, ``home_region``) or term (``Carrier``); else the code.

    ``column`` (the column the code came from) says which list to look in first, as one
    notation can be in two lists (``district`` is a region level and a plan level).

    >>> label("cny_100m"), label("district", "en", column="level"), label("transfersIndustryTo", column="relation")
    ('亿元', 'district', '产业转移至')
    >>> label("not a code")
    'not a code'
    """
    if not isinstance(code, str):
        return code
    key = (column or "").rstrip("0123456789")
    schemes = _COLUMN_SCHEMES.get(key) or (SCHEMES if column is None else ())
    for scheme in schemes:
        local = SCHEMES[scheme].get(code)
        if local in LABELS:
            return LABELS[local][lang == "en"]
    if (column is None or key in _TERM_COLUMNS) and code in LABELS:
        return LABELS[code][lang == "en"]
    return code


def number_text(value) -> str:
    """A number without trailing zeros or exponent: 1.5, 2000, 29417.4.

    >>> number_text(2000.0), number_text(1.50), number_text(3e9), number_text(Decimal("0.10"))
    ('2000', '1.5', '3000000000', '0.1')
    """
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    text = format(number.normalize(), "f")
    return "0" if text in ("-0", "") else text


def amount_text(value, unit: str, lang: str = "zh") -> str:
    """A value in ``unit`` written with its unit; money scaled as a researcher writes it.

    >>> amount_text(15000, "cny_100m"), amount_text(2000, "cny_100m", "en"), amount_text(1500, "cny_10k")
    ('1.5 万亿元', '200 billion yuan', '1500 万元')
    >>> amount_text(4, "rank"), amount_text(4, "rank", "en"), amount_text(45888, "count")
    ('第 4 位', 'rank 4', '45888')
    """
    if unit in _MONEY:
        size, zh_currency, en_currency = _MONEY[unit]
        yuan = Decimal(str(value)) * size
        if lang == "en":
            scale, word = next(((s, w) for s, w in _EN_SCALES if abs(yuan) >= s), (Decimal(1), ""))
            return " ".join(p for p in (number_text(yuan / scale), word, en_currency) if p)
        scale, word = next(((s, w) for s, w in _ZH_SCALES if abs(yuan) >= s), (Decimal(1), ""))
        return f"{number_text(yuan / scale)} {word}{zh_currency}"
    number = number_text(value)
    if unit == "rank":
        return f"rank {number}" if lang == "en" else f"第 {number} 位"
    words = _UNIT_WORDS[lang].get(unit)
    if words is None:
        words = label(unit, lang, column="unit") if unit else ""
    return f"{number} {words}" if words else number


def figure_text(value, unit, comparator=None, year=None, kind=None, lang: str = "zh", indicator=None) -> str:
    """A figure as a researcher writes it: indicator, comparator, value with unit, then (year, kind).

    >>> figure_text(1.5, "cny_trillion", "eq", 2022, "target", indicator="数字经济核心产业")
    '数字经济核心产业 1.5 万亿元（2022，目标）'
    >>> figure_text(2000, "cny_100m", "about", 2023, "target", lang="en")
    'about 200 billion yuan (2023, target)'
    >>> figure_text(None, "percent"), figure_text(10, "percent", year=float("nan"))
    ('—', '10 %')
    """
    if is_missing(value):
        return MISSING
    comparator, year, kind = (None if is_missing(v) else v for v in (comparator, year, kind))
    written = _COMPARATORS[lang].get(comparator or "eq", "")
    text = " ".join(p for p in (indicator, written, amount_text(value, unit, lang)) if p)
    about = [number_text(year) if isinstance(year, float) else str(year)] if year is not None else []
    if kind:
        about.append(label(kind, lang, column="kind").removesuffix("值"))
    if not about:
        return text
    return f"{text} ({', '.join(about)})" if lang == "en" else f"{text}（{'，'.join(about)}）"


def readable(results: Results, lang: str = "zh") -> Results:
    """The rows as a table shows them: a figure's columns as one ``figure`` column, codes as labels, IRIs prefixed.

    A column ``X`` (or ``X_zh``) beside ``X_en`` shows the one of ``lang`` under the name
    ``X``. Missing values stay None (the table writes :data:`MISSING`).

    >>> answer = Results(["subject", "value", "unit", "comparator", "year"], [("合肥市", 50.0, "percent", "gt", 2025)])
    >>> readable(answer).records()
    [{'subject': '合肥市', 'figure': '> 50 %（2025）'}]
    >>> readable(Results(["case", "case_en"], [("合肥数字经济板块协同发展", "Hefei block synergy")]), "en").rows
    [('Hefei block synergy',)]
    >>> readable(Results(["label_zh", "label_en"], [("上海市", "Shanghai")])).records()
    [{'label': '上海市'}]
    """
    columns = list(results.columns)
    figure = [c for c in FIGURE_COLUMNS if c in columns] if {"value", "unit"} <= set(columns) else []
    # a column beside its English twin (X and X_en, or X_zh and X_en) shows one language, named X
    english = {c: c.removesuffix("_zh") + "_en" for c in columns if c.removesuffix("_zh") + "_en" in columns}
    english = {c: en for c, en in english.items() if c != en}
    shown = [c for c in columns if c not in figure[1:] and c not in english.values()]
    rows = []
    for row in results.rows:
        cells = dict(zip(columns, row, strict=True))
        out = []
        for column in shown:
            if column in english and lang == "en":
                out.append(_cell(cells[english[column]], column, lang))
            elif figure and column == "value":
                out.append(None if cells["value"] is None else figure_text(lang=lang, **{c: cells[c] for c in figure}))
            else:
                out.append(_cell(cells[column], column, lang))
        rows.append(tuple(out))
    names = ["figure" if figure and c == "value" else c.removesuffix("_zh") if c in english else c for c in shown]
    return Results(names, rows, dict(results.attrs))


def _cell(value, column: str, lang: str):
    if isinstance(value, str):
        if value.startswith(("http://", "https://")):
            return shorten(value)
        return label(value, lang, column=column)
    return value
