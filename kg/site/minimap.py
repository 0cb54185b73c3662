"""A small locator map for a page: where a thing is, among the cities of the delta, as inline SVG.

The thing's place is its own coordinates (``wgs:lat``/``wgs:long``, from the gazetteer), or
else that of the nearest place it is located in or part of (``kg:locatedIn``, ``kg:partOf``),
which the map then names. The background is every prefecture-level and provincial region of
上海, 江苏, 浙江 and 安徽 with coordinates, the provinces labelled; the frame grows to hold a
place outside the delta. The projection is equirectangular about the frame's middle latitude,
north up, like the map view of :mod:`kg.viz`. There is no basemap yet (outlines, coast).

>>> from kg.examples import tiny_graph
>>> from kg.site.model import read_model
>>> model = read_model(tiny_graph())
>>> place_of(model, "https://w3id.org/yrd-de/id/hefei-hitech-zone")[2]
'https://w3id.org/yrd-de/id/hefei'
>>> "<svg" in locator_map(model, "https://w3id.org/yrd-de/id/hefei")
True
"""

from __future__ import annotations

import html
import math

from kg.iris import KG, PREFIXES
from kg.network import CONTAINMENT
from kg.site.model import Model

__all__ = ["place_of", "locator_map", "delta_places"]

LAT, LONG, CODE = PREFIXES["wgs"] + "lat", PREFIXES["wgs"] + "long", KG + "adminCode"
#: Administrative-code prefixes of 上海, 江苏, 浙江 and 安徽.
DELTA_CODES = ("31", "32", "33", "34")
_WIDTH, _HEIGHT, _PAD = 300, 260, 18
#: Province labels keep this far (in pixels, |dx| + |dy|) from the marked place.
_CLEAR = 40


def _value(model: Model, iri: str, predicate: str) -> str | None:
    return next((f.o.value for f in model.outgoing.get(iri, ()) if f.p == predicate), None)


def _coordinates(model: Model, iri: str) -> tuple[float, float] | None:
    lat, lon = _value(model, iri, LAT), _value(model, iri, LONG)
    return (float(lon), float(lat)) if lat and lon else None


def place_of(model: Model, iri: str) -> tuple[float, float, str] | None:
    """(longitude, latitude, the IRI whose place it is) for a thing, following containment; None if unplaced."""
    seen, frontier = set(), [iri]
    while frontier:
        for node in frontier:
            if (where := _coordinates(model, node)) is not None:
                return (*where, node)
        seen |= set(frontier)
        frontier = sorted(
            {
                f.o.value
                for node in frontier
                for f in model.outgoing.get(node, ())
                if f.p in {KG + c for c in CONTAINMENT} and f.object_iri and f.o.value not in seen
            }
        )
    return None


def delta_places(model: Model) -> list[tuple[float, float, str, bool]]:
    """(lon, lat, IRI, is province) of the delta's provinces and prefecture-level regions with coordinates."""
    points = []
    for iri in sorted(model.outgoing):
        code = _value(model, iri, CODE)
        where = _coordinates(model, iri)
        if code and where and code[:2] in DELTA_CODES and code.endswith("00000000"):
            points.append((*where, iri, code.endswith("0000000000")))
    return points


def _text(model: Model, iri: str, x: float, y: float, css: str) -> str:
    spans = "".join(f'<tspan class="{lang}">{html.escape(model.label(iri, lang))}</tspan>' for lang in ("zh", "en"))
    return f'<text x="{x:.1f}" y="{y:.1f}" class="{css}">{spans}</text>'


def locator_map(model: Model, iri: str, background: list | None = None) -> str | None:
    """The SVG of the locator map of ``iri``, or None when it has no place.

    ``background``: the delta's places (:func:`delta_places`), read once for many maps.
    """
    found = place_of(model, iri)
    if found is None:
        return None
    lon, lat, where = found
    background = delta_places(model) if background is None else background
    lons = [p[0] for p in background] + [lon]
    lats = [p[1] for p in background] + [lat]
    mid = math.radians((max(lats) + min(lats)) / 2)
    span_x = (max(lons) - min(lons)) * math.cos(mid) or 1.0
    span_y = (max(lats) - min(lats)) or 1.0
    scale = min((_WIDTH - 2 * _PAD) / span_x, (_HEIGHT - 2 * _PAD) / span_y)

    def project(x_lon: float, y_lat: float) -> tuple[float, float]:
        return (
            _PAD + (x_lon - min(lons)) * math.cos(mid) * scale,
            _PAD + (max(lats) - y_lat) * scale,
        )

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="minimap" viewBox="0 0 {_WIDTH} {_HEIGHT}" '
        f'width="{_WIDTH}" height="{_HEIGHT}" role="img">'
    ]
    here_x, here_y = project(lon, lat)
    for p_lon, p_lat, p_iri, province in background:
        x, y = project(p_lon, p_lat)
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{3 if province else 2}" class="city"/>')
        if province and abs(x - here_x) + abs(y - here_y) > _CLEAR:  # never over the thing's own label
            parts.append(_text(model, p_iri, x + 4, y - 4, "province"))
    x, y = here_x, here_y
    parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="6" class="here"/>')
    anchor_x = x - 8 if x > _WIDTH * 0.6 else x + 8
    parts.append(_text(model, where, anchor_x, y + 4, "here" + (" end" if x > _WIDTH * 0.6 else "")))
    parts.append("</svg>")
    return "".join(parts)
