"""Matplotlib set up so that Chinese labels render (no tofu boxes).

:func:`use_cjk_font` needs matplotlib (``pip install -e '.[notebooks]'``) and a CJK font
(``scripts/system-packages.sh`` installs Debian's fonts-noto-cjk); the notebooks test it.

>>> CJK_FAMILIES[0]
'Noto Sans CJK SC'
"""

from __future__ import annotations

__all__ = ["CJK_FAMILIES", "use_cjk_font"]

#: Fonts tried in order: Debian's fonts-noto-cjk first, then common desktop fonts.
CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Zen Hei",
    "Microsoft YaHei",
    "PingFang SC",
    "SimHei",
)


def use_cjk_font() -> str:
    """Make the first installed CJK font matplotlib's sans-serif font and return its name.

    When none is in matplotlib's font list, the list is rebuilt once from the fonts on the system
    (its cache may have been written before the fonts were installed). Raises ``RuntimeError``
    naming the fonts tried when none is installed.
    """
    from matplotlib import font_manager, rcParams

    family = _installed_cjk_family(font_manager.fontManager)
    if family is None:  # the font list may predate the fonts (a cache built before fonts-noto-cjk): rebuild it once
        font_manager.fontManager = font_manager._load_fontmanager(try_read_cache=False)
        family = _installed_cjk_family(font_manager.fontManager)
    if family is not None:
        rcParams["font.family"] = "sans-serif"
        rcParams["font.sans-serif"] = [family, *[f for f in rcParams["font.sans-serif"] if f != family]]
        rcParams["axes.unicode_minus"] = False  # the CJK fonts lack U+2212
        return family
    raise RuntimeError(
        f"no CJK font installed (tried {', '.join(CJK_FAMILIES)}); "
        "on Debian run scripts/system-packages.sh (fonts-noto-cjk)"
    )


def _installed_cjk_family(manager) -> str | None:
    installed = {font.name for font in manager.ttflist}
    return next((family for family in CJK_FAMILIES if family in installed), None)
