/*
 * web.h: the pages `saring serve` shows: one page with a box to paste a
 * message, the verdict card with its sources, the reply for the group
 * and a form to upload a WhatsApp export; and the check --json object
 * for the JSON API. HTTP itself lives in serve.c.
 *
 * Every text that comes from a message, a chat or the corpus is
 * HTML-escaped; a snippet's hits (spans the matcher reports) are wrapped
 * in <mark> around their escaped text.
 *
 * Ownership: functions append to a struct strbuf the caller owns; text
 * arguments are borrowed; web_check_json() returns a new reference.
 */
#ifndef SARING_WEB_H
#define SARING_WEB_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "match.h"

struct strbuf;


/* An uploaded chat is screened for at most this long, and this much text (a zip may inflate a thousandfold). */
#define WEB_SCAN_SECONDS 10
#define WEB_SCAN_TEXT ((uint64_t)32 << 20)

/* Sources shown on the page and in the JSON, as check's default -n. */
#define WEB_TOPN 3

/*
 * Append text (len bytes) with & < > " ' escaped and invalid UTF-8 (or NUL)
 * replaced.
 */
void web_escape(struct strbuf *out, const char *text, size_t len);

/*
 * The whole page. Its forms post token back (the server's defence against
 * forms sent from other sites). message (may be NULL) is put back in the box;
 * check_html and scan_html (may be NULL) are HTML shown under the
 * message form and under the chat upload form: a verdict from
 * web_check(), a summary from web_scan() or an error from web_error().
 */
void web_page(struct strbuf *out, const char *token, const char *message, size_t len,
	      const char *check_html, const char *scan_html);

/* An error box (text escaped) to pass to web_page(). */
void web_error(struct strbuf *out, const char *text);

/*
 * Match text and append the verdict card, the sources and the reply.
 * Returns 0, or -1 on a database error (nothing appended).
 */
int web_check(struct strbuf *out, struct matcher *m, const char *text, size_t len);

/*
 * The object `saring check --json` prints for text (id borrowed, may be
 * NULL), or NULL on a database error.
 */
json_t *web_check_json(struct matcher *m, json_t *id, const char *text, size_t len);

/*
 * Screen the WhatsApp export at path (a .txt or .zip) like `saring scan`
 * and append the summary: messages per verdict, the known hoaxes with
 * their copies and first sighting, and what to check next. A picture
 * (PNG, JPEG, WebP, GIF by its bytes) is read instead, like `check
 * --image`: the text read, then its verdict. name
 * (borrowed, may be NULL) is the file's name as the browser sent it, only
 * shown. Returns 0, or -1 with a message for people in *err (the caller
 * frees it) when the file cannot be read as a chat.
 */
int web_scan(struct strbuf *out, struct matcher *m, const char *path, const char *name, char **err);

#endif
