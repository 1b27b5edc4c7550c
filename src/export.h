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
 * Write documents as one schema.org ClaimReview array: call
 * export_claimreview_begin, then _doc for each, then _end.
 */
void export_claimreview_begin(FILE *out);
void export_claimreview_doc(FILE *out, const struct doc *d, int first);
void export_claimreview_end(FILE *out);

#endif
