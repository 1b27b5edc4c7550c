/*
 * match_query.c: the message's words, the first stage of the matcher.
 * The message goes through the pipeline (stemmed, stopwords dropped); a
 * word no document holds is read with its doubled letters written once,
 * or as two words whose space was dropped; each distinct term gets its
 * document count (termdf) and weight, and the sets of the message's terms
 * and word pairs that the later stages look words up in.
 */
#include "match_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "normalize.h"
#include "store.h"
#include "tables.h"

#define DF_CACHE_MAX HMAP_CACHE_MAX

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
void load_everyday(struct matcher *m)
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

/* Documents holding the canonical token t (FTS5 vocabulary), cached. */
long long doc_freq(struct matcher *m, const char *t, size_t len)
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

/* Append token t to the message's words. */
static void collect(const struct matcher *m, struct message *msg, const struct token *t)
{
	xgrow((void **)&msg->q, &msg->capq, msg->nq + 1, sizeof *msg->q);
	struct qtok *q = &msg->q[msg->nq++];
	q->h = term_hash(t->text, t->len);
	q->flags = t->flags | (is_everyday(m, q->h) ? QF_EVERYDAY : 0);
	q->start = t->start;
	q->end = t->end;
	q->text = msg->texts.len;
	sb_add(&msg->texts, t->text, t->len);
	sb_putc(&msg->texts, '\0');
	q->word = msg->texts.len;
	sb_add(&msg->texts, t->word, t->wlen);
	sb_putc(&msg->texts, '\0');
}

/* The message being read, for collect_message(). */
struct reading {
	const struct matcher *m;
	struct message *msg;
};

/* collect() for the message itself: stops at MSG_TOKENS_MAX. */
static int collect_message(void *ctx, const struct token *t)
{
	struct reading *rd = ctx;
	if (rd->msg->nq >= MSG_TOKENS_MAX) {
		rd->msg->truncated = 1;
		return 1;
	}
	collect(rd->m, rd->msg, t);
	return 0;
}

/* The message's words in order, as the pipeline makes them (msg->truncated past MSG_TOKENS_MAX). */
void read_message(struct matcher *m, struct message *msg, const char *text, size_t len)
{
	struct reading rd = { m, msg };
	msg->nq = 0;
	sb_reset(&msg->texts);
	msg->truncated = 0;
	norm_text(m->pl, text, len, NORM_STEM, collect_message, &rd, NULL, NULL);
}

/* Tokens of one half of a split word: all must be known to the corpus. */
struct half {
	struct matcher *m;
	struct message *msg;
	int ok;              /* every content token is in the index */
	int content;         /* content tokens seen */
	const struct qtok *from;  /* the token being split (span, flags) */
	int keep;            /* append the tokens to msg->q */
};

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
	collect(h->m, h->msg, t);
	h->msg->q[h->msg->nq - 1].start = h->from->start;
	h->msg->q[h->msg->nq - 1].end = h->from->end;
	return 0;
}

/* The content tokens of text w (0 for none), or -1 when one is not in the index. */
static int known_tokens(struct matcher *m, struct message *msg, const struct qtok *from, const char *w, size_t n)
{
	struct half h = { m, msg, 1, 0, from, 0 };
	norm_text(m->pl, w, n, NORM_STEM | NORM_KEEP_STOP, half_token, &h, NULL, NULL);
	return h.ok ? h.content : -1;
}

/* Append the tokens of text w to msg->q, in the span of token from. */
static void append_tokens(struct matcher *m, struct message *msg, const struct qtok *from, const char *w,
			  size_t n)
{
	struct half h = { m, msg, 1, 0, from, 1 };
	norm_text(m->pl, w, n, NORM_STEM, half_token, &h, NULL, NULL);
}

/*
 * A word no document holds may be two words whose space was dropped
 * ("acehtergulung", "amindan"): split it where both halves are known to
 * the corpus, preferring the most even split. Returns 1 when split (the
 * halves appended to msg->q), 0 otherwise.
 */
static int split_word(struct matcher *m, struct message *msg, const struct qtok *from, const char *w, size_t n)
{
	size_t best = 0, best_even = 0;
	for (size_t i = SPLIT_HALF_MIN; i + SPLIT_HALF_MIN <= n; i++) {
		if (((unsigned char)w[i] & 0xC0) == 0x80)
			continue;   /* inside a UTF-8 sequence */
		size_t even = i < n - i ? i : n - i;
		if (even <= best_even)
			continue;
		int l = known_tokens(m, msg, from, w, i), r = l < 0 ? -1 : known_tokens(m, msg, from, w + i, n - i);
		if (r >= 0 && l + r > 0) {
			best = i;
			best_even = even;
		}
	}
	if (!best)
		return 0;
	append_tokens(m, msg, from, w, best);
	append_tokens(m, msg, from, w + best, n - best);
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
static int known_word(struct matcher *m, struct message *msg, const struct qtok *from, const char *w, size_t n)
{
	if (known_tokens(m, msg, from, w, n) <= 0)
		return 0;
	append_tokens(m, msg, from, w, n);
	return 1;
}

/*
 * Replace tokens no document holds by the word with its doubled letters
 * written once (undouble()) when that is known, else by its halves where
 * split_word() finds them (in the word as written, then undoubled).
 */
void split_unknown(struct matcher *m, struct message *msg)
{
	size_t n = msg->nq;
	xgrow((void **)&msg->split, &msg->capsplit, n + 1, sizeof *msg->split);
	if (n)
		memcpy(msg->split, msg->q, n * sizeof *msg->q);
	msg->nq = 0;
	size_t tries = 0;
	for (size_t i = 0; i < n; i++) {
		const struct qtok *t = &msg->split[i];
		size_t wlen = strlen(msg->texts.buf + t->word);
		if (!(t->flags & (TF_NUMBER | TF_URL | TF_PLACE)) && wlen >= UNDOUBLE_MIN && tries < SPLIT_TRIES_MAX &&
		    doc_freq(m, msg->texts.buf + t->text, strlen(msg->texts.buf + t->text)) == 0) {
			tries++;
			char *w = xstrdup(msg->texts.buf + t->word);   /* texts may move */
			char *once = xmalloc(wlen + 1);
			size_t n1 = undouble(w, wlen, once);
			int done = (n1 && known_word(m, msg, t, once, n1)) ||
				   (wlen >= SPLIT_MIN && split_word(m, msg, t, w, wlen)) ||
				   (n1 >= SPLIT_MIN && split_word(m, msg, t, once, n1));
			free(once);
			free(w);
			if (done)
				continue;
		}
		xgrow((void **)&msg->q, &msg->capq, msg->nq + 1, sizeof *msg->q);
		msg->q[msg->nq++] = *t;
	}
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
static double evidence_weight(const struct message *msg, const struct qtok *q, double w)
{
	if (!(q->flags & TF_NUMBER) && msg->texts.buf[q->text] && !msg->texts.buf[q->text + 1])
		return 0;
	if (w > EW_MAX)
		w = EW_MAX;
	return q->flags & QF_EVERYDAY ? w * CHAT_WEIGHT : w;
}

/* An everyday chat word, or a word of no evidence (a single letter): no help in finding a document. */
int says_little(const struct qtok *q, const struct slot *s)
{
	return (q->flags & QF_EVERYDAY) || s->ew == 0;
}

/* Fill the message's term and pair sets, and its known terms rarest first (chat words last). */
void prepare_message(struct matcher *m, struct message *msg)
{
	size_t need = 16;
	while (need < msg->nq * 4)
		need *= 2;
	for (size_t i = 0; msg->terms_set && i < msg->setcap; i++)
		free(msg->terms_set[i].rows);
	if (need > msg->setalloc) {
		free(msg->terms_set);
		free(msg->pairs_set);
		msg->terms_set = xcalloc(need, sizeof *msg->terms_set);
		msg->pairs_set = xcalloc(need, sizeof *msg->pairs_set);
		msg->setalloc = need;
	} else {   /* only the slots this message uses: a long one before must not cost every short one after */
		memset(msg->terms_set, 0, need * sizeof *msg->terms_set);
		memset(msg->pairs_set, 0, need * sizeof *msg->pairs_set);
	}
	msg->setcap = need;
	if (msg->nq > msg->capqs) {
		msg->capqs = msg->nq;
		msg->qterm = xrealloc(msg->qterm, msg->capqs * sizeof *msg->qterm);
		msg->qpair = xrealloc(msg->qpair, msg->capqs * sizeof *msg->qpair);
	}
	memset(msg->filter, 0, sizeof msg->filter);
	msg->filter[FILTER_WORD(0)] |= FILTER_BIT(0);   /* a document's field separator: score() counts them */
	msg->nterms = 0;
	msg->wsum = msg->pwsum = 0;
	msg->mark = 0;
	msg->nrare = 0;
	for (size_t i = 0; i < msg->nq; i++) {
		struct slot *s = set_slot(msg->terms_set, msg->setcap, msg->q[i].h);
		msg->qterm[i] = (uint32_t)(s - msg->terms_set);
		msg->filter[FILTER_WORD(msg->q[i].h)] |= FILTER_BIT(msg->q[i].h);
		if (!s->key) {
			const char *t = msg->texts.buf + msg->q[i].text;
			long long df = doc_freq(m, t, strlen(t));
			s->key = msg->q[i].h;
			s->df = df;
			s->nrows = -2;
			s->w = (float)weight(df, m->ndocs);
			s->ew = (float)evidence_weight(msg, &msg->q[i], s->w);
			s->cw = df > 0 || s->ew < UNKNOWN_W ? s->ew : (float)UNKNOWN_W;
			msg->wsum += s->cw;
			msg->nterms++;
			if (df > 0) {
				xgrow((void **)&msg->rare, &msg->caprare, msg->nrare + 1, sizeof *msg->rare);
				/* chat words go last: they must not spend the candidates' budget */
				long long order = says_little(&msg->q[i], s) ? df + m->ndocs + 1 : df;
				msg->rare[msg->nrare++] = (struct rare){ msg->q[i].h, order, s->w, msg->q[i].text, df };
			}
		}
		msg->qpair[i] = UINT32_MAX;
		if (i > 0) {
			struct slot *p = set_slot(msg->pairs_set, msg->setcap, pair_key(msg->q[i - 1].h, msg->q[i].h));
			if (!p->key) {
				p->key = pair_key(msg->q[i - 1].h, msg->q[i].h);
				p->df = -1;
				float a = msg->terms_set[msg->qterm[i - 1]].cw, b = s->cw;
				p->cw = a < b ? a : b;
				msg->pwsum += p->cw;
			}
			msg->qpair[i] = (uint32_t)(p - msg->pairs_set);
		}
	}
	/* the rarest terms first (insertion sort: messages are short) */
	for (size_t i = 1; i < msg->nrare; i++)
		for (size_t j = i; j > 0 && msg->rare[j].order < msg->rare[j - 1].order; j--) {
			struct rare tmp = msg->rare[j];
			msg->rare[j] = msg->rare[j - 1];
			msg->rare[j - 1] = tmp;
		}
}


/* Copy src's words (not its sets) into dst, for a stage that changes them. */
void message_copy(struct message *dst, const struct message *src)
{
	xgrow((void **)&dst->q, &dst->capq, src->nq + 1, sizeof *dst->q);
	if (src->nq)
		memcpy(dst->q, src->q, src->nq * sizeof *src->q);
	dst->nq = src->nq;
	sb_reset(&dst->texts);
	sb_add(&dst->texts, src->texts.buf, src->texts.len);
	dst->truncated = src->truncated;
}

void message_free(struct message *msg)
{
	free(msg->q);
	free(msg->split);
	free(msg->rare);
	sb_release(&msg->texts);
	for (size_t i = 0; msg->terms_set && i < msg->setcap; i++)
		free(msg->terms_set[i].rows);
	free(msg->terms_set);
	free(msg->pairs_set);
	free(msg->qterm);
	free(msg->qpair);
}
