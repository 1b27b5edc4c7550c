/*
 * fuzz_image.c: libFuzzer target for the image entry point: the bytes
 * go through image_check() (kind, declared size, whole chunks) and, when
 * it accepts a small picture, through ocr_read() itself: Leptonica's
 * decoding, the reading, the chrome split. Checks that a refusal always
 * says why, that accepted sizes are within the bounds, and that what is
 * read is valid UTF-8 with a confidence from 0 to 1. Then the bytes, as
 * text, go through chrome_split(): every line ends up kept or dropped.
 */
#include "chrome.h"
#include "fuzz.h"
#include "image.h"
#include "ocr.h"
#include "util.h"

#define FUZZ_PIXELS 65536   /* larger pictures are only checked: reading them is slow */

static struct ocr *engine;  /* one for the whole run (loading it takes a fifth of a second) */

static void read_image(const uint8_t *data, size_t size)
{
	long w, h, px;
	const char *why = NULL;
	if (image_check(data, size, &w, &h, &px, &why) < 0) {
		FUZZ_ASSERT(why && why[0]);
		return;
	}
	FUZZ_ASSERT(w > 0 && h > 0 && w <= IMAGE_SIDE_MAX && h <= IMAGE_SIDE_MAX);
	FUZZ_ASSERT(px > 0 && px <= IMAGE_PIXELS_MAX);
	FUZZ_ASSERT(image_kind(data, size) != IMAGE_NONE);
	if (px > FUZZ_PIXELS || ocr_lib_error())
		return;
	char *err = NULL;
	if (!engine && !(engine = ocr_new(&err))) {
		free(err);
		return;
	}
	struct ocr_text t;
	if (ocr_read(engine, data, size, &t, &err) < 0) {
		FUZZ_ASSERT(err && err[0]);
		free(err);
		return;
	}
	FUZZ_ASSERT(t.text && fuzz_utf8_valid(t.text, strlen(t.text)));
	FUZZ_ASSERT(t.dropped && fuzz_utf8_valid(t.dropped, strlen(t.dropped)));
	FUZZ_ASSERT(t.confidence >= 0 && t.confidence <= 1);
	FUZZ_ASSERT(t.scale > 0);
	ocr_text_clear(&t);
}

/* Nothing of a line is lost: its words are kept or dropped. */
static void split_text(const uint8_t *data, size_t size)
{
	struct strbuf kept = STRBUF_INIT, dropped = STRBUF_INIT;
	int n = chrome_split((const char *)data, size, &kept, &dropped);
	FUZZ_ASSERT(n >= 0);
	FUZZ_ASSERT(kept.len + dropped.len <= size + 1);
	FUZZ_ASSERT(n > 0 || dropped.len == 0);
	sb_release(&kept);
	sb_release(&dropped);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	read_image(data, size);
	split_text(data, size);
	return 0;
}
