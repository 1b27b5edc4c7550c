/*
 * normalize.h: the whole text pipeline, from any bytes to canonical
 * tokens: text_scan() words, then informal Indonesian undone (leetspeak,
 * reduplication, elongation, the slang table, colloquial nge- and -in),
 * stopwords marked, and words stemmed.
 *
 * Indexing and querying both go through norm_text(), so they agree.
 *
 * A pipeline is an object: its memo of the words worked out and its
 * stemmer are its owner's alone (the store's tokenizer, a matcher, a
 * screening, a command), used by one thread at a time; the tables
 * (slang, stopwords, ...) are loaded once a process and shared read-only.
 *
 * Ownership: pipeline_new() makes one, pipeline_free() gives it back; the
 * token passed to the callback is borrowed for the call.
 */
#ifndef SARING_NORMALIZE_H
#define SARING_NORMALIZE_H

#include <stddef.h>

#include "text.h"

enum token_flag {
	TF_NUMBER = 1,  /* a number or amount: a strong token */
	TF_STOP = 2,    /* a stopword (kept only with NORM_KEEP_STOP) */
	TF_NEG = 4,     /* a negation: tidak, bukan, belum, jangan, ... */
	TF_URL = 8,     /* a URL host */
	TF_PLACE = 16,  /* an e-mail or phone placeholder */
};

struct token {
	const char *text;   /* canonical form; borrowed */
	size_t len;
	const char *word;   /* the word before stemming; borrowed */
	size_t wlen;
	size_t start, end;  /* byte span in the input */
	unsigned flags;     /* enum token_flag */
};

enum norm_opt {
	NORM_STEM = 1,       /* stem words and drop stopwords */
	NORM_KEEP_STOP = 2,  /* with NORM_STEM: keep stopwords (flagged) */
};

/*
 * Return non-zero to stop. The token's text lives in the pipeline's memo:
 * a callback must not normalize text with the same pipeline (the memo
 * would move).
 */
typedef int (*token_fn)(void *ctx, const struct token *t);

struct pipeline;
struct pipeline *pipeline_new(void);
void pipeline_free(struct pipeline *pl);

/* The stem of the folded word w by pl's stemmer (see stem_word()). */
const char *pipeline_stem(struct pipeline *pl, const char *w, size_t len, size_t *outlen);

void norm_text(struct pipeline *pl, const char *s, size_t n, unsigned opts, token_fn fn, void *ctx,
		utf8_warn_fn warn, void *wctx);

#endif
