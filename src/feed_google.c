/*
 * feed_google.c: the source kind "google": Google Fact Check Tools'
 * claims:search with a key, paged by nextPageToken; a claim's Indonesian
 * review when it has several.
 */
#include <stdlib.h>
#include <string.h>

#include "feed_int.h"

static void google_claim(struct feed_page *pg, const struct source *src, const json_t *o)
{
	const json_t *reviews = json_object_get(o, "claimReview"), *rv = NULL;
	size_t i;
	json_t *e;
	json_array_foreach(reviews, i, e)   /* the Indonesian review when there are several */
		if (json_is_object(e) && (!rv || (feed_jget(e, "languageCode") && !strcmp(feed_jget(e, "languageCode"), "id"))))
			rv = e;
	if (!rv)
		return;
	struct record r = { 0 };
	r.url = feed_jdup(rv, "url");
	r.id = r.url ? xstrdup(r.url) : NULL;
	r.claim = feed_jdup(o, "text");
	r.title = feed_jdup(rv, "title");
	r.rating = feed_jdup(rv, "textualRating");
	const json_t *pub = json_object_get(rv, "publisher");
	r.publisher = feed_jdup(pub, "name");
	if (!r.publisher)
		r.publisher = feed_jdup(pub, "site");
	r.date = feed_jdup(rv, "reviewDate");
	if (!r.date)
		r.date = feed_jdup(o, "claimDate");
	feed_emit(pg, src, &r);
}

static int google_parse(const struct source *src, const char *body, size_t n, struct feed_page *pg, char **err)
{
	return feed_json_parse(src, body, n, pg, err, google_claim, "nextPageToken");
}

static void google_request(const struct source *src, long page, const char *token, struct strbuf *url,
			   struct strbuf *post)
{
	(void)page;
	(void)post;
	feed_add_param(url, "key", src->key ? src->key : "");
	if (token)
		feed_add_param(url, "pageToken", token);
}

static int google_last_page(long page, const struct fetch_response *rs, const struct feed_page *pg)
{
	(void)page;
	(void)rs;
	return !pg->next_token;
}

const struct feed_kind feed_google = {
	.name = "google",
	.default_url = "https://factchecktools.googleapis.com/v1alpha1/claims:search?languageCode=id&query=hoaks&pageSize=100",
	.default_label = "factcheck",
	.needs_key = 1,
	.request = google_request,
	.wrong_type = feed_want_json,
	.parse = google_parse,
	.last_page = google_last_page,
};
