"""Build the portal and write PNG screenshots of its main kinds of page, for docs/ and the README.

    python scripts/site_screenshots.py [--out docs/img]

Needs Chromium and the CJK fonts (scripts/system-packages.sh) and playwright
(``pip install -e '.[test]'``). Pages are opened with no network (kg.site.browser); the
script stops with an error if a page requests anything or logs an error.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from kg.paths import ROOT
from kg.site import build_site
from kg.site.browser import SiteBrowser
from kg.store import load

#: file name -> (page, query, scroll to this element first or None)
SHOTS = {
    "site-home": ("index.html", "", None),
    "site-entity-hefei": ("id/hefei.html", "", None),
    "site-entity-hefei-en": ("id/hefei.html", "lang=en", "#participations"),
    "site-search-alias": ("search.html", "q=南和区", None),
    "site-pattern-industrial-enclave": ("ontology/IndustrialEnclave.html", "", None),
    "site-source-caict": ("source/caict-2021.html", "", "#s-表7"),
    "site-ontology": ("ontology.html", "", None),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "img")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        site = build_site(load(), Path(scratch) / "site").out
        with SiteBrowser(site, width=1400, height=900) as browser:
            for name, (page, query, element) in SHOTS.items():
                tab, report = browser.open(site / page, query=query)
                if report.requests or report.console_errors:
                    raise SystemExit(f"{page}: requests {report.requests}, errors {report.console_errors}")
                if element:
                    tab.locator(element).first.evaluate("e => e.scrollIntoView({block: 'start'})")
                tab.wait_for_timeout(300)
                png = args.out / f"{name}.png"
                tab.screenshot(path=str(png))
                tab.close()
                print(f"{png.relative_to(ROOT)}: {page}{'?' + query if query else ''}")


if __name__ == "__main__":
    main()
