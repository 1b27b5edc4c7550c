#!/bin/sh
# common-pairs.sh: a fixed phrase of common words says little past its
# first word at any corpus size (match_cooc.c pair_cond(), sampled_cond()). Two
# generated corpora, 2,000 and 20,000 documents, each with the same phrase
# in one document in nine: in the small one its words are in fewer than
# 1,024 documents and their pairs are counted from their lists; in the large
# one they are in more, and are counted from a sample of documents. The
# phrase alone is no match in either; a sentence of rarer words is one in
# both, and so is the phrase beside it.
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/env.sh"
saring="$top/saring"
dir=$TEST_ENV/common-pairs
mkdir -p "$dir"
. "$top/tests/tally.sh"

phrase='calon pejabat pimpinan tinggi kementerian agama'
claim='pendaftaran seleksi terbuka dipungut biaya sebesar lima juta melalui rekening pribadi panitia'
for n in 2000 20000; do
	mkdir -p "$dir/$n"
	python3 - "$dir/$n/corpus.jsonl" "$n" "$phrase" "$claim" <<'EOF' || bad "corpus $n"
import json, random, sys
out, n, phrase, claim = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
rng = random.Random(5)
# filler words, each in about one document in thirty
filler = ["kata%s%s" % (a, b) for a in "bcdfghjklmnprstw" for b in ("ra", "ri", "ru", "ta", "ti", "tu", "la", "lu", "na", "nu",
                                                                       "ka", "ku", "ma", "mi", "sa", "su", "pa", "pu", "da")]
with open(out, "w") as f:
    for i in range(n):
        words = rng.sample(filler, 10)
        if i % 9 == 0:   # the phrase, in one document in nine
            words[3:3] = phrase.split()
        d = {"id": "gen-%05d" % i, "label": "hoax", "rating": "HOAKS", "title": " ".join(words[:4]),
             "text": " ".join(words) + ".", "date": "2024-01-01"}
        if i == n // 2 + 1:
            d["text"] = "Beredar pesan bahwa " + claim + ". " + d["text"]
            d["id"] = "gen-claim"
        f.write(json.dumps(d) + "\n")
EOF
	"$saring" --db "$dir/$n/gen.db" import "$dir/$n/corpus.jsonl" >/dev/null 2>"$dir/err" || bad "import $n: $(cat "$dir/err")"
done

# each: corpus size, the message, the verdict wanted, the top document wanted (* any), what it is
check() {
	got=$("$saring" --db "$dir/$1/gen.db" check --json "$2" |
		python3 -c 'import json,sys; d=json.load(sys.stdin); m=d["matches"]; print(d["verdict"], m[0]["id"] if m else "-")')
	want="$3 $4"
	[ "$4" = '*' ] && got="${got%% *} *"
	[ "$got" = "$want" ] && ok || bad "$5 ($1 documents): got '$got', want '$want'"
}
for n in 2000 20000; do
	check $n "$phrase" unknown '*' "the fixed phrase alone"
	check $n "$(echo "$phrase" | tr a-z A-Z)!! sebarkan" unknown '*' "the phrase shouted, with a word of chatter"
	check $n "$claim" hoax corpus:gen-claim "the claim's sentence"
	check $n "$phrase: $claim" hoax corpus:gen-claim "the phrase and the claim"
done
tally common-pairs
