/*
 * check.c: checking a message (see check.h): a text, a JSON Lines batch,
 * an image's text; each verdict handed to the caller's renderer.
 */
#include "check.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "image.h"
#include "text.h"
#include "util.h"

int check_blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
			return 0;
	return 1;
}

int check_text(const struct check *c, const struct check_msg *msg, const char *text, size_t len)
{
	if (!c->quiet && check_blank(text, len)) {
		warnx_(_("%s:%ld: empty message, nothing to check"), msg->name, msg->line);
		return EXIT_USAGE;
	}
	struct strbuf clean = STRBUF_INIT;
	if (utf8_sanitize(text, len, &clean) && !c->quiet)
		warnx_(_("%s:%ld: invalid UTF-8 in the message, replaced"), msg->name, msg->line);
	struct result res;
	if (matcher_check(c->m, clean.buf, clean.len, &c->o, &res) < 0) {
		sb_release(&clean);
		return EXIT_SYSTEM;
	}
	c->verdict(c->ctx, msg, &res);
	int status = (res.verdict == V_HOAX || res.verdict == V_ALTERED) ? EXIT_HOAX : EXIT_CLEAN;
	result_clear(&res);
	sb_release(&clean);
	return status;
}

/* One line of a JSON Lines batch: a verdict, or a bad line (one output line per input line). */
static int jsonl_line(const struct check *c, const char *rec, size_t n, int too_long, const char *name, long line)
{
	json_error_t err;
	json_t *o = too_long ? NULL : json_loadb(rec, n, JSON_DECODE_ANY, &err);
	json_t *text = o ? json_object_get(o, "text") : NULL;
	int s;
	if (!o || !json_is_object(o) || !json_is_string(text)) {
		const char *why = too_long ? _("line longer than 64 MB, skipped") : !o ? err.text
				: !json_is_object(o) ? _("not a JSON object") : _("no \"text\" string");
		warnx_(_("%s:%ld: %s"), name, line, why);
		c->bad_line(c->ctx, o && json_is_object(o) ? json_object_get(o, "id") : NULL, why);
		s = EXIT_USAGE;
	} else {
		struct check_msg msg = { json_object_get(o, "id"), name, line, NULL };
		s = check_text(c, &msg, json_string_value(text), json_string_length(text));
	}
	json_decref(o);
	return s;
}

int check_jsonl(const struct check *c, FILE *in, const char *name)
{
	int status = EXIT_CLEAN, got;
	long line = 0;
	struct strbuf rec = STRBUF_INIT;
	matcher_batch(c->m, 1);
	while ((got = read_line(in, &rec, INPUT_MAX)) > 0) {
		line++;
		if (check_blank(rec.buf, rec.len))
			continue;
		int s = jsonl_line(c, rec.buf, rec.len, got == 2, name, line);
		if (s > status)
			status = s;
	}
	if (got < 0) {
		warnx_(_("%s: read error"), name);
		status = EXIT_USAGE;
	}
	matcher_batch(c->m, 0);
	sb_release(&rec);
	return status;
}

int check_image_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return 0;
	unsigned char magic[12];
	size_t n = fread(magic, 1, sizeof magic, f);
	fclose(f);
	return image_kind(magic, n) != IMAGE_NONE;
}

int check_read_image(const void *image, size_t n, struct ocr_text *t, char **why)
{
	struct ocr *o = ocr_new(why);
	if (!o)
		return EXIT_SYSTEM;
	int rc = ocr_read(o, image, n, t, why);
	ocr_free(o);
	return rc < 0 ? EXIT_USAGE : 0;
}

int check_image(const struct check *c, const void *image, size_t n, const char *name)
{
	long w, h, pixels;
	const char *bad;
	if (image_check(image, n, &w, &h, &pixels, &bad) < 0) {   /* before loading Tesseract */
		warnx_(_("%s: %s"), name, bad);
		return EXIT_USAGE;
	}
	char *why = NULL;
	struct ocr_text t;
	int status = check_read_image(image, n, &t, &why);
	if (status) {
		warnx_(_("%s: %s"), name, why);
		free(why);
		return status;
	}
	if (!*t.text) {
		warnx_(_("%s: no text found in the image"), name);
		status = EXIT_USAGE;
	} else {
		struct check_msg msg = { NULL, name, 1, &t };
		status = check_text(c, &msg, t.text, strlen(t.text));
	}
	ocr_text_clear(&t);
	return status;
}
