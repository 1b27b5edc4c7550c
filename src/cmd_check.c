/*
 * cmd_check.c: saring check: match one message (or a JSON Lines batch,
 * or an image's text) and print the verdict with the closest sources.
 * The checking is check.c's, the printing report.c's; this file reads
 * the options and the input and calls them.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "commands.h"
#include "i18n.h"
#include "image.h"
#include "match.h"
#include "out.h"
#include "report.h"
#include "util.h"

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
	struct report rep = { OUT_HUMAN, 0 };
	int topn = 3;
	const char *file = NULL, *image = NULL, *color = "auto", *db = global_db;
	int batch = 0, c;
	while ((c = getopt_long(argc, argv, "n:f:", longopts, NULL)) != -1) {
		switch (c) {
		case 'n': topn = (int)opt_int(optarg, 1, 100, "-n"); break;
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
	} else if (optind + 1 == argc && !batch && check_image_file(argv[optind])
		   && read_file(argv[optind], &in) == 0) {
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
	struct check ck = { matcher_new(st), { topn, rep.format != OUT_TSV }, 0, report_verdict, report_bad_line, &rep };
	struct check_msg msg = { NULL, name, 1, NULL };
	int status = batch ? check_jsonl(&ck, batch_in, name)
		   : is_image ? check_image(&ck, in.buf, in.len, name)
			      : check_text(&ck, &msg, in.buf, in.len);
	close_input(batch_in);
	matcher_free(ck.m);
	sb_release(&in);
	return status;
}
