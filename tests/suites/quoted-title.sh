#!/bin/sh
# quoted-title.sh: a fact check's paragraph quotes a short hoax's title.
# Both documents match the paragraph, and the short hoax (all of it in the
# message) may score higher (a slang forward of the paragraph); the fact check explains all of the message,
# the hoax a part of it, so the fact check comes first (match_score.c,
# widest_first()). The title alone still puts the hoax first. The starter
# corpus has no such pair, so a corpus is generated here: 2,000 documents of
# common words, the hoax and its fact check among them.
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/env.sh"
saring="$top/saring"
dir=$TEST_ENV/quoted-title
mkdir -p "$dir"
. "$top/tests/tally.sh"

title='Wali kota: siapa yang sanggup atasi banjir, nabi nuh saja menyerah'
paragraph="Situs tersebut mengambil isi berita dari situs media lain dengan mengganti judul asli menjadi \"$title\" lalu menambahkan kalimat tak ada yang bisa mengatasi banjir, sekelas nabi nuh saja menyerah ucapnya sambil bercanda menuju mobil dinasnya"
python3 - "$dir/corpus.jsonl" "$title" "$paragraph" <<'EOF'
import json, random, sys
out, title, paragraph = sys.argv[1:]
rng = random.Random(7)
common = ("anggaran proyek jembatan subsidi pupuk harga beras petani gudang kabupaten provinsi dinas kesehatan "
          "vaksin program bantuan sosial kartu pemerintah data penduduk server perusahaan tambang ekspor "
          "pelabuhan kapal nelayan listrik tarif tagihan pajak kendaraan sekolah guru honorer tunjangan pensiun "
          "lowongan pendaftaran bank rekening pinjaman sertifikat tanah sawah irigasi longsor gempa cuaca laut "
          "gunung polisi razia jalan tiket kereta bandara pesawat haji kuota biaya berita situs media judul").split()
docs = []
for i in range(2000):
    words = rng.sample(common, 10)
    docs.append({"id": "gen-%04d" % i, "label": "official", "title": " ".join(words[:4]).capitalize(),
                 "text": " ".join(words).capitalize() + ".", "publisher": "Diskominfo",
                 "date": "2024-01-%02d" % (i % 28 + 1)})
docs[700] = {"id": "gen-hoax", "label": "hoax", "rating": "HOAKS", "title": title,
             "text": title.upper() + "!!", "date": "2017-12-15"}
docs[1400] = {"id": "gen-factcheck", "label": "factcheck", "rating": "SALAH", "title": "[SALAH] " + title,
              "text": "Narasi yang beredar tidak benar. PENJELASAN " + paragraph +
                      ". Judul asli berita itu tidak memuat ucapan tersebut. REFERENSI situs media asal berita.",
              "publisher": "TurnBackHoax", "date": "2017-12-18"}
with open(out, "w") as f:
    for d in docs:
        f.write(json.dumps(d, ensure_ascii=False) + "\n")
EOF
"$saring" --db "$dir/gen.db" import "$dir/corpus.jsonl" >/dev/null 2>"$dir/err" || bad "import: $(cat "$dir/err")"

# each: the message, the verdict wanted, the first and second documents wanted, what it is
check() {
	got=$("$saring" --db "$dir/gen.db" check --json -n 2 "$1" |
		python3 -c 'import json,sys; d=json.load(sys.stdin); m=[x["id"] for x in d["matches"] if x["match"]]; print(d["verdict"], *(m + ["-", "-"])[:2])')
	want="$2 $3 $4"
	[ "$got" = "$want" ] && ok || bad "$5: got '$got', want '$want'"
}
# the paragraph as a slang forward: the fact check shares less of it (0.86) than the hoax title's
# document shares of itself (0.99), but explains all of it
slang='pEnJeLaSaN situs tsb MENGAMBIL isi brita dr situs medya laen dgn mengganti judul asli jd “wali kota: siapa yg sanggup atasi banjir, nabi nuh saja menyerah..!!” trus nambahin “” tak add yg bisa mEnGaTaSi banjir, sekelas nabi nuh aja nyerah ucapnya smbil bcnda m3nuju MOBIL'
check "$slang" hoax corpus:gen-factcheck corpus:gen-hoax "the fact check's paragraph quoting the hoax's title, in slang"
check "Dari grup sebelah:
$slang" hoax corpus:gen-factcheck corpus:gen-hoax "... forwarded with a line before it"
check "$paragraph" hoax corpus:gen-factcheck corpus:gen-hoax "... as the fact check has it"
check "$title!!" hoax corpus:gen-hoax corpus:gen-factcheck "the title alone: the hoax, then the fact check quoting it"
tally quoted-title
