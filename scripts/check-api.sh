#!/usr/bin/env bash
# Schemathesis (PyPI, in a virtualenv) against the real server on the demo network: every operation of
# docs/openapi.json, with a coordinator token, a fixed seed and a bounded number of examples per operation. Passes only
# with zero server errors (5xx) and zero answers that the document does not describe (status codes, content types,
# headers and bodies against their schemas). API_CHECK_EXAMPLES changes the bound (default 25).
set -euo pipefail
cd "$(dirname "$0")/.."
INDABA=.build/debug/indaba
VENV=${API_CHECK_VENV:-.build/venv-api}
WORK=$(mktemp -d)
SERVER=
trap '[[ -n $SERVER ]] && kill "$SERVER" 2>/dev/null; rm -rf "$WORK"' EXIT

if ! "$VENV/bin/schemathesis" --version >/dev/null 2>&1; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check 'schemathesis>=4.3,<5'
fi
[[ -x $INDABA ]] || swift build

PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
BASE=http://127.0.0.1:$PORT
DB=$WORK/api.sqlite
$INDABA import --db "$DB" fixtures/asknet/asknet.yaml > /dev/null
for plugin in feeds retention case-studies; do $INDABA plugin enable "$plugin" --db "$DB" --org asknet > /dev/null; done
$INDABA case-studies import --db "$DB" --org asknet fixtures/case-studies > /dev/null
$INDABA plugin enable certificates --db "$DB" --org asknet --set "verificationBaseURL=$BASE" \
    --set 'rules=[{"series": "asknet/webinars/inclusive-spaces", "minimumSessions": 3}]' > /dev/null
TOKEN=$($INDABA token create --db "$DB" --role networkCoordinator --org asknet --label schemathesis \
    --expires-in-days 1 2>/dev/null)

$INDABA serve --db "$DB" --port "$PORT" > "$WORK/serve.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 100); do grep -q "is serving" "$WORK/serve.log" 2>/dev/null && break; sleep 0.1; done
grep -q "is serving" "$WORK/serve.log" || { cat "$WORK/serve.log" >&2; echo "error: the server did not start" >&2; exit 2; }

"$VENV/bin/schemathesis" run "$BASE/api/v1/openapi.json" --url "$BASE" \
    --header "Authorization: Bearer $TOKEN" \
    --checks not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance \
    --seed 20261203 --max-examples "${API_CHECK_EXAMPLES:-25}" --workers 1 --no-color \
    --suppress-health-check all --report junit --report-dir "$WORK/report"
echo "check-api: OK"
