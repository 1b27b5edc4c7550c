/*
 * import_json.c: JSON Lines and schema.org ClaimReview JSON(-LD) read
 * into documents (import_reader.h). jansson parses; a large array is split
 * into its elements here first, so memory holds one element at a time.
 */
#include "import_reader.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "date.h"
#include "i18n.h"
#include "text.h"

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
		reader_bad(r, line, _("invalid UTF-8"));
		return;
	}
	if (json_error_code(e) == json_error_null_character) {
		reader_bad(r, line, _("NUL character in a string"));
		return;
	}
	struct strbuf sb = STRBUF_INIT;
	utf8_repair(&sb, e->text, strnlen(e->text, sizeof e->text - 1), 1);
	for (size_t i = 0; i < sb.len; i++)
		if ((unsigned char)sb.buf[i] < 0x20 || sb.buf[i] == 0x7F)
			sb.buf[i] = '?';
	reader_bad(r, line, _("invalid JSON: %s"), sb.buf);
	sb_release(&sb);
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
		} else if (depth == 0 && (c == ',' || c == ':' || ascii_space(c))) {
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
		i = import_skip_ws(s, n, i);
		if (i >= n || s[i] != '"')
			return 0;
		size_t key = i + 1, kend = skip_value(s, n, i);
		i = import_skip_ws(s, n, kend);
		if (i >= n || s[i] != ':')
			return 0;
		i = import_skip_ws(s, n, i + 1);
		if (kend - 1 - key == 6 && memcmp(s + key, "@graph", 6) == 0 && i < n && s[i] == '[') {
			for (i++;;) {
				i = import_skip_ws(s, n, i);
				if (i >= n || s[i] == ']')
					return count;
				xgrow((void **)offs, &cap, count + 1, sizeof **offs);
				(*offs)[count++] = i;
				i = import_skip_ws(s, n, skip_value(s, n, i));
				if (i < n && s[i] == ',')
					i++;
				else
					return count;
			}
		}
		i = import_skip_ws(s, n, skip_value(s, n, i));
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
	while (cut > 0 && ascii_space(s[cut - 1]))
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
	field_tidy(&d->url);
	field_tidy(&d->publisher);
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
			  d->date && date_parse(d->date, ymd) == 0 ? ymd : "");
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
	field_tidy(&d.title);
	field_tidy(&d.claim);
	if (!ours && !d.title && d.claim)
		d.title = claim_title(d.claim, 100);
	if (!ours && (d.url || !d.id))
		review_id(&d);
	reader_emit(r, &d, line, r->label ? r->label : "factcheck");
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
			reader_bad(r, line, _("\"claimReview\" is not a JSON object"));
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
		field_tidy(&d.title);
		field_tidy(&d.claim);
		if (!d.title && d.claim)
			d.title = claim_title(d.claim, 100);
		review_id(&d);
		reader_emit(r, &d, line, r->label ? r->label : "factcheck");
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
			reader_bad(r, line, _("not a JSON object"));
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
		reader_bad(r, line, _("no ClaimReview in \"@graph\""));
	else if (t)
		reader_bad(r, line, _("not a ClaimReview (@type \"%.*s\")"), import_quote_len(t), t);
	else
		reader_bad(r, line, _("not a ClaimReview (no \"@type\", \"claimReviewed\" or \"claims\")"));
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
		while (i < avail && ascii_space(p[i]))
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

/* The JSON value s[0..n), starting at line, read as a ClaimReview value; -1 when it is not JSON. */
static int claimreview_text(struct reader *r, const char *s, size_t n, long line)
{
	json_error_t e;
	json_t *v = json_loadb(s, n, JSON_DECODE_ANY, &e);
	if (!v) {
		jerror(r, line + e.line - 1, &e);
		return -1;
	}
	claimreview_value(r, v, line, 0, s, n, 0);
	json_decref(v);
	return 0;
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
		claimreview_text(r, s, n, line);
		return;
	}
	take_lines(in, 1, &line);
	for (;;) {
		c = skip_input_ws(in, &line);
		if (c < 0) {
			reader_bad(r, line, _("unterminated JSON array"));
			return;
		}
		if (c == ']')
			break;
		size_t n = value_length(in);
		if (claimreview_text(r, in->buf.buf + in->pos, n, line) < 0)
			return;
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
		reader_bad(r, line, c >= 0 ? _("invalid JSON: ',' or ']' expected") : _("unterminated JSON array"));
		return;
	}
	take_lines(in, 1, &line);
	if (skip_input_ws(in, &line) >= 0)
		reader_bad(r, line, _("invalid JSON: text after the array"));
}

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
			reader_bad(r, line, _("\"%s\" is not a string"), keys[i].key);
			doc_clear(&d);
			return;
		}
	}
	reader_emit(r, &d, line, r->label);
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
		size_t a = import_skip_ws(s, n, 0);
		if (a == n)
			continue;
		json_error_t e;
		json_t *v = json_loadb(s + a, n - a, JSON_DECODE_ANY, &e);
		if (!v)
			jerror(r, line, &e);
		else if (!json_is_object(v))
			reader_bad(r, line, _("not a JSON object"));
		else if (json_object_get(v, "@type") || json_object_get(v, "@graph")
			 || json_object_get(v, "claimReviewed") || json_object_get(v, "claimReview")
			 || json_object_get(v, "claims") || json_object_get(v, "dataFeedElement"))
			claimreview_value(r, v, line, 0, NULL, 0, 0);
		else
			jsonl_record(r, v, line);
		json_decref(v);
	}
}

/*
 * Is the text JSON Lines: does its first line hold a whole JSON object?
 * (A ClaimReview file starts with an array, or an object spread over
 * several lines.)
 */
static int jsonl_sniff(const char *s, size_t n, size_t i, const struct import_opts *o)
{
	(void)o;
	if (i >= n || s[i] != '{')
		return 0;
	const char *nl = memchr(s + i, '\n', n - i);
	size_t end = nl ? (size_t)(nl - s) : n;
	json_t *v = json_loadb(s + i, end - i, 0, NULL);
	int obj = json_is_object(v);
	json_decref(v);
	return obj;
}

static int claimreview_sniff(const char *s, size_t n, size_t i, const struct import_opts *o)
{
	(void)o;
	return i < n && (s[i] == '{' || s[i] == '[');
}

static int jsonl_read(struct reader *r, struct input *in, const char *peek, size_t npeek, char **err)
{
	(void)peek, (void)npeek, (void)err;
	read_jsonl(r, in);
	return 0;
}

static int claimreview_read(struct reader *r, struct input *in, const char *peek, size_t npeek, char **err)
{
	(void)peek, (void)npeek, (void)err;
	read_claimreview(r, in);
	return 0;
}

static const char *const jsonl_names[] = { "ndjson", NULL };
static const char *const jsonl_exts[] = { "jsonl", "ndjson", NULL };

const struct reader_kind import_jsonl_reader = {
	.format = FMT_JSONL,
	.name = "jsonl",
	.aliases = jsonl_names,
	.exts = jsonl_exts,
	.sniff = jsonl_sniff,
	.read = jsonl_read,
};

static const char *const claimreview_names[] = { "json", "jsonld", NULL };
static const char *const claimreview_exts[] = { "json", "jsonld", NULL };

/* A .json file may hold JSON Lines (exts_shared): its first line decides. */
const struct reader_kind import_claimreview_reader = {
	.format = FMT_CLAIMREVIEW,
	.name = "claimreview",
	.aliases = claimreview_names,
	.exts = claimreview_exts,
	.exts_shared = 1,
	.sniff = claimreview_sniff,
	.read = claimreview_read,
};
