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
 *
 * saring update and bundles add three more (each a block of its own below):
 * libcurl for fetching sources, libxml2 for their RSS, Atom and HTML,
 * libsodium for Ed25519 signatures; and libarchive's gzip filter for the
 * bundle's payload.
 */
#include <archive.h>
#include <archive_entry.h>
#define CURL_DISABLE_TYPECHECK   /* curl_easy_setopt() is defined here, not a macro */
#include <curl/curl.h>
#include <dlfcn.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <microhttpd.h>
#include <pthread.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>

#include "util.h"

#ifndef ARCHIVE_SO
#define ARCHIVE_SO "libarchive.so.13"
#endif
#ifndef MHD_SO
#define MHD_SO "libmicrohttpd.so.12"
#endif
#ifndef CURL_SO
#define CURL_SO "libcurl.so.4"
#endif
#ifndef XML2_SO
#define XML2_SO "libxml2.so.2"
#endif
#ifndef SODIUM_SO
#define SODIUM_SO "libsodium.so.23"
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
		void (*MHD_destroy_response)(struct MHD_Response *);
		const union MHD_ConnectionInfo *(*MHD_get_connection_info)(struct MHD_Connection *,
			enum MHD_ConnectionInfoType, ...); } web;
/* zip and web: filled once, each under its pthread_once, read-only after */
static pthread_once_t zip_once = PTHREAD_ONCE_INIT, web_once = PTHREAD_ONCE_INIT;

static void zip_load(void)
{
	static const char *const names[] = { ZIP_FUNCS(NAME) "archive_set_error" };
	load(ARCHIVE_SO, "to read zip exports", names, (void **)&zip, sizeof names / sizeof *names);
}

static void web_load(void)
{
	static const char *const names[] = { WEB_FUNCS(NAME) "MHD_stop_daemon", "MHD_destroy_response",
					     "MHD_get_connection_info" };
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

/* Only the kinds of information that take no argument (the socket, its context) are asked for. */
const union MHD_ConnectionInfo *MHD_get_connection_info(struct MHD_Connection *c, enum MHD_ConnectionInfoType t, ...)
{
	pthread_once(&web_once, web_load);
	return web.MHD_get_connection_info(c, t);
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

/* ---- libcurl: saring update's HTTP ---- */

#define CURL_FUNCS(X) \
	X(CURLcode, curl_global_init, (long flags), (flags)) \
	X(CURL *, curl_easy_init, (void), ()) \
	X(CURLcode, curl_easy_perform, (CURL *c), (c)) \
	X(const char *, curl_easy_strerror, (CURLcode e), (e)) \
	X(struct curl_slist *, curl_slist_append, (struct curl_slist *l, const char *s), (l, s))

static struct { CURL_FUNCS(FIELD) void (*curl_easy_cleanup)(CURL *); void (*curl_slist_free_all)(struct curl_slist *);
		CURLcode (*curl_easy_setopt)(CURL *, CURLoption, ...); CURLcode (*curl_easy_getinfo)(CURL *, CURLINFO, ...); } net;
static pthread_once_t net_once = PTHREAD_ONCE_INIT;   /* net filled once under it, read-only after */

static void net_load(void)
{
	static const char *const names[] = { CURL_FUNCS(NAME) "curl_easy_cleanup", "curl_slist_free_all",
					     "curl_easy_setopt", "curl_easy_getinfo" };
	load(CURL_SO, "by saring update", names, (void **)&net, sizeof names / sizeof *names);
}

#define NET_FORWARD(ret, name, params, args) \
	ret name params { pthread_once(&net_once, net_load); return net.name args; }
CURL_FUNCS(NET_FORWARD)

void curl_easy_cleanup(CURL *c)
{
	pthread_once(&net_once, net_load);
	net.curl_easy_cleanup(c);
}

void curl_slist_free_all(struct curl_slist *l)
{
	pthread_once(&net_once, net_load);
	net.curl_slist_free_all(l);
}

/* An option's argument is a long, a curl_off_t or a pointer, by the option's number (curl.h CURLOPTTYPE_*). */
CURLcode curl_easy_setopt(CURL *c, CURLoption opt, ...)
{
	pthread_once(&net_once, net_load);
	va_list ap;
	va_start(ap, opt);
	CURLcode rc;
	if (opt < CURLOPTTYPE_OBJECTPOINT)
		rc = net.curl_easy_setopt(c, opt, va_arg(ap, long));
	else if (opt >= CURLOPTTYPE_OFF_T && opt < CURLOPTTYPE_BLOB)
		rc = net.curl_easy_setopt(c, opt, va_arg(ap, curl_off_t));
	else
		rc = net.curl_easy_setopt(c, opt, va_arg(ap, void *));
	va_end(ap);
	return rc;
}

/* Every CURLINFO_* takes a pointer to where the answer goes. */
CURLcode curl_easy_getinfo(CURL *c, CURLINFO info, ...)
{
	pthread_once(&net_once, net_load);
	va_list ap;
	va_start(ap, info);
	CURLcode rc = net.curl_easy_getinfo(c, info, va_arg(ap, void *));
	va_end(ap);
	return rc;
}

/* ---- libxml2: feeds and pages for saring update ---- */

#define XML_FUNCS(X) \
	X(xmlDocPtr, xmlReadMemory, (const char *b, int n, const char *url, const char *enc, int o), (b, n, url, enc, o)) \
	X(htmlDocPtr, htmlReadMemory, (const char *b, int n, const char *url, const char *enc, int o), (b, n, url, enc, o))

static struct { XML_FUNCS(FIELD) void (*xmlFreeDoc)(xmlDocPtr); } xml;
static pthread_once_t xml_once = PTHREAD_ONCE_INIT;   /* xml filled once under it, read-only after */

static void xml_load(void)
{
	static const char *const names[] = { XML_FUNCS(NAME) "xmlFreeDoc" };
	load(XML2_SO, "to read feeds and pages", names, (void **)&xml, sizeof names / sizeof *names);
}

#define XML_FORWARD(ret, name, params, args) \
	ret name params { pthread_once(&xml_once, xml_load); return xml.name args; }
XML_FUNCS(XML_FORWARD)

void xmlFreeDoc(xmlDocPtr d)
{
	pthread_once(&xml_once, xml_load);
	xml.xmlFreeDoc(d);
}

/* ---- libsodium: Ed25519 signatures of corpus bundles, --anonymize's keyed hashes, derived ids ---- */

#define SODIUM_FUNCS(X) \
	X(int, sodium_init, (void), ()) \
	X(int, crypto_sign_keypair, (unsigned char *pk, unsigned char *sk), (pk, sk)) \
	X(int, crypto_sign_detached, (unsigned char *sig, unsigned long long *siglen, const unsigned char *m, \
		unsigned long long mlen, const unsigned char *sk), (sig, siglen, m, mlen, sk)) \
	X(int, crypto_sign_verify_detached, (const unsigned char *sig, const unsigned char *m, \
		unsigned long long mlen, const unsigned char *pk), (sig, m, mlen, pk)) \
	X(int, crypto_generichash, (unsigned char *out, size_t outlen, const unsigned char *in, \
		unsigned long long inlen, const unsigned char *key, size_t keylen), (out, outlen, in, inlen, key, keylen)) \
	X(int, crypto_hash_sha256, (unsigned char *out, const unsigned char *in, unsigned long long inlen), \
		(out, in, inlen))

static struct { SODIUM_FUNCS(FIELD) void (*sodium_memzero)(void *, size_t);
		void (*randombytes_buf)(void *, size_t); } nacl;
static pthread_once_t nacl_once = PTHREAD_ONCE_INIT;   /* nacl filled once under it, read-only after */

static void nacl_load(void)
{
	static const char *const names[] = { SODIUM_FUNCS(NAME) "sodium_memzero", "randombytes_buf" };
	load(SODIUM_SO, "to sign and verify bundles", names, (void **)&nacl, sizeof names / sizeof *names);
	if (nacl.sodium_init() < 0)
		die(EXIT_SYSTEM, "%s: cannot initialise", SODIUM_SO);
}

#define NACL_FORWARD(ret, name, params, args) \
	ret name params { pthread_once(&nacl_once, nacl_load); return nacl.name args; }
SODIUM_FUNCS(NACL_FORWARD)

void sodium_memzero(void *p, size_t n)
{
	pthread_once(&nacl_once, nacl_load);
	nacl.sodium_memzero(p, n);
}

/* scan --anonymize's keys (src/anon.c). */
void randombytes_buf(void *buf, size_t n)
{
	pthread_once(&nacl_once, nacl_load);
	nacl.randombytes_buf(buf, n);
}

/* ---- libarchive's gzip filter: a bundle's payload ---- */

#define GZIP_FUNCS(X) \
	X(int, archive_read_support_filter_gzip, (struct archive *a), (a)) \
	X(int, archive_read_support_format_raw, (struct archive *a), (a)) \
	X(int, archive_read_open_memory, (struct archive *a, const void *buf, size_t n), (a, buf, n)) \
	X(struct archive *, archive_write_new, (void), ()) \
	X(int, archive_write_add_filter_gzip, (struct archive *a), (a)) \
	X(int, archive_write_set_format_raw, (struct archive *a), (a)) \
	X(int, archive_write_open, (struct archive *a, void *data, archive_open_callback *o, \
				    archive_write_callback *w, archive_close_callback *c), (a, data, o, w, c)) \
	X(int, archive_write_header, (struct archive *a, struct archive_entry *e), (a, e)) \
	X(la_ssize_t, archive_write_data, (struct archive *a, const void *buf, size_t n), (a, buf, n)) \
	X(int, archive_write_close, (struct archive *a), (a)) \
	X(int, archive_write_free, (struct archive *a), (a)) \
	X(struct archive_entry *, archive_entry_new, (void), ())

static struct { GZIP_FUNCS(FIELD) void (*archive_entry_free)(struct archive_entry *);
		void (*archive_entry_set_filetype)(struct archive_entry *, unsigned int);
		void (*archive_entry_set_pathname)(struct archive_entry *, const char *); } gz;
static pthread_once_t gz_once = PTHREAD_ONCE_INIT;   /* gz filled once under it, read-only after */

static void gz_load(void)
{
	static const char *const names[] = { GZIP_FUNCS(NAME) "archive_entry_free", "archive_entry_set_filetype",
					     "archive_entry_set_pathname" };
	load(ARCHIVE_SO, "for corpus bundles", names, (void **)&gz, sizeof names / sizeof *names);
}

#define GZ_FORWARD(ret, name, params, args) \
	ret name params { pthread_once(&gz_once, gz_load); return gz.name args; }
GZIP_FUNCS(GZ_FORWARD)

void archive_entry_free(struct archive_entry *e)
{
	pthread_once(&gz_once, gz_load);
	gz.archive_entry_free(e);
}

void archive_entry_set_filetype(struct archive_entry *e, unsigned int t)
{
	pthread_once(&gz_once, gz_load);
	gz.archive_entry_set_filetype(e, t);
}

void archive_entry_set_pathname(struct archive_entry *e, const char *p)
{
	pthread_once(&gz_once, gz_load);
	gz.archive_entry_set_pathname(e, p);
}

/* ---- Tesseract and Leptonica: reading the text in images (ocr.c) ---- */

#include <leptonica/allheaders.h>
#include <stdlib.h>
#include <tesseract/capi.h>

#include "lazylib.h"

#ifndef TESS_SO
#define TESS_SO "libtesseract.so.5"
#endif
#ifndef LEPT_SO
#define LEPT_SO "liblept.so.5"
#endif

/* Functions that return something, then V(name, parameters, arguments) for those that do not. */
#define TESS_FUNCS(X) \
	X(TessBaseAPI *, TessBaseAPICreate, (void), ()) \
	X(int, TessBaseAPIInit3, (TessBaseAPI *h, const char *path, const char *lang), (h, path, lang)) \
	X(BOOL, TessBaseAPISetVariable, (TessBaseAPI *h, const char *name, const char *value), (h, name, value)) \
	X(int, TessBaseAPIRecognize, (TessBaseAPI *h, ETEXT_DESC *monitor), (h, monitor)) \
	X(TessResultIterator *, TessBaseAPIGetIterator, (TessBaseAPI *h), (h)) \
	X(ETEXT_DESC *, TessMonitorCreate, (void), ()) \
	X(BOOL, TessResultIteratorNext, (TessResultIterator *it, TessPageIteratorLevel l), (it, l)) \
	X(char *, TessResultIteratorGetUTF8Text, (const TessResultIterator *it, TessPageIteratorLevel l), (it, l)) \
	X(float, TessResultIteratorConfidence, (const TessResultIterator *it, TessPageIteratorLevel l), (it, l)) \
	X(TessPageIterator *, TessResultIteratorGetPageIterator, (TessResultIterator *it), (it)) \
	X(BOOL, TessPageIteratorBoundingBox, (const TessPageIterator *it, TessPageIteratorLevel l, \
		int *left, int *top, int *right, int *bottom), (it, l, left, top, right, bottom)) \
	X(TessPageIterator *, TessBaseAPIAnalyseLayout, (TessBaseAPI *h), (h)) \
	X(BOOL, TessPageIteratorNext, (TessPageIterator *it, TessPageIteratorLevel l), (it, l))
#define TESS_VOIDS(V) \
	V(TessBaseAPISetPageSegMode, (TessBaseAPI *h, TessPageSegMode mode), (h, mode)) \
	V(TessBaseAPISetImage2, (TessBaseAPI *h, struct Pix *pix), (h, pix)) \
	V(TessBaseAPIClear, (TessBaseAPI *h), (h)) \
	V(TessBaseAPIEnd, (TessBaseAPI *h), (h)) \
	V(TessBaseAPIDelete, (TessBaseAPI *h), (h)) \
	V(TessDeleteText, (const char *text), (text)) \
	V(TessMonitorDelete, (ETEXT_DESC *m), (m)) \
	V(TessMonitorSetDeadlineMSecs, (ETEXT_DESC *m, int ms), (m, ms)) \
	V(TessResultIteratorDelete, (TessResultIterator *it), (it)) \
	V(TessPageIteratorDelete, (TessPageIterator *it), (it)) \
	V(TessBaseAPISetRectangle, (TessBaseAPI *h, int left, int top, int width, int height), (h, left, top, width, height))

#define LEPT_FUNCS(X) \
	X(PIX *, pixReadMem, (const l_uint8 *data, size_t size), (data, size)) \
	X(l_ok, pixGetDimensions, (const PIX *pix, l_int32 *w, l_int32 *h, l_int32 *d), (pix, w, h, d)) \
	X(l_int32, pixGetSpp, (const PIX *pix), (pix)) \
	X(PIX *, pixRemoveAlpha, (PIX *pix), (pix)) \
	X(PIX *, pixConvertTo8, (PIX *pix, l_int32 cmapflag), (pix, cmapflag)) \
	X(PIX *, pixScale, (PIX *pix, l_float32 sx, l_float32 sy), (pix, sx, sy)) \
	X(PIX *, pixDeskewGeneral, (PIX *pix, l_int32 redsweep, l_float32 range, l_float32 delta, \
		l_int32 redsearch, l_int32 thresh, l_float32 *angle, l_float32 *conf), \
		(pix, redsweep, range, delta, redsearch, thresh, angle, conf)) \
	X(l_int32, setMsgSeverity, (l_int32 severity), (severity))
#define LEPT_VOIDS(V) \
	V(pixDestroy, (PIX **pix), (pix))

#define VFIELD(name, params, args) void (*name) params;
#define VNAME(name, params, args) #name,

static struct { TESS_FUNCS(FIELD) TESS_VOIDS(VFIELD) } tess;
static struct { LEPT_FUNCS(FIELD) LEPT_VOIDS(VFIELD) } lept;
static pthread_once_t ocr_once = PTHREAD_ONCE_INIT;   /* tess, lept and ocr_error filled once under it */
static char ocr_error[512];   /* why the libraries could not be opened; "" when they were */

/* Like load(), but a failure is kept in ocr_error: scan goes on without images. */
static int load_soft(const char *soname, const char *pkg, const char *const *names, void **fns, size_t n)
{
	void *h = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		snprintf(ocr_error, sizeof ocr_error, "cannot load %s (Debian package %s), needed to read "
			 "text in images: %s", soname, pkg, dlerror());
		return -1;
	}
	for (size_t i = 0; i < n; i++)
		if (!(fns[i] = dlsym(h, names[i]))) {
			snprintf(ocr_error, sizeof ocr_error, "%s has no %s", soname, names[i]);
			return -1;
		}
	return 0;
}

static void ocr_load(void)
{
	/*
	 * Debian's Tesseract is built with OpenMP, whose runtime (libgomp)
	 * reads OMP_THREAD_LIMIT once, when it is loaded: here, as a
	 * dependency of libtesseract. Its threads make a 2-core machine about
	 * 9 times slower, so the limit is set just before the dlopen() (for a
	 * linked library even main() would be too late). Parallel images get
	 * saring's own threads (scan). A limit the user set is kept.
	 */
	setenv("OMP_THREAD_LIMIT", "1", 0);
	static const char *const tnames[] = { TESS_FUNCS(NAME) TESS_VOIDS(VNAME) };
	static const char *const lnames[] = { LEPT_FUNCS(NAME) LEPT_VOIDS(VNAME) };
	if (load_soft(TESS_SO, "libtesseract5", tnames, (void **)&tess, sizeof tnames / sizeof *tnames) == 0 &&
	    load_soft(LEPT_SO, "liblept5", lnames, (void **)&lept, sizeof lnames / sizeof *lnames) == 0)
		lept.setMsgSeverity(L_SEVERITY_NONE);   /* a damaged image is our message, not its */
}

const char *ocr_lib_error(void)
{
	pthread_once(&ocr_once, ocr_load);
	return *ocr_error ? ocr_error : NULL;
}

/* Callers ask ocr_lib_error() first; a call without the libraries is still a clear error. */
static void ocr_need(void)
{
	if (ocr_lib_error())
		die(EXIT_SYSTEM, "%s", ocr_error);
}

#define TESS_FORWARD(ret, name, params, args) ret name params { ocr_need(); return tess.name args; }
#define TESS_VFORWARD(name, params, args) void name params { ocr_need(); tess.name args; }
#define LEPT_FORWARD(ret, name, params, args) ret name params { ocr_need(); return lept.name args; }
#define LEPT_VFORWARD(name, params, args) void name params { ocr_need(); lept.name args; }

TESS_FUNCS(TESS_FORWARD)
TESS_VOIDS(TESS_VFORWARD)
LEPT_FUNCS(LEPT_FORWARD)
LEPT_VOIDS(LEPT_VFORWARD)
