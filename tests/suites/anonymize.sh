#!/bin/sh
# anonymize.sh: what scan --anonymize promises, attacked.
# 1. 1,000 generated Indonesian phone-number and e-mail shapes
#    (tests/anon/shapes.py, fixed seed), each forwarded so it is shown:
#    none is left in the summary's or the --html report's excerpts.
# 2. Pseudonyms: the attack that undid the old FNV pseudonyms (invert the
#    hash from one known name and pseudonym, then compute everyone else's
#    from a member list) is run, first against the old scheme to show it
#    works, then against saring's output: it must recover nothing. Two runs
#    without --key-file share no pseudonym; one --key-file keeps them; the
#    key file is 0600 and its key is never printed.
. tests/tally.sh
S=${SARING_BIN:-./saring}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export SARING_DB=build/starter.db SARING_LANG=en

python3 tests/anon/shapes.py "$T/chat.txt"
$S scan --anonymize --top 5000 --html "$T/report.html" "$T/chat.txt" >"$T/summary.txt" 2>"$T/err"
[ $? -le 1 ] && ok || bad "scan --anonymize ran: $(head -c 300 "$T/err")"

cat >"$T/leaks.py" <<'EOF'
import html, re, sys, unicodedata
secrets = [l.split() for l in open(sys.argv[1], encoding='utf-8')]
def excerpts(path):
    t = open(path, encoding='utf-8').read()
    if path.endswith('.html'):
        return [html.unescape(m) for m in re.findall(r'<tr><td>[A-Z]+: (.*?)</td>', t)]
    return [l.split(': ', 1)[1] for l in t.splitlines() if re.match(r'  \d+ copies, ', l)]
for path in sys.argv[2:]:
    by_code = {}
    for e in excerpts(path):
        m = re.search(r'kode (\w+)', e)
        if m:
            by_code[m.group(1)] = unicodedata.normalize('NFKC', e).lower()
    shown = leaks = 0
    for kind, secret, code in secrets:
        e = by_code.get(code)
        if e is None:
            continue
        shown += 1
        digits = re.sub(r'\D', '', e)
        if (kind == 'phone' and secret[-7:] in digits) or (kind == 'email' and secret.lower() in e):
            leaks += 1
            if leaks <= 5:
                print('%s: %s %s leaks in: %s' % (path, kind, secret, e))
    print('%s: %d of %d shapes shown, %d leaked' % (path, shown, len(secrets), leaks))
    if shown != len(secrets) or leaks:
        sys.exit(1)
EOF
if python3 "$T/leaks.py" "$T/chat.txt.secrets" "$T/summary.txt" "$T/report.html" >"$T/out"; then ok; else bad "masking: $(cat "$T/out")"; fi
# the same chat without --anonymize shows them: the check above can fail
$S scan --top 5000 "$T/chat.txt" >"$T/plain.txt" 2>/dev/null
if ! python3 "$T/leaks.py" "$T/chat.txt.secrets" "$T/plain.txt" >/dev/null; then ok; else bad "the leak check sees nothing without --anonymize"; fi

# Numbers with invisible characters, read on screen as the plain number:
# zero-width and format characters (soft hyphen, U+200B-U+200D, U+2060,
# U+FEFF, bidi marks), combining marks and keycaps, and the spaces a
# reader sees as one (no-break, narrow, thin, figure, ideographic), alone
# and mixed, between every digit or between groups
python3 - "$T/invisible.txt" <<'EOF'
import sys
KINDS = ['\u200b', '\u00ad', '\u2060', '\ufeff', '\u200c', '\u200d', '\u200e', '\u202c', '\u2066',
         '\u034f', '\ufe0f', '\u180e', '\u00a0', '\u202f', '\u2009', '\u2007', '\u3000',
         '\u00a0\u200b', '\u200b \u200b', '\u00ad-\u00ad', ' \u2060 \u2060 ']
NUMS = ['081234567890', '+6281298765432', '02155512345']
out = sys.argv[1]
with open(out, 'w') as chat, open(out + '.secrets', 'w') as sec:
    n = 0
    for k, inv in enumerate(KINDS):
        for j, num in enumerate(NUMS):
            shapes = [inv.join(num), num[:4] + inv + num[4:8] + inv + num[8:]]
            if len(inv) == 1 and inv not in ' \u00a0\u202f\u2009\u2007\u3000':
                shapes.append(inv + num.replace('1', '1' + inv) + inv)
            if k == 0 and j == 0:
                shapes.append('\u20e3'.join(num) + '\u20e3')   # keycaps
                shapes.append(''.join(c + '\ufe0f\u20e3' for c in num))
            for shape in shapes:
                code = 'no' + ''.join('abcdefghij'[int(d)] for d in '%03d' % n)
                sec.write('phone %s %s\n' % (num.lstrip('+'), code))
                text = ('info bantuan desa kode %s tolong hubungi %s mohon disebarkan ke semua warga '
                        'dan keluarga supaya tidak ada yang ketinggalan' % (code, shape))
                for copy in range(2):
                    chat.write('01/11/2022 %02d.%02d - Warga %d: %s\n' % (8 + copy, n % 60, copy, text))
                n += 1
EOF
$S scan --anonymize --top 5000 --html "$T/invisible.html" "$T/invisible.txt" >"$T/invisible.sum" 2>"$T/err"
if python3 "$T/leaks.py" "$T/invisible.txt.secrets" "$T/invisible.sum" "$T/invisible.html" >"$T/out"; then ok
else bad "numbers with invisible characters: $(cat "$T/out")"; fi

# pseudonyms, and a member list of the group
printf '%s\n' "Budi Santoso" "Sari Wulandari" "Pak RT 05" "Bu Dewi" "Agus" "Rina (Kader)" "Hendra" "+62 812-3456-7890" >"$T/members"
python3 - "$T/members" >"$T/group.txt" <<'EOF'
import sys
for i, name in enumerate(open(sys.argv[1]).read().splitlines()):
    print('13/10/2022 16.%02d - %s: selamat pagi warga, rapat rt nanti malam jam tujuh di balai' % (i, name))
EOF
pseudonyms() { $S scan --json --anonymize "$@" "$T/group.txt" | python3 -c '
import json, sys
for l in sys.stdin: print(json.loads(l)["sender"])'; }
pseudonyms >"$T/run1"
pseudonyms >"$T/run2"
sort "$T/run1" >"$T/run1.sorted"
sort "$T/run2" >"$T/run2.sorted"
if [ "$(wc -l <"$T/run1")" = 8 ] && [ "$(sort -u "$T/run1" | wc -l)" = 8 ]; then ok; else bad "one pseudonym per member: $(cat "$T/run1")"; fi
if grep -qvE '^anon-[a-z2-7]{16}$' "$T/run1"; then bad "pseudonyms are anon- and 16 base32 letters"; else ok; fi
if [ -z "$(comm -12 "$T/run1.sorted" "$T/run2.sorted")" ]; then ok; else bad "two runs without --key-file share pseudonyms"; fi
pseudonyms --key-file "$T/key" >"$T/kept1"
pseudonyms --key-file "$T/key" >"$T/kept2"
if cmp -s "$T/kept1" "$T/kept2" && [ -z "$(sort "$T/kept1" | comm -12 - "$T/run1.sorted")" ]; then ok; else bad "--key-file keeps the pseudonyms"; fi
[ "$(stat -c %a "$T/key")" = 600 ] && ok || bad "the key file is mode $(stat -c %a "$T/key")"
key=$(cat "$T/key")
if grep -qr -- "$key" "$T"/kept1 "$T"/run1 build/starter.db; then bad "the key is printed or stored"; else ok; fi
echo nonsense >"$T/badkey"
$S scan --anonymize --key-file "$T/badkey" "$T/group.txt" >/dev/null 2>"$T/err"
if [ $? = 2 ] && grep -q 'not a key file' "$T/err"; then ok; else bad "a file that holds no key: $(cat "$T/err")"; fi

# The export's name: a one-to-one chat's holds the contact's name, in the
# file, the zip and the .txt inside; --json's "file" and --tsv's first
# column show a pseudonym of it, one per export
mkdir "$T/Budi Santoso"
cp "$T/group.txt" "$T/WhatsApp Chat with Budi Santoso.txt"
cp "$T/group.txt" "$T/Budi Santoso/WhatsApp Chat with Budi Santoso.txt"
(cd "$T/Budi Santoso" && python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1], "w").write(sys.argv[2])' \
	"WhatsApp Chat with Budi Santoso.zip" "WhatsApp Chat with Budi Santoso.txt")
for fmt in --json --tsv; do
	$S scan $fmt --anonymize "$T/WhatsApp Chat with Budi Santoso.txt" \
		"$T/Budi Santoso/WhatsApp Chat with Budi Santoso.zip" >"$T/named" 2>"$T/err"
	if [ "$(wc -l <"$T/named")" -ge 16 ] && ! grep -q Budi "$T/named"; then ok
	else bad "scan $fmt --anonymize shows the export's name: $(grep -m1 Budi "$T/named")"; fi
done
$S scan --json --anonymize "$T/WhatsApp Chat with Budi Santoso.txt" \
	"$T/Budi Santoso/WhatsApp Chat with Budi Santoso.zip" 2>/dev/null | python3 -c '
import json, re, sys
files = [json.loads(l)["file"] for l in sys.stdin]
sys.exit(not (len(set(files)) == 2 and all(re.fullmatch("chat-[a-z2-7]{16}", f) for f in files)))' \
	&& ok || bad "one pseudonym chat- and 16 base32 letters per export"

# The attack: FNV-1a is invertible byte by byte, so from one (name,
# pseudonym) pair the hash state after the secret prefix is recovered, and
# every member's pseudonym follows from it. attack.py KNOWN_NAME PSEUDONYM
# MEMBERS PSEUDONYMS: how many of the other members' pseudonyms it finds.
cat >"$T/attack.py" <<'EOF'
import sys
P, M = 1099511628211, 1 << 32
PINV = pow(P, -1, M)
def windows(pseudo):  # where 32 bits of hash may sit: old hex, or new base32's first and last
    p = pseudo[5:] if pseudo.startswith('anon-') else pseudo
    if len(p) == 8:
        return [int(p, 16)]
    v = 0
    for ch in p:
        v = v << 5 | 'abcdefghijklmnopqrstuvwxyz234567'.index(ch)
    return [v >> (5 * len(p) - 32), v & (M - 1)]
def invert(name, h):
    for b in reversed(name.encode()):
        h = ((h * PINV) % M) ^ b
    return h            # low 32 bits of the state once the key is hashed
def forward(state, name):
    for b in name.encode():
        state = ((state ^ b) * P) % M
    return state
def old_scheme(key, name):  # what saring did: FNV-1a 64 of key + name, low 32 bits
    h = 1469598103934665603
    for b in key + name.encode():
        h = ((h ^ b) * P) % (1 << 64)
    return '%08x' % (h & 0xffffffff)
members = open(sys.argv[3]).read().splitlines()
if sys.argv[1] == '--old':   # the attack against the old scheme, to show it works
    key = b'\x13\x37\xc0\xde\xfe\xed\xfa\xce'
    pseudos = [old_scheme(key, m) for m in members]
else:
    pseudos = open(sys.argv[4]).read().splitlines()
known = 0
found = 0
for w, h in enumerate(windows(pseudos[known])):
    state = invert(members[known], h)
    found = max(found, sum(1 for i, m in enumerate(members)
                           if i != known and forward(state, m) == windows(pseudos[i])[w]))
print(found)
EOF
found_old=$(python3 "$T/attack.py" --old x "$T/members")
[ "$found_old" = 7 ] && ok || bad "the attack works on the old scheme (found $found_old of 7)"
found=$(python3 "$T/attack.py" -- x "$T/members" "$T/run1")
[ "$found" = 0 ] && ok || bad "the attack recovers $found pseudonyms"
# nor does knowing pairs from one run help with the next: nothing is shared
found=$(python3 "$T/attack.py" -- x "$T/members" "$T/run2")
[ "$found" = 0 ] && ok || bad "the attack recovers $found pseudonyms of a second run"

tally anonymize
