/* cmd_remove.c: saring remove: take documents out of the corpus. */
#include <getopt.h>
#include <stdio.h>

#include "i18n.h"
#include "commands.h"
#include "store.h"
#include "util.h"

int cmd_remove(int argc, char **argv)
{
	const char *db;
	if (parse_db_opts(argc, argv, &db, NULL))
		return EXIT_USAGE;
	if (optind == argc)
		return usage_error(_("give the ids to remove"));
	struct store *st = cmd_store(db);
	if (store_begin(st) < 0)
		store_die(st, "cannot start");
	int status = EXIT_CLEAN;
	long removed = 0;
	for (int i = optind; i < argc; i++) {
		int r = store_remove(st, argv[i]);
		if (r < 0) {
			store_rollback(st);
			store_die(st, "cannot remove");
		}
		if (r == 0) {
			warnx_(_("no document with id '%s'"), argv[i]);
			status = EXIT_USAGE;
		}
		removed += r;
	}
	if (store_commit(st) < 0)
		store_die(st, "cannot commit");
	printf("removed %ld\n", removed);
	return status;
}
