/* store_read.c: the matcher's reads of the store (see store_read.h). */
#include "store_read.h"

#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "postings.h"
#include "store_int.h"
#include "util.h"

struct doc_reader {
	struct store *st;       /* borrowed */
	sqlite3_stmt *rows;     /* a term's documents from FTS5 */
	sqlite3_stmt *adjacent; /* how many documents hold two terms side by side */
	sqlite3_stmt *terms;    /* a document's stored terms */
	sqlite3_stmt *fields;   /* a document's fields */
};

struct doc_reader *doc_reader_new(struct store *st)
{
	struct doc_reader *r = xcalloc(1, sizeof *r);
	r->st = st;
	r->rows = store_prepare(st, "SELECT rowid FROM doc_fts WHERE doc_fts MATCH ?1");
	r->adjacent = store_prepare(st, "SELECT count(*) FROM doc_fts WHERE doc_fts MATCH ?1");
	r->terms = store_prepare(st, "SELECT terms FROM doc_terms WHERE n = ?1");
	r->fields = store_prepare(st, "SELECT id, label, rating, title, publisher, date, url, "
				      "trim(coalesce(claim, '') || ' ' || coalesce(body, '')) "
				      "FROM doc WHERE n = ?1");
	return r;
}

void doc_reader_free(struct doc_reader *r)
{
	if (!r)
		return;
	sqlite3_finalize(r->rows);
	sqlite3_finalize(r->adjacent);
	sqlite3_finalize(r->terms);
	sqlite3_finalize(r->fields);
	free(r);
}

/* Step a one-row lookup of document row n: 1 a row, 0 none; a database error is fatal. */
static int lookup(struct doc_reader *r, sqlite3_stmt *s, long long n)
{
	sqlite3_reset(s);
	sqlite3_bind_int64(s, 1, n);
	int rc = sqlite3_step(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		store_die(r->st, "cannot read the database");
	return rc == SQLITE_ROW;
}

int doc_reader_terms(struct doc_reader *r, long long n, const unsigned char **blob, size_t *nb)
{
	if (!lookup(r, r->terms, n))
		return 0;
	*blob = sqlite3_column_blob(r->terms, 0);
	*nb = (size_t)sqlite3_column_bytes(r->terms, 0);
	return 1;
}

static const char *text_at(sqlite3_stmt *s, int i)
{
	return (const char *)sqlite3_column_text(s, i);
}

int doc_reader_fields(struct doc_reader *r, long long n, struct doc_fields *f)
{
	if (!lookup(r, r->fields, n))
		return 0;
	sqlite3_stmt *s = r->fields;
	*f = (struct doc_fields){ text_at(s, 0), text_at(s, 1), text_at(s, 2), text_at(s, 3),
				  text_at(s, 4), text_at(s, 5), text_at(s, 6), text_at(s, 7) };
	if (!f->text)
		f->text = "";
	return 1;
}

/* Canonical term t as one quoted token of saring's tokenizer ("\x1f" marks it canonical): never query syntax. */
static void quote_term(struct strbuf *q, const char *t)
{
	sb_puts(q, "\"\x1f");
	for (; *t; t++) {
		if (*t == '"')
			sb_putc(q, '"');
		sb_putc(q, *t);
	}
	sb_putc(q, '"');
}

void doc_reader_term_rows(struct doc_reader *r, const char *t, void (*fn)(void *ctx, long long row), void *ctx)
{
	struct strbuf q = STRBUF_INIT;
	quote_term(&q, t);
	sqlite3_reset(r->rows);
	sqlite3_bind_text(r->rows, 1, q.buf, (int)q.len, SQLITE_STATIC);
	int rc;
	while ((rc = sqlite3_step(r->rows)) == SQLITE_ROW)
		fn(ctx, sqlite3_column_int64(r->rows, 0));
	sqlite3_reset(r->rows);
	sb_release(&q);
	if (rc != SQLITE_DONE)
		store_die(r->st, "cannot search the index");
}

long long doc_reader_adjacent(struct doc_reader *r, const char *a, const char *b)
{
	struct strbuf q = STRBUF_INIT;
	quote_term(&q, a);
	sb_puts(&q, " + ");   /* FTS5's phrase of the two: b the token after a */
	quote_term(&q, b);
	sqlite3_reset(r->adjacent);
	sqlite3_bind_text(r->adjacent, 1, q.buf, (int)q.len, SQLITE_STATIC);
	if (sqlite3_step(r->adjacent) != SQLITE_ROW)
		store_die(r->st, "cannot search the index");
	long long n = sqlite3_column_int64(r->adjacent, 0);
	sqlite3_reset(r->adjacent);
	sb_release(&q);
	return n;
}

void doc_reader_done(struct doc_reader *r)
{
	sqlite3_reset(r->rows);
	sqlite3_reset(r->terms);
	sqlite3_reset(r->fields);
}

int doc_reader_hold(struct doc_reader *r, int on)
{
	return store_exec(r->st, on ? "BEGIN" : "COMMIT");
}

/* ---- termdf ---- */

static void prepare_reads(struct store *st)
{
	if (st->conn->df)
		return;
	st->conn->df = store_prepare(st, "SELECT df FROM termdf WHERE h = ?1");
	st->conn->docs = store_prepare(st, "SELECT docs FROM termdf WHERE h = ?1");
}

long long store_df(struct store *st, uint32_t h)
{
	prepare_reads(st);
	sqlite3_stmt *q = st->conn->df;
	sqlite3_bind_int64(q, 1, (sqlite3_int64)(int32_t)h);
	int rc = sqlite3_step(q);
	long long df = rc == SQLITE_ROW ? sqlite3_column_int64(q, 0) : 0;
	sqlite3_reset(q);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		store_die(st, "cannot read the index");
	return df;
}

long long store_postings(struct store *st, uint32_t h, uint32_t **rows, size_t *cap)
{
	prepare_reads(st);
	sqlite3_stmt *q = st->conn->docs;
	sqlite3_bind_int64(q, 1, (sqlite3_int64)(int32_t)h);
	int rc = sqlite3_step(q);
	size_t n = 0;
	int kept = rc == SQLITE_ROW && sqlite3_column_type(q, 0) != SQLITE_NULL &&
		   postings_decode(sqlite3_column_blob(q, 0), (size_t)sqlite3_column_bytes(q, 0), rows, &n, cap) == 0;
	sqlite3_reset(q);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		store_die(st, "cannot read the index");
	return kept || rc == SQLITE_DONE ? (long long)n : -1;
}


/* ---- the commands' reads ---- */

int store_source_get(struct store *st, const char *name, char **etag, char **last_modified)
{
	*etag = *last_modified = NULL;
	sqlite3_stmt *s = store_prepare(st, "SELECT etag, last_modified FROM source_state WHERE name = ?1");
	sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*etag = store_col_dup(s, 0);
		*last_modified = store_col_dup(s, 1);
	}
	sqlite3_finalize(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}




int store_bundle_get(struct store *st, const char *key, const char *source, char **created)
{
	*created = NULL;
	struct strbuf k = STRBUF_INIT;
	sb_printf(&k, BUNDLE_META_KEY, key, source);
	sqlite3_stmt *s = store_prepare(st, "SELECT value FROM meta WHERE key = ?1");
	sqlite3_bind_text(s, 1, k.buf, -1, SQLITE_STATIC);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*created = store_col_dup(s, 0);
	sqlite3_finalize(s);
	sb_release(&k);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

int store_get(struct store *st, const char *id, struct doc *d)
{
	sqlite3_stmt *s = store_prepare(st, "SELECT " DOC_COLUMNS " FROM doc WHERE id = ?1");
	sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		store_doc_row(s, d);
	else if (rc != SQLITE_DONE)
		store_die(st, "cannot read a document");
	sqlite3_finalize(s);
	return rc == SQLITE_ROW;
}

struct doc_iter {
	struct store *st;    /* borrowed */
	sqlite3_stmt *s;     /* owned */
};

struct doc_iter *store_docs(struct store *st, const char *label)
{
	struct doc_iter *it = xcalloc(1, sizeof *it);
	it->st = st;
	it->s = store_prepare(st, "SELECT " DOC_COLUMNS " FROM doc WHERE ?1 IS NULL OR label = ?1 ORDER BY n");
	if (label)
		sqlite3_bind_text(it->s, 1, label, -1, SQLITE_STATIC);
	return it;
}

int store_docs_next(struct doc_iter *it, struct doc *d)
{
	int rc = sqlite3_step(it->s);
	if (rc == SQLITE_ROW) {
		store_doc_row(it->s, d);
		d->id_scope = DOC_ID_NONE;
		return 1;
	}
	if (rc != SQLITE_DONE)
		store_die(it->st, "cannot read the database");
	return 0;
}

void store_docs_end(struct doc_iter *it)
{
	if (!it)
		return;
	sqlite3_finalize(it->s);
	free(it);
}

#define SEARCH_SQL \
	"SELECT d.id, d.label, d.rating, d.title, d.publisher, d.date, d.url, " \
	"snippet(doc_fts, -1, ?1, ?2, '…', 24), bm25(doc_fts, 4.0, 2.0, 1.0) AS rank " \
	"FROM doc_fts JOIN doc d ON d.n = doc_fts.rowid " \
	"WHERE doc_fts MATCH ?3 AND (?4 IS NULL OR d.label = ?4) ORDER BY rank LIMIT ?5"

int store_search(struct store *st, const struct search_query *q,
		 void (*fn)(void *ctx, const struct search_hit *h), void *ctx)
{
	sqlite3_stmt *s = store_prepare(st, SEARCH_SQL);
	sqlite3_bind_text(s, 1, q->hl_open, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, q->hl_close, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, q->expr, -1, SQLITE_STATIC);
	if (q->label)
		sqlite3_bind_text(s, 4, q->label, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 5, q->limit);
	int rows = 0, rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct search_hit h = { text_at(s, 0), text_at(s, 1), text_at(s, 2), text_at(s, 3),
					text_at(s, 4), text_at(s, 5), text_at(s, 6), text_at(s, 7),
					-sqlite3_column_double(s, 8) };
		rows++;
		fn(ctx, &h);
	}
	if (rc != SQLITE_DONE && rc != SQLITE_ERROR)
		store_die(st, "cannot search");
	sqlite3_finalize(s);   /* keeps the statement's error as the connection's (store_errmsg()) */
	return rc == SQLITE_DONE ? rows : -1;
}

void store_count_by(struct store *st, enum store_group g, void (*fn)(void *ctx, const char *key, long long n),
		    void *ctx)
{
	static const char *const sql[] = {
		[GROUP_LABEL] = "SELECT label, count(*) FROM doc GROUP BY 1 ORDER BY 1",
		[GROUP_SOURCE] = "SELECT source, count(*) FROM doc GROUP BY 1 ORDER BY 2 DESC, 1",
		[GROUP_YEAR] = "SELECT substr(date, 1, 4), count(*) FROM doc GROUP BY 1 ORDER BY 1",
	};
	sqlite3_stmt *s = store_prepare(st, sql[g]);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		fn(ctx, text_at(s, 0), sqlite3_column_int64(s, 1));
	if (rc != SQLITE_DONE)
		store_die(st, "cannot read the database");
	sqlite3_finalize(s);
}

void store_freshness(struct store *st, void (*fn)(void *ctx, const struct source_fresh *f), void *ctx)
{
	sqlite3_stmt *s = store_prepare(st, st->schema >= 4
		? "SELECT source, count(*), max(date), (SELECT fetched_at FROM source_state WHERE name = doc.source) "
		  "FROM doc GROUP BY 1 ORDER BY 2 DESC, 1"
		: "SELECT source, count(*), max(date), NULL FROM doc GROUP BY 1 ORDER BY 2 DESC, 1");
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct source_fresh f = { text_at(s, 0), text_at(s, 2), text_at(s, 3), sqlite3_column_int64(s, 1) };
		fn(ctx, &f);
	}
	if (rc != SQLITE_DONE)
		store_die(st, "cannot read the database");
	sqlite3_finalize(s);
}

char *store_newest_date(struct store *st)
{
	sqlite3_stmt *s = store_prepare(st, "SELECT coalesce(max(date), '') FROM doc");
	if (sqlite3_step(s) != SQLITE_ROW)
		store_die(st, "cannot read the database");
	char *v = store_col_dup(s, 0);
	sqlite3_finalize(s);
	return v ? v : xstrdup("");
}

int store_check_file(struct store *st, void (*fn)(void *ctx, const char *problem), void *ctx)
{
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(st->conn->db, "PRAGMA integrity_check", -1, &s, NULL) != SQLITE_OK)
		return -1;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *r = text_at(s, 0);
		if (r && strcmp(r, "ok"))
			fn(ctx, r);
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : -2;
}

int store_check_index(struct store *st)
{
	return store_exec(st, "INSERT INTO doc_fts(doc_fts, rank) VALUES('integrity-check', 1)");
}

