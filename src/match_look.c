/*
 * match_look.c: further looks for candidates, past the first.
 *
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
#include "match_int.h"

#include <stdlib.h>
#include <string.h>

/* Is the message's word i one some document holds, and not a chat word? */
static int is_known(const struct message *msg, size_t i)
{
	const struct slot *t = &msg->terms_set[msg->qterm[i]];
	return t->df > 0 && !says_little(&msg->q[i], t);
}

/*
 * The message's words in [from, to) but not in [skip_from, skip_to)
 * looked up on their own, when that reads a term the first look did not:
 * their LINE_POOL best candidates join the pool, best first. Returns the
 * pool's new size.
 */
static size_t look_within(struct matcher *m, struct message *msg, struct match *pool, size_t np, size_t from,
			  size_t to, size_t skip_from, size_t skip_to)
{
	const struct rare *all = msg->rare;
	size_t nall = msg->nrare, n = 0;
	struct look first = { all, nall, POSTINGS_CAP, MIN_TERMS, POOL };
	size_t read = terms_to_read(&first);
	struct rare *own = xcalloc(nall, sizeof *own);   /* the words of the look, rarest first */
	size_t *was = xcalloc(nall, sizeof *was);
	for (size_t r = 0; r < nall; r++)
		for (size_t i = from; i < to; i++)
			if ((i < skip_from || i >= skip_to) && msg->q[i].h == all[r].h) {
				was[n] = r;
				own[n++] = all[r];
				break;
			}
	struct look lk = { own, n, POSTINGS_CAP, MIN_TERMS, LINE_POOL };
	size_t nk = terms_to_read(&lk), new_terms = 0;
	for (size_t i = 0; i < nk; i++)
		new_terms += was[i] >= read;
	if (new_terms) {
		struct match both[POOL + LINE_POOL];
		memcpy(both, pool, np * sizeof *pool);
		size_t nb = np + rank(m, msg, &lk, both + np, pool, np);
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
	free(own);
	free(was);
	return np;
}

/*
 * A message of several lines: its LINE_LOOKS longest lines of known words
 * (outside [skip_from, skip_to)) looked up on their own (look_within()).
 */
size_t look_by_line(struct matcher *m, struct message *msg, const char *text, size_t len, struct match *pool,
		    size_t np, size_t skip_from, size_t skip_to)
{
	struct { size_t from, to, known; } line[LINE_LOOKS + 1];
	size_t nl = 0, lines = 0;
	for (size_t i = 0; i < msg->nq;) {
		size_t j = i, known = 0;
		const char *nl_at = memchr(text + msg->q[i].start, '\n', len - msg->q[i].start);
		size_t end = nl_at ? (size_t)(nl_at - text) : len;
		while (j < msg->nq && msg->q[j].start < end) {
			known += (j < skip_from || j >= skip_to) && is_known(msg, j);
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
		np = look_within(m, msg, pool, np, line[l].from, line[l].to, skip_from, skip_to);
	return np;
}

/*
 * Two forwards in one message: the second's rare words may be left unread
 * when the first's spent the budget. When as many known words as a
 * forward needs (STRETCH_MIN) lie outside the best match's stretch, the
 * longest line of them is looked up on its own (look_by_line()).
 */
size_t look_past_best(struct matcher *m, struct message *msg, const char *text, size_t len, struct match *pool,
		      size_t np)
{
	size_t known = 0;
	for (size_t i = 0; i < msg->nq; i++)
		known += (i < pool[0].from || i >= pool[0].to) && is_known(msg, i);
	return known < STRETCH_MIN ? np : look_by_line(m, msg, text, len, pool, np, pool[0].from, pool[0].to);
}

