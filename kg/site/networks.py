"""Network views drawn inside portal pages: the views of :mod:`kg.viz` as they are, with a shared vis-network.

A :class:`kg.viz.View` carries what vis-network draws (its pyvis network: nodes with
positions, labels in both languages and cited tooltips, edges, options) and its legend.
:func:`embed` turns one into data for a page of the portal: the same nodes, edges, options
and legend, and for each node the link to its page, so that a click on a node opens it.
The page does not inline vis-network: every page loads the one copy in ``assets/``
(:data:`VIS_NETWORK`, the copy that ships inside pyvis, as the network pages use).

:func:`networks_for` makes the views once for the whole site: the ego network of every
entity of the overview network (:func:`kg.network.overview_network`), a view per pattern
and per case from the cooperation network.
"""

from __future__ import annotations

import copy
from pathlib import Path

from kg.site.urls import relative

__all__ = ["embed", "vis_network_file", "VIS_NETWORK", "Networks"]

#: Where the shared copy of vis-network goes in the site.
VIS_NETWORK = "assets/vis-network.min.js"


def vis_network_file() -> Path:
    """The vis-network script that ships inside pyvis (the one :mod:`kg.viz.page` inlines)."""
    import pyvis

    from kg.viz.page import VIS_VERSION

    return Path(pyvis.__file__).parent / "templates" / "lib" / f"vis-{VIS_VERSION}" / "vis-network.min.js"


#: vis-network's own label threshold (its default). The views leave labels to the network page's own label
#: layer (``kg.viz.views.NO_VIS_LABELS``); drawn in a portal page, vis-network draws them again.
VIS_LABELS = 5


def _with_vis_labels(options: dict) -> dict:
    options = copy.deepcopy(options)
    for part in ("nodes", "edges"):
        label = options.get(part, {}).get("scaling", {}).get("label")
        if isinstance(label, dict) and "drawThreshold" in label:
            label["drawThreshold"] = VIS_LABELS
    return options


def embed(view, page: str, page_of) -> dict:
    """The data of a view for the page at site path ``page``; ``page_of(iri)`` is a node's page or None.

    Nodes with several roles (``roleColours``) are drawn as pies by the portal's script, as on the
    network pages; labels by vis-network itself.
    """
    nodes = []
    for node in view.network.nodes:
        target = page_of(node["id"])
        nodes.append({**node, "url": relative(page, target) if target and target != page else None})
    return {
        "nodes": nodes,
        "edges": view.network.edges,
        "options": _with_vis_labels(view.network.options),
        "physics": view.physics,
        "legend": view.legend,
        "title": view.title,
        "count": {"nodes": len(nodes), "edges": len(view.network.edges)},
    }


class Networks:
    """The views the site draws, made on demand from the two networks of the graph, each once."""

    def __init__(self, graph):
        from kg.network import cooperation_network, overview_network

        self.overview = overview_network(graph)
        self.cooperation = cooperation_network(graph)

    def ego(self, iri: str):
        """The neighbourhood of an entity within one tie (None when it is not in the overview network)."""
        from kg.viz import ego_view

        return ego_view(self.overview, iri, hops=1) if iri in self.overview else None

    def pattern(self, iri: str):
        """The view of a development pattern with cases (None for a pattern without cases)."""
        from kg.names import notation
        from kg.viz import pattern_view

        try:
            code = notation(iri)
        except StopIteration:  # a pattern the generated vocabulary does not know yet
            return None
        if not any(d.get("pattern") == code for _, d in self.cooperation.nodes(data=True)):
            return None
        return pattern_view(self.cooperation, code)

    def case(self, iri: str):
        from kg.viz import case_view

        return case_view(self.cooperation, iri) if iri in self.cooperation else None
