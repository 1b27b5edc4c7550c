/*
 * feed_record.c: what the source kinds' files (feed_<kind>.c) share, below
 * them (feed_int.h): a record and its JSON line, the visible text of HTML
 * (parsed leniently, as browsers do), the walk of a parsed tree, a JSON
 * answer's list of records, a request's parameters, the content types.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "feed_int.h"
#include "i18n.h"
#include "text.h"

static void record_clear(struct record *r)
{
	char **f[] = { &r->id, &r->label, &r->rating, &r->title, &r->claim, &r->body, &r->publisher, &r->url, &r->date };
	for (size_t i = 0; i < sizeof f / sizeof *f; i++) {
		free(*f[i]);
		*f[i] = NULL;
	}
}

char *feed_err(const char *fmt, const char *arg)
{
	struct strbuf sb = STRBUF_INIT;
	sb_printf(&sb, fmt, arg);
	return sb_detach(&sb);
}

/* A JSON string of s as valid UTF-8 (NULL for NULL or ""). */
static json_t *jstr(const char *s)
{
	if (!s || !*s)
		return NULL;
	struct strbuf sb = STRBUF_INIT;
	utf8_sanitize(s, strlen(s), &sb);
	json_t *v = json_stringn(sb.buf, sb.len);
	sb_release(&sb);
	return v;
}

static void jput(json_t *o, const char *key, const char *s)
{
	json_t *v = jstr(s);
	if (v)
		json_object_set_new(o, key, v);
}

char *feed_bracket_rating(const char *title)
{
	if (!title)
		return NULL;
	while (*title == ' ')
		title++;
	if (*title != '[')
		return NULL;
	const char *end = strchr(title, ']');
	if (!end || end - title < 2 || end - title > 40)
		return NULL;
	return xstrndup(title + 1, (size_t)(end - title - 1));
}

/* Keep a URL only when it is http(s): no javascript:, data: or file: links in the corpus. */
static char *web_url(const char *u)
{
	if (!u)
		return NULL;
	while (*u == ' ' || *u == '\n' || *u == '\t')
		u++;
	if (strncasecmp(u, "https://", 8) && strncasecmp(u, "http://", 7))
		return NULL;
	size_t n = strcspn(u, " \t\r\n\"<>");
	return n ? xstrndup(u, n) : NULL;
}

/*
 * A record's label: the source's, as configured; what the source sends may
 * say hoax or fact check (Mafindo's status, a page's own review), never
 * official: only a source labelled official brings official documents.
 */
static const char *record_label(const struct source *src, const char *own)
{
	if (own && (!strcmp(own, "hoax") || !strcmp(own, "factcheck")))
		return own;
	return src->label;
}

void feed_emit(struct feed_page *pg, const struct source *src, struct record *r)
{
	/* a record without text is left out (import would skip it); one past the bound is counted */
	if ((!r->title && !r->claim && !r->body) || pg->records >= FEED_MAX_RECORDS) {
		pg->dropped += pg->records >= FEED_MAX_RECORDS;
		record_clear(r);
		return;
	}
	json_t *o = json_object();
	if (r->id) {
		struct strbuf id = STRBUF_INIT;
		sb_printf(&id, "%s:%s", src->name, r->id);
		jput(o, "id", id.buf);
		sb_release(&id);
	}
	jput(o, "label", record_label(src, r->label));
	if (!r->rating)
		r->rating = feed_bracket_rating(r->title);
	jput(o, "rating", r->rating);
	jput(o, "title", r->title);
	jput(o, "claim", r->claim);
	jput(o, "text", r->body);
	jput(o, "publisher", r->publisher ? r->publisher : src->publisher);
	char *url = web_url(r->url);
	jput(o, "url", url);
	free(url);
	jput(o, "date", r->date);
	jput(o, "source", src->name);
	char *line = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	if (line) {
		sb_puts(&pg->jsonl, line);
		sb_putc(&pg->jsonl, '\n');
		pg->records++;
		free(line);
	}
	record_clear(r);
}

/* ---- HTML and XML trees ---- */

int feed_is_named(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->name && !strcasecmp((const char *)n->name, name);
}

static int name_in(const xmlNode *n, const char *const *names)
{
	for (; *names; names++)
		if (feed_is_named(n, *names))
			return 1;
	return 0;
}

static void sb_space(struct strbuf *sb, char c)
{
	if (sb->len && sb->buf[sb->len - 1] != '\n' && sb->buf[sb->len - 1] != ' ')
		sb_putc(sb, c);
	else if (c == '\n' && sb->len && sb->buf[sb->len - 1] == ' ')
		sb->buf[sb->len - 1] = '\n';
}

/* Append s[0..n) to sb, runs of white space as one space. */
static void add_text(struct strbuf *sb, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')
			sb_space(sb, ' ');
		else
			sb_putc(sb, s[i]);
	}
}

void feed_html_text_of(const xmlNode *n, struct strbuf *sb, int page)
{
	static const char *const skip[] = { "script", "style", "noscript", "template", "iframe", "svg",
					    "object", "select", "button", NULL };
	static const char *const skip_page[] = { "head", "nav", "header", "footer", "aside", "form", NULL };
	static const char *const blocks[] = { "p", "br", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4",
					      "h5", "h6", "section", "article", "tr", "blockquote", "table", NULL };
	for (; n && sb->len < TEXT_MAX; n = n->next) {
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			add_text(sb, (const char *)n->content, n->content ? strlen((const char *)n->content) : 0);
		} else if (n->type == XML_ELEMENT_NODE) {
			if (name_in(n, skip) || (page && name_in(n, skip_page)))
				continue;
			int block = name_in(n, blocks);
			if (block)
				sb_space(sb, '\n');
			feed_html_text_of(n->children, sb, page);
			if (block)
				sb_space(sb, '\n');
		}
	}
}

char *feed_trimmed(struct strbuf *sb)
{
	size_t a = 0, b = sb->len;
	while (a < b && (sb->buf[a] == ' ' || sb->buf[a] == '\n'))
		a++;
	while (b > a && (sb->buf[b - 1] == ' ' || sb->buf[b - 1] == '\n'))
		b--;
	char *s = b > a ? xstrndup(sb->buf + a, b - a) : NULL;
	sb_release(sb);
	return s;
}

htmlDocPtr feed_html_parse(const char *html, size_t n)
{
	struct strbuf clean = STRBUF_INIT;   /* libxml2 gives up on a "UTF-8" text that is not */
	utf8_sanitize(html, n, &clean);
	htmlDocPtr doc = htmlReadMemory(clean.buf, (int)clean.len, NULL, "UTF-8",
					HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
					HTML_PARSE_NONET);
	sb_release(&clean);
	return doc;
}

char *feed_html_text(const char *html, size_t n, int page)
{
	if (!html || !n)
		return NULL;
	if (!memchr(html, '<', n) && !memchr(html, '&', n)) {   /* plain text already */
		struct strbuf sb = STRBUF_INIT;
		add_text(&sb, html, n);
		return feed_trimmed(&sb);
	}
	htmlDocPtr doc = feed_html_parse(html, n);
	if (!doc)
		return NULL;
	struct strbuf sb = STRBUF_INIT;
	feed_html_text_of(doc->children, &sb, page);
	xmlFreeDoc(doc);
	return feed_trimmed(&sb);
}

char *feed_html_field(const char *s)
{
	return s ? feed_html_text(s, strlen(s), 0) : NULL;
}

char *feed_node_text(const xmlNode *n)
{
	struct strbuf sb = STRBUF_INIT;
	for (const xmlNode *c = n->children; c && sb.len < TEXT_MAX; c = c->next)
		if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content)
			sb_puts(&sb, (const char *)c->content);
	return feed_trimmed(&sb);
}

const xmlNode *feed_find_named(const xmlNode *n, const char *name)
{
	for (; n; n = n->next) {
		if (feed_is_named(n, name))
			return n;
		const xmlNode *f = n->type == XML_ELEMENT_NODE ? feed_find_named(n->children, name) : NULL;
		if (f)
			return f;
	}
	return NULL;
}

const char *feed_attr(const xmlNode *n, const char *name)
{
	for (const xmlAttr *a = n->properties; a; a = a->next)
		if (a->name && !strcmp((const char *)a->name, name) && a->children && a->children->content)
			return (const char *)a->children->content;
	return NULL;
}

/* ---- JSON APIs ---- */

const char *feed_jget(const json_t *o, const char *key)
{
	const json_t *v = json_object_get(o, key);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

char *feed_jdup(const json_t *o, const char *key)
{
	const char *s = feed_jget(o, key);
	return s && *s ? xstrdup(s) : NULL;
}

char *feed_jid(const json_t *v)
{
	if (json_is_integer(v)) {
		char buf[32];
		snprintf(buf, sizeof buf, "%lld", (long long)json_integer_value(v));
		return xstrdup(buf);
	}
	return json_is_string(v) && *json_string_value(v) ? xstrdup(json_string_value(v)) : NULL;
}

/* The array of records in a JSON answer: itself, or under data, data.data, posts, claims, items. */
static const json_t *records_of(const json_t *v, struct feed_page *pg)
{
	if (json_is_array(v))
		return v;
	static const char *const keys[] = { "data", "claims", "posts", "items", "results" };
	for (size_t k = 0; k < sizeof keys / sizeof *keys; k++) {
		const json_t *a = json_object_get(v, keys[k]);
		if (json_is_object(a)) {   /* Laravel's paginator: {"data": {"data": [...], "last_page": N}} */
			const json_t *lp = json_object_get(a, "last_page");
			if (json_is_integer(lp))
				pg->last_page = json_integer_value(lp);
			a = json_object_get(a, "data");
		}
		if (json_is_array(a))
			return a;
	}
	return NULL;
}

int feed_json_parse(const struct source *src, const char *body, size_t n, struct feed_page *pg, char **err,
		    void (*record)(struct feed_page *pg, const struct source *src, const json_t *o),
		    const char *token_key)
{
	if (feed_too_big(body, n, "{[", FEED_MAX_NODES, "JSON objects and arrays", err))
		return -1;
	json_error_t e;
	json_t *v = json_loadb(body, n, 0, &e);
	if (!v) {   /* maybe only its UTF-8 */
		struct strbuf clean = STRBUF_INIT;
		if (utf8_sanitize(body, n, &clean) > 0)
			v = json_loadb(clean.buf, clean.len, 0, NULL);
		sb_release(&clean);
	}
	if (!v) {
		struct strbuf m = STRBUF_INIT;
		sb_printf(&m, _("malformed JSON: line %d: %s"), e.line, e.text);
		*err = sb_detach(&m);
		return -1;
	}
	const json_t *lp = json_object_get(v, "last_page");
	const json_t *meta = json_object_get(v, "meta");
	if (json_is_integer(lp))
		pg->last_page = json_integer_value(lp);
	else if (json_is_integer(json_object_get(meta, "last_page")))
		pg->last_page = json_integer_value(json_object_get(meta, "last_page"));
	const json_t *recs = records_of(v, pg);
	json_t *none = NULL;
	if (token_key && json_is_object(v)) {
		const char *tok = feed_jget(v, token_key);
		pg->next_token = tok && *tok ? xstrdup(tok) : NULL;
		if (!recs && !json_object_get(v, "error"))
			recs = none = json_array();   /* Google leaves "claims" out when there are none */
	}
	if (!recs) {
		*err = xstrdup(json_is_object(v) && json_object_get(v, "error") ? "the API answered with an error"
			       : "no list of records in the JSON");
		json_decref(v);
		return -1;
	}
	size_t i;
	json_t *o;
	json_array_foreach(recs, i, o)
		if (json_is_object(o))
			record(pg, src, o);
	json_decref(none);
	json_decref(v);
	return 0;
}

/* More than max of the characters in set? */
static int too_many(const char *s, size_t n, const char *set, size_t max)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] && strchr(set, s[i]) && ++k > max)
			return 1;
	return 0;
}

int feed_too_big(const char *body, size_t n, const char *marks, size_t max, const char *what, char **err)
{
	if (n <= INT32_MAX && !too_many(body, n, marks, max))
		return 0;
	struct strbuf m = STRBUF_INIT;
	sb_printf(&m, _("more than %zu %s in one answer; not read"), max, what);
	*err = sb_detach(&m);
	return 1;
}

/* ---- requests ---- */

void feed_add_param(struct strbuf *url, const char *name, const char *value)
{
	int is_url = url->buf && strstr(url->buf, "://");
	if (url->len)
		sb_putc(url, is_url && !strchr(url->buf, '?') ? '?' : '&');
	sb_printf(url, "%s=", name);
	for (const unsigned char *p = (const unsigned char *)value; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    *p == '-' || *p == '_' || *p == '.' || *p == '~')
			sb_putc(url, (char)*p);
		else
			sb_printf(url, "%%%02X", *p);
	}
}

int feed_has_param(const char *url, const char *name)
{
	const char *q = strchr(url, '?');
	size_t k = strlen(name);
	for (const char *p = q; p; p = strchr(p + 1, '&'))
		if (!strncmp(p + 1, name, k) && p[1 + k] == '=')
			return 1;
	return 0;
}

void feed_page_number(const struct source *src, long page, const char *per_page, struct strbuf *url)
{
	char num[32];
	snprintf(num, sizeof num, "%d", FEED_PER_PAGE);
	if (!feed_has_param(src->url, per_page))
		feed_add_param(url, per_page, num);
	snprintf(num, sizeof num, "%ld", page);
	feed_add_param(url, "page", num);
}

/* ---- content types ---- */

static int is_html(const char *ct)
{
	return !strcmp(ct, "text/html") || !strcmp(ct, "application/xhtml+xml");
}

const char *feed_want_xml(const char *ct)
{
	return strstr(ct, "xml") || !strcmp(ct, "text/plain") ? NULL
	       : is_html(ct) ? N_("an HTML page, not a feed") : N_("no feed");
}

const char *feed_want_html(const char *ct)
{
	return is_html(ct) || strstr(ct, "xml") || !strcmp(ct, "text/plain") ? NULL : N_("no HTML page");
}

const char *feed_want_json(const char *ct)
{
	return strstr(ct, "json") || !strcmp(ct, "text/plain") ? NULL
	       : is_html(ct) ? N_("an HTML page, not JSON") : N_("no JSON");
}
