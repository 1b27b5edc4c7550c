/*
 * import_csv.c: CSV and TSV files read into documents (import_reader.h),
 * with libcsv, a line at a time.
 */
#include "import_reader.h"

#include <csv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "i18n.h"
#include "text.h"

/* Field names as --map takes them. */
static const char *const field_names[NFIELDS] = {
	"id", "label", "rating", "title", "claim", "body",
	"publisher", "url", "date", "source",
};

/* Column names that map to a field without --map (compared ignoring case). */
static const struct { const char *name; enum field f; } csv_columns[] = {
	{ "id", F_ID }, { "label", F_LABEL }, { "kategori", F_LABEL }, { "rating", F_RATING },
	{ "title", F_TITLE }, { "judul", F_TITLE }, { "headline", F_TITLE },
	{ "claim", F_CLAIM }, { "text", F_BODY }, { "body", F_BODY },
	{ "content", F_BODY }, { "narasi", F_BODY }, { "isi", F_BODY }, { "berita", F_BODY },
	{ "publisher", F_PUBLISHER }, { "url", F_URL }, { "link", F_URL },
	{ "date", F_DATE }, { "tanggal", F_DATE }, { "source", F_SOURCE },
};

/* Does the n bytes at s, less surrounding spaces and quotes, equal name (any case)? */
static int name_is(const char *s, size_t n, const char *name)
{
	while (n > 0 && (ascii_space(*s) || *s == '"')) {
		s++;
		n--;
	}
	while (n > 0 && (ascii_space(s[n - 1]) || s[n - 1] == '"'))
		n--;
	return strlen(name) == n && strncasecmp(s, name, n) == 0;
}

/*
 * The field of a --map entry "field=column" ("text" is taken for body),
 * with *column pointing after the '='; -1 with *err set when it is wrong.
 */
static int csv_map_field(const char *entry, const char **column, char **err)
{
	const char *eq = strchr(entry, '=');
	if (!eq) {
		import_err(err, _("bad --map \"%s\": expected field=column"), entry);
		return -1;
	}
	*column = eq + 1;
	size_t n = (size_t)(eq - entry);
	for (int f = 0; f < NFIELDS; f++)
		if (name_is(entry, n, field_names[f]))
			return f;
	if (name_is(entry, n, "text"))
		return F_BODY;
	import_err(err, _("unknown field \"%.*s\" in --map \"%s\" (fields: id, label, rating, "
			  "title, claim, body, publisher, url, date, source)"), (int)n, entry, entry);
	return -1;
}

/* The separator of a CSV file, from its first line: ',', ';' or TAB. */
static char csv_separator(const char *s, size_t n, int tsv)
{
	if (tsv)
		return '\t';
	size_t comma = 0, semi = 0, tab = 0;
	int quoted = 0;
	for (size_t i = 0; i < n && (quoted || s[i] != '\n'); i++) {
		if (s[i] == '"')
			quoted = !quoted;
		else if (!quoted && s[i] == ',')
			comma++;
		else if (!quoted && s[i] == ';')
			semi++;
		else if (!quoted && s[i] == '\t')
			tab++;
	}
	if (semi > comma && semi >= tab)
		return ';';
	if (tab > comma && tab > semi)
		return '\t';
	return ',';
}

/*
 * Does the first line look like a CSV header: a separator, and a column
 * name saring knows or one that --map names? Plain text whose first line
 * has a comma is not taken for CSV.
 */
static int csv_header_like(const char *s, size_t n, size_t i, const struct import_opts *o)
{
	(void)i;
	char sep = csv_separator(s, n, 0);
	const char *nl = memchr(s, '\n', n);
	size_t end = nl ? (size_t)(nl - s) : n;
	if (!memchr(s, sep, end))
		return 0;
	for (size_t a = 0; a <= end;) {
		const char *p = memchr(s + a, sep, end - a);
		size_t b = p ? (size_t)(p - s) : end;
		for (size_t k = 0; k < sizeof csv_columns / sizeof csv_columns[0]; k++)
			if (name_is(s + a, b - a, csv_columns[k].name))
				return 1;
		for (size_t k = 0; k < o->nmap; k++) {
			const char *col = strchr(o->map[k], '=');
			if (col && *++col && name_is(s + a, b - a, col))
				return 1;
		}
		a = b + 1;
	}
	return 0;
}

/* Where one field of the current row is in csv_state.row. */
struct csv_span {
	size_t off, len;
};

/* The CSV reader's state between libcsv callbacks. */
struct csv_state {
	struct reader *r;
	int header;              /* the header row has been read */
	size_t ncols;            /* fields in the header */
	int col[NFIELDS];        /* column of each field; -1 none */
	struct strbuf row;       /* the current row's fields, back to back */
	struct csv_span *span;   /* each field of the current row (owned) */
	size_t nf, cap;
	int nul;                 /* a field of the current row holds a NUL byte */
	long line;               /* line being fed to libcsv */
	long rec_line;           /* line where the current row started */
	int need_start;          /* the next row has not started yet */
	char *err;               /* a fault that stops the import (owned) */
};

static void csv_on_field(void *s, size_t n, void *data)
{
	struct csv_state *c = data;
	if (c->r->stop || c->err)
		return;
	if (c->need_start) {
		c->rec_line = c->line;
		c->need_start = 0;
	}
	xgrow((void **)&c->span, &c->cap, c->nf + 1, sizeof *c->span);
	c->span[c->nf].off = c->row.len;
	c->span[c->nf].len = n;
	c->nf++;
	if (n) {
		if (memchr(s, '\0', n))
			c->nul = 1;
		sb_add(&c->row, s, n);
	}
}

/* A field's text with CRLF and lone CR line ends made LF. */
static char *csv_value(const struct csv_state *c, size_t i)
{
	size_t n = c->span[i].len;
	char *t = xmalloc(n + 1);
	lf_line_ends(t, c->row.buf + c->span[i].off, n);
	return t;
}

/*
 * Match the header's columns to fields: --map entries first (a column a
 * --map entry takes is not matched again by name; "field=" ignores the
 * field), then the known column names, the first matching column winning.
 */
static void csv_header(struct csv_state *c)
{
	const struct import_opts *o = c->r->o;
	c->header = 1;
	c->ncols = c->nf;
	char *taken = xcalloc(c->ncols, 1);
	for (int f = 0; f < NFIELDS; f++)
		c->col[f] = -1;
	for (size_t k = 0; k < o->nmap; k++) {
		const char *column;
		int f = csv_map_field(o->map[k], &column, &c->err);
		if (f < 0)
			goto out;
		if (!*column) {
			c->col[f] = -2;
			continue;
		}
		size_t j;
		for (j = 0; j < c->ncols; j++)
			if (name_is(c->row.buf + c->span[j].off, c->span[j].len, column))
				break;
		if (j == c->ncols) {
			import_err(&c->err, _("%s: no column \"%s\" (--map %s)"), c->r->path, column, o->map[k]);
			goto out;
		}
		c->col[f] = (int)j;
		taken[j] = 1;
	}
	for (size_t j = 0; j < c->ncols; j++) {
		if (taken[j])
			continue;
		const char *name = c->row.buf + c->span[j].off;
		for (size_t k = 0; k < sizeof csv_columns / sizeof csv_columns[0]; k++) {
			enum field f = csv_columns[k].f;
			if (c->col[f] == -1 && name_is(name, c->span[j].len, csv_columns[k].name)) {
				c->col[f] = (int)j;
				break;
			}
		}
	}
	if (c->col[F_TITLE] < 0 && c->col[F_CLAIM] < 0 && c->col[F_BODY] < 0)
		import_err(&c->err, _("%s: no title, claim or text column; use --map body=COLUMN"), c->r->path);
out:
	free(taken);
}

static void csv_on_row(int term, void *data)
{
	(void)term;
	struct csv_state *c = data;
	if (c->r->stop || c->err) {
		/* nothing */
	} else if (!c->header) {
		csv_header(c);
	} else if (c->nf != c->ncols) {
		reader_bad(c->r, c->rec_line, _("expected %zu fields, got %zu"), c->ncols, c->nf);
	} else if (c->nul) {
		reader_bad(c->r, c->rec_line, _("NUL byte in a field"));
	} else {
		struct doc d = { 0 };
		for (int f = 0; f < NFIELDS; f++)
			if (c->col[f] >= 0)
				*doc_field(&d, (enum field)f) = csv_value(c, (size_t)c->col[f]);
		reader_emit(c->r, &d, c->rec_line, c->r->label);
	}
	c->nf = 0;
	c->nul = 0;
	sb_reset(&c->row);
	c->need_start = 1;
}

static int csv_blank_char(unsigned char ch)
{
	return ch == ' ';
}

/*
 * CSV with a header line. libcsv does the parsing; the text is fed to it
 * a line at a time, read a line at a time, so that each row gets the line
 * where it starts and memory holds a row, not the file. The separator and
 * the line end come from the first line (peek: what is available of it).
 * Returns 0, or -1 with *err set when the header cannot be used.
 */
static int read_csv(struct reader *r, struct input *in, const char *peek, size_t npeek,
		    int tsv, char **err)
{
	struct csv_state c = { .r = r, .need_start = 1 };
	sb_add(&c.row, "", 0);  /* row.buf is never NULL */
	struct csv_parser p;
	if (csv_init(&p, 0) != 0) {
		import_err(err, _("%s: out of memory"), r->path);
		return -1;
	}
	csv_set_delim(&p, (unsigned char)csv_separator(peek, npeek, tsv));
	csv_set_space_func(&p, csv_blank_char);
	/* lines end in LF, or in CR alone in old Mac files */
	char eol = memchr(peek, '\n', npeek) || !memchr(peek, '\r', npeek) ? '\n' : '\r';
	int rc = 0;
	char *s;
	size_t n;
	while (!r->stop && !c.err && input_line(in, eol, 1, &s, &n)) {
		c.line++;
		if (c.need_start) {
			size_t k = 0;
			while (k < n && (s[k] == ' ' || s[k] == '\r' || s[k] == '\n'))
				k++;
			if (k < n) {
				c.rec_line = c.line;
				c.need_start = 0;
			}
		}
		/* grow libcsv's field buffer geometrically, not 128 bytes at a time */
		size_t blk = csv_get_buffer_size(&p);
		if (blk < n + 2)
			blk = n + 2;
		csv_set_blk_size(&p, blk < 1024 ? 1024 : blk);
		if (csv_parse(&p, s, n, csv_on_field, csv_on_row, &c) != n
		    || csv_parse(&p, &eol, 1, csv_on_field, csv_on_row, &c) != 1) {
			import_err(&c.err, "%s:%ld: %s", r->path, c.line, csv_strerror(csv_error(&p)));
			break;
		}
	}
	if (!r->stop && !c.err) {
		/* strict only now: it makes csv_fini report a quote never closed */
		csv_set_opts(&p, (unsigned char)(csv_get_opts(&p) | CSV_STRICT | CSV_STRICT_FINI));
		if (csv_fini(&p, csv_on_field, csv_on_row, &c) != 0) {
			if (c.header)
				reader_bad(r, c.rec_line, _("unterminated quoted field"));
			else
				import_err(&c.err, _("%s:%ld: unterminated quoted field in the header"), r->path, c.rec_line);
		}
	}
	if (c.err) {
		if (err) {
			free(*err);
			*err = c.err;
		} else {
			free(c.err);
		}
		rc = -1;
	}
	csv_free(&p);
	sb_release(&c.row);
	free(c.span);
	return rc;
}

/* The --map entries, checked before any file is read (they name fields whatever the format). */
static int csv_check_opts(const struct import_opts *o, char **err)
{
	for (size_t k = 0; k < o->nmap; k++) {
		const char *column;
		if (csv_map_field(o->map[k], &column, err) < 0)
			return -1;
	}
	return 0;
}

static const char *const tsv_exts[] = { "tsv", NULL };

/* A file named .tsv is split by TABs; any other has its separator sniffed. */
static int csv_read(struct reader *r, struct input *in, const char *peek, size_t npeek, char **err)
{
	return read_csv(r, in, peek, npeek, import_has_ext(r->path, tsv_exts), err);
}

static const char *const csv_names[] = { "tsv", NULL };
static const char *const csv_exts[] = { "csv", "tsv", NULL };

const struct reader_kind import_csv_reader = {
	.format = FMT_CSV,
	.name = "csv",
	.aliases = csv_names,
	.exts = csv_exts,
	.first_line = 1,
	.check_opts = csv_check_opts,
	.sniff = csv_header_like,
	.read = csv_read,
};
