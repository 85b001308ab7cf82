#!/usr/bin/env bash
# Case-study search benchmark (issue 6; ../shared/bench B7): loads the 5,000 case studies of the shared synthetic
# dataset through `indaba case-studies import`, then runs the kit's 100 FTS5 queries (make_fts_queries.py) through
# the library's search (ranking, visibility, highlighted title and snippet) and bare on the kit's database in the
# same process, alternating, with the floor under them (the search's SQL alone, stepped through its rows with none
# decoded, against bare), and beside the sqlite3 shell running the kit's batch. Prints per-query p50 latencies,
# ratios, and whether each top 20 equals the bare query's; then the same queries over HTTP to `indaba serve`
# (one keep-alive connection, true per-request p50/p99). The library's run is made twice: as the scheduler places its
# threads, and on one processor. Each target is printed beside its figure. Not part of CI.
#
#   scripts/bench-case-studies.sh       # BENCH_DATA=/tmp/indaba-bench (generated if missing), RUNS=30
set -euo pipefail
cd "$(dirname "$0")/.."
KIT=${BENCH_KIT:-../shared/bench}
DATA=${BENCH_DATA:-/tmp/indaba-bench}
WORK=${BENCH_WORK:-/tmp/indaba-bench-case-studies}
RUNS=${RUNS:-30}
HTTP_RUNS=${HTTP_RUNS:-20}
INDABA=${INDABA:-$PWD/.build/release/indaba}

command -v sqlite3 >/dev/null || { echo "installing sqlite3"; apt-get install -y -qq sqlite3 >/dev/null; }
command -v hyperfine >/dev/null || { echo "installing hyperfine"; apt-get install -y -qq hyperfine >/dev/null; }
[[ -x $INDABA ]] || swift build -c release --static-swift-stdlib --product indaba
[[ -f $DATA/manifest.json ]] || python3 "$KIT/gen_dataset.py" --out "$DATA"

echo "machine load before: $(uptime)"
rm -rf "$WORK" && mkdir -p "$WORK"
DB=$WORK/bench.sqlite
python3 "$KIT/make_fts_queries.py" "$DATA/community.sqlite" > "$WORK/q4_batch.sql"
python3 scripts/bench/case_studies_to_library.py "$DATA/jsonl" "$WORK"
$INDABA import --db "$DB" "$WORK/bench.yaml" > /dev/null
echo "== Loading $(ls "$WORK/library" | wc -l) case studies through indaba case-studies import"
/usr/bin/time -f "  %e s, %M KB" $INDABA case-studies import --db "$DB" --org bench "$WORK/library"

echo
echo "== B7: 100 full-text queries, top 20 each ($RUNS runs a query; bare, ours, bare, the SQL alone, bare, alternating, in one process)"
$INDABA case-studies bench --db "$DB" --org bench --queries "$WORK/q4_batch.sql" --bare "$DATA/community.sqlite" \
    --runs "$RUNS" --report "$WORK/per-query.tsv" | sed 's/^/  /'

echo
echo "== B7 again on one processor (taskset -c 1): the same work, with both sides' threads on one core, so that neither"
echo "   pays for the scheduler moving it (both read on the caller's thread since 0b88877; before, ours on a reader thread)"
taskset -c 1 $INDABA case-studies bench --db "$DB" --org bench --queries "$WORK/q4_batch.sql" \
    --bare "$DATA/community.sqlite" --runs "$RUNS" --report "$WORK/per-query-one-processor.tsv" | sed 's/^/  /'

echo
echo "== The kit's baseline: the sqlite3 shell running the whole batch (a process each run)"
hyperfine --warmup 2 --runs 20 --style none --export-json "$WORK/shell.json" \
    -n "sqlite3 shell, 100 queries" "sqlite3 -readonly $DATA/community.sqlite < $WORK/q4_batch.sql > /dev/null" \
    -n "sqlite3 shell, startup only" "sqlite3 -readonly $DATA/community.sqlite 'SELECT 1' > /dev/null" > /dev/null
python3 - "$WORK/shell.json" "$WORK/per-query.tsv" <<'PY'
import json, statistics, sys
runs = {r["command"]: r["median"] for r in json.load(open(sys.argv[1]))["results"]}
batch, start = runs["sqlite3 shell, 100 queries"], runs["sqlite3 shell, startup only"]
shell = (batch - start) / 100 * 1000
rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[2])][1:]
ours = statistics.median(float(r[1]) for r in rows)
mean = statistics.mean(float(r[1]) for r in rows)
print(f"  sqlite3 shell: {batch*1000:.1f} ms for the batch, {start*1000:.1f} ms of it starting up: "
      f"{shell:.3f} ms a query ({batch*1000/100:.3f} ms with start-up shared out, the kit's way)")
print(f"  ours: median of per-query p50s {ours:.3f} ms = {ours/shell:.2f}x the shell's per-query time; "
      f"mean {mean:.3f} ms = {mean/shell:.2f}x")
PY
NETWORK=$(sqlite3 "$DB" "SELECT id FROM organization WHERE slug = 'bench' AND parentId IS NULL")
echo
echo "== Over HTTP: the same 100 queries to indaba serve, one keep-alive connection, $HTTP_RUNS rounds (true p50/p99)"
PORT=${BENCH_PORT:-18282}
TOKEN=$($INDABA token create --db "$DB" --role networkCoordinator --org bench | tail -1)
$INDABA serve --db "$DB" --port "$PORT" > "$WORK/serve.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do grep -q "is serving" "$WORK/serve.log" && break; sleep 0.1; done
python3 scripts/bench/search_over_http.py "http://127.0.0.1:$PORT" "$NETWORK" "$TOKEN" "$WORK/q4_batch.sql" \
    "$HTTP_RUNS" "$WORK/http.tsv" | sed 's/^/  /'
python3 - "$WORK/http.tsv" "$WORK/per-query.tsv" <<'PY'
import sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1])][1:]
bare = {r[-1]: float(r[2]) for r in ([l.rstrip("\n").split("\t") for l in open(sys.argv[2])][1:])}
ratios = sorted(float(r[1]) / bare[r[0]] for r in rows if r[0] in bare)
within = sum(1 for r in ratios if r <= 1.5)
# Not the target's measure: that is the library's search against bare FTS5 in one process (above). Over HTTP the
# round trip alone (/healthz, above) takes longer than most bare queries.
print(f"  over HTTP / bare FTS5 per query (p50s): median {ratios[len(ratios)//2]:.2f}x, max {ratios[-1]:.2f}x; "
      f"within 1.5x: {within} of {len(ratios)} (for reference, not a target: the round trip, HTTP and JSON are on top)")
PY
kill $SERVER 2>/dev/null || true
echo
echo "machine load after: $(uptime)"
echo "Per query: $WORK/per-query.tsv, $WORK/per-query-one-processor.tsv, $WORK/http.tsv; hyperfine: $WORK/shell.json"
