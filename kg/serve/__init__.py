"""Serve the built dataset over SPARQL, read-only, so that no query can take the service down.

``serve()`` runs a Starlette front (:mod:`kg.serve.app`, under uvicorn) over a pool of query
workers (:mod:`kg.serve.pool`): each worker is a process holding the graph in an embedded
Oxigraph store and answering one query at a time. A query past the time limit has its worker
killed and replaced; a worker's memory is capped; other clients are answered by the other
workers meanwhile. SPARQL is at ``/query``, the union of the named graphs is the default graph,
updates and SERVICE are refused. Stopping the server (SIGINT, SIGTERM, SIGHUP) stops every
worker, and the kernel ends the workers if the server is killed outright.
``running_server()`` runs ``kg serve`` in the background for a notebook or a test and always stops it.
"""

from __future__ import annotations

import asyncio
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from kg.errors import MissingFile, ServerError
from kg.limits import format_size

__all__ = [
    "DEFAULT_MEMORY",
    "oxigraph_command",
    "prepare_store",
    "serve",
    "running_server",
    "wait_until_up",
    "free_port",
]


#: Default memory cap of one query worker (its address space).
DEFAULT_MEMORY = 2 * 2**30


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def oxigraph_command() -> str:
    """Path of the ``oxigraph`` executable (the ``oxigraph`` package on PyPI)."""
    found = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    if not Path(found).exists():
        raise MissingFile("oxigraph", "the oxigraph server is not installed: pip install oxigraph")
    return found


def prepare_store(nquads: Path, location: Path) -> Path:
    """(Re)create the on-disk store at ``location`` from ``nquads`` unless it is already newer."""
    stamp = location / ".loaded-from"
    if (
        stamp.exists()
        and stamp.stat().st_mtime >= nquads.stat().st_mtime
        and stamp.read_text() == str(nquads.resolve())
    ):
        return location
    if location.exists() and any(location.iterdir()) and not stamp.exists():
        raise ServerError(f"{location} is not empty and holds no store made by kg serve: not replacing it")
    if location.exists():
        shutil.rmtree(location)
    location.mkdir(parents=True)
    subprocess.run(
        [oxigraph_command(), "load", "--location", str(location), "--file", str(nquads)],
        check=True,
        capture_output=True,
    )
    stamp.write_text(str(nquads.resolve()))
    return location


def _listen(bind: str, port: int) -> socket.socket:
    """A listening socket on ``bind:port``; a port in use is one line, not a traceback."""
    family = socket.AF_INET6 if ":" in bind else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)  # so asyncio sets TCP_NODELAY
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((bind, port))
    except OSError as err:
        sock.close()
        raise ServerError(f"cannot listen on {bind}:{port}: {err.strerror}") from None
    sock.listen(2048)
    return sock


def serve(
    nquads: Path,
    location: Path | None = None,
    bind: str = "127.0.0.1",
    port: int = 7878,
    timeout: float = 30,
    workers: int | None = None,
    memory: int = DEFAULT_MEMORY,
    site: Path | None = None,
    answers: int = 64 * 2**20,
) -> int:
    """Run the server in the foreground until SIGINT, SIGTERM or SIGHUP; return its exit status.

    ``location``: serve this on-disk store (loaded from ``nquads`` when older) instead of
    holding the graph in each worker's memory. ``site``: the portal folder to serve beside
    ``/query``, so that entity IRIs dereference (see :mod:`kg.serve.app`). ``answers``: bytes
    of recent answers kept and given again (:class:`kg.serve.pool.Answers`; 0: none).
    """
    import uvicorn

    from kg.serve.app import create_app
    from kg.serve.pool import Pool, default_workers

    if not nquads.exists():
        raise MissingFile(nquads, "no built dataset: run kg build first")
    if location is not None:
        prepare_store(nquads, location)
    sock = _listen(bind, port)
    pool = Pool(nquads, location, workers or default_workers(), timeout, memory, answers=answers)

    app = create_app(pool, site=site)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False, limit_concurrency=1024))
    signal.signal(signal.SIGHUP, lambda *_: setattr(server, "should_exit", True))

    async def run():
        await pool.start()  # before uvicorn, so that a worker that cannot start is one message
        shown = f"[{bind}]" if ":" in bind else bind
        print(
            f"SPARQL endpoint: http://{shown}:{port}/query   ({pool.workers} workers, {timeout:g} s and "
            f"{format_size(memory)} per query; read-only; Ctrl-C stops)",
            flush=True,
        )
        await server.serve(sockets=[sock])

    try:
        asyncio.run(run())
    except KeyboardInterrupt:
        pass
    finally:
        sock.close()
    print("server stopped", flush=True)
    return 0 if server.started else 1


def wait_until_up(url: str, process: subprocess.Popen, seconds: float) -> None:
    """Return once the server at ``url`` answers a query; raise if it exits or stays silent for ``seconds``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            said = process.stderr.read() if process.stderr else ""
            raise RuntimeError(f"server exited with {process.returncode}: {said}")
        try:
            urllib.request.urlopen(url + "/query?query=ASK%7B%7D", timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"server at {url} did not answer within {seconds} s")


@contextmanager
def running_server(
    nquads: Path,
    location: Path | None = None,
    timeout: float = 30,
    start_within: float = 60,
    workers: int | None = None,
    memory: int = DEFAULT_MEMORY,
    site: Path | None = None,
    answers: int | None = None,
):
    """``kg serve`` on a free loopback port, in a child process, while the block runs; yields its base URL.

    ``location``: an on-disk store folder, as for :func:`serve` (default: the graph in memory).
    ``site``: a portal folder to serve beside ``/query`` (default: none).
    ``timeout`` is the per-query limit in seconds; ``answers`` the bytes of answers kept (default: kg serve's).
    The server and its workers always stop afterwards.
    """
    port = free_port()
    command = [sys.executable, "-m", "kg.cli", "serve", "--graph", str(nquads), "--port", str(port)]
    command += ["--timeout", str(timeout), "--memory-limit", str(memory)]
    if workers:
        command += ["--workers", str(workers)]
    if answers is not None:
        command += ["--answer-cache", str(answers)]
    if location:
        command += ["--location", str(location)]
    command += ["--site", str(site)] if site else ["--no-site"]
    url = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=log)
        try:
            try:
                wait_until_up(url, process, start_within)
            except RuntimeError as err:
                log.seek(0)
                raise RuntimeError(f"{err}\n{log.read().decode('utf-8', 'replace')}") from None
            yield url
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
