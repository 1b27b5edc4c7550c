/*
 * fuzz_text.c: libFuzzer target for the text pipeline: text_scan() words,
 * norm_text() tokens under every option, and utf8_sanitize(). Checks that
 * every word and token is non-empty, valid UTF-8 without NUL bytes, and
 * spans bytes inside the input.
 */
#include "fuzz.h"
#include "normalize.h"
#include "text.h"
#include "util.h"

struct span_check {
	size_t n;       /* input length */
	long warnings;  /* bad-UTF-8 reports */
	long last_line; /* line of the last report: reported once per line, in order */
};

static int on_word(void *ctx, const struct word *w)
{
	struct span_check *c = ctx;
	FUZZ_ASSERT(w->text && w->len > 0 && strlen(w->text) == w->len);
	FUZZ_ASSERT(fuzz_utf8_valid(w->text, w->len));
	FUZZ_ASSERT(w->start <= w->end && w->end <= c->n);
	FUZZ_ASSERT(w->kind >= WORD_PLAIN && w->kind <= WORD_PHONE);
	return 0;
}

static int on_token(void *ctx, const struct token *t)
{
	struct span_check *c = ctx;
	FUZZ_ASSERT(t->text && t->len > 0 && memchr(t->text, '\0', t->len) == NULL);
	FUZZ_ASSERT(fuzz_utf8_valid(t->text, t->len));
	FUZZ_ASSERT(t->start <= t->end && t->end <= c->n);
	FUZZ_ASSERT(!t->word || fuzz_utf8_valid(t->word, t->wlen));
	return 0;
}

static void on_warn(void *ctx, long line, unsigned char byte)
{
	struct span_check *c = ctx;
	(void)byte;
	FUZZ_ASSERT(line >= 1 && line > c->last_line);
	c->last_line = line;
	c->warnings++;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	struct span_check c = { size, 0, 0 };
	text_scan(s, size, on_word, &c, on_warn, &c);
	long warned = c.warnings;

	static const unsigned opts[] = { 0, NORM_STEM, NORM_STEM | NORM_KEEP_STOP };
	static struct pipeline *pl;   /* one for the whole run, its memo kept from input to input */
	if (!pl)
		pl = pipeline_new();
	for (size_t i = 0; i < sizeof opts / sizeof *opts; i++) {
		struct span_check t = { size, 0, 0 };
		norm_text(pl, s, size, opts[i], on_token, &t, on_warn, &t);
		FUZZ_ASSERT(t.warnings == warned);
	}

	struct strbuf out = STRBUF_INIT;
	size_t bad = utf8_sanitize(s, size, &out);
	FUZZ_ASSERT(out.buf && strlen(out.buf) == out.len);
	FUZZ_ASSERT(fuzz_utf8_valid(out.buf, out.len));
	FUZZ_ASSERT((bad == 0) == fuzz_utf8_valid(s, size));
	sb_release(&out);
	return 0;
}
