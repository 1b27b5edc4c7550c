/*
 * report.h: running messages through the matcher and printing each
 * result as text for people, JSON Lines or TSV. Used by check and scan.
 *
 * Ownership: a report borrows the store; report_end() frees the matcher.
 */
#ifndef SARING_REPORT_H
#define SARING_REPORT_H

#include <jansson.h>
#include <stddef.h>
#include <stdio.h>

#include "match.h"
#include "ocr.h"

enum out_format { OUT_HUMAN, OUT_JSON, OUT_TSV, OUT_REPLY };

struct report {
	enum out_format format;
	int topn;               /* sources to show */
	int color;              /* ANSI colour in human output */
	struct matcher *m;      /* owned, from report_begin() */
	const struct ocr_text *ocr;  /* borrowed: the message was read from an image, or NULL */
	long verdicts[V_HOAX + 1];  /* messages per verdict */
};

void report_begin(struct report *r, struct store *st);
void report_end(struct report *r);

/*
 * Match text and print the result. id (borrowed, may be NULL) is echoed
 * in JSON/TSV. Returns the exit status it implies: 1 for hoax or
 * altered, 2 for empty input, else 0.
 */
int report_one(struct report *r, json_t *id, const char *text, size_t len,
		const char *name, long line);
/* A JSON Lines batch: {"id", "text"} per line, one result line each, read as a stream. */
int report_jsonl(struct report *r, FILE *in, const char *name);

/* The result as the JSON object check --json prints (new reference). */
json_t *report_json(json_t *id, const struct result *res);
/* The verdict in capitals for people, in their language (HOAX, HOAKS). */
const char *verdict_title(enum verdict v);
/* A sentence for people: what the verdict means. */
const char *verdict_sentence(enum verdict v);

#endif
