"""Print bench/portal.sh's results as a table with the issue's goals checked.

Goals (issue 5): uncached ≥ 8 % of the bare view's requests/s with p99 < 100 ms; cached ≥ 60 %.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

UNCACHED_SHARE, UNCACHED_P99_MS, CACHED_SHARE = 0.08, 100.0, 0.60


def main(path: str) -> int:
    rows = {}
    for line in Path(path).read_text().splitlines():
        label, _, data = line.partition("\t")
        result = json.loads(data)
        result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
        rows[label] = result
    bare = rows["bare"]["rps"]
    if "bare_again" in rows:
        bare = (bare + rows["bare_again"]["rps"]) / 2
    print(f"{'page':<20}{'req/s':>10}{'% bare':>9}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}  goal")
    failed = False
    for label, result in rows.items():
        share = result["rps"] / bare
        goal = ""
        if label.endswith("_uncached"):
            ok = share >= UNCACHED_SHARE and result["p99_ms"] < UNCACHED_P99_MS
            goal = f"≥ 8 % and p99 < 100 ms: {'ok' if ok else 'MISSED'}"
            failed |= not ok
        elif label.endswith("_cached"):
            ok = share >= CACHED_SHARE
            goal = f"≥ 60 %: {'ok' if ok else 'MISSED'}"
            failed |= not ok
        errors = result["errors"] + result["non2xx"]
        print(
            f"{label:<20}{result['rps']:>10.0f}{share * 100:>8.1f}%{result['p50_ms']:>9.1f}{result['p99_ms']:>9.1f}"
            f"{errors:>8}  {goal}"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
