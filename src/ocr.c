/*
 * ocr.c: an image's bytes to the message it shows. The header is checked
 * first (image.c: no decompression bombs), then Leptonica decodes it into
 * grey levels, Tesseract reads it line by line under a deadline, and
 * chrome.c sets the phone's status bar and app chrome apart. Text under
 * about 12 pixels high is read badly: Tesseract's page layout (which costs
 * little beside the reading) measures the lines first, and a picture whose
 * lines are small is enlarged before it is read.
 *
 * Languages: the messages are Indonesian, so a picture is read with the
 * Indonesian model (OCR_LANG, a tenth of a second to load). Its alphabet
 * lacks % + = * ; q and curly single quotes, and it stumbles on English
 * words and web addresses. Both models at once ("ind+eng") cost nearly
 * twice the time: a quarter of a second to load, then Tesseract runs the
 * English model again on every line it is not sure of. So only the lines
 * the Indonesian reading is unsure of (less than SURE, and not the phone's
 * chrome) are read again, each in its box, by the English model (OCR_MORE,
 * loaded when first needed), and the more confident reading of each line
 * is kept.
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
#define SURE 0.80           /* a line less confident than this is read again with OCR_MORE */

struct ocr {
	TessBaseAPI *api;       /* owned: OCR_LANG */
	TessBaseAPI *more;      /* owned: OCR_MORE, NULL until an unsure line needs it */
	int more_failed;        /* its language data could not be loaded: lines stay OCR_LANG's */
};

/* An engine for langs, or NULL when its language data cannot be loaded. */
static TessBaseAPI *engine(const char *langs)
{
	TessBaseAPI *api = TessBaseAPICreate();
	TessBaseAPISetVariable(api, "debug_file", "/dev/null");   /* its chatter is not ours */
	if (TessBaseAPIInit3(api, NULL, langs) != 0) {
		TessBaseAPIDelete(api);
		return NULL;
	}
	TessBaseAPISetVariable(api, "debug_file", "/dev/null");
	TessBaseAPISetPageSegMode(api, PSM_AUTO);
	return api;
}

struct ocr *ocr_new(char **err)
{
	const char *why = ocr_lib_error();
	if (why) {
		*err = xstrdup(why);
		return NULL;
	}
	struct ocr *o = xcalloc(1, sizeof *o);
	if (!(o->api = engine(OCR_LANG))) {
		struct strbuf sb = STRBUF_INIT;
		sb_printf(&sb, _("cannot load Tesseract's language data %s (Debian packages "
				 "tesseract-ocr-ind and tesseract-ocr-eng)"), OCR_LANGS);
		*err = sb_detach(&sb);
		free(o);
		return NULL;
	}
	return o;
}

/* The OCR_MORE engine, loaded on first use; NULL when it cannot be. */
static TessBaseAPI *more(struct ocr *o)
{
	if (!o->more && !o->more_failed)
		o->more_failed = !(o->more = engine(OCR_MORE));
	return o->more;
}

static void engine_free(TessBaseAPI *api)
{
	if (!api)
		return;
	TessBaseAPIEnd(api);
	TessBaseAPIDelete(api);
}

void ocr_free(struct ocr *o)
{
	if (!o)
		return;
	engine_free(o->api);
	engine_free(o->more);
	free(o);
}

void ocr_text_clear(struct ocr_text *t)
{
	free(t->text);
	free(t->dropped);
	t->text = t->dropped = NULL;
}

/* A line of a reading: its text as Tesseract gives it (ending in '\n'), how sure, where. */
struct line {
	char *text;         /* owned */
	double confidence;  /* 0 to 1 */
	int left, top, right, bottom;
};

/* One reading of a picture: its lines, their median height, the mean confidence. */
struct reading {
	struct line *lines; /* owned */
	size_t n, cap;
	double confidence;  /* 0 to 1, weighted by each line's length */
	int line_height;    /* median line box height, 0 when no line */
	int late;           /* the deadline passed */
};

static void reading_release(struct reading *r)
{
	for (size_t i = 0; i < r->n; i++)
		free(r->lines[i].text);
	free(r->lines);
	memset(r, 0, sizeof *r);
}

/* Letters in text (bytes of words: ASCII letters and anything not ASCII). */
static size_t letters(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += isalpha((unsigned char)*s) || (unsigned char)*s >= 0x80;
	return n;
}

static size_t reading_letters(const struct reading *r)
{
	size_t n = 0;
	for (size_t i = 0; i < r->n; i++)
		n += letters(r->lines[i].text);
	return n;
}

/* The mean of the lines' confidences, weighted by their lengths. */
static void reading_weigh(struct reading *r)
{
	double sum = 0, weight = 0;
	for (size_t i = 0; i < r->n; i++) {
		double n = (double)strlen(r->lines[i].text);
		sum += r->lines[i].confidence * n;
		weight += n;
	}
	r->confidence = weight > 0 ? sum / weight : 0;
}

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

/* The median of n heights (sorted in place), 0 when n is 0. */
static int median(int *heights, size_t n)
{
	if (!n)
		return 0;
	qsort(heights, n, sizeof *heights, by_int);
	return heights[n / 2];
}

/*
 * The median height of the text lines the page layout finds in the image
 * set in api, before any reading (0 when it finds none). The layout is
 * kept for the reading that follows.
 */
static int layout_height(TessBaseAPI *api)
{
	TessPageIterator *it = TessBaseAPIAnalyseLayout(api);
	int *heights = NULL;
	size_t nh = 0, cap = 0;
	if (it) {
		do {
			int l, t, rt, b;
			if (TessPageIteratorBoundingBox(it, RIL_TEXTLINE, &l, &t, &rt, &b)) {
				xgrow((void **)&heights, &cap, nh + 1, sizeof *heights);
				heights[nh++] = b - t;
			}
		} while (TessPageIteratorNext(it, RIL_TEXTLINE));
		TessPageIteratorDelete(it);
	}
	int h = median(heights, nh);
	free(heights);
	return h;
}

/*
 * Read pix with api within what is left of the image's time (its readings
 * share OCR_DEADLINE_MS); pix NULL: the image already set (and laid out,
 * or cut to a rectangle). The results stay in api until the next reading
 * or TessBaseAPIClear().
 */
static void read_pix(TessBaseAPI *api, PIX *pix, struct reading *r, const struct timespec *start)
{
	memset(r, 0, sizeof *r);
	if (pix)
		TessBaseAPISetImage2(api, pix);
	ETEXT_DESC *monitor = TessMonitorCreate();
	TessMonitorSetDeadlineMSecs(monitor, time_left(start));
	if (TessBaseAPIRecognize(api, monitor) != 0)
		r->late = 1;
	TessMonitorDelete(monitor);
	TessResultIterator *it = TessBaseAPIGetIterator(api);
	int *heights = NULL;
	size_t nh = 0, cap = 0;
	if (it) {
		do {
			char *text = TessResultIteratorGetUTF8Text(it, RIL_TEXTLINE);
			if (!text)
				continue;
			struct line ln = { xstrdup(text), TessResultIteratorConfidence(it, RIL_TEXTLINE) / 100.0, 0, 0, 0, 0 };
			TessDeleteText(text);
			if (TessPageIteratorBoundingBox(TessResultIteratorGetPageIterator(it), RIL_TEXTLINE,
							&ln.left, &ln.top, &ln.right, &ln.bottom) && strlen(ln.text) > 1) {
				xgrow((void **)&heights, &cap, nh + 1, sizeof *heights);
				heights[nh++] = ln.bottom - ln.top;
			}
			xgrow((void **)&r->lines, &r->cap, r->n + 1, sizeof *r->lines);
			r->lines[r->n++] = ln;
		} while (TessResultIteratorNext(it, RIL_TEXTLINE));
		TessResultIteratorDelete(it);
	}
	reading_weigh(r);
	r->line_height = median(heights, nh);
	free(heights);
}

/* Keep in r the reading more sure of itself (other, if it is): 1 when other was taken. */
static int keep_better(struct reading *r, struct reading *other)
{
	int better = reading_letters(other) > 0 &&
		     (other->confidence >= r->confidence || reading_letters(r) < 8);
	if (!better) {
		reading_release(other);
		return 0;
	}
	int late = r->late;
	reading_release(r);
	*r = *other;
	r->late |= late;
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

/*
 * How much to enlarge g, whose median line is line_height high (0: no
 * line found): 1 when its lines are high enough (unless poor) or there are
 * none, else 2 to MAX_UPSCALE so they come out about GOOD_LINE high, if
 * the picture then still fits in OCR_READ_PIXELS. poor: a reading too
 * unsure of itself, tried enlarged whatever its lines' height.
 */
static double enlargement(PIX *g, int line_height, int poor)
{
	if (!poor && (line_height <= 0 || line_height >= SMALL_LINE))
		return 1;
	double up = line_height > 0 ? GOOD_LINE / line_height : MAX_UPSCALE;
	if (up > MAX_UPSCALE)
		up = MAX_UPSCALE;
	if (up < 2)
		up = 2;
	l_int32 gw, gh;
	pixGetDimensions(g, &gw, &gh, NULL);
	return (double)gw * gh * up * up <= OCR_READ_PIXELS ? up : 1;
}

/* Is this line one to read again in English: words in it, unsure, not the phone's chrome? */
static int doubtful(const struct line *ln)
{
	if (ln->confidence >= SURE || !letters(ln->text))
		return 0;
	struct strbuf kept = STRBUF_INIT, dropped = STRBUF_INIT;
	int chrome = chrome_split(ln->text, strlen(ln->text), &kept, &dropped) > 0;
	sb_release(&kept);
	sb_release(&dropped);
	return !chrome;
}

/*
 * Each doubtful line of r (read off g) read again by OCR_MORE, in its box
 * with a margin: the more confident reading of each line is kept. Returns
 * the number of lines read again.
 */
static int reread_lines(struct ocr *o, PIX *g, struct reading *r, const struct timespec *start)
{
	int reread = 0;
	size_t i = 0;
	while (i < r->n && !doubtful(&r->lines[i]))
		i++;
	TessBaseAPI *api;
	if (i == r->n || !(api = more(o)))
		return 0;
	l_int32 gw, gh;
	pixGetDimensions(g, &gw, &gh, NULL);
	TessBaseAPISetImage2(api, g);
	TessBaseAPISetPageSegMode(api, PSM_SINGLE_LINE);
	for (; i < r->n && !r->late; i++) {
		struct line *ln = &r->lines[i];
		if (!doubtful(ln))
			continue;
		int pad = (ln->bottom - ln->top) / 4 + 2;
		int left = ln->left > pad ? ln->left - pad : 0, top = ln->top > pad ? ln->top - pad : 0;
		int right = ln->right + pad < gw ? ln->right + pad : gw, bottom = ln->bottom + pad < gh ? ln->bottom + pad : gh;
		TessBaseAPISetRectangle(api, left, top, right - left, bottom - top);
		struct reading again;
		read_pix(api, NULL, &again, start);
		r->late |= again.late;
		reread++;
		if (again.n == 1 && again.confidence > ln->confidence && letters(again.lines[0].text)) {
			free(ln->text);
			ln->text = again.lines[0].text;
			ln->confidence = again.confidence;
			again.lines[0].text = NULL;
		}
		reading_release(&again);
	}
	TessBaseAPISetPageSegMode(api, PSM_AUTO);
	TessBaseAPIClear(api);
	reading_weigh(r);
	return reread;
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
	/* small text, measured by the page layout: enlarged before it is read */
	TessBaseAPISetImage2(o->api, g);
	double up = enlargement(g, layout_height(o->api), 0);
	PIX *big = up > 1 ? pixScale(g, (l_float32)up, (l_float32)up) : NULL;
	int enlarged = big != NULL;
	if (big) {
		pixDestroy(&g);
		g = big;
		scale *= up;
	}
	struct reading r;
	read_pix(o->api, enlarged ? g : NULL, &r, &start);
	if (!r.late && reading_letters(&r) < 8) {
		/* nothing found by the page layout (a picture slightly askew can do it): one block of text */
		struct reading block;
		TessBaseAPISetPageSegMode(o->api, PSM_SINGLE_BLOCK);
		read_pix(o->api, g, &block, &start);
		TessBaseAPISetPageSegMode(o->api, PSM_AUTO);
		keep_better(&r, &block);
	}
	/* small text the layout missed, or a poor reading: enlarged, read again */
	int poor = r.confidence < POOR;
	if (!r.late && !enlarged && (poor || (r.line_height > 0 && r.line_height < SMALL_LINE))) {
		up = enlargement(g, r.line_height, poor);
		big = up > 1 ? pixScale(g, (l_float32)up, (l_float32)up) : NULL;
		struct reading again;
		if (big) {
			read_pix(o->api, big, &again, &start);
			if (keep_better(&r, &again)) {
				pixDestroy(&g);
				g = big;
				scale *= up;
			} else {
				pixDestroy(&big);
			}
		}
	}
	TessBaseAPIClear(o->api);
	int reread = r.late ? 0 : reread_lines(o, g, &r, &start);
	pixDestroy(&g);
	if (r.late) {
		reading_release(&r);
		return fail(err, _("reading the image took too long"));
	}
	struct strbuf text = STRBUF_INIT;
	for (size_t i = 0; i < r.n; i++)
		sb_puts(&text, r.lines[i].text);
	sb_add(&text, "", 0);
	ocr_mend(&text);
	struct strbuf kept = STRBUF_INIT, dropped = STRBUF_INIT;
	chrome_split(text.buf, text.len, &kept, &dropped);
	sb_release(&text);
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
	out->reread = reread;
	reading_release(&r);
	return 0;
}
