"""Pages from the templates in ``kg/site/templates``: one Jinja environment, links made relative per page."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from kg import __version__
from kg.site.urls import relative

__all__ = ["Renderer", "TEMPLATES", "ASSET_FILES"]

TEMPLATES = Path(__file__).parent / "templates"
#: The portal's own stylesheet and scripts, copied to ``assets/``.
ASSET_FILES = sorted((Path(__file__).parent / "assets").iterdir())


class Renderer:
    """Renders a template for the page at a site path; every ``rel(path)`` in it becomes a relative link."""

    def __init__(self):
        import jinja2

        self.environment = jinja2.Environment(
            loader=jinja2.FileSystemLoader(TEMPLATES),
            autoescape=True,
            keep_trailing_newline=True,
            undefined=jinja2.StrictUndefined,
        )
        # Chinese stays readable in the JSON of network views; < > & ' are still escaped by tojson
        self.environment.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}

    def page(self, template: str, path: str, **context) -> bytes:
        """The HTML of ``template`` for the page at site path ``path``."""
        defaults = {"ttl": None, "iri": None, "networks": [], "minimap": None, "version": __version__}
        html = self.environment.get_template(template).render(
            **{**defaults, **context}, rel=partial(relative, path), kind=template.removesuffix(".html")
        )
        return html.encode("utf-8")
