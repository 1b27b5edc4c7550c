/* cmd_normalize.c: saring normalize: print text as canonical tokens. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "commands.h"
#include "normalize.h"
#include "util.h"

struct out {
	int tokens;   /* one token per line */
	int first;    /* no token printed yet on this line */
};

static int print_token(void *ctx, const struct token *t)
{
	struct out *o = ctx;
	if (o->tokens) {
		fwrite(t->text, 1, t->len, stdout);
		putchar('\n');
	} else {
		if (!o->first)
			putchar(' ');
		fwrite(t->text, 1, t->len, stdout);
		o->first = 0;
	}
	return 0;
}

static int normalize_file(struct pipeline *pl, const char *path, unsigned opts, struct out *o)
{
	struct text_where w = { strcmp(path, "-") ? path : "stdin", 1 };
	FILE *f = open_input(path);
	if (!f) {
		warnx_(_("%s: %s"), w.file, strerror(errno));
		return EXIT_USAGE;
	}
	struct strbuf line = STRBUF_INIT;
	int got, status = EXIT_CLEAN;
	while ((got = read_line(f, &line, INPUT_MAX)) > 0) {   /* a line at a time: a FIFO may never end */
		const char *p = line.buf;
		size_t len = line.len;
		if (w.line == 1 && len >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3)) {
			p += 3;
			len -= 3;
		}
		if (got == 2)
			warnx_(_("%s:%ld: line longer than 64 MB, cut"), w.file, w.line);
		o->first = 1;
		norm_text(pl, p, len, opts, print_token, o, text_warn_utf8, &w);
		if (!o->tokens)
			putchar('\n');
		w.line++;
	}
	if (got < 0) {
		warnx_(_("%s: %s"), w.file, strerror(EIO));
		status = EXIT_USAGE;
	}
	close_input(f);
	sb_release(&line);
	return status;
}

int cmd_normalize(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "stem", no_argument, NULL, 's' },
		{ "tokens", no_argument, NULL, 't' },
		{ NULL, 0, NULL, 0 },
	};
	unsigned opts = 0;
	struct out o = { 0, 1 };
	int c;
	while ((c = getopt_long(argc, argv, "st", longopts, NULL)) != -1) {
		switch (c) {
		case 's': opts |= NORM_STEM; break;
		case 't': o.tokens = 1; break;
		default: return usage_error(_("unknown option"));
		}
	}
	int status = EXIT_CLEAN;
	struct pipeline *pl = pipeline_new();
	if (optind == argc)
		status = normalize_file(pl, "-", opts, &o);
	for (int i = optind; i < argc; i++) {
		int s = normalize_file(pl, argv[i], opts, &o);
		if (s > status)
			status = s;
	}
	pipeline_free(pl);
	return status;
}
