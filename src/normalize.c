/* normalize.c: informal Indonesian to canonical tokens. */
#include "normalize.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "hmap.h"
#include "stem.h"
#include "tables.h"
#include "util.h"

/*
 * The tables: built from the compiled-in data once a process (the first
 * pipeline_new()), read-only after, so every pipeline on every thread
 * reads them without a lock. They live as long as the process.
 */
static pthread_once_t tables_once = PTHREAD_ONCE_INIT;
static struct hmap slang = HMAP_INIT;      /* informal -> owned formal (may be several words) */
static struct hmap stopwords = HMAP_INIT;  /* set */
static struct hmap keep_in = HMAP_INIT;    /* words whose final -in is not the colloquial suffix */

/*
 * Memo: a plain word's tokens depend only on the word and the options, so
 * each distinct word is worked out once and replayed after. A record is
 * a run of [flags][text length, 2 bytes][word length, 2 bytes][text][word].
 *
 * It is looked up for every word, so it is laid out for the cache: the
 * entries [key length, 2 bytes][record length, 2 bytes][key][record] sit
 * one after the other in an arena, and the table holds only a hash and an
 * offset per slot (1 MiB, at most a third full). A hit reads a slot and
 * one entry; nothing is allocated per word. Longer words are not kept.
 * The table starts small (a check of one message touches little memory)
 * and doubles while it would be more than a third full.
 */
#define MEMO_MAX HMAP_CACHE_MAX   /* entries before the memo starts over */
#define MEMO_SLOTS 131072         /* most slots: a power of two, over twice MEMO_MAX */
#define MEMO_WORD 200             /* longest key kept */

struct memo_slot {
	uint32_t hash;
	uint32_t at;   /* the entry's offset in the arena + 1; 0: empty */
};

/* A pipeline: what is worked out as it runs, its owner's alone (see normalize.h). */
struct pipeline {
	struct memo_slot *memo_slots;   /* owned */
	size_t memo_cap;                /* slots, a power of two */
	struct strbuf memo_arena;
	struct strbuf memo_made;        /* the record being made */
	size_t memo_len;
	struct stemmer *stem;           /* owned */
};

static void memo_clear(struct pipeline *pl)
{
	if (pl->memo_slots)
		memset(pl->memo_slots, 0, pl->memo_cap * sizeof *pl->memo_slots);
	sb_reset(&pl->memo_arena);
	pl->memo_len = 0;
}

static uint32_t memo_hash(const char *key, size_t klen)
{
	uint64_t h = hash64(key, klen);
	return (uint32_t)(h ^ (h >> 32));
}

/* The record kept for key, its length in *n; NULL when there is none. */
static const unsigned char *memo_get(const struct pipeline *pl, const char *key, size_t klen, uint32_t h, size_t *n)
{
	const struct memo_slot *v = pl->memo_slots;
	size_t mask = pl->memo_cap - 1;
	for (size_t i = h & mask; v && v[i].at; i = (i + 1) & mask) {
		if (v[i].hash != h)
			continue;
		const unsigned char *e = (const unsigned char *)pl->memo_arena.buf + v[i].at - 1;
		if (((size_t)e[0] << 8 | e[1]) == klen && !memcmp(e + 4, key, klen)) {
			*n = (size_t)e[2] << 8 | e[3];
			return e + 4 + klen;
		}
	}
	return NULL;
}

/* The empty slot where hash h goes in v (cap slots, a power of two, never full). */
static struct memo_slot *free_slot(struct memo_slot *v, size_t cap, uint32_t h)
{
	size_t i = h & (cap - 1);
	while (v[i].at)
		i = (i + 1) & (cap - 1);
	return &v[i];
}

/* Keep rec for key (not there yet), unless either is too long. */
static void memo_put(struct pipeline *pl, const char *key, size_t klen, uint32_t h, const struct strbuf *rec)
{
	if (klen > MEMO_WORD || rec->len > 0xffff)
		return;
	if (pl->memo_len >= MEMO_MAX || pl->memo_arena.len > (1u << 30))
		memo_clear(pl);
	if (!pl->memo_slots || ((pl->memo_len + 1) * 3 > pl->memo_cap && pl->memo_cap < MEMO_SLOTS)) {
		size_t ncap = pl->memo_slots ? pl->memo_cap * 2 : 4096;
		struct memo_slot *old = pl->memo_slots, *v = xcalloc(ncap, sizeof *v);
		for (size_t k = 0; old && k < pl->memo_cap; k++)
			if (old[k].at)
				*free_slot(v, ncap, old[k].hash) = old[k];
		free(old);
		pl->memo_slots = v;
		pl->memo_cap = ncap;
	}
	*free_slot(pl->memo_slots, pl->memo_cap, h) = (struct memo_slot){ h, (uint32_t)pl->memo_arena.len + 1 };
	unsigned char head[4] = { (unsigned char)(klen >> 8), (unsigned char)klen,
				  (unsigned char)(rec->len >> 8), (unsigned char)rec->len };
	sb_add(&pl->memo_arena, (const char *)head, 4);
	sb_add(&pl->memo_arena, key, klen);
	sb_add(&pl->memo_arena, rec->buf ? rec->buf : "", rec->len);
	pl->memo_len++;
}

static const char *const negations[] = {
	"tidak", "bukan", "belum", "jangan", "tak", "enggak", "tanpa",
};

static void load(void)
{
	stem_tables();
	table_load_pairs(data_slang, &slang);
	table_load_set(data_stopwords, &stopwords);
	table_load_set(data_stopwords_en, &stopwords);
	table_load_set(data_keep_in, &keep_in);
	for (size_t i = 0; i < sizeof negations / sizeof *negations; i++) {
		struct hmap_entry *e = hmap_get(&stopwords, negations[i], strlen(negations[i]));
		if (e)   /* a negation is never a stopword, whatever the table says */
			e->val.num = -1;
	}
}

struct pipeline *pipeline_new(void)
{
	pthread_once(&tables_once, load);
	struct pipeline *pl = xcalloc(1, sizeof *pl);
	pl->stem = stemmer_new();
	return pl;
}

const char *pipeline_stem(struct pipeline *pl, const char *w, size_t len, size_t *outlen)
{
	return stem_word(pl->stem, w, len, outlen);
}

void pipeline_free(struct pipeline *pl)
{
	if (!pl)
		return;
	free(pl->memo_slots);
	sb_release(&pl->memo_arena);
	sb_release(&pl->memo_made);
	stemmer_free(pl->stem);
	free(pl);
}

static int is_letter(int c) { return (c >= 'a' && c <= 'z') || c >= 0x80; }

static int leet_letter(int c)
{
	switch (c) {
	case '0': return 'o';
	case '1': return 'i';
	case '3': return 'e';
	case '4': return 'a';
	case '5': return 's';
	case '7': return 't';
	default: return 0;
	}
}

/*
 * Undo leetspeak and digit reduplication inside a word, in place:
 * "h0ax" -> "hoax", "p3m3r1nt4h" -> "pemerintah", "anak2" -> "anak",
 * "teman2nya" -> "temannya". Digits at either end (covid19) stay.
 */
static void undo_digits(struct strbuf *w)
{
	char *s = w->buf;
	size_t n = w->len, o = 0;
	for (size_t i = 0; i < n;) {
		if (!ascii_digit((unsigned char)s[i])) {
			s[o++] = s[i++];
			continue;
		}
		size_t j = i;
		while (j < n && ascii_digit((unsigned char)s[j]))
			j++;
		int before = o >= 2 && is_letter((unsigned char)s[o - 1]) && is_letter((unsigned char)s[o - 2]);
		int after = j < n && is_letter((unsigned char)s[j]);
		if (j - i == 1 && s[i] == '2' && before &&
		    (j == n || (n - j <= 3 && (!strncmp(s + j, "nya", n - j) || !strncmp(s + j, "an", n - j) ||
						!strncmp(s + j, "mu", n - j) || !strncmp(s + j, "ku", n - j))))) {
			i = j;        /* reduplication: drop the 2 */
			continue;
		}
		int leet = o > 0 && is_letter((unsigned char)s[o - 1]) && after;
		for (size_t k = i; leet && k < j; k++)
			if (!leet_letter((unsigned char)s[k]))
				leet = 0;
		for (size_t k = i; k < j; k++)
			s[o++] = leet ? (char)leet_letter((unsigned char)s[k]) : s[k];
		i = j;
	}
	w->len = o;
	s[o] = '\0';
}

/* Collapse runs of 3 or more equal letters to maxrun: "bangeeet" -> "banget". */
static void collapse_runs(const char *s, size_t n, size_t maxrun, struct strbuf *out)
{
	sb_reset(out);
	for (size_t i = 0; i < n;) {
		size_t j = i + 1;
		while (j < n && s[j] == s[i])
			j++;
		size_t run = j - i;
		if (run >= 3 && s[i] >= 'a' && s[i] <= 'z')
			run = maxrun;
		for (size_t k = 0; k < run; k++)
			sb_putc(out, s[i]);
		i = j;
	}
}

struct pipe {
	struct pipeline *pl;  /* borrowed */
	unsigned opts;
	token_fn fn;
	void *ctx;
	int stop;
	struct strbuf word;   /* word being normalized */
	struct strbuf alt;    /* scratch */
	struct strbuf key;    /* memo key: options byte + raw word */
	struct strbuf *rec;   /* recording tokens for the memo, or NULL */
};

/* Hand a token to the caller, or to the record being made. */
static void deliver(struct pipe *p, const struct token *t)
{
	if (p->rec) {
		if (t->len > 0xffff || t->wlen > 0xffff)
			return;   /* a word that long is noise */
		unsigned char head[5] = { (unsigned char)t->flags, (unsigned char)(t->len >> 8),
					  (unsigned char)t->len, (unsigned char)(t->wlen >> 8),
					  (unsigned char)t->wlen };
		sb_add(p->rec, (const char *)head, 5);
		sb_add(p->rec, t->text, t->len);
		sb_add(p->rec, t->word, t->wlen);
		return;
	}
	if (p->fn(p->ctx, t))
		p->stop = 1;
}

static void replay(struct pipe *p, const unsigned char *r, size_t n, const struct word *src)
{
	if (!r)
		return;   /* nothing recorded (NULL + 0 is undefined) */
	const unsigned char *end = r + n;
	while (r + 5 <= end && !p->stop) {
		size_t tl = (size_t)r[1] << 8 | r[2], wl = (size_t)r[3] << 8 | r[4];
		struct token t = { (const char *)r + 5, tl, (const char *)r + 5 + tl, wl,
				   src->start, src->end, r[0] };
		if (p->fn(p->ctx, &t))
			p->stop = 1;
		r += 5 + tl + wl;
	}
}

/* Emit one canonical word (after slang): flag, stem, call back. */
static void out_word(struct pipe *p, const char *w, size_t len, const struct word *src, unsigned flags)
{
	if (p->stop || !len)
		return;
	struct hmap_entry *sw = hmap_get(&stopwords, w, len);
	if (sw && sw->val.num != -1)
		flags |= TF_STOP;
	for (size_t i = 0; i < sizeof negations / sizeof *negations; i++)
		if (strlen(negations[i]) == len && !memcmp(negations[i], w, len))
			flags |= TF_NEG;
	if ((p->opts & NORM_STEM) && (flags & TF_STOP) && !(p->opts & NORM_KEEP_STOP))
		return;
	struct token t = { w, len, w, len, src->start, src->end, flags };
	if ((p->opts & NORM_STEM) && !(flags & (TF_NUMBER | TF_URL | TF_PLACE | TF_STOP)))
		t.text = stem_word(p->pl->stem, w, len, &t.len);
	deliver(p, &t);
}

/* Look up w in the slang table; emit its expansion and return 1 if found. */
static int out_slang(struct pipe *p, const char *w, size_t len, const struct word *src)
{
	struct hmap_entry *e = hmap_get(&slang, w, len);
	if (!e)
		return 0;
	const char *v = e->val.ptr;
	while (*v) {
		const char *sp = strchr(v, ' ');
		size_t l = sp ? (size_t)(sp - v) : strlen(v);
		out_word(p, v, l, src, 0);
		v += l;
		while (*v == ' ')
			v++;
	}
	return 1;
}

/* Does s hold three equal letters in a row? */
static int has_run3(const char *s, size_t n)
{
	for (size_t i = 2; i < n; i++)
		if (s[i] == s[i - 1] && s[i] == s[i - 2] && s[i] >= 'a' && s[i] <= 'z')
			return 1;
	return 0;
}

static int known(const char *w, size_t len)
{
	return hmap_get(&slang, w, len) || hmap_get(&stopwords, w, len) ||
	       hmap_get(&keep_in, w, len) || stem_is_exception(w, len);
}

static void plain_word(struct pipe *p, const struct word *w);

static int on_word(void *ctx, const struct word *w)
{
	struct pipe *p = ctx;
	switch (w->kind) {
	case WORD_NUMBER:
		out_word(p, w->text, w->len, w, TF_NUMBER);
		return p->stop;
	case WORD_URL:
		out_word(p, w->text, w->len, w, TF_URL);
		return p->stop;
	case WORD_EMAIL:
	case WORD_PHONE:
		out_word(p, w->text, w->len, w, TF_PLACE);
		return p->stop;
	case WORD_PLAIN:
		break;
	}
	sb_reset(&p->key);
	sb_putc(&p->key, (char)p->opts);
	sb_add(&p->key, w->text, w->len);
	uint32_t h = memo_hash(p->key.buf, p->key.len);
	size_t n = 0;
	struct pipeline *pl = p->pl;
	const unsigned char *rec = memo_get(pl, p->key.buf, p->key.len, h, &n);
	if (!rec) {
		sb_reset(&pl->memo_made);
		p->rec = &pl->memo_made;
		plain_word(p, w);
		p->rec = NULL;
		memo_put(pl, p->key.buf, p->key.len, h, &pl->memo_made);
		rec = (const unsigned char *)pl->memo_made.buf;
		n = pl->memo_made.len;
	}
	replay(p, rec, n, w);
	return p->stop;
}

/* A plain word through leetspeak, reduplication, elongation, slang, nge-, -in. */
static void plain_word(struct pipe *p, const struct word *w)
{
	sb_reset(&p->word);
	sb_add(&p->word, w->text, w->len);
	if (strpbrk(p->word.buf, "0123456789"))
		undo_digits(&p->word);
	if (!p->word.len)
		return;
	/* elongation: prefer a doubled letter when that is a known word */
	if (has_run3(p->word.buf, p->word.len)) {
		collapse_runs(p->word.buf, p->word.len, 2, &p->alt);
		if (!known(p->alt.buf, p->alt.len))
			collapse_runs(p->word.buf, p->word.len, 1, &p->alt);
		sb_reset(&p->word);
		sb_add(&p->word, p->alt.buf, p->alt.len);
	}
	char *s = p->word.buf;
	size_t n = p->word.len;
	if (out_slang(p, s, n, w))
		return;
	/* colloquial nge- prefix: ngebantu -> bantu, ngecek -> cek */
	if (n >= 6 && !strncmp(s, "nge", 3) && !known(s, n)) {
		s += 3;
		n -= 3;
		if (out_slang(p, s, n, w))
			return;
	}
	/* colloquial -in suffix: sebarin -> sebarkan, beliin -> belikan */
	if (n >= 5 && s[n - 2] == 'i' && s[n - 1] == 'n' && !known(s, n)) {
		sb_reset(&p->alt);
		sb_add(&p->alt, s, n - 2);
		sb_puts(&p->alt, "kan");
		out_word(p, p->alt.buf, p->alt.len, w, 0);
		return;
	}
	out_word(p, s, n, w, 0);
}

void norm_text(struct pipeline *pl, const char *s, size_t n, unsigned opts, token_fn fn, void *ctx,
		utf8_warn_fn warn, void *wctx)
{
	struct pipe p = { pl, opts, fn, ctx, 0, STRBUF_INIT, STRBUF_INIT, STRBUF_INIT, NULL };
	sb_add(&p.word, "", 0);
	sb_add(&p.alt, "", 0);
	text_scan(s, n, on_word, &p, warn, wctx);
	sb_release(&p.word);
	sb_release(&p.alt);
	sb_release(&p.key);
}
