#!/bin/sh
# faults.sh: bad input and faults against ./saring, each check a line
#   ok - NAME | not ok - NAME: why | skip - NAME: why
# ending with "faults: N passed, N failed, N skipped" (non-zero exit on failure).
#
# Bad input: invalid UTF-8 and NUL bytes wherever text enters, a 50 MB single
# line, 0-byte files, a directory or a FIFO where a file is expected, FTS5
# syntax and SQL in text, a CSV with an unbalanced quote, JSON Lines with a
# truncated last line, wrong types and duplicate ids, chat exports with headers
# only or body only (what tests/cli/ does not cover already).
# Faults: a corrupt, truncated or foreign database file and doctor's advice;
# SIGINT and SIGKILL in the middle of a big import; a full disk (RLIMIT_FSIZE,
# and a tiny tmpfs where mounts are allowed); one writer with readers and a
# second writer; a read-only database, folder and file system.
#
# Run from the project root (tests/run-all.sh does); needs python3. Uses
# $SARING_SHARED/corpus.jsonl for realistic documents, or makes them up.
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
S="$top/saring"
SHARED=${SARING_SHARED:-../shared/data}
case $SHARED in /*) ;; *) SHARED="$top/$SHARED" ;; esac
. tests/env.sh
export NO_COLOR=1
export SARING_STARTER_DB="$top/build/starter.db"
W=$TEST_ENV
bgpids=
cleanup() {
	for p in $bgpids; do kill -9 "$p" 2>/dev/null; done
	rm -rf "$W"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

passed=0 failed=0 skipped=0
ok() { echo "ok - $1"; passed=$((passed + 1)); }
not_ok() { echo "not ok - $1: $2"; failed=$((failed + 1)); }
skip() { echo "skip - $1: $2"; skipped=$((skipped + 1)); }

# run CMD...: run with stdout in $W/out, stderr in $W/err, status in $rc.
run() {
	"$@" >"$W/out" 2>"$W/err"
	rc=$?
}
# expect NAME RC [ERE]: the last run exited RC and its stderr matches ERE.
expect() {
	if [ "$rc" != "$2" ]; then
		not_ok "$1" "exit $rc, want $2; stderr: $(head -c 300 "$W/err" | tr '\n' '|')"
	elif [ -n "${3:-}" ] && ! grep -Eq -- "$3" "$W/err"; then
		not_ok "$1" "stderr does not match /$3/: $(head -c 300 "$W/err" | tr '\n' '|')"
	else
		ok "$1"
	fi
}
# count DB: documents in DB (stats --json), or "error".
count() {
	"$S" --db "$1" stats --json 2>/dev/null |
		python3 -c 'import json, sys; print(json.load(sys.stdin)["documents"])' 2>/dev/null || echo error
}
# fingerprint DB: document count and a checksum of the whole export.
fingerprint() {
	echo "$(count "$1") $("$S" --db "$1" export 2>/dev/null | cksum)"
}
# wal_busy DB PID: wait until PID's import is writing (DB-wal past 1 MB) or PID ended.
wal_busy() {
	i=0
	while [ $i -lt 400 ] && kill -0 "$2" 2>/dev/null; do
		sz=0
		[ -f "$1-wal" ] && sz=$(wc -c <"$1-wal")
		[ "$sz" -gt 1048576 ] && return 0
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}
# is_asan: ./saring was built with AddressSanitizer (make SANITIZE=...).
is_asan() { grep -aq __asan_init "$S" 2>/dev/null; }

# gen N FILE PREFIX: N JSON Lines documents with unique ids and titles, from the
# shared corpus when it is there, else made up from a small vocabulary.
gen() {
	python3 - "$1" "$2" "$3" "$SHARED/corpus.jsonl" <<'EOF'
import json, os, random, sys
n, out, prefix, corpus = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
src = []
if os.path.exists(corpus):
    with open(corpus, encoding="utf-8") as f:
        for line in f:
            try:
                d = json.loads(line)
            except ValueError:
                continue
            if isinstance(d, dict):
                src.append(d)
            if len(src) >= 5000:
                break
words = ("vaksin covid microchip bantuan sosial pemerintah presiden pesan berantai "
         "kesehatan minum air garam listrik padam banjir gempa tsunami polisi tilang "
         "rekening bank hadiah undian pulsa gratis sekolah libur virus corona obat").split()
rnd = random.Random(7)
with open(out, "w", encoding="utf-8") as f:
    for i in range(n):
        if src:
            d = dict(src[i % len(src)])
        else:
            d = {"label": "hoax",
                 "text": " ".join(rnd.choice(words) for _ in range(60))}
        d["id"] = "%s-%d" % (prefix, i)
        d["title"] = "%s %s %d" % (d.get("title") or " ".join(rnd.choice(words) for _ in range(6)), prefix, i)
        f.write(json.dumps(d, ensure_ascii=False) + "\n")
EOF
}

if [ ! -x "$S" ]; then
	echo "faults: ./saring not built"
	echo "faults: 0 passed, 1 failed, 0 skipped"
	exit 1
fi

# ---- the data everything starts from ----
NBASE=1500 NBIG=40000
gen $NBASE "$W/base.jsonl" base
gen $NBIG "$W/big.jsonl" big
gen 5 "$W/small.jsonl" small
"$S" --db "$W/base.db" import "$W/base.jsonl" >/dev/null 2>"$W/err" ||
	not_ok "setup: import the base corpus" "$(cat "$W/err")"
BASE_FP=$(fingerprint "$W/base.db")
# fresh NAME: a copy of the base database at $W/NAME.db
fresh() {
	rm -f "$W/$1.db" "$W/$1.db-wal" "$W/$1.db-shm"
	cp "$W/base.db" "$W/$1.db"
	db="$W/$1.db"
}
CHAT="$top/tests/cli/0300-scan-summary/chat.txt"
[ -f "$CHAT" ] || CHAT="$top/tests/chat/android-id.txt"

# =====================================================================
# Bad input
# =====================================================================

# JSON Lines: one file with every kind of bad record between good ones.
python3 - "$W/bad.jsonl" <<'EOF'
import sys
lines = [
    b'{"id":"j-1","label":"hoax","title":"pertama baik","text":"vaksin berisi microchip"}',
    b'{"id":"j-2","label":"hoax","title":"bad utf8 \xff\xfe here"}',
    b'{"id":"j-3","label":"hoax","title":"nul \\u0000 escaped"}',
    b'{"id":"j-4","label":"hoax","title":5,"text":["not","a","string"]}',
    b'{"id":"j-5","label":["hoax"],"title":"label is a list"}',
    b'{"id":"j-1","label":"hoax","title":"same id, other content"}',
    b'{"id":"j-6","label":"hoax","title":"kedua baik","text":"bantuan sosial lewat tautan"}',
    b'[1,2,3]',
    b'{"id":"j-7","label":"hoax","title":"terpotong di tengah',
]
open(sys.argv[1], "wb").write(b"\n".join(lines))
EOF
# a raw NUL byte inside a line, then one more good record
printf '{"id":"j-8","label":"hoax","title":"raw \000 nul"}\n{"id":"j-9","label":"hoax","title":"ketiga baik"}\n' >"$W/nul.jsonl"
fresh jsonl
run "$S" --db "$db" import "$W/bad.jsonl"
expect "import jsonl: bad records skipped, exit 0" 0 'bad\.jsonl:2: invalid UTF-8'
for pat in 'bad\.jsonl:3: NUL' 'bad\.jsonl:4: "title" is not a string' 'bad\.jsonl:5: "label" is not a string' \
	"bad\.jsonl:6: id 'bad:j-1' already holds another version" 'bad\.jsonl:8: not a JSON object' \
	'bad\.jsonl:9: invalid JSON: premature end of input'; do
	if grep -Eq -- "$pat" "$W/err"; then ok "import jsonl: message /$pat/"; else not_ok "import jsonl: message /$pat/" "$(tr '\n' '|' <"$W/err")"; fi
done
if grep -q '^added 2, .* skipped 7' "$W/out" && [ "$(count "$db")" = $((NBASE + 2)) ] &&
	"$S" --db "$db" show bad:j-6 >/dev/null 2>&1; then
	ok "import jsonl: every good record kept"
else
	not_ok "import jsonl: every good record kept" "$(cat "$W/out"), count $(count "$db")"
fi
run "$S" --db "$db" import "$W/nul.jsonl"
if [ $rc = 0 ] && grep -q 'nul\.jsonl:1:' "$W/err" && "$S" --db "$db" show nul:j-9 >/dev/null 2>&1; then
	ok "import jsonl: raw NUL byte in a line skipped with file:line, next record kept"
else
	not_ok "import jsonl: raw NUL byte in a line skipped with file:line, next record kept" "exit $rc: $(tr '\n' '|' <"$W/err")"
fi
run "$S" --db "$db" import --strict "$W/bad.jsonl"
if [ $rc = 2 ] && [ "$(count "$db")" = $((NBASE + 3)) ] && grep -q 'nothing from this file' "$W/err"; then
	ok "import jsonl --strict: bad records roll the file back, exit 2"
else
	not_ok "import jsonl --strict: bad records roll the file back, exit 2" "exit $rc, count $(count "$db")"
fi

# CSV with an unbalanced quote; CSV that is not UTF-8
fresh csv
run "$S" --db "$db" import "$top/tests/import/unbalanced.csv"
expect "import csv: unbalanced quote named by file:line, exit 0" 0 'unbalanced\.csv:[0-9]+: unterminated quoted field'
[ "$(count "$db")" = $((NBASE + 2)) ] && ok "import csv: rows before the bad quote kept" ||
	not_ok "import csv: rows before the bad quote kept" "count $(count "$db"), want $((NBASE + 2))"
printf 'label,title,text\nhoax,judul \351\350 latin1,isi \377 teks\nhoax,"judul kedua",isi\000nul\n' >"$W/latin.csv"
run "$S" --db "$db" import "$W/latin.csv"
expect "import csv: invalid UTF-8 read as Windows-1252 with a warning" 0 'latin\.csv: not UTF-8'
if [ "$(count "$db")" = $((NBASE + 3)) ] && grep -q 'latin\.csv:3: NUL byte in a field' "$W/err"; then
	ok "import csv: Windows-1252 row kept, NUL row skipped with file:line"
else
	not_ok "import csv: Windows-1252 row kept, NUL row skipped with file:line" "count $(count "$db"): $(tr '\n' '|' <"$W/err")"
fi
if "$S" --db "$db" export | python3 -c 'import sys; sys.stdin.buffer.read().decode("utf-8")' 2>/dev/null; then
	ok "export: valid UTF-8 after importing bad bytes"
else
	not_ok "export: valid UTF-8 after importing bad bytes" "export is not UTF-8"
fi
# text files with --label: invalid UTF-8 is text, a NUL byte makes a binary file
printf 'Judul \377 rusak\n\nIsi pesan dengan \300\200 overlong dan \355\240\200 surrogate.\n' >"$W/bad.txt"
printf 'Judul biasa\n\nIsi pesan \000 dengan byte NUL.\n' >"$W/nul.txt"
run "$S" --db "$db" import --label hoax "$W/bad.txt"
[ $rc = 0 ] && [ "$(count "$db")" = $((NBASE + 4)) ] && ok "import text: invalid UTF-8 kept as text" ||
	not_ok "import text: invalid UTF-8 kept as text" "exit $rc, count $(count "$db"): $(cat "$W/err")"
run "$S" --db "$db" import --label hoax "$W/nul.txt"
expect "import text: a NUL byte is a binary file, named, nothing imported, exit 2" 2 'nul\.txt:1: binary file'


# 0-byte files
: >"$W/empty.jsonl"
: >"$W/empty.csv"
: >"$W/empty.txt"
: >"$W/empty"
for f in empty.jsonl empty.csv empty.txt empty; do
	run "$S" --db "$db" import --label hoax "$W/$f"
	expect "import: 0-byte file $f named, nothing imported, exit 2" 2 "$f(:1)?: empty file"
done
run "$S" --db "$db" check -f "$W/empty.txt"
expect "check -f: 0-byte file, exit 2" 2 'empty'
run "$S" --db "$db" scan "$W/empty.txt"
expect "scan: 0-byte file, exit 0" 0
run "$S" --db "$W/empty.txt" stats
expect "--db: 0-byte file, exit 3" 3 'empty\.txt: empty database'

# a directory or a FIFO where a file is expected
mkdir -p "$W/dir.jsonl" "$W/somedir"
run "$S" --db "$db" import "$W/dir.jsonl"
expect "import: a directory named .jsonl, exit 2" 2 'dir\.jsonl: is a directory'
run "$S" --db "$db" check -f "$W/somedir"
expect "check -f: a directory, exit 2" 2 'somedir: [Ii]s a directory'
run "$S" --db "$db" scan "$W/somedir"
expect "scan: a directory without a chat, exit 2" 2 'somedir: no chat .txt file in the folder'
run "$S" --db "$W/somedir" stats
expect "--db: a directory, exit 3" 3 'somedir: is a directory'
if mkfifo "$W/fifo" 2>/dev/null; then
	run timeout 10 "$S" --db "$db" import "$W/fifo"
	expect "import: a FIFO is refused without blocking, exit 2" 2 'fifo: not a regular file'
	run timeout 10 "$S" --db "$W/fifo" stats
	expect "--db: a FIFO is refused without blocking, exit 3" 3 'fifo: not a regular file'
	(printf 'vaksin covid berisi microchip untuk melacak warga\n' >"$W/fifo") &
	bgpids="$bgpids $!"
	run timeout 10 "$S" --db "$db" check -f "$W/fifo"
	[ $rc = 0 ] || [ $rc = 1 ] && ok "check -f: a FIFO is read like a pipe" || not_ok "check -f: a FIFO is read like a pipe" "exit $rc"
else
	skip "FIFO cases" "mkfifo failed"
fi

# FTS5 query syntax and SQL in every text input
SYN='" * ( ) : ^ NEAR( vaksin AND OR NOT microchip ) col:x '"'"'; DROP TABLE doc; -- {a b} * NEAR/2 "'
fresh syntax
python3 - "$SYN" >"$W/syn.jsonl" <<'EOF'
import json, sys
s = sys.argv[1]
print(json.dumps({"id": "syn-1'; DROP TABLE doc; --", "label": "hoax", "title": s, "text": s + " vaksin microchip"}))
EOF
run "$S" --db "$db" import "$W/syn.jsonl"
expect "import: FTS5 syntax and SQL as text" 0
run "$S" --db "$db" check "$SYN"
[ $rc = 0 ] || [ $rc = 1 ] && ok "check: FTS5 syntax and SQL as a message" || not_ok "check: FTS5 syntax and SQL as a message" "exit $rc: $(cat "$W/err")"
run "$S" --db "$db" search "$SYN"
expect "search: FTS5 syntax and SQL as words" 0
run "$S" --db "$db" search --fts 'vaksin AND ( NEAR(microchip'
expect "search --fts: a bad expression is a usage error" 2 'bad --fts expression'
printf '12/10/22 16.25 - Budi: %s\n12/10/22 16.26 - Ani: %s vaksin covid microchip 5G melacak warga\n' "$SYN" "$SYN" >"$W/syn.txt"
run "$S" --db "$db" scan --tsv "$W/syn.txt"
[ $rc = 0 ] || [ $rc = 1 ] && ok "scan: FTS5 syntax and SQL in messages" || not_ok "scan: FTS5 syntax and SQL in messages" "exit $rc: $(cat "$W/err")"
run "$S" --db "$db" show "syn:syn-1'; DROP TABLE doc; --"
expect "show: an id holding SQL is just an id" 0
[ "$(count "$db")" = $((NBASE + 1)) ] && ok "database intact after SQL in every input" ||
	not_ok "database intact after SQL in every input" "count $(count "$db")"

# invalid UTF-8 and NUL in the other places text enters
run "$S" --db "$db" search "$(printf 'vaksin \377\376 microchip')"
expect "search: invalid UTF-8 in the query" 0
run "$S" --db "$db" show "$(printf 'id\377')"
expect "show: invalid UTF-8 id, exit 2" 2 'no document'
run "$S" --db "$db" remove "$(printf 'id\377')"
expect "remove: invalid UTF-8 id, exit 2" 2 'no document'
printf '{"text":"vaksin \377 microchip covid"}\n{"text":"vaksin covid berisi microchip 5G"}\n' >"$W/batch.jsonl"
run "$S" --db "$db" check --jsonl -f "$W/batch.jsonl"
if [ $rc -le 2 ] && grep -q 'batch\.jsonl:1:' "$W/err" && grep -q '"verdict"' "$W/out"; then
	ok "check --jsonl: invalid UTF-8 line named, the next line still checked"
else
	not_ok "check --jsonl: invalid UTF-8 line named, the next line still checked" "exit $rc: $(tr '\n' '|' <"$W/err")"
fi
printf 'vaksin \000 covid \377 berisi microchip\n' >"$W/nulmsg.txt"
run "$S" --db "$db" check -f "$W/nulmsg.txt"
[ $rc = 0 ] || [ $rc = 1 ] && ok "check -f: NUL and invalid UTF-8 in the message" || not_ok "check -f: NUL and invalid UTF-8 in the message" "exit $rc"

# WhatsApp exports: headers only, body only
printf '12/10/22 16.25 - Budi: \n12/10/22 16.26 - Ani:\n12/10/22 16.27 - Messages and calls are end-to-end encrypted.\n' >"$W/headers.txt"
run "$S" --db "$db" scan --json "$W/headers.txt"
expect "scan: headers only, exit 0" 0
printf 'vaksin covid berisi microchip 5G\nsebarkan ke semua grup\n' >"$W/body.txt"
run "$S" --db "$db" scan "$W/body.txt"
expect "scan: body only is named as no chat, file:line, exit 2" 2 'body\.txt:1: no message header found, 2 lines skipped'
run "$S" --db "$db" scan --tsv "$W/body.txt" "$CHAT"
if [ $rc = 2 ] && [ -s "$W/out" ]; then
	ok "scan: a bad file does not stop the next one"
else
	not_ok "scan: a bad file does not stop the next one" "exit $rc, no output"
fi

# a 50 MB single line: normalize, import, check, scan
python3 - "$W" <<'EOF'
import json, sys
w = sys.argv[1]
line = "vaksin aman halal " * 2800000          # 50.4 MB, no newline inside
with open(w + "/huge.txt", "w") as f:
    f.write(line)
with open(w + "/huge.jsonl", "w") as f:
    f.write(json.dumps({"id": "huge", "label": "hoax", "title": "huge", "text": line}) + "\n")
    f.write(json.dumps({"id": "after-huge", "label": "hoax", "title": "record after the huge line"}) + "\n")
with open(w + "/huge-chat.txt", "w") as f:
    f.write("12/10/22 16.25 - Budi: " + line + "\n")
    f.write("12/10/22 16.26 - Ani: Info penting vaksin covid ada MICROCHIP nya aktif kalo kena sinyal 5G\n")
EOF
# The memory a 50 MB message may take: 4 GB of address space (not under ASan).
memcap() {
	if is_asan; then "$@"; else (ulimit -v 4194304 2>/dev/null; exec "$@"); fi
}
run memcap "$S" normalize "$W/huge.txt"
[ $rc = 0 ] && [ "$(wc -c <"$W/out")" -gt 1000000 ] && ok "normalize: 50 MB single line" || not_ok "normalize: 50 MB single line" "exit $rc: $(head -c 200 "$W/err")"
fresh huge
run memcap "$S" --db "$db" import "$W/huge.jsonl"
if [ $rc = 0 ] && "$S" --db "$db" show huge:after-huge >/dev/null 2>&1; then
	ok "import: a 50 MB record, and the record after it"
else
	not_ok "import: a 50 MB record, and the record after it" "exit $rc: $(head -c 200 "$W/err")"
fi
run memcap "$S" --db "$W/base.db" check --tsv -f "$W/huge.txt"
[ $rc = 0 ] || [ $rc = 1 ] && ok "check -f: a 50 MB message within 4 GB" || not_ok "check -f: a 50 MB message within 4 GB" "exit $rc: $(head -c 200 "$W/err")"
run memcap "$S" --db "$W/base.db" scan --tsv "$W/huge-chat.txt"
if { [ $rc = 0 ] || [ $rc = 1 ]; } && [ "$(grep -c . "$W/out")" -ge 2 ]; then
	ok "scan: a 50 MB message within 4 GB, and the message after it"
else
	not_ok "scan: a 50 MB message within 4 GB, and the message after it" "exit $rc: $(head -c 200 "$W/err")"
fi
rm -f "$W"/huge*

# Inputs the fuzzers found (tests/fuzz/): they fail under make check SANITIZE=undefined.
run "$S" --db "$W/base.db" check '!!! ???'
[ $rc -le 2 ] && ok "check: a message with no words, first in a fresh process" ||
	not_ok "check: a message with no words, first in a fresh process" "exit $rc: $(head -c 300 "$W/err")"
printf '\377apa\n' >"$W/stopword.txt"
run "$S" normalize --stem "$W/stopword.txt"
expect "normalize: a stopword after invalid UTF-8" 0

# =====================================================================
# Faults
# =====================================================================

# A corrupt database: random bytes over the document table's root page,
# over an FTS5 index page; a truncated file; a file that is not SQLite.
# page_of DB TABLE: the root page of TABLE.
page_of() {
	python3 -c 'import sqlite3, sys
c = sqlite3.connect("file:%s?mode=ro" % sys.argv[1], uri=True)
print(c.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (sys.argv[2],)).fetchone()[0])' "$1" "$2"
}
# scribble DB PAGE: random bytes over page PAGE (1-based).
scribble() {
	python3 -c 'import os, random, sys
path, page = sys.argv[1], int(sys.argv[2])
f = open(path, "r+b")
f.seek(16); size = int.from_bytes(f.read(2), "big") or 65536
random.seed(page)
f.seek((page - 1) * size); f.write(bytes(random.randrange(256) for _ in range(size)))' "$1" "$2"
}
# no_crash NAME DB: every reading command exits 3 with a message, never a signal.
corrupt_reads() {
	name=$1 db=$2
	bad=
	for cmd in "stats" "export" "search vaksin microchip" "check vaksin covid berisi microchip untuk melacak warga" \
		"show base-1"; do
		# shellcheck disable=SC2086
		run "$S" --db "$db" $cmd
		if [ $rc != 3 ] || ! grep -q 'saring [a-z]*: .*: ' "$W/err"; then
			bad="$bad ${cmd%% *}: exit $rc;"
		fi
	done
	run "$S" --db "$db" scan --tsv "$CHAT"
	[ $rc = 3 ] || bad="$bad scan: exit $rc;"
	if [ -z "$bad" ]; then ok "$name: every read exits 3 with a message"; else not_ok "$name: every read exits 3 with a message" "$bad"; fi
}
fresh corrupt
scribble "$db" "$(page_of "$db" doc)"
corrupt_reads "corrupt doc page" "$db"
run "$S" --db "$db" doctor
if [ $rc = 3 ] && grep -q '^database: ' "$W/out" && grep -q 'export > rescue' "$W/out"; then
	ok "doctor: corrupt page found by integrity_check, rescue explained, exit 3"
else
	not_ok "doctor: corrupt page found by integrity_check, rescue explained, exit 3" "exit $rc: $(tr '\n' '|' <"$W/out")"
fi
fresh corruptfts
scribble "$db" "$(page_of "$db" doc_fts_data)"
run "$S" --db "$db" check vaksin covid berisi microchip untuk melacak warga
[ $rc = 3 ] && ok "corrupt FTS5 page: check exits 3" || not_ok "corrupt FTS5 page: check exits 3" "exit $rc"
run "$S" --db "$db" doctor
[ $rc = 3 ] && ok "doctor: corrupt FTS5 page, exit 3" || not_ok "doctor: corrupt FTS5 page, exit 3" "exit $rc: $(tr '\n' '|' <"$W/out")"

fresh truncated
size=$(wc -c <"$db")
python3 -c 'import os, sys; os.truncate(sys.argv[1], int(sys.argv[2]) // 2)' "$db" "$size"
corrupt_reads "truncated database" "$db"
run "$S" --db "$db" import "$W/small.jsonl"
expect "truncated database: import exits 3" 3 'malformed|not a database'
run "$S" --db "$db" doctor
expect "doctor: truncated database, exit 3, says what to do" 3 'restore a backup|saring --db NEW'

printf 'this is a shopping list, not a database\nsusu\ntelur\n' >"$W/notdb.db"
db="$W/notdb.db"
corrupt_reads "not SQLite" "$db"
run "$S" --db "$db" import "$W/small.jsonl"
expect "not SQLite: import exits 3, file left alone" 3 'not a database'
grep -q 'shopping list' "$db" && ok "not SQLite: the file is not overwritten" || not_ok "not SQLite: the file is not overwritten" "changed"
run "$S" --db "$db" doctor
expect "doctor: not SQLite, exit 3, says what to do" 3 'restore a backup|saring --db NEW'
python3 -c 'import sqlite3, sys
c = sqlite3.connect(sys.argv[1]); c.execute("CREATE TABLE shopping(item)"); c.commit()' "$W/other.db"
run "$S" --db "$W/other.db" import "$W/small.jsonl"
expect "another program's SQLite database: refused, exit 3" 3 'not a saring database'

# The FTS5 index out of step with the documents: doctor says reindex, reindex mends it.
fresh stale
python3 -c 'import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("UPDATE doc SET body = ?1, title = ?1 WHERE n IN (1, 2, 3)", ("teks yang diganti di luar saring",))
c.commit()' "$db"
run "$S" --db "$db" doctor
if [ $rc = 3 ] && grep -q '^database: ok' "$W/out" && grep -q 'saring reindex' "$W/out"; then
	ok "doctor: index out of step found by FTS5 integrity-check, says 'saring reindex'"
else
	not_ok "doctor: index out of step found by FTS5 integrity-check, says 'saring reindex'" "exit $rc: $(tr '\n' '|' <"$W/out")"
fi
run "$S" --db "$db" reindex
run "$S" --db "$db" doctor
expect "reindex mends it: doctor ok afterwards" 0

# Interrupted import: SIGINT, then SIGKILL, in the middle of a big file.
for sig in INT KILL; do
	fresh "sig$sig"
	"$S" --db "$db" import "$W/big.jsonl" >"$W/out" 2>"$W/err" &
	pid=$!
	bgpids="$bgpids $pid"
	if wal_busy "$db" $pid; then
		kill -$sig $pid
		wait $pid 2>/dev/null
		rc=$?
		want=130
		[ $sig = KILL ] && want=137
		if [ $rc = $want ] && { [ $sig = KILL ] || grep -q 'interrupted; nothing from this file' "$W/err"; }; then
			ok "SIG$sig mid-import: exit $want"
		else
			not_ok "SIG$sig mid-import: exit $want" "exit $rc: $(tr '\n' '|' <"$W/err")"
		fi
		fp=$(fingerprint "$db")
		[ "$fp" = "$BASE_FP" ] && ok "SIG$sig mid-import: database exactly as before (count, checksum)" ||
			not_ok "SIG$sig mid-import: database exactly as before (count, checksum)" "$fp, want $BASE_FP"
		run "$S" --db "$db" import "$W/big.jsonl"
		if [ $rc = 0 ] && [ "$(count "$db")" = $((NBASE + NBIG)) ]; then
			ok "SIG$sig mid-import: a re-run completes it"
		else
			not_ok "SIG$sig mid-import: a re-run completes it" "exit $rc, count $(count "$db")"
		fi
	else
		wait $pid
		not_ok "SIG$sig mid-import" "the import ended before it was seen writing (exit $?)"
	fi
done
run "$S" --db "$db" doctor
expect "after SIGKILL and re-run: doctor ok" 0

# Disk full: RLIMIT_FSIZE (write() fails with EFBIG), then a tiny tmpfs (ENOSPC).
fresh full
run sh -c 'trap "" XFSZ; ulimit -f $(( $(wc -c <"$2") / 512 + 2048 )) && exec "$1" --db "$2" import "$3"' sh "$S" "$db" "$W/big.jsonl"
expect "disk full (RLIMIT_FSIZE): exit 3, file:line named" 3 'big\.jsonl:[0-9]+: .*(disk|full|I/O)'
grep -q 'nothing from this file was imported' "$W/err" && ok "disk full (RLIMIT_FSIZE): rollback said" ||
	not_ok "disk full (RLIMIT_FSIZE): rollback said" "$(tr '\n' '|' <"$W/err")"
fp=$(fingerprint "$db")
[ "$fp" = "$BASE_FP" ] && ok "disk full (RLIMIT_FSIZE): database intact" || not_ok "disk full (RLIMIT_FSIZE): database intact" "$fp"
run "$S" --db "$db" doctor
expect "disk full (RLIMIT_FSIZE): doctor ok" 0
mkdir -p "$W/tiny"
kb=$(( $(wc -c <"$W/base.db") / 1024 + 3072 ))
if command -v unshare >/dev/null && unshare -m sh -c "mount -t tmpfs -o size=${kb}k tmpfs '$W/tiny'" 2>/dev/null; then
	unshare -m sh -c '
		mount -t tmpfs -o size=$1k tmpfs "$2/tiny" || exit 99
		cp "$2/base.db" "$2/tiny/t.db"
		"$3" --db "$2/tiny/t.db" import "$2/big.jsonl" >"$2/out" 2>"$2/err"
		echo $? >"$2/rc"
		cp "$2/tiny/t.db" "$2/tiny-after.db"' sh "$kb" "$W" "$S"
	rc=$(cat "$W/rc" 2>/dev/null)
	expect "disk full (tiny tmpfs): exit 3, clear message" 3 'big\.jsonl:[0-9]+: database or disk is full'
	fp=$(fingerprint "$W/tiny-after.db")
	[ "$fp" = "$BASE_FP" ] && ok "disk full (tiny tmpfs): database intact" || not_ok "disk full (tiny tmpfs): database intact" "$fp"
else
	skip "disk full (tiny tmpfs)" "cannot mount a tmpfs here (needs root and a mount namespace)"
fi

# Concurrency: one import writing, readers meanwhile, a second writer.
fresh conc
before=$NBASE after=$((NBASE + NBIG))
"$S" --db "$db" import "$W/big.jsonl" >"$W/wout" 2>"$W/werr" &
wpid=$!
bgpids="$bgpids $wpid"
if wal_busy "$db" $wpid; then
	t0=$(date +%s%N)
	SARING_BUSY_MS=200 "$S" --db "$db" import "$W/small.jsonl" >"$W/out" 2>"$W/err"
	rc=$?
	ms=$(( ($(date +%s%N) - t0) / 1000000 ))
	if [ $rc = 3 ] && grep -q 'another saring is writing' "$W/err" && [ $ms -ge 150 ]; then
		ok "second writer: waits the busy timeout (${ms} ms), then exits 3 clearly"
	else
		not_ok "second writer: waits the busy timeout, then exits 3 clearly" "exit $rc after ${ms} ms: $(tr '\n' '|' <"$W/err")"
	fi
	rounds=0 during=0 bad=
	while kill -0 $wpid 2>/dev/null && [ $rounds -lt 200 ]; do
		rounds=$((rounds + 1))
		pids=
		for i in 1 2 3; do
			("$S" --db "$db" stats --json >"$W/r$i.out" 2>"$W/r$i.err"; echo $? >"$W/r$i.rc") &
			pids="$pids $!"
		done
		("$S" --db "$db" check vaksin covid berisi microchip untuk melacak warga >"$W/c.out" 2>"$W/c.err"; echo $? >"$W/c.rc") &
		pids="$pids $!"
		("$S" --db "$db" scan --tsv "$CHAT" >"$W/s.out" 2>"$W/s.err"; echo $? >"$W/s.rc") &
		pids="$pids $!"
		for p in $pids; do wait "$p"; done
		for i in 1 2 3; do
			n=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["documents"])' "$W/r$i.out" 2>/dev/null)
			if [ "$(cat "$W/r$i.rc")" != 0 ]; then
				bad="$bad stats exit $(cat "$W/r$i.rc"): $(head -c 150 "$W/r$i.err");"
			elif [ "$n" = "$before" ]; then
				during=$((during + 1))
			elif [ "$n" != "$after" ]; then
				bad="$bad stats saw $n documents;"
			fi
		done
		for r in c s; do
			case $(cat "$W/$r.rc") in 0 | 1) ;; *) bad="$bad $r exit $(cat "$W/$r.rc"): $(head -c 150 "$W/$r.err");" ;; esac
		done
	done
	wait $wpid
	wrc=$?
	[ $wrc = 0 ] && [ "$(count "$db")" = $after ] && ok "concurrent import: the writer completes" ||
		not_ok "concurrent import: the writer completes" "exit $wrc, count $(count "$db")"
	if [ -z "$bad" ] && [ $during -gt 0 ]; then
		ok "concurrent readers: never fail, never see half a file ($rounds rounds, $during counts while writing)"
	else
		not_ok "concurrent readers: never fail, never see half a file" "${bad:-no reader ran during the write} ($rounds rounds)"
	fi
else
	wait $wpid
	not_ok "concurrency" "the import ended before it was seen writing"
fi

# Read-only database, folder and file system: reads work, writes fail clearly.
# ro_checks NAME DB [PREFIX...]: run reads and writes on DB through PREFIX.
ro_checks() {
	name=$1 rdb=$2
	shift 2
	bad=
	for cmd in "stats" "export" "search vaksin" "check vaksin covid berisi microchip untuk melacak warga" "show base-1"; do
		# shellcheck disable=SC2086
		run "$@" "$S" --db "$rdb" $cmd
		case $rc in 0 | 1) ;; *) bad="$bad ${cmd%% *}: exit $rc $(head -c 120 "$W/err");" ;; esac
	done
	run "$@" "$S" --db "$rdb" scan --tsv "$CHAT"
	case $rc in 0 | 1) ;; *) bad="$bad scan: exit $rc $(head -c 120 "$W/err");" ;; esac
	run "$@" "$S" --db "$rdb" doctor
	[ $rc = 0 ] || bad="$bad doctor: exit $rc $(head -c 120 "$W/err");"
	if [ -z "$bad" ]; then ok "$name: reads work"; else not_ok "$name: reads work" "$bad"; fi
	bad=
	for cmd in "import $W/small.jsonl" "remove base-1" "reindex"; do
		# shellcheck disable=SC2086
		run "$@" "$S" --db "$rdb" $cmd
		if [ $rc != 3 ] || ! grep -q 'read-only' "$W/err"; then
			bad="$bad ${cmd%% *}: exit $rc $(head -c 150 "$W/err");"
		fi
	done
	if [ -z "$bad" ]; then ok "$name: writes fail with exit 3, saying read-only"; else not_ok "$name: writes fail with exit 3, saying read-only" "$bad"; fi
}
mkdir -p "$W/ro"
cp "$W/base.db" "$W/ro/ro.db"
if [ "$(id -u)" != 0 ]; then
	chmod 444 "$W/ro/ro.db"
	ro_checks "read-only file" "$W/ro/ro.db"
	chmod 555 "$W/ro"
	ro_checks "read-only folder and file" "$W/ro/ro.db"
	chmod 755 "$W/ro"
	chmod 644 "$W/ro/ro.db"
elif command -v setpriv >/dev/null && chmod 755 "$W" "$W/ro" && chmod 644 "$W/ro/ro.db" &&
	setpriv --reuid=65534 --regid=65534 --clear-groups "$S" --version >/dev/null 2>&1; then
	# root ignores file modes: run the commands as nobody instead
	ro_checks "read-only folder and file (as nobody)" "$W/ro/ro.db" setpriv --reuid=65534 --regid=65534 --clear-groups
	chown 65534 "$W/ro/ro.db"
	ro_checks "writable file in a read-only folder (as nobody)" "$W/ro/ro.db" setpriv --reuid=65534 --regid=65534 --clear-groups
	chown 0 "$W/ro/ro.db"
	rm -f "$W/ro/ro.db-wal" "$W/ro/ro.db-shm"
else
	skip "read-only file and folder" "running as root, and cannot run as nobody (setpriv, or ./saring not reachable)"
fi
if [ "$(id -u)" = 0 ] && command -v unshare >/dev/null &&
	unshare -m sh -c "mount --bind '$W/ro' '$W/ro' && mount -o remount,ro,bind '$W/ro'" 2>/dev/null; then
	# a read-only file system, where even root cannot write
	cat >"$W/ro.sh" <<EOF
mount --bind '$W/ro' '$W/ro' && mount -o remount,ro,bind '$W/ro' && exec "\$@"
EOF
	ro_checks "read-only file system" "$W/ro/ro.db" unshare -m sh "$W/ro.sh"
else
	skip "read-only file system" "cannot make a read-only bind mount here"
fi

# =====================================================================
# Security: the user database is private; no shell is ever run
# =====================================================================
rm -rf "$W/private"
mkdir "$W/private"
(umask 022 && "$S" --db "$W/private/new.db" import "$W/small.jsonl" >/dev/null 2>&1)
mode=$(stat -c %a "$W/private/new.db" 2>/dev/null)
[ "$mode" = 600 ] && ok "a new database is created with mode 0600" || not_ok "a new database is created with mode 0600" "mode $mode"
(umask 022 && unset XDG_DATA_HOME && HOME="$W/newhome" "$S" import "$W/small.jsonl" >/dev/null 2>&1)
dmode=$(stat -c %a "$W/newhome/.local/share/saring" 2>/dev/null)
fmode=$(stat -c %a "$W/newhome/.local/share/saring/saring.db" 2>/dev/null)
[ "$dmode" = 700 ] && [ "$fmode" = 600 ] && ok "the default database's folder is 0700, the file 0600" ||
	not_ok "the default database's folder is 0700, the file 0600" "folder $dmode, file $fmode"
if grep -nE '\b(system|popen|execl|execlp|execv|execvp)[[:space:]]*\(' src/*.c >"$W/out"; then
	not_ok "no system(), popen() or exec in src/" "$(tr '\n' '|' <"$W/out")"
else
	ok "no system(), popen() or exec in src/"
fi
printf '%s\n' 72616861736961206b756e6369207569206a616e67616e2064696365746174 >"$W/anon.key"
run "$S" --db "$W/base.db" scan --json --anonymize --key-file "$W/anon.key" "$CHAT"
if grep -q 72616861736961206b756e6369207569 "$W/out" "$W/err"; then
	not_ok "scan --anonymize: the key is never printed" "found in the output"
elif [ "$(fingerprint "$W/base.db")" != "$BASE_FP" ]; then
	not_ok "scan --anonymize: the key is never printed or stored" "the database changed"
else
	ok "scan --anonymize: the key is never printed or stored"
fi

echo "faults: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
