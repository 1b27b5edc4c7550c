/*
 * match.c: the matcher's ladder. matcher_check() takes a message through
 * the stages in order, each in a file of its own behind match_int.h:
 *
 *   1. its words (match_query.c), their document counts and weights;
 *   2. candidates from the rarest words' posting lists (match_cand.c),
 *      each scored by the evidence of its best stretch beyond chance
 *      (match_score.c, with match_cooc.c for what a word says after the
 *      one before it), best first;
 *   3. when that found nothing close, a wider look, and a line looked up
 *      alone (match_look.c); when it found something near, typing errors
 *      mended against it (match_typo.c);
 *   4. when it found a match, the ordering rules and a second forward
 *      looked for past it (match_score.c, match_look.c);
 *   5. the matches kept, their fields and snippets (match_snippet.c), and
 *      the verdict (verdict.c).
 *
 * Every tuned number is in tuning.h.
 */
#include "match_int.h"

#include <stdlib.h>
#include <string.h>

#include "normalize.h"
#include "store.h"
#include "store_read.h"

void matcher_batch(struct matcher *m, int on)
{
	if (m->batch)
		doc_reader_hold(m->rd, 0);
	m->batch = 0;
	if (on && doc_reader_hold(m->rd, 1) == 0)
		m->batch = BATCH_RENEW;
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
	free(m->acc);
	free(m->accidx);
	free(m->everyday);
	message_free(&m->msg);
	message_free(&m->mended);
	free(m);
}

/*
 * The candidates of the message: the first look, a wider one when it
 * found a candidate related but not a match, a line alone when nothing
 * close, typing errors mended when something near. Returns the pool's size.
 */
static size_t find(struct matcher *m, struct message *msg, const char *text, size_t len, struct match *pool)
{
	struct look first = { msg->rare, msg->nrare, POSTINGS_CAP, MIN_TERMS, POOL };
	size_t np = rank(m, msg, &first, pool, NULL, 0);
	if (np && pool[0].score < T_MATCH && msg->nrare > MIN_TERMS && pool[0].share >= WIDE_SHARE) {
		struct match seen[POOL];
		memcpy(seen, pool, np * sizeof *pool);
		struct look wide = { msg->rare, msg->nrare, WIDE_POSTINGS_CAP, WIDE_MIN_TERMS, POOL };
		np = rank(m, msg, &wide, pool, seen, np);
	}
	if (!np || pool[0].score < T_SIMILAR)
		np = look_by_line(m, msg, text, len, pool, np, 0, 0);
	if (np && pool[0].share >= FUZZY_FLOOR && pool[0].score < T_MATCH)
		correct_typos(m, msg, pool, np);
	return np;
}

/*
 * A match's order decided (widest first), and a second forward beside it,
 * looked for past it when the pool holds none. Returns 1 when there is
 * one; *np is the pool's size.
 */
static int order_matches(struct matcher *m, struct message *msg, const char *text, size_t len, struct match *pool,
			 size_t *np)
{
	widest_first(pool, *np);
	if (second_forward(pool, *np))
		return 1;
	/* the look past it sorts the pool again: its order is decided again */
	*np = look_past_best(m, msg, text, len, pool, *np);
	widest_first(pool, *np);
	return second_forward(pool, *np);
}

static char *dup_or_null(const char *t)
{
	return t ? xstrdup(t) : NULL;
}

/*
 * Match c's fields from the store, its span in the message and its
 * snippet when asked; for the best (best_text set), its title and text.
 */
static void fill_match(struct matcher *m, struct message *msg, struct match *c, const struct match_opts *o,
		       char **best_text)
{
	if (c->to > c->from && c->to <= msg->nq) {
		c->start = msg->q[c->from].start;
		c->end = msg->q[c->to - 1].end;
	}
	c->is_match = c->score >= T_MATCH;
	c->is_similar = c->score >= T_SIMILAR;
	struct doc_fields f;
	if (!doc_reader_fields(m->rd, c->n, &f))
		return;
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
	if (o->snippets && c->is_similar)
		snippet(m, msg, c, body, body_is_title);
	if (best_text) {
		struct strbuf all = STRBUF_INIT;
		sb_puts(&all, c->title ? c->title : "");   /* bodies are long: no printf */
		sb_putc(&all, ' ');
		sb_puts(&all, body);
		*best_text = sb_detach(&all);
	}
}

int matcher_check(struct matcher *m, const char *text, size_t len,
		const struct match_opts *o, struct result *r)
{
	struct message *msg = &m->msg;
	memset(r, 0, sizeof *r);
	r->show_at = T_SIMILAR;
	if (m->batch && --m->batch == 0)
		matcher_batch(m, 1);
	if (m->nsampled > COND_CACHE_WORDS)
		samplecache_clear(m);
	read_message(m, msg, text, len);
	if (msg->truncated)
		add_note(r, NOTE_LONG, NULL, NULL);
	split_unknown(m, msg);
	r->ntokens = msg->nq;
	prepare_message(m, msg);
	if (!msg->nrare)
		return 0;   /* no word any document holds */
	struct match pool[POOL];
	size_t np = find(m, msg, text, len, pool);
	int second = np && pool[0].score >= T_MATCH && order_matches(m, msg, text, len, pool, &np);
	size_t keep = np < (size_t)o->topn ? np : (size_t)o->topn;
	if (keep == 0 && np)
		keep = 1;   /* the verdict needs the best one */
	if (second && keep < 2)
		keep = 2;   /* ... and a second forward is half the answer */
	r->m = xcalloc(keep ? keep : 1, sizeof *r->m);
	char *best_text = NULL;
	for (size_t i = 0; i < keep; i++) {
		r->m[r->nm] = pool[i];
		fill_match(m, msg, &r->m[r->nm++], o, i == 0 ? &best_text : NULL);
	}
	decide_verdict(m, msg, text, len, best_text, second, r);
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
