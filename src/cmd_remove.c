/* cmd_remove.c: saring remove: take documents out of the corpus. */
#include <getopt.h>
#include <stdio.h>

#include "i18n.h"
#include "commands.h"
#include "store.h"
#include "util.h"

int cmd_remove(int argc, char **argv)
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
	if (optind == argc)
		return usage_error(_("give the ids to remove"));
	struct store *st = store_open(db, STORE_WRITE);
	if (store_exec(st, "BEGIN IMMEDIATE") < 0)
		store_die(st, "cannot start");
	int status = EXIT_CLEAN;
	long removed = 0;
	for (int i = optind; i < argc; i++) {
		int r = store_remove(st, argv[i]);
		if (r < 0) {
			store_exec(st, "ROLLBACK");
			store_die(st, "cannot remove");
		}
		if (r == 0) {
			warnx_(_("no document with id '%s'"), argv[i]);
			status = EXIT_USAGE;
		}
		removed += r;
	}
	if (store_exec(st, "COMMIT") < 0)
		store_die(st, "cannot commit");
	printf("removed %ld\n", removed);
	store_close(st);
	return status;
}
