/*
 * import_reader.h: what import.c gives the format readers (import_json.c,
 * import_csv.c, import_text.c): the state of one import_read() call and
 * the rules every format shares. Nothing outside import uses it.
 *
 * Ownership: struct reader borrows its options and owns its source name,
 * scratch text and label map; a struct doc handed to reader_emit() is
 * taken (handed on or cleared).
 */
#ifndef SARING_IMPORT_READER_H
#define SARING_IMPORT_READER_H

#include "import.h"
#include "util.h"

/* The document fields, in the order the writers put them. */
enum field {
	F_ID, F_LABEL, F_RATING, F_TITLE, F_CLAIM, F_BODY,
	F_PUBLISHER, F_URL, F_DATE, F_SOURCE, NFIELDS
};

/* Where field f is in d. */
char **doc_field(struct doc *d, enum field f);

/* One import_read call: where records go and what applies to all of them. */
struct reader {
	const char *path;             /* as given, for messages (borrowed) */
	const struct import_opts *o;  /* borrowed */
	const char *label;            /* opts->label made canonical, or NULL */
	char *source;                 /* default source name (owned) */
	const char *prefix;           /* file name put before reasons in a directory, or NULL */
	doc_fn on_doc;
	bad_fn on_bad;
	void *ctx;
	int stop;                     /* on_doc asked to stop */
	struct strbuf why;            /* scratch for bad-record reasons */
	struct label_pair {
		char *value;          /* a record's label as the file writes it (owned) */
		const char *label;    /* the canonical label it stands for (static) */
	} *labels;                    /* --map-label, parsed (owned) */
	size_t nlabels, labels_cap;
	long ndocs, nbad;             /* records handed on, bad records reported */
};

/* Report a bad record to the caller; in a directory, the reason names the file. */
void reader_bad(struct reader *r, long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/*
 * Hand a record to the caller after the rules every format shares: trim
 * the fields (empty means absent), make the label canonical or use
 * deflabel, fill in the source, normalise the date (dropped silently when
 * it cannot be read), and require a title, claim or body. Takes d.
 */
void reader_emit(struct reader *r, struct doc *d, long line, const char *deflabel);

/* Set import_read's *err (when err is not NULL), replacing any earlier one. */
void import_err(char **err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* strerror() in the house style: "no such file or directory" (a static buffer). */
const char *import_errstr(int e);
/* Trim *s in place; an empty result becomes NULL. */
void field_tidy(char **s);
/* How many bytes of s to quote in a message: at most 40, whole characters. */
int import_quote_len(const char *s);
/*
 * Copy s[0..n) to out (which may be s) with CRLF and lone CR line ends
 * made LF, and a NUL after it; the length written.
 */
size_t lf_line_ends(char *out, const char *s, size_t n);
/* Does name end in "." and one of exts (any case)? */
int import_has_ext(const char *name, const char *const *exts);
/* The index of the first byte at or after s[i] that is not white space (n: none). */
size_t import_skip_ws(const char *s, size_t n, size_t i);

#endif
