/*
 * import.c: corpus file formats. The readers turn JSON Lines, CSV,
 * schema.org ClaimReview JSON(-LD) and text/Markdown files into struct doc
 * records; the writers produce JSON Lines and ClaimReview that the readers
 * take back unchanged.
 *
 * Every reader takes its file through import_input.c (byte order marks,
 * UTF-16; Windows-1252 for CSV and text), a piece at a time: JSON Lines
 * and CSV by lines, a JSON array by elements; only a single JSON object
 * and a text file are read whole. It hands each record to emit(), which
 * tidies the fields and applies the rules shared by all formats: label
 * maps and labels, default source, ids by scope, dates, and "some text is
 * required".
 */
#include "import.h"

#include <csv.h>
#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "import_input.h"
#include "out.h"
#include "text.h"
#include "util.h"

/* The document fields, in the order the writers put them. */
enum field {
	F_ID, F_LABEL, F_RATING, F_TITLE, F_CLAIM, F_BODY,
	F_PUBLISHER, F_URL, F_DATE, F_SOURCE, NFIELDS
};

/* Field names as --map takes them. */
static const char *const field_names[NFIELDS] = {
	"id", "label", "rating", "title", "claim", "body",
	"publisher", "url", "date", "source",
};

/* Where each field is in struct doc. */
static const size_t field_offsets[NFIELDS] = {
	offsetof(struct doc, id), offsetof(struct doc, label),
	offsetof(struct doc, rating), offsetof(struct doc, title),
	offsetof(struct doc, claim), offsetof(struct doc, body),
	offsetof(struct doc, publisher), offsetof(struct doc, url),
	offsetof(struct doc, date), offsetof(struct doc, source),
};

static char **doc_field(struct doc *d, enum field f)
{
	return (char **)(void *)((char *)d + field_offsets[f]);
}

/* One import_read call: where records go and what applies to all of them. */
struct reader {
	const char *path;             /* as given, for messages (borrowed) */
	const struct import_opts *o;  /* borrowed */
	const char *label;            /* opts->label made canonical, or NULL */
	char *source;                 /* default source name (owned) */
	const char *prefix;           /* file name put before reasons in a directory, or NULL */
	doc_fn on_doc;
	bad_fn on_bad;
	void *ctx;
	int stop;                     /* on_doc asked to stop */
	struct strbuf why;            /* scratch for bad-record reasons */
	struct label_pair {
		char *value;          /* a record's label as the file writes it (owned) */
		const char *label;    /* the canonical label it stands for (static) */
	} *labels;                    /* --map-label, parsed (owned) */
	size_t nlabels, labels_cap;
	long ndocs, nbad;             /* records handed on, bad records reported */
};

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

static void bad(struct reader *r, long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Report a bad record to the caller; in a directory, the reason names the file. */
static void bad(struct reader *r, long line, const char *fmt, ...)
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

static void set_err(char **err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Set import_read's *err (when err is not NULL), replacing any earlier one. */
static void set_err(char **err, const char *fmt, ...)
{
	if (!err)
		return;
	va_list ap;
	va_start(ap, fmt);
	free(*err);
	*err = vformat(fmt, ap);
	va_end(ap);
}

/* strerror() in the house style: "no such file or directory". */
static const char *errstr(int e)
{
	static char buf[128];
	snprintf(buf, sizeof buf, "%s", strerror(e));
	if (buf[0] >= 'A' && buf[0] <= 'Z' && !(buf[1] >= 'A' && buf[1] <= 'Z'))
		buf[0] = (char)(buf[0] - 'A' + 'a');
	return buf;
}

/* ---- shared field rules ---- */

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/* Trim *s in place; an empty result becomes NULL. */
static void tidy(char **s)
{
	if (!*s)
		return;
	char *p = *s;
	size_t n = strlen(p), a = 0;
	while (n > 0 && is_space(p[n - 1]))
		n--;
	while (a < n && is_space(p[a]))
		a++;
	if (a == n) {
		free(*s);
		*s = NULL;
		return;
	}
	memmove(p, p + a, n - a);
	p[n - a] = '\0';
}

/* How many bytes of s to quote in a message: at most 40, whole characters. */
static int quote_len(const char *s)
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
		while (*n > 0 && is_space(**s))
			(*s)++, (*n)--;
		while (*n > 0 && is_space((*s)[*n - 1]))
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
				set_err(err, "bad --map-label \"%.*s\": expected VALUE=LABEL", (int)n, e);
				return -1;
			}
			char *target = xstrndup(eq + 1, n - (size_t)(eq + 1 - e));
			const char *label = import_label(target);
			free(target);
			if (!label) {
				set_err(err, "unknown label in --map-label \"%.*s\" (labels: hoax, factcheck, official)",
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

/*
 * Hand a record to the caller after the rules every format shares: trim
 * the fields (empty means absent), make the label canonical or use
 * deflabel, fill in the source, normalise the date (dropped silently when
 * it cannot be read), and require a title, claim or body.
 */
static void emit(struct reader *r, struct doc *d, long line, const char *deflabel)
{
	for (int f = 0; f < NFIELDS; f++)
		tidy(doc_field(d, (enum field)f));
	if (d->label) {
		const char *l = record_label(r, d->label);
		if (!l) {
			bad(r, line, "unknown label \"%.*s\" (map it: --map-label '%.*s=hoax')",
			    quote_len(d->label), d->label, quote_len(d->label), d->label);
			goto drop;
		}
		replace(&d->label, l);
	} else if (deflabel) {
		d->label = xstrdup(deflabel);
	} else {
		bad(r, line, "no label");
		goto drop;
	}
	if (!d->title && !d->claim && !d->body) {
		bad(r, line, "no text, claim or title");
		goto drop;
	}
	if (d->date) {
		char ymd[11];
		replace(&d->date, import_date(d->date, ymd) == 0 ? ymd : NULL);
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

/* ---- dates ---- */

static int month_days(int y, int m)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return days[m - 1];
}

/* Read min to max digits at *s as a number; -1 when there are fewer or more. */
static int digits(const char **s, int min, int max)
{
	int v = 0, n = 0;
	while (**s >= '0' && **s <= '9') {
		if (++n > max)
			return -1;
		v = v * 10 + (**s - '0');
		(*s)++;
	}
	return n >= min ? v : -1;
}

static int is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* An English or Indonesian month name or abbreviation at *s: 1-12, or -1. */
static int month_name(const char **s)
{
	static const char *const names[] = {
		"jan", "feb", "peb", "mar", "apr", "mei", "may", "jun", "jul",
		"agu", "agt", "aug", "sep", "okt", "oct", "nov", "des", "dec",
	};
	static const int months[] = { 1, 2, 2, 3, 4, 5, 5, 6, 7, 8, 8, 8, 9, 10, 10, 11, 12, 12 };
	const char *p = *s;
	size_t n = 0;
	while (is_alpha(p[n]))
		n++;
	if (n < 3)
		return -1;
	for (size_t i = 0; i < sizeof months / sizeof months[0]; i++) {
		if (strncasecmp(p, names[i], 3) == 0) {
			*s = p + n + (p[n] == '.');
			return months[i];
		}
	}
	return -1;
}

static int make_date(char out[11], int y, int m, int d)
{
	if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1 || d > month_days(y, m))
		return -1;
	int v[3] = { y, m, d }, w[3] = { 4, 2, 2 };
	char *p = out;
	for (int k = 0; k < 3; k++) {
		for (int i = w[k] - 1; i >= 0; i--, v[k] /= 10)
			p[i] = (char)('0' + v[k] % 10);
		p += w[k];
		*p++ = k < 2 ? '-' : '\0';
	}
	return 0;
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

int import_date(const char *s, char out[11])
{
	if (!s)
		return -1;
	while (is_space(*s))
		s++;
	/* "Senin, 2 Januari 2024": skip a weekday name before a comma */
	const char *p = s;
	while (is_alpha(*p))
		p++;
	if (p > s && *p == ',' && p[1] == ' ') {
		s = p + 1;
		while (is_space(*s))
			s++;
	}
	p = s;
	if (is_alpha(*p)) {
		/* "January 2, 2024" */
		int m = month_name(&p);
		if (m < 0 || *p != ' ')
			return -1;
		p++;
		int d = digits(&p, 1, 2);
		if (*p == ',')
			p++;
		if (d < 0 || *p != ' ')
			return -1;
		p++;
		int y = digits(&p, 4, 4);
		if (y < 0 || is_digit(*p) || is_alpha(*p))
			return -1;
		return make_date(out, y, m, d);
	}
	int a = digits(&p, 1, 4);
	if (a < 0)
		return -1;
	size_t alen = (size_t)(p - s);
	char sep = *p;
	if (alen == 4) {
		/* YYYY-MM-DD, maybe with a time after it */
		if (sep != '-' && sep != '/' && sep != '.')
			return -1;
		p++;
		int m = digits(&p, 1, 2);
		if (m < 0 || *p != sep)
			return -1;
		p++;
		int d = digits(&p, 1, 2);
		if (d < 0 || is_digit(*p) || (is_alpha(*p) && *p != 'T' && *p != 't'))
			return -1;
		return make_date(out, a, m, d);
	}
	if (alen > 2 || (sep != '-' && sep != '/' && sep != '.' && sep != ' '))
		return -1;
	p++;
	while (sep == ' ' && *p == ' ')
		p++;
	int m, y;
	if (is_digit(*p)) {
		/* DD/MM/YYYY */
		if (sep == ' ')
			return -1;
		m = digits(&p, 1, 2);
		if (m < 0 || *p != sep)
			return -1;
		p++;
		y = digits(&p, 4, 4);
	} else {
		/* 2 Jan 2024, 17-Aug-20 */
		m = month_name(&p);
		if (m < 0)
			return -1;
		if (*p != sep && !(*p == ' ' || *p == ','))
			return -1;
		while (*p == sep || *p == ' ' || *p == ',')
			p++;
		const char *ys = p;
		y = digits(&p, 2, 4);
		if (y >= 0 && p - ys == 2)
			y += y < 70 ? 2000 : 1900;
		else if (p - ys != 4)
			return -1;
	}
	if (y < 0 || is_digit(*p) || is_alpha(*p))
		return -1;
	return make_date(out, y, m, a);
}

/* ---- JSON helpers ---- */

/* A non-empty string member of o, or NULL. */
static const char *jget(const json_t *o, const char *key)
{
	const json_t *v = json_object_get(o, key);
	const char *s = json_is_string(v) ? json_string_value(v) : NULL;
	return s && *s ? s : NULL;
}

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

/* The name of an author or publisher: a string, an object's "name", or the first in an array. */
static const char *jname(json_t *v)
{
	if (json_is_string(v))
		return *json_string_value(v) ? json_string_value(v) : NULL;
	if (json_is_object(v))
		return jget(v, "name");
	if (json_is_array(v)) {
		size_t i;
		json_t *e;
		json_array_foreach(v, i, e) {
			const char *s = jname(e);
			if (s)
				return s;
		}
	}
	return NULL;
}

/* An identifier: a string, an integer, a PropertyValue's "value", or the first in an array. */
static char *jid(json_t *v)
{
	if (json_is_string(v))
		return *json_string_value(v) ? xstrdup(json_string_value(v)) : NULL;
	if (json_is_integer(v)) {
		struct strbuf sb = STRBUF_INIT;
		sb_printf(&sb, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		return sb_detach(&sb);
	}
	if (json_is_object(v))
		return jid(json_object_get(v, "value"));
	if (json_is_array(v))
		return jid(json_array_get(v, 0));
	return NULL;
}

/* A printable copy of a jansson error text: it may quote bytes of the input. */
static void jerror(struct reader *r, long line, const json_error_t *e)
{
	if (json_error_code(e) == json_error_invalid_utf8) {
		bad(r, line, "invalid UTF-8");
		return;
	}
	if (json_error_code(e) == json_error_null_character) {
		bad(r, line, "NUL character in a string");
		return;
	}
	struct strbuf sb = STRBUF_INIT;
	utf8_repair(&sb, e->text, strnlen(e->text, sizeof e->text - 1), 1);
	for (size_t i = 0; i < sb.len; i++)
		if ((unsigned char)sb.buf[i] < 0x20 || sb.buf[i] == 0x7F)
			sb.buf[i] = '?';
	bad(r, line, "invalid JSON: %s", sb.buf ? sb.buf : "");
	sb_release(&sb);
}

static size_t skip_ws(const char *s, size_t n, size_t i)
{
	while (i < n && is_space(s[i]))
		i++;
	return i;
}

/*
 * The index just past the JSON value at s[i] (n or more when it does not
 * end within n bytes). It does not check the syntax: jansson parses what
 * it delimits, or has already.
 */
static size_t skip_value(const char *s, size_t n, size_t i)
{
	int depth = 0;
	while (i < n) {
		char c = s[i];
		if (c == '"') {
			for (i++; i < n && s[i] != '"'; i++)
				if (s[i] == '\\')
					i++;
			i++;
			if (depth == 0)
				return i;
			continue;
		}
		if (c == '{' || c == '[') {
			depth++;
		} else if (c == '}' || c == ']') {
			if (depth == 0)
				return i;
			if (--depth == 0)
				return i + 1;
		} else if (depth == 0 && (c == ',' || c == ':' || is_space(c))) {
			return i;
		}
		i++;
	}
	return i;
}

/*
 * Find where each element of the "@graph" array of the object at s[at]
 * starts. Returns the number of elements (offsets in *offs, caller frees),
 * or 0 when there is no such array.
 */
static size_t graph_offsets(const char *s, size_t n, size_t at, size_t **offs)
{
	size_t i = at + 1, count = 0, cap = 0;
	*offs = NULL;
	for (;;) {
		i = skip_ws(s, n, i);
		if (i >= n || s[i] != '"')
			return 0;
		size_t key = i + 1, kend = skip_value(s, n, i);
		i = skip_ws(s, n, kend);
		if (i >= n || s[i] != ':')
			return 0;
		i = skip_ws(s, n, i + 1);
		if (kend - 1 - key == 6 && memcmp(s + key, "@graph", 6) == 0 && i < n && s[i] == '[') {
			for (i++;;) {
				i = skip_ws(s, n, i);
				if (i >= n || s[i] == ']')
					return count;
				xgrow((void **)offs, &cap, count + 1, sizeof **offs);
				(*offs)[count++] = i;
				i = skip_ws(s, n, skip_value(s, n, i));
				if (i < n && s[i] == ',')
					i++;
				else
					return count;
			}
		}
		i = skip_ws(s, n, skip_value(s, n, i));
		if (i >= n || s[i] != ',')
			return 0;
		i++;
	}
}

/* Count lines as offsets into one text grow: each call counts only the new part. */
struct linecount {
	const char *s;  /* the text (borrowed) */
	size_t at;      /* offset counted up to */
	long line;      /* 1-based line at offset at */
};

static long line_at(struct linecount *lc, size_t off)
{
	for (; lc->at < off; lc->at++)
		if (lc->s[lc->at] == '\n')
			lc->line++;
	return lc->line;
}

/* ---- ClaimReview ---- */

static int is_claimreview_type(const char *t)
{
	size_t n = strlen(t);
	return n >= 11 && strcmp(t + n - 11, "ClaimReview") == 0
	       && (n == 11 || t[n - 12] == '/' || t[n - 12] == ':' || t[n - 12] == '#');
}

/* A ClaimReview: @type says so (string or array), or it has claimReviewed. */
static int is_claimreview(json_t *o)
{
	if (json_object_get(o, "claimReviewed"))
		return 1;
	json_t *t = json_object_get(o, "@type");
	if (json_is_string(t))
		return is_claimreview_type(json_string_value(t));
	if (json_is_array(t)) {
		size_t i;
		json_t *e;
		json_array_foreach(t, i, e)
			if (json_is_string(e) && is_claimreview_type(json_string_value(e)))
				return 1;
	}
	return 0;
}

/*
 * A title made from a claim: its first line, cut at a word boundary to at
 * most max characters, with "…" when something was cut.
 */
static char *claim_title(const char *s, size_t max)
{
	size_t i = 0, chars = 0, space = 0;
	while (s[i] && s[i] != '\n' && chars < max) {
		unsigned char c = (unsigned char)s[i];
		if (c == ' ')
			space = i;
		i += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
		chars++;
	}
	if (!s[i])
		return xstrdup(s);
	size_t cut = s[i] != '\n' && space > i / 2 ? space : i;
	while (cut > 0 && is_space(s[cut - 1]))
		cut--;
	struct strbuf sb = STRBUF_INIT;
	sb_add(&sb, s, cut);
	sb_puts(&sb, "\xE2\x80\xA6");
	return sb_detach(&sb);
}

/*
 * A review's identity, as its id: cr-<hash> of its url less the scheme,
 * "www.", the fragment and a trailing '/', with the host in lower case;
 * without a url, of its claim, publisher and date. Nothing without either.
 */
static void review_id(struct doc *d)
{
	struct strbuf key = STRBUF_INIT;
	tidy(&d->url);
	tidy(&d->publisher);
	if (d->url) {
		const char *u = d->url, *p = strstr(u, "://");
		if (p && p - u <= 8)
			u = p + 3;
		if (strncasecmp(u, "www.", 4) == 0)
			u += 4;
		size_t n = strcspn(u, "#"), host = strcspn(u, "/?#");
		while (n > host && u[n - 1] == '/')
			n--;
		for (size_t i = 0; i < n; i++)
			sb_putc(&key, i < host && u[i] >= 'A' && u[i] <= 'Z' ? (char)(u[i] - 'A' + 'a') : u[i]);
	} else if (d->claim) {
		char ymd[11];
		sb_printf(&key, "%s\x1e%s\x1e%s", d->claim, d->publisher ? d->publisher : "",
			  d->date && import_date(d->date, ymd) == 0 ? ymd : "");
	} else {
		return;
	}
	free(d->id);
	struct strbuf id = STRBUF_INIT;
	sb_printf(&id, "cr-%016llx", (unsigned long long)hash64(key.buf, key.len));
	d->id = sb_detach(&id);
	d->id_scope = DOC_ID_REVIEW;
	sb_release(&key);
}

/*
 * Map one ClaimReview object to a document. An object carrying saring's
 * own keys ("saring:label", "saring:source") is an export read back: it
 * keeps its fields (and its id) as they are, with no title made from the
 * claim; any other review is known by review_id().
 */
static void claimreview_doc(struct reader *r, json_t *o, long line)
{
	struct doc d = { 0 };
	d.id = jid(json_object_get(o, "identifier"));
	d.claim = dup_or_null(jget(o, "claimReviewed"));
	json_t *rr = json_object_get(o, "reviewRating");
	if (json_is_array(rr))
		rr = json_array_get(rr, 0);
	if (json_is_object(rr)) {
		const char *s = jget(rr, "alternateName");
		if (!s)
			s = jget(rr, "textualRating");
		if (!s)
			s = jget(rr, "name");
		d.rating = dup_or_null(s);
	}
	d.url = dup_or_null(jget(o, "url"));
	const char *date = jget(o, "datePublished");
	d.date = dup_or_null(date ? date : jget(o, "dateCreated"));
	const char *who = jname(json_object_get(o, "author"));
	d.publisher = dup_or_null(who ? who : jname(json_object_get(o, "publisher")));
	const char *title = jget(o, "name");
	d.title = dup_or_null(title ? title : jget(o, "headline"));
	const char *body = jget(o, "reviewBody");
	d.body = dup_or_null(body ? body : jget(o, "description"));
	d.label = dup_or_null(jget(o, "saring:label"));
	d.source = dup_or_null(jget(o, "saring:source"));
	int ours = json_object_get(o, "saring:label") || json_object_get(o, "saring:source");
	tidy(&d.title);
	tidy(&d.claim);
	if (!ours && !d.title && d.claim)
		d.title = claim_title(d.claim, 100);
	if (!ours && (d.url || !d.id))
		review_id(&d);
	emit(r, &d, line, r->label ? r->label : "factcheck");
}

/*
 * One claim of a Google Fact Check Tools response ("claims"[]): its
 * "text" is the claim, and each of its "claimReview"[] (publisher, url,
 * title, reviewDate, textualRating) is one document.
 */
static void factcheck_claim(struct reader *r, json_t *claim, long line)
{
	size_t i;
	json_t *rv;
	json_array_foreach(json_object_get(claim, "claimReview"), i, rv) {
		if (!json_is_object(rv)) {
			bad(r, line, "\"claimReview\" is not a JSON object");
			continue;
		}
		struct doc d = { 0 };
		d.claim = dup_or_null(jget(claim, "text"));
		d.title = dup_or_null(jget(rv, "title"));
		d.rating = dup_or_null(jget(rv, "textualRating"));
		d.url = dup_or_null(jget(rv, "url"));
		const char *date = jget(rv, "reviewDate");
		d.date = dup_or_null(date ? date : jget(claim, "claimDate"));
		json_t *pub = json_object_get(rv, "publisher");
		const char *who = jname(pub);
		d.publisher = dup_or_null(who ? who : json_is_object(pub) ? jget(pub, "site") : NULL);
		tidy(&d.title);
		tidy(&d.claim);
		if (!d.title && d.claim)
			d.title = claim_title(d.claim, 100);
		review_id(&d);
		emit(r, &d, line, r->label ? r->label : "factcheck");
		if (r->stop)
			return;
	}
}

/* Keys under which feeds and schema.org nodes hold reviews (besides "@graph"). */
static const char *const nest_keys[] = {
	"claimReviews", "claimReview", "review", "dataFeedElement", "item",
	"itemListElement", "mainEntity", "claims",
};

static void claimreview_value(struct reader *r, json_t *v, long line, int in_graph,
			      const char *text, size_t n, size_t at);

/* The reviews nested in a node that is not one itself, under nest_keys. */
static void nested_reviews(struct reader *r, json_t *v, long line)
{
	for (size_t k = 0; k < sizeof nest_keys / sizeof *nest_keys && !r->stop; k++) {
		json_t *c = json_object_get(v, nest_keys[k]);
		if (json_is_object(c)) {
			claimreview_value(r, c, line, 1, NULL, 0, 0);
		} else if (json_is_array(c)) {
			size_t i;
			json_t *e;
			json_array_foreach(c, i, e) {
				claimreview_value(r, e, line, 1, NULL, 0, 0);
				if (r->stop)
					break;
			}
		}
	}
}

/*
 * One JSON value of a ClaimReview file: a ClaimReview, an object with an
 * "@graph" of nodes, a node holding reviews (nest_keys: an Article's
 * "claimReviews", a DataFeed's "dataFeedElement", ...), or a claim of a
 * Fact Check Tools response. Nodes inside these that hold no review
 * (WebPage, Organization, ...) are passed over silently; a value at the
 * top that yields nothing is a bad record saying why. text/at locate the
 * value in the file for the lines of graph elements (text NULL: all
 * elements get the value's line).
 */
static void claimreview_value(struct reader *r, json_t *v, long line, int in_graph,
			      const char *text, size_t n, size_t at)
{
	if (!json_is_object(v)) {
		if (!in_graph)
			bad(r, line, "not a JSON object");
		return;
	}
	if (is_claimreview(v)) {
		claimreview_doc(r, v, line);
		return;
	}
	if (json_is_array(json_object_get(v, "claimReview")) && json_object_get(v, "text")) {
		factcheck_claim(r, v, line);
		return;
	}
	long before = r->ndocs + r->nbad;
	json_t *graph = json_object_get(v, "@graph");
	if (json_is_array(graph)) {
		size_t *offs = NULL, noffs = 0;
		if (text)
			noffs = graph_offsets(text, n, at, &offs);
		int exact = offs && noffs == json_array_size(graph);
		struct linecount lc = { text, at, line };
		size_t i;
		json_t *e;
		json_array_foreach(graph, i, e) {
			long eline = exact ? line_at(&lc, offs[i]) : line;
			claimreview_value(r, e, eline, 1, text, n, exact ? offs[i] : at);
			if (r->stop)
				break;
		}
		free(offs);
	}
	nested_reviews(r, v, line);
	if (in_graph || r->ndocs + r->nbad > before)
		return;
	const char *t = jget(v, "@type");
	if (json_is_array(graph))
		bad(r, line, "no ClaimReview in \"@graph\"");
	else if (t)
		bad(r, line, "not a ClaimReview (@type \"%.*s\")", quote_len(t), t);
	else
		bad(r, line, "not a ClaimReview (no \"@type\", \"claimReviewed\" or \"claims\")");
}

/* Take n bytes of in, counting the lines they end. */
static void take_lines(struct input *in, size_t n, long *line)
{
	const char *p = in->buf.buf + in->pos, *e = p + n;
	while ((p = memchr(p, '\n', (size_t)(e - p))) != NULL) {
		(*line)++;
		p++;
	}
	input_take(in, n);
}

/* Skip white space in in, counting lines; the first byte after it, or -1 at the end. */
static int skip_input_ws(struct input *in, long *line)
{
	for (;;) {
		size_t avail = input_fill(in, 1), i = 0;
		const char *p = in->buf.buf + in->pos;
		while (i < avail && is_space(p[i]))
			i++;
		take_lines(in, i, line);
		if (i < avail)
			return (unsigned char)p[i];
		if (!avail)
			return -1;
	}
}

/*
 * The length of the JSON value at the start of in's available bytes
 * (skip_value()'s split: it only splits, jansson parses), read on until
 * the value is whole or the file ends. The bytes available double each
 * time, so a large value is scanned a few times, not once per chunk.
 */
static size_t value_length(struct input *in)
{
	size_t avail = input_fill(in, 1);
	for (;;) {
		size_t end = skip_value(in->buf.buf + in->pos, avail, 0);
		if (end < avail)
			return end;
		size_t more = input_fill(in, 2 * avail);
		if (more == avail)
			return avail;
		avail = more;
	}
}

/*
 * A ClaimReview file: one object (maybe with "@graph"), read whole, or an
 * array of values, read one element at a time (so a large array takes the
 * memory of its largest element, not of the file): each element gets the
 * line where it starts, and the elements before a syntax error are kept.
 */
static void read_claimreview(struct reader *r, struct input *in)
{
	long line = 1;
	int c = skip_input_ws(in, &line);
	if (c < 0)
		return;
	if (c != '[') {
		char *s;
		size_t n = input_rest(in, 0, &s);
		json_error_t e;
		json_t *v = json_loadb(s, n, JSON_DECODE_ANY, &e);
		if (!v) {
			jerror(r, line + e.line - 1, &e);
			return;
		}
		claimreview_value(r, v, line, 0, s, n, 0);
		json_decref(v);
		return;
	}
	take_lines(in, 1, &line);
	for (;;) {
		c = skip_input_ws(in, &line);
		if (c < 0) {
			bad(r, line, "unterminated JSON array");
			return;
		}
		if (c == ']')
			break;
		size_t n = value_length(in);
		const char *s = in->buf.buf + in->pos;
		json_error_t e;
		json_t *v = json_loadb(s, n, JSON_DECODE_ANY, &e);
		if (!v) {
			jerror(r, line + e.line - 1, &e);
			return;
		}
		claimreview_value(r, v, line, 0, s, n, 0);
		json_decref(v);
		take_lines(in, n, &line);
		if (r->stop)
			return;
		c = skip_input_ws(in, &line);
		if (c == ',') {
			take_lines(in, 1, &line);
			continue;
		}
		if (c == ']')
			break;
		bad(r, line, c >= 0 ? "invalid JSON: ',' or ']' expected" : "unterminated JSON array");
		return;
	}
	take_lines(in, 1, &line);
	if (skip_input_ws(in, &line) >= 0)
		bad(r, line, "invalid JSON: text after the array");
}

/* ---- JSON Lines ---- */

/* One JSON Lines record in saring's shape. */
static void jsonl_record(struct reader *r, json_t *o, long line)
{
	static const struct { const char *key; enum field f; } keys[] = {
		{ "id", F_ID }, { "label", F_LABEL }, { "rating", F_RATING },
		{ "title", F_TITLE }, { "claim", F_CLAIM }, { "text", F_BODY },
		{ "body", F_BODY }, { "publisher", F_PUBLISHER }, { "url", F_URL },
		{ "date", F_DATE }, { "source", F_SOURCE },
	};
	struct doc d = { 0 };
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		json_t *v = json_object_get(o, keys[i].key);
		char **dst = doc_field(&d, keys[i].f);
		if (!v || json_is_null(v) || *dst)
			continue;
		if (json_is_string(v)) {
			if (json_string_length(v))
				*dst = xstrndup(json_string_value(v), json_string_length(v));
		} else if (keys[i].f == F_ID && json_is_integer(v)) {
			*dst = jid(v);
		} else {
			bad(r, line, "\"%s\" is not a string", keys[i].key);
			doc_clear(&d);
			return;
		}
	}
	emit(r, &d, line, r->label);
}

/*
 * JSON Lines: one object per line, blank lines skipped, read a line at a
 * time. A line that holds a ClaimReview (or an "@graph" of them, a feed,
 * a Fact Check Tools claim) is read as one.
 */
static void read_jsonl(struct reader *r, struct input *in)
{
	long line = 0;
	char *s;
	size_t n;
	while (!r->stop && input_line(in, '\n', 0, &s, &n)) {
		line++;
		size_t a = skip_ws(s, n, 0);
		if (a == n)
			continue;
		json_error_t e;
		json_t *v = json_loadb(s + a, n - a, JSON_DECODE_ANY, &e);
		if (!v)
			jerror(r, line, &e);
		else if (!json_is_object(v))
			bad(r, line, "not a JSON object");
		else if (json_object_get(v, "@type") || json_object_get(v, "@graph")
			 || json_object_get(v, "claimReviewed") || json_object_get(v, "claimReview")
			 || json_object_get(v, "claims") || json_object_get(v, "dataFeedElement"))
			claimreview_value(r, v, line, 0, NULL, 0, 0);
		else
			jsonl_record(r, v, line);
		json_decref(v);
	}
}

/* ---- CSV ---- */

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
	while (n > 0 && (is_space(*s) || *s == '"')) {
		s++;
		n--;
	}
	while (n > 0 && (is_space(s[n - 1]) || s[n - 1] == '"'))
		n--;
	return strlen(name) == n && strncasecmp(s, name, n) == 0;
}

/*
 * The field of a --map entry "field=column" ("text" is taken for body),
 * with *column pointing after the '='; -1 with *err set when it is wrong.
 */
static int map_field(const char *entry, const char **column, char **err)
{
	const char *eq = strchr(entry, '=');
	if (!eq) {
		set_err(err, "bad --map \"%s\": expected field=column", entry);
		return -1;
	}
	*column = eq + 1;
	size_t n = (size_t)(eq - entry);
	for (int f = 0; f < NFIELDS; f++)
		if (name_is(entry, n, field_names[f]))
			return f;
	if (name_is(entry, n, "text"))
		return F_BODY;
	set_err(err, "unknown field \"%.*s\" in --map \"%s\" (fields: id, label, rating, "
		"title, claim, body, publisher, url, date, source)", (int)n, entry, entry);
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
static int csv_header_like(const char *s, size_t n, const struct import_opts *o)
{
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
	const char *s = c->row.buf + c->span[i].off;
	size_t n = c->span[i].len, j = 0;
	char *t = xmalloc(n + 1);
	for (size_t k = 0; k < n; k++)
		if (s[k] != '\r')
			t[j++] = s[k];
		else if (k + 1 == n || s[k + 1] != '\n')
			t[j++] = '\n';
	t[j] = '\0';
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
		int f = map_field(o->map[k], &column, &c->err);
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
			set_err(&c->err, "%s: no column \"%s\" (--map %s)", c->r->path, column, o->map[k]);
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
		set_err(&c->err, "%s: no title, claim or text column; use --map body=COLUMN", c->r->path);
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
		bad(c->r, c->rec_line, "expected %zu fields, got %zu", c->ncols, c->nf);
	} else if (c->nul) {
		bad(c->r, c->rec_line, "NUL byte in a field");
	} else {
		struct doc d = { 0 };
		for (int f = 0; f < NFIELDS; f++)
			if (c->col[f] >= 0)
				*doc_field(&d, (enum field)f) = csv_value(c, (size_t)c->col[f]);
		emit(c->r, &d, c->rec_line, c->r->label);
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
		set_err(err, "%s: out of memory", r->path);
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
			set_err(&c.err, "%s:%ld: %s", r->path, c.line, csv_strerror(csv_error(&p)));
			break;
		}
	}
	if (!r->stop && !c.err) {
		/* strict only now: it makes csv_fini report a quote never closed */
		csv_set_opts(&p, (unsigned char)(csv_get_opts(&p) | CSV_STRICT | CSV_STRICT_FINI));
		if (csv_fini(&p, csv_on_field, csv_on_row, &c) != 0) {
			if (c.header)
				bad(r, c.rec_line, "unterminated quoted field");
			else
				set_err(&c.err, "%s:%ld: unterminated quoted field in the header", r->path, c.rec_line);
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

/* ---- text and Markdown ---- */

/* The value of a "key: value" front matter line, less quotes; NULL if key differs. */
static char *front_value(const char *s, size_t n, const char *key)
{
	size_t k = strlen(key);
	if (n <= k || strncasecmp(s, key, k) != 0 || s[k] != ':')
		return NULL;
	s += k + 1;
	n -= k + 1;
	while (n > 0 && is_space(*s))
		s++, n--;
	while (n > 0 && is_space(s[n - 1]))
		n--;
	if (n >= 2 && (*s == '"' || *s == '\'') && s[n - 1] == *s)
		s++, n -= 2;
	return n ? xstrndup(s, n) : NULL;
}

/* A line that underlines a Setext heading: only '=' or only '-', maybe spaced. */
static int is_underline(const char *s, size_t n)
{
	while (n > 0 && is_space(s[n - 1]))
		n--;
	size_t i = 0;
	while (i < n && s[i] == ' ')
		i++;
	if (i == n || (s[i] != '=' && s[i] != '-'))
		return 0;
	char ch = s[i];
	while (i < n && s[i] == ch)
		i++;
	return i == n;
}

/*
 * One text or Markdown file as one document: YAML front matter gives the
 * title and date when it has them; otherwise the first non-empty line is
 * the title (less the '#' of a Markdown heading) and the rest is the body.
 */
static void text_doc(struct reader *r, char *s, size_t n)
{
	if (memchr(s, '\0', n)) {
		bad(r, 1, "binary file (NUL byte)");
		return;
	}
	if (!r->label) {
		bad(r, 1, "no label; use --label");
		return;
	}
	/* CRLF and lone CR line ends become LF */
	size_t j = 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] != '\r')
			s[j++] = s[i];
		else if (i + 1 == n || s[i + 1] != '\n')
			s[j++] = '\n';
	s[j] = '\0';
	n = j;

	struct doc d = { 0 };
	const char *p = s, *end = s + n;
	if (n >= 3 && memcmp(s, "---", 3) == 0 && (n == 3 || s[3] == '\n')) {
		/* front matter, up to a "---" or "..." line */
		const char *q = s + 3;
		while (q < end) {
			q++;
			const char *nl = memchr(q, '\n', (size_t)(end - q));
			const char *e = nl ? nl : end;
			size_t len = (size_t)(e - q);
			if (len == 3 && (memcmp(q, "---", 3) == 0 || memcmp(q, "...", 3) == 0)) {
				p = e;
				break;
			}
			char *v;
			if (!d.title && (v = front_value(q, len, "title")))
				d.title = v;
			else if (!d.date && (v = front_value(q, len, "date")))
				d.date = v;
			q = e;
		}
		if (p == s) {
			/* no end: not front matter after all */
			free(d.title);
			free(d.date);
			d.title = d.date = NULL;
		}
	}
	while (p < end && !d.title) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *e = nl ? nl : end;
		const char *a = p, *b = e;
		p = nl ? nl + 1 : end;
		while (a < e && is_space(*a))
			a++;
		const char *h = a;
		while (h < e && *h == '#')
			h++;
		if (h > a && h - a <= 6 && (h == e || *h == ' ' || *h == '\t')) {
			/* an ATX heading: drop the #s, and closing #s after a space */
			a = h;
			while (b > a && is_space(b[-1]))
				b--;
			const char *c = b;
			while (c > a && c[-1] == '#')
				c--;
			if (c < b && (c == a || c[-1] == ' ' || c[-1] == '\t'))
				b = c;
		}
		while (a < b && is_space(*a))
			a++;
		while (b > a && is_space(b[-1]))
			b--;
		if (b == a)
			continue;
		d.title = xstrndup(a, (size_t)(b - a));
		const char *nl2 = p < end ? memchr(p, '\n', (size_t)(end - p)) : NULL;
		const char *e2 = nl2 ? nl2 : end;
		if (p < end && is_underline(p, (size_t)(e2 - p)))
			p = nl2 ? nl2 + 1 : end;
	}
	if (!d.title && p >= end) {
		doc_clear(&d);
		bad(r, 1, "empty file");
		return;
	}
	if (p < end)
		d.body = xstrndup(p, (size_t)(end - p));
	emit(r, &d, 1, r->label);
}

static int has_ext(const char *name, const char *const *exts)
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

static const char *const text_exts[] = { "txt", "md", "markdown", NULL };

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * A directory of text files: its .txt, .md and .markdown files (not
 * hidden ones, not subdirectories), sorted by name, one document each.
 * Bad records name the file, since they all have line 1.
 */
static int read_text_dir(struct reader *r, const char *dir, char **err)
{
	if (!r->label) {
		bad(r, 1, "no label; use --label");
		return 0;
	}
	DIR *dp = opendir(dir);
	if (!dp) {
		set_err(err, "%s: %s", dir, errstr(errno));
		return -1;
	}
	char **names = NULL;
	size_t count = 0, cap = 0;
	struct dirent *de;
	while ((de = readdir(dp)) != NULL) {
		if (de->d_name[0] == '.' || !has_ext(de->d_name, text_exts))
			continue;
		xgrow((void **)&names, &cap, count + 1, sizeof *names);
		names[count++] = xstrdup(de->d_name);
	}
	closedir(dp);
	if (count)
		qsort(names, count, sizeof *names, by_name);
	struct strbuf path = STRBUF_INIT;
	for (size_t i = 0; i < count; i++) {
		if (r->stop)
			break;
		sb_reset(&path);
		sb_printf(&path, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", names[i]);
		struct stat st;
		if (stat(path.buf, &st) != 0 || !S_ISREG(st.st_mode))
			continue;
		r->prefix = names[i];
		struct input in;
		if (input_open(&in, path.buf, path.buf) != 0) {
			bad(r, 1, "%s", errstr(errno));
		} else {
			char *s;
			size_t n = input_rest(&in, 1, &s);
			if (in.err)
				bad(r, 1, "%s", errstr(in.err));
			else
				text_doc(r, s, n);
			input_close(&in);
		}
		r->prefix = NULL;
	}
	for (size_t i = 0; i < count; i++)
		free(names[i]);
	free(names);
	sb_release(&path);
	return 0;
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
	size_t i = skip_ws(s, n, 0);
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
		set_err(err, "unknown label \"%s\" (labels: hoax, factcheck, official)", o->label);
		return -1;
	}
	for (size_t k = 0; k < o->nmap; k++) {
		const char *column;
		if (map_field(o->map[k], &column, err) < 0)
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
			set_err(err, "%s: %s", path, errstr(errno));
			rc = -1;
			goto out;
		}
		isdir = S_ISDIR(st.st_mode);
		if (!isdir && !S_ISREG(st.st_mode)) {
			set_err(err, "%s: not a regular file", path);
			rc = -1;
			goto out;
		}
	}
	enum import_format fmt = o->format;
	int json_ext = 0;
	if (fmt == FMT_AUTO && !use_stdin) {
		if (has_ext(path, jsonl_exts))
			fmt = FMT_JSONL;
		else if (has_ext(path, csv_exts))
			fmt = FMT_CSV;
		else if (has_ext(path, json_exts))
			json_ext = 1;
		else if (has_ext(path, text_exts) || isdir)
			fmt = FMT_TEXT;
	}
	if (isdir && fmt != FMT_TEXT) {
		set_err(err, "%s: is a directory", path);
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
		set_err(err, "%s: %s", r.path, errno == EISDIR ? "is a directory" : errstr(errno));
		rc = -1;
		goto out;
	}
	/* enough of the file to tell the formats apart: 64 KiB, and the whole first line but for an array */
	size_t npeek = input_fill(&in, 65536);
	const char *peek = in.buf.buf + in.pos;
	size_t i = skip_ws(peek, npeek, 0);
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
		warnx_("%s: empty file, nothing to import", r.path);
	switch (fmt) {
	case FMT_JSONL:
		read_jsonl(&r, &in);
		break;
	case FMT_CLAIMREVIEW:
		read_claimreview(&r, &in);
		break;
	case FMT_CSV:
		rc = read_csv(&r, &in, peek, npeek, !use_stdin && has_ext(path, tsv_exts), err);
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
		set_err(err, "%s: %s", r.path, errstr(in.err));
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

/* ---- writers ---- */

/* A JSON string for s; invalid UTF-8 becomes U+FFFD so the output stays valid. */
static json_t *jstring(const char *s)
{
	size_t n = strlen(s);
	if (utf8_valid(s, n))
		return json_stringn_nocheck(s, n);
	struct strbuf sb = STRBUF_INIT;
	utf8_repair(&sb, s, n, 1);
	json_t *v = json_stringn_nocheck(sb.buf, sb.len);
	sb_release(&sb);
	return v;
}

/* Set key to s unless s is NULL or empty. */
static void jset(json_t *o, const char *key, const char *s)
{
	if (s && *s)
		json_object_set_new(o, key, jstring(s));
}

void export_jsonl(FILE *out, const struct doc *d)
{
	json_t *o = json_object();
	if (!o)
		return;
	jset(o, "id", d->id);
	jset(o, "label", d->label);
	jset(o, "rating", d->rating);
	jset(o, "title", d->title);
	jset(o, "claim", d->claim);
	jset(o, "text", d->body);
	jset(o, "publisher", d->publisher);
	jset(o, "url", d->url);
	jset(o, "date", d->date);
	jset(o, "source", d->source);
	char *text = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(o);
	if (!text)
		return;
	out_json_text(out, text);
	fputc('\n', out);
	free(text);
}

void export_claimreview_begin(FILE *out)
{
	fputc('[', out);
}

void export_claimreview_doc(FILE *out, const struct doc *d, int first)
{
	json_t *o = json_object();
	if (!o)
		return;
	jset(o, "@context", "https://schema.org");
	jset(o, "@type", "ClaimReview");
	jset(o, "identifier", d->id);
	jset(o, "claimReviewed", d->claim);
	if (d->rating && *d->rating) {
		json_t *rating = json_object();
		jset(rating, "@type", "Rating");
		jset(rating, "alternateName", d->rating);
		json_object_set_new(o, "reviewRating", rating);
	}
	jset(o, "url", d->url);
	jset(o, "datePublished", d->date);
	if (d->publisher && *d->publisher) {
		json_t *author = json_object();
		jset(author, "@type", "Organization");
		jset(author, "name", d->publisher);
		json_object_set_new(o, "author", author);
	}
	jset(o, "name", d->title);
	jset(o, "reviewBody", d->body);
	jset(o, "saring:label", d->label);
	jset(o, "saring:source", d->source);
	char *text = json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(o);
	if (!text)
		return;
	fputs(first ? "\n  " : ",\n  ", out);
	for (char *line = text, *nl; line; line = nl) {
		if ((nl = strchr(line, '\n')))
			*nl++ = '\0';
		out_json_text(out, line);
		fputs(nl ? "\n  " : "", out);
	}
	free(text);
}

void export_claimreview_end(FILE *out)
{
	fputs("\n]\n", out);
}
