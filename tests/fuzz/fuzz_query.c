/*
 * fuzz_query.c: libFuzzer target for the FTS5 query builder. Any text,
 * through store_fts_expr() (AND and OR forms), must give an expression
 * that FTS5 accepts: MATCH against the indexes of a small saring
 * database (doc_fts, and doc_idx where the schema has it), with bm25
 * ranking and snippet() as `saring search` uses them, never fails. The
 * whole matcher (matcher_check) then runs on the same text and must not
 * fail either.
 */
#include "fuzz.h"
#include "match.h"
#include "store_int.h"   /* the target queries the index itself */
#include "util.h"

static struct store *st;
static struct matcher *matcher;
static sqlite3_stmt *q_fts, *q_rank;

/* A few documents so that MATCH has postings to walk. */
static const char *const corpus[][3] = {
	{ "hoax", "Vaksin COVID-19 berisi microchip", "Beredar pesan bahwa vaksin berisi chip pelacak 5G." },
	{ "factcheck", "[HOAKS] Bantuan Rp 1.500.000 lewat link", "Klik http://bit.ly/bansos untuk daftar bantuan." },
	{ "official", "Jadwal pemadaman listrik PLN", "PLN tidak melakukan pemadaman pada 17 Agustus 2024." },
	{ "hoax", "Minum air garam sembuhkan corona", "Katanya air garam hangat bisa membunuh virus di tenggorokan!!!" },
	{ "hoax", "NEAR AND OR NOT", "\" * ( ) : ^ '; DROP TABLE doc; -- {a b} col:x" },
};

static void die_sql(const char *what, const char *expr)
{
	fprintf(stderr, "fuzz_query: %s: %s\nexpression:", what, sqlite3_errmsg(st->conn->db));
	for (const unsigned char *p = (const unsigned char *)expr; *p; p++)
		fprintf(stderr, *p < 0x20 || *p > 0x7e ? "\\x%02x" : "%c", *p);
	fputc('\n', stderr);
	abort();
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc; (void)argv;
	progcmd = "fuzz";
	char path[160];
	snprintf(path, sizeof path, "%s/input.db", fuzz_scratch_dir());
	st = store_open(path, STORE_WRITE);
	if (store_exec(st, "BEGIN") < 0)
		store_die(st, "begin");
	for (size_t i = 0; i < sizeof corpus / sizeof *corpus; i++) {
		struct doc d = { 0 };
		d.label = xstrdup(corpus[i][0]);
		d.title = xstrdup(corpus[i][1]);
		d.body = xstrdup(corpus[i][2]);
		d.source = xstrdup("fuzz");
		if (store_put(st, &d, 0) != PUT_ADDED)
			store_die(st, "insert");
		doc_clear(&d);
	}
	if (store_exec(st, "COMMIT") < 0)
		store_die(st, "commit");
	q_fts = store_prepare(st, "SELECT rowid FROM doc_fts WHERE doc_fts MATCH ?1");
	q_rank = store_prepare(st, "SELECT rowid, bm25(doc_fts), snippet(doc_fts, -1, '[', ']', '…', 24) "
				   "FROM doc_fts WHERE doc_fts MATCH ?1 ORDER BY rank LIMIT 5");
	matcher = matcher_new(st);
	return 0;
}

/* Run q with expr bound to ?1 to the end; abort on anything but rows and done. */
static void run(sqlite3_stmt *q, const char *expr, const char *what)
{
	sqlite3_bind_text(q, 1, expr, -1, SQLITE_STATIC);
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW)
		;
	if (rc != SQLITE_DONE)
		die_sql(what, expr);
	sqlite3_reset(q);
	sqlite3_clear_bindings(q);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	struct strbuf expr = STRBUF_INIT;
	for (int any = 0; any <= 1; any++) {
		store_fts_expr(text, size, any, &expr);
		if (!expr.len)
			continue;
		FUZZ_ASSERT(strlen(expr.buf) == expr.len);
		run(q_fts, expr.buf, any ? "doc_fts MATCH (OR)" : "doc_fts MATCH (AND)");
		run(q_rank, expr.buf, any ? "ranked search (OR)" : "ranked search (AND)");
	}
	sb_release(&expr);

	struct match_opts o = { 3, (int)(size & 1) };
	struct result r;
	FUZZ_ASSERT(matcher_check(matcher, text, size, &o, &r) == 0);
	FUZZ_ASSERT(r.score >= 0 && r.score <= 1.0000001);
	for (size_t i = 0; i < r.nm; i++)
		FUZZ_ASSERT(r.m[i].id && r.m[i].label);
	result_clear(&r);
	return 0;
}
