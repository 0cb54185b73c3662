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

    Raises ``RuntimeError`` naming the fonts tried when none is installed.
    """
    from matplotlib import font_manager, rcParams

    installed = {font.name for font in font_manager.fontManager.ttflist}
    for family in CJK_FAMILIES:
        if family in installed:
            rcParams["font.family"] = "sans-serif"
            rcParams["font.sans-serif"] = [family, *[f for f in rcParams["font.sans-serif"] if f != family]]
            rcParams["axes.unicode_minus"] = False  # the CJK fonts lack U+2212
            return family
    raise RuntimeError(
        f"no CJK font installed (tried {', '.join(CJK_FAMILIES)}); "
        "on Debian run scripts/system-packages.sh (fonts-noto-cjk)"
    )
