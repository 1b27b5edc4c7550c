/*
 * fetch.c: bounded HTTP requests with libcurl (opened when first used,
 * src/lazylib.c). See fetch.h for the bounds.
 */
#include "fetch.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>

#include "i18n.h"

#define BUDGET_SPENT N_("the time budget is spent (--source-budget, --run-budget)")

/* What the callbacks collect while a response comes in. */
struct transfer {
	struct fetch_response *rs;
	size_t max_bytes;
	int too_big;                 /* the body passed max_bytes: aborted */
	size_t header_bytes;         /* headers of all responses so far */
	long retry_after;            /* seconds, or -1 */
	int responses;               /* responses begun: after the first, a connection follows a redirect */
	struct sockaddr_storage origin;  /* the source's own non-public address, allowed; family 0: none */
	char refused[64];            /* the non-public address a connection was refused to, or "" */
};

/* Whether the IPv4 address a (host order) is public: not in a local, shared or special range. */
static int ipv4_public(uint32_t a)
{
	static const struct { uint32_t net, mask; } local[] = {
		{ 0x00000000, 0xff000000 },   /* 0/8: this network */
		{ 0x0a000000, 0xff000000 },   /* 10/8: private */
		{ 0x64400000, 0xffc00000 },   /* 100.64/10: shared (carrier NAT) */
		{ 0x7f000000, 0xff000000 },   /* 127/8: loopback */
		{ 0xa9fe0000, 0xffff0000 },   /* 169.254/16: link-local, cloud metadata */
		{ 0xac100000, 0xfff00000 },   /* 172.16/12: private */
		{ 0xc0000000, 0xffffff00 },   /* 192.0.0/24: protocol assignments */
		{ 0xc0a80000, 0xffff0000 },   /* 192.168/16: private */
		{ 0xc6120000, 0xfffe0000 },   /* 198.18/15: benchmarking */
		{ 0xe0000000, 0xe0000000 },   /* 224/3: multicast, reserved, broadcast */
	};
	for (size_t i = 0; i < sizeof local / sizeof *local; i++)
		if ((a & local[i].mask) == local[i].net)
			return 0;
	return 1;
}

/* Whether sa is a public IPv4 or IPv6 address (an IPv4 one inside IPv6 judged as IPv4). */
static int addr_public(const struct sockaddr *sa)
{
	if (sa->sa_family == AF_INET)
		return ipv4_public(ntohl(((const struct sockaddr_in *)(const void *)sa)->sin_addr.s_addr));
	if (sa->sa_family != AF_INET6)
		return 0;
	const unsigned char *b = ((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr.s6_addr;
	static const unsigned char compat[12], mapped[12] = { [10] = 0xff, [11] = 0xff },
		nat64[12] = { 0, 0x64, 0xff, 0x9b };
	if (!memcmp(b, compat, 12) || !memcmp(b, mapped, 12) || !memcmp(b, nat64, 12))   /* ::1 and :: too */
		return ipv4_public((uint32_t)b[12] << 24 | (uint32_t)b[13] << 16 | (uint32_t)b[14] << 8 | b[15]);
	return !((b[0] & 0xfe) == 0xfc || (b[0] == 0xfe && (b[1] & 0x80)) || b[0] == 0xff);   /* ULA, link/site-local, multicast */
}

static int same_endpoint(const struct sockaddr *a, const struct sockaddr_storage *b)
{
	if (a->sa_family != b->ss_family)
		return 0;
	if (a->sa_family == AF_INET) {
		const struct sockaddr_in *x = (const void *)a, *y = (const void *)b;
		return x->sin_port == y->sin_port && x->sin_addr.s_addr == y->sin_addr.s_addr;
	}
	const struct sockaddr_in6 *x = (const void *)a, *y = (const void *)b;
	return a->sa_family == AF_INET6 && x->sin6_port == y->sin6_port &&
	       !memcmp(&x->sin6_addr, &y->sin6_addr, sizeof x->sin6_addr);
}

/* The address of url when it names a non-public one by its number ("http://127.0.0.1:8080/"), in *out; else family 0. */
static void url_origin(const char *url, struct sockaddr_storage *out)
{
	memset(out, 0, sizeof *out);
	const char *p = url ? strstr(url, "://") : NULL;
	if (!p)
		return;
	int https = !strncasecmp(url, "https", 5);
	p += 3;
	size_t len = strcspn(p, "/?#"), at = strcspn(p, "@");
	if (at < len)   /* user:password@ */
		p += at + 1, len -= at + 1;
	char host[64];
	const char *end = p[0] == '[' ? memchr(p, ']', len) : p + strcspn(p, ":/?#");
	if (!end || (size_t)(end - p) >= sizeof host)
		return;
	snprintf(host, sizeof host, "%.*s", (int)(end - p - (p[0] == '[')), p + (p[0] == '['));
	end += p[0] == '[';
	long port = *end == ':' ? strtol(end + 1, NULL, 10) : https ? 443 : 80;
	struct sockaddr_in *v4 = (void *)out;
	struct sockaddr_in6 *v6 = (void *)out;
	if (inet_pton(AF_INET, host, &v4->sin_addr) == 1) {
		v4->sin_family = AF_INET;
		v4->sin_port = htons((uint16_t)port);
	} else if (inet_pton(AF_INET6, host, &v6->sin6_addr) == 1) {
		v6->sin6_family = AF_INET6;
		v6->sin6_port = htons((uint16_t)port);
	}
	if (out->ss_family && addr_public((const struct sockaddr *)out))
		memset(out, 0, sizeof *out);
}

/* Open a socket for a connection libcurl is about to make, unless its address is not public (nor the origin). */
static curl_socket_t on_open(void *ctx, curlsocktype purpose, struct curl_sockaddr *a)
{
	struct transfer *t = ctx;
	(void)purpose;
	if (!addr_public(&a->addr) && !same_endpoint(&a->addr, &t->origin)) {
		char ip[INET6_ADDRSTRLEN] = "?";
		const struct sockaddr_in *v4 = (const void *)&a->addr;
		const struct sockaddr_in6 *v6 = (const void *)&a->addr;
		int v6p = a->family == AF_INET6;
		inet_ntop(a->family, v6p ? (const void *)&v6->sin6_addr : (const void *)&v4->sin_addr, ip, sizeof ip);
		snprintf(t->refused, sizeof t->refused, v6p ? "[%s]:%u" : "%s:%u", ip,
			 ntohs(v6p ? v6->sin6_port : v4->sin_port));
		return CURL_SOCKET_BAD;
	}
	return socket(a->family, a->socktype | SOCK_CLOEXEC, a->protocol);
}

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
		t->responses++;
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

double fetch_clock(void)
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

/* Seconds left before lim's deadline (plenty when it has none). */
static double time_left(const struct fetch_limits *lim)
{
	return lim->deadline > 0 ? lim->deadline - fetch_clock() : 1e9;
}

/* Wait until delay_ms has passed since the last request to url's host, or until the deadline; note this one. */
static void host_wait(const char *url, const struct fetch_limits *lim)
{
	long delay_ms = lim->delay_ms;
	static struct { char host[128]; double at; } seen[32];
	static size_t nseen;
	char host[128];
	url_host(url, host, sizeof host);
	size_t i = 0;
	while (i < nseen && strcmp(seen[i].host, host))
		i++;
	if (i < nseen) {
		double wait = seen[i].at + (double)delay_ms / 1000 - fetch_clock(), left = time_left(lim);
		sleep_s(wait < left ? wait : left);
	}
	else if (nseen < sizeof seen / sizeof *seen)
		snprintf(seen[nseen++].host, sizeof seen[0].host, "%s", host);
	else
		i = nseen - 1;   /* the table is full: the last slot serves the rest */
	seen[i].at = fetch_clock();
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
	int https = !strncasecmp(rq->url, "https:", 6);
	curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, https ? "https" : "http,https");
	curl_easy_setopt(c, CURLOPT_OPENSOCKETFUNCTION, on_open);
	curl_easy_setopt(c, CURLOPT_OPENSOCKETDATA, t);
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(c, CURLOPT_MAXREDIRS, (long)FETCH_REDIRECTS);
	double left = time_left(lim);
	curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, (long)(left < (double)lim->timeout ? left * 1000 + 1 : (double)lim->timeout * 1000));
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
	if (t->refused[0]) {
		sb_printf(&msg, t->responses ? _("refused: redirect to %s, not a public address")
					     : _("refused: %s is not a public address"), t->refused);
		ret = -1;
	} else if (t->too_big || rc == CURLE_FILESIZE_EXCEEDED) {
		sb_printf(&msg, _("response body over %zu bytes, not read"), lim->max_bytes);
		ret = -1;
	} else if (t->header_bytes > FETCH_HEADERS_MAX) {
		sb_printf(&msg, _("response headers over %d bytes"), FETCH_HEADERS_MAX);
		ret = -1;
	} else if (rc == CURLE_UNSUPPORTED_PROTOCOL && https && t->responses) {
		sb_printf(&msg, _("refused: an https request is redirected only to https (%s)"), *errbuf ? errbuf : curl_easy_strerror(rc));
		ret = -1;
	} else if (rc == CURLE_UNSUPPORTED_PROTOCOL) {
		sb_printf(&msg, _("refused: only http and https are fetched (%s)"), *errbuf ? errbuf : curl_easy_strerror(rc));
		ret = -1;
	} else if (rc == CURLE_TOO_MANY_REDIRECTS) {
		sb_printf(&msg, _("more than %d redirects"), FETCH_REDIRECTS);
		ret = -1;
	} else if (rc == CURLE_OPERATION_TIMEDOUT && time_left(lim) <= 0) {
		sb_puts(&msg, _(BUDGET_SPENT));
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
		host_wait(rq->url, lim);
		if (time_left(lim) <= 0) {
			set_owned(&rs->error, xstrdup(_(BUDGET_SPENT)));
			return -1;
		}
		struct transfer t = { rs, lim->max_bytes, 0, 0, -1, 0, { 0 }, "" };
		url_origin(lim->origin, &t.origin);
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
		double pause = t.retry_after >= 0 ? (double)t.retry_after : (double)(1 << k);
		if (pause >= time_left(lim)) {
			struct strbuf msg = STRBUF_INIT;
			sb_printf(&msg, _("%s; a pause of %.0f s before trying again would pass the time budget"),
				  rs->error, pause);
			set_owned(&rs->error, sb_detach(&msg));
			return -1;
		}
		sleep_s(pause);
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
