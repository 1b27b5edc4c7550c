/* store_read.c: the matcher's reads of the store (see store_read.h). */
#include "store_read.h"

#include <sqlite3.h>
#include <stdlib.h>

#include "store.h"
#include "util.h"

struct doc_reader {
	struct store *st;       /* borrowed */
	sqlite3_stmt *rows;     /* a term's documents from FTS5 */
	sqlite3_stmt *terms;    /* a document's stored terms */
	sqlite3_stmt *fields;   /* a document's fields */
};

struct doc_reader *doc_reader_new(struct store *st)
{
	struct doc_reader *r = xcalloc(1, sizeof *r);
	r->st = st;
	r->rows = store_prepare(st, "SELECT rowid FROM doc_fts WHERE doc_fts MATCH ?1");
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

void doc_reader_term_rows(struct doc_reader *r, const char *t, void (*fn)(void *ctx, long long row), void *ctx)
{
	/* one quoted token of saring's tokenizer ("\x1f" marks it canonical): never query syntax */
	struct strbuf q = STRBUF_INIT;
	sb_puts(&q, "\"\x1f");
	for (; *t; t++) {
		if (*t == '"')
			sb_putc(&q, '"');
		sb_putc(&q, *t);
	}
	sb_putc(&q, '"');
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
