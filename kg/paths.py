"""Where the project's files are.

The project root is the folder holding ``data/datapackage.json`` and
``ontology/``: the ``KG_HOME`` environment variable if set, else the nearest
parent of the working directory that has them, else the checkout this package
was installed from (editable install).

>>> (PACKAGE_DIR / "__init__.py").exists()
True
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def _is_root(folder: Path) -> bool:
    return (folder / "data" / "datapackage.json").exists() and (folder / "ontology").is_dir()


def project_root() -> Path:
    """The project root folder (see the module docstring)."""
    if os.environ.get("KG_HOME"):
        return Path(os.environ["KG_HOME"]).resolve()
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if _is_root(folder):
            return folder
    return PACKAGE_DIR.parent


ROOT = project_root()
ONTOLOGY_DIR = PACKAGE_DIR.parent / "ontology"
#: The hand-edited ontology files, in load order.
ONTOLOGY_FILES = (ONTOLOGY_DIR / "kg.ttl", ONTOLOGY_DIR / "vocab.ttl")
SHAPES_FILE = ONTOLOGY_DIR / "shapes.ttl"
#: The table schema of the checkout, also used for the bundled example tables.
DATAPACKAGE_FILE = PACKAGE_DIR.parent / "data" / "datapackage.json"
VIOLATIONS_DIR = PACKAGE_DIR / "violations"
DEFAULT_DATA_DIR = ROOT / "data"
DEFAULT_OUT_DIR = ROOT / "build"
#: The source texts: ``$KG_SEEDS``, else ``shared/seeds`` beside the project root. They are not shipped.
SEEDS_DIR = Path(os.environ.get("KG_SEEDS") or ROOT.parent / "shared" / "seeds")
#: What to do when the source texts are absent.
SEEDS_HELP = (
    "the source texts are not shipped with the repository (they are copyrighted): put the five files of "
    "data/sources.csv in a folder and point KG_SEEDS at it (default: shared/seeds beside the checkout)"
)


def built_dataset(path: Path | str | None = None) -> Path:
    """The ``kg.nq`` a verb reads: ``path`` (a file, or a folder holding ``kg.nq``), else ``build/kg.nq``.

    >>> built_dataset("build").name
    'kg.nq'
    """
    path = Path(path) if path is not None else DEFAULT_OUT_DIR
    return path / "kg.nq" if path.is_dir() or not path.suffix else path
