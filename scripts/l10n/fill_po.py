#!/usr/bin/env python3
"""Fills empty msgstr entries of a module's PO files from a Python table of draft translations.

    scripts/l10n/fill_po.py MODULE_DIR TABLE.py

TABLE.py defines T = {english: (fr, pt, ar, sw)} and P = {singular: (fr_forms, pt_forms, ar_forms, sw_forms)}.
Existing translations are kept; used once when drafting, then translators edit the PO files with their own tools.
"""
import re, runpy, sys

LANGS = ["fr", "pt", "ar", "sw"]

def unquote(s):
    return s[1:-1].replace('\\"', '"').replace("\\n", "\n").replace("\\\\", "\\")

def quote(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'

module, table = sys.argv[1], runpy.run_path(sys.argv[2])
T, P = table.get("T", {}), table.get("P", {})
missing = []
for i, lang in enumerate(LANGS):
    path = f"{module}/Locales/{lang}.po"
    lines = open(path, encoding="utf-8").read().split("\n")
    msgid = None
    for n, line in enumerate(lines):
        if line.startswith("msgid "):
            msgid = unquote(line[6:])
        m = re.match(r'msgstr(\[(\d)\])? ""$', line)
        if m and msgid:
            if m.group(1):
                forms = P.get(msgid)
                if forms: lines[n] = f"msgstr[{m.group(2)}] {quote(forms[i][int(m.group(2))])}"
                else: missing.append((lang, msgid))
            elif msgid in T:
                lines[n] = f"msgstr {quote(T[msgid][i])}"
            else:
                missing.append((lang, msgid))
    open(path, "w", encoding="utf-8").write("\n".join(lines))
for lang, msgid in missing:
    print(f"{lang}: no draft for {msgid!r}")
