#!/bin/sh
# phone.sh: a scam's phone number is evidence of that scam. Two fact checks
# of the same prize scam differ only by the number; a forward is matched to
# the one with its number, whichever way the number is written (text.c).
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/env.sh"
saring="$top/saring"
dir=$TEST_ENV/phone
mkdir -p "$dir"
. "$top/tests/tally.sh"
cat >"$dir/scams.jsonl" <<'EOF'
{"id": "scam-1", "label": "hoax", "rating": "HOAKS", "title": "Penipuan hadiah undian berkedok bank", "claim": "Selamat anda mendapat hadiah undian mobil dari bank, hubungi WhatsApp 0821-8153-8961 untuk klaim hadiah.", "text": "Pesan berantai yang mengatasnamakan bank menawarkan hadiah undian mobil. Nomor 0821-8153-8961 bukan nomor resmi bank.", "publisher": "Kominfo", "date": "2024-02-01"}
{"id": "scam-2", "label": "hoax", "rating": "HOAKS", "title": "Penipuan hadiah undian berkedok bank lain", "claim": "Selamat anda mendapat hadiah undian mobil dari bank, hubungi WhatsApp 0813-2222-4444 untuk klaim hadiah.", "text": "Pesan berantai serupa dengan nomor 0813-2222-4444.", "publisher": "Kominfo", "date": "2024-02-03"}
EOF
"$saring" --db "$dir/p.db" import "$top/data/corpus/starter.jsonl" "$dir/scams.jsonl" >/dev/null || bad "import"
prize='Selamat anda mendapat hadiah undian mobil dari bank, hubungi WhatsApp'
# the number as written, the fact check wanted on top
for case in "+62 821 8153 8961|scam-1" "0821.8153.8961|scam-1" "0813 2222 4444|scam-2" "+6281322224444|scam-2"; do
	number=${case%|*} want=${case#*|}
	got=$("$saring" --db "$dir/p.db" check --json "$prize $number untuk klaim hadiah" |
		python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["verdict"], d["matches"][0]["id"])')
	if [ "$got" = "hoax scams:$want" ]; then ok; else bad "'$number': got '$got', want 'hoax scams:$want'"; fi
done
# a third number: neither fact check is closer (the number was what told them apart)
gap=$("$saring" --db "$dir/p.db" check --json "$prize 0812 9999 0000 untuk klaim hadiah" |
	python3 -c 'import json,sys; m=json.load(sys.stdin)["matches"]; print("%.3f" % abs(m[0]["score"] - m[1]["score"]))')
if awk -v g="$gap" 'BEGIN { exit !(g < 0.02) }'; then ok; else bad "another number: the two fact checks' scores differ by $gap"; fi
tally phone
