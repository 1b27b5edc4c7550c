/*
 * import_input.c: reading an import file in pieces (import_input.h); the
 * encodings themselves are decoded by text.c.
 */
#include "import_input.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "text.h"

#define CHUNK 65536

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
		warnx_(_("%s: not UTF-8, read as Windows-1252"), in->name);
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
