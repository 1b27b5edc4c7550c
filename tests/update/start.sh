# start.sh: sourced by saring update's test and bench scripts. Makes a
# scratch folder $T (config in $T/cfg, files to serve in $T/served), a
# saring environment that reads none of the user's own state, and starts
# server.py on 127.0.0.1 with $B its base URL; both go at exit (the folder
# stays when KEEP is set).
T=$(mktemp -d)
export XDG_CONFIG_HOME="$T/cfg" HOME="$T" SARING_LANG=en NO_COLOR=1
unset SARING_DB XDG_DATA_HOME SARING_GOOGLE_KEY SARING_MAFINDO_KEY
mkdir -p "$T/cfg/saring" "$T/served"
python3 tests/update/server.py "$T/port" "$T/log" "$T/served" &
server=$!
trap 'kill $server 2>/dev/null; [ -n "${KEEP:-}" ] || rm -rf "$T"' EXIT
for _ in $(seq 100); do [ -f "$T/port" ] && break; sleep 0.1; done
B=http://127.0.0.1:$(cat "$T/port")
