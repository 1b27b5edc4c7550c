/*
 * report.h: a verdict printed as text for people, JSON Lines, TSV or a
 * reply (check's renderer, behind check.c), and the verdict's words and
 * JSON object that scan's and the web page's renderers share.
 *
 * Ownership: everything is borrowed; report_json() returns a new reference.
 */
#ifndef SARING_REPORT_H
#define SARING_REPORT_H

#include <jansson.h>

#include "check.h"
#include "match.h"

enum out_format { OUT_HUMAN, OUT_JSON, OUT_TSV, OUT_REPLY };

/* How check's verdicts are printed: the context of report_verdict() and report_bad_line(). */
struct report {
	enum out_format format;
	int color;              /* ANSI colour in human output */
};

/* check_verdict_fn: print the verdict on msg (with the text read, for an image) on stdout. */
void report_verdict(void *rep, const struct check_msg *msg, const struct result *res);
/* check_bad_line_fn: a batch line that is no message, as a JSON error line or an empty TSV row. */
void report_bad_line(void *rep, json_t *id, const char *why);

/* The result as the JSON object check --json prints (new reference). */
json_t *report_json(json_t *id, const struct result *res);
/* The verdict in capitals for people, in their language (HOAX, HOAKS). */
const char *verdict_title(enum verdict v);
/* A sentence for people: what the verdict means. */
const char *verdict_sentence(enum verdict v);

#endif
