"""Outputs: the build's four files are replaced as one set, even when a signal arrives at any step; nothing but a
regular file or a new path is ever overwritten; two builds into one folder take turns; kg.jsonld is reproducible."""

from __future__ import annotations

import fcntl
import os
import pathlib
import shutil
import signal
import subprocess
import sys
import threading

import pytest

from kg.atomic import Interrupted, write_files_atomic, write_set_atomic
from kg.cli import main
from kg.errors import OutputError

NAMES = ("kg.nq", "kg.ttl", "kg.jsonld", "stats.json")
OLD = {name: f"old {name}\n".encode() for name in NAMES}
NEW = {name: f"new {name}\n".encode() for name in NAMES}


def _seen(folder: pathlib.Path) -> dict:
    """What a reader at the usual paths sees."""
    return {name: (folder / name).read_bytes() if (folder / name).exists() else None for name in NAMES}


def _start(folder: pathlib.Path, layout: str) -> dict:
    """A folder as an earlier version or build left it; returns what a reader sees there."""
    if layout == "old files":  # regular files, as builds before the set layout wrote them
        folder.mkdir()
        for name, data in OLD.items():
            (folder / name).write_bytes(data)
    elif layout == "earlier set":
        write_set_atomic(folder, OLD)
    return _seen(folder)


class _SignalAt:
    """Send ``signum`` to this process at the ``n``-th file-system change, from inside that call."""

    def __init__(self, n: int, signum: int):
        self.n, self.signum, self.calls = n, signum, 0

    def wrap(self, function):
        def changed(*args, **kwargs):
            self.calls += 1
            if self.calls == self.n:
                os.kill(os.getpid(), self.signum)
            return function(*args, **kwargs)

        return changed


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
@pytest.mark.parametrize("layout", ["no folder", "old files", "earlier set"])
def test_a_signal_at_any_step_leaves_the_old_set_or_the_new(tmp_path, monkeypatch, layout, signum):
    steps = 0
    for n in range(1, 100):
        folder = tmp_path / f"run{n}"
        before = _start(folder, layout)
        hook = _SignalAt(n, signum)
        with monkeypatch.context() as patch:
            for module, name in ((os, "replace"), (os, "symlink"), (os, "link"), (os, "chmod"), (os, "rename")):
                patch.setattr(module, name, hook.wrap(getattr(module, name)))
            patch.setattr(pathlib.Path, "write_bytes", hook.wrap(pathlib.Path.write_bytes))
            patch.setattr(shutil, "rmtree", hook.wrap(shutil.rmtree))
            try:
                write_set_atomic(folder, NEW)
                interrupted = False
            except (Interrupted, KeyboardInterrupt):
                interrupted = True
        seen = _seen(folder)
        assert seen in (before, NEW), f"interrupted at step {n}: {seen}"
        assert list(folder.glob("*.tmp")) + list(folder.glob(".*.tmp")) == []
        if not interrupted:
            break
        steps += 1
        write_set_atomic(folder, NEW)  # the next build finishes the job and tidies up
        assert _seen(folder) == NEW
        assert len(list(folder.glob(".kg-*"))) == 1
    assert steps >= 8  # every step was interrupted once, and then a run went through


def test_interrupted_build_leaves_the_earlier_build_and_says_so(built, tmp_path, monkeypatch, capsys):
    out = tmp_path / "out"
    shutil.copytree(built, out, symlinks=True)
    before = _seen(out)
    hook = _SignalAt(3, signal.SIGTERM)
    monkeypatch.setattr(pathlib.Path, "write_bytes", hook.wrap(pathlib.Path.write_bytes))
    assert main(["build", "--out", str(out)]) == 128 + signal.SIGTERM
    assert "stopped by signal 15" in capsys.readouterr().err
    assert _seen(out) == before
    assert len(list(out.glob(".kg-*"))) == 1


@pytest.mark.parametrize("kind", ["symlink", "fifo", "folder"])
def test_output_that_is_not_a_regular_file_is_refused(tmp_path, kind):
    target = tmp_path / "victim.txt"
    target.write_text("keep me\n")
    out = tmp_path / "out.graphml"
    if kind == "symlink":
        out.symlink_to(target)
    elif kind == "fifo":
        os.mkfifo(out)
    else:
        out.mkdir()
    with pytest.raises(
        OutputError, match=f"{out} is a {'FIFO' if kind == 'fifo' else kind.replace('symlink', 'symbolic link')}"
    ):
        write_files_atomic(tmp_path, {"out.graphml": b"x"})
    assert target.read_text() == "keep me\n"
    assert (out.is_symlink(), out.is_fifo(), out.is_dir()) == (kind == "symlink", kind == "fifo", kind == "folder")


def test_export_to_a_device_is_refused(built, capsys):
    assert main(["export", "--graph", str(built), "--format", "graphml", "--out", "/dev/null"]) == 2
    assert capsys.readouterr().err.strip() == "/dev/null is a device: expected a regular file or a new path to write to"
    assert pathlib.Path("/dev/null").is_char_device()


def test_build_out_that_is_a_file_is_refused(tmp_path, capsys):
    out = tmp_path / "build"
    out.write_text("not a folder\n")
    with pytest.raises(OutputError, match="is not a folder"):
        write_set_atomic(out, NEW)
    assert out.read_text() == "not a folder\n"


def test_two_builds_into_one_folder_take_turns(tmp_path):
    folder = tmp_path / "out"
    write_set_atomic(folder, OLD)
    told = []
    with open(folder / ".lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # a build is writing
        second = threading.Thread(target=lambda: write_set_atomic(folder, NEW, on_wait=told.append))
        second.start()
        second.join(timeout=1)
        assert second.is_alive() and _seen(folder) == OLD  # waiting, and said so
        assert told == [f"another build is writing to {folder}: waiting for it to finish"]
    second.join(timeout=10)
    assert _seen(folder) == NEW


@pytest.mark.slow
def test_jsonld_is_byte_identical_across_hash_seeds(tmp_path):
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / seed
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run(
            [sys.executable, "-m", "kg.cli", "build", "--out", str(out)], check=True, env=env, capture_output=True
        )
        outputs.append({name: (out / name).read_bytes() for name in NAMES})
    assert outputs[0] == outputs[1]


def test_figure_over_a_link_is_refused(built, tmp_path, capsys):
    target = tmp_path / "victim.txt"
    target.write_text("keep me\n")
    out = tmp_path / "map.png"
    out.symlink_to(target)
    assert main(["figure", "map", "--graph", str(built), "--out", str(out)]) == 2
    assert (
        capsys.readouterr().err.strip()
        == f"{out} is a symbolic link: expected a regular file or a new path to write to"
    )
    assert target.read_text() == "keep me\n" and out.is_symlink()
