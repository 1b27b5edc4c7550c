/* out.c: shared output helpers. */
#include "out.h"

#include "i18n.h"
#include "match.h"
#include "util.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
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

void out_json_text(FILE *f, const char *json)
{
	const char *p = json, *q;
	while ((q = strpbrk(p, "\x7F\xC2"))) {
		fwrite(p, 1, (size_t)(q - p), f);   /* the bytes before it, at once */
		const unsigned char c = (unsigned char)q[1];
		if (*q == '\x7F') {
			fputs("\\u007F", f);
		} else if (c >= 0x80 && c <= 0x9F) {
			fprintf(f, "\\u%04X", c);
			q++;
		} else {
			fputc(*q, f);
		}
		p = q + 1;
	}
	fputs(p, f);
}

void out_json_line(json_t *o)
{
	char *s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(4));
	if (s) {
		out_json_text(stdout, s);
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

void out_term(FILE *f, const char *s, int keep_lines)
{
	struct strbuf sb = STRBUF_INIT;
	sb_add_visible(&sb, s ? s : "", s ? strlen(s) : 0, keep_lines);
	fputs(sb.buf, f);
	sb_release(&sb);
}

void out_termf(FILE *f, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	sb_vprintf(&sb, fmt, ap);
	va_end(ap);
	out_term(f, sb.buf, 1);
	sb_release(&sb);
}

void out_tsv_field(FILE *f, const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	for (; s && *s; s++) {
		switch (*s) {
		case '\t': sb_puts(&sb, "\\t"); break;
		case '\n': sb_puts(&sb, "\\n"); break;
		case '\r': sb_puts(&sb, "\\r"); break;
		case '\\': sb_puts(&sb, "\\\\"); break;
		default: sb_putc(&sb, *s);
		}
	}
	out_term(f, sb.buf, 0);
	sb_release(&sb);
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

int out_linkable(const char *url)
{
	return url && (!strncasecmp(url, "https://", 8) || !strncasecmp(url, "http://", 7));
}

void out_html(FILE *f, const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	out_html_add(&sb, s ? s : "", s ? strlen(s) : 0);
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

char *out_snippet(const char *snippet, const struct span *hits, size_t nhits, const char *open,
		  const char *close)
{
	struct strbuf sb = STRBUF_INIT;
	size_t at = 0, len = snippet ? strlen(snippet) : 0;
	for (size_t i = 0; i < nhits; i++) {
		if (hits[i].start < at || hits[i].end > len)
			continue;
		sb_add(&sb, snippet + at, hits[i].start - at);
		sb_puts(&sb, open);
		sb_add(&sb, snippet + hits[i].start, hits[i].end - hits[i].start);
		sb_puts(&sb, close);
		at = hits[i].end;
	}
	sb_add(&sb, snippet + at, len - at);
	return sb_detach(&sb);
}

const char *out_sgr(int color, const char *code)
{
	return color ? code : "";
}

/*
 * Print text on one line, safe for a terminal: runs of whitespace become
 * one space. The highlight markers of a colour snippet are the only escape
 * sequences let through (what is between them is shown like the rest).
 */
static void one_line(FILE *f, const char *s, int color)
{
	struct strbuf sb = STRBUF_INIT;
	int space = 0;
	for (; s && *s; s++) {
		if (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r') {
			space = 1;
			continue;
		}
		if (space)
			sb_putc(&sb, ' ');
		space = 0;
		sb_putc(&sb, *s);
	}
	const char *p = sb.buf, *marks[2] = { out_hl_open(1), out_hl_close(1) };
	while (*p) {
		const char *m = NULL;
		size_t mlen = 0;
		for (int i = 0; color && i < 2; i++) {
			const char *at = strstr(p, marks[i]);
			if (at && (!m || at < m)) {
				m = at;
				mlen = strlen(marks[i]);
			}
		}
		size_t n = m ? (size_t)(m - p) : strlen(p);
		struct strbuf safe = STRBUF_INIT;
		sb_add_visible(&safe, p, n, 0);
		fputs(safe.buf, f);
		sb_release(&safe);
		if (m)
			fwrite(m, 1, mlen, f);
		p += n + mlen;
	}
	sb_release(&sb);
}

void out_source(FILE *f, int color, int rank, const char *label, const char *rating,
		const char *title, const char *publisher, const char *date, const char *url,
		const char *snippet, double score)
{
	fprintf(f, "  %d. %s[", rank, out_sgr(color, "\033[1m"));
	out_term(f, label, 0);
	fputs(rating && *rating ? ", " : "", f);
	out_term(f, rating, 0);
	fprintf(f, "]%s ", out_sgr(color, "\033[0m"));
	one_line(f, title && *title ? title : _("(untitled)"), 0);
	fprintf(f, "  (%.2f)\n     ", score);
	int any = 0;
	const char *parts[] = { publisher, date, url };
	for (size_t i = 0; i < 3; i++) {
		if (!parts[i] || !*parts[i])
			continue;
		fputs(any ? " · " : "", f);
		one_line(f, parts[i], 0);
		any = 1;
	}
	if (!any)
		fputs(_("(no publisher, date or link recorded)"), f);
	fputc('\n', f);
	if (snippet && *snippet) {
		fputs("     ", f);
		one_line(f, snippet, color);
		fputc('\n', f);
	}
}
