/*
 * cmd_search.c: saring search: keyword search through the same pipeline,
 * ranked by bm25, with highlighted snippets. User words are always quoted
 * tokens, never FTS5 syntax; --fts passes an expert expression.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "commands.h"
#include "import_opts.h"
#include "out.h"
#include "store.h"
#include "store_read.h"
#include "util.h"

/*
 * FTS5 merges the terms of an OR one by one against all the others, so a
 * query's time grows faster than its terms (on the shared corpus 500
 * took 0.8 s, 2,000 took 7 s, 200 a third of a second): more are refused.
 */
#define TERMS_MAX 256

/* The terms of an FTS5 expression or a list of words: runs of other than space, less the operators. */
static size_t count_terms(const char *s)
{
	size_t n = 0;
	while (*s) {
		while (*s == ' ' || *s == '\t' || *s == '\n')
			s++;
		const char *w = s;
		while (*s && *s != ' ' && *s != '\t' && *s != '\n')
			s++;
		size_t len = (size_t)(s - w);
		if (len && !(len == 2 && !strncmp(w, "OR", 2)) && !(len == 3 && (!strncmp(w, "AND", 3) ||
		    !strncmp(w, "NOT", 3))))
			n++;
	}
	return n;
}

struct shown {
	int json, color, rows;
};

static void show_hit(void *ctx, const struct search_hit *h)
{
	struct shown *o = ctx;
	o->rows++;
	if (o->json) {
		json_t *j = json_object();
		const char *keys[] = { "id", "label", "rating", "title", "publisher", "date", "url", "snippet" };
		const char *f[] = { h->id, h->label, h->rating, h->title, h->publisher, h->date, h->url, h->snippet };
		for (int i = 0; i < 8; i++)
			json_object_set_new(j, keys[i], out_str(f[i]));
		json_object_set_new(j, "score", json_real(h->score));
		out_json_line(j);
	} else {
		out_source(stdout, o->color, o->rows, h->label, h->rating, h->title, h->publisher, h->date, h->url,
			   h->snippet, h->score);
	}
}

/* Run one search; returns rows printed, or -1 on a bad --fts expression. */
static int run(struct store *st, const char *expr, const char *label, int n, int json,
	       int color, int expert)
{
	struct search_query q = { expr, label, out_hl_open(color && !json), out_hl_close(color && !json), n };
	struct shown o = { json, color, 0 };
	if (store_search(st, &q, show_hit, &o) >= 0)
		return o.rows;
	if (!expert)
		store_die(st, "cannot search");
	warnx_(_("bad --fts expression: %s"), store_errmsg(st));
	return -1;
}

int cmd_search(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "label", required_argument, NULL, 'l' },
		{ "json", no_argument, NULL, 'j' },
		{ "fts", required_argument, NULL, 'F' },
		{ "color", required_argument, NULL, 'c' },
		{ "db", required_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 },
	};
	const char *label = NULL, *fts = NULL, *color = "auto", *db = global_db;
	int n = 10, json = 0, c;
	while ((c = getopt_long(argc, argv, "n:l:", longopts, NULL)) != -1) {
		switch (c) {
		case 'n': n = (int)opt_int(optarg, 1, 1000, "-n"); break;
		case 'l':
			label = import_label(optarg);
			if (!label)
				return usage_error(_("--label must be hoax, factcheck or official, not '%s'"), optarg);
			break;
		case 'j': json = 1; break;
		case 'F': fts = optarg; break;
		case 'c': color = optarg; break;
		case 'd': db = optarg; break;
		default: return usage_error(_("unknown option"));
		}
	}
	int col = out_color(color);
	if (col < 0)
		return usage_error(_("--color wants auto, always or never, not '%s'"), color);
	if (!fts && optind == argc)
		return usage_error(_("nothing to search for"));
	struct strbuf words = STRBUF_INIT, expr = STRBUF_INIT;
	for (int i = optind; i < argc; i++) {
		if (i > optind)
			sb_putc(&words, ' ');
		sb_puts(&words, argv[i]);
	}
	if (fts && optind < argc)
		return usage_error(_("give either --fts EXPR or words to search for, not both"));
	if (count_terms(fts ? fts : words.buf ? words.buf : "") > TERMS_MAX) {
		sb_release(&words);
		return usage_error(_("more than %d terms to search for"), TERMS_MAX);
	}
	if (fts) {
		sb_puts(&expr, fts);
	} else {
		store_fts_expr(words.buf, words.len, 0, &expr);
		if (!expr.len) {
			usage_error(_("no searchable words in '%s'"), words.buf);
			sb_release(&words);
			sb_release(&expr);
			return EXIT_USAGE;
		}
	}
	struct store *st = cmd_store(db);
	int rows = run(st, expr.buf, label, n, json, col, fts != NULL);
	int status = rows < 0 ? EXIT_USAGE : EXIT_CLEAN;
	if (rows == 0 && !fts) {
		store_fts_expr(words.buf, words.len, 1, &expr);
		if (!json)
			printf("%s\n", _("No document has all of these words; documents with some of them:"));
		rows = run(st, expr.buf, label, n, json, col, 0);
		if (rows == 0 && !json)
			printf("%s\n", _("none"));
	} else if (rows == 0 && !json) {
		printf("%s\n", _("No documents found."));
	}
	sb_release(&words);
	sb_release(&expr);
	return status;
}
