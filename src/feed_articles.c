/*
 * feed_articles.c: the source kind "articles": an RSS or Atom feed (read
 * as feed_rss.c reads one) whose new items' own pages are read too, for
 * their ClaimReview (claim, rating, publisher, date) and article text.
 */
#include "feed_int.h"

const struct feed_kind feed_articles = {
	.name = "articles",
	.default_label = "hoax",
	.item_pages = 1,
	.wrong_type = feed_want_xml,
	.parse = feed_rss_parse,
};
