/*
 * postings.h: posting lists (the document rows holding a term, as kept in
 * termdf.docs) and the changes a write transaction makes to them.
 *
 * Every document written or removed appends one (term, row) pair per
 * distinct term to a flat array: no lookup per term, so it costs little
 * beside the write itself. postings_sort() then groups the pairs by term
 * for store_write.c to merge into termdf, at commit or when postings_limit pairs
 * are pending (a long import merges several times, in bounded memory).
 * Each store connection keeps its own pending changes (struct postings).
 */
#ifndef SARING_POSTINGS_H
#define SARING_POSTINGS_H

#include <stddef.h>
#include <stdint.h>

#include "util.h"

/* Pending changes to one term: pairs (term << 32 | row), rows ascending. */
struct term_change {
	uint32_t h;
	const uint64_t *add, *del;   /* rows that gained the term, rows that lost it */
	size_t nadd, ndel;
};

struct pairs {
	uint64_t *v;   /* owned: term << 32 | row */
	size_t n, cap;
};
/* The pending changes of one write transaction (a connection's); zeroed to begin, postings_clear() to end. */
struct postings {
	struct pairs added, removed;
};

/* Row gained (postings_add) or lost (postings_remove) term h; rows are 1 .. UINT32_MAX. */
void postings_add(struct postings *p, uint32_t h, int64_t row);
void postings_remove(struct postings *p, uint32_t h, int64_t row);
/* Pairs pending; the store merges them into termdf once there are postings_limit. */
size_t postings_pending(const struct postings *p);
extern size_t postings_limit;   /* a setting, the same for every connection (the tests lower it) */
/* Group the pending pairs by term, then walk the terms in ascending order: 1 while *c is set. */
struct postings_iter {
	size_t add, del;   /* where the next term starts; zero to begin */
};
void postings_sort(struct postings *p);
int postings_next(const struct postings *p, struct postings_iter *it, struct term_change *c);
/* Forget the pending pairs (and free them). */
void postings_clear(struct postings *p);

/*
 * The list old (an encoded list, NULL for none) after the change c, encoded
 * into out, its length in *n. -1 when c does not fit old (a row added that
 * was there, removed that was not, out of range) or old is malformed.
 */
int postings_merge(const unsigned char *old, size_t nb, const struct term_change *c,
		   struct strbuf *out, size_t *n);
/* A posting list: ascending rows as LEB128 varints of their differences. */
void postings_encode(const uint32_t *v, size_t n, struct strbuf *out);
/* Append the rows of a list to *v (grown with xgrow); -1 when it is malformed. */
int postings_decode(const unsigned char *b, size_t nb, uint32_t **v, size_t *n, size_t *cap);

#endif
