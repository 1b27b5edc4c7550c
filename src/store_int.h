/*
 * store_int.h: what the store's own files (store*.c, fts_tok.c) share and
 * the commands never see: the SQLite connection and its per-connection
 * state. Nothing outside the store includes it (tests/suites/layers.sh).
 */
#ifndef SARING_STORE_INT_H
#define SARING_STORE_INT_H

#include <sqlite3.h>
#include <stdint.h>

#include "postings.h"
#include "store.h"
#include "util.h"

/* The write statements, prepared by the connection's first write (store_write.c). */
struct write_stmts {
	sqlite3_stmt *find, *old, *fts_delete, *fts_insert, *insert, *update, *del, *terms, *terms_delete;
};

struct store_conn {
	sqlite3 *db;                 /* owned connection */
	sqlite3_stmt *df, *docs;     /* owned: store_df(), store_postings(), prepared when first used */
	struct write_stmts w;        /* owned; all NULL until the first write */
	int docs_changed;            /* documents were written or removed in this transaction */
	struct postings pending;     /* owned: this transaction's changes to termdf, merged by store_terms_flush() */
	struct fts_tok *tok;         /* owned: the FTS5 tokenizer's context for this connection */
};

/*
 * The number of documents, the N of the matcher's weights, is kept in
 * meta by every write: counting the rows of a large table reads a whole
 * index, which took a tenth of a one-message check at 300,000 documents.
 */
#define DOCS_COUNT "SELECT count(*) FROM doc"
#define DOCS_KEEP "INSERT OR REPLACE INTO meta(key, value) VALUES ('docs', (" DOCS_COUNT "))"
#define DOCS_KEPT "SELECT coalesce((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'docs'), -1)"   /* -1: not kept */

/* ---- fts_tok.c: the tokenizer, and a document's tokens made once ---- */

#define TOKCACHE_MAX (1 << 20)   /* longer texts are not kept */

struct tokrec {
	size_t text, len;      /* canonical text in the list's arena */
	size_t start, end;
	unsigned flags;
};

/* A text's tokens, to replay. */
struct toklist {
	uint64_t hash;         /* of the text; 0 = empty */
	size_t len;            /* its length */
	struct tokrec *v;      /* owned */
	size_t n, cap;
	struct strbuf arena;   /* canonical token texts */
};

struct store_prep {
	char hash[17];             /* content hash, "" until store_put_prep() makes it */
	int ready;                 /* col and blob are made */
	struct toklist col[3];     /* title, claim, body */
	const char *text[3];       /* their texts (the document's, borrowed); NULL: not kept */
	struct strbuf blob;        /* the terms blob */
};

struct fts_tok;
struct fts_tok *fts_tok_new(void);
void fts_tok_free(struct fts_tok *k);
/* Register the "saring" tokenizer on db, with k as its context: 0 or -1. */
int fts_tok_register(sqlite3 *db, struct fts_tok *k);
/* The store's own text pipeline (owned by k). */
struct pipeline *fts_tok_pipeline(struct fts_tok *k);
/* The document whose columns FTS5 is about to index (its tokens are replayed), or NULL. */
void fts_tok_writing(struct fts_tok *k, const struct store_prep *p);

/* ---- store_write.c, for store.c ---- */

/* Merge the transaction's pending posting changes into termdf: 0 or -1. */
int store_terms_flush(struct store *st);
/* termdf from scratch: every document's terms. 0 or -1. */
int store_count_terms(struct store *st);
/* Recompute content hashes of version 1, once, as the first writer opens the database. */
void store_rehash(struct store *st);

/* ---- store_conn.c: the connection's primitives, for every file of the store ---- */

/* Prepare sql or die with the database's message. */
sqlite3_stmt *store_prepare(struct store *st, const char *sql);

/* The ten columns of a document, in struct doc's order, for store_doc_row(). */
#define DOC_COLUMNS "id, label, rating, title, claim, body, publisher, url, date, source"

/* Column i of the current row as an owned string, NULL for NULL. */
char *store_col_dup(sqlite3_stmt *s, int i);
/* The meta key (a printf format of key and source) under which a bundle's key and source keep their newest creation time. */
#define BUNDLE_META_KEY "bundle\t%s\t%s"
/* The DOC_COLUMNS of the current row, from column 0, into d (owned by d). */
void store_doc_row(sqlite3_stmt *s, struct doc *d);
/* The first column of a one-row query as an int; a database error is fatal. */
int store_query_int(struct store *st, const char *sql);

#endif
