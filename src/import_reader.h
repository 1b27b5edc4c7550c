/*
 * import_reader.h: the format readers of import (import_json.c,
 * import_csv.c, import_text.c) behind one struct of functions each
 * (struct reader_kind), which import.c picks from its table readers[];
 * the state of one import_read() call; and the rules every format shares
 * (import_reader.c, below import.c and the readers alike). Nothing outside
 * import uses it.
 *
 * Adding an import format:
 *   1. write src/import_<format>.c: its read (and sniff, exts) and one
 *      `const struct reader_kind import_<format>_reader`, declared below;
 *   2. add its FMT_ name to enum import_format (import.h) and one line to
 *      readers[] in import.c (the order in which content is sniffed);
 *   3. describe it in import.h and saring-corpus(5), and add a case under
 *      tests/import/.
 *
 * Ownership: struct reader borrows its options and owns its source name,
 * scratch text and label map; a struct doc handed to reader_emit() is
 * taken (handed on or cleared).
 */
#ifndef SARING_IMPORT_READER_H
#define SARING_IMPORT_READER_H

#include "doc.h"
#include "import_opts.h"
#include "import_input.h"
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

/* One import format's reader: what names and tells it, how it reads. */
struct reader_kind {
	enum import_format format;
	const char *name;              /* its --format name */
	const char *const *aliases;    /* other --format names, NULL-ended */
	const char *const *exts;       /* extensions that choose it (any case), NULL-ended */
	int exts_shared;               /* a file so named may be a reader's before it: the content decides */
	int first_line;                /* it wants the whole first line in peek (a header) */
	int reads_empty;               /* an empty file is a record of it (so no "empty file" warning) */
	/* Options checked before any file is read: 0, or -1 with *err set. */
	int (*check_opts)(const struct import_opts *o, char **err);
	/* Does text starting s (n bytes, the first one not white space at i) look like this format? */
	int (*sniff)(const char *s, size_t n, size_t i, const struct import_opts *o);
	/* Read in's records, peek being what is available of its start: 0, or -1 with *err set. */
	int (*read)(struct reader *r, struct input *in, const char *peek, size_t npeek, char **err);
	/* Read a directory of such files: 0, or -1 with *err set (NULL: a directory is not of this format). */
	int (*read_dir)(struct reader *r, const char *dir, char **err);
};

extern const struct reader_kind import_jsonl_reader;        /* import_json.c */
extern const struct reader_kind import_claimreview_reader;  /* import_json.c */
extern const struct reader_kind import_csv_reader;          /* import_csv.c */
extern const struct reader_kind import_text_reader;         /* import_text.c */

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

/* Parse the --map-label entries "value=label[,value=label...]" into r->labels; -1 with *err set when one is wrong. */
int reader_label_map(struct reader *r, char **err);
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
