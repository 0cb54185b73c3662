"""Serve the built dataset with the real Oxigraph SPARQL server, read-only.

``serve()`` loads ``build/kg.nq`` into an on-disk Oxigraph store (with the
``oxigraph`` command from PyPI, so server and store always agree on the
format), then runs ``oxigraph serve-read-only`` on loopback with the union of
the named graphs as default graph and a query timeout. The server offers its
query UI at ``/``, SPARQL at ``/query`` and refuses every update.
``running_server()`` does the same in the background for a notebook or a test
and always stops it.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from kg.errors import MissingFile

__all__ = [
    "oxigraph_command",
    "prepare_store",
    "server_command",
    "serve",
    "running_server",
    "wait_until_up",
    "free_port",
]


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


def server_command(location: Path, bind: str = "127.0.0.1", port: int = 7878, timeout: int = 30) -> list[str]:
    """The command line of a read-only server over ``location``."""
    return [
        oxigraph_command(),
        "serve-read-only",
        "--location",
        str(location),
        "--bind",
        f"{bind}:{port}",
        "--union-default-graph",
        "--timeout-s",
        str(timeout),
    ]


def serve(nquads: Path, location: Path, bind: str = "127.0.0.1", port: int = 7878, timeout: int = 30) -> int:
    """Run the server in the foreground until Ctrl-C; return its exit status."""
    if not nquads.exists():
        raise MissingFile(nquads, "no built dataset: run kg build first")
    prepare_store(nquads, location)
    process = subprocess.Popen(server_command(location, bind, port, timeout))
    print(
        f"SPARQL endpoint: http://{bind}:{port}/query   query UI: http://{bind}:{port}/   (read-only; Ctrl-C stops)",
        flush=True,
    )
    try:
        return process.wait()
    except KeyboardInterrupt:
        process.terminate()
        process.wait(timeout=10)
        print("server stopped")
        return 0


def wait_until_up(url: str, process: subprocess.Popen, seconds: float) -> None:
    """Return once the server at ``url`` answers a query; raise if it exits or stays silent for ``seconds``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}: {process.stderr.read()}")
        try:
            urllib.request.urlopen(url + "/query?query=ASK%7B%7D", timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"server at {url} did not answer within {seconds} s")


@contextmanager
def running_server(nquads: Path, location: Path | None = None, timeout: int = 30, start_within: float = 20):
    """The read-only server on a free loopback port while the block runs; yields its base URL.

    The store goes in ``location`` (default: a temporary folder, removed afterwards).
    ``timeout`` is the server's per-query limit in seconds.
    """
    with tempfile.TemporaryDirectory() as scratch:
        store = prepare_store(Path(nquads), location or Path(scratch) / "oxigraph")
        port = free_port()
        process = subprocess.Popen(
            server_command(store, "127.0.0.1", port, timeout),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            wait_until_up(url, process, start_within)
            yield url
        finally:
            process.terminate()
            process.wait(timeout=10)
