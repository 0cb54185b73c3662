"""The machine around the project: fonts whose cache predates them, source texts kept outside the repository."""

import copy
import os
import subprocess
import sys

import matplotlib
from matplotlib import font_manager

from kg.plotting import CJK_FAMILIES, use_cjk_font


def test_cjk_font_is_found_when_the_font_cache_predates_the_fonts(monkeypatch):
    stale = copy.copy(font_manager.fontManager)
    stale.ttflist = [font for font in stale.ttflist if font.name not in CJK_FAMILIES]
    monkeypatch.setattr(font_manager, "fontManager", stale)
    with matplotlib.rc_context():
        family = use_cjk_font()
        assert family in CJK_FAMILIES
        assert matplotlib.rcParams["font.sans-serif"][0] == family


def test_coverage_says_where_the_source_texts_should_be(tmp_path):
    env = {**os.environ, "KG_SEEDS": str(tmp_path)}
    run = subprocess.run([sys.executable, "-m", "kg.cli", "coverage"], capture_output=True, text=True, env=env)
    assert run.returncode == 2
    assert run.stderr.startswith(f"{tmp_path}: 5 of 5 source texts missing (000_bb87197bc06827bb.txt …)")
    assert "point KG_SEEDS at it" in run.stderr
