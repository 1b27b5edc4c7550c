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
		{ "color", required_argument, NULL, 'c' },
		{ "colour", required_argument, NULL, 'c' },
		{ "reply", no_argument, NULL, 'r' },
		{ "db", required_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 },
	};
	struct report rep = { 0 };
	rep.format = OUT_HUMAN;
	rep.topn = 3;
	const char *file = NULL, *color = "auto", *db = global_db;
	int batch = 0, c;
	while ((c = getopt_long(argc, argv, "n:f:", longopts, NULL)) != -1) {
		switch (c) {
		case 'n': rep.topn = (int)opt_int(optarg, 1, 100, "-n"); break;
		case 'j': rep.format = OUT_JSON; break;
		case 't': rep.format = OUT_TSV; break;
		case 'b': batch = 1; break;
		case 'f': file = optarg; break;
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
	if (optind < argc && (file || batch))
		return usage_error(_("give the message as arguments, or with -f/--jsonl, not both"));

	struct strbuf in = STRBUF_INIT;
	const char *name = file ? file : "stdin";
	FILE *batch_in = NULL;
	if (optind < argc) {
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
	struct store *st = store_open(db, STORE_READ);
	report_begin(&rep, st);
	int status = batch ? report_jsonl(&rep, batch_in, name)
			   : report_one(&rep, NULL, in.buf, in.len, name, 1);
	close_input(batch_in);
	report_end(&rep);
	store_close(st);
	sb_release(&in);
	return status;
}
