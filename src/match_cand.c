/*
 * match_cand.c: candidates, the matcher's second stage. The documents
 * holding the most weight of the message's rarest terms, read straight
 * from the terms' posting lists (termdf's, else the FTS5 doclist) under a
 * budget of rows, are the candidates the later stages score (at most POOL).
 */
#include "match_int.h"

#include <stdlib.h>
#include <string.h>

#include "store.h"
#include "store_read.h"

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
long long rows_of(struct matcher *m, struct slot *t)
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
size_t terms_to_read(const struct look *lk)
{
	/* bounded work: the rarest terms, until enough postings are read */
	long long postings = 0;
	size_t k = 0;
	for (; k < lk->nrare && k < QUERY_CAP; k++) {
		if (k >= lk->min_terms && postings + lk->rare[k].df > lk->cap)
			break;
		if (k >= MIN_TERMS && postings + lk->rare[k].df > POSTINGS_HARD)
			break;   /* past the rarest few, bounded whatever the corpus size */
		postings += lk->rare[k].df;
	}
	return k;
}

/* The candidates of look lk into pool, heaviest first: their number. */
size_t candidates(struct matcher *m, struct message *msg, const struct look *lk, struct match *pool)
{
	size_t k = terms_to_read(lk);
	for (size_t i = 0; i < k; i++) {
		/* termdf's list when it keeps one, else the FTS5 doclist */
		struct slot *ts = set_slot(msg->terms_set, msg->setcap, lk->rare[i].h);
		long long got = all_rows_of(m, ts, msg->texts.buf + lk->rare[i].text);
		for (size_t j = 0; j < (size_t)got; j++)
			acc_add(m, ts->rows[j], lk->rare[i].w);
	}
	/* the POOL heaviest, kept sorted by insertion; the table is cleared as it is read */
	struct acc top[POOL];
	size_t np = 0, want = lk->want;
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

