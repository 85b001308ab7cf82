#!/usr/bin/env python3
"""Two builds of `indaba` compared over HTTP on the case-study search: what a change bought, as served.

Needs the workspace `scripts/bench-case-studies.sh` leaves (bench.sqlite and q4_batch.sql in WORK). Each pair starts
both builds' `indaba serve` on the same database and sends them the kit's 100 queries, round by round in a shuffled
order, alternating which server goes first, on one keep-alive connection each. The two servers' places are swapped
from one pair to the next: two identical builds measure 0.92x-1.03x against each other in one place, so a ratio
from one pair alone says little. Prints, per pair, new over old for the per-request p50 and p99 and the servers' CPU
time a request (from /proc), and whether both answered every query with the same bytes; then the median of each ratio.

    ab_search_http.py OLD_INDABA NEW_INDABA [--pairs 6] [--rounds 15] [--work /tmp/indaba-bench-case-studies]
"""
import argparse
import http.client
import random
import statistics
import subprocess
import time
import urllib.parse
from pathlib import Path

from search_over_http import percentile, queries


def cpu_seconds(pid):
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / 100  # utime + stime, in clock ticks of 1/100 s


def start(binary, database, port, log):
    server = subprocess.Popen([binary, "serve", "--db", database, "--port", str(port)], stdout=log, stderr=log)
    for _ in range(200):
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port)
            connection.request("GET", "/healthz")
            response = connection.getresponse()
            response.read()
            if response.status == 200:
                return server, connection
        except OSError:
            time.sleep(0.05)
    server.kill()
    raise SystemExit(f"{binary} did not start serving on port {port}; see {log.name}")


def pair(builds, database, network, token, texts, rounds, work):
    """One pair of servers: per build, its request times, CPU seconds and answers."""
    servers = {}
    for slot, (name, binary) in enumerate(builds):
        log = open(work / f"ab-{name}.log", "w")
        servers[name] = start(binary, database, 18401 + slot, log)
    headers = {"Authorization": f"Bearer {token}"}
    times = {name: [] for name in servers}
    cpu = {name: 0.0 for name in servers}
    answers = {name: {} for name in servers}

    def run(name, order, record):
        process, connection = servers[name]
        before = cpu_seconds(process.pid)
        for text in order:
            path = f"/api/v1/orgs/{network}/case-studies/studies?" + urllib.parse.urlencode({"q": text, "limit": 20})
            started = time.perf_counter()
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            body = response.read()
            if record:
                times[name].append(time.perf_counter() - started)
            if response.status != 200:
                raise SystemExit(f"{name}: {response.status} for query {text!r}")
            answers[name][text] = body
        if record:
            cpu[name] += cpu_seconds(process.pid) - before

    try:
        for name in servers:
            run(name, texts, record=False)  # warm-up
        names = list(servers)
        for round_ in range(rounds):
            order = random.sample(texts, len(texts))
            for name in names if round_ % 2 == 0 else reversed(names):
                run(name, order, record=True)
    finally:
        for process, _ in servers.values():
            process.terminate()
            process.wait()
    return times, cpu, answers


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("old")
    parser.add_argument("new")
    parser.add_argument("--pairs", type=int, default=6)
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--work", default="/tmp/indaba-bench-case-studies")
    arguments = parser.parse_args()
    work = Path(arguments.work)
    database = str(work / "bench.sqlite")
    texts = queries(work / "q4_batch.sql")
    network = subprocess.run(
        ["sqlite3", database, "SELECT id FROM organization WHERE slug = 'bench' AND parentId IS NULL"],
        capture_output=True, text=True, check=True).stdout.strip()
    token = subprocess.run(
        [arguments.new, "token", "create", "--db", database, "--role", "networkCoordinator", "--org", "bench",
         "--label", "ab_search_http"],
        capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1]
    ratios = {"p50": [], "p99": [], "CPU": []}
    for index in range(arguments.pairs):
        builds = [("old", arguments.old), ("new", arguments.new)]
        if index % 2:
            builds.reverse()
        times, cpu, answers = pair(builds, database, network, token, texts, arguments.rounds, work)
        figures = {}
        for name in ("old", "new"):
            figures[name] = {
                "p50": percentile(times[name], 0.5), "p99": percentile(times[name], 0.99),
                "CPU": cpu[name] / len(times[name]),
            }
        same = sum(1 for text in texts if answers["old"][text] == answers["new"][text])
        line = []
        for figure in ratios:
            ratios[figure].append(figures["new"][figure] / figures["old"][figure])
            line.append(f"{figure} {ratios[figure][-1]:.3f}x")
        print(f"pair {index + 1} (new started {'second' if index % 2 == 0 else 'first'}): new/old "
              + ", ".join(line) + f"; old p50 {figures['old']['p50'] * 1000:.3f} ms, "
              + f"new {figures['new']['p50'] * 1000:.3f} ms; same answers: {same} of {len(texts)}")
    print(f"median over {arguments.pairs} pairs, new/old: "
          + ", ".join(f"{figure} {statistics.median(values):.3f}x (from {min(values):.3f}x to {max(values):.3f}x)"
                      for figure, values in ratios.items()))


if __name__ == "__main__":
    main()
