/*
 * export.h: writing corpus documents in the shapes import reads back:
 * JSON Lines records and a schema.org ClaimReview array.
 *
 * Ownership: documents are borrowed.
 */
#ifndef SARING_EXPORT_H
#define SARING_EXPORT_H

#include <stdio.h>

#include "doc.h"

/* Write one document as a JSON Lines record (the shape import reads back). */
void export_jsonl(FILE *out, const struct doc *d);
/*
 * A stream of documents in one shape: JSON Lines, or one schema.org
 * ClaimReview JSON array. export_begin(), export_doc() for each
 * document, export_end().
 */
struct exporter {
	FILE *out;          /* borrowed */
	int claimreview;    /* a ClaimReview array, else JSON Lines */
	long docs;          /* documents written so far */
};
void export_begin(struct exporter *e, FILE *out, int claimreview);
void export_doc(struct exporter *e, const struct doc *d);
void export_end(struct exporter *e);

#endif
