"""The query workers behind ``kg serve``: a pool of processes, one query each at a time.

Oxigraph cannot cancel a running query (its HTTP server keeps computing after its own
timeout, tracker issue #1336), so the only sure way to stop one is to end the process that
runs it. Each worker (:mod:`kg.serve.worker`) holds the graph and answers one query at a
time. The front hands a query to an idle worker and waits at most ``timeout`` seconds; past
that it kills the worker (SIGKILL), answers 503 and starts a fresh worker in the background.
A query still running after ``slow_after`` seconds has its worker lowered to nice 10, so the
short queries of other clients keep the cores, and that worker is replaced once it answers.
A worker caps its own memory, so a query that grows past the cap ends it, and it is replaced
the same way. Other clients are answered by the other workers meanwhile.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import re
import signal
import sys
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import ServerError
from kg.limits import format_size
from kg.serve.worker import EXIT_MEMORY

__all__ = ["Answer", "Answers", "Pool", "default_workers"]

log = logging.getLogger("kg.serve")


def default_workers() -> int:
    """Cores + 4 (at most 16): a few runaway queries leave workers free for everyone else."""
    return min(16, (os.cpu_count() or 1) + 4)


@dataclass(frozen=True)
class Answer:
    status: int
    media_type: str
    body: bytes

    @classmethod
    def text(cls, status: int, message: str) -> Answer:
        return cls(status, "text/plain; charset=utf-8", message.encode("utf-8"))


#: Functions whose value differs from one evaluation to the next: their answers are never kept.
_VOLATILE = re.compile(r"\b(RAND|NOW|UUID|STRUUID|BNODE)\s*\(", re.IGNORECASE)


class Answers:
    """The last answers given, by query text and Accept header, up to ``limit`` bytes of bodies (least recent out).

    The served graph does not change while the server runs, so an answer holds until it stops.
    Only successful answers are kept, and never those of a query calling RAND, NOW, UUID,
    STRUUID or BNODE.

    >>> kept = Answers(limit=16)   # bytes of query texts and bodies
    >>> kept.put(("q1", ""), Answer(200, "text/csv", b"123456"))
    >>> kept.put(("q2", ""), Answer(200, "text/csv", b"7890"))
    >>> kept.get(("q1", "")).body, kept.get(("q2", "")).body
    (b'123456', b'7890')
    >>> kept.put(("q3", ""), Answer(200, "text/csv", b"ab"))   # over 16 bytes: the least recent goes
    >>> kept.get(("q1", "")) is None, kept.get(("q3", "")).body
    (True, b'ab')
    """

    def __init__(self, limit: int):
        self.limit = limit
        self._kept: OrderedDict[tuple[str, str], Answer] = OrderedDict()
        self._size = 0

    def get(self, key: tuple[str, str]) -> Answer | None:
        answer = self._kept.get(key)
        if answer is not None:
            self._kept.move_to_end(key)
        return answer

    def may_keep(self, key: tuple[str, str]) -> bool:
        """Whether an answer to this query may be kept (the cache is on and the query is not volatile)."""
        return self.limit > 0 and not _VOLATILE.search(key[0])

    def put(self, key: tuple[str, str], answer: Answer) -> None:
        size = len(answer.body) + len(key[0])
        if answer.status != 200 or size > self.limit or key in self._kept or not self.may_keep(key):
            return
        self._kept[key] = answer
        self._size += size
        while self._size > self.limit:
            old, dropped = self._kept.popitem(last=False)
            self._size -= len(dropped.body) + len(old[0])


@dataclass(eq=False)
class _Worker:
    process: asyncio.subprocess.Process
    slow: bool = False


@dataclass
class Pool:
    """``workers`` processes over ``graph`` (or the on-disk store at ``location``), each capped at ``memory`` bytes.

    ``answers``: bytes of recent answers kept and given again without asking a worker (:class:`Answers`; 0: none).
    """

    graph: Path
    location: Path | None = None
    workers: int = field(default_factory=default_workers)
    timeout: float = 30.0
    memory: int = 2 * 2**30
    slow_after: float = 1.0
    start_within: float = 300.0
    answers: int = 64 * 2**20

    def __post_init__(self):
        self._idle: asyncio.LifoQueue[_Worker] = asyncio.LifoQueue()  # the warmest worker first
        self._all: set[_Worker] = set()
        self._closing = False
        self._replacing: set[asyncio.Task] = set()
        self._answers = Answers(self.answers)
        self._asked: dict[tuple[str, str], asyncio.Task] = {}  # queries a worker is answering, by text and Accept

    @property
    def started(self) -> bool:
        return bool(self._all)

    async def start(self) -> None:
        """Start every worker and wait until each holds the graph; :class:`ServerError` if one cannot."""
        started = await asyncio.gather(*(self._spawn() for _ in range(self.workers)), return_exceptions=True)
        failed = [outcome for outcome in started if isinstance(outcome, BaseException)]
        if failed:
            await self.close()
            raise failed[0]
        for worker in started:
            self._idle.put_nowait(worker)

    async def _spawn(self) -> _Worker:
        command = [sys.executable, "-m", "kg.serve.worker", "--graph", str(self.graph), "--memory", str(self.memory)]
        if self.location:
            command += ["--location", str(self.location)]
        process = await asyncio.create_subprocess_exec(
            *command, stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE
        )
        worker = _Worker(process)
        self._all.add(worker)
        try:
            ready = json.loads(await asyncio.wait_for(process.stdout.readline(), self.start_within) or b"{}")
        except TimeoutError:
            ready = {}
        if ready.get("status") != 0:
            self._kill(worker)
            status = await process.wait()
            raise ServerError(f"a query worker could not start: {ready.get('error') or f'exit status {status}'}")
        return worker

    async def query(self, text: str, accept: str = "") -> Answer:
        """The answer to ``text``: one kept from before, else an idle worker's; 503 when no worker frees up in time
        or a limit is reached. Where answers are kept, the same query asked again while a worker answers it waits
        for that answer instead of taking another worker."""
        key = (text, accept)
        kept = self._answers.get(key)
        if kept is not None:
            return kept
        if not self._answers.may_keep(key):
            return await self._ask(text, accept)
        asked = self._asked.get(key)
        if asked is None:
            asked = self._asked[key] = asyncio.ensure_future(self._ask(text, accept))
            asked.add_done_callback(lambda done: self._answered(key, done))
        return await asyncio.shield(asked)  # a client that leaves does not stop the answer of the others

    def _answered(self, key: tuple[str, str], done: asyncio.Task) -> None:
        del self._asked[key]
        if not done.cancelled() and done.exception() is None:
            self._answers.put(key, done.result())

    async def _ask(self, text: str, accept: str) -> Answer:
        try:
            worker = await asyncio.wait_for(self._idle.get(), self.timeout)
        except TimeoutError:
            return Answer.text(503, f"every query worker stayed busy for {self.timeout:g} s: try again later")
        loop = asyncio.get_running_loop()
        lower = loop.call_later(self.slow_after, self._lower, worker)
        reusable = False
        try:
            answer = await asyncio.wait_for(self._exchange(worker, text, accept), self.timeout)
            reusable = not worker.slow
            return answer
        except TimeoutError:
            return Answer.text(503, f"the query was stopped after {self.timeout:g} s, the server's time limit")
        except (asyncio.IncompleteReadError, ConnectionError, json.JSONDecodeError):
            status = await worker.process.wait()
            if status in (-signal.SIGABRT, EXIT_MEMORY):
                return Answer.text(
                    503, f"the query was stopped: it needed more memory than the cap of {format_size(self.memory)}"
                )
            return Answer.text(500, f"the query worker ended unexpectedly (exit status {status})")
        finally:
            lower.cancel()
            if reusable and not self._closing:
                self._idle.put_nowait(worker)
            else:
                self._replace(worker)

    async def _exchange(self, worker: _Worker, text: str, accept: str) -> Answer:
        process = worker.process
        process.stdin.write(json.dumps({"query": text, "accept": accept}).encode("utf-8") + b"\n")
        await process.stdin.drain()
        header = json.loads(await process.stdout.readline())
        body = await process.stdout.readexactly(header["length"])
        return Answer(header["status"], header["type"], body)

    def _lower(self, worker: _Worker) -> None:
        worker.slow = True
        try:
            os.setpriority(os.PRIO_PROCESS, worker.process.pid, 10)
        except OSError:
            pass

    def _kill(self, worker: _Worker) -> None:
        self._all.discard(worker)
        if worker.process.returncode is None:
            worker.process.kill()

    def _replace(self, worker: _Worker) -> None:
        """Kill ``worker`` and start another in the background."""
        self._kill(worker)
        if not self._closing:
            task = asyncio.ensure_future(self._respawn(worker))
            self._replacing.add(task)
            task.add_done_callback(self._replacing.discard)

    async def _respawn(self, old: _Worker) -> None:
        await old.process.wait()
        delay = 0.5
        while not self._closing:
            try:
                self._idle.put_nowait(await self._spawn())
                return
            except (ServerError, OSError) as err:
                log.error("could not replace a query worker (%s); trying again in %g s", err, delay)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 30)

    async def close(self) -> None:
        """Stop every worker, busy or idle, and wait for them."""
        self._closing = True
        for task in self._replacing:
            task.cancel()
        workers = list(self._all)
        for worker in workers:
            self._kill(worker)
        await asyncio.gather(*(w.process.wait() for w in workers))
