"""The research portal: a static, offline site with a page for every thing of the graph.

:func:`build_site` (``kg site --out DIR``) writes it; :mod:`kg.site.linked_data` answers a GET
on an IRI path from it by content negotiation. The pieces, each with one job:

* :mod:`kg.site.model` - the dataset read once: things, facts with citations, ontology terms;
* :mod:`kg.site.context` - which pages exist, how a link, a label and a citation are shown;
* :mod:`kg.site.entity`, :mod:`kg.site.source`, :mod:`kg.site.ontology` - what a thing's page,
  a source's sections, the ontology page and a class's index show;
* :mod:`kg.site.networks`, :mod:`kg.site.minimap` - the network views of :mod:`kg.viz` drawn in
  pages, and a small locator map;
* :mod:`kg.site.search` - the index of every name for the search page;
* :mod:`kg.site.rdf` - the Turtle beside each page; :mod:`kg.site.urls` - where pages live;
* :mod:`kg.site.render`, :mod:`kg.site.build` - templates to pages, the whole site staged and swapped in;
* :mod:`kg.site.browser` - headless Chromium limited to the site folder, for tests and screenshots.
"""

from kg.site.build import SiteResult, build_site

__all__ = ["build_site", "SiteResult"]
