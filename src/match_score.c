/*
 * match_score.c: one candidate's score, and the order of the pool.
 *
 * A candidate's stored token sequence (doc_terms) is compared with the
 * message as evidence, not shares: every message word found in the
 * document inside a run (a word pair found in the same order there)
 * counts its information (idf, less what it says after the word before
 * it: match_cooc.c; everyday chat words a tenth, single letters nothing),
 * a word found alone ALONE of it, and a word not found costs MISS. The
 * best-scoring stretch of the message (a maximum sum segment, as in local
 * alignment) is the evidence, so chatter around a forward neither lifts
 * nor sinks it. Less what a stretch that good would reach by chance (one
 * of this many documents, one of this many stretches of the message, a
 * document this long), it is in bits; the score is the containment (the
 * share of the message's weight and word pairs found) times
 * 1 - 2^(-bits / GATE_BITS); a message of one to three words shares a
 * phrase at most, and counts less (SHORT_MSG).
 *
 * The ordering rules: by score (by_score()), a match explaining only part
 * of another's stretch after it (widest_first()), a second forward beside
 * the first (second_forward()).
 */
#include "match_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "store_terms.h"
#include "store_read.h"

/* How far evidence of this many bits beyond chance is from none (0) to plenty (near 1). */
static double gate_of(double bits, double half)
{
	return bits > 0 ? 1 - exp2(-bits / half) : 0;
}

/* What one pass over a document found of the message (mark_document()). */
struct found {
	double wfound, pfound;   /* the message's term and pair weight (cw) the document holds */
	size_t dhit, dpairhit;   /* the document's words and word pairs that are the message's */
	size_t dtok, dpairs;     /* the document's words and word pairs */
};

/*
 * One pass over the document marks the message's terms and word pairs it
 * holds (with mark). Most of the document's words miss the message's
 * filter; the 0s between its fields pass it (prepare_message()), so the
 * document's length in words and in word pairs is counted there.
 */
static struct found mark_document(struct message *msg, const unsigned char *blob, size_t nb, uint32_t mark)
{
	struct found f = { 0, 0, 0, 0, 0, 0 };
	size_t nt = nb / 4, zeros = 0, runs = 0;
	uint32_t prev = 0;
	int prev_hit = 0;
	for (size_t i = 0; i < nt; i++) {
		uint32_t h = terms_at(blob, i);
		if (!(msg->filter[FILTER_WORD(h)] & FILTER_BIT(h))) {
			prev_hit = 0;
			continue;
		}
		if (!h) {
			zeros++;
			runs += i > 0 && terms_at(blob, i - 1) != 0;
			prev_hit = 0;
			continue;
		}
		struct slot *s = set_slot(msg->terms_set, msg->setcap, h);
		if (!s->key) {
			prev_hit = 0;
			continue;
		}
		if (s->mark != mark)
			f.wfound += s->cw;   /* each of the message's terms counted once */
		s->mark = mark;
		f.dhit++;
		if (prev_hit) {   /* a message pair is two message words */
			struct slot *p = set_slot(msg->pairs_set, msg->setcap, pair_key(prev, h));
			if (p->key) {
				if (p->mark != mark)
					f.pfound += p->cw;
				p->mark = mark;
				f.dpairhit++;
			}
		}
		prev = h;
		prev_hit = 1;
	}
	runs += nt > 0 && terms_at(blob, nt - 1) != 0;
	f.dtok = nt - zeros;
	f.dpairs = f.dtok - runs;
	return f;
}

/*
 * The evidence: the best stretch of the message, a maximum-sum segment of
 * its words' gains against the document marked with mark, [*from, *to).
 * Returns its sum.
 */
static double best_stretch(struct matcher *m, struct message *msg, uint32_t mark, size_t *from_out, size_t *to_out)
{
	double best = 0, cur = 0;
	size_t from = 0, bs = 0, be = 0;
	for (size_t i = 0; i < msg->nq; i++) {
		struct slot *t = &msg->terms_set[msg->qterm[i]];
		int in = msg->qpair[i] != UINT32_MAX && msg->pairs_set[msg->qpair[i]].mark == mark;
		int out = i + 1 < msg->nq && msg->pairs_set[msg->qpair[i + 1]].mark == mark;
		double g;
		if (t->mark != mark)
			g = -MISS;
		else if (t->used == mark)
			g = 0;   /* said twice: counted once */
		else if (in)   /* inside a run: what this word adds after the one before */
			g = t->w > 0 ? t->ew * pair_cond(m, msg, i) / t->w : 0;
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
	*from_out = bs;
	*to_out = be;
	return best;
}

/* The stretch [bs, be)'s own containment: its weight and weighted pairs found. */
static double stretch_share(const struct message *msg, uint32_t mark, size_t bs, size_t be)
{
	double sw = 0, swf = 0, sp = 0, spf = 0;
	for (size_t i = bs; i < be; i++) {
		struct slot *t = &msg->terms_set[msg->qterm[i]];
		sw += t->cw;
		swf += t->mark == mark ? t->cw : 0;
		if (i > bs) {
			struct slot *p = &msg->pairs_set[msg->qpair[i]];
			sp += p->cw;
			spf += p->mark == mark ? p->cw : 0;
		}
	}
	double stretch = MSG_WORDS_W * (sw > 0 ? swf / sw : 0) + MSG_PAIRS_W * (sp > 0 ? spf / sp : 0);
	if (be - bs < STRETCH_MIN)   /* a name or two is no forward */
		stretch *= (double)(be - bs) / STRETCH_MIN;
	return stretch;
}

/*
 * Score one candidate (its stored terms) against the message: the
 * containment (the share of the message's weight and of its word pairs
 * found, or the document's found in the message) says how much of the
 * text is shared, and the evidence of the best stretch says whether that
 * is beyond chance (see the top of this file).
 */
void score(struct matcher *m, struct message *msg, const unsigned char *blob, size_t nb, struct match *c)
{
	uint32_t mark = ++msg->mark;
	struct found f = mark_document(msg, blob, nb, mark);
	/* containment: the message's weight and weighted pairs found */
	c->words = msg->wsum > 0 ? f.wfound / msg->wsum : 0;
	c->seq = msg->pwsum > 0 ? f.pfound / msg->pwsum : c->words;
	c->dwords = f.dtok ? (double)f.dhit / (double)f.dtok : 0;
	c->dseq = f.dpairs ? (double)f.dpairhit / (double)f.dpairs : c->dwords;
	double from_msg = MSG_WORDS_W * c->words + MSG_PAIRS_W * c->seq;
	double from_doc = DOC_WORDS_W * c->dwords + DOC_PAIRS_W * c->dseq;
	if (msg->nterms < SHORT_PHRASE)   /* two rare words in a row are evidence, but of a phrase, not a copy */
		from_msg = from_msg < SHORT_MSG_MAX ? from_msg : SHORT_MSG_MAX;
	else if (msg->nterms < SHORT_MSG)
		from_msg *= (double)msg->nterms / SHORT_MSG;
	if (f.dtok < SHORT_DOC)
		from_doc *= (double)f.dtok / SHORT_DOC;
	double share = from_msg > from_doc ? from_msg : from_doc;
	/* beyond chance: any of ndocs documents, any stretch of the message, a long document */
	double chance = CHANCE_DOCS * log((double)(m->ndocs > 1 ? m->ndocs : 1)) + log(1.0 + (double)msg->nq) +
			log(1.0 + (double)f.dtok / DOC_LEN_REF);
	if (f.wfound <= chance) {
		/* no stretch holds more than all the words found: no evidence, score 0 */
		c->bits = (f.wfound - chance) / M_LN2;
		c->share = share;
		c->score = 0;
		c->from = c->to = 0;
		return;
	}
	size_t bs, be;
	double best = best_stretch(m, msg, mark, &bs, &be);
	double stretch = stretch_share(msg, mark, bs, be);
	/* where the stretch lies: from its first run to its last (a word found alone at its edge is
	   no part of a forward, and may be chatter's "bener ora?") */
	while (bs + 1 < be && !(msg->qpair[bs + 1] != UINT32_MAX && msg->pairs_set[msg->qpair[bs + 1]].mark == mark))
		bs++;
	while (be > bs + 1 && !(msg->pairs_set[msg->qpair[be - 1]].mark == mark))
		be--;
	c->from = bs;
	c->to = be;
	c->bits = (best - chance) / M_LN2;
	c->share = share > stretch ? share : stretch;
	double whole = share * gate_of(c->bits, GATE_BITS);
	double part = stretch * gate_of(c->bits, STRETCH_GATE_BITS);
	c->score = whole > part ? whole : part;
}

int by_score(const void *a, const void *b)
{
	const struct match *x = a, *y = b;
	/* scores that print the same are a tie: a gate near 1 differs in the sixth place */
	long long sx = llround(x->score * TIE_PLACES), sy = llround(y->score * TIE_PLACES);
	if (sx != sy)
		return (sx < sy) - (sx > sy);
	if (x->share != y->share)   /* no evidence either: the more of the message shared */
		return (x->share < y->share) - (x->share > y->share);
	double dx = x->dwords + x->dseq, dy = y->dwords + y->dseq;
	if (dx != dy)   /* the same text in two documents: the one the message covers more of */
		return (dx < dy) - (dx > dy);
	return (x->bits < y->bits) - (x->bits > y->bits);
}

/*
 * Two forwards pasted into one message: the best match on a stretch of
 * its own (overlapping the best's by less than half) is moved up beside
 * the best. Returns 1 when there is one.
 */
int second_forward(struct match *pool, size_t np)
{
	const struct match *b = &pool[0];
	for (size_t i = 1; i < np; i++) {
		const struct match *c = &pool[i];
		if (c->score < T_MATCH)
			break;
		size_t lo = c->from > b->from ? c->from : b->from, hi = c->to < b->to ? c->to : b->to;
		size_t overlap = hi > lo ? hi - lo : 0;
		if (FORWARD_APART * overlap >= c->to - c->from)
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
void widest_first(struct match *pool, size_t np)
{
	for (size_t i = 1; i < np && pool[i].score >= T_MATCH; i++) {
		const struct match *b = &pool[0], *c = &pool[i];
		if (c->from <= b->from && c->to >= b->to && WIDER_BY * (b->to - b->from) <= c->to - c->from &&
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
size_t rank(struct matcher *m, struct message *msg, const struct look *lk, struct match *pool,
	    const struct match *seen, size_t nseen)
{
	size_t np = candidates(m, msg, lk, pool);
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
			score(m, msg, blob, nb, &pool[i]);
	}
	qsort(pool, np, sizeof *pool, by_score);
	return np;
}

