/*
 * import_input.h: an import file read in pieces, for import.c's readers:
 * lines, or the next bytes, in memory bounded by the longest piece, never
 * the whole file. Byte order marks are dropped; UTF-16 (with a BOM) is
 * converted (the whole file at once, such files being small); a reader
 * that wants it has invalid UTF-8 read as Windows-1252.
 *
 * Ownership: struct input owns its buffer and the FILE it opened;
 * pointers it hands out stay valid until the next call on it.
 */
#ifndef SARING_IMPORT_INPUT_H
#define SARING_IMPORT_INPUT_H

#include <stdio.h>

#include "util.h"

struct input {
	FILE *f;              /* the file, or stdin (not closed) */
	const char *name;     /* for messages (borrowed) */
	struct strbuf buf;    /* bytes read: buf.buf[pos, buf.len) not yet taken */
	size_t pos;
	int eof;              /* nothing more to read from f */
	int err;              /* a read error (errno value) */
	int started;          /* the byte order mark has been looked at */
	struct strbuf fixed;  /* a line read as Windows-1252 */
	int warned;           /* the Windows-1252 warning was given */
};

/* Open path (NULL or "-": stdin); -1 with errno set. */
int input_open(struct input *in, const char *path, const char *name);
void input_close(struct input *in);
/*
 * Make at least want bytes available at in->buf.buf + in->pos (fewer at
 * the end of the file); returns how many are.
 */
size_t input_fill(struct input *in, size_t want);
/* Take n of the available bytes. */
void input_take(struct input *in, size_t n);
/*
 * The next line, without its delimiter eol ('\n', or '\r' for old Mac
 * files), in *s and *n; 0 at the end. With legacy, a line that is not
 * UTF-8 is read as Windows-1252 (one warning per file). A last line
 * without eol counts.
 */
int input_line(struct input *in, char eol, int legacy, char **s, size_t *n);
/*
 * Read the rest of the file into memory: its length, the text in *s (with
 * legacy, read as Windows-1252 when it is not UTF-8, as input_line()).
 */
size_t input_rest(struct input *in, int legacy, char **s);

#endif
