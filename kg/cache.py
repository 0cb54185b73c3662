"""What read verbs would recompute on every call, kept beside the built data and keyed on it.

A cache belongs to one ``kg.nq``: it lives in the folder ``.kg_cache`` beside the file the
path resolves to (for ``build/kg.nq``, inside the build's current generation, so a new build
starts with none), and every entry is named after the :func:`fingerprint` of that file
(device, inode, size and modification time in nanoseconds). Writing a different ``kg.nq``
changes the fingerprint, so a stale entry is never read; it is removed when the new one
is written.

* :func:`remember` keeps bytes (a name index as JSON, a network as a pickle): written
  atomically (:mod:`kg.atomic`), so concurrent readers see a whole entry or none, and an
  entry that cannot be decoded is ignored and written again.
* :func:`open_store` keeps an on-disk Oxigraph store of the file, built once under a
  temporary name and renamed into place, to be opened read-only (15 ms instead of a
  0.5 s bulk load).

``KG_NO_CACHE=1`` turns every cache off (each call recomputes); a folder that cannot be
written to (a read-only location) is the same as no cache.

>>> import tempfile, pathlib
>>> nq = pathlib.Path(tempfile.mkdtemp()) / "kg.nq"
>>> _ = nq.write_text("<http://a> <http://b> <http://c> .\\n")
>>> remember(nq, "answer", lambda: b"42", bytes, bytes)
b'42'
>>> remember(nq, "answer", lambda: b"recomputed", bytes, bytes)  # read back, not recomputed
b'42'
"""

from __future__ import annotations

import gc
import json
import os
import shutil
import tempfile
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from kg.atomic import write_files_atomic
from kg.errors import OutputError

__all__ = ["CACHE_DIR", "enabled", "fingerprint", "remember", "remember_json", "open_store"]

#: The folder of cache entries, beside the ``kg.nq`` they belong to (not ``.kg-*``: those are build generations).
CACHE_DIR = ".kg_cache"
T = TypeVar("T")


def enabled() -> bool:
    """False when ``KG_NO_CACHE`` is set to anything but empty or 0."""
    return os.environ.get("KG_NO_CACHE", "") in ("", "0")


def fingerprint(path: Path | str) -> str:
    """A name for the current content of the file ``path``: it changes whenever the file is rewritten.

    >>> import tempfile
    >>> with tempfile.NamedTemporaryFile() as f:
    ...     fingerprint(f.name) == fingerprint(f.name)
    True
    """
    st = os.stat(path)
    return f"{st.st_dev:x}-{st.st_ino:x}-{st.st_size:x}-{st.st_mtime_ns:x}"


def _folder(path: Path | str) -> Path:
    return Path(os.path.realpath(path)).parent / CACHE_DIR


@contextmanager
def _gc_paused():
    """No garbage collection while a block runs: decoding an entry makes many objects and no cycles, and
    the collector's passes over them took 2-10 times as long as the decoding itself."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _remove_if_empty(folder: Path) -> None:
    try:
        folder.rmdir()
    except OSError:  # it holds other entries
        pass


def _drop_stale(folder: Path, name: str, keep: str) -> None:
    for old in folder.glob(f"{name}-*"):
        if old.name != keep:
            shutil.rmtree(old, ignore_errors=True) if old.is_dir() else old.unlink(missing_ok=True)


def remember(
    path: Path | str, name: str, compute: Callable[[], T], encode: Callable[[T], bytes], decode: Callable[[bytes], T]
) -> T:
    """The value ``name`` of the data in ``path``: decoded from its cache entry, else computed and stored.

    An entry that ``decode`` rejects (any exception: a truncated or corrupt file) is recomputed.
    """
    if not enabled():
        return compute()
    key = fingerprint(path)
    folder = _folder(path)
    entry = folder / f"{name}-{key}"
    try:
        with _gc_paused():
            return decode(entry.read_bytes())
    except Exception:  # missing, unreadable or corrupt: compute it again
        pass
    value = compute()
    if fingerprint(path) != key:  # the data changed while computing: keep the value, store nothing
        return value
    try:
        write_files_atomic(folder, {entry.name: encode(value)})
        _drop_stale(folder, name, entry.name)
    except (OSError, OutputError):  # a folder we may not write to, or something not a file in the way: no cache
        pass
    return value


def remember_json(graph, name: str, compute: Callable[[], T]) -> T:
    """``compute()`` for ``graph``, kept as JSON in the cache of the ``kg.nq`` it was read from (if any).

    The value must survive a JSON round trip (dicts, lists, strings, numbers).
    """
    source = getattr(graph, "source", None)
    if source is None:
        return compute()
    return remember(source, name, compute, lambda value: json.dumps(value, ensure_ascii=False).encode(), json.loads)


def open_store(path: Path | str, fill: Callable[[str], None], opens: Callable[[str], T]) -> T | None:
    """``opens(folder)`` on the on-disk store of the data in ``path``, made by ``fill(folder)`` if missing.

    None when caching is off or impossible. A folder ``opens`` fails on (OSError or
    RuntimeError: a corrupt or half-copied store) is removed and made again. Two processes filling at once each fill
    their own temporary folder; the first rename wins and the other's folder is discarded.
    """
    if not enabled():
        return None
    key = fingerprint(path)
    folder = _folder(path)
    final = folder / f"store-{key}"
    if final.is_dir():
        try:
            return opens(str(final))
        except (OSError, RuntimeError):  # RocksDB reports corruption as RuntimeError
            shutil.rmtree(final, ignore_errors=True)
    try:
        folder.mkdir(exist_ok=True)
        staged = Path(tempfile.mkdtemp(dir=folder, prefix=".store-", suffix=".tmp"))
    except OSError:
        return None
    try:
        fill(str(staged))
        os.chmod(staged, 0o755)
        if fingerprint(path) != key:
            return None
        os.rename(staged, final)
    except OSError:  # another process renamed its folder first, or the disk is full
        if not final.is_dir():
            return None
    finally:
        shutil.rmtree(staged, ignore_errors=True)
        if not final.is_dir():
            _remove_if_empty(folder)
    _drop_stale(folder, "store", final.name)
    return opens(str(final))
