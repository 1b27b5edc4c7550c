/*
 * ocr.h: reading the text in an image (a screenshot, a poster, a photo of
 * a letter) with Tesseract, offline: Indonesian, and English for the
 * lines the Indonesian model is unsure of (ocr.c says why).
 *
 * Tesseract and Leptonica are opened when first used (src/lazylib.c).
 * An engine takes a tenth of a second or more to load its language data,
 * so a command that reads many images keeps one per thread: an engine is
 * used by one thread at a time.
 *
 * Ownership: ocr_new() gives an engine to ocr_free(); ocr_read() fills a
 * struct ocr_text whose strings it owns until ocr_text_clear(); the image
 * bytes are borrowed.
 */
#ifndef SARING_OCR_H
#define SARING_OCR_H

#include <stddef.h>

#include "lazylib.h"

#define OCR_LANG "ind"             /* every picture is read with this ... */
#define OCR_MORE "eng"             /* ... and the lines it is unsure of again with this (ocr.c) */
#define OCR_LANGS "ind+eng"        /* the languages read, as the messages name them */
#define OCR_DEADLINE_MS 20000      /* Tesseract stops reading an image after this long (all its readings) */
#define OCR_READ_PIXELS 8000000L   /* a larger picture is scaled down to this before reading */

struct ocr_text {
	char *text;         /* owned: the message read, the phone's chrome left out, its lines
			     * joined by spaces ("" when none) */
	char *dropped;      /* owned: lines left out as status bar and app chrome ("" when none) */
	double confidence;  /* Tesseract's confidence in what it read, 0 to 1 */
	long width, height; /* the picture's size */
	double scale;       /* how it was scaled before reading (above 1: small text enlarged) */
	int reread;         /* lines the OCR_LANG reading was unsure of, read again with OCR_MORE */
};

struct ocr;

/*
 * NULL when the libraries (or language data) cannot be loaded: the
 * reason, naming the Debian package, in *err (the caller frees it).
 */
struct ocr *ocr_new(char **err);
void ocr_free(struct ocr *o);

/*
 * Read the text in n bytes of a PNG, JPEG, WebP or GIF image. Returns 0,
 * or -1 with why in *err (the caller frees it): not an image, damaged,
 * too large, too slow.
 */
int ocr_read(struct ocr *o, const void *image, size_t n, struct ocr_text *out, char **err);
void ocr_text_clear(struct ocr_text *t);

/*
 * Mend what reading breaks, in place, so that the numbers compared with a
 * release are its own: numbers broken at their separators ("Rp600. 000":
 * a digit, a dot or comma, spaces, then three digits not followed by
 * another), and a range or a doubled word cut at its hyphen by the end of
 * a line ("12-" then "14", "masing-" then "masing"). ocr_read() does it.
 */
struct strbuf;
void ocr_mend(struct strbuf *t);


#endif
