#!/usr/bin/env python3
"""peer_bm25.py CORPUS QUERIES: the plain peer `make eval` reports beside saring.

A stock SQLite FTS5 table (unicode61 tokenizer, title and text) over CORPUS;
for each query, the OR of its words, ranked by bm25, top 5. Scores are
-bm25 (higher is better), so score.py's R@1 at 5% FPR applies. No verdicts:
plain FTS5 has no notion of a match. Prints results in score.py's shape.
"""
import json, re, sqlite3, sys

db = sqlite3.connect(":memory:")
db.execute("CREATE VIRTUAL TABLE d USING fts5(id UNINDEXED, title, text)")
with open(sys.argv[1], encoding="utf-8") as f:
    db.executemany("INSERT INTO d VALUES (?, ?, ?)",
                   ((o["id"], o.get("title") or "", o.get("text") or "") for o in map(json.loads, f)))
for line in open(sys.argv[2], encoding="utf-8"):
    q = json.loads(line)
    words = sorted(set(w.lower() for w in re.findall(r"\w+", q["text"])))
    matches = []
    if words:
        expr = " OR ".join('"%s"' % w for w in words)
        rows = db.execute("SELECT id, bm25(d) FROM d WHERE d MATCH ? ORDER BY bm25(d) LIMIT 5", (expr,))
        matches = [{"id": i, "score": -s} for i, s in rows]
    print(json.dumps({"id": q["id"], "matches": matches}))
