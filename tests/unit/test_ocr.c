/*
 * test_ocr.c: image kinds and header sizes (decompression bombs refused
 * before decoding), the phone chrome set apart from the message, and a
 * reading of the committed test images when Tesseract is installed.
 */
#include <stdlib.h>
#include <string.h>

#include "chrome.h"
#include "image.h"
#include "media.h"
#include "ocr.h"
#include "t.h"
#include "util.h"

/* A PNG's signature, IHDR for a w x h picture, IEND (no pixels: the header is all that is read). */
static size_t png_header(unsigned char *b, unsigned long w, unsigned long h)
{
	memcpy(b, "\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR", 16);
	for (int i = 0; i < 4; i++) {
		b[16 + i] = (unsigned char)(w >> (24 - 8 * i));
		b[20 + i] = (unsigned char)(h >> (24 - 8 * i));
	}
	memcpy(b + 24, "\x08\x02\0\0\0", 5);
	unsigned long crc = image_crc32(b + 12, 17);
	for (int i = 0; i < 4; i++)
		b[29 + i] = (unsigned char)(crc >> (24 - 8 * i));
	memcpy(b + 33, "\0\0\0\0IEND\xae\x42\x60\x82", 12);
	return 45;
}

static void kinds(void)
{
	static const struct { const char *bytes; size_t n; enum image_kind kind; } cases[] = {
		{ "\x89PNG\r\n\x1a\n", 8, IMAGE_PNG },
		{ "\xff\xd8\xff\xe0", 4, IMAGE_JPEG },
		{ "RIFF\0\0\0\0WEBPVP8 ", 16, IMAGE_WEBP },
		{ "GIF89a", 6, IMAGE_GIF },
		{ "GIF87a", 6, IMAGE_GIF },
		{ "RIFF\0\0\0\0WAVE", 12, IMAGE_NONE },
		{ "Info penting!!", 14, IMAGE_NONE },
		{ "\x89PN", 3, IMAGE_NONE },
		{ "", 0, IMAGE_NONE },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		CHECK_INT(image_kind(cases[i].bytes, cases[i].n), cases[i].kind);
	CHECK_STR(image_kind_name(IMAGE_WEBP), "WebP");
}

static void sizes(void)
{
	unsigned char b[64];
	long w, h, px;
	const char *why;
	size_t n = png_header(b, 1080, 2400);
	CHECK_INT(image_check(b, n, &w, &h, &px, &why), 0);
	CHECK_INT(w, 1080);
	CHECK_INT(h, 2400);
	CHECK_INT(px, 1080L * 2400);
	/* bombs: a side too long, too many pixels, sides whose product overflows */
	static const unsigned long bombs[][2] = { { 100000, 10 }, { 6000, 6000 }, { 0xffffffffUL, 0xffffffffUL } };
	for (size_t i = 0; i < 3; i++) {
		n = png_header(b, bombs[i][0], bombs[i][1]);
		CHECK_INT(image_check(b, n, &w, &h, &px, &why), -1);
		CHECK(strstr(why, "too large") != NULL);
	}
	n = png_header(b, 0, 10);
	CHECK_INT(image_check(b, n, &w, &h, &px, &why), -1);
	CHECK(strstr(why, "damaged") != NULL);
	CHECK_INT(image_check(b, 20, &w, &h, &px, &why), -1);   /* truncated in IHDR */
	n = png_header(b, 10, 10);
	CHECK_INT(image_check(b, n - 12, &w, &h, &px, &why), -1);   /* no IEND */
	CHECK(strstr(why, "truncated") != NULL);
	b[30] ^= 1;   /* a wrong checksum */
	CHECK_INT(image_check(b, 45, &w, &h, &px, &why), -1);
	CHECK_INT(image_check("hello", 5, &w, &h, &px, &why), -1);
	CHECK(strstr(why, "not a PNG") != NULL);

	/* JPEG: APP0 skipped by its length, then SOF0 (height, then width) */
	static const unsigned char jpeg[] = { 0xff, 0xd8, 0xff, 0xe0, 0, 4, 'J', 'F', 0xff, 0xc0, 0, 11, 8,
					      0x01, 0xe0, 0x02, 0x80, 3, 1, 0x22, 0, 0xff, 0xd9 };
	CHECK_INT(image_check(jpeg, sizeof jpeg, &w, &h, &px, &why), 0);
	CHECK_INT(w, 640);
	CHECK_INT(h, 480);
	CHECK_INT(image_check(jpeg, 12, &w, &h, &px, &why), -1);   /* cut before the frame */
	CHECK_INT(image_check(jpeg, sizeof jpeg - 2, &w, &h, &px, &why), -1);   /* no end marker */
	CHECK(strstr(why, "truncated") != NULL);
	/* WebP, lossless: 14-bit sizes minus one */
	unsigned char webp[32] = "RIFF\0\0\0\0WEBPVP8L\0\0\0\0\x2f";
	unsigned long bits = (800 - 1) | (600 - 1) << 14;
	for (int i = 0; i < 4; i++)
		webp[21 + i] = (unsigned char)(bits >> (8 * i));
	CHECK_INT(image_check(webp, sizeof webp, &w, &h, &px, &why), 0);
	CHECK_INT(w, 800);
	CHECK_INT(h, 600);
	/* WebP, extended: 24-bit canvas sizes minus one; 16384 x 16384 is too many pixels */
	unsigned char vp8x[32] = "RIFF\0\0\0\0WEBPVP8X\x0a\0\0\0\0\0\0\0\xff\x3f\0\xff\x3f\0";
	CHECK_INT(image_check(vp8x, 30, &w, &h, &px, &why), -1);
	CHECK_INT(w, 16384);
}

/* A GIF of frames frames, each fw x fh, with a one-byte LZW stream. */
static size_t gif(unsigned char *b, size_t cap, int frames, unsigned fw, unsigned fh)
{
	size_t n = 0;
	memcpy(b, "GIF89a\x0a\0\x0a\0\0\0\0", 13);
	n = 13;
	for (int f = 0; f < frames && n + 20 < cap; f++) {
		unsigned char d[] = { 0x2c, 0, 0, 0, 0, (unsigned char)fw, (unsigned char)(fw >> 8),
				      (unsigned char)fh, (unsigned char)(fh >> 8), 0, 2, 1, 0x44, 0 };
		memcpy(b + n, d, sizeof d);
		n += sizeof d;
	}
	b[n++] = 0x3b;
	return n;
}

static void gifs(void)
{
	static unsigned char b[1 << 16];
	long w, h, px;
	const char *why;
	size_t n = gif(b, sizeof b, 1, 10, 10);
	CHECK_INT(image_check(b, n, &w, &h, &px, &why), 0);
	CHECK_INT(px, 100);
	/* a small screen, one frame that claims to be huge */
	n = gif(b, sizeof b, 1, 60000, 60000);
	CHECK_INT(image_check(b, n, &w, &h, &px, &why), -1);
	CHECK_INT(w, 60000);
	/* many frames of an allowed size: together too many pixels */
	n = gif(b, sizeof b, 3000, 4000, 4000);
	CHECK_INT(image_check(b, n, &w, &h, &px, &why), -1);
	CHECK(strstr(why, "too large") != NULL);
}

static void chrome(void)
{
	static const struct { const char *in, *kept, *dropped; } cases[] = {
		/* status bar, contact bar with presence, bubble time, input field */
		{ "12:45 @ 4G 87%\n< Grup Warga RT 05\nonline\nVaksin covid ada microchip nya\n"
		  "sebarkan sebelum dihapus 10:21 //\nKetik pesan",
		  "Vaksin covid ada microchip nya\nsebarkan sebelum dihapus",
		  "12:45 @ 4G 87%\n< Grup Warga RT 05\nonline\n10:21 //\nKetik pesan" },
		{ "Bu Sri\nmengetik...\nInfo penting", "Info penting", "Bu Sri\nmengetik..." },
		{ "WhatsApp\nTelkomsel LTE all 9.41", "", "WhatsApp\nTelkomsel LTE all 9.41" },
		/* a poster: prices and times are the message */
		{ "DAFTAR HARGA\nBeras 5 kg Rp 65.000\nBuka pukul 08.00\n\n2023\n150.000",
		  "DAFTAR HARGA\nBeras 5 kg Rp 65.000\nBuka pukul 08.00\n2023\n150.000", "" },
		/* a line of icons read as letters holds no word */
		{ "Pemadaman listrik total\n= @ ~ |\nselama tiga hari", "Pemadaman listrik total\nselama tiga hari", "= @ ~ |" },
		{ "", "", "" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct strbuf kept = STRBUF_INIT, dropped = STRBUF_INIT;
		chrome_split(cases[i].in, strlen(cases[i].in), &kept, &dropped);
		CHECK_STR(kept.buf, cases[i].kept);
		CHECK_STR(dropped.buf, cases[i].dropped);
		sb_release(&kept);
		sb_release(&dropped);
	}
}

static void mending(void)
{
	static const struct { const char *in, *out; } cases[] = {
		{ "menerima Rp600. 000 per KK", "menerima Rp600.000 per KK" },
		{ "Rp1,  200 dan 3. 5 kg", "Rp1,200 dan 3. 5 kg" },
		{ "tahun 2023. 1500 orang", "tahun 2023. 1500 orang" },
		{ "pada 12-\n14 Agustus", "pada 12-14 Agustus" },
		{ "masing-\nmasing desa", "masing-masing desa" },
		{ "catatan -\nbaru", "catatan -\nbaru" },
		{ "akhir-\n", "akhir-\n" },
		{ "Rp5.", "Rp5." },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct strbuf t = STRBUF_INIT;
		sb_puts(&t, cases[i].in);
		ocr_mend(&t);
		CHECK_STR(t.buf, cases[i].out);
		CHECK_INT(t.len, strlen(cases[i].out));
		sb_release(&t);
	}
}

static void attachment_names(void)
{
	static const struct { const char *text, *name; } cases[] = {
		{ "IMG-20230815-WA0001.jpg (file attached)", "IMG-20230815-WA0001.jpg" },
		{ "\xE2\x80\x8EIMG-20230815-WA0001.jpg (file terlampir)\nini captionnya", "IMG-20230815-WA0001.jpg" },
		{ "\xE2\x80\x8E<attached: 00000031-PHOTO-2023-08-15-10-21-33.jpg>", "00000031-PHOTO-2023-08-15-10-21-33.jpg" },
		{ "<terlampir: 00000032-PHOTO-2023-08-15-10-22-00.JPEG>", "00000032-PHOTO-2023-08-15-10-22-00.JPEG" },
		{ "STK-20230815-WA0003.webp (Datei angeh\xC3\xA4ngt)", "STK-20230815-WA0003.webp" },
		/* not an image, no name, or a path that would leave the export */
		{ "PTT-20230815-WA0004.opus (file attached)", NULL },
		{ "<Media omitted>", NULL },
		{ "image omitted", NULL },
		{ "../../etc/secret.png (file attached)", NULL },
		{ "<attached: .hidden.jpg>", NULL },
		{ "VID-1.mp4 (file attached)\nfoto.jpg di caption", NULL },
		{ "", NULL },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct strbuf name = STRBUF_INIT;
		int got = media_image_name(cases[i].text, strlen(cases[i].text), &name);
		CHECK_INT(got, cases[i].name != NULL);
		if (cases[i].name)
			CHECK_STR(name.buf, cases[i].name);
		sb_release(&name);
	}
}

/* The committed images, read for real. */
static void reading(void)
{
	if (ocr_lib_error()) {
		T_SKIP("%s", ocr_lib_error());
		return;
	}
	char *err = NULL;
	struct ocr *o = ocr_new(&err);
	if (!o) {
		T_SKIP("%s", err);
		free(err);
		return;
	}
	struct strbuf img = STRBUF_INIT;
	struct ocr_text t;
	CHECK_INT(read_file("tests/image/official-screenshot.png", &img), 0);
	CHECK_INT(ocr_read(o, img.buf, img.len, &t, &err), 0);
	CHECK(strstr(t.text, "Bantuan Langsung Tunai (BLT)") != NULL);
	CHECK(strstr(t.text, "online") == NULL);
	CHECK(strstr(t.dropped, "online") != NULL);
	CHECK(strstr(t.dropped, "Ketik pesan") != NULL);
	CHECK(t.confidence > 0.8 && t.confidence <= 1);
	CHECK_INT(t.width, 720);
	/* read by the Indonesian model alone: every line sure, the status bar's not counted */
	CHECK_INT(t.reread, 0);
	ocr_text_clear(&t);
	/* the same bytes cut short: an error, no crash */
	CHECK_INT(ocr_read(o, img.buf, img.len / 3, &t, &err), -1);
	CHECK(err && strstr(err, "damaged") != NULL);
	free(err);
	err = NULL;
	sb_release(&img);
	/* text of ordinary size is read as it is; small text is enlarged first */
	static const struct { const char *path; int enlarged; } posters[] = {
		{ "tests/image/hoax-poster.png", 0 }, { "tests/image/hoax-small.png", 1 },
	};
	for (size_t i = 0; i < 2; i++) {
		CHECK_INT(read_file(posters[i].path, &img), 0);
		CHECK_INT(ocr_read(o, img.buf, img.len, &t, &err), 0);
		CHECK_INT(t.scale > 1, posters[i].enlarged);
		CHECK(strstr(t.text, "Pertamina") != NULL);
		ocr_text_clear(&t);
		sb_release(&img);
	}
	ocr_free(o);
}

int main(void)
{
	RUN(kinds);
	RUN(sizes);
	RUN(gifs);
	RUN(chrome);
	RUN(mending);
	RUN(attachment_names);
	RUN(reading);
	return T_DONE("test_ocr");
}
