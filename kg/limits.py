"""Run work that a user's query can make endless in a child process with a time limit and a memory cap.

pyoxigraph cannot cancel a query, so a free-form query (``kg query 'SELECT ...'``) runs in a
child process: past its time limit the child is killed, and an address-space limit
(``RLIMIT_AS``) stops it from taking more memory than its cap. The same helpers set up the
server's query workers: they die with their parent and, where the kernel allows, run in an
empty network namespace, so no query can open a connection even if a SERVICE clause slipped
past :mod:`kg.sparql`.

>>> parse_size("2G"), parse_size("512M"), parse_size("1048576")
(2147483648, 536870912, 1048576)
"""

from __future__ import annotations

import ctypes
import faulthandler
import multiprocessing
import os
import re
import resource
import signal
import sys
import tempfile
import threading
import traceback

from kg.errors import KgError, ParameterError, QueryLimit

__all__ = [
    "parse_size",
    "format_size",
    "address_space",
    "cap_memory",
    "die_with_parent",
    "isolate_network",
    "run_limited",
]

_UNITS = {"": 1, "K": 2**10, "M": 2**20, "G": 2**30, "T": 2**40}
_CLONE_NEWUSER, _CLONE_NEWNET, _PR_SET_PDEATHSIG = 0x10000000, 0x40000000, 1


def parse_size(text: str) -> int:
    """Bytes in a size such as ``2G``, ``512M``, ``64k`` or a plain number of bytes."""
    match = re.fullmatch(r"\s*([0-9]+(?:\.[0-9]+)?)\s*([KMGT]?)(?:i?B)?\s*", str(text), flags=re.IGNORECASE)
    if not match or float(match.group(1)) <= 0:
        raise ParameterError(f"{text!r} is not a size: expected a positive number with K, M or G, such as 2G")
    return int(float(match.group(1)) * _UNITS[match.group(2).upper()])


def format_size(size: int) -> str:
    """A size in the largest binary unit it reaches, to three figures.

    >>> format_size(2**31), format_size(300 * 2**20), format_size(71616 * 2**10), format_size(512)
    ('2 GiB', '300 MiB', '69.9 MiB', '512 bytes')
    """
    for unit in ("T", "G", "M", "K"):
        if size >= _UNITS[unit]:
            return f"{size / _UNITS[unit]:.3g} {unit}iB"
    return f"{size} bytes"


def address_space() -> int | None:
    """Bytes of address space this process uses now (Linux), or None where that cannot be read."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return None


def cap_memory(size: int) -> None:
    """Limit this process's address space to ``size`` bytes (allocations beyond fail)."""
    resource.setrlimit(resource.RLIMIT_AS, (size, size))


def _libc():
    return ctypes.CDLL(None, use_errno=True)


def die_with_parent() -> None:
    """Have the kernel kill this process when its parent dies, however the parent dies (Linux)."""
    if sys.platform.startswith("linux"):
        parent = os.getppid()
        _libc().prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        if os.getppid() != parent:  # the parent died before the request took effect
            os._exit(1)


def isolate_network() -> bool:
    """Move this (single-threaded) process into a new, empty network namespace; False where not allowed."""
    if not sys.platform.startswith("linux"):
        return False
    libc = _libc()
    return libc.unshare(_CLONE_NEWNET) == 0 or libc.unshare(_CLONE_NEWUSER | _CLONE_NEWNET) == 0


def _child(connection, function, args, memory: int, isolate: bool, log: str) -> None:
    os.dup2(os.open(log, os.O_WRONLY), 2)
    faulthandler.disable()  # an allocation refused at the cap aborts; the parent reports it, not a dump
    die_with_parent()
    if isolate:
        isolate_network()
    cap_memory(memory)
    try:
        connection.send(("ok", function(*args)))
    except KgError as err:
        connection.send(("error", str(err)))
    except MemoryError:
        connection.send(("memory", ""))
    except BaseException:  # a bug: its traceback goes to the parent
        connection.send(("bug", traceback.format_exc()))


def run_limited(function, *args, timeout: float, memory: int, isolate: bool = True):
    """``function(*args)`` in a child process, stopped after ``timeout`` seconds or at ``memory`` bytes.

    Returns what the function returns (it must pickle). A :class:`KgError` in the child is
    raised here with its message; a limit reached raises :class:`kg.errors.QueryLimit` saying which.
    ``isolate`` puts the child in an empty network namespace where the kernel allows.
    """
    # fork is fast and keeps what is loaded; with other threads about, a fresh interpreter is safer
    method = "fork" if threading.active_count() == 1 else "spawn"
    context = multiprocessing.get_context(method)
    receive, send = context.Pipe(duplex=False)
    with tempfile.NamedTemporaryFile(prefix="kg-query-", suffix=".log") as log:
        child = context.Process(target=_child, args=(send, function, args, memory, isolate, log.name))
        child.start()
        send.close()
        try:
            answer = receive.recv() if receive.poll(timeout) else None
        except EOFError:
            answer = ("died", "")
        finally:
            if child.is_alive():
                child.kill()
            child.join()
            receive.close()
        log.seek(0)
        errors = log.read().decode("utf-8", "replace")
    if answer is None:
        raise QueryLimit(f"the query was stopped after {timeout:g} s: it ran past its time limit")
    kind, value = answer
    if kind == "ok":
        return value
    if kind == "error":
        raise KgError(value)
    out_of_memory = "memory allocation" in errors or "MemoryError" in errors or child.exitcode == -signal.SIGABRT
    if kind == "memory" or out_of_memory:
        raise QueryLimit(f"the query was stopped: it needed more memory than its cap of {format_size(memory)}")
    detail = value or errors or f"exit status {child.exitcode}"
    raise RuntimeError(f"the query process failed: {detail}")
