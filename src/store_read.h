/*
 * store_read.h: the reads made of a store. For the matcher: a document's
 * stored terms and fields by row, the rows the full-text index gives for
 * one term and how many documents hold two terms side by side, and a read
 * transaction held over a batch. For the commands: a document by id,
 * every document in order (export), a ranked keyword search, the counts
 * stats prints, and doctor's integrity checks. All the SQL they need lives
 * here, so neither the matcher (src/match*.c) nor a command holds any.
 *
 * Ownership: a doc_reader borrows its store (one thread at a time, like
 * the store) and owns its statements; doc_reader_free() gives them back.
 * What a lookup returns borrows the reader's current row: it stays valid
 * until the next lookup of the same kind on that reader.
 */
#ifndef SARING_STORE_READ_H
#define SARING_STORE_READ_H

#include <stddef.h>

struct doc;
struct store;
struct doc_reader;

/* A document's fields; each borrowed, NULL when absent. */
struct doc_fields {
	const char *id, *label, *rating, *title, *publisher, *date, *url;
	const char *text;   /* claim and body, joined by a space; "" when both are absent */
};

struct doc_reader *doc_reader_new(struct store *st);
void doc_reader_free(struct doc_reader *r);

/* Document row n's stored terms (doc_terms): 1 with *blob and *nb set, 0 when it has none. */
int doc_reader_terms(struct doc_reader *r, long long n, const unsigned char **blob, size_t *nb);
/* Document row n's fields: 1 with *f set, 0 when there is no such row. */
int doc_reader_fields(struct doc_reader *r, long long n, struct doc_fields *f);
/*
 * The rows of the documents holding canonical term t, from the full-text
 * index (for a term whose posting list the store does not keep): fn is
 * called with each. A database error is fatal (EXIT_SYSTEM).
 */
void doc_reader_term_rows(struct doc_reader *r, const char *t, void (*fn)(void *ctx, long long row), void *ctx);
/* How many documents hold canonical term b right after canonical term a (the FTS5 phrase); a database error is fatal. */
long long doc_reader_adjacent(struct doc_reader *r, const char *a, const char *b);
/* Let go of the current rows (their read locks), as at the end of each message. */
void doc_reader_done(struct doc_reader *r);
/* Hold one read transaction over many lookups (on = 1), or end it (on = 0). 0, or -1 on error. */
int doc_reader_hold(struct doc_reader *r, int on);

/* Read a document by id into d (fields owned by d): 1 found, 0 not; a database error is fatal. */
int store_get(struct store *st, const char *id, struct doc *d);

/* Every document (of one label, or all when label is NULL), in the order they were added. */
struct doc_iter;
struct doc_iter *store_docs(struct store *st, const char *label);
/* The next document into d (fields owned by d): 1, or 0 at the end; a database error is fatal. */
int store_docs_next(struct doc_iter *it, struct doc *d);
void store_docs_end(struct doc_iter *it);

/* A keyword search: an FTS5 expression, the label wanted (or NULL), at most limit rows. */
struct search_query {
	const char *expr;
	const char *label;
	const char *hl_open, *hl_close;   /* put around the matched words of the snippet */
	int limit;
};
/* One document found; each field borrowed for the call, NULL when absent. */
struct search_hit {
	const char *id, *label, *rating, *title, *publisher, *date, *url, *snippet;
	double score;   /* bm25, higher is better */
};
/*
 * Run q, best first, calling fn with each hit: the number of hits, or -1
 * when SQLite refuses the expression (its message: store_errmsg()). Other
 * database errors are fatal.
 */
int store_search(struct store *st, const struct search_query *q,
		 void (*fn)(void *ctx, const struct search_hit *h), void *ctx);

/* What stats counts documents by. */
enum store_group { GROUP_LABEL, GROUP_SOURCE, GROUP_YEAR };
/* fn with each value (NULL for none) and its number of documents: by value, by number for sources. */
void store_count_by(struct store *st, enum store_group g, void (*fn)(void *ctx, const char *key, long long n),
		    void *ctx);
/* Per source, most documents first: its documents, their newest date, when saring update last fetched it. */
struct source_fresh {
	const char *name, *newest, *fetched;   /* borrowed for the call; NULL when none */
	long long docs;
};
void store_freshness(struct store *st, void (*fn)(void *ctx, const struct source_fresh *s), void *ctx);
/* The newest date of any document, "" when none has one (owned by the caller). */
char *store_newest_date(struct store *st);

/*
 * SQLite's integrity check of the file: fn with each problem found. 0 when
 * it ran to the end, -1 when it could not start, -2 when it stopped on an
 * error (the message of either: store_errmsg()).
 */
int store_check_file(struct store *st, void (*fn)(void *ctx, const char *problem), void *ctx);
/* FTS5's integrity check of the index against the documents: 0, or -1 (store_errmsg()). */
int store_check_index(struct store *st);

#endif
