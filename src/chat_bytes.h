/*
 * chat_bytes.h: the byte helpers the chat reader's files share (chat.c,
 * chat_date.c, chat_kind.c, chat_zip.c): ASCII case-insensitive matching of
 * the phrases WhatsApp writes, and the invisible marks and spaces exports
 * put around names and times. Inline: header lines and messages run
 * through them by the million.
 *
 * Ownership: every pointer is borrowed; [p, e) is a byte range.
 * Also: reading a stream whose first bytes were read to sniff it.
 */
#ifndef SARING_CHAT_BYTES_H
#define SARING_CHAT_BYTES_H

#include <stddef.h>
#include <stdio.h>
#include <string.h>

static inline int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* ASCII case-insensitive comparison of n bytes. */
static inline int mem_ieq(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (lower((unsigned char)a[i]) != lower((unsigned char)b[i]))
			return 0;
	return 1;
}

static inline int eq_i(const char *s, size_t n, const char *lit)
{
	size_t k = strlen(lit);
	return n == k && mem_ieq(s, lit, k);
}

static inline int starts_i(const char *s, size_t n, const char *lit)
{
	size_t k = strlen(lit);
	return n >= k && mem_ieq(s, lit, k);
}

static inline int ends_i(const char *s, size_t n, const char *lit)
{
	size_t k = strlen(lit);
	return n >= k && mem_ieq(s + n - k, lit, k);
}

static inline int contains_i(const char *s, size_t n, const char *lit)
{
	size_t k = strlen(lit);
	for (size_t i = 0; i + k <= n; i++)
		if (mem_ieq(s + i, lit, k))
			return 1;
	return 0;
}

/*
 * Length of the invisible mark at p, or 0: the direction marks U+200E/F,
 * U+202A-E, U+2066-9 that exports put around names and before iOS lines,
 * and a BOM.
 */
static inline size_t mark_len(const char *p, const char *e)
{
	const unsigned char *u = (const unsigned char *)p;
	if (e - p < 3)
		return 0;
	if (u[0] == 0xE2 && u[1] == 0x80 &&
	    (u[2] == 0x8E || u[2] == 0x8F || (u[2] >= 0xAA && u[2] <= 0xAE)))
		return 3;
	if (u[0] == 0xE2 && u[1] == 0x81 && u[2] >= 0xA6 && u[2] <= 0xA9)
		return 3;
	if (u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
		return 3;
	return 0;
}

static inline const char *skip_marks(const char *p, const char *e)
{
	size_t k;
	while ((k = mark_len(p, e)) > 0)
		p += k;
	return p;
}

/* Length of the space at p: ASCII space, NBSP or narrow NBSP (U+202F). */
static inline size_t space_len(const char *p, const char *e)
{
	const unsigned char *u = (const unsigned char *)p;
	if (p >= e)
		return 0;
	if (u[0] == ' ')
		return 1;
	if (e - p >= 2 && u[0] == 0xC2 && u[1] == 0xA0)
		return 2;
	if (e - p >= 3 && u[0] == 0xE2 && u[1] == 0x80 && u[2] == 0xAF)
		return 3;
	return 0;
}

static inline const char *skip_spaces(const char *p, const char *e)
{
	size_t k;
	while ((k = space_len(p, e)) > 0)
		p += k;
	return p;
}

/* End of [a, b) without trailing spaces, newlines and direction marks. */
static inline const char *trim_end(const char *a, const char *b)
{
	for (;;) {
		if (b > a && (b[-1] == ' ' || b[-1] == '\n'))
			b--;
		else if (b - a >= 3 && mark_len(b - 3, b) == 3)
			b -= 3;
		else
			return b;
	}
}

/*
 * Up to size bytes into buf: first the bytes of peek[*off..npeek) that were
 * read to sniff the input's format, then from f. Returns the count; 0 with
 * ferror(f) set on a read error.
 */
static inline size_t read_replayed(FILE *f, const unsigned char *peek, size_t npeek, size_t *off,
				   char *buf, size_t size)
{
	size_t n = 0;
	if (*off < npeek) {
		n = npeek - *off;
		memcpy(buf, peek + *off, n);
		*off = npeek;
	}
	return n + fread(buf + n, 1, size - n, f);
}

#endif
