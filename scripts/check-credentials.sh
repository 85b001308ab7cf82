#!/usr/bin/env bash
# Verifies Indaba's Open Badges 3.0 credentials with an independent verifier (PyJWT from PyPI, in a virtualenv):
# issues certificates with the real binary on the demo network, serves it, fetches the published JWK set and issuer
# profile over HTTP, verifies every credential and checks that tampered ones fail. Then rotates the signing key,
# issues again, and checks that credentials signed before and after the rotation all verify.
set -euo pipefail
cd "$(dirname "$0")/.."

swift build >/dev/null
indaba="$PWD/.build/debug/indaba"
work=$(mktemp -d)
venv="${CREDENTIALS_VENV:-$PWD/.build/venv-credentials}"
server=""
cleanup() {
    [[ -n "$server" ]] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

if [[ ! -x "$venv/bin/python" ]]; then
    python3 -m venv "$venv"
fi
"$venv/bin/pip" install --quiet --disable-pip-version-check 'pyjwt[crypto]'

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
export INDABA_DB="$work/indaba.sqlite"
"$indaba" init >/dev/null
"$indaba" import fixtures/asknet/asknet.yaml >/dev/null
series=asknet/webinars/inclusive-spaces
"$indaba" plugin enable certificates --org asknet --set "verificationBaseURL=$base" \
    --set "rules=[{\"series\": \"$series\", \"minimumSessions\": 4}]" >/dev/null
"$indaba" certificates issue "$series" --org asknet --out "$work/before" >/dev/null

"$indaba" serve --host 127.0.0.1 --port "$port" >"$work/serve.log" 2>&1 &
server=$!
python3 - "$base/healthz" <<'PY'
import sys, time, urllib.request
for _ in range(100):
    try:
        urllib.request.urlopen(sys.argv[1], timeout=1)
        break
    except OSError:
        time.sleep(0.2)
else:
    sys.exit("check-credentials: the server did not start")
PY
org=$("$indaba" org show asknet --json | python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])')
root="$base/public/orgs/$org/certificates"

"$venv/bin/python" scripts/verify_credentials.py "$root/jwks.json" "$root/issuer" "$work"/before/*.jwt

# Rotation: a new key signs new credentials; the old ones must still verify against the published set.
"$indaba" certificates rotate-key --org asknet >/dev/null
"$indaba" plugin settings certificates --org asknet \
    --set "rules=[{\"series\": \"$series\", \"minimumSessions\": 3}]" >/dev/null
"$indaba" certificates issue "$series" --org asknet --out "$work/after" >/dev/null
ls "$work"/after/*.jwt >/dev/null
"$venv/bin/python" scripts/verify_credentials.py "$root/jwks.json" "$root/issuer" "$work"/before/*.jwt "$work"/after/*.jwt
echo "check-credentials: OK"
