"""kg compare: entities side by side, every cell cited; expected rows read from the sources."""

from __future__ import annotations

import json

import pytest

import kg
from kg.cli import main
from kg.cli.render import display_width
from kg.comparison import comparison


@pytest.fixture(scope="module")
def delta(graph):
    return comparison(graph, ["合肥", "南京", "杭州"])


def _items(cells, entity):
    return {(item.text, tuple(item.citations)) for item in cells.get(entity, [])}


def test_share_of_gdp_targets_with_their_plans_and_locators(delta):
    # caict-2021 表7: 合肥 数字经济总量占 GDP 比重, 2022 ">45%", 2025 ">50%", 合肥市数字经济发展规划（2020-2025）;
    # the 2025 target is also in 四（一） ("到 2025 年，合肥市数字经济总量占 GDP 比重达 50%以上")
    hefei = _items(delta.cells("figure", "数字经济总量占GDP比重"), "hefei")
    assert hefei == {
        ("> 45 %（2022，目标） — 合肥市数字经济发展规划（2020-2025年）", (("caict-2021", "表7"),)),
        ("> 50 %（2025，目标） — 合肥市数字经济发展规划（2020-2025年）", (("caict-2021", "四（一）; 表7"),)),
    }
    # caict-2021 表7: 南京 数字经济增加值（亿） 2022 10000; 数字经济核心产业（万亿） 1.5
    plan = "南京市数字经济发展三年行动计划（2020-2022）"
    assert _items(delta.cells("figure", "数字经济增加值"), "nanjing") == {
        (f"1 万亿元（2022，目标） — {plan}", (("caict-2021", "表7"),))
    }
    assert _items(delta.cells("figure", "数字经济核心产业规模"), "nanjing") == {
        (f"1.5 万亿元（2022，目标） — {plan}", (("caict-2021", "表7"),))
    }


def test_a_figure_all_three_share_comes_first(delta):
    # zhang-2023 三（一）1: 2020 数字经济规模 南京 7337 亿元, 杭州 8429 亿元, 合肥 4867 亿元
    cells = delta.cells("figure", "数字经济规模")
    assert [_items(cells, e) for e in ("hefei", "nanjing", "hangzhou")] == [
        {(f"{v} 亿元（2020，实际）", (("zhang-2023", "三（一）1"),))} for v in (4867, 7337, 8429)
    ]
    figure_rows = [title for key, title, cells in delta.rows if key == "figure"]
    assert figure_rows.index("指标：数字经济规模") < figure_rows.index("指标：数字经济总量占GDP比重")


def test_level_parent_and_roles(delta):
    assert [item.text for item in delta.cells("level")["hefei"]] == ["地级"]
    assert [item.text for item in delta.cells("parent")["nanjing"]] == ["江苏省"]
    cases = delta.cells("cases")
    # caict-2021 三（四）1, 表4: 合肥数字经济板块协同发展, 合肥 the city of the blocks
    assert any(
        i.text.startswith("合肥数字经济板块协同发展（板块协同）：板块所在城市")
        and ("caict-2021", "三（四）1; 表4") in i.citations
        for i in cases["hefei"]
    )
    # caict-2021 三（六）2: "“二”是杭州和宁波" in 浙江“二四五”数字经济总体格局
    assert any(i.text == "浙江“二四五”数字经济总体格局（多极网络）：二" for i in cases["hangzhou"])


def test_every_item_is_cited(delta):
    for _, _, cells in delta.rows:
        for items in cells.values():
            assert all(item.citations for item in items)


def test_the_command_prints_a_table_that_fits(built, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")
    assert main(["compare", "合肥", "南京", "杭州", "--graph", str(built / "kg.nq")]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["aspect", "合肥市", "南京市", "杭州市"]
    assert max(display_width(line) for line in lines) <= 100
    assert any("表7]" in line for line in lines)


def test_json_gives_the_cells_with_their_citations(built, capsys):
    assert (
        main(["compare", "Hefei", "nanjing", "--graph", str(built / "kg.nq"), "--format", "json", "--lang", "en"]) == 0
    )
    found = json.loads(capsys.readouterr().out)
    assert [e["id"] for e in found["entities"]] == ["hefei", "nanjing"]
    row = next(r for r in found["rows"] if r["title"] == "figure: Digital economy as share of GDP")
    # caict-2021 表7: 合肥 2025 >50%
    assert {
        "text": "> 50 % (2025, target) — Hefei digital-economy development plan (2020-2025)",
        "citations": [{"source": "caict-2021", "locator": "四（一）; 表7"}],
    } in row["cells"]["hefei"]


def test_an_unknown_name_is_exit_2_with_suggestions(built, capsys):
    assert main(["compare", "合肥", "合飞市", "--graph", str(built / "kg.nq")]) == 2
    out = capsys.readouterr()
    assert out.out == ""
    assert "no entity is named '合飞市'" in out.err and "Did you mean" in out.err


def test_an_entity_named_twice_is_exit_2(built, capsys):
    assert main(["compare", "合肥", "Hefei", "--graph", str(built / "kg.nq")]) == 2
    assert "an entity is named twice" in capsys.readouterr().err


def test_the_python_api_gives_a_frame(graph):
    frame = kg.compare("合肥", "南京", graph=graph)
    assert list(frame.columns) == ["合肥市", "南京市"]
    assert frame.loc["层级", "南京市"] == "地级 [caict-2021 三（一）1]"


def test_xlsx_lists_the_sources_cited(built, tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "delta.xlsx"
    assert (
        main(["compare", "合肥", "南京", "--graph", str(built / "kg.nq"), "--format", "xlsx", "--out", str(out)]) == 0
    )
    book = load_workbook(out)
    assert [row[0] for row in book["answer"].values][:2] == ["aspect", "层级"]
    # 合肥 and 南京 are cited from the CAICT report, the Huaxin report and 张岩's article (zhang-2023 三（一）1)
    assert {row[0] for row in list(book["sources"].values)[1:]} >= {"caict-2021", "huaxin-2025", "zhang-2023"}
