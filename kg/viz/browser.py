"""Open pages in headless Chromium that cannot reach the network, and report what happened.

Used by the browser tests, the screenshot script and the visualisation
benchmark. Needs Chromium (Debian ``chromium``; another binary via
``KG_CHROMIUM``) and the ``playwright`` package (``pip install -e '.[test]'``);
Playwright drives the system Chromium, it downloads no browser.

Chromium starts with host resolution mapped to nowhere, and every request
other than the page itself is aborted and recorded, so a page that would
fetch something from a CDN shows up in :attr:`PageReport.requests` instead of
silently working online.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import MissingFile

__all__ = ["Browser", "PageReport", "chromium_path"]

CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND",
]

_RENDERED = """() => {
  const body = window.kg.network.body;
  return {nodes: body.nodeIndices.length, edges: body.edgeIndices.length,
          labels: body.nodeIndices.map(id => body.nodes[id].options.label),
          timings: window.kg.timings};
}"""


def chromium_path() -> str:
    """The Chromium binary: ``$KG_CHROMIUM``, else ``chromium`` or ``chromium-browser`` on the PATH."""
    found = os.environ.get("KG_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        raise MissingFile("chromium", "Chromium not found (install Debian's chromium or set KG_CHROMIUM)")
    return found


@dataclass
class PageReport:
    """What a page did when opened: requests beyond itself, errors, and the network it drew."""

    url: str
    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    nodes: int = 0
    edges: int = 0
    labels: list[str] = field(default_factory=list)
    timings: dict = field(default_factory=dict)


class Browser:
    """Headless Chromium for checking pages; use as a context manager.

    ``open(path)`` loads a page, waits until its network is drawn (and, for
    small views, stabilised) and returns the live Playwright page with a
    :class:`PageReport`.
    """

    def __init__(self, width: int = 1400, height: int = 900):
        self.viewport = {"width": width, "height": height}

    def __enter__(self) -> Browser:
        from playwright.sync_api import sync_playwright

        self._playwright = sync_playwright().start()
        self._browser = self._playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        return self

    def __exit__(self, *exc) -> None:
        self._browser.close()
        self._playwright.stop()

    def open(self, path: Path | str, timeout_s: float = 120, frame: int | None = None):
        """Load ``path`` and wait for ``window.kg.ready`` (in iframe number ``frame`` if given)."""
        url = Path(path).resolve().as_uri()
        report = PageReport(url)
        page = self._browser.new_page(viewport=self.viewport)

        def route(request_route):
            if request_route.request.url == url:
                request_route.continue_()
            else:
                report.requests.append(request_route.request.url)
                request_route.abort()

        page.route("**/*", route)
        page.on("console", lambda message: message.type == "error" and report.console_errors.append(message.text))
        page.on("pageerror", lambda error: report.console_errors.append(str(error)))
        page.goto(url)
        target = page.frames[frame] if frame is not None else page
        target.wait_for_function("window.kg && window.kg.ready", timeout=timeout_s * 1000)
        rendered = target.evaluate(_RENDERED)
        report.nodes, report.edges = rendered["nodes"], rendered["edges"]
        report.labels, report.timings = rendered["labels"], rendered["timings"]
        return page, report

    def screenshot(self, path: Path | str, png: Path | str) -> PageReport:
        """Open ``path`` and save a PNG of the whole viewport to ``png``."""
        page, report = self.open(path)
        page.wait_for_timeout(300)
        page.screenshot(path=str(png))
        page.close()
        return report
