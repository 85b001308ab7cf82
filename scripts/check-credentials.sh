#!/usr/bin/env bash
# Verifies Indaba's Open Badges 3.0 credentials with independent verifiers (PyJWT and openbadgeslib from PyPI, in a
# virtualenv), given only each token and the network: issues certificates with the real binary on the demo network
# (RS256, the default), serves it, dereferences each credential's kid to the served JWK, verifies signature,
# structure and revocation status (the Bitstring Status List, itself verified), and checks that tampered ones fail.
# Then switches to ES256, rotates keys, issues again, and checks that credentials signed before and after all
# verify; revokes one and checks that openbadgeslib reports it revoked. With the conformance kit at hand
# (CONFORMANCE_KIT, default ../shared/conformance), every credential also passes its check-ob3 (the 1EdTech OB 3.0
# JSON schema and the JOSE header).
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
"$venv/bin/pip" install --quiet --disable-pip-version-check 'pyjwt[crypto]' 'openbadgeslib>=4.6'
kit=${CONFORMANCE_KIT:-../shared/conformance}

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
export INDABA_DB="$work/indaba.sqlite"
"$indaba" init >/dev/null
"$indaba" import fixtures/asknet/asknet.yaml >/dev/null
series=asknet/webinars/inclusive-spaces
# No verificationBaseURL: QR codes and credentials follow the server's address ($INDABA_BASE_URL here).
export INDABA_BASE_URL="$base"
"$indaba" plugin enable certificates --org asknet \
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

check_schema() {
    if [[ -x $kit/check-ob3 ]]; then
        "$kit/check-ob3" "$@"
    else
        echo "check-credentials: no conformance kit at $kit (set CONFORMANCE_KIT): check-ob3 not run" >&2
    fi
}

"$venv/bin/python" scripts/verify_credentials.py "$root/issuer" valid "$work"/before/*.jwt
check_schema "$work"/before/*.jwt

# ES256 as a setting, and rotation: new keys sign new credentials; the old ones must still verify.
"$indaba" plugin settings certificates --org asknet --set signingAlgorithm=ES256 >/dev/null
"$indaba" certificates rotate-key --org asknet >/dev/null
"$indaba" plugin settings certificates --org asknet \
    --set "rules=[{\"series\": \"$series\", \"minimumSessions\": 3}]" >/dev/null
"$indaba" certificates issue "$series" --org asknet --out "$work/after" >/dev/null
ls "$work"/after/*.jwt >/dev/null
"$venv/bin/python" scripts/verify_credentials.py "$root/issuer" valid "$work"/before/*.jwt "$work"/after/*.jwt
check_schema "$work"/after/*.jwt

# Revocation: the served status list flips, and a verifier that checks status reports it.
first=$(ls "$work"/before/*.jwt | head -n 1)
id=$(basename "$first" .jwt | sed 's/certificate-//')
"$indaba" certificates revoke "$id" --org asknet --reason "issued in error" >/dev/null
"$venv/bin/python" scripts/verify_credentials.py "$root/issuer" revoked "$first"
echo "check-credentials: OK"
