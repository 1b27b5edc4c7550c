#!/bin/sh
# run.sh [SECONDS] [TARGET...]: build the libFuzzer targets tests/fuzz/fuzz_*.c
# with clang -fsanitize=fuzzer,address,undefined into build/fuzz/ and run each
# for SECONDS (default 10; 0 builds them and runs the seeds and the
# regression inputs once). Seeds come from the project's fixtures, copied into
# a scratch corpus, build/fuzz/corpus/TARGET, which grows from run to run;
# nothing is written under tests/. Crashes land in build/fuzz/crashes/.
# tests/fuzz/regress/TARGET/* are inputs that once crashed: each is re-run
# every time. Prints one line per target (runs, exec/s, result) and ends
# with "fuzz: N passed, N failed".
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
secs=${1:-10}
[ $# -gt 0 ] && shift
out=build/fuzz
obj=$out/obj
CC=${FUZZ_CC:-clang}
mkdir -p "$obj" "$out/crashes" "$out/logs"

# makevar NAME: a Makefile variable as the shell would see it, one word a line.
makevar() {
	printf 'print-var:\n\t@printf "%%s\\n" $(%s)\n' "$1" |
		make -s --no-print-directory -f Makefile -f - print-var 2>/dev/null
}
# The -D options and include paths the Makefile compiles with (SARING_VERSION, ...).
defs=$(makevar CFLAGS | grep -E '^-[DI]' | tr '\n' ' ')
[ -n "$defs" ] || defs="-D_GNU_SOURCE -DSARING_VERSION=\"0\" -DSARING_DATADIR=\"/usr/local/share/saring\""
san="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
cflags="-g -O1 -std=c11 -Wall -Wextra -Wshadow -Wno-sign-conversion $san $defs
	$(pkg-config --cflags sqlite3 libutf8proc jansson libarchive 2>/dev/null)"
# ... and the libraries it links with
libs=$(makevar LDLIBS | tr '\n' ' ')
[ -n "$libs" ] || libs="$(pkg-config --libs sqlite3 libutf8proc jansson libarchive 2>/dev/null) -lstemmer -lcsv -lm"

passed=0 failed=0

fail_build() {
	echo "$1: build failed"
	failed=$((failed + 1))
}

# The data tables, embedded the way the Makefile does it (its TABLES list).
tables=$(makevar TABLES | tr '\n' ' ')
[ -n "$tables" ] || tables="data_slang=data/slang.tsv data_stopwords=data/stopwords.txt data_stopwords_en=data/stopwords-en.txt
	data_stem_exceptions=data/stem-exceptions.tsv data_keep_in=data/keep-in.txt data_schema=data/schema.sql"
# shellcheck disable=SC2086
sh src/embed.sh $tables >"$out/tables_data.c.$$" && { cmp -s "$out/tables_data.c.$$" "$out/tables_data.c" && rm -f "$out/tables_data.c.$$" || mv -f "$out/tables_data.c.$$" "$out/tables_data.c"; }

# The library: src/*.c less main.c and the commands, instrumented for coverage
# (and less serve.c, which fuzz_serve.c includes to reach its internals).
# An object is rebuilt when its source or any header is newer.
objs=
build_ok=1
# new flags (a version or a -D in the Makefile) rebuild everything
if [ "$(cat "$obj/flags" 2>/dev/null)" != "$CC $cflags" ]; then
	rm -f "$obj"/*.o
	printf '%s' "$CC $cflags" >"$obj/flags"
fi
newest_h=$(ls -t src/*.h | head -n 1)
for src in src/*.c "$out/tables_data.c"; do
	base=$(basename "$src" .c)
	case $base in main | cmd_* | serve) continue ;; esac
	o="$obj/$base.o"
	objs="$objs $o"
	if [ ! -f "$o" ] || [ "$src" -nt "$o" ] || [ "$newest_h" -nt "$o" ]; then
		# shellcheck disable=SC2086
		$CC $cflags -fsanitize=fuzzer-no-link -Isrc -c -o "$o.tmp" "$src" && mv -f "$o.tmp" "$o" || build_ok=0
	fi
done

targets=$*
[ -n "$targets" ] || targets=$(for f in tests/fuzz/fuzz_*.c; do basename "$f" .c; done)

# seeds NAME: the fixture files a target starts from.
seeds() {
	case $1 in
	fuzz_text) ls tests/cli/*/stdin tests/chat/*.txt tests/import/*.* tests/import/textdir/* ;;
	fuzz_mask) ls tests/cli/*/stdin tests/chat/*.txt tests/cli/*/chat.txt ;;
	fuzz_serve) ls tests/fuzz/http/* ;;
	fuzz_query) ls tests/cli/*/stdin tests/cli/*/args ;;
	fuzz_quantity) ls tests/cli/*/args tests/verdicts/*.tsv ;;
	fuzz_chat) ls tests/chat/* tests/cli/*/chat.txt tests/cli/*/stdin ;;
	fuzz_jsonl) ls tests/import/*.jsonl tests/import/*.json* ;;
	fuzz_csv) ls tests/import/*.csv tests/import/*.tsv ;;
	fuzz_claimreview) ls tests/import/*.json tests/import/*.jsonld tests/import/*.jsonl ;;
	fuzz_feed) ls tests/update/fixtures/* ;;
	fuzz_image) ls tests/image/*.png tests/image/*.jpg tests/image/*.webp tests/image/*.gif ;;
	*) ls tests/import/*.* tests/import/textdir/* ;;
	esac 2>/dev/null
}

# final_stat KEY LOG: a number from libFuzzer's -print_final_stats output.
final_stat() {
	sed -n "s/^stat::$1: *//p" "$2" | tail -n 1
}

for t in $targets; do
	t=$(basename "$t" .c)
	if [ ! -f "tests/fuzz/$t.c" ]; then
		echo "$t: no such target (tests/fuzz/$t.c)"
		failed=$((failed + 1))
		continue
	fi
	if [ $build_ok = 0 ]; then
		fail_build "$t"
		continue
	fi
	# shellcheck disable=SC2086
	if ! $CC $cflags -fsanitize=fuzzer -Isrc -Itests/fuzz -o "$out/$t.tmp" "tests/fuzz/$t.c" $objs $libs; then
		fail_build "$t"
		continue
	fi
	mv -f "$out/$t.tmp" "$out/$t"

	corpus=$out/corpus/$t
	mkdir -p "$corpus"
	for s in $(seeds "$t"); do
		[ -f "$s" ] && [ "$(wc -c <"$s")" -le 1048576 ] || continue
		cp "$s" "$corpus/seed-$(echo "$s" | tr '/' '_')"
	done
	log=$out/logs/$t.log
	: >"$log"
	result=clean

	# the targets' scratch files, removed even after a crash
	scratch=$(mktemp -d "$( [ -w /dev/shm ] && echo /dev/shm || echo "${TMPDIR:-/tmp}")/saring-fuzz-run.XXXXXX")
	# inputs that crashed once must stay fixed
	if [ -d "tests/fuzz/regress/$t" ] && [ -n "$(ls "tests/fuzz/regress/$t")" ]; then
		if ! FUZZ_TMPDIR=$scratch "$out/$t" -runs=1 tests/fuzz/regress/"$t"/* >"$log.regress" 2>&1; then
			result="regression input fails (see $log.regress)"
		fi
	fi

	dict=
	[ -f "tests/fuzz/$t.dict" ] && dict="-dict=tests/fuzz/$t.dict"
	if [ "$secs" -gt 0 ]; then
		limit="-max_total_time=$secs"
	else
		limit="-runs=0"
	fi
	# shellcheck disable=SC2086
	FUZZ_TMPDIR=$scratch \
	ASAN_OPTIONS="detect_leaks=1:allocator_may_return_null=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}" \
	UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1" \
	"$out/$t" $limit -timeout=25 -rss_limit_mb=2560 -max_len=16384 -print_final_stats=1 \
		-artifact_prefix="$out/crashes/$t-" $dict "$corpus" >>"$log" 2>&1
	rc=$?
	rm -rf "$scratch"
	if [ $rc -ne 0 ]; then
		artifact=$(sed -n 's/.*Test unit written to \(.*\)/\1/p' "$log" | tail -n 1)
		why=$(grep -m 1 -E '^(==[0-9]+==ERROR|SUMMARY|.*fuzz assertion failed|.*runtime error)' "$log")
		result="FAILED rc=$rc ${why:+($why) }${artifact:+input $artifact, }log $log"
	fi
	runs=$(final_stat number_of_executed_units "$log")
	eps=$(final_stat average_exec_per_sec "$log")
	cov=$(sed -n 's/.* cov: \([0-9]*\) .*/\1/p' "$log" | tail -n 1)
	printf '%-18s %4ss  runs %-9s exec/s %-6s cov %-6s corpus %-5s %s\n' "$t" "$secs" "${runs:-?}" \
		"${eps:-?}" "${cov:-?}" "$(ls "$corpus" | wc -l)" "$result"
	if [ "$result" = clean ]; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
	fi
done
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
