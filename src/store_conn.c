/*
 * store_conn.c: the connection's primitives, the bottom of the store:
 * running a statement, preparing one, reading one number, copying a
 * row's columns, and dying with the database's own message and a hint.
 * store.c (opening), store_read.c, store_write.c and fts_tok.c use them;
 * they use nothing of those.
 */
#include "store_int.h"

#include <stdlib.h>

#include "util.h"

_Noreturn void store_die(struct store *st, const char *what)
{
	const char *msg = st && st->conn->db ? sqlite3_errmsg(st->conn->db) : "unknown error";
	int code = st && st->conn->db ? sqlite3_errcode(st->conn->db) : 0;
	const char *hint = "";
	if ((code == SQLITE_CORRUPT || code == SQLITE_NOTADB) && st->checking)
		hint = "; restore a backup, or import the corpus files again into a new database "
		       "(saring --db NEW.db import FILE...)";
	else if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB)
		hint = "; run 'saring doctor'";
	else if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
		hint = "; another saring is writing, try again";
	else if (code == SQLITE_READONLY)
		hint = "; the database is read-only";
	die(EXIT_SYSTEM, "%s: %s: %s%s", st && st->path ? st->path : "database", what, msg, hint);
}

const char *store_errmsg(struct store *st)
{
	return sqlite3_errmsg(st->conn->db);
}

int store_exec(struct store *st, const char *sql)
{
	return sqlite3_exec(st->conn->db, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

int store_begin(struct store *st)
{
	return store_exec(st, "BEGIN IMMEDIATE");
}

sqlite3_stmt *store_prepare(struct store *st, const char *sql)
{
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(st->conn->db, sql, -1, &s, NULL) != SQLITE_OK)
		store_die(st, "cannot prepare a query");
	return s;
}

int store_query_int(struct store *st, const char *sql)
{
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(st->conn->db, sql, -1, &s, NULL) != SQLITE_OK)
		store_die(st, "cannot read the database");
	int rc = sqlite3_step(s);
	if (rc != SQLITE_ROW) {
		sqlite3_finalize(s);
		store_die(st, "cannot read the database");
	}
	int v = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return v;
}

char *store_col_dup(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);
	return t ? xstrdup((const char *)t) : NULL;
}

void store_doc_row(sqlite3_stmt *s, struct doc *d)
{
	char **f[] = { &d->id, &d->label, &d->rating, &d->title, &d->claim, &d->body,
		       &d->publisher, &d->url, &d->date, &d->source };
	for (int i = 0; i < 10; i++)
		*f[i] = store_col_dup(s, i);
}
