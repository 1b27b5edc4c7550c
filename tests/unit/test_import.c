/*
 * test_import.c: the corpus readers and writers (src/import.c) against the
 * fixtures in tests/import/ and files made on the fly in a temporary
 * directory. Run from the project root.
 */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "t.h"
#include "date.h"
#include "export.h"
#include "import.h"
#include "util.h"

#define FIX "tests/import/"

/* What one import_read call produced. */
struct got {
	struct doc *docs;     /* owned, doc_clear() each */
	long *lines;
	size_t n, cap;
	long *bad_lines;
	char **bad_why;       /* owned */
	size_t nbad, capbad;
	size_t stop_after;    /* on_doc asks to stop after this many (0: never) */
	char *err;            /* owned */
	int rc;
};

static int take(void *ctx, struct doc *d, long line)
{
	struct got *g = ctx;
	size_t cap = g->cap;
	xgrow((void **)&g->docs, &g->cap, g->n + 1, sizeof *g->docs);
	xgrow((void **)&g->lines, &cap, g->n + 1, sizeof *g->lines);
	g->docs[g->n] = *d;
	g->lines[g->n] = line;
	g->n++;
	return g->stop_after && g->n >= g->stop_after;
}

static void reject(void *ctx, long line, const char *why)
{
	struct got *g = ctx;
	size_t cap = g->capbad;
	xgrow((void **)&g->bad_lines, &g->capbad, g->nbad + 1, sizeof *g->bad_lines);
	xgrow((void **)&g->bad_why, &cap, g->nbad + 1, sizeof *g->bad_why);
	g->bad_lines[g->nbad] = line;
	g->bad_why[g->nbad] = xstrdup(why);
	g->nbad++;
}

static void got_free(struct got *g)
{
	for (size_t i = 0; i < g->n; i++)
		doc_clear(&g->docs[i]);
	for (size_t i = 0; i < g->nbad; i++)
		free(g->bad_why[i]);
	free(g->docs);
	free(g->lines);
	free(g->bad_lines);
	free(g->bad_why);
	free(g->err);
	memset(g, 0, sizeof *g);
}

static int run(struct got *g, const char *path, const struct import_opts *o)
{
	static const struct import_opts none;
	size_t stop = g->stop_after;
	got_free(g);
	g->stop_after = stop;
	g->rc = import_read(path, o ? o : &none, take, reject, g, &g->err);
	return g->rc;
}

/* Did bad record i have this line and a reason containing want? */
static int bad_is(const struct got *g, size_t i, long line, const char *want)
{
	if (i >= g->nbad) {
		fprintf(stderr, "  no bad record %zu\n", i);
		return 0;
	}
	if (g->bad_lines[i] != line || !strstr(g->bad_why[i], want)) {
		fprintf(stderr, "  bad record %zu: line %ld \"%s\", want line %ld \"%s\"\n",
			i, g->bad_lines[i], g->bad_why[i], line, want);
		return 0;
	}
	return 1;
}

static int same(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static int docs_equal(const struct doc *a, const struct doc *b)
{
	return same(a->id, b->id) && same(a->label, b->label) && same(a->rating, b->rating)
	       && same(a->title, b->title) && same(a->claim, b->claim) && same(a->body, b->body)
	       && same(a->publisher, b->publisher) && same(a->url, b->url)
	       && same(a->date, b->date) && same(a->source, b->source);
}

/* ---- a scratch directory ---- */

static char tmpdir[64];

static const char *tmp_path(const char *name)
{
	static char buf[4][256];
	static int k;
	k = (k + 1) % 4;
	snprintf(buf[k], sizeof buf[k], "%s/%s", tmpdir, name);
	return buf[k];
}

static const char *write_tmp(const char *name, const void *data, size_t n)
{
	const char *path = tmp_path(name);
	FILE *f = fopen(path, "wb");
	if (!f) {
		perror(path);
		exit(2);
	}
	fwrite(data, 1, n, f);
	fclose(f);
	return path;
}

static const char *write_str(const char *name, const char *s)
{
	return write_tmp(name, s, strlen(s));
}

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

/* Run fn with stderr in a file; return what it wrote (caller frees). */
static char *capture_stderr(void (*fn)(void *), void *arg)
{
	const char *path = tmp_path("stderr.txt");
	fflush(stderr);
	int saved = dup(2);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	dup2(fd, 2);
	close(fd);
	fn(arg);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	struct strbuf sb = STRBUF_INIT;
	read_file(path, &sb);
	return sb_detach(&sb);
}

/* ---- table-driven helpers ---- */

static void test_labels(void)
{
	static const struct { const char *in, *want; } cases[] = {
		{ "hoax", "hoax" }, { "HOAX", "hoax" }, { "Hoaks", "hoax" },
		{ " hoax ", "hoax" }, { "factcheck", "factcheck" },
		{ "Fact-Check", "factcheck" }, { "fact_check", "factcheck" },
		{ "cek fakta", "factcheck" }, { "official", "official" },
		{ "valid", "official" }, { "RESMI", "official" },
		{ "klarifikasi", "official" }, { "satire", NULL }, { "", NULL },
		{ "1", NULL }, { "hoaxx", NULL }, { NULL, NULL },
		/* the ratings of Indonesian datasets and fact checkers */
		{ "SALAH", "hoax" }, { "[SALAH]", "hoax" }, { " [ Hoaks ] ", "hoax" },
		{ "Disinformasi", "hoax" }, { "misinformasi", "hoax" }, { "FITNAH", "hoax" },
		{ "Konten yang Menyesatkan", "hoax" }, { "(palsu)", "hoax" },
		{ "BENAR", "official" }, { "Fakta", "official" }, { "periksa fakta", "factcheck" },
		{ "PENIPUAN", "hoax" }, { "[Penipuan]", "hoax" }, { "scam", "hoax" },
		{ "[SALAH", NULL }, { "[]", NULL }, { "0", NULL },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *got = import_label(cases[i].in);
		if (cases[i].want)
			CHECK_STR(got, cases[i].want);
		else
			CHECK(got == NULL);
	}
}

static void test_dates(void)
{
	static const struct { const char *in, *want; } cases[] = {
		{ "2020-08-17", "2020-08-17" },
		{ "2020-8-7", "2020-08-07" },
		{ "2020/08/17", "2020-08-17" },
		{ "2021-03-05T10:20:00+07:00", "2021-03-05" },
		{ "2021-03-05 10:20", "2021-03-05" },
		{ "17/08/2020", "2020-08-17" },
		{ "17-08-2020", "2020-08-17" },
		{ "7.8.2020", "2020-08-07" },
		{ "  29/02/2024 ", "2024-02-29" },
		{ "17-Aug-20", "2020-08-17" },
		{ "02-Okt-18", "2018-10-02" },
		{ "29-Agu-18", "2018-08-29" },
		{ "2 Jan 2024", "2024-01-02" },
		{ "5 Februari 2021", "2021-02-05" },
		{ "Senin, 1 Januari 2024", "2024-01-01" },
		{ "January 2, 2024", "2024-01-02" },
		{ "31 Des 99", "1999-12-31" },
		{ "29/02/2023", NULL },
		{ "2020-13-01", NULL },
		{ "2020-02-30", NULL },
		{ "32/01/2020", NULL },
		{ "bukan tanggal", NULL },
		{ "", NULL },
		{ "2020", NULL },
		{ "12345-01-01", NULL },
		{ "1/2/3", NULL },
		{ "17-Foo-20", NULL },
		{ "2020-08-17x", NULL },
		{ "17/08/20", NULL },
		{ NULL, NULL },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char out[11] = "";
		int rc = date_parse(cases[i].in, out);
		if (cases[i].want) {
			CHECK_INT(rc, 0);
			CHECK_STR(out, cases[i].want);
		} else if (rc != -1) {
			CHECK_STR(cases[i].in, "(should not parse)");
		} else {
			CHECK(1);
		}
	}
}

static void test_format_names(void)
{
	CHECK_INT(import_format_parse("jsonl"), FMT_JSONL);
	CHECK_INT(import_format_parse("NDJSON"), FMT_JSONL);
	CHECK_INT(import_format_parse("csv"), FMT_CSV);
	CHECK_INT(import_format_parse("claimreview"), FMT_CLAIMREVIEW);
	CHECK_INT(import_format_parse("text"), FMT_TEXT);
	CHECK_INT(import_format_parse("auto"), FMT_AUTO);
	CHECK_INT(import_format_parse("xml"), -1);
	CHECK_INT(import_format_parse(NULL), -1);
	for (int f = FMT_AUTO; f <= FMT_TEXT; f++)
		CHECK_INT(import_format_parse(import_format_name((enum import_format)f)), f);
}

/* ---- JSON Lines ---- */

static void test_jsonl_good(void)
{
	struct got g = { 0 };
	CHECK_INT(run(&g, FIX "good.jsonl", NULL), 0);
	CHECK_INT(g.n, 6);
	CHECK_INT(g.nbad, 0);
	if (g.n != 6) {
		got_free(&g);
		return;
	}
	static const long lines[] = { 1, 3, 4, 5, 6, 7 };
	for (size_t i = 0; i < 6; i++)
		CHECK_INT(g.lines[i], lines[i]);
	struct doc *d = g.docs;
	CHECK_STR(d[0].id, "g-1");
	CHECK_STR(d[0].body, "Vaksin COVID-19 mengandung chip 5G untuk melacak warga.");
	CHECK(d[0].url == NULL);              /* "" is absent */
	CHECK_STR(d[0].source, "tes");
	CHECK_STR(d[1].label, "factcheck");   /* FACT-CHECK */
	CHECK_STR(d[1].rating, "SALAH");
	CHECK_STR(d[1].claim, "Vaksin mengandung chip");
	CHECK_STR(d[1].body, "Penjelasan: tidak ada chip dalam vaksin.");  /* body alias */
	CHECK_STR(d[1].publisher, "Mafindo");
	CHECK_STR(d[1].date, "2021-03-04");   /* 04/03/2021 */
	CHECK_STR(d[1].source, "good");       /* the file's base name */
	CHECK_STR(d[2].label, "official");    /* resmi */
	CHECK_STR(d[2].date, "2021-03-05");
	CHECK_STR(d[2].source, "good");       /* null source */
	CHECK_STR(d[3].id, "good:g-1");          /* duplicate ids pass through */
	CHECK_STR(d[3].label, "hoax");
	CHECK(d[3].date == NULL);             /* unreadable date dropped, record kept */
	CHECK_STR(d[4].id, "good:42");           /* integer id */
	CHECK_STR(d[4].body, "spasi di tepi");
	CHECK_STR(d[4].date, "2020-08-17");
	CHECK(d[5].id == NULL && d[5].title == NULL);
	CHECK_STR(d[5].body, "Tanpa id dan judul; emoji \xF0\x9F\xA4\x94 dan "
		  "\xE2\x80\x9Ckutip\xE2\x80\x9D.");

	/* --source names the corpus when a record has none */
	struct import_opts o = { .source = "kumpulan" };
	run(&g, FIX "good.jsonl", &o);
	CHECK_INT(g.n, 6);
	if (g.n == 6) {
		CHECK_STR(g.docs[0].source, "tes");
		CHECK_STR(g.docs[1].source, "kumpulan");
	}
	got_free(&g);
}

static void test_jsonl_bad(void)
{
	struct got g = { 0 };
	CHECK_INT(run(&g, FIX "bad.jsonl", NULL), 0);
	CHECK_INT(g.n, 2);
	if (g.n == 2) {
		CHECK_STR(g.docs[0].id, "bad:b-1");
		CHECK_INT(g.lines[0], 1);
		CHECK_STR(g.docs[1].id, "bad:b-9");
		CHECK_INT(g.lines[1], 9);
	}
	CHECK_INT(g.nbad, 10);
	CHECK(bad_is(&g, 0, 2, "\"title\" is not a string"));
	CHECK(bad_is(&g, 1, 3, "invalid JSON"));
	CHECK(bad_is(&g, 2, 4, "not a JSON object"));
	CHECK(bad_is(&g, 3, 5, "unknown label \"satire\""));
	CHECK(bad_is(&g, 4, 6, "no text, claim or title"));
	CHECK(bad_is(&g, 5, 7, "no label"));
	CHECK(bad_is(&g, 6, 10, "invalid UTF-8"));
	CHECK(bad_is(&g, 7, 11, "\"label\" is not a string"));
	CHECK(bad_is(&g, 8, 12, "NUL"));
	CHECK(bad_is(&g, 9, 13, "premature end of input"));

	/* --label fills in a missing label but does not override one */
	struct import_opts o = { .label = "Hoaks" };
	run(&g, FIX "bad.jsonl", &o);
	CHECK_INT(g.n, 3);
	CHECK_INT(g.nbad, 9);
	if (g.n == 3) {
		CHECK_STR(g.docs[1].id, "bad:b-7");
		CHECK_STR(g.docs[1].label, "hoax");
	}
	got_free(&g);
}

/* ---- CSV ---- */

static void test_csv_comma(void)
{
	struct got g = { 0 };
	CHECK_INT(run(&g, FIX "comma.csv", NULL), 0);
	CHECK_INT(g.n, 3);
	CHECK_INT(g.nbad, 0);
	if (g.n == 3) {
		CHECK_INT(g.lines[0], 2);
		CHECK_INT(g.lines[1], 3);
		CHECK_INT(g.lines[2], 8);
		CHECK_STR(g.docs[0].body, "Isi satu, dengan koma");
		CHECK_STR(g.docs[0].url, "https://a.example/1");
		CHECK_STR(g.docs[0].source, "comma");
		CHECK_STR(g.docs[1].title, "Judul \"dua\"");
		CHECK_STR(g.docs[1].body, "Baris pertama\nbaris kedua\n\nbaris keempat");
		CHECK_STR(g.docs[1].date, "2019-12-31");
		CHECK_STR(g.docs[1].source, "korpus");
		CHECK(g.docs[2].date == NULL && g.docs[2].url == NULL);
	}
	got_free(&g);
}

static void test_csv_semicolon_tab(void)
{
	struct got g = { 0 };
	CHECK_INT(run(&g, FIX "semicolon.csv", NULL), 0);
	CHECK_INT(g.n, 2);
	CHECK_INT(g.nbad, 0);
	if (g.n == 2) {
		CHECK_STR(g.docs[0].id, "semicolon:sc-1");
		CHECK_STR(g.docs[0].label, "hoax");
		CHECK_STR(g.docs[0].title, "Judul titik koma");   /* Judul */
		CHECK_STR(g.docs[0].body, "Narasi, dengan koma; dan titik koma");
		CHECK_STR(g.docs[0].date, "2021-03-02");
		CHECK_STR(g.docs[1].body, "Baris satu\nbaris dua");  /* CRLF in a field */
		CHECK_INT(g.lines[1], 3);
	}
	CHECK_INT(run(&g, FIX "tabs.tsv", NULL), 0);
	CHECK_INT(g.n, 1);
	if (g.n == 1)
		CHECK_STR(g.docs[0].body, "Isi, dengan koma; dan titik koma");
	got_free(&g);
}

static void read_cp1252(void *arg)
{
	run(arg, FIX "cp1252.csv", NULL);
}

static void test_csv_cp1252(void)
{
	struct got g = { 0 };
	char *err = capture_stderr(read_cp1252, &g);
	CHECK_INT(g.rc, 0);
	CHECK_INT(g.n, 1);
	if (g.n == 1) {
		CHECK_STR(g.docs[0].title, "\xE2\x80\x9CKutipan\xE2\x80\x9D caf\xC3\xA9");
		CHECK_STR(g.docs[0].body, "Harga \xE2\x82\xAC 5 \xE2\x80\x93 murah");
	}
	CHECK(strstr(err, "cp1252.csv: not UTF-8, read as Windows-1252") != NULL);
	/* one warning for the file, not one per byte */
	int warnings = 0;
	for (const char *q = err; (q = strstr(q, "Windows-1252")) != NULL; q++)
		warnings++;
	CHECK_INT(warnings, 1);
	free(err);
	got_free(&g);
}

static void test_csv_bad_rows(void)
{
	struct got g = { 0 };
	CHECK_INT(run(&g, FIX "unbalanced.csv", NULL), 0);
	CHECK_INT(g.n, 2);
	if (g.n == 2) {
		CHECK_STR(g.docs[0].id, "unbalanced:u-1");
		CHECK_STR(g.docs[1].id, "unbalanced:u-3");
		CHECK_INT(g.lines[1], 4);
	}
	CHECK_INT(g.nbad, 2);
	CHECK(bad_is(&g, 0, 3, "expected 4 fields, got 3"));
	CHECK(bad_is(&g, 1, 6, "unterminated quoted field"));

	/* an unbalanced quote in the header: nothing can be read */
	const char *p = write_str("hdr.csv", "id,\"label,text\nx,hoax,y\n");
	CHECK_INT(run(&g, p, NULL), -1);
	CHECK(g.err && strstr(g.err, "unterminated quoted field in the header"));

	/* a NUL byte in a field is a bad row, the next row is fine */
	static const char nul[] = "id,label,text\na,hoax,x\0y\nb,hoax,z\n";
	p = write_tmp("nul.csv", nul, sizeof nul - 1);
	CHECK_INT(run(&g, p, NULL), 0);
	CHECK_INT(g.n, 1);
	CHECK(bad_is(&g, 0, 2, "NUL"));

	/* a row without a label, then with --label */
	p = write_str("nolabel.csv", "title,label\nA,\nB,official\n");
	run(&g, p, NULL);
	CHECK_INT(g.n, 1);
	CHECK(bad_is(&g, 0, 2, "no label"));
	struct import_opts o = { .label = "hoax" };
	run(&g, p, &o);
	CHECK_INT(g.n, 2);
	if (g.n == 2) {
		CHECK_STR(g.docs[0].label, "hoax");
		CHECK_STR(g.docs[1].label, "official");
	}

	/* a header only, and an empty file: no records, no error */
	/* old Mac line ends */
	p = write_str("mac.csv", "id,label,text\ra,hoax,\"x\ry\"\rb,hoax,z\r");
	CHECK_INT(run(&g, p, NULL), 0);
	CHECK_INT(g.n, 2);
	if (g.n == 2) {
		CHECK_STR(g.docs[0].body, "x\ny");
		CHECK_INT(g.lines[1], 4);
	}

	p = write_str("header-only.csv", "id,label,text\n");
	CHECK_INT(run(&g, p, NULL), 0);
	CHECK_INT(g.n + g.nbad, 0);
	p = write_str("empty.csv", "");
	CHECK_INT(run(&g, p, NULL), 0);
	CHECK_INT(g.n + g.nbad, 0);
	got_free(&g);
}

static void test_csv_map(void)
{
	struct got g = { 0 };
	/* no known text column */
	CHECK_INT(run(&g, FIX "map.csv", NULL), -1);
	CHECK(g.err && strstr(g.err, "map.csv: no title, claim or text column"));

	const char *map[] = { "body=isi_berita", "Title=JUDUL_BERITA", "id=kode" };
	struct import_opts o = { .map = map, .nmap = 3 };
	CHECK_INT(run(&g, FIX "map.csv", &o), 0);
	/* "kategori" comes before "label": the first known column wins */
	CHECK_INT(g.n, 2);
	if (g.n == 2)
		CHECK_STR(g.docs[0].label, "official");
	/* the "label" column holds 1/0 */
	const char *map1[] = { "body=isi_berita", "label=label" };
	o.map = map1;
	o.nmap = 2;
	CHECK_INT(run(&g, FIX "map.csv", &o), 0);
	CHECK_INT(g.n, 0);
	CHECK(bad_is(&g, 0, 2, "unknown label \"1\""));
	o.nmap = 3;

	/* label=kategori wins over the column named label */
	const char *map2[] = { "body=isi_berita", "label=kategori", "id=kode" };
	o.map = map2;
	CHECK_INT(run(&g, FIX "map.csv", &o), 0);
	CHECK_INT(g.n, 2);
	if (g.n == 2) {
		CHECK_STR(g.docs[0].id, "map:m-1");
		CHECK_STR(g.docs[0].label, "official");
		CHECK_STR(g.docs[0].body, "Isi peta");
		CHECK_STR(g.docs[1].label, "hoax");
	}

	/* "label=" ignores the column; --label gives the label */
	const char *map3[] = { "text=isi_berita", "label=" };
	o.map = map3;
	o.nmap = 2;
	o.label = "factcheck";
	CHECK_INT(run(&g, FIX "map.csv", &o), 0);
	CHECK_INT(g.n, 2);
	if (g.n == 2)
		CHECK_STR(g.docs[1].label, "factcheck");

	const char *unknown[] = { "isi=isi_berita" };
	o.map = unknown;
	o.nmap = 1;
	CHECK_INT(run(&g, FIX "map.csv", &o), -1);
	CHECK(g.err && strstr(g.err, "unknown field \"isi\""));
	CHECK_INT(run(&g, FIX "good.jsonl", &o), -1);   /* checked for every format */

	const char *noeq[] = { "body" };
	o.map = noeq;
	CHECK_INT(run(&g, FIX "map.csv", &o), -1);
	CHECK(g.err && strstr(g.err, "expected field=column"));

	const char *nocol[] = { "body=tidak_ada" };
	o.map = nocol;
	CHECK_INT(run(&g, FIX "map.csv", &o), -1);
	CHECK(g.err && strstr(g.err, "no column \"tidak_ada\""));
	CHECK_INT(g.n + g.nbad, 0);
	got_free(&g);
}

/* ---- ClaimReview ---- */

static void test_claimreview(void)
{
	struct got g = { 0 };
	CHECK_INT(run(&g, FIX "claimreview-single.json", NULL), 0);
	CHECK_INT(g.n, 1);
	CHECK_INT(g.nbad, 0);
	if (g.n == 1) {
		struct doc *d = &g.docs[0];
		CHECK_INT(g.lines[0], 1);
		CHECK_STR(d->label, "factcheck");
		CHECK_STR(d->rating, "SALAH");
		CHECK_STR(d->claim, "Vaksin COVID-19 mengandung microchip yang bisa dilacak lewat "
			  "sinyal 5G di seluruh Indonesia mulai bulan depan");
		/* no name: the claim, cut at a word, makes the title */
		CHECK_STR(d->title, "Vaksin COVID-19 mengandung microchip yang bisa dilacak lewat "
			  "sinyal 5G di seluruh Indonesia mulai\xE2\x80\xA6");
		CHECK_STR(d->body, "Klaim itu salah. Vaksin tidak mengandung microchip.");
		CHECK_STR(d->publisher, "Cek Fakta Contoh");
		CHECK_STR(d->url, "https://cekfakta.example/2023/05/vaksin-chip");
		CHECK_STR(d->date, "2023-05-17");
		CHECK_STR(d->source, "claimreview-single");
		/* a review is known by its url */
		CHECK(d->id && strncmp(d->id, "cr-", 3) == 0 && strlen(d->id) == 19);
		CHECK_INT(d->id_scope, DOC_ID_REVIEW);
	}

	CHECK_INT(run(&g, FIX "claimreview-array.json", NULL), 0);
	CHECK_INT(g.n, 2);
	if (g.n == 2) {
		CHECK_INT(g.lines[0], 2);
		CHECK_STR(g.docs[0].title, "[HOAKS] Bantuan tunai Rp 5 juta lewat tautan");
		CHECK_STR(g.docs[0].publisher, "Mafindo");     /* author array */
		CHECK_STR(g.docs[0].body, "Tautan itu penipuan.");  /* description */
		CHECK_STR(g.docs[0].rating, "PENIPUAN");
		CHECK_INT(g.lines[1], 14);
		CHECK_STR(g.docs[1].id, "claimreview-array:cr-3");
		CHECK_STR(g.docs[1].title, "Air kelapa tidak menyembuhkan COVID-19");  /* headline */
		CHECK_STR(g.docs[1].rating, "Keliru");         /* textualRating */
		CHECK_STR(g.docs[1].date, "2021-02-05");
	}
	CHECK_INT(g.nbad, 2);
	CHECK(bad_is(&g, 0, 13, "not a ClaimReview (@type \"WebPage\")"));
	CHECK(bad_is(&g, 1, 22, "not a JSON object"));

	struct import_opts o = { .label = "official", .source = "cekfakta" };
	CHECK_INT(run(&g, FIX "claimreview-graph.jsonld", &o), 0);
	CHECK_INT(g.n, 2);
	CHECK_INT(g.nbad, 0);        /* the WebSite node is passed over */
	if (g.n == 2) {
		CHECK_INT(g.lines[0], 5);
		CHECK_STR(g.docs[0].label, "official");
		CHECK_STR(g.docs[0].source, "cekfakta");
		CHECK_STR(g.docs[0].publisher, "Tim Cek Fakta");   /* author as a string */
		CHECK_STR(g.docs[0].title, "Gempa besar akan terjadi besok pukul 10.00");
		CHECK_INT(g.lines[1], 13);
		CHECK_STR(g.docs[1].title, "Kedua");
		CHECK(g.docs[1].date == NULL);                      /* 30 February */
	}

	/* a syntax error in the 2nd element keeps the 1st */
	const char *p = write_str("broken.json",
		"[\n {\"@type\": \"ClaimReview\", \"claimReviewed\": \"satu\"},\n"
		" {\"@type\": \"ClaimReview\",\n  \"claimReviewed\": \"dua\" \"x\"},\n"
		" {\"@type\": \"ClaimReview\", \"claimReviewed\": \"tiga\"}\n]\n");
	CHECK_INT(run(&g, p, NULL), 0);
	CHECK_INT(g.n, 1);
	CHECK(bad_is(&g, 0, 4, "invalid JSON"));
	p = write_str("unclosed.json",
		"[\n {\"claimReviewed\": \"satu\"},\n {\"claimReviewed\": \"dua\"}\n");
	run(&g, p, NULL);
	CHECK_INT(g.n, 2);
	CHECK(bad_is(&g, 0, 4, "unterminated JSON array"));
	p = write_str("garbage.json", "{\"claimReviewed\": \n\n \"x\" ]");
	CHECK_INT(run(&g, p, NULL), 0);
	CHECK_INT(g.n, 0);
	CHECK(bad_is(&g, 0, 3, "invalid JSON"));
	p = write_str("empty-array.json", " [ ] ");
	CHECK_INT(run(&g, p, NULL), 0);
	CHECK_INT(g.n + g.nbad, 0);
	got_free(&g);
}

/* ---- text ---- */

static void test_text(void)
{
	struct got g = { 0 };
	CHECK_INT(run(&g, FIX "textdir", NULL), 0);
	CHECK_INT(g.n, 0);
	CHECK(bad_is(&g, 0, 1, "no label; use --label"));

	struct import_opts o = { .label = "official" };
	CHECK_INT(run(&g, FIX "textdir", &o), 0);
	CHECK_INT(g.n, 2);       /* ignored.csv and the sub.md directory are skipped */
	CHECK_INT(g.nbad, 0);
	if (g.n == 2) {
		CHECK(g.docs[0].id == NULL);
		CHECK_STR(g.docs[0].title, "Siaran Pers: Bansos Tidak Lewat Tautan");
		CHECK_STR(g.docs[0].body, "Kementerian Sosial menegaskan bantuan sosial tidak "
			  "dibagikan lewat tautan WhatsApp.\n\nMasyarakat diminta waspada.");
		CHECK_STR(g.docs[0].label, "official");
		CHECK_STR(g.docs[0].source, "textdir");
		CHECK_STR(g.docs[1].title, "Klarifikasi Dinas Kesehatan");   /* Setext heading */
		CHECK_STR(g.docs[1].body, "Air kelapa tidak menyembuhkan COVID-19.");
	}
	CHECK_INT(run(&g, FIX "textdir/", &o), 0);
	CHECK_INT(g.n, 2);
	if (g.n == 2)
		CHECK_STR(g.docs[0].source, "textdir");

	CHECK_INT(run(&g, FIX "textdir/02-kelapa.md", NULL), 0);
	CHECK(bad_is(&g, 0, 1, "no label; use --label"));
	o.source = "rilis";
	CHECK_INT(run(&g, FIX "textdir/02-kelapa.md", &o), 0);
	CHECK_INT(g.n, 1);
	if (g.n == 1)
		CHECK_STR(g.docs[0].source, "rilis");

	/* front matter, a heading-less file, a hashtag, empty files */
	o.source = NULL;
	const char *p = write_str("fm.md",
		"---\ntitle: \"Judul dari front matter\"\ndate: 2024-02-01\n---\n\nIsi.\n");
	run(&g, p, &o);
	CHECK_INT(g.n, 1);
	if (g.n == 1) {
		CHECK_STR(g.docs[0].title, "Judul dari front matter");
		CHECK_STR(g.docs[0].date, "2024-02-01");
		CHECK_STR(g.docs[0].body, "Isi.");
		CHECK_STR(g.docs[0].source, "fm");
	}
	p = write_str("pesan.txt", "#viral Pesan berantai\nIsi pesan.");
	run(&g, p, &o);
	CHECK_INT(g.n, 1);
	if (g.n == 1) {
		CHECK_STR(g.docs[0].title, "#viral Pesan berantai");
		CHECK_STR(g.docs[0].body, "Isi pesan.");
	}
	p = write_str("mac.txt", "Judul\rIsi satu\r\nIsi dua\r");
	run(&g, p, &o);
	CHECK_INT(g.n, 1);
	if (g.n == 1) {
		CHECK_STR(g.docs[0].title, "Judul");
		CHECK_STR(g.docs[0].body, "Isi satu\nIsi dua");
	}
	p = write_str("kosong.txt", " \n\n\t\n");
	run(&g, p, &o);
	CHECK_INT(g.n, 0);
	CHECK(bad_is(&g, 0, 1, "empty file"));
	static const char bin[] = "judul\n\0\x01\x02";
	p = write_tmp("biner.txt", bin, sizeof bin - 1);
	run(&g, p, &o);
	CHECK_INT(g.n, 0);
	CHECK(bad_is(&g, 0, 1, "NUL"));

	/* an empty directory is not an error */
	mkdir(tmp_path("kosong"), 0700);
	CHECK_INT(run(&g, tmp_path("kosong"), &o), 0);
	CHECK_INT(g.n + g.nbad, 0);
	got_free(&g);
}

/* ---- detection ---- */

static void test_detect(void)
{
	struct got g = { 0 };
	struct import_opts o = { .label = "hoax" };
	struct strbuf sb = STRBUF_INIT;
	static const struct {
		const char *fixture, *name;
		size_t n;          /* docs expected */
		const char *title; /* of the first doc */
	} cases[] = {
		{ FIX "good.jsonl", "a.dat", 6, "Vaksin mengandung chip" },
		{ FIX "good.jsonl", "b.json", 6, "Vaksin mengandung chip" },   /* JSON Lines in .json */
		{ FIX "claimreview-single.json", "c.dat", 1, NULL },
		{ FIX "claimreview-array.json", "d", 2, "[HOAKS] Bantuan tunai Rp 5 juta lewat tautan" },
		{ FIX "claimreview-graph.jsonld", "e.DAT", 2, "Gempa besar akan terjadi besok pukul 10.00" },
		{ FIX "semicolon.csv", "f.txt.dat", 2, "Judul titik koma" },
		{ FIX "comma.csv", "g", 3, "Judul satu" },
		{ FIX "textdir/01-bansos.md", "h.dat", 1, "Siaran Pers: Bansos Tidak Lewat Tautan" },
		{ FIX "bad.jsonl", "i.dat", 3, "baik" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		sb_release(&sb);
		read_file(cases[i].fixture, &sb);
		const char *p = write_tmp(cases[i].name, sb.buf, sb.len);
		CHECK_INT(run(&g, p, &o), 0);
		CHECK_INT(g.n, cases[i].n);
		if (g.n && cases[i].title)
			CHECK_STR(g.docs[0].title, cases[i].title);
	}
	sb_release(&sb);

	/* plain text whose first line has commas is not CSV */
	const char *p = write_str("pesan", "Halo, ini pesan; sebarkan, ya\nIsi.\n");
	run(&g, p, &o);
	CHECK_INT(g.n, 1);
	if (g.n == 1)
		CHECK_STR(g.docs[0].title, "Halo, ini pesan; sebarkan, ya");
	/* ... unless --map names one of its columns */
	p = write_str("kolom", "kode,isi_berita\n1,Isi\n");
	const char *map[] = { "body=isi_berita" };
	struct import_opts om = { .label = "hoax", .map = map, .nmap = 1 };
	run(&g, p, &om);
	CHECK_INT(g.n, 1);
	if (g.n == 1)
		CHECK_STR(g.docs[0].body, "Isi");

	/* --format wins over the extension */
	p = write_str("x.jsonl", "id,label,text\nf-1,hoax,dipaksa CSV\n");
	o.format = FMT_CSV;
	CHECK_INT(run(&g, p, &o), 0);
	CHECK_INT(g.n, 1);
	o.format = FMT_TEXT;
	CHECK_INT(run(&g, FIX "good.jsonl", &o), 0);
	CHECK_INT(g.n, 1);
	if (g.n == 1)
		CHECK(strncmp(g.docs[0].title, "{\"id\": \"g-1\"", 12) == 0);

	/* a UTF-8 BOM and UTF-16 are read too */
	p = write_str("bom.csv", "\xEF\xBB\xBFid,label,text\nb,hoax,isi\n");
	o.format = FMT_AUTO;
	CHECK_INT(run(&g, p, &o), 0);
	CHECK_INT(g.n, 1);
	if (g.n == 1)
		CHECK_STR(g.docs[0].id, "bom:b");
	static const char u16[] = "\xFF\xFEi\0d\0\t\0t\0e\0x\0t\0\n\0" "1\0\t\0\xE9\0 \0=\xD8\x00\xDE\n\0";
	p = write_tmp("excel.tsv", u16, sizeof u16 - 1);
	CHECK_INT(run(&g, p, &o), 0);
	CHECK_INT(g.n, 1);
	if (g.n == 1)
		CHECK_STR(g.docs[0].body, "\xC3\xA9 \xF0\x9F\x98\x80");
	got_free(&g);
}

static void read_stdin_case(void *arg)
{
	run(arg, "-", NULL);
}

static void test_stdin(void)
{
	struct got g = { 0 };
	if (!freopen(FIX "good.jsonl", "r", stdin)) {
		CHECK(0);
		return;
	}
	char *err = capture_stderr(read_stdin_case, &g);
	CHECK_INT(g.rc, 0);
	CHECK_INT(g.n, 6);
	if (g.n == 6) {
		CHECK_STR(g.docs[0].source, "tes");
		CHECK_STR(g.docs[1].source, "stdin");
	}
	free(err);
	got_free(&g);
}

/* ---- errors and hostile input ---- */

static void test_errors(void)
{
	struct got g = { 0 };
	CHECK_INT(run(&g, tmp_path("tidak-ada.csv"), NULL), -1);
	CHECK(g.err && strstr(g.err, "tidak-ada.csv: no such file or directory"));

	mkdir(tmp_path("dir.csv"), 0700);
	CHECK_INT(run(&g, tmp_path("dir.csv"), NULL), -1);
	CHECK(g.err && strstr(g.err, "dir.csv: is a directory"));
	struct import_opts o = { .format = FMT_JSONL };
	CHECK_INT(run(&g, FIX "textdir", &o), -1);
	CHECK(g.err && strstr(g.err, "textdir: is a directory"));

	CHECK_INT(mkfifo(tmp_path("fifo.jsonl"), 0600), 0);
	CHECK_INT(run(&g, tmp_path("fifo.jsonl"), NULL), -1);
	CHECK(g.err && strstr(g.err, "fifo.jsonl: not a regular file"));
	CHECK_INT(run(&g, "/dev/null", NULL), -1);

	struct import_opts ol = { .label = "satire" };
	CHECK_INT(run(&g, FIX "good.jsonl", &ol), -1);
	CHECK(g.err && strstr(g.err, "unknown label \"satire\""));
	got_free(&g);
}

static void test_stop(void)
{
	static const char *const files[] = {
		FIX "good.jsonl", FIX "comma.csv", FIX "claimreview-array.json",
		FIX "claimreview-graph.jsonld", FIX "textdir",
	};
	struct import_opts o = { .label = "official" };
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		struct got g = { .stop_after = 1 };
		CHECK_INT(run(&g, files[i], &o), 0);
		CHECK_INT(g.n, 1);
		got_free(&g);
	}
}

/* A small deterministic generator for garbage (xorshift32). */
static uint32_t rnd(uint32_t *s)
{
	*s ^= (uint32_t)((uint64_t)*s << 13);
	*s ^= *s >> 17;
	*s ^= (uint32_t)((uint64_t)*s << 5);
	return *s;
}

static void garbage(void *arg)
{
	(void)arg;
	static const char *const names[] = { "g.jsonl", "g.csv", "g.json", "g.txt", "g.dat" };
	static const char alphabet[] = "{}[],;:\"\\\n\r\t ab1@#-\x00\xff\xc3\xa9\xe2\x80";
	struct import_opts o = { .label = "hoax" };
	struct got g = { 0 };
	uint32_t seed = 12345;
	int odd = 0;
	char buf[4096];
	for (int round = 0; round < 200; round++) {
		size_t n = rnd(&seed) % sizeof buf;
		for (size_t i = 0; i < n; i++)
			buf[i] = (round & 1) ? (char)rnd(&seed) : alphabet[rnd(&seed) % (sizeof alphabet - 1)];
		for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
			const char *p = write_tmp(names[k], buf, n);
			int rc = run(&g, p, &o);
			odd += rc != 0 && rc != -1;
		}
	}
	CHECK_INT(odd, 0);
	got_free(&g);
}

/* Random bytes in every format: no crash, and rc is 0 or -1 (warnings go to a file). */
static void test_garbage(void)
{
	free(capture_stderr(garbage, NULL));
}

/* 50 MB on one line, for each reader. */
static void test_huge_line(void)
{
	size_t big = 50u << 20;
	struct strbuf sb = STRBUF_INIT;
	struct got g = { 0 };
	struct import_opts o = { .label = "hoax" };
	char *fill = xmalloc(big);
	memset(fill, 'a', big);

	sb_puts(&sb, "{\"id\": \"besar\", \"label\": \"hoax\", \"text\": \"");
	sb_add(&sb, fill, big);
	sb_puts(&sb, "\"}\n{\"id\": \"kecil\", \"label\": \"hoax\", \"text\": \"x\"}\n");
	const char *p = write_tmp("big.jsonl", sb.buf, sb.len);
	CHECK_INT(run(&g, p, NULL), 0);
	unlink(p);
	CHECK_INT(g.n, 2);
	if (g.n == 2) {
		CHECK_INT(strlen(g.docs[0].body), big);
		CHECK_INT(g.lines[1], 2);
	}

	sb_reset(&sb);
	sb_puts(&sb, "id,text\nbesar,\"");
	sb_add(&sb, fill, big);
	sb_puts(&sb, "\"\nkecil,x\n");
	p = write_tmp("big.csv", sb.buf, sb.len);
	CHECK_INT(run(&g, p, &o), 0);
	unlink(p);
	CHECK_INT(g.n, 2);
	if (g.n == 2) {
		CHECK_INT(strlen(g.docs[0].body), big);
		CHECK_INT(g.lines[1], 3);
	}

	sb_reset(&sb);
	sb_add(&sb, fill, big);
	p = write_tmp("big.txt", sb.buf, sb.len);
	CHECK_INT(run(&g, p, &o), 0);
	unlink(p);
	CHECK_INT(g.n, 1);
	free(fill);
	sb_release(&sb);
	got_free(&g);
}

/* ---- writers ---- */

static const struct doc sample_docs[] = {
	{ .id = "s-1", .label = "hoax", .title = "Judul \"kutip\"",
	  .body = "Baris\nkedua\t\\ \xF0\x9F\xA4\x94",
	  .date = "2020-08-17", .source = "uji" },
	{ .id = "s-2", .label = "factcheck", .rating = "SALAH", .title = "[SALAH] Klaim",
	  .claim = "Klaim yang beredar", .body = "Penjelasan.", .publisher = "Mafindo",
	  .url = "https://turnbackhoax.id/x", .date = "2021-01-02", .source = "uji" },
	{ .label = "official", .body = "Hanya isi, tanpa judul dan klaim.", .source = "lain" },
	{ .label = "factcheck", .claim = "Hanya klaim, tanpa judul, yang cukup panjang untuk dipotong "
	  "bila judul dibuat dari klaim oleh pembaca ClaimReview biasa", .source = "lain" },
};

static void test_export_jsonl_shape(void)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	export_jsonl(f, &sample_docs[1]);
	fclose(f);
	CHECK_STR(text, "{\"id\":\"s-2\",\"label\":\"factcheck\",\"rating\":\"SALAH\","
		  "\"title\":\"[SALAH] Klaim\","
		  "\"claim\":\"Klaim yang beredar\",\"text\":\"Penjelasan.\",\"publisher\":\"Mafindo\","
		  "\"url\":\"https://turnbackhoax.id/x\",\"date\":\"2021-01-02\",\"source\":\"uji\"}\n");
	free(text);

	/* invalid UTF-8 in a document still gives valid JSON */
	struct doc d = { .label = "hoax", .body = "rusak \xff" };
	f = open_memstream(&text, &len);
	export_jsonl(f, &d);
	fclose(f);
	CHECK_STR(text, "{\"label\":\"hoax\",\"text\":\"rusak \xEF\xBF\xBD\"}\n");
	free(text);

	/* ClaimReview: a JSON array with schema.org keys */
	f = open_memstream(&text, &len);
	struct exporter ex;
	export_begin(&ex, f, 1);
	export_doc(&ex, &sample_docs[1]);
	export_doc(&ex, &sample_docs[2]);
	export_end(&ex);
	fclose(f);
	CHECK_INT(ex.docs, 2);
	json_error_t e;
	json_t *v = json_loads(text, 0, &e);
	CHECK(json_is_array(v) && json_array_size(v) == 2);
	json_t *o = json_array_get(v, 0);
	CHECK_STR(json_string_value(json_object_get(o, "@context")), "https://schema.org");
	CHECK_STR(json_string_value(json_object_get(o, "@type")), "ClaimReview");
	CHECK_STR(json_string_value(json_object_get(o, "claimReviewed")), "Klaim yang beredar");
	json_t *rating = json_object_get(o, "reviewRating");
	CHECK_STR(json_string_value(json_object_get(rating, "alternateName")), "SALAH");
	CHECK_STR(json_string_value(json_object_get(json_object_get(o, "author"), "name")), "Mafindo");
	CHECK_STR(json_string_value(json_object_get(o, "datePublished")), "2021-01-02");
	CHECK_STR(json_string_value(json_object_get(o, "identifier")), "s-2");
	CHECK(strncmp(text, "[\n  {\n    \"@context\"", 20) == 0);
	json_decref(v);
	free(text);

	f = open_memstream(&text, &len);
	export_begin(&ex, f, 1);
	export_end(&ex);
	fclose(f);
	v = json_loads(text, 0, &e);
	CHECK(json_is_array(v) && json_array_size(v) == 0);
	json_decref(v);
	free(text);
}

/* Write docs with one writer, read them back, compare. */
static void round_trip(const struct doc *docs, size_t n, int claimreview, const char *name)
{
	const char *path = tmp_path(name);
	FILE *f = fopen(path, "w");
	struct exporter ex;
	export_begin(&ex, f, claimreview);
	for (size_t i = 0; i < n; i++)
		export_doc(&ex, &docs[i]);
	export_end(&ex);
	fclose(f);
	struct got g = { 0 };
	CHECK_INT(run(&g, path, NULL), 0);
	CHECK_INT(g.n, n);
	CHECK_INT(g.nbad, 0);
	for (size_t i = 0; i < n && i < g.n; i++) {
		if (!docs_equal(&docs[i], &g.docs[i]))
			fprintf(stderr, "  %s: doc %zu differs\n", name, i);
		CHECK(docs_equal(&docs[i], &g.docs[i]));
	}
	got_free(&g);
}

static void test_round_trip(void)
{
	size_t n = sizeof sample_docs / sizeof sample_docs[0];
	round_trip(sample_docs, n, 0, "rt.jsonl");
	round_trip(sample_docs, n, 1, "rt.json");

	/* and the documents every fixture gives */
	static const char *const files[] = {
		FIX "good.jsonl", FIX "comma.csv", FIX "semicolon.csv",
		FIX "claimreview-single.json", FIX "claimreview-array.json",
		FIX "claimreview-graph.jsonld",
	};
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		struct got g = { 0 };
		run(&g, files[i], NULL);
		round_trip(g.docs, g.n, 0, "rt2.jsonl");
		round_trip(g.docs, g.n, 1, "rt2.json");
		got_free(&g);
	}
}

/* ---- the shared corpus ---- */

static int count_doc(void *ctx, struct doc *d, long line)
{
	(void)line;
	long *n = ctx;
	n[0]++;
	doc_clear(d);
	return 0;
}

static void count_bad(void *ctx, long line, const char *why)
{
	long *n = ctx;
	if (n[1]++ < 5)
		fprintf(stderr, "  corpus.jsonl:%ld: %s\n", line, why);
}

static void test_corpus(void)
{
	const char *dir = getenv("SARING_SHARED");
	struct strbuf path = STRBUF_INIT;
	sb_printf(&path, "%s/corpus.jsonl", dir && *dir ? dir : "../shared/data");
	if (access(path.buf, R_OK) != 0) {
		T_SKIP("%s not found", path.buf);
		sb_release(&path);
		return;
	}
	long n[2] = { 0, 0 };
	char *err = NULL;
	struct timespec a, b;
	clock_gettime(CLOCK_MONOTONIC, &a);
	CHECK_INT(import_read(path.buf, NULL, count_doc, count_bad, n, &err), 0);
	clock_gettime(CLOCK_MONOTONIC, &b);
	CHECK_INT(n[0], 8316);
	CHECK_INT(n[1], 0);
	printf("corpus.jsonl: %ld docs in %.3f s\n", n[0],
	       (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9);
	free(err);
	sb_release(&path);
}

/* --map-label comes before the known labels; a bad entry stops the import. */
static void test_label_map(void)
{
	struct got g = { 0 };
	const char *path = write_str("map01.csv",
		"id,label,text\n1,1,satu\n2,0,dua\n3, Hoaks ,tiga\n4,benar,empat\n5,2,lima\n6,SALAH,enam\n");
	const char *maps[] = { "1=hoax, 0 = resmi", "salah=official" };
	struct import_opts o = { 0 };
	o.label_map = maps;
	o.nlabel_map = 2;
	CHECK_INT(run(&g, path, &o), 0);
	CHECK_INT(g.n, 5);
	static const char *const want[] = { "hoax", "official", "hoax", "official", "official" };
	for (size_t i = 0; i < 5 && i < g.n; i++)
		CHECK_STR(g.docs[i].label, want[i]);
	CHECK_INT(g.nbad, 1);
	CHECK(bad_is(&g, 0, 6, "unknown label \"2\" (say which it is: --map-label '2=LABEL', LABEL hoax, factcheck or official)"));

	static const struct { const char *entry, *err; } wrong[] = {
		{ "1", "bad --map-label \"1\": expected VALUE=LABEL" },
		{ "1=hoax,0", "bad --map-label \"0\"" },
		{ "1=benda", "unknown label in --map-label \"1=benda\"" },
	};
	for (size_t i = 0; i < sizeof wrong / sizeof *wrong; i++) {
		o.label_map = &wrong[i].entry;
		o.nlabel_map = 1;
		CHECK_INT(run(&g, path, &o), -1);
		CHECK_INT(g.n, 0);
		CHECK(g.err && strstr(g.err, wrong[i].err));
	}
	got_free(&g);
}

/*
 * Ids: a record naming its source keeps its id, others get SOURCE:ID
 * (--source or the file name; kept when it already starts so), none
 * stays NULL for the store.
 */
static void test_id_scope(void)
{
	struct got g = { 0 };
	const char *path = write_str("ids.jsonl",
		"{\"id\": \"a-1\", \"label\": \"hoax\", \"text\": \"x\", \"source\": \"tbh\"}\n"
		"{\"id\": \"a-1\", \"label\": \"hoax\", \"text\": \"x\"}\n"
		"{\"id\": \"ids:a-2\", \"label\": \"hoax\", \"text\": \"x\"}\n"
		"{\"label\": \"hoax\", \"text\": \"x\"}\n"
		"{\"id\": 7, \"label\": \"hoax\", \"text\": \"x\"}\n");
	CHECK_INT(run(&g, path, NULL), 0);
	CHECK_INT(g.n, 5);
	if (g.n == 5) {
		CHECK_STR(g.docs[0].id, "a-1");
		CHECK_INT(g.docs[0].id_scope, DOC_ID_OWN);
		CHECK_STR(g.docs[1].id, "ids:a-1");
		CHECK_INT(g.docs[1].id_scope, DOC_ID_SOURCE);
		CHECK_STR(g.docs[2].id, "ids:a-2");   /* already namespaced: an export read back */
		CHECK(g.docs[3].id == NULL);
		CHECK_INT(g.docs[3].id_scope, DOC_ID_NONE);
		CHECK_STR(g.docs[4].id, "ids:7");
	}
	struct import_opts o = { 0 };
	o.source = "fakenewsid";
	CHECK_INT(run(&g, FIX "rows-a.csv", &o), 0);
	CHECK_INT(g.n, 2);
	if (g.n == 2) {
		CHECK_STR(g.docs[0].id, "fakenewsid:1");
		CHECK_STR(g.docs[1].id, "fakenewsid:2");
		CHECK_STR(g.docs[1].source, "fakenewsid");
	}
	got_free(&g);
}

/* The id of a review read from path (its first document), copied. */
static char *review_id_of(const char *path)
{
	struct got g = { 0 };
	run(&g, path, NULL);
	char *id = g.n && g.docs[0].id ? xstrdup(g.docs[0].id) : NULL;
	got_free(&g);
	return id;
}

/*
 * A review is known by its url (scheme, www., host case, fragment and a
 * trailing / aside), else by claim, publisher and date; never by the
 * name of the file it came in.
 */
static void test_review_ids(void)
{
	static const char *const same_url[] = {
		"https://cekfakta.example/2024/a/", "http://www.CEKFAKTA.example/2024/a",
		"https://cekfakta.example/2024/a#komentar", " https://cekfakta.example/2024/a// ",
	};
	char *first = NULL;
	for (size_t i = 0; i < sizeof same_url / sizeof *same_url; i++) {
		struct strbuf sb = STRBUF_INIT;
		sb_printf(&sb, "{\"@type\": \"ClaimReview\", \"url\": \"%s\", \"claimReviewed\": \"Klaim\"}",
			  same_url[i]);
		char name[32];
		snprintf(name, sizeof name, "snap%zu.json", i);
		char *id = review_id_of(write_str(name, sb.buf));
		sb_release(&sb);
		CHECK(id && strncmp(id, "cr-", 3) == 0 && strlen(id) == 19);
		if (!first)
			first = id;
		else {
			CHECK_STR(id, first);
			free(id);
		}
	}
	/* a different path or query is a different review */
	char *other = review_id_of(write_str("other.json",
		"{\"@type\": \"ClaimReview\", \"url\": \"https://cekfakta.example/2024/A\", \"claimReviewed\": \"Klaim\"}"));
	CHECK(other && first && strcmp(other, first) != 0);
	free(other);
	free(first);
	/* no url: claim, publisher and date (in any spelling of the date) */
	char *a = review_id_of(write_str("c1.json",
		"{\"claimReviewed\": \"Klaim\", \"author\": \"Tim\", \"datePublished\": \"2024-03-05\"}"));
	char *b = review_id_of(write_str("c2.json",
		"{\"claimReviewed\": \"Klaim\", \"author\": {\"name\": \"Tim\"}, \"datePublished\": \"05/03/2024\"}"));
	char *c = review_id_of(write_str("c3.json",
		"{\"claimReviewed\": \"Klaim\", \"author\": \"Tim lain\", \"datePublished\": \"2024-03-05\"}"));
	CHECK(a && b && c && strcmp(a, b) == 0 && strcmp(a, c) != 0);
	free(a);
	free(b);
	free(c);
	/* an identifier without a url is namespaced; saring's own export keeps its id */
	char *d = review_id_of(write_str("ident.json", "{\"@type\": \"ClaimReview\", \"identifier\": 12, \"name\": \"t\"}"));
	CHECK_STR(d, "ident:12");
	free(d);
	char *e = review_id_of(write_str("ours.json", "{\"@type\": \"ClaimReview\", \"identifier\": \"x-1\", "
		"\"url\": \"https://a.example/\", \"name\": \"t\", \"saring:label\": \"hoax\", \"saring:source\": \"s\"}"));
	CHECK_STR(e, "x-1");
	free(e);
}

/* Reviews nested in @graph nodes, DataFeeds and Fact Check Tools responses; a value with none says why. */
static void test_review_shapes(void)
{
	struct got g = { 0 };
	CHECK_INT(run(&g, FIX "graph-nested.jsonld", NULL), 0);
	CHECK_INT(g.n, 2);
	CHECK_INT(g.nbad, 0);
	if (g.n == 2) {
		CHECK_STR(g.docs[0].rating, "Hoaks");
		CHECK_STR(g.docs[0].publisher, "Kantor Berita Contoh");
		CHECK_INT(g.lines[0], 5);   /* the Article node's line */
		CHECK_STR(g.docs[1].date, "2023-11-03");
	}
	CHECK_INT(run(&g, FIX "datafeed.json", NULL), 0);
	CHECK_INT(g.n, 2);
	CHECK_INT(g.nbad, 0);
	if (g.n == 2) {
		CHECK_STR(g.docs[0].rating, "HOAKS");
		CHECK_STR(g.docs[1].title, "Foto banjir di Jakarta kemarin");
	}
	CHECK_INT(run(&g, FIX "factcheck-api.json", NULL), 0);
	CHECK_INT(g.n, 2);
	CHECK_INT(g.nbad, 0);
	if (g.n == 2) {
		struct doc *d = &g.docs[0];
		CHECK_STR(d->label, "factcheck");
		CHECK_STR(d->claim, "Vaksin COVID-19 mengandung microchip yang bisa dilacak");
		CHECK_STR(d->title, "[SALAH] Vaksin COVID-19 mengandung microchip");
		CHECK_STR(d->rating, "Salah");
		CHECK_STR(d->publisher, "Cek Fakta Contoh");
		CHECK_STR(d->date, "2021-01-18");
		CHECK_INT(d->id_scope, DOC_ID_REVIEW);
		d = &g.docs[1];
		CHECK_STR(d->title, "Vaksin COVID-19 mengandung microchip yang bisa dilacak");   /* from the claim */
		CHECK_STR(d->publisher, "periksa.example");   /* the site, without a name */
		CHECK_STR(d->date, "2021-01-15");             /* the claim's date */
	}
	CHECK_INT(run(&g, FIX "no-review.jsonld", NULL), 0);
	CHECK_INT(g.n, 0);
	CHECK_INT(g.nbad, 1);
	CHECK(bad_is(&g, 0, 1, "no ClaimReview in \"@graph\""));
	const char *path = write_str("claims-bad.json",
		"{\"claims\": [{\"text\": \"k\", \"claimReview\": [1, {\"url\": \"https://x.example/1\"}]}, 5]}");
	CHECK_INT(run(&g, path, NULL), 0);
	CHECK_INT(g.n, 1);   /* the review with a url: its claim is its title */
	CHECK_INT(g.nbad, 1);
	CHECK(bad_is(&g, 0, 1, "\"claimReview\" is not a JSON object"));
	got_free(&g);
}

struct run_args {
	struct got *g;
	const char *path;
};

static void run_void(void *arg)
{
	struct run_args *a = arg;
	run(a->g, a->path, NULL);
}

/*
 * Streaming: a ClaimReview array and a CSV file many times the 64 KiB the
 * readers take at a time, with elements, quoted fields and a line end cut
 * at every place by the chunks, brackets and quotes inside strings, and
 * Windows-1252 only far into the file: every record, at its line.
 */
static void test_streaming(void)
{
	struct strbuf sb = STRBUF_INIT;
	enum { N = 3000 };
	sb_puts(&sb, "[\n");
	for (int i = 0; i < N; i++)
		sb_printf(&sb, "%s{\"@type\": \"ClaimReview\", \"identifier\": \"e%d\",\n"
			  " \"claimReviewed\": \"klaim %d: \\\"]}\\\" [{ kurung %*s\"}", i ? ",\n" : "", i, i, i % 97, "");
	sb_puts(&sb, "\n]\n");
	const char *path = write_tmp("big.json", sb.buf, sb.len);
	struct got g = { 0 };
	CHECK_INT(run(&g, path, NULL), 0);
	CHECK_INT(g.n, N);
	CHECK_INT(g.nbad, 0);
	int ok = g.n == N;
	for (size_t i = 0; ok && i < g.n; i++) {
		char want[64];
		snprintf(want, sizeof want, "big:e%zu", i);
		ok = strcmp(g.docs[i].id, want) == 0 && g.lines[i] == (long)(2 + 2 * i)
		     && strstr(g.docs[i].claim, "\"]}\" [{ kurung") != NULL;
	}
	CHECK(ok);

	/* the array cut short: the elements before are kept, the end is named */
	sb.len = sb.len / 2;
	sb.buf[sb.len] = '\0';
	path = write_tmp("cut.json", sb.buf, sb.len);
	CHECK_INT(run(&g, path, NULL), 0);
	CHECK(g.n > N / 3 && g.n < N);
	CHECK_INT(g.nbad, 1);

	sb_reset(&sb);
	sb_puts(&sb, "id,label,text\n");
	for (int i = 0; i < N; i++)
		sb_printf(&sb, "%d,hoax,\"baris %d\nlanjut, %*s\"\r\n", i, i, i % 89, "");
	sb_puts(&sb, "x,hoax,caf\xE9\n");
	path = write_tmp("big.csv", sb.buf, sb.len);
	struct run_args args = { &g, path };
	char *warned = capture_stderr(run_void, &args);
	CHECK_INT(g.n, N + 1);
	CHECK_INT(g.nbad, 0);
	ok = g.n == N + 1;
	for (size_t i = 0; ok && i < N; i++)
		ok = g.lines[i] == (long)(2 + 2 * i) && strncmp(g.docs[i].body, "baris ", 6) == 0
		     && strstr(g.docs[i].body, "\nlanjut,") != NULL;
	CHECK(ok);
	if (g.n == N + 1)
		CHECK_STR(g.docs[N].body, "caf\xC3\xA9");
	CHECK(warned && strstr(warned, "big.csv: not UTF-8, read as Windows-1252"));
	free(warned);
	got_free(&g);
	sb_release(&sb);
}

int main(void)
{
	snprintf(tmpdir, sizeof tmpdir, "/tmp/saring-test-import-XXXXXX");
	if (!mkdtemp(tmpdir)) {
		perror("mkdtemp");
		return 2;
	}
	RUN(test_labels);
	RUN(test_dates);
	RUN(test_format_names);
	RUN(test_jsonl_good);
	RUN(test_jsonl_bad);
	RUN(test_csv_comma);
	RUN(test_csv_semicolon_tab);
	RUN(test_csv_cp1252);
	RUN(test_csv_bad_rows);
	RUN(test_csv_map);
	RUN(test_claimreview);
	RUN(test_label_map);
	RUN(test_id_scope);
	RUN(test_review_ids);
	RUN(test_review_shapes);
	RUN(test_text);
	RUN(test_detect);
	RUN(test_stdin);
	RUN(test_errors);
	RUN(test_stop);
	RUN(test_garbage);
	RUN(test_huge_line);
	RUN(test_streaming);
	RUN(test_export_jsonl_shape);
	RUN(test_round_trip);
	RUN(test_corpus);
	nftw(tmpdir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	return T_DONE("unit-import");
}
