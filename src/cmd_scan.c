/*
 * cmd_scan.c: saring scan: screen exported WhatsApp chats as a stream.
 *
 * The work is scan.c's (the screening engine, screen.c, behind it); the
 * line per message, the summary for people and the HTML report are
 * report_scan.c's. This file reads the options and calls them.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "i18n.h"
#include "match.h"
#include "report_scan.h"
#include "scan.h"
#include "store.h"
#include "util.h"

static int parse_only(const char *list, unsigned *only)
{
	char *dup = xstrdup(list), *save = NULL;
	*only = 0;
	for (char *t = strtok_r(dup, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		int found = 0;
		for (int v = V_UNKNOWN; v <= V_HOAX; v++)
			if (!strcmp(t, verdict_name((enum verdict)v))) {
				*only |= 1u << v;
				found = 1;
			}
		if (!found) {
			free(dup);
			return -1;
		}
	}
	free(dup);
	return 0;
}

int cmd_scan(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "tsv", no_argument, NULL, 't' },
		{ "only", required_argument, NULL, 'o' },
		{ "min-words", required_argument, NULL, 'w' },
		{ "anonymize", no_argument, NULL, 'a' },
		{ "key-file", required_argument, NULL, 'k' },
		{ "date-order", required_argument, NULL, 'D' },
		{ "top", required_argument, NULL, 'n' },
		{ "html", required_argument, NULL, 'H' },
		{ "no-ocr", no_argument, NULL, 'O' },
		{ "max-text", required_argument, NULL, 'm' },
		{ "db", required_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 },
	};
	struct scan_lines lines = { OUT_HUMAN, 0 };
	struct scan sc = { .order = DATE_AUTO, .ocr = 1, .seen = scan_line, .ctx = &lines,
			   .max_text = (uint64_t)SCAN_TEXT_MAX_MB << 20 };
	const char *html = NULL;
	long min_words = SCAN_MIN_WORDS;
	int anonymize = 0;
	const char *db = global_db, *key_file = NULL;
	int top = SCAN_TOP, c;
	while ((c = getopt_long(argc, argv, "n:", longopts, NULL)) != -1) {
		switch (c) {
		case 'j': lines.format = OUT_JSON; break;
		case 't': lines.format = OUT_TSV; break;
		case 'o':
			if (parse_only(optarg, &lines.only) < 0)
				return usage_error(_("--only wants verdicts (hoax,altered,official,similar,unknown), not '%s'"), optarg);
			break;
		case 'w': min_words = opt_int(optarg, 1, 1000, "--min-words"); break;
		case 'a': anonymize = 1; break;
		case 'k': key_file = optarg; break;
		case 'D':
			if (chat_parse_date_order(optarg, &sc.order) < 0)
				return usage_error(_("--date-order wants dmy, mdy or ymd, not '%s'"), optarg);
			break;
		case 'n': top = (int)opt_int(optarg, 1, 1000000, "--top"); break;
		case 'H': html = optarg; break;
		case 'O': sc.ocr = 0; break;
		case 'm': sc.max_text = (uint64_t)opt_int(optarg, 1, 1 << 20, "--max-text") << 20; break;
		case 'd': db = optarg; break;
		default: return usage_error(_("unknown option"));
		}
	}
	if (optind == argc)
		return usage_error(_("no chat export given (use - for standard input)"));
	if (key_file && !anonymize)
		return usage_error(_("--key-file goes with --anonymize"));
	struct store *st = cmd_store(db);
	struct matcher *m = matcher_new(st);
	scan_init(&sc, m, min_words, anonymize, key_file);
	matcher_batch(m, 1);
	sc.progress = isatty(2);   /* a count on the terminal while long chats are read */
	int status = EXIT_CLEAN;
	for (int i = optind; i < argc; i++)
		if (scan_export(&sc, argv[i]) != EXIT_CLEAN)
			status = EXIT_USAGE;
	if (lines.format == OUT_HUMAN)
		scan_summary(&sc, top);
	if (html && scan_html(&sc, html, top) < 0)
		status = EXIT_SYSTEM;
	matcher_free(m);
	scan_free(&sc);
	return status > sc.status ? status : sc.status;
}
