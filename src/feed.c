/*
 * feed.c: parsing what sources send into saring's JSON Lines records
 * (see feed.h). XML is parsed strictly (a malformed feed is an error, not
 * half a feed), without the network and without substituting entities;
 * HTML leniently, as browsers do.
 */
#include "feed.h"

#include <jansson.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "import.h"
#include "i18n.h"
#include "text.h"

#define TEXT_MAX (1 << 20)   /* the visible text kept of one page or field */

/* One record before it becomes a JSON line; every field owned, NULL when absent. */
struct record {
	char *id, *label, *rating, *title, *claim, *body, *publisher, *url, *date;
};

static void record_clear(struct record *r)
{
	char **f[] = { &r->id, &r->label, &r->rating, &r->title, &r->claim, &r->body, &r->publisher, &r->url, &r->date };
	for (size_t i = 0; i < sizeof f / sizeof *f; i++) {
		free(*f[i]);
		*f[i] = NULL;
	}
}

static char *set_err(const char *fmt, const char *arg)
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

/* "[SALAH] Judul" gives "SALAH": a rating in brackets at the start of a title. */
static char *bracket_rating(const char *title)
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

/* Write r as a record of src (its id prefixed with the source's name) and clear it. */
static void emit_record(struct feed_page *pg, const struct source *src, struct record *r)
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
	jput(o, "label", r->label ? r->label : src->label);
	if (!r->rating)
		r->rating = bracket_rating(r->title);
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

/* ---- text of HTML ---- */

static int is_named(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->name && !strcasecmp((const char *)n->name, name);
}

static int name_in(const xmlNode *n, const char *const *names)
{
	for (; *names; names++)
		if (is_named(n, *names))
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

/* Append the text of n's subtree to sb, spaces collapsed, blocks on lines of their own. */
static void html_text(const xmlNode *n, struct strbuf *sb, int page)
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
			html_text(n->children, sb, page);
			if (block)
				sb_space(sb, '\n');
		}
	}
}

static char *trimmed(struct strbuf *sb)
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

static htmlDocPtr html_parse(const char *html, size_t n)
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
		return trimmed(&sb);
	}
	htmlDocPtr doc = html_parse(html, n);
	if (!doc)
		return NULL;
	struct strbuf sb = STRBUF_INIT;
	html_text(doc->children, &sb, page);
	xmlFreeDoc(doc);
	return trimmed(&sb);
}

static char *html_field(const char *s)
{
	return s ? feed_html_text(s, strlen(s), 0) : NULL;
}

/* ---- RSS and Atom ---- */

/* The text and CDATA directly inside n (entity references are not followed). */
static char *node_text(const xmlNode *n)
{
	struct strbuf sb = STRBUF_INIT;
	for (const xmlNode *c = n->children; c && sb.len < TEXT_MAX; c = c->next)
		if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content)
			sb_puts(&sb, (const char *)c->content);
	return trimmed(&sb);
}

static const char *attr(const xmlNode *n, const char *name)
{
	for (const xmlAttr *a = n->properties; a; a = a->next)
		if (a->name && !strcmp((const char *)a->name, name) && a->children && a->children->content)
			return (const char *)a->children->content;
	return NULL;
}

static void set_once(char **dst, char *v)
{
	if (*dst || !v)
		free(v);
	else
		*dst = v;
}

/* One <item> or <entry>. */
static void feed_item(struct feed_page *pg, const struct source *src, const xmlNode *item)
{
	struct record r = { 0 };
	char *guid = NULL, *html = NULL;
	for (const xmlNode *c = item->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		const char *name = (const char *)c->name;
		if (!strcmp(name, "title")) {
			char *t = node_text(c);
			set_once(&r.title, html_field(t));
			free(t);
		} else if (!strcmp(name, "link")) {
			const char *href = attr(c, "href"), *rel = attr(c, "rel");
			if (href && (!rel || !strcmp(rel, "alternate")))
				set_once(&r.url, xstrdup(href));
			else if (!href)
				set_once(&r.url, node_text(c));
		} else if (!strcmp(name, "guid") || !strcmp(name, "id")) {
			set_once(&guid, node_text(c));
		} else if (!strcmp(name, "encoded") || !strcmp(name, "content")) {
			char *t = node_text(c);   /* content:encoded, Atom content: the whole text, preferred */
			free(html);
			html = t;
		} else if (!strcmp(name, "description") || !strcmp(name, "summary")) {
			set_once(&html, node_text(c));
		} else if (!strcmp(name, "pubDate") || !strcmp(name, "published") || !strcmp(name, "date") ||
			   !strcmp(name, "updated")) {
			set_once(&r.date, node_text(c));
		} else if (!strcmp(name, "creator") || !strcmp(name, "author")) {
			/* the writer, not the publisher: left out */
		}
	}
	r.body = html_field(html);
	free(html);
	r.id = guid ? guid : r.url ? xstrdup(r.url) : NULL;
	emit_record(pg, src, &r);
}

/* Items anywhere under n, to a small depth (rss/channel/item, feed/entry, rdf:RDF/item). */
static void feed_items(struct feed_page *pg, const struct source *src, const xmlNode *n, int depth)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (is_named(n, "item") || is_named(n, "entry"))
			feed_item(pg, src, n);
		else if (depth < 3)
			feed_items(pg, src, n->children, depth + 1);
	}
}

static int parse_feed(const struct source *src, const char *body, size_t n, struct feed_page *pg, char **err)
{
	const int opts = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING;
	xmlDocPtr doc = xmlReadMemory(body, (int)n, NULL, NULL, opts);
	if (!doc) {   /* maybe only its UTF-8: once more, repaired */
		struct strbuf clean = STRBUF_INIT;
		if (utf8_sanitize(body, n, &clean) > 0)
			doc = xmlReadMemory(clean.buf, (int)clean.len, NULL, "UTF-8", opts);
		sb_release(&clean);
	}
	if (!doc) {
		*err = xstrdup(_("malformed XML, not an RSS or Atom feed"));
		return -1;
	}
	const xmlNode *root = doc->children;
	while (root && root->type != XML_ELEMENT_NODE)
		root = root->next;
	if (!root || !(is_named(root, "rss") || is_named(root, "feed") || is_named(root, "RDF"))) {
		*err = set_err(_("not an RSS or Atom feed (<%s>)"), root ? (const char *)root->name : "");
		xmlFreeDoc(doc);
		return -1;
	}
	feed_items(pg, src, root->children, 0);
	xmlFreeDoc(doc);
	return 0;
}

/* ---- pages with ClaimReview JSON-LD ---- */

struct page_ctx {
	struct feed_page *pg;
	const struct source *src;
	const char *page_text;    /* borrowed: the page's visible text, for a ClaimReview without a body */
	const char *page_title;
	int bad;
};

static int page_doc(void *ctx, struct doc *d, long line)
{
	(void)line;
	struct page_ctx *p = ctx;
	struct record r = { 0 };
	r.id = d->url ? xstrdup(d->url) : d->id ? xstrdup(d->id) : NULL;
	r.label = d->label && strcmp(d->label, "factcheck") ? xstrdup(d->label) : NULL;   /* else the source's */
	r.rating = d->rating ? xstrdup(d->rating) : NULL;
	r.title = d->title ? xstrdup(d->title) : p->page_title ? xstrdup(p->page_title) : NULL;
	r.claim = d->claim ? xstrdup(d->claim) : NULL;
	r.body = d->body ? xstrdup(d->body) : p->page_text ? xstrdup(p->page_text) : NULL;
	r.publisher = d->publisher ? xstrdup(d->publisher) : NULL;
	r.url = d->url ? xstrdup(d->url) : NULL;
	r.date = d->date ? xstrdup(d->date) : NULL;
	emit_record(p->pg, p->src, &r);
	doc_clear(d);
	return 0;
}

static void page_bad(void *ctx, long line, const char *reason)
{
	(void)line;
	struct page_ctx *p = ctx;
	if (!p->bad++)
		warnx_(_("%s: ClaimReview JSON-LD skipped: %s"), p->src->name, reason);
}

/* The JSON-LD blocks (<script type="application/ld+json">) under n, into the page's records. */
static void ld_blocks(const xmlNode *n, struct page_ctx *p)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		const char *type = attr(n, "type");
		if (is_named(n, "script") && type && strstr(type, "ld+json")) {
			char *json = node_text(n);
			if (json && (strstr(json, "ClaimReview") || strstr(json, "claimReviewed")))
				import_read_mem(p->src->name, json, strlen(json), FMT_CLAIMREVIEW, p->src->name,
						page_doc, page_bad, p);
			free(json);
		} else {
			ld_blocks(n->children, p);
		}
	}
}

static const xmlNode *find_named(const xmlNode *n, const char *name)
{
	for (; n; n = n->next) {
		if (is_named(n, name))
			return n;
		const xmlNode *f = n->type == XML_ELEMENT_NODE ? find_named(n->children, name) : NULL;
		if (f)
			return f;
	}
	return NULL;
}

static int parse_page(const struct source *src, const char *body, size_t n, struct feed_page *pg, char **err)
{
	htmlDocPtr doc = html_parse(body, n);
	if (!doc) {
		*err = xstrdup(_("cannot read the page as HTML"));
		return -1;
	}
	struct strbuf text = STRBUF_INIT;
	const xmlNode *main = find_named(doc->children, "article");
	if (!main)
		main = find_named(doc->children, "body");
	if (main)
		html_text(main->children, &text, 1);
	char *page_text = trimmed(&text);
	const xmlNode *h1 = find_named(doc->children, "h1");
	struct strbuf t = STRBUF_INIT;
	if (h1)
		html_text(h1->children, &t, 0);
	char *title = trimmed(&t);
	struct page_ctx p = { pg, src, page_text, title, 0 };
	ld_blocks(doc->children, &p);
	xmlFreeDoc(doc);
	free(page_text);
	free(title);
	if (!pg->records && !p.bad) {
		*err = xstrdup(_("no ClaimReview JSON-LD on the page"));
		return -1;
	}
	return 0;
}

/* ---- JSON APIs ---- */

static const char *jget(const json_t *o, const char *key)
{
	const json_t *v = json_object_get(o, key);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

static char *jdup(const json_t *o, const char *key)
{
	const char *s = jget(o, key);
	return s && *s ? xstrdup(s) : NULL;
}

/* An id that may be a number or a string. */
static char *jid(const json_t *v)
{
	if (json_is_integer(v)) {
		char buf[32];
		snprintf(buf, sizeof buf, "%lld", (long long)json_integer_value(v));
		return xstrdup(buf);
	}
	return json_is_string(v) && *json_string_value(v) ? xstrdup(json_string_value(v)) : NULL;
}

/* WordPress renders fields as {"rendered": "<p>...</p>"}. */
static char *rendered(const json_t *o, const char *key)
{
	const json_t *v = json_object_get(o, key);
	if (json_is_object(v))
		v = json_object_get(v, "rendered");
	return json_is_string(v) ? html_field(json_string_value(v)) : NULL;
}

static void wordpress_post(struct feed_page *pg, const struct source *src, const json_t *o)
{
	struct record r = { 0 };
	r.id = jid(json_object_get(o, "id"));
	r.title = rendered(o, "title");
	r.body = rendered(o, "content");
	if (!r.body)
		r.body = rendered(o, "excerpt");
	r.url = jdup(o, "link");
	r.date = jdup(o, "date");
	emit_record(pg, src, &r);
}

static void komdigi_item(struct feed_page *pg, const struct source *src, const json_t *o)
{
	struct record r = { 0 };
	r.id = jid(json_object_get(o, "id"));
	char *slug = jdup(o, "slug");
	if (!r.id && slug)
		r.id = xstrdup(slug);
	r.title = html_field(jget(o, "title"));
	r.body = jdup(o, "body_text");
	if (!r.body)
		r.body = html_field(jget(o, "body_html"));
	if (!r.body)
		r.body = html_field(jget(o, "excerpt"));
	r.url = jdup(o, "url");
	if (!r.url && slug) {
		struct strbuf u = STRBUF_INIT;
		sb_printf(&u, "https://www.komdigi.go.id/berita/berita-hoaks/detail/%s", slug);
		r.url = sb_detach(&u);
	}
	r.date = jdup(o, "published_at");
	free(slug);
	emit_record(pg, src, &r);
}

static void yudistira_record(struct feed_page *pg, const struct source *src, const json_t *o)
{
	struct record r = { 0 };
	r.id = jid(json_object_get(o, "id"));
	r.title = html_field(jget(o, "title"));
	r.claim = html_field(jget(o, "content"));
	char *fact = html_field(jget(o, "fact")), *conclusion = html_field(jget(o, "conclusion"));
	struct strbuf body = STRBUF_INIT;
	if (fact)
		sb_puts(&body, fact);
	if (fact && conclusion)
		sb_puts(&body, "\n\n");
	if (conclusion)
		sb_puts(&body, conclusion);
	r.body = body.len ? sb_detach(&body) : NULL;
	sb_release(&body);
	free(fact);
	free(conclusion);
	r.rating = bracket_rating(r.title);
	if (!r.rating)
		r.rating = jdup(o, "classification");
	const char *status = jget(o, "status");
	if (status && !strcmp(status, "1"))
		r.label = xstrdup("factcheck");   /* "1" is true news, "2" a hoax (Mafindo's API) */
	r.date = jdup(o, "tanggal");
	emit_record(pg, src, &r);
}

static void google_claim(struct feed_page *pg, const struct source *src, const json_t *o)
{
	const json_t *reviews = json_object_get(o, "claimReview"), *rv = NULL;
	size_t i;
	json_t *e;
	json_array_foreach(reviews, i, e)   /* the Indonesian review when there are several */
		if (json_is_object(e) && (!rv || (jget(e, "languageCode") && !strcmp(jget(e, "languageCode"), "id"))))
			rv = e;
	if (!rv)
		return;
	struct record r = { 0 };
	r.url = jdup(rv, "url");
	r.id = r.url ? xstrdup(r.url) : NULL;
	r.claim = jdup(o, "text");
	r.title = jdup(rv, "title");
	r.rating = jdup(rv, "textualRating");
	const json_t *pub = json_object_get(rv, "publisher");
	r.publisher = jdup(pub, "name");
	if (!r.publisher)
		r.publisher = jdup(pub, "site");
	r.date = jdup(rv, "reviewDate");
	if (!r.date)
		r.date = jdup(o, "claimDate");
	emit_record(pg, src, &r);
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

static int parse_json(const struct source *src, const char *body, size_t n, struct feed_page *pg, char **err)
{
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
	if (src->type == SRC_GOOGLE && json_is_object(v)) {
		const char *tok = jget(v, "nextPageToken");
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
	json_array_foreach(recs, i, o) {
		if (!json_is_object(o))
			continue;
		switch (src->type) {
		case SRC_WORDPRESS: wordpress_post(pg, src, o); break;
		case SRC_KOMDIGI: komdigi_item(pg, src, o); break;
		case SRC_YUDISTIRA: yudistira_record(pg, src, o); break;
		case SRC_GOOGLE: google_claim(pg, src, o); break;
		default: break;
		}
	}
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

int feed_parse(const struct source *src, const char *body, size_t n, struct feed_page *pg, char **err)
{
	memset(pg, 0, sizeof *pg);
	*err = NULL;
	int json = src->type == SRC_WORDPRESS || src->type == SRC_KOMDIGI || src->type == SRC_YUDISTIRA ||
		   src->type == SRC_GOOGLE;
	int xml = src->type == SRC_RSS || src->type == SRC_ARTICLES;
	size_t max = xml ? FEED_MAX_XML_NODES : FEED_MAX_NODES;
	if (n > INT32_MAX || too_many(body, n, json ? "{[" : "<", max)) {
		struct strbuf m = STRBUF_INIT;
		sb_printf(&m, _("more than %zu %s in one answer; not read"), max, json ? "JSON objects and arrays" : "tags");
		*err = sb_detach(&m);
		return -1;
	}
	int rc;
	if (json)
		rc = parse_json(src, body, n, pg, err);
	else if (xml)
		rc = parse_feed(src, body, n, pg, err);
	else if (src->type == SRC_PAGE)
		rc = parse_page(src, body, n, pg, err);
	else
		rc = -1, *err = xstrdup(_("not a feed type"));
	if (rc == 0 && pg->dropped) {
		struct strbuf m = STRBUF_INIT;
		sb_printf(&m, _("more than %d records in one answer; not read"), FEED_MAX_RECORDS);
		*err = sb_detach(&m);
		return -1;
	}
	return rc;
}

void feed_page_release(struct feed_page *pg)
{
	sb_release(&pg->jsonl);
	free(pg->next_token);
	memset(pg, 0, sizeof *pg);
}
