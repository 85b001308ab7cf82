#!/usr/bin/env bash
# Drives the web interface in headless Chromium (Debian's chromium and chromium-driver, Selenium from PyPI) against
# the real server on the demo network: the public series page and its subscribe link, public enrolment up to the
# private calendar link, sign-in with a one-time link and the workspace, attendance upload and the review queue,
# certificates issued, verified and revoked; then the staff forms (programmes, series, people, enrolments, plugin
# settings: scripts/check_workspace_forms.py), then the case-study pages (public study page, search, the staff study
# form with preview: scripts/check_web_case_studies.py). Every page is also parsed with html5lib in
# strict mode and checked for basic accessibility (scripts/check_web.py). Exit 0 only if every check passes.
#
# SCREENSHOT_DIR=docs/screenshots scripts/check-web.sh refreshes the committed screenshots (phone and desktop).
set -euo pipefail
cd "$(dirname "$0")/.."
INDABA=.build/debug/indaba
# A free port unless one is given: another server (a second checkout's checks, `make run`) may hold any fixed one.
PORT=${WEB_CHECK_PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
VENV=${WEB_CHECK_VENV:-.venv-web}
WORK=$(mktemp -d)
SERVER=
trap '[[ -n $SERVER ]] && kill "$SERVER" 2>/dev/null; rm -rf "$WORK"' EXIT

if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    echo "Installing chromium and chromium-driver (Debian)"
    apt_get=(apt-get); [[ $(id -u) -eq 0 ]] || apt_get=(sudo apt-get)
    DEBIAN_FRONTEND=noninteractive "${apt_get[@]}" install -y -qq --no-install-recommends chromium chromium-driver
fi
if ! "$VENV/bin/python" -c 'import selenium, html5lib' 2>/dev/null; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check 'selenium>=4.20' 'html5lib>=1.1'
fi
[[ -x $INDABA ]] || swift build

DB=$WORK/web.sqlite
$INDABA import --db "$DB" fixtures/asknet/asknet.yaml > /dev/null
for plugin in feeds retention case-studies; do $INDABA plugin enable "$plugin" --db "$DB" --org asknet > /dev/null; done
$INDABA case-studies import --db "$DB" --org asknet fixtures/case-studies > /dev/null
$INDABA plugin enable certificates --db "$DB" --org asknet --set "verificationBaseURL=http://127.0.0.1:$PORT" \
    --set 'rules=[{"series": "asknet/webinars/inclusive-spaces", "minimumSessions": 3, "requiredKinds": ["feedback", "offlineExercise"]}]' > /dev/null

BASE=http://127.0.0.1:$PORT
# The pseudo-language is offered so that the language checks can test layouts under 40% longer text.
$INDABA serve --db "$DB" --port "$PORT" --pseudo-localization > "$WORK/serve.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 100); do grep -q "is serving" "$WORK/serve.log" 2>/dev/null && break; sleep 0.1; done
grep -q "is serving" "$WORK/serve.log" || { cat "$WORK/serve.log" >&2; echo "error: the server did not start" >&2; exit 2; }

LINK=$($INDABA user login-link --db "$DB" --org asknet --role networkCoordinator --base-url "$BASE")
status=0
"$VENV/bin/python" scripts/check_web.py --base "$BASE" --login-link "$LINK" \
    --screenshots "${SCREENSHOT_DIR:-$WORK/screenshots}" || status=1

# The staff forms, with a login link of their own (the first run used its link up and signed out).
LINK=$($INDABA user login-link --db "$DB" --org asknet --role networkCoordinator --base-url "$BASE")
"$VENV/bin/python" scripts/check_workspace_forms.py --base "$BASE" --login-link "$LINK" \
    --screenshots "${SCREENSHOT_DIR:-$WORK/screenshots}" || status=1

# The case-study pages (public study page, search, the staff form) and described plugin settings, with their own link.
LINK=$($INDABA user login-link --db "$DB" --org asknet --role networkCoordinator --base-url "$BASE")
"$VENV/bin/python" scripts/check_web_case_studies.py --base "$BASE" --login-link "$LINK" \
    --screenshots "${SCREENSHOT_DIR:-$WORK/screenshots}" || status=1

# The audit log and session descriptions (scripts/check_web_audit.py), with a login link of its own.
LINK=$($INDABA user login-link --db "$DB" --org asknet --role networkCoordinator --base-url "$BASE")
"$VENV/bin/python" scripts/check_web_audit.py --base "$BASE" --login-link "$LINK" \
    --screenshots "${SCREENSHOT_DIR:-$WORK/screenshots}" || status=1

# The coordinators' pages, with a coordinator's link and one for the person the run names as facilitator.
LINK=$($INDABA user login-link --db "$DB" --org asknet --role networkCoordinator --base-url "$BASE")
FACILITATOR_LINK=$($INDABA user login-link --db "$DB" --org asknet --role facilitator \
    --person soneni.mafu@example.org --base-url "$BASE")
FACILITATOR_LINK=$FACILITATOR_LINK "$VENV/bin/python" scripts/check_web_coordination.py --base "$BASE" \
    --login-link "$LINK" --screenshots "${SCREENSHOT_DIR:-$WORK/screenshots}" || status=1

# A participant's own pages (scripts/check_web_participant.py), as someone who holds a valid certificate, enrolled
# also in a published series to leave. Their erasure must leave the series figures as they were and their name and
# address out of the export.
IFS=$'\t' read -r PERSON PARTICIPANT_EMAIL PARTICIPANT_NAME LEAVE_SERIES < <(python3 - "$DB" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
person, email, name = db.execute(
    "SELECT p.id, p.email, p.displayName FROM certificates_certificate c JOIN person p ON p.id = c.personId "
    "WHERE c.status = 'valid' ORDER BY p.id LIMIT 1").fetchone()
series = db.execute("SELECT id FROM webinarSeries WHERE status = 'published' ORDER BY id LIMIT 1").fetchone()[0]
print(person, email, name, series, sep="\t")
PY
)
$INDABA enrol "$PERSON" "$LEAVE_SERIES" --channel newsletter --db "$DB" > /dev/null
figures() { $INDABA series show asknet/webinars/inclusive-spaces --db "$DB" | grep -E "Enrolled:| present| submitted"; }
BEFORE=$(figures)
LINK=$($INDABA person sign-in-link "$PERSON" --db "$DB" --base-url "$BASE")
PARTICIPANT_NAME=$PARTICIPANT_NAME PARTICIPANT_EMAIL=$PARTICIPANT_EMAIL LEAVE_SERIES=$LEAVE_SERIES \
    "$VENV/bin/python" scripts/check_web_participant.py --base "$BASE" --login-link "$LINK" \
    --screenshots "${SCREENSHOT_DIR:-$WORK/screenshots}" || status=1
if [[ $(figures) != "$BEFORE" ]]; then
    echo "FAIL: the series figures changed with the erasure" >&2; diff <(echo "$BEFORE") <(figures) >&2; status=1
fi
if $INDABA export asknet --db "$DB" | grep -qiF -e "$PARTICIPANT_EMAIL" -e "$PARTICIPANT_NAME"; then
    echo "FAIL: the export still names the erased person" >&2; status=1
fi

# The five languages and the pseudo-language (scripts/check_web_languages.py).
LINK=$($INDABA user login-link --db "$DB" --org asknet --role networkCoordinator --base-url "$BASE")
"$VENV/bin/python" scripts/check_web_languages.py --base "$BASE" --login-link "$LINK" \
    --screenshots "${SCREENSHOT_DIR:-$WORK/screenshots}" || status=1

# Last: the audit page lists every kind of change the checks above made, each with its actor.
LINK=$($INDABA user login-link --db "$DB" --org asknet --role networkCoordinator --base-url "$BASE")
# Changes about the erased participant are logged under the organization that registered them.
PERSON_ORG=$(python3 -c 'import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute("SELECT organizationId FROM person WHERE id = ?", (sys.argv[2],)).fetchone()[0])' \
    "$DB" "$PERSON")
AUDIT_ORGS="1 $PERSON_ORG" "$VENV/bin/python" scripts/check_web_audit_all.py --base "$BASE" --login-link "$LINK" \
    --screenshots "${SCREENSHOT_DIR:-$WORK/screenshots}" || status=1
exit $status
