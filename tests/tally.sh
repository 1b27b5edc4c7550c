# tally.sh: a suite's count of checks, sourced (`. tests/tally.sh`) after
# tests/env.sh where the suite uses that: ok, bad MESSAGE (printed as
# "not ok - MESSAGE"), skip MESSAGE, and at the end `tally NAME`, which
# prints "NAME: N passed, N failed[, N skipped]" as tests/run-all.sh reads
# it and returns non-zero when a check failed.
passed=0 failed=0 skipped=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "not ok - $1"; }
skip() { skipped=$((skipped + 1)); echo "skip $1"; }
tally() {
	if [ "$skipped" -gt 0 ]; then
		echo "$1: $passed passed, $failed failed, $skipped skipped"
	else
		echo "$1: $passed passed, $failed failed"
	fi
	[ "$failed" -eq 0 ]
}
