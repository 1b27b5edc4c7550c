/*
 * feed_rss.c: the source kind "rss" (also "atom", "feed"): an RSS 2.0,
 * RSS 1.0 or Atom feed, one record an item. XML is parsed strictly (a
 * malformed feed is an error, not half a feed), without the network and
 * without substituting entities. feed_articles.c reads its feeds so too.
 */
#include <stdlib.h>
#include <string.h>

#include "feed_int.h"
#include "i18n.h"
#include "text.h"

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
			char *t = feed_node_text(c);
			set_once(&r.title, feed_html_field(t));
			free(t);
		} else if (!strcmp(name, "link")) {
			const char *href = feed_attr(c, "href"), *rel = feed_attr(c, "rel");
			if (href && (!rel || !strcmp(rel, "alternate")))
				set_once(&r.url, xstrdup(href));
			else if (!href)
				set_once(&r.url, feed_node_text(c));
		} else if (!strcmp(name, "guid") || !strcmp(name, "id")) {
			set_once(&guid, feed_node_text(c));
		} else if (!strcmp(name, "encoded") || !strcmp(name, "content")) {
			char *t = feed_node_text(c);   /* content:encoded, Atom content: the whole text, preferred */
			free(html);
			html = t;
		} else if (!strcmp(name, "description") || !strcmp(name, "summary")) {
			set_once(&html, feed_node_text(c));
		} else if (!strcmp(name, "pubDate") || !strcmp(name, "published") || !strcmp(name, "date") ||
			   !strcmp(name, "updated")) {
			set_once(&r.date, feed_node_text(c));
		} else if (!strcmp(name, "creator") || !strcmp(name, "author")) {
			/* the writer, not the publisher: left out */
		}
	}
	r.body = feed_html_field(html);
	free(html);
	r.id = guid ? guid : r.url ? xstrdup(r.url) : NULL;
	feed_emit(pg, src, &r);
}

/* Items anywhere under n, to a small depth (rss/channel/item, feed/entry, rdf:RDF/item). */
static void feed_items(struct feed_page *pg, const struct source *src, const xmlNode *n, int depth)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (feed_is_named(n, "item") || feed_is_named(n, "entry"))
			feed_item(pg, src, n);
		else if (depth < 3)
			feed_items(pg, src, n->children, depth + 1);
	}
}

/* The items of an RSS 2.0, RSS 1.0 or Atom feed (XML parsed strictly, without the network or entities). */
int feed_rss_parse(const struct source *src, const char *body, size_t n, struct feed_page *pg, char **err)
{
	if (feed_too_big(body, n, "<", FEED_MAX_XML_NODES, "tags", err))
		return -1;
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
	if (!root || !(feed_is_named(root, "rss") || feed_is_named(root, "feed") || feed_is_named(root, "RDF"))) {
		*err = feed_err(_("not an RSS or Atom feed (<%s>)"), root ? (const char *)root->name : "");
		xmlFreeDoc(doc);
		return -1;
	}
	feed_items(pg, src, root->children, 0);
	xmlFreeDoc(doc);
	return 0;
}

static const char *const rss_aliases[] = { "atom", "feed", NULL };

const struct feed_kind feed_rss = {
	.name = "rss",
	.aliases = rss_aliases,
	.default_label = "hoax",
	.wrong_type = feed_want_xml,
	.parse = feed_rss_parse,
};
