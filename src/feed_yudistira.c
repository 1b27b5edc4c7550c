/*
 * feed_yudistira.c: the source kind "yudistira": Mafindo's Yudistira API,
 * a POST form with a key, paged by offset until a page comes back short.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "feed_int.h"

static void yudistira_record(struct feed_page *pg, const struct source *src, const json_t *o)
{
	struct record r = { 0 };
	r.id = feed_jid(json_object_get(o, "id"));
	r.title = feed_html_field(feed_jget(o, "title"));
	r.claim = feed_html_field(feed_jget(o, "content"));
	char *fact = feed_html_field(feed_jget(o, "fact")), *conclusion = feed_html_field(feed_jget(o, "conclusion"));
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
	r.rating = feed_bracket_rating(r.title);
	if (!r.rating)
		r.rating = feed_jdup(o, "classification");
	const char *status = feed_jget(o, "status");
	if (status && !strcmp(status, "1"))
		r.label = xstrdup("factcheck");   /* "1" is true news, "2" a hoax (Mafindo's API) */
	r.date = feed_jdup(o, "tanggal");
	feed_emit(pg, src, &r);
}

static int yudistira_parse(const struct source *src, const char *body, size_t n, struct feed_page *pg, char **err)
{
	return feed_json_parse(src, body, n, pg, err, yudistira_record, NULL);
}

static void yudistira_request(const struct source *src, long page, const char *token, struct strbuf *url,
			      struct strbuf *post)
{
	(void)token;
	(void)url;
	char num[32];
	feed_add_param(post, "key", src->key ? src->key : "");
	snprintf(num, sizeof num, "%d", FEED_PER_PAGE);
	feed_add_param(post, "limit", num);
	snprintf(num, sizeof num, "%ld", (page - 1) * FEED_PER_PAGE);
	feed_add_param(post, "offset", num);
}

static int yudistira_last_page(long page, const struct fetch_response *rs, const struct feed_page *pg)
{
	(void)page;
	(void)rs;
	return pg->records < FEED_PER_PAGE;
}

const struct feed_kind feed_yudistira = {
	.name = "yudistira",
	.default_url = "https://yudistira.turnbackhoax.id/api/antihoax/",
	.default_label = "hoax",
	.needs_key = 1,
	.request = yudistira_request,
	.wrong_type = feed_want_json,
	.parse = yudistira_parse,
	.last_page = yudistira_last_page,
};
