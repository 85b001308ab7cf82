#!/usr/bin/env bash
# Mail benchmark: N reminders (default 10,000) queued by the messages plugin's schedule and delivered through
# msmtp to a loopback aiosmtpd sink that discards them, beside the floor: msmtp fed the same messages, as .eml
# files, by a shell loop. Prints messages per second for both and their ratio. Release build.
#
#   scripts/bench-mail.sh            # 10,000 messages
#   BENCH_MESSAGES=2000 scripts/bench-mail.sh
set -euo pipefail
cd "$(dirname "$0")/.."
N=${BENCH_MESSAGES:-10000}
VENV=${MAIL_CHECK_VENV:-.build/mail-check-venv}
INDABA=.build/release/indaba
WORK=$(mktemp -d)
SINK=""
trap 'kill "$SINK" 2>/dev/null || true; rm -rf "$WORK"' EXIT
command -v msmtp > /dev/null || { echo "error: install Debian's msmtp" >&2; exit 2; }
if [[ ! -x $VENV/bin/python ]] || ! "$VENV/bin/python" -c 'import aiosmtpd' 2> /dev/null; then
    python3 -m venv "$VENV" && "$VENV/bin/pip" install -q aiosmtpd
fi
swift build -c release --static-swift-stdlib --product indaba > "$WORK/build.log" 2>&1 || { tail -20 "$WORK/build.log" >&2; exit 1; }

PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$VENV/bin/python" -m aiosmtpd -n -l "127.0.0.1:$PORT" -c aiosmtpd.handlers.Sink > "$WORK/sink.log" 2>&1 &
SINK=$!
printf 'defaults\nauth off\ntls off\naccount sink\nhost 127.0.0.1\nport %s\nfrom indaba@localhost\naccount default : sink\n' \
    "$PORT" > "$WORK/msmtprc"
chmod 600 "$WORK/msmtprc"
printf '#!/bin/sh\nexec msmtp --file=%s "$@"\n' "$WORK/msmtprc" > "$WORK/sendmail"
chmod +x "$WORK/sendmail"
sleep 1

# A network with one series of N participants whose first session starts in 23 hours: one reminder each is due.
python3 - "$N" > "$WORK/bench.yaml" << 'PY'
import sys, datetime
n = int(sys.argv[1])
start = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0) + datetime.timedelta(hours=23)
end = start + datetime.timedelta(hours=1)
print("format: indaba/1\nnetwork:\n  slug: benchnet\n  name: Bench network\n  country: KE\n  timeZone: Africa/Nairobi\n  people:")
for i in range(n):
    print(f"    - email: person{i}@example.org\n      name: Person {i}")
print("  programmes:\n    - slug: webinars\n      title: Webinars\n      series:\n        - slug: big\n          title: Big series")
print("          status: published\n          timeZone: UTC\n          enrolments:")
for i in range(n):
    print(f"            - person: person{i}@example.org\n              at: \"2026-01-01T00:00:00Z\"\n              channel: newsletter")
print("          sessions:\n            - slug: one\n              title: Session one\n              kind: live")
print(f"              starts: \"{start.isoformat().replace('+00:00', 'Z')}\"\n              ends: \"{end.isoformat().replace('+00:00', 'Z')}\"")
print("              joinUrl: \"https://meet.example.org/big\"")
PY
for run in files sendmail; do
    $INDABA import --db "$WORK/$run.sqlite" "$WORK/bench.yaml" > /dev/null
    $INDABA plugin enable feeds --db "$WORK/$run.sqlite" --org benchnet > /dev/null
    $INDABA plugin enable messages --db "$WORK/$run.sqlite" --org benchnet > /dev/null
done

seconds() { python3 -c 'import time; print(time.monotonic())'; }
t0=$(seconds)
$INDABA outbox deliver --db "$WORK/files.sqlite" --mail-directory "$WORK/eml" > /dev/null
t1=$(seconds)
INDABA_SENDMAIL=$WORK/sendmail $INDABA outbox deliver --db "$WORK/sendmail.sqlite" > "$WORK/deliver.out"
t2=$(seconds)
for file in "$WORK"/eml/*.eml; do "$WORK/sendmail" -t -i < "$file"; done
t3=$(seconds)
sent=$(ls "$WORK/eml" | wc -l)
python3 - "$N" "$sent" "$t0" "$t1" "$t2" "$t3" "$(cat "$WORK/deliver.out")" << 'PY'
import sys
n, sent = int(sys.argv[1]), int(sys.argv[2])
t0, t1, t2, t3 = map(float, sys.argv[3:7])
files, indaba, floor = t1 - t0, t2 - t1, t3 - t2
print(f"messages: {sent} reminders queued and delivered (expected {n}); indaba said: {sys.argv[7]}")
print(f"queue + render + write .eml files:        {files:7.2f} s  {sent / files:8.0f} msg/s")
print(f"queue + render + hand to msmtp -> sink:   {indaba:7.2f} s  {sent / indaba:8.0f} msg/s")
print(f"floor: shell loop, msmtp < same files:    {floor:7.2f} s  {sent / floor:8.0f} msg/s")
print(f"ratio indaba / floor (time): {indaba / floor:.2f}x   (the issue sets no target; the floor is one msmtp process per message)")
PY
