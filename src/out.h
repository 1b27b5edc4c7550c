/*
 * out.h: what every command prints the same way: colour decisions, JSON
 * Lines, TSV fields, and a source (document) for people to read.
 *
 * Ownership: out_json_line() takes the reference it is given.
 */
#ifndef SARING_OUT_H
#define SARING_OUT_H

#include <jansson.h>
#include <stdio.h>

/* --color=WHEN: "auto", "always", "never"; auto honours NO_COLOR and isatty. -1 if WHEN is bad. */
int out_color(const char *when);

/*
 * Print JSON text as jansson wrote it, but with DEL and the C1 controls
 * (which jansson leaves raw) escaped as \u007f, \u0080...: no control byte
 * of any kind reaches a terminal from saring's JSON.
 */
void out_json_text(FILE *f, const char *json);
/* Print o as one compact JSON line on stdout and drop the reference. */
void out_json_line(json_t *o);
/* A string or JSON null when s is NULL or empty. */
json_t *out_str(const char *s);

/* Print s (NULL: nothing) safe for a terminal: controls shown, see sb_add_visible(). */
void out_term(FILE *f, const char *s, int keep_lines);
/* printf() to f through out_term(): server or config text shown, never passed to the terminal. */
void out_termf(FILE *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Print s as one TSV field: tabs, newlines and backslashes escaped, other controls shown. */
void out_tsv_field(FILE *f, const char *s);

/* Append s[0..n) HTML-escaped (& < > " ') to out. */
struct strbuf;
void out_html_add(struct strbuf *out, const char *s, size_t n);
/* May url be a link in HTML? Only http and https: a corpus could hold javascript: or data: URLs. */
int out_linkable(const char *url);
/* Print s (NULL: nothing) HTML-escaped to f. */
void out_html(FILE *f, const char *s);

/* Highlight markers for snippets: ANSI bold on a colour terminal, else «». */
const char *out_hl_open(int color);
const char *out_hl_close(int color);

/*
 * A match's snippet with its hits (spans of the message's words, in order)
 * wrapped in open/close, e.g. out_hl_open(color). The caller frees it.
 */
struct span;
char *out_snippet(const char *snippet, const struct span *hits, size_t nhits, const char *open,
		  const char *close);

/* "\033[...m" when color, else "". */
const char *out_sgr(int color, const char *code);

/* A source for people: "  [label, RATING] title\n      publisher · date · url\n      snippet". */
void out_source(FILE *f, int color, int rank, const char *label, const char *rating,
		const char *title, const char *publisher, const char *date, const char *url,
		const char *snippet, double score);

#endif
