#!/usr/bin/env python3
"""run.py SARING TABLE...: check each message of a verdicts table (see starter.tsv).

Each line runs `SARING check --json MESSAGE` and compares its verdict, top
document and (as a substring of the JSON line) an expected text. A table
whose first line is "# db: shared" runs against the database named by
$SARING_SHARED_DB (the shared corpus, imported by verdicts.sh) and is
skipped, each line counted, without it. Prints a line per failure and
"verdicts: N passed, N failed, N skipped".
"""
import json, os, subprocess, sys

saring, passed, failed, skipped = sys.argv[1], 0, 0, 0
for table in sys.argv[2:]:
    lines = open(table, encoding="utf-8").read().split("\n")
    db = []
    if lines and lines[0].strip() == "# db: shared":
        if not os.environ.get("SARING_SHARED_DB"):
            skipped += sum(1 for l in lines if l.strip() and not l.startswith("#"))
            print(f"skip {table}: no shared corpus (SARING_SHARED_DB)")
            continue
        db = ["--db", os.environ["SARING_SHARED_DB"]]
    for n, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        verdict, top, holds, message = line.rstrip("\n").split("\t", 3)
        message = message.replace("\\n", "\n")
        out = subprocess.run([saring, *db, "check", "--json", message], capture_output=True, text=True).stdout
        try:
            r = json.loads(out)
        except ValueError:
            r = {}
        got_top = r["matches"][0]["id"] if r.get("matches") else "-"
        why = []
        if r.get("verdict") != verdict:
            why.append(f"verdict {r.get('verdict')}, want {verdict}")
        if top != "-" and got_top != top:
            why.append(f"top {got_top}, want {top}")
        if holds != "-" and holds not in out:
            why.append(f"no {holds!r} in {out.strip()[:300]}")
        if why:
            failed += 1
            print(f"FAIL {table}:{n}: " + "; ".join(why))
        else:
            passed += 1
print(f"verdicts: {passed} passed, {failed} failed, {skipped} skipped")
sys.exit(1 if failed else 0)
