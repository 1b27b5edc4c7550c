/*
 * match_cooc.c: co-occurrence, what a message word says after the one
 * before it. A pair of words that often share documents (a name, a
 * formula, a source's boilerplate) says little past its first word; two
 * words that rarely meet say all of the second's weight. Pairs of rarer
 * words are counted from their posting lists, pairs with a common word in
 * a fixed sample of the documents, so that a pair's evidence follows one
 * rule at any corpus size.
 */
#include "match_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"
#include "store_read.h"

#define GOLDEN_SHARE 0.6180339887498949   /* spreads consecutive rows evenly over the sample (sample_place()) */

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

void sample_init(struct matcher *m)
{
	long long last = store_max_row(m->st);
	m->srow_end = 1;
	while (m->srow_end <= last && m->srow_end < (1u << 31))
		m->srow_end <<= 1;
	m->smul = (uint32_t)(m->srow_end * GOLDEN_SHARE) | 1;
	m->sample_end = m->ndocs > 2 * COND_SAMPLE
		? (uint32_t)((double)m->srow_end * COND_SAMPLE / (double)m->ndocs) + 1 : m->srow_end;
	m->swords = (m->sample_end + 63) / 64;
}

/* A common word's documents in the sample, kept between messages. */
struct sampleset {
	long long n;
	uint64_t bits[];   /* m->swords */
};

void samplecache_clear(struct matcher *m)
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
double pair_cond(struct matcher *m, struct message *msg, size_t qi)
{
	struct slot *p = &msg->pairs_set[msg->qpair[qi]];
	if (p->df >= 0)
		return p->cond;
	struct slot *a = set_slot(msg->terms_set, msg->setcap, (uint32_t)(p->key >> 32));
	struct slot *b = set_slot(msg->terms_set, msg->setcap, (uint32_t)p->key);
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
		if (c < p->cond && msg->nterms < ADJACENT_MSG)   /* the candidate holds them side by side (score()) */
			c = cond_info(doc_reader_adjacent(m->rd, msg->texts.buf + msg->q[qi - 1].text,
							  msg->texts.buf + msg->q[qi].text), na, pb);
	} else {
		c = sampled_cond(m, a, b, (double)b->df / (double)(m->ndocs > b->df ? m->ndocs : b->df));
	}
	if (c < p->cond)
		p->cond = c > 0 ? (float)c : 0;
	return p->cond;
}

