"""Bounded load on the real read-only Oxigraph server, on loopback only.

Starts ``oxigraph serve-read-only`` over build/kg.nq on a free 127.0.0.1 port,
then ``--clients`` threads each send ``--requests`` named queries (round robin,
parameters bound as in ``kg query``), and prints throughput, p50 and p99
latency and the number of errors (which should be 0). The server is always
stopped at the end.

    python benchmarks/bench_server.py [--clients 8] [--requests 200]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from kg.endpoint import Endpoint
from kg.paths import DEFAULT_OUT_DIR
from kg.queries import bind, library, with_values
from kg.serve import free_port, prepare_store, server_command


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=200, help="per client")
    args = parser.parse_args()
    location = prepare_store(DEFAULT_OUT_DIR / "kg.nq", Path(tempfile.mkdtemp()) / "store")
    port = free_port()
    server = subprocess.Popen(
        server_command(location, "127.0.0.1", port, timeout=30), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    url = f"http://127.0.0.1:{port}/query"
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(url + "?query=ASK%7B%7D", timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        endpoint = Endpoint(url, timeout=60)
        texts = [with_values(q.text, bind(endpoint, q, q.example_params())) for q in library().values()]
        latencies, errors, lock = [], [], threading.Lock()

        def client(offset: int):
            for i in range(args.requests):
                text = texts[(offset + i) % len(texts)]
                start = time.perf_counter()
                try:
                    endpoint.select(text)
                    with lock:
                        latencies.append((time.perf_counter() - start) * 1000)
                except Exception as err:  # counted and shown, never hidden
                    with lock:
                        errors.append(repr(err)[:200])

        threads = [threading.Thread(target=client, args=(c,)) for c in range(args.clients)]
        start = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - start
    finally:
        server.terminate()
        server.wait(timeout=10)
    latencies.sort()
    total = args.clients * args.requests
    print(f"{args.clients} clients x {args.requests} named queries on 127.0.0.1 ({len(texts)} distinct)")
    print(
        f"throughput {total / elapsed:8.1f} queries/s   p50 {statistics.median(latencies):7.1f} ms   "
        f"p99 {latencies[int(0.99 * (len(latencies) - 1))]:7.1f} ms   errors {len(errors)}"
    )
    for error in errors[:5]:
        print("  ", error)
    return 1 if errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
