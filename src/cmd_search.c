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
#include "import.h"
#include "match.h"
#include "out.h"
#include "store.h"
#include "util.h"

#define SEARCH_SQL \
	"SELECT d.id, d.label, d.rating, d.title, d.publisher, d.date, d.url, " \
	"snippet(doc_fts, -1, ?1, ?2, '…', 24), bm25(doc_fts, 4.0, 2.0, 1.0) AS rank " \
	"FROM doc_fts JOIN doc d ON d.n = doc_fts.rowid " \
	"WHERE doc_fts MATCH ?3 AND (?4 IS NULL OR d.label = ?4) ORDER BY rank LIMIT ?5"

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

/* Run one search; returns rows printed, or -1 on a bad --fts expression. */
static int run(struct store *st, const char *expr, const char *label, int n, int json,
	       int color, int expert)
{
	sqlite3_stmt *s = store_prepare(st, SEARCH_SQL);
	sqlite3_bind_text(s, 1, out_hl_open(color && !json), -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, out_hl_close(color && !json), -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, expr, -1, SQLITE_STATIC);
	if (label)
		sqlite3_bind_text(s, 4, label, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 5, n);
	int rows = 0, rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *f[8];
		for (int i = 0; i < 8; i++)
			f[i] = (const char *)sqlite3_column_text(s, i);
		double score = -sqlite3_column_double(s, 8);
		rows++;
		if (json) {
			json_t *o = json_object();
			const char *keys[] = { "id", "label", "rating", "title", "publisher", "date", "url", "snippet" };
			for (int i = 0; i < 8; i++)
				json_object_set_new(o, keys[i], out_str(f[i]));
			json_object_set_new(o, "score", json_real(score));
			out_json_line(o);
		} else {
			out_source(stdout, color, rows, f[1], f[2], f[3], f[4], f[5], f[6], f[7], score);
		}
	}
	if (rc != SQLITE_DONE) {
		if (expert && rc == SQLITE_ERROR) {
			warnx_(_("bad --fts expression: %s"), sqlite3_errmsg(st->db));
			sqlite3_finalize(s);
			return -1;
		}
		store_die(st, "cannot search");
	}
	sqlite3_finalize(s);
	return rows;
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
		match_fts_expr(words.buf, words.len, 0, &expr);
		if (!expr.len) {
			usage_error(_("no searchable words in '%s'"), words.buf);
			sb_release(&words);
			sb_release(&expr);
			return EXIT_USAGE;
		}
	}
	struct store *st = store_open(db, STORE_READ);
	int rows = run(st, expr.buf, label, n, json, col, fts != NULL);
	int status = rows < 0 ? EXIT_USAGE : EXIT_CLEAN;
	if (rows == 0 && !fts) {
		match_fts_expr(words.buf, words.len, 1, &expr);
		if (!json)
			printf("%s\n", _("No document has all of these words; documents with some of them:"));
		rows = run(st, expr.buf, label, n, json, col, 0);
		if (rows == 0 && !json)
			printf("%s\n", _("none"));
	} else if (rows == 0 && !json) {
		printf("%s\n", _("No documents found."));
	}
	store_close(st);
	sb_release(&words);
	sb_release(&expr);
	return status;
}
