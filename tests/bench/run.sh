#!/bin/sh
# run.sh: saring's speed figures beside plain baselines measured in the
# same run; never pass/fail. From the project root, after `make saring`:
#
#   sh tests/bench/run.sh SHARED quick|full     (make bench-quick, make bench)
#
# SHARED/corpus.jsonl and SHARED/queries-dev.jsonl are the data; without
# them the starter corpus data/corpus/*.jsonl stands in. Everything is
# written to build/bench/, ending with build/bench/REPORT.md (the README's
# figures come from it) and results.json.
#
# Environment: BENCH_SIZES="10000 100000 300000" corpus sizes for the full
# mode's scale table (300000 takes some minutes and ~1.5 GB; "" skips it);
# BENCH_BUDGET=900 seconds the full mode may take before it skips the
# 1,000,000-message scan.
set -eu

shared=${1:-../shared/data}
mode=${2:-quick}
out=build/bench

case $mode in
quick | full) ;;
*) echo "usage: sh tests/bench/run.sh SHARED quick|full" >&2; exit 2 ;;
esac
if [ ! -x ./saring ]; then
	echo "bench: ./saring is not built; run make saring first" >&2
	exit 2
fi
mkdir -p "$out"

if [ -f "$shared/corpus.jsonl" ]; then
	corpus=$shared/corpus.jsonl
	queries=$shared/queries-dev.jsonl
else
	set -- data/corpus/*.jsonl
	if [ ! -f "$1" ]; then
		echo "bench: skipped: no corpus"
		exit 0
	fi
	echo "bench: $shared/corpus.jsonl not found; using the starter corpus $*"
	cat "$@" > "$out/starter.jsonl"
	corpus=$out/starter.jsonl
	queries=$out/no-queries.jsonl   # absent: bench.py cuts queries from the corpus
fi

libs=$(pkg-config --cflags --libs libutf8proc sqlite3 jansson)
for prog in raw_nfkc plain_fts; do
	# $libs is split into words on purpose.
	# shellcheck disable=SC2086
	cc -O2 -o "$out/$prog" "tests/bench/$prog.c" $libs
done

if [ ! -x /usr/bin/time ]; then
	echo "bench: /usr/bin/time not found, peak RSS skipped; install it: apt-get install -y time"
fi

# How this run was started, for the report.
if [ -n "${MAKELEVEL:-}" ]; then
	command="make bench"
	[ "$mode" = quick ] && command="make bench-quick"
	[ "$shared" != ../shared/data ] && command="$command SHARED=$shared"
else
	command="sh tests/bench/run.sh $shared $mode"
fi
[ "$mode" = full ] && [ -n "${BENCH_SIZES+set}" ] && command="BENCH_SIZES=\"$BENCH_SIZES\" $command"
[ "$mode" = full ] && [ -n "${BENCH_BUDGET:-}" ] && command="BENCH_BUDGET=$BENCH_BUDGET $command"

exec env PYTHONDONTWRITEBYTECODE=1 python3 tests/bench/bench.py --mode "$mode" --corpus "$corpus" --queries "$queries" \
	--out "$out" --command "$command"
