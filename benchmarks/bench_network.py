"""Cooperation chains and betweenness on the real network and on larger synthetic ones.

Prints, for the real cooperation network and for networks 10 and 100 times
larger (copies of the real one joined by seeded random ties), the median and
95th-percentile time of ``chains(a, b, max_hops=4, k=10)`` between random
region pairs, and the time of betweenness: exact where the graph has at most
2,000 nodes, else sampled from 500 sources (``k`` of networkx), as
``kg.network.bridges`` does. Figures, not assertions.

    python benchmarks/bench_network.py [--pairs 40] [--factors 10,100]
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

import networkx as nx

from kg.evidence import Evidence
from kg.network import bridges, chains, cooperation_network
from kg.store import load


def scaled_network(G: nx.Graph, factor: int, ties: int = 20, seed: int = 42) -> nx.Graph:
    """``factor`` relabelled copies of ``G`` joined by ``ties`` random edges per copy."""
    rng = random.Random(seed)
    copies = [nx.relabel_nodes(G, {n: f"{n}#s{i}" for n in G}) if i else G.copy() for i in range(factor)]
    H = nx.union_all(copies)
    nodes = list(G)
    for i in range(1, factor):
        for _ in range(ties):
            a, b = rng.choice(nodes), rng.choice(nodes)
            source, target = f"{a}#s{i}", f"{b}#s{i - 1}" if i > 1 else b
            H.add_edge(source, target, evidence=[Evidence("cooperatesWith", source, target, "synthetic", "-")])
    H.graph.pop("names", None)
    return H


def chain_times(G: nx.Graph, regions: list[str], pairs: int, seed: int = 7) -> list[float]:
    rng = random.Random(seed)
    times = []
    for _ in range(pairs):
        a, b = rng.sample(regions, 2)
        start = time.perf_counter()
        chains(G, a, b, max_hops=4, k=10)
        times.append((time.perf_counter() - start) * 1000)
    return times


def report(label: str, G: nx.Graph, pairs: int) -> tuple[float, float]:
    regions = [n for n, d in G.nodes(data=True) if d.get("type") == "Region"]
    chains(G, regions[0], regions[1])  # builds the name index once
    times = sorted(chain_times(G, regions, pairs))
    start = time.perf_counter()
    rows = bridges(G, top=5)
    betweenness = time.perf_counter() - start
    p50, p95 = statistics.median(times), times[int(0.95 * (len(times) - 1))]
    print(
        f"{label:<14} {G.number_of_nodes():>7} {G.number_of_edges():>7} {p50:10.1f} {p95:10.1f} "
        f"{betweenness:12.2f}  {rows[0]['method']}"
    )
    return p50, betweenness


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=40)
    parser.add_argument("--factors", default="10,100")
    args = parser.parse_args()
    G = cooperation_network(load())
    print(
        f"{'network':<14} {'nodes':>7} {'edges':>7} {'chains p50':>10} {'chains p95':>10} {'betweenness s':>12}  method"
    )
    base_chain, base_bc = report("real", G, args.pairs)
    for factor in (int(f) for f in args.factors.split(",")):
        chain_p50, bc = report(f"synthetic x{factor}", scaled_network(G, factor), args.pairs)
        print(f"{'':<14} growth vs real: chains {chain_p50 / base_chain:.1f}x, betweenness {bc / base_bc:.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
