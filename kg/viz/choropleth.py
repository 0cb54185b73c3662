"""Regions coloured by a figure (a choropleth): the page, and the data the static figure draws too.

:func:`choropleth_data` picks the figures of one indicator (``kg:Figure``, e.g. a digital-economy
share-of-GDP target), one value per region (the latest year; every figure in the tooltip), and
gives each province or delta city with a value a colour from a five-step sequential scale.
:func:`choropleth` draws them on the basemap, a marker with the value at each region.

An indicator is named by its Chinese or English label, exactly or by a part of it; several
wordings of one measure are joined with ``|`` (the sources word the same target differently).
They must share one unit.

* Provinces without a value are grey ("no value"); a delta city without a value of its own is
  left unfilled, so its province's colour shows through, as the legend says.
* Regions with a value but no outline on the basemap (China, the delta as a whole, districts)
  are named in the note with their values, not drawn.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.errors import UnknownName

__all__ = ["Choropleth", "choropleth_data", "choropleth", "RAMP", "NO_VALUE"]

#: ColorBrewer YlGnBu, five steps (colour-blind safe, prints in grey scale).
RAMP = ("#c7e9b4", "#7fcdbb", "#41b6c4", "#2c7fb8", "#253494")
NO_VALUE = "#d9d9d9"

_FIGURES = """
SELECT ?f ?region ?zh ?en ?code ?level ?indicatorZh ?indicatorEn ?value ?unit ?comparator ?year ?kind ?plan ?g
       ?locator WHERE {
  ?f a kg:Figure ; kg:figureOf ?region ; kg:value ?value ; kg:unit/skos:notation ?unit ;
     kg:indicator ?indicatorZh , ?indicatorEn .
  FILTER (lang(?indicatorZh) = "zh" && lang(?indicatorEn) = "en")
  ?region rdfs:label ?zh , ?en FILTER (lang(?zh) = "zh" && lang(?en) = "en")
  OPTIONAL { ?region kg:adminCode ?code }
  OPTIONAL { ?region kg:level/skos:notation ?level }
  OPTIONAL { ?f kg:comparator/skos:notation ?comparator }
  OPTIONAL { ?f kg:refYear ?year }
  OPTIONAL { ?f kg:kind/skos:notation ?kind }
  OPTIONAL { ?f kg:setBy/rdfs:label ?plan FILTER (lang(?plan) = "zh") }
  GRAPH ?g { ?st rdf:subject ?f ; rdf:predicate kg:value ; kg:locator ?locator }
}"""

COMPARATOR = {"eq": "", "gt": ">", "ge": "≥", "lt": "<", "le": "≤", "about": "≈", "nearly": "近"}
UNIT = {"percent": "%", "cny_100m": " 亿元", "cny_trillion": " 万亿元", "index": "", "rank": "", "count": ""}


@dataclass
class Choropleth:
    """What a choropleth shows: per region its figures, the value coloured, and the scale."""

    indicator: dict  # {"zh", "en"}: the wordings included, joined
    unit: str
    rows: list[dict]  # one per figure: region, zh, en, code, level, indicator, value, comparator, year, kind, ...
    shown: dict[str, dict] = field(default_factory=dict)  # 6-digit code -> the row coloured
    colours: dict[str, str] = field(default_factory=dict)  # 6-digit code -> colour
    bins: list[tuple[float, float, str]] = field(default_factory=list)  # (low, high, colour)
    not_drawn: list[dict] = field(default_factory=list)  # rows of regions without an outline

    def value_text(self, row: dict) -> str:
        return f"{COMPARATOR.get(row['comparator'] or 'eq', '')}{row['value']:g}{UNIT.get(self.unit, ' ' + self.unit)}"


def _matches(indicators: set[tuple[str, str]], name: str) -> set[tuple[str, str]]:
    wanted = name.strip().lower()
    exact = {i for i in indicators if wanted in (i[0].lower(), i[1].lower())}
    return exact or {i for i in indicators if wanted in i[0].lower() or wanted in i[1].lower()}


def choropleth_data(graph, indicator: str, kind: str | None = None, year: int | None = None) -> Choropleth:
    """The figures of ``indicator`` (``|`` joins several wordings), optionally of one ``kind`` and ``year``.

    Raises :class:`kg.errors.UnknownName` when nothing matches (naming close indicators) and
    when the matches have more than one unit.
    """
    from kg.iris import local_name
    from kg.viz.basemap import label_points

    rows = []
    for r in graph.select(_FIGURES):
        value = lambda v: v.value if v is not None else None  # noqa: E731
        rows.append(
            {
                "figure": r["f"].value,
                "region": r["region"].value,
                "zh": r["zh"].value,
                "en": r["en"].value,
                "code": (value(r["code"]) or "")[:6],
                "level": value(r["level"]),
                "indicator": (r["indicatorZh"].value, r["indicatorEn"].value),
                "value": float(r["value"].value),
                "unit": r["unit"].value,
                "comparator": value(r["comparator"]),
                "year": int(r["year"].value[:4]) if r["year"] is not None else None,
                "kind": value(r["kind"]),
                "plan": value(r["plan"]),
                "document": local_name(r["g"].value),
                "locator": r["locator"].value,
            }
        )
    known = {r["indicator"] for r in rows}
    chosen: set[tuple[str, str]] = set()
    for part in indicator.split("|"):
        found = _matches(known, part)
        if not found:
            close = sorted({i[0] for i in known if any(ch in i[0] for ch in part.strip()[:4])})[:8]
            raise UnknownName(
                f"no figure has the indicator {part.strip()!r}" + (f". Close ones: {', '.join(close)}" if close else "")
            )
        chosen |= found
    picked = [
        r
        for r in rows
        if r["indicator"] in chosen and (kind is None or r["kind"] == kind) and (year is None or r["year"] == year)
    ]
    units = sorted({r["unit"] for r in picked})
    if len(units) != 1:
        raise UnknownName(
            f"the indicator {indicator!r} has figures in {len(units)} units ({', '.join(units) or 'none'} "
            f"with kind={kind}, year={year}); name one wording, or a kind or year"
        )
    picked.sort(key=lambda r: (r["zh"], -(r["year"] or 0), r["figure"]))
    words = sorted(chosen)
    result = Choropleth({"zh": "｜".join(w[0] for w in words), "en": " | ".join(w[1] for w in words)}, units[0], picked)
    outlines = label_points()
    for r in picked:  # latest year first: the first row of a region is the one coloured
        if r["code"] in outlines and r["level"] in ("province", "prefecture"):
            result.shown.setdefault(r["code"], r)
        elif r["region"] not in {n["region"] for n in result.not_drawn}:
            result.not_drawn.append(r)
    values = sorted(r["value"] for r in result.shown.values())
    if values:
        low, high = values[0], values[-1]
        steps = len(RAMP) if high > low else 1
        width = (high - low) / steps or 1.0
        result.bins = [(low + i * width, low + (i + 1) * width, RAMP[i if steps > 1 else -1]) for i in range(steps)]
        for code, r in result.shown.items():
            step = min(steps - 1, int((r["value"] - low) / width)) if steps > 1 else 0
            result.colours[code] = result.bins[step][2]
    return result


def _tooltip(data: Choropleth, region_rows: list[dict]) -> str:
    first = region_rows[0]
    lines = [f"{first['zh']} · {first['en']}"]
    for r in region_rows:
        when = f"{r['year']} 年" if r["year"] else "年份未注明"
        kind = {"target": "目标 target", "observed": "实际 observed", "forecast": "预测 forecast"}.get(r["kind"], "")
        lines.append(f"{r['indicator'][0]}：{data.value_text(r)}（{when}，{kind}）")
        lines.append(f"  {r['plan'] or ''} ({r['document']}, {r['locator']})".replace("  (", "  ("))
    return "\n".join(lines)


def choropleth(graph, indicator: str, kind: str | None = None, year: int | None = None, lang: str = "zh"):
    """A page of the provinces and delta cities coloured by ``indicator`` (see :func:`choropleth_data`)."""
    import networkx as nx

    from kg.geo import DELTA
    from kg.viz import basemap
    from kg.viz.views import View, _network, _options

    data = choropleth_data(graph, indicator, kind, year)
    points = basemap.label_points()
    G = nx.Graph()
    positions = {}
    for code, row in sorted(data.shown.items()):
        region_rows = [r for r in data.rows if r["region"] == row["region"]]
        value = data.value_text(row)
        G.add_node(
            row["region"],
            label_zh=f"{row['zh']} {value}",
            label_en=f"{row['en']} {value}",
            type="Region",
            tooltip=_tooltip(data, region_rows),
            sources=[],
        )
        positions[row["region"]] = DELTA.project(*points[code])

    def node_style(n):
        row = next(r for r in data.shown.values() if r["region"] == n)
        return {
            "color": {"background": data.colours[row["code"]], "border": "#ffffff"},
            "shape": "dot",
            "size": 7,
            "borderWidth": 2,
            "title": G.nodes[n]["tooltip"],
        }

    net = _network(G, positions, lang, node_style, lambda a, b: {})
    net.options = _options(False, G.number_of_nodes())
    fills = {
        code: NO_VALUE for code in points if code in {f["properties"]["adcode"] for f in basemap.features("province")}
    }
    fills.update(data.colours)
    unit = UNIT.get(data.unit, " " + data.unit).strip()
    legend = [
        {"glyph": "■", "colour": colour, "zh": f"{low:.3g}–{high:.3g}{unit}", "en": f"{low:.3g}–{high:.3g}{unit}"}
        for low, high, colour in data.bins
    ]
    legend.append({"glyph": "■", "colour": NO_VALUE, "zh": "省份无数值", "en": "province without a value"})
    legend.append(
        {
            "glyph": "□",
            "colour": "#9c978d",
            "zh": "城市无数值（显示所在省份）",
            "en": "city without a value (shows its province)",
        }
    )
    kinds = sorted({r["kind"] or "" for r in data.rows})
    title = {"zh": f"分级统计图：{data.indicator['zh']}", "en": f"Choropleth: {data.indicator['en']}"}
    note = {
        "zh": f"每个地区取最近年份的数值（{'、'.join(kinds)}）；悬停可见年份、比较符与出处。",
        "en": f"Each region shows its latest figure ({', '.join(kinds)}); hover for year, comparator and source.",
    }
    if data.not_drawn:
        note["zh"] += "无轮廓未画出：" + "、".join(f"{r['zh']} {data.value_text(r)}" for r in data.not_drawn) + "。"
        note["en"] += (
            " Not drawn (no outline): " + ", ".join(f"{r['en']} {data.value_text(r)}" for r in data.not_drawn) + "."
        )
    documents = sorted({r["document"] for r in data.rows})
    source = {
        "zh": "资料来源：" + "、".join(documents) + "；" + basemap.attribution("zh"),
        "en": "Sources: " + ", ".join(documents) + ". " + basemap.attribution("en"),
    }
    slug = "-".join(w[1].lower().replace(" ", "_") for w in sorted({r["indicator"] for r in data.rows}))[:60]
    view = View(title, G, net, legend, False, note, lang, None, source=source, name=f"kg-choropleth-{slug}")
    view.basemap = basemap.page_layers(DELTA, fills)
    view.fit_box = basemap.bounds({code[:2] + "0000" for code in data.shown}, DELTA)
    view.label_order = sorted(G, key=lambda n: -next(r["value"] for r in data.shown.values() if r["region"] == n))
    view.choropleth = data
    return view
