/*
 * match_typo.c: typing errors mended against the near candidates. When
 * the best candidates are close but not a match, the message's rare words
 * are compared with each candidate's own terms; a term one edit away is
 * taken for the word, and the candidate scored again on a mended copy of
 * the message (the message itself is left as it was).
 */
#include "match_int.h"

#include <stdlib.h>
#include <string.h>

#include "normalize.h"
#include "store_terms.h"
#include "store_read.h"

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
void correct_typos(struct matcher *m, struct message *msg, struct match *pool, size_t np)
{
	size_t suspect[FUZZY_WORDS], nu = 0;   /* the words that may be typing errors */
	unsigned char in_gap[FUZZY_WORDS];      /* ... only between the same two words as in the candidate */
	for (size_t i = 0; i < msg->nq && nu < FUZZY_WORDS; i++) {
		const char *t = msg->texts.buf + msg->q[i].text;
		size_t tl = strlen(t);
		if ((msg->q[i].flags & (TF_NUMBER | TF_URL | TF_PLACE)) || tl < FUZZY_SHORT || tl >= 63)
			continue;
		int rare = doc_freq(m, t, tl) * FUZZY_RARE <= m->ndocs;
		if (rare || (msg->nterms < ADJACENT_MSG && i > 0 && i + 1 < msg->nq)) {
			in_gap[nu] = !rare;
			suspect[nu++] = i;
		}
	}
	if (!nu)
		return;
	struct message *fixed = &m->mended;   /* the message with this candidate's mends */
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
		message_copy(fixed, msg);
		int changed = 0;
		for (size_t k = 0; k < nu; k++) {
			struct qtok *q = &fixed->q[suspect[k]];
			char fix[64];
			const char *t = fixed->texts.buf + q->text, *w = fixed->texts.buf + q->word;
			if (term_in(t, strlen(t), &d, fix))
				continue;   /* the document holds it: no typing error */
			size_t fl = one_edit_in(t, strlen(t), NULL, &d, fix);
			if (!fl && strcmp(t, w) && strlen(w) < 63)   /* the stem was no help: the word as written */
				fl = one_edit_in(w, strlen(w), m->pl, &d, fix);
			if (fl && in_gap[k] && !in_run(blob, nb, q[-1].h, term_hash(fix, fl), q[1].h))
				fl = 0;   /* a common word is mended only where the document has it between the two */
			if (fl) {
				q->h = term_hash(fix, fl);
				q->text = fixed->texts.len;
				sb_add(&fixed->texts, fix, fl + 1);
				changed = 1;
			}
		}
		if (!changed)
			continue;
		touched = 1;
		prepare_message(m, fixed);
		struct match again = pool[c];
		if (doc_reader_terms(m->rd, again.n, &blob, &nb))
			score(m, fixed, blob, nb, &again);
		if (again.score > pool[c].score)
			pool[c] = again;
	}
	if (touched)
		qsort(pool, np, sizeof *pool, by_score);
	free(d.v);
}

