/*
 * stem.h: Snowball Indonesian stemming (libstemmer) with the project's
 * exception table (data/stem-exceptions.tsv) and a bounded cache.
 *
 * Ownership: stem_word() returns a string owned by the cache, valid until
 * the next stem_word() call that fills the cache past its bound; copy it
 * if you keep it across calls.
 */
#ifndef SARING_STEM_H
#define SARING_STEM_H

#include <stddef.h>

/* Stem of the folded word w (w[len] need not be NUL); *outlen gets its length. */
const char *stem_word(const char *w, size_t len, size_t *outlen);
/* Is w a key of the exception table? */
int stem_is_exception(const char *w, size_t len);
/* Free the stemmer and the cache (for leak checkers). */
void stem_release(void);

#endif
