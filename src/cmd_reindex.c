/* cmd_reindex.c: saring reindex: rebuild the FTS5 index and stored terms. */
#include <getopt.h>
#include <stdio.h>

#include "i18n.h"
#include "commands.h"
#include "store.h"
#include "util.h"

int cmd_reindex(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 },
	};
	const char *db = global_db;
	int c;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		if (c == 'd')
			db = optarg;
		else
			return usage_error(_("unknown option"));
	}
	if (optind != argc)
		return usage_error(_("reindex takes no arguments"));
	struct store *st = store_open(db, STORE_WRITE);
	if (store_exec(st, "BEGIN IMMEDIATE") < 0 || store_reindex(st) < 0) {
		const char *msg = sqlite3_errmsg(st->db);
		warnx_(_("%s: cannot rebuild the index: %s"), st->path, msg);
		store_exec(st, "ROLLBACK");
		store_close(st);
		return EXIT_SYSTEM;
	}
	if (store_exec(st, "COMMIT") < 0)
		store_die(st, "cannot commit");
	printf("index rebuilt\n");
	store_close(st);
	return EXIT_CLEAN;
}
