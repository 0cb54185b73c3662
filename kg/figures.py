"""Static publication figures with matplotlib: the map, a choropleth, a pattern (``kg figure``).

Each figure has the basemap where it is a map, a legend, a source line and Chinese labels
(:func:`kg.plotting.use_cjk_font`); PNG is written at 300 dpi, SVG and PDF as vectors (the
format follows the file's suffix). Positions, colours and levels are the pages' own
(:mod:`kg.viz.layout`, :mod:`kg.viz.style`), so a figure shows what the page shows. Labels are
placed by priority and a label that would overlap one already placed is left out.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["map_figure", "choropleth_figure", "pattern_figure", "save"]

DPI = 300
SEA, LAND = "#eaf2f8", "#f4f1ea"


def _axes(size=(7.2, 6.0)):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from kg.plotting import use_cjk_font

    use_cjk_font()
    fig, ax = plt.subplots(figsize=size)
    ax.set_axis_off()
    return fig, ax


def _draw_basemap(ax, fills: dict[str, str] | None = None) -> None:
    from matplotlib.patches import PathPatch
    from matplotlib.path import Path as MPath

    from kg.geo import DELTA
    from kg.viz import basemap

    def project(ring):
        return [DELTA.project(lon, lat) for lon, lat in ring]

    for f in basemap.features():
        layer, props = f["properties"]["layer"], f["properties"]
        parts = basemap.rings(f["geometry"])
        if layer in ("province", "city"):
            verts, codes = [], []
            for ring in parts:
                xy = project(ring)
                verts += xy
                codes += [MPath.MOVETO] + [MPath.LINETO] * (len(xy) - 2) + [MPath.CLOSEPOLY]
            fill = (fills or {}).get(props["adcode"], LAND if layer == "province" else "none")
            edge, width = ("#9c978d", 0.45) if layer == "province" else ("#c8c1b4", 0.3)
            ax.add_patch(PathPatch(MPath(verts, codes), facecolor=fill, edgecolor=edge, lw=width, zorder=1))
        else:
            colour, width, style = {
                "coast": ("#7ea6c8", 0.5, "-"),
                "river": ("#5b9bd5", 1.1, "-"),
                "border": ("#a8a29a", 0.5, "--"),
                "nine_dash": ("#8c959f", 0.5, "--"),
            }[layer]
            for ring in parts:
                xs, ys = zip(*project(ring), strict=True)
                ax.plot(xs, ys, color=colour, lw=width, ls=style, zorder=2)


def _frame(ax, xs, ys, margin=0.08):
    width, height = max(xs) - min(xs) or 100, max(ys) - min(ys) or 100
    ax.set_xlim(min(xs) - width * margin, max(xs) + width * margin)
    ax.set_ylim(max(ys) + height * margin, min(ys) - height * margin)  # y grows southwards
    ax.set_aspect("equal")


def _labels(fig, ax, items, size=6.5):
    """Place ``(x, y, text)`` labels in order; skip one that would overlap a label already placed."""
    renderer = fig.canvas.get_renderer()
    placed = []
    for x, y, text in items:
        for dy, va in ((9, "top"), (-9, "bottom")):
            label = ax.annotate(
                text, (x, y), xytext=(0, -dy), textcoords="offset points", ha="center", va=va, fontsize=size, zorder=6
            )
            label.set_path_effects(_halo())
            box = label.get_window_extent(renderer)
            inside = ax.get_window_extent(renderer).contains(box.x0, box.y0) and ax.get_window_extent(
                renderer
            ).contains(box.x1, box.y1)
            if inside and not any(box.overlaps(other) for other in placed):
                placed.append(box)
                break
            label.remove()
    return len(placed)


def _halo():
    from matplotlib import patheffects

    return [patheffects.withStroke(linewidth=2.2, foreground="white")]


def _legend(ax, items, source: str, title: str | None = None) -> None:
    from matplotlib.lines import Line2D

    handles = [
        Line2D([], [], marker=item.get("marker", "o"), ls="", color=item["colour"], markersize=6, label=item["text"])
        for item in items
    ]
    legend = ax.legend(
        handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=6.5, frameon=False, title=title
    )
    legend.set_zorder(7)
    ax.figure.text(0.01, 0.01, source, fontsize=5.5, color="#57606a", ha="left", va="bottom")


def _edges(ax, G, positions, colour_of) -> None:
    from matplotlib.patches import FancyArrowPatch

    from kg.export import FLOWS

    for a, b in sorted(tuple(sorted(e)) for e in G.edges()):
        if a not in positions or b not in positions:
            continue
        style = colour_of(a, b)
        flows = [e for e in G.edges[a, b]["evidence"] if e.relation in FLOWS]
        if flows:
            a, b = flows[0].source, flows[0].target
        arrow = FancyArrowPatch(
            positions[a],
            positions[b],
            arrowstyle="-|>" if flows else "-",
            mutation_scale=7,
            color=style.get("color", "#8c959f"),
            lw=0.9 if flows else 0.35,
            ls="--" if style.get("dashes") else "-",
            alpha=0.9 if flows else 0.5,
            shrinkA=3,
            shrinkB=3,
            zorder=3,
        )
        ax.add_patch(arrow)


def map_figure(G, pattern: str | None = None, lang: str = "zh"):
    """The map view as a figure: the basemap, the network at the page's positions, a legend and a source line."""
    from kg import viz
    from kg.viz.style import TYPE_STYLE, edge_colour, type_legend

    view = viz.map_view(G, pattern=pattern, lang=lang)
    H = view.graph
    positions = {n["id"]: (n["x"], n["y"]) for n in view.network.nodes}
    fig, ax = _axes()
    _draw_basemap(ax)
    _edges(ax, H, positions, lambda a, b: edge_colour(H, a, b))
    markers = {"dot": "o", "square": "s", "triangle": "^", "diamond": "D", "hexagon": "h", "triangleDown": "v"}
    for n in H:
        colour, shape, _ = TYPE_STYLE.get(H.nodes[n]["type"], ("#bab0ac", "dot", "●"))
        major = view.label_order.index(n) < 60
        ax.scatter(
            *positions[n],
            s=14 if major else 5,
            c=colour,
            marker=markers.get(shape, "o"),
            zorder=4,
            lw=0.3,
            edgecolors="white",
        )
    framed = view.fit or list(H)
    _frame(ax, [positions[n][0] for n in framed], [positions[n][1] for n in framed])
    _labels(fig, ax, [(*positions[n], H.nodes[n][f"label_{lang}"]) for n in view.label_order])
    items = [{"colour": i["colour"], "text": i[lang], "marker": "o"} for i in type_legend(H)]
    _legend(ax, items, f"{view.source[lang]}")
    ax.set_title(view.title[lang], fontsize=10)
    return fig


def choropleth_figure(graph, indicator: str, kind=None, year=None, lang: str = "zh"):
    """The choropleth as a figure: provinces and delta cities filled by value, a legend of the classes, sources."""
    from kg import viz
    from kg.geo import DELTA
    from kg.viz import basemap
    from kg.viz.choropleth import NO_VALUE

    view = viz.choropleth(graph, indicator, kind=kind, year=year, lang=lang)
    data = view.choropleth
    fills = {f["properties"]["adcode"]: NO_VALUE for f in basemap.features("province")}
    fills.update(data.colours)
    fig, ax = _axes()
    _draw_basemap(ax, fills)
    x0, y0, x1, y1 = view.fit_box
    _frame(ax, [x0, x1], [y0, y1], margin=0)
    points = basemap.label_points()
    items = []
    for code, row in sorted(data.shown.items(), key=lambda kv: -kv[1]["value"]):
        x, y = DELTA.project(*points[code])
        ax.scatter(x, y, s=6, c="white", zorder=5, lw=0.4, edgecolors="#333333")
        items.append((x, y, f"{row[lang]} {data.value_text(row)}"))
    _labels(fig, ax, items, size=6)
    legend = [{"colour": colour, "text": f"{low:.3g}–{high:.3g}", "marker": "s"} for low, high, colour in data.bins]
    legend.append({"colour": NO_VALUE, "text": "无数值" if lang == "zh" else "no value", "marker": "s"})
    from kg.viz.choropleth import UNIT

    _legend(ax, legend, view.source[lang], title=UNIT.get(data.unit, data.unit).strip() or data.unit)
    ax.set_title(view.title[lang], fontsize=9)
    return fig


def pattern_figure(G, pattern: str, lang: str = "zh"):
    """A pattern view as a figure: rows by level, nodes coloured by role (pies for several roles), the legend."""
    from matplotlib.patches import Wedge

    from kg import viz
    from kg.viz.style import edge_colour

    view = viz.pattern_view(G, pattern, lang=lang)
    H = view.graph
    nodes = {n["id"]: n for n in view.network.nodes}
    positions = {n: (d["x"], d["y"]) for n, d in nodes.items()}
    fig, ax = _axes((7.2, 4.6))
    _edges(ax, H, positions, lambda a, b: edge_colour(H, a, b))
    markers = {"dot": "o", "square": "s", "triangle": "^", "diamond": "D", "hexagon": "h", "triangleDown": "v"}
    for n, d in nodes.items():
        colour = d["color"] if isinstance(d["color"], str) else d["color"]["background"]
        ax.scatter(
            *positions[n], s=70, c=colour, marker=markers.get(d["shape"], "o"), zorder=4, lw=0.5, edgecolors="white"
        )
        colours = d.get("roleColours", [])
        for i, c in enumerate(colours):
            step = 360 / len(colours)
            ax.add_patch(Wedge(positions[n], 13, 90 - (i + 1) * step, 90 - i * step, color=c, zorder=5))
    _frame(ax, [p[0] for p in positions.values()], [p[1] for p in positions.values()], margin=0.06)
    _labels(fig, ax, [(*positions[n], H.nodes[n][f"label_{lang}"]) for n in view.label_order], size=6)
    items = [{"colour": i["colour"], "text": i[lang], "marker": "D" if i["glyph"] == "◆" else "o"} for i in view.legend]
    _legend(ax, [i for i in items if not i["text"].startswith(("形状", "shape"))][:12], view.source[lang])
    ax.set_title(view.title[lang], fontsize=10)
    return fig


def save(fig, out: Path | str) -> Path:
    """Write ``fig`` to ``out`` (PNG at 300 dpi; SVG and PDF as vectors)."""
    import matplotlib.pyplot as plt

    out = Path(out)
    if out.suffix.lower() not in (".png", ".svg", ".pdf"):
        from kg.errors import KgError

        raise KgError(f"{out}: a figure is written as .png, .svg or .pdf")
    import io

    from kg.atomic import write_files_atomic

    buffer = io.BytesIO()  # written whole, and never over a link, FIFO or device (kg.atomic)
    metadata = {"Creator": "kg figure"} if out.suffix != ".png" else None
    fig.savefig(buffer, format=out.suffix[1:].lower(), dpi=DPI, bbox_inches="tight", metadata=metadata)
    plt.close(fig)
    write_files_atomic(out.parent, {out.name: buffer.getvalue()})
    return out
