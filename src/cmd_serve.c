/*
 * cmd_serve.c: saring serve: the checker as a page in the browser, for
 * volunteers who do not use a terminal, plus a JSON API.
 *
 *   GET  /                  the page: paste a message, upload a chat export
 *   POST /                  form field text: the page with the verdict
 *   POST /scan              multipart field chat (.txt or .zip): the page with the summary
 *   GET  /api/check?text=   the object `saring check --json` prints
 *   POST /api/check         form field text, a JSON body {"text": ...}, or text/plain
 *
 * HTTP is libmicrohttpd's. It runs every request on one internal thread,
 * one at a time, because the matcher and the store are not thread-safe;
 * the main thread only waits for SIGINT or SIGTERM. It listens on
 * 127.0.0.1 unless told otherwise, and then refuses requests for other
 * host names (a web page elsewhere cannot reach it by DNS rebinding).
 * Messages are never logged; an uploaded chat lives in a private
 * temporary file only while it is screened.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <microhttpd.h>
#include <netdb.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include "commands.h"
#include "i18n.h"
#include "match.h"
#include "store.h"
#include "util.h"
#include "web.h"

#define DEFAULT_PORT 8700
#define MAX_BODY (1024 * 1024)       /* larger request bodies get 413 */
#define DRAIN_MAX (64 * MAX_BODY)    /* a too-large body is read and dropped up to this, then cut off */
#define FORM_BUFFER 16384            /* libmicrohttpd's form parser buffer */
/* Status codes whose libmicrohttpd names changed between versions. */
#define HTTP_CONTENT_TOO_LARGE 413
#define HTTP_UNPROCESSABLE 422

static const char csp[] = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
			  "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

struct server {
	struct matcher *m;   /* owned by cmd_serve() */
	int loopback;        /* listening on a loopback address only */
	unsigned port;       /* the port listened on */
};

enum route { R_PAGE, R_SCAN, R_API_CHECK, R_FAVICON, R_NONE };

/* One request while its body arrives; freed by request_done(). */
struct request {
	enum route route;
	struct MHD_PostProcessor *pp;  /* owned: form bodies (urlencoded, multipart) */
	int json;                      /* the body is JSON (API) */
	struct strbuf text;            /* the text field, or the whole JSON/plain body */
	int has_text;                  /* a text field was sent */
	size_t received;               /* body bytes so far */
	int too_big;                   /* the body is over MAX_BODY: drop it, answer 413 */
	int bad_form;                  /* the form parser gave up */
	int upload_failed;             /* writing the temporary file failed */
	int fd;                        /* the uploaded chat's temporary file, or -1 */
	char *upload;                  /* owned: its path (ours, never the browser's name) */
	size_t upload_len;             /* bytes written to it */
	char *upload_name;             /* owned: the name the browser gave, only shown */
};

static enum route route_of(const char *url)
{
	if (!strcmp(url, "/"))
		return R_PAGE;
	if (!strcmp(url, "/scan"))
		return R_SCAN;
	if (!strcmp(url, "/api/check"))
		return R_API_CHECK;
	if (!strcmp(url, "/favicon.ico"))
		return R_FAVICON;
	return R_NONE;
}

static void add_headers(struct MHD_Response *r, const char *type)
{
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, type);
	MHD_add_response_header(r, "Content-Security-Policy", csp);
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, "X-Frame-Options", "DENY");
	MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
}

static enum MHD_Result send_body(struct MHD_Connection *c, unsigned status, const char *type,
				 const char *body, size_t len, const char *allow)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(len, (void *)(body ? body : ""),
								  MHD_RESPMEM_MUST_COPY);
	if (!r)
		return MHD_NO;
	add_headers(r, type);
	if (allow)
		MHD_add_response_header(r, MHD_HTTP_HEADER_ALLOW, allow);
	enum MHD_Result ok = MHD_queue_response(c, status, r);
	MHD_destroy_response(r);
	return ok;
}

/* The page with check_html or scan_html under its forms; message goes back in the box. */
static enum MHD_Result send_page(struct MHD_Connection *c, unsigned status, const struct request *rq,
				 const char *check_html, const char *scan_html)
{
	struct strbuf page = STRBUF_INIT;
	web_page(&page, rq && rq->has_text ? rq->text.buf : NULL, rq && rq->has_text ? rq->text.len : 0,
		 check_html, scan_html);
	enum MHD_Result ok = send_body(c, status, "text/html; charset=utf-8", page.buf, page.len, NULL);
	sb_release(&page);
	return ok;
}

/* {"error": message} for the API: fixed English, like every machine-readable output. */
static enum MHD_Result send_json_error(struct MHD_Connection *c, unsigned status, const char *message)
{
	json_t *o = json_pack("{s:s}", "error", message);
	char *s = json_dumps(o, JSON_COMPACT);
	struct strbuf body = STRBUF_INIT;
	sb_puts(&body, s ? s : "{}");
	sb_putc(&body, '\n');
	enum MHD_Result ok = send_body(c, status, "application/json; charset=utf-8", body.buf, body.len, NULL);
	sb_release(&body);
	free(s);
	json_decref(o);
	return ok;
}

/* An error as JSON for the API, else as the page with a box saying what to do. */
static enum MHD_Result send_error(struct MHD_Connection *c, const struct request *rq, unsigned status,
				  const char *api_message, const char *people_message)
{
	if (rq && rq->route == R_API_CHECK)
		return send_json_error(c, status, api_message);
	struct strbuf box = STRBUF_INIT;
	web_error(&box, people_message);
	int scan = rq && rq->route == R_SCAN;
	enum MHD_Result ok = send_page(c, status, rq, scan ? NULL : box.buf, scan ? box.buf : NULL);
	sb_release(&box);
	return ok;
}

static enum MHD_Result send_too_big(struct MHD_Connection *c, const struct request *rq)
{
	return send_error(c, rq, HTTP_CONTENT_TOO_LARGE, "request body too large: the limit is 1 MB",
			  _("This is too large: the limit is 1 MB. For a long chat, export a shorter part of it."));
}

/*
 * On a loopback address, answer only for loopback host names: a web page
 * whose name is made to point at 127.0.0.1 must not be able to use us.
 */
static int host_ok(const struct server *sv, struct MHD_Connection *c)
{
	if (!sv->loopback)
		return 1;
	const char *host = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_HOST);
	if (!host)
		return 1;   /* HTTP/1.0 */
	static const char *const names[] = { "127.0.0.1", "localhost", "[::1]" };
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		size_t n = strlen(names[i]);
		if (strncasecmp(host, names[i], n))
			continue;
		if (!host[n] || (host[n] == ':' && (unsigned)atoi(host + n + 1) == sv->port))
			return 1;
	}
	return 0;
}

/* Open the private temporary file for an upload: mkstemp in $TMPDIR, mode 0600. */
static int upload_open(struct request *rq)
{
	const char *dir = getenv("TMPDIR");
	struct strbuf path = STRBUF_INIT;
	sb_printf(&path, "%s/saring-upload-XXXXXX", dir && *dir ? dir : "/tmp");
	rq->fd = mkstemp(path.buf);
	if (rq->fd < 0) {
		warnx_(_("cannot create a temporary file in %s: %s"), dir && *dir ? dir : "/tmp", strerror(errno));
		sb_release(&path);
		return -1;
	}
	rq->upload = sb_detach(&path);
	return 0;
}

static int write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Close and remove the uploaded chat, once screened (request_done() does it if the request fails). */
static void upload_remove(struct request *rq)
{
	if (rq->fd >= 0)
		close(rq->fd);
	rq->fd = -1;
	if (rq->upload)
		unlink(rq->upload);
	free(rq->upload);
	rq->upload = NULL;
}

/* libmicrohttpd's form parser hands over each field in pieces. */
static enum MHD_Result form_field(void *cls, enum MHD_ValueKind kind, const char *key,
				  const char *filename, const char *content_type,
				  const char *transfer_encoding, const char *data, uint64_t off, size_t size)
{
	struct request *rq = cls;
	(void)kind; (void)content_type; (void)transfer_encoding; (void)off;
	if (!strcmp(key, "text")) {
		sb_add(&rq->text, data ? data : "", data ? size : 0);
		rq->has_text = 1;
	} else if (!strcmp(key, "chat") && !rq->upload_failed) {
		if (rq->fd < 0 && !rq->upload) {
			if (upload_open(rq) < 0) {
				rq->upload_failed = 1;
				return MHD_YES;
			}
			rq->upload_name = filename ? xstrdup(filename) : NULL;
		}
		if (size && rq->fd >= 0) {
			if (write_all(rq->fd, data, size) < 0) {
				warnx_(_("cannot write the temporary file %s: %s"), rq->upload, strerror(errno));
				rq->upload_failed = 1;
			}
			rq->upload_len += size;
		}
	}
	return MHD_YES;
}

static int starts_with_type(const char *ct, const char *type)
{
	size_t n = strlen(type);
	return ct && !strncasecmp(ct, type, n) && (!ct[n] || ct[n] == ';' || ct[n] == ' ');
}

/* The first call for a request, headers only: route, check, and prepare for the body. */
static enum MHD_Result request_begin(struct server *sv, struct MHD_Connection *c, const char *url,
				     const char *method, struct request *rq)
{
	rq->route = route_of(url);
	int get = !strcmp(method, MHD_HTTP_METHOD_GET) || !strcmp(method, MHD_HTTP_METHOD_HEAD);
	int post = !strcmp(method, MHD_HTTP_METHOD_POST);
	if (!host_ok(sv, c)) {
		static const char msg[] = "This server answers only at http://127.0.0.1/ (or localhost).\n";
		return send_body(c, MHD_HTTP_MISDIRECTED_REQUEST, "text/plain; charset=utf-8", msg,
				 sizeof msg - 1, NULL);
	}
	switch (rq->route) {
	case R_NONE:
		return send_error(c, rq, MHD_HTTP_NOT_FOUND, "not found",
				  _("There is no such page here. Start again from the front page."));
	case R_FAVICON:
		if (get)
			return send_body(c, MHD_HTTP_NO_CONTENT, "image/x-icon", NULL, 0, NULL);
		return send_body(c, MHD_HTTP_METHOD_NOT_ALLOWED, "text/plain; charset=utf-8", NULL, 0, "GET, HEAD");
	case R_SCAN:
		if (!post)
			return send_body(c, MHD_HTTP_METHOD_NOT_ALLOWED, "text/plain; charset=utf-8", NULL, 0, "POST");
		break;
	case R_PAGE: case R_API_CHECK:
		if (!get && !post) {
			if (rq->route == R_API_CHECK)
				return send_json_error(c, MHD_HTTP_METHOD_NOT_ALLOWED, "use GET or POST");
			return send_body(c, MHD_HTTP_METHOD_NOT_ALLOWED, "text/plain; charset=utf-8", NULL, 0,
					 "GET, HEAD, POST");
		}
		break;
	}
	if (!post)
		return MHD_YES;

	const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
	if (cl && strtoull(cl, NULL, 10) > MAX_BODY) {
		rq->too_big = 1;
		/* a client that waits for "100 Continue" is told now and sends nothing */
		const char *expect = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_EXPECT);
		if (expect && !strcasecmp(expect, "100-continue"))
			return send_too_big(c, rq);
		return MHD_YES;
	}
	const char *ct = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
	if (starts_with_type(ct, MHD_HTTP_POST_ENCODING_FORM_URLENCODED) ||
	    starts_with_type(ct, MHD_HTTP_POST_ENCODING_MULTIPART_FORMDATA)) {
		rq->pp = MHD_create_post_processor(c, FORM_BUFFER, form_field, rq);
		if (!rq->pp)
			return send_error(c, rq, MHD_HTTP_BAD_REQUEST, "malformed form data",
					  _("The form could not be read. Reload the page and try again."));
	} else if (rq->route == R_API_CHECK && starts_with_type(ct, "application/json")) {
		rq->json = 1;
	} else if (rq->route == R_API_CHECK && (!ct || starts_with_type(ct, "text/plain"))) {
		rq->has_text = 1;   /* the body is the message */
	} else {
		return send_error(c, rq, MHD_HTTP_UNSUPPORTED_MEDIA_TYPE,
				  "send form data (text=...), a JSON object {\"text\": ...} or text/plain",
				  _("The form could not be read. Reload the page and try again."));
	}
	return MHD_YES;
}

/* A piece of the body: parse it, or count and drop it once it is too large. */
static enum MHD_Result request_body(struct request *rq, const char *data, size_t size)
{
	rq->received += size;
	if (rq->received > DRAIN_MAX)
		return MHD_NO;   /* enough: close the connection */
	if (rq->received > MAX_BODY)
		rq->too_big = 1;
	if (rq->too_big || rq->bad_form)
		return MHD_YES;
	if (rq->pp) {
		if (MHD_post_process(rq->pp, data, size) != MHD_YES)
			rq->bad_form = 1;
	} else {
		sb_add(&rq->text, data, size);
	}
	return MHD_YES;
}

static enum MHD_Result answer_api(struct server *sv, struct MHD_Connection *c, struct request *rq)
{
	json_t *body = NULL, *id = NULL;
	const char *text = NULL;
	size_t len = 0;
	if (rq->json) {
		json_error_t err;
		body = json_loadb(rq->text.buf ? rq->text.buf : "", rq->text.len, 0, &err);
		json_t *t = body ? json_object_get(body, "text") : NULL;
		if (!json_is_string(t)) {
			json_decref(body);
			return send_json_error(c, MHD_HTTP_BAD_REQUEST,
					       "the body is not a JSON object with a \"text\" string");
		}
		text = json_string_value(t);
		len = json_string_length(t);
		id = json_object_get(body, "id");
	} else if (rq->has_text) {
		text = rq->text.buf ? rq->text.buf : "";
		len = rq->text.len;
	} else {
		const char *v = NULL;
		if (MHD_lookup_connection_value_n(c, MHD_GET_ARGUMENT_KIND, "text", 4, &v, &len) == MHD_YES && v)
			text = v;
	}
	if (!text || web_blank(text, len)) {
		json_decref(body);
		return send_json_error(c, MHD_HTTP_BAD_REQUEST, "empty text: nothing to check");
	}
	json_t *o = web_check_json(sv->m, id, text, len);
	json_decref(body);
	if (!o)
		return send_json_error(c, MHD_HTTP_INTERNAL_SERVER_ERROR, "database error");
	char *s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(4));
	json_decref(o);
	struct strbuf out = STRBUF_INIT;
	sb_puts(&out, s ? s : "{}");
	sb_putc(&out, '\n');
	free(s);
	enum MHD_Result ok = send_body(c, MHD_HTTP_OK, "application/json; charset=utf-8", out.buf, out.len, NULL);
	sb_release(&out);
	return ok;
}

/* The whole body is in: answer. */
static enum MHD_Result request_end(struct server *sv, struct MHD_Connection *c, const char *method,
				   struct request *rq)
{
	if (rq->too_big) {
		rq->has_text = 0;   /* do not echo a part of it */
		return send_too_big(c, rq);
	}
	if (rq->pp) {   /* hands over a last value still buffered */
		MHD_destroy_post_processor(rq->pp);
		rq->pp = NULL;
	}
	if (rq->bad_form)
		return send_error(c, rq, MHD_HTTP_BAD_REQUEST, "malformed form data",
				  _("The form could not be read. Reload the page and try again."));
	if (rq->route == R_API_CHECK)
		return answer_api(sv, c, rq);
	if (strcmp(method, MHD_HTTP_METHOD_POST))
		return send_page(c, MHD_HTTP_OK, NULL, NULL, NULL);

	if (rq->upload || rq->upload_failed || rq->route == R_SCAN) {
		rq->route = R_SCAN;
		rq->has_text = 0;
		struct strbuf html = STRBUF_INIT;
		char *err = NULL;
		int scanned = -1;
		if (rq->upload && rq->upload_len && !rq->upload_failed) {
			close(rq->fd);
			rq->fd = -1;
			scanned = web_scan(&html, sv->m, rq->upload, rq->upload_name, &err);
		}
		upload_remove(rq);
		enum MHD_Result ok;
		if (rq->upload_failed)
			ok = send_error(c, rq, MHD_HTTP_INTERNAL_SERVER_ERROR, "",
					_("The file could not be stored for screening. See the terminal for why."));
		else if (!rq->upload_len)
			ok = send_error(c, rq, MHD_HTTP_BAD_REQUEST, "",
					_("Choose a WhatsApp chat export (.txt or .zip) first."));
		else if (scanned < 0)
			ok = send_error(c, rq, HTTP_UNPROCESSABLE, "", err);
		else
			ok = send_page(c, MHD_HTTP_OK, rq, NULL, html.buf);
		free(err);
		sb_release(&html);
		return ok;
	}
	if (!rq->has_text || web_blank(rq->text.buf, rq->text.len))
		return send_error(c, rq, MHD_HTTP_BAD_REQUEST, "",
				  _("Paste a message in the box first: there is nothing to check."));
	struct strbuf html = STRBUF_INIT;
	enum MHD_Result ok;
	if (web_check(&html, sv->m, rq->text.buf, rq->text.len) < 0)
		ok = send_error(c, rq, MHD_HTTP_INTERNAL_SERVER_ERROR, "",
				_("The database could not be read. See the terminal for why."));
	else
		ok = send_page(c, MHD_HTTP_OK, rq, html.buf, NULL);
	sb_release(&html);
	return ok;
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *c, const char *url, const char *method,
			      const char *version, const char *upload_data, size_t *upload_data_size,
			      void **con_cls)
{
	(void)version;
	struct request *rq = *con_cls;
	if (!rq) {
		rq = xcalloc(1, sizeof *rq);
		rq->fd = -1;
		*con_cls = rq;
		return request_begin(cls, c, url, method, rq);
	}
	if (*upload_data_size) {
		size_t n = *upload_data_size;
		*upload_data_size = 0;
		return request_body(rq, upload_data, n);
	}
	return request_end(cls, c, method, rq);
}

/* Free a request, and remove its uploaded chat, however the request ended. */
static void request_done(void *cls, struct MHD_Connection *c, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	(void)cls; (void)c; (void)toe;
	struct request *rq = *con_cls;
	if (!rq)
		return;
	if (rq->pp)
		MHD_destroy_post_processor(rq->pp);
	upload_remove(rq);
	free(rq->upload_name);
	sb_release(&rq->text);
	free(rq);
	*con_cls = NULL;
}

static void mhd_log(void *cls, const char *fmt, va_list ap)
{
	(void)cls;
	struct strbuf sb = STRBUF_INIT;
	va_list aq;
	va_copy(aq, ap);
	int n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n > 0) {
		char *s = xmalloc((size_t)n + 1);
		vsnprintf(s, (size_t)n + 1, fmt, ap);
		sb_puts(&sb, s);
		free(s);
	}
	while (sb.len && sb.buf[sb.len - 1] == '\n')
		sb.buf[--sb.len] = '\0';
	if (sb.len)
		warnx_("libmicrohttpd: %s", sb.buf);
	sb_release(&sb);
}

static int is_loopback(const struct sockaddr *sa)
{
	if (sa->sa_family == AF_INET)
		return (ntohl(((const struct sockaddr_in *)sa)->sin_addr.s_addr) >> 24) == 127;
	if (sa->sa_family == AF_INET6) {
		const struct in6_addr *a = &((const struct sockaddr_in6 *)sa)->sin6_addr;
		return IN6_IS_ADDR_LOOPBACK(a) ||
		       (IN6_IS_ADDR_V4MAPPED(a) && a->s6_addr[12] == 127);
	}
	return 0;
}

/* Split "HOST:PORT", "[V6]:PORT", "HOST" or ":PORT" into *host (owned) and *port. 0 or -1. */
static int parse_listen(const char *s, char **host, long *port)
{
	const char *colon = NULL, *hend;
	if (*s == '[') {
		const char *close = strchr(s, ']');
		if (!close || (close[1] && close[1] != ':'))
			return -1;
		*host = xstrndup(s + 1, (size_t)(close - s - 1));
		colon = close[1] ? close + 1 : NULL;
	} else {
		colon = strrchr(s, ':');
		if (colon && strchr(s, ':') != colon)
			colon = NULL;   /* a bare IPv6 address */
		hend = colon ? colon : s + strlen(s);
		*host = xstrndup(s, (size_t)(hend - s));
	}
	if (!**host) {
		free(*host);
		*host = xstrdup("127.0.0.1");
	}
	if (colon) {
		char *end;
		*port = strtol(colon + 1, &end, 10);
		if (!colon[1] || *end || *port < 0 || *port > 65535) {
			free(*host);
			*host = NULL;
			return -1;
		}
	}
	return 0;
}

/* A listening socket for host:port, or -1 with a message printed. *loopback says what it is. */
static int listen_on(const char *host, long port, int *loopback, unsigned *bound, struct strbuf *url)
{
	struct addrinfo hints = { 0 }, *res = NULL;
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
	char portstr[16];
	snprintf(portstr, sizeof portstr, "%ld", port);
	int rc = getaddrinfo(host, portstr, &hints, &res);
	if (rc) {
		warnx_(_("cannot listen on '%s': %s"), host, gai_strerror(rc));
		return -1;
	}
	int fd = -1, saved = 0;
	for (struct addrinfo *a = res; a && fd < 0; a = a->ai_next) {
		fd = socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
		if (fd < 0) {
			saved = errno;
			continue;
		}
		int one = 1;
		setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
		if (bind(fd, a->ai_addr, a->ai_addrlen) < 0 || listen(fd, 64) < 0) {
			saved = errno;
			close(fd);
			fd = -1;
			continue;
		}
		*loopback = is_loopback(a->ai_addr);
	}
	freeaddrinfo(res);
	if (fd < 0) {
		warnx_(_("cannot listen on %s port %ld: %s"), host, port, strerror(saved));
		return -1;
	}
	struct sockaddr_storage ss;
	socklen_t sl = sizeof ss;
	char name[INET6_ADDRSTRLEN] = "?";
	if (getsockname(fd, (struct sockaddr *)&ss, &sl) == 0) {
		if (ss.ss_family == AF_INET6) {
			struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)&ss;
			inet_ntop(AF_INET6, &s6->sin6_addr, name, sizeof name);
			*bound = ntohs(s6->sin6_port);
			sb_printf(url, "http://[%s]:%u/", name, *bound);
		} else {
			struct sockaddr_in *s4 = (struct sockaddr_in *)&ss;
			inet_ntop(AF_INET, &s4->sin_addr, name, sizeof name);
			*bound = ntohs(s4->sin_port);
			sb_printf(url, "http://%s:%u/", name, *bound);
		}
	}
	return fd;
}

int cmd_serve(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "listen", required_argument, NULL, 'l' },
		{ "port", required_argument, NULL, 'p' },
		{ "db", required_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 },
	};
	const char *db = global_db, *listen_arg = NULL;
	long port = DEFAULT_PORT;
	int c, port_given = 0;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'l': listen_arg = optarg; break;
		case 'p':
			port = opt_int(optarg, 0, 65535, "--port");
			port_given = 1;
			break;
		case 'd': db = optarg; break;
		default: return usage_error(_("unknown option"));
		}
	}
	if (optind < argc)
		return usage_error(_("unexpected argument '%s'"), argv[optind]);
	if (listen_arg && port_given)
		return usage_error(_("give --listen ADDR:PORT or --port N, not both"));
	char *host = NULL;
	if (listen_arg && parse_listen(listen_arg, &host, &port) < 0)
		return usage_error(_("--listen wants ADDRESS:PORT (such as 127.0.0.1:8700), not '%s'"), listen_arg);
	if (!host)
		host = xstrdup("127.0.0.1");

	struct server sv = { 0 };
	struct strbuf url = STRBUF_INIT;
	int fd = listen_on(host, port, &sv.loopback, &sv.port, &url);
	free(host);
	if (fd < 0) {
		sb_release(&url);
		return EXIT_SYSTEM;
	}
	struct store *st = store_open(db, STORE_READ);
	sv.m = matcher_new(st);

	/* SIGINT and SIGTERM wait for sigwait() below; libmicrohttpd's thread inherits the mask. */
	sigset_t stop;
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);
	signal(SIGPIPE, SIG_IGN);

	struct MHD_Daemon *d = MHD_start_daemon(
		MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO | MHD_USE_ERROR_LOG, 0, NULL, NULL,
		handle, &sv,
		MHD_OPTION_EXTERNAL_LOGGER, mhd_log, NULL,
		MHD_OPTION_LISTEN_SOCKET, (MHD_socket)fd,
		MHD_OPTION_NOTIFY_COMPLETED, request_done, NULL,
		MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30,
		MHD_OPTION_CONNECTION_LIMIT, (unsigned)64,
		MHD_OPTION_END);
	if (!d) {
		warnx_(_("cannot start the web server on %s"), url.buf);
		close(fd);
		matcher_free(sv.m);
		store_close(st);
		sb_release(&url);
		return EXIT_SYSTEM;
	}
	if (!sv.loopback)
		warnx_(_("warning: listening on %s: everyone on the network can use this page"), url.buf);
	printf(_("saring is ready at %s (press Ctrl-C to stop)\n"), url.buf);
	fflush(stdout);

	int sig;
	while (sigwait(&stop, &sig) != 0)
		;
	MHD_stop_daemon(d);
	matcher_free(sv.m);
	store_close(st);
	sb_release(&url);
	return EXIT_CLEAN;
}
