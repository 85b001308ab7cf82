#!/usr/bin/env bash
# Retention benchmark (issue 5; ../shared/bench B5 and B8) on the shared synthetic dataset (1,000,000 attendance
# rows at scale 1), beside the kit's baselines measured in the same run:
#   B8  loading the attendance rows through `indaba attendance load` vs the sqlite3 shell's `.import` (limit)
#   B5  the whole-network funnel by gender (funnel.sql Q1) vs DuckDB (peer) and the sqlite3 shell (limit), rows
#       checked equal; one series' full report (Q3's job) in process.
#   import  a realistic 5,000-row Zoom export (scripts/bench/zoom_export.py: rejoins, renames, addresses in
#       capitals or missing, walk-ins, unknown callers) imported into a 3,000-person series, in rows/s, beside the
#       CSV parse alone, against the target of issue 19 (10,000 rows/s, release build).
# Prints figures and ratios. Not part of CI (minutes of load on 2 cores).
#
#   scripts/bench-retention.sh          # everything; BENCH_DATA=/tmp/indaba-bench (generated if missing), RUNS=3
#   scripts/bench-retention.sh import   # the attendance import alone (a minute)
set -euo pipefail
cd "$(dirname "$0")/.."
KIT=$(cd "${BENCH_KIT:-../shared/bench}" && pwd)
DATA=${BENCH_DATA:-/tmp/indaba-bench}
WORK=${BENCH_WORK:-/tmp/indaba-bench-retention}
RUNS=${RUNS:-3}
INDABA=$PWD/.build/release/indaba

need() { command -v "$1" >/dev/null || { echo "installing $2"; apt-get install -y -qq "$2" >/dev/null; }; }
need hyperfine hyperfine; need sqlite3 sqlite3
swift build -c release --static-swift-stdlib --product indaba 2>&1 | tail -1

bench_import() {
    echo "== Attendance import: a realistic Zoom export (machine load: $(uptime | sed 's/.*load average: //'))"
    local dir=$WORK/import
    mkdir -p "$dir"
    python3 scripts/bench/zoom_export.py "$dir" --rows "${IMPORT_ROWS:-5000}" | sed 's/^/  /'
    rm -f "$dir"/base.sqlite*
    $INDABA init --db "$dir/base.sqlite" > /dev/null
    $INDABA import "$dir/network.yaml" --db "$dir/base.sqlite" > /dev/null
    $INDABA plugin enable retention --db "$dir/base.sqlite" --org benchimport > /dev/null
    sqlite3 "$dir/base.sqlite" "PRAGMA wal_checkpoint(TRUNCATE);" > /dev/null
    local args=(attendance import "$dir/zoom-export.csv" --session benchimport/webinars/big/one --org benchimport)
    # In process: the parse alone, and the whole import (plan + apply, rolled back each run), medians.
    $INDABA "${args[@]}" --db "$dir/base.sqlite" --dry-run --repeat-count "${IMPORT_RUNS:-11}" 2>&1 >/dev/null \
        | sed 's/^/  in process: /'
    # Whole process, a real import into a fresh copy each run (start-up and commit included).
    hyperfine --runs "$RUNS" --style none --export-json "$dir/import.json" \
        --prepare "rm -f $dir/run.sqlite*; cp $dir/base.sqlite $dir/run.sqlite" \
        -n "indaba attendance import" "$INDABA ${args[*]} --db $dir/run.sqlite"
    python3 - "$dir/import.json" "$dir/zoom-export.csv" <<'PY'
import json, sys
median = json.load(open(sys.argv[1]))["results"][0]["median"]
rows = sum(1 for line in open(sys.argv[2])) - 4
print(f"  whole process: {median*1000:.0f} ms for {rows} rows: {rows/median:,.0f} rows/s (target 10,000 rows/s: "
      f"{'met' if rows/median >= 10000 else 'not met'})")
PY
}
if [[ ${1:-} == import ]]; then bench_import; exit 0; fi
[[ -f $DATA/community.sqlite ]] || python3 "$KIT/gen_dataset.py" --out "$DATA"
VENV=$WORK/venv
[[ -x $VENV/bin/python ]] || { python3 -m venv "$VENV" && "$VENV/bin/pip" install -q duckdb; }
mkdir -p "$WORK"
[[ -f $DATA/community.duckdb ]] || (cd "$KIT/peers" && "$VENV/bin/python" prep_duckdb.py "$DATA")
[[ -f $WORK/attendance.csv ]] || python3 "$KIT/peers/jsonl_to_csv.py" "$DATA/jsonl/attendance.jsonl" "$WORK/attendance.csv"
{ echo "id,session_id,person_id,joined_at,minutes_attended"; cat "$WORK/attendance.csv"; } > "$WORK/attendance-with-header.csv"

echo "== Preparing a database with the dataset's structure (not timed)"
BASE=$WORK/base.sqlite
rm -f "$BASE"*
$INDABA init --db "$BASE" > /dev/null
python3 scripts/bench/load_dataset.py "$DATA/jsonl" "$BASE"
$INDABA plugin enable retention --db "$BASE" --org bench > /dev/null
sqlite3 "$BASE" "PRAGMA wal_checkpoint(TRUNCATE);" > /dev/null

echo
echo "== B8: loading $(wc -l < "$WORK/attendance.csv") attendance rows (fresh copy of the database each run)"
RUN=$WORK/run.sqlite
hyperfine --runs "$RUNS" --style none --export-json "$WORK/load.json" \
    -n "indaba attendance load" \
    --prepare "rm -f $RUN $RUN-wal $RUN-shm; cp $BASE $RUN" \
    "$INDABA attendance load --db $RUN --org bench $WORK/attendance-with-header.csv" \
    -n "sqlite3 .import (limit)" \
    --prepare "rm -f $WORK/limit.sqlite*" \
    "$KIT/limits/import_sqlite.sh $WORK/attendance.csv $WORK/limit.sqlite"
python3 - "$WORK/load.json" <<'PY'
import json, sys
r = {x["command"]: x["median"] for x in json.load(open(sys.argv[1]))["results"]}
ours, limit = r["indaba attendance load"], r["sqlite3 .import (limit)"]
print(f"  indaba {ours:.2f} s, sqlite3 .import {limit:.2f} s: ratio {ours / limit:.2f}x the limit (target <= 1.3x)")
PY

echo
echo "== B5: whole-network funnel by gender (funnel.sql Q1)"
rm -f "$RUN"*; cp "$BASE" "$RUN"
$INDABA attendance load --db "$RUN" --org bench "$WORK/attendance-with-header.csv" > /dev/null
$INDABA retention network --raw --db "$RUN" --org bench > "$WORK/q1.indaba.txt"
sqlite3 -readonly "$DATA/community.sqlite" < "$KIT/q1.sql" > "$WORK/q1.sqlite.txt"
(cd "$KIT/peers" && "$VENV/bin/python" funnel_duckdb.py "$DATA/community.duckdb" q1 "$WORK/q1.duckdb.txt")
if cmp -s "$WORK/q1.indaba.txt" "$WORK/q1.sqlite.txt" && cmp -s "$WORK/q1.indaba.txt" "$WORK/q1.duckdb.txt"; then
    echo "  rows: identical to the sqlite3 shell's and DuckDB's ($(wc -l < "$WORK/q1.indaba.txt") rows)"
else
    echo "  rows: DIFFERENT from the baselines (see $WORK/q1.*.txt)"; exit 1
fi
hyperfine --warmup 1 --runs 10 --style none --export-json "$WORK/funnel.json" \
    -n "indaba retention network (whole process)" "$INDABA retention network --raw --db $RUN --org bench" \
    -n "duckdb q1 (peer)" "cd $KIT/peers && $VENV/bin/python funnel_duckdb.py $DATA/community.duckdb q1" \
    -n "sqlite3 q1 (limit)" "sqlite3 -readonly $DATA/community.sqlite < $KIT/q1.sql"
python3 - "$WORK/funnel.json" <<'PY'
import json, sys
r = {x["command"]: x["median"] for x in json.load(open(sys.argv[1]))["results"]}
ours = r["indaba retention network (whole process)"]
duck, lite = r["duckdb q1 (peer)"], r["sqlite3 q1 (limit)"]
print(f"  indaba {ours*1000:.0f} ms (whole process), DuckDB {duck*1000:.0f} ms, sqlite3 {lite*1000:.0f} ms: "
      f"{ours / duck:.2f}x DuckDB (target < 1), {ours / lite:.3f}x the sqlite3 shell")
PY
$INDABA retention network --raw --repeat-count 20 --db "$RUN" --org bench 2>&1 >/dev/null | sed 's/^/  in process: /'

echo
BIG=$(sqlite3 "$RUN" "SELECT seriesId FROM enrolment GROUP BY seriesId ORDER BY count(*) DESC LIMIT 1")
echo "== One series' full report (Q3's job: funnel, drop-outs, gender and channel breakdowns), largest series $BIG"
$INDABA retention report "$BIG" --format json --repeat-count 20 --db "$RUN" --org bench 2>&1 >/dev/null \
    | sed 's/^/  in process: /'
echo "  (target: <= 50 ms)"

echo
bench_import
