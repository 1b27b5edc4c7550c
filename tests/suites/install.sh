#!/bin/sh
# install.sh: `make install` and `make uninstall` into a staging DESTDIR.
cd "$(dirname "$0")/../.." || exit 2
. tests/env.sh
. tests/tally.sh
T=$TEST_ENV/stage
mkdir "$T"
if make -s install DESTDIR="$T" >"$T/log" 2>&1; then ok; else bad "make install: $(tail -n 3 "$T/log")"; fi
for f in bin/saring share/saring/starter.db share/man/man1/saring.1 share/man/man5/saring-corpus.5 \
	share/bash-completion/completions/saring share/locale/id/LC_MESSAGES/saring.mo; do
	if [ -s "$T/usr/local/$f" ]; then ok; else bad "installed $f"; fi
done
if [ -x "$T/usr/local/bin/saring" ] && "$T/usr/local/bin/saring" --version | grep -q '^saring '; then ok; else bad "installed saring runs"; fi
# the installed binary finds the installed starter corpus (pointed at, since DESTDIR is not /)
out=$(SARING_STARTER_DB="$T/usr/local/share/saring/starter.db" "$T/usr/local/bin/saring" stats --json)
case $out in *'"documents":55'*) ok ;; *) bad "installed starter corpus: $out" ;; esac
if make -s uninstall DESTDIR="$T" >"$T/log" 2>&1; then ok; else bad "make uninstall"; fi
left=$(find "$T/usr" -type f 2>/dev/null | head -n 5)
if [ -z "$left" ]; then ok; else bad "uninstall left files: $left"; fi
# Plain `make` never installs: a missing package is named, with `make deps`,
# and make fails; `make deps` (as root) does call apt-get. A fake apt-get
# on the PATH records each call.
F=$TEST_ENV/fake
mkdir -p "$F/bin"
printf '#!/bin/sh\necho "$*" >>"%s/apt-get.log"\nexit 1\n' "$F" >"$F/bin/apt-get"
chmod +x "$F/bin/apt-get"
if PATH="$F/bin:$PATH" make -s DEB_DEPS=saring-no-such-package >"$F/log" 2>&1; then
	bad "make with a package missing succeeded"
elif ! grep -q "saring-no-such-package" "$F/log" || ! grep -q "make deps" "$F/log"; then
	bad "make with a package missing: no hint naming it and make deps: $(tail -n 3 "$F/log")"
elif [ -e "$F/apt-get.log" ]; then
	bad "make ran apt-get: $(cat "$F/apt-get.log")"
else
	ok
fi
if [ "$(id -u)" = 0 ]; then
	PATH="$F/bin:$PATH" make -s deps DEB_DEPS=saring-no-such-package >"$F/log" 2>&1
	if [ -s "$F/apt-get.log" ]; then ok; else bad "make deps as root did not call apt-get: $(tail -n 3 "$F/log")"; fi
fi
tally install
