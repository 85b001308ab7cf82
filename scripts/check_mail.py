"""Drives the real mail path (see check-mail.sh) and checks what the SMTP sink received."""

import argparse
import email
import email.policy
import mailbox
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar

failures = []


def check(condition, what):
    print(("ok   " if condition else "FAIL ") + what)
    if not condition:
        failures.append(what)


def received(work, skipping=frozenset()):
    """Every message the sink holds (but those whose Maildir keys are in `skipping`), parsed strictly."""
    box = mailbox.Maildir(os.path.join(work, "maildir"), create=False)
    return [email.message_from_bytes(box.get_bytes(key), policy=email.policy.strict)
            for key in box.keys() if key not in skipping]


def keys(work):
    return frozenset(mailbox.Maildir(os.path.join(work, "maildir"), create=False).keys())


def wait_for(work, count, seconds=30):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            if len(received(work)) >= count:
                return received(work)
        except FileNotFoundError:
            pass
        time.sleep(0.2)
    return received(work) if os.path.isdir(os.path.join(work, "maildir")) else []


def enrol(base, series, name, address):
    """Fills in the public form as a browser does; returns the confirmation page without its form token."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
    page = opener.open(f"{base}/series/{series}/enrol").read().decode()
    token = re.search(r'name="form" value="([^"]+)"', page).group(1)
    time.sleep(2.2)  # the spam guard refuses forms sent faster than a person types
    body = urllib.parse.urlencode({"form": token, "name": name, "email": address}).encode()
    reply = opener.open(f"{base}/series/{series}/enrol", data=body).read().decode()
    return re.sub(r'name="form" value="[^"]*"', "", reply)


def calendar_parts(message):
    return [part for part in message.walk() if part.get_content_type() == "text/calendar"]


def write_ics(path, content):
    """A text/* part in canonical form: MIME text has CRLF line ends (RFC 2046 4.1.1); Python hands back LF."""
    with open(path, "w", encoding="utf-8", newline="") as file:
        file.write(content.replace("\r\n", "\n").replace("\n", "\r\n"))


def run(arguments, **options):
    return subprocess.run(arguments, check=True, capture_output=True, text=True, **options)


def main():
    parser = argparse.ArgumentParser()
    for option in ("--base", "--indaba", "--db", "--work", "--kit", "--server-pid"):
        parser.add_argument(option, required=True)
    args = parser.parse_args()
    indaba, db = [args.indaba], ["--db", args.db]
    series = run(indaba + ["series", "show", "asknet/webinars/data-storytelling", "--json"] + db)
    series_id = re.search(r'"id"\s*:\s*(\d+)', series.stdout).group(1)

    # 1. A new address and a known one get the same page, and each a confirmation with an invitation.
    new_page = enrol(args.base, series_id, "Nomvula Zulu-Ngũgĩ", "nomvula@example.org")
    known_page = enrol(args.base, series_id, "Someone typing", "zawadi.mwinyi@example.org")
    check("Check your e-mail" in new_page, "the confirmation page says a confirmation is on its way")
    check(new_page == known_page, "the page is the same for a new and a known address")
    messages = wait_for(args.work, 2)
    check(len(messages) == 2, f"the sink received 2 confirmations (got {len(messages)})")
    by_recipient = {str(m["To"].addresses[0].addr_spec).lower(): m for m in messages}
    for address in ("nomvula@example.org", "zawadi.mwinyi@example.org"):
        message = by_recipient.get(address)
        check(message is not None, f"a confirmation reached {address}")
        if message is None:
            continue
        for header in ("Message-ID", "Date", "From", "Subject"):
            check(message[header] is not None, f"{address}: has {header}")
        check(message["Auto-Submitted"] == "auto-generated", f"{address}: Auto-Submitted: auto-generated")
        parts = calendar_parts(message)
        check(len(parts) == 1 and parts[0].get_param("method") == "REQUEST", f"{address}: one text/calendar REQUEST part")
        if parts:
            path = os.path.join(args.work, f"invite-{address}.ics")
            write_ics(path, parts[0].get_content())
            result = subprocess.run([os.path.join(args.kit, "check-ics"), "--quiet", path])
            check(result.returncode == 0, f"{address}: the invitation passes check-ics")
        text = message.get_body(preferencelist=("plain",)).get_content()
        links = re.findall(r"http://127\.0\.0\.1:\d+/public/\S+calendar\.ics", text)
        check(len(links) == 1, f"{address}: the confirmation holds a private calendar link")
        for link in links:
            status = urllib.request.urlopen(link).status
            check(status == 200, f"{address}: the private calendar link answers 200")
    new = by_recipient.get("nomvula@example.org")
    if new is not None:
        check("Ngũgĩ" in str(new["To"]), "a non-ASCII display name survives RFC 2047 encoding")

    # 2. A reschedule sends an update (higher SEQUENCE), a cancellation METHOD:CANCEL, with the invitation's UID.
    session = "asknet/webinars/data-storytelling/finding-data"
    run(indaba + ["session", "reschedule", session, "--starts", "2027-02-11T15:00", "--ends", "2027-02-11T16:30"] + db)
    run(indaba + ["session", "cancel", session] + db)
    participants = int(sqlite3.connect(args.db).execute(
        "SELECT count(*) FROM enrolment e JOIN webinarSeries s ON s.id = e.seriesId WHERE s.slug = 'data-storytelling' "
        "AND NOT EXISTS (SELECT 1 FROM seriesRole r WHERE r.seriesId = e.seriesId AND r.personId = e.personId "
        "AND r.role IN ('facilitator', 'guestSpeaker'))").fetchone()[0])
    messages = wait_for(args.work, 2 + 2 * participants)
    time.sleep(1)
    messages = received(args.work)
    updates = [m for m in messages if str(m["Subject"]).startswith("Changed:")]
    cancels = [m for m in messages if any(p.get_param("method") == "CANCEL" for p in calendar_parts(m))]
    check(len(updates) == participants, f"every participant got the update ({len(updates)} of {participants})")
    check(len(cancels) == participants, f"every participant got the cancellation ({len(cancels)} of {participants})")
    if updates and cancels:
        update = calendar_parts(updates[0])[0].get_content()
        cancel = calendar_parts(cancels[0])[0].get_content()
        uid = re.search(r"^UID:(.*)$", update, re.M).group(1).strip()
        check(uid in cancel, "the cancellation names the update's UID")
        check(int(re.search(r"^SEQUENCE:(\d+)", cancel, re.M).group(1)) >
              int(re.search(r"^SEQUENCE:(\d+)", update, re.M).group(1)), "the cancellation has a higher SEQUENCE")
        for name, content in (("update", update), ("cancellation", cancel)):
            path = os.path.join(args.work, f"{name}.ics")
            write_ics(path, content)
            check(subprocess.run([os.path.join(args.kit, "check-ics"), "--quiet", path]).returncode == 0,
                  f"the {name} passes check-ics")
    unsubscribe = [m for m in messages if m["List-Unsubscribe"]]
    check(not unsubscribe, "confirmations and updates carry no unsubscribe header (they are not optional)")

    # 3. A session starting in 23 hours: the server's worker queues the 24-hour reminders and sends them, each with
    #    a one-click unsubscribe (RFC 8058) that the server accepts without a form token.
    third = sqlite3.connect(args.db).execute(
        "SELECT x.slug FROM session x JOIN webinarSeries s ON s.id = x.seriesId WHERE s.slug = 'data-storytelling' "
        "AND x.position = 3").fetchone()[0]
    start = time.gmtime(time.time() + 23 * 3600)
    run(indaba + ["session", "reschedule", f"asknet/webinars/data-storytelling/{third}",
                  "--starts", time.strftime("%Y-%m-%dT%H:%M", start), "--time-zone", "UTC",
                  "--ends", time.strftime("%Y-%m-%dT%H:%M", time.gmtime(time.time() + 24 * 3600))] + db)
    deadline = time.time() + 30
    reminders = []
    while time.time() < deadline and len(reminders) < participants - 1:
        reminders = [m for m in received(args.work) if str(m["Subject"]).startswith("Reminder:")]
        time.sleep(0.5)
    # Nomvula enrolled after the 24-hour moment had passed: no reminder for her.
    check(len(reminders) == participants - 1, f"reminders reached the participants enrolled before ({len(reminders)})")
    if reminders:
        reminder = reminders[0]
        check(reminder["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click", "a reminder offers one-click unsubscribe")
        target = re.match(r"<(.*)>", str(reminder["List-Unsubscribe"])).group(1)
        reply = urllib.request.urlopen(urllib.request.Request(
            target, data=b"List-Unsubscribe=One-Click", method="POST",
            headers={"Content-Type": "application/x-www-form-urlencoded"}))
        check(reply.status == 200, "the one-click unsubscribe answers 200")
        stopped = sqlite3.connect(args.db).execute(
            "SELECT count(*) FROM messageRecipient WHERE remindersStoppedAt IS NOT NULL").fetchone()[0]
        check(stopped == 1, "the click stopped reminders for that one person")

    # 4. SIGKILL during delivery, again and again: nothing lost; a transactional message may be handed over twice,
    #    with the same Message-ID, at most once per kill.
    os.kill(int(args.server_pid), signal.SIGTERM)
    time.sleep(1)
    before = keys(args.work)
    second = sqlite3.connect(args.db).execute(
        "SELECT x.slug FROM session x JOIN webinarSeries s ON s.id = x.seriesId WHERE s.slug = 'data-storytelling' "
        "AND x.position = 2").fetchone()[0]
    run(indaba + ["session", "reschedule", f"asknet/webinars/data-storytelling/{second}",
                  "--starts", "2027-02-18T15:00", "--ends", "2027-02-18T16:30"] + db)
    queued = sqlite3.connect(args.db).execute("SELECT count(*) FROM outboxMessage WHERE state = 'queued'").fetchone()[0]
    env = dict(os.environ, INDABA_SENDMAIL=os.path.join(args.work, "slow-sendmail"))
    kills = 0
    for _ in range(5):
        process = subprocess.Popen(indaba + ["outbox", "deliver", "--reclaim-after", "0"] + db,
                                   env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(random.uniform(0.1, 0.4))
        if process.poll() is None:
            process.kill()
            kills += 1
        process.wait()
    run(indaba + ["outbox", "deliver", "--reclaim-after", "0"] + db, env=env)
    arrived = received(args.work, skipping=before)
    ids = [m["Message-ID"] for m in arrived]
    states = dict(sqlite3.connect(args.db).execute("SELECT state, count(*) FROM outboxMessage GROUP BY state").fetchall())
    check(queued > 0, f"{queued} updates were queued before the kills")
    check(len(set(ids)) == queued, f"every queued message arrived ({len(set(ids))} of {queued}) after {kills} kills")
    check(len(ids) - len(set(ids)) <= kills, f"duplicates ({len(ids) - len(set(ids))}) at most one per kill ({kills})")
    left = set(states) <= {"sent", "cancelled"}
    check(left, f"nothing is left queued, sending or failed: {states}")
    if not left:
        # What stayed, to tell a transport's refusal from a claim that was never taken back (ids, no addresses).
        for row in sqlite3.connect(args.db).execute(
                "SELECT id, kind, state, attempts, dueAt, claimedAt, lastError FROM outboxMessage "
                "WHERE state NOT IN ('sent', 'cancelled')"):
            error = re.sub(r"\S+@\S+", "<address>", row[6] or "")
            print(f"     left: id={row[0]} kind={row[1]} state={row[2]} attempts={row[3]} due={row[4]} "
                  f"claimed={row[5]} error={error}")

    print(f"mail: {len(failures)} failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
