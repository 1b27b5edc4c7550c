/*
 * fetch.c: bounded HTTP requests with libcurl (opened when first used,
 * src/lazylib.c). See fetch.h for the bounds.
 */
#include "fetch.h"

#include <curl/curl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "i18n.h"

/* What the callbacks collect while a response comes in. */
struct transfer {
	struct fetch_response *rs;
	size_t max_bytes;
	int too_big;                 /* the body passed max_bytes: aborted */
	size_t header_bytes;         /* headers of all responses so far */
	long retry_after;            /* seconds, or -1 */
};

static size_t on_body(char *p, size_t size, size_t n, void *ctx)
{
	struct transfer *t = ctx;
	size_t len = size * n;
	if (t->rs->body.len + len > t->max_bytes) {
		t->too_big = 1;
		return 0;   /* aborts the transfer */
	}
	sb_add(&t->rs->body, p, len);
	return len;
}

/* The value of header line h (len bytes) when it is name, trimmed, as a new string; else NULL. */
static char *header_value(const char *h, size_t len, const char *name)
{
	size_t k = strlen(name);
	if (len <= k || strncasecmp(h, name, k) || h[k] != ':')
		return NULL;
	size_t a = k + 1, b = len;
	while (a < b && (h[a] == ' ' || h[a] == '\t'))
		a++;
	while (b > a && (h[b - 1] == '\r' || h[b - 1] == '\n' || h[b - 1] == ' ' || h[b - 1] == '\t'))
		b--;
	return xstrndup(h + a, b - a);
}

static void set_owned(char **dst, char *v)
{
	free(*dst);
	*dst = v;
}

static size_t on_header(char *h, size_t size, size_t n, void *ctx)
{
	struct transfer *t = ctx;
	struct fetch_response *rs = t->rs;
	size_t len = size * n;
	t->header_bytes += len;
	if (t->header_bytes > FETCH_HEADERS_MAX)
		return 0;
	if (len > 5 && !strncmp(h, "HTTP/", 5)) {   /* a new response (after a redirect): forget the last one's */
		set_owned(&rs->etag, NULL);
		set_owned(&rs->last_modified, NULL);
		set_owned(&rs->content_type, NULL);
		rs->total = rs->total_pages = -1;
		t->retry_after = -1;
		return len;
	}
	char *v;
	if ((v = header_value(h, len, "etag")))
		set_owned(&rs->etag, v);
	else if ((v = header_value(h, len, "last-modified")))
		set_owned(&rs->last_modified, v);
	else if ((v = header_value(h, len, "content-type"))) {
		v[strcspn(v, "; ")] = '\0';
		for (char *p = v; *p; p++)
			if (*p >= 'A' && *p <= 'Z')
				*p = (char)(*p - 'A' + 'a');
		set_owned(&rs->content_type, v);
	} else if ((v = header_value(h, len, "x-wp-total"))) {
		rs->total = strtoll(v, NULL, 10);
		free(v);
	} else if ((v = header_value(h, len, "x-wp-totalpages"))) {
		rs->total_pages = strtoll(v, NULL, 10);
		free(v);
	} else if ((v = header_value(h, len, "retry-after"))) {
		char *end;
		long s = strtol(v, &end, 10);
		t->retry_after = end != v && !*end && s >= 0 ? s : -1;   /* an HTTP date: the usual pause */
		free(v);
	}
	return len;
}

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void sleep_s(double s)
{
	if (s <= 0)
		return;
	struct timespec ts = { (time_t)s, (long)((s - (double)(time_t)s) * 1e9) };
	while (nanosleep(&ts, &ts) != 0)
		;
}

/* The host (and port) of url, for the per-host delay. */
static void url_host(const char *url, char *out, size_t n)
{
	const char *p = strstr(url, "://");
	p = p ? p + 3 : url;
	size_t len = strcspn(p, "/?#");
	snprintf(out, n, "%.*s", (int)len, p);
}

/* Wait until delay_ms has passed since the last request to url's host; note this one. */
static void host_wait(const char *url, long delay_ms)
{
	static struct { char host[128]; double at; } seen[32];
	static size_t nseen;
	char host[128];
	url_host(url, host, sizeof host);
	size_t i = 0;
	while (i < nseen && strcmp(seen[i].host, host))
		i++;
	if (i < nseen)
		sleep_s(seen[i].at + (double)delay_ms / 1000 - now_s());
	else if (nseen < sizeof seen / sizeof *seen)
		snprintf(seen[nseen++].host, sizeof seen[0].host, "%s", host);
	else
		i = nseen - 1;   /* the table is full: the last slot serves the rest */
	seen[i].at = now_s();
}

/* One try: 0 done (any status), 1 failed but worth another try, -1 failed. */
static int attempt(const struct fetch_limits *lim, const struct fetch_request *rq, struct fetch_response *rs,
		   struct transfer *t)
{
	CURL *c = curl_easy_init();
	if (!c) {
		set_owned(&rs->error, xstrdup(_("cannot start libcurl")));
		return -1;
	}
	struct curl_slist *hdr = NULL;
	struct strbuf line = STRBUF_INIT;
	if (rq->etag) {
		sb_printf(&line, "If-None-Match: %s", rq->etag);
		hdr = curl_slist_append(hdr, line.buf);
	}
	if (rq->last_modified) {
		sb_reset(&line);
		sb_printf(&line, "If-Modified-Since: %s", rq->last_modified);
		hdr = curl_slist_append(hdr, line.buf);
	}
	if (rq->accept) {
		sb_reset(&line);
		sb_printf(&line, "Accept: %s", rq->accept);
		hdr = curl_slist_append(hdr, line.buf);
	}
	sb_release(&line);
	char errbuf[CURL_ERROR_SIZE] = "";
	curl_easy_setopt(c, CURLOPT_URL, rq->url);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(c, CURLOPT_MAXREDIRS, (long)FETCH_REDIRECTS);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, lim->timeout);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, lim->timeout < 10 ? lim->timeout : 10L);
	curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 64L);     /* bytes a second, over ... */
	curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, lim->timeout < 15 ? lim->timeout : 15L);
	curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)lim->max_bytes);
	curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");     /* what this libcurl decodes */
	curl_easy_setopt(c, CURLOPT_USERAGENT, FETCH_USER_AGENT);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdr);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, t);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, t);
	if (rq->post)
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, rq->post);
	CURLcode rc = curl_easy_perform(c);
	long status = 0;
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	curl_easy_cleanup(c);
	curl_slist_free_all(hdr);
	rs->status = status;
	rs->requests++;
	struct strbuf msg = STRBUF_INIT;
	int ret = 0;
	if (t->too_big || rc == CURLE_FILESIZE_EXCEEDED) {
		sb_printf(&msg, _("response body over %zu bytes, not read"), lim->max_bytes);
		ret = -1;
	} else if (t->header_bytes > FETCH_HEADERS_MAX) {
		sb_printf(&msg, _("response headers over %d bytes"), FETCH_HEADERS_MAX);
		ret = -1;
	} else if (rc == CURLE_UNSUPPORTED_PROTOCOL) {
		sb_printf(&msg, _("refused: only http and https are fetched (%s)"), *errbuf ? errbuf : curl_easy_strerror(rc));
		ret = -1;
	} else if (rc == CURLE_TOO_MANY_REDIRECTS) {
		sb_printf(&msg, _("more than %d redirects"), FETCH_REDIRECTS);
		ret = -1;
	} else if (rc == CURLE_OPERATION_TIMEDOUT) {
		sb_printf(&msg, _("too slow: stopped after %ld s"), lim->timeout);
		ret = 1;
	} else if (rc != CURLE_OK) {
		sb_printf(&msg, "%s", *errbuf ? errbuf : curl_easy_strerror(rc));
		ret = rc == CURLE_COULDNT_CONNECT || rc == CURLE_GOT_NOTHING ||
		      rc == CURLE_RECV_ERROR || rc == CURLE_SEND_ERROR || rc == CURLE_PARTIAL_FILE ? 1 : -1;
	} else if (status == 429 || status >= 500) {
		sb_printf(&msg, _("HTTP %ld"), status);
		ret = 1;
	} else if (status >= 400 || (status >= 300 && status != 304) || status < 200) {
		sb_printf(&msg, _("HTTP %ld"), status);
		ret = -1;
	}
	if (ret)
		set_owned(&rs->error, sb_detach(&msg));
	sb_release(&msg);
	return ret;
}

int fetch(const struct fetch_limits *lim, const struct fetch_request *rq, struct fetch_response *rs)
{
	memset(rs, 0, sizeof *rs);
	rs->total = rs->total_pages = -1;
	static int inited;
	if (!inited++)
		curl_global_init(CURL_GLOBAL_DEFAULT);
	for (int k = 0;; k++) {
		host_wait(rq->url, lim->delay_ms);
		struct transfer t = { rs, lim->max_bytes, 0, 0, -1 };
		sb_reset(&rs->body);
		int r = attempt(lim, rq, rs, &t);
		if (r <= 0)
			return r;
		if (k >= lim->retries)
			return -1;
		if (t.retry_after > FETCH_RETRY_AFTER_MAX) {
			struct strbuf msg = STRBUF_INIT;
			sb_printf(&msg, _("%s; the server asks to wait %ld s, more than %d"), rs->error, t.retry_after,
				  FETCH_RETRY_AFTER_MAX);
			set_owned(&rs->error, sb_detach(&msg));
			return -1;
		}
		sleep_s(t.retry_after >= 0 ? (double)t.retry_after : (double)(1 << k));
		set_owned(&rs->error, NULL);
	}
}

void fetch_response_release(struct fetch_response *rs)
{
	sb_release(&rs->body);
	free(rs->content_type);
	free(rs->etag);
	free(rs->last_modified);
	free(rs->error);
	memset(rs, 0, sizeof *rs);
}
