#!/bin/sh
# update.sh: saring update, sources, trust and bundles against a local HTTP
# server (tests/update/server.py on 127.0.0.1, a free port) that serves this
# suite's own fixtures (tests/update/fixtures/) and hostile answers; the real
# samples in $SARING_SHARED/feeds when they are there.
. tests/tally.sh
check() { if eval "$2"; then ok; else bad "$1"; fi; }
S=$(pwd)/saring
SHARED=${SARING_SHARED:-../shared/data}
. tests/update/start.sh
DB="$T/a.db"
up() { "$S" --db "$DB" update --delay 0 --retries 0 "$@"; }
docs() { sqlite3 "$DB" "SELECT count(*) FROM doc $1"; }
requests() { grep -c . "$T/log"; }
# sources NAME TYPE URL LABEL: a sources file of one line per call since the last reset
src() { printf '%s\t%s\t%s\t%s\t-\t%s\n' "$1" "$2" "$3" "${4:-hoax}" "${5:--}" >>"$T/cfg/saring/sources"; }
reset() { : >"$T/cfg/saring/sources"; : >"$T/log"; }

# -- every source type, then nothing new: one conditional request each
reset
"$S" sources add rss rss "$B/f/rss.xml" --publisher "Cek Fakta Contoh" >/dev/null
"$S" sources add atom rss "$B/f/atom.xml" --label official >/dev/null
"$S" sources add wp wordpress "$B/wp/posts" --label official --publisher "Pemkab Contoh" >/dev/null
"$S" sources add kd komdigi "$B/komdigi" >/dev/null
"$S" sources add kf komdigi "$B/komdigi-flat" >/dev/null
"$S" sources add pg page "$B/f/page.html" >/dev/null
"$S" sources add g google "$B/google" --key abc >/dev/null
"$S" sources add y yudistira "$B/yudistira" --key rahasia >/dev/null
up >"$T/out" 2>"$T/err"
check "update of every type exits 0: $(cat "$T/err")" '[ $? -eq 0 ]'
check "rss: 2 added" 'grep -q "^rss: added 2," "$T/out"'
check "atom: 1 added" 'grep -q "^atom: added 1," "$T/out"'
check "wordpress: 120 in 3 pages" 'grep -q "^wp: added 120, .*(pages: 3, requests: 3)" "$T/out"'
check "komdigi data.data: 70 in 2 pages" 'grep -q "^kd: added 70, .*pages: 2," "$T/out"'
check "komdigi data[]: 70 in 2 pages" 'grep -q "^kf: added 70, .*pages: 2," "$T/out"'
check "page: 1 ClaimReview" 'grep -q "^pg: added 1," "$T/out"'
check "google: 20 in 2 pages (pageToken)" 'grep -q "^g: added 20, .*pages: 2," "$T/out"'
check "yudistira: 60 in 2 pages (POST)" 'grep -q "^y: added 60, .*pages: 2," "$T/out"'
check "total" 'grep -q "^total: added 344, updated 0, unchanged 0, skipped 0; 0 failed" "$T/out"'
check "user agent" 'grep -q "ua=saring/[0-9.]*_(+offline_hoax_screening)" "$T/log" && ! grep -v "ua=saring/" "$T/log" | grep -q .'
check "google key sent, yudistira posted" 'grep -q "GET /google?key=abc" "$T/log" && grep -q "^POST /yudistira" "$T/log"'
check "fields: id, label, rating, publisher, date, url, source, fetched_at" \
	'[ "$(sqlite3 "$DB" "SELECT id, label, rating, publisher, date, url, source, fetched_at IS NOT NULL FROM doc WHERE id = '"'rss:9001'"'")" = "rss:9001|hoax|SALAH|Cek Fakta Contoh|2026-11-02|https://cekfakta.example/articles/9001-air-kelapa-garam?utm_source=rss|rss|1" ]'
check "page: claim, rating, body from the article, no nav or script" \
	'sqlite3 "$DB" "SELECT rating, claim, body FROM doc WHERE source = '"'pg'"'" | grep -q "^Salah|Foto banjir setinggi dada" && ! sqlite3 "$DB" "SELECT body FROM doc WHERE source = '"'pg'"'" | grep -qE "Beranda|iklan|Hak cipta"'
check "wordpress: entities decoded, markup gone" '[ "$(sqlite3 "$DB" "SELECT title FROM doc WHERE id = '"'wp:120'"'")" = "Rilis “120” Pemkab Contoh" ] && ! sqlite3 "$DB" "SELECT body FROM doc WHERE source = '"'wp'"'" | grep -q "<p>"'
check "official label and publisher" '[ "$(docs "WHERE source = '"'wp'"' AND label = '"'official'"' AND publisher = '"'Pemkab Contoh'"'")" = 120 ]'
check "stats: per source, newest date, fetched" '"$S" --db "$DB" stats | grep -qE "^  wp +120  newest 2026-12-28  fetched 20[0-9-]+T"'
check "stats --json sources" '"$S" --db "$DB" stats --json | python3 -c "import json,sys; s=json.load(sys.stdin)[\"sources\"]; assert s[\"rss\"][\"documents\"] == 2 and s[\"rss\"][\"fetched\"]"'
: >"$T/log"
up >"$T/out" 2>"$T/err"
check "nothing new: exit 0" '[ $? -eq 0 ]'
check "nothing new: one request per source" '[ "$(requests)" = 8 ]'
check "nothing new: conditional where validators were sent" '[ "$(grep -c "conditional=1 304" "$T/log")" = 3 ]'
check "nothing new: not modified" 'grep -q "^rss: not modified (requests: 1)" "$T/out" && grep -q "^pg: not modified" "$T/out"'
check "nothing new: paging stops at the first stored record" 'grep -q "^wp: added 0, updated 0, unchanged 50, skipped 0 (pages: 1, requests: 1)" "$T/out"'
check "nothing new: 344 documents still" '[ "$(docs)" = 344 ]'

# -- new posts: only the first page, the new ones added
curl -s "$B/control?wp=125" >/dev/null
: >"$T/log"
up wp >"$T/out" 2>&1
check "five new posts added from one page" 'grep -q "^wp: added 5, updated 0, unchanged 45, skipped 0 (pages: 1, requests: 1)" "$T/out" && [ "$(requests)" = 1 ]'
check "SOURCE arguments: only that one" '! grep -q "^rss:" "$T/out"'
up nosuch >/dev/null 2>"$T/err"
check "unknown source is a usage error" '[ $? -eq 2 ] && grep -q "no source named .nosuch." "$T/err"'

# -- the end to end: the new documents are matched
"$S" --db "$DB" check "Info: air kelapa dicampur garam bisa sembuhkan demam berdarah dalam sehari, sebarkan" >"$T/out"
check "check matches a fetched hoax (exit 1)" '[ $? -eq 1 ] && grep -q "^HOAX" "$T/out" && grep -q "Air Kelapa Campur Garam" "$T/out"'
"$S" --db "$DB" check "Kabar bohong nomor 42 soal kereta" --json >"$T/out"
check "check finds a Komdigi item" 'grep -q "kd:5042\|kf:5042" "$T/out"'

# -- a page in the middle fails: nothing of that source is written, the others go on
reset
src wp2 wordpress "$B/wp/posts?per_page=10" official
src rss2 rss "$B/f/atom.xml" official
sqlite3 "$DB" "DELETE FROM source_state"
curl -s "$B/control?wp=140&wpfail=3" >/dev/null
before=$(docs)
up >"$T/out" 2>&1
check "a failing page: exit 3" '[ $? -eq 3 ]'
check "a failing page: the source says why" 'grep -q "^wp2: failed, nothing written: HTTP 500" "$T/out"'
check "a failing page: pages 1 and 2 were read, then 3 failed" '[ "$(grep -c "GET /wp/posts?per_page=10&page=[123] " "$T/log")" = 3 ]'
check "a failing page: nothing of it written" '[ "$(docs)" = $((before + 1)) ] && [ "$(docs "WHERE source = '"'wp2'"'")" = 0 ]'
check "a failing page: the next source still runs" 'grep -q "^rss2: added 1," "$T/out"'
check "a failing source keeps its old validators (none)" '[ "$(sqlite3 "$DB" "SELECT count(*) FROM source_state WHERE name = '"'wp2'"'")" = 0 ]'
curl -s "$B/control?wpfail=0" >/dev/null

# -- hostile servers: a clear error each, bounded time and memory, nothing written
reset
src bomb komdigi "$B/bomb"
src huge rss "$B/huge"
src file rss "$B/redirect-file"
src ftp rss "$B/redirect-ftp"
src loop rss "$B/redirect-loop"
src errpage rss "$B/f/errorpage.html"
src htmlrss rss "$B/html-as-rss"
src png komdigi "$B/png-as-json"
src badxml rss "$B/f/malformed.xml"
src badjson komdigi "$B/f/malformed.json"
src laughs rss "$B/f/laughs.xml"
src fail rss "$B/fail"
src slow rss "$B/slow"
src good rss "$B/f/script.xml"
src utf rss "$B/f/badutf8.xml"
python3 - "$T/served" <<'PY'
import json, sys
d = sys.argv[1]
open(d + "/tags.html", "w").write("<html><body>" + "<p>" * 150000 + "</body></html>")
open(d + "/many.xml", "w").write("<rss><channel>" + "".join("<item><title>t%d</title></item>" % i for i in range(25000)) + "</channel></rss>")
open(d + "/objs.json", "w").write("[" + ",".join(["{}"] * 150000) + "]")
open(d + "/same.json", "w").write(json.dumps({"data": [{"id": i, "title": "Sama %d" % i, "body_text": "isi"} for i in range(3)]}))
PY
src tags page "$B/d/tags.html"
src many rss "$B/d/many.xml"
src objs komdigi "$B/d/objs.json"
src same komdigi "$B/d/same.json"
before=$(docs)
start=$(date +%s)
if command -v /usr/bin/time >/dev/null 2>&1; then
	/usr/bin/time -f '%M' -o "$T/time" "$S" --db "$DB" update --delay 0 --retries 0 --timeout 3 >"$T/out" 2>"$T/err"
	rc=$?
	tail -n 1 "$T/time" >"$T/rss"
else
	"$S" --db "$DB" update --delay 0 --retries 0 --timeout 3 >"$T/out" 2>"$T/err"
	rc=$?
	echo 0 >"$T/rss"
fi
secs=$(($(date +%s) - start))
check "hostile: exit 3" '[ $rc -eq 3 ]'
check "gzip bomb stopped at the decoded bound" 'grep -q "^bomb: failed, nothing written: response body over 4194304 bytes" "$T/out"'
check "endless body stopped" 'grep -q "^huge: failed, nothing written: response body over 4194304 bytes" "$T/out"'
check "redirect to file:// refused" 'grep -q "^file: failed, nothing written: refused: only http and https" "$T/out"'
check "redirect to ftp:// refused" 'grep -q "^ftp: failed, nothing written: refused: only http and https" "$T/out"'
check "redirect loop" 'grep -q "^loop: failed, nothing written: more than 5 redirects" "$T/out"'
check "200 error page" 'grep -q "^errpage: failed, nothing written: the server sent its error page (\"Terjadi kesalahan saat mengambil data\")" "$T/out"'
check "HTML for a feed" 'grep -q "^htmlrss: failed, nothing written: the server sent an HTML page, not a feed (text/html)" "$T/out"'
check "image for JSON" 'grep -q "^png: failed, nothing written: the server sent no JSON (image/png)" "$T/out"'
check "malformed XML" 'grep -q "^badxml: failed, nothing written: malformed XML" "$T/out"'
check "malformed JSON" 'grep -q "^badjson: failed, nothing written: malformed JSON: line 1:" "$T/out"'
check "entity expansion refused" 'grep -q "^laughs: failed, nothing written: malformed XML" "$T/out" && ! grep -q "root:" "$T/out"'
check "HTTP 500" 'grep -q "^fail: failed, nothing written: HTTP 500 (requests: 1)" "$T/out"'
check "slow drip stopped by --timeout" 'grep -q "^slow: failed, nothing written: too slow: stopped after 3 s" "$T/out"'
check "too many tags for the tree" 'grep -q "^tags: failed, nothing written: more than 100000 tags in one answer" "$T/out"'
check "too many records in one answer" 'grep -q "^many: failed, nothing written: more than 20000 records in one answer" "$T/out"'
check "too many JSON objects" 'grep -q "^objs: failed, nothing written: more than 100000 JSON objects and arrays" "$T/out"'
check "a server ignoring the page number: the same page ends the paging" 'grep -q "^same: added 3, updated 0, unchanged 0, skipped 0 (pages: 2, requests: 2)" "$T/out"'
check "hostile run bounded in time ($secs s)" '[ "$secs" -lt 30 ]'
if ldd "$S" 2>/dev/null | grep -q libasan; then   # AddressSanitizer's shadow memory is no measure
	echo "skip: peak RSS under a sanitizer"
	skipped=$((skipped + 1))
else
	check "hostile run bounded in memory ($(cat "$T/rss") KB)" '[ "$(cat "$T/rss")" -lt 65536 ]'
fi
check "the good sources among them are written" 'grep -q "^good: added 1," "$T/out" && grep -q "^utf: added 1," "$T/out" && [ "$(docs)" = $((before + 5)) ]'
check "script and markup out of titles" '[ "$(sqlite3 "$DB" "SELECT title FROM doc WHERE id = '"'good:jahil-1'"'")" = "Vaksin Palsu Beredar di Puskesmas Desa Sukamaju" ]'
check "script out of bodies" '! sqlite3 "$DB" "SELECT body FROM doc WHERE id = '"'good:jahil-1'"'" | grep -qE "script|steal|onerror|<"'
check "javascript: URL dropped" '[ "$(sqlite3 "$DB" "SELECT url IS NULL FROM doc WHERE id = '"'good:jahil-1'"'")" = 1 ]'
check "invalid UTF-8 replaced" 'sqlite3 "$DB" "SELECT title FROM doc WHERE id = '"'utf:utf-1'"'" | grep -q "^Gula Aren Campur Kopi Obati Diabetes .* Seketika$" && "$S" --db "$DB" show utf:utf-1 --json | python3 -c "import json,sys; json.load(sys.stdin)"'

# -- addresses: only public ones, but for a source's own numeric local address and port (as $B here)
reset
python3 tests/update/server.py "$T/port2" "$T/log2" "$T/served" &
server2=$!
for _ in $(seq 100); do [ -f "$T/port2" ] && break; sleep 0.1; done
B2=http://127.0.0.1:$(cat "$T/port2")
src meta rss "$B/redirect?to=http://169.254.169.254/latest/meta-data/"
src port rss "$B/redirect?to=$B2/f/rss.xml"
src byname rss "http://localhost:${B##*:}/f/rss.xml"
src same rss "$B/redirect?to=$B/f/rss.xml"
up >"$T/out" 2>"$T/err"
kill $server2
check "redirect to the metadata address refused" 'grep -q "^meta: failed, nothing written: refused: redirect to 169.254.169.254:80, not a public address" "$T/out"'
check "redirect to another loopback port refused, never asked" 'grep -q "^port: failed, nothing written: refused: redirect to 127.0.0.1:${B2##*:}, not a public address" "$T/out" && ! [ -s "$T/log2" ]'
check "a name resolving to loopback refused" 'grep -qE "^byname: failed, nothing written: refused: (127.0.0.1|\[::1\]):${B##*:} is not a public address" "$T/out"'
check "a redirect within the source's own address followed" 'grep -q "^same: added 2," "$T/out"'

# -- progress on a terminal (script(1) gives a pty), none in a pipe
if command -v script >/dev/null 2>&1; then
	reset
	src pages wordpress "$B/wp/posts?per_page=10" official
	timeout 60 script -qfec "$S --db $T/tty.db update --delay 0 --retries 0" /dev/null </dev/null | tr '\r' '\n' >"$T/out"
	check "tty: the page being fetched is shown, then erased" 'grep -q "^saring update: pages: page 3" "$T/out" && grep -q "^$(printf "\033")\[Kpages: added" "$T/out"'
	"$S" --db "$T/tty2.db" update --delay 0 >"$T/out" 2>"$T/err"
	check "no tty: no progress" '! grep -q "page 1" "$T/err"'
else
	echo "skip: script(1) is missing"
	skipped=$((skipped + 1))
fi

# -- articles: a feed whose new items' pages are read too; a page that fails keeps the feed's text
reset
cat >"$T/served/tbh.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>TurnBackHoax</title>
<item><title>[SALAH] Garam Beryodium Mengandung Bahan Pemandul</title><link>$B/f/tbh-article.html</link>
<guid isPermaLink="false">501</guid><description>Ringkasan singkat.</description></item>
<item><title>[HOAKS] Sumur Mengeluarkan Api di Desa Contoh</title><link>$B/fail</link>
<guid isPermaLink="false">502</guid><description>Video sumur mengeluarkan api adalah rekayasa.</description></item>
</channel></rss>
XML
src tbh articles "$B/d/tbh.xml"
"$S" sources list | grep -q "^tbh .*articles" || bad "sources list shows the articles type"
"$S" --db "$T/art.db" import data/corpus/starter.jsonl >/dev/null   # other documents, for the matcher's weights
"$S" --db "$T/art.db" update --delay 0 --retries 0 >"$T/out" 2>"$T/err"
check "articles: both items added, three requests" 'grep -q "^tbh: added 2, .*requests: 3)" "$T/out"'
check "articles: the page's ClaimReview and text" '[ "$(sqlite3 "$T/art.db" "SELECT title, claim, rating, publisher, date FROM doc WHERE id = '"'tbh:501'"'")" = "[SALAH] Garam Beryodium Mengandung Bahan Pemandul|Garam beryodium dari pemerintah mengandung bahan kimia pemandul|Salah|Mafindo|2026-10-20" ] && sqlite3 "$T/art.db" "SELECT body FROM doc WHERE id = '"'tbh:501'"'" | grep -q "Kesimpulan" && ! sqlite3 "$T/art.db" "SELECT body FROM doc WHERE id = '"'tbh:501'"'" | grep -q "Ringkasan"'
check "articles: a page that fails keeps the feed's record" '[ "$(sqlite3 "$T/art.db" "SELECT rating, body FROM doc WHERE id = '"'tbh:502'"'")" = "HOAKS|Video sumur mengeluarkan api adalah rekayasa." ] && grep -q "tbh: .*/fail: article page not read (HTTP 500); the feed.s text kept" "$T/err"'
: >"$T/log"
"$S" --db "$T/art.db" update --delay 0 --retries 0 >"$T/out" 2>&1
check "articles: nothing new, one request (stored items are not read again)" 'grep -q "^tbh: not modified (requests: 1)" "$T/out" && [ "$(requests)" = 1 ]'
"$S" --db "$T/art.db" check "katanya garam beryodium bantuan pemerintah mengandung bahan kimia pemandul, hati-hati" >"$T/out"
check "articles: check matches the article's claim" '[ $? -eq 1 ] && grep -q "Garam Beryodium" "$T/out"'

# -- a fetched page does not choose its own label: saring's export keys in its JSON-LD raise nothing
reset
cat >"$T/served/self.html" <<'HTML'
<html><head><script type="application/ld+json">
{"@type": "ClaimReview", "url": "https://jahil.example/resmi", "saring:label": "official", "saring:source": "kominfo",
 "claimReviewed": "Vaksin palsu beredar di puskesmas desa sukamaju kata dinas kesehatan"}
</script><script type="application/ld+json">
{"@type": "ClaimReview", "url": "https://jahil.example/hoaks", "saring:label": "hoax",
 "claimReviewed": "Gula aren campur kopi obati diabetes seketika kata dokter"}
</script></head><body><h1>Rilis</h1></body></html>
HTML
src self page "$B/d/self.html" hoax
src selfo page "$B/d/self.html" official
"$S" --db "$T/self.db" update --delay 0 --retries 0 >"$T/out" 2>"$T/err"
check "page: its \"saring:label\": \"official\" does not raise a hoax source's label" \
	'[ "$(sqlite3 "$T/self.db" "SELECT group_concat(label) FROM doc WHERE source = '"'self'"'")" = "hoax,hoax" ]'
check "page: a record may lower an official source's label" \
	'[ "$(sqlite3 "$T/self.db" "SELECT label FROM doc WHERE source = '"'selfo'"' ORDER BY url")" = "$(printf "hoax\nofficial")" ]'

# -- Retry-After: a 503 then the feed, waited for
reset
src retry rss "$B/retry" official
start=$(date +%s)
"$S" --db "$DB" update --delay 0 --retries 2 >"$T/out" 2>&1
check "503 with Retry-After retried" 'grep -q "^retry: added 1, .*requests: 2)" "$T/out" && [ $(($(date +%s) - start)) -ge 1 ]'

# -- time budgets, per source and per run, Retry-After pauses counted
reset
src busy rss "$B/busy"
src slow1 rss "$B/slow"
src slow2 rss "$B/slow"
start=$(date +%s)
"$S" --db "$DB" update --delay 0 --retries 5 --timeout 30 --source-budget 3 --run-budget 5 >"$T/out" 2>&1
secs=$(($(date +%s) - start))
check "a Retry-After past the source's budget is not waited for" 'grep -q "^busy: failed, nothing written: HTTP 503; a pause of 5 s before trying again would pass the time budget (requests: 1)" "$T/out"'
check "a dripping source stopped at its budget" 'grep -q "^slow1: failed, nothing written: the time budget is spent" "$T/out"'
check "the next source stopped at the run's budget" 'grep -q "^slow2: failed, nothing written: the time budget is spent" "$T/out"'
check "the run within its budget ($secs s)" '[ "$secs" -ge 4 ] && [ "$secs" -le 7 ]'

# -- bundles over HTTP and from files: signed, trusted, tampered, unsigned
reset
"$S" trust keygen "$T/office" >/dev/null
"$S" trust keygen "$T/other" >/dev/null
"$S" --db build/starter.db export --bundle "$T/served/c.bundle" --sign-key "$T/office.key" >/dev/null
"$S" --db build/starter.db export --bundle "$T/served/u.bundle" 2>/dev/null >/dev/null
"$S" --db build/starter.db export --bundle "$T/served/o.bundle" --sign-key "$T/other.key" >/dev/null
python3 - "$T/served/c.bundle" "$T/served/t.bundle" "$T/served/m.bundle" <<'PY'
import sys
b = bytearray(open(sys.argv[1], "rb").read())
t = bytearray(b); t[-100] ^= 1                        # a payload byte
open(sys.argv[2], "wb").write(t)
m = bytes(b).replace(b'"documents":55', b'"documents":56')   # the signed manifest
open(sys.argv[3], "wb").write(m)
PY
src bundle bundle "$B/d/c.bundle"
B2="$T/b.db"
"$S" --db "$B2" update --delay 0 >"$T/out" 2>&1
check "bundle: an untrusted key refused" 'grep -q "^bundle: failed, nothing written: bundle: signed by key [0-9a-f]*, which you do not trust" "$T/out"'
"$S" trust add "$T/office.pub" --for starter >"$T/out"
check "trust add" 'grep -q "^trusted key [0-9a-f]\{16\} for starter$" "$T/out" && [ "$("$S" trust list | wc -l)" = 1 ]'
"$S" --db "$B2" update --delay 0 >"$T/out" 2>&1
check "bundle: trusted, 55 added" 'grep -q "^bundle: added 55," "$T/out" && [ "$(sqlite3 "$B2" "SELECT count(*) FROM doc WHERE source = '"'starter'"'")" = 55 ]'
"$S" --db "$B2" update --delay 0 >"$T/out" 2>&1
check "bundle: not modified the second time" 'grep -q "^bundle: not modified" "$T/out"'
for f in t m u o; do
	"$S" --db "$T/$f.db" import "$T/served/$f.bundle" >/dev/null 2>"$T/err.$f"
	echo $? >"$T/rc.$f"
done
check "import: a changed payload byte refused" '[ "$(cat "$T/rc.t")" = 2 ] && grep -q "the payload does not match its manifest" "$T/err.t"'
check "import: a changed manifest refused" '[ "$(cat "$T/rc.m")" = 2 ] && grep -q "bad signature" "$T/err.m"'
check "import: unsigned refused" '[ "$(cat "$T/rc.u")" = 2 ] && grep -q "the bundle is not signed; refused" "$T/err.u"'
check "import: untrusted refused" '[ "$(cat "$T/rc.o")" = 2 ] && grep -q "which you do not trust" "$T/err.o"'
check "import: nothing written when refused" '[ "$(sqlite3 "$T/u.db" "SELECT count(*) FROM doc" 2>/dev/null || echo 0)" = 0 ]'
"$S" --db "$T/u.db" import --insecure "$T/served/u.bundle" >"$T/out" 2>"$T/err"
check "import --insecure: unsigned accepted with a warning" 'grep -q "^added 55," "$T/out" && grep -q "opened anyway (--insecure)" "$T/err"'
"$S" --db "$T/t.db" import --insecure "$T/served/t.bundle" >/dev/null 2>&1
check "import --insecure: a tampered bundle is still refused" '[ $? -eq 2 ]'
"$S" --db "$T/c.db" import "$T/served/c.bundle" >"$T/out" 2>&1
check "import: a trusted bundle" 'grep -q "^added 55," "$T/out"'
"$S" --db "$T/c.db" export | sort >"$T/c.jsonl"
"$S" --db build/starter.db export | sort >"$T/s.jsonl"
check "bundle round trip: the same corpus" 'cmp -s "$T/c.jsonl" "$T/s.jsonl"'
"$S" trust remove "$("$S" trust list | cut -d" " -f1)"
"$S" --db "$T/c2.db" import "$T/served/c.bundle" >/dev/null 2>&1
check "trust remove: refused again" '[ $? -eq 2 ] && [ -z "$("$S" trust list)" ]'

# -- rollback: once a bundle is taken, an older one signed by the same key is refused
"$S" trust add "$T/office.pub" --for starter >/dev/null
sleep 1
"$S" --db build/starter.db export --bundle "$T/served/new.bundle" --sign-key "$T/office.key" >/dev/null
"$S" --db "$T/r.db" import "$T/served/new.bundle" >/dev/null 2>&1
"$S" --db "$T/r.db" import --replace "$T/served/c.bundle" >"$T/out" 2>"$T/err"
check "rollback: an older bundle of the same key refused by import" \
	'[ $? -eq 2 ] && grep -q "c.bundle: created .*, before the bundle of starter from key [0-9a-f]\{16\} already taken (created .*): an old bundle replayed; refused" "$T/err"'
"$S" --db "$T/r.db" import "$T/served/new.bundle" >"$T/out" 2>&1
check "rollback: the newest bundle again is taken" '[ $? -eq 0 ] && grep -q "unchanged 55" "$T/out"'
reset
src rb bundle "$B/d/new.bundle"
"$S" --db "$T/r2.db" update --delay 0 >"$T/out" 2>&1
reset
src rb bundle "$B/d/c.bundle"
"$S" --db "$T/r2.db" update --delay 0 >"$T/out" 2>&1
check "rollback: an older bundle of the same key refused by update" \
	'[ $? -eq 3 ] && grep -q "^rb: failed, nothing written: rb: created .*: an old bundle replayed; refused" "$T/out"'

# -- a key writes only the sources it is trusted for; no bundle touches another source's documents
printf '%s\n' '{"id":"tbh:7","label":"hoax","title":"Garam beryodium mengandung bahan pemandul","source":"turnbackhoax"}' >"$T/tbh.jsonl"
"$S" --db "$T/v.db" import "$T/tbh.jsonl" >/dev/null
printf '%s\n' '{"id":"tbh:7","label":"official","title":"Garam beryodium mengandung bahan pemandul","source":"turnbackhoax"}' >"$T/evil.jsonl"
printf '%s\n' '{"id":"tbh:7","label":"official","title":"Garam beryodium mengandung bahan pemandul","source":"starter"}' >"$T/squat.jsonl"
for f in evil squat; do
	"$S" --db "$T/$f-src.db" import "$T/$f.jsonl" >/dev/null
	"$S" --db "$T/$f-src.db" export --bundle "$T/served/$f.bundle" --sign-key "$T/office.key" >/dev/null
done
"$S" --db "$T/v.db" import --replace "$T/served/evil.bundle" >"$T/out" 2>"$T/err"
check "scope: a record of a source the key is not trusted for refuses the bundle (import --replace)" \
	'[ $? -eq 2 ] && grep -q "evil.bundle: record 1: source .turnbackhoax. is not one that key [0-9a-f]\{16\} is trusted for" "$T/err"'
reset
src evil bundle "$B/d/evil.bundle"
src squat bundle "$B/d/squat.bundle"
"$S" --db "$T/v.db" update --delay 0 >"$T/out" 2>"$T/err"
check "scope: the same bundle refused by update" \
	'grep -q "^evil: failed, nothing written: evil: record 1: source .turnbackhoax. is not one" "$T/out"'
check "scope: a trusted source's record never replaces another source's document" \
	'grep -q "^squat: added 0, updated 0, unchanged 0, skipped 1" "$T/out" && grep -q "id .tbh:7. is held by a document of turnbackhoax" "$T/err"'
check "scope: the hoax is still a hoax" '[ "$(sqlite3 "$T/v.db" "SELECT label, source FROM doc WHERE id = '"'tbh:7'"'")" = "hoax|turnbackhoax" ]'
"$S" trust add "$T/office.pub" >/dev/null 2>"$T/err"
check "scope: trust add wants --for" '[ $? -eq 2 ] && grep -q "\-\-for wants the sources" "$T/err"'
"$S" trust add "$T/office.pub" --for "a,,b" >/dev/null 2>&1
check "scope: an empty source in --for refused" '[ $? -eq 2 ]'
"$S" trust add "$T/office.pub" --for turnbackhoax,starter >/dev/null
"$S" trust list >"$T/out"
check "scope: trust list shows the sources" 'grep -q "^[0-9a-f]\{16\} [0-9a-f]\{64\} turnbackhoax,starter$" "$T/out"'

# -- key files and the trust store checked as ssh checks its own, read bounded, made through no link
chmod 644 "$T/office.key"
"$S" --db build/starter.db export --bundle "$T/w.bundle" --sign-key "$T/office.key" >/dev/null 2>"$T/err"
check "keys: a secret key others may read does not sign" \
	'[ $? -ne 0 ] && grep -q "office.key: others may read or write the secret key; refused (chmod 600 it)" "$T/err" && [ ! -e "$T/w.bundle" ]'
chmod 600 "$T/office.key"
start=$(date +%s)
timeout 10 "$S" trust add /dev/zero --for x >/dev/null 2>"$T/err"
check "keys: trust add /dev/zero fails at once" \
	'[ $? -eq 2 ] && grep -q "/dev/zero: not a regular file; refused" "$T/err" && [ $(($(date +%s) - start)) -lt 3 ]'
pub=$(ls "$T/cfg/saring/trusted/"*.pub)
chmod 666 "$pub"
"$S" --db "$T/w.db" import "$T/served/new.bundle" >/dev/null 2>"$T/err"
check "keys: a trusted key file others may write is not trusted" \
	'[ $? -eq 2 ] && grep -q "owned by another user or writable by others; not trusted" "$T/err" && grep -q "which you do not trust" "$T/err"'
chmod 644 "$pub"
chmod 777 "$T/cfg/saring/trusted"
"$S" --db "$T/w.db" import "$T/served/new.bundle" >/dev/null 2>"$T/err"
check "keys: a trust store others may write trusts nothing" \
	'[ $? -eq 2 ] && grep -q "trusted: owned by another user or writable by others; no key in it is trusted" "$T/err"'
chmod 700 "$T/cfg/saring/trusted"
"$S" --db "$T/w.db" import "$T/served/new.bundle" >/dev/null 2>&1
check "keys: trusted again once put right" '[ $? -eq 0 ]'
ln -s "$T/victim" "$T/k2.key"
"$S" trust keygen "$T/k2" >/dev/null 2>"$T/err"
check "keys: keygen refuses a link planted at the secret key's name" '[ $? -ne 0 ] && grep -q "exists already" "$T/err" && [ ! -e "$T/victim" ]'
printf 'mine\n' >"$T/victim2"
ln -s "$T/victim2" "$T/k3.key.tmp"
ln -s "$T/victim2" "$T/k3.pub.tmp"
"$S" trust keygen "$T/k3" >/dev/null 2>&1
check "keys: keygen writes through no link planted beside it" \
	'[ "$(cat "$T/victim2")" = mine ] && [ -f "$T/k3.key" ] && [ ! -L "$T/k3.key" ] && [ "$(stat -c %a "$T/k3.key")" = 600 ] && [ -f "$T/k3.pub" ] && [ ! -L "$T/k3.pub" ]'

# -- the real samples in ../shared/data/feeds parse as they should
if [ -f "$SHARED/feeds/turnbackhoax-rss.xml" ]; then
	reset
	cp "$SHARED/feeds/turnbackhoax-rss.xml" "$SHARED/feeds/turnbackhoax-article.html" \
		"$SHARED/feeds/claimreview-article-two-blocks.html" "$T/served/"
	python3 -c 'import json,sys; print(json.dumps({"claims": [json.load(open(sys.argv[1]))]}))' \
		"$SHARED/feeds/google-factcheck-claims.json" >"$T/served/google.json"
	python3 -c 'import json,sys; print(json.dumps([json.load(open(sys.argv[1]))]))' \
		"$SHARED/feeds/mafindo-yudistira-record.json" >"$T/served/yudistira.json"
	src tbh rss "$B/d/turnbackhoax-rss.xml"
	src tbhpage page "$B/d/turnbackhoax-article.html"
	src two page "$B/d/claimreview-article-two-blocks.html" factcheck
	src gs google "$B/d/google.json" factcheck k
	src ys yudistira "$B/d/yudistira.json" hoax k
	"$S" --db "$T/s.db" update --delay 0 >"$T/out" 2>&1
	q() { sqlite3 "$T/s.db" "$1"; }
	check "shared: every sample read: $(cat "$T/out")" 'grep -q "; 0 failed" "$T/out"'
	check "shared: TurnBackHoax RSS item" '[ "$(q "SELECT id, rating, title, url FROM doc WHERE source = '"'tbh'"'")" = "tbh:36110|SALAH|[SALAH] Uni Eropa Larang Indonesia Produksi BBM B50|https://turnbackhoax.id/articles/36110-salah-uni-eropa-larang-b50?utm_source=rss" ]'
	check "shared: TurnBackHoax RSS body unescaped" '[ "$(q "SELECT body FROM doc WHERE source = '"'tbh'"'")" = "Beredar unggahan berisi klaim Uni Eropa melarang B50." ]'
	check "shared: TurnBackHoax page ClaimReview" '[ "$(q "SELECT rating, claim, publisher, url FROM doc WHERE source = '"'tbhpage'"'")" = "Salah|[SALAH] Uni Eropa Larang Indonesia Produksi BBM B50|Mafindo|https://turnbackhoax.id/articles/36110-salah-uni-eropa-larang-b50" ]'
	check "shared: TurnBackHoax page Narasi in the body" 'q "SELECT body FROM doc WHERE source = '"'tbhpage'"'" | grep -q "Narasi"'
	check "shared: of two JSON-LD blocks, the ClaimReview" '[ "$(q "SELECT count(*), url FROM doc WHERE source = '"'two'"'")" = "1|https://www.vishvasnews.com/politics/fact-check-priyanka-gandhi-and-robert-vadras-marriage-was-officiated-by-kashmiri-priest-fake-claim-viral/" ]'
	check "shared: Google claim" '[ "$(q "SELECT rating, publisher, date FROM doc WHERE source = '"'gs'"'")" = "False|vishvasnews.com|2019-06-20" ]'
	check "shared: Yudistira record" '[ "$(q "SELECT id, rating, date FROM doc WHERE source = '"'ys'"'")" = "ys:6897|SALAH|2021-05-09" ] && q "SELECT body FROM doc WHERE source = '"'ys'"'" | grep -q "Laura Brown"'
else
	echo "skip: $SHARED/feeds not found"
	skipped=$((skipped + 1))
fi

# -- sources: the defaults, add, remove, bad input
rm -f "$T/cfg/saring/sources"
"$S" sources >"$T/out"
check "defaults: national sources, no Google without a key" 'grep -q "^turnbackhoax  *articles " "$T/out" && grep -q "^komdigi " "$T/out" && ! grep -q "^google" "$T/out" && grep -q "does not exist yet" "$T/out"'
SARING_GOOGLE_KEY=k "$S" sources >"$T/out"
check "defaults: Google with a key" 'grep -q "^google .*(key set)" "$T/out"'
"$S" sources add x rss "file:///etc/passwd" 2>"$T/err"
check "sources add: file:// refused" '[ $? -eq 2 ] && grep -q "starts with http:// or https://" "$T/err"'
"$S" sources add gg google 2>"$T/err"
check "sources add: google wants a key" '[ $? -eq 2 ] && grep -q "needs --key" "$T/err"'
"$S" sources add "Bad Name" rss "$B/x" 2>/dev/null
check "sources add: bad name" '[ $? -eq 2 ]'
"$S" sources add kab wordpress "https://kab.example/wp-json/wp/v2/posts" --label resmi --publisher "Diskominfo Kab. Contoh"
check "sources add: written, defaults kept" '[ $? -eq 0 ] && grep -q "^kab	wordpress	https://kab.example/wp-json/wp/v2/posts	official	Diskominfo Kab. Contoh	-$" "$T/cfg/saring/sources" && grep -q "^turnbackhoax	" "$T/cfg/saring/sources"'
check "sources file mode 0600" '[ "$(stat -c %a "$T/cfg/saring/sources")" = 600 ]'
"$S" sources add kab rss "$B/x" 2>/dev/null
check "sources add: a second with one name refused" '[ $? -eq 2 ]'
"$S" sources list --json | python3 -c 'import json,sys; [json.loads(l) for l in sys.stdin]' 2>/dev/null
check "sources list --json" '[ $? -eq 0 ]'
"$S" sources remove kab turnbackhoax
check "sources remove" '[ $? -eq 0 ] && ! grep -qE "^(kab|turnbackhoax)	" "$T/cfg/saring/sources"'
printf 'a\tnosuchtype\thttp://x\thoax\t-\t-\n' >"$T/cfg/saring/sources"
"$S" update 2>"$T/err"
check "a bad sources file: its line named, exit 2" '[ $? -eq 2 ] && grep -q "sources:1: unknown source type" "$T/err"'

tally update
