/*
 * feed_int.h: what the source kinds' files (src/feed_<kind>.c) share,
 * kept in feed_record.c: a record and its one way out, the visible text of
 * HTML, the walk of a parsed tree, the JSON answer's list of records,
 * the query parameters of a request and the content types a kind
 * accepts. Private to src/feed*.c.
 *
 * Ownership: a record's fields are owned; feed_emit() takes them and
 * clears the record. Every char * returned is owned by the caller.
 */
#ifndef SARING_FEED_INT_H
#define SARING_FEED_INT_H

#include <jansson.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>

#include "feed.h"
#include "feed_kind.h"

#define TEXT_MAX (1 << 20)   /* the visible text kept of one page or field */

/* One record before it becomes a JSON line; every field owned, NULL when absent. */
struct record {
	char *id, *label, *rating, *title, *claim, *body, *publisher, *url, *date;
};

/* Write r as a record of src (its id prefixed with the source's name) and clear it. */
void feed_emit(struct feed_page *pg, const struct source *src, struct record *r);
/* "[SALAH] Judul" gives "SALAH": a rating in brackets at the start of a title. */
char *feed_bracket_rating(const char *title);
/* fmt with arg, as an owned string (an error for *err). */
char *feed_err(const char *fmt, const char *arg);
/* Is body larger than a parser should be given: more than max of the characters in marks ("<", "{[")? Then *err says so. */
int feed_too_big(const char *body, size_t n, const char *marks, size_t max, const char *what, char **err);

/* The items of an RSS 2.0, RSS 1.0 or Atom feed (feed_rss.c, read so by "articles" too). */
int feed_rss_parse(const struct source *src, const char *body, size_t n, struct feed_page *pg, char **err);

/* HTML and XML trees */
int feed_is_named(const xmlNode *n, const char *name);
const char *feed_attr(const xmlNode *n, const char *name);
/* The text and CDATA directly inside n (entity references are not followed). */
char *feed_node_text(const xmlNode *n);
/* The first element named name in n's siblings and their subtrees, or NULL. */
const xmlNode *feed_find_named(const xmlNode *n, const char *name);
/* HTML parsed leniently (its UTF-8 repaired first), or NULL. */
htmlDocPtr feed_html_parse(const char *html, size_t n);
/* Append the text of n's subtree to sb, spaces collapsed, blocks on lines of their own. */
void feed_html_text_of(const xmlNode *n, struct strbuf *sb, int page);
/* sb's text without white space around it (NULL when none); sb released. */
char *feed_trimmed(struct strbuf *sb);
/* The visible text of an HTML field, or NULL. */
char *feed_html_field(const char *s);

/* JSON answers */
const char *feed_jget(const json_t *o, const char *key);
char *feed_jdup(const json_t *o, const char *key);
/* An id that may be a number or a string. */
char *feed_jid(const json_t *v);
/*
 * The records of a JSON answer: each object of its list (itself, or
 * under data, data.data, claims, posts, items, results) given to record.
 * With token_key, the answer's next page token is kept and an answer
 * with no list and no error holds no records.
 */
int feed_json_parse(const struct source *src, const char *body, size_t n, struct feed_page *pg, char **err,
		    void (*record)(struct feed_page *pg, const struct source *src, const json_t *o),
		    const char *token_key);

/* Requests */
/* Append "name=value", value percent-encoded, to a URL's query (a form when it is not a URL). */
void feed_add_param(struct strbuf *url, const char *name, const char *value);
/* Does url's query name name? */
int feed_has_param(const char *url, const char *name);
/* Ask for page of FEED_PER_PAGE records, by page number; per_page names the count's parameter. */
void feed_page_number(const struct source *src, long page, const char *per_page, struct strbuf *url);

/* Content types (a wrong_type of struct feed_kind) */
const char *feed_want_xml(const char *ct);
const char *feed_want_html(const char *ct);
const char *feed_want_json(const char *ct);

#endif
