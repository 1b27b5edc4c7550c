#!/bin/sh
# deps.sh [--check] PKG...: install missing Debian packages when root on
# Debian/Ubuntu, otherwise print the exact command and fail. With --check,
# never install: name what is missing and `make deps`, and fail.
check=
if [ "$1" = --check ]; then
	check=1
	shift
fi
if ! command -v dpkg-query >/dev/null 2>&1; then
	echo "deps: not Debian/Ubuntu; install the equivalents of: $*" >&2
	exit 0
fi
missing=
for p in "$@"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ -n "$check" ]; then
	echo "deps: missing packages:$missing" >&2
	echo "  run 'make deps' (as root), or: sudo apt-get install$missing" >&2
	exit 1
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
	echo "deps: installing$missing"
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null || exit 1
	exit 0
fi
echo "deps: missing packages; run:" >&2
echo "  sudo apt-get install$missing" >&2
exit 1
