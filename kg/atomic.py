"""Write files so that a reader never sees half of one.

Each file is filled under a temporary name beside its target and renamed
into place (``os.replace`` is atomic on POSIX). Several files are all staged
before any is renamed, so a failure while writing leaves every earlier file
as it was.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> write_text_atomic(folder / "out.txt", "合肥\\n")
>>> (folder / "out.txt").read_text(encoding="utf-8")
'合肥\\n'
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

__all__ = ["write_files_atomic", "write_text_atomic"]


def write_files_atomic(folder: Path | str, contents: dict[str, bytes]) -> list[Path]:
    """Write ``{file name: bytes}`` into ``folder``: stage every file, then rename them all."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    staged = []
    try:
        for name, data in contents.items():
            fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.chmod(tmp, 0o644)
            staged.append((tmp, folder / name))
        for tmp, final in staged:
            os.replace(tmp, final)
    finally:
        for tmp, _ in staged:
            Path(tmp).unlink(missing_ok=True)
    return [final for _, final in staged]


def write_text_atomic(path: Path | str, text: str) -> None:
    """Write UTF-8 ``text`` to ``path`` atomically."""
    path = Path(path)
    write_files_atomic(path.parent, {path.name: text.encode("utf-8")})
