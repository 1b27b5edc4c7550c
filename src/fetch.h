/*
 * fetch.h: one bounded HTTP(S) request for saring update (libcurl).
 *
 * Every request is bounded whatever the server does: http and https only,
 * also after a redirect (at most FETCH_REDIRECTS); a whole-request timeout
 * and a minimum transfer speed; a limit on the body after decoding
 * (gzip/deflate included, so a small compressed bomb stops there) and on
 * the headers. It carries saring's User-Agent and the validators of the
 * last response (If-None-Match, If-Modified-Since), waits the per-host
 * delay since the last request to the same host, and retries a timeout,
 * a failed connection, a 429 or a 5xx with a growing pause, honouring
 * Retry-After (up to FETCH_RETRY_AFTER_MAX seconds).
 *
 * Only public addresses are fetched, checked on the address each
 * connection is made to (so a name that resolves to one, DNS rebinding
 * included, is no way round): loopback, private, shared, link-local,
 * multicast and reserved addresses are refused, at the start and after a
 * redirect. The one exception is the source's own configured URL when it
 * names such an address by its number (http://127.0.0.1:8080/feed): that
 * address and port, and no other, may be fetched. An https request is
 * redirected only to https.
 *
 * A deadline (fetch_limits.deadline, set by saring update per source and
 * run) bounds everything together: a request's time is cut to what is
 * left, and no request, per-host delay or Retry-After pause starts past
 * it.
 *
 * Ownership: the request's strings are borrowed; the response's are owned
 * and given back by fetch_response_release().
 */
#ifndef SARING_FETCH_H
#define SARING_FETCH_H

#include <stddef.h>

#include "util.h"

#define FETCH_REDIRECTS 5
#define FETCH_RETRY_AFTER_MAX 60
#define FETCH_HEADERS_MAX (64 * 1024)
/*
 * Default time budgets of saring update in seconds, Retry-After pauses
 * included (--source-budget, --run-budget): an articles source of pages
 * that drip bytes and ask to wait cost some 70 minutes before; the
 * national sources take under a minute each.
 */
#define FETCH_SOURCE_BUDGET 600
#define FETCH_RUN_BUDGET 3600

struct fetch_limits {
	long timeout;        /* seconds for one request, connection included */
	size_t max_bytes;    /* body bound after decoding */
	int retries;         /* further tries after a failure that may pass */
	long delay_ms;       /* pause between two requests to one host */
	const char *origin;  /* borrowed: the source's configured URL (its numeric local address is allowed), or NULL */
	double deadline;     /* fetch_clock() past which nothing is sent; 0: none */
};

/* Seconds on a monotonic clock, for deadlines. */
double fetch_clock(void);

struct fetch_request {
	const char *url;
	const char *etag;            /* validators from the last response, or NULL */
	const char *last_modified;
	const char *post;            /* a form body to POST (application/x-www-form-urlencoded), or NULL */
	const char *accept;          /* Accept header, or NULL */
};

struct fetch_response {
	long status;                 /* HTTP status of the last response, 0 when none came */
	struct strbuf body;          /* the decoded body */
	char *content_type;          /* owned, lowercased without parameters, or NULL */
	char *etag, *last_modified;  /* owned validators, or NULL */
	long long total, total_pages;/* X-WP-Total, X-WP-TotalPages, or -1 */
	char *error;                 /* owned message when fetch() failed */
	int requests;                /* requests sent, retries included */
};

/*
 * Send the request (a GET, or a POST with rq->post). 0 with a 2xx or 304
 * response in *rs; -1 with rs->error ("HTTP 404", "body over 8388608
 * bytes", "timeout after 30 s", ...). Release *rs either way.
 */
int fetch(const struct fetch_limits *lim, const struct fetch_request *rq, struct fetch_response *rs);
void fetch_response_release(struct fetch_response *rs);

/* The User-Agent every request carries. */
#define FETCH_USER_AGENT "saring/" SARING_VERSION " (+offline hoax screening)"

#endif
