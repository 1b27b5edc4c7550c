/*
 * check.h: checking a message, the use case behind `saring check` and the
 * paste box and JSON API of `saring serve`: a text, a JSON Lines batch of
 * texts, or the text read from an image, matched and each verdict handed
 * to the caller's function. What a verdict looks like (words for people,
 * JSON, TSV, a reply, HTML) is the renderer's: report.c, reply.c, web.c.
 *
 * Ownership: a struct check borrows its matcher and its context; a
 * verdict's result and message are borrowed for the call only.
 */
#ifndef SARING_CHECK_H
#define SARING_CHECK_H

#include <jansson.h>
#include <stddef.h>
#include <stdio.h>

#include "match.h"
#include "ocr.h"

/* Where a message to check came from, for its renderer and diagnostics. */
struct check_msg {
	json_t *id;                  /* borrowed: a batch line's "id", or NULL */
	const char *name;            /* the input in diagnostics: "argument", a file, "stdin" */
	long line;                   /* the message's line in that input (1 for a single message) */
	const struct ocr_text *ocr;  /* borrowed: the text was read from this image, or NULL */
};

/* A verdict on msg: render it. */
typedef void check_verdict_fn(void *ctx, const struct check_msg *msg, const struct result *res);
/* A batch line that is no message (id: its "id", or NULL; why: untranslated when JSON's own): render it. */
typedef void check_bad_line_fn(void *ctx, json_t *id, const char *why);

struct check {
	struct matcher *m;            /* borrowed */
	struct match_opts o;          /* sources to report, with snippets or not */
	int quiet;                    /* no diagnostics (the web page): invalid UTF-8 replaced
				       * silently, a blank text matched like any */
	check_verdict_fn *verdict;    /* each verdict */
	check_bad_line_fn *bad_line;  /* each batch line that is no message (check_jsonl()) */
	void *ctx;                    /* passed to both */
};

/* Is the text empty or only spaces, tabs and line breaks (nothing to check)? */
int check_blank(const char *text, size_t len);

/*
 * Match text (invalid UTF-8 replaced) and hand the verdict on. Returns the
 * exit status it implies: EXIT_HOAX for a hoax or an altered release,
 * EXIT_USAGE for a blank text (said on stderr, unless quiet), else
 * EXIT_CLEAN.
 */
int check_text(const struct check *c, const struct check_msg *msg, const char *text, size_t len);

/*
 * A JSON Lines batch read as a stream from in (named name): {"id", "text"}
 * per line, a verdict or a bad line for each line that is not blank.
 * Returns the highest exit status of its lines.
 */
int check_jsonl(const struct check *c, FILE *in, const char *name);

/* Is the file at path a PNG, JPEG, WebP or GIF image by its first bytes (not a text, a chat)? */
int check_image_file(const char *path);

/*
 * Read the text in n bytes of an image into t. Returns 0 (t.text may be
 * ""), EXIT_USAGE when it cannot be read or EXIT_SYSTEM when Tesseract
 * cannot be loaded, with the reason in *why (the caller frees it).
 */
int check_read_image(const void *image, size_t n, struct ocr_text *t, char **why);

/*
 * Check the text in an image as a pasted message (`check --image`): its
 * size checked before Tesseract is loaded, each failure said on stderr.
 * Returns the exit status, as check_text().
 */
int check_image(const struct check *c, const void *image, size_t n, const char *name);

#endif
