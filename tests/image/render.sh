#!/bin/sh
# render.sh FORM TEXT OUT: draw the message in file TEXT as an image of one
# form, the way hoaxes travel on WhatsApp, with pango-view (layout) and
# ImageMagick (everything else):
#   poster      dark text on a plain light background
#   screenshot  a phone's chat screen: status bar, contact bar, bubble, input field
#   jpeg        the poster as a JPEG of quality 55
#   rotated     the poster photographed 2.5 degrees askew, as a JPEG
#   busy        white text with a shadow over a coloured, noisy background
#   letter      a "surat edaran": letterhead, body, a round stamp over the signature
#   small       the poster shrunk to 40%
#   photo       the screenshot photographed: askew, blurred, uneven light, JPEG
# OUT's extension is kept (.png or .jpg). Deterministic: same input, same bytes.
set -e
form=$1 text=$2 out=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
im() { convert -define png:exclude-chunks=date,time "$@"; }
pv() { pango-view --no-display --hinting=full --antialias=gray "$@"; }
poster() {
	pv --font="DejaVu Sans 15" --width=560 --wrap=word --margin=28 --background='#fdfdf8' \
		--foreground='#1a1a1a' -o "$1" "$text"
}
screenshot() {
	pv --font="Roboto, DejaVu Sans 13" --width=440 --wrap=word --margin=0 --background='#dcf8c6' \
		--foreground='#111111' -o "$tmp/body.png" "$text"
	bw=$(identify -format %w "$tmp/body.png") bh=$(identify -format %h "$tmp/body.png")
	h=$((bh + 260))
	im -size 720x$h xc:'#ece5dd' \
		-fill '#075e54' -draw "rectangle 0,0 720,130" \
		-fill white -font DejaVu-Sans -pointsize 20 -annotate +24+30 '12:45' \
		-annotate +560+30 '4G  87%' \
		-pointsize 26 -annotate +90+88 'Grup Warga RT 05' \
		-pointsize 18 -annotate +90+116 'online' \
		-fill '#dcf8c6' -draw "roundrectangle 40,160 $((bw + 90)),$((bh + 215)) 14,14" \
		"$tmp/body.png" -geometry +65+180 -composite \
		-fill '#5f6b5f' -pointsize 15 -annotate +$((bw + 30))+$((bh + 205)) '10:21' \
		-fill white -draw "roundrectangle 20,$((h - 56)) 620,$((h - 10)) 22,22" \
		-fill '#8a8a8a' -pointsize 20 -annotate +50+$((h - 25)) 'Ketik pesan' \
		"$1"
}
case $form in
poster) poster "$tmp/p.png"; im "$tmp/p.png" "$out" ;;
jpeg) poster "$tmp/p.png"; im "$tmp/p.png" -quality 55 "$out" ;;
small) poster "$tmp/p.png"; im "$tmp/p.png" -resize 40% "$out" ;;
rotated)
	poster "$tmp/p.png"
	im "$tmp/p.png" -background '#fdfdf8' -rotate 2.5 -quality 85 "$out" ;;
screenshot) screenshot "$tmp/s.png"; im "$tmp/s.png" "$out" ;;
photo)
	screenshot "$tmp/s.png"
	im "$tmp/s.png" -background '#333333' -rotate -2 -blur 0x0.8 \
		\( +clone -sparse-color Barycentric '0,0 #ffffff 0,%h #b8b8b8' \) -compose multiply -composite \
		-seed 7 -attenuate 0.4 +noise Gaussian -quality 70 "$out" ;;
busy)
	pv --font="DejaVu Sans Bold 16" --width=560 --wrap=word --margin=28 --background=transparent \
		--foreground=white -o "$tmp/t.png" "$text"
	w=$(identify -format %w "$tmp/t.png") h=$(identify -format %h "$tmp/t.png")
	im -size ${w}x$h -seed 7 plasma:'#c0392b-#8e44ad' -blur 0x2 \
		\( "$tmp/t.png" -background black -shadow 80x2+2+2 \) -geometry +0+0 -composite \
		"$tmp/t.png" -composite "$out" ;;
letter)
	pv --font="DejaVu Serif 13" --width=560 --wrap=word --margin=30 --background=white \
		--foreground='#202020' -o "$tmp/t.png" "$text"
	w=$(identify -format %w "$tmp/t.png") h=$(identify -format %h "$tmp/t.png")
	im -size ${w}x$((h + 300)) xc:white \
		-fill '#1a3c8c' -font DejaVu-Serif-Bold -pointsize 22 -gravity north -annotate +0+24 'PEMERINTAH KABUPATEN SUKAMAJU' \
		-font DejaVu-Serif -pointsize 15 -annotate +0+56 'DINAS KESEHATAN - Jalan Merdeka, Sukamaju' \
		-gravity northwest -stroke '#1a3c8c' -strokewidth 3 -draw "line 20,86 $((w - 20)),86" -stroke none \
		-fill black -pointsize 14 -annotate +30+100 'Perihal: Pemberitahuan kepada warga' \
		"$tmp/t.png" -geometry +0+130 -composite \
		-fill none -stroke '#6a3dc8' -strokewidth 4 -draw "circle $((w - 150)),$((h + 210)) $((w - 80)),$((h + 210))" \
		-strokewidth 2 -draw "circle $((w - 150)),$((h + 210)) $((w - 92)),$((h + 210))" -stroke none \
		-fill '#6a3dc8' -pointsize 12 -annotate +$((w - 190))+$((h + 212)) 'CAP DINAS' \
		-fill black -pointsize 14 -annotate +$((w - 260))+$((h + 160)) 'Kepala Dinas,' \
		-annotate +$((w - 260))+$((h + 270)) 'dr. Budi Santoso' "$out" ;;
*) echo "render.sh: unknown form '$form'" >&2; exit 2 ;;
esac
