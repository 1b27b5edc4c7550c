/*
 * feed_page.c: the source kind "page" (also "claimreview", "html"): an
 * HTML page whose ClaimReview JSON-LD blocks are its records (read by
 * import's ClaimReview reader), with the page's visible text and first
 * heading for a review that has none. HTML is parsed leniently, as
 * browsers do. Its struct is feed_page_kind (struct feed_page is a page
 * of records).
 */
#include <stdlib.h>
#include <string.h>

#include "feed_int.h"
#include "i18n.h"
#include "import.h"

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
	feed_emit(p->pg, p->src, &r);
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
		const char *type = feed_attr(n, "type");
		if (feed_is_named(n, "script") && type && strstr(type, "ld+json")) {
			char *json = feed_node_text(n);
			if (json && (strstr(json, "ClaimReview") || strstr(json, "claimReviewed")))
				import_read_mem(p->src->name, json, strlen(json), FMT_CLAIMREVIEW, p->src->name,
						page_doc, page_bad, p);
			free(json);
		} else {
			ld_blocks(n->children, p);
		}
	}
}

/* The ClaimReview records of an HTML page; a review without a text takes the page's. */
static int parse_page(const struct source *src, const char *body, size_t n, struct feed_page *pg, char **err)
{
	if (feed_too_big(body, n, "<", FEED_MAX_NODES, "tags", err))
		return -1;
	htmlDocPtr doc = feed_html_parse(body, n);
	if (!doc) {
		*err = xstrdup(_("cannot read the page as HTML"));
		return -1;
	}
	struct strbuf text = STRBUF_INIT;
	const xmlNode *main = feed_find_named(doc->children, "article");
	if (!main)
		main = feed_find_named(doc->children, "body");
	if (main)
		feed_html_text_of(main->children, &text, 1);
	char *page_text = feed_trimmed(&text);
	const xmlNode *h1 = feed_find_named(doc->children, "h1");
	struct strbuf t = STRBUF_INIT;
	if (h1)
		feed_html_text_of(h1->children, &t, 0);
	char *title = feed_trimmed(&t);
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

static const char *const page_aliases[] = { "claimreview", "html", NULL };

const struct feed_kind feed_page_kind = {
	.name = "page",
	.aliases = page_aliases,
	.default_label = "hoax",
	.wrong_type = feed_want_html,
	.parse = parse_page,
};
