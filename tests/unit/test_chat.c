/*
 * test_chat.c: the WhatsApp export reader. Fixtures live in tests/chat/
 * (run from the project root); byte-level cases are written to temporary
 * files here. When ../shared/data/whatsapp (or $SARING_SHARED/whatsapp)
 * exists, the public parsers' fixtures and header formats are read too.
 */
#include "chat.h"
#include "util.h"
#include "t.h"

#include <archive.h>
#include <archive_entry.h>
#include <stdlib.h>
#include <unistd.h>

#define FIX "tests/chat/"
#define LRM "\xE2\x80\x8E"

/* One message as the test keeps it (chat_msg strings die on chat_next). */
struct got {
	long line;
	char *time, *sender, *text;
	enum chat_kind kind;
	int edited, bad_utf8;
};

struct run {
	struct got *msgs;
	size_t n, cap;
	int rc;             /* last chat_next() result */
	long skipped;
	char *err;          /* chat_open() failure, owned */
};

static void run_free(struct run *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->msgs[i].time);
		free(r->msgs[i].sender);
		free(r->msgs[i].text);
	}
	free(r->msgs);
	free(r->err);
	memset(r, 0, sizeof *r);
}

/* Read a whole export into *out; returns the message count, -1 if chat_open failed. */
static long read_chat(const char *path, enum date_order order, struct run *out)
{
	struct chat_msg m;
	memset(out, 0, sizeof *out);
	struct chat_reader *r = chat_open(path, order, &out->err);
	if (!r)
		return -1;
	while ((out->rc = chat_next(r, &m)) == 1) {
		xgrow((void **)&out->msgs, &out->cap, out->n + 1, sizeof *out->msgs);
		struct got *g = &out->msgs[out->n++];
		g->line = m.line;
		g->time = xstrdup(m.time);
		g->sender = xstrdup(m.sender);
		g->text = xstrndup(m.text, m.text_len);
		g->kind = m.kind;
		g->edited = m.edited;
		g->bad_utf8 = m.bad_utf8;
	}
	out->skipped = chat_skipped_lines(r);
	chat_close(r);
	return (long)out->n;
}

static char tmp_path[64];

/* Write n bytes to a fresh temporary file, named in tmp_path. */
static const char *write_tmp(const char *bytes, size_t n)
{
	strcpy(tmp_path, "/tmp/saring-test-chat-XXXXXX");
	int fd = mkstemp(tmp_path);
	if (fd < 0 || write(fd, bytes, n) != (ssize_t)n) {
		perror("write_tmp");
		exit(2);
	}
	close(fd);
	return tmp_path;
}

/* ---- header shapes: every message of every fixture ---- */

struct want {
	const char *sender, *time;
	enum chat_kind kind;
	int edited;
	const char *text;
};

struct fixture {
	const char *path;
	size_t count;
	const struct want *msgs;
};

static const struct want android_id[] = {
	{ "", "2022-10-13T16:20:00", CHAT_SYSTEM, 0, "Pesan dan panggilan terenkripsi secara end-to-end. Tidak seorang pun di luar chat ini, termasuk WhatsApp, yang dapat membaca atau mendengarkannya. Ketuk untuk info selengkapnya." },
	{ "", "2022-10-13T16:20:00", CHAT_SYSTEM, 0, "Anda membuat grup \"Keluarga Besar\"" },
	{ "", "2022-10-13T16:21:00", CHAT_SYSTEM, 0, "Anda menambahkan Budi" },
	{ "", "2022-10-13T16:22:00", CHAT_SYSTEM, 0, "Siti bergabung menggunakan tautan undangan grup ini" },
	{ "Budi", "2022-10-13T16:25:00", CHAT_TEXT, 0, "Assalamualaikum semua" },
	{ "Siti", "2022-10-13T16:27:00", CHAT_TEXT, 0, "Waalaikumsalam. Ada kabar apa?" },
	{ "Budi", "2022-10-13T16:30:00", CHAT_TEXT, 0,
	  "PENTING!!! Sebarkan ke grup lain:\nMulai besok ada razia kendaraan di semua jalan.\n"
	  "14/10/2022 08.00 - 10.00 di balai desa\n13/10/2022 belum ada konfirmasi dari polisi\n\nTerima kasih" },
	{ "+62 812-3456-7890", "2022-10-13T16:31:00", CHAT_MEDIA, 0, "<Media tidak disertakan>" },
	{ "Siti", "2022-10-13T16:32:00", CHAT_DELETED, 0, "Pesan ini telah dihapus" },
	{ "Budi", "2022-10-13T16:33:00", CHAT_TEXT, 1, "Itu hoaks, sudah dibantah kominfo" },
	{ "Siti", "2022-10-13T16:34:00", CHAT_MEDIA, 0, "IMG-20221013-WA0001.jpg (file terlampir)\nFoto dari grup sebelah" },
	{ "", "2022-10-13T16:35:00", CHAT_SYSTEM, 0, "Budi mengubah subjek dari \"Keluarga\" ke \"Keluarga Besar: Resmi\"" },
	{ "", "2022-10-13T16:40:00", CHAT_SYSTEM, 0, "Kode keamanan Anda dengan Budi telah berubah. Ketuk untuk info selengkapnya." },
	{ "", "2022-10-13T16:45:00", CHAT_SYSTEM, 0, "Siti keluar" },
};

static const struct want android_us24[] = {
	{ "Andi", "2021-01-01T12:00:00", CHAT_TEXT, 0, "Selamat tahun baru!" },
	{ "Rina", "2021-01-01T12:01:00", CHAT_TEXT, 0, "Sama-sama, semoga sehat selalu" },
	{ "Andi", "2021-01-13T07:05:00", CHAT_TEXT, 0, "Info vaksin gratis besok jam 8" },
	{ "", "2021-01-13T07:06:00", CHAT_SYSTEM, 0, "Andi added Rina" },
};

static const struct want android_12h[] = {
	{ "John Doe", "2025-12-15T10:30:00", CHAT_TEXT, 0, "Halo, ini pesan Android" },
	{ "Jane Smith", "2025-12-15T10:31:00", CHAT_TEXT, 0, "Hai John! Pesan kedua.\nAda beberapa baris\nuntuk diuji." },
	{ "John Doe", "2025-12-15T12:05:00", CHAT_MEDIA, 0, "<Media omitted>" },
	{ "Jane Smith", "2025-12-16T00:10:00", CHAT_DELETED, 0, "This message was deleted" },
	{ "John Doe", "2025-12-16T13:02:00", CHAT_TEXT, 1, "Sudah dicek, itu hoaks" },
	{ "", "2025-12-16T13:03:00", CHAT_SYSTEM, 0, "Jane Smith left" },
};

static const struct want android_ampm_dots[] = {
	{ "Ana", "2018-03-06T13:55:00", CHAT_TEXT, 0, "Hola, ini pesan dengan p.m." },
	{ "Beni", "2018-03-06T09:05:00", CHAT_TEXT, 0, "Pagi!" },
	{ "Ana", "2018-03-14T23:59:00", CHAT_TEXT, 0, "Titik spasi juga" },
	{ "Beni", "2018-03-15T00:00:00", CHAT_TEXT, 0, "Tengah malam" },
};

static const struct want android_dotdate[] = {
	{ "Grup Arisan", "2016-04-15T15:04:00", CHAT_SYSTEM, 0, "Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them." },
	{ "", "2016-08-06T13:18:00", CHAT_SYSTEM, 0, "Messages you send to this group are now secured with end-to-end encryption. Tap for more info." },
	{ "Dewi", "2016-08-06T13:23:00", CHAT_TEXT, 0, "Arisan bulan ini di rumah Bu Tini" },
	{ "Tini", "2016-08-06T13:25:00", CHAT_TEXT, 0, "Siap, jam 4 sore ya" },
	{ "Dewi", "2016-08-07T11:45:00", CHAT_TEXT, 0, "Jangan lupa bawa kue" },
};

static const struct want android_iso[] = {
	{ "Joko", "2019-10-20T10:16:00", CHAT_TEXT, 0, "Besok libur nasional?" },
	{ "Wati", "2019-10-20T11:15:00", CHAT_TEXT, 0, "Belum ada pengumuman resmi" },
	{ "", "2019-10-21T09:00:00", CHAT_SYSTEM, 0, "Joko joined using this group's invite link" },
	{ "Wati", "2019-10-21T09:02:00", CHAT_TEXT, 0, "Cek di situs resmi pemerintah saja" },
};

static const struct want ios_12h[] = {
	{ "Keluarga Besar", "2025-12-15T10:30:00", CHAT_SYSTEM, 0, "Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them." },
	{ "Keluarga Besar", "2025-12-15T10:30:05", CHAT_SYSTEM, 0, "Alice created group \xE2\x80\x9CKeluarga Besar\xE2\x80\x9D" },
	{ "Keluarga Besar", "2025-12-15T10:30:06", CHAT_SYSTEM, 0, "Alice added Bob" },
	{ "Alice", "2025-12-15T10:32:03", CHAT_TEXT, 0, "Ini pesan iOS dengan kurung siku." },
	{ "Bob", "2025-12-15T10:33:00", CHAT_TEXT, 0, "Dan satu lagi.\nDengan banyak baris\njuga." },
	{ "Bob", "2025-12-15T10:34:00", CHAT_MEDIA, 0, "image omitted" },
	{ "Alice", "2025-12-15T10:35:00", CHAT_MEDIA, 0, "<attached: 00000012-PHOTO-2025-12-15-10-35-00.jpg>" },
	{ "Bob", "2025-12-15T13:36:00", CHAT_DELETED, 0, "This message was deleted." },
	{ "Alice", "2025-12-15T13:37:00", CHAT_TEXT, 1, "Sudah saya koreksi" },
	{ "Keluarga Besar", "2025-12-15T13:38:00", CHAT_SYSTEM, 0, "Bob left" },
	{ "Alice", "2025-12-15T13:39:00", CHAT_MEDIA, 0, "Laporan.pdf \xE2\x80\xA2 3 pages " LRM "document omitted" },
	{ "Alice", "2025-12-15T13:40:00", CHAT_TEXT, 0, "I left my phone at home" },
};

static const struct want ios_id[] = {
	{ "Grup RT 05", "2025-12-15T10:32:03", CHAT_SYSTEM, 0, "Pesan dan panggilan terenkripsi secara end-to-end. Tidak seorang pun di luar chat ini, termasuk WhatsApp, yang dapat membaca atau mendengarkannya." },
	{ "Grup RT 05", "2025-12-15T10:32:10", CHAT_SYSTEM, 0, "Pak RT menambahkan Anda" },
	{ "Pak RT", "2025-12-15T10:35:00", CHAT_TEXT, 0, "Warga dimohon kerja bakti hari Minggu" },
	{ "Bu Ani", "2025-12-15T10:36:20", CHAT_MEDIA, 0, "gambar tidak disertakan" },
	{ "Bu Ani", "2025-12-15T10:37:00", CHAT_MEDIA, 0, "stiker tidak disertakan" },
	{ "Pak RT", "2025-12-16T07:01:00", CHAT_DELETED, 0, "Anda menghapus pesan ini." },
	{ "Grup RT 05", "2025-12-16T07:02:00", CHAT_SYSTEM, 0, "Bu Ani keluar" },
};

static const struct want ios_dash2[] = {
	{ "Mary", "2020-01-15T02:22:56", CHAT_TEXT, 0, "Selamat pagi" },
	{ "+62 811 234 567", "2020-01-15T03:33:01", CHAT_TEXT, 0, "Ada info banjir?" },
	{ "John", "2020-01-16T10:15:02", CHAT_TEXT, 0, "Belum ada, cuaca cerah" },
	{ "Mary", "2020-01-17T22:52:29", CHAT_TEXT, 0, "Oke terima kasih" },
};

static const struct want ios_iso[] = {
	{ "+62 811 234 567", "2019-04-16T02:09:00", CHAT_TEXT, 0, "Pesan berantai: minum air hangat tiap 15 menit" },
	{ "Mary", "2019-04-16T03:01:00", CHAT_TEXT, 0, "Itu tidak benar" },
	{ "John", "2019-04-17T12:56:00", CHAT_TEXT, 0, "Setuju, sudah dibantah" },
};

static const struct want ios_bare[] = {
	{ "Charlie", "2025-12-15T10:34:00", CHAT_TEXT, 0, "Pesan iOS tanpa kurung siku." },
	{ "Dina", "2025-12-15T10:35:10", CHAT_TEXT, 0, "Baris pertama\nbaris kedua" },
	{ "Charlie", "2025-12-16T21:00:00", CHAT_TEXT, 0, "Selamat malam" },
};

static const struct want ios_lrm[] = {
	{ "Keluarga", "2022-10-13T16:25:01", CHAT_SYSTEM, 0, "Pesan dan panggilan terenkripsi secara end-to-end. Tidak seorang pun di luar chat ini, termasuk WhatsApp, yang dapat membaca atau mendengarkannya." },
	{ "Keluarga", "2022-10-13T16:25:02", CHAT_SYSTEM, 0, "Anda membuat grup \xE2\x80\x9CKeluarga\xE2\x80\x9D" },
	{ "+62 812-3456-7890", "2022-10-13T16:26:00", CHAT_TEXT, 0, "Halo semua" },
	{ "Keluarga", "2022-10-14T08:00:00", CHAT_SYSTEM, 0, "Budi bergabung menggunakan tautan undangan grup ini" },
	{ "Budi", "2022-10-14T08:05:00", CHAT_MEDIA, 0, "video tidak disertakan" },
};

static const struct want export_ios_zip[] = {
	{ "Keluarga", "2022-10-13T16:25:01", CHAT_SYSTEM, 0, "Pesan dan panggilan terenkripsi secara end-to-end. Tidak seorang pun di luar chat ini, termasuk WhatsApp, yang dapat membaca atau mendengarkannya." },
	{ "Budi", "2022-10-13T16:26:00", CHAT_TEXT, 0, "Kata tetangga, besok listrik padam se-Jawa\nselama tiga hari." },
	{ "Budi", "2022-10-13T16:27:00", CHAT_MEDIA, 0, "<attached: 00000012-PHOTO-2022-10-13-16-27-00.jpg>" },
	{ "Siti", "2022-10-13T16:30:00", CHAT_TEXT, 0, "Itu hoaks, PLN sudah membantah" },
};

/* a no-break space or narrow one inside "p. m." (Spanish-locale Android) */
static const struct want android_es_nbsp[] = {
	{ "Ana", "2022-10-13T16:25:00", CHAT_TEXT, 0, "Info penting vaksin covid ada microchip nya" },
	{ "Beni", "2022-10-13T16:26:00", CHAT_TEXT, 0, "Masa sih?" },
	{ "Ana", "2022-10-14T09:05:00", CHAT_TEXT, 0, "Pagi semua" },
	{ "Beni", "2022-10-14T00:00:00", CHAT_TEXT, 0, "Tengah malam" },
};

/* CR CR LF line ends: no CR left on a text, placeholders still known */
static const struct want android_crcrlf[] = {
	{ "Budi", "2022-10-13T16:25:00", CHAT_MEDIA, 0, "<Media tidak disertakan>" },
	{ "Siti", "2022-10-13T16:26:00", CHAT_DELETED, 0, "Pesan ini telah dihapus" },
	{ "Budi", "2022-10-13T16:27:00", CHAT_TEXT, 0, "baris satu\nbaris dua\n\nbaris empat" },
	{ "Siti", "2022-10-13T16:28:00", CHAT_MEDIA, 0, "null" },
};

/* lone CR line ends (old Mac): one message per header, not one for the file */
static const struct want android_lone_cr[] = {
	{ "Budi", "2022-10-13T16:25:00", CHAT_TEXT, 0, "satu" },
	{ "Siti", "2022-10-13T16:26:00", CHAT_TEXT, 0, "dua\nlanjutan dua" },
	{ "Budi", "2022-10-13T16:27:00", CHAT_MEDIA, 0, "<Media tidak disertakan>" },
};

/* Android attachment and media placeholders in other locales; an unsupported message */
static const struct want attached_locales[] = {
	{ "Budi", "2022-10-13T16:25:00", CHAT_MEDIA, 0, "IMG-20221013-WA0001.jpg (Datei angehängt)" },
	{ "Siti", "2022-10-13T16:26:00", CHAT_MEDIA, 0, "IMG-20221013-WA0002.jpg (archivo adjunto)\nLihat fotonya" },
	{ "Budi", "2022-10-13T16:27:00", CHAT_MEDIA, 0, "PTT-20221013-WA0003.opus (arquivo anexado)" },
	{ "Siti", "2022-10-13T16:28:00", CHAT_MEDIA, 0, "<Multimedia omitido>" },
	{ "Budi", "2022-10-13T16:29:00", CHAT_MEDIA, 0, "<Medien ausgeschlossen>" },
	{ "Siti", "2022-10-13T16:30:00", CHAT_MEDIA, 0, "Pesan tidak didukung" },
	{ "Budi", "2022-10-13T16:31:00", CHAT_TEXT, 0, "Lampiran (archivo adjunto) itu apa?" },
};

/* old iOS "<attached: ...>" (a direction mark before or inside it) and other locales */
static const struct want ios_attached_old[] = {
	{ "Budi", "2022-10-13T16:25:00", CHAT_MEDIA, 0, "<attached: 00000012-PHOTO-2022-10-13-16-25-00.jpg>" },
	{ "Siti", "2022-10-13T16:26:00", CHAT_MEDIA, 0, "<" LRM "attached: 00000013-VIDEO-2022-10-13-16-26-00.mp4>" },
	{ "Budi", "2022-10-13T16:27:00", CHAT_MEDIA, 0, "<adjunto: 00000014-AUDIO-2022-10-13-16-27-00.opus>" },
	{ "Siti", "2022-10-13T16:28:00", CHAT_MEDIA, 0, "<Anhang: 00000015-PHOTO-2022-10-13-16-28-00.jpg>" },
	{ "Budi", "2022-10-13T16:29:00", CHAT_MEDIA, 0, "imagen omitida" },
	{ "Siti", "2022-10-13T16:30:00", CHAT_MEDIA, 0, "Bild weggelassen" },
	{ "Budi", "2022-10-13T16:31:00", CHAT_TEXT, 0, "<bukan lampiran: ini teks>" },
};

#define FIXTURE(file, table) { FIX file, sizeof table / sizeof table[0], table }

static const struct fixture shapes[] = {
	FIXTURE("android-id.txt", android_id),           /* 13/10/2022 16.25 - Nama: */
	FIXTURE("android-us24.txt", android_us24),       /* 1/1/21, 12:00 - A: */
	FIXTURE("android-12h.txt", android_12h),         /* 12/15/25, 10:30 AM (NNBSP, NBSP) */
	FIXTURE("android-ampm-dots.txt", android_ampm_dots), /* 3/6/18, 1:55 p.m. / p. m. */
	FIXTURE("android-es-nbsp.txt", android_es_nbsp), /* 13/10/22, 4:25 p.<NBSP>m. */
	FIXTURE("android-crcrlf.txt", android_crcrlf),   /* \r\r\n line ends */
	FIXTURE("android-lone-cr.txt", android_lone_cr), /* \r line ends */
	FIXTURE("attached-locales.txt", attached_locales), /* (Datei angehängt), (archivo adjunto) */
	FIXTURE("ios-attached-old.txt", ios_attached_old), /* <attached: ...>, <adjunto: ...> */
	FIXTURE("android-dotdate.txt", android_dotdate), /* 15.04.2016, 15:04 - */
	FIXTURE("android-iso.txt", android_iso),         /* 2019-10-20, 10:16 - */
	FIXTURE("ios-12h.txt", ios_12h),                 /* [15/12/2025, 10:32:03 AM] */
	FIXTURE("ios-id.txt", ios_id),                   /* [15/12/2025 10.32.03] */
	FIXTURE("ios-dash2.txt", ios_dash2),             /* [15-01-20 02:22:56] */
	FIXTURE("ios-iso.txt", ios_iso),                 /* [2019-04-16 02:09] */
	FIXTURE("ios-bare.txt", ios_bare),               /* 15/12/2025, 10:34:00 AM Name: */
	FIXTURE("ios-lrm.txt", ios_lrm),                 /* U+200E before [, name and text */
	FIXTURE("export-ios.zip", export_ios_zip),       /* _chat.txt in a zip, BOM, CRLF */
};

static void check_fixture(const struct fixture *fx, const char *path, const struct run *run)
{
	if (run->n != fx->count || run->rc != 0 || run->err) {
		fprintf(stderr, "  in %s\n", path);
		CHECK_INT(run->n, fx->count);
		CHECK_INT(run->rc, 0);
		CHECK(run->err == NULL);
	}
	for (size_t i = 0; i < run->n && i < fx->count; i++) {
		const struct got *g = &run->msgs[i];
		const struct want *w = &fx->msgs[i];
		int ok = strcmp(g->sender, w->sender) == 0 && strcmp(g->time, w->time) == 0 &&
			 strcmp(g->text, w->text) == 0 && g->kind == w->kind &&
			 g->edited == w->edited && !g->bad_utf8;
		CHECK(ok);
		if (!ok) {
			fprintf(stderr, "  %s message %zu (line %ld):\n", path, i + 1, g->line);
			CHECK_STR(g->sender, w->sender);
			CHECK_STR(g->time, w->time);
			CHECK_STR(g->text, w->text);
			CHECK_INT(g->kind, w->kind);
			CHECK_INT(g->edited, w->edited);
		}
	}
}

static void test_shapes(void)
{
	for (size_t i = 0; i < sizeof shapes / sizeof shapes[0]; i++) {
		struct run run;
		read_chat(shapes[i].path, DATE_AUTO, &run);
		check_fixture(&shapes[i], shapes[i].path, &run);
		CHECK_INT(run.skipped, 0);
		run_free(&run);
	}
}

/* Header lines carry their own line numbers; continuations do not. */
static void test_line_numbers(void)
{
	static const long lines[] = { 1, 2, 3, 4, 5, 6, 7, 13, 14, 15, 16, 18, 19, 20 };
	struct run run;
	read_chat(FIX "android-id.txt", DATE_AUTO, &run);
	CHECK_INT(run.n, sizeof lines / sizeof lines[0]);
	for (size_t i = 0; i < run.n && i < sizeof lines / sizeof lines[0]; i++)
		CHECK_INT(run.msgs[i].line, lines[i]);
	run_free(&run);
}

/* ---- input bytes ---- */

struct bytes_case {
	const char *name;
	const char *bytes;
	size_t len;
	long count;
	const char *sender0, *time0, *text0;  /* first message */
	int bad0;                             /* first message's bad_utf8 */
	const char *text_last;
};

#define B(s) s, sizeof(s) - 1

static const struct bytes_case bytes_cases[] = {
	{ "bom+crlf mixed",
	  B("\xEF\xBB\xBF" "13/10/2022 16.25 - Budi: satu\r\ndua\r\n13/10/2022 16.26 - Siti: tiga\n"
	    "13/10/2022 16.27 - Budi: empat\r\n"),
	  3, "Budi", "2022-10-13T16:25:00", "satu\ndua", 0, "empat" },
	{ "crlf without final newline",
	  B("13/10/2022 16.25 - Budi: satu\r\n13/10/2022 16.26 - Siti: dua\r"),
	  2, "Budi", "2022-10-13T16:25:00", "satu", 0, "dua" },
	{ "cr cr lf, and a lone cr",
	  B("13/10/2022 16.25 - Budi: satu\r\r\ndua\r\r\n13/10/2022 16.26 - Siti: tiga\r13/10/2022 16.27 - Budi: empat\r\r"),
	  3, "Budi", "2022-10-13T16:25:00", "satu\ndua", 0, "empat" },
	{ "nul bytes",
	  B("13/10/2022 16.25 - Budi: a\0b\n\0lanjut\n13/10/2022 16.26 - Siti: ok\n"),
	  2, "Budi", "2022-10-13T16:25:00", "a b\n lanjut", 0, "ok" },
	{ "invalid utf-8 in header line",
	  B("13/10/2022 16.25 - Budi: caf\xE9 \xFF\xFE ok\n13/10/2022 16.26 - Siti: bersih\n"),
	  2, "Budi", "2022-10-13T16:25:00",
	  "caf\xEF\xBF\xBD \xEF\xBF\xBD\xEF\xBF\xBD ok", 1, "bersih" },
	{ "invalid utf-8 in continuation, truncated sequence at end",
	  B("13/10/2022 16.25 - Budi: baris satu\nbaris \xC0\xAF dua \xE2\x82\n"),
	  1, "Budi", "2022-10-13T16:25:00",
	  "baris satu\nbaris \xEF\xBF\xBD\xEF\xBF\xBD dua \xEF\xBF\xBD\xEF\xBF\xBD", 1,
	  "baris satu\nbaris \xEF\xBF\xBD\xEF\xBF\xBD dua \xEF\xBF\xBD\xEF\xBF\xBD" },
	{ "surrogate and over-range code points",
	  B("13/10/2022 16.25 - Budi: \xED\xA0\x80|\xF4\x90\x80\x80|\xF0\x9F\x98\x80\n"),
	  1, "Budi", "2022-10-13T16:25:00",
	  "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD|\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD|\xF0\x9F\x98\x80",
	  1, NULL },
	{ "empty file", B(""), 0, NULL, NULL, NULL, 0, NULL },
	{ "only newlines", B("\n\r\n\n"), 0, NULL, NULL, NULL, 0, NULL },
	{ "header without text", B("13/10/2022 16.25 - Budi:\nteks di baris berikut\n"),
	  1, "Budi", "2022-10-13T16:25:00", "teks di baris berikut", 0, NULL },
	{ "trailing blank lines dropped", B("13/10/2022 16.25 - Budi: a\n\nb\n\n\n"),
	  1, "Budi", "2022-10-13T16:25:00", "a\n\nb", 0, NULL },
	{ "false headers stay continuation lines",
	  B("13/10/2022 16.25 - Budi: Jadwal:\n14/10/2022 rapat RT\n14/10/2022 08.00 - 10.00 kerja bakti\n"
	    "15/10/2022, 19:30 Pengajian: di masjid\n[16/10/2022] catatan\n1/2/3 - x: y\n"
	    "99/99/2022 16.25 - Joko: bukan tanggal\n13/10/2022 25.61 - Joko: bukan jam\n"),
	  1, "Budi", "2022-10-13T16:25:00",
	  "Jadwal:\n14/10/2022 rapat RT\n14/10/2022 08.00 - 10.00 kerja bakti\n"
	  "15/10/2022, 19:30 Pengajian: di masjid\n[16/10/2022] catatan\n1/2/3 - x: y\n"
	  "99/99/2022 16.25 - Joko: bukan tanggal\n13/10/2022 25.61 - Joko: bukan jam", 0, NULL },
	{ "phone number sender with embedding marks",
	  B("13/10/2022 16.25 - \xE2\x80\xAA+62 812-3456-7890\xE2\x80\xAC: Info penting\n"),
	  1, "+62 812-3456-7890", "2022-10-13T16:25:00", "Info penting", 0, NULL },
	{ "other locales: klo, dot-space dates, colon after time",
	  B("13.6.2018 klo 21.25.15 - Aino: hei\n13. 6. 2018. 21:25:15 Petr: ahoj\n"
	    "13.06.18 21.25.15: Budi: halo\n[2018/06/13, 21:25:15] Ana: hola\n"),
	  4, "Aino", "2018-06-13T21:25:15", "hei", 0, "hola" },
};

/* Run fn with stderr going to a file; returns what was written (owned). */
static char *capture_stderr(long (*fn)(const char *, enum date_order, struct run *),
			    const char *path, struct run *run)
{
	char cap[] = "/tmp/saring-test-stderr-XXXXXX";
	int fd = mkstemp(cap), saved = dup(2);
	fflush(stderr);
	dup2(fd, 2);
	fn(path, DATE_AUTO, run);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	close(fd);
	struct strbuf sb = STRBUF_INIT;
	read_file(cap, &sb);
	unlink(cap);
	return sb_detach(&sb);
}

static int count_lines(const char *s)
{
	int n = 0;
	for (; *s; s++)
		n += *s == '\n';
	return n;
}

static void test_bytes(void)
{
	for (size_t i = 0; i < sizeof bytes_cases / sizeof bytes_cases[0]; i++) {
		const struct bytes_case *c = &bytes_cases[i];
		struct run run;
		const char *path = write_tmp(c->bytes, c->len);
		free(capture_stderr(read_chat, path, &run));
		long n = run.err ? -1 : (long)run.n;
		int ok = n == c->count && run.rc == 0;
		if (ok && n > 0) {
			ok = strcmp(run.msgs[0].sender, c->sender0) == 0 &&
			     strcmp(run.msgs[0].time, c->time0) == 0 &&
			     strcmp(run.msgs[0].text, c->text0) == 0 &&
			     run.msgs[0].bad_utf8 == c->bad0 &&
			     (!c->text_last || strcmp(run.msgs[n - 1].text, c->text_last) == 0);
			for (long k = 1; k < n; k++)
				ok = ok && !run.msgs[k].bad_utf8;
		}
		CHECK(ok);
		if (!ok) {
			fprintf(stderr, "  bytes case \"%s\": %ld messages (want %ld)\n", c->name, n, c->count);
			for (long k = 0; k < n; k++)
				fprintf(stderr, "    [%ld] %s|%s|%s|bad=%d\n", k, run.msgs[k].time,
					run.msgs[k].sender, run.msgs[k].text, run.msgs[k].bad_utf8);
		}
		run_free(&run);
		unlink(path);
	}
}

/*
 * A CR CR LF or CR LF line end cut by the reader's 64 KiB chunks, at every
 * place around the cut: still one line end, no blank line, no CR kept.
 */
static void test_cr_across_chunks(void)
{
	static const char *const ends[] = { "\r\r\n", "\r\n", "\r" };
	const char *head = "13/10/2022 16.25 - Budi: ";
	size_t hl = strlen(head);
	for (size_t e = 0; e < sizeof ends / sizeof *ends; e++) {
		for (size_t at = 65536 - 3; at <= 65536 + 1; at++) {
			struct strbuf sb = STRBUF_INIT;
			sb_puts(&sb, head);
			while (sb.len < at)
				sb_putc(&sb, 'a');
			sb.len = at;   /* the line end starts at this offset */
			sb.buf[at] = '\0';
			sb_printf(&sb, "%sdua%s13/10/2022 16.26 - Siti: tiga%s", ends[e], ends[e], ends[e]);
			struct run run;
			const char *path = write_tmp(sb.buf, sb.len);
			read_chat(path, DATE_AUTO, &run);
			int ok = run.n == 2 && run.rc == 0 && strlen(run.msgs[0].text) == at - hl + 4
				 && !strchr(run.msgs[0].text, '\r') && strcmp(run.msgs[0].text + (at - hl), "\ndua") == 0
				 && strcmp(run.msgs[1].text, "tiga") == 0;
			CHECK(ok);
			if (!ok)
				fprintf(stderr, "  line end %zu at %zu: %zu messages\n", e, at, run.n);
			run_free(&run);
			unlink(path);
			sb_release(&sb);
		}
	}
}

static void test_utf8_warning(void)
{
	static const char bytes[] =
		"13/10/2022 16.25 - Budi: \xFF\xFF\xFF tiga byte buruk\n"
		"lanjutan \x80 juga\n"
		"13/10/2022 16.26 - Siti: bersih\n";
	struct run run;
	const char *path = write_tmp(bytes, sizeof bytes - 1);
	char *err = capture_stderr(read_chat, path, &run);
	struct strbuf want = STRBUF_INIT;
	sb_printf(&want, "%s:1: invalid UTF-8 (byte 0xFF), replaced", path);
	CHECK(strstr(err, want.buf) != NULL);
	sb_reset(&want);
	sb_printf(&want, "%s:2: invalid UTF-8 (byte 0x80), replaced", path);
	CHECK(strstr(err, want.buf) != NULL);
	CHECK_INT(count_lines(err), 2);      /* once per line, not per byte */
	CHECK_INT(run.n, 2);
	if (run.n == 2) {
		CHECK_INT(run.msgs[0].bad_utf8, 1);
		CHECK_INT(run.msgs[1].bad_utf8, 0);
		CHECK_STR(run.msgs[1].text, "bersih");
	}
	sb_release(&want);
	free(err);
	run_free(&run);
	unlink(path);
}

static void test_preamble(void)
{
	struct run run;
	char *err = capture_stderr(read_chat, FIX "preamble.txt", &run);
	CHECK_INT(run.n, 2);
	CHECK_INT(run.skipped, 2);
	CHECK(strstr(err, FIX "preamble.txt:1: 2 lines before the first message header skipped") != NULL);
	CHECK_INT(count_lines(err), 1);
	if (run.n == 2) {
		CHECK_STR(run.msgs[0].text, "Pesan pertama");
		CHECK_INT(run.msgs[0].line, 4);
		CHECK_STR(run.msgs[1].sender, "Siti");
	}
	free(err);
	run_free(&run);

	static const char junk[] = "bukan chat\nsama sekali\n";
	const char *path = write_tmp(junk, sizeof junk - 1);
	err = capture_stderr(read_chat, path, &run);
	CHECK_INT(run.n, 0);
	CHECK_INT(run.rc, 0);
	CHECK_INT(run.skipped, 2);
	CHECK(strstr(err, "no message header found") != NULL);
	free(err);
	run_free(&run);
	unlink(path);
}

static void test_truncated(void)
{
	struct run run;
	read_chat(FIX "truncated-message.txt", DATE_AUTO, &run);
	CHECK_INT(run.n, 2);
	CHECK_INT(run.rc, 0);
	if (run.n == 2)
		CHECK_STR(run.msgs[1].text, "Pesan kedua terpotong di tengah kal");
	run_free(&run);

	/* a header cut short is not a header: it stays with the message before */
	read_chat(FIX "truncated-header.txt", DATE_AUTO, &run);
	CHECK_INT(run.n, 2);
	CHECK_INT(run.rc, 0);
	if (run.n == 2)
		CHECK_STR(run.msgs[1].text, "Pesan kedua yang\npanjang\n13/10/2022 16.");
	run_free(&run);

	/* every prefix of a fixture reads without error */
	struct strbuf whole = STRBUF_INIT;
	read_file(FIX "ios-12h.txt", &whole);
	int ok = 1;
	for (size_t cut = 0; cut <= whole.len; cut += 7) {
		const char *path = write_tmp(whole.buf, cut);
		free(capture_stderr(read_chat, path, &run));
		ok = ok && !run.err && run.rc == 0 && (cut < whole.len || run.n == 12);
		run_free(&run);
		unlink(path);
	}
	CHECK(ok);
	sb_release(&whole);
}

/* A line of tens of MB is one message, not a crash. */
static void test_huge_line(void)
{
	size_t big = 12u << 20;
	struct strbuf sb = STRBUF_INIT;
	sb_puts(&sb, "13/10/2022 16.25 - Budi: ");
	char *fill = xmalloc(big);
	memset(fill, 'a', big);
	sb_add(&sb, fill, big);
	sb_puts(&sb, "\n13/10/2022 16.26 - Siti: ok\n");
	const char *path = write_tmp(sb.buf, sb.len);
	struct run run;
	read_chat(path, DATE_AUTO, &run);
	CHECK_INT(run.n, 2);
	if (run.n == 2) {
		CHECK_INT(strlen(run.msgs[0].text), big);
		CHECK_STR(run.msgs[1].text, "ok");
	}
	run_free(&run);
	unlink(path);
	free(fill);
	sb_release(&sb);
}

/* ---- zip ---- */

struct zip_entry {
	const char *name;
	const char *data;
};

static void write_zip(const char *path, const struct zip_entry *e, size_t n)
{
	struct archive *a = archive_write_new();
	archive_write_set_format_zip(a);
	if (archive_write_open_filename(a, path) != ARCHIVE_OK) {
		fprintf(stderr, "write_zip: %s\n", archive_error_string(a));
		exit(2);
	}
	for (size_t i = 0; i < n; i++) {
		struct archive_entry *ae = archive_entry_new();
		archive_entry_set_pathname(ae, e[i].name);
		archive_entry_set_filetype(ae, AE_IFREG);
		archive_entry_set_perm(ae, 0644);
		archive_entry_set_size(ae, (la_int64_t)strlen(e[i].data));
		archive_write_header(a, ae);
		archive_write_data(a, e[i].data, strlen(e[i].data));
		archive_entry_free(ae);
	}
	archive_write_close(a);
	archive_write_free(a);
}

static void test_zip(void)
{
	struct run run;

	/* the committed fixture through stdin: one pass, no seeking */
	if (freopen(FIX "export-ios.zip", "rb", stdin)) {
		read_chat("-", DATE_AUTO, &run);
		check_fixture(&shapes[sizeof shapes / sizeof shapes[0] - 1], "<stdin zip>", &run);
		run_free(&run);
	} else {
		CHECK(!"freopen stdin");
	}

	/* plain text through stdin */
	if (freopen(FIX "android-12h.txt", "rb", stdin)) {
		read_chat("-", DATE_AUTO, &run);
		check_fixture(&shapes[2], "<stdin text>", &run);
		run_free(&run);
	} else {
		CHECK(!"freopen stdin");
	}

	/* an Android export zip: media first, a stray .txt, the chat last */
	static const struct zip_entry android[] = {
		{ "IMG-20221013-WA0001.jpg", "\xFF\xD8\xFF\xE0 not really a jpeg" },
		{ "catatan.txt", "bukan chat\n" },
		{ "Chat WhatsApp dengan Keluarga.txt",
		  "13/10/2022 16.25 - Budi: Sebarkan! Besok gempa besar\n"
		  "13/10/2022 16.26 - Siti: IMG-20221013-WA0001.jpg (file terlampir)\n"
		  "13/10/2022 16.27 - Siti keluar\n" },
	};
	char zpath[] = "/tmp/saring-test-zip-XXXXXX";
	int fd = mkstemp(zpath);
	close(fd);
	write_zip(zpath, android, 3);
	read_chat(zpath, DATE_AUTO, &run);
	CHECK_INT(run.n, 3);
	CHECK_INT(run.rc, 0);
	if (run.n == 3) {
		CHECK_STR(run.msgs[0].text, "Sebarkan! Besok gempa besar");
		CHECK_INT(run.msgs[1].kind, CHAT_MEDIA);
		CHECK_INT(run.msgs[2].kind, CHAT_SYSTEM);
	}
	run_free(&run);

	/* no .txt inside */
	static const struct zip_entry media_only[] = { { "IMG-1.jpg", "x" } };
	write_zip(zpath, media_only, 1);
	CHECK_INT(read_chat(zpath, DATE_AUTO, &run), -1);
	CHECK(run.err && strstr(run.err, "no chat .txt"));
	run_free(&run);

	/* zip magic, then garbage; and a zip cut in half */
	const char *path = write_tmp(B("PK\x03\x04 this is not a zip at all"));
	CHECK_INT(read_chat(path, DATE_AUTO, &run), -1);
	CHECK(run.err != NULL);
	run_free(&run);
	unlink(path);
	struct strbuf whole = STRBUF_INIT;
	read_file(FIX "export-ios.zip", &whole);
	int ok = 1;
	for (size_t cut = 4; cut < whole.len; cut += 13) {
		path = write_tmp(whole.buf, cut);
		long n = read_chat(path, DATE_AUTO, &run);
		ok = ok && (n == -1 ? run.err != NULL : (run.rc == 0 || run.rc == -1));
		run_free(&run);
		unlink(path);
	}
	CHECK(ok);
	sb_release(&whole);
	unlink(zpath);
}

/* ---- date order ---- */

struct order_case {
	const char *path;
	enum date_order order;
	const char *times[3];
};

static const struct order_case order_cases[] = {
	/* a day above 12 decides, even when it comes late */
	{ FIX "dmy-late.txt", DATE_AUTO, { "2022-02-01T09:00:00", "2022-02-05T09:00:00", "2022-02-13T09:00:00" } },
	{ FIX "mdy-late.txt", DATE_AUTO, { "2022-01-02T09:00:00", "2022-01-05T09:00:00", "2022-01-13T09:00:00" } },
	/* no day above 12: the field that keeps changing is the day */
	{ FIX "dmy-ambiguous.txt", DATE_AUTO, { "2022-02-01T09:00:00", "2022-02-02T09:00:00", "2022-02-03T09:00:00" } },
	{ FIX "mdy-ambiguous.txt", DATE_AUTO, { "2022-02-01T09:00:00", "2022-02-02T09:00:00", "2022-02-03T09:00:00" } },
	/* nothing to go on: AM/PM suggests a US phone */
	{ FIX "single.txt", DATE_AUTO, { "2022-05-06T09:00:00" } },
	/* the caller's order wins; impossible dates get "" */
	{ FIX "single.txt", DATE_DMY, { "2022-06-05T09:00:00" } },
	{ FIX "dmy-late.txt", DATE_MDY, { "2022-01-02T09:00:00", "2022-05-02T09:00:00", "" } },
	{ FIX "mdy-late.txt", DATE_DMY, { "2022-02-01T09:00:00", "2022-05-01T09:00:00", "" } },
	{ FIX "dmy-ambiguous.txt", DATE_MDY, { "2022-01-02T09:00:00", "2022-02-02T09:00:00", "2022-03-02T09:00:00" } },
	/* a 4-digit year stays the year whatever the caller says */
	{ FIX "ios-iso.txt", DATE_MDY, { "2019-04-16T02:09:00", "2019-04-16T03:01:00", "2019-04-17T12:56:00" } },
	{ FIX "ios-dash2.txt", DATE_YMD, { "2015-01-20T02:22:56", "2015-01-20T03:33:01", "2016-01-20T10:15:02" } },
};

static void test_date_order(void)
{
	for (size_t i = 0; i < sizeof order_cases / sizeof order_cases[0]; i++) {
		const struct order_case *c = &order_cases[i];
		struct run run;
		read_chat(c->path, c->order, &run);
		for (size_t k = 0; k < 3 && c->times[k]; k++) {
			const char *got = k < run.n ? run.msgs[k].time : "(missing)";
			if (strcmp(got, c->times[k]) != 0)
				fprintf(stderr, "  %s order %d message %zu\n", c->path, c->order, k + 1);
			CHECK_STR(got, c->times[k]);
		}
		run_free(&run);
	}

	/*
	 * More ambiguous headers than the reader buffers: the order is fixed
	 * (DMY) after 2,000 of them, and a later date impossible under it is
	 * still read the only way it can be.
	 */
	struct strbuf sb = STRBUF_INIT;
	for (int i = 0; i < 2500; i++)
		sb_printf(&sb, "1/2/2022, 09:%02d - Budi: pesan %d\nlanjutan\n", i % 60, i);
	sb_puts(&sb, "1/13/2022, 10:00 - Budi: terakhir\n");
	const char *path = write_tmp(sb.buf, sb.len);
	struct run run;
	read_chat(path, DATE_AUTO, &run);
	CHECK_INT(run.n, 2501);
	if (run.n == 2501) {
		CHECK_STR(run.msgs[0].time, "2022-02-01T09:00:00");
		CHECK_STR(run.msgs[2499].time, "2022-02-01T09:39:00");
		CHECK_STR(run.msgs[2500].time, "2022-01-13T10:00:00");
		CHECK_STR(run.msgs[1234].text, "pesan 1234\nlanjutan");
	}
	run_free(&run);
	unlink(path);
	sb_release(&sb);

	enum date_order o = DATE_AUTO;
	CHECK_INT(chat_parse_date_order("mdy", &o), 0);
	CHECK_INT(o, DATE_MDY);
	CHECK_INT(chat_parse_date_order("DMY", &o), 0);
	CHECK_INT(o, DATE_DMY);
	CHECK_INT(chat_parse_date_order("ymd", &o), 0);
	CHECK_INT(o, DATE_YMD);
	CHECK_INT(chat_parse_date_order("auto", &o), 0);
	CHECK_INT(o, DATE_AUTO);
	CHECK_INT(chat_parse_date_order("dm", &o), -1);
	CHECK_STR(chat_kind_name(CHAT_TEXT), "text");
	CHECK_STR(chat_kind_name(CHAT_SYSTEM), "system");
	CHECK_STR(chat_kind_name(CHAT_MEDIA), "media");
	CHECK_STR(chat_kind_name(CHAT_DELETED), "deleted");
}

/* ---- errors and robustness ---- */

static void test_open_errors(void)
{
	struct run run;
	CHECK_INT(read_chat("tests/chat/no-such-file.txt", DATE_AUTO, &run), -1);
	CHECK(run.err && strstr(run.err, "no-such-file.txt"));
	run_free(&run);
	CHECK_INT(read_chat("tests/chat", DATE_AUTO, &run), -1);
	CHECK(run.err != NULL);
	run_free(&run);
	const char *path = write_tmp(B("\xFF\xFE" "1\0" "3\0/\0"));
	CHECK_INT(read_chat(path, DATE_AUTO, &run), -1);
	CHECK(run.err && strstr(run.err, "UTF-16"));
	run_free(&run);
	unlink(path);
}

/* Random damage to real fixtures must never crash (ASan/valgrind watch). */
static void test_mutations(void)
{
	static const char *const sources[] = {
		FIX "android-id.txt", FIX "ios-12h.txt", FIX "ios-lrm.txt", FIX "android-12h.txt",
	};
	static const char pool[] = "\0\n\r[]:-/.,0123456789 AMP\xE2\x80\x8E\xAF\xFF\xC3";
	unsigned seed = 12345;
	int ok = 1;
	for (size_t s = 0; s < sizeof sources / sizeof sources[0]; s++) {
		struct strbuf orig = STRBUF_INIT;
		read_file(sources[s], &orig);
		for (int round = 0; round < 60; round++) {
			char *buf = xstrndup(orig.buf, orig.len);
			for (int k = 0; k < 12; k++) {
				seed = seed * 1103515245u + 12345u;
				size_t at = (seed >> 8) % orig.len;
				seed = seed * 1103515245u + 12345u;
				buf[at] = pool[(seed >> 8) % (sizeof pool - 1)];
			}
			const char *path = write_tmp(buf, orig.len);
			struct run run;
			char *err = capture_stderr(read_chat, path, &run);
			ok = ok && run.rc == 0;
			for (size_t i = 0; i < run.n; i++)
				ok = ok && (run.msgs[i].time[0] == '\0' || strlen(run.msgs[i].time) == 19);
			free(err);
			run_free(&run);
			unlink(path);
			free(buf);
		}
		sb_release(&orig);
	}
	CHECK(ok);
}

/* ---- the public parsers' fixtures, when ../shared/data is there ---- */

static const char *shared_dir(void)
{
	const char *d = getenv("SARING_SHARED");
	return d && *d ? d : "../shared/data";
}

struct shared_case {
	const char *file;
	long count;
	const char *time0, *sender0;
};

static const struct shared_case shared_cases[] = {
	{ "whatstk-lorem.txt", 500, "2020-01-15T02:22:56", "Mary" },
	{ "whatstk-lorem-2000.txt", 2000, "2019-04-16T02:09:00", "+1 123 456 789" },
	{ "whatstk-lorem-merge-part1.txt", 300, "2019-10-20T10:16:00", "John" },
	{ "whatstk-lorem-merge-part2.txt", 300, "2020-06-20T10:16:00", "John" },
	{ "whatstk-pokemon.txt", 20, "2016-04-15T15:04:00", "Pokemon Chat" },
	{ "wcp-rb-sample.txt", 7, "2025-12-15T10:30:00", "John Doe" },
	{ "chat-analytics-2A_5M.txt", 5, "2021-01-01T12:00:00", "A" },
	{ "chat-analytics-4A_11M.txt", 14, NULL, "" },
};

/* strftime-like rendering of whatstk's header formats (%y %m %d %H %I %M %S %p %name). */
static void render_header(struct strbuf *sb, const char *fmt, const int t[6], const char *name)
{
	for (const char *p = fmt; *p; p++) {
		if (*p != '%') {
			sb_putc(sb, *p);
			continue;
		}
		p++;
		if (strncmp(p, "name", 4) == 0) {
			sb_puts(sb, name);
			p += 3;
			continue;
		}
		switch (*p) {
		case 'y': sb_printf(sb, "%02d", t[0] % 100); break;
		case 'm': sb_printf(sb, "%02d", t[1]); break;
		case 'd': sb_printf(sb, "%02d", t[2]); break;
		case 'H': sb_printf(sb, "%02d", t[3]); break;
		case 'I': sb_printf(sb, "%02d", t[3] % 12 ? t[3] % 12 : 12); break;
		case 'M': sb_printf(sb, "%02d", t[4]); break;
		case 'S': sb_printf(sb, "%02d", t[5]); break;
		case 'p': sb_puts(sb, t[3] < 12 ? "AM" : "PM"); break;
		default: sb_putc(sb, '%'); sb_putc(sb, *p); break;
		}
	}
}

/* Each of whatstk's 96 header formats, as a small chat spanning a new year. */
static void test_header_formats(const char *json_path)
{
	static const int when[][6] = {
		{ 2019, 12, 28, 9, 5, 7 }, { 2019, 12, 30, 13, 15, 0 }, { 2020, 1, 2, 0, 30, 59 },
		{ 2020, 1, 15, 12, 0, 0 }, { 2020, 1, 27, 23, 59, 1 },
	};
	size_t nwhen = sizeof when / sizeof when[0];
	struct strbuf json = STRBUF_INIT;
	if (read_file(json_path, &json) < 0) {
		T_SKIP("%s unreadable: header formats not checked", json_path);
		return;
	}
	int formats = 0, failed = 0;
	for (const char *p = json.buf; (p = strstr(p, "\"format\"")) != NULL; ) {
		p = strchr(p + 8, '"');
		if (!p)
			break;
		const char *end = strchr(++p, '"');
		if (!end)
			break;
		char *fmt = xstrndup(p, (size_t)(end - p));
		p = end + 1;
		formats++;

		struct strbuf chat = STRBUF_INIT;
		for (size_t i = 0; i < nwhen; i++) {
			render_header(&chat, fmt, when[i], "Budi Santoso");
			sb_printf(&chat, " pesan %zu\n", i);
		}
		const char *path = write_tmp(chat.buf, chat.len);
		struct run run;
		read_chat(path, DATE_AUTO, &run);
		int ok = run.n == nwhen;
		for (size_t i = 0; ok && i < nwhen; i++) {
			char iso[32], text[16];
			snprintf(iso, sizeof iso, "%04d-%02d-%02dT%02d:%02d:%02d", when[i][0], when[i][1],
				 when[i][2], when[i][3], when[i][4], strstr(fmt, "%S") ? when[i][5] : 0);
			snprintf(text, sizeof text, "pesan %zu", i);
			ok = strcmp(run.msgs[i].time, iso) == 0 &&
			     strcmp(run.msgs[i].sender, "Budi Santoso") == 0 &&
			     strcmp(run.msgs[i].text, text) == 0 && run.msgs[i].kind == CHAT_TEXT;
			if (!ok)
				fprintf(stderr, "  format \"%s\" message %zu: %s|%s|%s, want %s\n", fmt,
					i, run.msgs[i].time, run.msgs[i].sender, run.msgs[i].text, iso);
		}
		if (!ok) {
			failed++;
			if (run.n != nwhen)
				fprintf(stderr, "  format \"%s\": %zu messages\n", fmt, run.n);
		}
		run_free(&run);
		unlink(path);
		sb_release(&chat);
		free(fmt);
	}
	CHECK_INT(formats, 96);
	CHECK_INT(failed, 0);
	sb_release(&json);
}

static void test_shared(void)
{
	struct strbuf dir = STRBUF_INIT;
	sb_printf(&dir, "%s/whatsapp", shared_dir());
	if (access(dir.buf, R_OK) != 0) {
		T_SKIP("%s not found: shared fixtures not checked", dir.buf);
		sb_release(&dir);
		return;
	}
	for (size_t i = 0; i < sizeof shared_cases / sizeof shared_cases[0]; i++) {
		const struct shared_case *c = &shared_cases[i];
		struct strbuf path = STRBUF_INIT;
		sb_printf(&path, "%s/%s", dir.buf, c->file);
		struct run run;
		long n = read_chat(path.buf, DATE_AUTO, &run);
		if (n < 0) {
			T_SKIP("%s missing", path.buf);
		} else {
			if (n != c->count)
				fprintf(stderr, "  %s\n", path.buf);
			CHECK_INT(n, c->count);
			CHECK_INT(run.skipped, 0);
			if (n > 0 && c->time0)
				CHECK_STR(run.msgs[0].time, c->time0);
			if (n > 0)
				CHECK_STR(run.msgs[0].sender, c->sender0);
			for (long k = 0; k < n; k++)
				if (run.msgs[k].time[0] == '\0' || run.msgs[k].bad_utf8)
					CHECK(!"every message has a time and clean text");
		}
		run_free(&run);
		sb_release(&path);
	}
	struct strbuf json = STRBUF_INIT;
	sb_printf(&json, "%s/whatstk-header_format_support.json", dir.buf);
	test_header_formats(json.buf);
	sb_release(&json);
	sb_release(&dir);
}

int main(void)
{
	RUN(test_shapes);
	RUN(test_line_numbers);
	RUN(test_bytes);
	RUN(test_cr_across_chunks);
	RUN(test_utf8_warning);
	RUN(test_preamble);
	RUN(test_truncated);
	RUN(test_huge_line);
	RUN(test_zip);
	RUN(test_date_order);
	RUN(test_open_errors);
	RUN(test_mutations);
	RUN(test_shared);
	return T_DONE("unit-chat");
}
