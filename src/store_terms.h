/*
 * store_terms.h: the store's terms as the tokenizer makes them (fts_tok.c):
 * a term's hash, a document's terms blob read, and the FTS5 query of a
 * search. Included by store.h, so that the store's users see it there.
 */
#ifndef SARING_STORE_TERMS_H
#define SARING_STORE_TERMS_H

#include <stddef.h>
#include <stdint.h>

/* The i-th term hash of a terms blob (little-endian uint32s; 0 separates fields). */
static inline uint32_t terms_at(const unsigned char *blob, size_t i)
{
	const unsigned char *p = blob + 4 * i;
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}
/* The distinct terms of a terms blob into *v (grown with xgrow), ascending: their number. */
size_t distinct_terms(const unsigned char *blob, size_t nb, uint32_t **v, size_t *cap);
/* Canonical token hash, as stored in doc_terms.terms. */
uint32_t term_hash(const char *t, size_t len);

/*
 * The FTS5 MATCH expression of a search for text, through the pipeline:
 * each distinct token quoted (so user text is never query syntax), joined
 * by " OR " when any is set, else by spaces (AND). Empty when no token.
 */
struct strbuf;
void store_fts_expr(const char *text, size_t len, int any, struct strbuf *out);

#endif
