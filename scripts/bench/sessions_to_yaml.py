#!/usr/bin/env python3
"""Turns the shared synthetic dataset (JSONL, ../shared/bench/gen_dataset.py) into an Indaba network definition file,
so the feed benchmark loads it through Indaba's own import path.

    python3 sessions_to_yaml.py JSONL_DIR N > bench.yaml

Keeps the first N sessions by start time (the benchmark's "N-session feed") with their series, programmes and
organizations. The dataset's organizations become members of one network, `bench`; every series is published and
planned in its organization's time zone. People, enrolments and attendance are not needed by feeds and are left out.
"""
import json
import sys
from datetime import datetime, timezone
from zoneinfo import ZoneInfo


def rows(directory, table):
    with open(f"{directory}/{table}.jsonl", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def q(text):
    return '"' + str(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def local(instant, zone):
    moment = datetime.strptime(instant, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc).astimezone(ZoneInfo(zone))
    offset = moment.strftime("%z")
    return moment.strftime("%Y-%m-%dT%H:%M:%S") + offset[:3] + ":" + offset[3:]


def main(directory, n):
    sessions = sorted(rows(directory, "sessions"), key=lambda s: (s["starts_at"], s["id"]))[:n]
    series = {s["id"]: s for s in rows(directory, "series")}
    programmes = {p["id"]: p for p in rows(directory, "programmes")}
    organizations = {o["id"]: o for o in rows(directory, "organizations")}
    by_series = {}
    for s in sessions:
        by_series.setdefault(s["series_id"], []).append(s)
    by_programme = {}
    for sid in by_series:
        by_programme.setdefault(series[sid]["programme_id"], []).append(sid)
    by_org = {}
    for pid in by_programme:
        by_org.setdefault(programmes[pid]["organization_id"], []).append(pid)

    out = ["format: indaba/1", "network:", "  slug: bench", "  name: Benchmark network", "  country: KE",
           "  timeZone: Africa/Nairobi", "  plugins:", "    - id: feeds", "  members:"]
    for oid in sorted(by_org):
        org = organizations[oid]
        zone = org["timezone"]
        out += [f"    - slug: org-{oid}", f"      name: {q(org['name'])}", f"      country: {org['country']}",
                f"      timeZone: {zone}", "      plugins:", "        - id: feeds", "      programmes:"]
        for pid in sorted(by_org[oid]):
            out += [f"        - slug: programme-{pid}", f"          title: {q(programmes[pid]['title'])}",
                    "          series:"]
            for sid in sorted(by_programme[pid]):
                s = series[sid]
                out += [f"            - slug: series-{sid}", f"              title: {q(s['title'])}",
                        f"              summary: {q(s['description'])}", "              status: published",
                        f"              timeZone: {zone}", "              sessions:"]
                for session in sorted(by_series[sid], key=lambda x: x["seq"]):
                    out += [f"                - slug: session-{session['id']}",
                            f"                  title: {q(session['title'])}", "                  kind: live",
                            f"                  starts: {q(local(session['starts_at'], zone))}",
                            f"                  ends: {q(local(session['ends_at'], zone))}",
                            f"                  joinUrl: {q(session['join_url'])}"]
    print("\n".join(out))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
