/*
 * import_text.c: text and Markdown files read into documents
 * (import_reader.h).
 */
#include "import_reader.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "i18n.h"
#include "import_input.h"
#include "text.h"

/* The value of a "key: value" front matter line, less quotes; NULL if key differs. */
static char *front_value(const char *s, size_t n, const char *key)
{
	size_t k = strlen(key);
	if (n <= k || strncasecmp(s, key, k) != 0 || s[k] != ':')
		return NULL;
	s += k + 1;
	n -= k + 1;
	while (n > 0 && ascii_space(*s))
		s++, n--;
	while (n > 0 && ascii_space(s[n - 1]))
		n--;
	if (n >= 2 && (*s == '"' || *s == '\'') && s[n - 1] == *s)
		s++, n -= 2;
	return n ? xstrndup(s, n) : NULL;
}

/* A line that underlines a Setext heading: only '=' or only '-', maybe spaced. */
static int is_underline(const char *s, size_t n)
{
	while (n > 0 && ascii_space(s[n - 1]))
		n--;
	size_t i = 0;
	while (i < n && s[i] == ' ')
		i++;
	if (i == n || (s[i] != '=' && s[i] != '-'))
		return 0;
	char ch = s[i];
	while (i < n && s[i] == ch)
		i++;
	return i == n;
}

/*
 * One text or Markdown file as one document: YAML front matter gives the
 * title and date when it has them; otherwise the first non-empty line is
 * the title (less the '#' of a Markdown heading) and the rest is the body.
 */
static void text_doc(struct reader *r, char *s, size_t n)
{
	if (memchr(s, '\0', n)) {
		reader_bad(r, 1, _("binary file (NUL byte)"));
		return;
	}
	if (!r->label) {
		reader_bad(r, 1, _("no label; use --label"));
		return;
	}
	n = lf_line_ends(s, s, n);

	struct doc d = { 0 };
	const char *p = s, *end = s + n;
	if (n >= 3 && memcmp(s, "---", 3) == 0 && (n == 3 || s[3] == '\n')) {
		/* front matter, up to a "---" or "..." line */
		const char *q = s + 3;
		while (q < end) {
			q++;
			const char *nl = memchr(q, '\n', (size_t)(end - q));
			const char *e = nl ? nl : end;
			size_t len = (size_t)(e - q);
			if (len == 3 && (memcmp(q, "---", 3) == 0 || memcmp(q, "...", 3) == 0)) {
				p = e;
				break;
			}
			char *v;
			if (!d.title && (v = front_value(q, len, "title")))
				d.title = v;
			else if (!d.date && (v = front_value(q, len, "date")))
				d.date = v;
			q = e;
		}
		if (p == s) {
			/* no end: not front matter after all */
			free(d.title);
			free(d.date);
			d.title = d.date = NULL;
		}
	}
	while (p < end && !d.title) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *e = nl ? nl : end;
		const char *a = p, *b = e;
		p = nl ? nl + 1 : end;
		while (a < e && ascii_space(*a))
			a++;
		const char *h = a;
		while (h < e && *h == '#')
			h++;
		if (h > a && h - a <= 6 && (h == e || *h == ' ' || *h == '\t')) {
			/* an ATX heading: drop the #s, and closing #s after a space */
			a = h;
			while (b > a && ascii_space(b[-1]))
				b--;
			const char *c = b;
			while (c > a && c[-1] == '#')
				c--;
			if (c < b && (c == a || c[-1] == ' ' || c[-1] == '\t'))
				b = c;
		}
		while (a < b && ascii_space(*a))
			a++;
		while (b > a && ascii_space(b[-1]))
			b--;
		if (b == a)
			continue;
		d.title = xstrndup(a, (size_t)(b - a));
		const char *nl2 = p < end ? memchr(p, '\n', (size_t)(end - p)) : NULL;
		const char *e2 = nl2 ? nl2 : end;
		if (p < end && is_underline(p, (size_t)(e2 - p)))
			p = nl2 ? nl2 + 1 : end;
	}
	if (!d.title && p >= end) {
		doc_clear(&d);
		reader_bad(r, 1, _("empty file"));
		return;
	}
	if (p < end)
		d.body = xstrndup(p, (size_t)(end - p));
	reader_emit(r, &d, 1, r->label);
}

static const char *const text_exts[] = { "txt", "md", "markdown", NULL };

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * A directory of text files: its .txt, .md and .markdown files (not
 * hidden ones, not subdirectories), sorted by name, one document each.
 * Bad records name the file, since they all have line 1.
 */
static int read_text_dir(struct reader *r, const char *dir, char **err)
{
	if (!r->label) {
		reader_bad(r, 1, _("no label; use --label"));
		return 0;
	}
	DIR *dp = opendir(dir);
	if (!dp) {
		import_err(err, "%s: %s", dir, import_errstr(errno));
		return -1;
	}
	char **names = NULL;
	size_t count = 0, cap = 0;
	struct dirent *de;
	while ((de = readdir(dp)) != NULL) {
		if (de->d_name[0] == '.' || !import_has_ext(de->d_name, text_exts))
			continue;
		xgrow((void **)&names, &cap, count + 1, sizeof *names);
		names[count++] = xstrdup(de->d_name);
	}
	closedir(dp);
	if (count)
		qsort(names, count, sizeof *names, by_name);
	struct strbuf path = STRBUF_INIT;
	for (size_t i = 0; i < count; i++) {
		if (r->stop)
			break;
		sb_reset(&path);
		sb_printf(&path, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", names[i]);
		struct stat st;
		if (stat(path.buf, &st) != 0 || !S_ISREG(st.st_mode))
			continue;
		r->prefix = names[i];
		struct input in;
		if (input_open(&in, path.buf, path.buf) != 0) {
			reader_bad(r, 1, "%s", import_errstr(errno));
		} else {
			char *s;
			size_t n = input_rest(&in, 1, &s);
			if (in.err)
				reader_bad(r, 1, "%s", import_errstr(in.err));
			else
				text_doc(r, s, n);
			input_close(&in);
		}
		r->prefix = NULL;
	}
	for (size_t i = 0; i < count; i++)
		free(names[i]);
	free(names);
	sb_release(&path);
	return 0;
}

/* One text file (invalid UTF-8 read as Windows-1252), read whole: one document. */
static int text_read(struct reader *r, struct input *in, const char *peek, size_t npeek, char **err)
{
	(void)peek, (void)npeek, (void)err;
	char *s;
	size_t n = input_rest(in, 1, &s);
	if (!in->err)
		text_doc(r, s, n);
	return 0;
}

/* Any text (the last reader sniffed: what no other format claims). */
static int text_sniff(const char *s, size_t n, size_t i, const struct import_opts *o)
{
	(void)s, (void)n, (void)i, (void)o;
	return 1;
}

static const char *const text_names[] = { "txt", "md", "markdown", NULL };

const struct reader_kind import_text_reader = {
	.format = FMT_TEXT,
	.name = "text",
	.aliases = text_names,
	.exts = text_exts,
	.reads_empty = 1,
	.sniff = text_sniff,
	.read = text_read,
	.read_dir = read_text_dir,
};
