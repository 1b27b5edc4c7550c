/* cmd_show.c: saring show: print one document whole. */
#include <getopt.h>
#include <stdio.h>

#include "i18n.h"
#include "commands.h"
#include "export.h"
#include "out.h"
#include "store.h"
#include "store_read.h"
#include "util.h"

int cmd_show(int argc, char **argv)
{
	const char *db;
	int json = 0;
	if (parse_db_opts(argc, argv, &db, &json))
		return EXIT_USAGE;
	if (optind != argc - 1)
		return usage_error(_("give one document id"));
	struct store *st = cmd_store(db);
	struct doc d = { 0 };
	int found = store_get(st, argv[optind], &d);
	if (!found) {
		warnx_(_("no document with id '%s'"), argv[optind]);
		return EXIT_USAGE;
	}
	if (json) {
		export_jsonl(stdout, &d);
	} else {
		const char *names[] = { "id", "label", "rating", "title", "publisher", "date", "url", "source" };
		const char *vals[] = { d.id, d.label, d.rating, d.title, d.publisher, d.date, d.url, d.source };
		for (size_t i = 0; i < sizeof names / sizeof *names; i++)
			if (vals[i] && *vals[i]) {
				printf("%-10s ", names[i]);
				out_term(stdout, vals[i], 0);
				putchar('\n');
			}
		if (d.claim && *d.claim) {
			fputs("\nclaim:\n", stdout);
			out_term(stdout, d.claim, 1);
			putchar('\n');
		}
		if (d.body && *d.body) {
			putchar('\n');
			out_term(stdout, d.body, 1);
			putchar('\n');
		}
	}
	doc_clear(&d);
	return EXIT_CLEAN;
}
