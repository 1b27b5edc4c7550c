# bash completion for saring(1).
#
# Install as $(pkg-config --variable=completionsdir bash-completion)/saring
# (usually /usr/share/bash-completion/completions/saring), or source it from
# ~/.bashrc. Works with or without the bash-completion package.
#
# The option lists follow the getopt_long tables in src/cmd_*.c; keep them
# in step when a command gains an option (tests/suites/man.sh checks the
# man page, not this file).

_saring_commands='check doctor export import normalize reindex remove scan search serve show sources stats trust update help'
_saring_verdicts='hoax altered official similar unknown'
_saring_labels='hoax factcheck official'
_saring_fields='id label rating title claim body text publisher url date source'

# The options of one command, long forms plus the short ones that have no
# long form.
_saring_options()
{
	case $1 in
	check) echo '-n --json --tsv --jsonl --reply --file --image --color --colour --db --help' ;;
	doctor) echo '--db --help' ;;
	export) echo '--format --label --bundle --sign-key --db --help' ;;
	import) echo '--label --source --format --map --map-label --replace --strict --insecure --db --help' ;;
	normalize) echo '--stem --tokens --help' ;;
	reindex) echo '--db --help' ;;
	remove) echo '--db --help' ;;
	scan) echo '--json --tsv --only --min-words --anonymize --key-file --date-order --top --html --db --help --no-ocr --max-text' ;;
	search) echo '-n --label --json --fts --color --db --help' ;;
	serve) echo '--listen --port --db --help' ;;
	show) echo '--json --db --help' ;;
	sources) echo '--json --label --publisher --key --help' ;;
	stats) echo '--json --db --help' ;;
	trust) echo '--for --help' ;;
	update) echo '--delay --timeout --retries --max-pages --source-budget --run-budget --insecure --db --help' ;;
	esac
}

# Does option $2 of command $1 take a value (as the next word)?
_saring_takes_value()
{
	case $1:$2 in
	*:--db) return 0 ;;
	check:-n | check:-f | check:--file | check:--image | check:--color | check:--colour) return 0 ;;
	export:-l | export:--label | export:--format | export:--bundle | export:--sign-key) return 0 ;;
	sources:-l | sources:--label | sources:--publisher | sources:--key) return 0 ;;
	update:--delay | update:--timeout | update:--retries | update:--max-pages | update:--source-budget | update:--run-budget) return 0 ;;
	import:-l | import:--label | import:-s | import:--source | import:-F | import:--format | import:-m | import:--map | import:--map-label) return 0 ;;
	scan:--only | scan:--min-words | scan:--date-order | scan:-n | scan:--top | scan:--html | scan:--max-text) return 0 ;;
	search:-n | search:-l | search:--label | search:--fts | search:--color) return 0 ;;
	serve:--listen | serve:--port) return 0 ;;
	esac
	return 1
}

# COMPREPLY = the words of $1 that start with $2, each with $3 in front.
_saring_words()
{
	local w
	COMPREPLY=()
	for w in $1; do
		[[ $w == "$2"* ]] && COMPREPLY+=("$3$w")
	done
}

# COMPREPLY = file names (and directories) that start with $1, each with
# $2 in front.
_saring_files()
{
	local f
	COMPREPLY=()
	if [[ -z $2 ]] && declare -F _filedir >/dev/null; then
		cur=$1 _filedir
		return
	fi
	while IFS= read -r f; do
		COMPREPLY+=("$2$f")
	done < <(compgen -f -- "$1")
	compopt -o filenames 2>/dev/null
}

# Complete the value $2 of option $1 of command $3; $4 goes in front of
# each word (the "--opt=" part, when '=' does not split words).
_saring_value()
{
	local opt=$1 val=$2 cmd=$3 pre=$4
	case $cmd:$opt in
	*:--db | check:-f | check:--file | check:--image | export:--bundle | export:--sign-key)
		_saring_files "$val" "$pre" ;;
	*:--color | *:--colour)
		_saring_words 'auto always never' "$val" "$pre" ;;
	*:-l | *:--label)
		_saring_words "$_saring_labels" "$val" "$pre" ;;
	import:-F | import:--format)
		_saring_words 'jsonl csv claimreview text' "$val" "$pre" ;;
	export:--format)
		_saring_words 'jsonl claimreview' "$val" "$pre" ;;
	import:-m | import:--map)
		if [[ $val != *=* ]]; then
			local fields='' f
			for f in $_saring_fields; do fields+="$f= "; done
			_saring_words "$fields" "$val" "$pre"
			compopt -o nospace 2>/dev/null
		fi ;;
	scan:--only)
		# a comma list: complete its last verdict, leaving out those given
		local given='' last=$val v left=''
		if [[ $val == *,* ]]; then
			given=${val%,*},
			last=${val##*,}
		fi
		for v in $_saring_verdicts; do
			[[ ,$given == *,$v,* ]] || left+="$v "
		done
		_saring_words "$left" "$last" "$pre$given" ;;
	scan:--date-order)
		_saring_words 'dmy mdy ymd auto' "$val" "$pre" ;;
	*)
		COMPREPLY=() ;;
	esac
}

_saring()
{
	# Words with "--opt" "=" "value" joined back into "--opt=value".
	local -a words=()
	local cword=0 i w
	for ((i = 0; i < ${#COMP_WORDS[@]}; i++)); do
		w=${COMP_WORDS[i]}
		if ((i > 1)) && [[ $w == "=" && ${words[-1]} == -* ||
			${COMP_WORDS[i - 1]} == "=" && ${words[-1]} == -*= ]]; then
			words[-1]+=$w
		else
			words+=("$w")
		fi
		((i == COMP_CWORD)) && cword=$((${#words[@]} - 1))
	done
	local cur=${words[cword]} prev=''
	((cword > 0)) && prev=${words[cword - 1]}
	# A value after '=' is its own word when '=' splits words (the default).
	local split=''
	[[ $COMP_WORDBREAKS == *=* ]] && split=1

	# The command: the first word that is not a global option.
	local cmd='' at=0
	for ((i = 1; i < cword; i++)); do
		case ${words[i]} in
		--db) ((i++)) ;;
		-*) ;;
		*) cmd=${words[i]} at=$i; break ;;
		esac
	done

	if [[ -z $cmd ]]; then
		case $cur in
		--db=*)
			_saring_files "${cur#--db=}" "${split:---db=}" ;;
		-*)
			_saring_words '--db --help --version' "$cur" '' ;;
		*)
			if [[ $prev == --db ]]; then
				_saring_files "$cur" ''
			else
				_saring_words "$_saring_commands" "$cur" ''
			fi ;;
		esac
		return 0
	fi

	if [[ $cmd == help ]]; then
		if ((cword == at + 1)); then
			_saring_words "${_saring_commands% help}" "$cur" ''
		else
			COMPREPLY=()
		fi
		return 0
	fi

	# After "--", only arguments.
	local dashdash=''
	for ((i = at + 1; i < cword; i++)); do
		[[ ${words[i]} == -- ]] && dashdash=1
	done

	if [[ -z $dashdash ]]; then
		if [[ $cur == --*=* ]]; then
			local opt=${cur%%=*}
			local p=''
			[[ -z $split ]] && p=$opt=
			_saring_value "$opt" "${cur#*=}" "$cmd" "$p"
			return 0
		fi
		if ((cword > at + 1)) && _saring_takes_value "$cmd" "$prev"; then
			_saring_value "$prev" "$cur" "$cmd" ''
			return 0
		fi
		if [[ $cur == -* ]]; then
			_saring_words "$(_saring_options "$cmd")" "$cur" ''
			return 0
		fi
	fi

	case $cmd in
	import | normalize | scan | trust)
		_saring_files "$cur" '' ;;
	*)
		COMPREPLY=() ;;
	esac
	return 0
}

complete -F _saring saring
