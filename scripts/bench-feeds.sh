#!/usr/bin/env bash
# Feed benchmark (issue 4; ../shared/bench B1, B2, B3, B6): renders the 2,000-session feed of the shared synthetic
# dataset in every format, in process and as a whole process, beside the kit's baselines measured in the same run,
# then serves feeds under wrk beside nginx serving the same bytes (A B A B, 127.0.0.1 only, bounded in time).
# Prints figures and ratios. Not part of CI (it takes several minutes and loads the machine).
#
#   scripts/bench-feeds.sh             # BENCH_DATA=/tmp/indaba-bench (generated if missing), REPS=3, SECS=5
set -euo pipefail
cd "$(dirname "$0")/.."
KIT=${BENCH_KIT:-../shared/bench}
DATA=${BENCH_DATA:-/tmp/indaba-bench}
WORK=${BENCH_WORK:-/tmp/indaba-bench-run}
N=${BENCH_SESSIONS:-2000}
PORT=${BENCH_PORT:-18181}
export REPS=${REPS:-3} SECS=${SECS:-5} CONNS=${CONNS:-64}
INDABA=$PWD/.build/release/indaba

need() { command -v "$1" >/dev/null || { echo "installing $2"; apt-get install -y -qq "$2" >/dev/null; }; }
need wrk wrk; need nginx nginx-light; need hyperfine hyperfine; need sqlite3 sqlite3
[[ -x $INDABA ]] || swift build -c release --static-swift-stdlib --product indaba
[[ -f $DATA/community.sqlite ]] || python3 "$KIT/gen_dataset.py" --out "$DATA"
VENV=$WORK/venv
[[ -x $VENV/bin/python ]] || { python3 -m venv "$VENV" && "$VENV/bin/pip" install -q icalendar feedgen; }

rm -rf "$WORK/db" "$WORK/out" && mkdir -p "$WORK/db" "$WORK/out"
DB=$WORK/db/bench.sqlite
python3 scripts/bench/sessions_to_yaml.py "$DATA/jsonl" "$N" > "$WORK/bench.yaml"
$INDABA import --db "$DB" "$WORK/bench.yaml"

echo
echo "== Rendering the $N-session network feed (B1 iCalendar, B2 RSS/Atom, B3 frab; xCal too)"
for format in ics xcs rss atom xml; do
    $INDABA feeds render --db "$DB" --org bench --scope network --format "$format" --repeat 20 \
        --output "$WORK/out/network.$format" 2>&1 | sed 's/^/  in process: /'
done
cd "$KIT/peers"
hyperfine --warmup 1 --runs 10 --style none --export-json "$WORK/render.json" \
    -n "indaba ics" "$INDABA feeds render --db $DB --org bench --scope network --format ics -o /dev/null" \
    -n "sqlite3 ics (limit)" "sqlite3 -readonly $DATA/community.sqlite < ../limits/ics_sql.sql > /dev/null" \
    -n "python icalendar (peer)" "$VENV/bin/python ics_icalendar.py $DATA/community.sqlite $N /dev/null" \
    -n "indaba rss" "$INDABA feeds render --db $DB --org bench --scope network --format rss -o /dev/null" \
    -n "indaba atom" "$INDABA feeds render --db $DB --org bench --scope network --format atom -o /dev/null" \
    -n "sqlite3 rss (limit)" "sqlite3 -readonly $DATA/community.sqlite < ../limits/rss_sql.sql > /dev/null" \
    -n "feedgen rss (peer)" "$VENV/bin/python feed_feedgen.py $DATA/community.sqlite $N rss /dev/null" \
    -n "feedgen atom (peer)" "$VENV/bin/python feed_feedgen.py $DATA/community.sqlite $N atom /dev/null" \
    -n "indaba xml (frab)" "$INDABA feeds render --db $DB --org bench --scope network --format xml -o /dev/null" \
    -n "indaba xcs" "$INDABA feeds render --db $DB --org bench --scope network --format xcs -o /dev/null" \
    > /dev/null
cd - > /dev/null
python3 - "$WORK/render.json" <<'PY'
import json, sys
runs = {r["command"]: r["median"] for r in json.load(open(sys.argv[1]))["results"]}
def line(name, base, target=None):
    ratio = runs[name] / runs[base]
    verdict = "" if target is None else f"   target <= {target}x: {'met' if ratio <= target else 'NOT met'}"
    print(f"  whole process: {name:<26} {runs[name]*1000:8.1f} ms   {ratio:5.2f}x {base}{verdict}")
line("indaba ics", "sqlite3 ics (limit)", 2); line("python icalendar (peer)", "sqlite3 ics (limit)")
print(f"  whole process: indaba ics is {runs['python icalendar (peer)']/runs['indaba ics']:.1f}x faster than python icalendar")
line("indaba rss", "sqlite3 rss (limit)", 2); line("indaba atom", "sqlite3 rss (limit)", 2)
line("feedgen rss (peer)", "sqlite3 rss (limit)"); line("feedgen atom (peer)", "sqlite3 rss (limit)")
print(f"  whole process: indaba xml (frab)          {runs['indaba xml (frab)']*1000:8.1f} ms   "
      f"{runs['indaba xml (frab)']/2.2:5.3f}x pretalx's ~2.2 s (the kit's figure; pretalx is not runnable here)")
print(f"  whole process: indaba xcs                 {runs['indaba xcs']*1000:8.1f} ms")
PY

echo
echo "== Serving (B6): indaba (A) against nginx serving the same bytes (B), req/s, A/B medians"
WWW=/tmp/peers/www NGINX=/tmp/peers/nginx
rm -rf "$WWW" "$NGINX" && mkdir -p "$WWW" "$NGINX/tmp"
export RESULTS=$WORK/wrk.tsv && : > "$RESULTS"
$INDABA serve --db "$DB" --port "$PORT" > "$WORK/serve.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; [[ -f $NGINX/nginx.pid ]] && kill -QUIT $(cat $NGINX/nginx.pid) 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do grep -q "is serving" "$WORK/serve.log" && break; sleep 0.1; done
BIG=/public/orgs/1/feeds/network/calendar.ics
# The small feed: the first series' own calendar, served under the organization that owns it.
OWNER=$(sqlite3 "$DB" "SELECT p.organizationId FROM webinarSeries s JOIN programme p ON p.id = s.programmeId WHERE s.id = 1")
SMALL=/public/orgs/$OWNER/feeds/series/1/calendar.ics
curl -sf "http://127.0.0.1:$PORT$BIG" -o "$WWW/big.ics" && gzip -kf9 "$WWW/big.ics"
curl -sf "http://127.0.0.1:$PORT$SMALL" -o "$WWW/small.ics" && gzip -kf9 "$WWW/small.ics"
CONF=$(cd "$KIT/limits" && pwd)/nginx.conf
# pair LABEL URL_A URL_B TARGET [HEADER ...]: the kit's A B A B runs, then the target beside the median ratio.
pair() {
    local label=$1 a=$2 b=$3 target=$4
    shift 4
    echo "  $label"
    local out
    out=$("$KIT/limits/wrk_pair.sh" "$label" "$a" "$b" "$@")
    sed 's/^/    /' <<<"$out"
    python3 -c "m = float('$(awk '/A\/B median/ {print $3}' <<<"$out")'); t = $target
print(f'    target {t}x nginx: measured {m:.3f}x ({\"met\" if m >= t else \"NOT met\"})')"
}
for WORKERS in 1 2; do
    echo " nginx with $WORKERS worker(s); machine load: $(cut -d' ' -f1-3 /proc/loadavg)"
    nginx -p "$NGINX/" -c "$CONF" -g "worker_processes $WORKERS;"
    sleep 0.5
    pair "small feed, 200" "http://127.0.0.1:$PORT$SMALL" "http://127.0.0.1:8090/small.ics" 0.5
    pair "small feed, 304 (If-None-Match: *)" "http://127.0.0.1:$PORT$SMALL" "http://127.0.0.1:8090/small.ics" 0.7 \
        "If-None-Match: *"
    pair "$N-session feed, identity" "http://127.0.0.1:$PORT$BIG" "http://127.0.0.1:8090/big.ics" 0.5
    pair "$N-session feed, gzip" "http://127.0.0.1:$PORT$BIG" "http://127.0.0.1:8090/big.ics" 0.5 \
        "Accept-Encoding: gzip"
    kill -QUIT "$(cat "$NGINX/nginx.pid")"
    for _ in $(seq 1 50); do [[ -f $NGINX/nginx.pid ]] || break; sleep 0.1; done
done
echo
echo "Raw wrk runs: $RESULTS; hyperfine: $WORK/render.json"
