#!/usr/bin/env python3
"""The floor under case-study search's ratio to bare FTS5: the SQL alone, with no Swift at all.

For each of the kit's 100 queries (q4_batch.sql), alternating in one process, RUNS times each:
- the bare query on the kit's database (ids and bm25 scores, as the batch has it);
- Indaba's search query as a network coordinator sends it (CaseStudySearch: the columns a hit shows and the body
  its snippet is cut from, the network and visibility conditions, the best 20 by bm25), on Indaba's database;
- the same on Indaba's index with ids and bm25 only.
Prints per-query p50 ratios to bare. Whatever Swift does on top (snippets, marking, JSON) adds to the first line.

    search_sql_floor.py INDABA_DB KIT_DB q4_batch.sql NETWORK_ID RUNS
"""
import re
import sqlite3
import statistics
import sys
import time

COLUMNS = ("id, organizationId, slug, title, summary, origin, country, sector, topicWords, consent, visibility, "
           "version, updatedAt, body")


def timed(db, sql, arguments):
    start = time.perf_counter()
    db.execute(sql, arguments).fetchall()
    return time.perf_counter() - start


def main(ours_path, bare_path, batch, network, runs):
    ours = sqlite3.connect(f"file:{ours_path}?mode=ro", uri=True)
    bare = sqlite3.connect(f"file:{bare_path}?mode=ro", uri=True)
    network = int(network)
    # As CaseStudySearch sends it for a network coordinator (who sees every study of the network): the best 20
    # matches by bm25 (ties by id), then the hits' columns and bodies of those 20 alone.
    search = ("WITH best AS (SELECT s.id AS id, bm25(caseStudies_search) AS score "
              "FROM caseStudies_search JOIN caseStudies_study s ON s.id = caseStudies_search.rowid "
              f"WHERE caseStudies_search MATCH ? AND s.networkId = {network} AND 1 ORDER BY score, s.id LIMIT 20) "
              f"SELECT {', '.join('s.' + c for c in COLUMNS.split(', '))}, best.score "
              "FROM best JOIN caseStudies_study s ON s.id = best.id ORDER BY best.score, best.id")
    ids_only = ("SELECT s.id, bm25(caseStudies_search) AS score FROM caseStudies_search "
                "JOIN caseStudies_study s ON s.id = caseStudies_search.rowid "
                "WHERE caseStudies_search MATCH ? ORDER BY score, s.id LIMIT 20")
    with_text, without_text = [], []
    for line in open(batch):
        if not line.startswith("SELECT "):
            continue
        match = re.search(r"MATCH '((?:[^']|'')*)'", line).group(1).replace("''", "'")
        bare_sql = line.strip().rstrip(";")
        times = {"bare": [], "text": [], "ids": []}
        for _ in range(runs):
            times["bare"].append(timed(bare, bare_sql, ()))
            times["text"].append(timed(ours, search, (match,)))
            times["ids"].append(timed(ours, ids_only, (match,)))
        floor = statistics.median(times["bare"])
        with_text.append((statistics.median(times["text"]) / floor, match))
        without_text.append(statistics.median(times["ids"]) / floor)
    for name, ratios in (("search query, with the hits' text", [r for r, _ in with_text]),
                         ("ids and bm25 only, Indaba's index", without_text)):
        ratios = sorted(ratios)
        within = sum(1 for r in ratios if r <= 1.5)
        print(f"SQL alone, {name}: per-query p50 / bare median {statistics.median(ratios):.2f}x, "
              f"max {ratios[-1]:.2f}x; within 1.5x: {within} of {len(ratios)}")
    worst = sorted(with_text, reverse=True)[:3]
    print("slowest against bare, with text: " + "; ".join(f"{r:.2f}x {m}" for r, m in worst))


if __name__ == "__main__":
    if len(sys.argv) != 6:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]))
