/*
 * match.c: candidates, re-ranking, verdict.
 *
 * 1. The message goes through the pipeline; its distinct tokens get
 *    their document counts (termdf), and the documents holding the most
 *    weight of its rarest terms, read from their posting lists under a
 *    budget, are the candidates (at most POOL).
 * 2. Each candidate's stored token sequence (doc_terms) is compared with
 *    the message as evidence, not shares: every message word found in the
 *    document inside a run (a word pair found in the same order there)
 *    counts its information (idf; everyday chat words a tenth, single
 *    letters nothing), a word found alone a quarter of it, and a word not
 *    found costs MISS. The best-scoring stretch of the message (a maximum
 *    sum segment, as in local alignment) is the evidence, so chatter
 *    around a forward neither lifts nor sinks it. Less what a stretch that
 *    good would reach by chance (one of this many documents, one of this
 *    many stretches of the message, a document this long), it is in bits;
 *    the score is the containment (the share of the message's weight and
 *    word pairs found) times 1 - 2^(-bits / GATE_BITS); a message of one
 *    to three words shares a phrase at most, and counts less (SHORT_MSG).
 * 3. The best score decides the verdict (T_MATCH, T_SIMILAR), the label
 *    decides which, and numbers or dates that differ from an official
 *    release make it "altered". A second forward in the same message (a
 *    match on a stretch of its own) is reported beside the first.
 */
#include "match.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "hmap.h"
#include "i18n.h"
#include "normalize.h"
#include "quantity.h"
#include "store_read.h"
#include "tables.h"
#include "util.h"

#define QUERY_CAP 32      /* rarest tokens used for candidates */
/*
 * Candidate budget: rows read from the index past the MIN_TERMS rarest
 * terms. A message whose best candidate is related but not a match gets a
 * second, wider look (messages of common words, heavy typing errors);
 * chatter that matched nothing does not; a message of several lines that
 * matched nothing has its longest line looked up alone (look_by_line()),
 * and one that matched, its longest line outside the match's stretch
 * (a second forward, look_past_best()).
 */
#define POSTINGS_CAP 300
#define MIN_TERMS 3
#define WIDE_POSTINGS_CAP 2000
#define WIDE_MIN_TERMS 8
#define POSTINGS_HARD 8000   /* ... and never more than this past the MIN_TERMS rarest */
#define WIDE_SHARE 0.35   /* ... when the first look found a candidate sharing this much, not a match */

#define POOL 30           /* candidates re-ranked */
#define DF_CACHE_MAX HMAP_CACHE_MAX
#define SHORT_DOC 8       /* documents with fewer tokens count less from their side */
#define SHORT_MSG 4       /* messages with fewer distinct words count less */
#define SHORT_MSG_MAX 0.40 /* the most that one or two words can score */
#define UNKNOWN_W 2.0     /* a word no document holds (typo, other language): its weight at most */
/*
 * Evidence gates containment: a score is its containment times
 * 1 - 2^(-bits / GATE_BITS), so GATE_BITS bits beyond chance keep half of
 * it, and none keep nothing. The best stretch alone (a forward in chatter)
 * may stand for the message with more evidence (STRETCH_GATE_BITS) and at
 * least STRETCH_MIN words.
 */
#define GATE_BITS 4.0
#define STRETCH_GATE_BITS 12.0
#define STRETCH_MIN 8

/* Evidence (see the top of this file); weights in nats, as idf. */
#define ALONE 0.25        /* a word found, but not next to the message's neighbour */
#define MISS 1.5          /* a message word the document does not hold */
/*
 * A word in one document of 8,192 says as much as any rarer one: past
 * that, its idf grows with the corpus (a Betawi word alone in 300,000
 * documents) but its evidence does not, so a score means the same at
 * 8k and 300k documents (tests/bench/invariance.sh).
 */
#define EW_MAX 9.01
#define CHAT_WEIGHT 0.1   /* an everyday chat word (data/everyday.txt) */
#define DOC_LEN_REF 200.0 /* a document this many words long doubles the chance of a run */
/*
 * "Any of ndocs documents" counts as ndocs^CHANCE_DOCS: the candidates are
 * not a random draw (they hold the message's rarest words), so the full
 * Bonferroni count would be too strict for short messages.
 */
#define CHANCE_DOCS 0.4
#define COND_DF_MAX 1024  /* pairs of rarer words have their co-occurrence counted from their lists ... */
#define COND_SHARE 8      /* ... and of words in at most one document in 8, from a sample of documents: */
#define COND_SAMPLE 8192  /* ... about this many, the same for every word (sample_place()) */
#define COND_CACHE_WORDS 4096   /* common words' samples kept between messages, at most (2 KiB each) */
#define COND_PRIOR 8.0    /* documents' worth of belief that words occur independently */
#define ADJACENT_MSG 8    /* in messages of fewer distinct words, a pair's words side by side are counted too */

/* A message token's flag of the matcher's own, beside the pipeline's: kept when a typing error is mended. */
#define QF_EVERYDAY (1u << 30)   /* a word of data/everyday.txt */

struct qtok {
	uint32_t h;          /* term hash */
	unsigned flags;      /* token flags */
	size_t start, end;   /* span in the message */
	size_t text;         /* offset of the canonical text in matcher.texts */
	size_t word;         /* offset of the word before stemming in matcher.texts */
};

struct rare {
	uint32_t h;          /* term hash */
	long long order;     /* sort key: df, chat words after every other */
	double w;            /* its weight */
	size_t text;         /* offset of its canonical text in matcher.texts */
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

struct matcher {
	struct store *st;
	struct doc_reader *rd;   /* its reads of the store (owned) */
	struct pipeline *pl;     /* its text pipeline (owned) */
	struct hmap dfcache;     /* canonical token -> df */
	struct hmap samplecache; /* term hash -> struct sampleset, common words' documents in the sample (COND_SHARE) */
	size_t nsampled;         /* words held there */
	uint32_t srow_end, smul, sample_end;   /* the sample (sample_place()) */
	size_t swords;           /* 64-bit words of a sampleset's bitmap */
	uint32_t *srows;         /* a common word's list as read (scratch) */
	size_t srowcap;
	long long ndocs;
	/* per message */
	struct qtok *q;          /* content tokens in order (stopwords dropped) */
	size_t nq, capq;
	struct qtok *split;      /* scratch for split_unknown() */
	size_t capsplit;
	struct strbuf texts;     /* canonical token texts, NUL-separated */
	struct slot *terms_set;  /* distinct message terms */
	struct slot *pairs_set;  /* distinct message word pairs */
	uint32_t *qterm, *qpair; /* per message token: its slot in terms_set, and its pair's with the
				    token before in pairs_set (UINT32_MAX for the first) */
	size_t capqs;
	uint32_t *everyday;      /* term hashes of data/everyday.txt, ascending */
	size_t neveryday;
	uint64_t filter[FILTER_WORDS];   /* bit h % FILTER_BITS set for each message term h, and for 0 */
	size_t setcap;           /* slots in each set in use (power of two) ... */
	size_t setalloc;         /* ... of this many allocated (a long message's, kept) */
	size_t nterms;           /* distinct terms of the message */
	double wsum;             /* sum of term weights (cw) */
	double pwsum;            /* sum of pair weights (cw) */
	uint32_t mark;
	struct rare *rare;       /* distinct known terms, rarest first */
	size_t nrare, caprare;
	struct acc *acc;         /* candidate accumulator, dense */
	size_t nacc, capacc;
	uint32_t *accidx;        /* doc row -> acc index + 1, 0 = empty (power-of-two cap) */
	size_t capidx;
	int batch;               /* messages left in this read transaction, or 0 */
	int truncated;           /* the message had more than MSG_TOKENS_MAX words */
};

#define BATCH_RENEW 500   /* messages per read transaction in batch mode */

void matcher_batch(struct matcher *m, int on)
{
	if (m->batch)
		doc_reader_hold(m->rd, 0);
	m->batch = 0;
	if (on && doc_reader_hold(m->rd, 1) == 0)
		m->batch = BATCH_RENEW;
}

int note_is_change(const struct note *n)
{
	return n->kind == NOTE_NUMBERS || n->kind == NOTE_DATES || n->kind == NOTE_TIMES;
}

const char *verdict_name(enum verdict v)
{
	switch (v) {
	case V_HOAX: return "hoax";
	case V_OFFICIAL: return "official";
	case V_ALTERED: return "altered";
	case V_SIMILAR: return "similar";
	case V_UNKNOWN: break;
	}
	return "unknown";
}

struct everyday {
	uint32_t *h;         /* term hashes; owned by the matcher once loaded */
	size_t n, cap;
};

static int add_everyday(void *ctx, const struct token *t)
{
	struct everyday *e = ctx;
	xgrow((void **)&e->h, &e->cap, e->n + 1, sizeof *e->h);
	e->h[e->n++] = term_hash(t->text, t->len);
	return 0;
}

static int by_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return (x > y) - (x < y);
}

/* The everyday chat words as the pipeline makes them, sorted for bsearch. */
static void load_everyday(struct matcher *m)
{
	struct everyday e = { NULL, 0, 0 };
	for (const char *p = data_everyday; *p;) {
		size_t len = strcspn(p, "\n");
		if (*p != '#')
			norm_text(m->pl, p, len, NORM_STEM, add_everyday, &e, NULL, NULL);
		p += len + (p[len] == '\n');
	}
	qsort(e.h, e.n, sizeof *e.h, by_u32);
	m->everyday = e.h;
	m->neveryday = e.n;
}

static int is_everyday(const struct matcher *m, uint32_t h)
{
	return bsearch(&h, m->everyday, m->neveryday, sizeof h, by_u32) != NULL;
}

/*
 * The sample of documents that pairs of common words are counted in
 * (sampled_cond()): row r is in it when r is below m->srow_end and its
 * place r * m->smul mod m->srow_end (a power of two; smul is odd, about the
 * golden share of it, so consecutive rows spread evenly) is below
 * m->sample_end; that place is its bit in a common word's bitmap.
 */
static long long sample_place(const struct matcher *m, uint32_t r)
{
	if (r >= m->srow_end)
		return -1;
	uint32_t at = (r * m->smul) & (m->srow_end - 1);
	return at < m->sample_end ? (long long)at : -1;
}

static void sample_init(struct matcher *m)
{
	long long last = store_max_row(m->st);
	m->srow_end = 1;
	while (m->srow_end <= last && m->srow_end < (1u << 31))
		m->srow_end <<= 1;
	m->smul = (uint32_t)(m->srow_end * 0.6180339887498949) | 1;
	m->sample_end = m->ndocs > 2 * COND_SAMPLE
		? (uint32_t)((double)m->srow_end * COND_SAMPLE / (double)m->ndocs) + 1 : m->srow_end;
	m->swords = (m->sample_end + 63) / 64;
}

/* A common word's documents in the sample, kept between messages. */
struct sampleset {
	long long n;
	uint64_t bits[];   /* m->swords */
};

static void samplecache_clear(struct matcher *m)
{
	for (struct hmap_entry *e = hmap_next(&m->samplecache, NULL); e; e = hmap_next(&m->samplecache, e))
		free(e->val.ptr);
	hmap_clear(&m->samplecache);
	m->nsampled = 0;
}

/*
 * Term h's documents in the sample, from termdf's list, kept between
 * messages (all dropped between two past COND_CACHE_WORDS); NULL when
 * termdf keeps no list.
 */
static const struct sampleset *sampled_word(struct matcher *m, uint32_t h)
{
	char key[4];
	memcpy(key, &h, 4);
	struct hmap_entry *e = hmap_get(&m->samplecache, key, 4);
	if (e)
		return e->val.ptr;
	long long n = store_postings(m->st, h, &m->srows, &m->srowcap);
	struct sampleset *l = NULL;
	if (n >= 0) {
		l = xcalloc(1, sizeof *l + m->swords * sizeof l->bits[0]);
		for (long long i = 0; i < n; i++) {
			long long at = sample_place(m, m->srows[i]);
			if (at >= 0)
				l->bits[at / 64] |= 1ULL << (at % 64), l->n++;
		}
	}
	e = hmap_put(&m->samplecache, key, 4, NULL);
	e->val.ptr = l;
	m->nsampled++;
	return l;
}

struct matcher *matcher_new(struct store *st)
{
	struct matcher *m = xcalloc(1, sizeof *m);
	m->st = st;
	m->rd = doc_reader_new(st);
	m->pl = pipeline_new();
	m->ndocs = store_doc_count(st);
	sample_init(m);
	load_everyday(m);
	return m;
}

void matcher_free(struct matcher *m)
{
	if (!m)
		return;
	matcher_batch(m, 0);
	doc_reader_free(m->rd);
	pipeline_free(m->pl);
	hmap_free(&m->dfcache);
	samplecache_clear(m);
	hmap_free(&m->samplecache);
	free(m->srows);
	free(m->q);
	free(m->split);
	free(m->rare);
	free(m->acc);
	free(m->accidx);
	sb_release(&m->texts);
	for (size_t i = 0; m->terms_set && i < m->setcap; i++)
		free(m->terms_set[i].rows);
	free(m->terms_set);
	free(m->pairs_set);
	free(m->qterm);
	free(m->qpair);
	free(m->everyday);
	free(m);
}

/* Documents holding the canonical token t (FTS5 vocabulary), cached. */
static long long doc_freq(struct matcher *m, const char *t, size_t len)
{
	struct hmap_entry *e = hmap_get(&m->dfcache, t, len);
	if (e)
		return e->val.num;
	if (m->dfcache.len >= DF_CACHE_MAX)
		hmap_clear(&m->dfcache);
	long long df = store_df(m->st, term_hash(t, len));
	e = hmap_put(&m->dfcache, t, len, NULL);
	e->val.num = df;
	return df;
}

/* The words of a message compared, at most: a 50 MB paste stays fast and small. */
#define MSG_TOKENS_MAX 100000

static int collect(void *ctx, const struct token *t);

/* collect() for the message itself: stops at MSG_TOKENS_MAX. */
static int collect_message(void *ctx, const struct token *t)
{
	struct matcher *m = ctx;
	if (m->nq >= MSG_TOKENS_MAX) {
		m->truncated = 1;
		return 1;
	}
	return collect(ctx, t);
}

static int collect(void *ctx, const struct token *t)
{
	struct matcher *m = ctx;
	xgrow((void **)&m->q, &m->capq, m->nq + 1, sizeof *m->q);
	struct qtok *q = &m->q[m->nq++];
	q->h = term_hash(t->text, t->len);
	q->flags = t->flags | (is_everyday(m, q->h) ? QF_EVERYDAY : 0);
	q->start = t->start;
	q->end = t->end;
	q->text = m->texts.len;
	sb_add(&m->texts, t->text, t->len);
	sb_putc(&m->texts, '\0');
	q->word = m->texts.len;
	sb_add(&m->texts, t->word, t->wlen);
	sb_putc(&m->texts, '\0');
	return 0;
}

/* Tokens of one half of a split word: all must be known to the corpus. */
struct half {
	struct matcher *m;
	int ok;              /* every content token is in the index */
	int content;         /* content tokens seen */
	const struct qtok *from;  /* the token being split (span, flags) */
	int keep;            /* append the tokens to m->q */
};

static long long doc_freq(struct matcher *m, const char *t, size_t len);

static int half_token(void *ctx, const struct token *t)
{
	struct half *h = ctx;
	if (t->flags & TF_STOP)
		return 0;
	h->content++;
	if (!h->keep) {
		if (doc_freq(h->m, t->text, t->len) == 0)
			h->ok = 0;
		return !h->ok;
	}
	collect(h->m, t);
	h->m->q[h->m->nq - 1].start = h->from->start;
	h->m->q[h->m->nq - 1].end = h->from->end;
	return 0;
}

/* The content tokens of text w (0 for none), or -1 when one is not in the index. */
static int known_tokens(struct matcher *m, const struct qtok *from, const char *w, size_t n)
{
	struct half h = { m, 1, 0, from, 0 };
	norm_text(m->pl, w, n, NORM_STEM | NORM_KEEP_STOP, half_token, &h, NULL, NULL);
	return h.ok ? h.content : -1;
}

/* Append the tokens of text w to m->q, in the span of token from. */
static void append_tokens(struct matcher *m, const struct qtok *from, const char *w, size_t n)
{
	struct half h = { m, 1, 0, from, 1 };
	norm_text(m->pl, w, n, NORM_STEM, half_token, &h, NULL, NULL);
}

/*
 * A word no document holds may be two words whose space was dropped
 * ("acehtergulung", "amindan"): split it where both halves are known to
 * the corpus, preferring the most even split. Returns 1 when split (the
 * halves appended to m->q), 0 otherwise.
 */
static int split_word(struct matcher *m, const struct qtok *from, const char *w, size_t n)
{
	size_t best = 0, best_even = 0;
	for (size_t i = 3; i + 3 <= n; i++) {
		if (((unsigned char)w[i] & 0xC0) == 0x80)
			continue;   /* inside a UTF-8 sequence */
		size_t even = i < n - i ? i : n - i;
		if (even <= best_even)
			continue;
		int l = known_tokens(m, from, w, i), r = l < 0 ? -1 : known_tokens(m, from, w + i, n - i);
		if (r >= 0 && l + r > 0) {
			best = i;
			best_even = even;
		}
	}
	if (!best)
		return 0;
	append_tokens(m, from, w, best);
	append_tokens(m, from, w + best, n - best);
	return 1;
}

/*
 * A word no document holds with a letter doubled for stress ("amatt",
 * "ngerussak", "siapp"): the word with each doubled letter written once,
 * when it differs (out, NUL-terminated; n < sizeof the buffer).
 */
static size_t undouble(const char *w, size_t n, char *out)
{
	size_t o = 0;
	for (size_t i = 0; i < n; i++)
		if (!(o > 0 && out[o - 1] == w[i] && ascii_alpha((unsigned char)w[i])))
			out[o++] = w[i];
	out[o] = '\0';
	return o < n ? o : 0;
}

/* Append the tokens of w when there are some and every one is known to the corpus; 1 when done. */
static int known_word(struct matcher *m, const struct qtok *from, const char *w, size_t n)
{
	if (known_tokens(m, from, w, n) <= 0)
		return 0;
	append_tokens(m, from, w, n);
	return 1;
}

#define SPLIT_TRIES_MAX 64   /* unknown words tried per message */
#define SPLIT_MIN 6          /* shorter unknown words are not split ... */
#define UNDOUBLE_MIN 4       /* ... and shorter ones not undoubled */
#define FUZZY_TOP 3          /* near candidates read again for typing errors ... */
#define FUZZY_FLOOR 0.20     /* ... when they score at least this */
#define FUZZY_WORDS 32       /* unknown words of a message tried */
#define FUZZY_MIN 4          /* shorter words are only corrected by a letter added ... */
#define FUZZY_SHORT 3        /* ... down to this length ("aak" is "anak") */
#define FUZZY_RARE 1000      /* words in at most one document in this many may be typing errors */

/*
 * Replace tokens no document holds by the word with its doubled letters
 * written once (undouble()) when that is known, else by its halves where
 * split_word() finds them (in the word as written, then undoubled).
 */
static void split_unknown(struct matcher *m)
{
	size_t n = m->nq;
	xgrow((void **)&m->split, &m->capsplit, n + 1, sizeof *m->split);
	if (n)
		memcpy(m->split, m->q, n * sizeof *m->q);
	m->nq = 0;
	size_t tries = 0;
	for (size_t i = 0; i < n; i++) {
		const struct qtok *t = &m->split[i];
		size_t wlen = strlen(m->texts.buf + t->word);
		if (!(t->flags & (TF_NUMBER | TF_URL | TF_PLACE)) && wlen >= UNDOUBLE_MIN && tries < SPLIT_TRIES_MAX &&
		    doc_freq(m, m->texts.buf + t->text, strlen(m->texts.buf + t->text)) == 0) {
			tries++;
			char *w = xstrdup(m->texts.buf + t->word);   /* texts may move */
			char *once = xmalloc(wlen + 1);
			size_t n1 = undouble(w, wlen, once);
			int done = (n1 && known_word(m, t, once, n1)) || (wlen >= SPLIT_MIN && split_word(m, t, w, wlen)) ||
				   (n1 >= SPLIT_MIN && split_word(m, t, once, n1));
			free(once);
			free(w);
			if (done)
				continue;
		}
		xgrow((void **)&m->q, &m->capq, m->nq + 1, sizeof *m->q);
		m->q[m->nq++] = *t;
	}
}

static uint64_t mix(uint64_t k)
{
	k ^= k >> 33;
	k *= 0xff51afd7ed558ccdULL;
	k ^= k >> 33;
	return k;
}

/* The slot for key in set (power-of-two cap), empty or holding key. */
static struct slot *set_slot(struct slot *set, size_t cap, uint64_t key)
{
	for (size_t i = mix(key) & (cap - 1);; i = (i + 1) & (cap - 1))
		if (set[i].key == key || set[i].key == 0)
			return &set[i];
}

static uint64_t pair_key(uint32_t a, uint32_t b)
{
	return ((uint64_t)a << 32) | b;
}

/* Term weight: idf, with words no document holds (typos, commentary) counted as rare. */
static double weight(long long df, long long ndocs)
{
	if (df < 1)
		df = 1;
	if (ndocs < df)
		ndocs = df;   /* a stale count never makes a weight 0 */
	return log(1.0 + (double)ndocs / (double)df);
}

/*
 * The evidence weight of a term of weight w: everyday chat words count a
 * tenth, single letters nothing, and no word more than EW_MAX.
 */
static double evidence_weight(const struct matcher *m, const struct qtok *q, double w)
{
	if (!(q->flags & TF_NUMBER) && m->texts.buf[q->text] && !m->texts.buf[q->text + 1])
		return 0;
	if (w > EW_MAX)
		w = EW_MAX;
	return q->flags & QF_EVERYDAY ? w * CHAT_WEIGHT : w;
}

/* An everyday chat word, or a word of no evidence (a single letter): no help in finding a document. */
static int says_little(const struct qtok *q, const struct slot *s)
{
	return (q->flags & QF_EVERYDAY) || s->ew == 0;
}

/* Fill the message's term and pair sets, and its known terms rarest first (chat words last). */
static void prepare_message(struct matcher *m)
{
	size_t need = 16;
	while (need < m->nq * 4)
		need *= 2;
	for (size_t i = 0; m->terms_set && i < m->setcap; i++)
		free(m->terms_set[i].rows);
	if (need > m->setalloc) {
		free(m->terms_set);
		free(m->pairs_set);
		m->terms_set = xcalloc(need, sizeof *m->terms_set);
		m->pairs_set = xcalloc(need, sizeof *m->pairs_set);
		m->setalloc = need;
	} else {   /* only the slots this message uses: a long one before must not cost every short one after */
		memset(m->terms_set, 0, need * sizeof *m->terms_set);
		memset(m->pairs_set, 0, need * sizeof *m->pairs_set);
	}
	m->setcap = need;
	if (m->nq > m->capqs) {
		m->capqs = m->nq;
		m->qterm = xrealloc(m->qterm, m->capqs * sizeof *m->qterm);
		m->qpair = xrealloc(m->qpair, m->capqs * sizeof *m->qpair);
	}
	memset(m->filter, 0, sizeof m->filter);
	m->filter[FILTER_WORD(0)] |= FILTER_BIT(0);   /* a document's field separator: score() counts them */
	m->nterms = 0;
	m->wsum = m->pwsum = 0;
	m->mark = 0;
	m->nrare = 0;
	for (size_t i = 0; i < m->nq; i++) {
		struct slot *s = set_slot(m->terms_set, m->setcap, m->q[i].h);
		m->qterm[i] = (uint32_t)(s - m->terms_set);
		m->filter[FILTER_WORD(m->q[i].h)] |= FILTER_BIT(m->q[i].h);
		if (!s->key) {
			const char *t = m->texts.buf + m->q[i].text;
			long long df = doc_freq(m, t, strlen(t));
			s->key = m->q[i].h;
			s->df = df;
			s->nrows = -2;
			s->w = (float)weight(df, m->ndocs);
			s->ew = (float)evidence_weight(m, &m->q[i], s->w);
			s->cw = df > 0 || s->ew < UNKNOWN_W ? s->ew : (float)UNKNOWN_W;
			m->wsum += s->cw;
			m->nterms++;
			if (df > 0) {
				xgrow((void **)&m->rare, &m->caprare, m->nrare + 1, sizeof *m->rare);
				/* chat words go last: they must not spend the candidates' budget */
				long long order = says_little(&m->q[i], s) ? df + m->ndocs + 1 : df;
				m->rare[m->nrare++] = (struct rare){ m->q[i].h, order, s->w, m->q[i].text, df };
			}
		}
		m->qpair[i] = UINT32_MAX;
		if (i > 0) {
			struct slot *p = set_slot(m->pairs_set, m->setcap, pair_key(m->q[i - 1].h, m->q[i].h));
			if (!p->key) {
				p->key = pair_key(m->q[i - 1].h, m->q[i].h);
				p->df = -1;
				float a = m->terms_set[m->qterm[i - 1]].cw, b = s->cw;
				p->cw = a < b ? a : b;
				m->pwsum += p->cw;
			}
			m->qpair[i] = (uint32_t)(p - m->pairs_set);
		}
	}
	/* the rarest terms first (insertion sort: messages are short) */
	for (size_t i = 1; i < m->nrare; i++)
		for (size_t j = i; j > 0 && m->rare[j].order < m->rare[j - 1].order; j--) {
			struct rare tmp = m->rare[j];
			m->rare[j] = m->rare[j - 1];
			m->rare[j - 1] = tmp;
		}
}

/* The accumulator slot of doc row n: empty or holding n. */
static size_t acc_slot(const struct matcher *m, long long n)
{
	size_t mask = m->capidx - 1;
	for (size_t i = mix((uint64_t)n) & mask;; i = (i + 1) & mask)
		if (!m->accidx[i] || m->acc[m->accidx[i] - 1].n == n)
			return i;
}

/* Add weight w to doc row n in the accumulator. */
static void acc_add(struct matcher *m, long long n, double w)
{
	if ((m->nacc + 1) * 2 > m->capidx) {
		free(m->accidx);
		m->capidx = m->capidx ? m->capidx * 2 : 1024;
		m->accidx = xcalloc(m->capidx, sizeof *m->accidx);
		for (size_t i = 0; i < m->nacc; i++) {
			m->acc[i].slot = acc_slot(m, m->acc[i].n);
			m->accidx[m->acc[i].slot] = (uint32_t)i + 1;
		}
	}
	size_t i = acc_slot(m, n);
	if (m->accidx[i]) {
		m->acc[m->accidx[i] - 1].w += w;
		return;
	}
	xgrow((void **)&m->acc, &m->capacc, m->nacc + 1, sizeof *m->acc);
	m->acc[m->nacc] = (struct acc){ n, w, i };
	m->accidx[i] = (uint32_t)++m->nacc;
}

static int by_weight(const void *a, const void *b)
{
	const struct acc *x = a, *y = b;
	if (x->w != y->w)
		return (x->w < y->w) - (x->w > y->w);
	return (x->n > y->n) - (x->n < y->n);
}

/* The documents holding term slot t, read once per message: their number, or -1 when not kept. */
static long long rows_of(struct matcher *m, struct slot *t)
{
	if (t->nrows == -2) {
		size_t cap = 0;
		t->nrows = t->df > 0 ? store_postings(m->st, (uint32_t)t->key, &t->rows, &cap) : 0;
	}
	return t->nrows;
}

/* doc_reader_term_rows() callback: a document of a term from the full-text index, kept in its slot. */
struct fts_rows {
	struct slot *t;
	size_t cap;
};

static void fts_row(void *ctx, long long row)
{
	struct fts_rows *fr = ctx;
	xgrow((void **)&fr->t->rows, &fr->cap, (size_t)fr->t->nrows + 1, sizeof *fr->t->rows);
	fr->t->rows[fr->t->nrows++] = (uint32_t)row;
}

/*
 * The documents holding term slot t (its canonical text), read once per
 * message: from termdf when it keeps them, else from the FTS5 doclist (a
 * common word's: the wider look and a line's look read it again otherwise).
 */
static long long all_rows_of(struct matcher *m, struct slot *t, const char *text)
{
	if (rows_of(m, t) >= 0)
		return t->nrows;
	struct fts_rows fr = { t, 0 };
	t->nrows = 0;
	doc_reader_term_rows(m->rd, text, fts_row, &fr);
	return t->nrows;
}

/*
 * Candidates: the documents holding the most weight of the message's
 * rarest terms, read straight from the terms' FTS5 doclists.
 */
static size_t terms_to_read(const struct matcher *m, long long cap, size_t min_terms)
{
	/* bounded work: the rarest terms, until enough postings are read */
	long long postings = 0;
	size_t k = 0;
	for (; k < m->nrare && k < QUERY_CAP; k++) {
		if (k >= min_terms && postings + m->rare[k].df > cap)
			break;
		if (k >= MIN_TERMS && postings + m->rare[k].df > POSTINGS_HARD)
			break;   /* past the rarest few, bounded whatever the corpus size */
		postings += m->rare[k].df;
	}
	return k;
}

static size_t candidates(struct matcher *m, struct match *pool, long long cap, size_t min_terms, size_t want)
{
	size_t k = terms_to_read(m, cap, min_terms);
	for (size_t i = 0; i < k; i++) {
		/* termdf's list when it keeps one, else the FTS5 doclist */
		struct slot *ts = set_slot(m->terms_set, m->setcap, m->rare[i].h);
		long long got = all_rows_of(m, ts, m->texts.buf + m->rare[i].text);
		for (size_t j = 0; j < (size_t)got; j++)
			acc_add(m, ts->rows[j], m->rare[i].w);
	}
	/* the POOL heaviest, kept sorted by insertion; the table is cleared as it is read */
	struct acc top[POOL];
	size_t np = 0;
	if (want > POOL)
		want = POOL;
	for (size_t i = 0; i < m->nacc; i++) {
		struct acc a = m->acc[i];
		m->accidx[a.slot] = 0;
		if (np == want && by_weight(&a, &top[want - 1]) >= 0)
			continue;
		size_t j = np < want ? np++ : want - 1;
		for (; j > 0 && by_weight(&a, &top[j - 1]) < 0; j--)
			top[j] = top[j - 1];
		top[j] = a;
	}
	m->nacc = 0;
	for (size_t i = 0; i < np; i++) {
		memset(&pool[i], 0, sizeof pool[i]);
		pool[i].n = top[i].n;
	}
	return np;
}


/* The message's slot of term h (not 0), or NULL: most document words miss the filter. */
static struct slot *message_term(const struct matcher *m, uint32_t h)
{
	if (!(m->filter[FILTER_WORD(h)] & FILTER_BIT(h)))
		return NULL;
	struct slot *s = set_slot(m->terms_set, m->setcap, h);
	return s->key ? s : NULL;
}

/* How many rows two ascending lists share. */
static long long common_count(const uint32_t *a, long long na, const uint32_t *b, long long nb)
{
	long long both = 0;
	for (long long i = 0, j = 0; i < na && j < nb;) {
		if (a[i] < b[j])
			i++;
		else if (a[i] > b[j])
			j++;
		else
			both++, i++, j++;
	}
	return both;
}

/* Of rows[0, n), those in the sample (to *in) and those of them in set's bitmap (returned). */
static long long sample_hits(const struct matcher *m, const uint32_t *rows, long long n,
			     const struct sampleset *set, long long *in)
{
	long long both = 0;
	*in = 0;
	for (long long i = 0; i < n; i++) {
		long long at = sample_place(m, rows[i]);
		if (at >= 0)
			++*in, both += (long long)(set->bits[at / 64] >> (at % 64) & 1);
	}
	return both;
}

/*
 * -log P(b | a) for a pair of which a word is past COND_DF_MAX (and both
 * in at most a COND_SHARE-th of the documents), P counted in the sample of
 * documents, so that it means what the full count means in a corpus of
 * COND_SAMPLE documents, with work bounded alike at any size (the
 * candidate is not left out: it is in the sample once in ndocs /
 * COND_SAMPLE); INFINITY when not known. The samples kept between messages
 * are those of the database as first read, as the df cache's counts are.
 */
static double sampled_cond(struct matcher *m, struct slot *a, struct slot *b, double pb)
{
	if (a->df * COND_SHARE > m->ndocs || b->df * COND_SHARE > m->ndocs)
		return INFINITY;
	const struct sampleset *sa = a->df > COND_DF_MAX ? sampled_word(m, (uint32_t)a->key) : NULL;
	const struct sampleset *sb = b->df > COND_DF_MAX ? sampled_word(m, (uint32_t)b->key) : NULL;
	if ((a->df > COND_DF_MAX && !sa) || (b->df > COND_DF_MAX && !sb))
		return INFINITY;
	long long na, both = 0;
	if (sa && sb) {   /* two common words: their bitmaps */
		na = sa->n;
		for (size_t i = 0; i < m->swords; i++)
			both += __builtin_popcountll(sa->bits[i] & sb->bits[i]);
	} else {          /* one: the other's list against its bitmap */
		struct slot *rare = sa ? b : a;
		long long n = rows_of(m, rare), in;
		if (n < 0)
			return INFINITY;
		both = sample_hits(m, rare->rows, n, sa ? sa : sb, &in);
		na = sa ? sa->n : in;
	}
	return -log(((double)both + COND_PRIOR * pb) / ((double)na + COND_PRIOR));
}

/* -log P(b | a) from documents holding both against those holding a, the candidate left out, smoothed to rate pb. */
static double cond_info(long long both, long long na, double pb)
{
	return -log(((double)(both - 1) + COND_PRIOR * pb) / ((double)(na - 1) + COND_PRIOR));
}

/*
 * How much message word qi says after the word before it (their pair p):
 * the information of "b given a", -log P(b | a), P from the documents
 * holding both against those holding a (leaving the candidate out, and
 * smoothed towards independence, so a rare first word is not its own
 * proof). A fixed phrase (a name, a formula, a source's boilerplate) says
 * little past its first word; two words that rarely meet say all of the
 * second's weight. A short message has few
 * pairs to tell, and two words that often share a document may still
 * rarely stand side by side ("boleh lewat"): there, P counts the documents
 * holding b right after a (the FTS5 phrase). A pair with a word in more
 * than COND_DF_MAX documents is counted in a sample of the documents
 * (sampled_cond()), one with a word in more than a COND_SHARE-th of them
 * not at all: its second word says all its weight. Counted once per
 * message.
 */
static double pair_cond(struct matcher *m, size_t qi)
{
	struct slot *p = &m->pairs_set[m->qpair[qi]];
	if (p->df >= 0)
		return p->cond;
	struct slot *a = set_slot(m->terms_set, m->setcap, (uint32_t)(p->key >> 32));
	struct slot *b = set_slot(m->terms_set, m->setcap, (uint32_t)p->key);
	p->cond = b->w;
	p->df = 0;
	double c = INFINITY;
	if (a->df <= COND_DF_MAX && b->df <= COND_DF_MAX) {
		long long na = rows_of(m, a), nb = rows_of(m, b);
		if (na <= 0 || nb <= 0)
			return p->cond;
		p->df = common_count(a->rows, na, b->rows, nb);
		/* without the candidate itself, which holds both; smoothed towards b's own rate */
		double pb = (double)nb / (double)(m->ndocs > nb ? m->ndocs : nb);
		c = cond_info(p->df, na, pb);
		if (c < p->cond && m->nterms < ADJACENT_MSG)   /* the candidate holds them side by side (score()) */
			c = cond_info(doc_reader_adjacent(m->rd, m->texts.buf + m->q[qi - 1].text, m->texts.buf + m->q[qi].text),
				      na, pb);
	} else {
		c = sampled_cond(m, a, b, (double)b->df / (double)(m->ndocs > b->df ? m->ndocs : b->df));
	}
	if (c < p->cond)
		p->cond = c > 0 ? (float)c : 0;
	return p->cond;
}

/* How far evidence of this many bits beyond chance is from none (0) to plenty (near 1). */
static double gate_of(double bits, double half)
{
	return bits > 0 ? 1 - exp2(-bits / half) : 0;
}

/*
 * Score one candidate (its stored terms) against the message. One pass
 * over the document marks the message's terms and word pairs it holds;
 * then the containment (the share of the message's weight and of its
 * word pairs found, or the document's found in the message) says how much
 * of the text is shared, and the evidence of the best stretch says
 * whether that is beyond chance (see the top of this file).
 */
static void score(struct matcher *m, const unsigned char *blob, size_t nb, struct match *c)
{
	uint32_t mark = ++m->mark;
	size_t dhit = 0, dpairhit = 0;
	double wfound = 0, pfound = 0;
	size_t nt = nb / 4, zeros = 0, runs = 0;
	/*
	 * One pass: most of the document's words miss the message's filter;
	 * the 0s between its fields pass it (prepare_message()), so the
	 * document's length in words and in word pairs is counted there.
	 */
	uint32_t prev = 0;
	int prev_hit = 0;
	for (size_t i = 0; i < nt; i++) {
		uint32_t h = terms_at(blob, i);
		if (!(m->filter[FILTER_WORD(h)] & FILTER_BIT(h))) {
			prev_hit = 0;
			continue;
		}
		if (!h) {
			zeros++;
			runs += i > 0 && terms_at(blob, i - 1) != 0;
			prev_hit = 0;
			continue;
		}
		struct slot *s = set_slot(m->terms_set, m->setcap, h);
		if (!s->key) {
			prev_hit = 0;
			continue;
		}
		if (s->mark != mark)
			wfound += s->cw;   /* each of the message's terms counted once */
		s->mark = mark;
		dhit++;
		if (prev_hit) {   /* a message pair is two message words */
			struct slot *p = set_slot(m->pairs_set, m->setcap, pair_key(prev, h));
			if (p->key) {
				if (p->mark != mark)
					pfound += p->cw;
				p->mark = mark;
				dpairhit++;
			}
		}
		prev = h;
		prev_hit = 1;
	}
	runs += nt > 0 && terms_at(blob, nt - 1) != 0;
	size_t dtok = nt - zeros, dpairs = dtok - runs;
	/* containment: the message's weight and weighted pairs found */
	c->words = m->wsum > 0 ? wfound / m->wsum : 0;
	c->seq = m->pwsum > 0 ? pfound / m->pwsum : c->words;
	c->dwords = dtok ? (double)dhit / (double)dtok : 0;
	c->dseq = dpairs ? (double)dpairhit / (double)dpairs : c->dwords;
	/* word pairs weigh most: they separate an excerpt from a same-topic text */
	double from_msg = 0.3 * c->words + 0.7 * c->seq;
	double from_doc = 0.15 * c->dwords + 0.85 * c->dseq;
	if (m->nterms < 3)   /* two rare words in a row are evidence, but of a phrase, not a copy */
		from_msg = from_msg < SHORT_MSG_MAX ? from_msg : SHORT_MSG_MAX;
	else if (m->nterms < SHORT_MSG)
		from_msg *= (double)m->nterms / SHORT_MSG;
	if (dtok < SHORT_DOC)
		from_doc *= (double)dtok / SHORT_DOC;
	double share = from_msg > from_doc ? from_msg : from_doc;
	/* beyond chance: any of ndocs documents, any stretch of the message, a long document */
	double chance = CHANCE_DOCS * log((double)(m->ndocs > 1 ? m->ndocs : 1)) + log(1.0 + (double)m->nq) +
			log(1.0 + (double)dtok / DOC_LEN_REF);
	if (wfound <= chance) {
		/* no stretch holds more than all the words found: no evidence, score 0 */
		c->bits = (wfound - chance) / M_LN2;
		c->share = share;
		c->score = 0;
		c->from = c->to = 0;
		return;
	}
	/* evidence: the best stretch, a maximum-sum segment of the words' gains */
	double best = 0, cur = 0;
	size_t from = 0, bs = 0, be = 0;
	for (size_t i = 0; i < m->nq; i++) {
		struct slot *t = &m->terms_set[m->qterm[i]];
		int in = m->qpair[i] != UINT32_MAX && m->pairs_set[m->qpair[i]].mark == mark;
		int out = i + 1 < m->nq && m->pairs_set[m->qpair[i + 1]].mark == mark;
		double g;
		if (t->mark != mark)
			g = -MISS;
		else if (t->used == mark)
			g = 0;   /* said twice: counted once */
		else if (in)   /* inside a run: what this word adds after the one before */
			g = t->w > 0 ? t->ew * pair_cond(m, i) / t->w : 0;
		else
			g = (out ? 1 : ALONE) * t->ew;
		if (cur <= 0) {
			cur = 0;
			from = i;
		}
		cur += g;
		if (t->mark == mark && g > 0)
			t->used = mark;
		if (cur > best) {
			best = cur;
			bs = from;
			be = i + 1;
		}
	}
	/* the stretch's own containment: its weight and weighted pairs found */
	double sw = 0, swf = 0, sp = 0, spf = 0;
	for (size_t i = bs; i < be; i++) {
		struct slot *t = &m->terms_set[m->qterm[i]];
		sw += t->cw;
		swf += t->mark == mark ? t->cw : 0;
		if (i > bs) {
			struct slot *p = &m->pairs_set[m->qpair[i]];
			sp += p->cw;
			spf += p->mark == mark ? p->cw : 0;
		}
	}
	double stretch = 0.3 * (sw > 0 ? swf / sw : 0) + 0.7 * (sp > 0 ? spf / sp : 0);
	if (be - bs < STRETCH_MIN)   /* a name or two is no forward */
		stretch *= (double)(be - bs) / STRETCH_MIN;
	/* where the stretch lies: from its first run to its last (a word found alone at its edge is
	   no part of a forward, and may be chatter's "bener ora?") */
	while (bs + 1 < be && !(m->qpair[bs + 1] != UINT32_MAX && m->pairs_set[m->qpair[bs + 1]].mark == mark))
		bs++;
	while (be > bs + 1 && !(m->pairs_set[m->qpair[be - 1]].mark == mark))
		be--;
	c->from = bs;
	c->to = be;
	c->bits = (best - chance) / M_LN2;
	c->share = share > stretch ? share : stretch;
	double whole = share * gate_of(c->bits, GATE_BITS);
	double part = stretch * gate_of(c->bits, STRETCH_GATE_BITS);
	c->score = whole > part ? whole : part;
}

static char *dup_or_null(const char *t)
{
	return t ? xstrdup(t) : NULL;
}

static void add_note(struct result *r, enum note_kind kind, const char *said, const char *release)
{
	xgrow((void **)&r->notes, &r->capnotes, r->nnotes + 1, sizeof *r->notes);
	struct note *n = &r->notes[r->nnotes++];
	n->kind = kind;
	n->said = said ? xstrdup(said) : NULL;
	n->release = release ? xstrdup(release) : NULL;
}

static int by_score(const void *a, const void *b)
{
	const struct match *x = a, *y = b;
	/* scores that print the same (four places) are a tie: a gate near 1 differs in the sixth */
	long long sx = llround(x->score * 1e4), sy = llround(y->score * 1e4);
	if (sx != sy)
		return (sx < sy) - (sx > sy);
	if (x->share != y->share)   /* no evidence either: the more of the message shared */
		return (x->share < y->share) - (x->share > y->share);
	double dx = x->dwords + x->dseq, dy = y->dwords + y->dseq;
	if (dx != dy)   /* the same text in two documents: the one the message covers more of */
		return (dx < dy) - (dx > dy);
	return (x->bits < y->bits) - (x->bits > y->bits);
}

/* Widen text[*from, *to) to whole lines: a forward's lines, without the chatter lines around it. */
static void widen_to_lines(const char *text, size_t len, size_t *from, size_t *to)
{
	while (*from > 0 && text[*from - 1] != '\n')
		(*from)--;
	while (*to < len && text[*to] != '\n')
		(*to)++;
}

/* Which note a quantity's difference makes. */
static enum note_kind note_for(enum quantity_kind k)
{
	return k == Q_TIME ? NOTE_TIMES : k == Q_NUMBER ? NOTE_NUMBERS : NOTE_DATES;
}

/*
 * An official release whose numbers, dates or times the message changes:
 * note the first the release does not state, with one of the release's of
 * the same sort that the message does not state. Only the lines of the
 * message's stretch that matched, text[from, to), are compared (not
 * chatter around it, nor a second forward). Returns 1 when altered.
 */
static int check_quantities(const char *text, size_t len, size_t from, size_t to, const char *doc,
			    struct result *r)
{
	struct quantities qm = { NULL, 0, 0 }, qd = { NULL, 0, 0 };
	widen_to_lines(text, len, &from, &to);
	quantities_of(text + from, to - from, &qm);
	quantities_of(doc, strlen(doc), &qd);
	int altered = 0;
	for (size_t i = 0; i < qm.n && !altered && qd.n; i++) {
		const struct quantity *q = &qm.q[i];
		if (quantity_stated(q, &qd))
			continue;
		altered = 1;
		char *said = xstrndup(text + from + q->start, q->end - q->start), *release = NULL;
		/* the release's most like it (the same month, the word before), one the message lacks first */
		int best = 0;
		for (size_t j = 0; j < qd.n; j++) {
			int like = quantity_likeness(q, &qd.q[j]);
			if (like && !quantity_stated(&qd.q[j], &qm))
				like += 100;
			if (like > best) {
				best = like;
				free(release);
				release = xstrndup(doc + qd.q[j].start, qd.q[j].end - qd.q[j].start);
			}
		}
		add_note(r, note_for(q->kind), said, release);
		free(said);
		free(release);
	}
	quantities_release(&qm);
	quantities_release(&qd);
	return altered;
}

/*
 * Does the message's stretch that matched c negate something c does not ("tidak
 * benar bahwa ...")? A negation counts with the word after it: the pair
 * must be missing from the document.
 */
static int negates(struct matcher *m, const char *text, size_t len, const struct match *c)
{
	int found = 0;
	/* the lines of its stretch ("Tidak benar bahwa" before the quote), not a second forward's */
	size_t lo = 0, hi = m->nq;
	if (c->to > c->from) {
		size_t from = c->start, to = c->end;
		widen_to_lines(text, len, &from, &to);
		while (lo < m->nq && m->q[lo].start < from)
			lo++;
		for (hi = lo; hi < m->nq && m->q[hi].end <= to;)
			hi++;
	}
	const unsigned char *blob;
	size_t nb;
	if (doc_reader_terms(m->rd, c->n, &blob, &nb)) {
		for (size_t i = lo; i < hi && !found; i++) {
			if (!(m->q[i].flags & TF_NEG))
				continue;
			uint32_t next = i + 1 < m->nq ? m->q[i + 1].h : 0;
			int in_doc = 0;
			for (size_t j = 0; j + 4 <= nb && !in_doc; j += 4)
				in_doc = terms_at(blob, j / 4) == m->q[i].h &&
					 (!next || (j + 8 <= nb && terms_at(blob, j / 4 + 1) == next));
			found = !in_doc;
		}
	}
	return found;
}

#define SNIPPET_SCAN 640    /* content words of a document searched for its snippet */
#define SNIPPET_WORDS 16    /* content words shown, with the words between them */
#define SNIPPET_BYTES 300   /* at most this much of a document without words */

struct snip_tok {
	size_t start, end;   /* span in the document */
	int hit;             /* a word of the message */
};

/* The document's tokens from content word from (inclusive) to content word to (exclusive). */
struct snip_scan {
	size_t from, to;     /* content words wanted */
	size_t content;      /* content words seen */
	const unsigned char *hit;   /* hit[i]: content word from + i is a message word */
	struct snip_tok *v;
	size_t n, cap;
};

static int snip_token(void *ctx, const struct token *t)
{
	struct snip_scan *ss = ctx;
	int content = !(t->flags & TF_STOP);
	if (content && ss->content >= ss->to)
		return 1;   /* past the stretch: stop reading */
	if (ss->content >= ss->from && (ss->n || content)) {
		xgrow((void **)&ss->v, &ss->cap, ss->n + 1, sizeof *ss->v);
		ss->v[ss->n].start = t->start;
		ss->v[ss->n].end = t->end;
		ss->v[ss->n].hit = content && ss->hit[ss->content - ss->from];
		ss->n++;
	}
	ss->content += content;
	return 0;
}

/*
 * The stretch of SNIPPET_WORDS content words of text (document row n's
 * claim and body, or its title when it has neither) with the most of the
 * message's words, into c->snippet, and those words' spans in it into
 * c->hits (the renderers mark them). The stretch and its hits
 * are found in the document's stored terms; the text is then read, without
 * stemming (the words are counted, not compared), only up to its end.
 */
static void snippet(struct matcher *m, struct match *c, const char *text, int text_is_title)
{
	long long n = c->n;
	/* the stored terms are the title's, 0, the claim's, 0, the body's, 0 */
	unsigned char words[SNIPPET_SCAN];   /* is content word i a message word? */
	size_t nw = 0;
	const unsigned char *blob;
	size_t nb;
	if (doc_reader_terms(m->rd, n, &blob, &nb)) {
		size_t nt = nb / 4, i = 0;
		if (!text_is_title)
			while (i < nt && terms_at(blob, i++) != 0)
				;
		for (; i < nt && nw < SNIPPET_SCAN; i++) {
			uint32_t h = terms_at(blob, i);
			if (!h && text_is_title)
				break;
			if (h)
				words[nw++] = message_term(m, h) != NULL;
		}
	}
	size_t best = 0, hits = 0, best_hits = 0;
	for (size_t i = 0; i < nw; i++) {
		hits += words[i];
		if (i >= SNIPPET_WORDS)
			hits -= words[i - SNIPPET_WORDS];
		if (hits > best_hits) {
			best_hits = hits;
			best = i + 1 > SNIPPET_WORDS ? i + 1 - SNIPPET_WORDS : 0;
		}
	}
	unsigned char hit[SNIPPET_WORDS] = { 0 };
	for (size_t i = 0; i < SNIPPET_WORDS && best + i < nw; i++)
		hit[i] = words[best + i];
	struct snip_scan ss = { best, best + SNIPPET_WORDS, 0, hit, NULL, 0, 0 };
	size_t len = strlen(text);
	norm_text(m->pl, text, len, NORM_KEEP_STOP, snip_token, &ss, NULL, NULL);
	if (!ss.n && best > 0) {
		/* terms stored by another pipeline (a reader of an older index): the start */
		memset(hit, 0, sizeof hit);
		ss = (struct snip_scan){ 0, SNIPPET_WORDS, 0, hit, ss.v, 0, ss.cap };
		best = 0;
		norm_text(m->pl, text, len, NORM_KEEP_STOP, snip_token, &ss, NULL, NULL);
	}
	struct strbuf sb = STRBUF_INIT;
	size_t cap = 0;
	size_t from = best > 0 && ss.n ? ss.v[0].start : 0;
	size_t to = ss.n && ss.content >= ss.to ? ss.v[ss.n - 1].end : len;
	if (!ss.n && to > SNIPPET_BYTES) {   /* no words at all: a bounded start */
		to = SNIPPET_BYTES;
		while (to > 0 && ((unsigned char)text[to] & 0xC0) == 0x80)
			to--;
	}
	if (from > 0)
		sb_puts(&sb, "…");
	size_t shift = sb.len, at = from;   /* text[from] is the snippet's byte shift */
	for (size_t i = 0; i < ss.n; i++) {
		if (!ss.v[i].hit || ss.v[i].start < at)
			continue;
		xgrow((void **)&c->hits, &cap, c->nhits + 1, sizeof *c->hits);
		c->hits[c->nhits++] = (struct span){ ss.v[i].start - from + shift, ss.v[i].end - from + shift };
		at = ss.v[i].end;
	}
	if (to > from)
		sb_add(&sb, text + from, to - from);
	if (to < len)
		sb_puts(&sb, "…");
	free(ss.v);
	c->snippet = sb_detach(&sb);
}

/*
 * Two forwards pasted into one message: the best match on a stretch of
 * its own (overlapping the best's by less than half) is moved up beside
 * the best. Returns 1 when there is one.
 */
static int second_forward(struct match *pool, size_t np)
{
	const struct match *b = &pool[0];
	for (size_t i = 1; i < np; i++) {
		const struct match *c = &pool[i];
		if (c->score < T_MATCH)
			break;
		size_t lo = c->from > b->from ? c->from : b->from, hi = c->to < b->to ? c->to : b->to;
		size_t overlap = hi > lo ? hi - lo : 0;
		if (2 * overlap >= c->to - c->from)
			continue;
		struct match keep = *c;
		memmove(&pool[2], &pool[1], (i - 1) * sizeof *pool);
		pool[1] = keep;
		return 1;
	}
	return 0;
}

/*
 * A match that explains only part of what another explains (its stretch
 * inside the other's, less than half as long, with less evidence: a
 * short hoax whose title a fact check's paragraph quotes) gives the first
 * place to the other.
 */
static void widest_first(struct match *pool, size_t np)
{
	for (size_t i = 1; i < np && pool[i].score >= T_MATCH; i++) {
		const struct match *b = &pool[0], *c = &pool[i];
		if (c->from <= b->from && c->to >= b->to && 2 * (b->to - b->from) <= c->to - c->from &&
		    c->bits > b->bits) {
			struct match keep = *c;
			memmove(&pool[1], &pool[0], i * sizeof *pool);
			pool[0] = keep;
			return;
		}
	}
}

/*
 * Candidates under the budget, scored and sorted best first. Those of an
 * earlier look (seen, nseen of them) keep the score they had.
 */
static size_t rank(struct matcher *m, struct match *pool, long long cap, size_t min_terms, size_t want,
		   const struct match *seen, size_t nseen)
{
	size_t np = candidates(m, pool, cap, min_terms, want);
	for (size_t i = 0; i < np; i++) {
		size_t k = 0;
		while (k < nseen && seen[k].n != pool[i].n)
			k++;
		if (k < nseen) {
			pool[i] = seen[k];
			continue;
		}
		const unsigned char *blob;
		size_t nb;
		if (doc_reader_terms(m->rd, pool[i].n, &blob, &nb))
			score(m, blob, nb, &pool[i]);
	}
	qsort(pool, np, sizeof *pool, by_score);
	return np;
}

/*
 * A forward among chatter lines: the chatter's rare words (Javanese,
 * Sundanese, names) may spend the candidates' budget before the
 * forward's commoner ones, more so as the corpus grows (wrapped forwards
 * at 300,000 documents: 79% matched without this, 96% with it; +5%
 * instructions per message at 100,000). A message of several lines
 * that matched nothing has its longest lines of at least LINE_MIN known
 * words (not chat words) looked up on their own, LINE_LOOKS of them,
 * when that reads a term the first look did not; their LINE_POOL best
 * candidates join the pool. Of two lines with as many known words, the
 * one of more words is the longer: a forward header ("Pesan berantai dr
 * grup alumni") has four, and the forward after it four and chat words.
 * Past a match (look_past_best()), only the words outside its stretch
 * count and are looked up.
 */
#define LINE_MIN 4
#define LINE_LOOKS 1
#define LINE_POOL 10   /* candidates of a line's own look */

/* Is the message's word i one some document holds, and not a chat word? */
static int is_known(const struct matcher *m, size_t i)
{
	const struct slot *t = &m->terms_set[m->qterm[i]];
	return t->df > 0 && !says_little(&m->q[i], t);
}

/*
 * The message's words in [from, to) but not in [skip_from, skip_to)
 * looked up on their own, when that reads a term the first look did not:
 * their LINE_POOL best candidates join the pool, best first. Returns the
 * pool's new size.
 */
static size_t look_within(struct matcher *m, struct match *pool, size_t np, size_t from, size_t to,
			  size_t skip_from, size_t skip_to)
{
	struct rare *all = m->rare;
	size_t nall = m->nrare, n = 0;
	size_t read = terms_to_read(m, POSTINGS_CAP, MIN_TERMS);   /* by the first look */
	struct rare *own = xcalloc(nall, sizeof *own);
	size_t *was = xcalloc(nall, sizeof *was);
	for (size_t r = 0; r < nall; r++)
		for (size_t i = from; i < to; i++)
			if ((i < skip_from || i >= skip_to) && m->q[i].h == all[r].h) {
				was[n] = r;
				own[n++] = all[r];
				break;
			}
	m->rare = own;
	m->nrare = n;
	size_t nk = terms_to_read(m, POSTINGS_CAP, MIN_TERMS), new_terms = 0;
	for (size_t i = 0; i < nk; i++)
		new_terms += was[i] >= read;
	if (new_terms) {
		struct match both[POOL + LINE_POOL];
		memcpy(both, pool, np * sizeof *pool);
		size_t nb = np + rank(m, both + np, POSTINGS_CAP, MIN_TERMS, LINE_POOL, pool, np);
		/* the union, best first: the look's candidates not already in the pool */
		size_t nu = np;
		for (size_t i = np; i < nb; i++) {
			size_t k = 0;
			while (k < np && both[k].n != both[i].n)
				k++;
			if (k == np)
				both[nu++] = both[i];
		}
		qsort(both, nu, sizeof *both, by_score);
		np = nu < POOL ? nu : POOL;
		memcpy(pool, both, np * sizeof *pool);
	}
	m->rare = all;
	m->nrare = nall;
	free(own);
	free(was);
	return np;
}

static size_t look_by_line(struct matcher *m, const char *text, size_t len, struct match *pool, size_t np,
			   size_t skip_from, size_t skip_to)
{
	struct { size_t from, to, known; } line[LINE_LOOKS + 1];
	size_t nl = 0, lines = 0;
	for (size_t i = 0; i < m->nq;) {
		size_t j = i, known = 0;
		const char *nl_at = memchr(text + m->q[i].start, '\n', len - m->q[i].start);
		size_t end = nl_at ? (size_t)(nl_at - text) : len;
		while (j < m->nq && m->q[j].start < end) {
			known += (j < skip_from || j >= skip_to) && is_known(m, j);
			j++;
		}
		lines++;
		if (known >= LINE_MIN) {   /* kept longest first: most known words, then most words */
			size_t k = nl < LINE_LOOKS ? nl++ : LINE_LOOKS;
			for (; k > 0 && (line[k - 1].known < known ||
					 (line[k - 1].known == known && line[k - 1].to - line[k - 1].from < j - i)); k--)
				line[k] = line[k - 1];
			if (k < LINE_LOOKS)
				line[k].from = i, line[k].to = j, line[k].known = known;
		}
		i = j;
	}
	if (lines < 2)
		return np;
	for (size_t l = 0; l < nl; l++)
		np = look_within(m, pool, np, line[l].from, line[l].to, skip_from, skip_to);
	return np;
}

/* A document's distinct terms, ascending, and a filter of them: most edits tried miss it. */
struct doc_terms {
	uint32_t *v;            /* owned, grown with xgrow */
	size_t n, cap;
	uint64_t filter[FILTER_WORDS];
};

static void doc_terms_read(struct doc_terms *d, const unsigned char *blob, size_t nb)
{
	d->n = distinct_terms(blob, nb, &d->v, &d->cap);
	memset(d->filter, 0, sizeof d->filter);
	for (size_t i = 0; i < d->n; i++)
		d->filter[FILTER_WORD(d->v[i])] |= FILTER_BIT(d->v[i]);
}

/* Is the word e[0..len) one of the document's terms d? Then it is copied to out, NUL-terminated. */
static int term_in(const char *e, size_t len, const struct doc_terms *d, char out[64])
{
	uint32_t h = term_hash(e, len);
	if (!(d->filter[FILTER_WORD(h)] & FILTER_BIT(h)))
		return 0;
	const uint32_t *v = d->v;
	size_t lo = 0, hi = d->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (v[mid] < h)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == d->n || v[lo] != h)
		return 0;
	memcpy(out, e, len);
	out[len] = '\0';
	return 1;
}

/* Is e (or its stem, with a stemming pipeline) one of the document's terms v? Written to out. */
static int edit_in(const char *e, size_t len, struct pipeline *stem, const struct doc_terms *d, char out[64])
{
	if (!stem)
		return term_in(e, len, d, out) ? (int)len : 0;
	size_t sl;
	const char *s = pipeline_stem(stem, e, len, &sl);
	return s && sl < 64 && term_in(s, sl, d, out) ? (int)sl : 0;
}

/*
 * A term of the document (its distinct terms v, ascending) one edit from
 * the word w (a letter dropped, two neighbours swapped, a letter changed
 * or added, tried in that order): written to out, its length returned,
 * else 0. With stem set, w is the word as written and an edit (a letter
 * dropped or two swapped) counts when its stem is the document's term
 * ("siapkaan" is "siapkan", stem "siap").
 * The edits are made and looked up by hash, so the document's text is not read.
 */
static size_t one_edit_in(const char *w, size_t len, struct pipeline *stem, const struct doc_terms *d, char out[64])
{
	static const char letters[] = "abcdefghijklmnopqrstuvwxyz";
	char e[64];
	int got;
	for (size_t i = 0; i < len && len > FUZZY_MIN; i++) {   /* dropped (never below FUZZY_MIN) */
		memcpy(e, w, i);
		memcpy(e + i, w + i + 1, len - i - 1);
		if ((got = edit_in(e, len - 1, stem, d, out)))
			return (size_t)got;
	}
	for (size_t i = 0; i + 1 < len && len >= FUZZY_MIN; i++) {   /* swapped */
		if (w[i] == w[i + 1])
			continue;
		memcpy(e, w, len);
		e[i] = w[i + 1];
		e[i + 1] = w[i];
		if ((got = edit_in(e, len, stem, d, out)))
			return (size_t)got;
	}
	if (stem)
		return 0;   /* each edit stemmed: a letter changed or added would cost 26 times more */
	for (size_t i = 0; i < len && len >= FUZZY_MIN; i++) {   /* changed */
		memcpy(e, w, len);
		for (const char *c = letters; *c; c++) {
			e[i] = *c;
			if (*c != w[i] && (got = edit_in(e, len, stem, d, out)))
				return (size_t)got;
		}
	}
	for (size_t i = 0; i <= len && len + 1 < 64; i++) {   /* added */
		memcpy(e, w, i);
		memcpy(e + i + 1, w + i, len - i);
		for (const char *c = letters; *c; c++) {
			e[i] = *c;
			if ((got = edit_in(e, len + 1, stem, d, out)))
				return (size_t)got;
		}
	}
	return 0;
}

/* Whether a document's terms hold a, b and c in a row. */
static int in_run(const unsigned char *blob, size_t nb, uint32_t a, uint32_t b, uint32_t c)
{
	for (size_t i = 0; i + 2 < nb / 4; i++)
		if (terms_at(blob, i) == a && terms_at(blob, i + 1) == b && terms_at(blob, i + 2) == c)
			return 1;
	return 0;
}

/*
 * Typing errors: when the best candidates are close but not a match, the
 * message's words that no document holds, or at most one document in
 * FUZZY_RARE, are compared with each candidate's own terms; a term one
 * edit away (from the stem, else from the word as written, through its
 * stem) is taken for the word and the candidate scored again. Only the
 * few near candidates are tried. In a short message a slip may make
 * another common word ("lebih bak aman" for "lebih baik aman"): there, a
 * word the candidate lacks is mended too where the candidate has its
 * mended form between the same two words.
 */
static void correct_typos(struct matcher *m, struct match *pool, size_t np)
{
	size_t suspect[FUZZY_WORDS], nu = 0;   /* the words that may be typing errors */
	unsigned char in_gap[FUZZY_WORDS];      /* ... only between the same two words as in the candidate */
	for (size_t i = 0; i < m->nq && nu < FUZZY_WORDS; i++) {
		const char *t = m->texts.buf + m->q[i].text;
		size_t tl = strlen(t);
		if ((m->q[i].flags & (TF_NUMBER | TF_URL | TF_PLACE)) || tl < FUZZY_SHORT || tl >= 63)
			continue;
		int rare = doc_freq(m, t, tl) * FUZZY_RARE <= m->ndocs;
		if (rare || (m->nterms < ADJACENT_MSG && i > 0 && i + 1 < m->nq)) {
			in_gap[nu] = !rare;
			suspect[nu++] = i;
		}
	}
	if (!nu)
		return;
	struct qtok *saved = xmalloc(m->nq * sizeof *saved);
	memcpy(saved, m->q, m->nq * sizeof *saved);
	size_t saved_texts = m->texts.len;
	struct doc_terms d = { 0 };
	int touched = 0;
	for (size_t c = 0; c < np && c < FUZZY_TOP; c++) {
		if (pool[c].share < FUZZY_FLOOR || pool[c].score >= T_MATCH)
			continue;
		const unsigned char *blob = NULL;
		size_t nb;
		if (!doc_reader_terms(m->rd, pool[c].n, &blob, &nb))
			nb = 0;
		doc_terms_read(&d, blob, nb);
		int changed = 0;
		for (size_t k = 0; k < nu; k++) {
			struct qtok *q = &m->q[suspect[k]];
			char fix[64];
			const char *t = m->texts.buf + q->text, *w = m->texts.buf + q->word;
			if (term_in(t, strlen(t), &d, fix))
				continue;   /* the document holds it: no typing error */
			size_t fl = one_edit_in(t, strlen(t), NULL, &d, fix);
			if (!fl && strcmp(t, w) && strlen(w) < 63)   /* the stem was no help: the word as written */
				fl = one_edit_in(w, strlen(w), m->pl, &d, fix);
			if (fl && in_gap[k] && !in_run(blob, nb, q[-1].h, term_hash(fix, fl), q[1].h))
				fl = 0;   /* a common word is mended only where the document has it between the two */
			if (fl) {
				q->h = term_hash(fix, fl);
				q->text = m->texts.len;
				sb_add(&m->texts, fix, fl + 1);
				changed = 1;
			}
		}
		if (!changed)
			continue;
		touched = 1;
		prepare_message(m);
		struct match again = pool[c];
		if (doc_reader_terms(m->rd, again.n, &blob, &nb))
			score(m, blob, nb, &again);
		if (again.score > pool[c].score)
			pool[c] = again;
		memcpy(m->q, saved, m->nq * sizeof *saved);
		m->texts.len = saved_texts;
	}
	if (touched) {
		prepare_message(m);
		qsort(pool, np, sizeof *pool, by_score);
	}
	free(d.v);
	free(saved);
}

/*
 * Two forwards in one message: the second's rare words may be left unread
 * when the first's spent the budget. When as many known words as a
 * forward needs (STRETCH_MIN) lie outside the best match's stretch, the
 * longest line of them is looked up on its own (look_by_line()).
 */
static size_t look_past_best(struct matcher *m, const char *text, size_t len, struct match *pool, size_t np)
{
	size_t known = 0;
	for (size_t i = 0; i < m->nq; i++)
		known += (i < pool[0].from || i >= pool[0].to) && is_known(m, i);
	return known < STRETCH_MIN ? np : look_by_line(m, text, len, pool, np, pool[0].from, pool[0].to);
}

int matcher_check(struct matcher *m, const char *text, size_t len,
		const struct match_opts *o, struct result *r)
{
	memset(r, 0, sizeof *r);
	if (m->batch && --m->batch == 0)
		matcher_batch(m, 1);
	if (m->nsampled > COND_CACHE_WORDS)
		samplecache_clear(m);
	m->nq = 0;
	sb_reset(&m->texts);
	m->truncated = 0;
	norm_text(m->pl, text, len, NORM_STEM, collect_message, m, NULL, NULL);
	if (m->truncated)
		add_note(r, NOTE_LONG, NULL, NULL);
	split_unknown(m);
	r->ntokens = m->nq;
	prepare_message(m);
	if (!m->nrare)
		return 0;   /* no word any document holds */
	struct match pool[POOL];
	size_t np = rank(m, pool, POSTINGS_CAP, MIN_TERMS, POOL, NULL, 0);
	if (np && pool[0].score < T_MATCH && m->nrare > MIN_TERMS && pool[0].share >= WIDE_SHARE) {
		struct match first[POOL];
		memcpy(first, pool, np * sizeof *pool);
		np = rank(m, pool, WIDE_POSTINGS_CAP, WIDE_MIN_TERMS, POOL, first, np);
	}
	if (!np || pool[0].score < T_SIMILAR)
		np = look_by_line(m, text, len, pool, np, 0, 0);
	if (np && pool[0].share >= FUZZY_FLOOR && pool[0].score < T_MATCH)
		correct_typos(m, pool, np);
	int second = 0;
	if (np && pool[0].score >= T_MATCH) {
		widest_first(pool, np);
		second = second_forward(pool, np);
		if (!second) {   /* the look past it sorts the pool again: its order is decided again */
			np = look_past_best(m, text, len, pool, np);
			widest_first(pool, np);
			second = second_forward(pool, np);
		}
	}
	size_t keep = np < (size_t)o->topn ? np : (size_t)o->topn;
	if (keep == 0 && np)
		keep = 1;   /* the verdict needs the best one */
	if (second && keep < 2)
		keep = 2;   /* ... and a second forward is half the answer */
	r->m = xcalloc(keep ? keep : 1, sizeof *r->m);
	char *best_text = NULL;
	for (size_t i = 0; i < keep; i++) {
		struct match *c = &r->m[r->nm++];
		*c = pool[i];
		if (c->to > c->from && c->to <= m->nq) {
			c->start = m->q[c->from].start;
			c->end = m->q[c->to - 1].end;
		}
		struct doc_fields f;
		if (doc_reader_fields(m->rd, c->n, &f)) {
			c->id = dup_or_null(f.id);
			c->label = dup_or_null(f.label);
			c->rating = dup_or_null(f.rating);
			c->title = dup_or_null(f.title);
			c->publisher = dup_or_null(f.publisher);
			c->date = dup_or_null(f.date);
			c->url = dup_or_null(f.url);
			const char *body = f.text;
			int body_is_title = !*body;
			if (body_is_title)
				body = c->title ? c->title : "";
			if (o->snippets && c->score >= T_SIMILAR)
				snippet(m, c, body, body_is_title);
			if (i == 0) {
				struct strbuf all = STRBUF_INIT;
				sb_puts(&all, c->title ? c->title : "");   /* bodies are long: no printf */
				sb_putc(&all, ' ');
				sb_puts(&all, body);
				best_text = sb_detach(&all);
			}
		}
	}
	if (r->nm) {
		struct match *b = &r->m[0];
		r->score = b->score;
		if (b->score >= T_MATCH) {
			if (b->label && !strcmp(b->label, "official"))
				r->verdict = best_text && check_quantities(text, len, b->start, b->end > b->start ? b->end : len,
									   best_text, r) ? V_ALTERED : V_OFFICIAL;
			else
				r->verdict = V_HOAX;
		} else if (b->score >= T_SIMILAR) {
			r->verdict = V_SIMILAR;
		}
		/* a second forward that is a known hoax makes the message one */
		if (second && r->nm > 1 && r->verdict == V_OFFICIAL && r->m[1].label && strcmp(r->m[1].label, "official"))
			r->verdict = V_HOAX;
		if (r->verdict != V_UNKNOWN && negates(m, text, len, b))
			add_note(r, NOTE_NEGATION, NULL, NULL);
	}
	free(best_text);
	doc_reader_done(m->rd);   /* no row held between messages (a server's readers see new writes) */
	if (keep == 0)
		r->nm = 0;
	return 0;
}

void result_clear(struct result *r)
{
	for (size_t i = 0; i < r->nm; i++) {
		struct match *c = &r->m[i];
		free(c->id); free(c->label); free(c->rating); free(c->title);
		free(c->publisher); free(c->date); free(c->url); free(c->snippet); free(c->hits);
	}
	free(r->m);
	for (size_t i = 0; i < r->nnotes; i++) {
		free(r->notes[i].said);
		free(r->notes[i].release);
	}
	free(r->notes);
	memset(r, 0, sizeof *r);
}

struct exprctx {
	struct strbuf *out;
	struct hmap seen;
	const char *join;
};

static int add_expr_token(void *ctx, const struct token *t)
{
	struct exprctx *e = ctx;
	int isnew;
	hmap_put(&e->seen, t->text, t->len, &isnew);
	if (!isnew)
		return 0;
	if (e->out->len)
		sb_puts(e->out, e->join);
	sb_puts(e->out, "\"\x1f");
	for (size_t i = 0; i < t->len; i++) {
		if (t->text[i] == '"')
			sb_putc(e->out, '"');
		sb_putc(e->out, t->text[i]);
	}
	sb_putc(e->out, '"');
	return 0;
}

void match_fts_expr(const char *text, size_t len, int any, struct strbuf *out)
{
	struct exprctx e = { out, HMAP_INIT, any ? " OR " : " " };
	sb_reset(out);
	struct pipeline *pl = pipeline_new();   /* its own: a search has no matcher */
	norm_text(pl, text, len, NORM_STEM, add_expr_token, &e, NULL, NULL);
	pipeline_free(pl);
	hmap_free(&e.seen);
}
