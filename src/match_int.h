/*
 * match_int.h: the matcher's private state and the stages that share it,
 * split by stage as SQLite splits where.c behind whereInt.h. Nothing
 * outside src/match*.c and src/verdict.c includes this header.
 *
 * The stages, in the order matcher_check() (match.c) takes them:
 *   match_query.c    the message's words: tokens, unknown words undoubled or
 *                    split, weights, the sets of its terms and word pairs
 *   match_cand.c     candidates: the documents holding the most weight of
 *                    the rarest words, read from posting lists under a budget
 *   match_cooc.c     co-occurrence: what a word says after the one before it,
 *                    counted from lists or in a sample of the documents
 *   match_score.c    one candidate's score (the evidence of its best stretch
 *                    beyond chance, gating its containment) and the ordering
 *                    rules of the pool
 *   match_look.c     further looks: a line alone, the words past the best
 *   match_typo.c     typing errors mended against the near candidates
 *   verdict.c        the verdict and its notes (altered numbers, negation)
 *   match_snippet.c  the passage of a document shown with a match
 * Every tuned number they use is in tuning.h, with the measurement behind it.
 *
 * State: struct matcher holds what is kept between messages (the store's
 * reader and pipeline, document counts, common words' samples) and the
 * candidates' accumulator; struct message is one message's words and the
 * sets built from them. A stage that needs a variant of the message (the
 * typo repair's mended words, a look's own words) works on its own copy.
 *
 * Ownership: a matcher owns its reader, pipeline, caches and both
 * messages; a message owns its arrays, freed by message_free().
 */
#ifndef SARING_MATCH_INT_H
#define SARING_MATCH_INT_H

#include <stdint.h>

#include "hmap.h"
#include "match.h"
#include "tuning.h"
#include "util.h"

/* A message token's flag of the matcher's own, beside the pipeline's: kept when a typing error is mended. */
#define QF_EVERYDAY (1u << 30)   /* a word of data/everyday.txt */

struct qtok {
	uint32_t h;          /* term hash */
	unsigned flags;      /* token flags */
	size_t start, end;   /* span in the message */
	size_t text;         /* offset of the canonical text in message.texts */
	size_t word;         /* offset of the word before stemming in message.texts */
};

struct rare {
	uint32_t h;          /* term hash */
	long long order;     /* sort key: df, chat words after every other */
	double w;            /* its weight */
	size_t text;         /* offset of its canonical text in message.texts */
	long long df;        /* documents holding the term */
};

/* Candidate accumulator entry: a doc row and the sum of the weights of message terms it holds. */
struct acc {
	long long n;         /* doc row */
	double w;
	size_t slot;         /* its slot in matcher.accidx */
};

struct slot {
	uint64_t key;        /* term hash, or pair of hashes; 0 = empty */
	uint32_t mark;       /* candidate that last found it */
	uint32_t used;       /* candidate whose evidence last counted it */
	float w;             /* weight (terms): idf */
	float ew;            /* weight as evidence: idf, less for chat words and single letters */
	float cw;            /* weight in containment: ew, a word no document holds at most UNKNOWN_W;
				pairs: the lesser of their two words' */
	float cond;          /* pairs: information of the second word after the first, once known */
	long long df;        /* documents holding it (terms); pairs: -1 until cond is known */
	uint32_t *rows;      /* terms: the documents holding it, once read (owned); see rows_of() */
	long long nrows;     /* their number; -1 not kept by termdf (all_rows_of() reads them), -2 not yet read */
};

#define FILTER_WORDS 64    /* a 4096-bit filter of the message's terms: most document words miss it */
#define FILTER_BITS (FILTER_WORDS * 64)
#define FILTER_WORD(h) ((h) % FILTER_BITS / 64)
#define FILTER_BIT(h) (1ULL << ((h) % 64))

/* One message: its words and the sets built from them (prepare_message()). */
struct message {
	struct qtok *q;          /* content tokens in order (stopwords dropped; owned) */
	size_t nq, capq;
	struct qtok *split;      /* scratch for split_unknown() (owned) */
	size_t capsplit;
	struct strbuf texts;     /* canonical token texts and words as written, NUL-separated */
	struct slot *terms_set;  /* distinct message terms (owned) */
	struct slot *pairs_set;  /* distinct message word pairs (owned) */
	uint32_t *qterm, *qpair; /* per message token: its slot in terms_set, and its pair's with the
				    token before in pairs_set (UINT32_MAX for the first); owned */
	size_t capqs;
	uint64_t filter[FILTER_WORDS];   /* bit h % FILTER_BITS set for each message term h, and for 0 */
	size_t setcap;           /* slots in each set in use (power of two) ... */
	size_t setalloc;         /* ... of this many allocated (a long message's, kept) */
	size_t nterms;           /* distinct terms of the message */
	double wsum;             /* sum of term weights (cw) */
	double pwsum;            /* sum of pair weights (cw) */
	uint32_t mark;           /* the candidate last scored (score()) */
	struct rare *rare;       /* distinct known terms, rarest first (owned) */
	size_t nrare, caprare;
	int truncated;           /* the message had more than MSG_TOKENS_MAX words */
};

/* The matcher: what is kept between messages, and the message being matched. */
struct matcher {
	struct store *st;        /* borrowed */
	struct doc_reader *rd;   /* its reads of the store (owned) */
	struct pipeline *pl;     /* its text pipeline (owned) */
	struct hmap dfcache;     /* canonical token -> df */
	struct hmap samplecache; /* term hash -> struct sampleset, common words' documents in the sample (COND_SHARE) */
	size_t nsampled;         /* words held there */
	uint32_t srow_end, smul, sample_end;   /* the sample (sample_place()) */
	size_t swords;           /* 64-bit words of a sampleset's bitmap */
	uint32_t *srows;         /* a common word's list as read (scratch, owned) */
	size_t srowcap;
	long long ndocs;
	uint32_t *everyday;      /* term hashes of data/everyday.txt, ascending (owned) */
	size_t neveryday;
	struct acc *acc;         /* candidate accumulator, dense (owned) */
	size_t nacc, capacc;
	uint32_t *accidx;        /* doc row -> acc index + 1, 0 = empty (power-of-two cap; owned) */
	size_t capidx;
	int batch;               /* messages left in this read transaction, or 0 */
	struct message msg;      /* the message being matched */
	struct message mended;   /* its words with typing errors mended (match_typo.c) */
};

/*
 * A look for candidates: which of the message's known words, rarest first,
 * and its budget (rows read past the min_terms rarest, want candidates).
 */
struct look {
	const struct rare *rare;
	size_t nrare;
	long long cap;
	size_t min_terms;
	size_t want;
};

static inline uint64_t mix(uint64_t k)
{
	k ^= k >> 33;
	k *= 0xff51afd7ed558ccdULL;
	k ^= k >> 33;
	return k;
}

/* The slot for key in set (power-of-two cap), empty or holding key. */
static inline struct slot *set_slot(struct slot *set, size_t cap, uint64_t key)
{
	for (size_t i = mix(key) & (cap - 1);; i = (i + 1) & (cap - 1))
		if (set[i].key == key || set[i].key == 0)
			return &set[i];
}

static inline uint64_t pair_key(uint32_t a, uint32_t b)
{
	return ((uint64_t)a << 32) | b;
}

/* The message's slot of term h (not 0), or NULL: most document words miss the filter. */
static inline struct slot *message_term(const struct message *msg, uint32_t h)
{
	if (!(msg->filter[FILTER_WORD(h)] & FILTER_BIT(h)))
		return NULL;
	struct slot *s = set_slot(msg->terms_set, msg->setcap, h);
	return s->key ? s : NULL;
}

/* match_query.c */
void load_everyday(struct matcher *m);
long long doc_freq(struct matcher *m, const char *t, size_t len);
void read_message(struct matcher *m, struct message *msg, const char *text, size_t len);
void split_unknown(struct matcher *m, struct message *msg);
void prepare_message(struct matcher *m, struct message *msg);
int says_little(const struct qtok *q, const struct slot *s);
void message_copy(struct message *dst, const struct message *src);
void message_free(struct message *msg);

/* match_cand.c */
size_t terms_to_read(const struct look *lk);
size_t candidates(struct matcher *m, struct message *msg, const struct look *lk, struct match *pool);
long long rows_of(struct matcher *m, struct slot *t);

/* match_cooc.c */
void sample_init(struct matcher *m);
void samplecache_clear(struct matcher *m);
double pair_cond(struct matcher *m, struct message *msg, size_t qi);

/* match_score.c */
void score(struct matcher *m, struct message *msg, const unsigned char *blob, size_t nb, struct match *c);
int by_score(const void *a, const void *b);
size_t rank(struct matcher *m, struct message *msg, const struct look *lk, struct match *pool,
	    const struct match *seen, size_t nseen);
int second_forward(struct match *pool, size_t np);
void widest_first(struct match *pool, size_t np);

/* match_look.c */
size_t look_by_line(struct matcher *m, struct message *msg, const char *text, size_t len, struct match *pool,
		    size_t np, size_t skip_from, size_t skip_to);
size_t look_past_best(struct matcher *m, struct message *msg, const char *text, size_t len, struct match *pool,
		      size_t np);

/* match_typo.c */
void correct_typos(struct matcher *m, struct message *msg, struct match *pool, size_t np);

/* verdict.c */
void add_note(struct result *r, enum note_kind kind, const char *said, const char *release);
void decide_verdict(struct matcher *m, struct message *msg, const char *text, size_t len, const char *best_text,
		    int second, struct result *r);

/* match_snippet.c */
void snippet(struct matcher *m, struct message *msg, struct match *c, const char *text, int text_is_title);

#endif
