/* util.c: allocation wrappers, strbuf, error reporting, file reading. */
#include "util.h"
#include "i18n.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The running command, for every message's prefix: set once by main before any thread starts. */
const char *progcmd = NULL;
const char *progusage = NULL;

static _Noreturn void oom(void)
{
	fputs("saring: out of memory\n", stderr);
	exit(EXIT_SYSTEM);
}

void *xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);
	if (!p)
		oom();
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		oom();
	return p;
}

void *xrealloc(void *ptr, size_t size)
{
	void *p = realloc(ptr, size ? size : 1);
	if (!p)
		oom();
	return p;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void xgrow(void **ptr, size_t *cap, size_t need, size_t elem)
{
	if (need <= *cap)
		return;
	size_t ncap = *cap ? *cap : 8;
	while (ncap < need) {
		if (ncap > SIZE_MAX / 2 / elem)
			oom();
		ncap *= 2;
	}
	*ptr = xrealloc(*ptr, ncap * elem);
	*cap = ncap;
}

void sort_u32(uint32_t *v, size_t n)
{
	while (n > 16) {
		uint32_t a = v[0], b = v[n / 2], c = v[n - 1];   /* pivot: the median of three */
		uint32_t pivot = a < b ? (b < c ? b : a < c ? c : a) : (a < c ? a : b < c ? c : b);
		size_t i = 0, j = n - 1;
		for (;;) {
			while (v[i] < pivot)
				i++;
			while (v[j] > pivot)
				j--;
			if (i >= j)
				break;
			uint32_t t = v[i];
			v[i++] = v[j];
			v[j--] = t;
		}
		/* [0, j] <= pivot <= [j + 1, n): recurse into the smaller part, loop on the larger */
		size_t left = j + 1;
		if (left < n - left) {
			sort_u32(v, left);
			v += left;
			n -= left;
		} else {
			sort_u32(v + left, n - left);
			n = left;
		}
	}
	for (size_t i = 1; i < n; i++) {
		uint32_t x = v[i];
		size_t j = i;
		for (; j > 0 && v[j - 1] > x; j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
}

char sb_empty[1];   /* STRBUF_INIT's buf: never written (a strbuf with cap 0 owns nothing) */

void sb_grow(struct strbuf *sb, size_t n)
{
	if (!sb->cap)
		sb->buf = NULL;   /* sb_empty is not ours to grow */
	xgrow((void **)&sb->buf, &sb->cap, sb->len + n + 1, 1);
}

void sb_puts(struct strbuf *sb, const char *s)
{
	sb_add(sb, s, strlen(s));
}

void sb_vprintf(struct strbuf *sb, const char *fmt, va_list ap)
{
	va_list copy;
	va_copy(copy, ap);
	int n = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	if (n < 0)
		return;
	sb_grow(sb, (size_t)n);
	vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
	sb->len += (size_t)n;
}

void sb_printf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	sb_vprintf(sb, fmt, ap);
	va_end(ap);
}

/* Length of the valid UTF-8 sequence at s (n bytes left, s[0] >= 0x80), or 0. */
static size_t utf8_seq(const unsigned char *s, size_t n, uint32_t *cp)
{
	size_t k = s[0] >= 0xF0 ? 4 : s[0] >= 0xE0 ? 3 : s[0] >= 0xC2 ? 2 : 0;
	if (!k || k > n || s[0] > 0xF4)
		return 0;
	uint32_t c = s[0] & (0x7F >> k);
	for (size_t i = 1; i < k; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3F);
	}
	static const uint32_t least[5] = { 0, 0, 0x80, 0x800, 0x10000 };
	if (c < least[k] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return k;
}

void sb_add_visible(struct strbuf *sb, const char *s, size_t n, int keep_lines)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;
	while (i < n) {
		size_t j = i;
		while (j < n && u[j] >= 0x20 && u[j] < 0x7F)
			j++;
		sb_add(sb, s + i, j - i);
		if (j == n)
			break;
		i = j;
		unsigned char c = u[i];
		uint32_t cp;
		size_t k;
		if (c < 0x80) {
			if (keep_lines && (c == '\n' || c == '\t'))
				sb_putc(sb, (char)c);
			else   /* U+2400 + c, U+2421 for DEL */
				sb_add(sb, (const char[]){ (char)0xE2, (char)0x90, (char)(c == 0x7F ? 0xA1 : 0x80 + c) }, 3);
			i++;
		} else if ((k = utf8_seq(u + i, n - i, &cp)) && cp >= 0xA0) {
			sb_add(sb, s + i, k);
			i += k;
		} else {   /* a C1 control, or not UTF-8 */
			sb_add(sb, "\xEF\xBF\xBD", 3);
			i += k ? k : 1;
		}
	}
	if (!sb->buf)
		sb->buf = sb_empty;   /* a zeroed strbuf given nothing */
}

void sb_reset(struct strbuf *sb)
{
	sb->len = 0;
	if (sb->cap)
		sb->buf[0] = '\0';
}

char *sb_detach(struct strbuf *sb)
{
	char *s = sb->cap ? sb->buf : xstrdup("");
	sb->buf = sb_empty;
	sb->len = sb->cap = 0;
	return s;
}

void sb_release(struct strbuf *sb)
{
	if (sb->cap)
		free(sb->buf);
	sb->buf = sb_empty;
	sb->len = sb->cap = 0;
}

/* warn_sink(): each thread's own (serve's per-request warnings), so no lock */
static __thread void (*sink)(void *, const char *);
static __thread void *sink_ctx;

void warn_sink(void (*fn)(void *ctx, const char *msg), void *ctx)
{
	sink = fn;
	sink_ctx = ctx;
}

/* "saring CMD: " and the message on stderr, its text made safe for a terminal. */
static void vreport(const char *fmt, va_list ap)
{
	fflush(stdout);
	struct strbuf msg = STRBUF_INIT, safe = STRBUF_INIT;
	sb_vprintf(&msg, fmt, ap);
	sb_add_visible(&safe, msg.buf, msg.len, 1);
	if (progcmd)
		fprintf(stderr, "saring %s: ", progcmd);
	else
		fputs("saring: ", stderr);
	fputs(safe.buf, stderr);
	fputc('\n', stderr);
	sb_release(&msg);
	sb_release(&safe);
}

void warnx_(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	if (sink) {
		char buf[4096];
		vsnprintf(buf, sizeof buf, fmt, ap);
		sink(sink_ctx, buf);
	} else {
		vreport(fmt, ap);
	}
	va_end(ap);
}

void die(int status, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vreport(fmt, ap);
	va_end(ap);
	exit(status);
}

long opt_int(const char *arg, long lo, long hi, const char *name)
{
	const char *digits = arg + (*arg == '-' || *arg == '+');   /* strtol also skips spaces */
	char *end;
	errno = 0;
	long v = strtol(arg, &end, 10);
	if (isdigit((unsigned char)*digits) && !*end && !errno && v >= lo && v <= hi)
		return v;
	warnx_(_("%s wants a number from %ld to %ld, not '%s'"), name, lo, hi, arg);
	if (progcmd && progusage)
		fprintf(stderr, _("usage: saring %s %s\n"), progcmd, progusage);
	exit(EXIT_USAGE);
}

FILE *open_input(const char *path)
{
	if (!path || !strcmp(path, "-"))
		return stdin;
	struct stat st;
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		errno = EISDIR;
		return NULL;
	}
	return fopen(path, "rb");
}

void close_input(FILE *f)
{
	if (f && f != stdin)
		fclose(f);
}

int read_file_max(const char *path, struct strbuf *out, size_t max)
{
	FILE *f = open_input(path);
	if (!f)
		return -1;
	char chunk[65536];
	size_t n;
	int big = 0;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (out->len + n > max) {
			big = 1;
			break;
		}
		sb_add(out, chunk, n);
		if (n < sizeof chunk && feof(f))
			break;   /* one Ctrl-D at a terminal is the end */
	}
	int err = ferror(f);
	close_input(f);
	if (err || big) {
		errno = big ? EFBIG : EIO;
		return -1;
	}
	if (!out->buf)
		sb_add(out, "", 0);
	return 0;
}

int read_file(const char *path, struct strbuf *out)
{
	return read_file_max(path, out, SIZE_MAX);
}

int read_line(FILE *f, struct strbuf *line, size_t max)
{
	sb_reset(line);
	char chunk[4096];
	size_t n = 0;
	int c, any = 0, big = 0;
	while ((c = getc_unlocked(f)) != EOF) {
		any = 1;
		if (c == '\n')
			break;
		if (line->len + n >= max) {
			big = 1;
			continue;
		}
		chunk[n++] = (char)c;
		if (n == sizeof chunk) {
			sb_add(line, chunk, n);
			n = 0;
		}
	}
	sb_add(line, chunk, n);
	if (ferror(f))
		return -1;
	return big ? 2 : any;
}

uint64_t hash64(const void *p, size_t n)
{
	const unsigned char *s = p;
	uint64_t h = 1469598103934665603ULL;
	for (size_t i = 0; i < n; i++) {
		h ^= s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

char *config_path(const char *name)
{
	struct strbuf sb = STRBUF_INIT;
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	if (xdg && *xdg)
		sb_printf(&sb, "%s/saring/%s", xdg, name);
	else if (home && *home)
		sb_printf(&sb, "%s/.config/saring/%s", home, name);
	else
		die(EXIT_SYSTEM, "neither HOME nor XDG_CONFIG_HOME is set");
	return sb_detach(&sb);
}

int mkdir_parents(const char *path)
{
	char *p = xstrdup(path);
	int rc = 0;
	for (char *q = p + 1; *q && rc == 0; q++) {
		if (*q != '/')
			continue;
		*q = '\0';
		if (mkdir(p, 0700) < 0 && errno != EEXIST)
			rc = -1;
		*q = '/';
	}
	free(p);
	return rc;
}
