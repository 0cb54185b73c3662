"""A small locator map for a page: where a thing is, on the basemap of :mod:`kg.viz.basemap`, as SVG.

The thing's place is its own coordinates (``wgs:lat``/``wgs:long``, from the gazetteer), or
else that of the nearest place it is located in or part of (``kg:locatedIn``, ``kg:partOf``),
which the map then names. Gazetteer coordinates are converted to WGS84 as every map does
(:func:`kg.geo.node_lonlat`), so the point sits where the basemap has the place.

The basemap is drawn once per frame into a shared file of the site (:func:`basemap_svg`,
``assets/map-delta.svg`` and ``assets/map-china.svg``): the four delta provinces and their
cities, or the whole country for a place outside the delta. Each page's map is a few lines of
inline SVG over it: the frame's image, the provinces' names (in both languages) and the
point. The projection is equirectangular about the frame's middle latitude, north up
(:class:`kg.geo.Projection`), and the basemap's source line goes under the map.

>>> from kg.examples import tiny_graph
>>> from kg.site.model import read_model
>>> model = read_model(tiny_graph())
>>> place_of(model, "https://w3id.org/yrd-de/id/hefei-hitech-zone")[2]
'https://w3id.org/yrd-de/id/hefei'
>>> frame, svg = locator_map(model, "https://w3id.org/yrd-de/id/hefei", "id/hefei.html")
>>> frame, 'href="../assets/map-delta.svg"' in svg
('delta', True)
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from functools import cache, cached_property

from kg.geo import Projection, node_lonlat
from kg.iris import KG, PREFIXES
from kg.network import CONTAINMENT
from kg.site.model import Model
from kg.site.urls import relative

__all__ = ["place_of", "locator_map", "basemap_svg", "FRAMES", "map_file"]

LAT, LONG = PREFIXES["wgs"] + "lat", PREFIXES["wgs"] + "long"
_WIDTH = 300
#: The 6-digit codes of 上海, 江苏, 浙江 and 安徽, whose outlines make the delta frame and are named on it.
DELTA_PROVINCES = ("310000", "320000", "330000", "340000")
_NAMES = {
    "310000": ("上海", "Shanghai"),
    "320000": ("江苏", "Jiangsu"),
    "330000": ("浙江", "Zhejiang"),
    "340000": ("安徽", "Anhui"),
}


@dataclass(frozen=True)
class Frame:
    """A map frame: the box it shows (WGS84), and which basemap layers it draws."""

    name: str
    box: tuple[float, float, float, float]  # lon0, lat0, lon1, lat1
    layers: tuple[str, ...]

    @property
    def projection(self) -> Projection:
        return Projection((self.box[0] + self.box[2]) / 2, (self.box[1] + self.box[3]) / 2, 100.0)

    @cached_property
    def size(self) -> tuple[float, float, float]:
        """(scale from projected units to the map's pixels, width, height)."""
        lon0, lat0, lon1, lat1 = self.box
        (x0, y0), (x1, y1) = self.projection.project(lon0, lat1), self.projection.project(lon1, lat0)
        scale = _WIDTH / (x1 - x0)
        return scale, _WIDTH, round((y1 - y0) * scale, 1)

    def pixel(self, lon: float, lat: float) -> tuple[float, float]:
        scale, _, _ = self.size
        x0, y0 = self.projection.project(self.box[0], self.box[3])
        x, y = self.projection.project(lon, lat)
        return round((x - x0) * scale, 1), round((y - y0) * scale, 1)

    def holds(self, lon: float, lat: float) -> bool:
        return self.box[0] <= lon <= self.box[2] and self.box[1] <= lat <= self.box[3]


FRAMES = (
    Frame("delta", (114.6, 27.0, 123.2, 35.3), ("province", "city", "coast", "river")),
    Frame("china", (73.0, 17.5, 135.5, 54.0), ("province", "border", "coast", "river", "nine_dash")),
)
_STYLE = {
    "province": 'fill="#f4f1ea" stroke="#9c978d" stroke-width="0.7"',
    "city": 'fill="none" stroke="#c8c1b4" stroke-width="0.4"',
    "border": 'fill="none" stroke="#a8a29a" stroke-width="0.7" stroke-dasharray="3 2"',
    "coast": 'fill="none" stroke="#7ea6c8" stroke-width="0.8"',
    "river": 'fill="none" stroke="#5b9bd5" stroke-width="1.2"',
    "nine_dash": 'fill="none" stroke="#8c959f" stroke-width="0.6" stroke-dasharray="3 2"',
}


def map_file(frame: Frame) -> str:
    """The site path of a frame's shared basemap."""
    return f"assets/map-{frame.name}.svg"


@cache
def basemap_svg(frame: Frame) -> str:
    """The basemap of ``frame`` as a standalone SVG file (sea blue, land pale, outlines, coast, the Yangtze)."""
    from kg.viz.basemap import features, rings

    _, width, height = frame.size
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}">',
        f'<rect width="{width}" height="{height}" fill="#eaf2f8"/>',
    ]
    for layer in frame.layers:
        for feature in features(layer):
            closed = layer in ("province", "city")
            path = []
            for ring in rings(feature["geometry"]):
                points = []
                for lon, lat in ring:
                    x, y = frame.pixel(lon, lat)
                    point = f"{x:.1f} {y:.1f}"
                    if not points or points[-1] != point:
                        points.append(point)
                if len(points) >= 2:
                    path.append("M" + "L".join(points) + ("Z" if closed else ""))
            if path:
                parts.append(f'<path d="{"".join(path)}" {_STYLE[layer]}/>')
    parts.append("</svg>\n")
    return "".join(parts)


def _coordinates(model: Model, iri: str) -> tuple[float, float] | None:
    values = {f.p: f.o.value for f in model.outgoing.get(iri, ()) if f.p in (LAT, LONG)}
    if len(values) < 2:
        return None
    return node_lonlat({"lat": float(values[LAT]), "lon": float(values[LONG])})


def place_of(model: Model, iri: str) -> tuple[float, float, str] | None:
    """(WGS84 longitude, latitude, the IRI whose place it is) for a thing, following containment; None if unplaced."""
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


def _text(zh: str, en: str, x: float, y: float, css: str) -> str:
    spans = f'<tspan class="zh">{html.escape(zh)}</tspan><tspan class="en">{html.escape(en)}</tspan>'
    return f'<text x="{x:.1f}" y="{y:.1f}" class="{css}">{spans}</text>'


@cache
def _province_points() -> dict[str, tuple[float, float]]:
    from kg.viz.basemap import label_points

    points = label_points()
    return {code: points[code] for code in DELTA_PROVINCES if code in points}


def locator_map(model: Model, iri: str, page: str) -> tuple[str, str] | None:
    """(frame name, inline SVG) of the locator map of ``iri`` on the page at site path ``page``; None if unplaced."""
    found = place_of(model, iri)
    if found is None:
        return None
    lon, lat, where = found
    frame = next((f for f in FRAMES if f.holds(lon, lat)), FRAMES[-1])
    _, width, height = frame.size
    x, y = frame.pixel(lon, lat)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="minimap" viewBox="0 0 {width} {height}" role="img">',
        f'<image href="{relative(page, map_file(frame))}" width="{width}" height="{height}"/>',
    ]
    if frame.name == "delta":
        for code, (p_lon, p_lat) in sorted(_province_points().items()):
            px, py = frame.pixel(p_lon, p_lat)
            if abs(px - x) + abs(py - y) > 40:  # never over the thing's own label
                parts.append(_text(*_NAMES[code], px, py, "province"))
    end = x > width * 0.6
    parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" class="here"/>')
    label = (model.label(where, "zh"), model.label(where, "en"))
    parts.append(_text(*label, x - 8 if end else x + 8, y + 4, "here" + (" end" if end else "")))
    parts.append("</svg>")
    return frame.name, "".join(parts)
