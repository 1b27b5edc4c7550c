/*
 * cmd_check.c: saring check: match one message (or a JSON Lines batch)
 * and print the verdict with the closest sources.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "i18n.h"
#include "commands.h"
#include "image.h"
#include "match.h"
#include "out.h"
#include "report.h"
#include "util.h"

/* A single argument naming a file that is an image by its bytes: read it into in. */
static int image_argument(const char *arg, struct strbuf *in)
{
	FILE *f = fopen(arg, "rb");
	if (!f)
		return 0;
	unsigned char magic[12];
	size_t n = fread(magic, 1, sizeof magic, f);
	fclose(f);
	return image_kind(magic, n) != IMAGE_NONE && read_file(arg, in) == 0;
}

/* Read the text in an image and check it like a pasted message. */
static int check_image(struct report *rep, const struct strbuf *in, const char *name)
{
	long w, h, pixels;
	const char *why;
	if (image_check(in->buf, in->len, &w, &h, &pixels, &why) < 0) {   /* before loading Tesseract */
		warnx_(_("%s: %s"), name, why);
		return EXIT_USAGE;
	}
	char *err = NULL;
	struct ocr *o = ocr_new(&err);
	struct ocr_text t;
	if (!o || ocr_read(o, in->buf, in->len, &t, &err) < 0) {
		warnx_(_("%s: %s"), name, err);
		int status = o ? EXIT_USAGE : EXIT_SYSTEM;
		ocr_free(o);
		free(err);
		return status;
	}
	ocr_free(o);
	int status;
	if (!*t.text) {
		warnx_(_("%s: no text found in the image"), name);
		status = EXIT_USAGE;
	} else {
		rep->ocr = &t;
		status = report_one(rep, NULL, t.text, strlen(t.text), name, 1);
		rep->ocr = NULL;
	}
	ocr_text_clear(&t);
	return status;
}

int cmd_check(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "tsv", no_argument, NULL, 't' },
		{ "jsonl", no_argument, NULL, 'b' },
		{ "file", required_argument, NULL, 'f' },
		{ "image", required_argument, NULL, 'i' },
		{ "color", required_argument, NULL, 'c' },
		{ "colour", required_argument, NULL, 'c' },
		{ "reply", no_argument, NULL, 'r' },
		{ "db", required_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 },
	};
	struct report rep = { 0 };
	rep.format = OUT_HUMAN;
	rep.topn = 3;
	const char *file = NULL, *image = NULL, *color = "auto", *db = global_db;
	int batch = 0, c;
	while ((c = getopt_long(argc, argv, "n:f:", longopts, NULL)) != -1) {
		switch (c) {
		case 'n': rep.topn = (int)opt_int(optarg, 1, 100, "-n"); break;
		case 'j': rep.format = OUT_JSON; break;
		case 't': rep.format = OUT_TSV; break;
		case 'b': batch = 1; break;
		case 'f': file = optarg; break;
		case 'i': image = optarg; break;
		case 'c': color = optarg; break;
		case 'r': rep.format = OUT_REPLY; break;
		case 'd': db = optarg; break;
		default: return usage_error(_("unknown option"));
		}
	}
	rep.color = out_color(color);
	if (rep.color < 0)
		return usage_error(_("--color wants auto, always or never, not '%s'"), color);
	if (batch && rep.format == OUT_HUMAN)
		rep.format = OUT_JSON;
	if (optind < argc && (file || batch || image))
		return usage_error(_("give the message as arguments, or with -f/--jsonl/--image, not both"));
	if (image && (file || batch))
		return usage_error(_("--image reads one image: not with -f or --jsonl"));

	struct strbuf in = STRBUF_INIT;
	const char *name = image ? image : file ? file : "stdin";
	int is_image = image != NULL;
	FILE *batch_in = NULL;
	if (image) {
		if (read_file(image, &in) < 0) {
			warnx_(_("%s: %s"), name, strerror(errno));
			return EXIT_USAGE;
		}
	} else if (optind + 1 == argc && !batch && image_argument(argv[optind], &in)) {
		name = argv[optind];   /* saring check photo.jpg */
		is_image = 1;
	} else if (optind < argc) {
		for (int i = optind; i < argc; i++) {
			if (i > optind)
				sb_putc(&in, ' ');
			sb_puts(&in, argv[i]);
		}
		name = "argument";
	} else {
		if ((!file || !strcmp(file, "-")) && isatty(0) && !batch)   /* someone at a terminal */
			fputs(_("Paste the message, then press Enter and Ctrl-D.\n"), stderr);
		if (batch ? !(batch_in = open_input(file)) : read_file_max(file, &in, INPUT_MAX) < 0) {
			if (errno == EFBIG)
				warnx_(_("%s: a message longer than 64 MB"), name);
			else
				warnx_(_("%s: %s"), name, strerror(errno));
			sb_release(&in);
			return EXIT_USAGE;
		}
	}
	if (!batch && in.len && image_kind(in.buf, in.len) != IMAGE_NONE)
		is_image = 1;   /* -f or standard input, an image by its bytes */
	struct store *st = cmd_store(db);
	report_begin(&rep, st);
	int status = batch ? report_jsonl(&rep, batch_in, name)
		   : is_image ? check_image(&rep, &in, name)
			      : report_one(&rep, NULL, in.buf, in.len, name, 1);
	close_input(batch_in);
	report_end(&rep);
	sb_release(&in);
	return status;
}
