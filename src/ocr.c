/*
 * ocr.c: an image's bytes to the message it shows. The header is checked
 * first (image.c: no decompression bombs), then Leptonica decodes it into
 * grey levels, Tesseract reads it line by line under a deadline, and
 * chrome.c sets the phone's status bar and app chrome apart. Text under
 * about 12 pixels high is read badly, so an image whose lines come out
 * small is enlarged and read again (the better reading is kept).
 */
#include "ocr.h"

#include <ctype.h>
#include <leptonica/allheaders.h>
#include <math.h>
#include <stdlib.h>
#include <tesseract/capi.h>
#include <time.h>

#include "chrome.h"
#include "i18n.h"
#include "image.h"
#include "util.h"

#define SMALL_LINE 16       /* a median line box lower than this (pixels) is enlarged ... */
#define GOOD_LINE 34.0      /* ... to about this high */
#define MAX_UPSCALE 3.0
#define POOR 0.75           /* a reading less confident than this is tried again, enlarged */

struct ocr {
	TessBaseAPI *api;       /* owned */
};

struct ocr *ocr_new(char **err)
{
	const char *why = ocr_lib_error();
	if (why) {
		*err = xstrdup(why);
		return NULL;
	}
	struct ocr *o = xcalloc(1, sizeof *o);
	o->api = TessBaseAPICreate();
	TessBaseAPISetVariable(o->api, "debug_file", "/dev/null");   /* its chatter is not ours */
	if (TessBaseAPIInit3(o->api, NULL, OCR_LANGS) != 0) {
		struct strbuf sb = STRBUF_INIT;
		sb_printf(&sb, _("cannot load Tesseract's language data %s (Debian packages "
				 "tesseract-ocr-ind and tesseract-ocr-eng)"), OCR_LANGS);
		*err = sb_detach(&sb);
		TessBaseAPIDelete(o->api);
		free(o);
		return NULL;
	}
	TessBaseAPISetVariable(o->api, "debug_file", "/dev/null");
	TessBaseAPISetPageSegMode(o->api, PSM_AUTO);
	return o;
}

void ocr_free(struct ocr *o)
{
	if (!o)
		return;
	TessBaseAPIEnd(o->api);
	TessBaseAPIDelete(o->api);
	free(o);
}

void ocr_text_clear(struct ocr_text *t)
{
	free(t->text);
	free(t->dropped);
	t->text = t->dropped = NULL;
}

/* One reading of a picture: its lines' text, their median height, the mean confidence. */
struct reading {
	struct strbuf text;
	double confidence;  /* 0 to 1, weighted by each line's length */
	int line_height;    /* median line box height, 0 when no line */
	int late;           /* the deadline passed */
};

static int by_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

/* Milliseconds left of an image's OCR_DEADLINE_MS from start (at least 1). */
static int time_left(const struct timespec *start)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	long used = (now.tv_sec - start->tv_sec) * 1000 + (now.tv_nsec - start->tv_nsec) / 1000000;
	return used >= OCR_DEADLINE_MS ? 1 : (int)(OCR_DEADLINE_MS - used);
}

/* Read pix within what is left of the image's time (its readings share OCR_DEADLINE_MS). */
static void read_pix(struct ocr *o, PIX *pix, struct reading *r, const struct timespec *start)
{
	memset(r, 0, sizeof *r);
	TessBaseAPISetImage2(o->api, pix);
	ETEXT_DESC *monitor = TessMonitorCreate();
	TessMonitorSetDeadlineMSecs(monitor, time_left(start));
	if (TessBaseAPIRecognize(o->api, monitor) != 0)
		r->late = 1;
	TessMonitorDelete(monitor);
	TessResultIterator *it = TessBaseAPIGetIterator(o->api);
	int *heights = NULL;
	size_t nh = 0, cap = 0;
	double weight = 0;
	if (it) {
		do {
			char *line = TessResultIteratorGetUTF8Text(it, RIL_TEXTLINE);
			if (!line)
				continue;
			size_t n = strlen(line);
			int l, t, rt, b;
			if (n > 1 && TessPageIteratorBoundingBox(TessResultIteratorGetPageIterator(it),
								 RIL_TEXTLINE, &l, &t, &rt, &b)) {
				xgrow((void **)&heights, &cap, nh + 1, sizeof *heights);
				heights[nh++] = b - t;
			}
			r->confidence += TessResultIteratorConfidence(it, RIL_TEXTLINE) / 100.0 * (double)n;
			weight += (double)n;
			sb_puts(&r->text, line);
			TessDeleteText(line);
		} while (TessResultIteratorNext(it, RIL_TEXTLINE));
		TessResultIteratorDelete(it);
	}
	TessBaseAPIClear(o->api);
	if (weight > 0)
		r->confidence /= weight;
	if (nh) {
		qsort(heights, nh, sizeof *heights, by_int);
		r->line_height = heights[nh / 2];
	}
	free(heights);
	if (!r->text.buf)
		sb_add(&r->text, "", 0);
}

/* Letters in text (bytes of words: ASCII letters and anything not ASCII). */
static size_t letters(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += isalpha((unsigned char)*s) || (unsigned char)*s >= 0x80;
	return n;
}

/* Keep in r the reading more sure of itself (other, if it is): 1 when other was taken. */
static int keep_better(struct reading *r, struct reading *other)
{
	int better = letters(other->text.buf) > 0 &&
		     (other->confidence >= r->confidence || letters(r->text.buf) < 8);
	if (!better) {
		sb_release(&other->text);
		return 0;
	}
	sb_release(&r->text);
	*r = *other;
	return 1;
}

void ocr_mend(struct strbuf *t)
{
	size_t w = 0;
	for (size_t i = 0; i < t->len; i++) {
		if (t->buf[i] == '\n' && w >= 2 && t->buf[w - 1] == '-' && isalnum((unsigned char)t->buf[w - 2]) &&
		    i + 1 < t->len && isalnum((unsigned char)t->buf[i + 1]))
			continue;
		t->buf[w++] = t->buf[i];
		if ((t->buf[i] == '.' || t->buf[i] == ',') && i > 0 && isdigit((unsigned char)t->buf[i - 1])) {
			size_t j = i + 1;
			while (j < t->len && t->buf[j] == ' ')
				j++;
			if (j > i + 1 && j + 3 <= t->len && isdigit((unsigned char)t->buf[j]) &&
			    isdigit((unsigned char)t->buf[j + 1]) && isdigit((unsigned char)t->buf[j + 2]) &&
			    (j + 3 == t->len || !isdigit((unsigned char)t->buf[j + 3])))
				i = j - 1;   /* skip the spaces */
		}
	}
	t->len = w;
	t->buf[w] = '\0';
}

/* The picture in grey levels, alpha laid on white, no larger than OCR_READ_PIXELS. */
static PIX *grey(PIX *pix, double *scale)
{
	PIX *flat = pixGetSpp(pix) == 4 ? pixRemoveAlpha(pix) : NULL;
	PIX *g = pixConvertTo8(flat ? flat : pix, 0);
	if (flat)
		pixDestroy(&flat);
	*scale = 1;
	l_int32 w, h;
	if (!g || pixGetDimensions(g, &w, &h, NULL))
		return g;
	double px = (double)w * h;
	if (px > OCR_READ_PIXELS) {
		*scale = sqrt(OCR_READ_PIXELS / px);
		PIX *s = pixScale(g, (l_float32)*scale, (l_float32)*scale);
		pixDestroy(&g);
		g = s;
	}
	/*
	 * A photo a degree or more askew loses whole lines in Tesseract's page
	 * layout: straightened (a lesser angle, often found in small text where
	 * there is none, is left alone: rotating blurs it).
	 */
	l_float32 angle = 0, conf = 0;
	PIX *straight = g ? pixDeskewGeneral(g, 0, 0, 0, 0, 0, &angle, &conf) : NULL;
	if (straight && (angle >= 1 || angle <= -1)) {
		pixDestroy(&g);
		g = straight;
	} else if (straight) {
		pixDestroy(&straight);
	}
	return g;
}

static int fail(char **err, const char *why)
{
	*err = xstrdup(why);
	return -1;
}

int ocr_read(struct ocr *o, const void *image, size_t n, struct ocr_text *out, char **err)
{
	memset(out, 0, sizeof *out);
	struct timespec start;
	clock_gettime(CLOCK_MONOTONIC, &start);
	const char *why;
	long w, h, pixels;
	if (image_check(image, n, &w, &h, &pixels, &why) < 0)
		return fail(err, why);
	PIX *pix = pixReadMem(image, n);
	if (!pix)
		return fail(err, _("damaged or truncated image"));
	l_int32 dw, dh;
	pixGetDimensions(pix, &dw, &dh, NULL);
	double scale;
	PIX *g = grey(pix, &scale);
	pixDestroy(&pix);
	if (!g)
		return fail(err, _("damaged or truncated image"));
	struct reading r;
	read_pix(o, g, &r, &start);
	if (!r.late && letters(r.text.buf) < 8) {
		/* nothing found by the page layout (a picture slightly askew can do it): one block of text */
		struct reading block;
		TessBaseAPISetPageSegMode(o->api, PSM_SINGLE_BLOCK);
		read_pix(o, g, &block, &start);
		TessBaseAPISetPageSegMode(o->api, PSM_AUTO);
		keep_better(&r, &block);
	}
	/* small text (or a poor reading of a small picture): enlarged, read again */
	if (!r.late && ((r.line_height > 0 && r.line_height < SMALL_LINE) || r.confidence < POOR)) {
		double up = r.line_height > 0 ? GOOD_LINE / r.line_height : MAX_UPSCALE;
		if (up > MAX_UPSCALE)
			up = MAX_UPSCALE;
		if (up < 2)
			up = 2;
		l_int32 gw, gh;
		pixGetDimensions(g, &gw, &gh, NULL);
		if ((double)gw * gh * up * up <= OCR_READ_PIXELS) {
			PIX *big = pixScale(g, (l_float32)up, (l_float32)up);
			struct reading again;
			if (big) {
				read_pix(o, big, &again, &start);
				pixDestroy(&big);
				if (keep_better(&r, &again))
					scale *= up;
			}
		}
	}
	pixDestroy(&g);
	if (r.late) {
		sb_release(&r.text);
		return fail(err, _("reading the image took too long"));
	}
	ocr_mend(&r.text);
	struct strbuf kept = STRBUF_INIT, dropped = STRBUF_INIT;
	chrome_split(r.text.buf, r.text.len, &kept, &dropped);
	sb_release(&r.text);
	/* the picture's line breaks are its layout, not the message's: "30" then "September 2024" is one date */
	for (size_t i = 0; i < kept.len; i++)
		if (kept.buf[i] == '\n')
			kept.buf[i] = ' ';
	sb_add(&kept, "", 0);
	sb_add(&dropped, "", 0);
	out->text = sb_detach(&kept);
	out->dropped = sb_detach(&dropped);
	out->confidence = r.confidence;
	out->width = dw;
	out->height = dh;
	out->scale = scale;
	return 0;
}
