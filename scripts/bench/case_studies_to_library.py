#!/usr/bin/env python3
"""Turns the shared synthetic dataset's case studies (JSONL, ../shared/bench/gen_dataset.py) into an Indaba network
definition file and a folder of case-study Markdown files, so the search benchmark loads them through Indaba's own
import path.

    python3 case_studies_to_library.py JSONL_DIR OUT_DIR     # writes OUT_DIR/bench.yaml and OUT_DIR/library/*.md

The dataset's organizations become members of one network, `bench`, with the case-studies plugin enabled. Each study
keeps its id in its slug (`cs-<id>`), its title, summary and body exactly; its first tag becomes its sector. Topics
are left empty on purpose: the kit's FTS5 index holds title, summary and body only, and an Indaba study's topics are
indexed too, so leaving them out keeps both indexes over the same text (bm25 counts every indexed word). Visibility
cycles through private, network and public; the benchmark reads as the network's coordinator, who sees them all.
"""
import json
import os
import sys


def rows(directory, table):
    with open(f"{directory}/{table}.jsonl", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def q(text):
    """A YAML double-quoted scalar, escaped as Indaba writes them."""
    out = []
    for ch in str(text):
        code = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\r":
            out.append("\\r")
        elif code < 0x20 or 0x7F <= code <= 0x9F or code in (0x2028, 0x2029, 0xFEFF):
            out.append(f"\\u{code:04X}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def main(directory, out):
    studies = rows(directory, "case_studies")
    organizations = {o["id"]: o for o in rows(directory, "organizations")}
    used = sorted({s["organization_id"] for s in studies})
    lines = ["format: indaba/1", "network:", "  slug: bench", "  name: Benchmark network", "  country: KE",
             "  timeZone: Africa/Nairobi", "  plugins:", "    - id: case-studies", "  members:"]
    for oid in used:
        org = organizations[oid]
        lines += [f"    - slug: org-{oid}", f"      name: {q(org['name'])}", f"      country: {org['country']}",
                  f"      timeZone: {org['timezone']}"]
    os.makedirs(f"{out}/library", exist_ok=True)
    with open(f"{out}/bench.yaml", "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    visibilities = ["private", "network", "public"]
    for s in studies:
        org = organizations[s["organization_id"]]
        sector = s["tags"].split(",")[0] or "community"
        text = "\n".join([
            "---", f"slug: cs-{s['id']}", f"title: {q(s['title'])}", f"summary: {q(s['summary'])}",
            f"organization: bench/org-{s['organization_id']}", "origin: network", f"country: {org['country']}",
            f"sector: {sector}", "topics: []", "outcomes: []", "links: []", 'licence: "CC-BY-4.0"',
            "consent: notNeeded", f"visibility: {visibilities[s['id'] % 3]}", "presentedAt: []", "---",
        ]) + "\n" + s["body"]
        with open(f"{out}/library/cs-{s['id']}.md", "w", encoding="utf-8") as f:
            f.write(text)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
