#!/usr/bin/env python3
"""Loads the shared synthetic dataset's structure into an Indaba database made by `indaba init`, for benchmarks.

    load_dataset.py JSONL_DIR DB

Organizations become members of one network `bench`; programmes, series, sessions, people (gender with consent),
enrolments and participant roles keep the dataset's ids. Attendance is NOT loaded here: the benchmark loads it
through Indaba's own path (`indaba attendance load`). One transaction, written behind the kernel's back (no events),
so the retention plugin recounts its tallies from the kernel's tables when it is enabled afterwards.
"""
import json
import os
import sqlite3
import sys

src, db_path = sys.argv[1], sys.argv[2]
NETWORK = 1_000_000
STAMP = "2024-01-01 00:00:00.000"


def rows(table):
    with open(os.path.join(src, f"{table}.jsonl"), encoding="utf-8") as f:
        for line in f:
            yield json.loads(line)


def grdb(instant):
    """'2024-01-08T05:11:00Z' -> GRDB's stored form '2024-01-08 05:11:00.000'."""
    return instant.replace("T", " ").replace("Z", "") + ".000"


db = sqlite3.connect(db_path)
db.execute("PRAGMA foreign_keys = ON")
with db:
    db.execute(
        "INSERT INTO organization (id, parentId, name, slug, country, timeZone, createdAt, updatedAt)"
        " VALUES (?, NULL, 'Bench Network', 'bench', 'ZA', 'Africa/Johannesburg', ?, ?)", (NETWORK, STAMP, STAMP))
    zones = {}
    for o in rows("organizations"):
        zones[o["id"]] = o["timezone"]
        db.execute(
            "INSERT INTO organization (id, parentId, name, slug, country, timeZone, createdAt, updatedAt)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (o["id"], NETWORK, o["name"], o["slug"], o["country"], o["timezone"], STAMP, STAMP))
    programme_org = {}
    for p in rows("programmes"):
        programme_org[p["id"]] = p["organization_id"]
        db.execute(
            "INSERT INTO programme (id, organizationId, slug, title, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?)",
            (p["id"], p["organization_id"], p["slug"], p["title"], STAMP, STAMP))
    series_zone = {}
    for s in rows("series"):
        zone = zones[programme_org[s["programme_id"]]]
        series_zone[s["id"]] = zone
        db.execute(
            "INSERT INTO webinarSeries (id, programmeId, slug, title, summary, status, timeZone, createdAt, updatedAt)"
            " VALUES (?, ?, ?, ?, ?, 'published', ?, ?, ?)",
            (s["id"], s["programme_id"], s["slug"], s["title"], s["description"], zone, STAMP, STAMP))
    db.executemany(
        "INSERT INTO session (id, seriesId, position, slug, title, kind, startsAt, endsAt, timeZone, joinURL,"
        " status, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, 'live', ?, ?, ?, ?, 'scheduled', ?, ?)",
        ((s["id"], s["series_id"], s["seq"], f"session-{s['seq']}", s["title"], grdb(s["starts_at"]),
          grdb(s["ends_at"]), series_zone[s["series_id"]], s["join_url"], STAMP, STAMP) for s in rows("sessions")))
    db.executemany(
        "INSERT INTO person (id, organizationId, displayName, email, emailKey, gender, consent, createdAt, updatedAt)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        ((p["id"], p["organization_id"], f"{p['given_name']} {p['family_name']}", p["email"], p["email"].lower(),
          p["gender"], 1 if p["gender"] is not None else 0, STAMP, STAMP) for p in rows("people")))
    enrolments = list(rows("enrolments"))
    db.executemany(
        "INSERT INTO enrolment (id, seriesId, personId, enrolledAt, channel, createdAt, updatedAt)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        ((e["id"], e["series_id"], e["person_id"], grdb(e["enrolled_at"]), e["source"], STAMP, STAMP)
         for e in enrolments))
    db.executemany(
        "INSERT INTO seriesRole (seriesId, personId, role, createdAt, updatedAt) VALUES (?, ?, 'participant', ?, ?)",
        ((e["series_id"], e["person_id"], STAMP, STAMP) for e in enrolments))
db.close()
