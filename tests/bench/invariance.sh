#!/bin/sh
# invariance.sh SHARED [N]: does a score mean the same at 8k and N documents
# (default 300000)? The shared corpus alone; grown to N documents as a real
# corpus grows (tests/bench/gengrow.py: common words at their rate, new
# names); and grown by recombining its own sentences (tests/bench/gencorpus.py,
# the speed bench's corpus: each sentence many times). The same message sets
# checked against all three:
# the dev queries (score.py's verdict figures), saring's everyday chat pools
# and wrapped forwards (tests/eval/). Prints one table and writes
# build/bench/INVARIANCE.md. Never pass/fail: a figure, not a test.
set -eu
shared=${1:-../shared/data}
n=${2:-300000}
if [ ! -f "$shared/corpus.jsonl" ] || [ ! -f "$shared/queries-dev.jsonl" ]; then
	echo "invariance: skipped: $shared/corpus.jsonl not found"
	exit 0
fi
out=build/bench/invariance
mkdir -p "$out"
python3 tests/eval/gen_chatter.py dev 1 600 >"$out/chatter.jsonl"
python3 tests/eval/gen_chatter.py held 2 600 >>"$out/chatter.jsonl"
python3 tests/eval/gen_chatter.py fresh 7 500 >>"$out/chatter.jsonl"
python3 tests/eval/gen_wrapped.py "$shared/queries-dev.jsonl" 3 >"$out/wrapped.jsonl"
real=$(grep -c . "$shared/corpus.jsonl")
for kind in real grow gen; do
	db=$out/$kind.db
	if [ ! -f "$db" ] || [ saring -nt "$db" ]; then
		rm -f "$db" "$db-wal" "$db-shm"
		corpus=$out/$kind-$n.jsonl
		case $kind in
		real) corpus=$shared/corpus.jsonl ;;
		grow) [ -f "$corpus" ] || python3 tests/bench/gengrow.py "$n" 1 "$shared/corpus.jsonl" "$corpus" ;;
		gen) [ -f "$corpus" ] || python3 tests/bench/gencorpus.py "$n" 1 "$shared/corpus.jsonl" "$corpus" ;;
		esac
		echo "invariance: importing $corpus" >&2
		./saring --db "$db" import "$corpus" >/dev/null
	fi
	for set in dev chatter wrapped; do
		q=$out/$set.jsonl
		[ "$set" = dev ] && q=$shared/queries-dev.jsonl
		./saring --db "$db" check --jsonl --json -n 5 -f "$q" >"$out/$set-$kind.out" || [ $? -eq 1 ]
	done
done
python3 - "$shared/queries-dev.jsonl" "$out" "$real" "$n" <<'PY'
import json, statistics, sys
queries, out, real, n = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
claim = {"hoax", "official", "altered"}

def load(path):
    return {json.loads(l)["id"]: json.loads(l) for l in open(path, encoding="utf-8")}

def figures(kind):
    f = {}
    for name, qpath in (("dev", queries), ("chatter", out + "/chatter.jsonl"), ("wrapped", out + "/wrapped.jsonl")):
        qs, rs = load(qpath), load("%s/%s-%s.out" % (out, name, kind))
        pos = [q for q in qs.values() if q["expect"]]
        neg = [q for q in qs.values() if not q["expect"]]
        def top(q):
            m = rs[q["id"]].get("matches") or []
            return m[0]["id"] if m else None
        right = [q for q in pos if top(q) in q["expect"] and rs[q["id"]]["verdict"] in claim]
        if pos:
            f[name + " positives called a match"] = sum(rs[q["id"]]["verdict"] in claim for q in pos) / len(pos)
            f[name + " ... with the real source on top"] = len(right) / len(pos)
            f[name + " median score of hits"] = statistics.median(rs[q["id"]]["score"] for q in right) if right else 0
        if neg:
            f[name + " negatives called a match"] = sum(rs[q["id"]]["verdict"] in claim for q in neg) / len(neg)
            f[name + " negatives similar"] = sum(rs[q["id"]]["verdict"] == "similar" for q in neg) / len(neg)
            scores = sorted((rs[q["id"]]["score"] for q in neg), reverse=True)
            f[name + " negatives' 95th percentile score"] = scores[len(scores) // 20]
    return f

cols = [figures(k) for k in ("real", "grow", "gen")]
rows = [["figure", "{:,} real".format(real), "{:,} grown".format(n), "{:,} recombined".format(n)]]
for k in cols[0]:
    fmt = (lambda v: "%.3f" % v) if "score" in k else (lambda v: "%.1f%%" % (100 * v))
    rows.append([k] + [fmt(c.get(k, 0)) for c in cols])
md = ["# Score invariance (tests/bench/invariance.sh)", "",
      "The same message sets against the shared corpus; against it grown as a real corpus",
      "grows (tests/bench/gengrow.py: common words at their rate, new names); and against it",
      "grown by recombining its own sentences (tests/bench/gencorpus.py: every sentence about",
      "18 times, so a dev query's text may sit in a generated document as fully as in its",
      "real source, which then need not be on top).", ""]
md.append("| " + " | ".join(rows[0]) + " |")
md.append("|" + "---|" * len(rows[0]))
md += ["| " + " | ".join(r) + " |" for r in rows[1:]]
open("build/bench/INVARIANCE.md", "w").write("\n".join(md) + "\n")
w = max(len(r[0]) for r in rows)
for r in rows:
    print("%-*s  %14s  %14s  %18s" % (w, r[0], r[1], r[2], r[3]))
PY
