#!/bin/sh
# common-words.sh: a word in more than POSTINGS_MAX (65,536) documents has no
# list of its own in termdf; its documents are read from the FTS5 doclist
# (match_cand.c, all_rows_of()). The starter corpus has no such word, so a corpus
# is generated: 66,000 documents holding three common words, and 40 holding a
# rare name, of which one also holds the common words. A message of the name
# and the common words finds that one: the name alone ties the 40 and the
# first 30 of them fill the candidate pool, the common words' FTS5 rows
# break the tie.
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/env.sh"
saring="$top/saring"
dir=$TEST_ENV/common-words
mkdir -p "$dir"
. "$top/tests/tally.sh"

python3 - "$dir/corpus.jsonl" <<'EOF'
import json, sys
fill = "jadwal posyandu balita bulan".split()
docs = []
for i in range(66000):   # the common words, in every one, with words of their own
    docs.append({"id": "fill-%04d" % i, "label": "official", "title": "Pengumuman %d" % i,
                 "text": "Kabar warga desa %s %s nomor %d." % (fill[i % 4], fill[(i + 1) % 4], i),
                 "publisher": "Diskominfo", "date": "2024-01-%02d" % (i % 28 + 1)})
for i in range(39):     # the rare name without the common words
    docs.append({"id": "name-%02d" % i, "label": "official", "title": "Kunjungan kerja %d" % i,
                 "text": "Bupati Wiryosudarmo meninjau gedung sekolah %d." % i,
                 "publisher": "Diskominfo", "date": "2024-02-%02d" % (i % 28 + 1)})
docs.append({"id": "wanted", "label": "hoax", "rating": "HOAKS", "title": "Pesan berantai atas nama bupati",
             "claim": "Wiryosudarmo kabar warga desa", "text": "Pesan berantai: Wiryosudarmo kabar warga desa.",
             "publisher": "Kominfo", "date": "2024-03-02"})
with open(sys.argv[1], "w") as f:
    for d in docs:
        f.write(json.dumps(d, ensure_ascii=False) + "\n")
EOF
"$saring" --db "$dir/c.db" import "$dir/corpus.jsonl" >/dev/null 2>"$dir/err" || bad "import: $(cat "$dir/err")"
# the common words are past termdf's lists (else this test tests nothing)
kept=$(sqlite3 "$dir/c.db" "SELECT count(*) FROM termdf WHERE df > 65536 AND docs IS NULL" 2>&1)
[ "$kept" -ge 3 ] 2>/dev/null && ok || bad "words in over 65,536 documents without a list of their own: got '$kept', want >= 3"
got=$("$saring" --db "$dir/c.db" check --json -n 3 "Wiryosudarmo kabar warga desa" |
	python3 -c 'import json,sys; m=json.load(sys.stdin)["matches"]; print(m[0]["id"] if m else "-")')
[ "$got" = corpus:wanted ] && ok || bad "the name and the common words: top '$got', want 'corpus:wanted'"
# batch mode reads the same rows (its read transaction is kept across messages)
got=$(printf '%s\n' '{"id":"a","text":"Wiryosudarmo kabar warga desa"}' '{"id":"b","text":"kabar warga desa Wiryosudarmo kabar warga desa"}' |
	"$saring" --db "$dir/c.db" check --jsonl --json -n 1 -f - |
	python3 -c 'import json,sys; print(" ".join(json.loads(l)["matches"][0]["id"] for l in sys.stdin))')
[ "$got" = "corpus:wanted corpus:wanted" ] && ok || bad "batch: got '$got', want 'corpus:wanted corpus:wanted'"
tally common-words
