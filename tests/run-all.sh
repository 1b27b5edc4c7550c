#!/bin/sh
# run-all.sh BUILD SHARED [VALGRIND]: run every test suite and sum the results.
# Each suite prints "NAME: N passed, N failed[, N skipped]"; this prints the total.
# The environment is tests/env.sh's: a home of its own, no SARING_* but SARING_SHARED.
build=$1
cd "$(dirname "$0")/.." || exit 2
. tests/env.sh
export SARING_SHARED="${2:-../shared/data}"
export VALGRIND="$3"
passed=0 failed=0 skipped=0 broken=0
log=$TEST_ENV/log
tally() {
	line=$(grep -E '^[A-Za-z0-9_-]+: [0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)
	if [ -z "$line" ]; then
		echo "$1: no result line (crashed?)"
		broken=$((broken + 1))
		return
	fi
	p=$(echo "$line" | sed -E 's/.*: ([0-9]+) passed.*/\1/')
	f=$(echo "$line" | sed -E 's/.* ([0-9]+) failed.*/\1/')
	s=$(echo "$line" | sed -nE 's/.* ([0-9]+) skipped.*/\1/p')
	passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + ${s:-0}))
}
for t in "$build"/test_*; do
	[ -x "$t" ] || continue
	"$t" >"$log" 2>&1
	rc=$?
	cat "$log"
	tally "$t"
	[ $rc -ne 0 ] && [ "$f" = 0 ] && broken=$((broken + 1))
done
for suite in tests/cli/run.sh tests/suites/*.sh; do
	[ -f "$suite" ] || continue
	sh "$suite" >"$log" 2>&1
	cat "$log"
	tally "$suite"
done
failed=$((failed + broken))
echo "total: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
