/*
 * text.c: UTF-8 decoding, NFKC + case folding with utf8proc, and the split
 * of text into raw words (see text.h for the rules); the one UTF-8
 * validator, and the Windows-1252 and UTF-16 decoders import files need.
 *
 * The scanner walks the input once, left to right, folding one code point
 * at a time, so memory stays small whatever the input's size. Patterns
 * that are ASCII by nature (URLs, e-mail, phone numbers, digit separators)
 * are matched on the raw bytes.
 */
#include "i18n.h"
#include "text.h"

#include <stdint.h>
#include <string.h>
#include <utf8proc.h>

#include "util.h"

struct scan {
	const unsigned char *s;  /* input; borrowed */
	size_t n, p;             /* length, read position */
	long line;               /* 1-based line of position p */
	long warned;             /* last line reported for bad UTF-8 */
	word_fn fn;
	void *ctx;
	utf8_warn_fn warn;
	void *wctx;
	int stop;                /* the callback asked to stop */

	struct strbuf w;         /* folded text of the word being read */
	size_t wstart, wend;     /* its span */
	int letters, digits;     /* what it holds */

	struct strbuf left;      /* word before a hyphen, awaiting the right part */
	size_t lstart, lend;     /* its span */
	int pending;             /* left holds a word */

	size_t num_end;          /* end of the last number emitted, for "50%" */
	int num_valid;
};

static int is_alnum(int c) { return ascii_digit(c) || ascii_alpha(c); }
static int lower(int c) { return (c >= 'A' && c <= 'Z') ? c + 32 : c; }

static void emit(struct scan *sc, const char *t, size_t len, size_t start, size_t end,
		enum word_kind kind)
{
	if (sc->stop || !len)
		return;
	struct word w = { t, len, start, end, kind };
	if (kind == WORD_NUMBER) {
		sc->num_end = end;
		sc->num_valid = 1;
	}
	if (sc->fn(sc->ctx, &w))
		sc->stop = 1;
}

/*
 * Canonical number from digits separated by '.' or ',': thousands groups
 * are joined ("1.500.000", "1,500"), a single other separator is a decimal
 * point ("1,5" -> "1.5"); leading zeros and trailing decimal zeros go.
 */
static void emit_number(struct scan *sc, const char *t, size_t len, size_t start, size_t end)
{
	size_t groups = 1, seps = 0, last_group = 0, glen = 0;
	int thousands = 1;
	char sep = 0, mixed = 0;
	for (size_t i = 0; i < len; i++) {
		if (ascii_digit((unsigned char)t[i])) {
			glen++;
			continue;
		}
		if (groups > 1 && glen != 3)
			thousands = 0;
		if (sep && t[i] != sep)
			mixed = 1;
		sep = t[i];
		seps++;
		groups++;
		last_group = i + 1;
		glen = 0;
	}
	if (groups > 1 && glen != 3)
		thousands = 0;
	char buf[128];
	size_t o = 0;
	size_t intend = len;           /* where the integer part ends */
	if (seps && !thousands && (seps == 1 || mixed))
		intend = last_group - 1;
	for (size_t i = 0; i < intend && o < sizeof buf - 2; i++)
		if (ascii_digit((unsigned char)t[i]) && !(o == 0 && t[i] == '0'))
			buf[o++] = t[i];
	if (o == 0)
		buf[o++] = '0';
	if (intend < len) {
		size_t fend = len;
		while (fend > intend + 1 && t[fend - 1] == '0')
			fend--;
		if (fend > intend + 1) {
			buf[o++] = '.';
			for (size_t i = intend + 1; i < fend && o < sizeof buf - 1; i++)
				if (ascii_digit((unsigned char)t[i]))
					buf[o++] = t[i];
		}
	}
	buf[o] = '\0';
	emit(sc, buf, o, start, end, WORD_NUMBER);
}

/* Emit a finished word: numbers canonical, "150rb" and "rp150" split. */
static void emit_word(struct scan *sc, const char *t, size_t len, size_t start, size_t end)
{
	size_t i = 0;
	while (i < len && (ascii_digit((unsigned char)t[i]) || t[i] == '.' || t[i] == ','))
		i++;
	if (i == len) {
		emit_number(sc, t, len, start, end);
		return;
	}
	if (i > 0 && ascii_digit((unsigned char)t[0])) {
		int tail_letters = 1;
		for (size_t j = i; j < len; j++)
			if (!ascii_alpha((unsigned char)t[j]))
				tail_letters = 0;
		if (tail_letters) {
			emit_number(sc, t, i, start, start + i);
			emit(sc, t + i, len - i, start + i, end, WORD_PLAIN);
			return;
		}
	}
	if (len > 2 && t[0] == 'r' && t[1] == 'p' && ascii_digit((unsigned char)t[2])) {
		size_t j = 2;
		while (j < len && (ascii_digit((unsigned char)t[j]) || t[j] == '.' || t[j] == ','))
			j++;
		if (j == len) {
			emit(sc, "rp", 2, start, start + 2, WORD_PLAIN);
			emit_number(sc, t + 2, len - 2, start + 2, end);
			return;
		}
	}
	emit(sc, t, len, start, end, WORD_PLAIN);
}

static int starts_with(const char *a, size_t alen, const char *b, size_t blen)
{
	return alen >= blen && memcmp(a, b, blen) == 0;
}

/*
 * Join "anak-anak", "anak-anaknya", "berlari-lari", "covid-19", "e-ktp";
 * emit other pairs as two words. The result is the new pending left
 * word, so that chains like "a-b-c" resolve pairwise.
 */
static void resolve_hyphen(struct scan *sc)
{
	const char *l = sc->left.buf, *r = sc->w.buf;
	size_t ll = sc->left.len, rl = sc->w.len;
	int joined = 0;
	if (ll == rl && memcmp(l, r, ll) == 0) {
		joined = 1;               /* keep left as it is */
	} else if (starts_with(r, rl, l, ll)) {
		sb_reset(&sc->left);
		sb_add(&sc->left, r, rl);
		joined = 1;
	} else if (ll >= rl && memcmp(l + ll - rl, r, rl) == 0) {
		joined = 1;
	} else if (ll == 1 || ascii_digit((unsigned char)r[0]) || ascii_digit((unsigned char)l[ll - 1])) {
		sb_add(&sc->left, r, rl);
		joined = 1;
	}
	if (!joined) {
		emit_word(sc, sc->left.buf, sc->left.len, sc->lstart, sc->lend);
		sb_reset(&sc->left);
		sb_add(&sc->left, r, rl);
		sc->lstart = sc->wstart;
	}
	sc->lend = sc->wend;
}

/* The word being read is complete: emit it, or hold it before a hyphen. */
static void end_word(struct scan *sc, int hyphen_follows)
{
	if (!sc->w.len)
		return;
	if (!sc->pending && !hyphen_follows) {
		emit_word(sc, sc->w.buf, sc->w.len, sc->wstart, sc->wend);   /* the common case, without a copy */
		sb_reset(&sc->w);
		sc->letters = sc->digits = 0;
		return;
	}
	if (sc->pending) {
		resolve_hyphen(sc);
	} else {
		sb_reset(&sc->left);
		sb_add(&sc->left, sc->w.buf, sc->w.len);
		sc->lstart = sc->wstart;
		sc->lend = sc->wend;
		sc->pending = 1;
	}
	if (!hyphen_follows) {
		emit_word(sc, sc->left.buf, sc->left.len, sc->lstart, sc->lend);
		sc->pending = 0;
	}
	sb_reset(&sc->w);
	sc->letters = sc->digits = 0;
}

/* A separator: the pending word (if any) ends here. */
static void flush(struct scan *sc)
{
	end_word(sc, 0);
	if (sc->pending) {
		emit_word(sc, sc->left.buf, sc->left.len, sc->lstart, sc->lend);
		sc->pending = 0;
	}
}

/* Decode the code point at p; invalid bytes give U+FFFD and a warning. */
static int32_t decode(struct scan *sc, size_t *len)
{
	unsigned char c = sc->s[sc->p];
	if (c < 0x80) {
		*len = 1;
		return c;
	}
	utf8proc_int32_t cp;
	utf8proc_ssize_t k = utf8proc_iterate(sc->s + sc->p, (utf8proc_ssize_t)(sc->n - sc->p), &cp);
	if (k < 1) {
		if (sc->warn && sc->warned != sc->line)
			sc->warn(sc->wctx, sc->line, c);
		sc->warned = sc->line;
		*len = 1;
		return 0xFFFD;
	}
	*len = (size_t)k;
	return cp;
}

/* URL at p ("http://", "https://", "www."): emit its host, return bytes used. */
static size_t match_url(struct scan *sc)
{
	const unsigned char *s = sc->s + sc->p;
	size_t n = sc->n - sc->p, h;
	if (n > 8 && strncasecmp((const char *)s, "https://", 8) == 0)
		h = 8;
	else if (n > 7 && strncasecmp((const char *)s, "http://", 7) == 0)
		h = 7;
	else if (n > 4 && strncasecmp((const char *)s, "www.", 4) == 0)
		h = 0;
	else
		return 0;
	size_t e = h;
	while (e < n && s[e] > 0x20 && s[e] < 0x7f && s[e] != '"' && s[e] != '<' && s[e] != '>')
		e++;
	size_t hs = h, he = h;
	while (he < e && s[he] != '/' && s[he] != '?' && s[he] != '#' && s[he] != ':')
		he++;
	if (he - hs > 4 && strncasecmp((const char *)s + hs, "www.", 4) == 0)
		hs += 4;
	while (he > hs && !is_alnum(s[he - 1]))
		he--;
	while (e > he && (s[e - 1] == '.' || s[e - 1] == ',' || s[e - 1] == ')' || s[e - 1] == '!'))
		e--;
	if (he <= hs)
		return 0;
	char host[256];
	size_t hl = 0;
	for (size_t i = hs; i < he && hl < sizeof host - 1; i++)
		host[hl++] = (char)lower(s[i]);
	host[hl] = '\0';
	emit(sc, host, hl, sc->p, sc->p + e, WORD_URL);
	return e;
}

static const char *const tlds[] = {
	"com", "id", "net", "org", "ly", "co", "io", "me", "info", "xyz", "gl",
	"be", "link", "site", "online", "tv", "news", "biz", "app", "my", "live",
};

/* A bare domain from the word start ("bit.ly/abc", "s.id/x"); 0 if none. */
static size_t match_domain(struct scan *sc, size_t from)
{
	const unsigned char *s = sc->s;
	size_t e = from, label = from, dots = 0;
	while (e < sc->n && (is_alnum(s[e]) || s[e] == '-' || (s[e] == '.' && e + 1 < sc->n && is_alnum(s[e + 1])))) {
		if (s[e] == '.') {
			dots++;
			label = e + 1;
		}
		e++;
	}
	if (!dots || (e < sc->n && s[e] >= 0x80))
		return 0;
	int known = 0;
	for (size_t i = 0; i < sizeof tlds / sizeof *tlds; i++)
		if (strlen(tlds[i]) == e - label && strncasecmp((const char *)s + label, tlds[i], e - label) == 0)
			known = 1;
	if (!known)
		return 0;
	size_t he = e;
	if (e < sc->n && s[e] == '/')
		while (e < sc->n && s[e] > 0x20 && s[e] < 0x7f && s[e] != '"')
			e++;
	while (e > he && (s[e - 1] == '.' || s[e - 1] == ',' || s[e - 1] == ')'))
		e--;
	char host[256];
	size_t hl = 0;
	for (size_t i = from; i < he && hl < sizeof host - 1; i++)
		host[hl++] = (char)lower(s[i]);
	host[hl] = '\0';
	emit(sc, host, hl, from, e, WORD_URL);
	return e;
}

/* An e-mail address from the word start, its '@' at at; returns its end or 0. */
static size_t match_email(struct scan *sc, size_t from, size_t at)
{
	const unsigned char *s = sc->s;
	size_t e = at + 1, dots = 0;
	while (e < sc->n && (is_alnum(s[e]) || s[e] == '-' || (s[e] == '.' && e + 1 < sc->n && is_alnum(s[e + 1])))) {
		dots += s[e] == '.';
		e++;
	}
	if (!dots || e == at + 1)
		return 0;
	for (size_t i = from; i < at; i++)
		if (!is_alnum(s[i]) && (!s[i] || !strchr("._%+-", s[i])))
			return 0;
	emit(sc, "@email", 6, from, e, WORD_EMAIL);
	return e;
}

/*
 * An Indonesian phone number at p (08xx, 62 8xx, +62 8xx); returns bytes
 * or 0. Its token is the number in one form, 62 and its digits ("0812-
 * 3456-7890" and "+62 812 3456 7890" are both 6281234567890): a scam's
 * number is evidence of the scam, as rare as a name.
 */
static size_t match_phone(struct scan *sc)
{
	const unsigned char *s = sc->s + sc->p;
	char canon[20] = "62";
	size_t n = sc->n - sc->p, i = 0, digits = 0, nc = 2;
	if (s[0] == '+')
		i = 1;
	if (i + 2 < n && s[i] == '6' && s[i + 1] == '2')
		;
	else if (i == 0 && n > 2 && s[0] == '0' && s[1] == '8')
		;
	else
		return 0;
	size_t end = 0;
	while (i < n) {
		if (ascii_digit(s[i])) {
			/* past "+62", "62" or "0": the national number */
			if (digits >= (s[0] == '0' ? 1u : 2u) && nc + 1 < sizeof canon)
				canon[nc++] = (char)s[i];
			digits++;
			i++;
			end = i;
		} else if ((s[i] == ' ' || s[i] == '-' || s[i] == '.') && i + 1 < n && ascii_digit(s[i + 1]) && digits) {
			i++;
		} else {
			break;
		}
	}
	if (end < n && (is_alnum(s[end]) || s[end] >= 0x80))
		return 0;
	if (digits < 10 || digits > 14)
		return 0;
	emit(sc, canon, nc, sc->p, sc->p + end, WORD_PHONE);
	return end;
}

static void add_cp(struct scan *sc, int32_t cp, size_t start, size_t end)
{
	if (!sc->w.len)
		sc->wstart = start;
	sc->wend = end;
	if (cp < 0x80 && sc->w.len + 1 < sc->w.cap) {
		sc->w.buf[sc->w.len++] = (char)cp;
		sc->w.buf[sc->w.len] = '\0';
	} else if (cp < 0x80) {
		sb_putc(&sc->w, (char)cp);
	} else {
		unsigned char b[4];
		utf8proc_ssize_t k = utf8proc_encode_char(cp, b);
		sb_add(&sc->w, (const char *)b, (size_t)k);
	}
}

/*
 * Letters of other scripts that look Latin after case folding (Cyrillic,
 * Greek): "vаksin" with a Cyrillic а is the word vaksin. Indonesian text
 * has no other use for them.
 */
static int32_t unconfuse(int32_t cp)
{
	static const struct { int32_t from; char to; } map[] = {
		{ 0x0430, 'a' }, { 0x0432, 'b' }, { 0x0435, 'e' }, { 0x043A, 'k' }, { 0x043C, 'm' },
		{ 0x043D, 'h' }, { 0x043E, 'o' }, { 0x0440, 'p' }, { 0x0441, 'c' }, { 0x0442, 't' },
		{ 0x0443, 'y' }, { 0x0445, 'x' }, { 0x0455, 's' }, { 0x0456, 'i' }, { 0x0458, 'j' },
		{ 0x04BB, 'h' }, { 0x0501, 'd' }, { 0x051B, 'q' }, { 0x051D, 'w' }, { 0x04CF, 'l' },
		{ 0x03B1, 'a' }, { 0x03B5, 'e' }, { 0x03B9, 'i' }, { 0x03BA, 'k' }, { 0x03BD, 'v' },
		{ 0x03BF, 'o' }, { 0x03C1, 'p' }, { 0x03C4, 't' }, { 0x03C5, 'u' }, { 0x03C7, 'x' },
	};
	if (cp < 0x0370 || cp > 0x0530)
		return cp;
	for (size_t i = 0; i < sizeof map / sizeof *map; i++)
		if (map[i].from == cp)
			return map[i].to;
	return cp;
}

/* Is folded code point cp part of a word? */
static int word_cp(int32_t cp)
{
	if (cp < 0x80)
		return is_alnum((int)cp);
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO:
	case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
	case UTF8PROC_CATEGORY_ND:
		return 1;
	default:
		return 0;
	}
}

/* Handle one ASCII punctuation byte c at p; returns 1 if it was consumed as part of a word. */
static int punct(struct scan *sc, int c)
{
	const unsigned char *s = sc->s;
	int next = sc->p + 1 < sc->n ? s[sc->p + 1] : 0;
	int prev = sc->w.len ? (unsigned char)sc->w.buf[sc->w.len - 1] : 0;
	if ((c == '.' || c == ',') && ascii_digit(prev) && ascii_digit(next)) {
		add_cp(sc, c, sc->p, sc->p + 1);
		sc->p++;
		return 1;
	}
	/* the word so far may start an e-mail address or a bare domain */
	size_t e = 0;
	int at_word_end = sc->w.len && sc->wstart + sc->w.len == sc->p;
	if (c == '.' && at_word_end && is_alnum(next)) {
		size_t at = sc->p;
		while (at < sc->n && (is_alnum(s[at]) || (s[at] && strchr("._%+-", s[at]))))
			at++;
		e = at < sc->n && s[at] == '@' ? match_email(sc, sc->wstart, at) : 0;
		if (!e && ascii_alpha(next))
			e = match_domain(sc, sc->wstart);
	} else if (c == '@' && at_word_end) {
		e = match_email(sc, sc->wstart, sc->p);
	}
	if (e) {
		sb_reset(&sc->w);
		sc->letters = sc->digits = 0;
		flush(sc);
		sc->p = e;
		return 1;
	}
	if (c == '\'' && sc->letters && ascii_alpha(next)) {
		sc->p++;
		return 1;
	}
	if (c == '-' && sc->w.len && (is_alnum(next) || next >= 0x80)) {
		end_word(sc, 1);
		sc->p++;
		return 1;
	}
	if (c == '%' && !sc->w.len && sc->num_valid && sc->num_end == sc->p) {
		flush(sc);
		emit(sc, "persen", 6, sc->p, sc->p + 1, WORD_PLAIN);
		sc->p++;
		return 1;
	}
	return 0;
}

void text_scan(const char *s, size_t n, word_fn fn, void *ctx, utf8_warn_fn warn, void *wctx)
{
	struct scan sc = { 0 };
	sc.s = (const unsigned char *)s;
	sc.n = n;
	sc.line = 1;
	sc.fn = fn;
	sc.ctx = ctx;
	sc.warn = warn;
	sc.wctx = wctx;
	while (sc.p < sc.n && !sc.stop) {
		unsigned char c = sc.s[sc.p];
		if (c < 0x80 && !is_alnum(c)) {
			if (c == '\n')
				sc.line++;
			if (punct(&sc, c))
				continue;
			if (c == '%' && sc.w.len && !sc.letters) {
				flush(&sc);
				continue;  /* re-read '%' now that the number is out */
			}
			flush(&sc);
			sc.p++;
			continue;
		}
		if (!sc.w.len && !sc.pending) {
			size_t k = 0;
			if (c == 'h' || c == 'H' || c == 'w' || c == 'W')
				k = match_url(&sc);
			if (!k && (c == '0' || c == '6' || c == '+'))
				k = match_phone(&sc);
			if (k) {
				sc.p += k;
				continue;
			}
		}
		if (c < 0x80) {
			/* a run of ASCII letters and digits, folded at once */
			size_t q = sc.p, old = sc.w.len;
			while (q < sc.n && is_alnum(sc.s[q]))
				q++;
			if (!old)
				sc.wstart = sc.p;
			sb_add(&sc.w, (const char *)sc.s + sc.p, q - sc.p);
			for (size_t i = old; i < sc.w.len; i++) {
				if (ascii_digit(sc.w.buf[i])) {
					sc.digits = 1;
				} else {
					sc.letters = 1;
					sc.w.buf[i] = (char)lower(sc.w.buf[i]);
				}
			}
			sc.wend = sc.p = q;
			continue;
		}
		size_t len;
		size_t start = sc.p;
		int32_t cp = decode(&sc, &len);
		sc.p += len;
		if (cp < 0x80) {
			if (ascii_digit((int)cp))
				sc.digits = 1;
			else
				sc.letters = 1;
			add_cp(&sc, lower((int)cp), start, sc.p);
			continue;
		}
		utf8proc_int32_t out[16];
		int last = 0;
		utf8proc_ssize_t k = utf8proc_decompose_char(cp, out, 16,
			UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK |
			UTF8PROC_IGNORE | UTF8PROC_LUMP, &last);
		if (k < 0 || k > 16) {
			flush(&sc);
			continue;
		}
		if (k == 0)   /* default-ignorable: joins nothing, splits nothing */
			continue;
		for (utf8proc_ssize_t i = 0; i < k; i++) {
			int32_t f = unconfuse(out[i]);
			if (word_cp(f)) {
				if (f < 0x80 && ascii_digit((int)f))
					sc.digits = 1;
				else
					sc.letters = 1;
				add_cp(&sc, f, start, sc.p);
			} else if (f == '\'' && sc.letters && sc.p < sc.n && ascii_alpha(sc.s[sc.p])) {
				/* a typographic apostrophe inside a word: skip it */
			} else if (f == '-' && sc.w.len && sc.p < sc.n && (is_alnum(sc.s[sc.p]) || sc.s[sc.p] >= 0x80)) {
				end_word(&sc, 1);
			} else {
				flush(&sc);
			}
		}
	}
	if (!sc.stop)
		flush(&sc);
	sb_release(&sc.w);
	sb_release(&sc.left);
}

/* ---- UTF-8, and the encodings read as UTF-8 ---- */

size_t utf8_char_len(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned c = s[0];
	if (c < 0x80)
		return 1;
	if (c < 0xC2)
		return 0;
	if (c < 0xE0)
		return n >= 2 && (s[1] & 0xC0) == 0x80 ? 2 : 0;
	if (c < 0xF0) {
		if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
			return 0;
		if ((c == 0xE0 && s[1] < 0xA0) || (c == 0xED && s[1] >= 0xA0))
			return 0;  /* overlong, or a surrogate */
		return 3;
	}
	if (c < 0xF5) {
		if (n < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80
		    || (s[3] & 0xC0) != 0x80)
			return 0;
		if ((c == 0xF0 && s[1] < 0x90) || (c == 0xF4 && s[1] >= 0x90))
			return 0;  /* overlong, or above U+10FFFF */
		return 4;
	}
	return 0;
}

size_t utf8_valid_len(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		size_t k = utf8_char_len(s + i, n - i);
		if (!k)
			break;
		i += k;
	}
	return i;
}

int utf8_valid(const char *s, size_t n)
{
	return utf8_valid_len(s, n) == n;
}

void utf8_put(struct strbuf *sb, uint32_t cp)
{
	char b[4];
	if (cp < 0x80) {
		sb_putc(sb, (char)cp);
	} else if (cp < 0x800) {
		b[0] = (char)(0xC0 | cp >> 6);
		b[1] = (char)(0x80 | (cp & 0x3F));
		sb_add(sb, b, 2);
	} else if (cp < 0x10000) {
		b[0] = (char)(0xE0 | cp >> 12);
		b[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		b[2] = (char)(0x80 | (cp & 0x3F));
		sb_add(sb, b, 3);
	} else {
		b[0] = (char)(0xF0 | cp >> 18);
		b[1] = (char)(0x80 | (cp >> 12 & 0x3F));
		b[2] = (char)(0x80 | (cp >> 6 & 0x3F));
		b[3] = (char)(0x80 | (cp & 0x3F));
		sb_add(sb, b, 4);
	}
}

/* Windows-1252 0x80-0x9F; the five unassigned bytes become U+FFFD. */
static const uint16_t cp1252[32] = {
	0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
	0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
};

/*
 * Keeping the valid sequences means a UTF-8 file with a few stray bytes
 * keeps its good text; a genuine Windows-1252 file almost never holds a
 * byte pair that is also valid UTF-8.
 */
void utf8_repair(struct strbuf *out, const char *s, size_t n, int lossy)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + n;
	while (p < end) {
		const unsigned char *run = p;
		while (p < end && *p < 0x80)
			p++;
		if (p > run)
			sb_add(out, (const char *)run, (size_t)(p - run));
		if (p == end)
			break;
		size_t k = utf8_char_len((const char *)p, (size_t)(end - p));
		if (k) {
			sb_add(out, (const char *)p, k);
			p += k;
		} else {
			uint32_t cp = lossy ? 0xFFFD : *p < 0xA0 ? cp1252[*p - 0x80] : *p;
			utf8_put(out, cp);
			p++;
		}
	}
}

void utf16_to_utf8(struct strbuf *out, const unsigned char *s, size_t n, int big)
{
	size_t i = 0;
	while (i + 1 < n) {
		uint32_t u = big ? (uint32_t)(s[i] << 8 | s[i + 1]) : (uint32_t)(s[i + 1] << 8 | s[i]);
		i += 2;
		if (u >= 0xD800 && u < 0xDC00 && i + 1 < n) {
			uint32_t v = big ? (uint32_t)(s[i] << 8 | s[i + 1]) : (uint32_t)(s[i + 1] << 8 | s[i]);
			if (v >= 0xDC00 && v < 0xE000) {
				i += 2;
				u = 0x10000 + ((u - 0xD800) << 10) + (v - 0xDC00);
			} else {
				u = 0xFFFD;
			}
		} else if (u >= 0xD800 && u < 0xE000) {
			u = 0xFFFD;
		}
		utf8_put(out, u);
	}
	if (i < n)
		utf8_put(out, 0xFFFD);
}

size_t utf8_sanitize(const char *s, size_t n, struct strbuf *out)
{
	size_t bad = 0, i = 0;
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80) {
			size_t j = i;
			while (j < n && (unsigned char)s[j] < 0x80 && s[j] != '\0')
				j++;
			sb_add(out, s + i, j - i);
			if (j < n && s[j] == '\0') {
				sb_putc(out, ' ');
				j++;
			}
			i = j;
			continue;
		}
		size_t k = utf8_char_len(s + i, n - i);
		if (!k) {
			sb_add(out, "\xEF\xBF\xBD", 3);
			bad++;
			i++;
		} else {
			sb_add(out, s + i, k);
			i += k;
		}
	}
	if (!out->buf)
		sb_add(out, "", 0);
	return bad;
}

void text_warn_utf8(void *where, long line, unsigned char byte)
{
	const struct text_where *w = where;
	warnx_(_("%s:%ld: invalid UTF-8 (byte 0x%02X), replaced"), w->file, w->line + line - 1, byte);
}
