#!/bin/sh
# serve-hostile.sh: saring serve against clients that mean harm, on 127.0.0.1.
#   - an upload bomb (a zip that inflates a thousandfold, then one of
#     300,000 short messages) is bounded, and a second client's /api/check
#     answers in under a second while it runs
#   - POSTs from other origins are refused: Origin, Sec-Fetch-Site, a form
#     without the page's token; and in headless Chromium, a page on another
#     origin that submits a form to saring gets 403
#   - slow-drip clients: at most 16 connections from one address, each cut
#     after 30 s however it trickles
#   - memory stays under 200 MB with 60 uploads of 1 MB at once (each from
#     its own loopback address, past the per-client limit)
#   - --listen 127.0.0.2:P answers for 127.0.0.2:P, 421 for other names
cd "$(dirname "$0")/../.." || exit 2
passed=0 failed=0 skipped=0
T=$(mktemp -d)
pids=
cleanup() {
	for p in $pids; do kill "$p" 2>/dev/null; done
	rm -rf "$T"
}
trap cleanup EXIT
[ -n "$KEEP" ] && trap - EXIT
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
# start NAME ARGS...: a server; its URL in $url once it answers
start() {
	name=$1; shift
	./saring --db build/starter.db serve "$@" >"$T/$name.out" 2>"$T/$name.err" &
	pid=$!
	pids="$pids $pid"
	i=0
	until url=$(grep -o 'http://[^ ]*' "$T/$name.out" 2>/dev/null) && [ -n "$url" ]; do
		i=$((i + 1)); [ $i -ge 100 ] && break; sleep 0.1
	done
}
tally() {
	while IFS= read -r line; do
		case $line in
		"ok "*) passed=$((passed + 1)) ;;
		"FAIL "*) failed=$((failed + 1)); echo "not ok - ${line#FAIL }" ;;
		"skip "*) skipped=$((skipped + 1)); echo "$line" ;;
		*) echo "$line" ;;
		esac
	done <"$1"
}

port=$(free_port)
start main --port "$port"
spid=$pid
# AddressSanitizer's shadow memory is no measure of saring's: no memory bound under it
sanitized=0
ldd ./saring 2>/dev/null | grep -q libasan && sanitized=1
SANITIZED=$sanitized python3 - "$url" "$spid" >"$T/log" 2>&1 <<'EOF'
import io, json, os, re, socket, sys, threading, time, urllib.error, urllib.request, uuid, zipfile
url, spid = sys.argv[1], sys.argv[2]
host, port = url.split("//")[1].rstrip("/").split(":")
port = int(port)

def check(name, ok, why=""):
    print(("ok " if ok else "FAIL ") + name + ("" if ok else ": " + str(why)[:300]))

def request(method, path, body=None, headers=None, timeout=60, source=None):
    import http.client
    c = http.client.HTTPConnection(host, port, timeout=timeout,
                                   source_address=(source, 0) if source else None)
    c.request(method, path, body=body, headers=headers or {})
    r = c.getresponse()
    data = r.read().decode("utf-8", "replace")
    c.close()
    return r.status, data

st, page = request("GET", "/")
token = re.search(r'name="token" value="([0-9a-f]+)"', page).group(1)

def multipart(fields, filename, data):
    b = uuid.uuid4().hex
    body = b"".join(f"--{b}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n".encode()
                    for k, v in fields.items())
    body += (f"--{b}\r\nContent-Disposition: form-data; name=\"chat\"; filename=\"{filename}\"\r\n"
             "Content-Type: application/octet-stream\r\n\r\n").encode() + data + f"\r\n--{b}--\r\n".encode()
    return body, {"Content-Type": "multipart/form-data; boundary=" + b}

def bomb(lines):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        with z.open("WhatsApp Chat with RT 05.txt", "w") as f:
            for chunk in lines:
                f.write(chunk)
    return buf.getvalue()

line = b"13/10/2022 16.26 - Budi: selamat pagi semua warga rt lima ya jangan lupa kerja bakti\n"
inflate = bomb(line * 20000 for _ in range(100))                     # 170 MB of text
SHORT_MESSAGES = 300000
many = bomb(b"".join(b"13/10/2022 16.%02d - W%d: pesan nomor %d untuk warga rt lima\n" % (i % 60, i % 9, i)
                     for i in range(j, j + 10000)) for j in range(0, SHORT_MESSAGES, 10000))
check("the bombs are small", len(inflate) < 1 << 20 and len(many) < 1 << 20, (len(inflate), len(many)))
check_body = json.dumps({"text": "vaksin covid ada microchip nya aktif kena sinyal 5G"}).encode()
for name, z in (("inflating", inflate), ("of short messages", many)):
    result = {}
    def upload():
        t0 = time.time()
        body, hd = multipart({"token": token}, "bomb.zip", z)
        result["status"], result["page"] = request("POST", "/scan", body, hd)
        result["seconds"] = time.time() - t0
    t = threading.Thread(target=upload)
    t.start()
    time.sleep(0.5)
    worst = 0
    while t.is_alive() and worst < 5:
        t0 = time.time()
        st, text = request("POST", "/api/check", check_body, {"Content-Type": "application/json"})
        worst = max(worst, time.time() - t0)
        if st != 200:
            worst = 99
        time.sleep(0.2)
    t.join()
    print("bomb %s: answered in %.1f s, /api/check at worst %.3f s" % (name, result["seconds"], worst))
    check("a second client answers in < 1 s during an upload bomb " + name, worst < 1, worst)
    # cut at 10 s or at 32 MB of text, or (a fast machine) every message read within them
    whole = re.search(r"Messages read</th><td class=\"n\">(\d+)<", result.get("page", ""))
    check("the bomb " + name + " is bounded", result["seconds"] < 15 and result["status"] == 200 and
          ("first messages" in result["page"] or "could not be read to the end" in result["page"] or
           (name == "of short messages" and whole and int(whole.group(1)) == SHORT_MESSAGES)),
          (result["seconds"], result["status"], result["page"][-400:]))

# other origins
body = b"token=" + token.encode() + b"&text=vaksin+covid+microchip"
form = {"Content-Type": "application/x-www-form-urlencoded"}
st, _ = request("POST", "/", body, dict(form, Origin="http://evil.example"))
check("a form POST with a foreign Origin is 403", st == 403, st)
st, _ = request("POST", "/", body, dict(form, **{"Sec-Fetch-Site": "cross-site"}))
check("a form POST with Sec-Fetch-Site: cross-site is 403", st == 403, st)
st, _ = request("POST", "/api/check", b"vaksin covid", {"Content-Type": "text/plain", "Origin": "null"})
check("an API POST from Origin: null is 403", st == 403, st)
st, _ = request("POST", "/", b"text=vaksin+covid+microchip", form)
check("a form POST without the token is 403", st == 403, st)
st, _ = request("POST", "/", b"token=0123&text=vaksin+covid+microchip", form)
check("a form POST with a wrong token is 403", st == 403, st)
st, _ = request("POST", "/", body, dict(form, Origin="http://%s:%d" % (host, port), **{"Sec-Fetch-Site": "same-origin"}))
check("the page's own form POST is 200", st == 200, st)
st, _ = request("POST", "/api/check", check_body, {"Content-Type": "application/json"})
check("a program's API POST (no Origin) is 200", st == 200, st)

# memory: 60 uploads of 1 MB at once, each from its own loopback address
chat = b"".join(b"13/10/2022 16.%02d - Warga %d: info penting vaksin covid ada microchip nya nomor %d\n"
                % (i % 60, i % 30, i) for i in range(12000))[: 1000000]
body, hd = multipart({"token": token}, "chat.txt", chat)
statuses = []
def up(i):
    try:
        statuses.append(request("POST", "/scan", body, hd, timeout=120, source="127.0.%d.%d" % (1 + i // 200, 2 + i % 200))[0])
    except Exception as e:
        statuses.append(str(e))
threads = [threading.Thread(target=up, args=(i,)) for i in range(60)]
for t in threads:
    t.start()
for t in threads:
    t.join()
hwm = int(re.search(r"VmHWM:\s+(\d+)", open("/proc/%s/status" % spid).read()).group(1)) // 1024
print("60 uploads of 1 MB at once: peak RSS %d MB, answers %s" % (hwm, sorted(set(map(str, statuses)))))
check("60 concurrent 1 MB uploads all answered", statuses.count(200) == 60, statuses[:5])
if os.environ.get("SANITIZED") == "1":
    print("skip: memory under a sanitizer")
else:
    check("memory < 200 MB under 60 concurrent 1 MB uploads", hwm < 200, hwm)

# slow drip: 40 connections from one address, a byte every 2 s
socks = []
for i in range(40):
    s = socket.create_connection((host, port))
    s.sendall(b"POST / HTTP/1.1\r\nHost: %s:%d\r\n" % (host.encode(), port))
    socks.append(s)
t0 = time.time()
def alive(s):
    try:
        s.settimeout(0.05)
        return s.recv(1) != b""
    except socket.timeout:
        return True
    except OSError:
        return False
time.sleep(1)
for s in socks:
    try:
        s.send(b"X")
    except OSError:
        pass
held = sum(1 for s in socks if alive(s))
check("at most 16 slow connections from one address", held <= 16, held)
while time.time() - t0 < 40 and any(alive(s) for s in socks):
    for s in socks:
        try:
            s.send(b"X")
        except OSError:
            pass
    time.sleep(2)
left = sum(1 for s in socks if alive(s))
print("slow drip: %d of 40 held, all cut after %.0f s" % (held, time.time() - t0))
check("slow connections are cut within 35 s", left == 0 and time.time() - t0 < 36, (left, time.time() - t0))
for s in socks:
    s.close()
st, _ = request("GET", "/")
check("the server answers after the slow drip", st == 200, st)
EOF
tally "$T/log"

# --listen 127.0.0.2:P answers for its own address, 421 for other names
port=$(free_port)
start other --listen "127.0.0.2:$port"
python3 - "$port" >"$T/log" 2>&1 <<'EOF'
import http.client, sys
port = int(sys.argv[1])
def status(hostname):
    c = http.client.HTTPConnection("127.0.0.2", port, timeout=10)
    c.request("GET", "/", headers={"Host": hostname})
    return c.getresponse().status
def check(name, ok, why=""):
    print(("ok " if ok else "FAIL ") + name + ("" if ok else ": " + str(why)))
st = status("127.0.0.2:%d" % port)
check("--listen 127.0.0.2: its own address is 200", st == 200, st)
st = status("evil.example:%d" % port)
check("--listen 127.0.0.2: another name is 421", st == 421, st)
EOF
tally "$T/log"

# a page on another origin submits a form to saring, in headless Chromium
chromium=$(command -v chromium || command -v chromium-browser)
if [ -n "$chromium" ] && command -v node >/dev/null && sh tests/web/install.sh "$T/npm.log"; then
	evil=$(free_port)
	cat >"$T/evil.html" <<EOF
<!DOCTYPE html><form id="f" method="post" action="${url}"><input name="text" value="vaksin covid microchip"></form>
<script>document.getElementById('f').submit()</script>
EOF
	(cd "$T" && exec python3 -m http.server "$evil" --bind 127.0.0.1) >/dev/null 2>&1 &
	pids="$pids $!"
	sleep 1
	CHROMIUM=$chromium timeout 120 node tests/web/cross-origin.mjs "http://127.0.0.1:$evil/evil.html" "$url" >"$T/log" 2>&1
	tally "$T/log"
else
	skipped=$((skipped + 1))
	echo "skip cross-origin in Chromium: chromium, node or playwright-core missing (make test-deps; tests/web/install.sh)"
fi

echo "serve-hostile: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
