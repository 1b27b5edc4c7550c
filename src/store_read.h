/*
 * store_read.h: the reads the matcher makes of a store: a document's
 * stored terms and fields by row, the rows the full-text index gives for
 * one term, and a read transaction held over a batch. All the SQL the
 * matcher needs lives here, so match.c holds none.
 *
 * Ownership: a doc_reader borrows its store (one thread at a time, like
 * the store) and owns its statements; doc_reader_free() gives them back.
 * What a lookup returns borrows the reader's current row: it stays valid
 * until the next lookup of the same kind on that reader.
 */
#ifndef SARING_STORE_READ_H
#define SARING_STORE_READ_H

#include <stddef.h>

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
/* Let go of the current rows (their read locks), as at the end of each message. */
void doc_reader_done(struct doc_reader *r);
/* Hold one read transaction over many lookups (on = 1), or end it (on = 0). 0, or -1 on error. */
int doc_reader_hold(struct doc_reader *r, int on);

#endif
