#!/bin/sh
# eval.sh SHARED: score matching quality on the shared dev queries.
# Builds a database from SHARED/corpus.jsonl (cached in build/eval.db while
# the corpus and the saring binary are unchanged), runs check --jsonl --json
# over each query file and scores it with SHARED/../eval/score.py.
shared=${1:-../shared/data}
if [ ! -f "$shared/corpus.jsonl" ]; then
	echo "eval: skipped: $shared/corpus.jsonl not found"
	sh tests/eval-images.sh "$shared"   # on the starter corpus
	exit $?
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
# saring's own sets (tests/eval/): everyday chatter, wrapped forwards,
# altered releases, each by kind beside the plain FTS5 bm25 peer
ev=build/eval
mkdir -p "$ev"
# gen FILE COMMAND...: FILE is COMMAND's output, left as it was when that is the same (the sets
# are deterministic: their peer runs are kept)
gen() {
	file=$1
	shift
	"$@" >"$file.new" || { rm -f "$file.new"; exit 3; }
	if cmp -s "$file.new" "$file"; then rm -f "$file.new"; else mv "$file.new" "$file"; fi
}
gen "$ev/chatter-dev.jsonl" python3 tests/eval/gen_chatter.py dev 1 600
gen "$ev/chatter-held.jsonl" python3 tests/eval/gen_chatter.py held 2 600
gen "$ev/chatter-fresh.jsonl" python3 tests/eval/gen_chatter.py fresh 7 500
gen "$ev/dev-chatter.jsonl" cat "$shared/queries-dev.jsonl" "$ev/chatter-dev.jsonl"
gen "$ev/wrapped.jsonl" python3 tests/eval/gen_wrapped.py "$shared/queries-dev.jsonl" 3
gen "$ev/altered.jsonl" python3 tests/eval/gen_altered.py "$shared/corpus.jsonl" 4 200
gen "$ev/altered-held.jsonl" python3 tests/eval/gen_altered.py "$shared/corpus.jsonl" 9 200
for set in dev-chatter chatter-held chatter-fresh wrapped altered altered-held; do
	./saring --db "$db" check --jsonl --json -n 5 -f "$ev/$set.jsonl" >"$ev/$set.out"
	rc=$?
	[ $rc -gt 1 ] && { echo "eval: check failed on $set (exit $rc)"; status=1; }
	[ "$ev/$set.peer" -nt "$ev/$set.jsonl" ] && [ "$ev/$set.peer" -nt "$shared/corpus.jsonl" ] ||
		gen "$ev/$set.peer" python3 tests/eval/peer_bm25.py "$shared/corpus.jsonl" "$ev/$set.jsonl"
	echo "== $set (tests/eval/, by kind; peer: plain FTS5 bm25)"
	python3 tests/eval/bykind.py "$score" "$ev/$set.jsonl" "$ev/$set.out" "$ev/$set.peer" || status=1
done
sh tests/eval-images.sh "$shared" || status=1
exit $status
