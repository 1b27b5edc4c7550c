#!/bin/sh
# update.sh: saring update's figures against the local test server
# (tests/update/server.py on 127.0.0.1), never pass/fail; run from the
# project root after `make saring` (make bench and make bench-update call it).
#   1. parsing and storing 10,000 feed records: one RSS feed of 10,000 items,
#      and a WordPress site of 10,000 posts in 200 pages of 50 (target >= 5,000 records/s)
#   2. an update with nothing new: requests per source (target: one conditional request)
#   3. peak RSS whatever a server sends: the hostile answers of tests/suites/update.sh
#      and answers at the parse bounds (target < 64 MB)
# Writes build/bench/UPDATE.md.
set -eu
out=build/bench
mkdir -p "$out"
if [ ! -x /usr/bin/time ]; then
	echo "bench update: /usr/bin/time is needed (apt-get install -y time)" >&2
	exit 2
fi
. tests/update/start.sh
python3 - "$T/served" <<'PY'
import random, sys
random.seed(15)
words = open("data/corpus/starter.jsonl", encoding="utf-8").read().split()
words = [w for w in words if w.isalpha()][:5000]
d = sys.argv[1]
items = []
for i in range(10000):
    title = " ".join(random.choice(words) for _ in range(8))
    desc = " ".join(random.choice(words) for _ in range(22))
    items.append("<item><title>[HOAKS] %s</title><link>https://cekfakta.example/a/%d</link><guid>%d</guid>"
                 "<pubDate>Mon, 02 Nov 2026 08:30:00 +0700</pubDate><description>&lt;p&gt;%s&lt;/p&gt;</description></item>"
                 % (title, i, i, desc))
open(d + "/10k.xml", "w").write('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>b</title>'
                                + "".join(items) + "</channel></rss>")
open(d + "/tags.html", "w").write("<html><body>" + "<p>" * 99990 + "</body></html>")
open(d + "/text.html", "w").write('<html><body><article>' + "kata " * 800000 + '</article><script type="application/ld+json">'
                                  '{"@type":"ClaimReview","claimReviewed":"x"}</script></body></html>')
open(d + "/items.xml", "w").write("<rss><channel>" + "".join("<item><title>t%d %s</title></item>" % (i, "x" * 150) for i in range(19990)) + "</channel></rss>")
open(d + "/objs.json", "w").write("[" + ",".join(["{}"] * 99990) + "]")
open(d + "/strs.json", "w").write('{"data":[' + ",".join(['{"title":"%s %d"}' % ("x" * 2000, i) for i in range(1900)]) + "]}")
PY
sources() { printf '%s\n' "$@" | tr '|' '\t' >"$T/cfg/saring/sources"; }
# run NAME: one update, its wall seconds in $secs, peak RSS (KB) in $rss, output in $T/NAME.out
run() {
	/usr/bin/time -f '%e %M' -o "$T/time" ./saring --db "$T/$1.db" update --delay 0 --retries 0 --timeout 3 --max-pages 250 \
		>"$T/$1.out" 2>"$T/$1.err" || true
	secs=$(tail -n 1 "$T/time" | cut -d' ' -f1)
	rss=$(tail -n 1 "$T/time" | cut -d' ' -f2)
}
records_rss=0
# best SOURCE WANT: best of 3 fresh runs of SOURCE ("name|type|url|label|-|-"), each of whose
# outputs must match WANT; the records a second in $rate, its time in $best_secs
best() {
	rate=0
	for _ in 1 2 3; do
		rm -f "$T/b.db"*
		sources "$1"
		run b
		grep -q "$2" "$T/b.out" || { echo "bench update: not what was wanted ($2):"; cat "$T/b.out" "$T/b.err"; exit 1; }
		r=$(python3 -c "print(int(10000 / max($secs, 0.001)))")
		[ "$r" -gt "$rate" ] && rate=$r && best_secs=$secs
		records_rss=$((rss > records_rss ? rss : records_rss))
	done
}
curl -s "$B/control?wp=10000" >/dev/null
best "rss|rss|$B/d/10k.xml|hoax|-|-" "^rss: added 10000, .*pages: 1, requests: 1"
rss_rate=$rate rss_secs=$best_secs
best "wp|wordpress|$B/wp/posts|official|-|-" "^wp: added 10000, .*pages: 200, requests: 200"
wp_rate=$rate wp_secs=$best_secs
feed_mb=$(python3 -c "import os; print('%.1f' % (os.path.getsize('$T/served/10k.xml') / 1e6))")

# nothing new: both sources at once, then again
rm -f "$T/n.db"*
sources "rss|rss|$B/d/10k.xml|hoax|-|-" "wp|wordpress|$B/wp/posts|official|-|-"
run n
: >"$T/log"
run n
again=$(grep -c . "$T/log")
conditional=$(grep -c "conditional=1" "$T/log" || true)
cat "$T/n.out" >"$T/again.out"

# whatever a server sends
sources "bomb|komdigi|$B/bomb|hoax|-|-" "huge|rss|$B/huge|hoax|-|-" "slow|rss|$B/slow|hoax|-|-" \
	"tags|page|$B/d/tags.html|hoax|-|-" "text|page|$B/d/text.html|hoax|-|-" "items|rss|$B/d/items.xml|hoax|-|-" \
	"objs|komdigi|$B/d/objs.json|hoax|-|-" "strs|komdigi|$B/d/strs.json|hoax|-|-" \
	"laughs|rss|$B/f/laughs.xml|hoax|-|-" "bad|rss|$B/f/badutf8.xml|hoax|-|-"
hostile=0
cp "$T/cfg/saring/sources" "$T/all"
while IFS= read -r line; do
	printf '%s\n' "$line" >"$T/cfg/saring/sources"
	run h
	name=$(printf '%s' "$line" | cut -f1)
	printf '| %s | %s KB | %s s | %s |\n' "$name" "$rss" "$secs" "$(grep "^$name:" "$T/h.out" | cut -d: -f2- | sed 's/^ //; s/|/\\|/g')" >>"$T/hostile.md"
	hostile=$((rss > hostile ? rss : hostile))
done <"$T/all"
cp "$T/all" "$T/cfg/saring/sources"
run all
all_rss=$rss all_secs=$secs

when=$(date -u '+%Y-%m-%d %H:%M UTC')
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
cpus=$(nproc 2>/dev/null || echo "?")
{
	echo "# saring update figures"
	echo
	echo "Measured $when, git $commit, $cpus processors, by \`sh tests/bench/update.sh\` against the local"
	echo "test server (tests/update/server.py) on 127.0.0.1; whole processes, wall time, peak RSS from"
	echo "/usr/bin/time. Never edited by hand."
	echo
	echo "| figure | measured | target |"
	echo "|---|---:|---|"
	echo "| one RSS feed of 10,000 items ($feed_mb MB), fetched, parsed, stored | $rss_rate records/s ($rss_secs s, best of 3) | >= 5,000 records/s |"
	echo "| a WordPress site of 10,000 posts, 200 pages of 50 | $wp_rate records/s ($wp_secs s, best of 3) | >= 5,000 records/s |"
	echo "| update with nothing new, 2 sources | $again requests, $conditional of them conditional (the feed: 304; the WordPress server sends no validators, so paging stops at its first page of stored posts) | one conditional request per source |"
	echo "| peak RSS of those runs | $((records_rss / 1024)) MB | < 64 MB |"
	echo "| peak RSS, each hostile answer alone (worst) | $((hostile / 1024)) MB | < 64 MB |"
	echo "| peak RSS, all of them in one update | $((all_rss / 1024)) MB ($all_secs s) | < 64 MB |"
	echo
	echo "The second update with nothing new printed:"
	echo
	sed 's/^/    /' "$T/again.out"
	echo
	echo "Each hostile answer alone (update --timeout 3 --retries 0):"
	echo
	echo "| source | peak RSS | time | result |"
	echo "|---|---:|---:|---|"
	cat "$T/hostile.md"
} >"$out/UPDATE.md"
cat "$out/UPDATE.md"
