#!/usr/bin/env bash
# Runs the independent feed validators (../shared/conformance) on every feed the real server serves for the demo
# network, the hostile fixture (fixtures/feeds/hostile.yaml) and sessions in repeated hours of clock changes
# (fixtures/feeds/dst-folds.yaml). It also reads every RSS feed through feedparser and checks that the text a reader
# shows is the text typed (scripts/check_rss_text.py). Exit 0 only if every check passes.
#
# Needs the conformance kit's dependencies: run ../shared/conformance/install-deps.sh once (as root), or set
# CONFORMANCE_VENV to an existing virtualenv of the kit.
set -euo pipefail
cd "$(dirname "$0")/.."
KIT=${CONFORMANCE_KIT:-../shared/conformance}
INDABA=.build/debug/indaba
# A free port unless one is given: another server (a second checkout's checks, `make run`) may hold any fixed one.
PORT=${FEEDS_CHECK_PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
WORK=$(mktemp -d)
trap 'kill "$SERVER" 2>/dev/null || true; rm -rf "$WORK"' EXIT

[[ -x $KIT/check-ics ]] || { echo "error: the conformance kit is not at $KIT (set CONFORMANCE_KIT)" >&2; exit 2; }
[[ -x $INDABA ]] || swift build

DB=$WORK/feeds.sqlite
$INDABA import --db "$DB" fixtures/asknet/asknet.yaml > /dev/null
$INDABA import --db "$DB" fixtures/feeds/hostile.yaml > /dev/null
$INDABA import --db "$DB" fixtures/feeds/dst-folds.yaml > /dev/null
$INDABA plugin enable feeds --db "$DB" --org asknet > /dev/null
$INDABA plugin enable feeds --db "$DB" --org hostile --set color=teal --set publicJoinLinks=true > /dev/null
$INDABA plugin enable feeds --db "$DB" --org folds > /dev/null

$INDABA serve --db "$DB" --port "$PORT" > "$WORK/serve.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 100); do grep -q "is serving" "$WORK/serve.log" 2>/dev/null && break; sleep 0.1; done
grep -q "is serving" "$WORK/serve.log" || { cat "$WORK/serve.log" >&2; echo "error: the server did not start" >&2; exit 2; }

BASE=http://127.0.0.1:$PORT
# Without a checkout of the W3C feedvalidator (not packaged anywhere we can install from), its engine and the
# RFC 4287 schema it carries are skipped; every other engine runs.
checks=()
for org in asknet hostile folds; do
    while IFS= read -r line; do checks+=("$line"); done < <(
        $INDABA feeds urls --db "$DB" --org "$org" --base-url "$BASE" --json | python3 -c '
import json, sys
for link in json.load(sys.stdin):
    print("check-ics --require-vtimezone " + link["ics"])
    print("check-xcal " + link["xcal"])
    print("check-rss --skip feedvalidator " + link["rss"])
    print("check-atom --skip feedvalidator --skip rnc " + link["atom"])
    print("check-frab " + link["schedule"])
    print("check-rss-text " + link["rss"] + " " + link["atom"])
')
done

# A person's private feed (with join links) too.
personal=$($INDABA feeds personal kudzai.mubaiwa@example.org --db "$DB" --org asknet --base-url "$BASE" --json \
    | python3 -c 'import json, sys; print(json.load(sys.stdin)["ics"].rsplit("/", 1)[0])')
checks+=("check-ics --require-vtimezone $personal/calendar.ics" "check-xcal $personal/calendar.xcs"
    "check-rss --skip feedvalidator $personal/feed.rss" "check-atom --skip feedvalidator --skip rnc $personal/feed.atom"
    "check-frab $personal/schedule.xml" "check-rss-text $personal/feed.rss $personal/feed.atom")

# feedparser comes with the kit's virtualenv (the interpreter its wrappers use).
PY=${CONFORMANCE_PYTHON:-${CONFORMANCE_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/feed-conformance/venv}/bin/python}
"$PY" -c 'import feedparser' || { echo "error: feedparser is not in $PY (run the kit's install-deps.sh)" >&2; exit 2; }

failed=0
for check in "${checks[@]}"; do
    read -r -a words <<< "$check"
    if [[ ${words[0]} == check-rss-text ]]; then
        "$PY" scripts/check_rss_text.py "${words[@]:1}" || failed=$((failed + 1))
    elif ! "$KIT/${words[0]}" --quiet "${words[@]:1}"; then failed=$((failed + 1)); fi
done
echo "feeds: $(( ${#checks[@]} - failed )) passed, $failed failed"
[[ $failed -eq 0 ]]
