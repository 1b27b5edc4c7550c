/*
 * verdict.c: the verdict, the matcher's last stage. The best match's
 * score decides whether there is one (T_MATCH, T_SIMILAR), its label
 * which; then each rule of rules[] below may change it or add a note:
 * numbers or dates that differ from an official release make it
 * "altered", a second forward that is a known hoax makes the message one,
 * and a message that negates what the document says is noted.
 *
 * Adding a verdict rule: write one function taking struct verdict_case,
 * and add it to rules[] where it belongs in the order.
 */
#include "match_int.h"

#include <stdlib.h>
#include <string.h>

#include "normalize.h"
#include "quantity.h"
#include "store_terms.h"
#include "store_read.h"

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

int note_is_change(const struct note *n)
{
	return n->kind == NOTE_NUMBERS || n->kind == NOTE_DATES || n->kind == NOTE_TIMES;
}

void add_note(struct result *r, enum note_kind kind, const char *said, const char *release)
{
	xgrow((void **)&r->notes, &r->capnotes, r->nnotes + 1, sizeof *r->notes);
	struct note *n = &r->notes[r->nnotes++];
	n->kind = kind;
	n->said = said ? xstrdup(said) : NULL;
	n->release = release ? xstrdup(release) : NULL;
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
static int negates(struct matcher *m, const struct message *msg, const char *text, size_t len, const struct match *c)
{
	int found = 0;
	/* the lines of its stretch ("Tidak benar bahwa" before the quote), not a second forward's */
	size_t lo = 0, hi = msg->nq;
	if (c->to > c->from) {
		size_t from = c->start, to = c->end;
		widen_to_lines(text, len, &from, &to);
		while (lo < msg->nq && msg->q[lo].start < from)
			lo++;
		for (hi = lo; hi < msg->nq && msg->q[hi].end <= to;)
			hi++;
	}
	const unsigned char *blob;
	size_t nb;
	if (doc_reader_terms(m->rd, c->n, &blob, &nb)) {
		for (size_t i = lo; i < hi && !found; i++) {
			if (!(msg->q[i].flags & TF_NEG))
				continue;
			uint32_t next = i + 1 < msg->nq ? msg->q[i + 1].h : 0;
			int in_doc = 0;
			for (size_t j = 0; j + 4 <= nb && !in_doc; j += 4)
				in_doc = terms_at(blob, j / 4) == msg->q[i].h &&
					 (!next || (j + 8 <= nb && terms_at(blob, j / 4 + 1) == next));
			found = !in_doc;
		}
	}
	return found;
}


/* What the rules see: the message, its best match's text, and the result so far. */
struct verdict_case {
	struct matcher *m;
	const struct message *msg;
	const char *text;        /* the message */
	size_t len;
	const char *best_text;   /* the best match's title and text, or NULL */
	int second;              /* r->m[1] is a second forward (second_forward()) */
	struct result *r;        /* r->m[0] is the best match */
};

/* The best match's score and label: hoax, official or similar (the label of a match that is not official: hoax). */
static void by_score_and_label(struct verdict_case *v)
{
	const struct match *b = &v->r->m[0];
	if (b->score >= T_MATCH)
		v->r->verdict = b->label && !strcmp(b->label, "official") ? V_OFFICIAL : V_HOAX;
	else if (b->score >= T_SIMILAR)
		v->r->verdict = V_SIMILAR;
}

/* An official release whose numbers, dates or times the message's matched lines change: altered. */
static void altered_release(struct verdict_case *v)
{
	const struct match *b = &v->r->m[0];
	if (v->r->verdict == V_OFFICIAL && v->best_text &&
	    check_quantities(v->text, v->len, b->start, b->end > b->start ? b->end : v->len, v->best_text, v->r))
		v->r->verdict = V_ALTERED;
}

/* A second forward that is a known hoax makes the message one. */
static void second_forward_hoax(struct verdict_case *v)
{
	const struct result *r = v->r;
	if (v->second && r->nm > 1 && r->verdict == V_OFFICIAL && r->m[1].label && strcmp(r->m[1].label, "official"))
		v->r->verdict = V_HOAX;
}

/* A message that negates what its match says ("tidak benar bahwa ..."): noted. */
static void negation(struct verdict_case *v)
{
	if (v->r->verdict != V_UNKNOWN && negates(v->m, v->msg, v->text, v->len, &v->r->m[0]))
		add_note(v->r, NOTE_NEGATION, NULL, NULL);
}

/* The rules, in the order they are applied. */
static void (*const rules[])(struct verdict_case *) = {
	by_score_and_label,
	altered_release,
	second_forward_hoax,
	negation,
};

/* r's verdict and notes from its matches (r->m, best first); best_text is the best's title and text. */
void decide_verdict(struct matcher *m, struct message *msg, const char *text, size_t len, const char *best_text,
		    int second, struct result *r)
{
	if (!r->nm)
		return;
	r->score = r->m[0].score;
	struct verdict_case v = { m, msg, text, len, best_text, second, r };
	for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++)
		rules[i](&v);
}
