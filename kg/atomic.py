"""Write files so that a reader never sees half of one, nor half of a set.

One file (:func:`write_files_atomic`, :func:`write_text_atomic`) is filled under a temporary
name beside its target and renamed into place (``os.replace`` is atomic on POSIX). A set of
files that belong together (:func:`write_set_atomic`, the build's four outputs) is written
into a new hidden folder (``.kg-`` and a random suffix); the folder's files are reached through fixed symbolic
links (``kg.nq -> .current/kg.nq``) and one link, ``.current``, is switched to the new folder
with a single rename, so readers at the usual paths see the old set or the new one, never a
mix. A folder of the old layout (regular files) is first moved under the links with hard
links, so that step changes nothing a reader sees either.

Only a regular file or a new path is ever replaced: a symbolic link, FIFO, device or folder
where a file should go is refused (:class:`kg.errors.OutputError`). SIGINT and SIGTERM while
writing remove what was staged and leave the earlier files as they were
(:class:`Interrupted`). Two writers of one set take turns (a lock file; ``on_wait`` is told).

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> write_text_atomic(folder / "out.txt", "合肥\\n")
>>> (folder / "out.txt").read_text(encoding="utf-8")
'合肥\\n'
>>> [p.name for p in write_set_atomic(folder / "build", {"a.txt": b"1", "b.txt": b"2"})]
['a.txt', 'b.txt']
>>> (folder / "build" / "b.txt").read_text(), os.readlink(folder / "build" / "b.txt")
('2', '.current/b.txt')
"""

from __future__ import annotations

import fcntl
import os
import shutil
import signal
import stat
import tempfile
import threading
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

from kg.errors import OutputError

__all__ = [
    "Interrupted",
    "write_files_atomic",
    "write_text_atomic",
    "write_set_atomic",
    "check_output_path",
    "replace_tree",
]

CURRENT = ".current"
_GENERATION = ".kg-"


class Interrupted(BaseException):
    """SIGTERM (or SIGHUP) arrived while files were being written; what was staged has been removed."""

    def __init__(self, signum: int):
        super().__init__(f"interrupted by {signal.Signals(signum).name}")
        self.signum = signum


@contextmanager
def _signals_raise():
    """While the block runs (in the main thread), SIGTERM and SIGHUP raise :class:`Interrupted`, so cleanup runs."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum, frame):
        raise Interrupted(signum)

    previous = {s: signal.signal(s, interrupt) for s in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def check_output_path(path: Path | str) -> Path:
    """``path`` if it is a regular file or does not exist yet; :class:`OutputError` for anything else."""
    path = Path(path)
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return path
    if stat.S_ISREG(mode):
        return path
    kind = (
        "a symbolic link"
        if stat.S_ISLNK(mode)
        else "a folder"
        if stat.S_ISDIR(mode)
        else "a FIFO"
        if stat.S_ISFIFO(mode)
        else "a device"
        if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
        else "a socket"
    )
    raise OutputError(f"{path} is {kind}: expected a regular file or a new path to write to")


def _stage(folder: Path, name: str, data: bytes) -> str:
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return tmp


def write_files_atomic(folder: Path | str, contents: dict[str, bytes]) -> list[Path]:
    """Write ``{file name: bytes}`` into ``folder``: stage every file, then rename them all."""
    folder = Path(folder)
    finals = [check_output_path(folder / name) for name in contents]
    folder.mkdir(parents=True, exist_ok=True)
    staged = []
    with _signals_raise():
        try:
            for name, data in contents.items():
                staged.append((_stage(folder, name, data), folder / name))
            for tmp, final in staged:
                os.replace(tmp, final)
        finally:
            for tmp, _ in staged:
                Path(tmp).unlink(missing_ok=True)
    return finals


def write_text_atomic(path: Path | str, text: str) -> None:
    """Write UTF-8 ``text`` to ``path`` atomically."""
    path = Path(path)
    write_files_atomic(path.parent, {path.name: text.encode("utf-8")})


@contextmanager
def _locked(folder: Path, on_wait: Callable[[str], None] | None):
    with open(folder / ".lock", "a") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if on_wait:
                on_wait(f"another build is writing to {folder}: waiting for it to finish")
            fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def _link(folder: Path, name: str, target: str) -> None:
    """Point ``folder/name`` at ``target`` with one rename (replacing what was there)."""
    tmp = folder / f".{name}.{os.getpid()}.link.tmp"
    tmp.unlink(missing_ok=True)
    os.symlink(target, tmp)
    os.replace(tmp, folder / name)


def _is_ours(path: Path) -> bool:
    return path.is_symlink() and os.readlink(path) == f"{CURRENT}/{path.name}"


def _adopt_old_layout(folder: Path, names: list[str]) -> None:
    """Put regular files of an earlier layout under the links, via a generation of hard links."""
    current = folder / CURRENT
    if current.is_dir() and not current.is_symlink():  # a copy of a build folder: its links became folders
        current.rename(Path(tempfile.mkdtemp(dir=folder, prefix=_GENERATION)) / CURRENT)
    plain = [name for name in names if not _is_ours(folder / name) and (folder / name).exists()]
    if not plain:
        return
    if not (folder / CURRENT).is_symlink():
        old = Path(tempfile.mkdtemp(dir=folder, prefix=_GENERATION))
        for name in plain:
            os.link(folder / name, old / name)
        _link(folder, CURRENT, old.name)
    for name in plain:
        if (folder / CURRENT / name).exists():
            _link(folder, name, f"{CURRENT}/{name}")


def write_set_atomic(
    folder: Path | str, contents: dict[str, bytes], on_wait: Callable[[str], None] | None = None
) -> list[Path]:
    """Write ``{file name: bytes}`` into ``folder`` as one set: readers see all the old files or all the new."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"{folder} is not a folder: expected a folder (or a new path) for the outputs")
    for name in contents:
        if not _is_ours(folder / name):
            check_output_path(folder / name)
    folder.mkdir(parents=True, exist_ok=True)
    with _locked(folder, on_wait), _signals_raise():
        generation = Path(tempfile.mkdtemp(dir=folder, prefix=_GENERATION))
        try:
            for name, data in contents.items():
                (generation / name).write_bytes(data)
                os.chmod(generation / name, 0o644)
            os.chmod(generation, 0o755)
            _adopt_old_layout(folder, list(contents))
            for name in contents:  # links to files the current set lacks dangle until the switch
                if not _is_ours(folder / name):
                    _link(folder, name, f"{CURRENT}/{name}")
            _link(folder, CURRENT, generation.name)  # the switch: one rename
        except BaseException:
            shutil.rmtree(generation, ignore_errors=True)
            raise
        finally:
            for tmp in folder.glob(".*.link.tmp"):
                tmp.unlink(missing_ok=True)
        for old in folder.glob(_GENERATION + "*"):
            if old.name != generation.name:
                shutil.rmtree(old, ignore_errors=True)
    return [folder / name for name in contents]


def replace_tree(staged: Path | str, target: Path | str) -> None:
    """Put the folder ``staged`` in the place of the folder ``target``, so a reader sees the old one or the new one.

    A new ``target`` is renamed into place (atomic). An existing one is swapped with ``staged``
    in one step where the system can (Linux ``renameat2`` with ``RENAME_EXCHANGE``) and by
    two renames elsewhere (the old one moved aside, then the new one in); the old folder is
    removed afterwards. Both folders must be on one file system (stage beside the target).
    """
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
