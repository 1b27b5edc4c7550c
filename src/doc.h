/*
 * doc.h: one reference document, as import reads it and the store keeps it.
 *
 * Ownership: every char * field is owned by the struct (NULL when absent);
 * doc_clear() frees them and leaves the struct zeroed.
 */
#ifndef SARING_DOC_H
#define SARING_DOC_H

struct doc {
	char *id;         /* stable id from the source, or NULL: store derives one from the content hash */
	char *label;      /* "hoax", "factcheck" or "official" */
	char *rating;     /* rating as published: HOAKS, SALAH, KLARIFIKASI, BENAR, ... */
	char *title;      /* headline */
	char *claim;      /* the claim as it circulates (ClaimReview claimReviewed) */
	char *body;       /* article or narrative text */
	char *publisher;  /* who published the debunk or release */
	char *url;        /* where it was published */
	char *date;       /* YYYY-MM-DD, or NULL */
	char *source;     /* corpus name, e.g. "fakenewsid" or the import file's name */
	int id_scope;     /* how a reader made id: an enum doc_id_scope */
};

/*
 * Where a document's id comes from, and so what another document with the
 * same id means (saring-corpus(5), IDS). Set by the readers.
 */
enum doc_id_scope {
	DOC_ID_NONE,     /* no id: the store derives h-<SHA-256 of the fields> */
	DOC_ID_OWN,      /* the record's own id, kept as given (the record names its source) */
	DOC_ID_SOURCE,   /* SOURCE:ID, the record's id within its source */
	DOC_ID_REVIEW,   /* cr-<hash> of a ClaimReview's url (or claim, publisher and date) */
};

void doc_clear(struct doc *d);

/*
 * Called by a reader for each record. line is the 1-based line where the
 * record starts. Return 0 to go on, non-zero to stop reading.
 */
typedef int (*doc_fn)(void *ctx, struct doc *d, long line);
/* Called by a reader for each bad record it skips: "reason" names the fault. */
typedef void (*bad_fn)(void *ctx, long line, const char *reason);

#endif
