/*
 * feed.h: what a source's server sent, as records: RSS 2.0 / RSS 1.0 /
 * Atom (libxml2, no network, no entity expansion), HTML pages with
 * ClaimReview JSON-LD, and the JSON of WordPress, Komdigi, Mafindo's
 * Yudistira and Google Fact Check Tools (jansson).
 *
 * Each record comes out as one line of saring's JSON Lines (id, label,
 * rating, title, claim, text, publisher, url, date, source), so that it
 * goes through import's rules and transaction like any imported file.
 * Ids are the source's name, ':' and the record's own id (RSS guid,
 * WordPress or Komdigi id, the page's URL); text from HTML is its
 * visible text (no markup, no script); URLs other than http(s) are
 * dropped; invalid UTF-8 is replaced.
 *
 * Ownership: a feed_page owns its buffers; feed_page_release() frees them.
 */
#ifndef SARING_FEED_H
#define SARING_FEED_H

#include <stddef.h>

#include "sources.h"
#include "util.h"

/*
 * Bounds on one answer, so that memory stays bounded whatever a server
 * sends (a parsed tree takes many times its text): the markup ('<') or
 * JSON structure ('{', '[') counted in the body before parsing, and the
 * records made.
 */
#define FEED_MAX_NODES 100000        /* HTML tags, JSON objects and arrays */
#define FEED_MAX_XML_NODES 250000    /* XML tags (an RSS item has a dozen) */
#define FEED_MAX_RECORDS 20000

struct feed_page {
	struct strbuf jsonl;     /* the records, one JSON object a line */
	long records;            /* how many */
	long dropped;            /* records past FEED_MAX_RECORDS (the answer is then refused) */
	long long last_page;     /* Komdigi: the last page number the API names, else 0 */
	char *next_token;        /* Google: nextPageToken (owned), or NULL */
};

/* The records of one response body of src's type: 0, or -1 with *err (owned, caller frees). */
int feed_parse(const struct source *src, const char *body, size_t n, struct feed_page *pg, char **err);
void feed_page_release(struct feed_page *pg);

/* The visible text of HTML (a fragment, or a page when page is set: its head, nav and footer left out). */
char *feed_html_text(const char *html, size_t n, int page);

#endif
