/*
 * serve.c: the web server of saring serve: the checker as a page in the
 * browser, for volunteers who do not use a terminal, plus a JSON API. The
 * pages are web.c's.
 *
 *   GET  /                  the page: paste a message, upload a chat export
 *   POST /                  form field text: the page with the verdict
 *   POST /scan              multipart field chat (.txt or .zip): the page with the summary
 *   GET  /api/check?text=   the object `saring check --json` prints
 *   POST /api/check         form field text, a JSON body {"text": ...}, or text/plain
 *
 * HTTP is libmicrohttpd's, a thread per connection, so that one slow
 * request (a chat that takes seconds to screen) never holds up another.
 * Matchers and their store connections are not thread-safe: a request
 * takes one from a small pool (serve_pool.c) while it matches. The main
 * thread waits for SIGINT or SIGTERM; a watchdog thread cuts connections
 * that take longer than REQUEST_SECONDS however they trickle their bytes.
 * It listens on 127.0.0.1 unless told otherwise, and then refuses requests
 * for other host names (a web page elsewhere cannot reach it by DNS
 * rebinding). POSTs from pages of other origins are refused (Origin,
 * Sec-Fetch-Site), and the page's forms carry a random token that other
 * sites cannot read. Messages are never logged; an uploaded chat lives in
 * a private temporary file, unlinked as soon as it is made, only while it
 * is screened.
 */
#include <errno.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <pthread.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "i18n.h"
#include "serve.h"
#include "serve_listen.h"
#include "serve_pool.h"
#include "util.h"
#include "web.h"

#define MAX_BODY (1024 * 1024)       /* larger request bodies get 413 */
#define DRAIN_MAX (64 * MAX_BODY)    /* a too-large body is read and dropped up to this, then cut off */
#define FORM_BUFFER 16384            /* libmicrohttpd's form parser buffer */
#define CONNECTIONS_MAX 256          /* connections at once, all clients (closed ones count until reaped) */
#define PER_CLIENT_MAX 16            /* connections at once from one address */
#define IDLE_SECONDS 10              /* a connection that sends nothing for this long is closed */
#define REQUEST_SECONDS 30           /* a request (headers, body, answer) may take this long in all */
#define THREAD_STACK (1 << 20)       /* a connection thread's stack: the matcher needs little */
#define HTTP_FORBIDDEN 403
/* Status codes whose libmicrohttpd names changed between versions. */
#define HTTP_CONTENT_TOO_LARGE 413
#define HTTP_UNPROCESSABLE 422

static const char csp[] = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
			  "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/* A connection, while open: when its current request started, for the watchdog. */
struct conn {
	struct MHD_Connection *c;   /* libmicrohttpd's; NULL: a free slot */
	int fd;                     /* its socket (libmicrohttpd's) */
	time_t start;
};

struct server {
	struct pool pool;
	int loopback;        /* listening on a loopback address only */
	unsigned port;       /* the port listened on */
	char self[INET6_ADDRSTRLEN + 2];   /* the address listened on, as a Host header names it */
	char token[33];      /* the forms' token: random hex, for this run */
	pthread_mutex_t conns_lock;
	struct conn conns[CONNECTIONS_MAX + 8];
	int stopping;        /* the watchdog ends */
};

enum route { R_PAGE, R_SCAN, R_API_CHECK, R_FAVICON, R_NONE };

/* One request while its body arrives; freed by request_done(). */
struct request {
	struct server *sv;             /* borrowed */
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
	char *upload;                  /* owned: /proc/self/fd/N, fd read by path (never the browser's name) */
	size_t upload_len;             /* bytes written to it */
	char *upload_name;             /* owned: the name the browser gave, only shown */
	struct strbuf token;           /* the form's token field */
	int form;                      /* the body is a form (urlencoded or multipart) */
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
	MHD_add_response_header(r, "Referrer-Policy", "same-origin");   /* no-referrer made Chromium send Origin: null */
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
static enum MHD_Result send_page(struct MHD_Connection *c, unsigned status, const struct server *sv,
				 const struct request *rq, const char *check_html, const char *scan_html)
{
	struct strbuf page = STRBUF_INIT;
	web_page(&page, sv->token, rq && rq->has_text ? rq->text.buf : NULL, rq && rq->has_text ? rq->text.len : 0,
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
	if (rq->route == R_API_CHECK)
		return send_json_error(c, status, api_message);
	struct strbuf box = STRBUF_INIT;
	web_error(&box, people_message);
	int scan = rq->route == R_SCAN;
	enum MHD_Result ok = send_page(c, status, rq->sv, rq, scan ? NULL : box.buf, scan ? box.buf : NULL);
	sb_release(&box);
	return ok;
}

static enum MHD_Result send_too_big(struct MHD_Connection *c, const struct request *rq)
{
	return send_error(c, rq, HTTP_CONTENT_TOO_LARGE, "request body too large: the limit is 1 MB",
			  _("This is too large: the limit is 1 MB. For a long chat, export a shorter part of it."));
}

/*
 * On a loopback address, answer only for loopback host names and the
 * address listened on: a web page whose name is made to point at
 * 127.0.0.1 must not be able to use us.
 */
static int host_ok(const struct server *sv, struct MHD_Connection *c)
{
	if (!sv->loopback)
		return 1;
	const char *host = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_HOST);
	if (!host)
		return 1;   /* HTTP/1.0 */
	const char *const names[] = { "127.0.0.1", "localhost", "[::1]", sv->self };
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		if (!*names[i])
			continue;
		size_t n = strlen(names[i]);
		if (strncasecmp(host, names[i], n))
			continue;
		if (!host[n] || (host[n] == ':' && (unsigned)atoi(host + n + 1) == sv->port))
			return 1;
	}
	return 0;
}

/*
 * Open the private temporary file for an upload: mkstemp in $TMPDIR, mode
 * 0600, unlinked at once, so that nothing is left whatever becomes of the
 * process (kill -9, a crash); it is read back through /proc/self/fd.
 */
static int upload_open(struct request *rq)
{
	const char *dir = getenv("TMPDIR");
	struct strbuf path = STRBUF_INIT;
	sb_printf(&path, "%s/saring-upload-XXXXXX", dir && *dir ? dir : "/tmp");
	rq->fd = mkstemp(path.buf);
	if (rq->fd < 0 || unlink(path.buf) != 0) {
		warnx_(_("cannot create a temporary file in %s: %s"), dir && *dir ? dir : "/tmp", strerror(errno));
		if (rq->fd >= 0)
			close(rq->fd);
		rq->fd = -1;
		sb_release(&path);
		return -1;
	}
	sb_reset(&path);
	sb_printf(&path, "/proc/self/fd/%d", rq->fd);
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

/* Close the uploaded chat, once screened, and so free it (request_done() does it if the request fails). */
static void upload_remove(struct request *rq)
{
	if (rq->fd >= 0)
		close(rq->fd);
	rq->fd = -1;
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
	if (!key)   /* a part without a name (fuzz_serve found it) */
		return MHD_YES;
	if (!strcmp(key, "text")) {
		sb_add(&rq->text, data ? data : "", data ? size : 0);
		rq->has_text = 1;
	} else if (!strcmp(key, "token")) {
		if (rq->token.len + size <= sizeof rq->sv->token)
			sb_add(&rq->token, data ? data : "", data ? size : 0);
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

/*
 * Was a POST sent by our own page (or by a program: curl sends neither
 * header)? A browser says where a request comes from: Sec-Fetch-Site,
 * and Origin, which must be this server as the Host header names it.
 */
static int same_origin(struct MHD_Connection *c)
{
	const char *site = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Sec-Fetch-Site");
	if (site && strcasecmp(site, "same-origin") && strcasecmp(site, "none"))
		return 0;
	const char *origin = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Origin");
	if (!origin)
		return 1;
	const char *host = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_HOST);
	return host && !strncasecmp(origin, "http://", 7) && !strcasecmp(origin + 7, host);
}

/* Does a form carry the page's token? Compared in constant time. */
static int token_ok(const struct request *rq)
{
	const char *want = rq->sv->token;
	size_t n = strlen(want);
	if (rq->token.len != n)
		return 0;
	unsigned char diff = 0;
	for (size_t i = 0; i < n; i++)
		diff |= (unsigned char)(rq->token.buf[i] ^ want[i]);
	return diff == 0;
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
	if (!same_origin(c))
		return send_error(c, rq, HTTP_FORBIDDEN, "cross-origin request refused",
				  _("This form was sent from another web site, so it was refused. "
				    "Open saring's own page and try again."));

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
		rq->form = 1;
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
	if (!text || check_blank(text, len)) {
		json_decref(body);
		return send_json_error(c, MHD_HTTP_BAD_REQUEST, "empty text: nothing to check");
	}
	int slot;
	struct matcher *m = pool_take(&sv->pool, &slot);
	json_t *o = web_check_json(m, id, text, len);
	pool_give(&sv->pool, slot);
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
	if (rq->form && !token_ok(rq)) {
		upload_remove(rq);
		rq->has_text = 0;
		return send_error(c, rq, HTTP_FORBIDDEN, "",
				  _("This form is out of date or was sent from another web site. "
				    "Reload saring's page and try again."));
	}
	if (strcmp(method, MHD_HTTP_METHOD_POST))
		return send_page(c, MHD_HTTP_OK, sv, NULL, NULL, NULL);

	if (rq->upload || rq->upload_failed || rq->route == R_SCAN) {
		rq->route = R_SCAN;
		rq->has_text = 0;
		struct strbuf html = STRBUF_INIT;
		char *err = NULL;
		int scanned = -1;
		if (rq->upload && rq->upload_len && !rq->upload_failed) {
			int slot;
			struct matcher *m = pool_take(&sv->pool, &slot);
			scanned = web_scan(&html, m, rq->upload, rq->upload_name, &err);
			pool_give(&sv->pool, slot);
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
			ok = send_page(c, MHD_HTTP_OK, sv, rq, NULL, html.buf);
		free(err);
		sb_release(&html);
		return ok;
	}
	if (!rq->has_text || check_blank(rq->text.buf, rq->text.len))
		return send_error(c, rq, MHD_HTTP_BAD_REQUEST, "",
				  _("Paste a message in the box first: there is nothing to check."));
	struct strbuf html = STRBUF_INIT;
	enum MHD_Result ok;
	int slot;
	struct matcher *m = pool_take(&sv->pool, &slot);
	int checked = web_check(&html, m, rq->text.buf, rq->text.len);
	pool_give(&sv->pool, slot);
	if (checked < 0)
		ok = send_error(c, rq, MHD_HTTP_INTERNAL_SERVER_ERROR, "",
				_("The database could not be read. See the terminal for why."));
	else
		ok = send_page(c, MHD_HTTP_OK, sv, rq, html.buf, NULL);
	sb_release(&html);
	return ok;
}

static void conn_restart(struct server *sv, struct MHD_Connection *c, int busy);

static enum MHD_Result handle(void *cls, struct MHD_Connection *c, const char *url, const char *method,
			      const char *version, const char *upload_data, size_t *upload_data_size,
			      void **con_cls)
{
	(void)version;
	struct request *rq = *con_cls;
	if (!rq) {
		rq = xcalloc(1, sizeof *rq);
		rq->fd = -1;
		rq->sv = cls;
		*con_cls = rq;
		return request_begin(cls, c, url, method, rq);
	}
	if (*upload_data_size) {
		size_t n = *upload_data_size;
		*upload_data_size = 0;
		return request_body(rq, upload_data, n);
	}
	conn_restart(cls, c, 1);
	enum MHD_Result ok = request_end(cls, c, method, rq);
	conn_restart(cls, c, 0);   /* REQUEST_SECONDS for the client to read the answer */
	return ok;
}

/* libmicrohttpd opens or closes a connection: keep the table the watchdog reads. */
static void conn_notify(void *cls, struct MHD_Connection *c, void **socket_context,
			enum MHD_ConnectionNotificationCode code)
{
	struct server *sv = cls;
	(void)socket_context;
	const union MHD_ConnectionInfo *info = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
	pthread_mutex_lock(&sv->conns_lock);
	size_t n = sizeof sv->conns / sizeof *sv->conns;
	for (size_t i = 0; i < n; i++) {
		struct conn *k = &sv->conns[i];
		if (code == MHD_CONNECTION_NOTIFY_STARTED && !k->c && info) {
			*k = (struct conn){ c, info->connect_fd, time(NULL) };
			break;
		}
		if (code == MHD_CONNECTION_NOTIFY_CLOSED && k->c == c) {
			k->c = NULL;
			break;
		}
	}
	pthread_mutex_unlock(&sv->conns_lock);
}

/*
 * The connection's clock starts again now; with busy, it stops while the
 * server itself works on the request (waits for a matcher, screens): the
 * time bound is for what a client does, not for a busy server.
 */
static void conn_restart(struct server *sv, struct MHD_Connection *c, int busy)
{
	pthread_mutex_lock(&sv->conns_lock);
	for (size_t i = 0; i < sizeof sv->conns / sizeof *sv->conns; i++)
		if (sv->conns[i].c == c)
			sv->conns[i].start = busy ? 0 : time(NULL);
	pthread_mutex_unlock(&sv->conns_lock);
}

/*
 * libmicrohttpd's timeout starts again with every byte, so a client that
 * trickles one byte every few seconds would hold its connection forever:
 * once a second, shut the socket of every request older than
 * REQUEST_SECONDS (libmicrohttpd then closes it; the table lock keeps the
 * socket from being closed and reused meanwhile).
 */
static void *watchdog(void *arg)
{
	struct server *sv = arg;
	for (;;) {
		sleep(1);
		pthread_mutex_lock(&sv->conns_lock);
		if (sv->stopping) {
			pthread_mutex_unlock(&sv->conns_lock);
			return NULL;
		}
		time_t now = time(NULL);
		for (size_t i = 0; i < sizeof sv->conns / sizeof *sv->conns; i++) {
			struct conn *k = &sv->conns[i];
			if (k->c && k->start && now - k->start > REQUEST_SECONDS) {
				shutdown(k->fd, SHUT_RDWR);
				k->start = now;   /* once is enough; it closes */
			}
		}
		pthread_mutex_unlock(&sv->conns_lock);
	}
}

/* Free a request, and remove its uploaded chat, however the request ended. */
static void request_done(void *cls, struct MHD_Connection *c, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	(void)toe;
	conn_restart(cls, c, 0);   /* the next request on this connection has its own REQUEST_SECONDS */
	struct request *rq = *con_cls;
	if (!rq)
		return;
	sb_release(&rq->token);
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

int serve_run(const char *db, const char *host, long port)
{
	static struct server sv;   /* static: its connection table is large */
	struct strbuf url = STRBUF_INIT;
	int fd = listen_on(host, port, &sv.loopback, &sv.port, &url, sv.self);
	if (fd < 0) {
		sb_release(&url);
		return EXIT_SYSTEM;
	}
	if (sv.self[0] == '[' ? !strcmp(sv.self, "[::]") : !strcmp(sv.self, "0.0.0.0"))
		sv.self[0] = '\0';   /* any address: the Host header names no one address */
	unsigned char rnd[16];
	if (getrandom(rnd, sizeof rnd, 0) != (ssize_t)sizeof rnd)
		die(EXIT_SYSTEM, _("cannot get random bytes for the page's token"));
	for (size_t i = 0; i < sizeof rnd; i++)
		snprintf(sv.token + 2 * i, 3, "%02x", rnd[i]);
	pool_init(&sv.pool, db);
	pthread_mutex_init(&sv.conns_lock, NULL);
	int slot;   /* the first matcher now: a database that cannot be read is said at once */
	pool_take(&sv.pool, &slot);
	pool_give(&sv.pool, slot);

	/* SIGINT and SIGTERM wait for sigwait() below; libmicrohttpd's thread inherits the mask. */
	sigset_t stop;
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);
	signal(SIGPIPE, SIG_IGN);

	struct MHD_Daemon *d = MHD_start_daemon(
		MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO | MHD_USE_ERROR_LOG,
		0, NULL, NULL, handle, &sv,
		MHD_OPTION_EXTERNAL_LOGGER, mhd_log, NULL,
		MHD_OPTION_LISTEN_SOCKET, (MHD_socket)fd,
		MHD_OPTION_NOTIFY_COMPLETED, request_done, &sv,
		MHD_OPTION_NOTIFY_CONNECTION, conn_notify, &sv,
		MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)IDLE_SECONDS,
		MHD_OPTION_CONNECTION_LIMIT, (unsigned)CONNECTIONS_MAX,
		MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)PER_CLIENT_MAX,
		MHD_OPTION_THREAD_STACK_SIZE, (size_t)THREAD_STACK,
		MHD_OPTION_END);
	pthread_t dog;
	if (!d || pthread_create(&dog, NULL, watchdog, &sv) != 0) {
		warnx_(_("cannot start the web server on %s"), url.buf);
		if (d)
			MHD_stop_daemon(d);
		else
			close(fd);
		pool_free(&sv.pool);
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
	pthread_mutex_lock(&sv.conns_lock);
	sv.stopping = 1;
	pthread_mutex_unlock(&sv.conns_lock);
	pthread_join(dog, NULL);
	MHD_stop_daemon(d);
	pool_free(&sv.pool);
	pthread_mutex_destroy(&sv.conns_lock);
	sb_release(&url);
	return EXIT_CLEAN;
}
