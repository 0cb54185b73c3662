"""Self-contained HTML for a pyvis network: nothing on the page is fetched.

pyvis 0.3.2's own template loads Bootstrap from a CDN in every mode, and
vis-network too unless ``cdn_resources="in_line"``. This module renders the
nodes, edges and options of a :class:`pyvis.network.Network` with our own
template instead (``kg/templates/network.html``): it inlines the copy of
vis-network that ships inside the pyvis package, our stylesheet and script,
and the data as JSON; it needs no Bootstrap. The page adds a legend, a
zh / en label switch and a search box.

:func:`iframe` wraps a page as an isolated ``srcdoc`` iframe, which is how a
view shows inline in Jupyter (also in VS Code, where pyvis's ``show()`` iframe
of a file path renders blank).

>>> from pyvis.network import Network
>>> net = Network()
>>> net.add_node("a", label="上海市", label_zh="上海市", label_en="Shanghai", x=0, y=0)
>>> html = render(net, title={"zh": "示例", "en": "Example"}, legend=[], physics=False)
>>> "上海市" in html and "<script src" not in html and "<link" not in html
True
"""

from __future__ import annotations

import html as html_escape
import json
from importlib.metadata import version
from pathlib import Path

__all__ = ["render", "iframe", "VIS_VERSION"]

VIS_VERSION = "9.1.2"
_TEMPLATES = Path(__file__).parent / "templates"


def _environment():
    import jinja2
    import pyvis

    pyvis_templates = Path(pyvis.__file__).parent / "templates"
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader([_TEMPLATES, pyvis_templates]), autoescape=True, keep_trailing_newline=True
    )
    # Chinese stays readable (and half the size) in the page's JSON; < > & ' are still escaped by tojson
    environment.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}
    return environment


def render(
    net,
    *,
    title: dict,
    legend: list[dict],
    physics: bool,
    note: dict | None = None,
    lang: str = "zh",
    fit: list[str] | None = None,
    label_order: list[str] | None = None,
    basemap: list[dict] | None = None,
    source: dict | None = None,
    file_name: str = "kg-view",
    label_budget: int | None = None,
    fit_box: list[float] | None = None,
) -> str:
    """The page for ``net`` (a ``pyvis.network.Network``) as one HTML string.

    ``title`` and ``note`` are ``{"zh": ..., "en": ...}``; each legend item is
    ``{"glyph", "colour", "zh", "en"}``; ``physics`` says whether vis-network
    should run its simulation (small views) or draw the given positions as they are;
    ``fit`` lists the nodes the page first zooms to (default: all); ``label_order`` the nodes
    whose labels are placed first (default: the order of the nodes); ``basemap`` is
    :func:`kg.viz.basemap.page_layers` for map pages; ``source`` the source line (zh, en), shown
    on the page and in exported pictures; ``file_name`` the name of exported pictures;
    ``label_budget`` how many labels at most the opening view shows (more as one zooms in);
    ``fit_box`` ``[x0, y0, x1, y1]`` the page opens on instead of ``fit``.
    """
    nodes, edges, _, _, _, _ = net.get_network_data()
    options = net.options if isinstance(net.options, dict) else {}
    counts = {"zh": f"{len(nodes)} 个节点 · {len(edges)} 条边", "en": f"{len(nodes)} nodes · {len(edges)} edges"}
    data = {
        "nodes": nodes,
        "edges": edges,
        "options": options,
        "physics": physics,
        "lang": lang,
        "fit": fit,
        "labelOrder": label_order,
        "title": title,
        "legend": legend,
        "source": source,
        "fileName": file_name,
        "labelBudget": label_budget,
        "fitBox": fit_box,
    }
    return (
        _environment()
        .get_template("network.html")
        .render(
            title=title,
            counts=counts,
            legend=legend,
            note=note,
            source=source,
            lang=lang,
            data=data,
            # compact, apart from the rest: the basemap is most of a map page
            basemap=json.dumps(basemap, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/"),
            pyvis_version=version("pyvis"),
            vis_version=VIS_VERSION,
            vis_script=f"lib/vis-{VIS_VERSION}/vis-network.min.js",
        )
    )  # pyvis's own copy, found by the template loader


def iframe(page: str, height: int = 640) -> str:
    """``page`` inside an iframe's ``srcdoc``, for display inline in a notebook.

    >>> iframe('<p title="a&b">x</p>', height=100)[:60]
    '<iframe srcdoc="&lt;p title=&quot;a&amp;b&quot;&gt;x&lt;/p&g'
    """
    return (
        f'<iframe srcdoc="{html_escape.escape(page, quote=True)}" sandbox="allow-scripts" '
        f'style="width: 100%; height: {height}px; border: 1px solid #d0d7de;"></iframe>'
    )
