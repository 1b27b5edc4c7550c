#!/bin/sh
# run.sh [CASE...]: golden CLI cases. Each folder tests/cli/NNNN-name/ holds
#   args    the command line after `saring` (shell words), or
#   cmd     a shell script run with $SARING, $T (a scratch folder), $SHARED
#   stdin   optional standard input
#   stdout  expected standard output (compared exactly when present)
#   stderr  expected standard error (compared exactly when present)
#   rc      expected exit status (default 0)
#   needs   optional: "shared" to skip when ../shared/data is absent
# With VALGRIND=1, saring runs under memcheck and any error fails the case.
# Each case has a home of its own ($T/home, tests/env.sh's test_home).
# UPDATE=1 writes the actual stdout/rc as the new expectation (review the diff!).
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/env.sh"
bin="$top/saring"
SHARED=${SARING_SHARED:-../shared/data}
case $SHARED in /*) ;; *) SHARED="$top/$SHARED" ;; esac
export SHARED
if [ -n "$VALGRIND" ]; then
	SARING="valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite --errors-for-leak-kinds=definite $bin"
else
	SARING="$bin"
fi
export SARING
export SARING_STARTER_DB="$top/build/starter.db"
export NO_COLOR=1
passed=0 failed=0 skipped=0
cases=$*
[ -n "$cases" ] || cases=$(ls -d "$top"/tests/cli/[0-9]*/)
for dir in $cases; do
	dir=${dir%/}
	name=$(basename "$dir")
	if [ -f "$dir/needs" ] && grep -q shared "$dir/needs" && [ ! -f "$SHARED/corpus.jsonl" ]; then
		echo "skip $name: $SHARED/corpus.jsonl not found"
		skipped=$((skipped + 1))
		continue
	fi
	T=$(mktemp -d "$TEST_ENV/case.XXXXXX")
	export T
	test_home "$T"
	in=/dev/null
	[ -f "$dir/stdin" ] && in="$dir/stdin"
	if [ -f "$dir/cmd" ]; then
		(cd "$top" && sh "$dir/cmd") <"$in" >"$T/out" 2>"$T/err"
	else
		(cd "$top" && eval "set -- $(cat "$dir/args")" && $SARING "$@") <"$in" >"$T/out" 2>"$T/err"
	fi
	rc=$?
	want_rc=0
	[ -f "$dir/rc" ] && want_rc=$(cat "$dir/rc")
	ok=1
	why=
	if [ "$rc" != "$want_rc" ]; then ok=0; why="exit $rc, want $want_rc"; fi
	if [ -f "$dir/stdout" ] && ! cmp -s "$dir/stdout" "$T/out"; then ok=0; why="$why stdout differs"; fi
	if [ -f "$dir/stderr" ] && ! cmp -s "$dir/stderr" "$T/err"; then ok=0; why="$why stderr differs"; fi
	if [ "$rc" = 99 ] && [ -n "$VALGRIND" ]; then ok=0; why="$why valgrind errors"; fi
	if [ -n "$UPDATE" ]; then
		cp "$T/out" "$dir/stdout"
		[ "$rc" = 0 ] && rm -f "$dir/rc" || echo "$rc" >"$dir/rc"
	fi
	if [ $ok = 1 ]; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		echo "FAIL $name: $why"
		[ -f "$dir/stdout" ] && diff -u "$dir/stdout" "$T/out" | head -20
		[ -f "$dir/stderr" ] && diff -u "$dir/stderr" "$T/err" | head -10
		head -c 600 "$T/err"
	fi
	rm -rf "$T"
done
echo "cli: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
