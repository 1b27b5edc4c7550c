#!/bin/sh
# web.sh: saring serve end to end.
#   - HTTP (python3 urllib): the page and its headers, no external assets,
#     a verdict for the microchip hoax, HTML escaping of hostile text, the
#     JSON API against `saring check --json`, 400/404/405/413/421, a chat
#     upload against `saring scan`, temporary files removed afterwards
#   - the server: --port 0 and --listen print the URL, a non-loopback
#     address warns, bad options are usage errors, SIGTERM exits 0
#   - a real headless Chromium (tests/web/browser.mjs, playwright-core from
#     npm): paste, submit, read the verdict, copy the reply; screenshots in
#     build/web/. Chromium is installed when root on Debian, else skipped.
# Run from the project root (run-all.sh does). Prints "web: N passed, N failed[, N skipped]".
cd "$(dirname "$0")/../.." || exit 2
. tests/env.sh
. tests/tally.sh

result() {
	tally web
	exit
}

# Count "ok NAME" / "FAIL NAME: why" lines from a checker's output in file $1.
count_log() {
	while IFS= read -r line; do
		case $line in
		"ok "*) ok ;;
		"FAIL "*) bad "${line#FAIL }" ;;
		*) echo "$line" ;;
		esac
	done < "$1"
}

db=build/starter.db
chat=data/demo/chat-rt05.txt
if [ ! -x ./saring ] || [ ! -f "$db" ]; then
	bad "./saring or $db is not built (make saring $db)"
	result
fi
if ! ./saring help serve >/dev/null 2>&1; then
	bad "saring has no serve command"
	result
fi
if ! command -v python3 >/dev/null 2>&1; then
	skip "web: python3 is not installed"
	result
fi

tmp=$TEST_ENV/web
pids=
cleanup() {
	for p in $pids; do
		kill "$p" 2>/dev/null
	done
	rm -rf "$TEST_ENV"
}
trap cleanup EXIT
trap 'exit 2' INT TERM
mkdir "$tmp" "$tmp/uploads"

# start NAME ARGS...: run saring serve in the background (pid in $pid, output
# in $tmp/NAME.out and .err) and wait up to 10 s for the URL it prints ($url).
start() {
	name=$1
	shift
	: >"$tmp/$name.out"
	SARING_DB=$db TMPDIR="$tmp/uploads" SARING_LANG=en ./saring serve "$@" \
		>"$tmp/$name.out" 2>"$tmp/$name.err" &
	pid=$!
	pids="$pids $pid"
	url=
	i=0
	while [ $i -lt 100 ]; do
		url=$(sed -n 's|.*\(http://[^ ]*\).*|\1|p' "$tmp/$name.out" | head -n 1)
		[ -n "$url" ] && break
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
		i=$((i + 1))
	done
}

# stop: SIGTERM the last server; it must exit 0 within 10 s.
stop() {
	kill -TERM "$pid" 2>/dev/null
	i=0
	while kill -0 "$pid" 2>/dev/null && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	if kill -0 "$pid" 2>/dev/null; then
		bad "serve: still running 10 s after SIGTERM"
		kill -KILL "$pid" 2>/dev/null
	fi
	wait "$pid"
	rc=$?
	if [ "$rc" -eq 0 ]; then ok; else bad "serve: exit status $rc after SIGTERM (want 0)"; fi
}

# A free loopback port: bind port 0 and give it back.
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
start main --port "$port"
case $url in
"http://127.0.0.1:$port/") ok ;;
*)
	bad "serve --port $port: printed no URL for the port (stdout: $(cat "$tmp/main.out"); stderr: $(cat "$tmp/main.err"))"
	result
	;;
esac
# it answers (the URL is printed once it listens, but be patient on slow machines)
i=0
until python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)' "$url" 2>/dev/null; do
	i=$((i + 1))
	if [ $i -ge 50 ]; then
		bad "serve: $url does not answer"
		result
	fi
	sleep 0.2
done
ok

python3 - "$url" "$db" "$chat" "$tmp/uploads" >"$tmp/http.log" 2>&1 <<'EOF'
import json, os, re, subprocess, sys, time, urllib.error, urllib.parse, urllib.request, uuid, http.client

url, db, chat, uploads = sys.argv[1:5]
host, port = urllib.parse.urlsplit(url).netloc.rsplit(":", 1)
MICROCHIP = ("Info penting!! vaksin covid yg mau disuntikkan ke rakyat itu ada MICROCHIP nya, "
             "nanti aktif kalo kena sinyal 5G")
HOSTILE = '<script>alert(1)</script>" onmouseover="x'

def check(name, ok, why=""):
    print(("ok " if ok else "FAIL ") + name + ("" if ok else ": " + str(why)[:300]))

def request(method, path, body=None, headers=None):
    """(status, headers, body text) without raising on 4xx/5xx."""
    req = urllib.request.Request(url.rstrip("/") + path, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.headers, r.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read().decode("utf-8")

TOKEN = []   # the page's form token, read from GET / below

def form(**fields):
    fields = dict(token=TOKEN[0], **fields) if TOKEN else fields
    return urllib.parse.urlencode(fields).encode(), {"Content-Type": "application/x-www-form-urlencoded"}

def multipart(name, filename, data):
    b = uuid.uuid4().hex
    token = (f"--{b}\r\nContent-Disposition: form-data; name=\"token\"\r\n\r\n{TOKEN[0]}\r\n"
             if TOKEN else "")
    body = (token + f"--{b}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{filename}\"\r\n"
            f"Content-Type: application/octet-stream\r\n\r\n").encode() + data + f"\r\n--{b}--\r\n".encode()
    return body, {"Content-Type": "multipart/form-data; boundary=" + b}

def cli_json(text):
    env = dict(os.environ, SARING_DB=db)
    out = subprocess.run(["./saring", "check", "--json", text], capture_output=True, env=env).stdout
    return json.loads(out)

# GET /: the page, its headers, no external assets
st, h, page = request("GET", "/")
check("GET / is 200", st == 200, st)
TOKEN[:] = re.findall(r'name="token" value="([0-9a-f]{32})"', page)[:1]
check("the forms carry a token", len(re.findall(r'name="token" value="', page)) == 2 and TOKEN, page[:300])
check("GET / is UTF-8 HTML", h.get("Content-Type") == "text/html; charset=utf-8", h.get("Content-Type"))
csp = h.get("Content-Security-Policy", "")
for part in ("default-src 'none'", "style-src 'unsafe-inline'", "script-src 'unsafe-inline'", "form-action 'self'"):
    check("CSP has " + part, part in csp, csp)
check("X-Content-Type-Options nosniff", h.get("X-Content-Type-Options") == "nosniff", h.get("X-Content-Type-Options"))
check("the form posts text to /", re.search(r'<form[^>]*method="post"[^>]*action="/"', page) is not None
      and 'name="text"' in page, page[:200])
check("the upload form is multipart", 'enctype="multipart/form-data"' in page and 'type="file"' in page)
external = re.findall(r'(?:src|href|action)\s*=\s*["\']?\s*(?:https?:)?//', page, re.I)
external += re.findall(r'@import|url\(', page, re.I)
check("no external assets", not external, external)
check("the copy button is the only script", len(re.findall(r"<script", page)) <= 1)
st, h, _ = request("HEAD", "/")
check("HEAD / is 200", st == 200, st)

# POST /: the verdict card
body, hd = form(text=MICROCHIP)
st, h, page = request("POST", "/", body, hd)
check("POST / is 200", st == 200, st)
m = re.search(r'<section class="card v-(\w+)" id="verdict"[^>]*>\s*<p class="verdict">([^<]*)</p>', page)
check("verdict card says HOAX", m is not None and m.group(1) == "hoax" and m.group(2) in ("HOAX", "HOAKS"),
      m.groups() if m else page[:300])
check("sources with highlighted snippets", "<mark>" in page and "starter-hoax-001" in page)
check("no highlight sentinels left", "\ue000" not in page and "\ue001" not in page)
check("the reply to copy", re.search(r'<textarea id="reply" readonly[^>]*>\*(HOAX|HOAKS)\*', page) is not None)
check("the message goes back in the box", "ada MICROCHIP nya, nanti aktif" in page)

# HTML escaping of hostile text
body, hd = form(text=HOSTILE)
st, h, page = request("POST", "/", body, hd)
check("POST hostile text is 200", st == 200, st)
check("no raw <script>alert", "<script>alert" not in page.lower())
check("no attribute break-out", '" onmouseover="' not in page)
check("hostile text shown escaped",
      "&lt;script&gt;alert(1)&lt;/script&gt;&quot; onmouseover=&quot;x" in page, page[:200])

# invalid UTF-8 and NUL in a message: still a valid UTF-8 page
st, h, raw = 0, None, b""
req = urllib.request.Request(url, data=b"token=" + TOKEN[0].encode() + b"&text=vaksin+%FF%FE+microchip+%00+5G", method="POST",
                             headers={"Content-Type": "application/x-www-form-urlencoded"})
with urllib.request.urlopen(req, timeout=30) as r:
    st, raw = r.status, r.read()
try:
    raw.decode("utf-8")
    ok = True
except UnicodeDecodeError as e:
    ok = e
check("invalid UTF-8 in a message gives a UTF-8 page", st == 200 and ok is True, (st, ok))

# the JSON API is check --json
want = cli_json(MICROCHIP)
st, h, text = request("GET", "/api/check?" + urllib.parse.urlencode({"text": MICROCHIP}))
check("GET /api/check is 200 JSON", st == 200 and h.get("Content-Type") == "application/json; charset=utf-8",
      (st, h.get("Content-Type")))
check("GET /api/check equals check --json", json.loads(text) == want, text[:300])
check("the API answers one JSON object", text.count("\n") == 1 and text.startswith("{"), repr(text[:80]))
body, hd = form(text=MICROCHIP)
st, h, text = request("POST", "/api/check", body, hd)
check("POST /api/check (form) equals check --json", st == 200 and json.loads(text) == want, (st, text[:300]))
st, h, text = request("POST", "/api/check", json.dumps({"text": MICROCHIP}).encode(),
                      {"Content-Type": "application/json"})
check("POST /api/check (JSON) equals check --json", st == 200 and json.loads(text) == want, (st, text[:300]))
st, h, text = request("POST", "/api/check", json.dumps({"id": "m1", "text": MICROCHIP}).encode(),
                      {"Content-Type": "application/json; charset=utf-8"})
check("POST /api/check (JSON) echoes the id", st == 200 and json.loads(text).get("id") == "m1", text[:100])
other = "Pemerintah membagikan kuota internet gratis 100GB untuk semua warga, klik link ini"
st, h, text = request("GET", "/api/check?text=" + urllib.parse.quote_plus(other))
check("GET /api/check equals check --json (another message)", st == 200 and json.loads(text) == cli_json(other),
      text[:300])

# errors
body, hd = form(text="")
st, h, page = request("POST", "/", body, hd)
check("POST / with empty text is 400", st == 400 and 'class="card error"' in page, st)
body, hd = form(text="  \r\n\t ")
st, h, page = request("POST", "/", body, hd)
check("POST / with blank text is 400", st == 400, st)
st, h, text = request("GET", "/api/check?text=")
check("GET /api/check with empty text is 400 JSON", st == 400 and "error" in json.loads(text), (st, text))
st, h, text = request("GET", "/api/check")
check("GET /api/check without text is 400", st == 400, st)
st, h, text = request("POST", "/api/check", b'{"text": ""}', {"Content-Type": "application/json"})
check("POST /api/check with empty JSON text is 400", st == 400 and "error" in json.loads(text), (st, text))
st, h, text = request("POST", "/api/check", b'{"txt": 1', {"Content-Type": "application/json"})
check("POST /api/check with bad JSON is 400", st == 400 and "error" in json.loads(text), (st, text))
big = "a" * (1536 * 1024)
body, hd = form(text=big)
st, h, page = request("POST", "/", body, hd)
check("POST / of 1.5 MB is 413", st == 413 and "1 MB" in page and "aaaaaaaaaa" not in page, st)
st, h, text = request("POST", "/api/check", json.dumps({"text": big}).encode(), {"Content-Type": "application/json"})
check("POST /api/check of 1.5 MB is 413 JSON", st == 413 and "1 MB" in json.loads(text)["error"], (st, text[:100]))
# a chunked body (no Content-Length) is counted too
conn = http.client.HTTPConnection(host, int(port), timeout=30)
conn.putrequest("POST", "/api/check")
conn.putheader("Content-Type", "text/plain")
conn.putheader("Transfer-Encoding", "chunked")
conn.endheaders()
for _ in range(24):
    chunk = b"b" * 65536
    conn.send(b"%x\r\n%s\r\n" % (len(chunk), chunk))
conn.send(b"0\r\n\r\n")
r = conn.getresponse()
check("chunked 1.5 MB is 413", r.status == 413, r.status)
conn.close()
st, h, page = request("GET", "/nothing-here")
check("unknown path is 404", st == 404, st)
st, h, page = request("PUT", "/", b"x", {"Content-Type": "text/plain"})
check("PUT / is 405", st == 405 and "POST" in (h.get("Allow") or ""), (st, h.get("Allow")))
st, h, page = request("GET", "/", None, {"Host": "attacker.example:" + port})
check("a foreign Host name is refused (DNS rebinding)", st == 421, st)
st, h, page = request("GET", "/", None, {"Host": "localhost:" + port})
check("localhost is a fine Host name", st == 200, st)

# upload a chat export: the summary matches saring scan
with open(chat, "rb") as f:
    body, hd = multipart("chat", "../../etc/evil name.txt", f.read())
st, h, page = request("POST", "/scan", body, hd)
check("upload is 200", st == 200, (st, page[:300]))
scan = subprocess.run(["./saring", "scan", chat], capture_output=True, text=True,
                      env=dict(os.environ, SARING_DB=db, SARING_LANG="en")).stdout
for label, key in (("Messages read", r"Messages read:\s+(\d+)"), ("Screened", r"Screened:\s+(\d+)")):
    n = re.search(key, scan).group(1)
    check(f"summary: {label} as scan ({n})", f'<th>{label}</th><td class="n">{n}</td>' in page)
for v in ("HOAX", "ALTERED", "OFFICIAL", "SIMILAR", "UNKNOWN"):
    n = re.search(r"^\s+%s\s+(\d+)$" % v, scan, re.M).group(1)
    check(f"summary: {v} count as scan ({n})", re.search(r'<span class="dot v-\w+"></span>%s</th><td class="n">%s</td>' % (v, n), page) is not None)
check("summary: the known hoax with its copies", re.search(r"starter-hoax-001", page) is not None and "2 copies" in page
      and "first seen 2022-10-13 16:30" in page)
hoaxes = re.search(r'<ol class="sources" id="hoaxes">(.*?)</ol>', page, re.S)
altered = re.search(r'<ol class="sources" id="altered">(.*?)</ol>', page, re.S)
check("summary: the known hoaxes list holds hoaxes only", hoaxes is not None and "starter-hoax-001" in hoaxes.group(1)
      and "starter-official-003" not in hoaxes.group(1), hoaxes.group(1)[:300] if hoaxes else page[:300])
check("summary: the altered release under its own heading, with what changed", altered is not None
      and "starter-official-003" in altered.group(1)
      and "numbers differ: Rp900.000 where the release says Rp600.000" in altered.group(1)
      and re.search(r"<h3>Official releases passed on with numbers or dates changed:</h3>\s*<ol[^>]*id=\"altered\"", page),
      altered.group(1)[:300] if altered else page[:300])
check("summary: the client's file name only shown, escaped", "../../etc/evil name.txt" in page)
check("upload leaves no temporary file", os.listdir(uploads) == [], os.listdir(uploads))
st, h, page = request("POST", "/scan", *multipart("chat", "export.zip", open("tests/chat/export-ios.zip", "rb").read()))
check("zip upload is 200 with a summary", st == 200 and 'id="summary"' in page, st)
st, h, page = request("POST", "/scan", *multipart("chat", "x.txt", b"hello, this is not a chat\n"))
check("a file that is not a chat is 422", st == 422 and 'class="card error"' in page, st)
st, h, page = request("POST", "/scan", *multipart("chat", "", b""))
check("upload without a file is 400", st == 400, st)
check("failed uploads leave no temporary file", os.listdir(uploads) == [], os.listdir(uploads))
# a picture instead of a chat: its text is read and checked
st, h, page = request("POST", "/scan", *multipart("chat", "poster.png", open("tests/image/hoax-poster.png", "rb").read()))
check("picture upload: the text read and its verdict", st == 200 and "Text read from the picture" in page
      and "elpiji" in page and 'class="card v-hoax"' in page, (st, page[-600:]))
st, h, page = request("POST", "/scan", *multipart("chat", "cut.png", open("tests/image/hoax-poster.png", "rb").read()[:3000]))
check("a damaged picture is 422", st == 422 and "could not be read" in page, st)
check("the page takes pictures, chosen or pasted", "image/png" in request("GET", "/")[2] and "paste" in request("GET", "/")[2])
check("picture uploads leave no temporary file", os.listdir(uploads) == [], os.listdir(uploads))
# while an upload arrives and is screened, nothing of it is in TMPDIR
# (held open, unlinked: a server killed with -9 leaves nothing behind)
body, hdrs = multipart("chat", "slow.txt", open(chat, "rb").read() * 20)
conn = http.client.HTTPConnection(host, int(port), timeout=30)
conn.putrequest("POST", "/scan")
for k, v in dict(hdrs, **{"Content-Length": str(len(body))}).items():
    conn.putheader(k, v)
conn.endheaders()
conn.send(body[:len(body) // 2])
time.sleep(0.5)
during = os.listdir(uploads)
conn.send(body[len(body) // 2:])
r = conn.getresponse()
st, page = r.status, r.read().decode("utf-8")
conn.close()
check("a slow upload is screened", st == 200 and 'id="summary"' in page, (st, page[-300:]))
check("an upload being received is not in TMPDIR", during == [], during)
EOF
count_log "$tmp/http.log"

# the browser
browser_test() {
	if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
		skip "browser: node and npm are not installed (apt-get install nodejs npm)"
		return
	fi
	chromium=${CHROMIUM:-/usr/bin/chromium}
	if [ ! -x "$chromium" ]; then
		if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
			echo "web: installing chromium for the browser test"
			DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null 2>&1 ||
				{ apt-get update -qq >/dev/null 2>&1 &&
				  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null 2>&1; }
		fi
		if [ ! -x "$chromium" ]; then
			skip "browser: $chromium is not installed (apt-get install chromium chromium-driver)"
			return
		fi
	fi
	if ! sh tests/web/install.sh "$tmp/npm.log"; then
		skip "browser: npm could not install playwright-core: $(tail -n 3 "$tmp/npm.log")"
		return
	fi
	mkdir -p build/web
	./saring scan --html "$PWD/build/web/report.html" "$chat" >/dev/null
	CHROMIUM=$chromium timeout 300 node tests/web/browser.mjs "$url" "$chat" build/web \
		"$PWD/build/web/report.html" >"$tmp/browser.log" 2>&1
	rc=$?
	count_log "$tmp/browser.log"
	if [ $rc -ne 0 ] && ! grep -q '^FAIL ' "$tmp/browser.log"; then
		bad "browser: exit status $rc"
	fi
	if [ -s build/web/check.png ]; then ok; else bad "browser: no screenshot build/web/check.png"; fi
}
browser_test

stop

# --port 0 picks a free port; --listen on a non-loopback address warns
start zero --port 0
case $url in
http://127.0.0.1:[1-9]*/) ok ;;
*) bad "serve --port 0: printed '$url'" ;;
esac
stop
start any --listen 0.0.0.0:0
case $url in
http://0.0.0.0:[1-9]*/) ok ;;
*) bad "serve --listen 0.0.0.0:0: printed '$url'" ;;
esac
if grep -q "everyone on the network" "$tmp/any.err"; then ok; else bad "serve --listen 0.0.0.0: no warning"; fi
stop
start v6 --listen '[::1]:0'
case $url in
"http://[::1]:"[1-9]*/) ok; stop ;;
"") skip "serve --listen [::1]: no IPv6 here ($(cat "$tmp/v6.err"))" ;;
*) bad "serve --listen [::1]:0: printed '$url'"; stop ;;
esac

# usage errors
for args in "--port 70000" "--port x" "--listen nonsense:port" "--port 1 --listen 127.0.0.1:2" "extra"; do
	# shellcheck disable=SC2086
	SARING_DB=$db ./saring serve $args >/dev/null 2>"$tmp/usage.err"
	rc=$?
	if [ $rc -eq 2 ] && grep -q "usage: saring serve" "$tmp/usage.err"; then
		ok
	else
		bad "serve $args: exit $rc, want 2 with the usage"
	fi
done
# a port in use is a system error with a clear message
python3 -c '
import socket, subprocess, sys, os
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(1)
p = subprocess.run(["./saring", "serve", "--port", str(s.getsockname()[1])], capture_output=True, text=True,
                   env=dict(os.environ, SARING_DB=sys.argv[1]), timeout=10)
ok = p.returncode == 3 and "in use" in p.stderr
print("ok port in use" if ok else "FAIL port in use: exit %d, %r" % (p.returncode, p.stderr))
' "$db" >"$tmp/busy.log" 2>&1
count_log "$tmp/busy.log"

result
