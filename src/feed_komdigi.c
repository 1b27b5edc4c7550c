/*
 * feed_komdigi.c: the source kind "komdigi": Komdigi's JSON list API
 * (data[] or Laravel's data.data[]), paged by number until last_page.
 */
#include <stdlib.h>

#include "feed_int.h"

static void komdigi_item(struct feed_page *pg, const struct source *src, const json_t *o)
{
	struct record r = { 0 };
	r.id = feed_jid(json_object_get(o, "id"));
	char *slug = feed_jdup(o, "slug");
	if (!r.id && slug)
		r.id = xstrdup(slug);
	r.title = feed_html_field(feed_jget(o, "title"));
	r.body = feed_jdup(o, "body_text");
	if (!r.body)
		r.body = feed_html_field(feed_jget(o, "body_html"));
	if (!r.body)
		r.body = feed_html_field(feed_jget(o, "excerpt"));
	r.url = feed_jdup(o, "url");
	if (!r.url && slug) {
		struct strbuf u = STRBUF_INIT;
		sb_printf(&u, "https://www.komdigi.go.id/berita/berita-hoaks/detail/%s", slug);
		r.url = sb_detach(&u);
	}
	r.date = feed_jdup(o, "published_at");
	free(slug);
	feed_emit(pg, src, &r);
}

static int komdigi_parse(const struct source *src, const char *body, size_t n, struct feed_page *pg, char **err)
{
	return feed_json_parse(src, body, n, pg, err, komdigi_item, NULL);
}

static void komdigi_request(const struct source *src, long page, const char *token, struct strbuf *url,
			    struct strbuf *post)
{
	(void)token;
	(void)post;
	feed_page_number(src, page, "perPage", url);
}

static int komdigi_last_page(long page, const struct fetch_response *rs, const struct feed_page *pg)
{
	(void)rs;
	return pg->last_page > 0 && page >= pg->last_page;
}

const struct feed_kind feed_komdigi = {
	.name = "komdigi",
	.default_label = "hoax",
	.request = komdigi_request,
	.wrong_type = feed_want_json,
	.parse = komdigi_parse,
	.last_page = komdigi_last_page,
};
