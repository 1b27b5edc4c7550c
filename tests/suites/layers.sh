#!/bin/sh
# layers.sh: the house's boundaries, checked so that they stay.
#   - SQL lives in the store: only the store's files call sqlite3_* or
#     include its private header (store_int.h, which holds the connection)
#   - the matcher and the screening engine hold no SQL text
# Prints "layers: N passed, N failed".
cd "$(dirname "$0")/../.." || exit 2
. tests/env.sh
. tests/tally.sh

store="src/store.c src/store_int.h src/store_conn.c src/store_read.c src/store_write.c src/fts_tok.c"
for f in src/*.c src/*.h; do
	grep -qE 'sqlite3_|sqlite3\.h|store_int\.h' "$f" || continue
	case " $store " in
	*" $f "*) ok ;;
	*) bad "$f calls sqlite3_ or holds the connection outside the store (move it into store_read.c or store_write.c)" ;;
	esac
done
for f in src/match.c src/screen.c src/quantity.c; do
	if grep -nE '"(SELECT|INSERT|UPDATE|DELETE|BEGIN|COMMIT)[ "]' "$f" >/dev/null; then
		bad "$f holds SQL text"
	else
		ok
	fi
done
tally layers
