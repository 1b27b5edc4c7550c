/*
 * feed_wordpress.c: the source kind "wordpress" (also "wp"): a WordPress
 * site's /wp-json/wp/v2/posts, paged by number until X-WP-TotalPages.
 */
#include <stdlib.h>

#include "feed_int.h"
#include "fetch.h"

/* WordPress renders fields as {"rendered": "<p>...</p>"}. */
static char *rendered(const json_t *o, const char *key)
{
	const json_t *v = json_object_get(o, key);
	if (json_is_object(v))
		v = json_object_get(v, "rendered");
	return json_is_string(v) ? feed_html_field(json_string_value(v)) : NULL;
}

static void wordpress_post(struct feed_page *pg, const struct source *src, const json_t *o)
{
	struct record r = { 0 };
	r.id = feed_jid(json_object_get(o, "id"));
	r.title = rendered(o, "title");
	r.body = rendered(o, "content");
	if (!r.body)
		r.body = rendered(o, "excerpt");
	r.url = feed_jdup(o, "link");
	r.date = feed_jdup(o, "date");
	feed_emit(pg, src, &r);
}

static int wordpress_parse(const struct source *src, const char *body, size_t n, struct feed_page *pg, char **err)
{
	return feed_json_parse(src, body, n, pg, err, wordpress_post, NULL);
}

static void wordpress_request(const struct source *src, long page, const char *token, struct strbuf *url,
			      struct strbuf *post)
{
	(void)token;
	(void)post;
	feed_page_number(src, page, "per_page", url);
}

static int wordpress_last_page(long page, const struct fetch_response *rs, const struct feed_page *pg)
{
	(void)pg;
	return rs->total_pages >= 0 && page >= rs->total_pages;
}

static const char *const wordpress_aliases[] = { "wp", NULL };

const struct feed_kind feed_wordpress = {
	.name = "wordpress",
	.aliases = wordpress_aliases,
	.default_label = "hoax",
	.request = wordpress_request,
	.wrong_type = feed_want_json,
	.parse = wordpress_parse,
	.last_page = wordpress_last_page,
};
