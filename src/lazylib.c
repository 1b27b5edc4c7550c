/*
 * lazylib.c: libarchive and libmicrohttpd, opened when first used.
 *
 * Linked the usual way, the two and the libraries they need in turn (TLS,
 * XML, ICU: 22 in all) were mapped and relocated by every saring process,
 * four of the nine milliseconds of a one-message check. Only scan (of a
 * zip export) and serve use them, so they are opened with dlopen() the
 * first time one of their functions is called: the functions saring calls
 * are defined here under their own names, and each forwards to the
 * library's (looked up, all of a library at once, on that first call).
 * A library that cannot be opened is a clear error for the command that
 * needs it; the others never notice.
 */
#include <archive.h>
#include <archive_entry.h>
#include <dlfcn.h>
#include <microhttpd.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>

#include "util.h"

#ifndef ARCHIVE_SO
#define ARCHIVE_SO "libarchive.so.13"
#endif
#ifndef MHD_SO
#define MHD_SO "libmicrohttpd.so.12"
#endif

_Static_assert(sizeof(void (*)(void)) == sizeof(void *), "dlsym() gives function pointers as void *");

/* Open soname and look up names[0..n) into fns, or die saying what needs the library. */
static void load(const char *soname, const char *what, const char *const *names, void **fns, size_t n)
{
	void *h = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
	if (!h)
		die(EXIT_SYSTEM, "cannot load %s, needed %s: %s", soname, what, dlerror());
	for (size_t i = 0; i < n; i++)
		if (!(fns[i] = dlsym(h, names[i])))
			die(EXIT_SYSTEM, "%s has no %s: %s", soname, names[i], dlerror());
}

/* X(return type, name, parameters, arguments) for each function forwarded. */
#define ZIP_FUNCS(X) \
	X(struct archive *, archive_read_new, (void), ()) \
	X(int, archive_read_support_format_zip, (struct archive *a), (a)) \
	X(int, archive_read_open, (struct archive *a, void *data, archive_open_callback *o, \
				   archive_read_callback *r, archive_close_callback *c), (a, data, o, r, c)) \
	X(int, archive_read_open_filename, (struct archive *a, const char *f, size_t b), (a, f, b)) \
	X(int, archive_read_next_header, (struct archive *a, struct archive_entry **e), (a, e)) \
	X(la_ssize_t, archive_read_data, (struct archive *a, void *buf, size_t n), (a, buf, n)) \
	X(int, archive_read_free, (struct archive *a), (a)) \
	X(const char *, archive_error_string, (struct archive *a), (a)) \
	X(__LA_MODE_T, archive_entry_filetype, (struct archive_entry *e), (e)) \
	X(const char *, archive_entry_pathname, (struct archive_entry *e), (e)) \
	X(const char *, archive_entry_pathname_utf8, (struct archive_entry *e), (e))

#define WEB_FUNCS(X) \
	X(struct MHD_Daemon *, MHD_start_daemon_va, (unsigned int flags, uint16_t port, \
		MHD_AcceptPolicyCallback apc, void *apc_cls, MHD_AccessHandlerCallback dh, void *dh_cls, \
		va_list ap), (flags, port, apc, apc_cls, dh, dh_cls, ap)) \
	X(const char *, MHD_lookup_connection_value, (struct MHD_Connection *c, enum MHD_ValueKind k, \
		const char *key), (c, k, key)) \
	X(enum MHD_Result, MHD_lookup_connection_value_n, (struct MHD_Connection *c, enum MHD_ValueKind k, \
		const char *key, size_t key_size, const char **v, size_t *vs), (c, k, key, key_size, v, vs)) \
	X(enum MHD_Result, MHD_queue_response, (struct MHD_Connection *c, unsigned int status, \
		struct MHD_Response *r), (c, status, r)) \
	X(struct MHD_Response *, MHD_create_response_from_buffer, (size_t size, void *buf, \
		enum MHD_ResponseMemoryMode mode), (size, buf, mode)) \
	X(enum MHD_Result, MHD_add_response_header, (struct MHD_Response *r, const char *h, \
		const char *v), (r, h, v)) \
	X(struct MHD_PostProcessor *, MHD_create_post_processor, (struct MHD_Connection *c, size_t size, \
		MHD_PostDataIterator it, void *cls), (c, size, it, cls)) \
	X(enum MHD_Result, MHD_post_process, (struct MHD_PostProcessor *pp, const char *data, size_t n), \
		(pp, data, n)) \
	X(enum MHD_Result, MHD_destroy_post_processor, (struct MHD_PostProcessor *pp), (pp))

#define FIELD(ret, name, params, args) ret (*name) params;
#define NAME(ret, name, params, args) #name,

static struct { ZIP_FUNCS(FIELD) void (*archive_set_error)(struct archive *, int, const char *, ...); } zip;
static struct { WEB_FUNCS(FIELD) void (*MHD_stop_daemon)(struct MHD_Daemon *);
		void (*MHD_destroy_response)(struct MHD_Response *); } web;
static pthread_once_t zip_once = PTHREAD_ONCE_INIT, web_once = PTHREAD_ONCE_INIT;

static void zip_load(void)
{
	static const char *const names[] = { ZIP_FUNCS(NAME) "archive_set_error" };
	load(ARCHIVE_SO, "to read zip exports", names, (void **)&zip, sizeof names / sizeof *names);
}

static void web_load(void)
{
	static const char *const names[] = { WEB_FUNCS(NAME) "MHD_stop_daemon", "MHD_destroy_response" };
	load(MHD_SO, "by saring serve", names, (void **)&web, sizeof names / sizeof *names);
}

#define ZIP_FORWARD(ret, name, params, args) \
	ret name params { pthread_once(&zip_once, zip_load); return zip.name args; }
#define WEB_FORWARD(ret, name, params, args) \
	ret name params { pthread_once(&web_once, web_load); return web.name args; }

ZIP_FUNCS(ZIP_FORWARD)
WEB_FUNCS(WEB_FORWARD)

/* The two that return nothing. */
void MHD_stop_daemon(struct MHD_Daemon *d)
{
	pthread_once(&web_once, web_load);
	web.MHD_stop_daemon(d);
}

void MHD_destroy_response(struct MHD_Response *r)
{
	pthread_once(&web_once, web_load);
	web.MHD_destroy_response(r);
}

/* The two that take variable arguments: formatted here, or handed on as a va_list. */
void archive_set_error(struct archive *a, int err, const char *fmt, ...)
{
	pthread_once(&zip_once, zip_load);
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	zip.archive_set_error(a, err, "%s", msg);
}

struct MHD_Daemon *MHD_start_daemon(unsigned int flags, uint16_t port, MHD_AcceptPolicyCallback apc,
				    void *apc_cls, MHD_AccessHandlerCallback dh, void *dh_cls, ...)
{
	va_list ap;
	va_start(ap, dh_cls);
	struct MHD_Daemon *d = MHD_start_daemon_va(flags, port, apc, apc_cls, dh, dh_cls, ap);
	va_end(ap);
	return d;
}
