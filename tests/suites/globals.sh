#!/bin/sh
# globals.sh: no file-scope mutable variable without a comment saying why.
# A variable defined at file scope in src/*.c (static or not, __thread or
# not) that is not const must carry a comment on its line, or a comment
# must stand above it or above the group of definitions it belongs to.
# Each file passes or fails once.
# Prints "globals: N passed, N failed".
cd "$(dirname "$0")/../.." || exit 2
. tests/env.sh
check() {
python3 - "$@" <<'PY'
import re, sys

# a definition at column 0: qualifiers, a type, a name, then = [ or ;
DEF = re.compile(r"^(?:static\s+|extern\s+|__thread\s+|_Thread_local\s+|volatile\s+)*"
                 r"(?:const\s+)?(?:unsigned\s+|signed\s+|struct\s+|enum\s+|union\s+)?"
                 r"[A-Za-z_]\w*(?:\s*\*+\s*|\s+)(?:const\s*)?\(?\*?\s*([A-Za-z_]\w*)\s*(?:\)\s*\(.*\))?\s*(?:\[[^\]]*\])*\s*(=|;)")
KEYWORDS = {"return", "typedef", "goto", "case", "else"}


def immutable(line):
    head = line.split("=", 1)[0]
    if "*const" in head.replace(" ", ""):
        return True   # a const pointer (to const or not)
    return bool(re.match(r"^(?:static\s+)?const\b", head)) and "*" not in head


passed = failed = 0
for path in sys.argv[1:]:
    lines = open(path, encoding="utf-8").read().split("\n")
    depth, bad = 0, []
    for i, line in enumerate(lines):
        if depth == 0 and line and not line[0].isspace() and not line.startswith(("#", "/", "*", "}")):
            m = DEF.match(line)
            first = line.split()[0]
            if m and first not in KEYWORDS and "(" not in line.split("=", 1)[0].replace("(*", "").replace("(void", "") \
                    and not immutable(line):
                j = i - 1   # a comment above a group of definitions speaks for the group
                while j >= 0 and DEF.match(lines[j]):
                    j -= 1
                above = lines[j].strip() if j >= 0 else ""
                said = above.endswith("*/") and above.startswith(("/*", "*"))
                if "/*" not in line and "//" not in line and not said:
                    bad.append("%s:%d: %s" % (path, i + 1, line.strip()))
        depth += line.count("{") - line.count("}")
    if bad:
        failed += 1
        for b in bad:
            print("FAIL %s: a file-scope mutable variable without a comment saying why" % b)
    else:
        passed += 1
print("%d %d" % (passed, failed))
PY
}
out=$(check src/*.c)
echo "$out" | grep '^FAIL'
set -- $(echo "$out" | tail -n 1)
passed=$1 failed=$2
# the check itself: an uncommented mutable is found, a commented or const one is not
tmp=$(mktemp -d)
printf 'static int hits;\nstatic const char name[] = "x";\n' >"$tmp/bad.c"
printf '/* why */\nstatic int hits;\nstatic int more;   /* why */\nstatic const char *const names[] = { "x" };\n' >"$tmp/good.c"
case $(check "$tmp/bad.c" | tail -n 1) in
"0 1") passed=$((passed + 1)) ;;
*) failed=$((failed + 1)); echo "FAIL globals.sh does not find an uncommented mutable" ;;
esac
case $(check "$tmp/good.c" | tail -n 1) in
"1 0") passed=$((passed + 1)) ;;
*) failed=$((failed + 1)); echo "FAIL globals.sh flags a commented or const definition" ;;
esac
rm -rf "$tmp"
echo "globals: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
