"""Interactive network pages that work offline: views, layouts, the page, and a browser to check them.

* :mod:`kg.viz.views` - the views (:func:`overview`, :func:`pattern_view`, :func:`case_view`,
  :func:`ego_view`, :func:`chain_view`, :func:`map_view`), each a :class:`View`;
* :mod:`kg.viz.choropleth` - regions coloured by a figure (:func:`choropleth`);
* :mod:`kg.viz.basemap` - provinces, delta cities, coast and Yangtze under maps;
* :mod:`kg.viz.style` - colours, shapes, legends and tooltips;
* :mod:`kg.viz.layout` - positions computed in Python (force and map layouts);
* :mod:`kg.viz.page` - the self-contained HTML page (vis-network inlined);
* :mod:`kg.viz.browser` - headless Chromium without network, for tests and screenshots.
"""

from kg.viz.choropleth import choropleth
from kg.viz.views import (
    PHYSICS_MAX_NODES,
    View,
    case_view,
    chain_view,
    ego_view,
    map_view,
    overview,
    pattern_view,
)

__all__ = [
    "View",
    "overview",
    "pattern_view",
    "case_view",
    "ego_view",
    "chain_view",
    "map_view",
    "choropleth",
    "PHYSICS_MAX_NODES",
]
