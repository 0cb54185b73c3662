"""Open portal pages in headless Chromium that cannot reach the network, and report what they did.

The portal's pages share their stylesheet, scripts and vis-network in ``assets/``, so a page
may load files of the site folder, and nothing else: every other request (a CDN, another
host, a file outside the site) is aborted and recorded in :attr:`SitePage.requests`.
Chromium is started as :mod:`kg.viz.browser` starts it (host resolution mapped to nowhere).
A page is ready when ``window.kgSite.ready`` is set: its scripts ran and its networks are drawn.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kg.viz.browser import Browser

__all__ = ["SiteBrowser", "SitePage"]


@dataclass
class SitePage:
    """What a page did: requests beyond the site, console errors, the files it loaded, and its drawn networks."""

    url: str
    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    loaded: list[str] = field(default_factory=list)
    networks: list[dict] = field(default_factory=list)


_NETWORKS = """() => window.kgSite.networks.map(n => ({
  nodes: n.network.body.nodeIndices.length, edges: n.network.body.edgeIndices.length,
  labels: n.network.body.nodeIndices.map(id => n.network.body.nodes[id].options.label)}))"""


class SiteBrowser(Browser):
    """Headless Chromium for the pages of one site folder; use as a context manager."""

    def __init__(self, site: Path | str, width: int = 1400, height: int = 900):
        super().__init__(width, height)
        self.root = Path(site).resolve().as_uri() + "/"

    def open(self, path: Path | str, timeout_s: float = 60, query: str = ""):
        """Load the page at ``path`` (with ``?query`` if given), wait until it is ready; return (page, SitePage)."""
        url = Path(path).resolve().as_uri() + (f"?{query}" if query else "")
        report = SitePage(url)
        page = self._browser.new_page(viewport=self.viewport)

        def route(request_route):
            wanted = request_route.request.url
            if wanted.startswith(self.root):
                report.loaded.append(wanted)
                request_route.continue_()
            else:
                report.requests.append(wanted)
                request_route.abort()

        page.route("**/*", route)
        page.on("console", lambda message: message.type == "error" and report.console_errors.append(message.text))
        page.on("pageerror", lambda error: report.console_errors.append(str(error)))
        page.goto(url)
        page.wait_for_function("window.kgSite && window.kgSite.ready", timeout=timeout_s * 1000)
        report.networks = page.evaluate(_NETWORKS)
        return page, report

    def screenshot(self, path: Path | str, png: Path | str, query: str = "", full_page: bool = False) -> SitePage:
        """Open ``path`` and save a PNG of the viewport (or the whole page) to ``png``."""
        page, report = self.open(path, query=query)
        page.wait_for_timeout(300)
        page.screenshot(path=str(png), full_page=full_page)
        page.close()
        return report
