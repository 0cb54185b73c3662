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

__all__ = ["write_files_atomic", "write_text_atomic", "replace_tree"]


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


def replace_tree(staged: Path | str, target: Path | str) -> None:
    """Put the folder ``staged`` in the place of the folder ``target``, so a reader sees the old one or the new one.

    A new ``target`` is renamed into place (atomic). An existing one is swapped with ``staged``
    in one step where the system can (Linux ``renameat2`` with ``RENAME_EXCHANGE``) and by
    two renames elsewhere (the old one moved aside, then the new one in); the old folder is
    removed afterwards. Both folders must be on one file system (stage beside the target).
    """
    import shutil

    staged, target = Path(staged), Path(target)
    if not target.exists():
        os.rename(staged, target)
        return
    if not target.is_dir() or target.is_symlink():
        raise NotADirectoryError(f"{target} is not a folder; refusing to replace it")
    if _exchange(staged, target):
        shutil.rmtree(staged)
        return
    aside = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.old-"))
    os.rename(target, aside / target.name)
    os.rename(staged, target)
    shutil.rmtree(aside)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically with ``renameat2(RENAME_EXCHANGE)``; False where the system cannot."""
    import ctypes
    import ctypes.util

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    return result == 0
