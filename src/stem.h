/*
 * stem.h: Snowball Indonesian stemming (libstemmer) with the project's
 * exception table (data/stem-exceptions.tsv) and a bounded cache.
 *
 * A stemmer (libstemmer's state and the cache) is its owner's, used by
 * one thread at a time; the exception table is loaded once a process and
 * shared read-only.
 *
 * Ownership: stemmer_new() makes one, stemmer_free() gives it back.
 * stem_word() returns a string owned by the cache, valid until the next
 * stem_word() call that fills the cache past its bound; copy it if you
 * keep it across calls.
 */
#ifndef SARING_STEM_H
#define SARING_STEM_H

#include <stddef.h>

struct stemmer;
struct stemmer *stemmer_new(void);
void stemmer_free(struct stemmer *s);
/* Stem of the folded word w (w[len] need not be NUL); *outlen gets its length. */
const char *stem_word(struct stemmer *s, const char *w, size_t len, size_t *outlen);
/* Is w a key of the exception table? */
int stem_is_exception(const char *w, size_t len);
/* Load the exception table, if no one has yet (the normalizer's tables load it with theirs). */
void stem_tables(void);

#endif
