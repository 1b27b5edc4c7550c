/*
 * match.h: matching a message against the corpus: candidates from the
 * FTS5 index, re-ranking by the evidence each holds, and the verdict. The
 * stages are in src/match*.c and src/verdict.c behind match_int.h, their
 * tuned numbers in tuning.h. A result carries everything a renderer
 * needs: no renderer reads a threshold.
 *
 * Ownership: a matcher borrows its store. matcher_check() fills a
 * struct result whose strings it owns; result_clear() frees them.
 */
#ifndef SARING_MATCH_H
#define SARING_MATCH_H

#include <stddef.h>

#include "store.h"

enum verdict { V_UNKNOWN, V_SIMILAR, V_OFFICIAL, V_ALTERED, V_HOAX };

/* A byte span of a text. */
struct span {
	size_t start, end;
};

struct match {
	long long n;        /* doc row */
	char *id, *label, *rating, *title, *publisher, *date, *url;  /* owned */
	char *snippet;      /* owned: the document's passage holding the most of the message's
			       words, plain text; NULL unless asked */
	struct span *hits;  /* owned: the message's words in snippet, in order */
	size_t nhits;
	double score;       /* containment gated by evidence (match_score.c), in [0, 1] */
	int is_match;       /* the score is a match's (T_MATCH): a verdict of its own */
	int is_similar;     /* the score is at least similar (T_SIMILAR): shown with a snippet */
	double bits;        /* evidence of the best stretch beyond chance, in bits (may be < 0) */
	double share;       /* containment: the most of the message, or of its stretch, shared */
	size_t from, to;    /* the best stretch: message content tokens [from, to) */
	size_t start, end;  /* ... as a byte span of the message */
	double words;       /* share of the stretch's (weighted) words in the document */
	double seq;         /* share of the stretch's word pairs in the document */
	double dwords, dseq;/* the stretch's length against the document's */
};

enum note_kind {
	NOTE_NUMBERS,    /* an official release's numbers differ: said, release (may be NULL) */
	NOTE_NEGATION,   /* the message negates what the document says */
	NOTE_LONG,       /* only the message's first words were compared */
	NOTE_DATES,      /* an official release's dates differ: said, release (may be NULL) */
	NOTE_TIMES,      /* an official release's times of day differ: said, release (may be NULL) */
};

struct note {
	enum note_kind kind;
	char *said;      /* owned: the message's number, date or time as written, or NULL */
	char *release;   /* owned: the release's, or NULL */
};

struct result {
	enum verdict verdict;
	double score;            /* the best match's score, 0 when none */
	double show_at;          /* the score a document needs to be shown (T_SIMILAR) */
	struct match *m;         /* owned, best first */
	size_t nm;
	struct note *notes;      /* owned: altered numbers, negation */
	size_t nnotes, capnotes;
	size_t ntokens;          /* content tokens in the message */
};

struct matcher;

struct match_opts {
	int topn;            /* matches to report */
	int snippets;        /* fetch snippets and their hits */
};

struct matcher *matcher_new(struct store *st);
void matcher_free(struct matcher *m);

/*
 * Batch mode on/off: hold one read transaction over many messages (fewer
 * locks), renewed now and then so that writers can checkpoint.
 */
void matcher_batch(struct matcher *m, int on);

/* Match one message. Returns 0: a database error is fatal (store_die() reports it and exits 3). */
int matcher_check(struct matcher *m, const char *text, size_t len,
		const struct match_opts *o, struct result *r);
void result_clear(struct result *r);

const char *verdict_name(enum verdict v);
/* Does the note say what an altered message changed (a number, date or time)? */
int note_is_change(const struct note *n);

#endif
