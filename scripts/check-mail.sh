#!/usr/bin/env bash
# The real mail path, end to end: the server and `indaba outbox deliver` hand messages to msmtp (Debian) as the
# sendmail program, which relays them to an aiosmtpd sink on loopback. scripts/check_mail.py then enrols through
# the web form (a new and a known address), reschedules and cancels a session, kills deliveries with SIGKILL, and
# reads what the sink received: strict RFC 5322 parsing, iMIP parts through ../shared/conformance/check-ics, links
# that answer 200, nothing lost and duplicates only as documented. Exit 0 only if every check passes.
set -euo pipefail
cd "$(dirname "$0")/.."
KIT=${CONFORMANCE_KIT:-../shared/conformance}
INDABA=.build/debug/indaba
VENV=${MAIL_CHECK_VENV:-.build/mail-check-venv}
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
SMTP_PORT=$(free_port)
HTTP_PORT=$(free_port)
WORK=$(mktemp -d)
trap 'kill "$SERVER" "$SINK" 2>/dev/null || true; rm -rf "$WORK"' EXIT

[[ -x $KIT/check-ics ]] || { echo "error: the conformance kit is not at $KIT (set CONFORMANCE_KIT)" >&2; exit 2; }
[[ -x $INDABA ]] || swift build
if ! command -v msmtp > /dev/null; then
    [[ $(id -u) -eq 0 ]] || { echo "error: msmtp is missing; install Debian's msmtp package" >&2; exit 2; }
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q msmtp > /dev/null
fi
if [[ ! -x $VENV/bin/python ]] || ! "$VENV/bin/python" -c 'import aiosmtpd' 2> /dev/null; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q aiosmtpd
fi

# The sink: every message it receives becomes a file of the Maildir.
"$VENV/bin/python" -m aiosmtpd -n -l "127.0.0.1:$SMTP_PORT" -c aiosmtpd.handlers.Mailbox "$WORK/maildir" \
    > "$WORK/sink.log" 2>&1 &
SINK=$!

# msmtp as a sendmail-compatible program, with its own configuration (as a production setup would have in
# /etc/msmtprc, with TLS and authentication towards a provider).
cat > "$WORK/msmtprc" << CONF
defaults
auth off
tls off
logfile $WORK/msmtp.log
account sink
host 127.0.0.1
port $SMTP_PORT
from indaba@localhost
account default : sink
CONF
chmod 600 "$WORK/msmtprc"
printf '#!/bin/sh\nexec msmtp --file=%s "$@"\n' "$WORK/msmtprc" > "$WORK/sendmail"
# A slow one, so that a SIGKILL lands in the middle of a hand-over.
printf '#!/bin/sh\nsleep 0.05\nexec msmtp --file=%s "$@"\n' "$WORK/msmtprc" > "$WORK/slow-sendmail"
chmod +x "$WORK/sendmail" "$WORK/slow-sendmail"

DB=$WORK/mail.sqlite
BASE=http://127.0.0.1:$HTTP_PORT
$INDABA import --db "$DB" fixtures/asknet/asknet.yaml > /dev/null
$INDABA plugin enable feeds --db "$DB" --org asknet > /dev/null
$INDABA plugin enable messages --db "$DB" --org asknet > /dev/null
# The server delivers too (every second), so the messages of a web enrolment arrive without a cron job.
INDABA_SENDMAIL=$WORK/sendmail $INDABA serve --db "$DB" --port "$HTTP_PORT" --outbox-interval 1 \
    > "$WORK/serve.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 100); do grep -q "is serving" "$WORK/serve.log" 2>/dev/null && break; sleep 0.1; done
grep -q "is serving" "$WORK/serve.log" || { cat "$WORK/serve.log" >&2; echo "error: the server did not start" >&2; exit 2; }

"$VENV/bin/python" scripts/check_mail.py --base "$BASE" --indaba "$INDABA" --db "$DB" --work "$WORK" --kit "$KIT" \
    --server-pid "$SERVER"
