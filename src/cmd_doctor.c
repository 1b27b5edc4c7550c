/*
 * cmd_doctor.c: saring doctor: check the database (SQLite integrity and
 * the FTS5 index) and say how to repair what is wrong.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "commands.h"
#include "store.h"
#include "util.h"

int cmd_doctor(int argc, char **argv)
{
	const char *db;
	if (parse_db_opts(argc, argv, &db, NULL))
		return EXIT_USAGE;
	struct store *st = store_open(db, STORE_CHECK);
	int bad = 0;
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(st->db, "PRAGMA integrity_check", -1, &s, NULL) != SQLITE_OK) {
		printf("database: cannot check: %s\n", sqlite3_errmsg(st->db));
		bad = 2;
	} else {
		int rc;
		while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
			const char *r = (const char *)sqlite3_column_text(s, 0);
			if (r && strcmp(r, "ok")) {
				printf("database: %s\n", r);
				bad = 2;
			}
		}
		if (rc != SQLITE_DONE) {
			printf("database: %s\n", sqlite3_errmsg(st->db));
			bad = 2;
		}
		sqlite3_finalize(s);
	}
	if (!bad)
		printf("database: ok\n");
	if (bad < 2 && st->readonly) {
		printf("index: not checked (the database is read-only here)\n");
	} else if (bad < 2) {
		if (sqlite3_exec(st->db, "INSERT INTO doc_fts(doc_fts, rank) VALUES('integrity-check', 1)",
				 NULL, NULL, NULL) != SQLITE_OK) {
			printf("index: %s\n", sqlite3_errmsg(st->db));
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
	store_close(st);
	return bad ? EXIT_SYSTEM : EXIT_CLEAN;
}
