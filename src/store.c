/*
 * store.c: the SQLite database, its FTS5 tokenizer, and document writes.
 *
 * The FTS5 index is an external-content table over doc(title, claim,
 * body), so snippet() and highlight() read the original text, while the
 * "saring" tokenizer registered here runs the same pipeline as every
 * query. A query string that starts with \x1f is one canonical token
 * already (match.c builds those), passed through untouched.
 */
#include "store_int.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "normalize.h"
#include "postings.h"
#include "tables.h"
#include "util.h"

#define APP_ID 1396789831   /* 'SARG' */

/*
 * The number of documents, the N of the matcher's weights, is kept in
 * meta by every write: counting the rows of a large table reads a whole
 * index, which took a tenth of a one-message check at 300,000 documents.
 */
#define DOCS_COUNT "SELECT count(*) FROM doc"
#define DOCS_KEEP "INSERT OR REPLACE INTO meta(key, value) VALUES ('docs', (" DOCS_COUNT "))"
#define DOCS_KEPT "SELECT coalesce((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'docs'), -1)"   /* -1: not kept */
static int docs_changed;   /* documents were written or removed in this transaction */


/* Write statements, prepared once per connection (stmt_db). */
static sqlite3_stmt *stmt_fts_delete, *stmt_fts_insert, *stmt_old, *stmt_find, *stmt_insert, *stmt_update, *stmt_delete,
	*stmt_terms, *stmt_terms_delete;
static sqlite3 *stmt_db;

/* ---- tokenizing once ---- */

/*
 * A document's columns are normalized once, before its writes
 * (store_prep_tokens(), on the import's reading thread when there is one):
 * the tokens make its terms blob and are replayed to FTS5 when it indexes
 * the columns. Other texts (the old version of a replaced document, a
 * reindex) are normalized where they are needed, the last few kept.
 * The pipeline's caches are not thread-safe: every use here holds
 * pipe_lock.
 */
#define TOKCACHE 4
#define TOKCACHE_MAX (1 << 20)   /* longer texts are not kept */

struct tokrec {
	size_t text, len;      /* canonical text in the list's arena */
	size_t start, end;
	unsigned flags;
};

struct toklist {
	uint64_t hash;         /* of the text; 0 = empty */
	size_t len;            /* its length */
	struct tokrec *v;      /* owned */
	size_t n, cap;
	struct strbuf arena;   /* canonical token texts */
};

static struct toklist tokcache[TOKCACHE];
static int tokcache_next;
static pthread_mutex_t pipe_lock = PTHREAD_MUTEX_INITIALIZER;

struct store_prep {
	char hash[17];             /* content hash, "" until store_put_prep() makes it */
	int ready;                 /* col and blob are made */
	struct toklist col[3];     /* title, claim, body */
	const char *text[3];       /* their texts (the document's, borrowed); NULL: not kept */
	struct strbuf blob;        /* the terms blob */
};
static const struct store_prep *writing;   /* the document store_put_prep() indexes */

static int toklist_add(void *ctx, const struct token *t)
{
	struct toklist *c = ctx;
	xgrow((void **)&c->v, &c->cap, c->n + 1, sizeof *c->v);
	c->v[c->n++] = (struct tokrec){ c->arena.len, t->len, t->start, t->end, t->flags };
	sb_add(&c->arena, t->text, t->len);
	return 0;
}

/* Normalize text into c (pipe_lock held). */
static void toklist_fill(struct toklist *c, uint64_t h, const char *text, size_t len)
{
	c->hash = h;
	c->len = len;
	c->n = 0;
	sb_reset(&c->arena);
	norm_text(text, len, NORM_STEM, toklist_add, c, NULL, NULL);
}

static void toklist_replay(const struct toklist *c, token_fn fn, void *ctx)
{
	for (size_t i = 0; i < c->n; i++) {
		const struct tokrec *r = &c->v[i];
		struct token t = { c->arena.buf + r->text, r->len, c->arena.buf + r->text, r->len,
				   r->start, r->end, r->flags };
		if (fn(ctx, &t))
			break;
	}
}

static void toklist_release(struct toklist *c)
{
	free(c->v);
	sb_release(&c->arena);
	memset(c, 0, sizeof *c);
}

static uint64_t text_hash(const char *text, size_t len)
{
	return hash64(text, len) | 1;
}

/* norm_text(..., NORM_STEM, ...), replayed when the text is the document being written or was seen last. */
static void tokenize(const char *text, size_t len, token_fn fn, void *ctx)
{
	for (int i = 0; writing && i < 3; i++)
		if (writing->text[i] && writing->col[i].len == len && !memcmp(writing->text[i], text, len)) {
			toklist_replay(&writing->col[i], fn, ctx);
			return;
		}
	uint64_t h = len > TOKCACHE_MAX ? 0 : text_hash(text, len);
	pthread_mutex_lock(&pipe_lock);
	if (!h) {
		norm_text(text, len, NORM_STEM, fn, ctx, NULL, NULL);
	} else {
		struct toklist *c = NULL;
		for (int i = 0; i < TOKCACHE && !c; i++)
			if (tokcache[i].hash == h && tokcache[i].len == len)
				c = &tokcache[i];
		if (!c) {
			c = &tokcache[tokcache_next];
			tokcache_next = (tokcache_next + 1) % TOKCACHE;
			toklist_fill(c, h, text, len);
		}
		toklist_replay(c, fn, ctx);
	}
	pthread_mutex_unlock(&pipe_lock);
}

static void tokcache_release(void)
{
	for (int i = 0; i < TOKCACHE; i++)
		toklist_release(&tokcache[i]);
}

/* ---- the FTS5 tokenizer ---- */

struct fts_call {
	void *pctx;
	int (*xtoken)(void *, int, const char *, int, int, int);
	int rc;
};

static int fts_emit(void *ctx, const struct token *t)
{
	struct fts_call *c = ctx;
	c->rc = c->xtoken(c->pctx, 0, t->text, (int)t->len, (int)t->start, (int)t->end);
	return c->rc != SQLITE_OK;
}

static int fts_create(void *ud, const char **argv, int argc, Fts5Tokenizer **out)
{
	(void)ud; (void)argv; (void)argc;
	static int instance;
	*out = (Fts5Tokenizer *)&instance;
	return SQLITE_OK;
}

static void fts_delete(Fts5Tokenizer *t)
{
	(void)t;
}

static int fts_tokenize(Fts5Tokenizer *t, void *pctx, int flags, const char *text, int n,
		int (*xtoken)(void *, int, const char *, int, int, int))
{
	(void)t;
	if ((flags & FTS5_TOKENIZE_QUERY) && n > 1 && text[0] == '\x1f')
		return xtoken(pctx, 0, text + 1, n - 1, 0, n);
	struct fts_call c = { pctx, xtoken, SQLITE_OK };
	tokenize(text, n > 0 ? (size_t)n : 0, fts_emit, &c);
	return c.rc;
}

static int register_tokenizer(sqlite3 *db)
{
	fts5_api *api = NULL;
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &s, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_pointer(s, 1, &api, "fts5_api_ptr", NULL);
	sqlite3_step(s);
	sqlite3_finalize(s);
	if (!api)
		return -1;
	static fts5_tokenizer tok = { fts_create, fts_delete, fts_tokenize };
	return api->xCreateTokenizer(api, "saring", NULL, &tok, NULL) == SQLITE_OK ? 0 : -1;
}

/* ---- opening ---- */

_Noreturn void store_die(struct store *st, const char *what)
{
	const char *msg = st && st->conn->db ? sqlite3_errmsg(st->conn->db) : "unknown error";
	int code = st && st->conn->db ? sqlite3_errcode(st->conn->db) : 0;
	const char *hint = "";
	if ((code == SQLITE_CORRUPT || code == SQLITE_NOTADB) && st->checking)
		hint = "; restore a backup, or import the corpus files again into a new database "
		       "(saring --db NEW.db import FILE...)";
	else if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB)
		hint = "; run 'saring doctor'";
	else if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
		hint = "; another saring is writing, try again";
	else if (code == SQLITE_READONLY)
		hint = "; the database is read-only";
	die(EXIT_SYSTEM, "%s: %s: %s%s", st && st->path ? st->path : "database", what, msg, hint);
}

static int mkdirs(char *path)
{
	for (char *p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		int r = mkdir(path, 0700);
		*p = '/';
		if (r < 0 && errno != EEXIST)
			return -1;
	}
	return 0;
}

static char *default_path(void)
{
	const char *env = getenv("SARING_DB");
	if (env && *env)
		return xstrdup(env);
	struct strbuf sb = STRBUF_INIT;
	const char *xdg = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");
	if (xdg && *xdg)
		sb_printf(&sb, "%s/saring/saring.db", xdg);
	else if (home && *home)
		sb_printf(&sb, "%s/.local/share/saring/saring.db", home);
	else
		die(EXIT_SYSTEM, "neither HOME nor XDG_DATA_HOME is set; use --db PATH");
	return sb_detach(&sb);
}

/* The bundled starter database: in the source tree, else the install tree. */
static char *starter_path(void)
{
	const char *env = getenv("SARING_STARTER_DB");
	if (env && *env)
		return xstrdup(env);
	char *tree = exe_relative("build/starter.db");
	if (tree)
		return tree;
	return xstrdup(SARING_DATADIR "/starter.db");
}

const char *store_errmsg(struct store *st)
{
	return sqlite3_errmsg(st->conn->db);
}

int store_exec(struct store *st, const char *sql)
{
	return sqlite3_exec(st->conn->db, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

int store_begin(struct store *st)
{
	return store_exec(st, "BEGIN IMMEDIATE");
}

size_t distinct_terms(const unsigned char *blob, size_t nb, uint32_t **v, size_t *cap)
{
	size_t n = 0, k = 0;
	xgrow((void **)v, cap, nb / 4 + 1, sizeof **v);
	for (size_t i = 0; i < nb / 4; i++)
		if (terms_at(blob, i))
			(*v)[n++] = terms_at(blob, i);
	sort_u32(*v, n);
	for (size_t i = 0; i < n; i++)
		if (k == 0 || (*v)[i] != (*v)[k - 1])
			(*v)[k++] = (*v)[i];
	return k;
}

/* Document row n gained (sign +1) or lost (-1) the terms of its blob (those with h % parts == part). */
static void count_doc(sqlite3_int64 n, const unsigned char *blob, size_t nb, int sign,
		      uint32_t part, uint32_t parts)
{
	uint32_t *v = NULL;
	size_t cap = 0, k = distinct_terms(blob, nb, &v, &cap);
	for (size_t i = 0; i < k; i++)
		if (v[i] % parts == part)
			(sign > 0 ? postings_add : postings_remove)(v[i], n);
	free(v);
}

/*
 * Merge the pending posting changes into termdf, inside the write
 * transaction. A term's list is kept while it was kept (or the term is
 * new) and it stays at most POSTINGS_MAX rows; otherwise docs is NULL and
 * the matcher reads the FTS5 index instead. 0 or -1.
 */
static int terms_flush(struct store *st)
{
	postings_sort();
	sqlite3_stmt *get = store_prepare(st, "SELECT df, docs FROM termdf WHERE h = ?1");
	sqlite3_stmt *put = store_prepare(st, "INSERT OR REPLACE INTO termdf(h, df, docs) VALUES (?1, ?2, ?3)");
	sqlite3_stmt *del = store_prepare(st, "DELETE FROM termdf WHERE h = ?1");
	struct strbuf rows = STRBUF_INIT;
	struct postings_iter it = { 0, 0 };
	struct term_change c;
	int err = 0;
	while (!err && postings_next(&it, &c)) {
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
				sqlite3_bind_blob(w, 3, rows.buf ? rows.buf : "", (int)rows.len, SQLITE_STATIC);
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
	postings_clear();
	return err ? -1 : 0;
}

/* Merge the pending changes when there are enough of them. 0 or -1. */
static int terms_maybe_flush(struct store *st)
{
	return postings_pending() < postings_limit ? 0 : terms_flush(st);
}

/* Every document's terms (those with h % parts == part) as added, rows in row order; merged on the way when flush is set. 0 or -1. */
static int count_all(struct store *st, uint32_t part, uint32_t parts, int flush)
{
	sqlite3_stmt *r = store_prepare(st,
		"SELECT t.n, t.terms FROM doc_terms t JOIN doc d ON d.n = t.n ORDER BY t.n");
	int rc;
	while ((rc = sqlite3_step(r)) == SQLITE_ROW) {
		count_doc(sqlite3_column_int64(r, 0), sqlite3_column_blob(r, 1),
			  (size_t)sqlite3_column_bytes(r, 1), 1, part, parts);
		if (flush && terms_maybe_flush(st) < 0)
			break;
	}
	sqlite3_finalize(r);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* termdf from scratch: every document's terms. 0 or -1. */
static int count_terms(struct store *st)
{
	postings_clear();
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
	postings_clear();
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
		postings_sort();
		struct counted *v = NULL;
		size_t n = 0, cap = 0;
		struct postings_iter it = { 0, 0 };
		struct term_change c;
		while (postings_next(&it, &c)) {
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
		postings_clear();
	}
	sqlite3_finalize(t);
	sb_release(&rows);
	int kept = store_query_int(st, DOCS_KEPT);
	if (kept >= 0 && kept != store_query_int(st, DOCS_COUNT))
		bad++;   /* the number of documents, kept beside the term counts */
	return rc == SQLITE_DONE ? (int)(bad > INT32_MAX ? INT32_MAX : bad) : -1;
}

long long store_doc_count(struct store *st)
{
	int n = store_query_int(st, DOCS_KEPT);
	return n >= 0 ? n : store_query_int(st, DOCS_COUNT);
}

int store_commit(struct store *st)
{
	if (terms_flush(st) < 0 || (docs_changed && store_exec(st, DOCS_KEEP) < 0))
		return -1;
	docs_changed = 0;
	return store_exec(st, "COMMIT");
}

void store_rollback(struct store *st)
{
	postings_clear();
	docs_changed = 0;
	store_exec(st, "ROLLBACK");
}

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

/* FTS5 keeps 16 MiB of pending terms before writing a segment, as set in schema.sql. */
#define FTS_HASHSIZE "INSERT INTO doc_fts(doc_fts, rank) VALUES ('hashsize', 16777216)"

/*
 * Databases made before saring wrote the label CHECK as an IN list, which
 * SQLite (3.40) evaluates by building a temporary b-tree on every insert:
 * an eighth of an import's instructions. The same constraint as ORs is
 * written in place, by SQLite's documented procedure for changing a CHECK
 * constraint (writable_schema, then a new schema_version): the rows are
 * untouched. When that is refused, the database works as it is.
 */
#define LABEL_IN "CHECK (label IN ('hoax', 'factcheck', 'official'))"
#define LABEL_OR "CHECK (label = 'hoax' OR label = 'factcheck' OR label = 'official')"

static void fix_label_check(struct store *st)
{
	if (store_query_int(st, "SELECT count(*) FROM sqlite_master WHERE name = 'doc' AND sql LIKE '%label IN (%'") == 0)
		return;
	char bump[64];
	snprintf(bump, sizeof bump, "PRAGMA schema_version = %d", store_query_int(st, "PRAGMA schema_version") + 1);
	sqlite3_stmt *s = NULL;
	int ok = store_exec(st, "BEGIN IMMEDIATE") == 0 && store_exec(st, "PRAGMA writable_schema = ON") == 0 &&
		 sqlite3_prepare_v2(st->conn->db, "UPDATE sqlite_master SET sql = replace(sql, ?1, ?2) "
				    "WHERE type = 'table' AND name = 'doc'", -1, &s, NULL) == SQLITE_OK;
	if (ok) {
		sqlite3_bind_text(s, 1, LABEL_IN, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, LABEL_OR, -1, SQLITE_STATIC);
		ok = sqlite3_step(s) == SQLITE_DONE;
	}
	sqlite3_finalize(s);
	ok = ok && store_exec(st, bump) == 0 && store_exec(st, "PRAGMA writable_schema = OFF") == 0 &&
	     store_exec(st, "COMMIT") == 0;
	if (!ok) {
		store_exec(st, "ROLLBACK");
		store_exec(st, "PRAGMA writable_schema = OFF");
	}
}

static void rehash(struct store *st);

/* Check the file is a saring database of a schema we know; create it when new. */
static void check_schema(struct store *st)
{
	int app = store_query_int(st, "PRAGMA application_id");
	int version = store_query_int(st, "PRAGMA user_version");
	int tables = store_query_int(st, "SELECT count(*) FROM sqlite_master");
	if (app == 0 && version == 0 && tables == 0) {
		st->schema = SCHEMA_VERSION;
		if (st->readonly || st->checking)
			die(EXIT_SYSTEM, "%s: empty database; import a corpus first", st->path);
		if (store_exec(st, "BEGIN IMMEDIATE") < 0)
			store_die(st, "cannot create the schema");
		if (store_exec(st, data_schema) < 0) {
			struct strbuf msg = STRBUF_INIT;
			sb_puts(&msg, sqlite3_errmsg(st->conn->db));
			store_exec(st, "ROLLBACK");
			die(EXIT_SYSTEM, "%s: cannot create the schema: %s", st->path, msg.buf);
		}
		if (store_exec(st, "COMMIT") < 0)
			store_die(st, "cannot create the schema");
		rehash(st);
		return;
	}
	if (app != APP_ID)
		die(EXIT_SYSTEM, "%s: not a saring database", st->path);
	if (version > SCHEMA_VERSION)
		die(EXIT_SYSTEM, "%s: made by a newer saring (schema %d, this one knows %d)",
		    st->path, version, SCHEMA_VERSION);
	st->schema = version;
	/* A reader needs nothing of schema 4 (fetched_at, source_state): a schema 3 database is read as it is. */
	if (version == 3 && (st->readonly || st->checking))
		return;
	/* Migrations from older schemas: 2 added termdf, 3 its posting lists and doc_terms, 4 fetched_at and source_state. */
	if (version < 3) {
		if (st->readonly || st->checking)
			die(EXIT_SYSTEM, "%s: made by an older saring (schema %d); run 'saring reindex' to upgrade it",
			    st->path, version);
		const char *step = version < 2
			? "CREATE TABLE termdf (h INTEGER PRIMARY KEY, df INTEGER NOT NULL, docs BLOB)"
			: "ALTER TABLE termdf ADD COLUMN docs BLOB";
		if (store_exec(st, "BEGIN IMMEDIATE") < 0 || store_exec(st, step) < 0 ||
		    store_exec(st, "CREATE TABLE doc_terms (n INTEGER PRIMARY KEY, "
				   "terms BLOB NOT NULL); INSERT INTO doc_terms SELECT n, coalesce(terms, x'') FROM doc; "
				   "ALTER TABLE doc DROP COLUMN terms") < 0 ||
		    count_terms(st) < 0 || store_exec(st, "PRAGMA user_version = 3") < 0 || store_commit(st) < 0) {
			struct strbuf msg = STRBUF_INIT;
			sb_puts(&msg, sqlite3_errmsg(st->conn->db));
			store_rollback(st);
			die(EXIT_SYSTEM, "%s: cannot upgrade the schema: %s", st->path, msg.buf);
		}
	}
	if (version < 4) {
		int has = store_query_int(st, "SELECT count(*) FROM pragma_table_info('doc') WHERE name = 'fetched_at'");
		if (store_exec(st, "BEGIN IMMEDIATE") < 0 ||
		    (!has && store_exec(st, "ALTER TABLE doc ADD COLUMN fetched_at TEXT") < 0) ||
		    store_exec(st, "CREATE TABLE IF NOT EXISTS source_state (name TEXT PRIMARY KEY, etag TEXT, "
				   "last_modified TEXT, fetched_at TEXT NOT NULL)") < 0 ||
		    store_exec(st, "PRAGMA user_version = 4") < 0 || store_exec(st, "COMMIT") < 0) {
			struct strbuf msg = STRBUF_INIT;
			sb_puts(&msg, sqlite3_errmsg(st->conn->db));
			store_exec(st, "ROLLBACK");
			die(EXIT_SYSTEM, "%s: cannot upgrade the schema: %s", st->path, msg.buf);
		}
		st->schema = 4;
	}
	if (!st->readonly && !st->checking) {
		fix_label_check(st);
		/* databases made before these were kept: a faster next import, and check */
		if (store_query_int(st, "SELECT count(*) FROM doc_fts_config WHERE k = 'hashsize'") == 0)
			store_exec(st, FTS_HASHSIZE);
		if (store_query_int(st, DOCS_KEPT) < 0)
			store_exec(st, DOCS_KEEP);
		rehash(st);
	}
}

/*
 * The text pipeline's fingerprint: the built-in tables and the version.
 * An index built with another pipeline gives other tokens, so it must be
 * rebuilt (writers do it, readers are told).
 */
static void pipeline_id(char out[17])
{
	struct strbuf sb = STRBUF_INIT;
	const char *parts[] = { SARING_VERSION, data_slang, data_stopwords,
				data_stem_exceptions, data_keep_in, data_stopwords_en };
	for (size_t i = 0; i < sizeof parts / sizeof *parts; i++) {
		sb_puts(&sb, parts[i]);
		sb_putc(&sb, '\x1e');
	}
	snprintf(out, 17, "%016llx", (unsigned long long)hash64(sb.buf, sb.len));
	sb_release(&sb);
}

static void check_pipeline(struct store *st)
{
	char want[17];
	pipeline_id(want);
	sqlite3_stmt *s = store_prepare(st, "SELECT value FROM meta WHERE key = 'pipeline'");
	const unsigned char *have = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_text(s, 0) : NULL;
	int same = have && !strcmp((const char *)have, want);
	sqlite3_finalize(s);
	if (same)
		return;
	if (st->readonly) {
		warnx_("%s: indexed by another version of saring's text pipeline; "
		       "results may be off until you run 'saring reindex'", st->path);
		return;
	}
	sqlite3_stmt *u = store_prepare(st, "INSERT OR REPLACE INTO meta(key, value) VALUES ('pipeline', ?1)");
	sqlite3_bind_text(u, 1, want, -1, SQLITE_STATIC);
	if (store_exec(st, "BEGIN IMMEDIATE") < 0)
		store_die(st, "cannot update the index");
	if (store_query_int(st, "SELECT count(*) FROM doc") > 0) {
		warnx_("%s: the text pipeline changed; rebuilding the index", st->path);
		if (store_reindex(st) < 0) {
			store_rollback(st);
			store_die(st, "cannot rebuild the index");
		}
	}
	int rc = sqlite3_step(u);
	sqlite3_finalize(u);
	if (rc != SQLITE_DONE || store_commit(st) < 0)
		store_die(st, "cannot update the index");
}

/* Append path to a "file:" URI, escaping what SQLite's URI parser reads. */
static void uri_path(struct strbuf *uri, const char *path)
{
	sb_puts(uri, "file:");
	for (const char *p = path; *p; p++) {
		if (*p == '%' || *p == '?' || *p == '#')
			sb_printf(uri, "%%%02X", (unsigned char)*p);
		else
			sb_putc(uri, *p);
	}
	sb_puts(uri, "?immutable=1");
}

/*
 * Open the connection and set it up: result codes, busy timeout, tokenizer.
 * A connection is used by one thread at a time (an import's writer, the
 * web server's), so SQLite's own locks are left out, as is its count of
 * memory in use: each took a mutex per call (3% of an import).
 */
static void open_db(struct store *st, const char *vfs_path, int flags)
{
	static int configured;
	if (!configured++)
		sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);   /* before SQLite initializes; refused after */
	if (sqlite3_open_v2(vfs_path, &st->conn->db, flags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
		store_die(st, "cannot open");
	sqlite3_extended_result_codes(st->conn->db, 0);
	const char *busy = getenv("SARING_BUSY_MS");
	sqlite3_busy_timeout(st->conn->db, busy ? atoi(busy) : 5000);
	if (register_tokenizer(st->conn->db) < 0)
		die(EXIT_SYSTEM, "this SQLite has no FTS5");
}

/*
 * Does reading fail for want of write access? A WAL database needs its
 * -wal and -shm files, which cannot be made in a read-only folder or file
 * system.
 */
static int cannot_read_here(struct store *st)
{
	int rc = sqlite3_exec(st->conn->db, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL);
	return rc == SQLITE_READONLY || rc == SQLITE_CANTOPEN;
}

/* Is there no -wal file with commits in it, so the database file alone is whole? */
static int no_wal(struct store *st)
{
	struct strbuf wal = STRBUF_INIT;
	sb_printf(&wal, "%s-wal", st->path);
	struct stat sb;
	int none = stat(wal.buf, &sb) != 0 || sb.st_size == 0;
	sb_release(&wal);
	return none;
}

struct store *store_open(const char *path, enum store_mode mode)
{
	struct store *st = xcalloc(1, sizeof *st);
	st->conn = xcalloc(1, sizeof *st->conn);
	int explicit_path = path || (getenv("SARING_DB") && *getenv("SARING_DB"));
	st->path = path ? xstrdup(path) : default_path();
	int flags = SQLITE_OPEN_READONLY;
	const char *vfs_path = st->path;
	struct strbuf uri = STRBUF_INIT;
	struct stat sb;
	int exists = stat(st->path, &sb) == 0;
	if (exists && S_ISDIR(sb.st_mode))
		die(EXIT_SYSTEM, "%s: is a directory", st->path);
	if (exists && !S_ISREG(sb.st_mode))   /* a FIFO would block the open */
		die(EXIT_SYSTEM, "%s: not a regular file", st->path);
	if (mode == STORE_WRITE) {
		flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
		if (!exists) {
			if (!explicit_path && mkdirs(st->path) < 0)
				die(EXIT_SYSTEM, "%s: cannot create its folder: %s", st->path, strerror(errno));
			int fd = open(st->path, O_WRONLY | O_CREAT | O_EXCL, 0600);
			if (fd < 0 && errno == EEXIST)   /* a dangling symbolic link: make its target, 0600 too */
				fd = open(st->path, O_WRONLY | O_CREAT, 0600);
			if (fd < 0 && errno != EEXIST)
				die(EXIT_SYSTEM, "%s: %s", st->path, strerror(errno));
			if (fd >= 0)
				close(fd);
		}
	} else if (!exists) {
		if (explicit_path)
			die(EXIT_SYSTEM, "%s: no such database; create one with 'saring import'", st->path);
		free(st->path);
		st->path = starter_path();
		if (access(st->path, R_OK) != 0)
			die(EXIT_SYSTEM, "no database yet and no starter corpus at %s; run 'saring import FILE'", st->path);
		st->starter = 1;
		uri_path(&uri, st->path);
		vfs_path = uri.buf;
		flags |= SQLITE_OPEN_URI;
	}
	if (mode == STORE_CHECK && !st->starter && access(st->path, W_OK) == 0)
		flags = SQLITE_OPEN_READWRITE;
	st->readonly = !(flags & SQLITE_OPEN_READWRITE);
	st->checking = mode == STORE_CHECK;
	open_db(st, vfs_path, flags);
	if (mode == STORE_WRITE && sqlite3_db_readonly(st->conn->db, "main") == 1)
		die(EXIT_SYSTEM, "%s: the database is read-only; nothing can be written to it", st->path);
	if (!st->starter && cannot_read_here(st)) {
		if (mode == STORE_WRITE)
			die(EXIT_SYSTEM, "%s: its folder is read-only; nothing can be written to the database",
			    st->path);
		/* a reader: read-only, and as immutable when no commit waits in a -wal file */
		sqlite3_close(st->conn->db);
		st->readonly = 1;
		sb_reset(&uri);
		if (no_wal(st)) {
			uri_path(&uri, st->path);
			open_db(st, uri.buf, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI);
		} else {
			open_db(st, st->path, SQLITE_OPEN_READONLY);
		}
	}
	sb_release(&uri);
	check_schema(st);
	if (mode == STORE_WRITE) {
		if (store_exec(st, "PRAGMA journal_mode=WAL") < 0)
			store_die(st, "cannot open for writing");
		store_exec(st, "PRAGMA synchronous=NORMAL");
	}
	check_pipeline(st);
	store_exec(st, "PRAGMA foreign_keys=ON");
	store_exec(st, "PRAGMA cache_size=-8192");   /* 8 MiB of pages */
	return st;
}

void store_close(struct store *st)
{
	if (!st)
		return;
	sqlite3_finalize(st->conn->df);
	sqlite3_finalize(st->conn->docs);
	if (stmt_db == st->conn->db) {
		sqlite3_stmt *mine[] = { stmt_fts_delete, stmt_fts_insert, stmt_old, stmt_find,
					 stmt_insert, stmt_update, stmt_delete, stmt_terms, stmt_terms_delete };
		for (size_t i = 0; i < sizeof mine / sizeof *mine; i++)
			sqlite3_finalize(mine[i]);
		stmt_db = NULL;
	}
	/* statements of FTS5's own are finalized by close; callers finalize theirs */
	if (sqlite3_close(st->conn->db) != SQLITE_OK)
		sqlite3_close_v2(st->conn->db);
	free(st->path);
	free(st->held_by);
	free(st->conn);
	free(st);
	tokcache_release();
}

sqlite3_stmt *store_prepare(struct store *st, const char *sql)
{
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(st->conn->db, sql, -1, &s, NULL) != SQLITE_OK)
		store_die(st, "cannot prepare a query");
	return s;
}

/* ---- terms ---- */

uint32_t term_hash(const char *t, size_t len)
{
	uint64_t h = hash64(t, len);
	uint32_t v = (uint32_t)(h ^ (h >> 32));
	return v ? v : 1;   /* 0 separates fields */
}

struct termvec {
	uint32_t **v;
	size_t *n, *cap;
};

static int add_term(void *ctx, const struct token *t)
{
	struct termvec *tv = ctx;
	xgrow((void **)tv->v, tv->cap, *tv->n + 1, sizeof **tv->v);
	(*tv->v)[(*tv->n)++] = term_hash(t->text, t->len);
	return 0;
}

/* ---- writes ---- */

static void bind_text(sqlite3_stmt *s, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(s, i);
}

/*
 * A hash of a document's fields f[0..9). Version 2, the content hash, puts
 * each field's length before it, so two different documents never hash the
 * same bytes; version 1 joined them with 0x1E, which a field may hold, and
 * is kept only to name documents that come without an id ("h-..."), so
 * that their ids stay what older versions made them.
 */
static void fields_hash(const char *const f[9], int version, char out[17])
{
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < 9; i++) {
		const char *v = f[i] ? f[i] : "";
		if (version >= 2)
			sb_printf(&sb, "%zu:", strlen(v));
		sb_puts(&sb, v);
		if (version < 2)
			sb_putc(&sb, '\x1e');
	}
	snprintf(out, 17, "%016llx", (unsigned long long)hash64(sb.buf, sb.len));
	sb_release(&sb);
}

#define DOC_FIELDS(d) { (d)->label, (d)->rating, (d)->title, (d)->claim, (d)->body, \
			(d)->publisher, (d)->url, (d)->date, (d)->source }

static void content_hash(const struct doc *d, char out[17])
{
	const char *f[9] = DOC_FIELDS(d);
	fields_hash(f, 2, out);
}

/* saring_content_hash(label, ..., source): content_hash() in SQL, to rehash what older versions stored. */
static void sql_content_hash(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *f[9] = { 0 };
	for (int i = 0; i < argc && i < 9; i++)
		f[i] = (const char *)sqlite3_value_text(argv[i]);
	char out[17];
	fields_hash(f, 2, out);
	sqlite3_result_text(ctx, out, -1, SQLITE_TRANSIENT);
}

/* Content hashes of version 1 (see fields_hash()) are recomputed once, by the first writer. */
static void rehash(struct store *st)
{
	if (store_query_int(st, "SELECT count(*) FROM meta WHERE key = 'content_hash' AND value = '2'"))
		return;
	if (sqlite3_create_function(st->conn->db, "saring_content_hash", 9, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
				    sql_content_hash, NULL, NULL) != SQLITE_OK ||
	    store_exec(st, "BEGIN IMMEDIATE") < 0 ||
	    store_exec(st, "UPDATE doc SET hash = saring_content_hash(label, rating, title, claim, body, "
			   "publisher, url, date, source); "
			   "INSERT OR REPLACE INTO meta(key, value) VALUES ('content_hash', '2')") < 0 ||
	    store_commit(st) < 0) {
		store_rollback(st);
		store_die(st, "cannot update the content hashes");
	}
}

static void now_iso(char out[21])
{
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* A terms blob: the hashes v[0..n) as little-endian uint32s. */
static void blob_of(const uint32_t *v, size_t n, struct strbuf *blob)
{
	sb_reset(blob);
	for (size_t i = 0; i < n; i++) {
		unsigned char b[4] = { (unsigned char)v[i], (unsigned char)(v[i] >> 8),
				       (unsigned char)(v[i] >> 16), (unsigned char)(v[i] >> 24) };
		sb_add(blob, (const char *)b, 4);
	}
}

struct store_prep *store_prep_new(void)
{
	return xcalloc(1, sizeof(struct store_prep));
}

void store_prep_tokens(struct store_prep *p, const struct doc *d)
{
	if (p->ready)
		return;
	const char *cols[3] = { d->title, d->claim, d->body };
	uint32_t *v = NULL;
	size_t n = 0, cap = 0;
	struct termvec tv = { &v, &n, &cap };
	pthread_mutex_lock(&pipe_lock);
	for (int i = 0; i < 3; i++) {
		size_t len = cols[i] ? strlen(cols[i]) : 0;
		if (len > TOKCACHE_MAX) {
			norm_text(cols[i], len, NORM_STEM, add_term, &tv, NULL, NULL);
		} else if (len) {
			struct toklist *c = &p->col[i];
			toklist_fill(c, 0, cols[i], len);
			p->text[i] = cols[i];
			xgrow((void **)&v, &cap, n + c->n, sizeof *v);
			for (size_t j = 0; j < c->n; j++)
				v[n++] = term_hash(c->arena.buf + c->v[j].text, c->v[j].len);
		}
		xgrow((void **)&v, &cap, n + 1, sizeof *v);
		v[n++] = 0;
	}
	pthread_mutex_unlock(&pipe_lock);
	blob_of(v, n, &p->blob);
	free(v);
	p->ready = 1;
}

void store_prep_free(struct store_prep *p)
{
	if (!p)
		return;
	for (int i = 0; i < 3; i++)
		toklist_release(&p->col[i]);
	sb_release(&p->blob);
	free(p);
}

static int step_done(sqlite3_stmt *s)
{
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : -1;
}


static void prepare_writes(struct store *st)
{
	if (stmt_db == st->conn->db)
		return;
	stmt_db = st->conn->db;
	stmt_find = store_prepare(st, "SELECT n, hash, source FROM doc WHERE id = ?1");
	/*
	 * One-row VALUES inserts: an INSERT ... SELECT into FTS5 would open a
	 * statement savepoint, and FTS5 flushes its pending terms to a new
	 * segment at every savepoint: ten times slower imports.
	 */
	stmt_old = store_prepare(st, "SELECT d.title, d.claim, d.body, t.terms FROM doc d "
				     "LEFT JOIN doc_terms t ON t.n = d.n WHERE d.n = ?1");
	stmt_fts_delete = store_prepare(st,
		"INSERT INTO doc_fts(doc_fts, rowid, title, claim, body) VALUES ('delete', ?1, ?2, ?3, ?4)");
	stmt_fts_insert = store_prepare(st,
		"INSERT INTO doc_fts(rowid, title, claim, body) VALUES (?1, ?2, ?3, ?4)");

	stmt_insert = store_prepare(st,
		"INSERT INTO doc(id, label, rating, title, claim, body, publisher, url, date, source, "
		"hash, imported, fetched_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
	stmt_update = store_prepare(st,
		"UPDATE doc SET label = ?2, rating = ?3, title = ?4, claim = ?5, body = ?6, publisher = ?7, "
		"url = ?8, date = ?9, source = ?10, hash = ?11, imported = ?12, fetched_at = ?13 WHERE id = ?1");
	stmt_delete = store_prepare(st, "DELETE FROM doc WHERE n = ?1");
	stmt_terms_delete = store_prepare(st, "DELETE FROM doc_terms WHERE n = ?1");
	stmt_terms = store_prepare(st, "INSERT OR REPLACE INTO doc_terms(n, terms) VALUES (?1, ?2)");
}

static int put_terms(sqlite3_int64 n, const struct strbuf *blob)
{
	sqlite3_bind_int64(stmt_terms, 1, n);
	sqlite3_bind_blob(stmt_terms, 2, blob->buf ? blob->buf : "", (int)blob->len, SQLITE_STATIC);
	return step_done(stmt_terms);
}

/* Take document row n out of the FTS5 index (it needs the indexed text). */
static int unindex(sqlite3_int64 n)
{
	sqlite3_bind_int64(stmt_old, 1, n);
	int rc = sqlite3_step(stmt_old);
	if (rc == SQLITE_ROW) {
		sqlite3_bind_int64(stmt_fts_delete, 1, n);
		for (int i = 0; i < 3; i++)
			sqlite3_bind_value(stmt_fts_delete, i + 2, sqlite3_column_value(stmt_old, i));
		rc = step_done(stmt_fts_delete) ? SQLITE_ERROR : SQLITE_DONE;
		if (rc == SQLITE_DONE)
			count_doc(n, sqlite3_column_blob(stmt_old, 3), (size_t)sqlite3_column_bytes(stmt_old, 3), -1, 0, 1);
		sqlite3_clear_bindings(stmt_fts_delete);
	}
	sqlite3_reset(stmt_old);
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
		if (!d->id) {
			const char *f[9] = DOC_FIELDS(d);
			char name[17];
			fields_hash(f, 1, name);
			struct strbuf id = STRBUF_INIT;
			sb_printf(&id, "h-%s", name);
			d->id = sb_detach(&id);
		}
	}
	char when[21];
	sqlite3_int64 n = 0;
	int exists = 0, same = 0, other_source = 0;
	sqlite3_bind_text(stmt_find, 1, d->id, -1, SQLITE_STATIC);
	int rc = sqlite3_step(stmt_find);
	if (rc == SQLITE_ROW) {
		exists = 1;
		n = sqlite3_column_int64(stmt_find, 0);
		const char *old = (const char *)sqlite3_column_text(stmt_find, 1);
		same = old && strcmp(old, p->hash) == 0;
		const char *src = (const char *)sqlite3_column_text(stmt_find, 2);
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
	sqlite3_reset(stmt_find);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return PUT_ERROR;
	if (exists && same)
		return PUT_UNCHANGED;
	if (other_source)
		return PUT_CLASH;
	if (exists && !replace)
		return PUT_CONFLICT;
	now_iso(when);
	store_prep_tokens(p, d);
	sqlite3_stmt *w = exists ? stmt_update : stmt_insert;
	const char *vals[] = { d->id, d->label, d->rating, d->title, d->claim, d->body,
			       d->publisher, d->url, d->date, d->source, p->hash, when, st->fetched_at };
	for (int i = 0; i < 13; i++)
		bind_text(w, i + 1, vals[i]);
	int err = 0;
	if (exists) {
		err = unindex(n) || step_done(w);
	} else {
		err = step_done(w);
		n = sqlite3_last_insert_rowid(st->conn->db);
	}
	sqlite3_clear_bindings(w);
	if (!err && put_terms(n, &p->blob))
		err = 1;
	if (err)
		return PUT_ERROR;
	sqlite3_bind_int64(stmt_fts_insert, 1, n);
	bind_text(stmt_fts_insert, 2, d->title);
	bind_text(stmt_fts_insert, 3, d->claim);
	bind_text(stmt_fts_insert, 4, d->body);
	writing = p;
	err = step_done(stmt_fts_insert);
	writing = NULL;
	sqlite3_clear_bindings(stmt_fts_insert);
	if (err)
		return PUT_ERROR;
	count_doc(n, (const unsigned char *)p->blob.buf, p->blob.len, 1, 0, 1);
	docs_changed = 1;
	if (terms_maybe_flush(st) < 0)
		return PUT_ERROR;
	return exists ? PUT_UPDATED : PUT_ADDED;
}

int store_id_source(struct store *st, const char *id, char **source)
{
	prepare_writes(st);
	sqlite3_bind_text(stmt_find, 1, id, -1, SQLITE_STATIC);
	int rc = sqlite3_step(stmt_find);
	if (rc == SQLITE_ROW) {
		const char *src = (const char *)sqlite3_column_text(stmt_find, 2);
		*source = src ? xstrdup(src) : NULL;
	}
	sqlite3_reset(stmt_find);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

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

int store_remove(struct store *st, const char *id)
{
	prepare_writes(st);
	sqlite3_bind_text(stmt_find, 1, id, -1, SQLITE_STATIC);
	int rc = sqlite3_step(stmt_find);
	sqlite3_int64 n = rc == SQLITE_ROW ? sqlite3_column_int64(stmt_find, 0) : 0;
	sqlite3_reset(stmt_find);
	if (rc == SQLITE_DONE)
		return 0;
	if (rc != SQLITE_ROW)
		return -1;
	sqlite3_bind_int64(stmt_delete, 1, n);
	sqlite3_bind_int64(stmt_terms_delete, 1, n);
	if (unindex(n) || step_done(stmt_delete) || step_done(stmt_terms_delete))
		return -1;
	docs_changed = 1;
	return 1;
}

int store_optimize(struct store *st)
{
	return store_exec(st, "INSERT INTO doc_fts(doc_fts) VALUES('optimize')");
}

int store_reindex(struct store *st)
{
	docs_changed = 1;   /* the number of documents is recounted too */
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
		store_prep_tokens(p, &d);
		err = put_terms(sqlite3_column_int64(r, 0), &p->blob);
		store_prep_free(p);
		doc_clear(&d);
	}
	if (!err && rc != SQLITE_DONE)
		err = 1;
	sqlite3_finalize(r);
	if (!err && count_terms(st) < 0)
		err = 1;
	return err ? -1 : 0;
}
