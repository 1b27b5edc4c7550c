#!/bin/sh
# man.sh: the manual pages and the bash completion against the code.
#   - mandoc -Tlint -W warning finds nothing in man/saring.1, man/saring-corpus.5
#   - every command in `saring --help` has a subsection (.Ss) in saring.1 and a
#     .Cm entry in its SYNOPSIS
#   - every option in each src/cmd_*.c getopt table (long and short) appears
#     as Fl in that command's subsection of saring.1
#   - data/completion.bash offers every long option of each command, and the
#     expected words in a few cases
# Run from the project root (run-all.sh does). Prints "man: N passed, N failed".
cd "$(dirname "$0")/../.." || exit 2
. tests/env.sh
page=man/saring.1
corpus=man/saring-corpus.5
completion=data/completion.bash
passed=0 failed=0 skipped=0

pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL $*"; }
skip() { skipped=$((skipped + 1)); echo "skip $*"; }

# The subsection of saring.1 for command $1: from ".Ss $1" to the next .Ss/.Sh.
subsection() {
	awk -v c="$1" '/^\.S[sh] / { in_ss = ($0 == ".Ss " c) } in_ss' "$page"
}

# The SYNOPSIS section of saring.1.
synopsis() {
	awk '/^\.Sh / { in_sh = ($0 == ".Sh SYNOPSIS") } in_sh' "$page"
}

# Long options of the getopt table in source file $1, one per line.
long_options() {
	sed -n 's/^[[:space:]]*{ *"\([A-Za-z0-9-]*\)", *[a-z_]*argument.*/\1/p' "$1"
}

# Short options in the getopt_long option string of source file $1, one per line.
short_options() {
	sed -n 's/.*getopt_long([^"]*"\([^"]*\)".*/\1/p' "$1" | tr -d ':' | fold -w 1
}

# Does text on stdin have an item (.It) with "Fl OPT", OPT not followed by
# more of a name?
has_flag() {
	grep -Eq "^\.It .*Fl $1([^A-Za-z0-9-]|\$)"
}

for f in "$page" "$corpus"; do
	if [ ! -f "$f" ]; then
		fail "$f: missing"
	fi
done

# 1. mandoc lint
if command -v mandoc >/dev/null 2>&1; then
	for f in "$page" "$corpus"; do
		[ -f "$f" ] || continue
		out=$(mandoc -Tlint -W warning "$f" 2>&1)
		rc=$?
		if [ $rc -eq 0 ] && [ -z "$out" ]; then
			pass
		else
			fail "mandoc -Tlint $f (exit $rc):"
			echo "$out" | head -20
		fi
	done
else
	skip "mandoc -Tlint: mandoc is not installed"
	skip "mandoc -Tlint: mandoc is not installed"
fi

# 2. every command in --help is documented
if [ -x ./saring ]; then
	commands=$(./saring --help | sed -n '/^Commands:/,/^$/p' | awk 'NF && $1 != "Commands:" { print $1 }')
	if [ -z "$commands" ]; then
		fail "saring --help lists no commands"
	fi
	for c in $commands; do
		if grep -qx ".Ss $c" "$page"; then
			pass
		else
			fail "$page: no subsection '.Ss $c' for a command in saring --help"
		fi
		if synopsis | grep -qx ".Cm $c"; then
			pass
		else
			fail "$page: '$c' is not in the SYNOPSIS"
		fi
	done
else
	skip "commands in saring --help: ./saring is not built (make saring)"
fi

# 3. every option in each getopt table is in its command's subsection
for src in src/cmd_*.c; do
	c=${src#src/cmd_}
	c=${c%.c}
	text=$(subsection "$c")
	if [ -z "$text" ]; then
		fail "$page: no subsection '.Ss $c' for $src"
		continue
	fi
	# long options are looked up as "-name" (mdoc's Fl -name), short ones as "x"
	for o in $(long_options "$src" | sed 's/^/-/') $(short_options "$src"); do
		if printf '%s\n' "$text" | has_flag "$o"; then
			pass
		else
			fail "$page: '$c -$o' (in $src) is not documented under .Ss $c"
		fi
	done
done

# 4. the bash completion
if ! command -v bash >/dev/null 2>&1; then
	skip "completion: bash is not installed"
elif [ ! -f "$completion" ]; then
	fail "$completion: missing"
else
	# complete WORD...: what _saring offers for the last word, space-separated.
	complete_words() {
		bash -c '
			source "$1" || exit 1
			shift
			COMP_WORDS=("$@")
			COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
			_saring
			echo "${COMPREPLY[*]}"
		' complete "$completion" "$@" 2>&1
	}
	expect() {
		want=$1
		shift
		got=$(complete_words "$@")
		if [ "$got" = "$want" ]; then
			pass
		else
			fail "completion of '$*': got '$got', want '$want'"
		fi
	}
	registered=$(bash -c 'source "$1" && complete -p saring' complete "$completion" 2>&1)
	if [ "$registered" = "complete -F _saring saring" ]; then
		pass
	else
		fail "completion: 'complete -p saring' says '$registered'"
	fi
	expect "import" saring imp
	expect "scan search serve show stats" saring help s
	expect "hoax factcheck official" saring import --label ""
	expect "jsonl claimreview" saring export --format ""
	expect "hoax,altered" saring scan --only hoax,al
	expect "dmy mdy ymd auto" saring scan --date-order ""
	expect "auto always never" saring check --color = ""
	# every long option of each command is offered after "-"
	for src in src/cmd_*.c; do
		c=${src#src/cmd_}
		c=${c%.c}
		offered=" $(complete_words saring "$c" -) "
		missing=
		for o in $(long_options "$src"); do
			case $offered in
			*" --$o "*) ;;
			*) missing="$missing --$o" ;;
			esac
		done
		if [ -z "$missing" ]; then
			pass
		else
			fail "completion of 'saring $c -' lacks$missing"
		fi
	done
fi

if [ "$skipped" -gt 0 ]; then
	echo "man: $passed passed, $failed failed, $skipped skipped"
else
	echo "man: $passed passed, $failed failed"
fi
[ "$failed" -eq 0 ]
