#!/usr/bin/env python3
"""bykind.py SCORE QUERIES RESULTS [PEER]: score.py's figures for each kind of query.

QUERIES carry a "kind" (short/long chatter, before/after/around/pair
forwards, month/daymonth/... altered and their controls). For each kind and
for all of them, prints one table row: n, R@1, R@1 at 5% FPR (when the set
has negatives), verdict accuracy, false alarms, misses, the share of
chatter called `similar`, and the plain peer's R@1 (PEER, from
peer_bm25.py). Altered rows also count the notes that name both the
changed text and the release's ("said"/"release" in the query); pair rows
the messages whose two forwards are both reported as matches.
"""
import json, os, re, subprocess, sys, tempfile

score, qpath, rpath = sys.argv[1:4]
peer = sys.argv[4] if len(sys.argv) > 4 else None
qs = [json.loads(l) for l in open(qpath, encoding="utf-8") if l.strip()]
rs = {str(o["id"]): o for o in map(json.loads, open(rpath, encoding="utf-8"))}
ps = {str(o["id"]): o for o in map(json.loads, open(peer, encoding="utf-8"))} if peer else {}

def run(subset, results):
    with tempfile.TemporaryDirectory() as t:
        qf, rf = os.path.join(t, "q"), os.path.join(t, "r")
        with open(qf, "w") as f:
            f.writelines(json.dumps(q) + "\n" for q in subset)
        with open(rf, "w") as f:
            f.writelines(json.dumps(results[q["id"]]) + "\n" for q in subset if q["id"] in results)
        return json.loads(subprocess.run([sys.executable, score, qf, rf, "--json"], check=True,
                                         capture_output=True, text=True).stdout)

def notes_ok(q):
    # the note names both: the words of the changed text and of the original that differ
    said, release = (set(re.findall(r"\w+(?:/\w+)*", x.lower())) for x in (q["said"], q["release"]))
    r = rs.get(q["id"], {})
    return r.get("verdict") == "altered" and any(
        all(w in re.findall(r"\w+(?:/\w+)*", n.lower()) for w in (said ^ release)) for n in r.get("notes", []))

def pair_ok(q):
    r = rs.get(q["id"], {})
    ids = {m["id"] for m in r.get("matches", []) if m.get("match")}
    return all(ids & set(part) for part in q["parts"])

kinds = sorted({q.get("kind", "dev") for q in qs})
fmt = lambda v: "–" if v is None else f"{v:.3f}"
print(f"{'kind':10s} {'n':>5s} {'R@1':>6s} {'R@1@5%':>7s} {'verdict':>7s} {'f.alarm':>7s} "
      f"{'missed':>7s} {'hit':>6s} {'similar':>7s} {'peer R@1':>8s} {'peer @5%':>8s}  extra")
for kind in kinds + ["all"]:
    sub = [q for q in qs if kind == "all" or q.get("kind", "dev") == kind]
    if not sub or (kind == "all" and len(kinds) == 1):
        continue
    m = run(sub, rs)
    pm = run(sub, ps) if ps else {}
    pos = [q for q in sub if q["expect"]]
    neg = [q for q in sub if not q["expect"]]
    # a hit: the right document on top and a verdict that claims a match
    hit = sum(1 for q in pos if (rs.get(q["id"], {}).get("matches") or [{}])[0].get("id") in q["expect"]
              and rs[q["id"]].get("verdict") in ("hoax", "official", "altered")) / len(pos) if pos else None
    sim = sum(1 for q in neg if rs.get(q["id"], {}).get("verdict") == "similar") / len(neg) if neg else None
    extra = ""
    alt = [q for q in sub if q.get("expect_label") == "altered"]
    if alt:
        extra = f"notes naming both {sum(map(notes_ok, alt))}/{len(alt)}"
    pairs = [q for q in sub if q.get("kind") == "pair"]
    if pairs:
        extra = f"both forwards reported {sum(map(pair_ok, pairs))}/{len(pairs)}"
    print(f"{kind:10s} {len(sub):5d} {fmt(m['R@1'] if pos else None):>6s} {fmt(m.get('R@1@FPR5') if pos and neg else None):>7s} "
          f"{fmt(m.get('verdict_acc')):>7s} {fmt(m.get('false_alarm') if neg else None):>7s} "
          f"{fmt(m.get('miss') if pos else None):>7s} {fmt(hit):>6s} {fmt(sim):>7s} "
          f"{fmt(pm.get('R@1') if pm and pos else None):>8s} {fmt(pm.get('R@1@FPR5') if pm and pos and neg else None):>8s}  {extra}")
