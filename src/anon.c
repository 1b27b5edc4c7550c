/*
 * anon.c: pseudonyms and masking for --anonymize (see anon.h).
 *
 * Masking reads the text as code points folded the NFKC way (full-width
 * ０-９ and ＠ are the ASCII ones, any space is a space, any dash a dash;
 * what a reader does not see is part of the character before it), so
 * that a number written in any of the shapes people type is one run of
 * digits, then decides on the run as a whole: the text pipeline's own
 * phone-number rule (08..., +62...) is for matching, and misses many.
 */
#include "anon.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <utf8proc.h>

#include "i18n.h"

static void hex_key(const unsigned char *key, char *out)
{
	for (size_t i = 0; i < ANON_KEY_BYTES; i++)
		snprintf(out + 2 * i, 3, "%02x", key[i]);
}

static int hexval(int c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
		: c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* Read the key kept in path, or make one there; 0, or -1 when path does not exist. */
static int key_file(struct anon *a, const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 && errno == ENOENT) {
		randombytes_buf(a->key, sizeof a->key);
		char hex[2 * ANON_KEY_BYTES + 2];
		hex_key(a->key, hex);
		hex[2 * ANON_KEY_BYTES] = '\n';
		fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (fd < 0 || write(fd, hex, 2 * ANON_KEY_BYTES + 1) != 2 * ANON_KEY_BYTES + 1 ||
		    fsync(fd) != 0 || close(fd) != 0)
			die(EXIT_SYSTEM, _("%s: cannot write the key: %s"), path, strerror(errno));
		sodium_memzero(hex, sizeof hex);
		return 0;
	}
	if (fd < 0)
		die(EXIT_SYSTEM, _("%s: cannot read the key: %s"), path, strerror(errno));
	char buf[2 * ANON_KEY_BYTES + 4];
	ssize_t n = read(fd, buf, sizeof buf);
	close(fd);
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
		n--;
	int ok = n == 2 * ANON_KEY_BYTES;
	for (size_t i = 0; ok && i < ANON_KEY_BYTES; i++) {
		int hi = hexval(buf[2 * i]), lo = hexval(buf[2 * i + 1]);
		ok = hi >= 0 && lo >= 0;
		a->key[i] = (unsigned char)(hi << 4 | lo);
	}
	sodium_memzero(buf, sizeof buf);
	if (!ok)
		die(EXIT_USAGE, _("%s: not a key file (64 hexadecimal digits, as --key-file writes)"), path);
	return 0;
}

void anon_init(struct anon *a, const char *path)
{
	if (path)
		key_file(a, path);
	else
		randombytes_buf(a->key, sizeof a->key);
}

void anon_clear(struct anon *a)
{
	sodium_memzero(a->key, sizeof a->key);
}

/* prefix, then ANON_NAME_CHARS base32 letters of the keyed hash of domain and text. */
static void pseudonym(const struct anon *a, const char *prefix, const char *domain, const char *text,
		      struct strbuf *out)
{
	static const char b32[] = "abcdefghijklmnopqrstuvwxyz234567";
	unsigned char h[16];
	struct strbuf in = STRBUF_INIT;
	sb_puts(&in, domain);
	sb_puts(&in, text);
	crypto_generichash(h, sizeof h, (const unsigned char *)in.buf, in.len, a->key, sizeof a->key);
	sb_release(&in);
	sb_puts(out, prefix);
	/* 16 letters of 5 bits: the first 80 bits of the hash */
	unsigned bits = 0, acc = 0;
	size_t used = 0;
	for (int i = 0; i < ANON_NAME_CHARS; i++) {
		if (bits < 5) {
			acc = acc << 8 | h[used++];
			bits += 8;
		}
		sb_putc(out, b32[(acc >> (bits - 5)) & 31]);
		bits -= 5;
	}
}

void anon_name(const struct anon *a, const char *sender, struct strbuf *out)
{
	pseudonym(a, "anon-", "", sender, out);
}

void anon_file(const struct anon *a, const char *file, struct strbuf *out)
{
	/* no sender's name holds a line break: a file's hash is never a sender's */
	pseudonym(a, "chat-", "file\n", file, out);
}

/* A code point of the text, folded to one ASCII class byte, and its bytes. */
struct cp {
	size_t start, end;
	char f;   /* '0'-'9', 'a'-'z' (any letter), ASCII punctuation, ' ' (any space), or 0 */
};

static char fold(int32_t c)
{
	if (c < 0x80)
		return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c == '\t' ? ' ' : c < 0x20 || c == 0x7F ? 0 : (char)c;
	utf8proc_int32_t out[4];
	int last = 0;
	utf8proc_ssize_t k = utf8proc_decompose_char(c, out, 4, UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT |
						     UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK, &last);
	if (k >= 1 && out[0] < 0x80 && (k == 1 || out[0] > ' '))
		return fold(out[0]);   /* full-width, ligatures, letters with marks */
	switch (utf8proc_category(c)) {
	case UTF8PROC_CATEGORY_ND: return '9';   /* another script's digit */
	case UTF8PROC_CATEGORY_ZS: return ' ';
	case UTF8PROC_CATEGORY_PD: return '-';
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO:
		return 'a';
	default: return 0;
	}
}

/*
 * A code point a reader does not see as a character of its own: zero-width
 * and format characters (U+200B, soft hyphen, U+2060, U+FEFF, bidi marks,
 * variation selectors: Unicode's default ignorable ones) and combining
 * marks, keycaps too ("0\u20E3" reads as 0).
 */
static int invisible(int32_t c)
{
	utf8proc_category_t cat = utf8proc_category(c);
	return utf8proc_get_property(c)->ignorable || cat == UTF8PROC_CATEGORY_MN || cat == UTF8PROC_CATEGORY_ME;
}

static int dig(char f) { return f >= '0' && f <= '9'; }
static int alnum(char f) { return dig(f) || (f >= 'a' && f <= 'z'); }

/* A span to mask, in code points [from, to). */
struct span {
	size_t from, to;
	int phone;
};

/* A number inside a run: digit groups joined by single '.' or ','. */
struct number {
	size_t from, to;     /* code points */
	int digits, groups, first_len, rest3, sep_same;
	char sep, first;
};

enum shape { PLAIN, THOUSANDS, DATE };

static enum shape shape(const struct number *n, const int *len)
{
	if (n->groups >= 2 && n->sep == '.') {
		int small = 1;
		for (int g = 0; g < n->groups - 1; g++)
			small &= len[g] <= 2;
		if (small && (len[n->groups - 1] <= 2 || len[n->groups - 1] == 4))
			return DATE;   /* 16.30, 13.10.2022 */
	}
	if (n->groups >= 2 && n->sep_same && n->first != '0' && n->first_len <= 3 && n->rest3)
		return THOUSANDS;  /* 1.500.000 */
	return PLAIN;
}

/* Read one number at c[i] (a digit); its end is n->to. */
static void read_number(const struct cp *c, size_t n, size_t i, struct number *num, int *len, int max)
{
	memset(num, 0, sizeof *num);
	num->from = i;
	num->first = c[i].f;
	num->sep_same = num->rest3 = 1;
	for (;;) {
		size_t g = i;
		while (i < n && dig(c[i].f))
			i++;
		if (num->groups < max)
			len[num->groups] = (int)(i - g);
		if (num->groups == 0)
			num->first_len = (int)(i - g);
		else if (i - g != 3)
			num->rest3 = 0;
		num->groups++;
		num->digits += (int)(i - g);
		num->to = i;
		if (i + 1 < n && (c[i].f == '.' || c[i].f == ',') && dig(c[i + 1].f)) {
			if (num->sep && num->sep != c[i].f)
				num->sep_same = 0;
			num->sep = c[i].f;
			i++;
			continue;
		}
		return;
	}
}

/*
 * Phone numbers in the run of digits and separators starting at c[i]:
 * numbers separated by up to three of " -()", a leading "+" or "(".
 * A stretch of numbers that are neither dates nor times is a phone number
 * when it starts like one (+, (, 0) and has 9 digits or more, or else has
 * 10 or more and no thousands grouping, or is a local "555-1234".
 * Adds spans; returns where the run ends.
 */
static size_t phones(const struct cp *c, size_t n, size_t i, struct span **v, size_t *nv, size_t *cap)
{
	size_t from = i;
	int lead = c[i].f == '+' || c[i].f == '(';
	if (lead && i + 1 < n && c[i].f == '(' && c[i + 1].f == '+')
		i++;   /* (+62 21) */
	if (lead)
		i++;
	int digits = 0, count = 0, plain = 1, lens[2] = { 0, 0 };
	char first = 0, seps = 0;
	size_t last = i;
	while (i < n && dig(c[i].f)) {
		struct number num;
		int glen[32];
		read_number(c, n, i, &num, glen, 32);
		enum shape sh = shape(&num, glen);
		if (sh == DATE) {
			i = num.to;
			break;
		}
		if (!count)
			first = num.first;
		if (count < 2)
			lens[count] = num.digits;
		digits += num.digits;
		plain &= sh == PLAIN;
		count++;
		last = i = num.to;
		size_t k = i;
		while (k < n && k - i < 3 && c[k].f && strchr(" -()", c[k].f)) {
			seps |= c[k].f == '-' || c[k].f == ' ';
			k++;
		}
		if (k == i || k >= n || !dig(c[k].f))
			break;
		i = k;
	}
	int phone = 0;
	if ((lead || first == '0') && digits >= 9)
		phone = 1;
	else if (plain && digits >= 10)
		phone = 1;
	else if (plain && count == 2 && seps && lens[0] >= 3 && lens[0] <= 4 && lens[1] == 4)
		phone = 1;
	if (phone && count) {
		xgrow((void **)v, cap, *nv + 1, sizeof **v);
		(*v)[(*nv)++] = (struct span){ from, last, 1 };
	}
	return i > from ? i : from + 1;
}

/* An e-mail address around the '@' at c[at]; adds a span and returns its end, or at + 1. */
static size_t email(const struct cp *c, size_t n, size_t at, size_t floor, struct span **v, size_t *nv,
		    size_t *cap)
{
	size_t l = at;
	if (l > floor && c[l - 1].f == ' ')
		l--;
	size_t lend = l;
	while (l > floor && c[l - 1].f && (alnum(c[l - 1].f) || strchr("._%+-", c[l - 1].f)))
		l--;
	size_t d = at + 1;
	if (d < n && c[d].f == ' ')
		d++;
	size_t dstart = d, label = d, dots = 0;
	while (d < n && (alnum(c[d].f) || c[d].f == '-' ||
			 (c[d].f == '.' && d > dstart && d + 1 < n && alnum(c[d + 1].f)))) {
		if (c[d].f == '.') {
			dots++;
			label = d + 1;
		}
		d++;
	}
	/* the top-level domain is letters: "a@b.com0812..." ends at "com" */
	size_t tld = label;
	while (tld < d && c[tld].f >= 'a' && c[tld].f <= 'z')
		tld++;
	if (l == lend || !dots || tld - label < 2)
		return at + 1;
	d = tld;
	xgrow((void **)v, cap, *nv + 1, sizeof **v);
	(*v)[(*nv)++] = (struct span){ l, d, 0 };
	return d;
}

/* One pass of anon_mask(). */
static char *mask_once(const char *text, size_t len)
{
	struct cp *c = xmalloc((len + 1) * sizeof *c);
	size_t n = 0;
	for (size_t i = 0; i < len;) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)text + i, (utf8proc_ssize_t)(len - i), &cp);
		if (k < 1) {
			cp = -1;
			k = 1;
		}
		if (n && cp >= 0 && invisible(cp))
			c[n - 1].end = i + (size_t)k;   /* read as part of what it follows */
		else
			c[n++] = (struct cp){ i, i + (size_t)k, cp < 0 ? 0 : fold(cp) };
		i += (size_t)k;
	}
	struct span *v = NULL;
	size_t nv = 0, cap = 0;
	/* e-mail first: an address may hold digits */
	for (size_t i = 0, floor = 0; i < n;) {
		if (c[i].f != '@') {
			i++;
			continue;
		}
		size_t before = nv;
		i = email(c, n, i, floor, &v, &nv, &cap);
		if (nv > before)
			floor = i;
	}
	size_t emails = nv;
	for (size_t i = 0, e = 0; i < n;) {
		while (e < emails && v[e].to <= i)
			e++;
		if (e < emails && v[e].from <= i) {
			i = v[e].to;
			continue;
		}
		size_t d = i + (c[i].f == '(' && i + 1 < n && c[i + 1].f == '+');
		int start = dig(c[i].f) || ((c[d].f == '+' || c[d].f == '(') && d + 1 < n && dig(c[d + 1].f));
		if (!start) {
			i++;
			continue;
		}
		size_t before = nv;
		i = phones(c, n, i, &v, &nv, &cap);
		/* a number running into an address (e-mails were found first) is cut at it */
		if (nv > before && e < emails && v[nv - 1].to > v[e].from)
			v[nv - 1].to = v[e].from;
	}
	/* e-mails and phones are each in order: merge them */
	struct strbuf out = STRBUF_INIT;
	size_t pos = 0;
	for (size_t a = 0, b = emails; a < emails || b < nv;) {
		const struct span *sp = b >= nv || (a < emails && v[a].from < v[b].from) ? &v[a++] : &v[b++];
		size_t from = c[sp->from].start, to = sp->to < n ? c[sp->to].start : len;
		if (sp->to <= sp->from || from < pos)
			continue;
		sb_add(&out, text + pos, from - pos);
		sb_puts(&out, sp->phone ? "[nomor telepon]" : "[email]");
		pos = to;
	}
	sb_add(&out, text + pos, len - pos);
	free(v);
	free(c);
	return sb_detach(&out);
}

/*
 * A pass can make what it leaves look like an address or a number ("a @b.c"
 * before a number it masked): pass again until nothing changes. Each pass
 * that changes something takes away at least one digit or '@'.
 */
char *anon_mask(const char *text, size_t len)
{
	char *out = mask_once(text, len);
	for (int pass = 0; pass < 16; pass++) {
		char *again = mask_once(out, strlen(out));
		int same = !strcmp(again, out);
		free(out);
		out = again;
		if (same)
			break;
	}
	return out;
}
