/*
 * feed_kind.h: the kinds of source saring update reads, one struct of
 * functions and data each, one file each (src/feed_<kind>.c), and the
 * table of them (FEED_KINDS below), as curl keeps a protocol behind its
 * Curl_handler. sources.c names and checks a source by its kind's line,
 * update.c asks the kind how to request a page, what it may be sent,
 * how to read it and when the paging ends; neither names a kind.
 *
 * Adding a source kind:
 *   1. write src/feed_<kind>.c: its functions (update.c calls none of
 *      them for a field left NULL) and one `const struct feed_kind
 *      feed_<kind>` (the helpers shared by the kinds are in feed_int.h);
 *   2. add one line X(SRC_<KIND>, feed_<kind>) to FEED_KINDS below;
 *   3. describe it under "saring sources" in man/saring.1, and add a case
 *      to tests/unit/test_update.c and tests/suites/update.sh.
 *
 * Ownership: the kinds and the table are static, never freed.
 */
#ifndef SARING_FEED_KIND_H
#define SARING_FEED_KIND_H

#include <stddef.h>

struct bundle_signer;
struct fetch_response;
struct feed_page;
struct source;
struct strbuf;

#define FEED_PER_PAGE 50   /* records asked for per page of a paged API */

/*
 * The table of kinds, one line a kind: its enum name (a source's type)
 * and its struct. The order is that of `saring sources add`'s list.
 */
#define FEED_KINDS(X) \
	X(SRC_RSS, feed_rss) \
	X(SRC_ARTICLES, feed_articles) \
	X(SRC_WORDPRESS, feed_wordpress) \
	X(SRC_KOMDIGI, feed_komdigi) \
	X(SRC_PAGE, feed_page_kind) \
	X(SRC_YUDISTIRA, feed_yudistira) \
	X(SRC_GOOGLE, feed_google) \
	X(SRC_BUNDLE, feed_bundle)

#define FEED_KIND_ENUM(e, k) e,
enum source_type { FEED_KINDS(FEED_KIND_ENUM) NSOURCE_TYPES };
#undef FEED_KIND_ENUM

struct feed_kind {
	const char *name;               /* in the sources file and `saring sources` */
	const char *const *aliases;     /* other names accepted for it, NULL-ended, or NULL */
	const char *default_url;        /* a source of this kind added without a URL, or NULL */
	const char *default_label;      /* a source added without --label: hoax or factcheck */
	int needs_key;                  /* a source of this kind wants --key */
	size_t max_bytes;               /* a body may be this large (0: update's --max-bytes limit) */
	int item_pages;                 /* each new record's own page is read too (ClaimReview, text) */
	/* Add what page (1-based, token: the last page's next token or NULL) asks for: url holds the source's URL, post a form (empty: a GET). */
	void (*request)(const struct source *src, long page, const char *token, struct strbuf *url,
			struct strbuf *post);
	/* Is a content type ct (not empty) one this kind may be sent? NULL, or why not (untranslated). */
	const char *(*wrong_type)(const char *ct);
	/* The records of one page: 0, or -1 with *err (owned). */
	int (*parse)(const struct source *src, const char *body, size_t n, struct feed_page *pg, char **err);
	/* The records of a whole answer that is one piece (no paging, no error page): 0, or -1 with *err (owned). */
	int (*unpack)(const struct source *src, const char *body, size_t n, int insecure, struct strbuf *jsonl,
		      struct bundle_signer *signer, char **err);
	/* Is page, which held new records, the last? (NULL: the first page is the last.) */
	int (*last_page)(long page, const struct fetch_response *rs, const struct feed_page *pg);
};

#define FEED_KIND_EXTERN(e, k) extern const struct feed_kind k;
FEED_KINDS(FEED_KIND_EXTERN)
#undef FEED_KIND_EXTERN

/* The kinds, indexed by enum source_type. */
extern const struct feed_kind *const feed_kinds[NSOURCE_TYPES];

#endif
