/* doc.c: the document record. */
#include "doc.h"

#include <stdlib.h>
#include <string.h>

void doc_clear(struct doc *d)
{
	free(d->id);
	free(d->label);
	free(d->rating);
	free(d->title);
	free(d->claim);
	free(d->body);
	free(d->publisher);
	free(d->url);
	free(d->date);
	free(d->source);
	memset(d, 0, sizeof *d);
}
