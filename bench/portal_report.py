"""Print bench/portal.sh's results as a table with the issue's goals checked.

Goals (issue 5): uncached ≥ 8 % of the bare view's requests/s with p99 < 100 ms; cached ≥ 60 %.
"article_cold" (nothing cached, not even the article's own fragments) is held to the uncached goal
too and reported, but only the page-cache miss decides the exit status.
The results file lists runs in order, a bare run between every two page runs; each page is
compared with the mean of the bare runs just before and after it.

"server CPU ms/req" is the CPU time the gunicorn workers and Redis spent per request during the
run (from /proc): unlike req/s it does not depend on what else the machine is doing, so "CPU
share" (bare CPU per request ÷ page CPU per request) is the ratio an otherwise idle machine would
show.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

UNCACHED_SHARE, UNCACHED_P99_MS, CACHED_SHARE = 0.08, 100.0, 0.60


def cpu_per_request(result: dict[str, float]) -> float:
    return result["server_cpu_s"] * 1000 / max(result["requests"], 1)


def main(path: str) -> int:
    runs = []
    for line in Path(path).read_text().splitlines():
        label, _, data = line.partition("\t")
        result = json.loads(data)
        result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
        runs.append((label, result))
    print(
        f"{'page':<18}{'req/s':>8}{'bare req/s':>11}{'% bare':>8}{'p50 ms':>8}{'p99 ms':>8}{'err':>5}"
        f"{'server CPU ms/req':>19}{'CPU share':>10}  goal"
    )
    failed = False
    for i, (label, result) in enumerate(runs):
        if label == "bare":
            continue
        around = [r["rps"] for j in (i - 1, i + 1) if 0 <= j < len(runs) for name, r in [runs[j]] if name == "bare"]
        bare = sum(around) / len(around)
        share = result["rps"] / bare
        if label.endswith(("_uncached", "_cold")):
            ok = share >= UNCACHED_SHARE and result["p99_ms"] < UNCACHED_P99_MS
            goal = f"≥ 8 % and p99 < 100 ms: {'ok' if ok else 'MISSED'}"
        else:
            ok = share >= CACHED_SHARE
            goal = f"≥ 60 %: {'ok' if ok else 'MISSED'}"
        failed |= not ok and not label.endswith("_cold")
        errors = result["errors"] + result["non2xx"]
        cpu = result["server_cpu_s"] * 1000 / max(result["requests"], 1)
        bare_cpu = [
            cpu_per_request(r) for j in (i - 1, i + 1) if 0 <= j < len(runs) for name, r in [runs[j]] if name == "bare"
        ]
        cpu_share = (sum(bare_cpu) / len(bare_cpu)) / cpu if cpu else 0.0
        print(
            f"{label:<18}{result['rps']:>8.0f}{bare:>11.0f}{share * 100:>7.1f}%{result['p50_ms']:>8.1f}"
            f"{result['p99_ms']:>8.1f}{errors:>5}{cpu:>19.2f}{cpu_share * 100:>9.1f}%  {goal}"
        )
    bares = [r for name, r in runs if name == "bare"]
    low, high = min(r["rps"] for r in bares), max(r["rps"] for r in bares)
    cpu = sum(cpu_per_request(r) for r in bares) / len(bares)
    print(f"bare view: {low:.0f}–{high:.0f} req/s over {len(bares)} runs, {cpu:.2f} server CPU ms/req")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
