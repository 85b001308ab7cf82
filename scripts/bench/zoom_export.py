#!/usr/bin/env python3
"""A realistic Zoom meeting participant report for the attendance import benchmark, and the network it belongs to.

Writes OUT/network.yaml (one organization, one series, one live session, PEOPLE people enrolled, most with a
self-described gender) and OUT/zoom-export.csv: a Zoom "Meeting participants" export of ROWS rows (summary block,
then one row per join) in which, as in real large webinars, people rejoin after a dropped connection (several rows
each, sometimes overlapping), some join from a phone and rename themselves (`Real Name (X's iPhone)`, with their
earlier rows under the device name), some type their address in capitals or leave it out (matched by name), a few
walk in without enrolling (known to the organization), and a few are unknown callers who go to the review queue.
Deterministic (seeded).

    scripts/bench/zoom_export.py OUT [--rows 5000] [--people 3000]
"""
import argparse
import random
from datetime import datetime, timedelta
from pathlib import Path

parser = argparse.ArgumentParser()
parser.add_argument("out")
parser.add_argument("--rows", type=int, default=5000)
parser.add_argument("--people", type=int, default=3000)
args = parser.parse_args()
out = Path(args.out)
out.mkdir(parents=True, exist_ok=True)
rng = random.Random(13)

FIRST = ["Tariro", "Chidinma", "Wanjiku", "Nomvula", "Zoe", "Kwabena", "Amina", "Fatou", "Thandiwe", "Kofi", "Aisha",
         "Neo", "Lerato", "Tendai", "Sipho", "Mariam", "Yaw", "Abena", "Njeri", "Baraka", "Imani", "Chipo", "Farai",
         "Rudo", "Kagiso", "Naledi", "Ama", "Esi", "Olu", "Ngozi"]
LAST = ["Moyo", "Okonkwo", "Kamau", "Dube", "Ndlovu", "Asante", "Mensah", "Ncube", "Diallo", "Traore", "Banda",
        "Phiri", "Mutasa", "Chikwanha", "Otieno", "Wanjiru", "Boateng", "Adeyemi", "Nkosi", "Mokoena"]
GENDERS = ["woman", "female", "Woman.", "une femme", "mwanamke", "man", "male", "homme", "non-binary", None]

people = []
for i in range(args.people):
    name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {i}"
    email = f"p{i}.{name.split()[1].lower()}@example.org"
    people.append((name, email, rng.choice(GENDERS)))
walk_ins = [(f"{rng.choice(FIRST)} Walkin {i}", f"walkin{i}@example.org") for i in range(args.people // 100)]

lines = ["format: indaba/1", "network:", "  slug: benchimport", "  name: Bench Import Network", "  country: ZW",
         "  timeZone: Africa/Harare", "  people:"]
for name, email, gender in people:
    extra = f", consent: true, gender: \"{gender}\"" if gender else ""
    lines.append(f"    - {{email: {email}, name: \"{name}\"{extra}}}")
for name, email in walk_ins:
    lines.append(f"    - {{email: {email}, name: \"{name}\"}}")
lines += ["    - {email: host.team@example.net, name: Host Team}", "  programmes:", "    - slug: webinars",
          "      title: Webinars", "      series:", "        - slug: big", "          title: Big Webinar",
          "          status: published", "          timeZone: Africa/Harare", "          roles:",
          "            - {person: host.team@example.net, role: facilitator}", "          enrolments:"]
for _, email, _ in people:
    lines.append(f"            - {{person: {email}, at: 2023-06-01T08:00:00Z, channel: newsletter}}")
lines += ["          sessions:",
          "            - {slug: one, title: One, kind: live, starts: 2023-06-21T14:00, ends: 2023-06-21T16:00}"]
(out / "network.yaml").write_text("\n".join(lines) + "\n")

start = datetime(2023, 6, 21, 13, 55)
end = datetime(2023, 6, 21, 16, 5)
fmt = "%m/%d/%Y %I:%M:%S %p"
rows = []


def visit(display, email, t0, t1):
    minutes = max(1, round((t1 - t0).total_seconds() / 60))
    rows.append(f"{display},{email},{t0.strftime(fmt)},{t1.strftime(fmt)},{minutes},Yes,Y,No")


rows_left = args.rows - 1
attendees = rng.sample(people, k=min(len(people), int(args.rows * 0.62)))
i = 0
while rows_left > 0:
    kind = rng.random()
    if i < len(attendees):
        name, email, _ = attendees[i]
    else:
        name, email = rng.choice(walk_ins)
    i += 1
    t0 = start + timedelta(seconds=rng.randint(0, 1800))
    t1 = min(end, t0 + timedelta(seconds=rng.randint(600, 7200)))
    if kind < 0.06 and rows_left >= 2:
        # Joined on a phone, renamed to their name: the first rows under the device's name.
        device = f"{name.split()[0]}'s iPhone {i}"
        mid = t0 + (t1 - t0) / 3
        visit(device, "", t0, mid)
        visit(f"{name} ({device})", "", mid, t1)
        rows_left -= 2
    elif kind < 0.30 and rows_left >= 3:
        # Dropped connection: three visits, the second overlapping the first.
        a = t0 + (t1 - t0) / 3
        b = t0 + 2 * (t1 - t0) / 3
        visit(name, email, t0, a + timedelta(seconds=30))
        visit(name, email, a, b)
        visit(name, email.upper(), b, t1)
        rows_left -= 3
    elif kind < 0.36:
        visit(name, "", t0, t1)  # no address: matched by name
        rows_left -= 1
    elif kind < 0.38:
        visit(f"Visitor {i} (+263 77 {i:03d} {i % 10000:04d})", "", t0, t1)  # unknown: review queue
        rows_left -= 1
    else:
        visit(name, email, t0, t1)
        rows_left -= 1

header = ("Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants\n"
          f"\"845 2291 7730\",\"Big Webinar, session 1\",{start.strftime(fmt)},{end.strftime(fmt)},"
          f"host.team@example.net,130,{len(rows) + 1}\n\n"
          "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest,Recording Consent,"
          "In Waiting Room\n"
          f"Host Team,host.team@example.net,{start.strftime(fmt)},{end.strftime(fmt)},130,No,,No\n")
(out / "zoom-export.csv").write_text(header + "\n".join(rows) + "\n")
print(f"{out}/network.yaml: {len(people)} people enrolled; {out}/zoom-export.csv: {len(rows) + 1} rows")
