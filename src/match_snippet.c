/*
 * match_snippet.c: the passage of a document shown with a match, and
 * where the message's words stand in it (the renderers mark them).
 */
#include "match_int.h"

#include <stdlib.h>
#include <string.h>

#include "normalize.h"
#include "store_terms.h"
#include "store_read.h"

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
void snippet(struct matcher *m, struct message *msg, struct match *c, const char *text, int text_is_title)
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
				words[nw++] = message_term(msg, h) != NULL;
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

