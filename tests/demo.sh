#!/bin/sh
# demo.sh: screen sample messages against the bundled starter corpus.
set -u
export SARING_DB=build/starter.db
say() { printf '\n\033[2m$ %s\033[0m\n' "$*"; }
run() { say "$*"; "$@"; }

run ./saring check "Info penting!! vaksin covid yg mau disuntikkan ke rakyat itu ada MICROCHIP nya, nanti aktif kalo kena sinyal 5G. Jangan mau divaksin"
run ./saring check "Setiap keluarga penerima manfaat menerima Rp900.000 untuk dua bulan, yaitu Juli dan Agustus 2024. Penyaluran dilaksanakan pada 12-14 Agustus 2024 di kantor desa masing-masing"
run ./saring check "Penyaluran BLT Dana Desa tahap III, setiap KPM menerima Rp600.000 untuk Juli dan Agustus 2024, disalurkan 12-14 Agustus 2024 di kantor desa"
run ./saring check "Harga cabai di pasar naik tajam minggu ini karena musim hujan"
run ./saring check --tsv "Minum air panas tiap 15 menit bisa bunuh virus corona di tenggorokan"
run ./saring --lang id check --reply "Setiap keluarga penerima manfaat menerima Rp900.000 untuk dua bulan, yaitu Juli dan Agustus 2024. Penyaluran dilaksanakan pada 12-14 Agustus 2024 di kantor desa masing-masing"
run ./saring scan data/demo/chat-rt05.txt
say "./saring scan --json data/demo/chat-rt05.txt | head -n 2"
./saring scan --json data/demo/chat-rt05.txt | head -n 2
printf '\nExit status of the scan above: 1 means a known hoax or an altered release was found.\n'
printf 'For a page in the browser: SARING_DB=build/starter.db ./saring serve, then open http://127.0.0.1:8700/\n'
exit 0
