/* out.c: shared output helpers. */
#include "out.h"

#include "i18n.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int out_color(const char *when)
{
	if (!when || !strcmp(when, "auto")) {
		const char *nc = getenv("NO_COLOR");
		if (nc && *nc)
			return 0;
		const char *term = getenv("TERM");
		return isatty(1) && !(term && !strcmp(term, "dumb"));
	}
	if (!strcmp(when, "always"))
		return 1;
	if (!strcmp(when, "never"))
		return 0;
	return -1;
}

void out_json_line(json_t *o)
{
	char *s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(4));
	if (s) {
		fputs(s, stdout);
		putchar('\n');
		free(s);
	}
	json_decref(o);
}

json_t *out_str(const char *s)
{
	if (!s || !*s)
		return json_null();
	json_t *v = json_string(s);
	return v ? v : json_null();   /* not UTF-8: jansson refuses it */
}

void out_tsv_field(FILE *f, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '\t': fputs("\\t", f); break;
		case '\n': fputs("\\n", f); break;
		case '\r': fputs("\\r", f); break;
		case '\\': fputs("\\\\", f); break;
		default: fputc(*s, f);
		}
	}
}

void out_html_add(struct strbuf *out, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		switch (s[i]) {
		case '&': sb_puts(out, "&amp;"); break;
		case '<': sb_puts(out, "&lt;"); break;
		case '>': sb_puts(out, "&gt;"); break;
		case '"': sb_puts(out, "&quot;"); break;
		case '\'': sb_puts(out, "&#39;"); break;
		default: sb_putc(out, s[i]);
		}
	}
}

void out_html(FILE *f, const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	out_html_add(&sb, s ? s : "", s ? strlen(s) : 0);
	if (sb.buf)
		fputs(sb.buf, f);
	sb_release(&sb);
}

const char *out_hl_open(int color)
{
	return color ? "\033[1;33m" : "\xC2\xAB";
}

const char *out_hl_close(int color)
{
	return color ? "\033[0m" : "\xC2\xBB";
}

const char *out_sgr(int color, const char *code)
{
	return color ? code : "";
}

/* Print text on one line: runs of whitespace become one space. */
static void one_line(FILE *f, const char *s)
{
	int space = 0;
	for (; s && *s; s++) {
		if (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r') {
			space = 1;
			continue;
		}
		if (space)
			fputc(' ', f);
		space = 0;
		fputc(*s, f);
	}
}

void out_source(FILE *f, int color, int rank, const char *label, const char *rating,
		const char *title, const char *publisher, const char *date, const char *url,
		const char *snippet, double score)
{
	fprintf(f, "  %d. %s[%s%s%s]%s ", rank, out_sgr(color, "\033[1m"), label,
		rating && *rating ? ", " : "", rating && *rating ? rating : "", out_sgr(color, "\033[0m"));
	one_line(f, title && *title ? title : _("(untitled)"));
	fprintf(f, "  (%.2f)\n     ", score);
	int any = 0;
	const char *parts[] = { publisher, date, url };
	for (size_t i = 0; i < 3; i++) {
		if (!parts[i] || !*parts[i])
			continue;
		fprintf(f, "%s%s", any ? " · " : "", parts[i]);
		any = 1;
	}
	if (!any)
		fputs(_("(no publisher, date or link recorded)"), f);
	fputc('\n', f);
	if (snippet && *snippet) {
		fputs("     ", f);
		one_line(f, snippet);
		fputc('\n', f);
	}
}
