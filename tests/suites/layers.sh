#!/bin/sh
# layers.sh: the house's boundaries, checked so that they stay.
#   - SQL lives in the store: only the store's files call sqlite3_* or
#     include its private header (store_int.h, which holds the connection)
#   - the matcher and the screening engine hold no SQL text
#   - renderers never read a threshold (tuning.h, T_MATCH, T_SIMILAR): the
#     verdict carries what they need
#   - no file over 800 lines, no function over 120 (tests/layers.py sizes)
#   - engines (the use cases, the matcher, the readers, ...) never include a
#     renderer's header: verdicts leave them as data, through callbacks
#   - every #include "x.h" in src/*.c is used: the file names something x.h
#     declares (tests/layers.py includes)
#   - no include circle between modules (x.c, x.h, x_int.h): tests/layers.py
#     circles
#   - no circle between object files: A.o uses a symbol B.o defines, so B.o
#     must not use A.o's, directly or through others (tests/layers.py cycles,
#     nm on the objects of the build ./saring came from; main.o and cmd_*.o
#     sit on top and are left out)
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
for f in src/match*.c src/verdict.c src/screen.c src/quantity.c; do
	if grep -nE '"(SELECT|INSERT|UPDATE|DELETE|BEGIN|COMMIT)[ "]' "$f" >/dev/null; then
		bad "$f holds SQL text"
	else
		ok
	fi
done

# The layers by file. Renderers put what a verdict carries into words, JSON,
# TSV or HTML; engines decide. A new file goes in one of these lists.
top="src/main.c src/cmd_*.c src/commands.h"
renderers="src/out.[ch] src/report.[ch] src/report_scan.[ch] src/reply.[ch] src/web.[ch] src/serve*.[ch]
	src/export.[ch]"
engines="src/check.[ch] src/scan.[ch] src/screen.[ch] src/media.[ch] src/match*.[ch] src/verdict*.[ch] src/tuning.h
	src/quantity.[ch] src/note.[ch] src/chat*.[ch] src/anon.[ch] src/image.[ch] src/ocr.[ch] src/chrome.[ch]
	src/import*.[ch] src/feed*.[ch] src/fetch.[ch] src/update.[ch] src/bundle.[ch] src/source*.[ch]
	src/ingest.[ch] src/doc.[ch] src/date.[ch] src/store*.[ch] src/fts_tok.c src/postings.[ch] src/text.[ch]
	src/normalize.[ch] src/stem.[ch] src/tables.[ch] src/hmap.[ch] src/util.[ch] src/i18n.[ch] src/exe.[ch]
	src/lazylib.[ch]"
renderer_headers=$(for f in $renderers; do case $f in *.h) basename "$f" ;; esac; done | tr '\n' '|')
renderer_headers=${renderer_headers%|}
for f in src/*.c src/*.h; do
	layer=
	for g in $top; do [ "$f" = "$g" ] && layer=top; done
	for g in $renderers; do [ "$f" = "$g" ] && layer=renderer; done
	for g in $engines; do [ "$f" = "$g" ] && layer=engine; done
	case $layer in
	"") bad "$f is in no layer: add it to layers.sh's top, renderers or engines" ;;
	engine)
		if grep -nE "^#[[:space:]]*include[[:space:]]+\"($renderer_headers)\"" "$f" >"$TEST_ENV/inc"; then
			bad "$f is an engine and includes a renderer's header: $(tr '\n' ' ' <"$TEST_ENV/inc")(hand the data to a callback instead)"
		else
			ok
		fi ;;
	renderer)
		if grep -nE 'tuning\.h|match_int\.h|\<T_(MATCH|SIMILAR)\>' "$f" >"$TEST_ENV/thr"; then
			bad "$f is a renderer and reads a threshold: $(tr '\n' ' ' <"$TEST_ENV/thr")(render what the verdict carries: is_match, is_similar, show_at)"
		else
			ok
		fi ;;
	*) ok ;;
	esac
done

# Each line of tests/layers.py: "ok: ..." or "bad: ..." (with indented detail lines).
layers_py() {
	python3 tests/layers.py "$@" >"$TEST_ENV/py" 2>&1
	rc=$?
	while IFS= read -r line; do
		case $line in
		"ok: "*) ok ;;
		"bad: "*) bad "${line#bad: }" ;;
		*) echo "$line" ;;
		esac
	done <"$TEST_ENV/py"
	[ $rc -le 1 ] || bad "tests/layers.py $1 failed to run"
}
layers_py includes src
layers_py circles src
layers_py sizes src

build=build/rel
for d in build/rel build/san; do
	[ -f "$d/saring" ] && cmp -s "$d/saring" saring && build=$d
done
if ls "$build"/*.o >/dev/null 2>&1; then
	layers_py cycles "$build"
else
	skip "no object files in $build: build saring first"
fi
tally layers
