#!/bin/sh
# layers.sh: the house's boundaries, checked so that they stay.
#   - SQL lives in the store: only the store's files call sqlite3_*; the
#     commands that still do (listed below, to be moved) may, no other file,
#     and a listed file that no longer does must leave the list
#   - the matcher and the screening engine hold no SQL text
# Prints "layers: N passed, N failed".
cd "$(dirname "$0")/../.." || exit 2
. tests/env.sh
passed=0 failed=0
pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL $*"; }

store="src/store.c src/store.h src/store_read.c src/ingest.c"
still="src/cmd_doctor.c src/cmd_export.c src/cmd_reindex.c src/cmd_search.c src/cmd_stats.c"
for f in src/*.c src/*.h; do
	grep -q 'sqlite3_' "$f" || continue
	case " $store $still " in
	*" $f "*) pass ;;
	*) fail "$f calls sqlite3_ outside the store (move it into store_read.c or store.c)" ;;
	esac
done
for f in $still; do
	[ -f "$f" ] || continue
	grep -q 'sqlite3_' "$f" && pass || fail "$f no longer calls sqlite3_: take it off layers.sh's list"
done
for f in src/match.c src/screen.c src/quantity.c; do
	if grep -nE '"(SELECT|INSERT|UPDATE|DELETE|BEGIN|COMMIT)[ "]' "$f" >/dev/null; then
		fail "$f holds SQL text"
	else
		pass
	fi
done
echo "layers: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
