#!/bin/sh
# eval.sh SHARED: score matching quality on the shared dev queries.
# Builds a database from SHARED/corpus.jsonl (cached in build/eval.db while
# the corpus and the saring binary are unchanged), runs check --jsonl --json
# over each query file and scores it with SHARED/../eval/score.py.
shared=${1:-../shared/data}
if [ ! -f "$shared/corpus.jsonl" ]; then
	echo "eval: skipped: $shared/corpus.jsonl not found"
	exit 0
fi
score="$shared/../eval/score.py"
db=build/eval.db
mkdir -p build
if [ ! -f "$db" ] || [ saring -nt "$db" ] || [ "$shared/corpus.jsonl" -nt "$db" ]; then
	rm -f "$db" "$db-wal" "$db-shm"
	./saring --db "$db" import "$shared/corpus.jsonl" >/dev/null || exit 3
fi
status=0
for q in queries-dev queries-dev-hard; do
	[ -f "$shared/$q.jsonl" ] || continue
	out=build/eval-$q.jsonl
	./saring --db "$db" check --jsonl --json -n 5 -f "$shared/$q.jsonl" >"$out"
	rc=$?
	[ $rc -gt 1 ] && { echo "eval: check failed on $q (exit $rc)"; status=1; }
	echo "== $q"
	python3 "$score" "$shared/$q.jsonl" "$out" || status=1
done
# saring's own stress set: the dev queries with more typing errors
if [ -f "$shared/queries-dev.jsonl" ]; then
	python3 tests/eval-typos.py "$shared/queries-dev.jsonl" 5 >build/eval-typos-queries.jsonl
	./saring --db "$db" check --jsonl --json -n 5 -f build/eval-typos-queries.jsonl >build/eval-typos.jsonl
	echo "== queries-dev with one typing error in six words (tests/eval-typos.py, seed 5)"
	python3 "$score" build/eval-typos-queries.jsonl build/eval-typos.jsonl || status=1
fi
exit $status
