#!/bin/sh
# man.sh: the manual pages and the bash completion against the code.
#   - mandoc -Tlint -W warning finds nothing in man/saring.1, man/saring-corpus.5
#   - every command in `saring --help` has a subsection (.Ss) in saring.1 and a
#     .Cm entry in its SYNOPSIS
#   - every option in each src/cmd_*.c getopt table (long and short) appears
#     as Fl in that command's subsection of saring.1
#   - data/completion.bash offers every long option of each command, and the
#     expected words in a few cases
#   - each command's synopsis says the same options in `saring help CMD`
#     (main.c's table), the SYNOPSIS of saring.1 and the head of its .Ss, and
#     they are the options of its getopt table (aliases such as --colour aside)
# Run from the project root (run-all.sh does). Prints "man: N passed, N failed".
cd "$(dirname "$0")/../.." || exit 2
. tests/env.sh
page=man/saring.1
corpus=man/saring-corpus.5
completion=data/completion.bash
. tests/tally.sh

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

# The options of command $1 in mdoc text on stdin, as written ("--json",
# "-n"; a cluster such as "Fl st" is -s and -t): from each synopsis entry
# (a .Nm line to the next) that names .Cm $1; --db and --lang left out.
mdoc_options() {
	awk -v c="$1" '
		/^\.Nm/ { if (mine) printf "%s", entry; entry = ""; mine = 0 }
		$0 == ".Cm " c { mine = 1 }
		{ entry = entry $0 "\n" }
		END { if (mine) printf "%s", entry }' |
		grep -oE 'Fl [-A-Za-z0-9]+' | while read -r _ o; do
			case $o in
			-*) echo "-$o" ;;
			*) printf '%s\n' "$o" | fold -w 1 | sed 's/^/-/' ;;
			esac
		done | grep -vxE -- '--(db|lang)'
}

# The options in the usage line of `saring help $1`, as written.
help_options() {
	./saring help "$1" | sed -n '1s/^usage: saring [^ ]*//p' |
		grep -oE -- '-{1,2}[A-Za-z][A-Za-z0-9-]*' | grep -vxE -- '--(db|lang)'
}

# canonical SRC: the options on stdin ("--json", "-f") as the getopt table of
# SRC names them, sorted, one line each: a long option by its first name
# ("colour" is "color"), a short one by its long name where one has its
# letter ("-f" is "file"), else as "-x"; one not in the table as "?" and
# as written. Without a table (the command takes only --db, --json) as written.
canonical() {
	awk -v src="$1" '
		BEGIN {
			while ((getline line < src) > 0) {
				if (line ~ /^[ \t]*\{ *"[A-Za-z0-9-]+", *[a-z_]+argument, *NULL, *\x27.\x27/) {
					split(line, q, "\"")
					ch = substr(line, index(line, "\x27") + 1, 1)
					if (!(ch in first))
						first[ch] = q[2]
					long[q[2]] = first[ch]
					table = 1
				}
				if (match(line, /getopt_long\([^"]*"[^"]*"/)) {
					s = substr(line, RSTART, RLENGTH)
					sub(/^[^"]*"/, "", s)
					gsub(/[":]/, "", s)
					for (i = 1; i <= length(s); i++)
						short[substr(s, i, 1)] = 1
				}
			}
		}
		!table { print; next }
		/^--/ { o = substr($0, 3); print (o in long) ? long[o] : "?" $0; next }
		/^-/ { o = substr($0, 2); print !(o in short) ? "?" $0 : (o in first) ? first[o] : $0 }' | sort -u
}

# Every option of the getopt table of SRC but --db, canonical.
table_options() {
	{ long_options "$1" | grep -vx db | sed 's/^/--/'; short_options "$1" | grep . | sed 's/^/-/'; } |
		canonical "$1"
}

# Does text on stdin have an item (.It) with "Fl OPT", OPT not followed by
# more of a name?
has_flag() {
	grep -Eq "^\.It .*Fl $1([^A-Za-z0-9-]|\$)"
}

for f in "$page" "$corpus"; do
	if [ ! -f "$f" ]; then
		bad "$f: missing"
	fi
done

# 1. mandoc lint
if command -v mandoc >/dev/null 2>&1; then
	for f in "$page" "$corpus"; do
		[ -f "$f" ] || continue
		out=$(mandoc -Tlint -W warning "$f" 2>&1)
		rc=$?
		if [ $rc -eq 0 ] && [ -z "$out" ]; then
			ok
		else
			bad "mandoc -Tlint $f (exit $rc):"
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
		bad "saring --help lists no commands"
	fi
	for c in $commands; do
		if grep -qx ".Ss $c" "$page"; then
			ok
		else
			bad "$page: no subsection '.Ss $c' for a command in saring --help"
		fi
		if synopsis | grep -qx ".Cm $c"; then
			ok
		else
			bad "$page: '$c' is not in the SYNOPSIS"
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
		bad "$page: no subsection '.Ss $c' for $src"
		continue
	fi
	# long options are looked up as "-name" (mdoc's Fl -name), short ones as "x"
	for o in $(long_options "$src" | sed 's/^/-/') $(short_options "$src"); do
		if printf '%s\n' "$text" | has_flag "$o"; then
			ok
		else
			bad "$page: '$c -$o' (in $src) is not documented under .Ss $c"
		fi
	done
done

# 4. one synopsis per command: saring help, SYNOPSIS, .Ss, the getopt table
if [ -x ./saring ]; then
	for c in $commands; do
		src=src/cmd_$c.c
		[ -f "$src" ] || src=/dev/null
		help=$(help_options "$c" | canonical "$src" | tr '\n' ' ')
		syn=$(synopsis | mdoc_options "$c" | canonical "$src" | tr '\n' ' ')
		ss=$(subsection "$c" | sed '/^\.Pp/q' | mdoc_options "$c" | canonical "$src" | tr '\n' ' ')
		if [ "$help" = "$syn" ]; then ok; else
			bad "synopsis of $c: saring help says [$help], $page SYNOPSIS [$syn]"; fi
		if [ "$help" = "$ss" ]; then ok; else
			bad "synopsis of $c: saring help says [$help], $page .Ss $c [$ss]"; fi
		if [ "$src" = /dev/null ] || ! grep -q getopt_long "$src"; then
			continue
		fi
		table=$(table_options "$src" | tr '\n' ' ')
		if [ "$help" = "$table" ]; then ok; else
			bad "synopsis of $c: saring help says [$help], the getopt table of $src [$table]"; fi
	done
fi

# 5. the bash completion
if ! command -v bash >/dev/null 2>&1; then
	skip "completion: bash is not installed"
elif [ ! -f "$completion" ]; then
	bad "$completion: missing"
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
			ok
		else
			bad "completion of '$*': got '$got', want '$want'"
		fi
	}
	registered=$(bash -c 'source "$1" && complete -p saring' complete "$completion" 2>&1)
	if [ "$registered" = "complete -F _saring saring" ]; then
		ok
	else
		bad "completion: 'complete -p saring' says '$registered'"
	fi
	expect "import" saring imp
	expect "scan search serve show sources stats" saring help s
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
			ok
		else
			bad "completion of 'saring $c -' lacks$missing"
		fi
	done
fi

tally man
