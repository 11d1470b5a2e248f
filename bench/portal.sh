#!/usr/bin/env bash
# Portal throughput with wrk on loopback: a bare Django view returning ~30 KB (the machine's ceiling
# for a Python view) against the article, home and category pages, uncached and from the page cache.
# Same run, same server: gunicorn with 2 sync workers, Redis for the caches, SQLite in WAL mode.
#
#   bench/portal.sh                       # 100,000 generated articles (generated once, then reused)
#   ARTICLES=20000 DURATION=10s bench/portal.sh
#
# Needs wrk (apt-get install -y wrk) and redis-server. Everything lives under $BENCH_DIR; the
# database is regenerated when ARTICLES changes. "Uncached" requests carry X-Phoihop-No-Cache: 1,
# which only a PHOIHOP_BENCH=1 server honours: the page cache treats them as misses, so they take
# the whole miss path (token reads, routing, queries, templates, storing the page) — what a reader
# meets after anything the page shows changed. The article's own parts (its text, photos, bylines,
# structured data) are fragments kept until the article itself changes (portal/cache.py); the
# "article_cold" run (X-Phoihop-No-Cache: all) skips those too: the first view after an edit.
set -euo pipefail
cd "$(dirname "$0")/.."

ARTICLES=${ARTICLES:-100000}
BENCH_DIR=${BENCH_DIR:-/tmp/phoihop-bench}
PORT=${PORT:-8391}
REDIS_PORT=${REDIS_PORT:-6391}
DURATION=${DURATION:-15s}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-2}
WORKERS=2
PY=.venv/bin/python

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
command -v redis-server >/dev/null || { echo "redis-server is missing: apt-get install -y redis-server" >&2; exit 1; }

mkdir -p "$BENCH_DIR"
export PHOIHOP_VAR_DIR="$BENCH_DIR/var"
export DJANGO_SETTINGS_MODULE=config.settings.production
export SECRET_KEY="bench-only-not-secret-$(printf 'x%.0s' {1..32})"
export ALLOWED_HOSTS=127.0.0.1,localhost
export SECURE_COOKIES=0
export PHOIHOP_BENCH=1
export REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0"
export LOG_LEVEL=WARNING

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM

redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --loglevel warning >"$BENCH_DIR/redis.log" 2>&1 &
pids+=($!)

marker="$BENCH_DIR/generated-$ARTICLES"
if [[ ! -f $marker ]]; then
  echo "== generating $ARTICLES articles in $BENCH_DIR (once)"
  rm -rf "$PHOIHOP_VAR_DIR" "$BENCH_DIR"/generated-*
  .venv/bin/phoihop migrate --no-input -v 0
  $PY bench/portal_generate.py --articles "$ARTICLES" --out "$BENCH_DIR"
  touch "$marker"
fi
.venv/bin/phoihop migrate --no-input -v 0
.venv/bin/phoihop collectstatic --no-input -v 0

cat >"$BENCH_DIR/paths.lua" <<'LUA'
-- Cycle through the paths listed in the file given after `--`; print one JSON line at the end.
local paths = {}
local i = 0
init = function(args)
  for line in io.lines(args[1]) do paths[#paths + 1] = line end
  i = math.random(#paths)
end
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'RESULT {"requests": %d, "duration_us": %d, "errors": %d, "non2xx": %d, "p50_ms": %.2f, "p99_ms": %.2f, "mean_ms": %.2f}\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.mean / 1000))
end
LUA
echo "/__bench/bare/" >"$BENCH_DIR/bare.txt"

.venv/bin/gunicorn config.wsgi -w "$WORKERS" -b "127.0.0.1:$PORT" --log-level warning >"$BENCH_DIR/gunicorn.log" 2>&1 &
pids+=($!)
for _ in $(seq 50); do curl -fso /dev/null "http://127.0.0.1:$PORT/__bench/bare/" && break; sleep 0.2; done

base="http://127.0.0.1:$PORT"
echo "== warming (renditions, page cache) and checking the pages answer 200"
for list in home categories articles; do
  while read -r path; do
    code=$(curl -so /dev/null -w '%{http_code}' "$base$path")
    [[ $code == 200 ]] || { echo "GET $path → $code" >&2; exit 1; }
  done <"$BENCH_DIR/$list.txt"
done
curl -so /dev/null -D - -H 'X-Phoihop-No-Cache: 1' "$base$(head -1 "$BENCH_DIR/articles.txt")" | grep -qi '^x-cache: miss' \
  || { echo "the no-cache header was not honoured" >&2; exit 1; }
curl -so /dev/null -D - "$base$(head -1 "$BENCH_DIR/articles.txt")" | grep -qi '^x-cache: hit' \
  || { echo "the page cache does not answer" >&2; exit 1; }

results="$BENCH_DIR/results.txt"
: >"$results"
gunicorn_pid=${pids[1]}
server_ticks() {  # CPU time (clock ticks) used so far by the gunicorn workers and Redis: the server side
  local total=0 pid
  for pid in $(pgrep -P "$gunicorn_pid") "${pids[0]}"; do
    [[ -r /proc/$pid/stat ]] && total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat")))
  done
  echo "$total"
}
run() {  # label, list, extra wrk args…
  local label=$1 list=$2; shift 2
  local before after line
  before=$(server_ticks)
  line=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s "$BENCH_DIR/paths.lua" "$@" "$base" -- "$BENCH_DIR/$list.txt" \
    | sed -n 's/^RESULT //p')
  after=$(server_ticks)
  printf '%s\t%s\n' "$label" "${line%\}}, \"server_cpu_s\": $(awk "BEGIN {print ($after - $before) / $(getconf CLK_TCK)}")}" | tee -a "$results"
}
# The bare view runs between every two measurements: each page is compared with the bare runs just
# before and after it, which keeps the ratios honest on a machine that is not idle.
run bare bare
for page in article home category; do
  list=$page; [[ $page == article ]] && list=articles; [[ $page == category ]] && list=categories
  run "${page}_uncached" "$list" -H 'X-Phoihop-No-Cache: 1'
  run bare bare
  if [[ $page == article ]]; then
    run article_cold "$list" -H 'X-Phoihop-No-Cache: all'
    run bare bare
  fi
  run "${page}_cached" "$list"
  run bare bare
done

echo
echo "machine: $(nproc) CPU ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/ {print $2}') GB RAM;" \
  "gunicorn $WORKERS sync workers; wrk -t$THREADS -c$CONNECTIONS -d$DURATION; $ARTICLES articles (SQLite), Redis cache"
$PY bench/portal_report.py "$results"
