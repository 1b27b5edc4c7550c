#!/bin/sh
# hostile-env.sh: the golden CLI cases (tests/cli/run.sh) and the web suite
# (tests/suites/web.sh) run again in the home of someone who has used saring
# before, and must pass as on a fresh machine (each isolates itself with
# tests/env.sh). That home has
#   - a user database of other documents at ~/.local/share/saring/saring.db
#     (XDG_DATA_HOME unset, so it is the default database)
#   - SARING_LANG=id, LANGUAGE=id, LC_ALL=id_ID.UTF-8, NO_COLOR=1
#   - SARING_STARTER_DB, SARING_THREADS, SARING_BUSY_MS set
#   - a sources file in XDG_CONFIG_HOME/saring/sources
# and, in a second pass, SARING_DB pointing at a junk file.
# Run from the project root (run-all.sh does). Prints "hostile-env: N passed, N failed".
cd "$(dirname "$0")/../.." || exit 2
. tests/env.sh
. tests/tally.sh

if [ ! -x ./saring ] || [ ! -f build/starter.db ]; then
	bad "./saring or build/starter.db is not built"
	echo "hostile-env: $passed passed, $failed failed"
	exit 1
fi

# The user's home: their own database, holding other documents (the
# microchip message as an official release among them), a config file.
U=$TEST_ENV/user
mkdir -p "$U/home/.local/share/saring" "$U/config/saring" "$U/cache"
cat >"$U/docs.jsonl" <<'EOF'
{"id": "user-official-1", "label": "official", "title": "Vaksin COVID-19 aman", "text": "Info penting vaksin covid yg mau disuntikkan ke rakyat itu ada microchip nya nanti aktif kalo kena sinyal 5G jangan mau divaksin"}
{"id": "user-hoax-1", "label": "hoax", "title": "Kerja bakti palsu", "text": "Warga diminta kerja bakti hari Minggu jam 7 pagi di balai desa bawa cangkul sendiri ya"}
EOF
./saring --db "$U/home/.local/share/saring/saring.db" import "$U/docs.jsonl" >/dev/null
printf 'this is not an SQLite database\n' >"$U/junk.db"
printf 'https://hoaks.example.invalid/feed.jsonl\n' >"$U/config/saring/sources"
# Only what the outer runner passes on survives: the data path.
user_env() {
	env -i PATH="$PATH" TMPDIR="$TEST_ENV" SARING_SHARED="$SARING_SHARED" \
		HOME="$U/home" XDG_CONFIG_HOME="$U/config" XDG_CACHE_HOME="$U/cache" \
		SARING_LANG=id LANGUAGE=id LC_ALL=id_ID.UTF-8 LANG=id_ID.UTF-8 NO_COLOR=1 \
		SARING_STARTER_DB="$U/junk.db" SARING_THREADS=1 SARING_BUSY_MS=1 "$@"
}

# The home is hostile: saring run in it, unisolated, sees the user's database.
out=$(user_env ./saring stats --json 2>&1)
case $out in
*'"documents":2'*) ok ;;
*) bad "the user's database is not the default one in the hostile home: $out" ;;
esac
user_env SARING_DB="$U/junk.db" ./saring stats >/dev/null 2>&1
rc=$?
if [ $rc -eq 3 ]; then ok; else bad "SARING_DB at a junk file: saring stats exit $rc, want 3"; fi

# run NAME RUNNER [VAR=VALUE...]: the runner in the hostile home ends with
# "NAME: N passed, 0 failed" and N > 0.
run() {
	name=$1 runner=$2
	shift 2
	user_env "$@" sh "$runner" >"$TEST_ENV/log" 2>&1
	rc=$?
	line=$(grep -E "^$name: [0-9]+ passed, [0-9]+ failed" "$TEST_ENV/log" | tail -n 1)
	case $line in
	"$name: 0 passed"*) bad "$runner ($*): nothing passed: $line" ;;
	"$name: "*" passed, 0 failed"*) [ $rc -eq 0 ] && ok || bad "$runner ($*): exit $rc with $line" ;;
	*)
		bad "$runner ($*): ${line:-no result line}"
		grep -E '^(FAIL|not ok)' "$TEST_ENV/log" | head -n 10
		;;
	esac
}
run cli tests/cli/run.sh
run web tests/suites/web.sh
run cli tests/cli/run.sh SARING_DB="$U/junk.db"
run web tests/suites/web.sh SARING_DB="$U/junk.db"

tally hostile-env
