#!/bin/sh
# line-look.sh: a forward among chatter lines whose rare words (names,
# villages) spend the first look's budget is still found, by its own line
# (match_look.c, look_by_line()). The starter corpus is too small for that (its
# first look reads every term), so a corpus is generated here: 4,000
# documents of common words (each in about a tenth of them), the forward's
# release among them, and the chatter's names in two documents each. Two
# forwards in one message: a hoax of rare words first spends the budget,
# and the release after it is found by the words outside the first's
# stretch (look_past_best()).
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/env.sh"
saring="$top/saring"
dir=$TEST_ENV/line-look
mkdir -p "$dir"
. "$top/tests/tally.sh"

python3 - "$dir/corpus.jsonl" <<'EOF'
import json, random, sys
rng = random.Random(13)
common = ("anggaran proyek jembatan bendungan subsidi pupuk harga beras petani gudang distribusi kabupaten "
          "provinsi dinas kesehatan vaksin program bantuan sosial kartu pelacak pemerintah rahasia data penduduk "
          "server asing perusahaan tambang nikel ekspor pelabuhan kapal nelayan listrik tarif tagihan pajak "
          "kendaraan sekolah guru honorer tunjangan pensiun lowongan pendaftaran bank rekening pinjaman bunga "
          "sertifikat tanah sawah irigasi banjir longsor gempa tsunami peringatan cuaca laut gunung erupsi "
          "polisi razia tilang kamera jalan tol tiket kereta bandara pesawat haji umrah kuota biaya "
          "memasang membuka nasabah pada untuk").split()
names = "sugiyono kedungwaru paijo ngantru bendiljati tumpakrejo".split()
release = ("Pemerintah kabupaten memasang server pelacak rahasia pada kartu bantuan sosial penduduk "
           "untuk membuka rekening bank nasabah")   # common words only
docs = []
for i in range(4000):
    words = rng.sample(common, 9)
    docs.append({"id": "gen-%04d" % i, "label": "official", "title": " ".join(words[:4]).capitalize(),
                 "text": " ".join(words).capitalize() + ".", "publisher": "Diskominfo", "date": "2024-01-%02d" % (i % 28 + 1)})
docs[2718] = {"id": "gen-release", "label": "hoax", "rating": "HOAKS", "title": "Kartu bantuan sosial disebut berisi pelacak",
              "claim": release + ".", "text": release + ". Informasi ini keliru.", "publisher": "Kominfo", "date": "2024-03-02"}
first = ("Pakde Sumarsono dari Wonokromo membagikan ramuan temulawak jahe kencur sambiloto "
         "penyembuh diabetes dalam tiga hari")   # words of its own
docs[3141] = {"id": "gen-first", "label": "hoax", "rating": "HOAKS", "title": "Ramuan temulawak disebut menyembuhkan diabetes",
              "claim": first + ".", "text": first + ". Tidak ada bukti ilmiah.", "publisher": "Kominfo", "date": "2024-04-09"}
for k, n in enumerate(names):   # each chatter name in two documents of their own
    for j in (k * 2, k * 2 + 1):
        docs[100 + j]["text"] += " Kata %s." % n.capitalize()
with open(sys.argv[1], "w") as f:
    for d in docs:
        f.write(json.dumps(d, ensure_ascii=False) + "\n")
EOF
"$saring" --db "$dir/gen.db" import "$dir/corpus.jsonl" >/dev/null 2>"$dir/err" || bad "import: $(cat "$dir/err")"

forward='Pemerintah kabupaten memasang server pelacak rahasia pada kartu bantuan sosial penduduk untuk membuka rekening bank nasabah'
wrapped="Pak Sugiyono Kedungwaru Ngantru niki wonten kabar
$forward
Lik Paijo Bendiljati Tumpakrejo nggih"
# each: the message, the verdict wanted, the top document wanted (* any), what it is
check() {
	got=$("$saring" --db "$dir/gen.db" check --json "$1" |
		python3 -c 'import json,sys; d=json.load(sys.stdin); m=d["matches"]; print(d["verdict"], m[0]["id"] if m else "-")')
	want="$2 $3"
	[ "$3" = '*' ] && got="${got%% *} *"
	[ "$got" = "$want" ] && ok || bad "$4: got '$got', want '$want'"
}
check "$forward" hoax corpus:gen-release "the forward alone"
check "$wrapped" hoax corpus:gen-release "the forward between lines of names found in other documents"
check "Pak Sugiyono Kedungwaru Ngantru niki wonten kabar
Lik Paijo Bendiljati Tumpakrejo nggih" unknown '*' "the chatter lines alone match nothing"
# a line of the forward's words out of order is no forward
check "Pak Sugiyono Kedungwaru Ngantru niki wonten kabar
nasabah bank rekening membuka sosial bantuan kartu pada rahasia pelacak server memasang kabupaten pemerintah
Lik Paijo Bendiljati Tumpakrejo nggih" unknown '*' "the forward's words shuffled"
first='Pakde Sumarsono dari Wonokromo membagikan ramuan temulawak jahe kencur sambiloto penyembuh diabetes dalam tiga hari'
two="$first
Niki leres nopo mboten?
$forward"
check "$two" hoax corpus:gen-first "two forwards: the first, of rare words, on top"
got=$("$saring" --db "$dir/gen.db" check --json "$two" |
	python3 -c 'import json,sys; print(" ".join(sorted(m["id"] for m in json.load(sys.stdin)["matches"] if m["match"])))')
[ "$got" = "corpus:gen-first corpus:gen-release" ] && ok ||
	bad "two forwards: both reported as matches: got '$got'"
tally line-look
