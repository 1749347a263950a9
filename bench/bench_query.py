"""Query phases of bench_scale on a library already built (no import, no GUI).

    python bench/bench_query.py LIBRARY QUERIES.json [--cold-runs 3] [--profile N] [--save OUT.json]

LIBRARY is a library made by `bench_scale.py --keep DIR` (DIR/library-3000) and QUERIES
its queries (DIR/queries-3000.json). Prints what bench_scale prints for queries: warm
p50/p95/p99 of every query (snippets of the first 20 hits included) in one search
process, per kind, the peak RSS of that process, and the first query of fresh processes
(common, rare, substring) beside a bare `python -c pass`, with the load average before
and after. `--profile N` also lists the N slowest warm queries.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_scale  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("library")
    parser.add_argument("queries")
    parser.add_argument("--cold-runs", type=int, default=3)
    parser.add_argument("--profile", type=int, default=0, metavar="N")
    parser.add_argument("--save", metavar="OUT")
    args = parser.parse_args()
    queries = json.loads(Path(args.queries).read_text(encoding="utf-8"))
    load_before = os.getloadavg()
    search = bench_scale.child("search", args.library, args.queries)
    kinds = [k for k, _q in queries]
    cold: dict[str, list[float]] = {}
    for label, query in (("工发组织 (common)", "工发组织"), ("rare symbol", queries[kinds.index("rare")][1]),
                         ("substring", queries[kinds.index("substring")][1])):
        cold[label] = [bench_scale.child("cold", args.library, query)["seconds"] for _ in range(args.cold_runs)]
    bare = []
    for _ in range(args.cold_runs):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        bare.append(time.perf_counter() - started)
    load_after = os.getloadavg()

    costs = [c for _k, c, _t in search["costs"]]
    p95 = bench_scale.percentile(costs, 0.95)
    target = bench_scale.TARGETS["warm_p95_ms"]
    print(f"load average before {load_before[0]:.2f} {load_before[1]:.2f}, after {load_after[0]:.2f} {load_after[1]:.2f}")
    print(f"{len(costs)} warm queries in one process (ms), snippets of the first 20 hits included")
    print(f"  all: p50 / p95 / p99   {statistics.median(costs):8.1f} {p95:8.1f} {bench_scale.percentile(costs, 0.99):8.1f}"
          f"   p95 < {target:.0f} ms {'MET' if p95 < target else 'NOT MET'}")
    for kind, values in bench_scale.by_kind(search["costs"]).items():
        times = [v[0] for v in values]
        print(f"  {kind + ' (' + str(len(values)) + ')':18} p50 / p95 / max {statistics.median(times):8.1f} "
              f"{bench_scale.percentile(times, 0.95):8.1f} {max(times):8.1f}   median {statistics.median(v[1] for v in values):.0f} hits")
    rss_target = bench_scale.TARGETS["search_rss_mb"]
    print(f"peak RSS search process {search['rss_mb']:.0f} MB   < {rss_target:.0f} {'MET' if search['rss_mb'] < rss_target else 'NOT MET'}")
    print(f"first query of a fresh process (s), median of {args.cold_runs}; python -c pass {statistics.median(bare):.2f} s")
    for label, runs in cold.items():
        median = statistics.median(runs)
        print(f"  {label:20} {median:6.2f}   < {bench_scale.TARGETS['cold_s']:.0f} s {'MET' if median < bench_scale.TARGETS['cold_s'] else 'NOT MET'}"
              f"   runs {' '.join(f'{r:.2f}' for r in runs)}")
    print(f"  in the search process (工发组织) {search['cold']:.2f} s, {search['cold_total']} hits")
    if args.profile:
        print(f"slowest {args.profile} warm queries")
        for (kind, query), (_k, cost, total) in sorted(zip(queries, search["costs"]), key=lambda p: -p[1][1])[: args.profile]:
            print(f"  {cost:8.1f} ms {total:8} hits  {kind:10} {query}")
    if args.save:
        Path(args.save).write_text(json.dumps({"load": [load_before, load_after], "search": search, "cold": cold,
                                               "bare": bare}, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
