/*
 * cmd_doctor.c: saring doctor: check the database (SQLite integrity and
 * the FTS5 index) and say how to repair what is wrong.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "store.h"
#include "store_read.h"
#include "util.h"

/* One problem SQLite's integrity check found. */
static void problem(void *ctx, const char *what)
{
	printf("database: %s\n", what);
	*(int *)ctx = 2;
}

int cmd_doctor(int argc, char **argv)
{
	const char *db;
	if (parse_db_opts(argc, argv, &db, NULL))
		return EXIT_USAGE;
	struct store *st = cmd_store(db);
	int bad = 0;
	int rc = store_check_file(st, problem, &bad);
	if (rc == -1) {
		printf("database: cannot check: %s\n", store_errmsg(st));
		bad = 2;
	} else if (rc == -2) {
		printf("database: %s\n", store_errmsg(st));
		bad = 2;
	}
	if (!bad)
		printf("database: ok\n");
	if (bad < 2 && st->readonly) {
		printf("index: not checked (the database is read-only here)\n");
	} else if (bad < 2) {
		if (store_check_index(st) < 0) {
			printf("index: %s\n", store_errmsg(st));
			bad = 1;
		} else {
			printf("index: ok\n");
		}
	}
	if (bad < 2) {
		int off = store_check_terms(st);
		if (off == 0) {
			printf("term counts: ok\n");
		} else {
			printf("term counts: %d terms off\n", off);
			bad = 1;
		}
	}
	if (bad == 1)
		printf("\nThe documents are intact but the search index is not; rebuild it with:\n"
		       "  saring reindex\n");
	else if (bad == 2)
		printf("\nThe database file is damaged. Export what can still be read and import it\n"
		       "into a new database, or restore a backup:\n"
		       "  saring --db %s export > rescue.jsonl\n"
		       "  saring --db NEW.db import rescue.jsonl\n", st->path);
	return bad ? EXIT_SYSTEM : EXIT_CLEAN;
}
