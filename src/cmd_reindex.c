/* cmd_reindex.c: saring reindex: rebuild the FTS5 index and stored terms. */
#include <getopt.h>
#include <stdio.h>

#include "i18n.h"
#include "commands.h"
#include "store.h"
#include "util.h"

int cmd_reindex(int argc, char **argv)
{
	const char *db;
	if (parse_db_opts(argc, argv, &db, NULL))
		return EXIT_USAGE;
	if (optind != argc)
		return usage_error(_("reindex takes no arguments"));
	struct store *st = cmd_store(db);
	if (store_begin(st) < 0 || store_reindex(st) < 0) {
		const char *msg = store_errmsg(st);
		warnx_(_("%s: cannot rebuild the index: %s"), st->path, msg);
		store_rollback(st);
		return EXIT_SYSTEM;
	}
	if (store_commit(st) < 0)
		store_die(st, "cannot commit");
	printf("index rebuilt\n");
	return EXIT_CLEAN;
}
