#!/bin/sh
# previous.sh SHARED [REF] [N]: batch `check --jsonl` of this saring beside an
# earlier one (git REF, default BENCH_PREV or the commit before the evidence
# score), both over the same generated corpus of N documents (default
# 100000, tests/bench/gencorpus.py) and the shared dev queries, in the same
# run, alternating, five runs each; prints the median msg/s of both and their
# ratio, and writes build/bench/previous.md. Never pass/fail.
set -eu
shared=${1:-../shared/data}
ref=${2:-${BENCH_PREV:-91525c5}}
n=${3:-100000}
out=build/bench/previous
if [ ! -f "$shared/corpus.jsonl" ] || [ ! -f "$shared/queries-dev.jsonl" ]; then
	echo "previous: skipped: $shared/corpus.jsonl not found"
	exit 0
fi
if ! git rev-parse --verify -q "$ref^{commit}" >/dev/null; then
	echo "previous: skipped: no commit $ref in this clone"
	exit 0
fi
mkdir -p "$out"
# the earlier saring, built from its own sources in a folder of its own
if [ ! -x "$out/saring-$ref" ]; then
	rm -rf "$out/src"
	mkdir -p "$out/src"
	git archive "$ref" | tar -x -C "$out/src"
	make -C "$out/src" -s saring >/dev/null
	cp "$out/src/saring" "$out/saring-$ref"
fi
corpus=$out/corpus-$n.jsonl
[ -f "$corpus" ] || python3 tests/bench/gencorpus.py "$n" 7 "$shared/corpus.jsonl" "$corpus"
for who in now "$ref"; do
	bin=./saring
	[ "$who" = now ] || bin=$out/saring-$ref
	rm -f "$out/$who.db" "$out/$who.db-wal" "$out/$who.db-shm"
	"$bin" --db "$out/$who.db" import "$corpus" >/dev/null
done
# the dev queries five times over per run (a run of the queries once is 0.2 s,
# too short for the shared cores' clock), the two binaries in turn
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
for i in 1 2 3 4 5; do cat "$shared/queries-dev.jsonl"; done > "$out/q5x.jsonl"
lines=$(wc -l < "$out/q5x.jsonl")
queries=$(wc -l < "$shared/queries-dev.jsonl")
: > "$out/now.times"
: > "$out/prev.times"
for run in 1 2 3 4 5; do
	for who in now "$ref"; do
		bin=./saring
		[ "$who" = now ] || bin=$out/saring-$ref
		t0=$(date +%s.%N)
		"$bin" --db "$out/$who.db" check --jsonl --json -n 5 -f "$out/q5x.jsonl" >/dev/null || true
		t1=$(date +%s.%N)
		f=$out/now.times
		[ "$who" = now ] || f=$out/prev.times
		echo "$t0 $t1" | awk -v n="$lines" '{ printf "%.0f\n", n / ($2 - $1) }' >> "$f"
	done
done
now=$(median < "$out/now.times")
prev=$(median < "$out/prev.times")
ratio=$(awk -v a="$now" -v b="$prev" 'BEGIN { printf "%.2f", a / b }')
# instructions per message under callgrind (each dev query once): the same
# whatever else the machine does
instr() {
	valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null |
		awk -v n="$queries" '/refs:/ { gsub(",", "", $NF); printf "%.3f", $NF / n / 1e6 }'
}
inow=- iprev=- iratio=-
if command -v valgrind >/dev/null 2>&1; then
	inow=$(instr ./saring --db "$out/now.db" check --jsonl --json -n 5 -f "$shared/queries-dev.jsonl")
	iprev=$(instr "$out/saring-$ref" --db "$out/$ref.db" check --jsonl --json -n 5 -f "$shared/queries-dev.jsonl")
	iratio=$(awk -v a="$inow" -v b="$iprev" 'BEGIN { printf "%.3f", b / a }')
fi
{
	echo "batch \`check --jsonl\`, the $queries dev queries five times over ($lines messages), $n documents (gencorpus.py seed 7), median of 5 runs each, alternating:"
	echo
	echo "| saring | msg/s | million instructions per message (callgrind, the $queries queries once) |"
	echo "|---|---:|---:|"
	echo "| this build ($(git rev-parse --short HEAD)) | $now | $inow |"
	echo "| $ref | $prev | $iprev |"
	echo
	echo "ratio: $ratio by the clock ($(date -u +%Y-%m-%d), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)); $iratio by instructions"
} | tee "$out/../previous.md"
