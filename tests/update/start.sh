# start.sh: sourced by saring update's test and bench scripts, after
# tests/env.sh (no state of the user's own reaches them). Makes $T, a
# scratch folder (config in $T/cfg, files to serve in $T/served), and
# starts server.py on 127.0.0.1 with $B its base URL; both go at exit (the
# folder stays when KEEP is set).
. tests/env.sh
T=$TEST_ENV
export XDG_CONFIG_HOME="$T/cfg" SARING_LANG=en
mkdir -p "$T/cfg/saring" "$T/served"
python3 tests/update/server.py "$T/port" "$T/log" "$T/served" &
server=$!
trap 'kill $server 2>/dev/null; [ -n "${KEEP:-}" ] || rm -rf "$TEST_ENV"' EXIT
for _ in $(seq 100); do [ -f "$T/port" ] && break; sleep 0.1; done
B=http://127.0.0.1:$(cat "$T/port")
