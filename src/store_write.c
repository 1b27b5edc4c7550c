/*
 * store_write.c: document writes and removes, the write transaction's
 * commit, and termdf, the documents of each term, kept right by every
 * write (merged from postings.c's pending changes at commit) and
 * recounted by reindex and doctor.
 */
#include "store_int.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "postings.h"
#include "util.h"

/* ---- termdf: the documents of each term ---- */

/* Document row n gained (sign +1) or lost (-1) the terms of its blob (those with h % parts == part). */
static void count_doc(struct postings *pp, sqlite3_int64 n, const unsigned char *blob, size_t nb, int sign,
		      uint32_t part, uint32_t parts)
{
	uint32_t *v = NULL;
	size_t cap = 0, k = distinct_terms(blob, nb, &v, &cap);
	for (size_t i = 0; i < k; i++)
		if (v[i] % parts == part)
			(sign > 0 ? postings_add : postings_remove)(pp, v[i], n);
	free(v);
}

/*
 * Merge the pending posting changes into termdf, inside the write
 * transaction. A term's list is kept while it was kept (or the term is
 * new) and it stays at most POSTINGS_MAX rows; otherwise docs is NULL and
 * the matcher reads the FTS5 index instead. 0 or -1.
 */
int store_terms_flush(struct store *st)
{
	postings_sort(&st->conn->pending);
	sqlite3_stmt *get = store_prepare(st, "SELECT df, docs FROM termdf WHERE h = ?1");
	sqlite3_stmt *put = store_prepare(st, "INSERT OR REPLACE INTO termdf(h, df, docs) VALUES (?1, ?2, ?3)");
	sqlite3_stmt *del = store_prepare(st, "DELETE FROM termdf WHERE h = ?1");
	struct strbuf rows = STRBUF_INIT;
	struct postings_iter it = { 0, 0 };
	struct term_change c;
	int err = 0;
	while (!err && postings_next(&st->conn->pending, &it, &c)) {
		sqlite3_int64 key = (sqlite3_int64)(int32_t)c.h;
		sqlite3_bind_int64(get, 1, key);
		int rc = sqlite3_step(get);
		int had = rc == SQLITE_ROW;
		err = rc != SQLITE_ROW && rc != SQLITE_DONE;
		int64_t df = (had ? sqlite3_column_int64(get, 0) : 0) + (int64_t)c.nadd - (int64_t)c.ndel;
		size_t len = 0;
		int keep = !err && df <= POSTINGS_MAX && (!had || sqlite3_column_type(get, 1) != SQLITE_NULL) &&
			   postings_merge(had ? sqlite3_column_blob(get, 1) : NULL,
					  had ? (size_t)sqlite3_column_bytes(get, 1) : 0, &c, &rows, &len) == 0 &&
			   (int64_t)len == df;
		sqlite3_reset(get);
		if (err)
			break;
		sqlite3_stmt *w = df > 0 ? put : del;
		sqlite3_bind_int64(w, 1, key);
		if (df > 0) {
			sqlite3_bind_int64(w, 2, df);
			if (keep)
				sqlite3_bind_blob(w, 3, rows.buf, (int)rows.len, SQLITE_STATIC);
			else
				sqlite3_bind_null(w, 3);
		}
		err = sqlite3_step(w) != SQLITE_DONE;
		sqlite3_reset(w);
	}
	sb_release(&rows);
	sqlite3_finalize(get);
	sqlite3_finalize(put);
	sqlite3_finalize(del);
	postings_clear(&st->conn->pending);
	return err ? -1 : 0;
}

/* Merge the pending changes when there are enough of them. 0 or -1. */
static int terms_maybe_flush(struct store *st)
{
	return postings_pending(&st->conn->pending) < postings_limit ? 0 : store_terms_flush(st);
}

/* Every document's terms (those with h % parts == part) as added, rows in row order; merged on the way when flush is set. 0 or -1. */
static int count_all(struct store *st, uint32_t part, uint32_t parts, int flush)
{
	sqlite3_stmt *r = store_prepare(st,
		"SELECT t.n, t.terms FROM doc_terms t JOIN doc d ON d.n = t.n ORDER BY t.n");
	int rc;
	while ((rc = sqlite3_step(r)) == SQLITE_ROW) {
		count_doc(&st->conn->pending, sqlite3_column_int64(r, 0), sqlite3_column_blob(r, 1),
			  (size_t)sqlite3_column_bytes(r, 1), 1, part, parts);
		if (flush && terms_maybe_flush(st) < 0)
			break;
	}
	sqlite3_finalize(r);
	return rc == SQLITE_DONE ? 0 : -1;
}

int store_count_terms(struct store *st)
{
	postings_clear(&st->conn->pending);
	if (store_exec(st, "DELETE FROM termdf") < 0)
		return -1;
	return count_all(st, 0, 1, 1);
}

struct counted {
	struct term_change c;
	int seen;
};

static int cmp_counted(const void *key, const void *elem)
{
	uint32_t h = *(const uint32_t *)key, e = ((const struct counted *)elem)->c.h;
	return (h > e) - (h < e);
}

/*
 * termdf against a recount of the documents, in parts of the term space
 * that each fit in postings_limit pairs: the terms that are off.
 */
int store_check_terms(struct store *st)
{
	postings_clear(&st->conn->pending);
	long long pairs = store_query_int(st, "SELECT coalesce(sum(length(terms)), 0) / 4 FROM doc_terms");
	uint32_t parts = (uint32_t)(pairs / (long long)postings_limit + 1);
	sqlite3_stmt *t = store_prepare(st, "SELECT h, df, docs FROM termdf");
	struct strbuf rows = STRBUF_INIT;
	long bad = 0;
	int rc = SQLITE_DONE;
	for (uint32_t part = 0; part < parts && rc == SQLITE_DONE; part++) {
		if (count_all(st, part, parts, 0) < 0) {
			rc = SQLITE_ERROR;
			break;
		}
		postings_sort(&st->conn->pending);
		struct counted *v = NULL;
		size_t n = 0, cap = 0;
		struct postings_iter it = { 0, 0 };
		struct term_change c;
		while (postings_next(&st->conn->pending, &it, &c)) {
			xgrow((void **)&v, &cap, n + 1, sizeof *v);
			v[n++] = (struct counted){ c, 0 };
		}
		while ((rc = sqlite3_step(t)) == SQLITE_ROW) {
			uint32_t h = (uint32_t)sqlite3_column_int64(t, 0);
			if (h % parts != part)
				continue;
			struct counted *e = bsearch(&h, v, n, sizeof *v, cmp_counted);
			size_t len = 0;
			int ok = e && !e->seen && sqlite3_column_int64(t, 1) == (sqlite3_int64)e->c.nadd;
			if (ok && sqlite3_column_type(t, 2) != SQLITE_NULL)
				ok = postings_merge(NULL, 0, &e->c, &rows, &len) == 0 &&
				     rows.len == (size_t)sqlite3_column_bytes(t, 2) &&
				     (rows.len == 0 || !memcmp(rows.buf, sqlite3_column_blob(t, 2), rows.len));
			if (e)
				e->seen = 1;
			bad += !ok;
		}
		sqlite3_reset(t);
		for (size_t i = 0; i < n; i++)
			bad += !v[i].seen;
		free(v);
		postings_clear(&st->conn->pending);
	}
	sqlite3_finalize(t);
	sb_release(&rows);
	int kept = store_query_int(st, DOCS_KEPT);
	if (kept >= 0 && kept != store_query_int(st, DOCS_COUNT))
		bad++;   /* the number of documents, kept beside the term counts */
	return rc == SQLITE_DONE ? (int)(bad > INT32_MAX ? INT32_MAX : bad) : -1;
}


/* ---- document writes ---- */

static void bind_text(sqlite3_stmt *s, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(s, i);
}

/*
 * A hash of a document's fields f[0..9), each with its length before it,
 * so two different documents never hash the same bytes: 64 bits for the
 * content hash, which tells a changed document from the same one again.
 */
static void fields_bytes(const char *const f[9], int prefixed, struct strbuf *sb)
{
	for (size_t i = 0; i < 9; i++) {
		const char *v = f[i] ? f[i] : "";
		if (prefixed)
			sb_printf(sb, "%zu:", strlen(v));
		sb_puts(sb, v);
		if (!prefixed)
			sb_putc(sb, '\x1e');
	}
}

static void fields_hash(const char *const f[9], char out[17])
{
	struct strbuf sb = STRBUF_INIT;
	fields_bytes(f, 1, &sb);
	snprintf(out, 17, "%016llx", (unsigned long long)hash64(sb.buf, sb.len));
	sb_release(&sb);
}

/*
 * The id of a document that comes without one: "h-" and 128 bits of the
 * SHA-256 of its length-prefixed fields, so that no two documents share
 * one, not even made so on purpose. Version 1, before, was "h-" and the
 * 64-bit FNV-1a of the fields joined with 0x1E, which a field may hold
 * (two documents got one id, and the second was lost); the ids it left in
 * a database are renamed by store_rehash(), and an old export's are read
 * as the new ones by store_put_prep().
 */
static void derived_id(const char *const f[9], int version, char out[35])
{
	struct strbuf sb = STRBUF_INIT;
	fields_bytes(f, version >= 2, &sb);
	if (version >= 2) {
		unsigned char h[32];
		crypto_hash_sha256(h, (const unsigned char *)sb.buf, sb.len);   /* libsodium, opened when first used */
		memcpy(out, "h-", 2);
		for (int i = 0; i < 16; i++)
			snprintf(out + 2 + 2 * i, 3, "%02x", h[i]);
	} else {
		snprintf(out, 35, "h-%016llx", (unsigned long long)hash64(sb.buf, sb.len));
	}
	sb_release(&sb);
}

#define DOC_FIELDS(d) { (d)->label, (d)->rating, (d)->title, (d)->claim, (d)->body, \
			(d)->publisher, (d)->url, (d)->date, (d)->source }

static void content_hash(const struct doc *d, char out[17])
{
	const char *f[9] = DOC_FIELDS(d);
	fields_hash(f, out);
}

/* Nine text arguments from argv[from], NULL for NULL. */
static void sql_fields(sqlite3_value **argv, int from, const char *f[9])
{
	for (int i = 0; i < 9; i++)
		f[i] = (const char *)sqlite3_value_text(argv[from + i]);
}

/* saring_content_hash(label, ..., source): content_hash() in SQL, to rehash what older versions stored. */
static void sql_content_hash(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	const char *f[9];
	sql_fields(argv, 0, f);
	char out[17];
	fields_hash(f, out);
	sqlite3_result_text(ctx, out, -1, SQLITE_TRANSIENT);
}

/* saring_derived_id(version, label, ..., source): derived_id() in SQL, to rename what older versions stored. */
static void sql_derived_id(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	const char *f[9];
	sql_fields(argv, 1, f);
	char out[35];
	derived_id(f, sqlite3_value_int(argv[0]), out);
	sqlite3_result_text(ctx, out, -1, SQLITE_TRANSIENT);
}

#define SQL_FIELDS "label, rating, title, claim, body, publisher, url, date, source"

/*
 * What older versions stored is brought up to date once, by the first
 * writer: content hashes made without length prefixes (meta content_hash
 * below 2) are recomputed, and ids derived by version 1 of derived_id()
 * (meta derived_id below 2) renamed to version 2's. An id a record gave
 * itself is kept, even one that starts with "h-".
 */
void store_rehash(struct store *st)
{
	int hashes = store_query_int(st, "SELECT count(*) FROM meta WHERE key = 'content_hash' AND value = '2'");
	int ids = store_query_int(st, "SELECT count(*) FROM meta WHERE key = 'derived_id' AND value = '2'");
	if (hashes && ids)
		return;
	sqlite3 *db = st->conn->db;
	if (sqlite3_create_function(db, "saring_content_hash", 9, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
				    sql_content_hash, NULL, NULL) != SQLITE_OK ||
	    sqlite3_create_function(db, "saring_derived_id", 10, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
				    sql_derived_id, NULL, NULL) != SQLITE_OK ||
	    store_exec(st, "BEGIN IMMEDIATE") < 0 ||
	    (!hashes && store_exec(st, "UPDATE doc SET hash = saring_content_hash(" SQL_FIELDS "); "
				       "INSERT OR REPLACE INTO meta(key, value) VALUES ('content_hash', '2')") < 0) ||
	    (!ids && store_exec(st, "UPDATE OR IGNORE doc SET id = saring_derived_id(2, " SQL_FIELDS ") "
				    "WHERE id LIKE 'h-%' AND id = saring_derived_id(1, " SQL_FIELDS "); "
				    "INSERT OR REPLACE INTO meta(key, value) VALUES ('derived_id', '2')") < 0) ||
	    store_commit(st) < 0) {
		store_rollback(st);
		store_die(st, "cannot update the content hashes and derived ids");
	}
}

static void now_iso(char out[21])
{
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}


static int step_done(sqlite3_stmt *s)
{
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : -1;
}

static void prepare_writes(struct store *st)
{
	if (st->conn->w.find)
		return;
	st->conn->w.find = store_prepare(st, "SELECT n, hash, source FROM doc WHERE id = ?1");
	/*
	 * One-row VALUES inserts: an INSERT ... SELECT into FTS5 would open a
	 * statement savepoint, and FTS5 flushes its pending terms to a new
	 * segment at every savepoint: ten times slower imports.
	 */
	st->conn->w.old = store_prepare(st, "SELECT d.title, d.claim, d.body, t.terms FROM doc d "
				     "LEFT JOIN doc_terms t ON t.n = d.n WHERE d.n = ?1");
	st->conn->w.fts_delete = store_prepare(st,
		"INSERT INTO doc_fts(doc_fts, rowid, title, claim, body) VALUES ('delete', ?1, ?2, ?3, ?4)");
	st->conn->w.fts_insert = store_prepare(st,
		"INSERT INTO doc_fts(rowid, title, claim, body) VALUES (?1, ?2, ?3, ?4)");

	st->conn->w.insert = store_prepare(st,
		"INSERT INTO doc(id, label, rating, title, claim, body, publisher, url, date, source, "
		"hash, imported, fetched_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
	st->conn->w.update = store_prepare(st,
		"UPDATE doc SET label = ?2, rating = ?3, title = ?4, claim = ?5, body = ?6, publisher = ?7, "
		"url = ?8, date = ?9, source = ?10, hash = ?11, imported = ?12, fetched_at = ?13 WHERE id = ?1");
	st->conn->w.del = store_prepare(st, "DELETE FROM doc WHERE n = ?1");
	st->conn->w.terms_delete = store_prepare(st, "DELETE FROM doc_terms WHERE n = ?1");
	st->conn->w.terms = store_prepare(st, "INSERT OR REPLACE INTO doc_terms(n, terms) VALUES (?1, ?2)");
}

static int put_terms(struct store *st, sqlite3_int64 n, const struct strbuf *blob)
{
	sqlite3_bind_int64(st->conn->w.terms, 1, n);
	sqlite3_bind_blob(st->conn->w.terms, 2, blob->buf, (int)blob->len, SQLITE_STATIC);
	return step_done(st->conn->w.terms);
}

/* Take document row n out of the FTS5 index (it needs the indexed text). */
static int unindex(struct store *st, sqlite3_int64 n)
{
	sqlite3_bind_int64(st->conn->w.old, 1, n);
	int rc = sqlite3_step(st->conn->w.old);
	if (rc == SQLITE_ROW) {
		sqlite3_bind_int64(st->conn->w.fts_delete, 1, n);
		for (int i = 0; i < 3; i++)
			sqlite3_bind_value(st->conn->w.fts_delete, i + 2, sqlite3_column_value(st->conn->w.old, i));
		rc = step_done(st->conn->w.fts_delete) ? SQLITE_ERROR : SQLITE_DONE;
		if (rc == SQLITE_DONE)
			count_doc(&st->conn->pending, n, sqlite3_column_blob(st->conn->w.old, 3), (size_t)sqlite3_column_bytes(st->conn->w.old, 3), -1, 0, 1);
		sqlite3_clear_bindings(st->conn->w.fts_delete);
	}
	sqlite3_reset(st->conn->w.old);
	return rc == SQLITE_DONE ? 0 : -1;
}

enum put_result store_put(struct store *st, struct doc *d, int replace)
{
	struct store_prep *p = store_prep_new();
	enum put_result r = store_put_prep(st, d, p, replace);
	store_prep_free(p);
	return r;
}

enum put_result store_put_prep(struct store *st, struct doc *d, struct store_prep *p, int replace)
{
	prepare_writes(st);
	if (!p->hash[0]) {   /* here, not where the document was prepared: that thread is the busier */
		content_hash(d, p->hash);
		const char *f[9] = DOC_FIELDS(d);
		char old[35] = "", id[35];
		if (d->id && strlen(d->id) == 18 && !strncmp(d->id, "h-", 2))
			derived_id(f, 1, old);   /* an older export's derived id is derived anew */
		if (!d->id || (old[0] && !strcmp(d->id, old))) {
			derived_id(f, 2, id);
			free(d->id);
			d->id = xstrdup(id);
		}
	}
	char when[21];
	sqlite3_int64 n = 0;
	int exists = 0, same = 0, other_source = 0;
	sqlite3_bind_text(st->conn->w.find, 1, d->id, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st->conn->w.find);
	if (rc == SQLITE_ROW) {
		exists = 1;
		n = sqlite3_column_int64(st->conn->w.find, 0);
		const char *old = (const char *)sqlite3_column_text(st->conn->w.find, 1);
		same = old && strcmp(old, p->hash) == 0;
		const char *src = (const char *)sqlite3_column_text(st->conn->w.find, 2);
		other_source = !same && strcmp(src ? src : "", d->source ? d->source : "") != 0;
		if (other_source && d->id_scope == DOC_ID_REVIEW) {
			/* one review read from two files: it keeps the source it came with first */
			free(d->source);
			d->source = src ? xstrdup(src) : NULL;
			content_hash(d, p->hash);
			same = old && strcmp(old, p->hash) == 0;
			other_source = 0;
		} else if (other_source) {
			free(st->held_by);
			st->held_by = xstrdup(src ? src : "");
		}
	}
	sqlite3_reset(st->conn->w.find);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return PUT_ERROR;
	if (exists && same)
		return PUT_UNCHANGED;
	if (other_source)
		return PUT_CLASH;
	if (exists && !replace)
		return PUT_CONFLICT;
	now_iso(when);
	store_prep_tokens(p, d, fts_tok_pipeline(st->conn->tok));
	sqlite3_stmt *w = exists ? st->conn->w.update : st->conn->w.insert;
	const char *vals[] = { d->id, d->label, d->rating, d->title, d->claim, d->body,
			       d->publisher, d->url, d->date, d->source, p->hash, when, st->fetched_at };
	for (int i = 0; i < 13; i++)
		bind_text(w, i + 1, vals[i]);
	int err = 0;
	if (exists) {
		err = unindex(st, n) || step_done(w);
	} else {
		err = step_done(w);
		n = sqlite3_last_insert_rowid(st->conn->db);
	}
	sqlite3_clear_bindings(w);
	if (!err && put_terms(st, n, &p->blob))
		err = 1;
	if (err)
		return PUT_ERROR;
	sqlite3_bind_int64(st->conn->w.fts_insert, 1, n);
	bind_text(st->conn->w.fts_insert, 2, d->title);
	bind_text(st->conn->w.fts_insert, 3, d->claim);
	bind_text(st->conn->w.fts_insert, 4, d->body);
	fts_tok_writing(st->conn->tok, p);
	err = step_done(st->conn->w.fts_insert);
	fts_tok_writing(st->conn->tok, NULL);
	sqlite3_clear_bindings(st->conn->w.fts_insert);
	if (err)
		return PUT_ERROR;
	count_doc(&st->conn->pending, n, (const unsigned char *)p->blob.buf, p->blob.len, 1, 0, 1);
	st->conn->docs_changed = 1;
	if (terms_maybe_flush(st) < 0)
		return PUT_ERROR;
	return exists ? PUT_UPDATED : PUT_ADDED;
}

int store_id_source(struct store *st, const char *id, char **source)
{
	prepare_writes(st);
	sqlite3_bind_text(st->conn->w.find, 1, id, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st->conn->w.find);
	if (rc == SQLITE_ROW) {
		const char *src = (const char *)sqlite3_column_text(st->conn->w.find, 2);
		*source = src ? xstrdup(src) : NULL;
	}
	sqlite3_reset(st->conn->w.find);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

int store_source_put(struct store *st, const char *name, const char *etag, const char *last_modified,
		     const char *fetched_at)
{
	sqlite3_stmt *s = store_prepare(st, "INSERT OR REPLACE INTO source_state(name, etag, last_modified, fetched_at) "
					    "VALUES (?1, ?2, ?3, ?4)");
	const char *v[] = { name, etag, last_modified, fetched_at };
	for (int i = 0; i < 4; i++)
		bind_text(s, i + 1, v[i]);
	int rc = sqlite3_step(s);
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : -1;
}

int store_bundle_put(struct store *st, const char *key, const char *source, const char *created)
{
	struct strbuf k = STRBUF_INIT;
	sb_printf(&k, BUNDLE_META_KEY, key, source);
	sqlite3_stmt *s = store_prepare(st, "INSERT OR REPLACE INTO meta(key, value) VALUES (?1, ?2)");
	sqlite3_bind_text(s, 1, k.buf, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, created, -1, SQLITE_STATIC);
	int rc = sqlite3_step(s);
	sqlite3_finalize(s);
	sb_release(&k);
	return rc == SQLITE_DONE ? 0 : -1;
}

int store_remove(struct store *st, const char *id)
{
	prepare_writes(st);
	sqlite3_bind_text(st->conn->w.find, 1, id, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st->conn->w.find);
	sqlite3_int64 n = rc == SQLITE_ROW ? sqlite3_column_int64(st->conn->w.find, 0) : 0;
	sqlite3_reset(st->conn->w.find);
	if (rc == SQLITE_DONE)
		return 0;
	if (rc != SQLITE_ROW)
		return -1;
	sqlite3_bind_int64(st->conn->w.del, 1, n);
	sqlite3_bind_int64(st->conn->w.terms_delete, 1, n);
	if (unindex(st, n) || step_done(st->conn->w.del) || step_done(st->conn->w.terms_delete))
		return -1;
	st->conn->docs_changed = 1;
	return 1;
}

int store_optimize(struct store *st)
{
	return store_exec(st, "INSERT INTO doc_fts(doc_fts) VALUES('optimize')");
}

int store_reindex(struct store *st)
{
	st->conn->docs_changed = 1;   /* the number of documents is recounted too */
	if (store_exec(st, "INSERT INTO doc_fts(doc_fts) VALUES('rebuild')") < 0 || store_optimize(st) < 0)
		return -1;
	if (store_exec(st, "DELETE FROM doc_terms") < 0)
		return -1;
	prepare_writes(st);
	sqlite3_stmt *r = store_prepare(st, "SELECT n, title, claim, body FROM doc");
	int rc, err = 0;
	while (!err && (rc = sqlite3_step(r)) == SQLITE_ROW) {
		struct doc d = { 0 };
		d.title = store_col_dup(r, 1);
		d.claim = store_col_dup(r, 2);
		d.body = store_col_dup(r, 3);
		struct store_prep *p = store_prep_new();   /* the terms blob as an import makes it */
		store_prep_tokens(p, &d, fts_tok_pipeline(st->conn->tok));
		err = put_terms(st, sqlite3_column_int64(r, 0), &p->blob);
		store_prep_free(p);
		doc_clear(&d);
	}
	if (!err && rc != SQLITE_DONE)
		err = 1;
	sqlite3_finalize(r);
	if (!err && store_count_terms(st) < 0)
		err = 1;
	return err ? -1 : 0;
}

int store_commit(struct store *st)
{
	if (store_terms_flush(st) < 0 || (st->conn->docs_changed && store_exec(st, DOCS_KEEP) < 0))
		return -1;
	st->conn->docs_changed = 0;
	return store_exec(st, "COMMIT");
}

void store_rollback(struct store *st)
{
	postings_clear(&st->conn->pending);
	st->conn->docs_changed = 0;
	store_exec(st, "ROLLBACK");
}
