#!/bin/sh
# streams.sh: input that never ends. check -f stops at 64 MB with a clear
# error; check --jsonl and normalize answer line by line while their input
# is still open, in memory that does not grow with it.
. tests/tally.sh
export SARING_DB=build/starter.db SARING_LANG=en
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

# feed.py MODE CMD...: write to CMD's stdin for 12 s or until it exits
# (MODE: words, a message that never ends; jsonl, lines) and report its
# exit status, peak memory, whether output came while input was still open,
# and the MB sent.
cat >"$T/feed.py" <<'EOF'
import json, os, resource, subprocess, sys, threading, time
mode, cmd = sys.argv[1], sys.argv[2:]
p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
if mode == 'words':
    chunk = b'vaksin covid berisi microchip pelacak ' * 1000
elif mode == 'jsonl':
    chunk = (json.dumps({"id": 1, "text": "vaksin covid berisi microchip pelacak warga"}) + '\n').encode() * 200
else:
    chunk = b'vaksin covid yg mau disuntikkan ada microchip nya\n' * 500
got = [0]
def drain(f, acc):
    while True:
        b = f.read1(65536)
        if not b:
            return
        acc[0] += len(b)
threading.Thread(target=drain, args=(p.stdout, got), daemon=True).start()
err = []
threading.Thread(target=lambda: err.append(p.stderr.read()), daemon=True).start()
sent, deadline = 0, time.time() + 12
try:
    while time.time() < deadline and p.poll() is None:
        p.stdin.write(chunk)
        p.stdin.flush()
        sent += len(chunk)
except BrokenPipeError:
    pass
streamed = got[0] > 0 and p.poll() is None
try:
    p.stdin.close()
except BrokenPipeError:
    pass
rc = p.wait()
time.sleep(0.2)
e = (err[0] if err else b'').decode(errors='replace').strip()
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
print(rc, rss, int(streamed), sent >> 20, e.splitlines()[-1] if e else '-')
EOF

# AddressSanitizer's shadow memory is no measure of saring's: no memory bound under it
limit=120 flimit=400 jsent=2 nsent=150
if ldd ./saring 2>/dev/null | grep -q libasan; then
	echo "skip: memory bounds under a sanitizer"
	limit=100000 flimit=100000 jsent=0 nsent=0   # and slower: less is sent in the time
fi
python3 "$T/feed.py" words ./saring check -f - >"$T/r"
read -r rc rss streamed sent err <"$T/r"
if [ "$rc" = 2 ] && echo "$err" | grep -q 'longer than 64 MB'; then ok; else bad "check -f on endless input: $(cat "$T/r")"; fi
if [ "$rss" -lt "$flimit" ]; then ok; else bad "check -f on endless input: ${rss} MB"; fi

python3 "$T/feed.py" jsonl ./saring check --jsonl --json -f - >"$T/r"
read -r rc rss streamed sent err <"$T/r"
if [ "$streamed" = 1 ]; then ok; else bad "check --jsonl answers while its input is open: $(cat "$T/r")"; fi
if [ "$rss" -lt "$limit" ] && [ "$sent" -ge "$jsent" ]; then ok; else bad "check --jsonl memory: ${rss} MB for ${sent} MB sent"; fi

python3 "$T/feed.py" lines ./saring normalize >"$T/r"
read -r rc rss streamed sent err <"$T/r"
if [ "$streamed" = 1 ]; then ok; else bad "normalize answers while its input is open: $(cat "$T/r")"; fi
if [ "$rss" -lt "$limit" ] && [ "$sent" -ge "$nsent" ]; then ok; else bad "normalize memory: ${rss} MB for ${sent} MB sent"; fi

# a line past the bound: said, cut, and the next line read
python3 -c 'import sys; sys.stdout.write("aman " * (14 << 20) + "\nvaksin\n")' >"$T/long.txt"
./saring normalize "$T/long.txt" >"$T/out" 2>"$T/err"
if grep -q 'long.txt:1: line longer than 64 MB, cut' "$T/err" && [ "$(tail -n 1 "$T/out")" = vaksin ]; then ok; else bad "a line past 64 MB: $(cat "$T/err")"; fi
tally streams
