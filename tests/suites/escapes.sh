#!/bin/sh
# escapes.sh: no raw control byte reaches a terminal. Documents and chats
# full of escape sequences (window title, clear screen, OSC 52 clipboard
# write, 8-bit CSI, DEL, a bare CR) go through every output mode of every
# command; then every fuzz regression input, chat and import fixture (and
# the fuzz corpus, when make fuzz has grown one) goes through check, scan
# and normalize. Output may hold newline and tab, and colour only where
# --color=always asks for it; nothing else below 0x20, no DEL, no C1
# control, no invalid UTF-8.
. tests/tally.sh
S=${SARING_BIN:-./saring}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export SARING_LANG=en
unset NO_COLOR

# clean FILE [sgr]: exit 0 when FILE holds no raw control (sgr: the
# highlight and verdict colours saring itself writes are allowed).
cat >"$T/clean.py" <<'EOF'
import re, sys
b = open(sys.argv[1], 'rb').read()
if len(sys.argv) > 2:
    b = re.sub(rb'\x1b\[[0-9;]*m', b'', b)
try:
    t = b.decode('utf-8')
except UnicodeDecodeError as e:
    print('invalid UTF-8 at byte %d' % e.start); sys.exit(1)
bad = [c for c in t if (ord(c) < 0x20 and c not in '\n\t') or 0x7f <= ord(c) <= 0x9f]
if bad:
    print('raw controls: %r' % sorted(set(bad))[:8]); sys.exit(1)
EOF
clean() { python3 "$T/clean.py" "$@"; }

# every field of a document, and every part of a chat message, hostile
python3 - "$T" <<'EOF'
import json, sys
t = sys.argv[1]
E = '\x1b]0;owned\x07\x1b[2J\x1b]52;c;cm0gLXJmIH4=\x07\u009b31m\x7f\r\x08'
d = {"id": "esc-1" + E, "label": "hoax", "rating": "SALAH" + E,
     "title": "Vaksin berisi microchip pelacak " + E,
     "claim": "vaksin covid berisi microchip pelacak " + E,
     "text": "vaksin covid yang disuntikkan berisi microchip pelacak warga " + E + " kata pesan berantai",
     "publisher": "Kominfo" + E, "url": "https://x.example/" + E, "date": "2024-01-01"}
open(t + '/docs.jsonl', 'w').write(json.dumps(d) + '\n')
msg = 'vaksin covid yang disuntikkan berisi microchip pelacak warga ' + E
other = 'besok ada kerja bakti di balai warga jam tujuh pagi ' + E
with open(t + '/chat.txt', 'w') as f:
    for i in range(3):
        S = E.replace('\r', '')   # a CR in a header ends the line (lone-CR exports)
        f.write('13/10/2022 16.%02d - Warga%s %d: %s\n' % (i, S, i, msg))
        f.write('13/10/2022 17.%02d - Pak RT%s: %s\n' % (i, S, other))
open(t + '/msg.txt', 'w').write(msg + '\n')
open(t + '/batch.jsonl', 'w').write(json.dumps({"id": "m" + E, "text": msg}) + '\n')
EOF
db="$T/esc.db"
if $S --db "$db" import "$T/docs.jsonl" >/dev/null 2>&1; then ok; else bad "import the hostile document"; fi
id=$(sqlite3 "$db" 'SELECT id FROM doc LIMIT 1')

# run NAME CMD...: stdout and stderr of one command are clean
run() {
	name=$1; shift
	"$@" >"$T/out" 2>"$T/err" </dev/null
	if why=$(clean "$T/out") && why2=$(clean "$T/err"); then ok; else bad "$name: $why $why2"; fi
}
run "check" $S --db "$db" check -f "$T/msg.txt"
run "check -n 3" $S --db "$db" check -n 3 "vaksin covid berisi microchip"
run "check --tsv" $S --db "$db" check --tsv -f "$T/msg.txt"
run "check --reply" $S --db "$db" check --reply -f "$T/msg.txt"
run "check --json" $S --db "$db" check --json -f "$T/msg.txt"
run "check --jsonl" $S --db "$db" check --jsonl -f "$T/batch.jsonl"
run "check --jsonl --tsv" $S --db "$db" check --jsonl --tsv -f "$T/batch.jsonl"
run "search" $S --db "$db" search microchip
run "search --json" $S --db "$db" search --json microchip
run "search (no match)" $S --db "$db" search "$(printf 'tidak\033]0;x\007ada')"
run "show" $S --db "$db" show "$id"
run "show --json" $S --db "$db" show --json "$id"
run "show (unknown id)" $S --db "$db" show "$(printf 'nope\033[2J')"
run "stats" $S --db "$db" stats
run "export" $S --db "$db" export
run "export claimreview" $S --db "$db" export --format claimreview
run "scan" $S --db "$db" scan "$T/chat.txt"
run "scan --tsv" $S --db "$db" scan --tsv "$T/chat.txt"
run "scan --json" $S --db "$db" scan --json "$T/chat.txt"
run "scan --anonymize" $S --db "$db" scan --anonymize "$T/chat.txt"
run "normalize" $S normalize "$T/chat.txt"
"$S" --db "$db" check --color=always -f "$T/msg.txt" >"$T/out" 2>&1
if why=$(clean "$T/out" sgr); then ok; else bad "check --color=always: $why"; fi
if grep -q "$(printf '\033')\[1" "$T/out"; then ok; else bad "colour still shown"; fi
"$S" --db "$db" search --color=always microchip >"$T/out" 2>&1
if why=$(clean "$T/out" sgr); then ok; else bad "search --color=always: $why"; fi
# shown, not dropped: the escape is visible as a control picture
"$S" --db "$db" show "$id" >"$T/out"
if grep -q '␛\]0;owned␇' "$T/out"; then ok; else bad "ESC shown as ␛"; fi
"$S" --db "$db" scan --tsv "$T/chat.txt" >"$T/out"
if grep -q 'Warga␛' "$T/out"; then ok; else bad "--tsv sender shown"; fi
# JSON keeps the text, escaped
"$S" --db "$db" show --json "$id" >"$T/out"
if grep -q '\\u001B\]0;owned\\u0007' "$T/out" && grep -q '\\u009B31m\\u007F' "$T/out"; then ok; else bad "JSON escapes C0, C1, DEL"; fi

# The fuzz regression inputs and corpus, and the fixtures, through check, scan, normalize.
n=0
# a grown fuzz corpus holds thousands: every 20th of each target's is enough
corpus=$(for d in build/fuzz/corpus/*/; do [ -d "$d" ] && ls "$d" | awk -v d="$d" 'NR % 20 == 1 { print d $0 }'; done)
for f in tests/fuzz/regress/*/* tests/chat/* tests/import/* $corpus; do
	[ -f "$f" ] || continue
	n=$((n + 1))
	for mode in "check -f" "check --tsv -f" "scan" "scan --tsv" "normalize"; do
		# shellcheck disable=SC2086
		timeout 20 $S --db "$db" $mode "$f" >"$T/out" 2>&1 </dev/null
		if ! why=$(clean "$T/out"); then
			bad "$mode $f: $why"
			continue
		fi
	done
done
if [ $n -gt 20 ]; then ok; else bad "only $n inputs found"; fi
tally escapes
