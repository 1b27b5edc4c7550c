/*
 * import.c: reading corpus files: which format a file is in (by --format,
 * extension or content) and so which reader of the table readers[] reads
 * it (import_json.c, import_csv.c, import_text.c, behind struct
 * reader_kind). The rules each record then goes through before it is
 * handed on are in import_reader.c, below both.
 *
 * Every reader takes its file through import_input.c (byte order marks,
 * UTF-16; Windows-1252 for CSV and text), a piece at a time: JSON Lines
 * and CSV by lines, a JSON array by elements; only a single JSON object
 * and a text file are read whole. It hands each record to reader_emit(),
 * which tidies the fields and applies the rules shared by all formats:
 * label maps and labels, default source, ids by scope, dates, and "some
 * text is required".
 */
#include "import.h"

#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "i18n.h"
#include "import_input.h"
#include "import_reader.h"
#include "util.h"

/*
 * The readers, one line a format (import_reader.h says how to add one),
 * in the order content is sniffed: the first whose sniff says yes reads
 * a file that neither --format nor its extension places.
 */
static const struct reader_kind *const readers[] = {
	&import_jsonl_reader,
	&import_claimreview_reader,
	&import_csv_reader,
	&import_text_reader,
};
#define NREADERS (sizeof readers / sizeof *readers)

/* The reader of format f, or NULL (FMT_AUTO). */
static const struct reader_kind *reader_of(enum import_format f)
{
	for (size_t k = 0; k < NREADERS; k++)
		if (readers[k]->format == f)
			return readers[k];
	return NULL;
}

/* ---- format detection and the entry point ---- */

int import_format_parse(const char *name)
{
	if (!name)
		return -1;
	if (strcasecmp(name, "auto") == 0)
		return FMT_AUTO;
	for (size_t k = 0; k < NREADERS; k++) {
		if (strcasecmp(name, readers[k]->name) == 0)
			return (int)readers[k]->format;
		for (const char *const *a = readers[k]->aliases; a && *a; a++)
			if (strcasecmp(name, *a) == 0)
				return (int)readers[k]->format;
	}
	return -1;
}

const char *import_format_name(enum import_format f)
{
	const struct reader_kind *k = reader_of(f);
	return f == FMT_AUTO ? "auto" : k ? k->name : "unknown";
}

/* The reader a file's name chooses by its extension, or NULL. */
static const struct reader_kind *reader_by_ext(const char *path)
{
	for (size_t k = 0; k < NREADERS; k++)
		if (readers[k]->exts && import_has_ext(path, readers[k]->exts))
			return readers[k];
	return NULL;
}

/*
 * The reader of a file's start (s, n bytes, the first one not white space
 * at i) when neither --format nor the extension settled it: the first in
 * the table whose sniff says yes; named, when its extension shares it
 * (exts_shared), unless one before it says yes.
 */
static const struct reader_kind *sniffed(const char *s, size_t n, size_t i, const struct import_opts *o,
					 const struct reader_kind *named)
{
	for (size_t k = 0; k < NREADERS; k++)
		if (readers[k] == named || (readers[k]->sniff && readers[k]->sniff(s, n, i, o)))
			return readers[k];
	return readers[NREADERS - 1];
}

/* The base name of path, less its extension when strip is set. */
static char *base_name(const char *path, int strip)
{
	size_t n = strlen(path);
	while (n > 1 && path[n - 1] == '/')
		n--;
	size_t b = n;
	while (b > 0 && path[b - 1] != '/')
		b--;
	size_t e = n;
	if (strip)
		for (size_t k = n; k > b + 1; k--)
			if (path[k - 1] == '.') {
				e = k - 1;
				break;
			}
	if (e == b)
		return xstrndup(path, n);
	if ((e - b == 1 && path[b] == '.') || (e - b == 2 && path[b] == '.' && path[b + 1] == '.')) {
		/* "." or "..": name the directory itself */
		char *real = realpath(path, NULL);
		if (real) {
			char *name = strcmp(real, "/") == 0 ? xstrdup("/") : base_name(real, 0);
			free(real);
			return name;
		}
	}
	return xstrndup(path + b, e - b);
}

/* Make the whole first line of in available (or the file, when it has no LF): the bytes available. */
static size_t peek_line(struct input *in)
{
	size_t avail = input_fill(in, 1);
	while (!memchr(in->buf.buf + in->pos, '\n', avail)) {
		size_t more = input_fill(in, avail + 65536);
		if (more == avail)
			break;
		avail = more;
	}
	return avail;
}

int import_read(const char *path, const struct import_opts *o,
		doc_fn on_doc, bad_fn on_bad, void *ctx, char **err)
{
	static const struct import_opts defaults;
	if (!o)
		o = &defaults;
	if (err)
		*err = NULL;
	int use_stdin = !path || strcmp(path, "-") == 0;
	struct reader r = {
		.path = use_stdin ? "stdin" : path, .o = o,
		.on_doc = on_doc, .on_bad = on_bad, .ctx = ctx,
	};
	if (o->label && !(r.label = import_label(o->label))) {
		import_err(err, _("unknown label \"%s\" (labels: hoax, factcheck, official)"), o->label);
		return -1;
	}
	for (size_t k = 0; k < NREADERS; k++)
		if (readers[k]->check_opts && readers[k]->check_opts(o, err) < 0)
			return -1;
	int rc = 0;
	if (reader_label_map(&r, err) < 0) {
		rc = -1;
		goto out;
	}

	struct stat st;
	int isdir = 0;
	if (!use_stdin) {
		if (stat(path, &st) != 0) {
			import_err(err, "%s: %s", path, import_errstr(errno));
			rc = -1;
			goto out;
		}
		isdir = S_ISDIR(st.st_mode);
		if (!isdir && !S_ISREG(st.st_mode)) {
			import_err(err, _("%s: not a regular file"), path);
			rc = -1;
			goto out;
		}
	}
	const struct reader_kind *kind = reader_of(o->format);
	int named = 0;   /* the extension chose kind, but the content may choose one before it */
	if (!kind && !use_stdin) {
		kind = reader_by_ext(path);
		named = kind && kind->exts_shared;
		for (size_t k = 0; !kind && isdir && k < NREADERS; k++)
			if (readers[k]->read_dir)
				kind = readers[k];
	}
	if (isdir && (!kind || !kind->read_dir)) {
		import_err(err, _("%s: is a directory"), path);
		rc = -1;
		goto out;
	}
	r.source = o->source && *o->source ? xstrdup(o->source)
		   : use_stdin ? xstrdup("stdin") : base_name(path, !isdir);

	if (isdir) {
		rc = kind->read_dir(&r, path, err);
		goto out;
	}
	struct input in;
	if (input_open(&in, use_stdin ? NULL : path, r.path) != 0) {
		import_err(err, "%s: %s", r.path, errno == EISDIR ? _("is a directory") : import_errstr(errno));
		rc = -1;
		goto out;
	}
	/* enough of the file to tell the formats apart: 64 KiB, and the whole first line but for an array */
	size_t npeek = input_fill(&in, 65536);
	const char *peek = in.buf.buf + in.pos;
	size_t i = import_skip_ws(peek, npeek, 0);
	if ((!kind || named || kind->first_line) && !(i < npeek && peek[i] == '[')) {
		npeek = peek_line(&in);
		peek = in.buf.buf + in.pos;
	}
	if (!kind || named)
		kind = sniffed(peek, npeek, i, o, kind);
	/* not a bad record (there is none; text files count one), but say so */
	if (!kind->reads_empty && i == npeek && in.eof)
		warnx_(_("%s: empty file, nothing to import"), r.path);
	rc = kind->read(&r, &in, peek, npeek, err);
	if (in.err && rc == 0) {
		import_err(err, "%s: %s", r.path, import_errstr(in.err));
		rc = -1;
	}
	input_close(&in);
out:
	free(r.source);
	sb_release(&r.why);
	for (size_t k = 0; k < r.nlabels; k++)
		free(r.labels[k].value);
	free(r.labels);
	return rc;
}

int import_read_mem(const char *name, const char *s, size_t n, enum import_format fmt, const char *source,
		    doc_fn on_doc, bad_fn on_bad, void *ctx)
{
	static const struct import_opts defaults;
	if (!n)
		return 0;
	struct reader r = {
		.path = name, .o = &defaults, .source = xstrdup(source),
		.on_doc = on_doc, .on_bad = on_bad, .ctx = ctx,
	};
	struct input in;   /* the text as a file, for the readers (input_open() without the open) */
	memset(&in, 0, sizeof in);
	in.name = name;
	in.f = fmemopen((void *)s, n, "r");
	if (!in.f)
		die(EXIT_SYSTEM, "out of memory");
	sb_add(&in.buf, "", 0);
	reader_of(fmt == FMT_CLAIMREVIEW ? FMT_CLAIMREVIEW : FMT_JSONL)->read(&r, &in, NULL, 0, NULL);
	input_close(&in);
	free(r.source);
	sb_release(&r.why);
	return r.stop;
}
