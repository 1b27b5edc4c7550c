/*
 * fuzz_import.h: the body shared by the import-format targets: write the
 * input to a scratch file, read it with import_read() in one format, and
 * check what every reader promises (import.h): each record has a
 * canonical label, some text, a source, a YYYY-MM-DD date or none, valid
 * UTF-8 everywhere, a line inside the file, and no record after the
 * callback asked to stop.
 */
#ifndef SARING_FUZZ_IMPORT_H
#define SARING_FUZZ_IMPORT_H

#include "fuzz.h"
#include "import.h"
#include "util.h"

struct fuzz_seen {
	long max_line;      /* lines in the input (an upper bound) */
	size_t docs, stop;  /* records seen; ask to stop after this many (0: never) */
	int stopped;
};

static int fuzz_on_doc(void *ctx, struct doc *d, long line)
{
	struct fuzz_seen *s = ctx;
	FUZZ_ASSERT(!s->stopped);
	FUZZ_ASSERT(line >= 1 && line <= s->max_line);
	FUZZ_ASSERT(d->label && (!strcmp(d->label, "hoax") || !strcmp(d->label, "factcheck") ||
				 !strcmp(d->label, "official")));
	FUZZ_ASSERT(d->title || d->claim || d->body);
	FUZZ_ASSERT(d->source);
	FUZZ_ASSERT(!d->date || (strlen(d->date) == 10 && d->date[4] == '-' && d->date[7] == '-'));
	const char *f[] = { d->id, d->label, d->rating, d->title, d->claim, d->body,
			    d->publisher, d->url, d->date, d->source };
	for (size_t i = 0; i < sizeof f / sizeof *f; i++) {
		FUZZ_ASSERT(fuzz_str_ok(f[i]));
		FUZZ_ASSERT(!f[i] || f[i][0]);   /* "" counts as absent */
	}
	doc_clear(d);
	s->docs++;
	if (s->stop && s->docs >= s->stop) {
		s->stopped = 1;
		return 1;
	}
	return 0;
}

static void fuzz_on_bad(void *ctx, long line, const char *reason)
{
	struct fuzz_seen *s = ctx;
	FUZZ_ASSERT(line >= 1 && line <= s->max_line);
	FUZZ_ASSERT(reason && reason[0]);
}

/* Read data as one import file named "input<ext>" in format fmt. */
static void fuzz_import(const uint8_t *data, size_t size, const char *ext, enum import_format fmt)
{
	const char *path = fuzz_file(data, size, ext);
	struct fuzz_seen s = { 1, 0, size % 5, 0 };
	for (size_t i = 0; i < size; i++)
		if (data[i] == '\n' || data[i] == '\r')
			s.max_line++;
	/* half the inputs get a default label, so records without one get through;
	 * half a label map, so 1/0 and other values do too */
	static const char *const label_map[] = { "1=hoax,0=official", "x=factcheck" };
	struct import_opts o = { fmt, size & 1 ? "hoax" : NULL, NULL, NULL, 0,
				 label_map, size & 2 ? 2 : 0 };
	char *err = NULL;
	int rc = import_read(path, &o, fuzz_on_doc, fuzz_on_bad, &s, &err);
	FUZZ_ASSERT(rc == 0 || rc == -1);
	FUZZ_ASSERT(rc == 0 || err);
	FUZZ_ASSERT(fuzz_str_ok(err));
	free(err);
}

#endif
