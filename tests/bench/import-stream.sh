#!/bin/sh
# import-stream.sh [SHARED] [N]: import memory and speed on a corpus larger
# than the memory bound. Generates N documents (default 200,000, about
# 170 MB of JSON Lines) with gencorpus.py from SHARED/corpus.jsonl, writes
# the same documents as CSV and as one ClaimReview JSON array (saring's
# export), imports each into a fresh database and prints the peak RSS
# (/usr/bin/time) and documents per second. Import streams every format,
# so the peak must stay under 100 MB whatever the file's size; the exit
# status is 1 when it does not. OLD=path/to/saring runs an older binary
# beside it on the JSON Lines, for the speed.
shared=${1:-../shared/data}
n=${2:-200000}
bound_kb=102400
if [ ! -f "$shared/corpus.jsonl" ]; then
	echo "import-stream: skipped: $shared/corpus.jsonl not found"
	exit 0
fi
if [ ! -x /usr/bin/time ]; then
	echo "import-stream: skipped: /usr/bin/time not found (apt-get install time)"
	exit 0
fi
saring=${SARING:-./saring}
out=build/bench/stream
mkdir -p "$out"
big="$out/corpus-$n.jsonl"
[ -s "$big" ] || python3 tests/bench/gencorpus.py "$n" 7 "$shared/corpus.jsonl" "$big" || exit 2
if [ ! -s "$out/corpus-$n.csv" ]; then
	python3 - "$big" "$out/corpus-$n.csv" <<'PY' || exit 2
import csv, json, sys
keys = ["id", "label", "rating", "title", "claim", "text", "publisher", "url", "date", "source"]
with open(sys.argv[1], encoding="utf-8") as f, open(sys.argv[2], "w", encoding="utf-8", newline="") as o:
    w = csv.writer(o)
    w.writerow(keys)
    for line in f:
        d = json.loads(line)
        w.writerow([d.get(k, "") for k in keys])
PY
fi
status=0
# one import into a fresh database: "format MB peak-RSS-MB docs/s"
run() {
	name=$1 bin=$2 file=$3
	db="$out/$name.db"
	rm -f "$db" "$db-wal" "$db-shm"
	/usr/bin/time -f '%M %e' -o "$out/time" "$bin" --db "$db" import "$file" >"$out/$name.out" 2>"$out/$name.err" || {
		echo "import-stream: $name: import failed: $(head -c 300 "$out/$name.err")"
		status=2
		return
	}
	set -- $(cat "$out/time")
	docs=$(sed 's/^added \([0-9]*\),.*/\1/' "$out/$name.out")
	mb=$(($(wc -c <"$file") / 1048576))
	awk -v name="$name" -v mb="$mb" -v kb="$1" -v s="$2" -v docs="$docs" -v bound="$bound_kb" 'BEGIN {
		printf "%-22s %5d MB file  %7d docs  peak RSS %5.1f MB  %8.0f docs/s  %s\n", name, mb, docs,
			kb / 1024, docs / (s > 0 ? s : 0.01), kb < bound ? "(< 100 MB: met)" : "(< 100 MB: NOT met)"
	}'
	[ "$1" -lt $bound_kb ] || status=1
}
run jsonl "$saring" "$big"
"$saring" --db "$out/jsonl.db" export --format claimreview >"$out/corpus-$n.json"
run claimreview-array "$saring" "$out/corpus-$n.json"
run csv "$saring" "$out/corpus-$n.csv"
if [ -n "$OLD" ]; then
	run "jsonl (OLD binary)" "$OLD" "$big"
fi
rm -f "$out"/*.db "$out"/*.db-wal "$out"/*.db-shm
exit $status
