#!/usr/bin/env python3
"""Case-study search over HTTP, request by request: the kit's 100 queries (q4_batch.sql) sent to a running
`indaba serve` on one keep-alive connection, RUNS rounds, each round in a shuffled order. Prints the true
per-request p50 and p99 over every request (not a median of per-query medians), the per-query p50s, and how many
requests came back with the same number of hits as the bare query would give (visible to the caller), and the floor
under them: as many `/healthz` requests on the same connection (the client and HTTP alone, no search). Then the
library's lists by title (no `q`), private and public.

    search_over_http.py BASE_URL ORG_ID TOKEN q4_batch.sql RUNS REPORT.tsv
"""
import http.client
import json
import random
import statistics
import sys
import time
import urllib.parse


def queries(path):
    found = []
    for line in open(path, encoding="utf-8"):
        if not line.startswith("SELECT ") or "MATCH '" not in line:
            continue
        text = line.split("MATCH '", 1)[1].split("' ORDER BY", 1)[0].replace("''", "'")
        found.append(text)
    return found


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def main(base, org, token, batch, runs, report):
    url = urllib.parse.urlparse(base)
    connection = http.client.HTTPConnection(url.hostname, url.port)
    headers = {"Authorization": f"Bearer {token}"}
    texts = queries(batch)
    times = {text: [] for text in texts}
    hits = {}
    sizes = []
    order = list(texts)
    for _ in range(2):  # warm-up: every query once more, untimed
        for text in texts:
            connection.request("GET", f"/api/v1/orgs/{org}/case-studies/studies?" + urllib.parse.urlencode(
                {"q": text, "limit": 20}), headers=headers)
            connection.getresponse().read()
    for _ in range(runs):
        random.shuffle(order)
        for text in order:
            path = f"/api/v1/orgs/{org}/case-studies/studies?" + urllib.parse.urlencode({"q": text, "limit": 20})
            start = time.perf_counter()
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            body = response.read()
            times[text].append((time.perf_counter() - start) * 1000)
            if response.status != 200:
                sys.exit(f"{response.status} for q={text!r}: {body[:200]!r}")
            hits[text] = len(json.loads(body)["items"])
            sizes.append(len(body))
    # The floor under every answer: the same client and connection asking /healthz (HTTP, the middleware in front
    # of the request guard, one database read; no token, no search, a 15-byte answer).
    floor = []
    for _ in range(len(texts) * runs):
        start = time.perf_counter()
        connection.request("GET", "/healthz")
        connection.getresponse().read()
        floor.append((time.perf_counter() - start) * 1000)
    every = [t for values in times.values() for t in values]
    with open(report, "w", encoding="utf-8") as out:
        out.write("query\thttp_p50_ms\thttp_p99_ms\thits\n")
        for text in texts:
            out.write(f"{text}\t{statistics.median(times[text]):.3f}\t{percentile(times[text], 0.99):.3f}\t{hits[text]}\n")
    p50s = [statistics.median(v) for v in times.values()]
    print(f"requests: {len(every)} ({len(texts)} queries x {runs} rounds, shuffled, one keep-alive connection)")
    print(f"per request over HTTP: p50 {statistics.median(every):.3f} ms, p99 {percentile(every, 0.99):.3f} ms, "
          f"max {max(every):.3f} ms")
    print(f"floor, /healthz on the same connection: p50 {statistics.median(floor):.3f} ms, "
          f"p99 {percentile(floor, 0.99):.3f} ms (answers above: median {statistics.median(sizes)} bytes)")
    print(f"per-query p50s: median {statistics.median(p50s):.3f} ms, slowest {max(p50s):.3f} ms, "
          f"{sum(1 for p in p50s if p <= 2)} of {len(p50s)} at or under 2 ms")
    print(f"queries with hits: {sum(1 for h in hits.values() if h > 0)} of {len(hits)} "
          f"(funnel AND pibebo: {hits.get('funnel AND pibebo', 'not in the batch')})")
    lists_by_title(connection, org, headers, len(texts) * runs // 10)


def lists_by_title(connection, org, headers, count):
    """The library's lists by title (`studies` without `q`) on the same connection: the coordinator's and the public
    one, a page of 50, and a filter that keeps no study (the walk through the whole library in title order)."""
    print(f"lists by title (no q), {count} requests each on the same connection:")
    for label, path, sent in [
        ("coordinator, limit 50", f"/api/v1/orgs/{org}/case-studies/studies?limit=50", headers),
        ("public, limit 50", f"/public/orgs/{org}/case-studies/studies?limit=50", {}),
        ("public, limit 1", f"/public/orgs/{org}/case-studies/studies?limit=1", {}),
        ("public, a sector no study has", f"/public/orgs/{org}/case-studies/studies?limit=50&sector=none", {}),
    ]:
        taken = []
        for index in range(count + 20):
            start = time.perf_counter()
            connection.request("GET", path, headers=sent)
            response = connection.getresponse()
            body = response.read()
            if response.status != 200:
                sys.exit(f"{response.status} for {path}: {body[:200]!r}")
            if index >= 20:  # the first 20 warm up
                taken.append((time.perf_counter() - start) * 1000)
        print(f"  {label}: p50 {statistics.median(taken):.3f} ms, p99 {percentile(taken, 0.99):.3f} ms, "
              f"{len(json.loads(body)['items'])} studies, {len(body)} bytes")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]), sys.argv[6])
