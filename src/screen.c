/*
 * screen.c: the chat screening engine shared by scan and serve: captions,
 * minimum length, deduplication of forwards, counts per verdict and day.
 */
#include "screen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "anon.h"
#include "normalize.h"
#include "note.h"
#include "util.h"

#define SEEN_MAX HMAP_CACHE_MAX   /* distinct messages remembered for deduplication */
#define EXCERPT 160        /* bytes of text kept for the summary */
#define LEAD_WORDS 20      /* an unknown message passed on this long may be a chain message */

struct fingerprint {
	uint64_t h;
	long words;
};

static int fp_token(void *ctx, const struct token *t)
{
	struct fingerprint *f = ctx;
	f->words++;
	if (!(t->flags & TF_STOP)) {
		f->h ^= hash64(t->text, t->len) + 0x9e3779b97f4a7c15ULL + (f->h << 6) + (f->h >> 2);
	}
	return 0;
}

static void sighting_free(struct sighting *s)
{
	free(s->excerpt);
	for (size_t i = 0; i < s->nchange; i++) {
		free(s->change[i].said);
		free(s->change[i].release);
	}
	free(s->change);
	free(s);
}

static void free_all(struct hmap *m)
{
	for (struct hmap_entry *e = hmap_next(m, NULL); e; e = hmap_next(m, e))
		sighting_free(e->val.ptr);
	hmap_free(m);
}

/* Keep the table bounded: forget messages seen once, or everything if need be. */
static void prune(struct hmap *m)
{
	struct hmap keep = HMAP_INIT;
	for (struct hmap_entry *e = hmap_next(m, NULL); e; e = hmap_next(m, e)) {
		struct sighting *s = e->val.ptr;
		if (s->copies > 1 && keep.len < SEEN_MAX / 2)
			hmap_put(&keep, e->key, e->klen, NULL)->val.ptr = s;
		else
			sighting_free(s);
	}
	hmap_free(m);
	*m = keep;
}

static void add_sender(struct sighting *s, const char *sender, const char *time)
{
	uint32_t h = (uint32_t)hash64(sender, strlen(sender));
	int known = 0;
	for (int i = 0; i < s->nsenders && i < SENDERS_MAX; i++)
		if (s->senders[i] == h)
			known = 1;
	if (!known) {
		if (s->nsenders < SENDERS_MAX)
			s->senders[s->nsenders] = h;
		s->nsenders++;
	}
	s->copies++;
	if (time && *time) {
		if (!*s->first || strcmp(time, s->first) < 0)
			snprintf(s->first, sizeof s->first, "%s", time);
		if (!*s->last || strcmp(time, s->last) > 0)
			snprintf(s->last, sizeof s->last, "%s", time);
	}
}

static char *excerpt_of(const struct screening *sc, const char *text, size_t len)
{
	struct strbuf sb = STRBUF_INIT;
	if (sc->anonymize) {
		/* mask a prefix, long enough that what is kept of it is masked whole */
		for (size_t prefix = 4 * EXCERPT;; prefix *= 2) {
			size_t n = prefix < len ? prefix : len;
			while (n < len && n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80)
				n--;
			char *masked = anon_mask(text, n);
			size_t mlen = strlen(masked);
			if (n == len || mlen > EXCERPT + 256) {   /* a number's bytes (full-width, spaced) fit in 256 */
				sb_add(&sb, masked, mlen);
				free(masked);
				break;
			}
			free(masked);
		}
	} else {
		sb_add(&sb, text, len < EXCERPT + 4 ? len : EXCERPT + 4);
	}
	if (sb.len > EXCERPT) {
		size_t cut = EXCERPT;
		while (cut > 0 && ((unsigned char)sb.buf[cut] & 0xC0) == 0x80)
			cut--;
		sb.len = cut;
		sb_puts(&sb, "…");
	}
	for (size_t i = 0; i < sb.len; i++)
		if (sb.buf[i] == '\n' || sb.buf[i] == '\t' || sb.buf[i] == '\r')
			sb.buf[i] = ' ';
	return sb_detach(&sb);
}

/* Point s at the shared copy of its best match's id, label, title and link. */
static void set_doc(struct screening *sc, struct sighting *s, const struct match *b)
{
	if (!b->id)
		return;
	int isnew;
	struct hmap_entry *e = hmap_put(&sc->docs, b->id, strlen(b->id), &isnew);
	if (isnew) {
		char **f = xcalloc(4, sizeof *f);
		const char *v[4] = { b->id, b->label, b->title, b->url };
		for (int i = 0; i < 4; i++)
			f[i] = v[i] ? xstrdup(v[i]) : NULL;
		e->val.ptr = f;
	}
	char **f = e->val.ptr;
	s->match_id = f[0];
	s->label = f[1];
	s->title = f[2];
	s->url = f[3];
}

/* What an altered message changed: copies of those of its n notes on numbers, dates and times. */
static void set_change(struct sighting *s, const struct note *notes, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (!note_is_change(&notes[i]))
			continue;
		if (!s->change)
			s->change = xcalloc(n, sizeof *s->change);
		struct note *c = &s->change[s->nchange++];
		c->kind = notes[i].kind;
		c->said = notes[i].said ? xstrdup(notes[i].said) : NULL;
		c->release = notes[i].release ? xstrdup(notes[i].release) : NULL;
	}
}

/*
 * An unknown message is a lead when it was passed on more than once and is
 * as long as a forward: "Terima kasih Pak RT" five times over is a group
 * being polite, a 40-word warning sent twice may be a chain message.
 */
static int unknown_lead(const struct sighting *s)
{
	return s->verdict == V_UNKNOWN && s->copies > 1 && s->words >= LEAD_WORDS;
}

static struct sighting *new_sighting(struct screening *sc, const struct result *r)
{
	struct sighting *s = xcalloc(1, sizeof *s);
	s->verdict = r->verdict;
	s->score = r->score;
	if (r->nm)
		set_doc(sc, s, &r->m[0]);
	if (r->verdict == V_ALTERED)
		set_change(s, r->notes, r->nnotes);
	return s;
}

static const struct sighting *screen_text(struct screening *sc, const struct chat_msg *msg);

const struct sighting *screening_add(struct screening *sc, struct chat_msg *msg)
{
	sc->read++;
	const char *caption = msg->kind == CHAT_MEDIA ? memchr(msg->text, '\n', msg->text_len) : NULL;
	if (caption) {   /* a photo's caption can carry the hoax */
		caption++;
		msg->text_len -= (size_t)(caption - msg->text);
		msg->text = caption;
		msg->kind = CHAT_TEXT;
	}
	if (msg->kind != CHAT_TEXT) {
		sc->skipped_kind[msg->kind]++;
		return NULL;
	}
	return screen_text(sc, msg);
}

const struct sighting *screening_add_image(struct screening *sc, const struct chat_msg *msg)
{
	sc->images++;
	return screen_text(sc, msg);
}

/* Match a message's text (once per distinct text) and count it. */
static const struct sighting *screen_text(struct screening *sc, const struct chat_msg *msg)
{
	struct fingerprint fp = { 1469598103934665603ULL, 0 };
	norm_text(sc->pl, msg->text, msg->text_len, NORM_STEM | NORM_KEEP_STOP, fp_token, &fp, NULL, NULL);
	if (fp.words < sc->min_words) {
		sc->short_msgs++;
		return NULL;
	}
	sc->screened++;
	if (sc->seen.len >= SEEN_MAX)
		prune(&sc->seen);
	int isnew;
	struct hmap_entry *e = hmap_put(&sc->seen, (const char *)&fp.h, sizeof fp.h, &isnew);
	struct sighting *s = e->val.ptr;
	if (isnew) {
		struct match_opts o = { 1, 0 };
		struct result r;
		matcher_check(sc->m, msg->text, msg->text_len, &o, &r);
		s = e->val.ptr = new_sighting(sc, &r);
		s->words = fp.words;
		result_clear(&r);
	}
	add_sender(s, msg->sender, msg->time);
	/* the text is kept only for a lead: related documents, or forwarded */
	if (!s->excerpt && (s->verdict == V_SIMILAR || unknown_lead(s)))
		s->excerpt = excerpt_of(sc, msg->text, msg->text_len);
	sc->verdicts[s->verdict]++;
	if ((s->verdict == V_HOAX || s->verdict == V_ALTERED) && s->match_id) {
		struct strbuf key = STRBUF_INIT;   /* an altered release once per change, in JSON's English */
		char *change = notes_joined(s->change, s->nchange, 0);
		sb_printf(&key, "%s\n%s", s->match_id, change ? change : "");
		free(change);
		struct hmap_entry *h = hmap_put(&sc->hoaxes, key.buf, key.len, &isnew);
		sb_release(&key);
		if (isnew) {
			struct sighting *d = xcalloc(1, sizeof *d);
			d->verdict = s->verdict;
			d->score = s->score;
			d->match_id = s->match_id;
			d->label = s->label;
			d->title = s->title;
			d->url = s->url;
			set_change(d, s->change, s->nchange);
			h->val.ptr = d;
		}
		add_sender(h->val.ptr, msg->sender, msg->time);
		if (msg->time && strlen(msg->time) >= 10)
			hmap_put(&sc->days, msg->time, 10, NULL)->val.num++;
	}
	return s;
}

static int by_copies(const void *a, const void *b)
{
	const struct sighting *x = *(struct sighting *const *)a, *y = *(struct sighting *const *)b;
	if (x->copies != y->copies)
		return (x->copies < y->copies) - (x->copies > y->copies);
	return strcmp(x->first, y->first);
}

struct sighting **screening_ranked(const struct screening *sc, int documents, unsigned want, size_t *n)
{
	const struct hmap *m = documents ? &sc->hoaxes : &sc->seen;
	struct sighting **v = xmalloc((m->len + 1) * sizeof *v);
	*n = 0;
	for (struct hmap_entry *e = hmap_next(m, NULL); e; e = hmap_next(m, e)) {
		struct sighting *s = e->val.ptr;
		if (!(want & (1u << s->verdict)))
			continue;
		if (s->verdict == V_UNKNOWN && !unknown_lead(s))
			continue;   /* a single or short unknown message is no lead */
		v[(*n)++] = s;
	}
	qsort(v, *n, sizeof *v, by_copies);
	return v;
}


void screening_init(struct screening *sc, struct matcher *m, long min_words, int anonymize)
{
	memset(sc, 0, sizeof *sc);
	sc->m = m;
	sc->pl = pipeline_new();
	sc->min_words = min_words;
	sc->anonymize = anonymize;
}

void screening_free(struct screening *sc)
{
	pipeline_free(sc->pl);
	free_all(&sc->seen);
	free_all(&sc->hoaxes);
	hmap_free(&sc->days);
	for (struct hmap_entry *e = hmap_next(&sc->docs, NULL); e; e = hmap_next(&sc->docs, e)) {
		char **f = e->val.ptr;
		for (int k = 0; k < 4; k++)
			free(f[k]);
		free(f);
	}
	hmap_free(&sc->docs);
}
