"""Speed of ``sgpos benchmark``: goal all non-embedding baselines on all configs within
15 s, the embedding ones within 3 min, on 2 cores; peak memory printed.

Each group runs in its own process (so its peak memory and the embedding model's
loading are its own), writing to a temporary folder:

    python benchmarks/bench_baselines.py [--data-dir DIR] [--resamples 1000]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time

GOALS = {"non-embedding": 15.0, "embedding": 180.0}


def run_group(group: str, data_dir: str | None, resamples: int) -> dict:
    """Run one group of baselines on every config in this process; return its figures."""
    from sgpos.baselines import BASELINES, EMBEDDING_BASELINES, embeddings_available
    from sgpos.evaluate.benchmark import run_benchmark

    if group == "embedding":
        if not embeddings_available():
            return {"group": group, "skipped": "the [embed] extra is not installed"}
        names = list(EMBEDDING_BASELINES)
    else:
        names = [name for name in BASELINES if name not in EMBEDDING_BASELINES]
    lines: list[str] = []
    wall, cpu = time.perf_counter(), time.process_time()
    with tempfile.TemporaryDirectory() as out:
        run_benchmark(",".join(names), None, out=out, data_dir=data_dir, resamples=resamples,
                      progress=lines.append)
    return {"group": group, "seconds": time.perf_counter() - wall, "cpu_seconds": time.process_time() - cpu,
            "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "progress": lines}


def main() -> None:
    """Run both groups in child processes and print their time, CPU time and peak memory."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", default=None)
    parser.add_argument("--resamples", type=int, default=1000)
    parser.add_argument("--group", choices=list(GOALS), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.group:
        print(json.dumps(run_group(args.group, args.data_dir, args.resamples)))
        return
    import os

    print(f"cores available: {len(os.sched_getaffinity(0))}")
    for group, goal in GOALS.items():
        command = [sys.executable, __file__, "--group", group, "--resamples", str(args.resamples)]
        if args.data_dir:
            command += ["--data-dir", args.data_dir]
        figures = json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
        if "skipped" in figures:
            print(f"{group}: skipped ({figures['skipped']})")
            continue
        for line in figures["progress"]:
            print(f"  {line}")
        verdict = "within" if figures["seconds"] <= goal else "OVER"
        print(f"{group}: {figures['seconds']:.1f} s wall ({verdict} the {goal:.0f} s goal), "
              f"{figures['cpu_seconds']:.1f} s CPU, peak memory {figures['peak_mib']:.0f} MiB")


if __name__ == "__main__":
    main()
