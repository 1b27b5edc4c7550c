/*
 * import.c: reading corpus files, the part every format shares: which
 * format a file is in (by --format, extension or content), the reader
 * that reads it (import_json.c, import_csv.c, import_text.c), and the
 * rules each record then goes through before it is handed on (emit).
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
#include <jansson.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "date.h"
#include "i18n.h"
#include "import_csv.h"
#include "import_input.h"
#include "import_json.h"
#include "import_reader.h"
#include "import_text.h"
#include "text.h"
#include "util.h"

/* Where each field is in struct doc. */
static const size_t field_offsets[NFIELDS] = {
	offsetof(struct doc, id), offsetof(struct doc, label),
	offsetof(struct doc, rating), offsetof(struct doc, title),
	offsetof(struct doc, claim), offsetof(struct doc, body),
	offsetof(struct doc, publisher), offsetof(struct doc, url),
	offsetof(struct doc, date), offsetof(struct doc, source),
};

char **doc_field(struct doc *d, enum field f)
{
	return (char **)(void *)((char *)d + field_offsets[f]);
}

/* printf into a new string (never NULL). */
static char *vformat(const char *fmt, va_list ap)
{
	va_list aq;
	va_copy(aq, ap);
	int n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0)
		return xstrdup("");
	char *s = xmalloc((size_t)n + 1);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	return s;
}

void reader_bad(struct reader *r, long line, const char *fmt, ...)
{
	r->nbad++;
	if (!r->on_bad)
		return;
	sb_reset(&r->why);
	if (r->prefix)
		sb_printf(&r->why, "%s: ", r->prefix);
	va_list ap;
	va_start(ap, fmt);
	char *msg = vformat(fmt, ap);
	va_end(ap);
	sb_puts(&r->why, msg);
	free(msg);
	r->on_bad(r->ctx, line, r->why.buf);
}

void import_err(char **err, const char *fmt, ...)
{
	if (!err)
		return;
	va_list ap;
	va_start(ap, fmt);
	free(*err);
	*err = vformat(fmt, ap);
	va_end(ap);
}

const char *import_errstr(int e)
{
	static char buf[128];
	snprintf(buf, sizeof buf, "%s", strerror(e));
	if (buf[0] >= 'A' && buf[0] <= 'Z' && !(buf[1] >= 'A' && buf[1] <= 'Z'))
		buf[0] = (char)(buf[0] - 'A' + 'a');
	return buf;
}

/* ---- shared field rules ---- */

void field_tidy(char **s)
{
	if (!*s)
		return;
	char *p = *s;
	size_t n = strlen(p), a = 0;
	while (n > 0 && ascii_space(p[n - 1]))
		n--;
	while (a < n && ascii_space(p[a]))
		a++;
	if (a == n) {
		free(*s);
		*s = NULL;
		return;
	}
	memmove(p, p + a, n - a);
	p[n - a] = '\0';
}

int import_quote_len(const char *s)
{
	size_t n = strlen(s);
	if (n > 40) {
		n = 40;
		while (n > 0 && (s[n] & 0xC0) == 0x80)
			n--;
	}
	return (int)n;
}

static void replace(char **dst, const char *s)
{
	free(*dst);
	*dst = s ? xstrdup(s) : NULL;
}

/* Trim spaces and one pair of surrounding brackets ("[SALAH]") off the n bytes at *s. */
static void trim_label(const char **s, size_t *n)
{
	for (int round = 0; round < 2; round++) {
		while (*n > 0 && ascii_space(**s))
			(*s)++, (*n)--;
		while (*n > 0 && ascii_space((*s)[*n - 1]))
			(*n)--;
		if (round == 0 && *n >= 2 && (**s == '[' || **s == '(')
		    && (*s)[*n - 1] == (**s == '[' ? ']' : ')'))
			(*s)++, *n -= 2;
	}
}

const char *import_label(const char *name)
{
	static const struct { const char *name, *label; } labels[] = {
		{ "hoax", "hoax" }, { "hoaks", "hoax" }, { "hoaxes", "hoax" },
		{ "salah", "hoax" }, { "disinformasi", "hoax" }, { "misinformasi", "hoax" },
		{ "malinformasi", "hoax" }, { "fitnah", "hoax" }, { "hasutan", "hoax" },
		{ "palsu", "hoax" }, { "menyesatkan", "hoax" }, { "manipulasi", "hoax" },
		{ "konten palsu", "hoax" }, { "konten yang salah", "hoax" },
		{ "konten yang menyesatkan", "hoax" }, { "konten manipulasi", "hoax" },
		{ "konten tiruan", "hoax" }, { "konteks yang salah", "hoax" },
		{ "factcheck", "factcheck" }, { "fact-check", "factcheck" },
		{ "fact_check", "factcheck" }, { "fact check", "factcheck" },
		{ "cek fakta", "factcheck" }, { "cekfakta", "factcheck" },
		{ "periksa fakta", "factcheck" },
		{ "official", "official" }, { "valid", "official" },
		{ "resmi", "official" }, { "klarifikasi", "official" },
		{ "benar", "official" }, { "fakta", "official" },
	};
	if (!name)
		return NULL;
	size_t n = strlen(name);
	trim_label(&name, &n);
	for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
		if (strlen(labels[i].name) == n && strncasecmp(name, labels[i].name, n) == 0)
			return labels[i].label;
	return NULL;
}

/*
 * Parse the --map-label entries "value=label[,value=label...]" into
 * r->labels; -1 with *err set when one is wrong.
 */
static int parse_label_map(struct reader *r, char **err)
{
	for (size_t k = 0; k < r->o->nlabel_map; k++) {
		const char *e = r->o->label_map[k];
		while (*e) {
			const char *comma = strchr(e, ',');
			size_t n = comma ? (size_t)(comma - e) : strlen(e);
			const char *eq = memchr(e, '=', n);
			if (!eq) {
				import_err(err, _("bad --map-label \"%.*s\": expected VALUE=LABEL"), (int)n, e);
				return -1;
			}
			char *target = xstrndup(eq + 1, n - (size_t)(eq + 1 - e));
			const char *label = import_label(target);
			free(target);
			if (!label) {
				import_err(err, _("unknown label in --map-label \"%.*s\" (labels: hoax, factcheck, official)"),
					(int)n, e);
				return -1;
			}
			const char *v = e;
			size_t vn = (size_t)(eq - e);
			trim_label(&v, &vn);
			xgrow((void **)&r->labels, &r->labels_cap, r->nlabels + 1, sizeof *r->labels);
			r->labels[r->nlabels].value = xstrndup(v, vn);
			r->labels[r->nlabels++].label = label;
			e += n + (comma != NULL);
		}
	}
	return 0;
}

/* The canonical label of a record's label: --map-label first, then import_label(). */
static const char *record_label(const struct reader *r, const char *name)
{
	const char *s = name;
	size_t n = strlen(s);
	trim_label(&s, &n);
	for (size_t i = 0; i < r->nlabels; i++)
		if (strlen(r->labels[i].value) == n && strncasecmp(s, r->labels[i].value, n) == 0)
			return r->labels[i].label;
	return import_label(name);
}

/*
 * The id of a record that carries one: kept as given when the record
 * names its own source (its source vouches for the id: saring's exports,
 * curated corpora), else made SOURCE:ID, so that two datasets numbering
 * their rows 1, 2, 3 never share an id. An id that already starts with
 * "SOURCE:" (an export read back) is kept.
 */
static void scope_id(struct doc *d, const char *source, int named_source)
{
	if (!d->id || d->id_scope)
		return;
	size_t n = strlen(source);
	if (named_source) {
		d->id_scope = DOC_ID_OWN;
		return;
	}
	d->id_scope = DOC_ID_SOURCE;
	if (strncmp(d->id, source, n) == 0 && d->id[n] == ':')
		return;
	struct strbuf sb = STRBUF_INIT;
	sb_printf(&sb, "%s:%s", source, d->id);
	free(d->id);
	d->id = sb_detach(&sb);
}

/* The rules every format shares (import_reader.h). */
void reader_emit(struct reader *r, struct doc *d, long line, const char *deflabel)
{
	for (int f = 0; f < NFIELDS; f++)
		field_tidy(doc_field(d, (enum field)f));
	if (d->label) {
		const char *l = record_label(r, d->label);
		if (!l) {
			reader_bad(r, line, _("unknown label \"%.*s\" (map it: --map-label '%.*s=hoax')"),
			    import_quote_len(d->label), d->label, import_quote_len(d->label), d->label);
			goto drop;
		}
		replace(&d->label, l);
	} else if (deflabel) {
		d->label = xstrdup(deflabel);
	} else {
		reader_bad(r, line, _("no label"));
		goto drop;
	}
	if (!d->title && !d->claim && !d->body) {
		reader_bad(r, line, _("no text, claim or title"));
		goto drop;
	}
	if (d->date) {
		char ymd[11];
		replace(&d->date, date_parse(d->date, ymd) == 0 ? ymd : NULL);
	}
	int named_source = d->source != NULL;
	if (!d->source)
		d->source = xstrdup(r->source);
	scope_id(d, d->source, named_source);
	r->ndocs++;
	if (r->on_doc(r->ctx, d, line))
		r->stop = 1;
	return;
drop:
	doc_clear(d);
}

size_t lf_line_ends(char *out, const char *s, size_t n)
{
	size_t j = 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] != '\r')
			out[j++] = s[i];
		else if (i + 1 == n || s[i + 1] != '\n')
			out[j++] = '\n';
	out[j] = '\0';
	return j;
}

int import_has_ext(const char *name, const char *const *exts)
{
	const char *dot = strrchr(name, '.');
	const char *slash = strrchr(name, '/');
	if (!dot || dot == name || (slash && dot < slash) || dot[-1] == '/')
		return 0;
	for (; *exts; exts++)
		if (strcasecmp(dot + 1, *exts) == 0)
			return 1;
	return 0;
}

size_t import_skip_ws(const char *s, size_t n, size_t i)
{
	while (i < n && ascii_space(s[i]))
		i++;
	return i;
}

/* ---- format detection and the entry point ---- */

int import_format_parse(const char *name)
{
	static const struct { const char *name; enum import_format f; } names[] = {
		{ "auto", FMT_AUTO }, { "jsonl", FMT_JSONL }, { "ndjson", FMT_JSONL },
		{ "csv", FMT_CSV }, { "tsv", FMT_CSV }, { "claimreview", FMT_CLAIMREVIEW },
		{ "json", FMT_CLAIMREVIEW }, { "jsonld", FMT_CLAIMREVIEW },
		{ "text", FMT_TEXT }, { "txt", FMT_TEXT }, { "md", FMT_TEXT },
		{ "markdown", FMT_TEXT },
	};
	if (!name)
		return -1;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcasecmp(name, names[i].name) == 0)
			return (int)names[i].f;
	return -1;
}

const char *import_format_name(enum import_format f)
{
	switch (f) {
	case FMT_AUTO: return "auto";
	case FMT_JSONL: return "jsonl";
	case FMT_CSV: return "csv";
	case FMT_CLAIMREVIEW: return "claimreview";
	case FMT_TEXT: return "text";
	}
	return "unknown";
}

static const char *const jsonl_exts[] = { "jsonl", "ndjson", NULL };
static const char *const csv_exts[] = { "csv", "tsv", NULL };
static const char *const json_exts[] = { "json", "jsonld", NULL };
static const char *const tsv_exts[] = { "tsv", NULL };

/*
 * Tell JSON Lines from ClaimReview JSON when the text starts with '{' or
 * '[': JSON Lines when its first line is a whole JSON object, ClaimReview
 * otherwise (an array, or an object spread over several lines).
 */
static enum import_format sniff_json(const char *s, size_t n, size_t i)
{
	if (s[i] == '[')
		return FMT_CLAIMREVIEW;
	const char *nl = memchr(s + i, '\n', n - i);
	size_t end = nl ? (size_t)(nl - s) : n;
	json_t *v = json_loadb(s + i, end - i, 0, NULL);
	int obj = json_is_object(v);
	json_decref(v);
	return obj ? FMT_JSONL : FMT_CLAIMREVIEW;
}

/* The format of a file's text when neither --format nor the extension says. */
static enum import_format sniff(const char *s, size_t n, const struct import_opts *o)
{
	size_t i = import_skip_ws(s, n, 0);
	if (i < n && (s[i] == '{' || s[i] == '['))
		return sniff_json(s, n, i);
	if (csv_header_like(s, n, o))
		return FMT_CSV;
	return FMT_TEXT;
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
	for (size_t k = 0; k < o->nmap; k++) {
		const char *column;
		if (csv_map_field(o->map[k], &column, err) < 0)
			return -1;
	}
	int rc = 0;
	if (parse_label_map(&r, err) < 0) {
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
	enum import_format fmt = o->format;
	int json_ext = 0;
	if (fmt == FMT_AUTO && !use_stdin) {
		if (import_has_ext(path, jsonl_exts))
			fmt = FMT_JSONL;
		else if (import_has_ext(path, csv_exts))
			fmt = FMT_CSV;
		else if (import_has_ext(path, json_exts))
			json_ext = 1;
		else if (import_has_ext(path, import_text_exts) || isdir)
			fmt = FMT_TEXT;
	}
	if (isdir && fmt != FMT_TEXT) {
		import_err(err, _("%s: is a directory"), path);
		rc = -1;
		goto out;
	}
	r.source = o->source && *o->source ? xstrdup(o->source)
		   : use_stdin ? xstrdup("stdin") : base_name(path, !isdir);

	if (isdir) {
		rc = read_text_dir(&r, path, err);
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
	if ((fmt == FMT_AUTO || fmt == FMT_CSV) && !(i < npeek && peek[i] == '[')) {
		npeek = peek_line(&in);
		peek = in.buf.buf + in.pos;
	}
	if (fmt == FMT_AUTO) {
		if (json_ext)
			fmt = i < npeek && peek[i] == '{' ? sniff_json(peek, npeek, i) : FMT_CLAIMREVIEW;
		else
			fmt = sniff(peek, npeek, o);
	}
	/* not a bad record (there is none; text files count one), but say so */
	if (fmt != FMT_TEXT && i == npeek && in.eof)
		warnx_(_("%s: empty file, nothing to import"), r.path);
	switch (fmt) {
	case FMT_JSONL:
		read_jsonl(&r, &in);
		break;
	case FMT_CLAIMREVIEW:
		read_claimreview(&r, &in);
		break;
	case FMT_CSV:
		rc = read_csv(&r, &in, peek, npeek, !use_stdin && import_has_ext(path, tsv_exts), err);
		break;
	case FMT_TEXT:
	case FMT_AUTO: {
		char *s;
		size_t n = input_rest(&in, 1, &s);
		if (!in.err)
			text_doc(&r, s, n);
		break;
	}
	}
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
	if (fmt == FMT_CLAIMREVIEW)
		read_claimreview(&r, &in);
	else
		read_jsonl(&r, &in);
	input_close(&in);
	free(r.source);
	sb_release(&r.why);
	return r.stop;
}
