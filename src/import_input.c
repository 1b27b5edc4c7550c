/*
 * import_input.c: reading an import file in pieces (import_input.h), and
 * the encodings import files come in.
 */
#include "import_input.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define CHUNK 65536

/* Length of the valid UTF-8 sequence at s (n bytes left), or 0. */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
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

int utf8_valid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + n;
	while (p < end) {
		if (*p < 0x80) {
			p++;
			continue;
		}
		size_t k = utf8_seq(p, (size_t)(end - p));
		if (!k)
			return 0;
		p += k;
	}
	return 1;
}

static void put_cp(struct strbuf *sb, uint32_t cp)
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
 * Copy s to out as UTF-8: valid UTF-8 sequences stay as they are, and
 * every other byte is read as Windows-1252 (lossy: as U+FFFD instead).
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
		size_t k = utf8_seq(p, (size_t)(end - p));
		if (k) {
			sb_add(out, (const char *)p, k);
			p += k;
		} else {
			uint32_t cp = lossy ? 0xFFFD : *p < 0xA0 ? cp1252[*p - 0x80] : *p;
			put_cp(out, cp);
			p++;
		}
	}
}

/* Convert UTF-16 (after its BOM) to UTF-8; bad units become U+FFFD. */
static void utf16_to_utf8(struct strbuf *out, const unsigned char *s, size_t n, int big)
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
		put_cp(out, u);
	}
	if (i < n)
		put_cp(out, 0xFFFD);
}

int input_open(struct input *in, const char *path, const char *name)
{
	memset(in, 0, sizeof *in);
	in->name = name;
	in->f = stdin;
	if (path && strcmp(path, "-") != 0) {
		in->f = fopen(path, "rb");
		if (!in->f)
			return -1;
	}
	sb_add(&in->buf, "", 0);
	return 0;
}

void input_close(struct input *in)
{
	if (in->f && in->f != stdin)
		fclose(in->f);
	sb_release(&in->buf);
	sb_release(&in->fixed);
	memset(in, 0, sizeof *in);
}

/* Read one more chunk (moving the untaken bytes to the front first); 0 at the end. */
static size_t read_chunk(struct input *in)
{
	if (in->eof)
		return 0;
	if (in->pos > 0 && in->pos >= in->buf.len / 2) {
		memmove(in->buf.buf, in->buf.buf + in->pos, in->buf.len - in->pos);
		in->buf.len -= in->pos;
		in->pos = 0;
	}
	sb_grow(&in->buf, CHUNK);
	size_t n = fread(in->buf.buf + in->buf.len, 1, CHUNK, in->f);
	in->buf.len += n;
	in->buf.buf[in->buf.len] = '\0';
	if (n < CHUNK) {
		if (ferror(in->f))
			in->err = EIO;
		in->eof = 1;   /* a short read at a terminal (one Ctrl-D) is the end too */
	}
	return n;
}

/* The byte order mark: a UTF-8 one is dropped, UTF-16 converts the whole file. */
static void start(struct input *in)
{
	in->started = 1;
	while (in->buf.len - in->pos < 3 && read_chunk(in) > 0)
		;
	const unsigned char *u = (const unsigned char *)in->buf.buf + in->pos;
	size_t n = in->buf.len - in->pos;
	if (n >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
		in->pos += 3;
	} else if (n >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) {
		while (read_chunk(in) > 0)
			;
		u = (const unsigned char *)in->buf.buf + in->pos;
		n = in->buf.len - in->pos;
		struct strbuf out = STRBUF_INIT;
		utf16_to_utf8(&out, u + 2, n - 2, u[0] == 0xFE);
		sb_add(&out, "", 0);
		sb_release(&in->buf);
		in->buf = out;
		in->pos = 0;
	}
}

size_t input_fill(struct input *in, size_t want)
{
	if (!in->started)
		start(in);
	while (in->buf.len - in->pos < want && read_chunk(in) > 0)
		;
	return in->buf.len - in->pos;
}

void input_take(struct input *in, size_t n)
{
	in->pos += n;
}

static void as_cp1252(struct input *in, char **s, size_t *n);

int input_line(struct input *in, char eol, int legacy, char **s, size_t *n)
{
	size_t scanned = 0, avail;
	char *nl = NULL;
	while ((avail = input_fill(in, scanned + 1)) > scanned) {
		nl = memchr(in->buf.buf + in->pos + scanned, eol, avail - scanned);
		if (nl)
			break;
		scanned = avail;
	}
	if (!avail)
		return 0;
	char *p = in->buf.buf + in->pos;
	size_t len = nl ? (size_t)(nl - p) : in->buf.len - in->pos;
	in->pos += len + (nl != NULL);
	p[len] = '\0';   /* the delimiter, or past the end: the buffer's NUL */
	if (legacy && !utf8_valid(p, len))
		as_cp1252(in, &p, &len);
	*s = p;
	*n = len;
	return 1;
}

/* Read invalid UTF-8 in s as Windows-1252, into in->fixed, with one warning per file. */
static void as_cp1252(struct input *in, char **s, size_t *n)
{
	if (!in->warned++)
		warnx_("%s: not UTF-8, read as Windows-1252", in->name);
	sb_reset(&in->fixed);
	utf8_repair(&in->fixed, *s, *n, 0);
	if (!in->fixed.buf)
		sb_add(&in->fixed, "", 0);
	*s = in->fixed.buf;
	*n = in->fixed.len;
}

size_t input_rest(struct input *in, int legacy, char **s)
{
	if (!in->started)
		start(in);
	while (read_chunk(in) > 0)
		;
	size_t n = in->buf.len - in->pos;
	*s = in->buf.buf + in->pos;
	if (legacy && !utf8_valid(*s, n))
		as_cp1252(in, s, &n);
	return n;
}
