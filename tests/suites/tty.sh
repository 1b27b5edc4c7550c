#!/bin/sh
# tty.sh: saring at a terminal (through script(1), which gives it a pty):
# the paste hint, one Ctrl-D ends the message, colour unless NO_COLOR,
# a progress count for long scans.
cd "$(dirname "$0")/../.." || exit 2
. tests/env.sh
. tests/tally.sh
if ! command -v script >/dev/null 2>&1; then
	echo "skip: script(1) is missing (Debian package bsdutils)"
	echo "tty: 0 passed, 0 failed, 1 skipped"
	exit 0
fi
export SARING_DB=build/starter.db
T=$TEST_ENV
msg='vaksin covid ada microchip nya aktif kena sinyal 5G disuntikkan ke rakyat'

# one Ctrl-D (\004) after the line ends the message; timeout catches a hang
printf '%s\n\004' "$msg" | timeout 20 script -qfec "./saring check" /dev/null | tr -d '\r' >"$T/out"
if grep -q 'Paste the message, then press Enter and Ctrl-D' "$T/out"; then ok; else bad "paste hint"; fi
if grep -q 'HOAX' "$T/out"; then ok; else bad "one Ctrl-D ends the message: $(head -c 300 "$T/out")"; fi
if grep -q "$(printf '\033')\[1;31mHOAX" "$T/out"; then ok; else bad "colour on a terminal"; fi

printf '%s\n\004' "$msg" | NO_COLOR=1 timeout 20 script -qfec "./saring check" /dev/null | tr -d '\r' >"$T/out"
if grep -q 'HOAX' "$T/out" && ! grep -q "$(printf '\033')\[1;31m" "$T/out"; then ok; else bad "NO_COLOR at a terminal"; fi

# scan shows a running count on the terminal (stderr), and erases it at the end
python3 -c '
import sys
for i in range(12000):
    print("13/10/2022 16.%02d - Warga %d: selamat pagi semua warga rt lima, info rapat nanti malam %d" % (i % 60, i % 7, i))
' >"$T/chat.txt"
timeout 120 script -qfec "./saring scan $T/chat.txt" /dev/null </dev/null | tr '\r' '\n' >"$T/out"
if grep -q 'saring scan: .*chat.txt: 10000 messages' "$T/out"; then ok; else bad "scan progress: $(head -c 300 "$T/out")"; fi
if grep -q 'Messages read: *12000' "$T/out"; then ok; else bad "scan summary after the progress"; fi

tally tty
